#include "timelineoverlay.h"

#include "charttext.h"

#include <QFontMetricsF>
#include <QPainter>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <optional>

namespace rejectscope {

namespace {

QFont titleFont(const QFont &font)
{
    QFont bold = font;
    bold.setWeight(QFont::DemiBold);
    return bold;
}

QColor withAlpha(QColor color, float alpha)
{
    color.setAlphaF(alpha);
    return color;
}

} // namespace

void TimelineOverlay::setMoments(QList<MomentComparison> moments)
{
    m_moments = std::move(moments);
    m_layoutDirty = true;
}

void TimelineOverlay::setFloods(QList<Flood> floods)
{
    m_floods = std::move(floods);
}

void TimelineOverlay::setFont(const QFont &font)
{
    m_font = font;
    m_layoutDirty = true;
}

void TimelineOverlay::setGeometry(const QRectF &bounds, const QRectF &plotArea,
                                  std::int64_t fromMs, std::int64_t toMs)
{
    m_bounds = bounds;
    m_plot = plotArea;
    m_from = fromMs;
    m_to = std::max(toMs, fromMs + 1);
    m_layoutDirty = true;
}

bool TimelineOverlay::setHover(std::optional<std::pair<std::int64_t, std::int64_t>> bucket)
{
    if (bucket == m_hover)
        return false;
    m_hover = bucket;
    return true;
}

qreal TimelineOverlay::xOf(std::int64_t ms) const
{
    return m_plot.left() + double(ms - m_from) * m_plot.width() / double(m_to - m_from);
}

std::int64_t TimelineOverlay::timeAt(qreal x) const
{
    if (m_plot.width() <= 0)
        return m_from;
    return m_from + std::llround((x - m_plot.left()) / m_plot.width() * double(m_to - m_from));
}

QRectF TimelineOverlay::span(std::int64_t fromMs, std::int64_t toMs) const
{
    const qreal left = std::max(xOf(fromMs), m_plot.left());
    const qreal right = std::min(xOf(toMs), m_plot.right());
    if (right <= left)
        return {};
    return QRectF(left, m_plot.top(), right - left, m_plot.height());
}

QFont TimelineOverlay::tickFont() const
{
    QFont font = m_font;
    font.setPointSizeF(m_font.pointSizeF() * 0.9);
    return font;
}

qreal TimelineOverlay::tickLabelHeight() const
{
    const QFontMetricsF metrics(tickFont());
    return 2 * metrics.lineSpacing() + metrics.height() * 0.5;
}

void TimelineOverlay::paintTickLabels(QPainter *painter)
{
    const QFontMetricsF metrics(tickFont());
    const qreal top = m_plot.bottom() + metrics.height() * 0.35;
    const qreal limitLeft = m_plot.left() - metrics.averageCharWidth() * 2;
    const qreal limitRight = m_bounds.right() - metrics.averageCharWidth();
    painter->setFont(tickFont());
    qreal textEnd = -1e9;
    qreal contextEnd = -1e9;
    for (const TimeTick &tick : std::as_const(m_ticks)) {
        const qreal x = xOf(tick.ms);
        if (x < m_plot.left() - 0.5 || x > m_plot.right() + 0.5)
            continue;
        // Labels near the edges are pushed inwards and aligned to the pushed side, so
        // that a font rendered slightly wider (another pixel ratio) still fits.
        const auto draw = [&](const QString &text, qreal y, qreal &end, const QColor &color) {
            const qreal width = metrics.horizontalAdvance(text);
            qreal left = x - width / 2;
            Qt::Alignment align = Qt::AlignHCenter;
            if (left < limitLeft) {
                left = limitLeft;
                align = Qt::AlignLeft;
            } else if (left + width > limitRight) {
                left = limitRight - width;
                align = Qt::AlignRight;
            }
            if (left < end + metrics.averageCharWidth())
                return;
            end = left + width;
            painter->setPen(color);
            painter->drawText(QRectF(left, y, width, metrics.lineSpacing()),
                              align | Qt::AlignVCenter | Qt::TextSingleLine, text);
        };
        draw(tick.text, top, textEnd, m_colors.text);
        if (!tick.context.isEmpty())
            draw(tick.context, top + metrics.lineSpacing(), contextEnd, m_colors.mutedText);
    }
}

QColor TimelineOverlay::colorOf(const MomentComparison &moment) const
{
    return moment.origin == MomentComparison::Origin::Marker ? m_colors.marker
                                                             : m_colors.switchPoint;
}

void TimelineOverlay::ensureLayout()
{
    if (!m_layoutDirty)
        return;
    m_layoutDirty = false;
    m_placed = QList<Placed>(m_moments.size());

    const QFontMetricsF titleMetrics(titleFont(m_font));
    const QFontMetricsF metrics(m_font);
    const qreal pad = std::round(metrics.height() * 0.3);
    const qreal bar = 3;
    const qreal gap = 4;

    // Earlier moments get the upper rows. A caption that would cover another tries
    // lower rows on either side of its line, then shrinks to its title; one that
    // still finds no room is left out (its line and tooltip remain), as on a short
    // or narrow chart, where overlapping boxes would hide each other's numbers.
    QList<int> order(m_moments.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(),
                     [this](int a, int b) { return m_moments[a].timeMs < m_moments[b].timeMs; });

    QList<QRectF> taken;
    const auto place = [&](qreal x, const QSizeF &size) -> std::optional<QRectF> {
        for (const bool rightSide : {true, false}) {
            qreal left = rightSide ? x + gap : x - gap - size.width();
            if (left + size.width() > m_plot.right() - 2 || left < m_plot.left() + 2)
                continue;
            QRectF rect(QPointF(left, m_plot.top() + gap), size);
            for (bool moved = true; moved && rect.bottom() <= m_plot.bottom();) {
                moved = false;
                for (const QRectF &other : std::as_const(taken)) {
                    if (other.adjusted(-2, -2, 2, 2).intersects(rect)) {
                        rect.moveTop(other.bottom() + gap);
                        moved = true;
                    }
                }
            }
            if (rect.bottom() <= m_plot.bottom())
                return rect;
        }
        return std::nullopt;
    };
    const auto sizeOf = [&](const QStringList &lines) {
        qreal width = titleMetrics.horizontalAdvance(lines.first());
        for (qsizetype i = 1; i < lines.size(); ++i)
            width = std::max(width, metrics.horizontalAdvance(lines[i]));
        return QSizeF(width + 2 * pad + bar, lines.size() * metrics.lineSpacing() + 2 * pad);
    };
    for (int index : order) {
        const MomentComparison &moment = m_moments[index];
        Placed &placed = m_placed[index];
        placed.x = xOf(moment.timeMs);
        placed.visible = m_plot.width() > 0 && moment.timeMs >= m_from && moment.timeMs <= m_to;
        if (!placed.visible)
            continue;
        const QString title = ChartText::momentTitle(moment);
        placed.lines << titleMetrics.elidedText(title, Qt::ElideRight, metrics.averageCharWidth() * 44);
        const QString figures = ChartText::momentFigures(moment);
        if (!figures.isEmpty())
            placed.lines << figures;
        std::optional<QRectF> rect = place(placed.x, sizeOf(placed.lines));
        if (!rect) {
            placed.lines = {titleMetrics.elidedText(title, Qt::ElideRight, metrics.averageCharWidth() * 16)};
            rect = place(placed.x, sizeOf(placed.lines));
        }
        if (!rect) {
            placed.lines.clear();
            continue;
        }
        placed.caption = *rect;
        taken << *rect;
    }
}

int TimelineOverlay::momentAt(const QPointF &pos)
{
    ensureLayout();
    const qreal reach = std::max<qreal>(4, QFontMetricsF(m_font).height() * 0.3);
    for (qsizetype i = m_placed.size() - 1; i >= 0; --i) {
        const Placed &placed = m_placed[i];
        if (!placed.visible)
            continue;
        if ((!placed.caption.isEmpty() && placed.caption.contains(pos))
            || (std::abs(pos.x() - placed.x) <= reach && pos.y() >= m_plot.top()
                && pos.y() <= m_plot.bottom()))
            return int(i);
    }
    return -1;
}

int TimelineOverlay::floodAt(std::int64_t ms) const
{
    for (qsizetype i = 0; i < m_floods.size(); ++i) {
        if (ms >= m_floods[i].startMs && ms < m_floods[i].endMs)
            return int(i);
    }
    return -1;
}

QList<QRectF> TimelineOverlay::captionRects()
{
    ensureLayout();
    QList<QRectF> rects;
    for (const Placed &placed : std::as_const(m_placed))
        rects << (placed.visible ? placed.caption : QRectF());
    return rects;
}

QList<bool> TimelineOverlay::momentsInView()
{
    ensureLayout();
    QList<bool> shown;
    for (const Placed &placed : std::as_const(m_placed))
        shown << placed.visible;
    return shown;
}

void TimelineOverlay::paintUnder(QPainter *painter)
{
    if (m_plot.width() <= 0 || m_plot.height() <= 0)
        return;
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing, false);
    QPen gridPen(m_colors.grid, 1);
    gridPen.setCosmetic(true);
    painter->setPen(gridPen);
    for (const TimeTick &tick : std::as_const(m_ticks)) {
        const qreal x = std::round(xOf(tick.ms));
        if (x > m_plot.left() + 1 && x < m_plot.right() - 1)
            painter->drawLine(QPointF(x, m_plot.top()), QPointF(x, m_plot.bottom()));
    }
    painter->setPen(Qt::NoPen);

    const qreal strip = std::max<qreal>(3, QFontMetricsF(m_font).height() * 0.2);
    for (const Flood &flood : std::as_const(m_floods)) {
        const QRectF band = span(flood.startMs, flood.endMs);
        if (band.isEmpty())
            continue;
        painter->fillRect(band, m_colors.flood);
        // The strip along the top finds a flood at a glance even under tall bars.
        painter->fillRect(QRectF(band.left(), m_plot.top(), band.width(), strip),
                          withAlpha(m_colors.temporary, 0.85f));
    }

    for (const MomentComparison &moment : std::as_const(m_moments)) {
        const std::int64_t window = moment.figures.windowMs;
        if (window <= 0)
            continue;
        const QColor tint = withAlpha(colorOf(moment), 0.09f);
        painter->fillRect(span(moment.timeMs - window, moment.timeMs + window), tint);
    }

    if (m_hover)
        painter->fillRect(span(m_hover->first, m_hover->second), m_colors.hover);
    painter->restore();
}

void TimelineOverlay::paintOver(QPainter *painter)
{
    if (m_plot.width() <= 0 || m_plot.height() <= 0)
        return;
    ensureLayout();
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing, true);
    paintTickLabels(painter);
    painter->setRenderHint(QPainter::Antialiasing, false);

    for (qsizetype i = 0; i < m_moments.size(); ++i) {
        const Placed &placed = m_placed[i];
        if (!placed.visible)
            continue;
        QPen pen(colorOf(m_moments[i]), 2);
        pen.setCosmetic(true);
        // Hand-set markers are dashed: the user's claim, not a finding.
        if (m_moments[i].origin == MomentComparison::Origin::Marker)
            pen.setStyle(Qt::DashLine);
        painter->setPen(pen);
        const qreal x = std::round(placed.x);
        painter->drawLine(QPointF(x, m_plot.top()), QPointF(x, m_plot.bottom()));
    }

    const QFont title = titleFont(m_font);
    const QFontMetricsF metrics(m_font);
    const qreal pad = std::round(metrics.height() * 0.3);
    for (qsizetype i = 0; i < m_moments.size(); ++i) {
        const Placed &placed = m_placed[i];
        if (!placed.visible)
            continue;
        if (placed.caption.isEmpty())
            continue;
        const QColor color = colorOf(m_moments[i]);
        const QRectF box = placed.caption;
        painter->setRenderHint(QPainter::Antialiasing, true);
        painter->setPen(QPen(withAlpha(color, 0.55f), 1));
        painter->setBrush(withAlpha(m_colors.background, 0.92f));
        painter->drawRoundedRect(box.adjusted(0.5, 0.5, -0.5, -0.5), 2, 2);
        painter->setRenderHint(QPainter::Antialiasing, false);
        painter->fillRect(QRectF(box.left() + 1, box.top() + 1, 3, box.height() - 2), color);

        qreal y = box.top() + pad;
        const qreal left = box.left() + 3 + pad;
        for (qsizetype line = 0; line < placed.lines.size(); ++line) {
            painter->setFont(line == 0 ? title : m_font);
            painter->setPen(line == 0 ? m_colors.text : m_colors.mutedText);
            painter->drawText(QRectF(left, y, box.right() - left, metrics.lineSpacing()),
                              Qt::AlignLeft | Qt::AlignVCenter | Qt::TextSingleLine,
                              placed.lines[line]);
            y += metrics.lineSpacing();
        }
    }
    painter->restore();
}

} // namespace rejectscope
