#pragma once

#include "analysis/overview.h"
#include "chartcolors.h"
#include "timeticks.h"

#include <QFont>
#include <QList>
#include <QRectF>
#include <QStringList>

#include <cstdint>
#include <optional>
#include <utility>

class QPainter;

namespace rejectscope {

// What the timeline draws around its series, painted by the view under and over the
// chart: the time grid and its labels, flood bands, the before/after windows of
// moments, the moments' lines and captions, and the bucket under the mouse. Geometry is the chart's plot area and
// the visible time range; everything is placed from those two.
class TimelineOverlay
{
public:
    void setMoments(QList<MomentComparison> moments);
    const QList<MomentComparison> &moments() const { return m_moments; }
    void setFloods(QList<Flood> floods);
    const QList<Flood> &floods() const { return m_floods; }
    void setColors(const ChartColors &colors) { m_colors = colors; }
    void setFont(const QFont &font);
    // The time axis, drawn here rather than by Qt Charts: its labels are in the chart's
    // zone, two lines where the date changes, and never elided.
    void setTicks(QList<TimeTick> ticks) { m_ticks = std::move(ticks); }
    const QList<TimeTick> &ticks() const { return m_ticks; }
    // Height the tick labels need below the plot area.
    qreal tickLabelHeight() const;
    // `bounds` is the whole chart: tick labels near the edges may reach into its margins.
    void setGeometry(const QRectF &bounds, const QRectF &plotArea, std::int64_t fromMs,
                     std::int64_t toMs);
    // The bucket under the mouse [from, to); false when nothing changed.
    bool setHover(std::optional<std::pair<std::int64_t, std::int64_t>> bucket);

    const QRectF &plotArea() const { return m_plot; }
    qreal xOf(std::int64_t ms) const;
    std::int64_t timeAt(qreal x) const;

    // The moment whose line or caption is at `pos`, or -1.
    int momentAt(const QPointF &pos);
    // The flood covering `ms`, or -1.
    int floodAt(std::int64_t ms) const;
    // Captions as placed, in the order of moments() (empty rect: none shown).
    QList<QRectF> captionRects();
    // Whether each moment's line is in the visible range, in the order of moments().
    QList<bool> momentsInView();

    void paintUnder(QPainter *painter);
    void paintOver(QPainter *painter);

private:
    struct Placed {
        qreal x = 0;
        bool visible = false;
        QStringList lines;
        QRectF caption;
    };
    QColor colorOf(const MomentComparison &moment) const;
    void ensureLayout();
    QRectF span(std::int64_t fromMs, std::int64_t toMs) const;
    QFont tickFont() const;
    void paintTickLabels(QPainter *painter);

    QList<MomentComparison> m_moments;
    QList<Flood> m_floods;
    QList<TimeTick> m_ticks;
    ChartColors m_colors;
    QFont m_font;
    QRectF m_bounds;
    QRectF m_plot;
    std::int64_t m_from = 0;
    std::int64_t m_to = 1;
    std::optional<std::pair<std::int64_t, std::int64_t>> m_hover;
    QList<Placed> m_placed;
    bool m_layoutDirty = true;
};

} // namespace rejectscope
