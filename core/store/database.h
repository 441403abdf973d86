#pragma once

#include <atomic>

#include <QSqlDatabase>
#include <QString>

struct sqlite3;

namespace rejectscope {

// A Rejectscope database on disk: one Qt Sql connection owned by the thread that
// opened it, with the schema brought up to date on open. Never writes to a file
// that is not an SQLite database or belongs to another program.
class Database
{
public:
    enum class Mode { ReadWrite, ReadOnly };

    explicit Database(QString path);
    ~Database();
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    // Opens (creating the file in ReadWrite mode if missing) and migrates. On
    // failure errorString() says why in words for the user, without the path.
    bool open(Mode mode = Mode::ReadWrite);
    QString errorString() const { return m_error; }

    QString path() const { return m_path; }
    QSqlDatabase connection() const;
    // The connection's sqlite3 handle, for the import's prepared-statement path.
    sqlite3 *nativeHandle() const;
    // While `flag` is set and true, SQLite stops the statement running on this
    // connection with an "interrupted" error (a superseded query of the window
    // need not run to its end). nullptr removes it. SQLite only.
    void setInterruptFlag(const std::atomic_bool *flag);
    // Holds off the interrupt for its lifetime: a build that a later reader would
    // only have to start again runs to its end (nests).
    class InterruptHold
    {
    public:
        explicit InterruptHold(Database &database) : m_database(database) { ++m_database.m_interruptHolds; }
        ~InterruptHold() { --m_database.m_interruptHolds; }
        InterruptHold(const InterruptHold &) = delete;
        InterruptHold &operator=(const InterruptHold &) = delete;

    private:
        Database &m_database;
    };
    // Sets the interrupt flag for its lifetime, and removes it after.
    class InterruptScope
    {
    public:
        InterruptScope(Database &database, const std::atomic_bool *flag) : m_database(database)
        {
            m_database.setInterruptFlag(flag);
        }
        ~InterruptScope() { m_database.setInterruptFlag(nullptr); }
        InterruptScope(const InterruptScope &) = delete;
        InterruptScope &operator=(const InterruptScope &) = delete;

    private:
        Database &m_database;
    };

    // The event table's secondary indexes (schema/event-indexes.sql): built on open
    // when missing; a bulk import drops them and builds them again at its end.
    bool ensureEventIndexes();
    bool dropEventIndexes();

    int schemaVersion() const;
    static int currentSchemaVersion();
    // 'RSCP': marks the file as ours in the SQLite header.
    static constexpr int applicationId = 0x52534350;

private:
    bool checkOwnership(bool &isEmpty);
    bool migrate();
    bool runScript(const QString &resource);
    bool fail(const QString &message);

    QString m_path;
    QString m_connectionName;
    QString m_error;
    const std::atomic_bool *m_interruptFlag = nullptr;
    int m_interruptHolds = 0; // only the connection's own thread touches it
};

} // namespace rejectscope
