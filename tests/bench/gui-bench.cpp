// rejectscope-gui-bench DATABASE: times the main window on a large database —
// opening it (timeline shown, details shown, first paint) and filter changes
// (chart, tables and advisor re-read and repainted). Run by hand with
// QT_QPA_PLATFORM=offscreen on a database filled by rejectscope-analysis-bench.

#include "filterbar.h"
#include "mainwindow.h"
#include "models/eventtablemodel.h"
#include "tablespanel.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTimeZone>

#include <cstdio>
#include <functional>

using namespace Qt::StringLiterals;
using namespace rejectscope;

namespace {

// Runs `change`, then waits until the window has shown the new timeline and
// details and painted itself; returns milliseconds.
double measure(MainWindow &window, const std::function<void()> &change)
{
    QSignalSpy timeline(&window, &MainWindow::timelineShown);
    QSignalSpy details(&window, &MainWindow::detailsShown);
    QElapsedTimer clock;
    clock.start();
    double timelineMs = 0, detailsMs = 0;
    QObject::connect(&window, &MainWindow::timelineShown, &window, [&] {
        if (timelineMs == 0)
            timelineMs = clock.nsecsElapsed() / 1e6;
    }, Qt::SingleShotConnection);
    QObject::connect(&window, &MainWindow::detailsShown, &window, [&] {
        if (detailsMs == 0)
            detailsMs = clock.nsecsElapsed() / 1e6;
    }, Qt::SingleShotConnection);
    change();
    while (timeline.isEmpty() || details.isEmpty() || window.isBusy()) {
        if (clock.elapsed() > 600'000)
            return -1;
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 5);
    }
    // The rows the events table shows are read when it paints.
    window.grab();
    std::printf("    (chart shown after %.1f ms, tables and advisor after %.1f ms)\n", timelineMs, detailsMs);
    return clock.nsecsElapsed() / 1e6;
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    if (argc < 2) {
        std::fprintf(stderr, "usage: rejectscope-gui-bench DATABASE\n");
        return 2;
    }
    QTemporaryDir home;
    qputenv("XDG_CONFIG_HOME", home.filePath(u"config"_s).toUtf8());
    const QString path = QString::fromLocal8Bit(argv[1]);

    auto run = [&](const char *label) {
        MainWindow window;
        window.setTimeZone(QTimeZone::utc());
        window.resize(1600, 1000);
        window.show();
        const double open = measure(window, [&] { window.openDatabase(path, nullptr, true); });
        std::printf("%-44s %9.1f ms\n", label, open);
        window.tables()->setCurrentIndex(TablesPanel::Events);
        struct Change {
            const char *name;
            std::function<void()> apply;
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
        };
        for (const Change &change : changes)
            std::printf("  %-42s %9.1f ms\n", change.name, measure(window, change.apply));
        std::printf("  (events table rows: %d)\n", window.tables()->eventModel()->rowCount());
    };
    run("open database (first, may build chains)");
    run("open database again");
    return 0;
}
