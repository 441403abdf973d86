#pragma once

// Internal to core/analysis: keeps key_hour (schema 004) in step with the events
// and reads it. Before/after counts the distinct retry keys of two windows; over
// days a window holds hundreds of thousands of attempts, and reading them row by
// row takes seconds where merging the stored key lists of its whole hours takes
// milliseconds. Events are only ever added, so the highest event id tells whether
// the table is current.

#include "analysisfilter.h"

#include <QString>

#include <cstdint>
#include <vector>

struct sqlite3;

namespace rejectscope {

class Database;

namespace keyhours {

constexpr std::int64_t hourMs = 3600 * 1000;

// Attempts with a retry key, and the keys (each as often as it was met; see
// distinctCount()).
struct KeyTally {
    std::int64_t attempts = 0;
    std::int64_t temporary = 0; // of them 4xx / deferred
    std::int64_t permanent = 0; // of them 5xx / bounced
    std::vector<std::int64_t> keys;
};

// True when key_hour covers every event, after building the hours of the events
// added since (all of them the first time). False when it is stale and cannot be
// written (a read-only connection, a busy database, not SQLite): the caller then
// reads the events.
bool ensureCurrent(Database &database);

// Adds the stored hours [firstHour, endHour) that match the filter's direction,
// reason and code class (its time and text are not looked at) to `tally`.
bool addStoredHours(sqlite3 *db, std::int64_t firstHour, std::int64_t endHour,
                    const AnalysisFilter &filter, KeyTally &tally, QString &error);

// The number of distinct keys; sorts `keys`.
std::int64_t distinctCount(std::vector<std::int64_t> &keys);

} // namespace keyhours
} // namespace rejectscope
