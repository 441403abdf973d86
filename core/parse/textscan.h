#pragma once

// Small helpers for hand-written scanning over std::string_view. They are inline
// because the parser calls them several times per line and the hot path must not
// pay for calls it cannot see through.

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace rejectscope::text {

constexpr bool isDigit(char c) { return c >= '0' && c <= '9'; }
constexpr bool isUpper(char c) { return c >= 'A' && c <= 'Z'; }
constexpr bool isLower(char c) { return c >= 'a' && c <= 'z'; }
constexpr bool isAlnum(char c) { return isDigit(c) || isUpper(c) || isLower(c); }

inline bool startsWith(std::string_view s, std::string_view prefix)
{
    return s.size() >= prefix.size() && s.compare(0, prefix.size(), prefix) == 0;
}

inline bool endsWith(std::string_view s, std::string_view suffix)
{
    return s.size() >= suffix.size()
        && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
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

// Case-insensitive search for a needle that is already lower case.
inline bool containsNoCase(std::string_view haystack, std::string_view lowerNeedle)
{
    if (lowerNeedle.empty())
        return true;
    if (haystack.size() < lowerNeedle.size())
        return false;
    const char first = lowerNeedle.front();
    const std::size_t last = haystack.size() - lowerNeedle.size();
    for (std::size_t i = 0; i <= last; ++i) {
        if (lower(haystack[i]) != first)
            continue;
        std::size_t j = 1;
        while (j < lowerNeedle.size() && lower(haystack[i + j]) == lowerNeedle[j])
            ++j;
        if (j == lowerNeedle.size())
            return true;
    }
    return false;
}

} // namespace rejectscope::text
