#include "analysis/advisorquery.h"

#include "analysis/filtersql.h"

#include "store/database.h"

#include <QSqlError>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace rejectscope::advisorquery {

namespace {

bool run(QSqlQuery &query, const QString &sql, const QVariantList &values, QString *error)
{
    query.setForwardOnly(true);
    if (query.prepare(sql)) {
        for (const QVariant &value : values)
            query.addBindValue(value);
        if (query.exec())
            return true;
    }
    if (error)
        *error = query.lastError().text();
    return false;
}

} // namespace

Where &Where::add(const QString &condition, const QVariantList &values)
{
    m_conditions << u'(' + condition + u')';
    m_values += values;
    return *this;
}

QString Where::sql() const
{
    return m_conditions.isEmpty() ? u"1 = 1"_s : m_conditions.join(u" AND "_s);
}

void addFilter(Where &where, const AnalysisFilter &filter, unsigned parts)
{
    if (parts & TimeRange) {
        if (filter.fromMs)
            where.add(u"time_ms >= ?"_s, {qint64(*filter.fromMs)});
        if (filter.toMs)
            where.add(u"time_ms < ?"_s, {qint64(*filter.toMs)});
    }
    if ((parts & CodeClass) && filter.codeClass)
        where.add(u"code_class = ?"_s, {*filter.codeClass});
    if ((parts & Reason) && filter.reason)
        where.add(u"reason = ?"_s, {int(*filter.reason)});
    if ((parts & Text) && !filter.text.isEmpty()) {
        // The fields the filter bar searches, as everywhere else.
        const sql::Fragment condition = sql::textCondition(filter.text, QString());
        where.add(condition.text, condition.values);
    }
}

void addReasonIn(Where &where, const QList<ReasonClass> &reasons)
{
    if (reasons.isEmpty()) {
        where.add(u"1 = 0"_s);
        return;
    }
    QStringList marks;
    QVariantList values;
    for (const ReasonClass reason : reasons) {
        marks << u"?"_s;
        values << int(reason);
    }
    where.add(u"reason IN ("_s + marks.join(u", "_s) + u')', values);
}

void addIntervals(Where &where, const QList<Interval> &intervals, bool inside)
{
    if (intervals.isEmpty()) {
        if (inside)
            where.add(u"1 = 0"_s);
        return;
    }
    QStringList terms;
    QVariantList values;
    for (const Interval &interval : intervals) {
        terms << u"(host_id = ? AND reason = ? AND time_ms >= ? AND time_ms <= ?)"_s;
        values << qint64(interval.hostId) << int(interval.reason) << qint64(interval.firstMs)
               << qint64(interval.lastMs);
    }
    const QString any = terms.join(u" OR "_s);
    where.add(inside ? any : u"NOT ("_s + any + u')', values);
}

std::optional<QList<Stats>> aggregate(Database &database, const Where &where,
                                      const QStringList &groupBy, const QString &clientColumn,
                                      QString *error)
{
    const QString groups = groupBy.join(u", "_s);
    QString sql = u"SELECT "_s;
    if (!groupBy.isEmpty())
        sql += groups + u", "_s;
    sql += u"COUNT(*), COUNT(DISTINCT sender), COUNT(DISTINCT "_s + clientColumn
        + u"), COUNT(DISTINCT CASE WHEN retry_key <> 0 THEN retry_key END),"
          " SUM(CASE WHEN retry_key = 0 THEN 1 ELSE 0 END),"
          " SUM(CASE WHEN code_class = 4 THEN 1 ELSE 0 END),"
          " COUNT(DISTINCT CASE WHEN code_class = 4 AND retry_key <> 0 THEN retry_key END),"
          " SUM(CASE WHEN code_class = 4 AND retry_key = 0 THEN 1 ELSE 0 END),"
          " MIN(time_ms), MAX(time_ms) FROM event WHERE "_s
        + where.sql();
    if (!groupBy.isEmpty())
        sql += u" GROUP BY "_s + groups + u" ORDER BY "_s + groups;

    QSqlQuery query(database.connection());
    if (!run(query, sql, where.values(), error))
        return std::nullopt;
    QList<Stats> result;
    const int g = int(groupBy.size());
    while (query.next()) {
        Stats s;
        for (int i = 0; i < g; ++i)
            s.group << query.value(i);
        s.events = query.value(g).toLongLong();
        if (s.events == 0)
            continue; // the one row an aggregate without GROUP BY gives for no events
        s.senders = query.value(g + 1).toLongLong();
        s.clients = query.value(g + 2).toLongLong();
        s.keys = query.value(g + 3).toLongLong() + query.value(g + 4).toLongLong();
        s.temporaryEvents = query.value(g + 5).toLongLong();
        s.temporaryKeys = query.value(g + 6).toLongLong() + query.value(g + 7).toLongLong();
        s.firstMs = query.value(g + 8).toLongLong();
        s.lastMs = query.value(g + 9).toLongLong();
        result << s;
    }
    return result;
}

std::optional<Example> firstExample(Database &database, const Where &where, QString *error)
{
    QSqlQuery query(database.connection());
    // LIMIT is not in the SQL standard but both SQLite and PostgreSQL have it.
    if (!run(query,
             u"SELECT reply, sender, recipient, client_name, client_ip, relay, direction FROM event"
             " WHERE "_s + where.sql() + u" ORDER BY time_ms, id LIMIT 1"_s,
             where.values(), error))
        return std::nullopt;
    Example example;
    if (query.next()) {
        example.reply = query.value(0).toString();
        example.sender = query.value(1).toString();
        example.recipient = query.value(2).toString();
        if (query.value(6).toInt() == int(Direction::Inbound)) {
            const QString name = query.value(3).toString();
            const QString ip = query.value(4).toString();
            example.client = name.isEmpty() ? ip : name + u'[' + ip + u']';
        } else {
            example.client = query.value(5).toString();
        }
    }
    return example;
}

std::optional<QVariant> mostFrequent(Database &database, const Where &where, const QString &column,
                                     QString *error)
{
    QSqlQuery query(database.connection());
    if (!run(query,
             u"SELECT "_s + column + u", COUNT(*) AS n FROM event WHERE "_s + where.sql()
                 + u" GROUP BY "_s + column + u" ORDER BY n DESC, "_s + column + u" LIMIT 1"_s,
             where.values(), error))
        return std::nullopt;
    return query.next() ? query.value(0) : QVariant();
}

} // namespace rejectscope::advisorquery
