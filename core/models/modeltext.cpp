#include "modeltext.h"

#include <QCoreApplication>
#include <QDateTime>

using namespace Qt::StringLiterals;

namespace rejectscope::modeltext {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("ModelText", text);
}

} // namespace

QString time(std::int64_t ms, const QTimeZone &zone)
{
    return QDateTime::fromMSecsSinceEpoch(ms, zone).toString(u"yyyy-MM-dd HH:mm:ss"_s);
}

QString duration(std::int64_t ms)
{
    const std::int64_t seconds = ms / 1000;
    if (seconds < 60)
        return tr("%1 s").arg(seconds);
    const std::int64_t minutes = seconds / 60;
    if (minutes < 60)
        return tr("%1 min").arg(minutes);
    const std::int64_t hours = minutes / 60;
    if (hours < 24)
        return tr("%1 h %2 min").arg(hours).arg(minutes % 60, 2, 10, QLatin1Char('0'));
    return tr("%1 d %2 h").arg(hours / 24).arg(hours % 24);
}

QString direction(Direction direction)
{
    return direction == Direction::Inbound ? tr("inbound") : tr("outbound");
}

QString reason(ReasonClass reason)
{
    switch (reason) {
    case ReasonClass::Other: return tr("other");
    case ReasonClass::UnknownLocalRecipient: return tr("unknown local recipient");
    case ReasonClass::UnknownVirtualMailbox: return tr("unknown virtual mailbox");
    case ReasonClass::UnknownVirtualAlias: return tr("unknown virtual alias");
    case ReasonClass::UnknownRelayRecipient: return tr("unknown relay recipient");
    case ReasonClass::UnknownRecipient: return tr("unknown recipient");
    case ReasonClass::RelayDenied: return tr("relay denied");
    case ReasonClass::UnknownClientHostname: return tr("unknown client hostname");
    case ReasonClass::UnknownHeloHostname: return tr("unknown HELO hostname");
    case ReasonClass::SenderDomainNotFound: return tr("sender domain not found");
    case ReasonClass::RecipientDomainNotFound: return tr("recipient domain not found");
    case ReasonClass::UnverifiedRecipient: return tr("unverified recipient");
    case ReasonClass::UnverifiedSender: return tr("unverified sender");
    case ReasonClass::RblListed: return tr("RBL listed");
    case ReasonClass::Greylisted: return tr("greylisted");
    case ReasonClass::RateLimited: return tr("rate limited");
    case ReasonClass::Policy: return tr("policy");
    case ReasonClass::Content: return tr("content");
    case ReasonClass::DoesNotAcceptMail: return tr("does not accept mail");
    case ReasonClass::MailboxFull: return tr("mailbox full");
    case ReasonClass::ConnectionFailure: return tr("connection failure");
    case ReasonClass::DnsFailure: return tr("DNS failure");
    case ReasonClass::ServiceUnavailable: return tr("service unavailable");
    case ReasonClass::Delivered: return tr("delivered");
    }
    return tr("other");
}

QString outcome(ChainOutcome outcome)
{
    switch (outcome) {
    case ChainOutcome::Accepted: return tr("accepted");
    case ChainOutcome::RejectedForGood: return tr("rejected for good");
    case ChainOutcome::Expired: return tr("expired");
    case ChainOutcome::StillRetrying: return tr("still retrying");
    case ChainOutcome::GaveUp: return tr("gave up");
    }
    return QString();
}

QString status(DeliveryStatus status)
{
    switch (status) {
    case DeliveryStatus::None: return QString();
    case DeliveryStatus::Sent: return tr("sent");
    case DeliveryStatus::Deferred: return tr("deferred");
    case DeliveryStatus::Bounced: return tr("bounced");
    case DeliveryStatus::Expired: return tr("expired");
    case DeliveryStatus::SoftBounce: return tr("soft bounce");
    case DeliveryStatus::Deliverable: return tr("deliverable");
    case DeliveryStatus::Undeliverable: return tr("undeliverable");
    case DeliveryStatus::Other: return tr("other");
    }
    return QString();
}

QString kind(EventKind kind)
{
    switch (kind) {
    case EventKind::Reject: return tr("rejected");
    case EventKind::RejectWarning: return tr("reject warning");
    case EventKind::Delivery: return tr("delivery");
    case EventKind::QueueSender: return tr("queued");
    case EventKind::Expired: return tr("expired");
    case EventKind::BounceNotice: return tr("bounce notice");
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
