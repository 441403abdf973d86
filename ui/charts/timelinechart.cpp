#include "timelinechart.h"

#include "chartcolors.h"
#include "charttext.h"
#include "steplines.h"
#include "models/timelinemodel.h"
#include "timelineoverlay.h"
#include "timelineview.h"
#include "timeticks.h"

#include <QAreaSeries>
#include <QBuffer>
#include <QChart>
#include <QDir>
#include <QEvent>
#include <QFileDialog>
#include <QGraphicsLayout>
#include <QImageWriter>
#include <QLegendMarker>
#include <QLineSeries>
#include <QMenu>
#include <QMessageBox>
#include <QPainter>
#include <QPointer>
#include <QSaveFile>
#include <QSvgGenerator>
#include <QTimer>
#include <QToolTip>
#include <QVBoxLayout>
#include <QValueAxis>

#include <algorithm>
#include <cmath>
#include <limits>

using namespace Qt::Literals::StringLiterals;

namespace rejectscope {

namespace {

// A minute is the finest bucket the database keeps; zooming further shows nothing new.
constexpr std::int64_t MinimumSpanMs = 60 * 1000;
constexpr int SettleMs = 150;
constexpr qreal ExportPixelRatio = 2.0;

// QToolTip renders anything that might be rich text as HTML. Escaping the plain text
// and stating the markup ourselves keeps a marker label such as "<b>" literal.
QString plainToolTip(const QString &text)
{
    return u"<p style='white-space:pre'>"_s + text.toHtmlEscaped() + u"</p>"_s;
}

// The value axis always has ValueTicks ticks, 0 to the top in equal whole steps of
// 1, 1.5, 2, 2.5, 3, 4, 5, 6 or 8 times a power of ten. A fixed count matters: Qt Charts
// rebuilds its label items (rich-text documents) whenever the number of ticks changes.
constexpr int ValueTicks = 5;

double valueAxisTop(double maximum)
{
    const double raw = std::max(maximum * 1.05, 1.0) / (ValueTicks - 1);
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    double step = 10 * magnitude;
    for (const double factor : {1.0, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0}) {
        const double candidate = factor * magnitude;
        if (candidate >= raw && std::floor(candidate) == candidate) {
            step = candidate;
            break;
        }
    }
    return std::max(1.0, step) * (ValueTicks - 1);
}

QColor withAlpha(QColor color, float alpha)
{
    color.setAlphaF(alpha);
    return color;
}

} // namespace

class TimelineChart::Private
{
public:
    Private(TimelineChart *chart, TimelineModel *timelineModel);

    void rebuildSeries();
    void updateSeries();
    void showRange(std::int64_t fromMs, std::int64_t toMs, bool byUser);
    bool isZoomed() const;
    std::pair<std::int64_t, std::int64_t> fullRange() const;
    void updateTimeAxis();
    void updateValueAxis();
    void syncOverlay();
    void applyPalette();
    int bucketIndexAt(std::int64_t ms) const;
    const QList<TimeBucket> &buckets() const;
    std::int64_t bucketMs() const;

    void zoom(qreal anchorX, double factor);
    void pan(double fraction);
    void hover(const QPointF &pos, const QPoint &globalPos);
    void click(const QPointF &pos);
    void contextMenu(const QPointF &pos, const QPoint &globalPos);
    void exportWithDialog(bool svg);
    QImage renderImage() const;

    TimelineChart *q;
    QPointer<TimelineModel> model;
    QChart *chart = nullptr;
    QValueAxis *axisX = nullptr;
    QValueAxis *axisY = nullptr;
    QLineSeries *temporaryTop = nullptr;
    QLineSeries *temporaryBase = nullptr;
    QLineSeries *totalTop = nullptr;
    QLineSeries *totalBase = nullptr;
    QAreaSeries *temporaryArea = nullptr;
    QAreaSeries *totalArea = nullptr;
    QAreaSeries *temporaryKey = nullptr;
    QAreaSeries *permanentKey = nullptr;
    QAreaSeries *floodKey = nullptr;
    TimelineOverlay overlay;
    TimelineView *view = nullptr;
    QTimer settle;
    QTimeZone zone = QTimeZone::systemTimeZone();
    ChartColors colors;

    bool explicitFullRange = false;
    std::int64_t fullFrom = 0;
    std::int64_t fullTo = 0;
    bool hasView = false;
    bool rebuilding = false;
    // Whether the range shown was narrower than the full range when it was set: kept,
    // because the full range moves under it when the model resets.
    bool zoomed = false;
    std::int64_t viewFrom = 0;
    std::int64_t viewTo = 0;
    QList<QPointF> temporaryPoints;
    QList<QPointF> permanentPoints;
};

TimelineChart::Private::Private(TimelineChart *chartWidget, TimelineModel *timelineModel)
    : q(chartWidget)
    , model(timelineModel)
{
    chart = new QChart;
    chart->setAnimationOptions(QChart::NoAnimation);
    chart->setBackgroundVisible(false);
    chart->setPlotAreaBackgroundVisible(false);
    chart->setBackgroundRoundness(0);
    chart->layout()->setContentsMargins(0, 0, 0, 0);
    chart->setLocalizeNumbers(true);
    chart->legend()->setAlignment(Qt::AlignTop);

    // Steps drawn as areas rather than bars: a bar series needs a category axis.
    // The stack is the 4xx+5xx area in the 5xx colour with the opaque 4xx area
    // painted over it: the same picture as a 5xx area from 4xx to 4xx+5xx, but
    // with two long line series instead of three, since Qt Charts strokes every
    // line series' whole path (for hit testing) on each data or range change.
    // The flat two-point bases spare QAreaSeries measuring the length of the path.
    temporaryTop = new QLineSeries(chart);
    temporaryBase = new QLineSeries(chart);
    totalTop = new QLineSeries(chart);
    totalBase = new QLineSeries(chart);
    totalArea = new QAreaSeries(totalTop, totalBase);
    temporaryArea = new QAreaSeries(temporaryTop, temporaryBase);
    // The legend shows empty stand-ins, in reading order: 4xx, 5xx, floods.
    temporaryKey = new QAreaSeries(new QLineSeries(chart));
    temporaryKey->setName(tr("4xx, try again later"));
    permanentKey = new QAreaSeries(new QLineSeries(chart));
    permanentKey->setName(tr("5xx, refused for good"));
    floodKey = new QAreaSeries(new QLineSeries(chart));
    floodKey->setName(tr("Deferral flood"));

    axisX = new QValueAxis(chart);
    axisY = new QValueAxis(chart);
    chart->addAxis(axisX, Qt::AlignBottom);
    chart->addAxis(axisY, Qt::AlignLeft);
    // Added first, drawn first: the 4xx area covers the lower part of the total.
    for (QAreaSeries *series : {totalArea, temporaryArea, temporaryKey, permanentKey, floodKey}) {
        chart->addSeries(series);
        series->attachAxis(axisX);
        series->attachAxis(axisY);
    }
    for (QAreaSeries *series : {totalArea, temporaryArea}) {
        for (QLegendMarker *marker : chart->legend()->markers(series))
            marker->setVisible(false);
    }
    // The time axis is drawn by the overlay (see TimelineOverlay::setTicks): its labels
    // are in the chart's zone, which QDateTimeAxis cannot do (it formats in the
    // process's local time, and shifting values by an offset is wrong on one side of
    // every DST change). The values stay true UTC milliseconds throughout.
    axisX->setVisible(false);
    axisY->setTickType(QValueAxis::TicksFixed);
    axisY->setTickCount(ValueTicks);
    axisY->setLabelFormat(u"%.0f"_s);
    axisY->setLineVisible(false);
    axisY->setMinorTickCount(0);

    view = new TimelineView(chart, &overlay, q);
    auto *layout = new QVBoxLayout(q);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(view);
    q->setFocusProxy(view);

    settle.setSingleShot(true);
    settle.setInterval(SettleMs);
    QObject::connect(&settle, &QTimer::timeout, q,
                     [this] { emit q->visibleRangeChanged(viewFrom, viewTo); });

    QObject::connect(chart, &QChart::plotAreaChanged, q, [this] {
        updateTimeAxis();
        updateSeries();
        syncOverlay();
    });
    QObject::connect(view, &TimelineView::zoomRequested, q,
                     [this](qreal x, double factor) { zoom(x, factor); });
    QObject::connect(view, &TimelineView::panRequested, q, [this](double f) { pan(f); });
    QObject::connect(view, &TimelineView::rangeSelected, q, [this](qreal from, qreal to) {
        showRange(overlay.timeAt(from), overlay.timeAt(to), true);
    });
    QObject::connect(view, &TimelineView::clicked, q, [this](const QPointF &p) { click(p); });
    QObject::connect(view, &TimelineView::hovered, q,
                     [this](const QPointF &p, const QPoint &global) { hover(p, global); });
    QObject::connect(view, &TimelineView::hoverLeft, q, [this] {
        if (overlay.setHover(std::nullopt))
            view->viewport()->update();
        QToolTip::hideText();
    });
    QObject::connect(view, &TimelineView::resetRequested, q, [this] { q->resetZoom(); });
    QObject::connect(view, &TimelineView::contextMenuRequested, q,
                     [this](const QPointF &p, const QPoint &global) { contextMenu(p, global); });

    if (model) {
        const auto changed = [this] { rebuildSeries(); };
        QObject::connect(model, &QAbstractItemModel::modelReset, q, changed);
        QObject::connect(model, &QAbstractItemModel::dataChanged, q, changed);
        QObject::connect(model, &QAbstractItemModel::rowsInserted, q, changed);
        QObject::connect(model, &QAbstractItemModel::rowsRemoved, q, changed);
        QObject::connect(model, &QAbstractItemModel::layoutChanged, q, changed);
    }
    applyPalette();
    rebuildSeries();
}

const QList<TimeBucket> &TimelineChart::Private::buckets() const
{
    static const QList<TimeBucket> none;
    const TimelineModel *current = model.data();
    return current ? current->buckets() : none;
}

std::int64_t TimelineChart::Private::bucketMs() const
{
    const TimelineModel *current = model.data();
    return current ? std::max<std::int64_t>(1, current->bucketMs()) : 60000;
}

void TimelineChart::Private::rebuildSeries()
{
    temporaryPoints.clear();
    permanentPoints.clear();
    const QList<TimeBucket> &all = buckets();
    temporaryPoints.reserve(all.size());
    permanentPoints.reserve(all.size());
    for (const TimeBucket &bucket : all) {
        temporaryPoints << QPointF(double(bucket.startMs), double(bucket.temporary));
        permanentPoints << QPointF(double(bucket.startMs), double(bucket.permanent));
    }
    axisY->setTitleText(tr("Attempts per %1").arg(durationText(bucketMs())));

    temporaryTop->clear();
    totalTop->clear();
    rebuilding = true;
    // A new bucket size or filter keeps the range the user looks at; only an
    // unzoomed chart follows the data.
    if (!isZoomed()) {
        const auto [from, to] = fullRange();
        showRange(from, to, false);
    }
    rebuilding = false;
    updateValueAxis();
    updateSeries();
    syncOverlay();
}

void TimelineChart::Private::updateSeries()
{
    // Only the visible buckets (and one on each side) are handed to the series: Qt
    // Charts maps, strokes and fills every point it holds on each change, seen or not.
    const QList<TimeBucket> &all = buckets();
    const std::int64_t width = bucketMs();
    auto firstVisible =
        std::lower_bound(all.cbegin(), all.cend(), viewFrom - width + 1,
                         [](const TimeBucket &b, std::int64_t ms) { return b.startMs < ms; });
    auto endVisible =
        std::lower_bound(firstVisible, all.cend(), viewTo,
                         [](const TimeBucket &b, std::int64_t ms) { return b.startMs < ms; });
    // More buckets than pixels: each column of two pixels shows the most of any bucket
    // in it. The fill's cost grows with the edges crossing each scan line, and a comb
    // of one-pixel bars is all edges.
    const qreal plotWidth = chart->plotArea().width();
    const bool decimate = endVisible - firstVisible > std::ceil(plotWidth);
    const int columns = std::max(1, int(std::ceil(plotWidth / 2)));
    if (!decimate) {
        if (firstVisible != all.cbegin())
            --firstVisible;
        if (endVisible != all.cend())
            ++endVisible;
    }

    const StepLines lines = decimate
        ? StepLines::ofColumns(firstVisible, endVisible, width, viewFrom, viewTo, columns)
        : StepLines::ofBuckets(firstVisible, endVisible, width);
    temporaryBase->replace(lines.base);
    totalBase->replace(lines.base);
    temporaryTop->replace(lines.temporary);
    totalTop->replace(lines.total);
}

std::pair<std::int64_t, std::int64_t> TimelineChart::Private::fullRange() const
{
    if (explicitFullRange)
        return {fullFrom, fullTo};
    if (!buckets().isEmpty())
        return {buckets().first().startMs, buckets().last().startMs + bucketMs()};
    return {fullFrom, fullTo};
}

bool TimelineChart::Private::isZoomed() const
{
    return hasView && zoomed;
}

void TimelineChart::Private::showRange(std::int64_t fromMs, std::int64_t toMs, bool byUser)
{
    if (toMs < fromMs)
        std::swap(fromMs, toMs);
    const auto [fullStart, fullEnd] = fullRange();
    const std::int64_t fullSpan = fullEnd - fullStart;
    std::int64_t span = toMs - fromMs;
    if (fullSpan > 0) {
        span = std::clamp(span, std::min(MinimumSpanMs, fullSpan), fullSpan);
        if (span != toMs - fromMs) {
            fromMs = fromMs + (toMs - fromMs) / 2 - span / 2;
            toMs = fromMs + span;
        }
        if (fromMs < fullStart) {
            fromMs = fullStart;
            toMs = fromMs + span;
        }
        if (toMs > fullEnd) {
            toMs = fullEnd;
            fromMs = toMs - span;
        }
    } else if (span <= 0) {
        toMs = fromMs + MinimumSpanMs;
    }
    zoomed = fullSpan > 0 && (fromMs != fullStart || toMs != fullEnd);
    if (hasView && fromMs == viewFrom && toMs == viewTo)
        return;
    hasView = true;
    viewFrom = fromMs;
    viewTo = toMs;
    // Emptied first, so that the range changes do not recompute paths about to go.
    temporaryTop->clear();
    totalTop->clear();
    axisX->setRange(double(viewFrom), double(viewTo));
    updateTimeAxis();
    updateValueAxis();
    if (!rebuilding)
        updateSeries();
    syncOverlay();
    if (byUser)
        settle.start();
}

void TimelineChart::Private::updateTimeAxis()
{
    QFont font = q->font();
    font.setPointSizeF(font.pointSizeF() * 0.9);
    const QFontMetricsF metrics(font);
    const qreal slot = metrics.horizontalAdvance(u"00:00:00"_s) + 3 * metrics.averageCharWidth();
    const qreal width = chart->plotArea().width() > 0 ? chart->plotArea().width() : view->width();
    overlay.setTicks(timeTicks(viewFrom, viewTo, zone, std::max(2, int(width / slot))));
}

void TimelineChart::Private::updateValueAxis()
{
    // The y range follows what is visible, so a zoomed-in quiet hour is not flat.
    double maximum = 0;
    const QList<TimeBucket> &all = buckets();
    auto it = std::lower_bound(all.cbegin(), all.cend(), viewFrom - bucketMs() + 1,
                               [](const TimeBucket &b, std::int64_t ms) { return b.startMs < ms; });
    for (; it != all.cend() && it->startMs < viewTo; ++it)
        maximum = std::max(maximum, double(it->temporary + it->permanent));
    axisY->setRange(0, valueAxisTop(maximum));
}

void TimelineChart::Private::syncOverlay()
{
    overlay.setGeometry(chart->rect(), chart->plotArea(), viewFrom, viewTo);
    view->viewport()->update();
}

void TimelineChart::Private::applyPalette()
{
    colors = ChartColors::fromPalette(q->palette());
    overlay.setColors(colors);
    overlay.setFont(q->font());
    view->setBackgroundBrush(colors.background);

    QFont labelFont = q->font();
    labelFont.setPointSizeF(labelFont.pointSizeF() * 0.9);
    axisY->setLabelsFont(labelFont);
    axisY->setLabelsColor(colors.text);
    axisY->setTitleFont(labelFont);
    axisY->setTitleBrush(colors.mutedText);
    axisY->setGridLineColor(colors.grid);
    axisY->setShadesVisible(false);
    chart->legend()->setFont(labelFont);
    chart->legend()->setLabelColor(colors.text);

    // No outlines: the 5xx area's lower edge is the 4xx top, and a pen there would
    // draw a 5xx-coloured line over every bucket that had no 5xx at all.
    temporaryArea->setBrush(colors.temporary);
    temporaryArea->setPen(Qt::NoPen);
    totalArea->setBrush(colors.permanent);
    totalArea->setPen(Qt::NoPen);
    temporaryKey->setBrush(colors.temporary);
    temporaryKey->setPen(Qt::NoPen);
    permanentKey->setBrush(colors.permanent);
    permanentKey->setPen(Qt::NoPen);
    floodKey->setBrush(withAlpha(colors.temporary, 0.3f));
    floodKey->setPen(QPen(colors.temporary, 1));

    const QFontMetricsF metrics(labelFont);
    const int margin = int(std::round(metrics.height() * 0.5));
    chart->setMargins(QMargins(margin, margin / 2, margin * 2,
                               int(std::ceil(overlay.tickLabelHeight()))));
    updateTimeAxis();
    syncOverlay();
}

int TimelineChart::Private::bucketIndexAt(std::int64_t ms) const
{
    const QList<TimeBucket> &all = buckets();
    auto it = std::upper_bound(all.cbegin(), all.cend(), ms,
                               [](std::int64_t t, const TimeBucket &b) { return t < b.startMs; });
    if (it == all.cbegin())
        return -1;
    --it;
    return ms < it->startMs + bucketMs() ? int(it - all.cbegin()) : -1;
}

void TimelineChart::Private::zoom(qreal anchorX, double factor)
{
    const std::int64_t span = viewTo - viewFrom;
    const auto [fullStart, fullEnd] = fullRange();
    std::int64_t newSpan = std::llround(double(span) * factor);
    if (fullEnd > fullStart)
        newSpan = std::clamp(newSpan, std::min(MinimumSpanMs, fullEnd - fullStart), fullEnd - fullStart);
    if (newSpan == span || span <= 0)
        return;
    // The time under the cursor stays under the cursor.
    const std::int64_t anchor = std::clamp(overlay.timeAt(anchorX), viewFrom, viewTo);
    const std::int64_t from =
        anchor - std::llround(double(anchor - viewFrom) * double(newSpan) / double(span));
    showRange(from, from + newSpan, true);
}

void TimelineChart::Private::pan(double fraction)
{
    const std::int64_t shift = std::llround(double(viewTo - viewFrom) * fraction);
    showRange(viewFrom + shift, viewTo + shift, true);
}

void TimelineChart::Private::hover(const QPointF &pos, const QPoint &globalPos)
{
    QString text;
    std::optional<std::pair<std::int64_t, std::int64_t>> hovered;
    if (overlay.plotArea().contains(pos)) {
        const int moment = overlay.momentAt(pos);
        if (moment >= 0) {
            text = ChartText::momentToolTip(overlay.moments()[moment], zone);
        } else {
            const std::int64_t t = overlay.timeAt(pos.x());
            const int index = bucketIndexAt(t);
            if (index >= 0) {
                const TimeBucket &bucket = buckets()[index];
                hovered = std::pair(bucket.startMs, bucket.startMs + bucketMs());
                text = ChartText::bucketToolTip(bucket, bucketMs(), zone);
            }
            const int flood = overlay.floodAt(t);
            if (flood >= 0) {
                const QString floodText = ChartText::floodToolTip(overlay.floods()[flood], zone);
                text = text.isEmpty() ? floodText : text + u"\n\n"_s + floodText;
            }
        }
    }
    if (overlay.setHover(hovered))
        view->viewport()->update();
    if (text.isEmpty())
        QToolTip::hideText();
    else
        QToolTip::showText(globalPos, plainToolTip(text), view);
}

void TimelineChart::Private::click(const QPointF &pos)
{
    if (!overlay.plotArea().contains(pos))
        return;
    const int index = bucketIndexAt(overlay.timeAt(pos.x()));
    if (index < 0)
        return;
    const std::int64_t start = buckets()[index].startMs;
    emit q->bucketClicked(start, start + bucketMs());
}

void TimelineChart::Private::contextMenu(const QPointF &pos, const QPoint &globalPos)
{
    auto *menu = new QMenu(q);
    menu->setAttribute(Qt::WA_DeleteOnClose);
    const bool inPlot = overlay.plotArea().contains(pos);

    // Log times have whole seconds; a marker at a fraction of one would only confuse.
    const std::int64_t at = std::clamp(overlay.timeAt(pos.x()), viewFrom, viewTo);
    const std::int64_t time = (at + 500) / 1000 * 1000;
    QAction *add = menu->addAction(tr("Add marker here…"));
    add->setObjectName(u"addMarkerAction"_s);
    add->setEnabled(inPlot && hasView);
    QObject::connect(add, &QAction::triggered, q, [this, time] { emit q->markerRequested(time); });

    const int moment = inPlot ? overlay.momentAt(pos) : -1;
    if (moment >= 0 && overlay.moments()[moment].marker) {
        const std::int64_t id = overlay.moments()[moment].marker->id;
        QAction *remove = menu->addAction(tr("Remove marker"));
        remove->setObjectName(u"removeMarkerAction"_s);
        QObject::connect(remove, &QAction::triggered, q,
                         [this, id] { emit q->markerRemovalRequested(id); });
    }
    menu->addSeparator();
    QAction *reset = menu->addAction(tr("Reset zoom"));
    reset->setObjectName(u"resetZoomAction"_s);
    reset->setEnabled(isZoomed());
    QObject::connect(reset, &QAction::triggered, q, [this] { q->resetZoom(); });
    menu->addSeparator();
    QAction *png = menu->addAction(tr("Export as PNG…"));
    png->setObjectName(u"exportPngAction"_s);
    QObject::connect(png, &QAction::triggered, q, [this] { exportWithDialog(false); });
    QAction *svg = menu->addAction(tr("Export as SVG…"));
    svg->setObjectName(u"exportSvgAction"_s);
    QObject::connect(svg, &QAction::triggered, q, [this] { exportWithDialog(true); });
    menu->popup(globalPos);
}

void TimelineChart::Private::exportWithDialog(bool svg)
{
    const QString title = svg ? tr("Export Chart as SVG") : tr("Export Chart as PNG");
    const QString filter = svg ? tr("SVG images (*.svg)") : tr("PNG images (*.png)");
    QString path = QFileDialog::getSaveFileName(q, title, QString(), filter);
    if (path.isEmpty())
        return;
    const QString suffix = svg ? u".svg"_s : u".png"_s;
    if (!path.endsWith(suffix, Qt::CaseInsensitive))
        path += suffix;
    QString error;
    if (!(svg ? q->exportSvg(path, &error) : q->exportPng(path, &error)))
        QMessageBox::warning(q, tr("Export Failed"), error);
}

QImage TimelineChart::Private::renderImage() const
{
    QImage image(view->size() * ExportPixelRatio, QImage::Format_ARGB32_Premultiplied);
    image.setDevicePixelRatio(ExportPixelRatio);
    image.fill(colors.background);
    QPainter painter(&image);
    static_cast<QWidget *>(view)->render(&painter, QPoint(), QRegion(), QWidget::DrawChildren);
    return image;
}

TimelineChart::TimelineChart(TimelineModel *model, QWidget *parent)
    : QWidget(parent)
    , d(std::make_unique<Private>(this, model))
{
}

TimelineChart::~TimelineChart() = default;

void TimelineChart::setMoments(const QList<MomentComparison> &comparisons)
{
    d->overlay.setMoments(comparisons);
    d->view->viewport()->update();
}

void TimelineChart::setFloods(const QList<Flood> &floods)
{
    d->overlay.setFloods(floods);
    d->view->viewport()->update();
}

void TimelineChart::setTimeZone(const QTimeZone &zone)
{
    d->zone = zone.isValid() ? zone : QTimeZone::systemTimeZone();
    d->updateTimeAxis();
    d->view->viewport()->update();
}

void TimelineChart::setFullRange(std::int64_t fromMs, std::int64_t toMs)
{
    const bool zoomed = d->isZoomed();
    d->explicitFullRange = toMs > fromMs;
    d->fullFrom = std::min(fromMs, toMs);
    d->fullTo = std::max(fromMs, toMs);
    const auto [from, to] = d->fullRange();
    const bool overlaps = d->viewFrom < to && d->viewTo > from;
    if (!zoomed || !overlaps)
        d->showRange(from, to, false);
    else
        d->showRange(d->viewFrom, d->viewTo, false);
}

std::pair<std::int64_t, std::int64_t> TimelineChart::visibleRange() const
{
    return {d->viewFrom, d->viewTo};
}

void TimelineChart::setVisibleRange(std::int64_t fromMs, std::int64_t toMs)
{
    d->showRange(fromMs, toMs, false);
}

void TimelineChart::resetZoom()
{
    const auto [from, to] = d->fullRange();
    d->showRange(from, to, true);
}

bool TimelineChart::exportPng(const QString &path, QString *error) const
{
    const QImage image = d->renderImage();
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        if (error)
            *error = tr("Could not write %1: %2").arg(QDir::toNativeSeparators(path), file.errorString());
        return false;
    }
    QImageWriter writer(&file, "png");
    if (!writer.write(image) || !file.commit()) {
        if (error) {
            const QString reason = writer.error() != QImageWriter::UnknownError
                ? writer.errorString()
                : file.errorString();
            *error = tr("Could not write %1: %2").arg(QDir::toNativeSeparators(path), reason);
        }
        return false;
    }
    return true;
}

bool TimelineChart::exportSvg(const QString &path, QString *error) const
{
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    QSvgGenerator generator;
    generator.setOutputDevice(&buffer);
    generator.setSize(d->view->size());
    generator.setViewBox(QRect(QPoint(0, 0), d->view->size()));
    generator.setTitle(tr("Rejections over time"));
    {
        QPainter painter(&generator);
        painter.fillRect(QRect(QPoint(0, 0), d->view->size()), d->colors.background);
        static_cast<QWidget *>(d->view)->render(&painter, QPoint(), QRegion(), QWidget::DrawChildren);
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(buffer.data()) != buffer.size()
        || !file.commit()) {
        if (error)
            *error = tr("Could not write %1: %2").arg(QDir::toNativeSeparators(path), file.errorString());
        return false;
    }
    return true;
}

QList<QPointF> TimelineChart::temporarySeries() const
{
    return d->temporaryPoints;
}

QList<QPointF> TimelineChart::permanentSeries() const
{
    return d->permanentPoints;
}

QList<std::int64_t> TimelineChart::markerTimes() const
{
    QList<std::int64_t> times;
    const QList<bool> inView = d->overlay.momentsInView();
    for (qsizetype i = 0; i < inView.size(); ++i) {
        if (inView[i])
            times << d->overlay.moments()[i].timeMs;
    }
    return times;
}

QList<QRectF> TimelineChart::captionRects() const
{
    return d->overlay.captionRects();
}

void TimelineChart::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (d && (event->type() == QEvent::PaletteChange || event->type() == QEvent::FontChange
        || event->type() == QEvent::StyleChange))
        d->applyPalette();
}

} // namespace rejectscope
