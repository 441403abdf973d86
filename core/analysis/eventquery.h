#pragma once

#include "analysisfilter.h"

#include <QList>
#include <QString>
#include <QVariantList>
#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <unordered_map>
#include <utility>
#include <vector>

class QSqlQuery;

namespace rejectscope::sql {
struct Fragment;
class Where;
}

namespace rejectscope {

class Database;

// One stored event as the raw-events table shows it. Every text is as logged
// (untrusted).
struct EventRow {
    std::int64_t id = 0;
    std::int64_t timeMs = 0;
    Direction direction = Direction::Inbound;
    EventKind kind = EventKind::Reject;
    int code = 0;      // 0 when the line has no three-digit reply code
    int codeClass = 0; // 2, 4, 5; 0 when unknown
    ReasonClass reason = ReasonClass::Other;
    DeliveryStatus status = DeliveryStatus::None;
    Stage stage = Stage::None;
    QString host;
    QString program;
    QString queueId;
    QString clientName;
    QString clientIp;
    QString helo;
    QString sender;
    QString recipient;
    QString relay;
    QString enhancedCode;
    QString reply;
};

// The columns the raw events can be sorted by.
enum class EventSort { Time, Direction, Code, Reason, Client, Sender, Recipient };

// Reads the event table under a filter: counts, pages for a view of millions of
// rows, and a streaming walk for exports. Sorting by time walks an index; other
// orders are answered by SQLite's sorter (slower on millions of rows).
class EventQuery
{
public:
    EventQuery(Database &database, AnalysisFilter filter);

    // Counted once and kept, like the page positions learned while paging: events
    // imported later are seen by a new EventQuery.
    std::optional<std::int64_t> count();
    // The count, read elsewhere (by another connection on the same data).
    void setKnownCount(std::int64_t count) { m_count = count; }
    std::optional<QList<EventRow>> page(EventSort sort, bool ascending, std::int64_t offset,
                                        int limit);
    // Calls `visit` for every selected event in time order; stops early (returning
    // true) when `cancel` becomes true. `progress` gets rows done so far, every
    // few thousand rows and once at the end. False on a query failure.
    bool forEach(const std::function<void(const EventRow &)> &visit,
                 const std::atomic_bool *cancel = nullptr,
                 const std::function<void(std::int64_t rowsDone)> &progress = {});

    QString errorString() const { return m_error; }

private:
    // The filter's terms on event (alias e), for `filter` (m_filter, or a part of it).
    sql::Where whereOf(const AnalysisFilter &filter);
    // Whether the filter's text has kept matches (m_keptRows then holds those it
    // selects): asked once per query.
    bool textKept();
    // The sort key of a row at a known offset of one order: the next page seeks
    // past it instead of stepping over every row before it.
    struct Anchor {
        QVariantList keys; // the sort's own keys (none for time)
        std::int64_t timeMs = 0;
        std::int64_t id = 0;
    };

    enum ReadMode { WholeRows, KeysOnly };
    // A part [fromMs, toMs) of the filter's time range that a read stays in.
    struct TimeWindow {
        std::int64_t fromMs = 0;
        std::int64_t toMs = 0;
    };

    // Rows [offset, offset + limit) in time order from the kept matches of the
    // filter's text (m_keptRows), read by id.
    std::optional<QList<EventRow>> readKept(bool ascending, std::int64_t offset, int limit);
    // Rows at `offset` of an order, walked to from the nearest anchor before it.
    std::optional<QList<EventRow>> readAt(EventSort sort, bool ascending, std::int64_t offset, int limit);
    // One SELECT: `limit` rows after `skip` rows past `after` (or the start), within
    // `window` when given. The keys of the rows read are left in m_rowKeys. `reuse`
    // keeps the statement prepared for the next read of the same shape.
    std::optional<QList<EventRow>> read(EventSort sort, bool ascending, std::int64_t skip, int limit,
                                        const Anchor *after, ReadMode mode, const TimeWindow *window = nullptr,
                                        QSqlQuery *reuse = nullptr);
    // The same in time order, reading only the minutes the per-minute counts say
    // hold selected rows: a rare filter's rows are found without reading the
    // events of the minutes between them.
    std::optional<QList<EventRow>> readByMinutes(bool ascending, std::int64_t skip, int limit,
                                                 const Anchor *after, ReadMode mode);
    std::optional<QList<EventRow>> readThroughWindows(EventSort sort, bool ascending, std::int64_t offset,
                                                      int limit);
    // The ids of rows [index × windowRows, +windowRows) of an order; null on failure.
    const QList<qint64> *loadWindow(EventSort sort, bool ascending, std::int64_t index);
    // A part of the time range with the rows the filter selects in it, from the
    // per-minute counts: where a filtered walk in time order can start.
    struct Segment {
        std::int64_t startMs = 0;
        std::int64_t rows = 0;
        std::int64_t rowsBefore = 0;
    };
    bool loadMinutes();
    // The position and key to walk from to `offset` of a time order.
    std::optional<std::pair<std::int64_t, Anchor>> minuteAnchor(bool ascending, std::int64_t offset) const;
    // How many rows reading `offset` of an order steps over.
    std::int64_t walkFrom(EventSort sort, bool ascending, std::int64_t offset) const;
    void remember(EventSort sort, bool ascending, std::int64_t offsetAfter, const QList<EventRow> &rows);
    bool fail(const QSqlQuery &query);
    // Prepares (unless `query` holds this statement already), binds and runs it;
    // false, with the error kept, on a failure.
    bool exec(QSqlQuery &query, const sql::Fragment &statement);

    Database &m_database;
    AnalysisFilter m_filter;
    QString m_error;
    std::optional<std::int64_t> m_count;                       // counted once per query
    std::optional<bool> m_textKept; // the text's matches are kept (read by id): asked once
    // Those of the kept matches the filter selects, in time order (with m_textKept).
    std::vector<std::pair<std::int64_t, std::int64_t>> m_keptRows; // (time, id)
    std::unordered_map<int, std::map<std::int64_t, Anchor>> m_anchors; // per sort and order: offset -> key
    QList<Anchor> m_rowKeys; // the keys of the rows the last read() returned
    std::optional<QList<Segment>> m_minutes; // loaded on the first long filtered walk
    std::map<std::pair<int, std::int64_t>, QList<qint64>> m_windows; // (sort slot, window) -> ids
    QList<std::pair<int, std::int64_t>> m_windowOrder;                  // least recently used first
};

} // namespace rejectscope
