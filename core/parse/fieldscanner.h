#pragma once

#include "textscan.h"

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
        while (pos < m_text.size() && (m_text[pos] == ' ' || m_text[pos] == ','))
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
        std::size_t end = pos;
        while (end < m_text.size()) {
            const char c = m_text[end];
            if (c == ' ' || c == ',')
                break;
            if (c == ':' && end + 1 < m_text.size() && m_text[end + 1] == ' ')
                break;
            ++end;
        }
        value = m_text.substr(pos, end - pos);
        m_pos = end;
        return true;
    }

    std::string_view rest() const { return m_text.substr(m_pos); }

private:
    static constexpr bool isNameChar(char c)
    {
        return text::isLower(c) || text::isDigit(c) || c == '_' || c == '-';
    }

    std::size_t nameEndAt(std::size_t pos) const
    {
        while (pos < m_text.size() && isNameChar(m_text[pos]))
            ++pos;
        return pos;
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
            while (k < m_text.size() && (m_text[k] == ' ' || m_text[k] == ','))
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
