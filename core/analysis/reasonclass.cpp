#include "analysis/reasonclass.h"

#include "parse/textscan.h"

#include <array>
#include <initializer_list>

namespace rejectscope {

using text::containsNoCase;

namespace {

constexpr std::array<std::string_view, reasonClassCount> names = {
    "other",
    "unknown-local-recipient",
    "unknown-virtual-mailbox",
    "unknown-virtual-alias",
    "unknown-relay-recipient",
    "unknown-recipient",
    "relay-denied",
    "unknown-client-hostname",
    "unknown-helo-hostname",
    "sender-domain-not-found",
    "recipient-domain-not-found",
    "unverified-recipient",
    "unverified-sender",
    "rbl-listed",
    "greylisted",
    "rate-limited",
    "policy",
    "content",
    "does-not-accept-mail",
    "mailbox-full",
    "connection-failure",
    "dns-failure",
    "service-unavailable",
    "delivered",
};

bool containsAny(std::string_view text, std::initializer_list<std::string_view> needles)
{
    for (const std::string_view needle : needles) {
        if (containsNoCase(text, needle))
            return true;
    }
    return false;
}

// "x.2.2" -> subject 2, detail 2. False when `code` is not an enhanced code.
bool splitEnhanced(std::string_view code, int &subject, int &detail)
{
    std::string_view s = code;
    if (s.size() < 5 || s[1] != '.')
        return false;
    s.remove_prefix(2);
    std::int64_t a = 0;
    std::int64_t b = 0;
    if (!text::takeNumber(s, a) || s.empty() || s.front() != '.')
        return false;
    s.remove_prefix(1);
    if (!text::takeNumber(s, b))
        return false;
    subject = static_cast<int>(a);
    detail = static_cast<int>(b);
    return true;
}

// The refusal texts Postfix itself writes (smtpd_check.c) and the common wordings
// of other servers, most specific first: "Recipient address rejected: User unknown
// in local recipient table" must not end up as a generic policy refusal.
std::optional<ReasonClass> classifyText(std::string_view t, const Event &e)
{
    // Address verification first: its text quotes the probe's own failure
    // ("undeliverable address: … User unknown in virtual alias table").
    if (containsAny(t, {"unverified address", "undeliverable address"})) {
        if (containsNoCase(t, "sender address rejected"))
            return ReasonClass::UnverifiedSender;
        if (containsNoCase(t, "recipient address rejected") || e.stage != Stage::Mail)
            return ReasonClass::UnverifiedRecipient;
        return ReasonClass::UnverifiedSender;
    }
    if (containsNoCase(t, "user unknown in local recipient table"))
        return ReasonClass::UnknownLocalRecipient;
    if (containsNoCase(t, "user unknown in virtual mailbox table"))
        return ReasonClass::UnknownVirtualMailbox;
    // "virtual address table" is the name before Postfix 2.x renamed it.
    if (containsAny(t, {"user unknown in virtual alias table", "user unknown in virtual address table"}))
        return ReasonClass::UnknownVirtualAlias;
    if (containsNoCase(t, "user unknown in relay recipient table"))
        return ReasonClass::UnknownRelayRecipient;
    if (containsNoCase(t, "relay access denied"))
        return ReasonClass::RelayDenied;
    if (containsAny(t, {"cannot find your hostname", "cannot find your reverse hostname"}))
        return ReasonClass::UnknownClientHostname;
    if (containsNoCase(t, "helo command rejected: host not found"))
        return ReasonClass::UnknownHeloHostname;
    if (containsNoCase(t, "sender address rejected: domain not found"))
        return ReasonClass::SenderDomainNotFound;
    if (containsNoCase(t, "recipient address rejected: domain not found"))
        return ReasonClass::RecipientDomainNotFound;
    // "Blocked - see <url>" is how Proofpoint and SpamCop word an IP list hit.
    if (containsAny(t, {"blocked using", "dnsbl", "spamhaus", "spamcop", "barracudacentral",
                        "blocklist", "blacklist", "block list", "black list", "blocked - see"}))
        return ReasonClass::RblListed;
    if (containsAny(t, {"over quota", "quota exceeded", "exceeded storage", "mailbox full",
                        "mailbox is full", "mailbox size limit", "insufficient space"}))
        return ReasonClass::MailboxFull;
    if (containsAny(t, {"rate limit", "too many connections", "unusual rate",
                        "connections limit", "connection limit", "too many concurrent",
                        "sending too many", "too many messages", "throttl"}))
        return ReasonClass::RateLimited;
    if (containsAny(t, {"all server ports busy", "all screening ports busy",
                        "insufficient system storage", "temporary lookup failure",
                        "server configuration", "lookup error", "local error",
                        "internal error", "system resources", "too busy"}))
        return ReasonClass::ServiceUnavailable;
    if (containsAny(t, {"user unknown", "unknown user", "no such user", "user doesn't exist",
                        "user does not exist", "account that you tried to reach does not exist",
                        "recipient unknown", "unknown recipient", "mailbox not found",
                        "no mailbox", "invalid recipient", "recipient not found",
                        "no such recipient", "mailbox unavailable"}))
        return ReasonClass::UnknownRecipient;
    if (containsAny(t, {"connection refused", "connection timed out", "timed out",
                        "lost connection", "no route to host", "network is unreachable",
                        "connection reset", "server dropped connection", "host unreachable"}))
        return ReasonClass::ConnectionFailure;
    if (containsAny(t, {"host or domain name not found", "name service error", "host not found",
                        "domain not found", "no mx host", "malformed dns server reply"}))
        return ReasonClass::DnsFailure;
    if (containsAny(t, {"client host rejected", "sender address rejected",
                        "recipient address rejected", "helo command rejected",
                        "etrn command rejected", "access denied", "need fully-qualified",
                        "not owned by user", "spf", "policy", "reverse dns",
                        "not authorized", "not permitted"}))
        return ReasonClass::Policy;
    return std::nullopt;
}

// When no text matched: the enhanced status code's subject (RFC 3463).
std::optional<ReasonClass> classifyCode(const Event &e)
{
    int subject = 0;
    int detail = 0;
    const std::string_view enhanced = !e.enhancedCode.empty() ? e.enhancedCode : e.dsn;
    if (splitEnhanced(enhanced, subject, detail)) {
        if (subject == 1 && detail == 1)
            return ReasonClass::UnknownRecipient;
        if (subject == 2 && detail == 2)
            return ReasonClass::MailboxFull;
        if (subject == 3)
            return ReasonClass::ServiceUnavailable;
        if (subject == 4 && (detail == 1 || detail == 2) && e.replyCode == 0)
            return ReasonClass::ConnectionFailure;
        if (subject == 4 && (detail == 3 || detail == 4) && e.replyCode == 0)
            return ReasonClass::DnsFailure;
        if (subject == 7)
            return ReasonClass::Policy;
    }
    if (e.replyCode == 421)
        return ReasonClass::ServiceUnavailable;
    return std::nullopt;
}

bool isGreylisting(std::string_view t, const Event &e)
{
    // Greylisting servers say so (postgrey "Greylisted", milter-greylist
    // "Greylisting in action", sqlgrey, Exim's greylistd). A bare "try again later"
    // is not enough: milters, Gmail and overloaded servers say it for other reasons.
    if (containsAny(t, {"greylist", "graylist", "grey-list", "gray-list", "grey list", "gray list"}))
        return true;
    // postscreen's after-220 tests: a client that has just passed them is sent away
    // with "450 4.3.2 Service currently unavailable" and let through when it comes
    // back, which is greylisting in effect (a 5xx here is a blacklist action).
    return e.service == "postscreen" && codeClass(e) == 4
        && containsNoCase(t, "service currently unavailable");
}

} // namespace

std::string_view reasonClassName(ReasonClass reason)
{
    const auto index = static_cast<std::size_t>(reason);
    return index < names.size() ? names[index] : names[0];
}

std::optional<ReasonClass> reasonClassFromName(std::string_view name)
{
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (names[i] == name)
            return static_cast<ReasonClass>(i);
    }
    return std::nullopt;
}

ReasonClass classifyReason(const Event &event)
{
    if (event.status == DeliveryStatus::Sent || event.status == DeliveryStatus::Deliverable)
        return ReasonClass::Delivered;

    // Deliveries quote the remote reply in replyText; without one, replyText is the
    // whole status text. Rejections carry their own reply.
    const std::string_view text = !event.replyText.empty() ? event.replyText : event.statusText;

    if (isGreylisting(text, event))
        return ReasonClass::Greylisted;
    // The 5xx form of postscreen's reply is its deny list (postscreen_denylist_action).
    if (event.service == "postscreen" && containsNoCase(text, "service currently unavailable"))
        return ReasonClass::Policy;
    // RFC 7504 (521/556) and null MX (RFC 7505: x.1.10, x.7.27).
    const std::string_view enhancedTail =
        event.enhancedCode.size() > 1 ? event.enhancedCode.substr(1) : std::string_view();
    if (event.replyCode == 521 || event.replyCode == 556 || enhancedTail == ".1.10"
        || enhancedTail == ".7.27" || containsAny(text, {"does not accept mail", "accepts no mail"}))
        return ReasonClass::DoesNotAcceptMail;
    // Milters, before-queue filters and cleanup's header/body checks judge content.
    if (event.action == RejectAction::MilterReject || event.action == RejectAction::ProxyReject
        || (event.service == "cleanup"
            && (event.kind == EventKind::Reject || event.kind == EventKind::RejectWarning)))
        return ReasonClass::Content;
    if (const auto fromText = classifyText(text, event))
        return *fromText;
    if (const auto fromCode = classifyCode(event))
        return *fromCode;
    return ReasonClass::Other;
}

int codeClass(const Event &event)
{
    if (event.replyCode >= 200 && event.replyCode <= 599)
        return event.replyCode / 100;
    if (!event.enhancedCode.empty()) {
        const char c = event.enhancedCode.front();
        if (c == '2' || c == '4' || c == '5')
            return c - '0';
    }
    switch (event.status) {
    case DeliveryStatus::Sent:
    case DeliveryStatus::Deliverable:
        return 2;
    case DeliveryStatus::Deferred:
    case DeliveryStatus::SoftBounce:
        return 4;
    case DeliveryStatus::Bounced:
    case DeliveryStatus::Expired:
    case DeliveryStatus::Undeliverable:
        return 5;
    default:
        return 0;
    }
}

} // namespace rejectscope
