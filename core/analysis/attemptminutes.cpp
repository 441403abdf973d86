#include "attemptminutes.h"

#include "filtersql.h"
#include "store/database.h"

#include <QLoggingCategory>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

#include <optional>
#include <utility>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcAttemptMinutes, "rejectscope.attemptminutes", QtWarningMsg)

namespace rejectscope {

namespace {

// Sums the attempt tables again for the minutes [from, to), or for all of them.
// The range covers whole hours, so that attempt_hour's rows are complete.
bool resum(QSqlQuery &query, std::optional<std::pair<qint64, qint64>> range)
{
    const auto run = [&](const QString &sql) {
        if (!query.prepare(sql))
            return false;
        if (range) {
            query.addBindValue(range->first);
            query.addBindValue(range->second);
        }
        return query.exec();
    };
    const QString in = range ? u" WHERE minute >= ? AND minute < ?"_s : QString();
    const QString andIn = range ? u" AND c.minute >= ? AND c.minute < ?"_s : QString();
    return run(u"DELETE FROM attempt_minute"_s + in) && run(u"DELETE FROM attempt_minute_total"_s + in)
        && run(u"DELETE FROM attempt_hour"_s + in)
        && run(u"INSERT INTO attempt_minute (minute, direction, reason, temporary, permanent, accepted)"
               " SELECT c.minute, c.direction, c.reason, "_s
               + sql::attemptSums(u"c."_s) + u" FROM minute_count c WHERE "_s + sql::attemptCondition(u"c."_s)
               + andIn + u" GROUP BY c.minute, c.direction, c.reason"_s)
        && run(u"INSERT INTO attempt_minute_total (minute, direction, temporary, permanent, accepted)"
               " SELECT minute, direction, SUM(temporary), SUM(permanent), SUM(accepted)"
               " FROM attempt_minute"_s
               + in + u" GROUP BY minute, direction"_s)
        // Whole hours: the floor of minute / 60 (minutes before 1970 are negative).
        && run(u"INSERT INTO attempt_hour (minute, direction, reason, temporary, permanent, accepted)"
               " SELECT h.hour * 60, h.direction, h.reason, SUM(h.temporary), SUM(h.permanent),"
               " SUM(h.accepted) FROM (SELECT (CASE WHEN minute >= 0 THEN minute ELSE minute - 59 END) / 60"
               " AS hour, direction, reason, temporary, permanent, accepted FROM attempt_minute"_s
               + in + u") h GROUP BY h.hour, h.direction, h.reason"_s);
}

// Brings the tables up to date inside the caller's write transaction. Events are
// only ever added, and minute_count changes with them in the same transaction, so
// only the minutes of events after the recorded highest id need new sums.
bool refresh(QSqlDatabase db, std::optional<qint64> builtUpTo)
{
    QSqlQuery query(db);
    query.setForwardOnly(true);
    if (!query.prepare(u"SELECT MIN(time_ms), MAX(time_ms), MAX(id) FROM event WHERE id > ?"_s))
        return false;
    query.addBindValue(builtUpTo.value_or(0));
    if (!query.exec() || !query.next())
        return false;
    if (query.value(2).isNull())
        return true; // nothing new after all (another connection was first)
    const qint64 firstMinute = sql::floorDiv(query.value(0).toLongLong(), sql::minuteMs);
    const qint64 lastMinute = sql::floorDiv(query.value(1).toLongLong(), sql::minuteMs);
    const qint64 maxEventId = query.value(2).toLongLong();
    query.finish();
    std::optional<std::pair<qint64, qint64>> range;
    if (builtUpTo)
        range = std::pair{sql::floorDiv(firstMinute, 60) * 60, (sql::floorDiv(lastMinute, 60) + 1) * 60};
    if (!resum(query, range) || !query.exec(u"DELETE FROM attempt_minute_build"_s)
        || !query.prepare(u"INSERT INTO attempt_minute_build (id, max_event_id) VALUES (1, ?)"_s))
        return false;
    query.addBindValue(maxEventId);
    return query.exec();
}

} // namespace

bool ensureAttemptMinutes(Database &database)
{
    const Database::InterruptHold hold(database);
    QSqlDatabase db = database.connection();
    QSqlQuery query(db);
    const QString check = u"SELECT (SELECT max_event_id FROM attempt_minute_build WHERE id = 1),"
                          " (SELECT MAX(id) FROM event)"_s;
    if (!query.exec(check) || !query.next())
        return false;
    const std::optional<qint64> builtUpTo =
        query.value(0).isNull() ? std::nullopt : std::optional{query.value(0).toLongLong()};
    if (builtUpTo && *builtUpTo == query.value(1).toLongLong())
        return true;
    query.finish();
    // An SQLite write lock from the start: another connection committing between
    // our read and our write would otherwise fail the transaction.
    const bool sqlite = database.nativeHandle() != nullptr;
    if (sqlite ? !query.exec(u"BEGIN IMMEDIATE"_s) : !db.transaction()) {
        qCDebug(lcAttemptMinutes) << "cannot refresh:" << query.lastError().text();
        return false;
    }
    const bool ok = refresh(db, builtUpTo);
    const bool committed = ok && (sqlite ? query.exec(u"COMMIT"_s) : db.commit());
    if (!committed) {
        qCDebug(lcAttemptMinutes) << "cannot refresh:" << query.lastError().text() << db.lastError().text();
        if (sqlite)
            query.exec(u"ROLLBACK"_s);
        else
            db.rollback();
        return false;
    }
    return true;
}

} // namespace rejectscope
