#pragma once

#include <QLabel>
#include <QString>
#include <QTimeZone>

#include <cstdint>

class QFont;

namespace rejectscope {

// The advisor's building blocks. Every label is plain text, so that a reply or
// address chosen by a stranger never becomes markup, and every size follows the font.

// A plain-text label that wraps, at word boundaries where it can (WrappingLabel).
QLabel *plainLabel(const QString &text, QWidget *parent = nullptr);
// A plain-text label in the palette's muted text colour (follows a palette change).
QLabel *mutedLabel(const QString &text, QWidget *parent = nullptr);
// Log text (already made visible with terminalSafe) as a tooltip that Qt's rich-text
// detection cannot misread: escaped, whitespace kept.
QString escapedToolTip(const QString &text);
// `font` scaled by `factor` from its own size, so that it follows the desktop's setting.
QFont scaledFont(const QFont &font, double factor, bool bold);

// "2026-11-21 23:59:38 UTC" in the zone the user chose.
QString zoneTimeText(std::int64_t timeMs, const QTimeZone &zone);
// A count in the user's locale.
QString countText(std::int64_t n);
// A figure with `decimals` in the user's locale; "—" when it is not a number.
QString figureText(double value, int decimals);
// "+12.5 %", "−63.0 %"; "—" when there is nothing to compare with (NaN).
QString percentChangeText(double change);
// "+12.5 pts" for a change of a share in percentage points; "—" for NaN.
QString pointsChangeText(double change);

} // namespace rejectscope
