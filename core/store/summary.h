#pragma once

#include "analysis/reasonclass.h"
#include "importer.h"
#include "parse/event.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <optional>

namespace rejectscope {

class Database;

// Events of one direction × kind × code class × reason.
struct SummaryCell {
    Direction direction = Direction::Inbound;
    EventKind kind = EventKind::Reject;
    int codeClass = 0;
    ReasonClass reason = ReasonClass::Other;
    std::int64_t events = 0;
};

// A not-understood line with the log it came from.
struct StoredSample {
    QString path;
    UnparsedSample sample;
};

// What a database holds, at a glance: read from the per-minute counts and the
// ledger, never by scanning events, so it is instant on any size.
struct Summary {
    QList<SummaryCell> cells; // largest first
    std::optional<std::int64_t> firstTimeMs;
    std::optional<std::int64_t> lastTimeMs;
    QStringList hosts;
    std::int64_t sources = 0;
    std::int64_t linesRead = 0;
    std::int64_t events = 0;
    std::int64_t ignored = 0;
    std::int64_t foreignLines = 0;
    std::int64_t notUnderstood = 0;
    std::int64_t truncatedLines = 0;
    QList<StoredSample> samples; // the first not-understood lines, up to the limit asked
};

enum class SummaryParts {
    All,
    WithoutCells, // the ledger's figures, time span and samples, not the cells
};

// Reads the summary; on a query failure returns nullopt and sets `error`.
std::optional<Summary> loadSummary(Database &database, int sampleLimit, QString *error,
                                   SummaryParts parts = SummaryParts::All);

} // namespace rejectscope
