#include "queueparser.h"

#include "fieldscanner.h"
#include "textscan.h"

namespace rejectscope {

using namespace text;

LineVerdict QueueParser::parseSender(std::string_view text, Event &event,
                                     std::string_view &problem)
{
    event.direction = Direction::Outbound;
    FieldScanner scanner(text);
    std::string_view name;
    std::string_view value;
    bool haveSize = false;
    bool haveNrcpt = false;
    std::string_view status;
    while (scanner.next(name, value)) {
        if (name == "from") {
            event.sender = value;
            event.senderKnown = true;
        } else if (name == "size") {
            std::int64_t size = 0;
            haveSize = takeNumber(value, size);
            event.size = size;
        } else if (name == "nrcpt") {
            std::int64_t nrcpt = 0;
            haveNrcpt = takeNumber(value, nrcpt);
            event.nrcpt = static_cast<int>(nrcpt);
        } else if (name == "status") {
            status = value;
        }
    }
    if (!status.empty()) {
        if (status == "expired" || status == "force-expired") {
            event.kind = EventKind::Expired;
            event.status = DeliveryStatus::Expired;
            return LineVerdict::Event;
        }
        problem = "queue manager line with an unknown status";
        return LineVerdict::NotUnderstood;
    }
    if (haveSize && haveNrcpt) {
        event.kind = EventKind::QueueSender;
        return LineVerdict::Event;
    }
    problem = "queue manager line without size= and nrcpt=";
    return LineVerdict::NotUnderstood;
}

LineVerdict QueueParser::parseBounceNotice(std::string_view text, Event &event,
                                           std::string_view &problem)
{
    event.kind = EventKind::BounceNotice;
    event.direction = Direction::Outbound;
    text = trimLeft(text);
    std::size_t end = 0;
    while (end < text.size() && isAlnum(text[end]))
        ++end;
    if (end == 0) {
        problem = "non-delivery notification without a queue id";
        return LineVerdict::NotUnderstood;
    }
    event.noticeQueueId = text.substr(0, end);
    return LineVerdict::Event;
}

} // namespace rejectscope
