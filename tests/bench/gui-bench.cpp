// rejectscope-gui-bench DATABASE: times the main window on a large database —
// opening it and filter changes: when the chart, the storms, the advisor and the
// top lists arrive, when the chart and tables are repainted, and when all is done.
// The changes include a search and three changes after it with the same text (its
// matches kept); the second open of a process finds the search's matches kept from
// the first; the third shows the clients' top list instead of the events. Run by hand with QT_QPA_PLATFORM=offscreen on a database filled by
// rejectscope-analysis-bench.

#include "filterbar.h"
#include "mainwindow.h"
#include "models/eventtablemodel.h"
#include "tablespanel.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTimer>
#include <QTimeZone>

#include <sys/resource.h>

#include <cstdio>
#include <functional>

using namespace Qt::StringLiterals;
using namespace rejectscope;

namespace {

// Sleeps until an event comes, as the window's own event loop does, and wakes at
// least every few milliseconds. processEvents(flags, ms) would return at once
// when there is nothing to do: a loop of it spins on one of the two cores the
// window's workers read the database on.
void waitForEvents()
{
    static const QTimer *tick = [] {
        auto *timer = new QTimer(QCoreApplication::instance());
        timer->start(5);
        return timer;
    }();
    Q_UNUSED(tick);
    QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
}

// Runs `change`, then waits until the window has shown each stage of the new
// filter and painted itself; prints when each stage arrived and returns the
// milliseconds until the chart, the storms table and the events table (its first
// page) were repainted (the target: 150 ms) and until everything was.
struct Timing {
    double repainted = -1;
    double everything = -1;
};

// `waitForAdvisor` false: done when the top lists are shown; the advisor of a
// filter goes on reading (minutes over 10 M events the first time) until the next
// change stops it.
// `listShown`: a top list's tab is shown, not the events': repainted once the
// chart and that list are.
Timing measure(MainWindow &window, const std::function<void()> &change, bool waitForAdvisor, bool listShown)
{
    QElapsedTimer clock;
    clock.start();
    double chartMs = 0, stormsMs = 0, findingsMs = 0, listsMs = 0, shownListMs = 0;
    // A search shows its range's bars first ("chart"), then the whole log's.
    double wholeChartMs = 0;
    // A filter change reaches the window after the bar's debounce; what arrives
    // before is the previous step's late parts (its switch points, its advice).
    bool requested = waitForAdvisor; // the open steps change nothing through the bar
    const auto stamp = [&](double &at) {
        return [&] {
            if (at == 0 && requested)
                at = clock.nsecsElapsed() / 1e6;
        };
    };
    QList<QMetaObject::Connection> connections{
        QObject::connect(window.filterBar(), &FilterBar::filterChanged, &window, [&] { requested = true; }),
        QObject::connect(&window, &MainWindow::timelineShown, &window, stamp(chartMs)),
        QObject::connect(&window, &MainWindow::timelineShown, &window,
                         [&] {
                             if (wholeChartMs == 0 && requested && !window.isChartReading())
                                 wholeChartMs = clock.nsecsElapsed() / 1e6;
                         }),
        QObject::connect(&window, &MainWindow::stormsShown, &window, stamp(stormsMs)),
        QObject::connect(&window, &MainWindow::findingsShown, &window, stamp(findingsMs)),
        QObject::connect(&window, &MainWindow::topListsShown, &window, stamp(listsMs)),
        QObject::connect(&window, &MainWindow::shownTopListShown, &window, stamp(shownListMs)),
    };
    change();
    Timing timing;
    double eventsMs = 0, grabMs = 0;
    const auto done = [&] {
        return chartMs > 0 && wholeChartMs > 0 && stormsMs > 0 && listsMs > 0 && (!waitForAdvisor || (findingsMs > 0 && !window.isBusy()));
    };
    while (!done()) {
        if (clock.elapsed() > 600'000)
            return timing;
        waitForEvents();
        const EventTableModel *events = window.tables()->eventModel();
        const bool eventsShown = !events || events->rowCount() > 0 || events->isCountKnown();
        if (eventsShown && eventsMs == 0)
            eventsMs = clock.nsecsElapsed() / 1e6;
        const bool tablesShown = listShown ? shownListMs > 0 || listsMs > 0 : stormsMs > 0 && eventsShown;
        if (timing.repainted < 0 && chartMs > 0 && tablesShown) {
            // The rows the events table shows are read when it paints.
            const double before = clock.nsecsElapsed() / 1e6;
            window.grab();
            timing.repainted = clock.nsecsElapsed() / 1e6;
            grabMs = timing.repainted - before;
        }
    }
    window.grab();
    timing.everything = clock.nsecsElapsed() / 1e6;
    for (const auto &connection : connections)
        QObject::disconnect(connection);
    std::printf("    chart %.1f ms (whole log %.1f ms), storms %.1f ms, events %.1f ms, repainted %.1f ms "
                "(painting %.1f ms); advisor %.1f ms, top list shown %.1f ms, top lists %.1f ms\n",
                chartMs, wholeChartMs, stormsMs, eventsMs, timing.repainted, grabMs, findingsMs, shownListMs, listsMs);
    return timing;
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    std::setvbuf(stdout, nullptr, _IOLBF, 0); // each line as it is measured
    if (argc < 2) {
        std::fprintf(stderr, "usage: rejectscope-gui-bench DATABASE\n");
        return 2;
    }
    QTemporaryDir home;
    qputenv("XDG_CONFIG_HOME", home.filePath(u"config"_s).toUtf8());
    const QString path = QString::fromLocal8Bit(argv[1]);

    // `shownTab`: the events (the storms are read first anyway) or a top list.
    auto run = [&](const char *label, TablesPanel::Tab shownTab) {
        const bool listShown = shownTab != TablesPanel::Events;
        MainWindow window;
        window.setTimeZone(QTimeZone::utc());
        // The reading note at once, so that the bars of the whole log are told from
        // a search's first bars of its range.
        window.setChartReadingDelay(0);
        window.resize(1600, 1000);
        window.show();
        const Timing open = measure(window, [&] { window.openDatabase(path, nullptr, true); }, true, false);
        std::printf("%-44s %9.1f ms (all %.1f ms)\n", label, open.repainted, open.everything);
        // The tab shown for the first time (its view laid out and painted, the
        // events' first page read): timed on its own, not as part of the first
        // filter change.
        QElapsedTimer tab;
        tab.start();
        window.tables()->setCurrentIndex(shownTab);
        const EventTableModel *events = window.tables()->eventModel();
        while (!listShown && events && events->rowCount() == 0 && !events->isCountKnown() && tab.elapsed() < 60'000)
            waitForEvents();
        window.grab();
        std::printf("  %-42s %9.1f ms\n", listShown ? "clients tab shown" : "events tab shown", tab.nsecsElapsed() / 1e6);
        // A user's first click comes after the window has shown what it opened:
        // widgets added on the way (the advisor's cards) are shown and laid out by
        // queued events, which would otherwise fall into the first change's time.
        QElapsedTimer settle;
        settle.start();
        while (settle.elapsed() < 300)
            waitForEvents();
        struct Change {
            const char *name;
            std::function<void()> apply;
            // Until the window is idle, as a user sees it: a search goes on to read
            // its top lists' keys after its whole-log bars (the next change would
            // stop that and read them itself).
            bool untilIdle = false;
        };
        const QList<Change> changes{
            {"filter: inbound", [&] { window.filterBar()->setDirection(Direction::Inbound); }},
            {"filter: + reason unknown-local-recipient",
             [&] { window.filterBar()->setReason(ReasonClass::UnknownLocalRecipient); }},
            {"filter: + one day (bucket click)",
             [&] {
                 const auto &t = window.timelineSnapshot();
                 const qint64 middle = t.spanFromMs + (t.spanToMs - t.spanFromMs) / 2;
                 window.filterBar()->setTimeRange(middle, middle + 86'400'000);
             }},
            {"filter: + outbound", [&] { window.filterBar()->setDirection(Direction::Outbound); }},
            {"filter: cleared", [&] { window.filterBar()->clear(); }},
            {"filter: one day + text (a client IP)",
             [&] {
                 const auto &t = window.timelineSnapshot();
                 const qint64 middle = t.spanFromMs + (t.spanToMs - t.spanFromMs) / 2;
                 window.filterBar()->setTimeRange(middle, middle + 86'400'000);
                 window.filterBar()->setSearchText(u"194.25.134.80"_s);
             },
             true},
            // The same text again: its matches were kept by the search above.
            {"filter: + inbound (same text)", [&] { window.filterBar()->setDirection(Direction::Inbound); }},
            {"filter: + a reason, next day (same text)",
             [&] {
                 const auto &t = window.timelineSnapshot();
                 const qint64 next = t.spanFromMs + (t.spanToMs - t.spanFromMs) / 2 + 86'400'000;
                 window.filterBar()->setReason(ReasonClass::UnknownLocalRecipient);
                 window.filterBar()->setTimeRange(next, next + 86'400'000);
             }},
            {"filter: range cleared (same text)", [&] { window.filterBar()->setTimeRange(std::nullopt, std::nullopt); }},
            {"filter: cleared", [&] { window.filterBar()->clear(); }},
        };
        for (const Change &change : changes) {
            const Timing t = measure(window, change.apply, change.untilIdle, listShown);
            std::printf("  %-42s %9.1f ms (all %.1f ms)\n", change.name, t.repainted, t.everything);
        }
        std::printf("  (events table rows: %d)\n", window.tables()->eventModel()->rowCount());
    };
    run("open database (first, may build chains)", TablesPanel::Events);
    run("open database again", TablesPanel::Events);
    run("open database, the clients' list shown", TablesPanel::Clients);
    // The process's peak: the packed attempts, the search's kept matches, chains and
    // top-list keys, SQLite's caches of every connection.
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    std::printf("peak RSS %.0f MB\n", double(usage.ru_maxrss) / 1024.0);
    return 0;
}
