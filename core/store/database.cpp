#include "database.h"

#include "sqlfunctions.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QRegularExpression>
#include <QStringList>

#include <sqlite3.h>

#include <atomic>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcDatabase, "rejectscope.database", QtWarningMsg)

static void initSchemaResource()
{
    Q_INIT_RESOURCE(schema);
}

namespace rejectscope {

namespace {

// The migrations in order; index + 1 is the schema version each one produces.
const QStringList &migrationFiles()
{
    static const QStringList files{u":/rejectscope/schema/001-initial.sql"_s,
                                   u":/rejectscope/schema/002-retry-chains.sql"_s,
                                   u":/rejectscope/schema/003-top-lists.sql"_s,
                                   u":/rejectscope/schema/004-key-hours.sql"_s,
                                   u":/rejectscope/schema/005-top-days.sql"_s,
                                   u":/rejectscope/schema/006-chain-first-events.sql"_s};
    return files;
}

QString newConnectionName()
{
    static std::atomic<int> counter{0};
    return u"rejectscope-%1"_s.arg(counter.fetch_add(1));
}

// Splits a migration into statements at semicolons that end a line; the schema
// files keep one statement per such block and no semicolons inside literals.
QStringList statementsOf(const QString &script)
{
    QStringList statements;
    QString current;
    const auto lines = script.split(u'\n');
    for (const QString &line : lines) {
        const QString trimmed = line.trimmed();
        if (trimmed.startsWith(u"--"_s))
            continue;
        current += line + u'\n';
        if (trimmed.endsWith(u';')) {
            statements << current.trimmed();
            current.clear();
        }
    }
    if (!current.trimmed().isEmpty())
        statements << current.trimmed();
    return statements;
}

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Database)
};

} // namespace

Database::Database(QString path)
    : m_path(std::move(path))
    , m_connectionName(newConnectionName())
{
    initSchemaResource();
}

Database::~Database()
{
    {
        QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
        if (db.isValid())
            db.close();
    }
    if (QSqlDatabase::contains(m_connectionName))
        QSqlDatabase::removeDatabase(m_connectionName);
}

int Database::currentSchemaVersion()
{
    return int(migrationFiles().size());
}

bool Database::fail(const QString &message)
{
    m_error = message;
    qCDebug(lcDatabase) << m_path << message;
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    if (db.isValid())
        db.close();
    return false;
}

bool Database::open(Mode mode)
{
    const QFileInfo info(m_path);
    if (info.exists() && info.isDir())
        return fail(Tr::tr("it is a directory, not a database file"));
    if (!info.exists() && mode == Mode::ReadOnly)
        return fail(Tr::tr("the database does not exist (import a log first)"));
    if (info.exists() && info.size() > 0) {
        // SQLite accepts any file at open time and fails on the first query; a
        // look at the header gives a clearer message and touches nothing.
        QFile file(m_path);
        if (!file.open(QIODevice::ReadOnly))
            return fail(Tr::tr("cannot read it: %1").arg(file.errorString()));
        if (!file.read(16).startsWith(QByteArrayLiteral("SQLite format 3")))
            return fail(Tr::tr("it is not a Rejectscope database (not an SQLite file); "
                           "choose another file name"));
    }

    QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, m_connectionName);
    db.setDatabaseName(m_path);
    if (mode == Mode::ReadOnly)
        db.setConnectOptions(u"QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=10000"_s);
    else
        db.setConnectOptions(u"QSQLITE_BUSY_TIMEOUT=10000"_s);
    if (!db.open())
        return fail(Tr::tr("cannot open it: %1").arg(db.lastError().text()));
    if (sqlite3 *handle = nativeHandle(); !handle || !registerSqlFunctions(handle))
        return fail(Tr::tr("cannot prepare it: SQLite refused the search function"));

    bool isEmpty = false;
    if (!checkOwnership(isEmpty))
        return false;

    QSqlQuery query(db);
    if (mode == Mode::ReadWrite) {
        // WAL lets the GUI read while an import writes; NORMAL sync is safe with WAL
        // (a crash loses at most the last transactions, never consistency).
        if (!query.exec(u"PRAGMA journal_mode=WAL"_s) || !query.exec(u"PRAGMA synchronous=NORMAL"_s))
            return fail(Tr::tr("cannot prepare it for writing: %1").arg(query.lastError().text()));
        if (!migrate() || !ensureEventIndexes())
            return false;
    } else if (schemaVersion() != currentSchemaVersion()) {
        return fail(Tr::tr("its schema is version %1; open it for writing once to upgrade it")
                        .arg(schemaVersion()));
    }
    query.exec(u"PRAGMA temp_store=MEMORY"_s);
    query.exec(u"PRAGMA cache_size=-65536"_s); // 64 MiB page cache
    return true;
}

bool Database::checkOwnership(bool &isEmpty)
{
    QSqlQuery query(connection());
    if (!query.exec(u"PRAGMA application_id"_s) || !query.next())
        return fail(Tr::tr("it is not a Rejectscope database: %1").arg(query.lastError().text()));
    const int appId = query.value(0).toInt();
    if (!query.exec(u"SELECT count(*) FROM sqlite_master"_s) || !query.next())
        return fail(Tr::tr("it is not a Rejectscope database: %1").arg(query.lastError().text()));
    isEmpty = query.value(0).toInt() == 0;
    if (!isEmpty && appId != applicationId)
        return fail(Tr::tr("it is an SQLite database of another program; choose another file name"));
    if (schemaVersion() > currentSchemaVersion())
        return fail(Tr::tr("it was written by a newer Rejectscope (schema %1, this one knows %2)")
                        .arg(schemaVersion())
                        .arg(currentSchemaVersion()));
    return true;
}

bool Database::migrate()
{
    QSqlDatabase db = connection();
    for (int version = schemaVersion(); version < currentSchemaVersion(); ++version) {
        QFile file(migrationFiles().at(version));
        if (!file.open(QIODevice::ReadOnly))
            return fail(Tr::tr("the schema resource %1 is missing").arg(file.fileName()));
        const QString script = QString::fromUtf8(file.readAll());
        if (!db.transaction())
            return fail(Tr::tr("cannot start the schema upgrade: %1").arg(db.lastError().text()));
        QSqlQuery query(db);
        for (const QString &statement : statementsOf(script)) {
            if (!query.exec(statement)) {
                const QString why = query.lastError().text();
                db.rollback();
                return fail(Tr::tr("the schema upgrade to version %1 failed: %2").arg(version + 1).arg(why));
            }
        }
        // PRAGMA takes no bound parameters; the values are our own integers.
        if (!query.exec(u"PRAGMA user_version=%1"_s.arg(version + 1))
            || !query.exec(u"PRAGMA application_id=%1"_s.arg(applicationId)) || !db.commit()) {
            const QString why = query.lastError().text();
            db.rollback();
            return fail(Tr::tr("the schema upgrade to version %1 failed: %2").arg(version + 1).arg(why));
        }
    }
    return true;
}

bool Database::runScript(const QString &resource)
{
    QFile file(resource);
    if (!file.open(QIODevice::ReadOnly))
        return fail(Tr::tr("the schema resource %1 is missing").arg(resource));
    // One transaction: one sync of the disk, not one per index.
    QSqlDatabase db = connection();
    if (!db.transaction())
        return fail(Tr::tr("cannot build the indexes: %1").arg(db.lastError().text()));
    QSqlQuery query(db);
    for (const QString &statement : statementsOf(QString::fromUtf8(file.readAll()))) {
        if (!query.exec(statement)) {
            const QString why = query.lastError().text();
            db.rollback();
            return fail(Tr::tr("cannot build the indexes: %1").arg(why));
        }
    }
    if (!db.commit())
        return fail(Tr::tr("cannot build the indexes: %1").arg(db.lastError().text()));
    return true;
}

bool Database::ensureEventIndexes()
{
    return runScript(u":/rejectscope/schema/event-indexes.sql"_s);
}

bool Database::dropEventIndexes()
{
    QFile file(u":/rejectscope/schema/event-indexes.sql"_s);
    if (!file.open(QIODevice::ReadOnly))
        return fail(Tr::tr("the schema resource %1 is missing").arg(file.fileName()));
    static const QRegularExpression name(u"CREATE INDEX IF NOT EXISTS (\\w+)"_s);
    // Small partial indexes cost next to nothing per row: building them would cost
    // another pass over the table.
    static const QStringList keep{u"event_sender_missing"_s};
    QSqlDatabase db = connection();
    if (!db.transaction())
        return fail(Tr::tr("cannot drop an index: %1").arg(db.lastError().text()));
    QSqlQuery query(db);
    auto it = name.globalMatch(QString::fromUtf8(file.readAll()));
    while (it.hasNext()) {
        const QString index = it.next().captured(1);
        // Index names come from our own resource, never from input.
        if (!keep.contains(index) && !query.exec(u"DROP INDEX IF EXISTS "_s + index)) {
            const QString why = query.lastError().text();
            db.rollback();
            return fail(Tr::tr("cannot drop an index: %1").arg(why));
        }
    }
    if (!db.commit())
        return fail(Tr::tr("cannot drop an index: %1").arg(db.lastError().text()));
    return true;
}

QSqlDatabase Database::connection() const
{
    return QSqlDatabase::database(m_connectionName, false);
}

sqlite3 *Database::nativeHandle() const
{
    const QVariant handle = connection().driver()->handle();
    if (qstrcmp(handle.typeName(), "sqlite3*") == 0)
        return *static_cast<sqlite3 *const *>(handle.data());
    return nullptr;
}

void Database::setInterruptFlag(const std::atomic_bool *flag)
{
    m_interruptFlag = flag;
    sqlite3 *db = nativeHandle();
    if (!db)
        return;
    if (!flag) {
        sqlite3_progress_handler(db, 0, nullptr, nullptr);
        return;
    }
    // Every few thousand virtual machine steps: well under a millisecond.
    sqlite3_progress_handler(db, 4096, [](void *self) -> int {
        const auto *database = static_cast<const Database *>(self);
        return database->m_interruptHolds == 0 && database->m_interruptFlag
                       && database->m_interruptFlag->load(std::memory_order_relaxed)
                   ? 1
                   : 0;
    }, this);
}

int Database::schemaVersion() const
{
    QSqlQuery query(connection());
    if (query.exec(u"PRAGMA user_version"_s) && query.next())
        return query.value(0).toInt();
    return 0;
}

} // namespace rejectscope
