#pragma once

#include <cstdint>
#include <string_view>

namespace rejectscope {

// The part of a log line before the message: timestamp, host, program and pid.
// Views point into the parsed line.
struct SyslogPrefix {
    // The timestamp as written. Classic syslog stamps have no year and no zone
    // (hasOffset false, year 0); RFC 3339 stamps carry both.
    bool hasOffset = false;
    int year = 0;
    int month = 0;
    int day = 0;
    int hour = 0;
    int minute = 0;
    int second = 0;
    int millisecond = 0;
    int offsetSeconds = 0;

    std::string_view host;       // empty when the line has none
    std::string_view program;    // "postfix-out/smtp", "dovecot"
    std::string_view syslogName; // program up to its last '/': "postfix-out"
    std::string_view service;    // program after its last '/': "smtp"
    std::int64_t pid = 0;        // 0 when the program has no [pid]
    std::string_view message;    // everything after "program[pid]: "

    // Parses the prefix of `line`; false when it has no recognisable prefix.
    bool parse(std::string_view line);

    // True for Postfix's own programs: their syslog name starts with "postfix"
    // ("postfix", "postfix-in", "postfix/submission", "postfix-10.0.0.1").
    bool isPostfix() const { return syslogName.substr(0, 7) == "postfix"; }

private:
    bool parseAfterStamp(std::string_view rest);
};

} // namespace rejectscope
