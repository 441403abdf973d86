#include "mainwindow.h"

#include "models/eventtablemodel.h"

#include "aboutdialog.h"
#include "advisor/advisorpanel.h"
#include "charts/timelinechart.h"
#include "exportactions.h"
#include "filterbar.h"
#include "importcontroller.h"
#include "importprogresswidget.h"
#include "language.h"
#include "models/timelinemodel.h"
#include "overviewloader.h"
#include "resulttableview.h"
#include "settings.h"
#include "store/database.h"
#include "store/databasefile.h"
#include "tablespanel.h"
#include "theme.h"
#include "unparseddialog.h"

#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QLabel>
#include <QLocale>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QPushButton>
#include <QScreen>
#include <QSplitter>
#include <QStandardPaths>
#include <QStatusBar>
#include <QVBoxLayout>

#include <algorithm>
#include <limits>

using namespace Qt::StringLiterals;

namespace rejectscope {

namespace {

// The count tr() picks the plural form by and %Ln shows: an int, and no log comes
// near 2^31 of anything.
int countForTr(std::int64_t n)
{
    return int(std::clamp<std::int64_t>(n, 0, std::numeric_limits<int>::max()));
}

} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_filterBar(new FilterBar(this))
    , m_timeline(new TimelineModel(this))
    , m_chart(new TimelineChart(m_timeline, this))
    , m_bucketChoice(new QComboBox(this))
    , m_tables(new TablesPanel(this))
    , m_advisor(new AdvisorPanel(this))
    , m_verticalSplitter(new QSplitter(Qt::Vertical, this))
    , m_horizontalSplitter(new QSplitter(Qt::Horizontal, this))
    , m_import(new ImportController(this))
    , m_importProgress(new ImportProgressWidget(this))
    , m_chartLoader(new OverviewLoader(this))
    , m_detailsLoader(new OverviewLoader(this))
    , m_counts(new QLabel(this))
    , m_notUnderstood(new QPushButton(this))
{
    setWindowTitle(tr("Rejectscope"));
    setWindowIcon(QIcon(u":/icons/rejectscope.svg"_s));
    setAcceptDrops(true);
    m_importOptions.zone = m_zone;

    m_bucketChoice->addItem(tr("Automatic buckets"), 0);
    m_bucketChoice->addItem(tr("1 minute"), 60'000);
    m_bucketChoice->addItem(tr("5 minutes"), 300'000);
    m_bucketChoice->addItem(tr("15 minutes"), 900'000);
    m_bucketChoice->addItem(tr("1 hour"), 3'600'000);
    m_bucketChoice->addItem(tr("6 hours"), 21'600'000);
    m_bucketChoice->addItem(tr("1 day"), 86'400'000);
    m_bucketChoice->setToolTip(tr("The time covered by each bar of the chart"));

    auto *chartPane = new QWidget(this);
    auto *chartLayout = new QVBoxLayout(chartPane);
    chartLayout->setContentsMargins(0, 0, 0, 0);
    auto *chartTools = new QHBoxLayout;
    auto *chartTitle = new QLabel(tr("Attempts over time: 4xx (try later) and 5xx (never)"), chartPane);
    chartTools->addWidget(chartTitle, 1);
    m_chartReading = new QLabel(tr("Reading the log for this filter…"), chartPane);
    m_chartReading->setVisible(false);
    chartTools->addWidget(m_chartReading);
    m_chartReadingTimer.setSingleShot(true);
    connect(&m_chartReadingTimer, &QTimer::timeout, this, [this] { setChartReading(true); });
    chartTools->addWidget(m_bucketChoice);
    chartLayout->addLayout(chartTools);
    chartLayout->addWidget(m_chart, 1);
    // On a small screen the tables give way first: a chart squeezed below this
    // hides its axes and the markers' numbers.
    m_chart->setMinimumHeight(fontMetrics().height() * 11);

    m_horizontalSplitter->addWidget(m_tables);
    m_horizontalSplitter->addWidget(m_advisor);
    m_horizontalSplitter->setStretchFactor(0, 3);
    m_horizontalSplitter->setStretchFactor(1, 2);
    m_verticalSplitter->addWidget(chartPane);
    m_verticalSplitter->addWidget(m_horizontalSplitter);
    m_verticalSplitter->setStretchFactor(0, 2);
    m_verticalSplitter->setStretchFactor(1, 3);

    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->addWidget(m_filterBar);
    layout->addWidget(m_verticalSplitter, 1);
    setCentralWidget(central);

    createMenus();
    createStatusBar();

    connect(m_filterBar, &FilterBar::filterChanged, this, &MainWindow::onFilterChanged);
    connect(m_bucketChoice, &QComboBox::currentIndexChanged, this, [this] { requestChart(m_zoomedRange); });
    connect(m_chart, &TimelineChart::visibleRangeChanged, this, &MainWindow::onChartRangeChanged);
    connect(m_chart, &TimelineChart::bucketClicked, this, [this](qint64 from, qint64 to) {
        m_filterBar->setTimeRange(from, to);
    });
    connect(m_chart, &TimelineChart::markerRequested, this, &MainWindow::askForMarker);
    connect(m_chart, &TimelineChart::markerRemovalRequested, this, &MainWindow::removeMarker);
    connect(m_advisor, &AdvisorPanel::markerRemovalRequested, this, &MainWindow::removeMarker);
    connect(m_advisor, &AdvisorPanel::momentActivated, this, [this](qint64 timeMs) {
        // Centre the moment with a day (or the log, if shorter) around it.
        const qint64 halfSpan = std::min<qint64>(
            12 * 3'600'000, (m_timelineSnapshot.spanToMs - m_timelineSnapshot.spanFromMs) / 2 + 60'000);
        m_chart->setVisibleRange(timeMs - halfSpan, timeMs + halfSpan);
    });
    connect(m_advisor, &AdvisorPanel::findingActivated, this, [this](const Finding &finding) {
        m_filterBar->setDirection(finding.direction);
        m_filterBar->setReason(finding.reason);
        m_tables->setCurrentIndex(TablesPanel::Events);
    });
    connect(m_tables, &TablesPanel::exportRequested, this, [this](TablesPanel::Tab tab) {
        exportTable(*this, tab);
    });
    connect(m_tables, &TablesPanel::message, this, [this](const QString &text) {
        statusBar()->showMessage(text, 8'000);
    });
    connect(m_tables, &TablesPanel::queryFailed, this, [this](const QString &error) {
        statusBar()->showMessage(tr("The events could not be read: %1").arg(error), 10'000);
    });

    connect(m_import, &ImportController::progress, m_importProgress, &ImportProgressWidget::showStatus);
    connect(m_importProgress, &ImportProgressWidget::cancelRequested, m_import, &ImportController::cancel);
    connect(m_import, &ImportController::fileFinished, this, [this] {
        // Stages: each file's counts show as soon as it is stored.
        showSummary();
        requestChart(m_zoomedRange);
    });
    connect(m_import, &ImportController::finished, this, &MainWindow::onImportFinished);
    connect(m_chartLoader, &OverviewLoader::timelineReady, this, &MainWindow::onTimelineReady);
    connect(m_chartLoader, &OverviewLoader::searchProgress, this, [this](int percent) {
        // Short: the note sits beside the chart's title on a narrow window too.
        m_chartReading->setText(m_rangeFirstShown ? tr("Range first; %1 % of the log read").arg(percent)
                                                  : tr("Reading the log… %1 %").arg(percent));
        emit searchProgressShown(percent);
    });
    connect(m_detailsLoader, &OverviewLoader::detailsReady, this, &MainWindow::onDetailsReady);
    connect(m_detailsLoader, &OverviewLoader::totalsReady, this, [this](const Overview &details) {
        m_detailsSnapshot.totals = details.totals;
        m_counts->setText(statusText());
        // The storms' job ends here: a request before would supersede its totals.
        m_extras.storms = details;
        requestExtrasWhenReady();
    });
    connect(m_detailsLoader, &OverviewLoader::findingsReady, this, &MainWindow::onFindingsReady);
    connect(m_detailsLoader, &OverviewLoader::topListsReady, this, &MainWindow::onTopListsReady);
    for (OverviewLoader *loader : {m_chartLoader, m_detailsLoader}) {
        connect(loader, &OverviewLoader::failed, this, [this, loader](const QString &error) {
            if (loader == m_chartLoader)
                setChartReading(false);
            showFailure(tr("Analysis failed"), error);
        });
    }
    connect(m_detailsLoader, &OverviewLoader::busyChanged, m_advisor, &AdvisorPanel::setLoading);

    restoreLayout();
}

MainWindow::~MainWindow()
{
    // No result reaches the window from here on: its handlers would start new jobs
    // (the extras after the storms), whose results the loaders deliver as they are
    // destroyed, to a window that is no longer one.
    m_chartLoader->disconnect(this);
    m_detailsLoader->disconnect(this);
    m_import->cancel();
    m_import->waitForFinished();
    m_chartLoader->waitForDone();
    m_detailsLoader->waitForDone();
}

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(QIcon::fromTheme(u"document-open"_s), tr("&Open Logs…"), QKeySequence::Open,
                    this, &MainWindow::chooseLogs);
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    file->addSeparator();
    file->addAction(tr("&New Database…"), QKeySequence::New, this, &MainWindow::newDatabase);
    file->addAction(tr("Open &Database…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O), this,
                    &MainWindow::chooseDatabase);
    file->addAction(tr("&Save Database As…"), QKeySequence::SaveAs, this, &MainWindow::saveDatabaseAs);
    file->addSeparator();
    QMenu *exportMenu = file->addMenu(tr("&Export"));
    addExportActions(*this, exportMenu);
    file->addSeparator();
    file->addAction(QIcon::fromTheme(u"application-exit"_s), tr("&Quit"), QKeySequence::Quit, this,
                    &QWidget::close);
    updateRecentMenu();

    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    edit->addAction(tr("&Copy Selected Rows"), QKeySequence::Copy, this, [this] {
        if (auto *view = m_tables->view(TablesPanel::Tab(m_tables->currentIndex())))
            view->copySelection();
    });
    edit->addAction(tr("&Find…"), QKeySequence::Find, m_filterBar, &FilterBar::focusSearch);
    edit->addAction(tr("C&lear Filter"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_L), m_filterBar,
                    &FilterBar::clear);

    QMenu *view = menuBar()->addMenu(tr("&View"));
    view->addAction(tr("&Reset Zoom"), QKeySequence(Qt::CTRL | Qt::Key_0), m_chart, &TimelineChart::resetZoom);
    view->addAction(tr("Add &Marker at Middle of Chart…"), QKeySequence(Qt::CTRL | Qt::Key_M), this, [this] {
        const auto [from, to] = m_chart->visibleRange();
        askForMarker(from + (to - from) / 2);
    });
    view->addSeparator();
    QMenu *theme = view->addMenu(tr("&Theme"));
    auto *themes = new QActionGroup(theme);
    const std::array<std::pair<QString, QString>, 3> themeChoices{{
        {u"system"_s, tr("&System")},
        {u"light"_s, tr("&Light")},
        {u"dark"_s, tr("&Dark")},
    }};
    for (const auto &[code, name] : themeChoices) {
        QAction *action = theme->addAction(name);
        action->setCheckable(true);
        action->setChecked(code == themeSetting());
        themes->addAction(action);
        connect(action, &QAction::triggered, this, [code] {
            setThemeSetting(code);
            applyTheme(*qApp, code);
        });
    }
    QMenu *language = view->addMenu(tr("&Language"));
    auto *languages = new QActionGroup(language);
    const std::array<std::pair<QString, QString>, 3> choices{{
        {QString(), tr("System Language")},
        {u"en"_s, u"English"_s},
        {u"de"_s, u"Deutsch"_s},
    }};
    const QString current = languageOverride();
    for (const auto &[code, name] : choices) {
        QAction *action = language->addAction(name);
        action->setCheckable(true);
        action->setChecked(code == current);
        languages->addAction(action);
        connect(action, &QAction::triggered, this, [this, code] {
            setLanguageOverride(code);
            QMessageBox::information(this, tr("Language"),
                                     tr("The language changes when Rejectscope is started again."));
        });
    }

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About Rejectscope"), this, &MainWindow::showAbout);
    help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt);
}

void MainWindow::createStatusBar()
{
    m_counts->setTextFormat(Qt::PlainText);
    m_notUnderstood->setFlat(true);
    m_notUnderstood->setVisible(false);
    m_notUnderstood->setToolTip(tr("Show the lines that were not understood"));
    connect(m_notUnderstood, &QPushButton::clicked, this, [this] {
        UnparsedDialog dialog(m_summary, this);
        dialog.exec();
    });
    // The counts are permanent: a passing message ("Saved …") does not hide them.
    statusBar()->addWidget(m_importProgress, 1);
    statusBar()->addPermanentWidget(m_counts);
    statusBar()->addPermanentWidget(m_notUnderstood);
}

void MainWindow::updateRecentMenu()
{
    m_recentMenu->clear();
    const QStringList logs = RecentFiles::logs();
    for (const QString &path : logs) {
        m_recentMenu->addAction(QDir::toNativeSeparators(path), this, [this, path] { openLogs({path}); });
    }
    const QStringList databases = RecentFiles::databases();
    if (!databases.isEmpty()) {
        m_recentMenu->addSeparator();
        for (const QString &path : databases) {
            m_recentMenu->addAction(tr("Database %1").arg(QDir::toNativeSeparators(path)), this,
                                    [this, path] { openDatabase(path); });
        }
    }
    m_recentMenu->addSeparator();
    QAction *clear = m_recentMenu->addAction(tr("Clear Recent Files"), this, [this] {
        RecentFiles::clear();
        updateRecentMenu();
    });
    clear->setEnabled(!logs.isEmpty() || !databases.isEmpty());
}

void MainWindow::restoreLayout()
{
    QSettings &s = settings();
    if (!restoreGeometry(s.value(u"window/geometry"_s).toByteArray())) {
        QSize size(fontMetrics().averageCharWidth() * 220, fontMetrics().height() * 60);
        if (const QScreen *screen = QGuiApplication::primaryScreen())
            size = size.boundedTo(screen->availableSize() * 0.95);
        resize(size);
    }
    if (!m_verticalSplitter->restoreState(s.value(u"window/verticalSplitter"_s).toByteArray()))
        m_verticalSplitter->setSizes({height() * 2 / 5, height() * 3 / 5});
    if (!m_horizontalSplitter->restoreState(s.value(u"window/horizontalSplitter"_s).toByteArray()))
        m_horizontalSplitter->setSizes({width() * 3 / 5, width() * 2 / 5});
    restoreState(s.value(u"window/state"_s).toByteArray());
    const int bucket = m_bucketChoice->findData(s.value(u"chart/bucketMs"_s, 0));
    m_bucketChoice->setCurrentIndex(std::max(0, bucket));
    m_tables->showTab(s.value(u"window/table"_s, 0).toInt());
}

void MainWindow::saveLayout() const
{
    QSettings &s = settings();
    s.setValue(u"window/geometry"_s, saveGeometry());
    s.setValue(u"window/state"_s, saveState());
    s.setValue(u"window/verticalSplitter"_s, m_verticalSplitter->saveState());
    s.setValue(u"window/horizontalSplitter"_s, m_horizontalSplitter->saveState());
    s.setValue(u"chart/bucketMs"_s, m_bucketChoice->currentData());
    s.setValue(u"window/table"_s, m_tables->currentIndex());
}

bool MainWindow::openDatabase(const QString &path, QString *error, bool quiet)
{
    if (m_import->isRunning()) {
        const QString message = tr("Wait for the import to finish or cancel it first.");
        if (error)
            *error = message;
        if (!quiet)
            showFailure(tr("Cannot open the database"), message);
        return false;
    }
    QDir().mkpath(QFileInfo(path).absolutePath());
    auto database = std::make_unique<Database>(QFileInfo(path).absoluteFilePath());
    if (!database->open(Database::Mode::ReadWrite)) {
        const QString message = tr("%1: %2").arg(QDir::toNativeSeparators(path), database->errorString());
        if (error)
            *error = message;
        if (!quiet)
            showFailure(tr("Cannot open the database"), message);
        return false; // the database that was open stays open
    }
    m_tables->setDatabase(nullptr);
    m_database = std::move(database);
    m_chartLoader->setDatabasePath(m_database->path());
    m_detailsLoader->setDatabasePath(m_database->path());
    m_tables->setDatabase(m_database.get());
    settings().setValue(u"database/last"_s, m_database->path());
    RecentFiles::addDatabase(m_database->path());
    updateRecentMenu();
    setWindowTitle(tr("%1 — Rejectscope").arg(QFileInfo(m_database->path()).fileName()));
    m_zoomedRange.reset();
    m_timelineSnapshot = {};
    m_detailsSnapshot = {};
    showSummary();
    refresh();
    return true;
}

QString MainWindow::databasePath() const
{
    return m_database ? m_database->path() : QString();
}

void MainWindow::setTimeZone(const QTimeZone &zone)
{
    m_zone = zone;
    m_importOptions.zone = zone;
    m_filterBar->setTimeZone(zone);
    m_timeline->setTimeZone(zone);
    m_chart->setTimeZone(zone);
    m_tables->setTimeZone(zone);
    m_advisor->setTimeZone(zone);
}

void MainWindow::openLogs(const QStringList &paths)
{
    if (paths.isEmpty() || !m_database)
        return;
    if (m_import->isRunning()) {
        showFailure(tr("Import running"), tr("Wait for the running import to finish or cancel it first."));
        return;
    }
    RecentFiles::addLogs(paths);
    updateRecentMenu();
    m_importProgress->begin(int(paths.size()));
    ImportOptions options = m_importOptions;
    options.stdinReference = QDateTime::currentDateTime();
    m_import->start(m_database->path(), paths, options);
}

void MainWindow::onImportFinished(const QList<ImportReport> &reports, const QString &failure)
{
    m_importProgress->end();
    QStringList problems;
    if (!failure.isEmpty())
        problems.append(failure);
    std::int64_t events = 0;
    bool cancelled = false;
    for (const ImportReport &report : reports) {
        events += report.events;
        if (report.outcome == ImportReport::Outcome::Failed)
            problems.append(tr("%1: %2").arg(QDir::toNativeSeparators(report.path), report.error));
        cancelled = cancelled || report.outcome == ImportReport::Outcome::Cancelled;
    }
    const int stored = countForTr(events);
    statusBar()->showMessage(cancelled ? tr("Import cancelled; %Ln event(s) stored.", nullptr, stored)
                                       : tr("Import done: %Ln new event(s).", nullptr, stored),
                             15'000);
    showSummary();
    m_tables->setFilter(m_filter); // the events table counts again
    refresh();
    emit importFinished(reports);
    if (!problems.isEmpty())
        showFailure(tr("Some files could not be imported"), problems.join(u'\n'));
}

void MainWindow::showSummary()
{
    if (!m_database)
        return;
    QString error;
    // The window shows the ledger's figures only: the cells would cost a second
    // on millions of events.
    auto summary = loadSummary(*m_database, 200, &error, SummaryParts::WithoutCells);
    if (!summary) {
        statusBar()->showMessage(error, 10'000);
        return;
    }
    m_summary = std::move(*summary);
    if (m_summary.firstTimeMs && m_summary.lastTimeMs)
        m_filterBar->setLogSpan(*m_summary.firstTimeMs, *m_summary.lastTimeMs);
    m_counts->setText(statusText());
    m_notUnderstood->setVisible(m_summary.notUnderstood > 0);
    const int notUnderstood = countForTr(m_summary.notUnderstood);
    m_notUnderstood->setText(tr("%n line(s) not understood", nullptr, notUnderstood));
}

QString MainWindow::statusText() const
{
    const QLocale locale;
    const int files = countForTr(m_summary.sources);
    QString text = tr("%1 events from %2 lines in %n file(s)", nullptr, files)
                       .arg(locale.toString(m_summary.events), locale.toString(m_summary.linesRead));
    if (m_detailsSnapshot.totals.chains > 0) {
        const int storms = countForTr(m_detailsSnapshot.storms.size());
        const int retries = countForTr(m_detailsSnapshot.totals.retries);
        text += tr(" · %Ln retry storm(s)", nullptr, storms) + tr(" · %Ln retries", nullptr, retries);
    }
    return text;
}

bool MainWindow::isBusy() const
{
    const EventTableModel *events = m_tables->eventModel();
    return m_import->isRunning() || m_chartLoader->isBusy() || m_detailsLoader->isBusy() || m_extras.pending
        || (events && !events->isCountKnown());
}

OverviewRequest MainWindow::requestFor(const AnalysisFilter &filter) const
{
    OverviewRequest request;
    request.filter = filter;
    // A day on each side at most: the cards of a month-long log answer at once.
    request.maxCompareWindowMs = 24LL * 3600 * 1000;
    const int tab = m_tables->currentIndex();
    if (tab >= TablesPanel::Clients && tab <= TablesPanel::Reasons)
        request.shownTopList = TopListKind(tab - TablesPanel::Clients);
    return request;
}

std::int64_t MainWindow::chosenBucketMs() const
{
    return m_bucketChoice->currentData().toLongLong();
}

void MainWindow::refresh(bool withDetails)
{
    if (!m_database)
        return;
    requestChart(m_zoomedRange);
    if (withDetails) {
        // The storms with the chart (the list, then its totals); the top lists and
        // the advisor, which take longer, once the bars and the totals are in, so
        // that they do not hold them back on two cores.
        m_extras = Extras{};
        m_extras.pending = true;
        m_detailsLoader->request(requestFor(m_filter), OverviewLoader::Stages::Storms);
    }
}

void MainWindow::requestChart(std::optional<std::pair<qint64, qint64>> visible)
{
    if (!m_database)
        return;
    // The chart shows the whole log (a click on it sets the tables' time range,
    // not the chart's); when zoomed, only the visible part is read, finer.
    AnalysisFilter filter = m_filter;
    filter.fromMs.reset();
    filter.toMs.reset();
    OverviewRequest request = requestFor(filter);
    if (visible) {
        request.filter.fromMs = visible->first;
        request.filter.toMs = visible->second;
        request.withMoments = false; // the cards keep the whole log's
    }
    request.bucketMs = chosenBucketMs();
    if (request.bucketMs == 0 && visible)
        request.bucketMs = bucketForSpan(visible->second - visible->first);
    // Free text scans the events: the bars of the range chosen come first (when
    // the chart shows any of it).
    if (!m_filter.text.isEmpty() && m_filter.fromMs && m_filter.toMs
        && (!visible || (*m_filter.fromMs < visible->second && *m_filter.toMs > visible->first)))
        request.bucketsWithin = std::pair{*m_filter.fromMs, *m_filter.toMs};
    m_chartLoader->request(request, OverviewLoader::Stages::Timeline);
    m_rangeFirstShown = false;
    m_chartReading->setText(tr("Reading the log for this filter…"));
    if (m_chartReadingDelayMs <= 0)
        setChartReading(true);
    else if (!m_chartReading->isVisibleTo(this))
        m_chartReadingTimer.start(m_chartReadingDelayMs);
}

bool MainWindow::isChartReading() const
{
    return m_chartReading->isVisibleTo(this);
}

QString MainWindow::chartReadingText() const
{
    return m_chartReading->text();
}

void MainWindow::setChartReading(bool reading)
{
    if (!reading)
        m_chartReadingTimer.stop();
    if (m_chartReading->isVisibleTo(this) == reading)
        return;
    m_chartReading->setVisible(reading);
    emit chartReadingChanged(reading);
}

void MainWindow::onFilterChanged(const AnalysisFilter &filter)
{
    m_filter = filter;
    m_tables->setFilter(filter);
    refresh();
}

void MainWindow::onChartRangeChanged(qint64 fromMs, qint64 toMs)
{
    const bool whole = fromMs <= m_timelineSnapshot.spanFromMs && toMs >= m_timelineSnapshot.spanToMs;
    const auto zoomed = whole ? std::nullopt : std::optional(std::pair{fromMs, toMs});
    if (zoomed == m_zoomedRange)
        return; // nothing new to read
    m_zoomedRange = zoomed;
    requestChart(m_zoomedRange);
}

void MainWindow::onTimelineReady(const Overview &overview)
{
    if (overview.bucketsPartial) {
        // The chosen range's bars of a search; the whole log's are still being read.
        m_rangeFirstShown = true;
        m_chartReading->setText(tr("Range first; reading the rest of the log…"));
        setChartReading(true);
        m_timeline->setBuckets(overview.buckets, overview.bucketMs);
        emit timelineShown();
        return;
    }
    setChartReading(false);
    // A zoomed read spans exactly the visible range; any other is of the whole log.
    const bool zoomed = m_zoomedRange && overview.spanFromMs == m_zoomedRange->first
                        && overview.spanToMs == m_zoomedRange->second;
    m_timeline->setBuckets(overview.buckets, overview.bucketMs);
    // The bars come first; the floods and moments of the last read stay until
    // theirs come.
    if (overview.hasFloods)
        m_chart->setFloods(overview.floods);
    if (!zoomed && !overview.hasMoments) {
        m_timelineSnapshot.buckets = overview.buckets;
        m_timelineSnapshot.bucketMs = overview.bucketMs;
        if (overview.hasFloods)
            m_timelineSnapshot.floods = overview.floods;
        m_timelineSnapshot.spanFromMs = overview.spanFromMs;
        m_timelineSnapshot.spanToMs = overview.spanToMs;
        m_chart->setFullRange(overview.spanFromMs, overview.spanToMs);
    } else if (!zoomed) {
        // The unzoomed read is the whole log: it sets the range and the cards.
        m_timelineSnapshot = overview;
        m_chart->setFullRange(overview.spanFromMs, overview.spanToMs);
        m_chart->setMoments(overview.comparisons);
        m_advisor->setComparisons(overview.comparisons);
        if (m_pendingRange) {
            const auto [from, to] = *std::exchange(m_pendingRange, std::nullopt);
            m_chart->setVisibleRange(from, to);
        }
    }
    emit timelineShown();
    m_extras.barsShown = true;
    requestExtrasWhenReady();
}

void MainWindow::requestExtrasWhenReady()
{
    // The bars of a free-text filter scan every event of the log (seconds): the
    // top lists and the advice of its time range need not wait for them.
    const bool barsAwaited = !m_extras.barsShown && m_filter.text.isEmpty();
    if (!m_extras.pending || barsAwaited || !m_extras.storms)
        return;
    m_extras.pending = false;
    m_detailsLoader->request(requestFor(m_filter), OverviewLoader::Stages::Extras, *m_extras.storms);
}

void MainWindow::onDetailsReady(const Overview &details)
{
    // The findings and top lists of the previous filter stay until their own
    // stages arrive.
    m_detailsSnapshot.storms = details.storms;
    if (details.hasTotals)
        m_detailsSnapshot.totals = details.totals;
    m_tables->setStorms(details);
    m_counts->setText(statusText());
    emit stormsShown();
    if (details.hasFindings)
        onFindingsReady(details);
}

void MainWindow::onFindingsReady(const Overview &details)
{
    m_detailsSnapshot.findings = details.findings;
    m_advisor->setFindings(details.findings);
    emit findingsShown();
    emit detailsShown();
}

void MainWindow::onTopListsReady(const Overview &details)
{
    if (details.oneTopList) {
        // The list shown, ahead of the others.
        const TopListKind kind = *details.oneTopList;
        topListOf(m_detailsSnapshot, kind) = topListOf(details, kind);
        m_tables->setTopList(kind, topListOf(details, kind));
        emit shownTopListShown();
        return;
    }
    for (int kind = 0; kind < topListKindCount; ++kind)
        topListOf(m_detailsSnapshot, TopListKind(kind)) = topListOf(details, TopListKind(kind));
    m_tables->setTopLists(details);
    emit topListsShown();
}

Overview MainWindow::reportSnapshot() const
{
    Overview report = m_detailsSnapshot;
    report.spanFromMs = m_timelineSnapshot.spanFromMs;
    report.spanToMs = m_timelineSnapshot.spanToMs;
    report.bucketMs = m_timelineSnapshot.bucketMs;
    report.buckets = m_timelineSnapshot.buckets;
    report.floods = m_timelineSnapshot.floods;
    report.switchPoints = m_timelineSnapshot.switchPoints;
    report.markers = m_timelineSnapshot.markers;
    report.comparisons = m_timelineSnapshot.comparisons;
    return report;
}

void MainWindow::askForMarker(qint64 timeMs)
{
    bool ok = false;
    const QString when = QDateTime::fromMSecsSinceEpoch(timeMs, m_zone).toString(u"yyyy-MM-dd HH:mm"_s);
    const QString label = QInputDialog::getText(this, tr("Add Marker"),
                                                tr("What changed at %1?").arg(when), QLineEdit::Normal,
                                                tr("Configuration changed"), &ok);
    if (ok)
        addMarkerAt(timeMs, label.trimmed().isEmpty() ? tr("Configuration changed") : label.trimmed());
}

void MainWindow::showRange(qint64 fromMs, qint64 toMs)
{
    m_pendingRange = std::pair{fromMs, toMs};
    if (m_timelineSnapshot.spanToMs > 0) {
        m_pendingRange.reset();
        m_chart->setVisibleRange(fromMs, toMs);
    }
}

void MainWindow::addMarkerAt(qint64 timeMs, const QString &label)
{
    if (!m_database)
        return;
    QString error;
    if (!rejectscope::addMarker(*m_database, timeMs, label, &error)) {
        showFailure(tr("The marker could not be stored"), error);
        return;
    }
    requestChart(std::nullopt);
}

void MainWindow::removeMarker(qint64 markerId)
{
    if (!m_database)
        return;
    QString error;
    if (!rejectscope::removeMarker(*m_database, markerId, &error)) {
        showFailure(tr("The marker could not be removed"), error);
        return;
    }
    requestChart(std::nullopt);
}

void MainWindow::showFailure(const QString &title, const QString &text)
{
    statusBar()->showMessage(title + u": "_s + text, 15'000);
    // Open, not exec(): the window keeps running (a failure may come from a worker
    // while the user is busy elsewhere), and one box at a time shows the latest.
    if (QMessageBox *shown = m_failureBox.data()) {
        shown->setWindowTitle(title);
        shown->setText(text);
        return;
    }
    auto *box = new QMessageBox(QMessageBox::Warning, title, text, QMessageBox::Ok, this);
    box->setTextFormat(Qt::PlainText); // may carry a file name or log content
    box->setAttribute(Qt::WA_DeleteOnClose);
    m_failureBox = box;
    box->open();
}

void MainWindow::chooseLogs()
{
    const QStringList paths = QFileDialog::getOpenFileNames(
        this, tr("Open Mail Logs"), settings().value(u"dialogs/logs"_s, u"/var/log"_s).toString(),
        tr("Mail logs (maillog* mail.log* mail.* *.log *.gz *.bz2 *.xz *.zst);;All files (*)"));
    if (paths.isEmpty())
        return;
    settings().setValue(u"dialogs/logs"_s, QFileInfo(paths.first()).absolutePath());
    openLogs(paths);
}

void MainWindow::chooseDatabase()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Open Rejectscope Database"),
                                                      QFileInfo(databasePath()).absolutePath(),
                                                      tr("Rejectscope databases (*.db *.sqlite);;All files (*)"));
    if (!path.isEmpty())
        openDatabase(path);
}

void MainWindow::newDatabase()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("New Rejectscope Database"),
                                                      QFileInfo(databasePath()).absolutePath(),
                                                      tr("Rejectscope databases (*.db)"));
    if (path.isEmpty())
        return;
    if (QFileInfo::exists(path) && !QFile::remove(path)) {
        showFailure(tr("Cannot create the database"), tr("%1 could not be replaced.").arg(path));
        return;
    }
    openDatabase(path);
}

void MainWindow::saveDatabaseAs()
{
    if (!m_database)
        return;
    const QString path = QFileDialog::getSaveFileName(this, tr("Save Database As"),
                                                      QFileInfo(databasePath()).absolutePath(),
                                                      tr("Rejectscope databases (*.db)"));
    if (path.isEmpty())
        return;
    QString error;
    if (!saveDatabaseCopy(*m_database, path, &error))
        showFailure(tr("The database could not be saved"), error);
    else
        openDatabase(path);
}

void MainWindow::showAbout()
{
    AboutDialog dialog(databasePath(), this);
    dialog.exec();
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (m_import->isRunning()) {
        const auto answer = QMessageBox::question(
            this, tr("Import running"),
            tr("An import is running. Stop it and quit? What was read so far stays stored."));
        if (answer != QMessageBox::Yes) {
            event->ignore();
            return;
        }
        m_import->cancel();
        m_import->waitForFinished();
    }
    saveLayout();
    event->accept();
}

void MainWindow::dragEnterEvent(QDragEnterEvent *event)
{
    if (event->mimeData()->hasUrls())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent *event)
{
    QStringList logs;
    for (const QUrl &url : event->mimeData()->urls()) {
        if (!url.isLocalFile())
            continue;
        const QString path = url.toLocalFile();
        // A dropped Rejectscope database is opened; anything else is read as a log.
        if (isRejectscopeDatabase(path))
            openDatabase(path);
        else
            logs.append(path);
    }
    openLogs(logs);
    event->acceptProposedAction();
}

} // namespace rejectscope
