#include "analysis/reasonclass.h"

#include "parse/textscan.h"

#include <algorithm>
#include <array>
#include <bit>
#include <utility>
#include <vector>

namespace rejectscope {

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

// What the rules ask of a reply text: does any phrase of a group occur in it,
// ASCII case-insensitively? The rules below test groups in a fixed order, most
// specific first: "Recipient address rejected: User unknown in local recipient
// table" must not end up as a generic policy refusal.
enum class Group : std::uint8_t {
    VerificationFailed,
    SenderRejected,
    RecipientRejected,
    LocalRecipientTable,
    VirtualMailboxTable,
    VirtualAliasTable,
    RelayRecipientTable,
    RelayDenied,
    NoClientHostname,
    HeloHostNotFound,
    SenderDomainNotFound,
    RecipientDomainNotFound,
    Listed,
    MailboxFull,
    RateLimited,
    ServiceUnavailable,
    UnknownRecipient,
    ConnectionFailure,
    DnsFailure,
    Policy,
    Greylisting,
    ServiceCurrentlyUnavailable,
    AcceptsNoMail,
};

using GroupSet = std::uint32_t;

constexpr GroupSet bit(Group group) { return GroupSet(1) << static_cast<unsigned>(group); }

struct Phrase {
    Group group;
    std::string_view text; // lower case
};

// The refusal texts Postfix itself writes (smtpd_check.c) and the common wordings
// of other servers. A phrase may appear in several groups.
constexpr Phrase phrases[] = {
    // Address verification: its text quotes the probe's own failure
    // ("undeliverable address: … User unknown in virtual alias table").
    {Group::VerificationFailed, "unverified address"},
    {Group::VerificationFailed, "undeliverable address"},
    {Group::SenderRejected, "sender address rejected"},
    {Group::RecipientRejected, "recipient address rejected"},
    {Group::LocalRecipientTable, "user unknown in local recipient table"},
    {Group::VirtualMailboxTable, "user unknown in virtual mailbox table"},
    // "virtual address table" is the name before Postfix 2.x renamed it.
    {Group::VirtualAliasTable, "user unknown in virtual alias table"},
    {Group::VirtualAliasTable, "user unknown in virtual address table"},
    {Group::RelayRecipientTable, "user unknown in relay recipient table"},
    {Group::RelayDenied, "relay access denied"},
    {Group::NoClientHostname, "cannot find your hostname"},
    {Group::NoClientHostname, "cannot find your reverse hostname"},
    {Group::HeloHostNotFound, "helo command rejected: host not found"},
    {Group::SenderDomainNotFound, "sender address rejected: domain not found"},
    {Group::RecipientDomainNotFound, "recipient address rejected: domain not found"},
    // "Blocked - see <url>" is how Proofpoint and SpamCop word an IP list hit.
    {Group::Listed, "blocked using"},
    {Group::Listed, "dnsbl"},
    {Group::Listed, "spamhaus"},
    {Group::Listed, "spamcop"},
    {Group::Listed, "barracudacentral"},
    {Group::Listed, "blocklist"},
    {Group::Listed, "blacklist"},
    {Group::Listed, "block list"},
    {Group::Listed, "black list"},
    {Group::Listed, "blocked - see"},
    {Group::MailboxFull, "over quota"},
    {Group::MailboxFull, "quota exceeded"},
    {Group::MailboxFull, "exceeded storage"},
    {Group::MailboxFull, "mailbox full"},
    {Group::MailboxFull, "mailbox is full"},
    {Group::MailboxFull, "mailbox size limit"},
    {Group::MailboxFull, "insufficient space"},
    {Group::RateLimited, "rate limit"},
    {Group::RateLimited, "too many connections"},
    {Group::RateLimited, "unusual rate"},
    {Group::RateLimited, "connections limit"},
    {Group::RateLimited, "connection limit"},
    {Group::RateLimited, "too many concurrent"},
    {Group::RateLimited, "sending too many"},
    {Group::RateLimited, "too many messages"},
    {Group::RateLimited, "throttl"},
    {Group::ServiceUnavailable, "all server ports busy"},
    {Group::ServiceUnavailable, "all screening ports busy"},
    {Group::ServiceUnavailable, "insufficient system storage"},
    {Group::ServiceUnavailable, "temporary lookup failure"},
    {Group::ServiceUnavailable, "server configuration"},
    {Group::ServiceUnavailable, "lookup error"},
    {Group::ServiceUnavailable, "local error"},
    {Group::ServiceUnavailable, "internal error"},
    {Group::ServiceUnavailable, "system resources"},
    {Group::ServiceUnavailable, "too busy"},
    {Group::UnknownRecipient, "user unknown"},
    {Group::UnknownRecipient, "unknown user"},
    {Group::UnknownRecipient, "no such user"},
    {Group::UnknownRecipient, "user doesn't exist"},
    {Group::UnknownRecipient, "user does not exist"},
    {Group::UnknownRecipient, "account that you tried to reach does not exist"},
    {Group::UnknownRecipient, "recipient unknown"},
    {Group::UnknownRecipient, "unknown recipient"},
    {Group::UnknownRecipient, "mailbox not found"},
    {Group::UnknownRecipient, "no mailbox"},
    {Group::UnknownRecipient, "invalid recipient"},
    {Group::UnknownRecipient, "recipient not found"},
    {Group::UnknownRecipient, "no such recipient"},
    {Group::UnknownRecipient, "mailbox unavailable"},
    {Group::ConnectionFailure, "connection refused"},
    {Group::ConnectionFailure, "connection timed out"},
    {Group::ConnectionFailure, "timed out"},
    {Group::ConnectionFailure, "lost connection"},
    {Group::ConnectionFailure, "no route to host"},
    {Group::ConnectionFailure, "network is unreachable"},
    {Group::ConnectionFailure, "connection reset"},
    {Group::ConnectionFailure, "server dropped connection"},
    {Group::ConnectionFailure, "host unreachable"},
    {Group::DnsFailure, "host or domain name not found"},
    {Group::DnsFailure, "name service error"},
    {Group::DnsFailure, "host not found"},
    {Group::DnsFailure, "domain not found"},
    {Group::DnsFailure, "no mx host"},
    {Group::DnsFailure, "malformed dns server reply"},
    {Group::Policy, "client host rejected"},
    {Group::Policy, "sender address rejected"},
    {Group::Policy, "recipient address rejected"},
    {Group::Policy, "helo command rejected"},
    {Group::Policy, "etrn command rejected"},
    {Group::Policy, "access denied"},
    {Group::Policy, "need fully-qualified"},
    {Group::Policy, "not owned by user"},
    {Group::Policy, "spf"},
    {Group::Policy, "policy"},
    {Group::Policy, "reverse dns"},
    {Group::Policy, "not authorized"},
    {Group::Policy, "not permitted"},
    // Greylisting servers say so (postgrey "Greylisted", milter-greylist
    // "Greylisting in action", sqlgrey, Exim's greylistd). A bare "try again later"
    // is not enough: milters, Gmail and overloaded servers say it for other reasons.
    {Group::Greylisting, "greylist"},
    {Group::Greylisting, "graylist"},
    {Group::Greylisting, "grey-list"},
    {Group::Greylisting, "gray-list"},
    {Group::Greylisting, "grey list"},
    {Group::Greylisting, "gray list"},
    {Group::ServiceCurrentlyUnavailable, "service currently unavailable"},
    // RFC 7504.
    {Group::AcceptsNoMail, "does not accept mail"},
    {Group::AcceptsNoMail, "accepts no mail"},
};

// Phrases use few distinct bytes: each gets a five-bit code, its upper case (for
// letters) the same code, and every other byte code 0. Three codes make the
// fifteen-bit key of a position, so the index below can tell with one bit per key
// whether any phrase starts with the three bytes at a position.
constexpr std::array<std::uint8_t, 256> phraseByteCodes = [] {
    std::array<std::uint8_t, 256> codes{};
    std::uint8_t next = 1;
    for (const Phrase &phrase : phrases) {
        for (const char c : phrase.text) {
            const auto b = static_cast<unsigned char>(c);
            if (codes[b] == 0)
                codes[b] = next++; // the static_assert below checks the count
        }
    }
    for (char c = 'A'; c <= 'Z'; ++c)
        codes[static_cast<unsigned char>(c)] = codes[static_cast<unsigned char>(text::lower(c))];
    return codes;
}();

constexpr bool phrasesAreIndexable()
{
    for (const Phrase &phrase : phrases) {
        if (phrase.text.size() < 3)
            return false; // keyed by three bytes
        for (const char c : phrase.text) {
            // Lower case only (the text is lowered to match), and at most 31 codes.
            const std::uint8_t code = phraseByteCodes[static_cast<unsigned char>(c)];
            if (text::isUpper(c) || code == 0 || code >= 32)
                return false;
        }
    }
    return true;
}
static_assert(phrasesAreIndexable(),
              "phrases must be lower case, three bytes or longer, of at most 31 distinct bytes");

// Finds which groups' phrases occur in a text in one pass over it. Classifying used
// to search the text once per phrase (about a hundred passes per event, the largest
// cost of an import); one pass that tests the key of each position and compares
// only the phrases starting with its three bytes gives the same answers, as the
// rules only ask whether a phrase occurs, not where.
class PhraseIndex
{
public:
    PhraseIndex()
    {
        for (const Phrase &phrase : phrases) {
            auto it = std::find_if(m_entries.begin(), m_entries.end(),
                                   [&](const Entry &e) { return e.text == phrase.text; });
            if (it == m_entries.end())
                it = m_entries.insert(m_entries.end(), Entry{phrase.text, 0, keyOf(phrase.text)});
            it->groups |= bit(phrase.group);
        }
        std::sort(m_entries.begin(), m_entries.end(),
                  [](const Entry &a, const Entry &b) { return a.key < b.key; });
        for (std::size_t k = 0; k < m_entries.size(); ++k) {
            const unsigned key = m_entries[k].key;
            if (k == 0 || m_entries[k - 1].key != key) {
                m_keys[key / 64] |= std::uint64_t(1) << (key % 64);
                m_keyStart.push_back(static_cast<std::uint16_t>(k));
            }
        }
        m_keyStart.push_back(static_cast<std::uint16_t>(m_entries.size()));
        for (std::size_t w = 1; w < m_keys.size(); ++w)
            m_keysBefore[w] =
                static_cast<std::uint16_t>(m_keysBefore[w - 1] + std::popcount(m_keys[w - 1]));
    }

    GroupSet find(std::string_view text) const
    {
        if (text.size() < 3)
            return 0;
        GroupSet found = 0;
        unsigned key = (code(text[0]) << 5) | code(text[1]);
        for (std::size_t i = 0; i + 2 < text.size(); ++i) {
            key = ((key << 5) | code(text[i + 2])) & (keyCount - 1);
            const std::uint64_t keys = m_keys[key / 64];
            const std::uint64_t keyBit = std::uint64_t(1) << (key % 64);
            if ((keys & keyBit) == 0)
                continue;
            // The key's rank among the keys in use says where its phrases start.
            const std::size_t rank =
                m_keysBefore[key / 64] + std::size_t(std::popcount(keys & (keyBit - 1)));
            // Equal codes mean equal bytes once lowered: compare the rest.
            const std::string_view rest = text.substr(i + 3);
            for (std::size_t k = m_keyStart[rank]; k < m_keyStart[rank + 1]; ++k) {
                if (startsWithLowered(rest, m_entries[k].text.substr(3)))
                    found |= m_entries[k].groups;
            }
        }
        return found;
    }

private:
    struct Entry {
        std::string_view text;
        GroupSet groups;
        unsigned key;
    };

    static constexpr unsigned keyCount = 1u << 15;

    static unsigned code(char c) { return phraseByteCodes[static_cast<unsigned char>(c)]; }
    static unsigned keyOf(std::string_view phrase)
    {
        return (code(phrase[0]) << 10) | (code(phrase[1]) << 5) | code(phrase[2]);
    }

    // True when `text` starts with `lowerPrefix` once lowered.
    static bool startsWithLowered(std::string_view text, std::string_view lowerPrefix)
    {
        if (text.size() < lowerPrefix.size())
            return false;
        for (std::size_t j = 0; j < lowerPrefix.size(); ++j) {
            if (text::lower(text[j]) != lowerPrefix[j])
                return false;
        }
        return true;
    }

    std::vector<Entry> m_entries; // sorted by key
    // One bit per key: some phrase starts with those three bytes.
    std::array<std::uint64_t, keyCount / 64> m_keys{};
    // The keys in use before each word of m_keys, and where each key's phrases
    // start in m_entries (by the key's rank), so no search is needed.
    std::array<std::uint16_t, keyCount / 64> m_keysBefore{};
    std::vector<std::uint16_t> m_keyStart;
};

GroupSet findPhrases(std::string_view text)
{
    static const PhraseIndex index;
    return index.find(text);
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

// After address verification, the first group found decides.
constexpr std::pair<Group, ReasonClass> textRules[] = {
    {Group::LocalRecipientTable, ReasonClass::UnknownLocalRecipient},
    {Group::VirtualMailboxTable, ReasonClass::UnknownVirtualMailbox},
    {Group::VirtualAliasTable, ReasonClass::UnknownVirtualAlias},
    {Group::RelayRecipientTable, ReasonClass::UnknownRelayRecipient},
    {Group::RelayDenied, ReasonClass::RelayDenied},
    {Group::NoClientHostname, ReasonClass::UnknownClientHostname},
    {Group::HeloHostNotFound, ReasonClass::UnknownHeloHostname},
    {Group::SenderDomainNotFound, ReasonClass::SenderDomainNotFound},
    {Group::RecipientDomainNotFound, ReasonClass::RecipientDomainNotFound},
    {Group::Listed, ReasonClass::RblListed},
    {Group::MailboxFull, ReasonClass::MailboxFull},
    {Group::RateLimited, ReasonClass::RateLimited},
    {Group::ServiceUnavailable, ReasonClass::ServiceUnavailable},
    {Group::UnknownRecipient, ReasonClass::UnknownRecipient},
    {Group::ConnectionFailure, ReasonClass::ConnectionFailure},
    {Group::DnsFailure, ReasonClass::DnsFailure},
    {Group::Policy, ReasonClass::Policy},
};

std::optional<ReasonClass> classifyText(GroupSet found, const Event &e)
{
    // Address verification first: its text quotes the probe's own failure.
    if (found & bit(Group::VerificationFailed)) {
        if (found & bit(Group::SenderRejected))
            return ReasonClass::UnverifiedSender;
        if ((found & bit(Group::RecipientRejected)) || e.stage != Stage::Mail)
            return ReasonClass::UnverifiedRecipient;
        return ReasonClass::UnverifiedSender;
    }
    for (const auto &[group, reason] : textRules) {
        if (found & bit(group))
            return reason;
    }
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

bool isGreylisting(GroupSet found, const Event &e)
{
    if (found & bit(Group::Greylisting))
        return true;
    // postscreen's after-220 tests: a client that has just passed them is sent away
    // with "450 4.3.2 Service currently unavailable" and let through when it comes
    // back, which is greylisting in effect (a 5xx here is a blacklist action).
    return e.service == "postscreen" && codeClass(e) == 4
        && (found & bit(Group::ServiceCurrentlyUnavailable));
}

} // namespace

QString reasonClassText(ReasonClass reason)
{
    const std::string_view name = reasonClassName(reason);
    return QString::fromLatin1(name.data(), qsizetype(name.size()));
}

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
    const GroupSet found = findPhrases(text);

    if (isGreylisting(found, event))
        return ReasonClass::Greylisted;
    // The 5xx form of postscreen's reply is its deny list (postscreen_denylist_action).
    if (event.service == "postscreen" && (found & bit(Group::ServiceCurrentlyUnavailable)))
        return ReasonClass::Policy;
    // RFC 7504 (521/556) and null MX (RFC 7505: x.1.10, x.7.27).
    const std::string_view enhancedTail =
        event.enhancedCode.size() > 1 ? event.enhancedCode.substr(1) : std::string_view();
    if (event.replyCode == 521 || event.replyCode == 556 || enhancedTail == ".1.10"
        || enhancedTail == ".7.27" || (found & bit(Group::AcceptsNoMail)))
        return ReasonClass::DoesNotAcceptMail;
    // Milters, before-queue filters and cleanup's header/body checks judge content.
    if (event.action == RejectAction::MilterReject || event.action == RejectAction::ProxyReject
        || (event.service == "cleanup"
            && (event.kind == EventKind::Reject || event.kind == EventKind::RejectWarning)))
        return ReasonClass::Content;
    if (const auto fromText = classifyText(found, event))
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
