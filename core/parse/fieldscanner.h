#pragma once

#include "textscan.h"

#include <array>
#include <cstdint>
#include <string_view>

namespace rejectscope {

// Walks a Postfix "name=value" list such as
//   from=<s> to=<r> proto=ESMTP helo=<h>                  (smtpd)
//   from=<s>, to=<r>, proto=ESMTP, helo=<h>               (postscreen)
//   to=<r>, orig_to=<o>, relay=x, delay=1, status=sent    (delivery agents)
// Values in angle brackets may contain anything a stranger chose, including
// spaces, commas, '<' and '>', so a bracketed value ends only at a '>' followed by
// the end, by ':' (cleanup appends ": text"), or by separators and another
// "name=". Unbracketed values end at a space, a comma or ": ".
class FieldScanner
{
public:
    explicit FieldScanner(std::string_view text) : m_text(text) {}

    // Reads the next field; false at the end or when what follows is not a
    // "name=" (rest() then starts there).
    bool next(std::string_view &name, std::string_view &value)
    {
        std::size_t pos = m_pos;
        while (pos < m_text.size() && is(m_text[pos], Separator))
            ++pos;
        const std::size_t nameEnd = nameEndAt(pos);
        if (nameEnd == pos || nameEnd >= m_text.size() || m_text[nameEnd] != '=') {
            m_pos = pos;
            return false;
        }
        name = m_text.substr(pos, nameEnd - pos);
        pos = nameEnd + 1;
        if (pos < m_text.size() && m_text[pos] == '<') {
            const std::size_t close = angleEnd(pos + 1);
            if (close == std::string_view::npos) {
                value = m_text.substr(pos + 1); // cut off: keep what is there
                m_pos = m_text.size();
            } else {
                value = m_text.substr(pos + 1, close - pos - 1);
                m_pos = close + 1;
            }
            return true;
        }
        const std::size_t end = valueEndAt(pos);
        value = m_text.substr(pos, end - pos);
        m_pos = end;
        return true;
    }

    std::string_view rest() const { return m_text.substr(m_pos); }

private:
    // Byte classes, one table lookup per byte: field lists are most of an event line.
    enum ByteClass : std::uint8_t {
        NameByte = 1,  // a-z, 0-9, '_', '-'
        Separator = 2, // ' ', ','
        ValueEnd = 4,  // ' ', ',', and ':' when a space follows
    };
    static constexpr std::array<std::uint8_t, 256> byteClasses = [] {
        std::array<std::uint8_t, 256> table{};
        for (int i = 0; i < 256; ++i) {
            const char c = static_cast<char>(i);
            if (text::isLower(c) || text::isDigit(c) || c == '_' || c == '-')
                table[std::size_t(i)] |= NameByte;
            if (c == ' ' || c == ',')
                table[std::size_t(i)] |= Separator | ValueEnd;
            if (c == ':')
                table[std::size_t(i)] |= ValueEnd;
        }
        return table;
    }();
    static bool is(char c, ByteClass byteClass)
    {
        return (byteClasses[static_cast<unsigned char>(c)] & byteClass) != 0;
    }

    std::size_t nameEndAt(std::size_t pos) const
    {
        while (pos < m_text.size() && is(m_text[pos], NameByte))
            ++pos;
        return pos;
    }

    // Where an unbracketed value ends: at a space, a comma or ": ".
    std::size_t valueEndAt(std::size_t pos) const
    {
        const auto endsHere = [this](std::size_t at) {
            return m_text[at] != ':' || (at + 1 < m_text.size() && m_text[at + 1] == ' ');
        };
        for (; pos + 8 <= m_text.size(); pos += 8) {
            const std::uint64_t word = text::swar::load(m_text.data() + pos);
            for (std::uint64_t m = text::swar::matches(word, ' ') | text::swar::matches(word, ',')
                     | text::swar::matches(word, ':');
                 m != 0; m = text::swar::withoutFirst(m)) {
                const std::size_t at = pos + text::swar::firstIndex(m);
                if (endsHere(at))
                    return at;
            }
        }
        for (; pos < m_text.size(); ++pos) {
            if (is(m_text[pos], ValueEnd) && endsHere(pos))
                return pos;
        }
        return m_text.size();
    }

    std::size_t angleEnd(std::size_t from) const
    {
        for (std::size_t close = m_text.find('>', from); close != std::string_view::npos;
             close = m_text.find('>', close + 1)) {
            std::size_t k = close + 1;
            if (k == m_text.size() || m_text[k] == ':')
                return close;
            if (m_text[k] != ' ' && m_text[k] != ',')
                continue;
            while (k < m_text.size() && is(m_text[k], Separator))
                ++k;
            if (k == m_text.size())
                return close;
            const std::size_t nameEnd = nameEndAt(k);
            if (nameEnd > k && nameEnd < m_text.size() && m_text[nameEnd] == '=')
                return close;
            if (m_text[k] == '(') // qmgr "... nrcpt=1 (queue active)" style tails
                return close;
        }
        return std::string_view::npos;
    }

    std::string_view m_text;
    std::size_t m_pos = 0;
};

} // namespace rejectscope
