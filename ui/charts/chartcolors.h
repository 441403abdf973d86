#pragma once

#include <QColor>
#include <QPalette>

namespace rejectscope {

// The timeline's colours. Text, grid and background come from the palette; the data
// colours are an orange/blue pair that colour-blind readers tell apart, each in a
// shade that keeps its contrast on a light or a dark background.
struct ChartColors {
    QColor background;
    QColor text;
    QColor mutedText;
    QColor grid;
    QColor temporary;   // 4xx
    QColor permanent;   // 5xx
    QColor flood;
    QColor switchPoint;
    QColor marker;
    QColor hover;

    static ChartColors fromPalette(const QPalette &palette)
    {
        const bool dark = palette.color(QPalette::Base).lightness() < 128;
        ChartColors c;
        c.background = palette.color(QPalette::Base);
        c.text = palette.color(QPalette::Text);
        c.mutedText = c.text;
        c.mutedText.setAlphaF(0.65f);
        c.grid = c.text;
        c.grid.setAlphaF(dark ? 0.16f : 0.12f);
        c.temporary = dark ? QColor(0xf0, 0xa5, 0x1f) : QColor(0xe6, 0x8a, 0x00);
        c.permanent = dark ? QColor(0x5d, 0x9c, 0xec) : QColor(0x2f, 0x6f, 0xc0);
        c.flood = c.temporary;
        c.flood.setAlphaF(dark ? 0.16f : 0.13f);
        c.switchPoint = dark ? QColor(0xd0, 0x7c, 0xf0) : QColor(0x8e, 0x3c, 0xb0);
        c.marker = dark ? QColor(0x4c, 0xc3, 0x8a) : QColor(0x1b, 0x8a, 0x55);
        c.hover = palette.color(QPalette::Highlight);
        c.hover.setAlphaF(dark ? 0.30f : 0.18f);
        return c;
    }
};

} // namespace rejectscope
