// The top lists: from top_count (topaggregate.h) for whole days and blocks of
// days, plus the events of the partial days at the edges of the range, summed in
// hash maps; from the events alone (one SQL statement) for free text, which the
// counts cannot answer, or when the counts cannot be brought up to date (a
// read-only or busy database, a driver other than SQLite).

#include "toplists.h"

#include "filtersql.h"
#include "store/database.h"
#include "topaggregate.h"

#include <QCoreApplication>
#include <QSqlError>
#include <QSqlQuery>

#include <sqlite3.h>

#include <algorithm>
#include <limits>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

using namespace Qt::StringLiterals;

namespace rejectscope {

namespace {

using topaggregate::dayMs;

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(TopLists)
};

// Reasons fit in five bits: MAX(attempts * 32 + 31 - reason) picks a key's
// reason of most attempts, the lower reason on a tie.
constexpr int reasonSlots = 32;
static_assert(reasonClassCount <= reasonSlots);

// "SELECT key, reason, n, t, p, f, l" rows of the attempts the filter selects.
sql::Fragment eventMember(TopListKind kind, const AnalysisFilter &filter)
{
    sql::Where where;
    where.add(sql::attemptCondition(u"e."_s));
    sql::addEventTimeTerms(where, filter, u"e."_s);
    sql::addClassTerms(where, filter, u"e."_s);
    sql::addTextTerms(where, filter.text, u"e."_s);
    sql::Fragment member{u"SELECT "_s + topaggregate::keyExpression(kind, u"e."_s)
                             + u" AS key_value, e.reason AS reason, 1 AS n, CASE WHEN "_s
                             + sql::temporaryCondition(u"e."_s) + u" THEN 1 ELSE 0 END AS t, CASE WHEN "_s
                             + sql::permanentCondition(u"e."_s)
                             + u" THEN 1 ELSE 0 END AS p, e.time_ms AS f, e.time_ms AS l FROM event e"_s,
                         {}};
    member.append(where.clause());
    return member;
}

// A key's sums over the range.
struct KeySums {
    std::int64_t n = 0;
    std::int64_t t = 0;
    std::int64_t p = 0;
    std::int64_t first = std::numeric_limits<std::int64_t>::max();
    std::int64_t last = std::numeric_limits<std::int64_t>::min();
};

// The keys' sums, and their attempts per reason for the reason of most.
class Sums
{
public:
    void add(std::uint64_t key, int reason, std::int64_t n, std::int64_t t, std::int64_t p, std::int64_t firstMs,
             std::int64_t lastMs)
    {
        KeySums &s = m_byKey[key];
        s.n += n;
        s.t += t;
        s.p += p;
        s.first = std::min(s.first, firstMs);
        s.last = std::max(s.last, lastMs);
        m_byReason[key << 5 | std::uint64_t(reason)] += n;
    }
    const auto &entries() const { return m_byKey.entries(); }
    // The reason of most attempts, the lower one on a tie.
    ReasonClass reasonOf(std::uint64_t key) const
    {
        int best = 0;
        std::int64_t most = -1;
        for (int r = 0; r < reasonClassCount; ++r) {
            const std::int64_t *count = m_byReason.find(key << 5 | std::uint64_t(r));
            if (count && *count > most) {
                most = *count;
                best = r;
            }
        }
        return ReasonClass(best);
    }

private:
    topaggregate::FlatTable<KeySums> m_byKey;
    topaggregate::FlatTable<std::int64_t> m_byReason;
};
static_assert(reasonClassCount <= 32);

// Edge keys not in top_key yet (none after a build) are numbered from here.
constexpr std::uint64_t uncountedBase = 1ULL << 50;

struct StringHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

using Statement = std::unique_ptr<sqlite3_stmt, decltype(&sqlite3_finalize)>;

Statement prepare(sqlite3 *db, const std::string &sql)
{
    sqlite3_stmt *s = nullptr;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &s, nullptr) != SQLITE_OK) {
        sqlite3_finalize(s);
        s = nullptr;
    }
    return Statement(s, &sqlite3_finalize);
}

std::string columnString(sqlite3_stmt *s, int column)
{
    const auto *text = reinterpret_cast<const char *>(sqlite3_column_text(s, column));
    return text ? std::string(text, std::size_t(sqlite3_column_bytes(s, column))) : std::string();
}

// The list from top_count for the whole days of the range and the events of the
// partial days at its edges. A range reaching beyond the events on a side is
// taken to the edge of the largest buckets there: nothing lies out there to
// count, and the list reads a few big buckets instead of many days.
std::optional<QList<TopEntry>> listFromCounts(sqlite3 *db, TopListKind kind, const AnalysisFilter &filter, int limit,
                                              QString *error)
{
    const auto fail = [&](const char *what) -> std::optional<QList<TopEntry>> {
        if (error)
            *error = Tr::tr("cannot rank the %1 (%2): %3")
                         .arg(topListKindName(kind), QString::fromLatin1(what), QString::fromUtf8(sqlite3_errmsg(db)));
        return std::nullopt;
    };
    // Two subqueries: SQLite answers a lone MIN or MAX from the index, both at once by a scan.
    const Statement span = prepare(db, "SELECT (SELECT MIN(time_ms) FROM event), (SELECT MAX(time_ms) FROM event)");
    if (!span || sqlite3_step(span.get()) != SQLITE_ROW)
        return fail("time span");
    if (sqlite3_column_type(span.get(), 0) == SQLITE_NULL)
        return QList<TopEntry>();
    const qint64 spanFrom = sql::floorDiv(sqlite3_column_int64(span.get(), 0), dayMs) * dayMs;
    const qint64 spanTo = (sql::floorDiv(sqlite3_column_int64(span.get(), 1), dayMs) + 1) * dayMs;
    const qint64 blockDays = topaggregate::levels[topaggregate::levelCount - 1].days;
    qint64 fromDay = sql::floorDiv(sql::floorDiv(spanFrom, dayMs), blockDays) * blockDays;
    qint64 toDay = (sql::floorDiv(spanTo / dayMs - 1, blockDays) + 1) * blockDays;
    // Events of [from, to) scanned at the edges.
    std::vector<std::pair<qint64, qint64>> edges;
    const bool boundedFrom = filter.fromMs && *filter.fromMs > spanFrom;
    const bool boundedTo = filter.toMs && *filter.toMs < spanTo;
    if (boundedFrom)
        fromDay = -sql::floorDiv(-*filter.fromMs, dayMs);
    if (boundedTo)
        toDay = sql::floorDiv(*filter.toMs, dayMs);
    const qint64 from = boundedFrom ? *filter.fromMs : spanFrom;
    const qint64 to = boundedTo ? *filter.toMs : spanTo;
    if (from >= to)
        return QList<TopEntry>();
    if (fromDay >= toDay) {
        edges.emplace_back(from, to);
    } else {
        if (boundedFrom && from < fromDay * dayMs)
            edges.emplace_back(from, fromDay * dayMs);
        if (boundedTo && toDay * dayMs < to)
            edges.emplace_back(toDay * dayMs, to);
    }

    const int slot = filter.codeClass ? topaggregate::slotOfClass(*filter.codeClass) : int(topaggregate::AllSlot);
    Sums sums;
    if (fromDay < toDay) {
        std::string sql = "SELECT key_id, reason, attempts, first_ms, last_ms, temporary, temporary_first_ms,"
                          " temporary_last_ms, permanent, permanent_first_ms, permanent_last_ms, accepted,"
                          " accepted_first_ms, accepted_last_ms FROM top_count"
                          " WHERE dimension = ? AND level = ? AND bucket >= ? AND bucket < ?";
        if (filter.direction)
            sql += " AND direction = ?";
        if (filter.reason)
            sql += " AND reason = ?";
        const Statement read = prepare(db, sql);
        if (!read)
            return fail("prepare");
        sqlite3_stmt *s = read.get();
        for (const topaggregate::BucketRange &range : topaggregate::decompose(fromDay, toDay)) {
            int p = 0;
            sqlite3_bind_int(s, ++p, int(kind));
            sqlite3_bind_int(s, ++p, range.level);
            sqlite3_bind_int64(s, ++p, range.from);
            sqlite3_bind_int64(s, ++p, range.to);
            if (filter.direction)
                sqlite3_bind_int(s, ++p, int(*filter.direction));
            if (filter.reason)
                sqlite3_bind_int(s, ++p, int(*filter.reason));
            int rc;
            while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
                const std::int64_t n = sqlite3_column_int64(s, 2 + 3 * slot);
                if (n == 0)
                    continue;
                const std::int64_t t = filter.codeClass ? (*filter.codeClass == 4 ? n : 0) : sqlite3_column_int64(s, 5);
                const std::int64_t pm = filter.codeClass ? (*filter.codeClass == 5 ? n : 0) : sqlite3_column_int64(s, 8);
                sums.add(std::uint64_t(sqlite3_column_int64(s, 0)), sqlite3_column_int(s, 1), n, t, pm,
                         sqlite3_column_int64(s, 3 + 3 * slot), sqlite3_column_int64(s, 4 + 3 * slot));
            }
            sqlite3_reset(s);
            if (rc != SQLITE_DONE)
                return fail("counts");
        }
    }

    // The edges' keys by their id, looked up once each; with no bucket to meet
    // they are only numbered.
    const bool reasons = kind == TopListKind::Reasons;
    const bool buckets = fromDay < toDay;
    std::unordered_map<std::string, std::uint64_t, StringHash, std::equal_to<>> idOf;
    std::vector<std::string> uncounted;
    const Statement find = prepare(db, "SELECT id FROM top_key WHERE dimension = ? AND key_text = ?");
    if (!find)
        return fail("keys");
    // Hours of events hold keys by the ten thousand: reading all the dimension's
    // keys at once is cheaper than looking each up.
    qint64 edgeMs = 0;
    for (const auto &[edgeFrom, edgeTo] : edges)
        edgeMs += edgeTo - edgeFrom;
    const bool allKeys = buckets && !reasons && edgeMs > 4 * 3600 * 1000;
    if (allKeys) {
        const Statement keys = prepare(db, "SELECT key_text, id FROM top_key WHERE dimension = ?");
        if (!keys)
            return fail("keys");
        sqlite3_bind_int(keys.get(), 1, int(kind));
        int rc;
        while ((rc = sqlite3_step(keys.get())) == SQLITE_ROW)
            idOf.emplace(columnString(keys.get(), 0), std::uint64_t(sqlite3_column_int64(keys.get(), 1)));
        if (rc != SQLITE_DONE)
            return fail("keys");
    }
    const auto keyId = [&](std::string_view text) {
        if (const auto it = idOf.find(text); it != idOf.end())
            return it->second;
        sqlite3_bind_int(find.get(), 1, int(kind));
        sqlite3_bind_text(find.get(), 2, text.data(), int(text.size()), SQLITE_STATIC);
        std::uint64_t id;
        if (buckets && !allKeys && sqlite3_step(find.get()) == SQLITE_ROW) {
            id = std::uint64_t(sqlite3_column_int64(find.get(), 0));
        } else {
            id = uncountedBase + uncounted.size();
            uncounted.emplace_back(text);
        }
        sqlite3_reset(find.get());
        idOf.emplace(std::string(text), id);
        return id;
    };
    for (const auto &[edgeFrom, edgeTo] : edges) {
        const bool read = topaggregate::forEachAttempt(
            db, edgeFrom, edgeTo, reasons ? 0u : 1u << int(kind), [&](const topaggregate::Attempt &a) {
                if ((filter.direction && a.direction != int(*filter.direction))
                    || (filter.reason && a.reason != int(*filter.reason))
                    || (filter.codeClass && a.codeClass != *filter.codeClass))
                    return true;
                if (reasons)
                    sums.add(std::uint64_t(a.reason), a.reason, 1, a.codeClass == 4, a.codeClass == 5, a.timeMs, a.timeMs);
                else if (a.hasKey[int(kind)])
                    sums.add(keyId(a.key[int(kind)]), a.reason, 1, a.codeClass == 4, a.codeClass == 5, a.timeMs,
                             a.timeMs);
                return true;
            });
        if (!read)
            return fail("events");
    }

    struct Ranked {
        std::uint64_t id;
        const KeySums *sums;
        std::string text;
    };
    std::vector<Ranked> ranked;
    std::int64_t total = 0;
    ranked.reserve(sums.entries().size());
    for (const auto &[id, keySums] : sums.entries()) {
        total += keySums.n;
        ranked.push_back({id, &keySums, {}});
    }
    // Only the keys that can make the list need their text: ties at the cut are
    // ordered by it.
    if (ranked.size() > std::size_t(limit)) {
        std::nth_element(ranked.begin(), ranked.begin() + (limit - 1), ranked.end(),
                         [](const Ranked &a, const Ranked &b) { return a.sums->n > b.sums->n; });
        const std::int64_t cut = ranked[std::size_t(limit - 1)].sums->n;
        ranked.erase(std::remove_if(ranked.begin(), ranked.end(), [&](const Ranked &r) { return r.sums->n < cut; }),
                     ranked.end());
    }
    const Statement text = prepare(db, "SELECT key_text FROM top_key WHERE id = ?");
    if (!text)
        return fail("keys");
    for (Ranked &r : ranked) {
        if (reasons) {
            r.text = reasonClassText(ReasonClass(r.id)).toStdString();
        } else if (r.id >= uncountedBase) {
            r.text = uncounted[std::size_t(r.id - uncountedBase)];
        } else {
            sqlite3_bind_int64(text.get(), 1, std::int64_t(r.id));
            if (sqlite3_step(text.get()) != SQLITE_ROW)
                return fail("keys");
            r.text = columnString(text.get(), 0);
            sqlite3_reset(text.get());
        }
    }
    std::sort(ranked.begin(), ranked.end(), [](const Ranked &a, const Ranked &b) {
        return a.sums->n != b.sums->n ? a.sums->n > b.sums->n : a.text < b.text;
    });
    if (ranked.size() > std::size_t(limit))
        ranked.resize(std::size_t(limit));
    QList<TopEntry> entries;
    entries.reserve(qsizetype(ranked.size()));
    for (const Ranked &r : ranked) {
        TopEntry entry;
        entry.key = QString::fromStdString(r.text);
        entry.reason = reasons ? ReasonClass(r.id) : sums.reasonOf(r.id);
        entry.attempts = r.sums->n;
        entry.temporary = r.sums->t;
        entry.permanent = r.sums->p;
        entry.firstMs = r.sums->first;
        entry.lastMs = r.sums->last;
        entry.totalAttempts = total;
        entries << entry;
    }
    return entries;
}

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

} // namespace

std::optional<QList<TopEntry>> topList(Database &database, TopListKind kind, const AnalysisFilter &filter,
                                       int limit, QString *error)
{
    if (limit <= 0)
        return QList<TopEntry>();
    if (filter.text.isEmpty() && topaggregate::ensureCurrent(database))
        return listFromCounts(database.nativeHandle(), kind, filter, limit, error);

    const bool reasons = kind == TopListKind::Reasons;
    sql::Fragment statement;
    if (reasons) {
        // A handful of rows: ranked by name here, as the other lists by key.
        statement = rankedKeys(eventMember(kind, filter));
    } else {
        statement = {u"SELECT g.key_value, g.n, g.t, g.p, g.f, g.l, g.best, g.key_value, SUM(g.n) OVER () FROM ("_s, {}};
        statement.append(rankedKeys(eventMember(kind, filter)));
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
        std::sort(entries.begin(), entries.end(), [](const TopEntry &a, const TopEntry &b) {
            return a.attempts != b.attempts ? a.attempts > b.attempts : a.key < b.key;
        });
        if (entries.size() > limit)
            entries.resize(limit);
    }
    return entries;
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
