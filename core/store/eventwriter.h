#pragma once

#include "analysis/reasonclass.h"
#include "ledger.h"
#include "minutecounts.h"
#include "multirowstatement.h"
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
struct ParsedBatch;

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
    // Stores the events of a batch with what the parsing thread derived from them:
    // their text is valid UTF-8 already, their program joined, their minutes counted.
    // Flushes at its end, so the batch may go away after it.
    bool writeBatch(const ParsedBatch &batch, std::int64_t sourceId);
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
        std::string_view program;
        bool textChecked; // valid UTF-8 already (a parsed batch's events)
    };
    static constexpr std::size_t rowsPerInsert = MultiRowStatement::maxRows;

    bool add(const PendingRow &row);
    void bindRow(RowBinder &binder, const PendingRow &row);
    static void bindSender(RowBinder &binder, const PendingRow &row);
    // Binds `text`; unless `checked`, a copy repaired to valid UTF-8 when it is not.
    static void bindText(RowBinder &binder, int column, std::string_view text, bool checked,
                         bool nullWhenEmpty = true);

    Database &m_database;
    sqlite3 *m_db = nullptr;
    MultiRowStatement m_insertEvents;
    MultiRowStatement m_insertQueueSenders;
    MultiRowStatement m_upsertMinutes;
    sqlite3_stmt *m_insertHost = nullptr;
    sqlite3_stmt *m_selectHost = nullptr;
    sqlite3_stmt *m_insertUnparsed = nullptr;
    sqlite3_stmt *m_updateSource = nullptr;
    sqlite3_stmt *m_insertCheckpoint = nullptr;
    QHash<QByteArray, std::int64_t> m_hosts;
    std::string m_lastHost; // nearly every line of a log names the same host
    std::int64_t m_lastHostId = -1;
    MinuteCounts m_minutes;
    std::vector<PendingRow> m_pending;       // events
    std::vector<PendingRow> m_pendingSenders; // qmgr from= lines, for queue_sender
    std::string m_programs[rowsPerInsert]; // write()'s "postfix/smtpd" of each pending row
    QString m_error;
};

} // namespace rejectscope
