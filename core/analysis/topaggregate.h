#pragma once

// Internal to core/analysis: the counts behind the top lists (schema 003,
// top_count), kept in step with the events the way attempt_minute is: after an
// import, the days of the events added since the last build (by the highest
// event id) are counted again on the first top list asked for, never during the
// import itself. SQLite only (its C API: one pass over millions of events);
// another driver scans the events for every list.

#include "toplists.h"

#include <QList>
#include <QString>

#include <cstdint>
#include <functional>
#include <string_view>

struct sqlite3;

namespace rejectscope {

class Database;

namespace topaggregate {

constexpr std::int64_t dayMs = 24LL * 3600 * 1000;

// The levels of top_count: days, blocks of 8 and of 64 days (level n's buckets
// are the floor of day / days). Each level's size divides the next.
struct Level {
    int number;
    std::int64_t days;
};
inline constexpr Level levels[] = {{0, 1}, {1, 8}, {2, 64}};
inline constexpr int levelCount = 3;

// Buckets [from, to) of one level.
struct BucketRange {
    int level = 0;
    std::int64_t from = 0;
    std::int64_t to = 0;
};

// The days [fromDay, toDay) as the fewest buckets: the largest level's whole
// buckets in the middle, smaller ones towards the edges.
QList<BucketRange> decompose(std::int64_t fromDay, std::int64_t toDay);

// The slots of a count: every attempt, then by the effective class of
// core/analysis/filtersql.h (4 temporary, 5 permanent, 2 accepted).
enum Slot { AllSlot = 0, TemporarySlot = 1, PermanentSlot = 2, AcceptedSlot = 3, slotCount = 4 };
// The slot of a code class filter (2, 4 or 5).
int slotOfClass(int codeClass);

// One attempt as the top lists see it. The keys are empty views when the event
// has none; they stay valid until the next attempt.
struct Attempt {
    std::int64_t id = 0;
    std::int64_t timeMs = 0;
    int kind = 0;
    int direction = 0;
    int reason = 0;
    int codeClass = 0; // 4, 5, 2 or 0 (none)
    bool hasKey[3] = {};
    std::string_view key[3]; // by TopListKind: clients, senders, recipients
};

// Calls `visit` for the attempts of [fromMs, toMs) in time order, with the keys of
// the kinds in `kinds` (bit 1 << kind) worked out as keyExpression() does. False
// when the read fails or `visit` returns false.
bool forEachAttempt(sqlite3 *db, std::int64_t fromMs, std::int64_t toMs, unsigned kinds,
                    const std::function<bool(const Attempt &)> &visit);

// True when top_count covers every event, after counting again the days of the
// events added (and of deliveries whose sender was filled in) since the last
// build. False when it is stale and cannot be written (a read-only connection, a
// busy database) or the database is not SQLite: the caller then scans the events.
bool ensureCurrent(Database &database);

// The SQL expression of a top list's key on event columns (alias `p`, with its
// dot): NULL when the event has none. Clients: inbound "name[ip]", or the IP
// when the name is unknown; outbound the relay. Senders ("<>" for the null
// sender) and recipients in lower case. Reasons: the reason's number.
QString keyExpression(TopListKind kind, const QString &p);

// "(CASE WHEN x >= 0 THEN x ELSE x - (n - 1) END) / n": the floor of x / n in
// integer SQL, for times before 1970.
QString floorDivExpression(const QString &x, std::int64_t n);

} // namespace topaggregate
} // namespace rejectscope
