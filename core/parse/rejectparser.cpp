#include "rejectparser.h"

#include "fieldscanner.h"
#include "smtpreply.h"
#include "textscan.h"

namespace rejectscope {

using namespace text;

namespace {

Stage stageFromName(std::string_view name)
{
    switch (name.size()) {
    case 4:
        if (name == "RCPT") return Stage::Rcpt;
        if (name == "MAIL") return Stage::Mail;
        if (name == "HELO") return Stage::Helo;
        if (name == "EHLO") return Stage::Ehlo;
        if (name == "DATA") return Stage::Data;
        if (name == "BDAT") return Stage::Bdat;
        if (name == "VRFY") return Stage::Vrfy;
        if (name == "ETRN") return Stage::Etrn;
        break;
    case 7:
        if (name == "CONNECT") return Stage::Connect;
        break;
    case 14:
        if (name == "END-OF-MESSAGE") return Stage::EndOfMessage;
        break;
    default:
        break;
    }
    return Stage::Unknown; // "UNKNOWN" from milters, or a stage Postfix adds later
}

// Where the trailing field list starts: the rightmost "; " followed by one of the
// fields smtpd and postscreen append (from=, to=, proto=, helo=). Scanning from the
// right means "; " inside the reply text (RBL URLs, "Service unavailable; Client
// host …") never ends the reply early.
std::size_t fieldListStart(std::string_view s)
{
    for (std::size_t i = findLastByte(s, ';', s.size()); i != std::string_view::npos;
         i = findLastByte(s, ';', i)) {
        const std::string_view after = s.substr(i + 1);
        if (startsWith(after, " from=<") || startsWith(after, " to=<")
            || startsWith(after, " proto=") || startsWith(after, " helo="))
            return i;
    }
    return std::string_view::npos;
}

// postscreen's replies that it logs without the code: postscreen.c sends "421 4.7.0
// Error: too many connections", "421 4.3.2 All server ports are busy" and "421
// 4.3.2 All screening ports are busy" with these log lines (Postfix source,
// src/postscreen/postscreen.c, psc_service()), so the 421 is known, not guessed.
bool isPostscreenBusyText(std::string_view text)
{
    return text == "too many connections" || text == "all server ports busy"
        || text == "all screening ports busy";
}

bool isContentCheck(std::string_view text)
{
    return startsWith(text, "header ") || startsWith(text, "body ")
        || startsWith(text, "content ") || startsWith(text, "mime-header ")
        || startsWith(text, "nested-header ");
}

} // namespace

LineVerdict RejectParser::parse(std::string_view text, Event &event, std::string_view &problem)
{
    if (consume(text, "reject: "))
        event.action = RejectAction::Reject;
    else if (consume(text, "reject_warning: "))
        event.action = RejectAction::RejectWarning;
    else if (consume(text, "milter-reject: "))
        event.action = RejectAction::MilterReject;
    else if (consume(text, "proxy-reject: "))
        event.action = RejectAction::ProxyReject;
    else {
        problem = "unknown reject action";
        return LineVerdict::NotUnderstood;
    }
    // reject_warning is warn_if_reject: logged, not enforced, so it refused nothing.
    event.kind = event.action == RejectAction::RejectWarning ? EventKind::RejectWarning
                                                             : EventKind::Reject;
    event.direction = Direction::Inbound;

    std::size_t stageEnd = 0;
    while (stageEnd < text.size() && (isUpper(text[stageEnd]) || text[stageEnd] == '-'))
        ++stageEnd;
    if (stageEnd == 0) {
        if ((event.action == RejectAction::Reject || event.action == RejectAction::RejectWarning)
            && isContentCheck(text))
            return parseContent(text, event, problem);
        problem = "reject without an SMTP stage";
        return LineVerdict::NotUnderstood;
    }
    event.stage = stageFromName(text.substr(0, stageEnd));
    text.remove_prefix(stageEnd);

    // proxy-reject has no client part: "proxy-reject: END-OF-MESSAGE: 554 …".
    if (consume(text, " from ")) {
        if (!parseClient(text, event)) {
            problem = "reject with an unreadable client";
            return LineVerdict::NotUnderstood;
        }
    }
    if (!consume(text, ": ")) {
        if (!text.empty() && text != ":") {
            problem = "reject with an unreadable client";
            return LineVerdict::NotUnderstood;
        }
        text = {}; // cut off after the client
    }

    const std::size_t fieldsAt = fieldListStart(text);
    const std::string_view reply = fieldsAt == std::string_view::npos ? text : text.substr(0, fieldsAt);
    if (fieldsAt != std::string_view::npos)
        parseFields(text.substr(fieldsAt + 2), event, nullptr);

    const SmtpReply parsed = SmtpReply::parse(reply);
    event.replyCode = parsed.code;
    event.enhancedCode = parsed.enhanced;
    event.replyText = parsed.text;
    if (parsed.code == 0 && parsed.enhanced.empty()) {
        if (event.stage == Stage::Connect && isPostscreenBusyText(parsed.text)) {
            event.replyCode = 421;
        } else if (event.action == RejectAction::ProxyReject && parsed.text.empty()) {
            // The before-queue filter refused without a reply of its own (it died
            // or timed out); still a refusal.
        } else {
            problem = "reject without a reply code";
            return LineVerdict::NotUnderstood;
        }
    }
    return LineVerdict::Event;
}

// cleanup's header/body checks: "header <header> from <client>; from=<s> to=<r>
// proto=P helo=<h>: <optional text>". The client sees the refusal as the reply
// to the end of DATA, hence END-OF-MESSAGE. The header text is the message's own
// and may contain "; " and " from ", so the field list is found from the right.
LineVerdict RejectParser::parseContent(std::string_view text, Event &event,
                                       std::string_view &problem)
{
    const std::size_t fieldsAt = lastIndexOf(text, "; from=<");
    if (fieldsAt == std::string_view::npos) {
        problem = "content reject without from=";
        return LineVerdict::NotUnderstood;
    }
    event.stage = Stage::EndOfMessage;
    const std::string_view head = text.substr(0, fieldsAt);
    const std::size_t fromAt = lastIndexOf(head, " from ");
    if (fromAt != std::string_view::npos) {
        std::string_view client = head.substr(fromAt + 6);
        if (client == "local")
            event.clientName = client; // submitted on this host: no address
        else
            parseClient(client, event);
    }
    std::string_view tail;
    parseFields(text.substr(fieldsAt + 2), event, &tail);
    std::string_view reply;
    if (consume(tail, ":"))
        reply = tail;
    const SmtpReply parsed = SmtpReply::parse(reply);
    event.replyCode = parsed.code;
    event.enhancedCode = parsed.enhanced;
    event.replyText = parsed.text;
    return LineVerdict::Event;
}

// "name[ip]" or "[ip]" (postscreen), optionally ":port"; leaves `text` after it.
bool RejectParser::parseClient(std::string_view &text, Event &event)
{
    const std::size_t open = text.find('[');
    if (open == std::string_view::npos)
        return false;
    const std::string_view name = text.substr(0, open);
    if (name.find(' ') != std::string_view::npos)
        return false;
    const std::size_t close = text.find(']', open + 1);
    if (close == std::string_view::npos)
        return false;
    event.clientName = name;
    event.clientIp = text.substr(open + 1, close - open - 1);
    text.remove_prefix(close + 1);
    if (text.size() >= 2 && text[0] == ':' && isDigit(text[1])) { // smtpd_client_port_logging
        std::size_t i = 1;
        while (i < text.size() && isDigit(text[i]))
            ++i;
        text.remove_prefix(i);
    }
    return true;
}

void RejectParser::parseFields(std::string_view fields, Event &event, std::string_view *tail)
{
    FieldScanner scanner(fields);
    std::string_view name;
    std::string_view value;
    while (scanner.next(name, value)) {
        if (name == "from") {
            event.sender = value;
            event.senderKnown = true;
        } else if (name == "to") {
            event.recipient = value;
        } else if (name == "proto") {
            event.proto = value;
        } else if (name == "helo") {
            event.helo = value;
        }
    }
    if (tail)
        *tail = scanner.rest();
}

} // namespace rejectscope
