#pragma once

#include <QString>

#include <functional>

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

// Runs `work` `repeat` times; prints the first and the best time in milliseconds
// and what the last run says about its result.
void timeIt(const char *name, int repeat, const std::function<QString()> &work);

} // namespace bench
} // namespace rejectscope
