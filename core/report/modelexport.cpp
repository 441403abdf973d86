#include "modelexport.h"

#include "csvwriter.h"
#include "models/modelroles.h"

#include <QAbstractItemModel>
#include <QLocale>

using namespace Qt::StringLiterals;

namespace rejectscope {

namespace {

bool isNumber(const QVariant &value)
{
    switch (value.typeId()) {
    case QMetaType::Int:
    case QMetaType::UInt:
    case QMetaType::LongLong:
    case QMetaType::ULongLong:
    case QMetaType::Double:
        return true;
    default:
        return false;
    }
}

// The raw value when the cell shows that number (in any locale's formatting),
// else what it shows: a time's SortRole is milliseconds, which nobody should read.
QVariant cellOf(const QAbstractItemModel &model, const QModelIndex &index)
{
    const QVariant display = model.data(index, Qt::DisplayRole);
    const QVariant raw = model.data(index, SortRole);
    if (isNumber(display))
        return display;
    if (isNumber(raw)) {
        const QString text = display.toString().trimmed();
        bool ok = false;
        double shown = QLocale().toDouble(text, &ok);
        if (!ok)
            shown = QLocale::c().toDouble(text, &ok);
        if (ok && shown == raw.toDouble())
            return raw;
    }
    return display.toString();
}

QString tsvCell(const QVariant &cell)
{
    if (isNumber(cell))
        return cell.toString();
    QString text = CsvWriter::neutralised(cell.toString());
    for (QChar &c : text) {
        if (c == u'\t' || c == u'\n' || c == u'\r')
            c = u' ';
    }
    return text;
}

} // namespace

Table tableFromModel(const QAbstractItemModel &model, const QList<int> &rows)
{
    Table table;
    const int columns = model.columnCount();
    for (int column = 0; column < columns; ++column)
        table.columns << model.headerData(column, Qt::Horizontal, Qt::DisplayRole).toString();
    const auto addRow = [&](int row) {
        QList<QVariant> cells;
        cells.reserve(columns);
        for (int column = 0; column < columns; ++column)
            cells << cellOf(model, model.index(row, column));
        table.rows << cells;
    };
    if (rows.isEmpty()) {
        for (int row = 0; row < model.rowCount(); ++row)
            addRow(row);
    } else {
        for (int row : rows) {
            if (row >= 0 && row < model.rowCount())
                addRow(row);
        }
    }
    return table;
}

QString rowsAsTsv(const QAbstractItemModel &model, const QList<int> &rows)
{
    const Table table = tableFromModel(model, rows);
    QString text;
    QStringList cells;
    for (const QString &column : table.columns)
        cells << tsvCell(column);
    text += cells.join(u'\t') + u'\n';
    for (const QList<QVariant> &row : table.rows) {
        cells.clear();
        for (const QVariant &cell : row)
            cells << tsvCell(cell);
        text += cells.join(u'\t') + u'\n';
    }
    return text;
}

} // namespace rejectscope
