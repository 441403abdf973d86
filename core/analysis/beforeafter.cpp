// Before/after figures around a moment and the user's markers (declared in
// switchpoints.h).

#include "switchpoints.h"

#include "filtersql.h"
#include "attemptcolumns.h"
#include "sqlitestatement.h"
#include "store/database.h"
#include "topaggregate.h"

#include <QCoreApplication>
#include <QSqlError>
#include <QSqlQuery>

#include <sqlite3.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

using namespace Qt::StringLiterals;

namespace rejectscope {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(BeforeAfter)
};

template<typename T>
std::optional<T> failWith(QString *error, const QString &message)
{
    if (error)
        *error = message;
    return std::nullopt;
}

// Change in percent of `after` against `before`; NaN when there is nothing to
// compare against.
double percentChange(double before, double after)
{
    if (before == 0)
        return std::numeric_limits<double>::quiet_NaN();
    return (after - before) / before * 100.0;
}

// Attempts with a retry key, and the keys (each as often as it was met).
struct KeyTally {
    std::int64_t attempts = 0;
    std::int64_t temporary = 0; // of them 4xx / deferred
    std::int64_t permanent = 0; // of them 5xx / bounced
    std::vector<std::int64_t> keys;

    std::int64_t distinctKeys()
    {
        std::sort(keys.begin(), keys.end());
        return std::unique(keys.begin(), keys.end()) - keys.begin();
    }
};

// Adds the attempts of [fromMs, toMs) that match the filter, read from event.
bool addEvents(sqlite3 *db, std::int64_t fromMs, std::int64_t toMs, const AnalysisFilter &filter,
               KeyTally &tally, QString &error)
{
    // Attempts are those of retry chains: a key of 0 (a delivery line without a
    // queue id) is no key and is left out.
    sql::Where where;
    where.add(u"e.time_ms >= ?"_s, {qint64(fromMs)});
    where.add(u"e.time_ms < ?"_s, {qint64(toMs)});
    where.add(u"e.retry_key <> 0"_s);
    where.add(sql::attemptCondition(u"e."_s));
    sql::addClassTerms(where, filter, u"e."_s);
    sql::addTextTerms(where, filter.text, u"e."_s, sql::textMatchesKept(db, filter.text), {fromMs, toMs});
    sql::Fragment statement{u"SELECT e.retry_key, CASE WHEN "_s + sql::temporaryCondition(u"e."_s)
                                + u" THEN 4 WHEN "_s + sql::permanentCondition(u"e."_s)
                                + u" THEN 5 ELSE 0 END FROM event e"_s,
                            {}};
    statement.append(where.clause());
    SqliteStatement select(db, statement.text.toUtf8().toStdString());
    select.bind(statement.values);
    return select.forEachRow(db, error, [&](sqlite3_stmt *row) {
        ++tally.attempts;
        const int klass = sqlite3_column_int(row, 1);
        tally.temporary += klass == 4 ? 1 : 0;
        tally.permanent += klass == 5 ? 1 : 0;
        tally.keys.push_back(sqlite3_column_int64(row, 0));
    });
}

void finishFigures(WindowFigures &f, std::int64_t temporary, std::int64_t permanent, std::int64_t windowMs)
{
    f.retries = f.attempts - f.distinctKeys;
    const double hours = double(windowMs) / 3600000.0;
    f.attemptsPerHour = double(f.attempts) / hours;
    f.keysPerHour = double(f.distinctKeys) / hours;
    f.retriesPerHour = double(f.retries) / hours;
    f.amplification = f.distinctKeys > 0 ? double(f.attempts) / double(f.distinctKeys) : 0.0;
    f.temporaryShare = temporary + permanent > 0 ? double(temporary) / double(temporary + permanent) : 0.0;
}

} // namespace

std::optional<BeforeAfter> compareAround(Database &database, std::int64_t timeMs, std::int64_t windowMs,
                                         const AnalysisFilter &filter, QString *error)
{
    QSqlQuery query(database.connection());
    query.setForwardOnly(true);
    if (windowMs <= 0) {
        // The largest equal span on both sides within the log. event_time answers
        // MIN and MAX from the index, each in a SELECT of its own: SQLite takes the
        // shortcut for one such aggregate only, and scans for two.
        if (!query.exec(u"SELECT (SELECT MIN(time_ms) FROM event), (SELECT MAX(time_ms) FROM event)"_s) || !query.next())
            return failWith<BeforeAfter>(error, Tr::tr("cannot read the events: %1").arg(query.lastError().text()));
        if (query.value(0).isNull())
            return failWith<BeforeAfter>(error, Tr::tr("the database holds no events"));
        const std::int64_t first = query.value(0).toLongLong();
        const std::int64_t last = query.value(1).toLongLong();
        windowMs = std::min(timeMs - first, last + 1 - timeMs);
        query.finish();
        if (windowMs <= 0)
            return failWith<BeforeAfter>(error, Tr::tr("the moment is not inside the log"));
    }

    BeforeAfter result;
    result.timeMs = timeMs;
    result.windowMs = windowMs;
    std::int64_t temporary[2] = {0, 0};
    std::int64_t permanent[2] = {0, 0};
    sqlite3 *native = database.nativeHandle();
    if (native && filter.text.isEmpty() && topaggregate::ensureCurrent(database)) {
        // The packed attempts in memory: tens of milliseconds for windows of days,
        // where reading the events takes seconds.
        QString why;
        const std::shared_ptr<const AttemptColumns> columns = AttemptColumns::of(database, &why);
        if (!columns)
            return failWith<BeforeAfter>(error, why);
        for (const int side : {0, 1}) {
            AnalysisFilter window = filter;
            window.fromMs = side == 0 ? timeMs - windowMs : timeMs;
            window.toMs = *window.fromMs + windowMs;
            const AttemptColumns::WindowTally tally = columns->tally(window);
            WindowFigures &f = side == 0 ? result.before : result.after;
            f.attempts = tally.attempts;
            f.distinctKeys = tally.distinctKeys;
            temporary[side] = tally.temporary;
            permanent[side] = tally.permanent;
        }
    } else if (native) {
        // Free text, or a database the packed attempts cannot be written to: the
        // events, their distinct keys counted in memory (several times faster
        // than SQLite's COUNT(DISTINCT) on hundreds of thousands of rows).
        for (const int side : {0, 1}) {
            KeyTally tally;
            QString why;
            const std::int64_t from = side == 0 ? timeMs - windowMs : timeMs;
            if (!addEvents(native, from, from + windowMs, filter, tally, why))
                return failWith<BeforeAfter>(error, Tr::tr("cannot read the events: %1").arg(why));
            WindowFigures &f = side == 0 ? result.before : result.after;
            f.attempts = tally.attempts;
            f.distinctKeys = tally.distinctKeys();
            temporary[side] = tally.temporary;
            permanent[side] = tally.permanent;
        }
    } else {
        sql::Where where;
        where.add(u"e.time_ms >= ?"_s, {qint64(timeMs - windowMs)});
        where.add(u"e.time_ms < ?"_s, {qint64(timeMs + windowMs)});
        where.add(sql::attemptCondition(u"e."_s));
        sql::addClassTerms(where, filter, u"e."_s);
        sql::addTextTerms(where, database, filter.text, u"e."_s, {timeMs - windowMs, timeMs + windowMs});
        sql::Fragment statement{
            u"SELECT CASE WHEN e.time_ms < ? THEN 0 ELSE 1 END AS side,"
            " SUM(CASE WHEN e.retry_key <> 0 THEN 1 ELSE 0 END),"
            " COUNT(DISTINCT CASE WHEN e.retry_key <> 0 THEN e.retry_key END),"
            " SUM(CASE WHEN e.retry_key <> 0 AND "_s
                + sql::temporaryCondition(u"e."_s) + u" THEN 1 ELSE 0 END),"
                " SUM(CASE WHEN e.retry_key <> 0 AND "_s
                + sql::permanentCondition(u"e."_s) + u" THEN 1 ELSE 0 END) FROM event e"_s,
            {qint64(timeMs)}};
        statement.append(where.clause());
        statement.append(u" GROUP BY side"_s);
        if (!query.prepare(statement.text))
            return failWith<BeforeAfter>(error, Tr::tr("cannot read the events: %1").arg(query.lastError().text()));
        sql::bind(query, statement.values);
        if (!query.exec())
            return failWith<BeforeAfter>(error, Tr::tr("cannot read the events: %1").arg(query.lastError().text()));
        while (query.next()) {
            const int side = query.value(0).toInt();
            WindowFigures &f = side == 0 ? result.before : result.after;
            f.attempts = query.value(1).toLongLong();
            f.distinctKeys = query.value(2).toLongLong();
            temporary[side] = query.value(3).toLongLong();
            permanent[side] = query.value(4).toLongLong();
        }
    }
    finishFigures(result.before, temporary[0], permanent[0], windowMs);
    finishFigures(result.after, temporary[1], permanent[1], windowMs);
    result.attemptsChange = percentChange(result.before.attemptsPerHour, result.after.attemptsPerHour);
    result.keysChange = percentChange(result.before.keysPerHour, result.after.keysPerHour);
    result.retriesChange = percentChange(result.before.retriesPerHour, result.after.retriesPerHour);
    result.amplificationChange = percentChange(result.before.amplification, result.after.amplification);
    result.temporaryShareChange = (result.after.temporaryShare - result.before.temporaryShare) * 100.0;
    return result;
}

std::optional<QList<Marker>> markers(Database &database, QString *error)
{
    QSqlQuery query(database.connection());
    query.setForwardOnly(true);
    if (!query.exec(u"SELECT id, time_ms, label FROM marker ORDER BY time_ms, id"_s))
        return failWith<QList<Marker>>(error, Tr::tr("cannot read the markers: %1").arg(query.lastError().text()));
    QList<Marker> result;
    while (query.next())
        result << Marker{query.value(0).toLongLong(), query.value(1).toLongLong(), query.value(2).toString()};
    return result;
}

std::optional<Marker> addMarker(Database &database, std::int64_t timeMs, const QString &label, QString *error)
{
    QSqlQuery query(database.connection());
    if (!query.prepare(u"INSERT INTO marker (time_ms, label) VALUES (?, ?)"_s))
        return failWith<Marker>(error, Tr::tr("cannot store the marker: %1").arg(query.lastError().text()));
    query.addBindValue(qint64(timeMs));
    query.addBindValue(label.isNull() ? u""_s : label); // NOT NULL column
    if (!query.exec())
        return failWith<Marker>(error, Tr::tr("cannot store the marker: %1").arg(query.lastError().text()));
    return Marker{query.lastInsertId().toLongLong(), timeMs, label};
}

bool removeMarker(Database &database, std::int64_t id, QString *error)
{
    QSqlQuery query(database.connection());
    if (!query.prepare(u"DELETE FROM marker WHERE id = ?"_s)) {
        failWith<bool>(error, Tr::tr("cannot remove the marker: %1").arg(query.lastError().text()));
        return false;
    }
    query.addBindValue(qint64(id));
    if (!query.exec()) {
        failWith<bool>(error, Tr::tr("cannot remove the marker: %1").arg(query.lastError().text()));
        return false;
    }
    if (query.numRowsAffected() > 0)
        return true;
    failWith<bool>(error, Tr::tr("there is no such marker"));
    return false;
}

} // namespace rejectscope
