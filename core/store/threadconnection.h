#pragma once

#include "store/database.h"

namespace rejectscope {

// The calling thread's connection to `path` in `mode`: opened on its first use
// and kept while the thread lives, so that the jobs of a worker thread that
// reads on every filter change do not each pay for opening and checking the
// database. One per thread: a request for another path or mode replaces it.
// On failure returns nullptr and sets `error` to the reason (without the path).
Database *connectionOfThisThread(const QString &path, Database::Mode mode, QString *error);

} // namespace rejectscope
