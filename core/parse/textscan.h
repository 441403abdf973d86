#pragma once

// Small helpers for hand-written scanning over std::string_view. They are inline
// because the parser calls them several times per line and the hot path must not
// pay for calls it cannot see through.

#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace rejectscope::text {

constexpr bool isDigit(char c) { return c >= '0' && c <= '9'; }
constexpr bool isUpper(char c) { return c >= 'A' && c <= 'Z'; }
constexpr bool isLower(char c) { return c >= 'a' && c <= 'z'; }
constexpr bool isAlnum(char c) { return isDigit(c) || isUpper(c) || isLower(c); }

// memcmp with the needle's own length, which is a constant for a literal: the
// compiler then compares inline. (string_view::compare takes the shorter length,
// which it cannot know, and calls memcmp.)
inline bool startsWith(std::string_view s, std::string_view prefix)
{
    return s.size() >= prefix.size()
        && std::memcmp(s.data(), prefix.data(), prefix.size()) == 0;
}

inline bool endsWith(std::string_view s, std::string_view suffix)
{
    return s.size() >= suffix.size()
        && std::memcmp(s.data() + s.size() - suffix.size(), suffix.data(), suffix.size()) == 0;
}

// Eight bytes at a time in a register ("SWAR"): for the short distances the parser
// searches (a host name, a program token, a field value, back to a ';') this beats
// both a byte loop and a call to memchr. Only whole words inside the string are
// read; the rest goes byte by byte.
namespace swar {

inline std::uint64_t load(const char *bytes)
{
    std::uint64_t word = 0;
    std::memcpy(&word, bytes, sizeof word);
    return word;
}

// The high bit of each byte of `word` that equals `c`, and no other bit (exact:
// no carries between bytes).
inline std::uint64_t matches(std::uint64_t word, char c)
{
    constexpr std::uint64_t low7 = 0x7F7F7F7F7F7F7F7Full;
    const std::uint64_t x = word ^ (0x0101010101010101ull * static_cast<unsigned char>(c));
    return ~(((x & low7) + low7) | x | low7);
}

// The offsets in the word of the first (lowest address) and last match.
inline std::size_t firstIndex(std::uint64_t matchBits)
{
    if constexpr (std::endian::native == std::endian::little)
        return std::size_t(std::countr_zero(matchBits)) / 8;
    else
        return std::size_t(std::countl_zero(matchBits)) / 8;
}

inline std::size_t lastIndex(std::uint64_t matchBits)
{
    if constexpr (std::endian::native == std::endian::little)
        return 7 - std::size_t(std::countl_zero(matchBits)) / 8;
    else
        return 7 - std::size_t(std::countr_zero(matchBits)) / 8;
}

// `matchBits` without its first match.
inline std::uint64_t withoutFirst(std::uint64_t matchBits)
{
    if constexpr (std::endian::native == std::endian::little)
        return matchBits & (matchBits - 1);
    else
        return matchBits & ~(std::uint64_t(1) << (63 - std::countl_zero(matchBits)));
}

} // namespace swar

// The first `c` in `s` at or after `from`, or npos.
inline std::size_t findByte(std::string_view s, char c, std::size_t from = 0)
{
    std::size_t i = from;
    for (; i + 8 <= s.size(); i += 8) {
        if (const std::uint64_t m = swar::matches(swar::load(s.data() + i), c))
            return i + swar::firstIndex(m);
    }
    for (; i < s.size(); ++i) {
        if (s[i] == c)
            return i;
    }
    return std::string_view::npos;
}

// The last `c` in `s` before `end`, or npos.
inline std::size_t findLastByte(std::string_view s, char c, std::size_t end)
{
    std::size_t i = end < s.size() ? end : s.size();
    for (; i >= 8; i -= 8) {
        if (const std::uint64_t m = swar::matches(swar::load(s.data() + i - 8), c))
            return i - 8 + swar::lastIndex(m);
    }
    while (i-- > 0) {
        if (s[i] == c)
            return i;
    }
    return std::string_view::npos;
}

// Removes `prefix` from the front of `s` when it is there.
inline bool consume(std::string_view &s, std::string_view prefix)
{
    if (!startsWith(s, prefix))
        return false;
    s.remove_prefix(prefix.size());
    return true;
}

inline std::string_view trimRight(std::string_view s)
{
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
        s.remove_suffix(1);
    return s;
}

inline std::string_view trimLeft(std::string_view s)
{
    while (!s.empty() && s.front() == ' ')
        s.remove_prefix(1);
    return s;
}

// Parses exactly `count` digits at `pos`; -1 when they are not all digits.
inline int fixedNumber(std::string_view s, std::size_t pos, std::size_t count)
{
    if (pos + count > s.size())
        return -1;
    int value = 0;
    for (std::size_t i = pos; i < pos + count; ++i) {
        if (!isDigit(s[i]))
            return -1;
        value = value * 10 + (s[i] - '0');
    }
    return value;
}

// Parses a run of digits at the front of `s` (at most 18, so it cannot overflow)
// and removes it; false when there is none.
inline bool takeNumber(std::string_view &s, std::int64_t &value)
{
    std::size_t i = 0;
    std::int64_t v = 0;
    while (i < s.size() && i < 18 && isDigit(s[i])) {
        v = v * 10 + (s[i] - '0');
        ++i;
    }
    if (i == 0)
        return false;
    value = v;
    s.remove_prefix(i);
    return true;
}

// "0.23", "2370", "284067": delay= values. Negative when it is not a number.
inline double parseSeconds(std::string_view s)
{
    std::int64_t whole = 0;
    if (!takeNumber(s, whole))
        return -1.0;
    double value = static_cast<double>(whole);
    if (!s.empty() && s.front() == '.') {
        s.remove_prefix(1);
        double scale = 0.1;
        while (!s.empty() && isDigit(s.front()) && scale > 1e-12) {
            value += (s.front() - '0') * scale;
            scale /= 10.0;
            s.remove_prefix(1);
        }
    }
    return value;
}

// The last occurrence of `needle` in `s`. std::string_view::rfind compares the
// whole needle at every position; this only compares where the first byte matches.
inline std::size_t lastIndexOf(std::string_view s, std::string_view needle)
{
    if (needle.empty() || s.size() < needle.size())
        return std::string_view::npos;
    const char first = needle.front();
    for (std::size_t i = s.size() - needle.size() + 1; i-- > 0;) {
        if (s[i] == first && s.compare(i, needle.size(), needle) == 0)
            return i;
    }
    return std::string_view::npos;
}

// ASCII lower case for case-insensitive matching; other bytes are left alone so
// that invalid UTF-8 passes through harmlessly.
constexpr char lower(char c) { return isUpper(c) ? static_cast<char>(c - 'A' + 'a') : c; }

} // namespace rejectscope::text
