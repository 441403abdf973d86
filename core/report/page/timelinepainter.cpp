#include "timelinepainter.h"

#include "analysis/reasonclass.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFontMetricsF>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace rejectscope {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(TimelinePainter)
};

// Colours that stay apart in greyscale too: amber is light, dark red is dark, and
// the accepted line is a mid grey drawn as a line, not a bar.
const QColor temporaryColour(0xf0, 0xa0, 0x30);
const QColor permanentColour(0xa0, 0x1c, 0x1c);
const QColor acceptedColour(0x70, 0x70, 0x70);
const QColor floodColour(0xf0, 0xa0, 0x30, 50);
const QColor beforeColour(0x3a, 0x6e, 0xa5, 22);
const QColor afterColour(0x3a, 0x9e, 0x5a, 22);
const QColor beforeStripColour(0x3a, 0x6e, 0xa5, 150);
const QColor afterStripColour(0x3a, 0x9e, 0x5a, 150);
const QColor switchColour(0x20, 0x20, 0x20);
const QColor markerColour(0x3a, 0x4e, 0xa5);
const QColor floodHatchColour(0xc0, 0x78, 0x10, 70);
const QColor gridColour(0xe2, 0xe2, 0xe2);
const QColor axisColour(0x99, 0x99, 0x99);
const QColor textColour(0x33, 0x33, 0x33);

constexpr std::int64_t minuteMs = 60 * 1000LL;
constexpr std::int64_t hourMs = 60 * minuteMs;
constexpr std::int64_t dayMs = 24 * hourMs;

// 1, 2, 5 × 10^n at or above `raw`.
double niceStep(double raw)
{
    if (raw <= 0)
        return 1;
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    for (const double m : {1.0, 2.0, 5.0, 10.0}) {
        if (m * magnitude >= raw)
            return std::max(1.0, m * magnitude);
    }
    return std::max(1.0, 10 * magnitude);
}

QString countLabel(double value)
{
    if (value >= 1e6)
        return QString::number(value / 1e6, 'g', 3) + u'M';
    if (value >= 1e4)
        return QString::number(value / 1e3, 'g', 3) + u'k';
    return QString::number(qint64(value));
}

struct Span {
    std::int64_t from = 0;
    std::int64_t to = 0;
};

Span spanOf(const Overview &overview)
{
    Span span{overview.spanFromMs, overview.spanToMs};
    if (!overview.buckets.isEmpty()) {
        const std::int64_t bucket = std::max<std::int64_t>(overview.bucketMs, 1);
        if (span.to <= span.from) {
            span.from = overview.buckets.first().startMs;
            span.to = overview.buckets.last().startMs + bucket;
        }
        span.from = std::min(span.from, overview.buckets.first().startMs);
        span.to = std::max(span.to, overview.buckets.last().startMs + bucket);
    }
    if (span.to <= span.from)
        span.to = span.from + hourMs;
    return span;
}

// A moment drawn as a labelled vertical line.
struct Moment {
    std::int64_t timeMs = 0;
    QString label;
    bool isMarker = false;
};

QString directionTag(Direction direction)
{
    return direction == Direction::Inbound ? Tr::tr("in") : Tr::tr("out");
}

// Switch points of one reason within a bucket of each other (inbound and outbound
// switching together, as a reject code change does) share one line and label.
QList<Moment> momentsOf(const Overview &overview)
{
    QList<Moment> moments;
    QList<SwitchPoint> points = overview.switchPoints;
    std::sort(points.begin(), points.end(),
              [](const SwitchPoint &a, const SwitchPoint &b) { return a.timeMs < b.timeMs; });
    QList<bool> taken(points.size(), false);
    for (qsizetype i = 0; i < points.size(); ++i) {
        if (taken.at(i))
            continue;
        const SwitchPoint &p = points.at(i);
        QStringList directions{directionTag(p.direction)};
        for (qsizetype j = i + 1; j < points.size(); ++j) {
            const SwitchPoint &q = points.at(j);
            if (!taken.at(j) && q.reason == p.reason && q.timeMs - p.timeMs <= overview.bucketMs) {
                taken[j] = true;
                if (!directions.contains(directionTag(q.direction)))
                    directions << directionTag(q.direction);
            }
        }
        const std::string_view reason = reasonClassName(p.reason);
        moments << Moment{p.timeMs,
                          Tr::tr("4xx→5xx %1 (%2)")
                              .arg(QString::fromLatin1(reason.data(), qsizetype(reason.size())),
                                   directions.join(u'+')),
                          false};
    }
    for (const Marker &m : overview.markers)
        moments << Moment{m.timeMs, m.label, true};
    std::sort(moments.begin(), moments.end(),
              [](const Moment &a, const Moment &b) { return a.timeMs < b.timeMs; });
    return moments;
}

// Time ticks aligned to whole units of the zone's local time.
struct TimeTicks {
    std::int64_t stepMs = hourMs;
    QList<std::int64_t> times;
};

TimeTicks timeTicks(Span span, const QTimeZone &zone, double width, double minimumSpacing)
{
    static const std::int64_t steps[] = {minuteMs,      2 * minuteMs, 5 * minuteMs, 10 * minuteMs,
                                         15 * minuteMs, 30 * minuteMs, hourMs,      2 * hourMs,
                                         3 * hourMs,    6 * hourMs,   12 * hourMs,  dayMs,
                                         2 * dayMs,     7 * dayMs,    14 * dayMs,   30 * dayMs};
    const double msPerPixel = double(span.to - span.from) / std::max(width, 1.0);
    TimeTicks ticks;
    ticks.stepMs = steps[std::size(steps) - 1];
    for (const std::int64_t step : steps) {
        if (double(step) / msPerPixel >= minimumSpacing) {
            ticks.stepMs = step;
            break;
        }
    }
    // Aligned to whole steps of the zone's local clock: midnights stay midnights.
    const QDateTime first = QDateTime::fromMSecsSinceEpoch(span.from, zone);
    const QDateTime midnight(first.date(), QTime(0, 0), zone);
    if (ticks.stepMs < dayMs) {
        const std::int64_t stepS = ticks.stepMs / 1000;
        const std::int64_t sinceMidnight = (span.from - midnight.toMSecsSinceEpoch()) / 1000;
        QDateTime t = midnight.addSecs(((sinceMidnight + stepS - 1) / stepS) * stepS);
        for (int guard = 0; t.toMSecsSinceEpoch() <= span.to && guard < 2000; ++guard) {
            ticks.times << t.toMSecsSinceEpoch();
            t = t.addSecs(stepS);
        }
    } else {
        QDateTime t = midnight.toMSecsSinceEpoch() < span.from ? midnight.addDays(1) : midnight;
        for (int guard = 0; t.toMSecsSinceEpoch() <= span.to && guard < 2000; ++guard) {
            ticks.times << t.toMSecsSinceEpoch();
            t = t.addDays(ticks.stepMs / dayMs);
        }
    }
    return ticks;
}

void drawLabelBox(QPainter &painter, const QRectF &box, const QString &text, const QColor &lineColour)
{
    painter.setPen(QPen(lineColour, 0.8));
    painter.setBrush(QColor(255, 255, 255, 235));
    painter.drawRoundedRect(box, 2, 2);
    painter.setPen(textColour);
    painter.drawText(box, Qt::AlignCenter, text);
}

// One drawing of the chart: the layout worked out once, then each layer drawn in
// order, lightest first, so that everything stays readable over what is beneath.
class TimelineDrawing
{
public:
    TimelineDrawing(QPainter &painter, const QRectF &area, const Overview &overview, const QTimeZone &zone)
        : m_painter(painter), m_area(area), m_overview(overview), m_zone(zone),
          m_unit(std::clamp(std::min(area.width() / 62.0, area.height() / 19.0), 7.0, 14.0)),
          m_span(spanOf(overview)), m_bucketMs(std::max<std::int64_t>(overview.bucketMs, 1))
    {
        // Everything scales with the area, so the same code draws a thumbnail or a page.
        m_font = painter.font();
        m_font.setFamilies({u"DejaVu Sans"_s, u"Arial"_s, u"Helvetica"_s});
        m_font.setPixelSize(int(std::lround(m_unit)));
        m_small = m_font;
        m_small.setPixelSize(int(std::lround(m_unit * 0.88)));
        m_line = QFontMetricsF(m_font).height();
        layOut();
    }

    void draw()
    {
        m_painter.fillRect(m_plot, Qt::white);
        drawWindows();
        drawFloods();
        drawGrid();
        drawBars();
        drawAccepted();
        drawFrame();
        drawMoments();
        drawTimeAxis();
        drawLegend();
        if (m_overview.buckets.isEmpty()) {
            m_painter.setPen(acceptedColour);
            m_painter.drawText(m_plot, Qt::AlignCenter, Tr::tr("No events in this period"));
        }
    }

private:
    struct PlacedLabel {
        QRectF box;
        Moment moment;
    };

    double xOf(std::int64_t ms) const
    {
        return m_plot.left() + m_plot.width() * double(ms - m_span.from) / double(m_span.to - m_span.from);
    }
    double yOf(double value, double max) const { return m_plot.bottom() - m_plot.height() * value / max; }

    void layOut()
    {
        const QFontMetricsF metrics(m_font);
        const QFontMetricsF smallMetrics(m_small);
        std::int64_t stackedMax = 0;
        for (const TimeBucket &b : m_overview.buckets) {
            stackedMax = std::max(stackedMax, b.temporary + b.permanent);
            m_acceptedMax = std::max(m_acceptedMax, b.accepted);
        }
        // Accepted traffic shares the axis unless it would flatten the refusals: then it
        // gets its own scale on the right.
        m_ownAcceptedScale = m_acceptedMax > 0 && stackedMax > 0 && m_acceptedMax > 1.5 * double(stackedMax);
        const double leftMax = double(m_ownAcceptedScale ? stackedMax : std::max(stackedMax, m_acceptedMax));

        // From the top: legend row, label rows of the moments, window strips, plot, time axis.
        m_legendHeight = m_line * 1.5;
        const double axisHeight = m_line * 2.4;
        m_leftAxisWidth = metrics.horizontalAdvance(countLabel(leftMax * 1.2) + u"00"_s);
        m_rightAxisWidth = m_ownAcceptedScale
            ? metrics.horizontalAdvance(countLabel(double(m_acceptedMax) * 1.2) + u"00"_s)
            : m_unit;
        m_plot = QRectF(m_area.left() + m_leftAxisWidth, m_area.top() + m_legendHeight,
                        m_area.width() - m_leftAxisWidth - m_rightAxisWidth,
                        m_area.height() - m_legendHeight - axisHeight);

        // Each moment label goes to the first row where it overlaps no label placed.
        QList<double> rowEnds;
        m_labelHeight = smallMetrics.height() + 4;
        for (const Moment &m : momentsOf(m_overview)) {
            if (m.timeMs < m_span.from || m.timeMs > m_span.to)
                continue;
            const QString text = smallMetrics.elidedText(m.label, Qt::ElideRight, m_plot.width() / 2);
            const double w = smallMetrics.horizontalAdvance(text) + 8;
            const double left = std::clamp(xOf(m.timeMs) - w / 2, m_area.left(), m_area.right() - w);
            qsizetype row = 0;
            while (row < rowEnds.size() && rowEnds.at(row) > left - 4)
                ++row;
            if (row == rowEnds.size())
                rowEnds << 0.0;
            rowEnds[row] = left + w;
            const double top = m_area.top() + m_legendHeight + double(row) * (m_labelHeight + 2);
            m_labels << PlacedLabel{QRectF(left, top, w, m_labelHeight), m};
        }
        m_stripHeight = std::max(3.0, m_unit * 0.45);
        m_stripsHeight = m_overview.comparisons.isEmpty()
            ? 0
            : double(m_overview.comparisons.size()) * m_stripHeight + 2;
        m_plot.setTop(m_plot.top() + double(rowEnds.size()) * (m_labelHeight + 2) + m_stripsHeight);

        // Nice steps, about one every line and a half.
        const int wantedTicks = std::max(4, int(m_plot.height() / (m_line * 1.6)));
        m_step = niceStep(std::max(leftMax, 1.0) / wantedTicks);
        m_yMax = std::max(m_step, std::ceil(std::max(leftMax, 1.0) * 1.05 / m_step) * m_step);
        m_acceptedStep = m_ownAcceptedScale ? niceStep(double(m_acceptedMax) / wantedTicks) : m_step;
        m_acceptedYMax = m_ownAcceptedScale
            ? std::ceil(double(m_acceptedMax) * 1.05 / m_acceptedStep) * m_acceptedStep
            : m_yMax;
    }

    // Before/after windows: a faint tint over the plot and, in a strip above it, a
    // bar per comparison, so that overlapping windows stay apart.
    void drawWindows()
    {
        for (qsizetype i = 0; i < m_overview.comparisons.size(); ++i) {
            const MomentComparison &c = m_overview.comparisons.at(i);
            const std::int64_t window = c.figures.windowMs;
            if (window <= 0)
                continue;
            const double x0 = std::max(m_plot.left(), xOf(c.timeMs - window));
            const double x1 = std::clamp(xOf(c.timeMs), m_plot.left(), m_plot.right());
            const double x2 = std::min(m_plot.right(), xOf(c.timeMs + window));
            m_painter.fillRect(QRectF(x0, m_plot.top(), x1 - x0, m_plot.height()), beforeColour);
            m_painter.fillRect(QRectF(x1, m_plot.top(), x2 - x1, m_plot.height()), afterColour);
            const double y = m_plot.top() - m_stripsHeight + double(i) * m_stripHeight + 1;
            m_painter.fillRect(QRectF(x0, y, x1 - x0, m_stripHeight - 2), beforeStripColour);
            m_painter.fillRect(QRectF(x1, y, x2 - x1, m_stripHeight - 2), afterStripColour);
        }
    }

    // Floods: a tint with hatching, which survives a greyscale printer.
    void drawFloods()
    {
        for (const Flood &f : m_overview.floods) {
            const double x0 = std::max(m_plot.left(), xOf(f.startMs));
            const double x1 = std::min(m_plot.right(), xOf(f.endMs));
            if (x1 <= x0)
                continue;
            const QRectF band(x0, m_plot.top(), x1 - x0, m_plot.height());
            m_painter.fillRect(band, floodColour);
            m_painter.fillRect(band, QBrush(floodHatchColour, Qt::BDiagPattern));
        }
    }

    void drawGrid()
    {
        m_painter.setFont(m_small);
        for (double v = 0; v <= m_yMax + m_step / 2; v += m_step) {
            const double y = yOf(v, m_yMax);
            m_painter.setPen(QPen(gridColour, 0.8));
            m_painter.drawLine(QPointF(m_plot.left(), y), QPointF(m_plot.right(), y));
            m_painter.setPen(textColour);
            m_painter.drawText(QRectF(m_area.left(), y - m_line / 2, m_leftAxisWidth - m_unit * 0.5, m_line),
                               Qt::AlignRight | Qt::AlignVCenter, countLabel(v));
        }
        if (!m_ownAcceptedScale)
            return;
        m_painter.setPen(acceptedColour);
        for (double v = 0; v <= m_acceptedYMax + m_acceptedStep / 2; v += m_acceptedStep) {
            const double y = yOf(v, m_acceptedYMax);
            m_painter.drawText(QRectF(m_plot.right() + m_unit * 0.4, y - m_line / 2, m_rightAxisWidth, m_line),
                               Qt::AlignLeft | Qt::AlignVCenter, countLabel(v));
        }
    }

    // 5xx at the bottom, 4xx stacked on top, a hairline gap between buckets when there
    // is room for one.
    void drawBars()
    {
        const double bucketWidth = m_plot.width() * double(m_bucketMs) / double(m_span.to - m_span.from);
        const double gap = bucketWidth > 4 ? std::min(1.0, bucketWidth * 0.15) : 0;
        const double w = std::max(bucketWidth - gap, 0.6);
        m_painter.setPen(Qt::NoPen);
        for (const TimeBucket &b : m_overview.buckets) {
            const double x = xOf(b.startMs);
            const double yPermanent = yOf(double(b.permanent), m_yMax);
            const double yTotal = yOf(double(b.permanent + b.temporary), m_yMax);
            if (b.permanent > 0)
                m_painter.fillRect(QRectF(x, yPermanent, w, m_plot.bottom() - yPermanent), permanentColour);
            if (b.temporary > 0)
                m_painter.fillRect(QRectF(x, yTotal, w, yPermanent - yTotal), temporaryColour);
        }
    }

    // Accepted: a step line across the bucket tops.
    void drawAccepted()
    {
        if (m_acceptedMax <= 0)
            return;
        QPainterPath path;
        bool started = false;
        std::int64_t previousEnd = -1;
        for (const TimeBucket &b : m_overview.buckets) {
            const double y = yOf(double(b.accepted), m_acceptedYMax);
            const double x0 = xOf(b.startMs);
            if (!started || previousEnd != b.startMs) {
                if (started) // a gap in the buckets: nothing accepted there
                    path.lineTo(xOf(previousEnd), m_plot.bottom());
                path.moveTo(x0, started ? m_plot.bottom() : y);
                started = true;
            }
            path.lineTo(x0, y);
            path.lineTo(xOf(b.startMs + m_bucketMs), y);
            previousEnd = b.startMs + m_bucketMs;
        }
        m_painter.setPen(QPen(acceptedColour, std::max(1.0, m_unit / 9), Qt::SolidLine, Qt::FlatCap));
        m_painter.setBrush(Qt::NoBrush);
        m_painter.drawPath(path);
    }

    void drawFrame()
    {
        m_painter.setPen(QPen(axisColour, 0.8));
        m_painter.setBrush(Qt::NoBrush);
        m_painter.drawLine(m_plot.bottomLeft(), m_plot.bottomRight());
        m_painter.drawLine(m_plot.topLeft(), m_plot.bottomLeft());
    }

    // Switch points solid, markers dashed, each tied to its label.
    void drawMoments()
    {
        const QFontMetricsF smallMetrics(m_small);
        m_painter.setFont(m_small);
        for (const PlacedLabel &p : m_labels) {
            const QColor colour = p.moment.isMarker ? markerColour : switchColour;
            const double x = xOf(p.moment.timeMs);
            m_painter.setPen(QPen(colour, std::max(1.0, m_unit / 8), p.moment.isMarker ? Qt::DashLine : Qt::SolidLine));
            m_painter.drawLine(QPointF(x, p.box.bottom()), QPointF(x, m_plot.bottom()));
            drawLabelBox(m_painter, p.box, smallMetrics.elidedText(p.moment.label, Qt::ElideRight, p.box.width() - 6),
                         colour);
        }
    }

    // A tick and a time per step; the date under the first tick and under each tick
    // where the date changes.
    void drawTimeAxis()
    {
        const QFontMetricsF smallMetrics(m_small);
        m_painter.setFont(m_small);
        const TimeTicks ticks = timeTicks(m_span, m_zone, m_plot.width(),
                                          smallMetrics.horizontalAdvance(u"00:00 MMM"_s) * 1.3);
        const bool dayStep = ticks.stepMs >= dayMs;
        const double top = m_plot.bottom() + m_unit * 0.4;
        QDate previousDate;
        double lastRight = -1e9;
        for (const std::int64_t t : ticks.times) {
            const double x = xOf(t);
            if (x < m_plot.left() - 0.5 || x > m_plot.right() + 0.5)
                continue;
            m_painter.setPen(QPen(axisColour, 0.8));
            m_painter.drawLine(QPointF(x, m_plot.bottom()), QPointF(x, m_plot.bottom() + m_unit * 0.35));
            const QDateTime local = QDateTime::fromMSecsSinceEpoch(t, m_zone);
            const QString time = local.toString(dayStep ? u"d MMM"_s : u"HH:mm"_s);
            const double w = smallMetrics.horizontalAdvance(time) + m_unit;
            const double left = std::clamp(x - w / 2, m_area.left(), m_area.right() - w);
            if (left < lastRight)
                continue;
            lastRight = left + w;
            m_painter.setPen(textColour);
            m_painter.drawText(QRectF(left, top, w, m_line), Qt::AlignCenter, time);
            if (!dayStep && local.date() != previousDate) {
                const QString date = local.toString(u"d MMM yyyy"_s);
                const double dw = smallMetrics.horizontalAdvance(date) + m_unit;
                const double dateLeft = std::clamp(x - dw / 2, m_area.left(), m_area.right() - dw);
                m_painter.setPen(acceptedColour);
                m_painter.drawText(QRectF(dateLeft, top + m_line, dw, m_line), Qt::AlignCenter, date);
            }
            previousDate = local.date();
        }
    }

    // Coloured keys in one row, and the zone at its right, so that a reader in another
    // zone is not misled.
    void drawLegend()
    {
        const QFontMetricsF metrics(m_font);
        const QFontMetricsF smallMetrics(m_small);
        const QString zoneText =
            Tr::tr("times in %1").arg(m_zone.abbreviation(QDateTime::fromMSecsSinceEpoch(m_span.from, m_zone)));
        const double legendRight = m_area.right() - smallMetrics.horizontalAdvance(zoneText) - m_unit;
        m_painter.setFont(m_small);
        m_painter.setPen(acceptedColour);
        m_painter.drawText(QRectF(m_area.left(), m_area.top(), m_area.width(), m_legendHeight),
                           Qt::AlignRight | Qt::AlignVCenter, zoneText);

        m_painter.setFont(m_font);
        double x = m_plot.left();
        const double keyTop = m_area.top() + (m_legendHeight - m_unit) / 2;
        bool full = false;
        const auto key = [&](const QString &text, const auto &drawSwatch) {
            const double w = metrics.horizontalAdvance(text);
            // A key that would run into the zone is left out, and so are those after it.
            full = full || x + m_unit * 2.1 + w > legendRight;
            if (full)
                return;
            drawSwatch(QRectF(x, keyTop, m_unit * 1.6, m_unit));
            x += m_unit * 2.1;
            m_painter.setPen(textColour);
            m_painter.drawText(QRectF(x, m_area.top(), w + 2, m_legendHeight), Qt::AlignLeft | Qt::AlignVCenter, text);
            x += w + m_unit * 1.4;
        };
        key(Tr::tr("4xx temporary"), [&](const QRectF &r) { m_painter.fillRect(r, temporaryColour); });
        key(Tr::tr("5xx permanent"), [&](const QRectF &r) { m_painter.fillRect(r, permanentColour); });
        if (m_acceptedMax > 0) {
            key(m_ownAcceptedScale ? Tr::tr("accepted (right scale)") : Tr::tr("accepted"), [&](const QRectF &r) {
                m_painter.setPen(QPen(acceptedColour, std::max(1.0, m_unit / 9)));
                m_painter.drawLine(QPointF(r.left(), r.center().y()), QPointF(r.right(), r.center().y()));
            });
        }
        if (!m_overview.floods.isEmpty()) {
            key(Tr::tr("deferral flood"), [&](const QRectF &r) {
                m_painter.fillRect(r, floodColour);
                m_painter.fillRect(r, QBrush(floodHatchColour, Qt::BDiagPattern));
            });
        }
        if (!m_overview.comparisons.isEmpty()) {
            key(Tr::tr("before / after"), [&](const QRectF &r) {
                const QRectF bar(r.left(), r.center().y() - m_stripHeight / 2, r.width(), m_stripHeight - 1);
                m_painter.fillRect(QRectF(bar.left(), bar.top(), bar.width() / 2, bar.height()), beforeStripColour);
                m_painter.fillRect(QRectF(bar.center().x(), bar.top(), bar.width() / 2, bar.height()),
                                   afterStripColour);
            });
        }
    }

    QPainter &m_painter;
    const QRectF m_area;
    const Overview &m_overview;
    const QTimeZone m_zone;
    const double m_unit;
    const Span m_span;
    const std::int64_t m_bucketMs;
    QFont m_font;
    QFont m_small;
    double m_line = 0;
    std::int64_t m_acceptedMax = 0;
    bool m_ownAcceptedScale = false;
    double m_legendHeight = 0;
    double m_leftAxisWidth = 0;
    double m_rightAxisWidth = 0;
    double m_labelHeight = 0;
    double m_stripHeight = 0;
    double m_stripsHeight = 0;
    QRectF m_plot;
    QList<PlacedLabel> m_labels;
    double m_step = 1;
    double m_yMax = 1;
    double m_acceptedStep = 1;
    double m_acceptedYMax = 1;
};

} // namespace

void paintTimeline(QPainter &painter, const QRectF &area, const Overview &overview, const QTimeZone &zone)
{
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing, true);
    painter.setRenderHint(QPainter::TextAntialiasing, true);
    painter.setClipRect(area);
    TimelineDrawing(painter, area, overview, zone).draw();
    painter.restore();
}

QImage renderTimeline(const Overview &overview, const QTimeZone &zone, QSize size, qreal devicePixelRatio)
{
    const qreal ratio = std::max<qreal>(devicePixelRatio, 0.1);
    QImage image(QSize(int(std::ceil(size.width() * ratio)), int(std::ceil(size.height() * ratio))),
                 QImage::Format_ARGB32_Premultiplied);
    image.setDevicePixelRatio(ratio);
    image.fill(Qt::white);
    QPainter painter(&image);
    paintTimeline(painter, QRectF(QPointF(0, 0), QSizeF(size)), overview, zone);
    painter.end();
    return image;
}

} // namespace rejectscope
