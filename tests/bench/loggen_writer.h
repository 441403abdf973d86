#pragma once
// The output side of the log generator: one big buffer, a clock that only moves
// forward, and the syslog prefix cached per second. Everything is appended with
// memcpy and hand-written integer formatting because the generator has to stay far
// faster than the importer it feeds (> 5 M lines/s); printf-style formatting alone
// would cost more than the importer's parser.

#include "loggen_rng.h"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>

namespace rejectscope::loggen {

// Local wall-clock time in microseconds since 1970-01-01 00:00 local. The log
// carries no time zone except the fixed offset label of the ISO format, so no
// conversion is ever needed.
using Micros = std::int64_t;
inline constexpr Micros kSecond = 1'000'000;
inline constexpr Micros kMinute = 60 * kSecond;
inline constexpr Micros kHour = 60 * kMinute;
inline constexpr Micros kDay = 24 * kHour;

enum class Format {
    Classic, // "Nov  1 23:01:55 mx " (syslog daemon: day padded with a space)
    Postlogd, // "Nov 01 23:01:55 mx " (Postfix maillog_file, plain journalctl)
    Iso, // "2026-11-01T23:01:55.123456+01:00 mx " (rsyslog on Debian 12)
};

struct CivilTime
{
    int year, month, day, hour, minute, second;
};

CivilTime civilFromMicros(Micros t);
Micros microsFromCivil(int year, int month, int day, int hour, int minute, int second);

class Writer
{
public:
    struct Config
    {
        std::FILE *out = stdout;
        std::uint64_t lineLimit = 0;
        Format format = Format::Classic;
        std::string host = "mx";
        std::string isoOffset = "+01:00";
        Micros start = 0;
        Micros meanGap = kSecond; // average clock advance per line
    };

    Writer(const Config &config, Rng &rng);
    Writer(const Writer &) = delete;
    Writer &operator=(const Writer &) = delete;
    ~Writer();

    bool done() const { return m_done; }
    Micros now() const { return m_now; }
    std::uint64_t lines() const { return m_lines; }
    bool ok() const { return m_ok; }

    // Starts a line: timestamp, host, "program[pid]: ".
    void begin(std::string_view program, std::uint32_t pid)
    {
        prefix();
        str(program);
        ch('[');
        num(pid);
        lit("]: ");
    }
    // Starts a line with a preformatted "program[pid]: ".
    void beginProc(std::string_view proc)
    {
        prefix();
        str(proc);
    }
    // dovecot logs without a pid: "mx dovecot: imap-login: ...".
    void beginNoPid(std::string_view program)
    {
        prefix();
        str(program);
        lit(": ");
    }

    template <std::size_t N>
    void lit(const char (&s)[N])
    {
        std::memcpy(m_cur, s, N - 1);
        m_cur += N - 1;
    }
    void str(std::string_view s)
    {
        // Most pieces are short: copy them with fixed-size (inlined) moves instead
        // of a call into the C library, which dominated the profile.
        const std::size_t n = s.size();
        const char *src = s.data();
        if (n >= 8 && n <= 16) {
            std::memcpy(m_cur, src, 8);
            std::memcpy(m_cur + n - 8, src + n - 8, 8);
        } else if (n >= 4 && n < 8) {
            std::memcpy(m_cur, src, 4);
            std::memcpy(m_cur + n - 4, src + n - 4, 4);
        } else if (n < 4) {
            for (std::size_t i = 0; i < n; ++i)
                m_cur[i] = src[i];
        } else if (n <= 32) {
            std::memcpy(m_cur, src, 16);
            std::memcpy(m_cur + n - 16, src + n - 16, 16);
        } else {
            std::memcpy(m_cur, src, n);
        }
        m_cur += n;
    }
    void ch(char c) { *m_cur++ = c; }
    void num(std::uint64_t v);
    void hex(std::uint64_t v, int digits, bool upper);
    // Postfix's delay= / delays= style: "0", "0.07", "1.9", "582".
    void delay(Micros d);
    // "Nov 21 23:01:55" for text embedded in a message (anvil statistics).
    void classicTime(Micros t);
    // A token from [A-Za-z0-9+/] as dovecot session ids use; the same seed gives the
    // same token, so two lines can name one session.
    void token(std::uint64_t seed, int length);

    // Ends the line: newline, count, advance the clock, flush when the buffer is full.
    void end();
    // Moves the clock forward without a line (quiet periods between bursts).
    void idle(Micros d) { m_now += d; }
    // Writes what is buffered; returns false on a write error.
    bool finish();

private:
    void prefix()
    {
        const Micros second = m_now / kSecond;
        if (second != m_cachedSecond)
            rebuildPrefix(second);
        str(m_pre);
        if (m_format == Format::Iso) {
            fixed(static_cast<std::uint64_t>(m_now % kSecond), 6);
            str(m_post);
        }
    }
    void fixed(std::uint64_t v, int digits)
    {
        for (int i = digits - 1; i >= 0; --i) {
            m_cur[i] = static_cast<char>('0' + v % 10);
            v /= 10;
        }
        m_cur += digits;
    }
    void rebuildPrefix(Micros second);
    void flushBuffer();

    Rng &m_rng;
    std::FILE *m_out;
    std::unique_ptr<char[]> m_buffer;
    char *m_cur;
    char *m_stop = nullptr;
    std::uint64_t m_limit;
    std::uint64_t m_lines = 0;
    bool m_done = false;
    bool m_ok = true;

    Format m_format;
    std::string m_host;
    std::string m_offset;
    Micros m_now;
    Micros m_meanGap;
    Micros m_cachedSecond = -1;
    Micros m_gapNow = 0; // mean gap for the current hour of day
    std::string m_pre; // timestamp (up to the fraction for ISO) + host
    std::string m_post; // ISO only: offset + host
};

} // namespace rejectscope::loggen
