#include "threadconnection.h"

#include <QThreadStorage>

#include <memory>

namespace rejectscope {

namespace {

struct Kept {
    std::unique_ptr<Database> database;
    Database::Mode mode = Database::Mode::ReadOnly;
};

// QThreadStorage, not thread_local: it deletes a thread's connection while Qt
// still knows the thread. A thread_local is destroyed after Qt has let go of the
// thread, where QSqlDatabase takes the closing thread for another one and
// refuses to hand the connection over.
QThreadStorage<Kept *> &keptConnections()
{
    static QThreadStorage<Kept *> storage;
    return storage;
}

} // namespace

Database *connectionOfThisThread(const QString &path, Database::Mode mode, QString *error)
{
    QThreadStorage<Kept *> &storage = keptConnections();
    if (!storage.hasLocalData())
        storage.setLocalData(new Kept);
    Kept &kept = *storage.localData();
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
