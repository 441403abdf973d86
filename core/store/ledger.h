#pragma once

#include <QByteArray>
#include <QString>

#include <cstdint>
#include <optional>

namespace rejectscope {

// What the import ledger knows of one log stream (one row of `source`).
struct LedgerEntry {
    std::int64_t id = 0;
    QByteArray fingerprint;   // hex hash of the stream's first line
    QString path;             // where it was last read from
    std::int64_t offsetReached = 0; // decompressed bytes stored so far (a line start)
    QByteArray tailHash;      // hex hash of the last line before offsetReached
    std::int64_t linesRead = 0;
    std::int64_t events = 0;
    std::int64_t ignored = 0;
    std::int64_t foreignLines = 0;
    std::int64_t notUnderstood = 0;
    std::int64_t truncatedLines = 0;
    std::optional<std::int64_t> firstTimeMs;
    std::optional<std::int64_t> lastTimeMs;
};

// The content hash the ledger uses for fingerprints and tail checks.
QByteArray ledgerHash(const QByteArray &bytes);

} // namespace rejectscope
