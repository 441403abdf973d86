#include "queuesendercache.h"

namespace rejectscope {

QueueSenderCache::QueueSenderCache(qsizetype capacity)
    : m_capacity(capacity)
    , m_byteLimit(std::size_t(capacity) * 256)
{
    m_current.senders.reserve(std::size_t(capacity));
}

void QueueSenderCache::remember(std::string_view queueId, std::string_view sender)
{
    if (queueId.empty())
        return;
    auto it = m_current.senders.find(queueId);
    if (it != m_current.senders.end()) {
        // qmgr names the sender again at every queue run: mostly nothing changes.
        if (it->second != sender)
            it->second = m_current.text.copy(sender);
        if (m_current.text.size() < m_byteLimit)
            return;
    }
    if (qsizetype(m_current.senders.size()) >= m_capacity || m_current.text.size() >= m_byteLimit) {
        m_previous = std::move(m_current);
        m_current = Generation();
        m_current.senders.reserve(std::size_t(m_capacity));
        it = m_current.senders.end();
    }
    if (it == m_current.senders.end())
        m_current.senders.emplace(m_current.text.copy(queueId), m_current.text.copy(sender));
}

std::optional<std::string_view> QueueSenderCache::senderOf(std::string_view queueId) const
{
    for (const Generation *generation : {&m_current, &m_previous}) {
        const auto it = generation->senders.find(queueId);
        if (it != generation->senders.end())
            return it->second;
    }
    return std::nullopt;
}

} // namespace rejectscope
