#include "parsedbatch.h"

#include "eventwriter.h"
#include "textsanitizer.h"

#include <cstring>
#include <functional>

namespace rejectscope {

namespace {

bool within(std::string_view part, std::string_view whole)
{
    const std::less_equal<const char *> le;
    return !whole.empty() && le(whole.data(), part.data())
        && le(part.data() + part.size(), whole.data() + whole.size());
}

} // namespace

void ParsedBatch::addEvent(const Event &event, std::int64_t lineOffset, std::string_view asciiLine)
{
    if (events.empty())
        events.reserve(1024); // a batch of 4,096 lines holds about 800 events
    Item &item = events.emplace_back();
    item.lineOffset = lineOffset;
    Event &e = item.event;
    e = event;
    for (std::string_view *field :
         {&e.host, &e.queueId, &e.clientName, &e.clientIp, &e.helo, &e.proto, &e.sender,
          &e.recipient, &e.origRecipient, &e.enhancedCode, &e.replyText, &e.relay, &e.dsn,
          &e.statusText, &e.smtpCommand, &e.noticeQueueId}) {
        if (field->empty())
            *field = {}; // no view into the line buffer may outlive it
        else
            *field = arena.copy(within(*field, asciiLine) ? *field : validUtf8(*field, repairScratch));
    }
    // The program column joins the two; the event keeps views into that copy.
    const std::string_view syslogName = within(e.syslogName, asciiLine)
        ? e.syslogName
        : std::string_view(validUtf8(e.syslogName, repairScratch));
    std::string serviceScratch;
    const std::string_view service = within(e.service, asciiLine)
        ? e.service
        : validUtf8(e.service, serviceScratch);
    item.program = arena.joined(syslogName, '/', service);
    e.syslogName = item.program.substr(0, syslogName.size());
    e.service = item.program.substr(item.program.size() - service.size());
    item.reason = classifyReason(e);
    item.codeClass = codeClass(e);
    item.retryKey = EventWriter::retryKey(e);
    minutes.add(e, item.reason, item.codeClass);
    if (!firstTimeMs || e.timeUtcMs < *firstTimeMs)
        firstTimeMs = e.timeUtcMs;
    if (!lastTimeMs || e.timeUtcMs > *lastTimeMs)
        lastTimeMs = e.timeUtcMs;
}

} // namespace rejectscope
