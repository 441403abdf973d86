#pragma once

#include "analysis/reasonclass.h"
#include "ledger.h"
#include "parse/event.h"

#include <QHash>
#include <QString>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

struct sqlite3;
struct sqlite3_stmt;

namespace rejectscope {

class Database;

// The import's write path: prepared sqlite3 statements in one transaction per
// batch. Each commit also stores the batch's per-minute counts and the ledger row,
// so the database and the ledger always agree, whenever the import stops.
class EventWriter
{
public:
    explicit EventWriter(Database &database);
    ~EventWriter();
    EventWriter(const EventWriter &) = delete;
    EventWriter &operator=(const EventWriter &) = delete;

    bool prepare();
    QString errorString() const { return m_error; }

    // Creates the ledger row of a new stream (in its own transaction).
    bool createSource(LedgerEntry &entry);

    bool begin();
    // Stores an event whose reason, code class and retry key are worked out already.
    bool write(const Event &event, std::int64_t sourceId, std::int64_t lineOffset,
               ReasonClass reason, int codeClass, std::int64_t retryKey);
    bool writeUnparsed(std::int64_t sourceId, std::int64_t lineOffset, std::string_view problem,
                       std::string_view text);
    // Stores the rows write() holds back to insert many at a time. Call it before
    // the events passed to write() go away (commit() calls it too).
    bool flush();

    // Records the hash of the line that ends at `offset` (see source_checkpoint).
    bool addCheckpoint(std::int64_t sourceId, std::int64_t offset, const QByteArray &lineHash);
    // Flushes the minute counts, updates the ledger row (with a checkpoint at its
    // offset) and commits.
    bool commit(const LedgerEntry &entry);
    // Gives deliveries without a sender the sender of their queue id's qmgr line,
    // wherever that line was imported from (its own transaction).
    bool completeSenders();
    void rollback();

    // The hash of a case-folded retry key; 0 when the event has none.
    static std::int64_t retryKey(const Event &event);

private:
    struct MinuteKey {
        std::int64_t minute;
        std::uint8_t direction, kind, codeClass, reason, status;
        friend bool operator==(const MinuteKey &, const MinuteKey &) = default;
    };
    friend size_t qHash(const MinuteKey &key, size_t seed) noexcept;

    bool exec(const char *sql);
    bool step(sqlite3_stmt *statement);
    bool fail(const char *what);
    std::int64_t hostId(std::string_view name);
    // An event waiting for the many-row insert; the event stays owned by the caller.
    struct PendingRow {
        const Event *event;
        std::int64_t sourceId;
        std::int64_t lineOffset;
        ReasonClass reason;
        int codeClass;
        std::int64_t retryKey;
    };
    // Rows per INSERT statement: SQLite opens and closes its cursors once per
    // statement, so inserting many rows per statement saves that per row.
    static constexpr std::size_t rowsPerInsert = 32;

    void bindRow(sqlite3_stmt *statement, int base, const PendingRow &row, std::size_t rowIndex);
    void bindText(sqlite3_stmt *statement, int index, std::string_view text,
                  bool nullWhenEmpty = true);
    bool writeQueueSender(const Event &event, std::int64_t sourceId, std::int64_t lineOffset);

    Database &m_database;
    sqlite3 *m_db = nullptr;
    sqlite3_stmt *m_insertEvent = nullptr;
    sqlite3_stmt *m_insertMany = nullptr;
    sqlite3_stmt *m_insertHost = nullptr;
    sqlite3_stmt *m_selectHost = nullptr;
    sqlite3_stmt *m_upsertMinute = nullptr;
    sqlite3_stmt *m_insertUnparsed = nullptr;
    sqlite3_stmt *m_updateSource = nullptr;
    sqlite3_stmt *m_insertCheckpoint = nullptr;
    sqlite3_stmt *m_insertQueueSender = nullptr;
    QHash<QByteArray, std::int64_t> m_hosts;
    QHash<MinuteKey, std::int64_t> m_minutes;
    std::vector<PendingRow> m_pending;
    std::string m_programs[rowsPerInsert]; // "postfix/smtpd" of each pending row
    QString m_error;
};

} // namespace rejectscope
