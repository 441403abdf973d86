#pragma once

#include "analysis/eventquery.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QSet>
#include <QThreadPool>
#include <QTimeZone>

#include <atomic>
#include <memory>
#include <optional>

namespace rejectscope {

class Database;

// The raw events under a filter, paged from SQLite: rowCount() is the filter's
// count, and data() reads the page a row falls in on first use, keeping a few
// pages cached, so a view scrolls through millions of rows. sort() re-queries.
// Reads through the connection given, which must belong to the model's thread.
class EventTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        Time, Direction, Code, Reason, Client, Helo, Sender, Recipient, Relay, Status,
        QueueId, Reply, ColumnCount
    };
    explicit EventTableModel(Database &database, QObject *parent = nullptr);
    ~EventTableModel() override;

    void setFilter(const AnalysisFilter &filter); // resets the model
    // Off (the default): setFilter() and sort() count the rows before they return.
    // On: they return at once with no rows; a worker thread (its own read-only
    // connection) reads the first page, whose rows are inserted when it arrives,
    // then counts, and the other rows are inserted when the count arrives. A
    // free-text count over millions of events takes seconds.
    void setCountInBackground(bool on) { m_countInBackground = on; }
    // Milliseconds the background count waits before it starts: a window lets
    // its chart and storms be read first on few cores.
    void setCountDelay(int ms) { m_countDelayMs = ms; }
    bool isCountKnown() const { return m_countKnown; }
    // Counts and reads again (after an import added events); resets the model.
    void refresh();
    AnalysisFilter filter() const { return m_filter; }
    void setTimeZone(const QTimeZone &zone);
    // The full row, for copying and details (fetches its page if needed).
    std::optional<EventRow> row(int row) const;
    QString errorString() const { return m_error; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

    static constexpr int pageSize = 256;
    // Whether sort() can order by this column (the others keep the current order).
    static bool isSortable(int column);

signals:
    void queryFailed(const QString &error);
    // The filter's full count is known (at once, or when the worker is done).
    void countKnown(qint64 count);

private:
    const EventRow *cachedRow(int row) const;
    void requery();
    // The first page and the count under a filter, read by a worker with its own
    // connection; a newer filter makes them void.
    enum class Work { FirstPage, Count };
    void startWorker(Work work);
    void firstPageArrived(const std::optional<QList<EventRow>> &rows, const QString &error);
    void countArrived(std::optional<std::int64_t> count, const QString &error);

    Database &m_database;
    AnalysisFilter m_filter;
    EventSort m_sort = EventSort::Time;
    bool m_ascending = true;
    std::int64_t m_count = 0;
    QTimeZone m_zone = QTimeZone::systemTimeZone();
    mutable QHash<std::int64_t, QList<EventRow>> m_pages; // page number -> rows
    mutable QList<std::int64_t> m_pageOrder;              // least recently read first
    mutable QString m_error;
    // Counts once and remembers where its pages start; holds no cursor between calls.
    std::unique_ptr<EventQuery> m_query;
    mutable QSet<std::int64_t> m_failedPages; // reported once until the next reset
    bool m_countInBackground = false;
    int m_countDelayMs = 0;
    bool m_countKnown = true;
    quint64 m_countGeneration = 0;
    std::shared_ptr<std::atomic_bool> m_countCancel; // stops the worker's count
    QThreadPool m_pool; // the worker, with a connection of its own
};

} // namespace rejectscope
