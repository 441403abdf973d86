#pragma once

// Internal to core/analysis: keeps attempt_minute (schema 002) in step with the
// events. It is a sum of minute_count, which changes only when events are added,
// so the highest event id tells whether it is current.

#include <QString>

namespace rejectscope {

class Database;

// True when attempt_minute covers every event, after summing again the minutes
// of the events added since (all of them the first time). False when it is
// stale and cannot be written (a read-only connection, a busy database): the
// caller then sums minute_count itself.
bool ensureAttemptMinutes(Database &database);

} // namespace rejectscope
