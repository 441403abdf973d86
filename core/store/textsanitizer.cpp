#include "textsanitizer.h"

#include <cstdint>
#include <cstring>

namespace rejectscope {

namespace {

// Length of the valid UTF-8 sequence starting at text[i], or 0 when invalid
// (overlong forms, surrogates and code points above U+10FFFF are invalid).
std::size_t sequenceLength(std::string_view text, std::size_t i)
{
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
    const unsigned char lead = byte(i);
    const std::size_t left = text.size() - i;
    const auto continuation = [&](std::size_t k) { return (byte(k) & 0xC0) == 0x80; };
    if (lead < 0x80)
        return 1;
    if (lead >= 0xC2 && lead <= 0xDF)
        return left >= 2 && continuation(i + 1) ? 2 : 0;
    if (lead >= 0xE0 && lead <= 0xEF) {
        if (left < 3 || !continuation(i + 1) || !continuation(i + 2))
            return 0;
        if (lead == 0xE0 && byte(i + 1) < 0xA0)
            return 0; // overlong
        if (lead == 0xED && byte(i + 1) >= 0xA0)
            return 0; // surrogate
        return 3;
    }
    if (lead >= 0xF0 && lead <= 0xF4) {
        if (left < 4 || !continuation(i + 1) || !continuation(i + 2) || !continuation(i + 3))
            return 0;
        if (lead == 0xF0 && byte(i + 1) < 0x90)
            return 0; // overlong
        if (lead == 0xF4 && byte(i + 1) >= 0x90)
            return 0; // above U+10FFFF
        return 4;
    }
    return 0;
}

} // namespace

bool isAscii(std::string_view text)
{
    std::size_t i = 0;
    for (; i + 16 <= text.size(); i += 16) {
        std::uint64_t words[2];
        std::memcpy(words, text.data() + i, 16);
        if ((words[0] | words[1]) & 0x8080808080808080ULL)
            return false;
    }
    for (; i < text.size(); ++i)
        if (static_cast<unsigned char>(text[i]) & 0x80)
            return false;
    return true;
}

bool isValidUtf8(std::string_view text)
{
    if (isAscii(text))
        return true;
    for (std::size_t i = 0; i < text.size();) {
        const std::size_t length = sequenceLength(text, i);
        if (length == 0)
            return false;
        i += length;
    }
    return true;
}

std::string_view validUtf8(std::string_view text, std::string &scratch)
{
    if (isValidUtf8(text))
        return text;
    scratch.clear();
    scratch.reserve(text.size() + 8);
    for (std::size_t i = 0; i < text.size();) {
        const std::size_t length = sequenceLength(text, i);
        if (length == 0) {
            scratch += "\xEF\xBF\xBD";
            ++i;
        } else {
            scratch.append(text.substr(i, length));
            i += length;
        }
    }
    return scratch;
}

} // namespace rejectscope
