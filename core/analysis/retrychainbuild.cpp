// RetryChains::rebuild() and ensureBuilt(): the one pass over the event_retry index
// that fills retry_chain. SQLite goes through its C API (the hot path: millions of
// rows each way); any other Qt Sql driver through QSqlQuery, with the same SQL.

#include "chainbuilder.h"
#include "retrychains.h"
#include "sqlitestatement.h"
#include "store/database.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QLoggingCategory>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

#include <sqlite3.h>

#include <algorithm>
#include <array>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcChains, "rejectscope.chains", QtWarningMsg)

namespace rejectscope {

namespace {

// The scan: "retry_key <> 0" lets SQLite read the partial covering index
// event_retry alone, already in (retry_key, time_ms) order: no sort, no table rows.
constexpr const char scanSql[] =
    "SELECT retry_key, time_ms, code_class, status, kind, reason, id FROM event"
    " WHERE retry_key <> 0 AND kind IN (0, 2) ORDER BY retry_key, time_ms";
constexpr const char insertSql[] =
    "INSERT INTO retry_chain (retry_key, direction, reason, outcome, first_ms, last_ms, attempts,"
    " temporary_attempts, permanent_attempts, median_interval_ms, first_event_id, last_event_id)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
constexpr const char expiriesSql[] =
    "SELECT queue_id, time_ms FROM event WHERE kind = 4 AND queue_id IS NOT NULL";
constexpr const char queueIdSql[] = "SELECT queue_id FROM event WHERE id = ?";
// Deliveries that reached a mailbox, by case-folded sender and recipient: an inbound
// key that was refused with 4xx and then shows up here was let in at last.
constexpr const char deliveredSql[] =
    "SELECT lower(sender), lower(recipient), time_ms FROM event"
    " WHERE kind = 2 AND status = 1 AND sender IS NOT NULL AND recipient IS NOT NULL";
constexpr const char pairSql[] = "SELECT lower(sender), lower(recipient) FROM event WHERE id = ?";
constexpr const char extentSql[] = "SELECT (SELECT MAX(id) FROM event), (SELECT MAX(time_ms) FROM event)";
constexpr const char buildRowSql[] =
    "INSERT INTO retry_chain_build (id, gap_ms, max_event_id, end_ms, longest_ms, chains,"
    " built_at_ms) VALUES (1, ?, ?, ?, ?, ?, ?)";

// Expiry times by queue id (qmgr status=expired lines: few).
using Expiries = std::unordered_map<std::string, std::vector<std::int64_t>>;

bool expiredWithin(const Expiries &expiries, const std::string &queueId, std::int64_t fromMs,
                   std::int64_t toMs)
{
    const auto it = expiries.find(queueId);
    if (it == expiries.end())
        return false;
    for (const std::int64_t t : it->second) {
        if (t >= fromMs && t <= toMs)
            return true;
    }
    return false;
}

// Delivery times by a hash of (sender, recipient), case-folded.
using Deliveries = std::unordered_map<std::size_t, std::vector<std::int64_t>>;

std::size_t pairHash(std::string_view sender, std::string_view recipient)
{
    std::string key;
    key.reserve(sender.size() + recipient.size() + 1);
    key.append(sender).append(1, '\x1f').append(recipient);
    return std::hash<std::string>{}(key);
}

std::string_view columnText(sqlite3_stmt *statement, int column)
{
    return {reinterpret_cast<const char *>(sqlite3_column_text(statement, column)),
            std::size_t(sqlite3_column_bytes(statement, column))};
}

bool deliveredWithin(const Deliveries &deliveries, std::size_t pair, std::int64_t fromMs,
                     std::int64_t toMs)
{
    const auto it = deliveries.find(pair);
    if (it == deliveries.end())
        return false;
    return std::any_of(it->second.begin(), it->second.end(),
                       [&](std::int64_t t) { return t >= fromMs && t <= toMs; });
}

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(RetryChains)
};

using Statement = SqliteStatement;

// Chains and attempts per (direction, reason, outcome, has 4xx, has 5xx): the rows
// of retry_chain_total.
using TotalKey = std::array<int, 5>;
using TotalsByKey = std::map<TotalKey, std::pair<std::int64_t, std::int64_t>>;

struct BuildResult {
    std::int64_t maxEventId = 0;
    std::int64_t endMs = 0;
    std::int64_t chains = 0;
    std::int64_t longestMs = 0;
    TotalsByKey totals;

    void count(const ChainRow &c)
    {
        auto &[chainCount, attemptCount] = totals[{int(c.direction), int(c.reason), int(c.outcome),
                                           c.temporaryAttempts > 0 ? 1 : 0, c.permanentAttempts > 0 ? 1 : 0}];
        ++chainCount;
        attemptCount += c.attempts;
    }
};

// Runs the whole build inside the caller's write transaction.
bool buildNative(sqlite3 *db, std::int64_t gapMs, BuildResult &result, QString &error)
{
    const auto fail = [&](const char *what) {
        error = Tr::tr("cannot build the retry chains (%1): %2")
                    .arg(QString::fromUtf8(what), QString::fromUtf8(sqlite3_errmsg(db)));
        return false;
    };
    {
        Statement extent(db, extentSql);
        if (!extent.ok() || sqlite3_step(extent.get()) != SQLITE_ROW)
            return fail("extent");
        result.maxEventId = sqlite3_column_int64(extent.get(), 0);
        result.endMs = sqlite3_column_int64(extent.get(), 1);
    }
    Expiries expiries;
    {
        Statement scan(db, expiriesSql);
        if (!scan.ok())
            return fail("expiries");
        int rc;
        while ((rc = sqlite3_step(scan.get())) == SQLITE_ROW) {
            const auto *text = reinterpret_cast<const char *>(sqlite3_column_text(scan.get(), 0));
            const int size = sqlite3_column_bytes(scan.get(), 0);
            expiries[std::string(text, std::size_t(size))].push_back(sqlite3_column_int64(scan.get(), 1));
        }
        if (rc != SQLITE_DONE)
            return fail("expiries");
    }
    Deliveries deliveries;
    {
        Statement scan(db, deliveredSql);
        if (!scan.ok())
            return fail("deliveries");
        int rc;
        while ((rc = sqlite3_step(scan.get())) == SQLITE_ROW) {
            deliveries[pairHash(columnText(scan.get(), 0), columnText(scan.get(), 1))].push_back(
                sqlite3_column_int64(scan.get(), 2));
        }
        if (rc != SQLITE_DONE)
            return fail("deliveries");
    }
    if (sqlite3_exec(db, "DELETE FROM retry_chain", nullptr, nullptr, nullptr) != SQLITE_OK)
        return fail("delete");
    // Millions of rows: the indexes are dropped and built again after the
    // inserts, from their own definitions in the schema (one sort each instead
    // of a random B-tree insert per row and index).
    std::vector<std::pair<std::string, std::string>> indexes;
    {
        Statement list(db, "SELECT name, sql FROM sqlite_master WHERE type = 'index'"
                           " AND tbl_name = 'retry_chain' AND sql IS NOT NULL");
        if (!list.ok())
            return fail("indexes");
        while (sqlite3_step(list.get()) == SQLITE_ROW) {
            indexes.emplace_back(reinterpret_cast<const char *>(sqlite3_column_text(list.get(), 0)),
                                 reinterpret_cast<const char *>(sqlite3_column_text(list.get(), 1)));
        }
    }
    for (const auto &index : indexes) {
        // The name comes from sqlite_master, i.e. from our own schema.
        const std::string drop = "DROP INDEX \"" + index.first + '"';
        if (sqlite3_exec(db, drop.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK)
            return fail("drop index");
    }

    Statement queueId(db, queueIdSql);
    Statement pair(db, pairSql);
    Statement insert(db, insertSql);
    Statement scan(db, scanSql);
    if (!queueId.ok() || !pair.ok() || !insert.ok() || !scan.ok())
        return fail("prepare");

    const auto accepted = [&](std::int64_t firstEventId, std::int64_t fromMs, std::int64_t toMs) {
        if (deliveries.empty())
            return false;
        sqlite3_stmt *s = pair.get();
        sqlite3_bind_int64(s, 1, firstEventId);
        bool found = false;
        if (sqlite3_step(s) == SQLITE_ROW && sqlite3_column_type(s, 0) != SQLITE_NULL
            && sqlite3_column_type(s, 1) != SQLITE_NULL) {
            found = deliveredWithin(deliveries, pairHash(columnText(s, 0), columnText(s, 1)), fromMs, toMs);
        }
        sqlite3_reset(s);
        return found;
    };

    const auto expiry = [&](std::int64_t firstEventId, std::int64_t fromMs, std::int64_t toMs) {
        if (expiries.empty())
            return false;
        sqlite3_stmt *s = queueId.get();
        sqlite3_bind_int64(s, 1, firstEventId);
        bool expired = false;
        if (sqlite3_step(s) == SQLITE_ROW && sqlite3_column_type(s, 0) != SQLITE_NULL) {
            const auto *text = reinterpret_cast<const char *>(sqlite3_column_text(s, 0));
            expired = expiredWithin(expiries, std::string(text, std::size_t(sqlite3_column_bytes(s, 0))),
                                    fromMs, toMs);
        }
        sqlite3_reset(s);
        return expired;
    };
    const auto sink = [&](const ChainRow &c) {
        sqlite3_stmt *s = insert.get();
        sqlite3_bind_int64(s, 1, c.retryKey);
        sqlite3_bind_int(s, 2, int(c.direction));
        sqlite3_bind_int(s, 3, int(c.reason));
        sqlite3_bind_int(s, 4, int(c.outcome));
        sqlite3_bind_int64(s, 5, c.firstMs);
        sqlite3_bind_int64(s, 6, c.lastMs);
        sqlite3_bind_int(s, 7, c.attempts);
        sqlite3_bind_int(s, 8, c.temporaryAttempts);
        sqlite3_bind_int(s, 9, c.permanentAttempts);
        sqlite3_bind_int64(s, 10, c.medianIntervalMs);
        sqlite3_bind_int64(s, 11, c.firstEventId);
        sqlite3_bind_int64(s, 12, c.lastEventId);
        const int rc = sqlite3_step(s);
        sqlite3_reset(s);
        result.count(c);
        return rc == SQLITE_DONE;
    };
    ChainBuilder builder(gapMs, result.endMs, expiry, accepted, sink);
    QElapsedTimer phase;
    phase.start();
    sqlite3_stmt *s = scan.get();
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        const AttemptRow row{sqlite3_column_int64(s, 0), sqlite3_column_int64(s, 1),
                             sqlite3_column_int(s, 2),   sqlite3_column_int(s, 3),
                             sqlite3_column_int(s, 4),   sqlite3_column_int(s, 5),
                             sqlite3_column_int64(s, 6)};
        if (!builder.add(row))
            return fail("insert");
    }
    if (rc != SQLITE_DONE)
        return fail("scan");
    if (!builder.finish())
        return fail("insert");
    qCDebug(lcChains) << "scan and insert:" << phase.restart() << "ms";
    for (const auto &index : indexes) {
        if (sqlite3_exec(db, index.second.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK)
            return fail("create index");
        qCDebug(lcChains) << "index" << index.first.c_str() << phase.restart() << "ms";
    }
    result.chains = builder.chains();
    result.longestMs = builder.longestMs();
    return true;
}

// The same with QSqlQuery, for drivers other than SQLite.
bool buildPortable(QSqlDatabase db, std::int64_t gapMs, BuildResult &result, QString &error)
{
    QSqlQuery query(db);
    query.setForwardOnly(true);
    const auto fail = [&](const QSqlQuery &q) {
        error = Tr::tr("cannot build the retry chains: %1").arg(q.lastError().text());
        return false;
    };
    if (!query.exec(QString::fromLatin1(extentSql)) || !query.next())
        return fail(query);
    result.maxEventId = query.value(0).toLongLong();
    result.endMs = query.value(1).toLongLong();
    Expiries expiries;
    if (!query.exec(QString::fromLatin1(expiriesSql)))
        return fail(query);
    while (query.next())
        expiries[query.value(0).toString().toStdString()].push_back(query.value(1).toLongLong());
    Deliveries deliveries;
    if (!query.exec(QString::fromLatin1(deliveredSql)))
        return fail(query);
    while (query.next()) {
        deliveries[pairHash(query.value(0).toString().toStdString(), query.value(1).toString().toStdString())]
            .push_back(query.value(2).toLongLong());
    }
    if (!query.exec(u"DELETE FROM retry_chain"_s))
        return fail(query);

    QSqlQuery queueId(db);
    QSqlQuery pair(db);
    QSqlQuery insert(db);
    if (!queueId.prepare(QString::fromLatin1(queueIdSql)) || !pair.prepare(QString::fromLatin1(pairSql))
        || !insert.prepare(QString::fromLatin1(insertSql)))
        return fail(insert);
    const auto accepted = [&](std::int64_t firstEventId, std::int64_t fromMs, std::int64_t toMs) {
        if (deliveries.empty())
            return false;
        pair.addBindValue(qint64(firstEventId));
        return pair.exec() && pair.next() && !pair.value(0).isNull() && !pair.value(1).isNull()
            && deliveredWithin(deliveries,
                               pairHash(pair.value(0).toString().toStdString(),
                                        pair.value(1).toString().toStdString()),
                               fromMs, toMs);
    };
    const auto expiry = [&](std::int64_t firstEventId, std::int64_t fromMs, std::int64_t toMs) {
        if (expiries.empty())
            return false;
        queueId.addBindValue(qint64(firstEventId));
        return queueId.exec() && queueId.next()
            && expiredWithin(expiries, queueId.value(0).toString().toStdString(), fromMs, toMs);
    };
    const auto sink = [&](const ChainRow &c) {
        for (const QVariant &v : {QVariant(qint64(c.retryKey)), QVariant(int(c.direction)),
                                  QVariant(int(c.reason)), QVariant(int(c.outcome)),
                                  QVariant(qint64(c.firstMs)), QVariant(qint64(c.lastMs)),
                                  QVariant(c.attempts), QVariant(c.temporaryAttempts),
                                  QVariant(c.permanentAttempts), QVariant(qint64(c.medianIntervalMs)),
                                  QVariant(qint64(c.firstEventId)), QVariant(qint64(c.lastEventId))})
            insert.addBindValue(v);
        result.count(c);
        return insert.exec();
    };
    ChainBuilder builder(gapMs, result.endMs, expiry, accepted, sink);
    if (!query.exec(QString::fromLatin1(scanSql)))
        return fail(query);
    while (query.next()) {
        const AttemptRow row{query.value(0).toLongLong(), query.value(1).toLongLong(),
                             query.value(2).toInt(),      query.value(3).toInt(),
                             query.value(4).toInt(),      query.value(5).toInt(),
                             query.value(6).toLongLong()};
        if (!builder.add(row))
            return fail(insert);
    }
    if (query.lastError().isValid() || !builder.finish())
        return fail(query.lastError().isValid() ? query : insert);
    result.chains = builder.chains();
    result.longestMs = builder.longestMs();
    return true;
}

} // namespace

RetryChains::RetryChains(Database &database)
    : m_database(database)
{
}

bool RetryChains::ensureBuilt(const ChainOptions &options)
{
    const Database::InterruptHold hold(m_database);
    QSqlQuery query(m_database.connection());
    if (!query.exec(u"SELECT b.gap_ms, b.max_event_id, (SELECT MAX(id) FROM event)"
                    " FROM retry_chain_build b WHERE b.id = 1"_s)) {
        m_error = Tr::tr("cannot read the retry chains: %1").arg(query.lastError().text());
        return false;
    }
    const bool current = query.next() && query.value(0).toLongLong() == options.gapMs
        && query.value(1).toLongLong() == query.value(2).toLongLong();
    query.finish(); // no statement may be left open across the rebuild's transaction
    return current || rebuild(options);
}

bool RetryChains::rebuild(const ChainOptions &options)
{
    if (options.gapMs <= 0) {
        m_error = Tr::tr("the chain gap must be positive");
        return false;
    }
    QElapsedTimer timer;
    timer.start();
    QSqlDatabase db = m_database.connection();
    sqlite3 *native = m_database.nativeHandle();
    BuildResult result;
    QString error;
    bool ok;
    struct RestoreTempStore {
        sqlite3 *db;
        ~RestoreTempStore()
        {
            if (db)
                sqlite3_exec(db, "PRAGMA temp_store = MEMORY", nullptr, nullptr, nullptr);
        }
    } restore{native};
    if (native) {
        // The index builds sort millions of entries: SQLite's sorter spills to
        // temporary files, which are several times faster than its in-memory
        // ones (the connection's temp_store=MEMORY, restored on return).
        sqlite3_exec(native, "PRAGMA temp_store = FILE", nullptr, nullptr, nullptr);
        // IMMEDIATE: take the write lock before reading, so that an import
        // committing meanwhile cannot invalidate the snapshot the chains are built
        // from (and the recorded highest event id is the one they cover).
        if (sqlite3_exec(native, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) != SQLITE_OK) {
            m_error = Tr::tr("cannot build the retry chains: %1").arg(QString::fromUtf8(sqlite3_errmsg(native)));
            return false;
        }
        ok = buildNative(native, options.gapMs, result, error);
    } else {
        if (!db.transaction()) {
            m_error = Tr::tr("cannot build the retry chains: %1").arg(db.lastError().text());
            return false;
        }
        ok = buildPortable(db, options.gapMs, result, error);
    }

    QSqlQuery query(db);
    if (ok) {
        ok = query.exec(u"DELETE FROM retry_chain_total"_s)
            && query.prepare(u"INSERT INTO retry_chain_total (direction, reason, outcome, has_temporary,"
                             " has_permanent, chains, attempts) VALUES (?, ?, ?, ?, ?, ?, ?)"_s);
        for (auto it = result.totals.cbegin(); ok && it != result.totals.cend(); ++it) {
            for (const int v : it->first)
                query.addBindValue(v);
            query.addBindValue(qint64(it->second.first));
            query.addBindValue(qint64(it->second.second));
            ok = query.exec();
        }
        ok = ok && query.exec(u"DELETE FROM retry_chain_build"_s) && query.prepare(QString::fromLatin1(buildRowSql));
        if (ok) {
            for (const qint64 v : {qint64(options.gapMs), qint64(result.maxEventId), qint64(result.endMs),
                                   qint64(result.longestMs), qint64(result.chains),
                                   qint64(QDateTime::currentMSecsSinceEpoch())})
                query.addBindValue(v);
            ok = query.exec();
        }
        if (!ok)
            error = Tr::tr("cannot build the retry chains: %1").arg(query.lastError().text());
    }
    const bool committed = ok
        && (native ? sqlite3_exec(native, "COMMIT", nullptr, nullptr, nullptr) == SQLITE_OK : db.commit());
    if (!committed) {
        if (ok)
            error = Tr::tr("cannot build the retry chains: %1")
                        .arg(native ? QString::fromUtf8(sqlite3_errmsg(native)) : db.lastError().text());
        if (native)
            sqlite3_exec(native, "ROLLBACK", nullptr, nullptr, nullptr);
        else
            db.rollback();
        m_error = error;
        return false;
    }
    qCDebug(lcChains) << "built" << result.chains << "chains up to event" << result.maxEventId
                      << "in" << timer.elapsed() << "ms";
    return true;
}

} // namespace rejectscope
