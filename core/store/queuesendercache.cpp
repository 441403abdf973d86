#include "queuesendercache.h"

namespace rejectscope {

namespace {

QByteArray bytes(std::string_view text)
{
    return QByteArray(text.data(), qsizetype(text.size()));
}

} // namespace

void QueueSenderCache::remember(std::string_view queueId, std::string_view sender)
{
    if (queueId.empty())
        return;
    if (m_current.size() >= m_capacity) {
        m_previous = std::move(m_current);
        m_current.clear();
    }
    m_current.insert(bytes(queueId), bytes(sender));
}

std::optional<std::string_view> QueueSenderCache::senderOf(std::string_view queueId) const
{
    const QByteArray key = QByteArray::fromRawData(queueId.data(), qsizetype(queueId.size()));
    for (const auto *map : {&m_current, &m_previous}) {
        const auto it = map->constFind(key);
        if (it != map->constEnd())
            return std::string_view(it->constData(), std::size_t(it->size()));
    }
    return std::nullopt;
}

} // namespace rejectscope
