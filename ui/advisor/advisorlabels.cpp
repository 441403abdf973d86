#include "advisorlabels.h"

#include "wrappinglabel.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFont>
#include <QLocale>

#include <cmath>

using namespace Qt::StringLiterals;

namespace rejectscope {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(AdvisorPanel)
};

QString signedFigure(double value)
{
    // A real minus sign: a hyphen reads as a dash next to the digits.
    const QString digits = QLocale().toString(std::abs(value), 'f', 1);
    if (value > 0.05)
        return u'+' + digits;
    if (value < -0.05)
        return u'\u2212' + digits;
    return digits;
}

} // namespace

QLabel *plainLabel(const QString &text, QWidget *parent)
{
    return new WrappingLabel(text, parent);
}

QLabel *mutedLabel(const QString &text, QWidget *parent)
{
    QLabel *label = plainLabel(text, parent);
    // PlaceholderText is the palette's own muted text colour, light or dark.
    label->setForegroundRole(QPalette::PlaceholderText);
    return label;
}

QString escapedToolTip(const QString &text)
{
    return u"<p style='white-space:pre-wrap'>"_s + text.toHtmlEscaped() + u"</p>"_s;
}

QFont scaledFont(const QFont &font, double factor, bool bold)
{
    QFont scaled = font;
    if (font.pointSizeF() > 0)
        scaled.setPointSizeF(font.pointSizeF() * factor);
    else if (font.pixelSize() > 0)
        scaled.setPixelSize(qRound(font.pixelSize() * factor));
    scaled.setBold(bold);
    return scaled;
}

QString zoneTimeText(std::int64_t timeMs, const QTimeZone &zone)
{
    const QDateTime time = QDateTime::fromMSecsSinceEpoch(timeMs, zone);
    const QString abbreviation = zone.isValid() ? zone.abbreviation(time) : QString();
    const QString text = time.toString(u"yyyy-MM-dd HH:mm:ss"_s);
    return abbreviation.isEmpty() ? text : text + u' ' + abbreviation;
}

QString countText(std::int64_t n)
{
    return QLocale().toString(qlonglong(n));
}

QString figureText(double value, int decimals)
{
    if (!std::isfinite(value))
        return u"\u2014"_s;
    return QLocale().toString(value, 'f', decimals);
}

QString percentChangeText(double change)
{
    if (!std::isfinite(change))
        return u"\u2014"_s;
    return Tr::tr("%1 %").arg(signedFigure(change));
}

QString pointsChangeText(double change)
{
    if (!std::isfinite(change))
        return u"\u2014"_s;
    return Tr::tr("%1 pts").arg(signedFigure(change));
}

} // namespace rejectscope
