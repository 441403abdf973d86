#include "names.h"

using namespace Qt::StringLiterals;

namespace rejectscope {

QString directionName(Direction direction)
{
    return direction == Direction::Inbound ? u"inbound"_s : u"outbound"_s;
}

std::optional<Direction> directionFromName(const QString &name)
{
    if (name == u"inbound"_s)
        return Direction::Inbound;
    if (name == u"outbound"_s)
        return Direction::Outbound;
    return std::nullopt;
}

QString eventKindName(EventKind kind)
{
    switch (kind) {
    case EventKind::Reject: return u"reject"_s;
    case EventKind::RejectWarning: return u"reject-warning"_s;
    case EventKind::Delivery: return u"delivery"_s;
    case EventKind::QueueSender: return u"queue-sender"_s;
    case EventKind::Expired: return u"expired"_s;
    case EventKind::BounceNotice: return u"bounce-notice"_s;
    }
    return u"unknown"_s;
}

QString stageName(Stage stage)
{
    switch (stage) {
    case Stage::None: return QString();
    case Stage::Connect: return u"CONNECT"_s;
    case Stage::Helo: return u"HELO"_s;
    case Stage::Ehlo: return u"EHLO"_s;
    case Stage::Mail: return u"MAIL"_s;
    case Stage::Rcpt: return u"RCPT"_s;
    case Stage::Data: return u"DATA"_s;
    case Stage::Bdat: return u"BDAT"_s;
    case Stage::EndOfMessage: return u"END-OF-MESSAGE"_s;
    case Stage::Vrfy: return u"VRFY"_s;
    case Stage::Etrn: return u"ETRN"_s;
    case Stage::Unknown: return u"UNKNOWN"_s;
    }
    return QString();
}

QString deliveryStatusName(DeliveryStatus status)
{
    switch (status) {
    case DeliveryStatus::None: return QString();
    case DeliveryStatus::Sent: return u"sent"_s;
    case DeliveryStatus::Deferred: return u"deferred"_s;
    case DeliveryStatus::Bounced: return u"bounced"_s;
    case DeliveryStatus::Expired: return u"expired"_s;
    case DeliveryStatus::SoftBounce: return u"SOFTBOUNCE"_s;
    case DeliveryStatus::Deliverable: return u"deliverable"_s;
    case DeliveryStatus::Undeliverable: return u"undeliverable"_s;
    case DeliveryStatus::Other: return u"other"_s;
    }
    return QString();
}

QString codeClassName(int codeClass)
{
    return codeClass >= 2 && codeClass <= 5 ? u"%1xx"_s.arg(codeClass) : u"-"_s;
}

} // namespace rejectscope
