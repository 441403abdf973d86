#include "syslogprefix.h"

#include "textscan.h"

#include <cstring>

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

// Two digits at `pos`, which the caller has checked are inside `s`; -1 when they
// are not both digits.
int twoDigits(std::string_view s, std::size_t pos)
{
    const unsigned tens = static_cast<unsigned char>(s[pos]) - unsigned('0');
    const unsigned ones = static_cast<unsigned char>(s[pos + 1]) - unsigned('0');
    return tens <= 9 && ones <= 9 ? static_cast<int>(tens * 10 + ones) : -1;
}

// "HH:MM:SS" at pos; returns the position after it or npos.
std::size_t parseClock(std::string_view s, std::size_t pos, int &h, int &m, int &sec)
{
    if (pos + 8 > s.size() || s[pos + 2] != ':' || s[pos + 5] != ':')
        return std::string_view::npos;
    h = twoDigits(s, pos);
    m = twoDigits(s, pos + 3);
    sec = twoDigits(s, pos + 6);
    if (h < 0 || m < 0 || sec < 0)
        return std::string_view::npos;
    return pos + 8;
}

// Classic syslog "Mmm dd HH:MM:SS[.ffffff] ": day space-padded, zero-padded or
// unpadded. Returns the length consumed including the trailing space, or 0.
std::size_t parseClassicStamp(std::string_view s, SyslogStamp &p)
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
std::size_t parseRfc3339Stamp(std::string_view s, SyslogStamp &p)
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

std::size_t parseStamp(std::string_view s, SyslogStamp &p)
{
    if (s.empty())
        return 0;
    if (isDigit(s.front()))
        return parseRfc3339Stamp(s, p);
    return parseClassicStamp(s, p);
}

// memcmp for 8 to 64 bytes, eight at a time, the last eight first: the bytes that
// tell lines apart (seconds, a pid) are at the end. Calling memcmp would cost more
// than comparing.
bool sameBytes(const char *a, const char *b, std::size_t count)
{
    if (swar::load(a + count - 8) != swar::load(b + count - 8))
        return false;
    for (std::size_t i = 0; i + 8 < count; i += 8) {
        if (swar::load(a + i) != swar::load(b + i))
            return false;
    }
    return true;
}

// Stamps are never shorter ("Jan 1 00:00:00 " has 15 bytes), and sameBytes needs
// eight.
constexpr std::size_t shortestStamp = 15;

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
    return parseAfterStamp(line.substr(used), nullptr);
}

bool SyslogPrefix::parse(std::string_view line, PrefixMemo &memo)
{
    // The stamp readers look at no byte after the stamp's closing space, and a line
    // long enough to hold the remembered stamp passes their length checks, so a
    // line starting with the same bytes has the same stamp.
    const std::size_t known = memo.m_stampLength;
    if (known != 0 && line.size() >= known) {
        if (sameBytes(line.data(), memo.m_stampBytes.data(), known)) {
            static_cast<SyslogStamp &>(*this) = memo.m_stamp;
            return parseAfterStamp(line.substr(known), &memo);
        }
        // The next second: a classic stamp without a fraction ("Nov 19 00:00:SS ",
        // 15 or 16 bytes; a fraction makes it longer) that differs only in "SS".
        if (known <= 16 && !memo.m_stamp.hasOffset && line[known - 1] == ' '
            && sameBytes(line.data(), memo.m_stampBytes.data(), known - 3)) {
            if (const int seconds = twoDigits(line, known - 3); seconds >= 0) {
                std::memcpy(memo.m_stampBytes.data() + known - 3, line.data() + known - 3, 2);
                memo.m_stamp.second = seconds;
                static_cast<SyslogStamp &>(*this) = memo.m_stamp;
                return parseAfterStamp(line.substr(known), &memo);
            }
        }
    }
    const std::size_t used = parseStamp(line, *this);
    if (used == 0)
        return parse(line); // a byte order mark, a docker-compose prefix or no stamp
    if (used >= shortestStamp && used <= memo.m_stampBytes.size()) {
        std::memcpy(memo.m_stampBytes.data(), line.data(), used);
        memo.m_stampLength = used;
        memo.m_stamp = *this;
    }
    return parseAfterStamp(line.substr(used), &memo);
}

bool SyslogPrefix::parseAfterStamp(std::string_view rest, PrefixMemo *memo)
{
    if (hasOffset && !rest.empty() && isUpper(rest.front())) {
        // A collector (docker's log driver, lightmeter's "prepend RFC 3339") put its
        // own complete stamp before the syslog one: keep the complete one and skip
        // the year-less copy.
        SyslogStamp inner;
        const std::size_t innerUsed = parseClassicStamp(rest, inner);
        if (innerUsed != 0)
            rest.remove_prefix(innerUsed);
    }
    return memo ? parseHostAndProgram(rest, *memo) : parseHostAndProgram(rest);
}

bool SyslogPrefix::parseHostAndProgram(std::string_view rest, PrefixMemo &memo)
{
    for (const PrefixMemo::Source &source : memo.m_sources) {
        if (source.length == 0 || rest.size() < source.length
            || !sameBytes(rest.data(), source.bytes.data(), source.length))
            continue;
        host = source.hostLength != 0 ? rest.substr(0, source.hostLength) : std::string_view();
        program = rest.substr(source.programStart, source.programLength);
        syslogName = source.serviceStart != 0 ? program.substr(0, source.serviceStart - 1)
                                              : std::string_view();
        service = program.substr(source.serviceStart);
        pid = source.pid;
        message = rest.substr(source.length);
        return true;
    }
    if (!parseHostAndProgram(rest))
        return false;
    // Remembered when a space ends the program token: up to that space the parse
    // above looks at no other byte, so a line with the same bytes parses the same.
    const std::size_t length = rest.size() - message.size();
    if (length >= 8 && length <= memo.m_sources.front().bytes.size() && rest[length - 1] == ' ') {
        PrefixMemo::Source &source = memo.m_sources[memo.m_nextSource];
        memo.m_nextSource = (memo.m_nextSource + 1) % memo.m_sources.size();
        std::memcpy(source.bytes.data(), rest.data(), length);
        source.length = static_cast<std::uint8_t>(length);
        source.hostLength = static_cast<std::uint8_t>(host.size());
        source.programStart = static_cast<std::uint8_t>(program.data() - rest.data());
        source.programLength = static_cast<std::uint8_t>(program.size());
        source.serviceStart = static_cast<std::uint8_t>(service.data() - program.data());
        source.pid = pid;
    }
    return true;
}

bool SyslogPrefix::parseHostAndProgram(std::string_view rest)
{
    // The host, then the program token "name[pid]:" or "name:". A token ending in
    // ':' right after the stamp is the program of a line without a host.
    std::size_t space = findByte(rest, ' ');
    if (space == std::string_view::npos || space == 0)
        return false;
    std::string_view token = rest.substr(0, space);
    if (token.back() == ':') {
        host = {};
    } else {
        host = token;
        rest.remove_prefix(space + 1);
        space = findByte(rest, ' ');
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
        // "[digits]" at the end: walking back over the digits reaches the last '['
        // exactly when only digits follow it. At most 18 digits: no overflow.
        const std::size_t close = token.size() - 1;
        std::size_t open = close;
        while (open > 0 && isDigit(token[open - 1]))
            --open;
        if (open == 0 || token[open - 1] != '[' || open == close || close - open > 18)
            return false;
        std::int64_t value = 0;
        for (std::size_t i = open; i < close; ++i)
            value = value * 10 + (token[i] - '0');
        pid = value;
        token = token.substr(0, open - 1);
    }
    if (token.empty())
        return false;
    program = token;
    std::size_t serviceStart = token.size(); // after the last '/', or 0 without one
    while (serviceStart > 0 && token[serviceStart - 1] != '/')
        --serviceStart;
    syslogName = serviceStart == 0 ? std::string_view() : token.substr(0, serviceStart - 1);
    service = token.substr(serviceStart);
    message = space < rest.size() ? rest.substr(space + 1) : std::string_view();
    return true;
}

} // namespace rejectscope
