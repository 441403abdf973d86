#include "table.h"

#include "csvwriter.h"

#include <QDateTime>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace rejectscope {

bool writeCsv(const Table &table, QIODevice *device)
{
    CsvWriter writer(device);
    QList<QVariant> header;
    for (const QString &column : table.columns)
        header << column;
    writer.writeRow(header);
    for (const QList<QVariant> &row : table.rows)
        writer.writeRow(row);
    return writer.ok();
}

QJsonArray toJson(const Table &table)
{
    QJsonArray array;
    for (const QList<QVariant> &row : table.rows) {
        QJsonObject object;
        for (qsizetype i = 0; i < table.columns.size() && i < row.size(); ++i)
            object.insert(table.columns.at(i), QJsonValue::fromVariant(row.at(i)));
        array.append(object);
    }
    return array;
}

QString isoUtc(qint64 timeMs)
{
    return QDateTime::fromMSecsSinceEpoch(timeMs, QTimeZone::utc()).toString(Qt::ISODate);
}

QString isoLocal(qint64 timeMs, const QTimeZone &zone)
{
    return QDateTime::fromMSecsSinceEpoch(timeMs, zone).toString(Qt::ISODate);
}

} // namespace rejectscope
