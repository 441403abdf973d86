// The main window end to end, offscreen: logs opened through the same path as
// File → Open, the chart, the tables and the advisor checked against the
// database, markers, filters, a cancelled import, and log text that stays text.

#include "analysissupport.h"
#include "testsupport.h"

#include "advisor/advisorpanel.h"
#include "analysis/eventquery.h"
#include "analysis/filtersql.h"
#include "analysis/floods.h"
#include "analysis/retrychains.h"
#include "analysis/switchpoints.h"
#include "charts/timelinechart.h"
#include "exportactions.h"
#include "filterbar.h"
#include "resulttableview.h"
#include "settings.h"
#include "importcontroller.h"
#include "mainwindow.h"
#include "models/eventtablemodel.h"
#include "models/modelroles.h"
#include "models/stormtablemodel.h"
#include "models/toplistmodel.h"
#include "models/timelinemodel.h"
#include "store/database.h"
#include "store/summary.h"
#include "store/textmatches.h"
#include "tablespanel.h"

#include <QHeaderView>
#include <QLabel>
#include <QProcess>
#include <QSignalSpy>
#include <QSplitter>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace rejectscope;

namespace {

constexpr int importTimeoutMs = 120'000;

ImportOptions labOptions()
{
    ImportOptions options;
    options.zone = QTimeZone::utc();
    options.year = 2026;
    return options;
}

// Waits until the window has no import and no analysis in flight.
bool waitUntilIdle(const MainWindow &window)
{
    QElapsedTimer clock;
    clock.start();
    while (window.isBusy()) {
        if (clock.elapsed() > importTimeoutMs)
            return false;
        QTest::qWait(20);
    }
    return true;
}

} // namespace

class TestMainWindow : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void openingLogsFillsChartTablesAndAdvisor();
    void markerGetsBeforeAfterCard();
    void filterDrivesEventsAndStorms();
    void searchInARangeShowsItsBarsFirst();
    void searchKeepsItsMatchesForTheNextChange();
    void searchTellsHowFarItRead();
    void shownTopListComesFirst();
    void bucketClickFiltersTables();
    void cancelledImportLeavesTruthfulDatabase();
    void logTextStaysText();
    void unopenableDatabaseKeepsCurrentOne();
    void eventsExportStreamsUnderTheFilter();
    void eventsSortByClickedHeader();
    void layoutIsRemembered();
    void filterBarWrapsOnNarrowWindow();

private:
    std::unique_ptr<MainWindow> labWindow(const QString &name);

    QTemporaryDir m_dir;
};

void TestMainWindow::initTestCase()
{
    QVERIFY(m_dir.isValid());
    // Settings and data of this test only, never the user's.
    qputenv("XDG_CONFIG_HOME", m_dir.filePath(u"config"_s).toUtf8());
    qputenv("XDG_DATA_HOME", m_dir.filePath(u"data"_s).toUtf8());
    QStandardPaths::setTestModeEnabled(true);
}

std::unique_ptr<MainWindow> TestMainWindow::labWindow(const QString &name)
{
    auto window = std::make_unique<MainWindow>();
    window->setTimeZone(QTimeZone::utc());
    window->setImportOptions(labOptions());
    if (!window->openDatabase(m_dir.filePath(name + u".db"_s), nullptr, true))
        return nullptr;
    window->show();
    window->openLogs({analysistest::labLog()});
    if (!waitUntilIdle(*window))
        return nullptr;
    return window;
}

void TestMainWindow::openingLogsFillsChartTablesAndAdvisor()
{
    auto window = std::make_unique<MainWindow>();
    window->setTimeZone(QTimeZone::utc());
    window->setImportOptions(labOptions());
    QVERIFY(window->openDatabase(m_dir.filePath(u"open.db"_s), nullptr, true));
    QSignalSpy imported(window.get(), &MainWindow::importFinished);
    window->openLogs({analysistest::labLog()});
    QVERIFY(imported.wait(importTimeoutMs));
    const auto reports = imported.first().first().value<QList<ImportReport>>();
    QCOMPARE(reports.size(), 1);
    QCOMPARE(reports.first().outcome, ImportReport::Outcome::Imported);
    QVERIFY(waitUntilIdle(*window));

    // What the window shows is what the database says.
    Database db(m_dir.filePath(u"open.db"_s));
    QVERIFY(db.open(Database::Mode::ReadOnly));
    QString error;
    const std::int64_t bucketMs = window->timelineModel()->bucketMs();
    const auto buckets = timeBuckets(db, AnalysisFilter{}, bucketMs, &error);
    QVERIFY2(buckets, qPrintable(error));
    QCOMPARE(window->timelineModel()->rowCount(), buckets->size());
    const QList<QPointF> temporary = window->chart()->temporarySeries();
    const QList<QPointF> permanent = window->chart()->permanentSeries();
    std::int64_t chartTemporary = 0, chartPermanent = 0, dbTemporary = 0, dbPermanent = 0;
    for (const QPointF &p : temporary)
        chartTemporary += std::int64_t(p.y());
    for (const QPointF &p : permanent)
        chartPermanent += std::int64_t(p.y());
    for (const TimeBucket &b : *buckets)
        dbTemporary += b.temporary, dbPermanent += b.permanent;
    QVERIFY(dbTemporary > 100);
    QVERIFY(dbPermanent > 100);
    QCOMPARE(chartTemporary, dbTemporary);
    QCOMPARE(chartPermanent, dbPermanent);

    RetryChains chains(db);
    StormQuery query;
    query.limit = 500;
    const auto storms = chains.storms(query);
    QVERIFY(storms);
    QCOMPARE(window->tables()->stormModel()->rowCount(), storms->size());
    QVERIFY(!storms->isEmpty());
    QCOMPARE(window->tables()->stormModel()->chains().first().attempts, storms->first().attempts);
    // The totals come in a stage of their own, after the list.
    const auto totals = chains.totals({});
    QVERIFY(totals && totals->chains > 0);
    QCOMPARE(window->reportSnapshot().totals.chains, totals->chains);
    QCOMPARE(window->reportSnapshot().totals.retries, totals->retries);

    // The lab switched unknown_local_recipient_reject_code from 450 to 550.
    const QString findings = window->advisor()->findingTexts().join(u'\n');
    QVERIFY2(findings.contains(u"unknown_local_recipient_reject_code"_s), qPrintable(findings));
    const QString cards = window->advisor()->comparisonTexts().join(u'\n');
    QVERIFY2(!window->timelineSnapshot().comparisons.isEmpty(), "no switch point found");
    QVERIFY(!cards.isEmpty());
    QVERIFY2(window->statusText().contains(u"events"_s), qPrintable(window->statusText()));
}

void TestMainWindow::markerGetsBeforeAfterCard()
{
    auto window = labWindow(u"marker"_s);
    QVERIFY(window);
    const Overview &before = window->timelineSnapshot();
    const qint64 middle = before.spanFromMs + (before.spanToMs - before.spanFromMs) / 2;
    const int cardsBefore = int(before.comparisons.size());
    window->addMarkerAt(middle, u"reloaded postfix"_s);
    QVERIFY(waitUntilIdle(*window));
    const QList<MomentComparison> &cards = window->timelineSnapshot().comparisons;
    QCOMPARE(cards.size(), cardsBefore + 1);
    const auto marker = std::find_if(cards.cbegin(), cards.cend(), [](const MomentComparison &c) {
        return c.origin == MomentComparison::Origin::Marker;
    });
    QVERIFY(marker != cards.cend());
    QCOMPARE(marker->label, u"reloaded postfix"_s);
    QCOMPARE(marker->timeMs, middle);

    Database db(window->databasePath());
    QVERIFY(db.open(Database::Mode::ReadOnly));
    QString error;
    const auto figures = compareAround(db, middle, 0, AnalysisFilter{}, &error);
    QVERIFY2(figures, qPrintable(error));
    QCOMPARE(marker->figures.before.attempts, figures->before.attempts);
    QCOMPARE(marker->figures.after.attempts, figures->after.attempts);
    QVERIFY(window->advisor()->comparisonTexts().join(u'\n').contains(u"reloaded postfix"_s));

    window->removeMarker(marker->marker->id);
    QVERIFY(waitUntilIdle(*window));
    QCOMPARE(window->timelineSnapshot().comparisons.size(), cardsBefore);
}

void TestMainWindow::filterDrivesEventsAndStorms()
{
    auto window = labWindow(u"filter"_s);
    QVERIFY(window);
    const auto allEvents = window->tables()->eventModel()->rowCount();
    QVERIFY(allEvents > 1000);
    // Columns fit the first rows only: a width chosen by hand outlives a filter.
    QHeaderView *stormColumns = window->tables()->view(TablesPanel::Storms)->horizontalHeader();
    stormColumns->resizeSection(1, 123);
    window->filterBar()->setDirection(Direction::Outbound);
    QTRY_VERIFY(window->tables()->eventModel()->filter().direction == Direction::Outbound);
    QVERIFY(waitUntilIdle(*window));

    Database db(window->databasePath());
    QVERIFY(db.open(Database::Mode::ReadOnly));
    AnalysisFilter outbound;
    outbound.direction = Direction::Outbound;
    EventQuery query(db, outbound);
    const auto count = query.count();
    QVERIFY(count);
    QCOMPARE(window->tables()->eventModel()->rowCount(), int(*count));
    QVERIFY(*count < allEvents);
    for (const RetryChain &chain : window->tables()->stormModel()->chains())
        QCOMPARE(chain.direction, Direction::Outbound);
    QCOMPARE(stormColumns->sectionSize(1), 123);

    // Free text is debounced: one re-query after typing stops.
    window->filterBar()->clear();
    QTRY_VERIFY(!window->tables()->eventModel()->filter().direction.has_value());
    QVERIFY(waitUntilIdle(*window));
    QCOMPARE(window->tables()->eventModel()->rowCount(), allEvents);

    // A search set from outside the bar (not typed) applies at once. Until its bars
    // come the chart says that it is reading (at once here: no delay).
    window->setChartReadingDelay(0);
    QSignalSpy reading(window.get(), &MainWindow::chartReadingChanged);
    window->filterBar()->setSearchText(u"GHOST6@in"_s);
    QCOMPARE(window->filterBar()->filter().text, u"GHOST6@in"_s);
    QTRY_COMPARE(window->tables()->eventModel()->filter().text, u"GHOST6@in"_s);
    QVERIFY(waitUntilIdle(*window));
    AnalysisFilter search;
    search.text = u"GHOST6@in"_s;
    const auto found = EventQuery(db, search).count();
    QVERIFY(found && *found >= 172); // its deliveries and rejections, case ignored
    QCOMPARE(window->tables()->eventModel()->rowCount(), int(*found));
    QVERIFY(!window->tables()->stormModel()->chains().isEmpty());
    for (const RetryChain &chain : window->tables()->stormModel()->chains())
        QVERIFY(chain.recipient.contains(u"ghost6@in"_s, Qt::CaseInsensitive));
    QCOMPARE(reading.size(), 2);
    QCOMPARE(reading.at(0).at(0).toBool(), true);
    QCOMPARE(reading.at(1).at(0).toBool(), false);
}

void TestMainWindow::searchInARangeShowsItsBarsFirst()
{
    auto window = labWindow(u"focus"_s);
    QVERIFY(window);
    window->setChartReadingDelay(0);
    const QList<TimeBucket> all = window->timelineModel()->buckets();
    QVERIFY(all.size() > 10);
    // Four buckets in the middle of the log, with a search.
    const qint64 bucketMs = window->timelineModel()->bucketMs();
    const qint64 fromMs = all.at(all.size() / 2).startMs + bucketMs / 3;
    const qint64 toMs = fromMs + 3 * bucketMs;

    QList<QList<TimeBucket>> shown;
    QList<bool> readingWhenShown;
    QStringList noteWhenShown;
    // Declared after the lists: it ends the connection before they go, and before
    // the window (declared first) resets its models on the way out.
    QObject recorder;
    connect(window->timelineModel(), &QAbstractItemModel::modelReset, &recorder, [&] {
        shown << window->timelineModel()->buckets();
        readingWhenShown << window->isChartReading();
        noteWhenShown << window->chartReadingText();
    });
    window->filterBar()->setTimeRange(fromMs, toMs);
    window->filterBar()->setSearchText(u"in.lab.test"_s);
    QTRY_COMPARE(window->tables()->eventModel()->filter().text, u"in.lab.test"_s);
    QVERIFY(waitUntilIdle(*window));
    QTRY_VERIFY(!window->isChartReading());

    // First the chosen range's buckets (whole buckets of the chart's grid), the
    // note still up; then the whole log's, of which they are a part.
    QVERIFY2(shown.size() >= 2, qPrintable(QString::number(shown.size())));
    const QList<TimeBucket> &first = shown.first();
    const QList<TimeBucket> &last = shown.last();
    QVERIFY(!first.isEmpty());
    QVERIFY(last.size() > first.size());
    QVERIFY(readingWhenShown.first());
    // The note says why the bars stop at the range's edges.
    QVERIFY2(noteWhenShown.first().contains(u"rest of the log"_s), qPrintable(noteWhenShown.first()));
    window->filterBar()->setSearchText(QString());
    QTRY_VERIFY(window->chartReadingText().contains(u"for this filter"_s));
    for (const TimeBucket &bucket : first) {
        QVERIFY(bucket.startMs + bucketMs > fromMs && bucket.startMs < toMs);
        const auto same = std::find_if(last.begin(), last.end(),
                                       [&](const TimeBucket &b) { return b.startMs == bucket.startMs; });
        QVERIFY(same != last.end());
        QCOMPARE(bucket.temporary, same->temporary);
        QCOMPARE(bucket.permanent, same->permanent);
        QCOMPARE(bucket.accepted, same->accepted);
    }
    qsizetype inRange = 0;
    for (const TimeBucket &bucket : last)
        inRange += bucket.startMs + bucketMs > fromMs && bucket.startMs < toMs;
    QCOMPARE(inRange, first.size());
}

void TestMainWindow::searchKeepsItsMatchesForTheNextChange()
{
    auto window = labWindow(u"kept"_s);
    QVERIFY(window);
    const QString text = u"in.lab.test"_s;
    window->filterBar()->setSearchText(text);
    QTRY_COMPARE(window->tables()->eventModel()->filter().text, text);
    QVERIFY(waitUntilIdle(*window));
    QTRY_VERIFY(!window->isChartReading());
    // The whole log's bars read every event once and kept the matches...
    Database db(window->databasePath());
    QVERIFY(db.open(Database::Mode::ReadOnly));
    QVERIFY(sql::textMatchesKept(db, text));
    // ...which the next change with the same text reads: the same chart and
    // count as a scan of the events would give.
    window->filterBar()->setDirection(Direction::Inbound);
    QTRY_VERIFY(window->tables()->eventModel()->filter().direction == Direction::Inbound);
    QVERIFY(waitUntilIdle(*window));
    QTRY_VERIFY(!window->isChartReading());
    QTRY_VERIFY(window->tables()->eventModel()->isCountKnown());
    const QList<TimeBucket> shown = window->timelineModel()->buckets();
    const qsizetype rows = window->tables()->eventModel()->rowCount();
    {
        // With the matches kept, a search in a time range gets the whole log's bars
        // at once, read once: no range first.
        QList<QList<TimeBucket>> barsShown;
        QStringList notes;
        QObject recorder; // declared after the lists: the connection ends first
        connect(window->timelineModel(), &QAbstractItemModel::modelReset, &recorder, [&] {
            barsShown << window->timelineModel()->buckets();
            notes << window->chartReadingText();
        });
        const qint64 fromMs = shown.at(shown.size() / 2).startMs;
        window->filterBar()->setTimeRange(fromMs, fromMs + 3 * window->timelineModel()->bucketMs());
        QTRY_VERIFY(window->tables()->eventModel()->filter().fromMs == fromMs);
        QVERIFY(waitUntilIdle(*window));
        QTRY_VERIFY(!window->isChartReading());
        // The bars, then the same with the floods and moments.
        QCOMPARE(barsShown.size(), 2);
        QCOMPARE(barsShown.first().size(), shown.size());
        QVERIFY2(!notes.join(u' ').contains(u"Range first"_s), qPrintable(notes.join(u' ')));
    }
    textmatches::forgetAll();
    AnalysisFilter filter;
    filter.text = text;
    filter.direction = Direction::Inbound;
    QString error;
    const auto scanned = timeBuckets(db, filter, window->timelineModel()->bucketMs(), &error);
    QVERIFY2(scanned, qPrintable(error));
    QVERIFY(!scanned->isEmpty());
    QCOMPARE(shown.size(), scanned->size());
    for (qsizetype i = 0; i < shown.size(); ++i) {
        QCOMPARE(shown[i].startMs, scanned->at(i).startMs);
        QCOMPARE(shown[i].temporary, scanned->at(i).temporary);
        QCOMPARE(shown[i].permanent, scanned->at(i).permanent);
    }
    EventQuery events(db, filter);
    QCOMPARE(events.count(), std::optional<std::int64_t>(rows));
}

void TestMainWindow::shownTopListComesFirst()
{
    auto window = labWindow(u"shownlist"_s);
    QVERIFY(window);
    window->tables()->setCurrentIndex(TablesPanel::Senders);
    QStringList arrived;
    QList<TopEntry> sendersFirst;
    QObject recorder; // declared after the lists: the connection ends first
    connect(window.get(), &MainWindow::shownTopListShown, &recorder, [&] {
        arrived << u"shown"_s;
        sendersFirst = window->tables()->topListModel(TopListKind::Senders)->entries();
    });
    connect(window.get(), &MainWindow::stormsShown, &recorder, [&] { arrived << u"storms"_s; });
    connect(window.get(), &MainWindow::topListsShown, &recorder, [&] { arrived << u"lists"_s; });
    window->filterBar()->setDirection(Direction::Inbound);
    QTRY_VERIFY(arrived.contains(u"lists"_s));
    QVERIFY(waitUntilIdle(*window));
    // The senders shown first, before the storms (not shown) and the other lists.
    QCOMPARE(arrived, (QStringList{u"shown"_s, u"storms"_s, u"lists"_s}));
    Database db(window->databasePath());
    QVERIFY(db.open(Database::Mode::ReadOnly));
    AnalysisFilter filter;
    filter.direction = Direction::Inbound;
    const auto describe = [](const QList<TopEntry> &list) {
        QStringList out;
        for (const TopEntry &e : list)
            out << u"%1 %2 %3 %4 %5"_s.arg(e.key).arg(e.attempts).arg(e.temporary).arg(e.lastMs).arg(e.totalAttempts);
        return out;
    };
    for (int kind = 0; kind < topListKindCount; ++kind) {
        QString error;
        const auto wanted = topList(db, TopListKind(kind), filter, 50, &error);
        QVERIFY2(wanted, qPrintable(error));
        QVERIFY(!wanted->isEmpty());
        QCOMPARE(describe(window->tables()->topListModel(TopListKind(kind))->entries()), describe(*wanted));
        if (TopListKind(kind) == TopListKind::Senders)
            QCOMPARE(describe(sendersFirst), describe(*wanted));
    }
    // The storms tab shown: the storms first again, the lists after.
    window->tables()->setCurrentIndex(TablesPanel::Storms);
    arrived.clear();
    window->filterBar()->setDirection(Direction::Outbound);
    QTRY_VERIFY(arrived.contains(u"lists"_s));
    QVERIFY(waitUntilIdle(*window));
    QCOMPARE(arrived, (QStringList{u"storms"_s, u"lists"_s}));
}

void TestMainWindow::searchTellsHowFarItRead()
{
    auto window = labWindow(u"progress"_s);
    QVERIFY(window);
    window->setChartReadingDelay(0);
    QStringList notes;
    QList<int> percents;
    // Declared after the lists: the connection ends before they go.
    QObject recorder;
    connect(window.get(), &MainWindow::searchProgressShown, &recorder, [&](int percent) {
        percents << percent;
        notes << window->chartReadingText();
    });
    window->filterBar()->setSearchText(u"ghost"_s);
    QTRY_COMPARE(window->tables()->eventModel()->filter().text, u"ghost"_s);
    QVERIFY(waitUntilIdle(*window));
    QTRY_VERIFY(!window->isChartReading());
    // The lab's few thousand events are one slice: the end is all there is to tell.
    QCOMPARE(percents, QList<int>{100});
    QVERIFY2(notes.first().contains(u"100"_s), qPrintable(notes.first()));
    // Searched again: the matches are kept, nothing is read.
    window->filterBar()->setSearchText(QString());
    QVERIFY(waitUntilIdle(*window));
    window->filterBar()->setSearchText(u"ghost"_s);
    QTRY_COMPARE(window->tables()->eventModel()->filter().text, u"ghost"_s);
    QVERIFY(waitUntilIdle(*window));
    QCOMPARE(percents.size(), 1);
}

void TestMainWindow::bucketClickFiltersTables()
{
    auto window = labWindow(u"bucket"_s);
    QVERIFY(window);
    const auto &buckets = window->timelineModel()->buckets();
    QVERIFY(!buckets.isEmpty());
    const auto busiest = std::max_element(buckets.cbegin(), buckets.cend(), [](const TimeBucket &a, const TimeBucket &b) {
        return a.temporary + a.permanent < b.temporary + b.permanent;
    });
    const qint64 from = busiest->startMs;
    const qint64 to = from + window->timelineModel()->bucketMs();
    emit window->chart()->bucketClicked(from, to);
    QTRY_VERIFY(window->tables()->eventModel()->filter().fromMs.has_value());
    QCOMPARE(*window->tables()->eventModel()->filter().fromMs, from);
    QCOMPARE(*window->tables()->eventModel()->filter().toMs, to);
    QVERIFY(waitUntilIdle(*window));
    QVERIFY(window->tables()->eventModel()->rowCount() > 0);
    for (int row = 0; row < window->tables()->eventModel()->rowCount(); ++row) {
        const qint64 time = window->tables()->eventModel()->index(row, 0).data(TimeMsRole).toLongLong();
        QVERIFY(time >= from && time < to);
    }
    // The chart keeps showing the whole log.
    QCOMPARE(window->timelineModel()->buckets().size(), buckets.size());
}

void TestMainWindow::cancelledImportLeavesTruthfulDatabase()
{
    // A generated log large enough that the import is still running when Cancel comes.
    const QString log = m_dir.filePath(u"big.log"_s);
    QProcess loggen;
    loggen.start(QStringLiteral(REJECTSCOPE_LOGGEN_PATH),
                 {u"--lines"_s, u"600000"_s, u"--seed"_s, u"7"_s, u"-o"_s, log});
    QVERIFY(loggen.waitForFinished(120'000));
    QCOMPARE(loggen.exitCode(), 0);

    MainWindow window;
    window.setTimeZone(QTimeZone::utc());
    window.setImportOptions(labOptions());
    const QString dbPath = m_dir.filePath(u"cancel.db"_s);
    QVERIFY(window.openDatabase(dbPath, nullptr, true));
    QSignalSpy imported(&window, &MainWindow::importFinished);
    QSignalSpy progress(window.importController(), &ImportController::progress);
    window.openLogs({log});
    window.importController()->cancel();
    QVERIFY(imported.wait(importTimeoutMs));
    const auto reports = imported.first().first().value<QList<ImportReport>>();
    QCOMPARE(reports.size(), 1);
    QCOMPARE(reports.first().outcome, ImportReport::Outcome::Cancelled);
    QVERIFY(waitUntilIdle(window));

    // What was stored is what the ledger says: opening the file again adds the
    // rest, and the total is that of an import that was never interrupted.
    Database db(dbPath);
    QVERIFY(db.open(Database::Mode::ReadOnly));
    QString error;
    const auto partial = loadSummary(db, 0, &error);
    QVERIFY2(partial, qPrintable(error));
    QVERIFY(partial->linesRead < 600000);

    window.openLogs({log});
    QVERIFY(imported.wait(importTimeoutMs));
    QCOMPARE(imported.last().first().value<QList<ImportReport>>().first().outcome, ImportReport::Outcome::Imported);
    QVERIFY(waitUntilIdle(window));
    const auto full = loadSummary(db, 0, &error);
    QVERIFY(full);
    QCOMPARE(full->linesRead, 600000);
    // What the window reads: the same figures without the per-class cells.
    const auto ledger = loadSummary(db, 0, &error, SummaryParts::WithoutCells);
    QVERIFY(ledger);
    QVERIFY(!full->cells.isEmpty());
    QVERIFY(ledger->cells.isEmpty());
    QCOMPARE(ledger->events, full->events);
    QCOMPARE(ledger->linesRead, full->linesRead);
    QCOMPARE(ledger->firstTimeMs, full->firstTimeMs);
    QCOMPARE(ledger->lastTimeMs, full->lastTimeMs);

    QTemporaryDir other;
    const auto reference = analysistest::importedDatabase(other, u"reference"_s, {log});
    const auto expected = loadSummary(*reference, 0, &error);
    QVERIFY(expected);
    QCOMPARE(full->events, expected->events);
}

void TestMainWindow::logTextStaysText()
{
    // Real lab rejections with a hostile sender and HELO, as Postfix logs them.
    QByteArray log;
    const QList<QByteArray> lines = testsupport::readAll(analysistest::labLog()).split('\n');
    int taken = 0;
    for (QByteArray line : lines) {
        if (!line.contains("NOQUEUE: reject: RCPT") || !line.contains("from=<billing@crm.lab.test>"))
            continue;
        line.replace("billing@crm.lab.test", "<b>x</b>@crm.lab.test");
        line.replace("helo=<out.lab.test>", "helo=<<img src=x>>");
        log += line + '\n';
        if (++taken == 12)
            break;
    }
    QCOMPARE(taken, 12);
    const QString path = m_dir.filePath(u"hostile.log"_s);
    QVERIFY(testsupport::writeFile(path, log));

    MainWindow window;
    window.setTimeZone(QTimeZone::utc());
    window.setImportOptions(labOptions());
    QVERIFY(window.openDatabase(m_dir.filePath(u"hostile.db"_s), nullptr, true));
    window.show();
    window.openLogs({path});
    QVERIFY(waitUntilIdle(window));

    const StormTableModel *storms = window.tables()->stormModel();
    QVERIFY(storms->rowCount() > 0);
    const QModelIndex sender = storms->index(0, StormTableModel::Sender);
    QCOMPARE(sender.data().toString(), u"<b>x</b>@crm.lab.test"_s);
    const QString tooltip = sender.data(Qt::ToolTipRole).toString();
    QVERIFY2(!tooltip.contains(u"<b>x</b>"_s), qPrintable(tooltip));
    QVERIFY2(tooltip.contains(u"&lt;b&gt;x&lt;/b&gt;"_s), qPrintable(tooltip));

    EventTableModel *events = window.tables()->eventModel();
    QVERIFY(events->rowCount() > 0);
    QCOMPARE(events->index(0, EventTableModel::Helo).data().toString(), u"<img src=x>"_s);
    QVERIFY(!events->index(0, EventTableModel::Helo).data(Qt::ToolTipRole).toString().contains(u"<img"_s));

    // Every label of the window that shows log text shows it literally.
    int literal = 0;
    for (const QLabel *label : window.findChildren<QLabel *>()) {
        if (label->text().contains(u"<b>x</b>"_s) || label->text().contains(u"<img src=x>"_s)) {
            QCOMPARE(label->textFormat(), Qt::PlainText);
            ++literal;
        }
    }
    QVERIFY2(literal > 0, "the advisor shows the example sender or HELO");
}

void TestMainWindow::unopenableDatabaseKeepsCurrentOne()
{
    MainWindow window;
    const QString good = m_dir.filePath(u"good.db"_s);
    QVERIFY(window.openDatabase(good, nullptr, true));
    const QString notADatabase = m_dir.filePath(u"notes.txt"_s);
    QVERIFY(testsupport::writeFile(notADatabase, QByteArray(4096, 'x')));
    QString error;
    QVERIFY(!window.openDatabase(notADatabase, &error, true));
    QVERIFY2(error.contains(u"notes.txt"_s), qPrintable(error));
    QCOMPARE(window.databasePath(), QFileInfo(good).absoluteFilePath());
    QCOMPARE(testsupport::readAll(notADatabase), QByteArray(4096, 'x'));
}

void TestMainWindow::eventsExportStreamsUnderTheFilter()
{
    auto window = labWindow(u"export"_s);
    QVERIFY(window);
    window->filterBar()->setDirection(Direction::Inbound);
    QTRY_VERIFY(window->tables()->eventModel()->filter().direction == Direction::Inbound);
    QVERIFY(waitUntilIdle(*window));
    const int rows = window->tables()->eventModel()->rowCount();
    QVERIFY(rows > 100);

    const QString path = m_dir.filePath(u"inbound-events.csv"_s);
    exportEvents(*window, path);
    // QSaveFile: the name appears only when the file is complete.
    QTRY_VERIFY_WITH_TIMEOUT(QFileInfo::exists(path), 60'000);
    QProcess python;
    python.start(u"python3"_s, {u"-c"_s, u"import csv,sys; r=list(csv.reader(open(sys.argv[1], newline='')));"
                                         u"print(len(r)-1, r[0].index('direction'), set(x[r[0].index('direction')] for x in r[1:]))"_s,
                                path});
    QVERIFY(python.waitForFinished(60'000));
    const QString out = QString::fromUtf8(python.readAllStandardOutput()).trimmed();
    QVERIFY2(out.startsWith(QString::number(rows) + u' '), qPrintable(out));
    QVERIFY2(out.endsWith(u"{'inbound'}"_s), qPrintable(out));
}

void TestMainWindow::eventsSortByClickedHeader()
{
    auto window = labWindow(u"sort"_s);
    QVERIFY(window);
    window->tables()->setCurrentIndex(TablesPanel::Events);
    EventTableModel *events = window->tables()->eventModel();
    QHeaderView *header = window->tables()->view(TablesPanel::Events)->horizontalHeader();
    auto column = [&](int col) {
        QStringList values;
        for (int row = 0; row < std::min(events->rowCount(), 600); ++row)
            values.append(events->index(row, col).data().toString());
        return values;
    };
    // Fitted to the first page: a time is shown whole, not elided.
    QTRY_VERIFY(events->isCountKnown());
    const QString firstTime = events->index(0, EventTableModel::Time).data().toString();
    QVERIFY(header->sectionSize(EventTableModel::Time) > header->fontMetrics().horizontalAdvance(firstTime));

    emit header->sectionClicked(EventTableModel::Sender);
    QTRY_VERIFY(events->isCountKnown());
    QStringList senders = column(EventTableModel::Sender);
    QVERIFY(senders.size() > 300);
    QVERIFY2(std::is_sorted(senders.cbegin(), senders.cend()), qPrintable(senders.mid(0, 20).join(u' ')));
    QCOMPARE(header->sortIndicatorSection(), int(EventTableModel::Sender));

    emit header->sectionClicked(EventTableModel::Sender); // again: descending
    QTRY_VERIFY(events->isCountKnown());
    senders = column(EventTableModel::Sender);
    QVERIFY(std::is_sorted(senders.crbegin(), senders.crend()));
    QCOMPARE(header->sortIndicatorOrder(), Qt::DescendingOrder);

    // A column without a sort key leaves order and indicator as they were.
    emit header->sectionClicked(EventTableModel::Reply);
    QCOMPARE(column(EventTableModel::Sender), senders);
    QCOMPARE(header->sortIndicatorSection(), int(EventTableModel::Sender));
}

QTEST_MAIN(TestMainWindow)
void TestMainWindow::layoutIsRemembered()
{
    // The splitters in the order the window makes them: the chart over the rest,
    // then the tables beside the advisor.
    const auto splitters = [](const MainWindow &window) {
        QList<QList<int>> sizes;
        for (const QSplitter *splitter : window.findChildren<QSplitter *>())
            sizes.append(splitter->sizes());
        return sizes;
    };
    const QString path = m_dir.filePath(u"layout.db"_s);
    QList<QList<int>> chosen;
    {
        MainWindow window;
        QVERIFY(window.openDatabase(path, nullptr, true));
        window.resize(1300, 850);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        const QList<QSplitter *> all = window.findChildren<QSplitter *>();
        QCOMPARE(all.size(), 2);
        for (QSplitter *splitter : all) {
            const int total = splitter->sizes().value(0) + splitter->sizes().value(1);
            splitter->setSizes({total / 4, total - total / 4});
        }
        chosen = splitters(window);
        window.tables()->setCurrentIndex(TablesPanel::Events);
        QVERIFY(window.close()); // saves the layout as a user's close does
    }
    MainWindow again; // no database yet: the events tab comes with one
    again.show();
    QVERIFY(QTest::qWaitForWindowExposed(&again));
    QCOMPARE(again.size(), QSize(1300, 850));
    QCOMPARE(splitters(again), chosen);
    QVERIFY(again.openDatabase(path, nullptr, true));
    QCOMPARE(again.tables()->currentIndex(), int(TablesPanel::Events));
    settings().remove(u"window"_s); // the other tests start from the defaults
}

void TestMainWindow::filterBarWrapsOnNarrowWindow()
{
    MainWindow window;
    QVERIFY(window.openDatabase(m_dir.filePath(u"narrow.db"_s), nullptr, true));
    window.resize(1400, 850);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    auto *bar = window.findChild<FilterBar *>();
    QVERIFY(bar);
    QTRY_COMPARE(bar->rowCount(), 1);

    // A small screen, or 800 pixels wide at 200 %: the bar wraps instead of
    // making the window wider than the screen.
    window.resize(700, 600);
    QTRY_COMPARE(window.width(), 700);
    QTRY_VERIFY(bar->rowCount() > 1);
    const QList<QWidget *> groups = bar->findChildren<QWidget *>(Qt::FindDirectChildrenOnly);
    QList<QRect> placed;
    for (const QWidget *group : groups) {
        if (!group->isVisibleTo(bar) || !group->layout())
            continue;
        QVERIFY2(bar->rect().contains(group->geometry()), "a filter group lies outside the bar");
        QVERIFY(group->width() >= group->minimumSizeHint().width());
        for (const QRect &other : std::as_const(placed))
            QVERIFY2(!other.intersects(group->geometry()), "two filter groups overlap");
        placed.append(group->geometry());
    }
    QCOMPARE(placed.size(), 3);
    // The controls below the bar start below its last row.
    QVERIFY(bar->height() >= bar->rowCount() * placed.first().height());

    // Short too: the tables give way, the chart keeps room for its axes.
    window.resize(700, 500);
    QTRY_COMPARE(window.height(), 500);
    const auto *chart = window.findChild<TimelineChart *>();
    QVERIFY(chart);
    QVERIFY(chart->height() >= chart->fontMetrics().height() * 10);
}

#include "tst_mainwindow.moc"
