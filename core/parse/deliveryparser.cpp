#include "deliveryparser.h"

#include "fieldscanner.h"
#include "smtpreply.h"
#include "textscan.h"

namespace rejectscope {

using namespace text;

namespace {

DeliveryStatus statusFromWord(std::string_view word)
{
    if (word == "sent") return DeliveryStatus::Sent;
    if (word == "deferred") return DeliveryStatus::Deferred;
    if (word == "bounced") return DeliveryStatus::Bounced;
    if (word == "SOFTBOUNCE") return DeliveryStatus::SoftBounce;
    if (word == "expired" || word == "force-expired") return DeliveryStatus::Expired;
    if (word == "deliverable") return DeliveryStatus::Deliverable;
    if (word == "undeliverable" || word == "undeliverable-but-not-cached")
        return DeliveryStatus::Undeliverable;
    return DeliveryStatus::Other;
}

} // namespace

LineVerdict DeliveryParser::parse(std::string_view text, Event &event, std::string_view &problem)
{
    event.kind = EventKind::Delivery;
    event.direction = Direction::Outbound;

    FieldScanner scanner(text);
    std::string_view name;
    std::string_view value;
    bool haveStatus = false;
    while (!haveStatus && scanner.next(name, value)) {
        if (name == "to") {
            event.recipient = value;
        } else if (name == "orig_to") {
            event.origRecipient = value;
        } else if (name == "relay") {
            event.relay = value;
        } else if (name == "delay") {
            event.delaySeconds = parseSeconds(value);
        } else if (name == "dsn") {
            event.dsn = value;
        } else if (name == "status") {
            event.status = statusFromWord(value);
            haveStatus = true;
        }
    }
    if (!haveStatus || value.empty()) {
        problem = "delivery without status=";
        return LineVerdict::NotUnderstood;
    }

    // "(text)" normally; the text itself may hold parentheses, so the closing one
    // is the last byte. A line cut off by the syslog daemon has none; old logwatch
    // samples have "status=bounced optional text" without any.
    std::string_view rest = trimLeft(scanner.rest());
    if (consume(rest, "(")) {
        if (!rest.empty() && rest.back() == ')')
            rest.remove_suffix(1);
    }
    event.statusText = rest;
    SmtpReply::fillFromStatusText(rest, event);
    return LineVerdict::Event;
}

} // namespace rejectscope
