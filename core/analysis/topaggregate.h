#pragma once

// Internal to core/analysis: the packed attempts behind the top lists and
// before/after (schema 005, top_day), kept in step with the events the way attempt_minute is: after an
// import, the days of the events added since the last build (by the highest
// event id) are packed again on the first top list asked for, never during the
// import itself. SQLite only (its C API: one pass over millions of events);
// another driver scans the events for every list.

#include "toplists.h"

#include <QString>

#include <cstdint>

namespace rejectscope {

class Database;

namespace topaggregate {

constexpr std::int64_t dayMs = 24LL * 3600 * 1000;

// One attempt's byte in top_day.flags: direction << 7 | class << 5 | reason.
// The class is the effective one of core/analysis/filtersql.h: 0 none,
// 1 temporary (4xx), 2 permanent (5xx), 3 accepted (2xx).
constexpr std::uint8_t directionMask = 0x80;
constexpr std::uint8_t classMask = 0x60;
constexpr std::uint8_t reasonMask = 0x1f;
constexpr int classShift = 5;
constexpr int directionShift = 7;
// The packed class of an effective code class (4, 5, 2; anything else 0).
int packedClass(int codeClass);
constexpr std::uint8_t packFlags(int direction, int codeClass, int reason)
{
    return std::uint8_t((direction & 1) << directionShift | (codeClass & 3) << classShift | (reason & reasonMask));
}

// True when top_day covers every event, after packing again the days of the
// events added (and of deliveries whose sender was filled in) since the last
// build. False when it is stale and cannot be written (a read-only connection, a
// busy database) or the database is not SQLite: the caller then scans the events.
bool ensureCurrent(Database &database);

// The SQL expression of a top list's key on event columns (alias `p`, with its
// dot): NULL when the event has none. Clients: inbound "name[ip]", or the IP
// when the name is unknown; outbound the relay. Senders ("<>" for the null
// sender) and recipients in lower case. Reasons: the reason's number.
QString keyExpression(TopListKind kind, const QString &p);

// The reasons list in its order (most attempts first, ties by name), cut to
// `limit`: the same for every way its entries are counted.
void rankReasonEntries(QList<TopEntry> &entries, int limit);

} // namespace topaggregate
} // namespace rejectscope
