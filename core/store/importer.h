#pragma once

#include "queuesendercache.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QTimeZone>

#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>

namespace rejectscope {

class Database;
class LogSource;

// How year-less timestamps are read and how often the import commits.
struct ImportOptions {
    std::optional<int> year;       // --year: the year of each file's first year-less line
    QTimeZone zone = QTimeZone::systemTimeZone(); // --tz: the zone of year-less stamps
    QDateTime stdinReference;      // "now" for standard input, which has no mtime
    int batchLines = 50000;        // lines per transaction; cancel is checked between them
    // A large file against a small database is imported in bulk (indexes built at the
    // end, larger transactions); false imports it like any other (for comparisons).
    bool allowBulk = true;
};

// Where an import stands, for a progress bar.
struct ImportProgress {
    QString path;
    std::int64_t bytesDone = 0;  // of this file, compressed side
    std::int64_t bytesTotal = -1; // of this file; -1 for standard input
    std::int64_t linesRead = 0;  // of this file, in this run
};

// A line that looked like a rejection or delivery but did not parse.
struct UnparsedSample {
    std::int64_t lineOffset = 0;
    QString problem;
    QString text;
};

// What one file's import did.
struct ImportReport {
    enum class Outcome {
        Imported,        // new lines were stored (or the file held none)
        AlreadyImported, // every line was stored before
        Cancelled,       // stopped at a batch boundary; what was read is stored
        Failed,          // see error; lines read before the failure are stored
    };
    QString path;
    Outcome outcome = Outcome::Imported;
    QString error;             // translated reason, without the path
    bool resumed = false;      // continued a stream the ledger knew (rotated or grown)
    std::int64_t skippedBytes = 0; // bytes already stored, not read again
    std::int64_t linesRead = 0;
    std::int64_t events = 0;
    std::int64_t ignored = 0;
    std::int64_t foreignLines = 0; // not from Postfix (part of ignored)
    std::int64_t notUnderstood = 0;
    std::int64_t truncatedLines = 0;
    QList<UnparsedSample> samples; // the first few not understood lines of this run
};

// Reads log files into the database: parses each line, stores events in batched
// transactions and keeps the import ledger true, so that a file, its rotated or
// compressed copy, or its grown self adds each line exactly once.
class Importer
{
public:
    using ProgressCallback = std::function<void(const ImportProgress &)>;

    Importer(Database &database, ImportOptions options);

    void setProgressCallback(ProgressCallback callback) { m_progress = std::move(callback); }
    // Checked between batches; when it becomes true the import stops cleanly.
    void setCancelFlag(const std::atomic_bool *cancel) { m_cancel = cancel; }

    ImportReport importFile(const QString &path);

    static constexpr int samplesPerSource = 100;
    static constexpr int checkpointInterval = 1024; // lines between ledger checkpoints
    // Lines per transaction of a bulk import (batchLines, if more): each commit syncs
    // the disk three times, and what a killed import keeps is what it committed.
    static constexpr int bulkTransactionLines = 250000;

private:
    // Reads `readPath`, recording it in the ledger and the report as `path`.
    ImportReport importSource(const QString &readPath, const QString &path);
    // True when the file is large against what is stored: indexes are then rebuilt.
    bool isBulkImport(const LogSource &source) const;

    Database &m_database;
    ImportOptions m_options;
    ProgressCallback m_progress;
    const std::atomic_bool *m_cancel = nullptr;
    QueueSenderCache m_queueSenders; // spans files: a rotated set is one history
};

} // namespace rejectscope
