#include "analysis/postfixparameters.h"

#include <QCoreApplication>
#include <QStringView>

#include <array>

namespace rejectscope {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Advisor)
};

struct Row {
    ReasonClass reason;
    QStringView parameter;
    QStringView postfixDefault;
    QStringView suggestedValue;
    bool permanentByDefault;
};

// Postfix 3.7, postconf(5); the defaults are those of src/global/mail_params.h
// (DEF_LOCAL_RCPT_CODE 550, DEF_UNK_ADDR_CODE 450, DEF_RELAY_CODE 554, …).
//
// The 450-default classes: Postfix answers a *temporary* DNS or verification
// failure with 450 whatever these parameters say (smtpd_check.c: reject_unknown_client
// uses 450 unless the lookup failed for good; unknown_address_tempfail_action and
// unverified_*_defer_code cover the rest). The parameters therefore decide only
// the answer to a definite "does not exist":
// - unknown_address_reject_code: the domain has no DNS records at all. Permanent by
//   nature, so 550 is safe.
// - unverified_{recipient,sender}_reject_code: the verification probe bounced. The
//   address is known not to work, so 550 is safe.
// - unknown_client_reject_code, unknown_hostname_reject_code: a client without a
//   matching reverse/forward name, a HELO name that does not resolve. Often a
//   legitimate site's fixable DNS mistake; Postfix's 450 gives it time to fix it
//   before its mail bounces (postconf(5): "Do not change this unless you have a
//   complete understanding of RFC 5321"). The advisor reports the storm and what
//   550 would save, but suggests keeping 450.
//
// UnknownRecipient inbound is Postfix's unknown-user reply with
// show_user_unknown_table_name = no: the table is not named, so neither is one
// parameter.
constexpr std::array<Row, 13> rows = {{
    {ReasonClass::UnknownLocalRecipient, u"unknown_local_recipient_reject_code", u"550", u"550", true},
    {ReasonClass::UnknownVirtualMailbox, u"unknown_virtual_mailbox_reject_code", u"550", u"550", true},
    {ReasonClass::UnknownVirtualAlias, u"unknown_virtual_alias_reject_code", u"550", u"550", true},
    {ReasonClass::UnknownRelayRecipient, u"unknown_relay_recipient_reject_code", u"550", u"550", true},
    {ReasonClass::UnknownRecipient,
     u"unknown_local_recipient_reject_code / unknown_virtual_alias_reject_code / "
     u"unknown_virtual_mailbox_reject_code / unknown_relay_recipient_reject_code",
     u"550", u"550", true},
    {ReasonClass::RelayDenied, u"relay_domains_reject_code", u"554", u"554", true},
    {ReasonClass::RblListed, u"maps_rbl_reject_code", u"554", u"554", true},
    {ReasonClass::SenderDomainNotFound, u"unknown_address_reject_code", u"450", u"550", false},
    {ReasonClass::RecipientDomainNotFound, u"unknown_address_reject_code", u"450", u"550", false},
    {ReasonClass::UnverifiedRecipient, u"unverified_recipient_reject_code", u"450", u"550", false},
    {ReasonClass::UnverifiedSender, u"unverified_sender_reject_code", u"450", u"550", false},
    {ReasonClass::UnknownClientHostname, u"unknown_client_reject_code", u"450", u"450", false},
    {ReasonClass::UnknownHeloHostname, u"unknown_hostname_reject_code", u"450", u"450", false},
}};

} // namespace

std::optional<ReasonParameter> reasonParameter(ReasonClass reason)
{
    for (const Row &row : rows) {
        if (row.reason == reason)
            return ReasonParameter{row.reason, row.parameter.toString(), row.postfixDefault.toString(),
                                   row.suggestedValue.toString(), row.permanentByDefault};
    }
    return std::nullopt;
}

QList<ReasonClass> parameterReasons()
{
    QList<ReasonClass> reasons;
    for (const Row &row : rows)
        reasons << row.reason;
    return reasons;
}

bool isPermanentByDefault(ReasonClass reason)
{
    const auto parameter = reasonParameter(reason);
    return parameter && parameter->permanentByDefault;
}

QString findingCaution(const Finding &f)
{
    switch (f.kind) {
    case Finding::Kind::TemporaryForPermanent:
        switch (f.reason) {
        case ReasonClass::UnknownClientHostname:
        case ReasonClass::UnknownHeloHostname:
            return Tr::tr("Postfix answers this with 450 on purpose: a missing or mismatched DNS name is "
                      "often a legitimate site's fixable mistake, and a temporary DNS failure gets 450 "
                      "whatever the parameter says. 550 would end these retries but bounce such mail at "
                      "once; rather keep 450 and let known senders through (check_client_access).");
        case ReasonClass::SenderDomainNotFound:
        case ReasonClass::RecipientDomainNotFound:
            return Tr::tr("550 only applies when DNS says the domain does not exist; a temporary DNS "
                      "failure still gets 450 (unknown_address_tempfail_action).");
        case ReasonClass::UnverifiedRecipient:
        case ReasonClass::UnverifiedSender:
            return Tr::tr("550 only applies to addresses the verification probe found undeliverable; "
                      "pending or temporarily failing probes still get the *_defer_code (450).");
        case ReasonClass::RelayDenied:
            if (f.currentValue == u"454")
                return Tr::tr("454 is what defer_unauth_destination answers (relay_domains_reject_code "
                          "minus 100), the last entry of Postfix's default smtpd_relay_restrictions: "
                          "replace it with reject_unauth_destination to refuse relaying for good.");
            return QString();
        case ReasonClass::RblListed:
            return Tr::tr("postscreen's DNSBL refusals follow postscreen_dnsbl_action, and rbl_reply_maps "
                      "may set a code per list; maps_rbl_reject_code covers reject_rbl_client and "
                      "its kin.");
        case ReasonClass::UnknownRecipient:
            return Tr::tr("The reply names no table (show_user_unknown_table_name = no): the code is the "
                      "unknown_*_reject_code of the table the address belongs to.");
        default:
            return QString();
        }
    case Finding::Kind::SoftBounceReceiving:
        return Tr::tr("soft_bounce = yes turns every 5xx refusal into 4xx. One class alone at 4xx "
                  "reads the same as its *_reject_code = 450: this was recognised because several "
                  "normally-5xx classes turned 4xx together, or a class went 5xx, 4xx, 5xx with no "
                  "5xx refusal at all in between.");
    case Finding::Kind::SoftBounceSending:
        return Tr::tr("soft_bounce = yes keeps every would-be bounce in the queue until it expires; it "
                  "is meant for testing a new configuration.");
    case Finding::Kind::SkipFiveXxGreeting:
        return Tr::tr("With smtp_skip_5xx_greeting = yes Postfix tries the next MX host after a 5xx "
                  "greeting; with no, a single MX that greets with 5xx bounces mail another MX "
                  "would have taken.");
    case Finding::Kind::Deliberate:
        return Tr::tr("Temporary on purpose: the retries are how the check tells real mail servers "
                  "from senders that never come back.");
    case Finding::Kind::Backscatter:
        return Tr::tr("Bounces to addresses that never existed are backscatter from mail forged "
                  "with your domains; refusing them is right. SPF and DMARC for your domains make "
                  "other servers refuse the forgeries.");
    }
    return QString();
}

} // namespace rejectscope
