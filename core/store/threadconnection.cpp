#include "threadconnection.h"

#include <memory>

namespace rejectscope {

Database *connectionOfThisThread(const QString &path, Database::Mode mode, QString *error)
{
    struct Kept {
        std::unique_ptr<Database> database;
        Database::Mode mode = Database::Mode::ReadOnly;
    };
    thread_local Kept kept;
    if (kept.database && kept.database->path() == path && kept.mode == mode)
        return kept.database.get();
    kept.database.reset();
    auto opened = std::make_unique<Database>(path);
    if (!opened->open(mode)) {
        if (error)
            *error = opened->errorString();
        return nullptr;
    }
    kept.database = std::move(opened);
    kept.mode = mode;
    return kept.database.get();
}

} // namespace rejectscope
