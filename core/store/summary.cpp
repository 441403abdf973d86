#include "summary.h"

#include "database.h"

#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace rejectscope {

std::optional<Summary> loadSummary(Database &database, int sampleLimit, QString *error, SummaryParts parts)
{
    Summary summary;
    QSqlQuery query(database.connection());
    const auto run = [&](const QString &sql) {
        if (query.exec(sql))
            return true;
        if (error)
            *error = query.lastError().text();
        return false;
    };

    // Summed over every minute: the longest part by far on millions of events.
    if (parts == SummaryParts::All) {
        if (!run(u"SELECT direction, kind, code_class, reason, SUM(events) FROM minute_count"
                 " GROUP BY direction, kind, code_class, reason"_s))
            return std::nullopt;
        while (query.next()) {
            SummaryCell cell;
            cell.direction = Direction(query.value(0).toInt());
            cell.kind = EventKind(query.value(1).toInt());
            cell.codeClass = query.value(2).toInt();
            cell.reason = ReasonClass(query.value(3).toInt());
            cell.events = query.value(4).toLongLong();
            summary.cells << cell;
        }
        std::stable_sort(summary.cells.begin(), summary.cells.end(),
                         [](const SummaryCell &a, const SummaryCell &b) {
                             if (a.direction != b.direction)
                                 return a.direction < b.direction;
                             return a.events > b.events;
                         });
    }

    if (!run(u"SELECT COUNT(*), SUM(lines_read), SUM(events), SUM(ignored), SUM(foreign_lines),"
             " SUM(not_understood), SUM(truncated_lines), MIN(first_time_ms), MAX(last_time_ms)"
             " FROM source"_s))
        return std::nullopt;
    if (query.next()) {
        summary.sources = query.value(0).toLongLong();
        summary.linesRead = query.value(1).toLongLong();
        summary.events = query.value(2).toLongLong();
        summary.ignored = query.value(3).toLongLong();
        summary.foreignLines = query.value(4).toLongLong();
        summary.notUnderstood = query.value(5).toLongLong();
        summary.truncatedLines = query.value(6).toLongLong();
        if (!query.value(7).isNull())
            summary.firstTimeMs = query.value(7).toLongLong();
        if (!query.value(8).isNull())
            summary.lastTimeMs = query.value(8).toLongLong();
    }

    if (!run(u"SELECT name FROM host ORDER BY name"_s))
        return std::nullopt;
    while (query.next())
        summary.hosts << query.value(0).toString();

    query.prepare(u"SELECT s.path, u.line_offset, u.problem, u.text FROM unparsed_line u"
                  " JOIN source s ON s.id = u.source_id ORDER BY u.id LIMIT ?"_s);
    query.addBindValue(sampleLimit);
    if (!query.exec()) {
        if (error)
            *error = query.lastError().text();
        return std::nullopt;
    }
    while (query.next()) {
        summary.samples << StoredSample{query.value(0).toString(),
                                        UnparsedSample{query.value(1).toLongLong(),
                                                       query.value(2).toString(),
                                                       query.value(3).toString()}};
    }
    return summary;
}

} // namespace rejectscope
