#include "smtpreply.h"

#include "textscan.h"

namespace rejectscope {

using namespace text;

namespace {

// "5.1.1", "4.7.25", "5.12.345": class 2, 4 or 5 (RFC 3463), then two numbers of
// one to three digits. Returns its length, or 0 when `s` does not start with one.
std::size_t enhancedCodeLength(std::string_view s)
{
    if (s.size() < 5 || (s[0] != '2' && s[0] != '4' && s[0] != '5') || s[1] != '.')
        return 0;
    std::size_t i = 2;
    for (int part = 0; part < 2; ++part) {
        const std::size_t start = i;
        while (i < s.size() && isDigit(s[i]) && i - start < 3)
            ++i;
        if (i == start)
            return 0;
        if (part == 0) {
            if (i >= s.size() || s[i] != '.')
                return 0;
            ++i;
        }
    }
    if (i < s.size() && s[i] != ' ')
        return 0;
    return i;
}

bool startsWithReplyCode(std::string_view s)
{
    return s.size() >= 3 && s[0] >= '2' && s[0] <= '5' && isDigit(s[1]) && isDigit(s[2])
        && (s.size() == 3 || s[3] == ' ' || s[3] == '-');
}

} // namespace

SmtpReply SmtpReply::parse(std::string_view reply)
{
    SmtpReply result;
    std::string_view s = trimLeft(reply);
    if (startsWithReplyCode(s)) {
        result.code = (s[0] - '0') * 100 + (s[1] - '0') * 10 + (s[2] - '0');
        s.remove_prefix(s.size() > 3 ? 4 : 3);
    }
    if (const std::size_t len = enhancedCodeLength(s); len != 0) {
        result.enhanced = s.substr(0, len);
        s.remove_prefix(len);
    }
    result.text = trimLeft(s);
    return result;
}

void SmtpReply::fillFromStatusText(std::string_view statusText, Event &event)
{
    std::string_view reply;
    if (startsWithReplyCode(statusText)) {
        reply = statusText;
    } else {
        constexpr std::string_view said = " said: ";
        constexpr std::string_view refused = " refused to talk to me: ";
        const std::size_t saidAt = statusText.find(said);
        const std::size_t refusedAt = statusText.find(refused);
        if (saidAt == std::string_view::npos && refusedAt == std::string_view::npos) {
            event.replyText = statusText;
            return;
        }
        if (refusedAt < saidAt) {
            reply = statusText.substr(refusedAt + refused.size());
            event.greetingRefused = true;
        } else {
            reply = statusText.substr(saidAt + said.size());
        }
    }

    // "(in reply to end of DATA command)" closes the quoted reply; a line cut off
    // by the syslog daemon may have lost it.
    constexpr std::string_view inReplyTo = "(in reply to ";
    constexpr std::string_view command = " command)";
    if (endsWith(reply, command)) {
        const std::size_t open = lastIndexOf(reply, inReplyTo);
        if (open != std::string_view::npos) {
            const std::size_t start = open + inReplyTo.size();
            const std::size_t end = reply.size() - command.size();
            if (end >= start)
                event.smtpCommand = reply.substr(start, end - start);
            reply = trimRight(reply.substr(0, open));
        }
    }
    const SmtpReply parsed = parse(reply);
    event.replyCode = parsed.code;
    event.enhancedCode = parsed.enhanced;
    event.replyText = parsed.text;
}

} // namespace rejectscope
