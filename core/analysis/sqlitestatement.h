#pragma once

// Internal to core/analysis: a prepared sqlite3 statement for the hot paths that
// go through SQLite's C API (millions of rows, where QSqlQuery's QVariants cost
// more than the query).

#include "filtersql.h"

#include <QString>

#include <sqlite3.h>

#include <string>
#include <utility>

namespace rejectscope {

class SqliteStatement
{
public:
    SqliteStatement(sqlite3 *db, const char *sql)
    {
        m_ok = sqlite3_prepare_v2(db, sql, -1, &m_s, nullptr) == SQLITE_OK;
    }
    SqliteStatement(sqlite3 *db, const std::string &sql) : SqliteStatement(db, sql.c_str()) {}
    ~SqliteStatement() { sqlite3_finalize(m_s); }
    SqliteStatement(const SqliteStatement &) = delete;
    SqliteStatement &operator=(const SqliteStatement &) = delete;

    bool ok() const { return m_ok; }
    sqlite3_stmt *get() const { return m_s; }

    // Binds values in order from placeholder `first`: strings as text, all else
    // as 64-bit integers (the only kinds our fragments carry).
    void bind(const QVariantList &values, int first = 1)
    {
        int index = first;
        for (const QVariant &value : values) {
            if (value.typeId() == QMetaType::QString) {
                const QByteArray utf8 = value.toString().toUtf8();
                sqlite3_bind_text(m_s, index++, utf8.constData(), int(utf8.size()), SQLITE_TRANSIENT);
            } else {
                sqlite3_bind_int64(m_s, index++, value.toLongLong());
            }
        }
    }

    // Steps a statement without result rows and resets it.
    bool run()
    {
        const int rc = sqlite3_step(m_s);
        sqlite3_reset(m_s);
        return rc == SQLITE_DONE;
    }

    // Steps through every row, handing each to `row`; false (and the reason in
    // `error`) when preparing or stepping failed.
    template<typename RowFunction>
    bool forEachRow(sqlite3 *db, QString &error, RowFunction row)
    {
        if (!m_ok) {
            error = QString::fromUtf8(sqlite3_errmsg(db));
            return false;
        }
        int rc;
        while ((rc = sqlite3_step(m_s)) == SQLITE_ROW)
            row(m_s);
        if (rc != SQLITE_DONE)
            error = QString::fromUtf8(sqlite3_errmsg(db));
        sqlite3_reset(m_s);
        return rc == SQLITE_DONE;
    }

private:
    sqlite3_stmt *m_s = nullptr;
    bool m_ok = false;
};

// Runs `work` in a transaction that holds SQLite's write lock from its start (an
// import committing between our read and our write would otherwise fail it) and
// commits it; rolls back and returns false, with SQLite's reason in `why`, when
// the lock, the work or the commit fails.
template<typename Work>
bool inWriteTransaction(sqlite3 *db, QString &why, Work &&work)
{
    if (sqlite3_exec(db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) != SQLITE_OK) {
        why = QString::fromUtf8(sqlite3_errmsg(db));
        return false;
    }
    if (!std::forward<Work>(work)() || sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr) != SQLITE_OK) {
        why = QString::fromUtf8(sqlite3_errmsg(db));
        sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
        return false;
    }
    return true;
}

} // namespace rejectscope
