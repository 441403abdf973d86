#include "modeltext.h"

#include <QCoreApplication>
#include <QDateTime>

using namespace Qt::StringLiterals;

namespace rejectscope::modeltext {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(ModelText)
};

} // namespace

QString time(std::int64_t ms, const QTimeZone &zone)
{
    return QDateTime::fromMSecsSinceEpoch(ms, zone).toString(u"yyyy-MM-dd HH:mm:ss"_s);
}

QString duration(std::int64_t ms)
{
    const std::int64_t seconds = ms / 1000;
    if (seconds < 60)
        return Tr::tr("%1 s").arg(seconds);
    const std::int64_t minutes = seconds / 60;
    if (minutes < 60)
        return Tr::tr("%1 min").arg(minutes);
    const std::int64_t hours = minutes / 60;
    if (hours < 24)
        return Tr::tr("%1 h %2 min").arg(hours).arg(minutes % 60, 2, 10, QLatin1Char('0'));
    return Tr::tr("%1 d %2 h").arg(hours / 24).arg(hours % 24);
}

QString direction(Direction direction)
{
    return direction == Direction::Inbound ? Tr::tr("inbound") : Tr::tr("outbound");
}

QString reason(ReasonClass reason)
{
    switch (reason) {
    case ReasonClass::Other: return Tr::tr("other");
    case ReasonClass::UnknownLocalRecipient: return Tr::tr("unknown local recipient");
    case ReasonClass::UnknownVirtualMailbox: return Tr::tr("unknown virtual mailbox");
    case ReasonClass::UnknownVirtualAlias: return Tr::tr("unknown virtual alias");
    case ReasonClass::UnknownRelayRecipient: return Tr::tr("unknown relay recipient");
    case ReasonClass::UnknownRecipient: return Tr::tr("unknown recipient");
    case ReasonClass::RelayDenied: return Tr::tr("relay denied");
    case ReasonClass::UnknownClientHostname: return Tr::tr("unknown client hostname");
    case ReasonClass::UnknownHeloHostname: return Tr::tr("unknown HELO hostname");
    case ReasonClass::SenderDomainNotFound: return Tr::tr("sender domain not found");
    case ReasonClass::RecipientDomainNotFound: return Tr::tr("recipient domain not found");
    case ReasonClass::UnverifiedRecipient: return Tr::tr("unverified recipient");
    case ReasonClass::UnverifiedSender: return Tr::tr("unverified sender");
    case ReasonClass::RblListed: return Tr::tr("RBL listed");
    case ReasonClass::Greylisted: return Tr::tr("greylisted");
    case ReasonClass::RateLimited: return Tr::tr("rate limited");
    case ReasonClass::Policy: return Tr::tr("policy");
    case ReasonClass::Content: return Tr::tr("content");
    case ReasonClass::DoesNotAcceptMail: return Tr::tr("does not accept mail");
    case ReasonClass::MailboxFull: return Tr::tr("mailbox full");
    case ReasonClass::ConnectionFailure: return Tr::tr("connection failure");
    case ReasonClass::DnsFailure: return Tr::tr("DNS failure");
    case ReasonClass::ServiceUnavailable: return Tr::tr("service unavailable");
    case ReasonClass::Delivered: return Tr::tr("delivered");
    }
    return Tr::tr("other");
}

QString outcome(ChainOutcome outcome)
{
    switch (outcome) {
    case ChainOutcome::Accepted: return Tr::tr("accepted");
    case ChainOutcome::RejectedForGood: return Tr::tr("rejected for good");
    case ChainOutcome::Expired: return Tr::tr("expired");
    case ChainOutcome::StillRetrying: return Tr::tr("still retrying");
    case ChainOutcome::GaveUp: return Tr::tr("gave up");
    }
    return QString();
}

QString status(DeliveryStatus status)
{
    switch (status) {
    case DeliveryStatus::None: return QString();
    case DeliveryStatus::Sent: return Tr::tr("sent");
    case DeliveryStatus::Deferred: return Tr::tr("deferred");
    case DeliveryStatus::Bounced: return Tr::tr("bounced");
    case DeliveryStatus::Expired: return Tr::tr("expired");
    case DeliveryStatus::SoftBounce: return Tr::tr("soft bounce");
    case DeliveryStatus::Deliverable: return Tr::tr("deliverable");
    case DeliveryStatus::Undeliverable: return Tr::tr("undeliverable");
    case DeliveryStatus::Other: return Tr::tr("other");
    }
    return QString();
}

QString kind(EventKind kind)
{
    switch (kind) {
    case EventKind::Reject: return Tr::tr("rejected");
    case EventKind::RejectWarning: return Tr::tr("reject warning");
    case EventKind::Delivery: return Tr::tr("delivery");
    case EventKind::QueueSender: return Tr::tr("queued");
    case EventKind::Expired: return Tr::tr("expired");
    case EventKind::BounceNotice: return Tr::tr("bounce notice");
    }
    return QString();
}

QVariant plainToolTip(const QString &text)
{
    if (text.isEmpty())
        return {};
    return u"<p style='white-space:pre-wrap'>%1</p>"_s.arg(text.toHtmlEscaped());
}

QVariant numberAlignment()
{
    return int(Qt::AlignRight | Qt::AlignVCenter);
}

} // namespace rejectscope::modeltext
