#include "keyhours.h"

#include "filtersql.h"
#include "sqlitestatement.h"
#include "store/database.h"

#include <QElapsedTimer>
#include <QLoggingCategory>

#include <algorithm>
#include <map>
#include <tuple>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcKeyHours, "rejectscope.keyhours", QtWarningMsg)

namespace rejectscope::keyhours {

namespace {

// Hours start at multiples of an hour since 1970; SQLite's integer division
// truncates towards zero, so times before 1970 need the CASE.
const char *const hourSql = "(CASE WHEN time_ms >= 0 THEN time_ms / 3600000 ELSE (time_ms - 3599999) / 3600000 END)";

// One hour's attempts by (direction, reason, class).
using Group = std::tuple<int, int, int>;
struct GroupTally {
    std::int64_t attempts = 0;
    std::vector<std::int64_t> keys;
};
using HourTally = std::map<Group, GroupTally>;

QByteArray littleEndian(const std::vector<std::int64_t> &keys)
{
    QByteArray bytes(qsizetype(keys.size() * sizeof(std::int64_t)), Qt::Uninitialized);
    char *out = bytes.data();
    for (const std::int64_t key : keys) {
        auto v = std::uint64_t(key);
        for (int i = 0; i < 8; ++i, v >>= 8)
            *out++ = char(v & 0xff);
    }
    return bytes;
}

void appendLittleEndian(const void *blob, std::size_t count, std::vector<std::int64_t> &keys)
{
    const auto *in = static_cast<const unsigned char *>(blob);
    const std::size_t first = keys.size();
    keys.resize(first + count);
    for (std::size_t k = 0; k < count; ++k, in += 8) {
        std::uint64_t v = 0;
        for (int i = 7; i >= 0; --i)
            v = (v << 8) | in[i];
        keys[first + k] = std::int64_t(v);
    }
}

bool writeHour(SqliteStatement &insert, std::int64_t hour, HourTally &tally)
{
    for (auto &[group, counts] : tally) {
        std::vector<std::int64_t> &keys = counts.keys;
        keys.resize(std::size_t(distinctCount(keys)));
        const QByteArray blob = littleEndian(keys);
        sqlite3_stmt *s = insert.get();
        sqlite3_bind_int64(s, 1, hour);
        sqlite3_bind_int(s, 2, std::get<0>(group));
        sqlite3_bind_int(s, 3, std::get<1>(group));
        sqlite3_bind_int(s, 4, std::get<2>(group));
        sqlite3_bind_int64(s, 5, counts.attempts);
        sqlite3_bind_int64(s, 6, std::int64_t(keys.size()));
        sqlite3_bind_blob(s, 7, blob.constData(), int(blob.size()), SQLITE_STATIC);
        if (!insert.run())
            return false;
    }
    tally.clear();
    return true;
}

// Builds the hours [firstHour, lastHour] again from the events, one hour in
// memory at a time.
bool rebuildHours(sqlite3 *db, std::int64_t firstHour, std::int64_t lastHour)
{
    SqliteStatement remove(db, "DELETE FROM key_hour WHERE hour >= ? AND hour <= ?");
    SqliteStatement insert(db, "INSERT INTO key_hour (hour, direction, reason, klass, attempts, key_count, keys)"
                               " VALUES (?, ?, ?, ?, ?, ?, ?)");
    // ORDER BY time_ms: read along event_time, an hour after the other.
    const QByteArray scanSql = (u"SELECT time_ms, retry_key, direction, reason, "_s
                                + sql::effectiveClassExpression(QString())
                                + u" FROM event WHERE time_ms >= ? AND time_ms < ? AND retry_key <> 0 AND "_s
                                + sql::attemptCondition(QString()) + u" ORDER BY time_ms"_s)
                                   .toUtf8();
    SqliteStatement scan(db, scanSql.constData());
    if (!remove.ok() || !insert.ok() || !scan.ok())
        return false;
    sqlite3_bind_int64(remove.get(), 1, firstHour);
    sqlite3_bind_int64(remove.get(), 2, lastHour);
    if (!remove.run())
        return false;
    sqlite3_bind_int64(scan.get(), 1, firstHour * hourMs);
    sqlite3_bind_int64(scan.get(), 2, (lastHour + 1) * hourMs);
    HourTally tally;
    std::int64_t hour = firstHour;
    bool written = true;
    QString error;
    const bool scanned = scan.forEachRow(db, error, [&](sqlite3_stmt *row) {
        const std::int64_t rowHour = sql::floorDiv(sqlite3_column_int64(row, 0), hourMs);
        if (rowHour != hour) {
            written = written && writeHour(insert, hour, tally);
            hour = rowHour;
        }
        GroupTally &group = tally[{sqlite3_column_int(row, 2), sqlite3_column_int(row, 3), sqlite3_column_int(row, 4)}];
        ++group.attempts;
        group.keys.push_back(sqlite3_column_int64(row, 1));
    });
    return scanned && written && writeHour(insert, hour, tally);
}

bool refresh(sqlite3 *db)
{
    SqliteStatement state(db, "SELECT (SELECT max_event_id FROM key_hour_build WHERE id = 1), (SELECT MAX(id) FROM event)");
    if (!state.ok() || sqlite3_step(state.get()) != SQLITE_ROW)
        return false;
    const bool built = sqlite3_column_type(state.get(), 0) != SQLITE_NULL;
    const std::int64_t builtUpTo = built ? sqlite3_column_int64(state.get(), 0) : 0;
    const std::int64_t maxEventId = sqlite3_column_int64(state.get(), 1);
    sqlite3_reset(state.get());

    // Runs of hours to build again: those the new events fall in, or the first
    // time every hour from the first event's to the last's (one pass over the
    // events, not a second one to find their hours).
    std::vector<std::pair<std::int64_t, std::int64_t>> runs;
    QString error;
    if (!built) {
        SqliteStatement span(db, "SELECT (SELECT MIN(time_ms) FROM event), (SELECT MAX(time_ms) FROM event)");
        if (!span.ok() || sqlite3_step(span.get()) != SQLITE_ROW)
            return false;
        if (sqlite3_column_type(span.get(), 0) != SQLITE_NULL)
            runs.emplace_back(sql::floorDiv(sqlite3_column_int64(span.get(), 0), hourMs),
                              sql::floorDiv(sqlite3_column_int64(span.get(), 1), hourMs));
    } else {
        SqliteStatement touched(db, (std::string("SELECT DISTINCT ") + hourSql
                                     + " FROM event WHERE id > ? AND retry_key <> 0 ORDER BY 1")
                                        .c_str());
        if (!touched.ok())
            return false;
        sqlite3_bind_int64(touched.get(), 1, builtUpTo);
        const bool read = touched.forEachRow(db, error, [&](sqlite3_stmt *row) {
            const std::int64_t hour = sqlite3_column_int64(row, 0);
            if (!runs.empty() && runs.back().second + 1 == hour)
                runs.back().second = hour;
            else
                runs.emplace_back(hour, hour);
        });
        if (!read)
            return false;
    }
    for (const auto &[first, last] : runs) {
        if (!rebuildHours(db, first, last))
            return false;
    }
    SqliteStatement clear(db, "DELETE FROM key_hour_build");
    SqliteStatement record(db, "INSERT INTO key_hour_build (id, max_event_id) VALUES (1, ?)");
    if (!clear.ok() || !record.ok() || !clear.run())
        return false;
    sqlite3_bind_int64(record.get(), 1, maxEventId);
    return record.run();
}

} // namespace

bool ensureCurrent(Database &database)
{
    sqlite3 *db = database.nativeHandle();
    if (!db)
        return false;
    {
        SqliteStatement state(db, "SELECT (SELECT max_event_id FROM key_hour_build WHERE id = 1) = (SELECT MAX(id) FROM event)");
        if (!state.ok() || sqlite3_step(state.get()) != SQLITE_ROW)
            return false;
        if (sqlite3_column_int(state.get(), 0) == 1)
            return true;
    }
    QElapsedTimer timer;
    timer.start();
    QString why;
    if (!inWriteTransaction(db, why, [db] { return refresh(db); })) {
        qCDebug(lcKeyHours) << "cannot refresh:" << why;
        return false;
    }
    qCDebug(lcKeyHours) << "refreshed in" << timer.elapsed() << "ms";
    return true;
}

bool addStoredHours(sqlite3 *db, std::int64_t firstHour, std::int64_t endHour, const AnalysisFilter &filter,
                    KeyTally &tally, QString &error)
{
    sql::Where where;
    where.add(u"hour >= ?"_s, {qint64(firstHour)});
    where.add(u"hour < ?"_s, {qint64(endHour)});
    if (filter.direction)
        where.add(u"direction = ?"_s, {int(*filter.direction)});
    if (filter.reason)
        where.add(u"reason = ?"_s, {int(*filter.reason)});
    if (filter.codeClass)
        where.add(u"klass = ?"_s, {*filter.codeClass});
    const sql::Fragment statement = sql::Fragment{u"SELECT klass, attempts, key_count, keys FROM key_hour"_s, {}}
                                        .append(where.clause());
    SqliteStatement select(db, statement.text.toUtf8().toStdString());
    select.bind(statement.values);
    return select.forEachRow(db, error, [&](sqlite3_stmt *row) {
        const int klass = sqlite3_column_int(row, 0);
        const std::int64_t attempts = sqlite3_column_int64(row, 1);
        tally.attempts += attempts;
        tally.temporary += klass == 4 ? attempts : 0;
        tally.permanent += klass == 5 ? attempts : 0;
        const auto count = std::size_t(sqlite3_column_int64(row, 2));
        // A blob shorter than its count would be a damaged row: take what is there.
        const std::size_t stored = std::size_t(sqlite3_column_bytes(row, 3)) / sizeof(std::int64_t);
        appendLittleEndian(sqlite3_column_blob(row, 3), std::min(count, stored), tally.keys);
    });
}

std::int64_t distinctCount(std::vector<std::int64_t> &keys)
{
    std::sort(keys.begin(), keys.end());
    return std::unique(keys.begin(), keys.end()) - keys.begin();
}

} // namespace rejectscope::keyhours
