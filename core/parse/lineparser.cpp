#include "lineparser.h"

#include "deliveryparser.h"
#include "queueparser.h"
#include "rejectparser.h"
#include "syslogprefix.h"
#include "textscan.h"

#include <algorithm>
#include <array>

namespace rejectscope {

using namespace text;

namespace {

// What the scans below ask of a byte, answered by one table lookup: they run on
// every line.
enum ByteClass : std::uint8_t {
    AlnumByte = 1,
    HexDigit = 2,   // 0-9, A-F
    Vowel = 4,      // AEIOUaeiou
    ActionByte = 8, // a-z, '-', '_'
};

constexpr std::array<std::uint8_t, 256> byteClasses = [] {
    std::array<std::uint8_t, 256> table{};
    for (int i = 0; i < 256; ++i) {
        const char c = static_cast<char>(i);
        std::uint8_t flags = 0;
        if (isAlnum(c))
            flags |= AlnumByte;
        if (isDigit(c) || (c >= 'A' && c <= 'F'))
            flags |= HexDigit;
        if (std::string_view("AEIOUaeiou").find(c) != std::string_view::npos)
            flags |= Vowel;
        if (isLower(c) || c == '-' || c == '_')
            flags |= ActionByte;
        table[std::size_t(i)] = flags;
    }
    return table;
}();

constexpr std::uint8_t classOf(char c) { return byteClasses[static_cast<unsigned char>(c)]; }

// Short queue ids are upper-case hex ("81571C2D"); long ones
// (enable_long_queue_ids) use letters and digits without vowels ("4PbC4z6W5Qz3tG3").
// Words such as "warning" or "statistics" therefore never pass for a queue id.
bool isQueueIdToken(std::string_view token)
{
    std::uint8_t all = HexDigit;
    std::uint8_t any = 0;
    for (const char c : token) {
        all &= classOf(c);
        any |= classOf(c);
    }
    return (all & HexDigit) != 0 || (any & Vowel) == 0;
}

// Splits "QID: rest", "NOQUEUE: rest" and Postfix's test placeholder
// "<queue id>: rest". Also accepts "QID:rest" (seen in the wild without the space).
void splitQueueId(std::string_view message, std::string_view &queueId, std::string_view &rest)
{
    queueId = {};
    rest = message;
    if (consume(rest, "NOQUEUE: "))
        return;
    if (startsWith(message, "<queue id>: ")) {
        queueId = message.substr(0, 10);
        rest = message.substr(12);
        return;
    }
    const std::size_t limit = std::min<std::size_t>(message.size(), 32);
    std::size_t end = 0;
    while (end < limit && (classOf(message[end]) & AlnumByte))
        ++end;
    if (end < 5 || end >= message.size() || message[end] != ':'
        || !isQueueIdToken(message.substr(0, end)))
        return;
    queueId = message.substr(0, end);
    rest = message.substr(end + 1);
    if (!rest.empty() && rest.front() == ' ')
        rest.remove_prefix(1);
}

// The syslog octet-count residue some collectors leave after the message
// ("... Connection timed out) 215"): a space and digits after a closing ')' or '>'.
std::string_view stripOctetResidue(std::string_view message)
{
    if (message.empty() || !isDigit(message.back()))
        return message;
    std::size_t i = message.size();
    while (i > 0 && isDigit(message[i - 1]))
        --i;
    if (i >= 2 && message[i - 1] == ' ' && (message[i - 2] == ')' || message[i - 2] == '>'))
        return message.substr(0, i - 1);
    return message;
}

// "warning: …", "statistics: …", "filter: RCPT …", "hold: header …": one lower-case
// word and ": ". Returns the word, or empty when the message does not start so.
std::string_view leadingActionWord(std::string_view rest)
{
    std::size_t i = 0;
    while (i < rest.size() && (classOf(rest[i]) & ActionByte))
        ++i;
    if (i == 0 || i + 1 >= rest.size() || rest[i] != ':' || rest[i + 1] != ' ')
        return {};
    return rest.substr(0, i);
}

// True when a line that matched no known shape still carries the markers of a
// rejection or a delivery status: those lines are counted, never dropped silently.
// Most lines pass through here, so each marker is found by its rarest byte ('j',
// '=') with memchr, then compared, instead of stopping at every 'r' and ' '.
bool looksLikeEvent(std::string_view rest)
{
    constexpr std::string_view reject = "reject";
    constexpr std::size_t jAt = reject.find('j');
    for (std::size_t j = rest.find('j', jAt); j != std::string_view::npos;
         j = rest.find('j', j + 1)) {
        const std::size_t at = j - jAt;
        if (!startsWith(rest.substr(at), reject))
            continue;
        const std::string_view before = rest.substr(0, at);
        const std::string_view after = rest.substr(at + reject.size());
        if (startsWith(after, "_warning:"))
            return true;
        if (startsWith(after, ": ") && endsWith(before, ": "))
            return true;
        if (startsWith(after, ":") && (endsWith(before, "milter-") || endsWith(before, "proxy-")))
            return true;
    }
    constexpr std::string_view status = " status";
    for (std::size_t eq = rest.find('=', status.size()); eq != std::string_view::npos;
         eq = rest.find('=', eq + 1)) {
        if (startsWith(rest.substr(eq - status.size()), status))
            return true;
    }
    return false;
}

LineVerdict classifyOther(std::string_view rest, std::string_view service,
                          std::string_view &problem)
{
    // postscreen and the debug_peer_list traces ("> host[ip]: 250-…", "< host[ip]:
    // MAIL FROM:…") echo bytes a client sent; those must never look like events.
    if (service == "postscreen" || startsWith(rest, "> ") || startsWith(rest, "< ")
        || startsWith(rest, "improper command pipelining"))
        return LineVerdict::Ignored;
    const std::string_view word = leadingActionWord(rest);
    if (!word.empty()) {
        // Severities, statistics and the access actions that refuse nothing
        // (filter, hold, discard, redirect, warn, prepend, proxy-accept, …).
        if (word.find("reject") != std::string_view::npos) {
            problem = "unknown reject action";
            return LineVerdict::NotUnderstood;
        }
        return LineVerdict::Ignored;
    }
    if (looksLikeEvent(rest)) {
        problem = "unrecognised line with a reject or status marker";
        return LineVerdict::NotUnderstood;
    }
    return LineVerdict::Ignored;
}

enum class Handler : std::uint8_t { None, Reject, Delivery, QueueSender, BounceNotice };

Handler handlerFor(std::string_view rest)
{
    if (rest.empty())
        return Handler::None;
    switch (rest.front()) {
    case 'r':
        if (startsWith(rest, "reject: ") || startsWith(rest, "reject_warning: "))
            return Handler::Reject;
        break;
    case 'm':
        if (startsWith(rest, "milter-reject: "))
            return Handler::Reject;
        break;
    case 'p':
        if (startsWith(rest, "proxy-reject: "))
            return Handler::Reject;
        break;
    case 't':
        if (startsWith(rest, "to="))
            return Handler::Delivery;
        break;
    case 'f':
        if (startsWith(rest, "from="))
            return Handler::QueueSender;
        break;
    case 's':
        if (startsWith(rest, "sender non-delivery notification:"))
            return Handler::BounceNotice;
        break;
    default:
        break;
    }
    return Handler::None;
}

} // namespace

LineParser::LineParser(TimestampResolver &resolver)
    : m_resolver(resolver)
{
}

LineVerdict LineParser::parse(std::string_view line, Event &out)
{
    m_problem = {};
    m_lastForeign = false;

    SyslogPrefix prefix;
    if (!prefix.parse(line, m_prefixMemo)) {
        m_lastForeign = true;
        return LineVerdict::Ignored;
    }
    // Every dated line takes part in the year tracking, not only events: month
    // roll-overs are seen in whatever lines cross them.
    const std::optional<std::int64_t> time = prefix.hasOffset
        ? TimestampResolver::resolveWithOffset(prefix.year, prefix.month, prefix.day,
                                               prefix.hour, prefix.minute, prefix.second,
                                               prefix.millisecond, prefix.offsetSeconds)
        : m_resolver.resolveLocal(prefix.month, prefix.day, prefix.hour, prefix.minute,
                                  prefix.second, prefix.millisecond);
    if (!prefix.isPostfix()) {
        m_lastForeign = true;
        return LineVerdict::Ignored;
    }

    const std::string_view message = stripOctetResidue(trimRight(prefix.message));
    std::string_view queueId;
    std::string_view rest;
    splitQueueId(message, queueId, rest);

    const Handler handler = handlerFor(rest);
    if (handler == Handler::None)
        return classifyOther(rest, prefix.service, m_problem);

    out = Event{};
    out.host = prefix.host;
    out.syslogName = prefix.syslogName;
    out.service = prefix.service;
    out.pid = prefix.pid;
    out.queueId = queueId;

    LineVerdict verdict = LineVerdict::Ignored;
    switch (handler) {
    case Handler::Reject:
        verdict = RejectParser::parse(rest, out, m_problem);
        break;
    case Handler::Delivery:
        verdict = DeliveryParser::parse(rest, out, m_problem);
        break;
    case Handler::QueueSender:
        verdict = QueueParser::parseSender(rest, out, m_problem);
        break;
    case Handler::BounceNotice:
        verdict = QueueParser::parseBounceNotice(
            rest.substr(std::string_view("sender non-delivery notification:").size()), out,
            m_problem);
        break;
    case Handler::None:
        break;
    }
    if (verdict != LineVerdict::Event)
        return verdict;
    if (!time) {
        // Usually a year guessed wrong for Feb 29; worth a sample, not a silent drop.
        m_problem = "impossible date";
        return LineVerdict::NotUnderstood;
    }
    out.timeUtcMs = *time;
    return LineVerdict::Event;
}

} // namespace rejectscope
