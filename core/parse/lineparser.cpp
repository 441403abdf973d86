#include "lineparser.h"

#include "deliveryparser.h"
#include "queueparser.h"
#include "rejectparser.h"
#include "syslogprefix.h"
#include "textscan.h"

namespace rejectscope {

using namespace text;

namespace {

// Short queue ids are upper-case hex ("81571C2D"); long ones
// (enable_long_queue_ids) use letters and digits without vowels ("4PbC4z6W5Qz3tG3").
// Words such as "warning" or "statistics" therefore never pass for a queue id.
bool isQueueIdToken(std::string_view token)
{
    bool hex = true;
    bool noVowels = true;
    for (const char c : token) {
        if (!isAlnum(c))
            return false;
        if (!isDigit(c) && !(c >= 'A' && c <= 'F'))
            hex = false;
        switch (c) {
        case 'A': case 'E': case 'I': case 'O': case 'U':
        case 'a': case 'e': case 'i': case 'o': case 'u':
            noVowels = false;
            break;
        default:
            break;
        }
    }
    return hex || noVowels;
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
    std::size_t end = 0;
    while (end < message.size() && end < 32 && isAlnum(message[end]))
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
    while (i < rest.size() && (isLower(rest[i]) || rest[i] == '-' || rest[i] == '_'))
        ++i;
    if (i == 0 || i + 1 >= rest.size() || rest[i] != ':' || rest[i + 1] != ' ')
        return {};
    return rest.substr(0, i);
}

// True when a line that matched no known shape still carries the markers of a
// rejection or a delivery status: those lines are counted, never dropped silently.
bool looksLikeEvent(std::string_view rest)
{
    for (std::size_t at = rest.find("reject"); at != std::string_view::npos;
         at = rest.find("reject", at + 6)) {
        const std::string_view before = rest.substr(0, at);
        const std::string_view after = rest.substr(at + 6);
        if (startsWith(after, "_warning:"))
            return true;
        if (startsWith(after, ": ") && endsWith(before, ": "))
            return true;
        if (startsWith(after, ":") && (endsWith(before, "milter-") || endsWith(before, "proxy-")))
            return true;
    }
    return rest.find(" status=") != std::string_view::npos;
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
    if (!prefix.parse(line)) {
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
