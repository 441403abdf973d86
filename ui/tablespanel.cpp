#include "tablespanel.h"

#include "models/eventtablemodel.h"
#include "models/modelroles.h"
#include "models/stormtablemodel.h"
#include "models/toplistmodel.h"
#include "resulttableview.h"
#include "windowedtableview.h"

#include <QHeaderView>
#include <QLocale>
#include <QSortFilterProxyModel>

#include <array>

namespace rejectscope {

TablesPanel::TablesPanel(QWidget *parent)
    : QTabWidget(parent)
    , m_storms(new StormTableModel(this))
{
    m_views.resize(TabCount);
    addView(m_storms, tr("Retry Storms"), Storms);
    const std::array<std::pair<TopListKind, QString>, 4> lists{{
        {TopListKind::Clients, tr("Clients")},
        {TopListKind::Senders, tr("Senders")},
        {TopListKind::Recipients, tr("Recipients")},
        {TopListKind::Reasons, tr("Reasons")},
    }};
    for (const auto &[kind, title] : lists) {
        auto *model = new TopListModel(kind, this);
        m_topLists.append(model);
        addView(model, title, Tab(Clients + int(kind)));
    }
    setDocumentMode(true);
    connect(this, &QTabWidget::currentChanged, this, [this](int tab) {
        if (tab == Events)
            showEvents();
    });
}

TablesPanel::~TablesPanel() = default;

// Snapshots: sorted in memory on their raw values.
void TablesPanel::addView(QAbstractItemModel *model, const QString &title, Tab tab)
{
    auto *view = new ResultTableView(this);
    insertTab(tab, view, title);
    auto *proxy = new QSortFilterProxyModel(view);
    proxy->setSortRole(SortRole);
    proxy->setSourceModel(model);
    view->setModel(proxy);
    view->setSortingEnabled(true);
    view->horizontalHeader()->setSortIndicator(-1, Qt::AscendingOrder);
    adoptView(view, tab);
}

void TablesPanel::adoptView(ResultTableView *view, Tab tab)
{
    connect(view, &ResultTableView::exportRequested, this, [this, tab] { emit exportRequested(tab); });
    m_views[tab] = view;
}

void TablesPanel::setDatabase(Database *database)
{
    m_fitted.clear(); // another log: fit its columns again
    if (m_events) {
        QWidget *page = widget(Events);
        removeTab(Events);
        page->deleteLater();
        m_views[Events] = nullptr;
        m_events->deleteLater();
        m_events = nullptr;
    }
    if (!database)
        return;
    m_events = new EventTableModel(*database, this);
    m_events->setTimeZone(m_zone);
    m_events->setCountInBackground(true);
    m_events->setCountDelay(150);
    connect(m_events, &EventTableModel::queryFailed, this, &TablesPanel::queryFailed);
    // Fitted to the first page, once: times and codes are then shown whole.
    connect(m_events, &EventTableModel::rowsInserted, this, [this] { fitColumnsOnce(Events); });
    // Millions of rows: the view is shown a window of them.
    auto *table = new WindowedTableView(this);
    table->setSourceModel(m_events);
    insertTab(Events, table, tr("Events"));
    ResultTableView *view = table->view();
    adoptView(view, Events);
    // The events sort in SQLite: by time through an index at any size; by another
    // column only when the filter leaves few enough rows to sort at once.
    QHeaderView *header = view->horizontalHeader();
    header->setSectionsClickable(true);
    header->setSortIndicatorShown(true);
    header->setSortIndicator(EventTableModel::Time, Qt::AscendingOrder);
    connect(header, &QHeaderView::sectionClicked, this, [this, header](int column) {
        static constexpr int sortableRows = 500'000;
        const bool sameColumn = header->sortIndicatorSection() == column;
        const Qt::SortOrder order = sameColumn && header->sortIndicatorOrder() == Qt::AscendingOrder
                                        ? Qt::DescendingOrder
                                        : Qt::AscendingOrder;
        if (!EventTableModel::isSortable(column)) {
            emit message(tr("The events cannot be sorted by this column."));
            return;
        }
        if (column != EventTableModel::Time && !m_events->isCountKnown()) {
            emit message(tr("The events are still being counted; sort by this column when they are."));
            return;
        }
        if (column != EventTableModel::Time && m_events->rowCount() > sortableRows) {
            emit message(tr("Narrow the filter to sort %1 events by this column; they are sorted by time.")
                             .arg(QLocale().toString(m_events->rowCount())));
            return;
        }
        m_events->sort(column, order);
        header->setSortIndicator(column, order);
    });
    m_eventsStale = true;
    if (m_tabToShow == Events)
        showTab(Events);
    if (currentIndex() == Events)
        showEvents();
}

void TablesPanel::showTab(int tab)
{
    if (tab < 0 || tab >= TabCount)
        return;
    if (tab >= count()) {
        m_tabToShow = tab;
        return;
    }
    m_tabToShow.reset();
    setCurrentIndex(tab);
}

void TablesPanel::setTimeZone(const QTimeZone &zone)
{
    m_zone = zone;
    m_storms->setTimeZone(zone);
    for (TopListModel *model : std::as_const(m_topLists))
        model->setTimeZone(zone);
    if (m_events)
        m_events->setTimeZone(zone);
}

void TablesPanel::setStorms(const Overview &details)
{
    m_storms->setChains(details.storms);
    setTabText(Storms, tr("Retry Storms (%1)").arg(details.storms.size()));
    fitColumnsOnce(Storms);
}

// Columns fit the first rows a table gets, then keep their widths (a model reset
// keeps them too): they do not jump with every filter, a width the user chose
// stays, and measuring hundreds of rows of text at each filter change would hold
// up the window.
void TablesPanel::fitColumnsOnce(int tab)
{
    QTableView *view = m_views.at(tab);
    if (m_fitted.contains(tab) || view->model()->rowCount() == 0)
        return;
    m_fitted.insert(tab);
    view->resizeColumnsToContents();
}

void TablesPanel::setTopList(TopListKind kind, const QList<TopEntry> &entries)
{
    m_topLists[int(kind)]->setEntries(entries);
    fitColumnsOnce(Clients + int(kind));
}

void TablesPanel::setTopLists(const Overview &details)
{
    for (int kind = 0; kind < topListKindCount; ++kind)
        setTopList(TopListKind(kind), topListOf(details, TopListKind(kind)));
}

void TablesPanel::setFilter(const AnalysisFilter &filter)
{
    m_filter = filter;
    m_eventsStale = true;
    if (currentIndex() == Events)
        showEvents();
}

void TablesPanel::showEvents()
{
    // Counting the events under a filter reads the database on this thread (a
    // free-text filter scans every event): done only when the tab is looked at.
    if (!m_events || !m_eventsStale)
        return;
    m_eventsStale = false;
    m_events->setFilter(m_filter);
}

void TablesPanel::clear()
{
    setStorms(Overview{});
    setTopLists(Overview{});
}

TopListModel *TablesPanel::topListModel(TopListKind kind) const
{
    return m_topLists.at(int(kind));
}

std::optional<TopListKind> TablesPanel::currentTopList() const
{
    const int tab = currentIndex();
    if (tab >= Clients && tab <= Reasons)
        return TopListKind(tab - Clients);
    return std::nullopt;
}

} // namespace rejectscope
