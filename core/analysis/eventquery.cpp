#include "eventquery.h"

#include "filtersql.h"
#include "store/database.h"
#include "store/textmatches.h"

#include <QCoreApplication>
#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>
#include <array>
#include <limits>

using namespace Qt::StringLiterals;

namespace rejectscope {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(EventQuery)
};

const QString selectColumns =
    u"SELECT e.id, e.time_ms, e.direction, e.kind, e.code, e.code_class, e.reason, e.status,"
    " e.stage, h.name, e.program, e.queue_id, e.client_name, e.client_ip, e.helo, e.sender,"
    " e.recipient, e.relay, e.enhanced_code, e.reply"
    " FROM event e JOIN host h ON h.id = e.host_id"_s;

// The columns of selectColumns; the sort keys follow them.
constexpr int rowColumnCount = 20;

EventRow rowFrom(const QSqlQuery &query)
{
    EventRow row;
    row.id = query.value(0).toLongLong();
    row.timeMs = query.value(1).toLongLong();
    row.direction = Direction(query.value(2).toInt());
    row.kind = EventKind(query.value(3).toInt());
    row.code = query.value(4).toInt();
    row.codeClass = query.value(5).toInt();
    row.reason = ReasonClass(query.value(6).toInt());
    row.status = DeliveryStatus(query.value(7).toInt());
    row.stage = Stage(query.value(8).toInt());
    row.host = query.value(9).toString();
    row.program = query.value(10).toString();
    row.queueId = query.value(11).toString();
    row.clientName = query.value(12).toString();
    row.clientIp = query.value(13).toString();
    row.helo = query.value(14).toString();
    row.sender = query.value(15).toString();
    row.recipient = query.value(16).toString();
    row.relay = query.value(17).toString();
    row.enhancedCode = query.value(18).toString();
    row.reply = query.value(19).toString();
    return row;
}

// The reason classes ranked by their stable names: sorting by reason then reads
// alphabetically, as the names a user sees, not by the stored numbers.
QString reasonRankExpression()
{
    std::array<int, reasonClassCount> byName{};
    for (int i = 0; i < reasonClassCount; ++i)
        byName[std::size_t(i)] = i;
    std::sort(byName.begin(), byName.end(), [](int a, int b) {
        return reasonClassName(ReasonClass(a)) < reasonClassName(ReasonClass(b));
    });
    QString expression = u"CASE e.reason"_s;
    for (int rank = 0; rank < reasonClassCount; ++rank)
        expression += u" WHEN %1 THEN %2"_s.arg(byName[std::size_t(rank)]).arg(rank);
    return expression + u" ELSE %1 END"_s.arg(reasonClassCount);
}

// The expressions a sort orders by before time and id. COALESCE keeps NULLs out:
// a row-value comparison with a NULL in it is never true, and the seek after an
// anchor relies on it.
QStringList sortKeys(EventSort sort)
{
    switch (sort) {
    case EventSort::Time:
        return {};
    case EventSort::Direction:
        return {u"e.direction"_s};
    case EventSort::Code:
        return {u"e.code"_s, u"COALESCE(e.enhanced_code, '')"_s};
    case EventSort::Reason:
        return {reasonRankExpression()};
    case EventSort::Client:
        return {u"COALESCE(e.client_name, '')"_s, u"COALESCE(e.client_ip, '')"_s};
    case EventSort::Sender:
        return {u"COALESCE(e.sender, '')"_s};
    case EventSort::Recipient:
        return {u"COALESCE(e.recipient, '')"_s};
    }
    return {};
}

// Rows per window of the orders no index serves, and windows kept: one sort of
// the selected rows serves 64 pages of a view.
constexpr int windowRows = 16384;
constexpr qsizetype cachedWindows = 8;

// Whether minute_count holds every row the filter selects. It holds all but
// bounce notices, which are outbound, of no code class and of reason other (they
// carry no reply to class): a filter on a code class, on inbound or on another
// reason never selects them.
bool minutesAnswer(const AnalysisFilter &filter)
{
    return filter.text.isEmpty()
        && (filter.codeClass || filter.direction == Direction::Inbound
            || (filter.reason && *filter.reason != ReasonClass::Other));
}

// The minutes [first, end) of minute_count (alias c), each end open when unset,
// under the filter's direction, reason and code class.
sql::Where minuteTerms(const AnalysisFilter &filter, std::optional<std::int64_t> first,
                       std::optional<std::int64_t> end)
{
    sql::Where where;
    if (first)
        where.add(u"c.minute >= ?"_s, {qint64(*first)});
    if (end)
        where.add(u"c.minute < ?"_s, {qint64(*end)});
    sql::addClassTerms(where, filter, u"c."_s);
    return where;
}

// The minutes wholly inside the filter's range: [first, last), ends open when
// the range's are. Empty (first >= last) for a range within two minutes.
struct WholeMinutes {
    std::optional<std::int64_t> first;
    std::optional<std::int64_t> last;
    bool isEmpty() const { return first && last && *first >= *last; }
};

WholeMinutes wholeMinutesOf(const AnalysisFilter &filter)
{
    WholeMinutes minutes;
    if (filter.fromMs)
        minutes.first = sql::floorDiv(*filter.fromMs + sql::minuteMs - 1, sql::minuteMs);
    if (filter.toMs)
        minutes.last = sql::floorDiv(*filter.toMs, sql::minuteMs);
    return minutes;
}

// Farther than this from a known row, a filtered walk in time order starts from
// the per-minute counts instead.
constexpr std::int64_t longWalk = 4096;

int sortSlot(EventSort sort, bool ascending)
{
    return int(sort) * 2 + (ascending ? 1 : 0);
}

} // namespace

EventQuery::EventQuery(Database &database, AnalysisFilter filter)
    : m_database(database)
    , m_filter(std::move(filter))
{
}


sql::Where EventQuery::whereOf(const AnalysisFilter &filter)
{
    sql::Where where;
    sql::addEventTimeTerms(where, filter, u"e."_s);
    sql::addClassTerms(where, filter, u"e."_s);
    sql::addTextTerms(where, filter.text, u"e."_s, textKept(), sql::boundsOf(filter));
    return where;
}

bool EventQuery::textKept()
{
    if (m_textKept)
        return *m_textKept;
    // Held from here on: the query stays consistent even if the cache lets them go.
    const auto kept = m_filter.text.isEmpty() ? nullptr : textmatches::find(m_database.nativeHandle(), m_filter.text);
    m_textKept = kept != nullptr;
    if (kept) {
        for (const TextMatch &match : sql::withinRange(*kept, m_filter))
            if (sql::classTermsHold(match, m_filter))
                m_keptRows.emplace_back(match.timeMs, match.id);
    }
    return *m_textKept;
}

std::optional<QList<EventRow>> EventQuery::readKept(bool ascending, std::int64_t offset, int limit)
{
    const auto total = std::int64_t(m_keptRows.size());
    QList<std::pair<std::int64_t, std::int64_t>> slice;
    for (std::int64_t i = offset; i < std::min(total, offset + limit); ++i)
        slice << m_keptRows[std::size_t(ascending ? i : total - 1 - i)];
    m_rowKeys.clear();
    if (slice.isEmpty())
        return QList<EventRow>();
    QStringList marks;
    QVariantList ids;
    for (const auto &key : std::as_const(slice)) {
        marks << u"?"_s;
        ids << qint64(key.second);
    }
    QSqlQuery query(m_database.connection());
    sql::Fragment statement{selectColumns + u" WHERE e.id IN ("_s + marks.join(u", "_s) + u')', ids};
    if (!exec(query, statement))
        return std::nullopt;
    std::unordered_map<std::int64_t, EventRow> byId;
    while (query.next()) {
        EventRow row = rowFrom(query);
        byId.emplace(row.id, std::move(row));
    }
    if (query.lastError().isValid())
        return fail(query), std::nullopt;
    QList<EventRow> rows;
    for (const auto &[timeMs, id] : std::as_const(slice)) {
        const auto found = byId.find(id);
        if (found == byId.end())
            continue;
        rows << found->second;
        m_rowKeys << Anchor{{}, timeMs, id};
    }
    return rows;
}

bool EventQuery::fail(const QSqlQuery &query)
{
    m_error = Tr::tr("cannot read the events: %1").arg(query.lastError().text());
    return false;
}

bool EventQuery::exec(QSqlQuery &query, const sql::Fragment &statement)
{
    if (query.lastQuery() != statement.text) {
        query.setForwardOnly(true);
        if (!query.prepare(statement.text))
            return fail(query);
    }
    sql::bind(query, statement.values);
    return query.exec() || fail(query);
}

std::optional<std::int64_t> EventQuery::count()
{
    if (m_count)
        return m_count;
    // A search whose matches are kept: counted in memory.
    if (textKept()) {
        m_count = std::int64_t(m_keptRows.size());
        return m_count;
    }
    QSqlQuery query(m_database.connection());
    query.setForwardOnly(true);
    const auto countOf = [&](const sql::Fragment &statement) -> std::optional<std::int64_t> {
        if (!exec(query, statement))
            return std::nullopt;
        if (!query.next())
            return fail(query), std::nullopt;
        const std::int64_t n = query.value(0).toLongLong();
        query.finish();
        return n;
    };
    const auto eventsIn = [&](const AnalysisFilter &filter) {
        sql::Fragment statement{u"SELECT COUNT(*) FROM event e"_s, {}};
        statement.append(whereOf(filter).clause());
        return countOf(statement);
    };

    // A class filter makes a scan of the event table; the per-minute counts
    // answer it at once when they hold every row it selects. The minutes cut by
    // the range's ends are counted in the events.
    if (!minutesAnswer(m_filter)) {
        m_count = eventsIn(m_filter);
        return m_count;
    }
    const WholeMinutes whole = wholeMinutesOf(m_filter);
    if (whole.isEmpty()) {
        m_count = eventsIn(m_filter); // less than two minutes
        return m_count;
    }
    sql::Fragment statement{u"SELECT COALESCE(SUM(c.events), 0) FROM minute_count c"_s, {}};
    statement.append(minuteTerms(m_filter, whole.first, whole.last).clause());
    auto total = countOf(statement);
    if (!total)
        return std::nullopt;
    if (whole.first && *m_filter.fromMs < *whole.first * sql::minuteMs) {
        AnalysisFilter head = m_filter;
        head.toMs = *whole.first * sql::minuteMs;
        const auto n = eventsIn(head);
        if (!n)
            return std::nullopt;
        *total += *n;
    }
    if (whole.last && *m_filter.toMs > *whole.last * sql::minuteMs) {
        AnalysisFilter tail = m_filter;
        tail.fromMs = *whole.last * sql::minuteMs;
        const auto n = eventsIn(tail);
        if (!n)
            return std::nullopt;
        *total += *n;
    }
    m_count = total;
    return m_count;
}

std::optional<QList<EventRow>> EventQuery::page(EventSort sort, bool ascending, std::int64_t offset,
                                                int limit)
{
    offset = std::max<std::int64_t>(0, offset);
    if (limit <= 0 || (m_count && offset >= *m_count))
        return QList<EventRow>();

    // Every row is reached by walking from a known row: the nearest anchor before
    // it in this order, or in the reverse order counted from the end (a view
    // dragged to its end, or sorted the other way round). The shorter walk wins.
    if (m_count) {
        const std::int64_t end = std::min(*m_count, offset + limit);
        const std::int64_t reverseOffset = *m_count - end;
        if (walkFrom(sort, !ascending, reverseOffset) < walkFrom(sort, ascending, offset)) {
            auto rows = readAt(sort, !ascending, reverseOffset, int(end - offset));
            if (!rows)
                return std::nullopt;
            std::reverse(rows->begin(), rows->end());
            std::reverse(m_rowKeys.begin(), m_rowKeys.end());
            remember(sort, ascending, offset + rows->size(), *rows);
            return rows;
        }
    }
    auto rows = readAt(sort, ascending, offset, limit);
    if (!rows)
        return std::nullopt;
    remember(sort, ascending, offset + rows->size(), *rows);
    return rows;
}

std::int64_t EventQuery::walkFrom(EventSort sort, bool ascending, std::int64_t offset) const
{
    if (m_windows.contains({sortSlot(sort, ascending), offset / windowRows}))
        return 0;
    const auto slot = m_anchors.find(sortSlot(sort, ascending));
    if (slot == m_anchors.end())
        return offset;
    auto it = slot->second.upper_bound(offset);
    if (it == slot->second.begin())
        return offset;
    return offset - std::prev(it)->first;
}

std::optional<QList<EventRow>> EventQuery::readAt(EventSort sort, bool ascending, std::int64_t offset,
                                                  int limit)
{
    if (sort != EventSort::Time)
        return readThroughWindows(sort, ascending, offset, limit);
    if (textKept())
        return readKept(ascending, offset, limit);
    std::map<std::int64_t, Anchor> &anchors = m_anchors[sortSlot(sort, ascending)];
    std::optional<Anchor> anchor;
    std::int64_t skip = offset;
    if (auto it = anchors.upper_bound(offset); it != anchors.begin()) {
        --it;
        anchor = it->second;
        skip = offset - it->first;
    }
    // In time order the rows to skip are stepped over in event_time alone (the
    // index holds time and id): finding the key of the row before the page first
    // reads no table row, where OFFSET on the page's own SELECT would read each.
    // Filtered, each row stepped over is a table row read; the per-minute counts
    // tell in which minute the row at `offset` is, and the walk starts there.
    if (sort == EventSort::Time && skip > longWalk && minutesAnswer(m_filter)) {
        if (!m_minutes && !loadMinutes())
            return std::nullopt;
        if (const auto near = minuteAnchor(ascending, offset); near && near->first > offset - skip) {
            anchor = near->second;
            skip = offset - near->first;
        }
    }
    // A filter the per-minute counts answer reads only the minutes with its rows.
    const auto walk = [&](std::int64_t rowsToSkip, int rows, ReadMode mode) {
        const Anchor *after = anchor ? &*anchor : nullptr;
        if (sort == EventSort::Time && minutesAnswer(m_filter) && rowsToSkip <= longWalk)
            return readByMinutes(ascending, rowsToSkip, rows, after, mode);
        return read(sort, ascending, rowsToSkip, rows, after, mode);
    };
    if (sort == EventSort::Time && skip > 0) {
        if (!walk(skip - 1, 1, KeysOnly))
            return std::nullopt;
        if (m_rowKeys.isEmpty())
            return QList<EventRow>(); // past the end
        anchor = m_rowKeys.constFirst();
        anchors[offset] = *anchor;
        skip = 0;
    }
    return walk(skip, limit, WholeRows);
}

std::optional<QList<EventRow>> EventQuery::readByMinutes(bool ascending, std::int64_t skip, int limit,
                                                         const Anchor *after, ReadMode mode)
{
    // The walk's bounds: the filter's range, narrowed by the anchor.
    std::optional<std::int64_t> fromMs = m_filter.fromMs;
    std::optional<std::int64_t> toMs = m_filter.toMs;
    if (after && ascending)
        fromMs = std::max(fromMs.value_or(after->timeMs), after->timeMs);
    else if (after)
        toMs = std::min(toMs.value_or(after->timeMs + 1), after->timeMs + 1);
    m_rowKeys.clear();
    if (fromMs && toMs && *fromMs >= *toMs)
        return QList<EventRow>();

    // Every minute that overlaps the bounds and holds a selected row, in the
    // walk's order, with its count (exact but for the minutes the bounds cut).
    sql::Fragment statement{u"SELECT c.minute, SUM(c.events) FROM minute_count c"_s, {}};
    const auto minuteOf = [](std::int64_t ms) { return sql::floorDiv(ms, sql::minuteMs); };
    statement.append(minuteTerms(m_filter, fromMs ? std::optional(minuteOf(*fromMs)) : std::nullopt,
                                 toMs ? std::optional(minuteOf(*toMs - 1) + 1) : std::nullopt)
                         .clause());
    statement.append(ascending ? u" GROUP BY c.minute ORDER BY c.minute"_s
                               : u" GROUP BY c.minute ORDER BY c.minute DESC"_s);
    QSqlQuery minutes(m_database.connection());
    if (!exec(minutes, statement))
        return std::nullopt;

    // Runs of consecutive minutes, each read in one SELECT through event_time,
    // until the rows wanted are found: a run ends at a minute without rows, or
    // once its counts promise enough.
    const std::int64_t wanted = skip + limit;
    QList<EventRow> rows;
    QList<Anchor> keys;
    std::optional<std::pair<std::int64_t, std::int64_t>> run; // first and last minute, in time
    std::int64_t runRows = 0;
    QSqlQuery rowQuery(m_database.connection());
    const auto readRun = [&] {
        TimeWindow window{run->first * sql::minuteMs, (run->second + 1) * sql::minuteMs};
        if (fromMs)
            window.fromMs = std::max(window.fromMs, *fromMs);
        if (toMs)
            window.toMs = std::min(window.toMs, *toMs);
        run.reset();
        runRows = 0;
        const auto part = read(EventSort::Time, ascending, 0, int(wanted - keys.size()), after, mode, &window,
                               &rowQuery);
        if (!part)
            return false;
        rows += *part;
        keys += m_rowKeys;
        return true;
    };
    while (keys.size() < wanted && minutes.next()) {
        const std::int64_t minute = minutes.value(0).toLongLong();
        if (run && minute != (ascending ? run->second + 1 : run->first - 1)) {
            if (!readRun())
                return std::nullopt;
            if (keys.size() >= wanted)
                break;
        }
        if (!run)
            run = std::pair{minute, minute};
        else if (ascending)
            run->second = minute;
        else
            run->first = minute;
        runRows += minutes.value(1).toLongLong();
        if (runRows >= wanted - keys.size() && !readRun())
            return std::nullopt;
    }
    if (minutes.lastError().isValid())
        return fail(minutes), std::nullopt;
    if (run && keys.size() < wanted && !readRun())
        return std::nullopt;
    const qsizetype skipped = qsizetype(std::min<std::int64_t>(skip, keys.size()));
    m_rowKeys = keys.mid(skipped);
    return mode == WholeRows ? rows.mid(skipped) : QList<EventRow>();
}

bool EventQuery::loadMinutes()
{
    const auto total = count();
    if (!total)
        return false;
    // Segments of time in order, each with the rows it holds: the part of a minute
    // the range's start cuts (counted in the events), the whole minutes, and the
    // part the range's end cuts.
    const WholeMinutes wholeMinutes = wholeMinutesOf(m_filter);
    const std::optional<std::int64_t> &firstMinute = wholeMinutes.first;
    const std::optional<std::int64_t> &lastMinute = wholeMinutes.last;
    QList<Segment> segments;
    if (!wholeMinutes.isEmpty()) {
        sql::Fragment statement{u"SELECT c.minute, SUM(c.events) FROM minute_count c"_s, {}};
        statement.append(minuteTerms(m_filter, firstMinute, lastMinute).clause());
        statement.append(u" GROUP BY c.minute ORDER BY c.minute"_s);
        QSqlQuery query(m_database.connection());
        if (!exec(query, statement))
            return false;
        while (query.next()) {
            const std::int64_t rows = query.value(1).toLongLong();
            if (rows > 0)
                segments.push_back({query.value(0).toLongLong() * sql::minuteMs, rows});
        }
        if (query.lastError().isValid())
            return fail(query);
    }
    // The cut minutes hold what the total holds beyond the whole ones: rows
    // before the first whole minute come first, the others last.
    std::int64_t whole = 0;
    for (const Segment &segment : std::as_const(segments))
        whole += segment.rows;
    if (whole != *total && m_filter.fromMs) {
        sql::Fragment head{u"SELECT COUNT(*) FROM event e"_s, {}};
        AnalysisFilter before = m_filter;
        if (firstMinute && (!lastMinute || *firstMinute < *lastMinute))
            before.toMs = *firstMinute * sql::minuteMs;
        head.append(whereOf(before).clause());
        QSqlQuery query(m_database.connection());
        if (!exec(query, head))
            return false;
        if (!query.next())
            return fail(query);
        const std::int64_t rows = query.value(0).toLongLong();
        if (rows > 0)
            segments.prepend({*m_filter.fromMs, rows});
        whole += rows;
    }
    if (whole != *total && lastMinute)
        segments.push_back({*lastMinute * sql::minuteMs, *total - whole});
    std::int64_t before = 0;
    for (Segment &segment : segments) {
        segment.rowsBefore = before;
        before += segment.rows;
    }
    m_minutes = std::move(segments);
    return true;
}

std::optional<std::pair<std::int64_t, EventQuery::Anchor>> EventQuery::minuteAnchor(bool ascending,
                                                                                   std::int64_t offset) const
{
    const QList<Segment> &segments = *m_minutes;
    const std::int64_t total = m_count.value_or(0);
    if (segments.isEmpty() || offset >= total)
        return std::nullopt;
    // The segment that holds the row at this position of the ascending order.
    const std::int64_t position = ascending ? offset : total - 1 - offset;
    auto it = std::upper_bound(segments.begin(), segments.end(), position,
                               [](std::int64_t p, const Segment &s) { return p < s.rowsBefore; });
    if (it == segments.begin())
        return std::nullopt;
    --it;
    if (ascending) {
        // Every row from the segment's start on: after (start - 1, any id).
        Anchor anchor{{}, it->startMs - 1, std::numeric_limits<std::int64_t>::max()};
        return std::pair{it->rowsBefore, anchor};
    }
    // Descending, every row before the next segment's start.
    const auto next = std::next(it);
    if (next == segments.end())
        return std::nullopt;
    Anchor anchor{{}, next->startMs, std::numeric_limits<std::int64_t>::min()};
    return std::pair{total - next->rowsBefore, anchor};
}

// No index serves these orders: each SELECT sorts every selected row. One sort
// yields the ids of a window of many pages, which are then read by id.
std::optional<QList<EventRow>> EventQuery::readThroughWindows(EventSort sort, bool ascending,
                                                              std::int64_t offset, int limit)
{
    QList<qint64> ids;
    const std::int64_t end = offset + limit;
    for (std::int64_t at = offset; at < end;) {
        const std::int64_t index = at / windowRows;
        const QList<qint64> *window = loadWindow(sort, ascending, index);
        if (!window)
            return std::nullopt;
        const qsizetype from = qsizetype(at - index * windowRows);
        if (from >= window->size())
            break; // past the end
        const qsizetype take = std::min<qsizetype>(window->size() - from, qsizetype(end - at));
        ids += window->mid(from, take);
        at += take;
    }
    m_rowKeys.clear(); // window ends are the anchors of these orders
    if (ids.isEmpty())
        return QList<EventRow>();

    QStringList placeholders;
    QVariantList values;
    for (const qint64 id : std::as_const(ids)) {
        placeholders << u"?"_s;
        values << id;
    }
    sql::Fragment statement{selectColumns, {}};
    statement.append(u" WHERE e.id IN ("_s + placeholders.join(u", "_s) + u")"_s, values);
    QSqlQuery query(m_database.connection());
    if (!exec(query, statement))
        return std::nullopt;
    QHash<qint64, EventRow> byId;
    while (query.next()) {
        EventRow row = rowFrom(query);
        byId.insert(row.id, std::move(row));
    }
    if (query.lastError().isValid())
        return fail(query), std::nullopt;
    QList<EventRow> rows;
    rows.reserve(ids.size());
    for (const qint64 id : std::as_const(ids)) {
        if (auto it = byId.constFind(id); it != byId.constEnd())
            rows << *it;
    }
    return rows;
}

const QList<qint64> *EventQuery::loadWindow(EventSort sort, bool ascending, std::int64_t index)
{
    const std::pair<int, std::int64_t> key{sortSlot(sort, ascending), index};
    if (auto it = m_windows.find(key); it != m_windows.end()) {
        m_windowOrder.removeOne(key);
        m_windowOrder.append(key);
        return &it->second;
    }
    // From the end of the window before it when known: the sort then keeps only
    // a window's rows instead of every row up to it.
    std::map<std::int64_t, Anchor> &anchors = m_anchors[key.first];
    const std::int64_t start = index * windowRows;
    std::optional<Anchor> anchor;
    std::int64_t skip = start;
    if (auto it = anchors.upper_bound(start); it != anchors.begin()) {
        --it;
        anchor = it->second;
        skip = start - it->first;
    }
    if (!read(sort, ascending, skip, windowRows, anchor ? &*anchor : nullptr, KeysOnly))
        return nullptr;
    QList<qint64> ids;
    ids.reserve(m_rowKeys.size());
    for (const Anchor &row : std::as_const(m_rowKeys))
        ids << row.id;
    if (m_rowKeys.size() == windowRows)
        anchors[start + windowRows] = m_rowKeys.constLast();
    m_rowKeys.clear();
    while (m_windowOrder.size() >= cachedWindows)
        m_windows.erase(m_windowOrder.takeFirst());
    m_windowOrder.append(key);
    return &(m_windows[key] = std::move(ids));
}

std::optional<QList<EventRow>> EventQuery::read(EventSort sort, bool ascending, std::int64_t skip,
                                                int limit, const Anchor *after, ReadMode mode,
                                                const TimeWindow *window, QSqlQuery *reuse)
{
    const QStringList keys = sortKeys(sort);
    const QString direction = ascending ? u" ASC"_s : u" DESC"_s;
    // A window lies within the filter's range and on the anchor's side: its two
    // bounds alone are the range event_time is walked in.
    AnalysisFilter filter = m_filter;
    if (window) {
        filter.fromMs = window->fromMs;
        filter.toMs = window->toMs;
    }
    sql::Where terms = whereOf(filter);
    if (after) {
        const QString cmp = ascending ? u">"_s : u"<"_s;
        if (keys.isEmpty()) {
            // Spelled out rather than as a row value: the time range alone is what
            // lets the planner start in event_time at the anchor.
            if (!window)
                terms.add(u"e.time_ms %1= ?"_s.arg(cmp), {qint64(after->timeMs)});
            terms.add(u"(e.time_ms %1 ? OR e.id %1 ?)"_s.arg(cmp),
                      {qint64(after->timeMs), qint64(after->id)});
        } else {
            QStringList placeholders;
            QVariantList values = after->keys;
            for (qsizetype i = 0; i < keys.size() + 2; ++i)
                placeholders << u"?"_s;
            values << qint64(after->timeMs) << qint64(after->id);
            terms.add(u"(%1, e.time_ms, e.id) %2 (%3)"_s.arg(keys.join(u", "_s), cmp,
                                                             placeholders.join(u", "_s)),
                      values);
        }
    }
    // The keys come after the row's columns (or alone), so that any row read can
    // be an anchor.
    QString select;
    const QString keyColumns = (keys.isEmpty() ? QString() : keys.join(u", "_s) + u", "_s)
        + u"e.time_ms, e.id"_s;
    if (mode == KeysOnly)
        select = u"SELECT "_s + keyColumns + u" FROM event e"_s;
    else
        select = selectColumns.left(selectColumns.indexOf(u" FROM "_s)) + u", "_s + keyColumns
            + selectColumns.mid(selectColumns.indexOf(u" FROM "_s));
    const int firstKey = mode == KeysOnly ? 0 : rowColumnCount;

    sql::Fragment statement{select, {}};
    statement.append(terms.clause());
    QStringList order;
    for (const QString &key : keys)
        order << key + direction;
    order << u"e.time_ms"_s + direction << u"e.id"_s + direction;
    statement.append(u" ORDER BY "_s + order.join(u", "_s));
    statement.append(u" LIMIT ? OFFSET ?"_s, {limit, qint64(skip)});

    QSqlQuery own(m_database.connection());
    QSqlQuery &query = reuse ? *reuse : own;
    if (!exec(query, statement))
        return std::nullopt;
    QList<EventRow> rows;
    m_rowKeys.clear();
    while (query.next()) {
        if (mode == WholeRows)
            rows << rowFrom(query);
        Anchor key;
        for (qsizetype i = 0; i < keys.size(); ++i)
            key.keys << query.value(int(firstKey + i));
        key.timeMs = query.value(int(firstKey + keys.size())).toLongLong();
        key.id = query.value(int(firstKey + keys.size() + 1)).toLongLong();
        m_rowKeys << key;
    }
    if (query.lastError().isValid())
        return fail(query), std::nullopt;
    return rows;
}

void EventQuery::remember(EventSort sort, bool ascending, std::int64_t offsetAfter, const QList<EventRow> &rows)
{
    if (rows.isEmpty() || m_rowKeys.size() != rows.size())
        return;
    std::map<std::int64_t, Anchor> &anchors = m_anchors[sortSlot(sort, ascending)];
    // Bounded: far more than a view's cached pages, and cheap to learn again.
    if (anchors.size() >= 4096)
        anchors.clear();
    anchors[offsetAfter] = m_rowKeys.constLast();
}

bool EventQuery::forEach(const std::function<void(const EventRow &)> &visit,
                         const std::atomic_bool *cancel,
                         const std::function<void(std::int64_t rowsDone)> &progress)
{
    QSqlQuery query(m_database.connection());
    query.setForwardOnly(true);
    sql::Fragment statement{selectColumns, {}};
    statement.append(whereOf(m_filter).clause());
    statement.append(u" ORDER BY e.time_ms, e.id"_s);
    if (!exec(query, statement))
        return false;
    std::int64_t done = 0;
    while (query.next()) {
        if (done % 4096 == 0 && cancel && cancel->load(std::memory_order_relaxed))
            return true;
        visit(rowFrom(query));
        ++done;
        if (done % 4096 == 0 && progress)
            progress(done);
    }
    if (query.lastError().isValid())
        return fail(query);
    if (progress)
        progress(done);
    return true;
}

} // namespace rejectscope
