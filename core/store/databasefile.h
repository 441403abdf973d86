#pragma once

#include <QString>

namespace rejectscope {

class Database;

// True when `path` is an SQLite file marked as a Rejectscope database (its
// application id): a dropped file is then opened, not read as a log.
bool isRejectscopeDatabase(const QString &path);

// Writes a compact, consistent copy of the open database to `path` (SQLite's
// VACUUM INTO, under a temporary name renamed at the end, so `path` never holds a
// half-written copy). An existing file at `path` is replaced only on success.
bool saveDatabaseCopy(Database &database, const QString &path, QString *error);

} // namespace rejectscope
