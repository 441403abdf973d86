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

#include <algorithm>
#include <cstdint>
#include <functional>
#include <string_view>
#include <utility>
#include <vector>

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

// A hash table over 64-bit keys with open addressing, its entries in one vector
// in the order they came: millions of small counts without a node each.
template<typename Value>
class FlatTable
{
public:
    using Entry = std::pair<std::uint64_t, Value>;

    Value &operator[](std::uint64_t key)
    {
        if ((m_entries.size() + 1) * 2 > m_slots.size())
            grow();
        const std::size_t mask = m_slots.size() - 1;
        for (std::size_t i = mix(key) & mask;; i = (i + 1) & mask) {
            Slot &slot = m_slots[i];
            if (slot.index == 0) {
                m_entries.emplace_back(key, Value());
                slot = {key, std::uint32_t(m_entries.size())};
                return m_entries.back().second;
            }
            if (slot.key == key)
                return m_entries[slot.index - 1].second;
        }
    }
    // The value of `key`, or null.
    const Value *find(std::uint64_t key) const
    {
        if (m_slots.empty())
            return nullptr;
        const std::size_t mask = m_slots.size() - 1;
        for (std::size_t i = mix(key) & mask;; i = (i + 1) & mask) {
            const Slot &slot = m_slots[i];
            if (slot.index == 0)
                return nullptr;
            if (slot.key == key)
                return &m_entries[slot.index - 1].second;
        }
    }
    const std::vector<Entry> &entries() const { return m_entries; }
    bool empty() const { return m_entries.empty(); }
    void clear()
    {
        m_entries.clear();
        std::fill(m_slots.begin(), m_slots.end(), Slot());
    }

private:
    struct Slot {
        std::uint64_t key = 0;
        std::uint32_t index = 0; // into m_entries, plus one; 0 when free
    };
    static std::size_t mix(std::uint64_t k)
    {
        k ^= k >> 33;
        k *= 0xff51afd7ed558ccdULL;
        k ^= k >> 33;
        return std::size_t(k);
    }
    void grow()
    {
        std::vector<Slot> grown(std::max<std::size_t>(1024, m_slots.size() * 2));
        const std::size_t mask = grown.size() - 1;
        for (std::size_t e = 0; e < m_entries.size(); ++e) {
            std::size_t i = mix(m_entries[e].first) & mask;
            while (grown[i].index != 0)
                i = (i + 1) & mask;
            grown[i] = {m_entries[e].first, std::uint32_t(e + 1)};
        }
        m_slots.swap(grown);
    }

    std::vector<Entry> m_entries;
    std::vector<Slot> m_slots;
};

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
