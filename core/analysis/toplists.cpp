// The top lists: from the packed attempts of top_day, held in memory
// (attemptcolumns.h); from the events alone (one SQL statement) for free text, which
// the packed attempts cannot answer, or when they cannot be brought up to date (a
// read-only or busy database, a driver other than SQLite).

#include "toplists.h"

#include "filtersql.h"
#include "store/database.h"
#include "topaggregate.h"
#include "attemptcolumns.h"
#include "keptattempts.h"

#include <QCoreApplication>
#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>
#include <memory>

using namespace Qt::StringLiterals;

namespace rejectscope {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(TopLists)
};

// Reasons fit in five bits: MAX(attempts * 32 + 31 - reason) picks a key's
// reason of most attempts, the lower reason on a tie.
constexpr int reasonSlots = 32;
static_assert(reasonClassCount <= reasonSlots);

// The attempts a free-text filter selects, read once for the four lists: the
// columns the lists group by (topaggregate::keyExpression, the class conditions).
constexpr auto textMatchTable = "top_text_match";
constexpr auto textMatchColumns = "kind, status, code_class, direction, reason, time_ms, client_ip, client_name,"
                                  " relay, sender, recipient";

// The filter's terms on the events; without the text for rows that matched it
// already; with `textKept`, the text's kept matches read by id.
sql::Where attemptTerms(const AnalysisFilter &filter, bool withText, bool textKept = false)
{
    sql::Where where;
    where.add(sql::attemptCondition(u"e."_s));
    sql::addEventTimeTerms(where, filter, u"e."_s);
    sql::addClassTerms(where, filter, u"e."_s);
    if (withText)
        sql::addTextTerms(where, filter.text, u"e."_s, textKept, sql::boundsOf(filter));
    return where;
}

// "SELECT key, reason, n, t, p, f, l" rows of the attempts the filter selects,
// from the events or from the rows of textMatchTable.
sql::Fragment eventMember(TopListKind kind, const AnalysisFilter &filter, bool fromTextMatch = false)
{
    sql::Fragment member{u"SELECT "_s + topaggregate::keyExpression(kind, u"e."_s)
                             + u" AS key_value, e.reason AS reason, 1 AS n, CASE WHEN "_s
                             + sql::temporaryCondition(u"e."_s) + u" THEN 1 ELSE 0 END AS t, CASE WHEN "_s
                             + sql::permanentCondition(u"e."_s)
                             + u" THEN 1 ELSE 0 END AS p, e.time_ms AS f, e.time_ms AS l FROM "_s
                             + (fromTextMatch ? u"temp."_s + QLatin1StringView(textMatchTable) : u"event"_s)
                             + u" e"_s,
                         {}};
    member.append(attemptTerms(filter, !fromTextMatch).clause());
    return member;
}

// Holds a free-text filter's attempts in a temporary table of the connection for
// its lifetime. The table lives in a temporary file (its pages beyond the cache
// go to disk), so a search that matches millions of attempts does not fill the
// memory; the connection's temp_store is restored afterwards.
class TextMatchTable
{
public:
    explicit TextMatchTable(Database &database)
        : m_database(database)
        , m_db(database.connection())
    {
    }
    ~TextMatchTable()
    {
        // Cleaning up is never stopped halfway, even when a newer filter stopped the search.
        const Database::InterruptHold hold(m_database);
        QSqlQuery query(m_db);
        query.exec(u"DROP TABLE IF EXISTS temp."_s + QLatin1StringView(textMatchTable));
        if (m_storeChanged)
            query.exec(u"PRAGMA temp_store = %1"_s.arg(m_store));
    }
    TextMatchTable(const TextMatchTable &) = delete;
    TextMatchTable &operator=(const TextMatchTable &) = delete;

    bool fill(const AnalysisFilter &filter, QString *error)
    {
        QSqlQuery query(m_db);
        if (query.exec(u"PRAGMA temp_store"_s) && query.next())
            m_store = query.value(0).toInt();
        m_storeChanged = query.exec(u"PRAGMA temp_store = FILE"_s);
        query.exec(u"DROP TABLE IF EXISTS temp."_s + QLatin1StringView(textMatchTable));
        sql::Fragment statement{u"CREATE TEMP TABLE %1 AS SELECT %2 FROM event e"_s.arg(
                                    QLatin1StringView(textMatchTable), QLatin1StringView(textMatchColumns)),
                                {}};
        statement.append(attemptTerms(filter, true, sql::textMatchesKept(m_database, filter.text)).clause());
        if (!query.prepare(statement.text)) {
            if (error)
                *error = Tr::tr("cannot search the attempts: %1").arg(query.lastError().text());
            return false;
        }
        sql::bind(query, statement.values);
        if (!query.exec()) {
            if (error)
                *error = Tr::tr("cannot search the attempts: %1").arg(query.lastError().text());
            return false;
        }
        return true;
    }

private:
    Database &m_database;
    QSqlDatabase m_db;
    int m_store = 0;
    bool m_storeChanged = false;
};

// Per key: attempts, temporary, permanent, first, last and the reason of most
// attempts, from the rows of `member`.
sql::Fragment rankedKeys(const sql::Fragment &member)
{
    sql::Fragment statement{u"SELECT r.key_value AS key_value, SUM(r.n) AS n, SUM(r.t) AS t, SUM(r.p) AS p,"
                            " MIN(r.f) AS f, MAX(r.l) AS l, MAX(r.n * %1 + %2 - r.reason) AS best FROM"
                            " (SELECT u.key_value AS key_value, u.reason AS reason, SUM(u.n) AS n, SUM(u.t) AS t,"
                            " SUM(u.p) AS p, MIN(u.f) AS f, MAX(u.l) AS l FROM ("_s.arg(reasonSlots)
                                .arg(reasonSlots - 1),
                            {}};
    statement.append(member);
    statement.append(u") u WHERE u.key_value IS NOT NULL GROUP BY u.key_value, u.reason) r GROUP BY r.key_value"_s);
    return statement;
}

TopEntry entryOf(const QSqlQuery &query, int keyColumn)
{
    TopEntry entry;
    entry.attempts = query.value(1).toLongLong();
    entry.temporary = query.value(2).toLongLong();
    entry.permanent = query.value(3).toLongLong();
    entry.firstMs = query.value(4).toLongLong();
    entry.lastMs = query.value(5).toLongLong();
    entry.reason = ReasonClass(reasonSlots - 1 - int(query.value(6).toLongLong() % reasonSlots));
    entry.key = query.value(keyColumn).toString();
    entry.totalAttempts = query.value(8).toLongLong();
    return entry;
}

// A list scanned from the events (or from textMatchTable's rows).
std::optional<QList<TopEntry>> scannedList(Database &database, TopListKind kind, const AnalysisFilter &filter,
                                           int limit, bool fromTextMatch, QString *error)
{
    const bool reasons = kind == TopListKind::Reasons;
    sql::Fragment statement;
    if (reasons) {
        // A handful of rows: ranked by name here, as the other lists by key.
        statement = rankedKeys(eventMember(kind, filter, fromTextMatch));
    } else {
        statement = {u"SELECT g.key_value, g.n, g.t, g.p, g.f, g.l, g.best, g.key_value, SUM(g.n) OVER () FROM ("_s, {}};
        statement.append(rankedKeys(eventMember(kind, filter, fromTextMatch)));
        statement.append(u") g ORDER BY g.n DESC, g.key_value LIMIT ?"_s, {limit});
    }

    QSqlQuery query(database.connection());
    query.setForwardOnly(true);
    if (!query.prepare(statement.text)) {
        if (error)
            *error = Tr::tr("cannot rank the %1: %2").arg(topListKindName(kind), query.lastError().text());
        return std::nullopt;
    }
    sql::bind(query, statement.values);
    if (!query.exec()) {
        if (error)
            *error = Tr::tr("cannot rank the %1: %2").arg(topListKindName(kind), query.lastError().text());
        return std::nullopt;
    }
    QList<TopEntry> entries;
    while (query.next()) {
        if (reasons) {
            TopEntry entry = entryOf(query, 0);
            entry.reason = ReasonClass(query.value(0).toInt());
            entry.key = reasonClassText(entry.reason);
            entries << entry;
        } else {
            entries << entryOf(query, 7);
        }
    }
    if (reasons) {
        std::int64_t total = 0;
        for (const TopEntry &entry : std::as_const(entries))
            total += entry.attempts;
        for (TopEntry &entry : entries)
            entry.totalAttempts = total;
        topaggregate::rankReasonEntries(entries, limit);
    }
    return entries;
}

} // namespace

std::optional<QList<TopEntry>> topList(Database &database, TopListKind kind, const AnalysisFilter &filter,
                                       int limit, QString *error)
{
    if (limit <= 0)
        return QList<TopEntry>();
    if (filter.text.isEmpty() && topaggregate::ensureCurrent(database)) {
        const std::shared_ptr<const AttemptColumns> attempts = AttemptColumns::of(database, error);
        if (!attempts)
            return std::nullopt;
        return attempts->rank(database.nativeHandle(), kind, filter, limit, error);
    }
    return scannedList(database, kind, filter, limit, false, error);
}

std::optional<TopListSet> topLists(Database &database, const AnalysisFilter &filter, int limit, QString *error,
                                   const std::atomic_bool *cancel)
{
    TopListSet lists;
    const auto stopped = [cancel] { return cancel && cancel->load(std::memory_order_relaxed); };
    if (filter.text.isEmpty() || limit <= 0) {
        for (int kind = 0; kind < topListKindCount; ++kind) {
            auto entries = topList(database, TopListKind(kind), filter, limit, error);
            if (!entries || stopped())
                return std::nullopt;
            lists[kind] = std::move(*entries);
        }
        return lists;
    }
    // A kept text: its attempts' keys, read once, are ranked in memory.
    QString keptError;
    if (const auto kept = KeptAttempts::of(database, filter.text, &keptError))
        return kept->rank(filter, limit);
    if (!keptError.isEmpty()) {
        if (error)
            *error = keptError;
        return std::nullopt;
    }
    TextMatchTable matched(database);
    if (!matched.fill(filter, error) || stopped())
        return std::nullopt;
    for (int kind = 0; kind < topListKindCount; ++kind) {
        auto entries = scannedList(database, TopListKind(kind), filter, limit, true, error);
        if (!entries || stopped())
            return std::nullopt;
        lists[kind] = std::move(*entries);
    }
    return lists;
}

bool prepareTopLists(Database &database, const QString &text, QString *error)
{
    QString failure;
    KeptAttempts::of(database, text, &failure);
    if (error)
        *error = failure;
    return failure.isEmpty();
}

QString topListKindName(TopListKind kind)
{
    switch (kind) {
    case TopListKind::Clients:
        return u"clients"_s;
    case TopListKind::Senders:
        return u"senders"_s;
    case TopListKind::Recipients:
        return u"recipients"_s;
    case TopListKind::Reasons:
        return u"reasons"_s;
    }
    return QString();
}

std::optional<TopListKind> topListKindFromName(const QString &name)
{
    for (const TopListKind kind :
         {TopListKind::Clients, TopListKind::Senders, TopListKind::Recipients, TopListKind::Reasons}) {
        if (name == topListKindName(kind))
            return kind;
    }
    return std::nullopt;
}

} // namespace rejectscope
