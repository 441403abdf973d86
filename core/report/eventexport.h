#pragma once

#include "analysis/eventquery.h"
#include "table.h"

#include <QTimeZone>

#include <atomic>
#include <cstdint>
#include <functional>

namespace rejectscope {

// The raw events as CSV (RFC 4180, formula-safe) at `path`, in time order, one row
// at a time: memory stays flat however many events the filter selects. Written
// through a temporary file that replaces `path` only when complete, so a cancelled
// or failed export leaves an existing file untouched and no partial one. `progress`
// gets (rows done, rows in all) every few thousand rows and at the end. False on
// failure or cancel, with `error` saying why.
bool exportEventsCsv(Database &database, const AnalysisFilter &filter, const QString &path,
                     const QTimeZone &zone, const std::atomic_bool *cancel,
                     const std::function<void(std::int64_t done, std::int64_t total)> &progress,
                     QString *error);

// The same columns as a table, for a few rows (selected rows, JSON).
Table eventsTable(const QList<EventRow> &rows, const QTimeZone &zone);

} // namespace rejectscope
