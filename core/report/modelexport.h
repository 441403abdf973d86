#pragma once

#include "table.h"

#include <QList>
#include <QString>

class QAbstractItemModel;

namespace rejectscope {

// A table model's rows as a Table, for "export this table" and "copy rows": the
// column names are the model's horizontal headers; a cell is the model's raw value
// (SortRole) where that is a number shown as a number, else the text it displays
// (times, shares and durations as the user reads them). `rows` empty: all rows.
Table tableFromModel(const QAbstractItemModel &model, const QList<int> &rows = {});

// The same as tab-separated text for the clipboard: a header line, then one line
// per row. Tabs and line breaks inside cells become spaces, and a cell a
// spreadsheet would evaluate is neutralised as in CSV (pasting is importing).
QString rowsAsTsv(const QAbstractItemModel &model, const QList<int> &rows = {});

} // namespace rejectscope
