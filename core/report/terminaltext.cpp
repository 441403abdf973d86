#include "terminaltext.h"

using namespace Qt::StringLiterals;

namespace rejectscope {

QString terminalSafe(const QString &text)
{
    QString out;
    out.reserve(text.size());
    for (const QChar c : text) {
        const char16_t u = c.unicode();
        if (u < 0x20 || u == 0x7f)
            out += u"\\x%1"_s.arg(int(u), 2, 16, QLatin1Char('0'));
        else if ((u >= 0x80 && u < 0xa0) || u == 0x2028 || u == 0x2029
                 || (u >= 0x202a && u <= 0x202e) || (u >= 0x2066 && u <= 0x2069))
            out += u"\\u{%1}"_s.arg(int(u), 0, 16); // also bidi overrides: no reordering tricks
        else
            out += c;
    }
    return out;
}

} // namespace rejectscope
