#pragma once

#include "analysis/reasonclass.h"
#include "parse/event.h"

#include <QHash>

#include <cstdint>

namespace rejectscope {

// Rows for minute_count: events per minute × direction × kind × code class × reason
// × status. Counted on the parsing thread for each batch; the writer sums the
// batches of a transaction and upserts the sums when it commits.
class MinuteCounts
{
public:
    struct Key {
        std::int64_t minute;
        std::uint8_t direction, kind, codeClass, reason, status;
        friend bool operator==(const Key &, const Key &) = default;
        friend size_t qHash(const Key &key, size_t seed = 0) noexcept
        {
            return qHashMulti(seed, key.minute, key.direction, key.kind, key.codeClass, key.reason,
                              key.status);
        }
    };
    using Map = QHash<Key, std::int64_t>;

    // Rejections, warnings, deliveries and expiries are counted; queue senders and
    // bounce notices are not.
    static bool counts(EventKind kind)
    {
        return kind == EventKind::Reject || kind == EventKind::RejectWarning
            || kind == EventKind::Delivery || kind == EventKind::Expired;
    }

    static Key keyOf(const Event &event, ReasonClass reason, int codeClass)
    {
        // Floor division: a minute before 1970 starts at its lower end.
        const std::int64_t minute = event.timeUtcMs >= 0 ? event.timeUtcMs / 60000
                                                         : (event.timeUtcMs - 59999) / 60000;
        return {minute, std::uint8_t(event.direction), std::uint8_t(event.kind),
                std::uint8_t(codeClass), std::uint8_t(reason), std::uint8_t(event.status)};
    }

    void add(const Event &event, ReasonClass reason, int codeClass)
    {
        if (counts(event.kind))
            ++m_counts[keyOf(event, reason, codeClass)];
    }
    void add(const MinuteCounts &other)
    {
        for (auto it = other.m_counts.cbegin(); it != other.m_counts.cend(); ++it)
            m_counts[it.key()] += it.value();
    }
    void clear() { m_counts.clear(); }
    const Map &map() const { return m_counts; }

private:
    Map m_counts;
};

} // namespace rejectscope
