#include "parsedbatch.h"

#include "eventwriter.h"
#include "textsanitizer.h"

#include <cstring>

namespace rejectscope {

std::string_view TextArena::copy(std::string_view text)
{
    if (text.empty())
        return {};
    if (text.size() > chunkSize - m_used) {
        m_chunks.push_back(std::make_unique<char[]>(std::max(chunkSize, text.size())));
        m_used = 0;
    }
    char *target = m_chunks.back().get() + m_used;
    std::memcpy(target, text.data(), text.size());
    m_used += text.size();
    return {target, text.size()};
}

void ParsedBatch::addEvent(const Event &event, std::int64_t lineOffset)
{
    Item &item = events.emplace_back();
    item.lineOffset = lineOffset;
    Event &e = item.event;
    e = event;
    for (std::string_view *field :
         {&e.host, &e.syslogName, &e.service, &e.queueId, &e.clientName, &e.clientIp, &e.helo,
          &e.proto, &e.sender, &e.recipient, &e.origRecipient, &e.enhancedCode, &e.replyText,
          &e.relay, &e.dsn, &e.statusText, &e.smtpCommand, &e.noticeQueueId})
        *field = arena.copy(validUtf8(*field, repairScratch));
    item.reason = classifyReason(e);
    item.codeClass = codeClass(e);
    item.retryKey = EventWriter::retryKey(e);
}

} // namespace rejectscope
