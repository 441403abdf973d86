#include "syslogprefix.h"

#include "textscan.h"

namespace rejectscope {

using namespace text;

namespace {

// "Jan".."Dec" to 1..12; 0 for anything else. A switch on the first letter keeps
// this to two or three comparisons.
int monthFromName(std::string_view s)
{
    if (s.size() < 3)
        return 0;
    const char a = s[0], b = s[1], c = s[2];
    switch (a) {
    case 'J':
        if (b == 'a' && c == 'n') return 1;
        if (b == 'u' && c == 'n') return 6;
        if (b == 'u' && c == 'l') return 7;
        return 0;
    case 'F': return (b == 'e' && c == 'b') ? 2 : 0;
    case 'M':
        if (b == 'a' && c == 'r') return 3;
        if (b == 'a' && c == 'y') return 5;
        return 0;
    case 'A':
        if (b == 'p' && c == 'r') return 4;
        if (b == 'u' && c == 'g') return 8;
        return 0;
    case 'S': return (b == 'e' && c == 'p') ? 9 : 0;
    case 'O': return (b == 'c' && c == 't') ? 10 : 0;
    case 'N': return (b == 'o' && c == 'v') ? 11 : 0;
    case 'D': return (b == 'e' && c == 'c') ? 12 : 0;
    default: return 0;
    }
}

// Optional ".f{1,9}": milliseconds from the first three digits, the rest skipped.
std::size_t parseFraction(std::string_view s, std::size_t pos, int &millisecond)
{
    millisecond = 0;
    if (pos >= s.size() || s[pos] != '.')
        return pos;
    std::size_t i = pos + 1;
    int digits = 0;
    int ms = 0;
    while (i < s.size() && isDigit(s[i]) && digits < 9) {
        if (digits < 3)
            ms = ms * 10 + (s[i] - '0');
        ++digits;
        ++i;
    }
    if (digits == 0)
        return pos;
    for (int d = digits; d < 3; ++d)
        ms *= 10;
    millisecond = ms;
    return i;
}

// "HH:MM:SS" at pos; returns the position after it or npos.
std::size_t parseClock(std::string_view s, std::size_t pos, int &h, int &m, int &sec)
{
    if (pos + 8 > s.size() || s[pos + 2] != ':' || s[pos + 5] != ':')
        return std::string_view::npos;
    h = fixedNumber(s, pos, 2);
    m = fixedNumber(s, pos + 3, 2);
    sec = fixedNumber(s, pos + 6, 2);
    if (h < 0 || m < 0 || sec < 0)
        return std::string_view::npos;
    return pos + 8;
}

// Classic syslog "Mmm dd HH:MM:SS[.ffffff] ": day space-padded, zero-padded or
// unpadded. Returns the length consumed including the trailing space, or 0.
std::size_t parseClassicStamp(std::string_view s, SyslogPrefix &p)
{
    const int month = monthFromName(s);
    if (month == 0 || s.size() < 15 || s[3] != ' ')
        return 0;
    std::size_t i = 4;
    if (s[i] == ' ') // space-padded day
        ++i;
    int day = 0;
    std::size_t digits = 0;
    while (i < s.size() && isDigit(s[i]) && digits < 2) {
        day = day * 10 + (s[i] - '0');
        ++i;
        ++digits;
    }
    if (digits == 0 || i >= s.size() || s[i] != ' ')
        return 0;
    i = parseClock(s, i + 1, p.hour, p.minute, p.second);
    if (i == std::string_view::npos)
        return 0;
    i = parseFraction(s, i, p.millisecond);
    if (i >= s.size() || s[i] != ' ')
        return 0;
    p.hasOffset = false;
    p.year = 0;
    p.month = month;
    p.day = day;
    p.offsetSeconds = 0;
    return i + 1;
}

// RFC 3339 "YYYY-MM-DDTHH:MM:SS[.f{1,9}](Z|+hh:mm|+hhmm) ". Returns the length
// consumed including the trailing space, or 0.
std::size_t parseRfc3339Stamp(std::string_view s, SyslogPrefix &p)
{
    if (s.size() < 21 || s[4] != '-' || s[7] != '-' || (s[10] != 'T' && s[10] != 't'))
        return 0;
    const int year = fixedNumber(s, 0, 4);
    const int month = fixedNumber(s, 5, 2);
    const int day = fixedNumber(s, 8, 2);
    if (year < 0 || month < 0 || day < 0)
        return 0;
    std::size_t i = parseClock(s, 11, p.hour, p.minute, p.second);
    if (i == std::string_view::npos)
        return 0;
    i = parseFraction(s, i, p.millisecond);
    if (i >= s.size())
        return 0;
    int offset = 0;
    if (s[i] == 'Z' || s[i] == 'z') {
        ++i;
    } else if (s[i] == '+' || s[i] == '-') {
        const int sign = s[i] == '-' ? -1 : 1;
        const int oh = fixedNumber(s, i + 1, 2);
        if (oh < 0)
            return 0;
        std::size_t j = i + 3;
        if (j < s.size() && s[j] == ':') // "+01:00"; journald before 2023 wrote "+0100"
            ++j;
        const int om = fixedNumber(s, j, 2);
        if (om < 0 || oh > 23 || om > 59)
            return 0;
        offset = sign * (oh * 3600 + om * 60);
        i = j + 2;
    } else {
        return 0;
    }
    if (i >= s.size() || s[i] != ' ')
        return 0;
    p.hasOffset = true;
    p.year = year;
    p.month = month;
    p.day = day;
    p.offsetSeconds = offset;
    return i + 1;
}

std::size_t parseStamp(std::string_view s, SyslogPrefix &p)
{
    if (s.empty())
        return 0;
    if (isDigit(s.front()))
        return parseRfc3339Stamp(s, p);
    return parseClassicStamp(s, p);
}

} // namespace

bool SyslogPrefix::parse(std::string_view line)
{
    if (startsWith(line, "\xEF\xBB\xBF")) // a UTF-8 byte order mark before a file's first line
        line.remove_prefix(3);
    std::size_t used = parseStamp(line, *this);
    if (used == 0) {
        // docker-compose writes "service_1  | " before the syslog line. Looking for
        // it only after the fast path failed keeps ordinary lines free of the cost.
        const std::size_t bar = line.substr(0, 64).find(" | ");
        if (bar == std::string_view::npos)
            return false;
        line.remove_prefix(bar + 3);
        used = parseStamp(line, *this);
        if (used == 0)
            return false;
    }
    std::string_view rest = line.substr(used);
    if (hasOffset && !rest.empty() && isUpper(rest.front())) {
        // A collector (docker's log driver, lightmeter's "prepend RFC 3339") put its
        // own complete stamp before the syslog one: keep the complete one and skip
        // the year-less copy.
        SyslogPrefix inner;
        const std::size_t innerUsed = parseClassicStamp(rest, inner);
        if (innerUsed != 0)
            rest.remove_prefix(innerUsed);
    }
    return parseAfterStamp(rest);
}

bool SyslogPrefix::parseAfterStamp(std::string_view rest)
{
    // The host, then the program token "name[pid]:" or "name:". A token ending in
    // ':' right after the stamp is the program of a line without a host.
    std::size_t space = rest.find(' ');
    if (space == std::string_view::npos || space == 0)
        return false;
    std::string_view token = rest.substr(0, space);
    if (token.back() == ':') {
        host = {};
    } else {
        host = token;
        rest.remove_prefix(space + 1);
        space = rest.find(' ');
        if (space == std::string_view::npos) {
            // "host prog[1]:" with an empty message.
            if (rest.empty() || rest.back() != ':')
                return false;
            space = rest.size();
        }
        token = rest.substr(0, space);
        if (token.empty() || token.back() != ':')
            return false;
    }
    token.remove_suffix(1); // the ':'
    pid = 0;
    if (!token.empty() && token.back() == ']') {
        const std::size_t open = token.rfind('[');
        if (open == std::string_view::npos)
            return false;
        std::string_view digits = token.substr(open + 1, token.size() - open - 2);
        std::int64_t value = 0;
        if (!takeNumber(digits, value) || !digits.empty())
            return false;
        pid = value;
        token = token.substr(0, open);
    }
    if (token.empty())
        return false;
    program = token;
    const std::size_t slash = token.rfind('/');
    if (slash == std::string_view::npos) {
        syslogName = {};
        service = token;
    } else {
        syslogName = token.substr(0, slash);
        service = token.substr(slash + 1);
    }
    message = space < rest.size() ? rest.substr(space + 1) : std::string_view();
    return true;
}

} // namespace rejectscope
