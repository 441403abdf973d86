// The interactive timeline: it shows what its model holds, draws moments, zooms
// around the cursor, reports clicks and range changes, and exports pictures. Runs
// on the offscreen platform; Qt Charts itself stays out of this file (events go to
// the chart's viewport like a user's would).

#include "charts/chartcolors.h"
#include "charts/timelinechart.h"
#include "charts/timeticks.h"
#include "models/timelinemodel.h"

#include <QAbstractScrollArea>
#include <QAction>
#include <QApplication>
#include <QContextMenuEvent>
#include <QDateTime>
#include <QFile>
#include <QImage>
#include <QMenu>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QToolTip>
#include <QWheelEvent>

#include <cmath>

using namespace Qt::Literals::StringLiterals;
using namespace rejectscope;

namespace {

constexpr std::int64_t Minute = 60 * 1000;
constexpr std::int64_t Hour = 60 * Minute;

const QTimeZone berlin("Europe/Berlin");

std::int64_t at(int year, int month, int day, int hour, int minute, const QTimeZone &zone = berlin)
{
    return QDateTime(QDate(year, month, day), QTime(hour, minute), zone).toMSecsSinceEpoch();
}

// `count` buckets from `start`, the 4xx counts rising, a few 5xx; `skip` leaves one out.
QList<TimeBucket> buckets(std::int64_t start, std::int64_t width, int count, int skip = -1)
{
    QList<TimeBucket> list;
    for (int i = 0; i < count; ++i) {
        if (i == skip)
            continue;
        list << TimeBucket{start + i * width, 10 + 7 * i, i % 3, 40 - i};
    }
    return list;
}

MomentComparison marker(std::int64_t id, std::int64_t timeMs, const QString &label)
{
    MomentComparison moment;
    moment.origin = MomentComparison::Origin::Marker;
    moment.timeMs = timeMs;
    moment.label = label;
    moment.marker = Marker{id, timeMs, label};
    moment.figures.timeMs = timeMs;
    moment.figures.windowMs = Hour;
    moment.figures.before.attemptsPerHour = 120;
    moment.figures.after.attemptsPerHour = 8;
    moment.figures.attemptsChange = -93.3;
    return moment;
}

// The widget that gets a user's mouse and wheel: the chart view's viewport.
QWidget *viewportOf(TimelineChart &chart)
{
    auto *area = chart.findChild<QAbstractScrollArea *>();
    return area ? area->viewport() : nullptr;
}

void wheel(QWidget *target, QPoint pos, int delta)
{
    QWheelEvent event(pos, target->mapToGlobal(pos), QPoint(), QPoint(0, delta), Qt::NoButton,
                      Qt::NoModifier, Qt::NoScrollPhase, false);
    QApplication::sendEvent(target, &event);
}

// The time that stayed in place when [from0, to0) became [from1, to1): the anchor of the zoom.
double zoomAnchorFraction(std::pair<std::int64_t, std::int64_t> before,
                          std::pair<std::int64_t, std::int64_t> after)
{
    const double span0 = double(before.second - before.first);
    const double span1 = double(after.second - after.first);
    const double anchor = (double(after.first) * span0 - double(before.first) * span1) / (span0 - span1);
    return (anchor - double(before.first)) / span0;
}

} // namespace

class TimelineChartTest : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void seriesShowTheModel();
    void rangeSurvivesAFinerModel();
    void momentsInRangeAreDrawn();
    void crowdedCaptionsNeverOverlap();
    void wheelZoomsAroundTheCursor();
    void homeAndDoubleClickReset();
    void keysAndDragPan();
    void clickOnBucketEmitsItsRange();
    void clickOnGapEmitsNothing();
    void rangeChangeIsReportedOnceAfterSettling();
    void contextMenuRequestsMarker();
    void markerCanBeRemovedAndItsLabelStaysPlain();
    void exportPngHasThe4xxColour();
    void exportSvgHasPaths();

    void ticksSkipTheSpringForwardHour();
    void ticksRepeatTheFallBackHour();
    void ticksFollowLocalQuarterHourZones();
    void ticksOnCalendarDays();

private:
    void showChart(const QList<TimeBucket> &data, std::int64_t bucketMs);

    TimelineModel *m_model = nullptr;
    TimelineChart *m_chart = nullptr;
    QWidget *m_viewport = nullptr;
};

void TimelineChartTest::init()
{
    m_model = new TimelineModel;
    m_chart = new TimelineChart(m_model);
    m_chart->setTimeZone(berlin);
    m_chart->resize(800, 320);
}

void TimelineChartTest::cleanup()
{
    delete m_chart;
    delete m_model;
    m_chart = nullptr;
    m_model = nullptr;
}

void TimelineChartTest::showChart(const QList<TimeBucket> &data, std::int64_t bucketMs)
{
    m_model->setBuckets(data, bucketMs);
    m_chart->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_chart));
    m_viewport = viewportOf(*m_chart);
    QVERIFY(m_viewport);
}

void TimelineChartTest::seriesShowTheModel()
{
    const std::int64_t start = at(2026, 11, 21, 23, 0);
    const QList<TimeBucket> data = buckets(start, 5 * Minute, 6, 2);
    m_model->setBuckets(data, 5 * Minute);

    QList<QPointF> temporary;
    QList<QPointF> permanent;
    for (const TimeBucket &bucket : data) {
        temporary << QPointF(double(bucket.startMs), double(bucket.temporary));
        permanent << QPointF(double(bucket.startMs), double(bucket.permanent));
    }
    QCOMPARE(m_chart->temporarySeries(), temporary);
    QCOMPARE(m_chart->permanentSeries(), permanent);
    QCOMPARE(m_chart->visibleRange(), std::pair(start, start + 6 * 5 * Minute));

    // A reset of the model is followed.
    m_model->setBuckets({TimeBucket{start, 3, 4, 5}}, Hour);
    QCOMPARE(m_chart->temporarySeries(), QList<QPointF>{QPointF(double(start), 3)});
    QCOMPARE(m_chart->permanentSeries(), QList<QPointF>{QPointF(double(start), 4)});
}

void TimelineChartTest::rangeSurvivesAFinerModel()
{
    const std::int64_t start = at(2026, 11, 21, 0, 0);
    m_chart->setFullRange(start, start + 24 * Hour);
    showChart(buckets(start, Hour, 24), Hour);
    QCOMPARE(m_chart->visibleRange(), std::pair(start, start + 24 * Hour));

    const std::pair zoomed(start + 6 * Hour, start + 8 * Hour);
    m_chart->setVisibleRange(zoomed.first, zoomed.second);
    QCOMPARE(m_chart->visibleRange(), zoomed);
    // The window re-queries with a finer bucket for what the user looks at.
    m_model->setBuckets(buckets(zoomed.first, Minute, 120), Minute);
    QCOMPARE(m_chart->visibleRange(), zoomed);
    QCOMPARE(m_chart->temporarySeries().size(), 120);
}

void TimelineChartTest::momentsInRangeAreDrawn()
{
    const std::int64_t start = at(2026, 11, 21, 0, 0);
    showChart(buckets(start, Hour, 24), Hour);
    const std::int64_t inside = start + 10 * Hour + 7 * Minute;
    const std::int64_t outside = start + 30 * Hour;
    MomentComparison found;
    found.origin = MomentComparison::Origin::SwitchPoint;
    found.timeMs = inside;
    found.label = u"450 → 550"_s;
    m_chart->setMoments({found, marker(1, outside, u"later"_s)});
    QCOMPARE(m_chart->markerTimes(), QList<std::int64_t>{inside});

    m_chart->setVisibleRange(start + 12 * Hour, start + 14 * Hour);
    QVERIFY(m_chart->markerTimes().isEmpty());
}

void TimelineChartTest::crowdedCaptionsNeverOverlap()
{
    // A short, narrow chart (a small screen at 200 %) with six moments close together.
    m_chart->resize(420, 170);
    const std::int64_t start = at(2026, 11, 21, 0, 0);
    showChart(buckets(start, Hour, 24), Hour);
    QList<MomentComparison> moments;
    QList<std::int64_t> times;
    for (int i = 0; i < 6; ++i) {
        times << start + (8 + i) * Hour;
        moments << marker(i + 1, times.last(), u"changed the configuration, step %1"_s.arg(i + 1));
    }
    m_chart->setMoments(moments);
    QCOMPARE(m_chart->markerTimes(), times); // every line is drawn
    const QList<QRectF> captions = m_chart->captionRects();
    QCOMPARE(captions.size(), 6);
    QVERIFY(!captions.first().isEmpty());
    int shown = 0;
    for (qsizetype i = 0; i < captions.size(); ++i) {
        if (captions[i].isEmpty())
            continue;
        ++shown;
        QVERIFY2(m_viewport->rect().contains(captions[i].toRect()), "a caption leaves the chart");
        for (qsizetype j = i + 1; j < captions.size(); ++j)
            QVERIFY2(!captions[i].intersects(captions[j]), "two captions cover each other");
    }
    QVERIFY(shown >= 2);

    // With room, every caption is shown in full.
    m_chart->resize(1600, 600);
    QTRY_VERIFY(m_chart->captionRects().size() == 6 && !m_chart->captionRects().contains(QRectF()));
}

void TimelineChartTest::wheelZoomsAroundTheCursor()
{
    const std::int64_t start = at(2026, 11, 21, 0, 0);
    showChart(buckets(start, Hour, 24), Hour);
    const auto full = m_chart->visibleRange();
    const int y = m_viewport->height() / 2;

    wheel(m_viewport, QPoint(m_viewport->width() * 8 / 10, y), 120);
    const auto right = m_chart->visibleRange();
    QVERIFY(right.second - right.first < full.second - full.first);
    QVERIFY(right.first > full.first);
    // Zooming around the cursor keeps the time under it in place: at 80 % of the
    // width that time lies far right, not in the middle as a centred zoom would have it.
    const double rightAnchor = zoomAnchorFraction(full, right);
    QVERIFY2(rightAnchor > 0.7 && rightAnchor < 0.9, qPrintable(QString::number(rightAnchor)));

    m_chart->resetZoom();
    wheel(m_viewport, QPoint(m_viewport->width() * 3 / 10, y), 240);
    const auto left = m_chart->visibleRange();
    const double leftAnchor = zoomAnchorFraction(full, left);
    QVERIFY2(leftAnchor > 0.15 && leftAnchor < 0.35, qPrintable(QString::number(leftAnchor)));

    // Zooming out goes no further than the full range.
    for (int i = 0; i < 10; ++i)
        wheel(m_viewport, QPoint(m_viewport->width() / 2, y), -120);
    QCOMPARE(m_chart->visibleRange(), full);
}

void TimelineChartTest::homeAndDoubleClickReset()
{
    const std::int64_t start = at(2026, 11, 21, 0, 0);
    showChart(buckets(start, Hour, 24), Hour);
    const auto full = m_chart->visibleRange();
    const QPoint centre = m_viewport->rect().center();

    wheel(m_viewport, centre, 360);
    QVERIFY(m_chart->visibleRange() != full);
    QTest::keyClick(m_viewport, Qt::Key_Home);
    QCOMPARE(m_chart->visibleRange(), full);

    wheel(m_viewport, centre, 360);
    QVERIFY(m_chart->visibleRange() != full);
    QTest::mouseDClick(m_viewport, Qt::LeftButton, {}, centre);
    QCOMPARE(m_chart->visibleRange(), full);
}

void TimelineChartTest::keysAndDragPan()
{
    const std::int64_t start = at(2026, 11, 21, 0, 0);
    showChart(buckets(start, Hour, 24), Hour);
    m_chart->setVisibleRange(start + 8 * Hour, start + 12 * Hour);

    QTest::keyClick(m_viewport, Qt::Key_Right);
    const auto right = m_chart->visibleRange();
    QVERIFY(right.first > start + 8 * Hour);
    QCOMPARE(right.second - right.first, 4 * Hour);

    QTest::keyClick(m_viewport, Qt::Key_Left);
    QTest::keyClick(m_viewport, Qt::Key_Left);
    QVERIFY(m_chart->visibleRange().first < start + 8 * Hour);

    // Dragging with the middle button moves the range against the drag.
    const auto before = m_chart->visibleRange();
    const QPoint from = m_viewport->rect().center();
    QTest::mousePress(m_viewport, Qt::MiddleButton, {}, from);
    QMouseEvent move(QEvent::MouseMove, QPointF(from + QPoint(100, 0)),
                     QPointF(m_viewport->mapToGlobal(from + QPoint(100, 0))), Qt::NoButton,
                     Qt::MiddleButton, Qt::NoModifier);
    QApplication::sendEvent(m_viewport, &move);
    QTest::mouseRelease(m_viewport, Qt::MiddleButton, {}, from + QPoint(100, 0));
    const auto after = m_chart->visibleRange();
    QVERIFY(after.first < before.first);
    QCOMPARE(after.second - after.first, before.second - before.first);

    // Never past the data.
    for (int i = 0; i < 30; ++i)
        QTest::keyClick(m_viewport, Qt::Key_Left);
    QCOMPARE(m_chart->visibleRange().first, start);
}

void TimelineChartTest::clickOnBucketEmitsItsRange()
{
    // Five hours: the middle of the widget is in the middle bucket, whatever the
    // width of the value axis labels on the left.
    const std::int64_t start = at(2026, 11, 21, 10, 0);
    showChart(buckets(start, Hour, 5), Hour);
    QSignalSpy clicked(m_chart, &TimelineChart::bucketClicked);
    QTest::mouseClick(m_viewport, Qt::LeftButton, {}, m_viewport->rect().center());
    QCOMPARE(clicked.size(), 1);
    QCOMPARE(clicked.at(0).at(0).value<std::int64_t>(), start + 2 * Hour);
    QCOMPARE(clicked.at(0).at(1).value<std::int64_t>(), start + 3 * Hour);
}

void TimelineChartTest::clickOnGapEmitsNothing()
{
    const std::int64_t start = at(2026, 11, 21, 10, 0);
    showChart(buckets(start, Hour, 5, 2), Hour);
    QSignalSpy clicked(m_chart, &TimelineChart::bucketClicked);
    QTest::mouseClick(m_viewport, Qt::LeftButton, {}, m_viewport->rect().center());
    QCOMPARE(clicked.size(), 0);
    // A drag is a zoom, not a click.
    const QPoint centre = m_viewport->rect().center();
    QTest::mousePress(m_viewport, Qt::LeftButton, {}, centre - QPoint(150, 0));
    QMouseEvent move(QEvent::MouseMove, QPointF(centre + QPoint(150, 0)),
                     QPointF(m_viewport->mapToGlobal(centre + QPoint(150, 0))), Qt::NoButton,
                     Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(m_viewport, &move);
    QTest::mouseRelease(m_viewport, Qt::LeftButton, {}, centre + QPoint(150, 0));
    QCOMPARE(clicked.size(), 0);
    const auto zoomed = m_chart->visibleRange();
    QVERIFY(zoomed.first > start);
    QVERIFY(zoomed.second < start + 5 * Hour);
}

void TimelineChartTest::rangeChangeIsReportedOnceAfterSettling()
{
    const std::int64_t start = at(2026, 11, 21, 0, 0);
    showChart(buckets(start, Hour, 24), Hour);
    QSignalSpy changed(m_chart, &TimelineChart::visibleRangeChanged);
    const QPoint centre = m_viewport->rect().center();
    wheel(m_viewport, centre, 120);
    wheel(m_viewport, centre, 120);
    wheel(m_viewport, centre, 120);
    QCOMPARE(changed.size(), 0);
    QVERIFY(changed.wait(2000));
    QCOMPARE(changed.size(), 1);
    const auto range = m_chart->visibleRange();
    QCOMPARE(changed.at(0).at(0).value<std::int64_t>(), range.first);
    QCOMPARE(changed.at(0).at(1).value<std::int64_t>(), range.second);

    // Set by the window: not reported back.
    m_chart->setVisibleRange(start, start + Hour);
    QVERIFY(!changed.wait(400));
}

void TimelineChartTest::contextMenuRequestsMarker()
{
    const std::int64_t start = at(2026, 11, 21, 10, 0);
    showChart(buckets(start, Hour, 5), Hour);
    QSignalSpy requested(m_chart, &TimelineChart::markerRequested);
    const QPoint centre = m_viewport->rect().center();
    QContextMenuEvent event(QContextMenuEvent::Mouse, centre, m_viewport->mapToGlobal(centre));
    QApplication::sendEvent(m_viewport, &event);

    auto *menu = m_chart->findChild<QMenu *>();
    QVERIFY(menu);
    QVERIFY(!menu->findChild<QAction *>(u"removeMarkerAction"_s));
    auto *add = menu->findChild<QAction *>(u"addMarkerAction"_s);
    QVERIFY(add);
    QVERIFY(add->isEnabled());
    add->trigger();
    QCOMPARE(requested.size(), 1);
    const std::int64_t time = requested.at(0).at(0).value<std::int64_t>();
    // The time under the cursor, to the second: in the middle hour.
    QVERIFY(time >= start + 2 * Hour && time < start + 3 * Hour);
    QCOMPARE(time % 1000, 0);
    menu->close();
}

void TimelineChartTest::markerCanBeRemovedAndItsLabelStaysPlain()
{
    const std::int64_t start = at(2026, 11, 21, 10, 0);
    showChart(buckets(start, Hour, 5), Hour);
    const QString label = u"<b>raised</b> limits"_s;
    m_chart->setMoments({marker(42, start + 2 * Hour + 30 * Minute, label)});

    // Where the marker's line is depends on the chart's layout: find it as a user
    // would, by moving the mouse until its tooltip shows.
    const int y = m_viewport->height() * 3 / 4;
    int lineX = -1;
    for (int x = m_viewport->width() / 4; x < m_viewport->width() * 3 / 4 && lineX < 0; ++x) {
        QTest::mouseMove(m_viewport, QPoint(x, y));
        if (QToolTip::isVisible() && QToolTip::text().contains(u"raised"_s))
            lineX = x;
    }
    QVERIFY(lineX >= 0);
    // The label is shown as typed, not as bold markup.
    QVERIFY2(QToolTip::text().contains(u"&lt;b&gt;raised&lt;/b&gt; limits"_s),
             qPrintable(QToolTip::text()));

    QSignalSpy removal(m_chart, &TimelineChart::markerRemovalRequested);
    const QPoint pos(lineX + 1, y);
    QContextMenuEvent event(QContextMenuEvent::Mouse, pos, m_viewport->mapToGlobal(pos));
    QApplication::sendEvent(m_viewport, &event);
    auto *menu = m_chart->findChild<QMenu *>();
    QVERIFY(menu);
    auto *remove = menu->findChild<QAction *>(u"removeMarkerAction"_s);
    QVERIFY(remove);
    remove->trigger();
    QCOMPARE(removal.size(), 1);
    QCOMPARE(removal.at(0).at(0).value<std::int64_t>(), 42);
    menu->close();
}

void TimelineChartTest::exportPngHasThe4xxColour()
{
    const std::int64_t start = at(2026, 11, 21, 10, 0);
    showChart(buckets(start, 10 * Minute, 30), 10 * Minute);
    QTemporaryDir dir;
    const QString path = dir.filePath(u"timeline.png"_s);
    QString error;
    QVERIFY2(m_chart->exportPng(path, &error), qPrintable(error));

    QImage image(path);
    QVERIFY(!image.isNull());
    // Rendered at twice the widget's size, for print and high-density screens.
    QCOMPARE(image.size(), m_chart->size() * 2);
    QVERIFY(QFile(path).size() > 10000);

    const ChartColors colors = ChartColors::fromPalette(m_chart->palette());
    const auto near = [](QColor a, QColor b) {
        return std::abs(a.red() - b.red()) + std::abs(a.green() - b.green())
            + std::abs(a.blue() - b.blue()) < 24;
    };
    int temporary = 0;
    for (int y = 0; y < image.height(); y += 2) {
        for (int x = 0; x < image.width(); x += 2)
            temporary += near(image.pixelColor(x, y), colors.temporary) ? 1 : 0;
    }
    QVERIFY2(temporary > 2000, qPrintable(QString::number(temporary)));

    QVERIFY(!m_chart->exportPng(dir.filePath(u"missing/dir/timeline.png"_s), &error));
    QVERIFY(error.contains(u"timeline.png"_s));
}

void TimelineChartTest::exportSvgHasPaths()
{
    const std::int64_t start = at(2026, 11, 21, 10, 0);
    showChart(buckets(start, 10 * Minute, 30), 10 * Minute);
    QTemporaryDir dir;
    const QString path = dir.filePath(u"timeline.svg"_s);
    QString error;
    QVERIFY2(m_chart->exportSvg(path, &error), qPrintable(error));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray svg = file.readAll();
    QVERIFY(svg.startsWith("<?xml"));
    QVERIFY(svg.contains("<path"));
    QVERIFY(svg.contains("</svg>"));
}

void TimelineChartTest::ticksSkipTheSpringForwardHour()
{
    // Europe/Berlin, 29 March 2026: 02:00 CET becomes 03:00 CEST.
    const std::int64_t from = at(2026, 3, 29, 0, 0);
    const std::int64_t to = at(2026, 3, 29, 5, 0);
    QCOMPARE(to - from, 4 * Hour);
    const QList<TimeTick> ticks = timeTicks(from, to, berlin, 6);
    QStringList labels;
    for (const TimeTick &tick : ticks)
        labels << tick.text;
    QCOMPARE(labels, QStringList({u"00:00"_s, u"01:00"_s, u"03:00"_s, u"04:00"_s, u"05:00"_s}));
    for (qsizetype i = 1; i < ticks.size(); ++i)
        QCOMPARE(ticks[i].ms - ticks[i - 1].ms, Hour);
    QVERIFY(!ticks.first().context.isEmpty());
}

void TimelineChartTest::ticksRepeatTheFallBackHour()
{
    // 25 October 2026: 03:00 CEST becomes 02:00 CET, so 02:00 happens twice.
    const std::int64_t from = at(2026, 10, 25, 1, 0);
    const std::int64_t to = from + 4 * Hour;
    QStringList labels;
    for (const TimeTick &tick : timeTicks(from, to, berlin, 6))
        labels << tick.text;
    QCOMPARE(labels,
             QStringList({u"01:00"_s, u"02:00"_s, u"02:00"_s, u"03:00"_s, u"04:00"_s}));
}

void TimelineChartTest::ticksFollowLocalQuarterHourZones()
{
    // Kathmandu is UTC+5:45: ten-minute ticks sit on local, not UTC, tens of minutes.
    const QTimeZone kathmandu("Asia/Kathmandu");
    QVERIFY(kathmandu.isValid());
    const std::int64_t from = at(2026, 11, 21, 9, 3, kathmandu);
    const QList<TimeTick> ticks = timeTicks(from, from + Hour, kathmandu, 7);
    QCOMPARE(ticks.size(), 6);
    for (const TimeTick &tick : ticks) {
        const QTime local = QDateTime::fromMSecsSinceEpoch(tick.ms, kathmandu).time();
        QCOMPARE(local.minute() % 10, 0);
        QCOMPARE(tick.text, local.toString(u"HH:mm"_s));
    }
    QCOMPARE(ticks.first().text, u"09:10"_s);
}

void TimelineChartTest::ticksOnCalendarDays()
{
    const std::int64_t from = at(2026, 10, 20, 12, 0);
    const std::int64_t to = at(2026, 10, 30, 12, 0);
    const QList<TimeTick> ticks = timeTicks(from, to, berlin, 12);
    QCOMPARE(ticks.size(), 10);
    for (const TimeTick &tick : ticks)
        QCOMPARE(QDateTime::fromMSecsSinceEpoch(tick.ms, berlin).time(), QTime(0, 0));
    // The day of the DST change has 25 hours.
    QCOMPARE(ticks[5].ms - ticks[4].ms, 25 * Hour);
    QCOMPARE(ticks.first().context, u"2026"_s);
}

QTEST_MAIN(TimelineChartTest)
#include "tst_timelinechart.moc"
