#pragma once

#include <QJsonArray>
#include <QList>
#include <QString>
#include <QStringList>
#include <QTimeZone>
#include <QVariant>

class QIODevice;

namespace rejectscope {

// A result as rows under stable column names: the one shape behind every CSV and
// JSON export, so the two formats cannot disagree. Cells are numbers or text.
struct Table {
    QStringList columns;
    QList<QList<QVariant>> rows;
};

bool writeCsv(const Table &table, QIODevice *device);
// An array of objects keyed by the column names.
QJsonArray toJson(const Table &table);

// Timestamp cells: ISO 8601 with the offset written out, in UTC
// ("2026-11-21T23:59:38+00:00": a QTimeZone, unlike Qt::UTC, never gives "Z") and in
// the given zone ("2026-11-22T00:59:38+01:00").
QString isoUtc(qint64 timeMs);
QString isoLocal(qint64 timeMs, const QTimeZone &zone);

} // namespace rejectscope
