#pragma once

#include "analysis/overview.h"

#include <QSet>
#include <QTabWidget>
#include <QTimeZone>

#include <optional>

class QAbstractItemModel;

namespace rejectscope {

class Database;
class EventTableModel;
class ResultTableView;
class StormTableModel;
class TopListModel;

// The tables under the chart: retry storms, the four top lists and the raw events
// (paged from the database). Each tab's context menu copies or exports it.
class TablesPanel : public QTabWidget
{
    Q_OBJECT
public:
    enum Tab { Storms, Clients, Senders, Recipients, Reasons, Events, TabCount };

    explicit TablesPanel(QWidget *parent = nullptr);
    ~TablesPanel() override;

    // The events tab reads through this connection (the GUI thread's).
    void setDatabase(Database *database);
    void setTimeZone(const QTimeZone &zone);
    void setStorms(const Overview &details);
    void setTopLists(const Overview &details);
    void setTopList(TopListKind kind, const QList<TopEntry> &entries);
    void setFilter(const AnalysisFilter &filter);
    void clear();
    // Shows the tab, or shows it once it exists (the events tab comes with a
    // database).
    void showTab(int tab);

    StormTableModel *stormModel() const { return m_storms; }
    TopListModel *topListModel(TopListKind kind) const;
    // The events model, brought up to the current filter.
    EventTableModel *eventModel()
    {
        showEvents();
        return m_events;
    }
    ResultTableView *view(Tab tab) const { return m_views.at(tab); }
    // Which tab is shown, as a TopListKind when it is a top list.
    std::optional<TopListKind> currentTopList() const;

signals:
    void exportRequested(rejectscope::TablesPanel::Tab tab);
    void queryFailed(const QString &error);
    // A passing note for the status bar.
    void message(const QString &text);

private:
    void fitColumnsOnce(int tab);
    void addView(QAbstractItemModel *model, const QString &title, Tab tab);
    void adoptView(ResultTableView *view, Tab tab);
    void showEvents();

    StormTableModel *m_storms;
    QList<TopListModel *> m_topLists; // by TopListKind
    EventTableModel *m_events = nullptr;
    QList<ResultTableView *> m_views;
    QSet<int> m_fitted; // tabs whose columns were fitted to their contents
    QTimeZone m_zone = QTimeZone::systemTimeZone();
    AnalysisFilter m_filter;
    bool m_eventsStale = true; // the events model has not seen m_filter yet
    std::optional<int> m_tabToShow;
};

} // namespace rejectscope
