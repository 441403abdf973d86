#pragma once

#include "analysis/overview.h"
#include "store/importer.h"
#include "store/summary.h"

#include <QMainWindow>
#include <QMessageBox>
#include <QPointer>
#include <QTimer>
#include <QTimeZone>

#include <memory>

class QComboBox;
class QLabel;
class QMenu;
class QPushButton;
class QSplitter;

namespace rejectscope {

class AdvisorPanel;
class Database;
class FilterBar;
class ImportController;
class ImportProgressWidget;
class OverviewLoader;
class TablesPanel;
class TimelineChart;
class TimelineModel;

// The main window: a filter bar over the timeline, the tables and the advisor,
// with imports and analysis run off the GUI thread.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    // Opens (creating if needed) a Rejectscope database; false with a message box
    // (or, when `quiet`, only the returned error) if it cannot be opened.
    bool openDatabase(const QString &path, QString *error = nullptr, bool quiet = false);
    QString databasePath() const;
    // Imports log files into the open database, as File → Open does.
    void openLogs(const QStringList &paths);
    void setImportOptions(const ImportOptions &options) { m_importOptions = options; }
    void setTimeZone(const QTimeZone &zone);
    // How long the chart may wait for its bars before it says it is reading (a
    // search scans every event of the log).
    void setChartReadingDelay(int ms) { m_chartReadingDelayMs = ms; }
    // Whether the note that the chart's bars are not yet the filter's is shown.
    bool isChartReading() const;
    QString chartReadingText() const;
    QTimeZone timeZone() const { return m_zone; }

    // For tests and the screenshot tool.
    TimelineChart *chart() const { return m_chart; }
    TimelineModel *timelineModel() const { return m_timeline; }
    TablesPanel *tables() const { return m_tables; }
    AdvisorPanel *advisor() const { return m_advisor; }
    FilterBar *filterBar() const { return m_filterBar; }
    ImportController *importController() const { return m_import; }
    const Overview &timelineSnapshot() const { return m_timelineSnapshot; }
    const Overview &detailsSnapshot() const { return m_detailsSnapshot; }
    QString statusText() const;
    // True while an import runs or an analysis is being read.
    bool isBusy() const;
    void addMarkerAt(qint64 timeMs, const QString &label);
    // Zooms the chart to a range once the timeline is shown.
    void showRange(qint64 fromMs, qint64 toMs);
    void removeMarker(qint64 markerId);
    // The report of what is shown now: timeline and details together.
    Overview reportSnapshot() const;

signals:
    // The timeline (chart, before/after cards) and the details of the current
    // filter are shown: the storms, the top lists, and last the advisor's
    // findings (then detailsShown: all of them).
    void timelineShown();
    void stormsShown();
    void topListsShown();
    // The top list on the tab shown, read ahead of the other three.
    void shownTopListShown();
    void findingsShown();
    void detailsShown();
    // Every file of an import is done and its results are being loaded.
    void importFinished(const QList<rejectscope::ImportReport> &reports);
    // The chart says it is reading the bars of a new filter, or no longer does.
    void chartReadingChanged(bool reading);
    // The chart's note says how much of the log a search has read.
    void searchProgressShown(int percent);

protected:
    void closeEvent(QCloseEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void createMenus();
    void createStatusBar();
    void updateRecentMenu();
    void restoreLayout();
    void saveLayout() const;
    void refresh(bool withDetails = true);
    void requestChart(std::optional<std::pair<qint64, qint64>> visible = std::nullopt);
    void setChartReading(bool reading);
    void showSummary();
    void onFilterChanged(const AnalysisFilter &filter);
    void onImportFinished(const QList<ImportReport> &reports, const QString &failure);
    void onTimelineReady(const Overview &overview);
    void onDetailsReady(const Overview &details);
    void onFindingsReady(const Overview &details);
    void requestExtrasWhenReady();
    void onTopListsReady(const Overview &details);
    void onChartRangeChanged(qint64 fromMs, qint64 toMs);
    void askForMarker(qint64 timeMs);
    void showFailure(const QString &title, const QString &text);
    void chooseLogs();
    void chooseDatabase();
    void newDatabase();
    void saveDatabaseAs();
    void showAbout();
    std::int64_t chosenBucketMs() const;
    OverviewRequest requestFor(const AnalysisFilter &filter) const;

    std::unique_ptr<Database> m_database; // the GUI thread's connection
    ImportOptions m_importOptions;
    QTimeZone m_zone = QTimeZone::systemTimeZone();
    AnalysisFilter m_filter;
    Summary m_summary;
    Overview m_timelineSnapshot;
    Overview m_detailsSnapshot;
    std::optional<std::pair<qint64, qint64>> m_zoomedRange;
    std::optional<std::pair<qint64, qint64>> m_pendingRange; // showRange() before the first timeline

    FilterBar *m_filterBar;
    TimelineModel *m_timeline;
    TimelineChart *m_chart;
    QComboBox *m_bucketChoice;
    TablesPanel *m_tables;
    AdvisorPanel *m_advisor;
    QSplitter *m_verticalSplitter;
    QSplitter *m_horizontalSplitter;
    ImportController *m_import;
    ImportProgressWidget *m_importProgress;
    OverviewLoader *m_chartLoader;   // the chart and the cards: the whole log, no time range
    OverviewLoader *m_detailsLoader; // the tables and the advisor: the full filter
    QLabel *m_counts;
    QLabel *m_chartReading; // the bars shown are not yet the filter's
    bool m_rangeFirstShown = false; // a search's range is shown, the rest being read
    QTimer m_chartReadingTimer;
    int m_chartReadingDelayMs = 400;
    QPushButton *m_notUnderstood;
    QMenu *m_recentMenu = nullptr;
    QPointer<QMessageBox> m_failureBox; // the failure shown, if any
    // The top lists and findings of the current filter wait for its bars and storms.
    struct Extras {
        bool pending = false;
        bool barsShown = false;
        std::optional<Overview> storms;
    };
    Extras m_extras;
};

} // namespace rejectscope
