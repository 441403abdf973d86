#pragma once

#include "parse/event.h"

#include <QString>

#include <cstdint>
#include <optional>
#include <string_view>

namespace rejectscope {

// Why a rejection or deferral happened, as a short stable name. The numeric values
// are stored in the database: append new classes, never renumber.
enum class ReasonClass : std::uint8_t {
    Other = 0,
    UnknownLocalRecipient = 1,   // "User unknown in local recipient table"
    UnknownVirtualMailbox = 2,   // "User unknown in virtual mailbox table"
    UnknownVirtualAlias = 3,     // "User unknown in virtual alias table"
    UnknownRelayRecipient = 4,   // "User unknown in relay recipient table"
    UnknownRecipient = 5,        // a remote or generic "user unknown" (5.1.1 without a table)
    RelayDenied = 6,             // "Relay access denied"
    UnknownClientHostname = 7,   // "Client host rejected: cannot find your (reverse) hostname"
    UnknownHeloHostname = 8,     // "Helo command rejected: Host not found"
    SenderDomainNotFound = 9,    // "Sender address rejected: Domain not found"
    RecipientDomainNotFound = 10,// "Recipient address rejected: Domain not found"
    UnverifiedRecipient = 11,    // "Recipient address rejected: unverified address"
    UnverifiedSender = 12,       // "Sender address rejected: unverified address"
    RblListed = 13,              // "blocked using zen.spamhaus.org"
    Greylisted = 14,             // postgrey, milter greylisting
    RateLimited = 15,            // too many connections, rate limits, anvil
    Policy = 16,                 // access maps, need FQDN, SPF, policy services
    Content = 17,                // milter-reject, header/body checks, spam/virus verdicts
    DoesNotAcceptMail = 18,      // RFC 7504: 521 or 556, "does not accept mail"
    MailboxFull = 19,            // over quota, 4.2.2 / 5.2.2
    ConnectionFailure = 20,      // connection refused/timed out, lost connection, no route
    DnsFailure = 21,             // "Host or domain name not found"
    ServiceUnavailable = 22,     // resource shortage: "Insufficient system storage", 421 busy
    Delivered = 23,              // status=sent: no refusal at all
};

constexpr int reasonClassCount = 24;

// The stable short name ("unknown-local-recipient"), used in CSV, JSON and the CLI.
std::string_view reasonClassName(ReasonClass reason);
QString reasonClassText(ReasonClass reason); // the same name as a QString
std::optional<ReasonClass> reasonClassFromName(std::string_view name);

// Classifies a parsed rejection or delivery from its reply code, enhanced code, text
// and status.
ReasonClass classifyReason(const Event &event);

// The first digit of the reply that decides the class: the three-digit code when
// there is one, else the enhanced code's class, else the delivery status (sent 2,
// deferred/SOFTBOUNCE 4, bounced/expired 5). 0 when nothing tells.
int codeClass(const Event &event);

} // namespace rejectscope
