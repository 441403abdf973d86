#pragma once

#include "textarena.h"

#include <QtGlobal>

#include <cstddef>
#include <optional>
#include <string_view>
#include <unordered_map>

namespace rejectscope {

// Remembers the envelope sender of recent queue ids (from qmgr "from=<…>" lines) so
// that delivery events, whose lines do not name the sender, carry it. Bounded: two
// generations of at most `capacity` entries each, the older dropped when the newer
// fills up — a queue id's deliveries follow its qmgr line closely.
class QueueSenderCache
{
public:
    explicit QueueSenderCache(qsizetype capacity = 50000);

    void remember(std::string_view queueId, std::string_view sender);
    // The sender, as a view valid until the next remember().
    std::optional<std::string_view> senderOf(std::string_view queueId) const;

private:
    // The map's keys and values are views into the generation's own arena.
    struct Generation {
        std::unordered_map<std::string_view, std::string_view> senders;
        TextArena text;
    };

    qsizetype m_capacity;
    std::size_t m_byteLimit; // also a bound when one queue id keeps changing its sender
    Generation m_current;
    Generation m_previous;
};

} // namespace rejectscope
