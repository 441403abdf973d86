#pragma once

#include <QByteArray>
#include <QHash>

#include <optional>
#include <string_view>

namespace rejectscope {

// Remembers the envelope sender of recent queue ids (from qmgr "from=<…>" lines) so
// that delivery events, whose lines do not name the sender, carry it. Bounded: two
// generations of at most `capacity` entries each, the older dropped when the newer
// fills up — a queue id's deliveries follow its qmgr line closely.
class QueueSenderCache
{
public:
    explicit QueueSenderCache(qsizetype capacity = 50000)
        : m_capacity(capacity)
    {
    }

    void remember(std::string_view queueId, std::string_view sender);
    // The sender, as a view valid until the next remember().
    std::optional<std::string_view> senderOf(std::string_view queueId) const;

private:
    qsizetype m_capacity;
    QHash<QByteArray, QByteArray> m_current;
    QHash<QByteArray, QByteArray> m_previous;
};

} // namespace rejectscope
