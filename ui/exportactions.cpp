#include "exportactions.h"

#include "charts/timelinechart.h"
#include "filterbar.h"
#include "mainwindow.h"
#include "models/eventtablemodel.h"
#include "report/analysistables.h"
#include "report/comparisonstable.h"
#include "report/eventexport.h"
#include "report/page/onepagereport.h"
#include "report/timelinetable.h"
#include "report/toplisttable.h"
#include "settings.h"
#include "store/database.h"
#include "store/summary.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QMenu>
#include <QMessageBox>
#include <QPointer>
#include <QProgressDialog>
#include <QSaveFile>
#include <QStatusBar>
#include <QtConcurrent/QtConcurrentRun>

using namespace Qt::StringLiterals;

namespace rejectscope {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(ExportActions)
};

// Asks where to save, starting in the folder of the last export.
QString askPath(QWidget *parent, const QString &title, const QString &suggestedName, const QString &filter)
{
    const QString folder = settings().value(u"dialogs/exports"_s, QDir::homePath()).toString();
    const QString path = QFileDialog::getSaveFileName(parent, title, folder + u'/' + suggestedName, filter);
    if (!path.isEmpty())
        settings().setValue(u"dialogs/exports"_s, QFileInfo(path).absolutePath());
    return path;
}

void reportFailure(QWidget *parent, const QString &text)
{
    // Open, not exec(): a streamed export fails while the window goes on.
    auto *box = new QMessageBox(QMessageBox::Warning, Tr::tr("Export failed"), text, QMessageBox::Ok, parent);
    box->setTextFormat(Qt::PlainText);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

void saveTable(MainWindow &window, const Table &table, const QString &suggestedName)
{
    const QString path = askPath(&window, Tr::tr("Export as CSV"), suggestedName, Tr::tr("CSV files (*.csv)"));
    if (path.isEmpty())
        return;
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || !writeCsv(table, &file) || !file.commit()) {
        reportFailure(&window, Tr::tr("%1: %2").arg(QDir::toNativeSeparators(path), file.errorString()));
        return;
    }
    window.statusBar()->showMessage(Tr::tr("Saved %1").arg(QDir::toNativeSeparators(path)), 8'000);
}

QTimeZone zoneOf(const MainWindow &window)
{
    return window.timeZone();
}

ReportContext reportContext(const MainWindow &window)
{
    ReportContext context;
    context.title = Tr::tr("Rejections and retries: %1").arg(QFileInfo(window.databasePath()).completeBaseName());
    context.zone = zoneOf(window);
    context.generatedAtMs = QDateTime::currentMSecsSinceEpoch();
    return context;
}

void exportReport(MainWindow &window, bool pdf)
{
    const QString path = pdf ? askPath(&window, Tr::tr("Export Report as PDF"), u"rejectscope-report.pdf"_s,
                                       Tr::tr("PDF files (*.pdf)"))
                             : askPath(&window, Tr::tr("Export Report as HTML"), u"rejectscope-report.html"_s,
                                       Tr::tr("HTML files (*.html)"));
    if (path.isEmpty())
        return;
    QString error;
    const Overview overview = window.reportSnapshot();
    const bool ok = pdf ? writeReportPdf(path, overview, reportContext(window), &error)
                        : writeReportHtml(path, overview, reportContext(window), &error);
    if (!ok)
        reportFailure(&window, Tr::tr("%1: %2").arg(QDir::toNativeSeparators(path), error));
    else
        window.statusBar()->showMessage(Tr::tr("Saved %1").arg(QDir::toNativeSeparators(path)), 8'000);
}

void exportChart(MainWindow &window, bool svg)
{
    const QString path = svg ? askPath(&window, Tr::tr("Export Chart as SVG"), u"rejectscope-timeline.svg"_s,
                                       Tr::tr("SVG images (*.svg)"))
                             : askPath(&window, Tr::tr("Export Chart as PNG"), u"rejectscope-timeline.png"_s,
                                       Tr::tr("PNG images (*.png)"));
    if (path.isEmpty())
        return;
    QString error;
    const bool ok = svg ? window.chart()->exportSvg(path, &error) : window.chart()->exportPng(path, &error);
    if (!ok)
        reportFailure(&window, Tr::tr("%1: %2").arg(QDir::toNativeSeparators(path), error));
}

} // namespace

void exportTable(MainWindow &window, TablesPanel::Tab tab)
{
    const QTimeZone zone = zoneOf(window);
    const Overview &details = window.detailsSnapshot();
    switch (tab) {
    case TablesPanel::Storms:
        saveTable(window, stormsTable(details.storms, zone), u"storms.csv"_s);
        return;
    case TablesPanel::Clients:
        saveTable(window, topListTable(TopListKind::Clients, details.topClients, zone), u"top-clients.csv"_s);
        return;
    case TablesPanel::Senders:
        saveTable(window, topListTable(TopListKind::Senders, details.topSenders, zone), u"top-senders.csv"_s);
        return;
    case TablesPanel::Recipients:
        saveTable(window, topListTable(TopListKind::Recipients, details.topRecipients, zone),
                  u"top-recipients.csv"_s);
        return;
    case TablesPanel::Reasons:
        saveTable(window, topListTable(TopListKind::Reasons, details.topReasons, zone), u"top-reasons.csv"_s);
        return;
    case TablesPanel::Events: {
        const QString path = askPath(&window, Tr::tr("Export Events as CSV"), u"events.csv"_s, Tr::tr("CSV files (*.csv)"));
        if (!path.isEmpty())
            exportEvents(window, path);
        return;
    }
    case TablesPanel::TabCount:
        return;
    }
}

void exportEvents(MainWindow &window, const QString &path)
{
    auto *dialog = new QProgressDialog(Tr::tr("Exporting events…"), Tr::tr("Cancel"), 0, 1000, &window);
    dialog->setWindowModality(Qt::WindowModal);
    dialog->setMinimumDuration(300);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    auto cancel = std::make_shared<std::atomic_bool>(false);
    QObject::connect(dialog, &QProgressDialog::canceled, dialog, [cancel] { cancel->store(true); });

    const QString databasePath = window.databasePath();
    const AnalysisFilter filter = window.filterBar()->filter();
    const QTimeZone zone = zoneOf(window);
    QPointer<QProgressDialog> progress(dialog);
    struct Outcome {
        bool ok = false;
        QString error;
    };
    auto *watcher = new QFutureWatcher<Outcome>(dialog);
    QPointer<MainWindow> target(&window);
    QObject::connect(watcher, &QFutureWatcher<Outcome>::finished, dialog, [watcher, target, path, cancel, progress] {
        const Outcome outcome = watcher->result();
        if (progress)
            progress->close();
        if (!target)
            return;
        if (cancel->load())
            target->statusBar()->showMessage(Tr::tr("Export cancelled; nothing was written."), 8'000);
        else if (!outcome.ok)
            reportFailure(target, Tr::tr("%1: %2").arg(QDir::toNativeSeparators(path), outcome.error));
        else
            target->statusBar()->showMessage(Tr::tr("Saved %1").arg(QDir::toNativeSeparators(path)), 8'000);
    });
    watcher->setFuture(QtConcurrent::run([databasePath, filter, path, zone, cancel, progress]() -> Outcome {
        Outcome outcome;
        Database database(databasePath);
        if (!database.open(Database::Mode::ReadOnly)) {
            outcome.error = database.errorString();
            return outcome;
        }
        int lastPermille = -1;
        outcome.ok = exportEventsCsv(
            database, filter, path, zone, cancel.get(),
            [&](std::int64_t done, std::int64_t total) {
                const int permille = total > 0 ? int(done * 1000 / total) : 0;
                if (permille == lastPermille)
                    return;
                lastPermille = permille;
                QMetaObject::invokeMethod(progress, [progress, permille] {
                    if (progress)
                        progress->setValue(permille);
                }, Qt::QueuedConnection);
            },
            &outcome.error);
        return outcome;
    }));
}

void addExportActions(MainWindow &window, QMenu *menu)
{
    MainWindow *w = &window;
    menu->addAction(Tr::tr("Report as &PDF…"), w, [w] { exportReport(*w, true); });
    menu->addAction(Tr::tr("Report as &HTML…"), w, [w] { exportReport(*w, false); });
    menu->addSeparator();
    menu->addAction(Tr::tr("Chart as P&NG…"), w, [w] { exportChart(*w, false); });
    menu->addAction(Tr::tr("Chart as &SVG…"), w, [w] { exportChart(*w, true); });
    menu->addSeparator();
    menu->addAction(Tr::tr("&Timeline as CSV…"), w, [w] {
        const Overview &timeline = w->timelineSnapshot();
        saveTable(*w, timelineTable(timeline.buckets, timeline.bucketMs, zoneOf(*w)), u"timeline.csv"_s);
    });
    menu->addAction(Tr::tr("&Before/After Cards as CSV…"), w, [w] {
        saveTable(*w, comparisonsTable(w->timelineSnapshot().comparisons, zoneOf(*w)), u"before-after.csv"_s);
    });
    menu->addAction(Tr::tr("Fl&oods as CSV…"), w, [w] {
        saveTable(*w, floodsTable(w->timelineSnapshot().floods, zoneOf(*w)), u"floods.csv"_s);
    });
    menu->addAction(Tr::tr("Advisor &Findings as CSV…"), w, [w] {
        saveTable(*w, findingsTable(w->detailsSnapshot().findings, zoneOf(*w)), u"findings.csv"_s);
    });
    menu->addAction(Tr::tr("&Current Table as CSV…"), w, [w] {
        exportTable(*w, TablesPanel::Tab(w->tables()->currentIndex()));
    });
    menu->addAction(Tr::tr("All &Events as CSV…"), w, [w] { exportTable(*w, TablesPanel::Events); });
}

} // namespace rejectscope
