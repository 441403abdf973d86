#pragma once

#include <array>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace rejectscope {

// The timestamp of a syslog line as written. Classic syslog stamps have no year and
// no zone (hasOffset false, year 0); RFC 3339 stamps carry both.
struct SyslogStamp {
    bool hasOffset = false;
    int year = 0;
    int month = 0;
    int day = 0;
    int hour = 0;
    int minute = 0;
    int second = 0;
    int millisecond = 0;
    int offsetSeconds = 0;
};

class PrefixMemo;

// The part of a log line before the message: timestamp, host, program and pid.
// Views point into the parsed line.
struct SyslogPrefix : SyslogStamp {
    std::string_view host;       // empty when the line has none
    std::string_view program;    // "postfix-out/smtp", "dovecot"
    std::string_view syslogName; // program up to its last '/': "postfix-out"
    std::string_view service;    // program after its last '/': "smtp"
    std::int64_t pid = 0;        // 0 when the program has no [pid]
    std::string_view message;    // everything after "program[pid]: "

    // Parses the prefix of `line`; false when it has no recognisable prefix.
    bool parse(std::string_view line);
    // The same, for the lines of one log in turn: what a line repeats of the lines
    // before it (see PrefixMemo) is taken from `memo` instead of read again.
    bool parse(std::string_view line, PrefixMemo &memo);

    // True for Postfix's own programs: their syslog name starts with "postfix"
    // ("postfix", "postfix-in", "postfix/submission", "postfix-10.0.0.1").
    bool isPostfix() const
    {
        constexpr std::string_view postfix = "postfix";
        return syslogName.size() >= postfix.size()
            && std::memcmp(syslogName.data(), postfix.data(), postfix.size()) == 0;
    }

private:
    bool parseAfterStamp(std::string_view rest, PrefixMemo *memo);
    bool parseHostAndProgram(std::string_view rest);
    bool parseHostAndProgram(std::string_view rest, PrefixMemo &memo);
};

// What SyslogPrefix::parse read from the last lines of a log. A busy server writes
// several lines a second, all with the same stamp, from a handful of processes:
// most lines start with the stamp of the line before and go on with the host and
// program of one of the last few lines. Comparing those bytes is cheaper than
// reading them again. (Lines after a byte order mark or a docker-compose prefix
// take the ordinary path.)
class PrefixMemo
{
    friend struct SyslogPrefix;

    // The stamp at the start of the last line. The longest stamp,
    // "2024-11-21T06:00:00.123456789+01:00 ", has 36 bytes.
    std::array<char, 40> m_stampBytes{};
    std::size_t m_stampLength = 0; // 0 while nothing is remembered
    SyslogStamp m_stamp;

    // "host program[pid]: " up to the message, and where its parts are.
    struct Source {
        std::array<char, 64> bytes{};
        std::uint8_t length = 0;        // 0 while unused
        std::uint8_t hostLength = 0;    // 0 without a host
        std::uint8_t programStart = 0;
        std::uint8_t programLength = 0; // without "[pid]"
        std::uint8_t serviceStart = 0;  // in the program, after its last '/'; 0 without one
        std::int64_t pid = 0;
    };
    std::array<Source, 4> m_sources;
    std::size_t m_nextSource = 0; // replaced in turn
};

} // namespace rejectscope
