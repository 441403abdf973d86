#pragma once

#include <QString>

namespace rejectscope {

class Database;

namespace bench {

// The first value of a query's first row, or -1 when the query fails.
qint64 scalar(Database &db, const QString &sql);

// Makes sure the database at dbPath holds events: one that holds none is filled
// with rejectscope-loggen (`lines` lines over `days` days, seed 1) piped into
// rejectscope-cli import, so every benchmark times the same data. Prints why it
// failed and returns false when the database cannot be opened or filled.
bool ensureBenchDatabase(const QString &dbPath, const QString &lines, const QString &days);

} // namespace bench
} // namespace rejectscope
