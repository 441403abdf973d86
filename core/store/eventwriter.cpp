#include "eventwriter.h"

#include "analysis/reasonclass.h"
#include "database.h"
#include "textsanitizer.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDateTime>

#include <sqlite3.h>

namespace rejectscope {

QByteArray ledgerHash(const QByteArray &bytes)
{
    return QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex().left(32);
}

size_t qHash(const EventWriter::MinuteKey &key, size_t seed) noexcept
{
    return qHashMulti(seed, key.minute, key.direction, key.kind, key.codeClass, key.reason,
                      key.status);
}

namespace {

enum Column {
    SourceId = 1, LineOffset, TimeMs, HostId, Program, Kind, DirectionCol, Action, StageCol,
    Status, Code, CodeClass, EnhancedCode, Reason, RetryKey, QueueId, ClientName, ClientIp,
    Helo, Sender, Recipient, OrigRecipient, Relay, Delay, Dsn, SmtpCommand, GreetingRefused,
    Reply, NoticeQueueId, SizeBytes, Nrcpt
};

constexpr const char *insertEventColumnsSql =
    "INSERT INTO event (source_id, line_offset, time_ms, host_id, program, kind, direction,"
    " action, stage, status, code, code_class, enhanced_code, reason, retry_key, queue_id,"
    " client_name, client_ip, helo, sender, recipient, orig_recipient, relay, delay_s, dsn,"
    " smtp_command, greeting_refused, reply, notice_queue_id, size_bytes, nrcpt)";
constexpr int columnCount = Nrcpt;

// FNV-1a over the bytes, ASCII letters folded to lower case, then a final mix so
// that similar keys spread over the whole 64 bits.
struct KeyHasher {
    std::uint64_t state = 0xcbf29ce484222325ULL;
    void add(std::string_view text, bool fold)
    {
        for (char c : text) {
            unsigned char byte = static_cast<unsigned char>(c);
            if (fold && byte >= 'A' && byte <= 'Z')
                byte = static_cast<unsigned char>(byte + ('a' - 'A'));
            state = (state ^ byte) * 0x100000001b3ULL;
        }
        state = (state ^ 0x1f) * 0x100000001b3ULL; // field separator
    }
    std::int64_t finish() const
    {
        std::uint64_t h = state;
        h ^= h >> 33;
        h *= 0xff51afd7ed558ccdULL;
        h ^= h >> 33;
        h *= 0xc4ceb9fe1a85ec53ULL;
        h ^= h >> 33;
        return h == 0 ? 1 : static_cast<std::int64_t>(h);
    }
};

bool countsPerMinute(EventKind kind)
{
    return kind == EventKind::Reject || kind == EventKind::RejectWarning
        || kind == EventKind::Delivery || kind == EventKind::Expired;
}

} // namespace

EventWriter::EventWriter(Database &database)
    : m_database(database)
{
}

EventWriter::~EventWriter()
{
    for (sqlite3_stmt *statement : {m_insertEvent, m_insertMany, m_insertHost, m_selectHost, m_upsertMinute,
                                    m_insertUnparsed, m_updateSource, m_insertCheckpoint,
                                    m_insertQueueSender})
        sqlite3_finalize(statement);
}

std::int64_t EventWriter::retryKey(const Event &event)
{
    KeyHasher hasher;
    switch (event.kind) {
    case EventKind::Reject:
    case EventKind::RejectWarning:
        hasher.add(event.clientIp, true);
        hasher.add(event.sender, true);
        hasher.add(event.recipient, true);
        return hasher.finish();
    case EventKind::Delivery:
        if (event.queueId.empty())
            return 0;
        hasher.add(event.queueId, false); // long queue ids are case-sensitive
        hasher.add(event.recipient, true);
        return hasher.finish();
    default:
        return 0;
    }
}

bool EventWriter::fail(const char *what)
{
    m_error = QCoreApplication::translate("EventWriter", "database write failed (%1): %2")
                  .arg(QString::fromUtf8(what), QString::fromUtf8(sqlite3_errmsg(m_db)));
    return false;
}

bool EventWriter::exec(const char *sql)
{
    return sqlite3_exec(m_db, sql, nullptr, nullptr, nullptr) == SQLITE_OK || fail(sql);
}

bool EventWriter::step(sqlite3_stmt *statement)
{
    const int rc = sqlite3_step(statement);
    sqlite3_reset(statement);
    return rc == SQLITE_DONE || rc == SQLITE_ROW || fail("step");
}

bool EventWriter::prepare()
{
    m_db = m_database.nativeHandle();
    if (!m_db) {
        m_error = QCoreApplication::translate("EventWriter", "the database driver is not SQLite");
        return false;
    }
    const auto prep = [&](const char *sql, sqlite3_stmt **statement) {
        return sqlite3_prepare_v3(m_db, sql, -1, SQLITE_PREPARE_PERSISTENT, statement, nullptr)
                   == SQLITE_OK
            || fail(sql);
    };
    QByteArray many = insertEventColumnsSql;
    for (int row = 0; row < int(rowsPerInsert); ++row) {
        many += row == 0 ? " VALUES (" : ", (";
        for (int column = 1; column <= columnCount; ++column)
            many += (column == 1 ? "?" : ", ?") + QByteArray::number(row * columnCount + column);
        many += ')';
    }
    const QByteArray single = QByteArray(insertEventColumnsSql) + " VALUES (" + [] {
        QByteArray list;
        for (int column = 1; column <= columnCount; ++column)
            list += (column == 1 ? "?" : ", ?") + QByteArray::number(column);
        return list;
    }() + ')';
    return prep(single.constData(), &m_insertEvent) && prep(many.constData(), &m_insertMany)
        && prep("INSERT INTO host (name) VALUES (?1) ON CONFLICT (name) DO NOTHING", &m_insertHost)
        && prep("SELECT id FROM host WHERE name = ?1", &m_selectHost)
        && prep("INSERT INTO minute_count (minute, direction, kind, code_class, reason, status,"
                " events) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"
                " ON CONFLICT (minute, direction, kind, code_class, reason, status)"
                " DO UPDATE SET events = minute_count.events + excluded.events",
                &m_upsertMinute)
        && prep("INSERT INTO unparsed_line (source_id, line_offset, problem, text)"
                " VALUES (?1, ?2, ?3, ?4)",
                &m_insertUnparsed)
        && prep("UPDATE source SET path = ?2, offset_reached = ?3, tail_hash = ?4,"
                " lines_read = ?5, events = ?6, ignored = ?7, foreign_lines = ?8,"
                " not_understood = ?9, truncated_lines = ?10, first_time_ms = ?11,"
                " last_time_ms = ?12, imported_at_ms = ?13 WHERE id = ?1",
                &m_updateSource)
        && prep("INSERT INTO source_checkpoint (source_id, offset_reached, line_hash)"
                " VALUES (?1, ?2, ?3) ON CONFLICT (source_id, offset_reached) DO NOTHING",
                &m_insertCheckpoint)
        && prep("INSERT INTO queue_sender (source_id, line_offset, time_ms, queue_id, sender,"
                " size_bytes, nrcpt) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                &m_insertQueueSender);
}

bool EventWriter::writeQueueSender(const Event &event, std::int64_t sourceId,
                                   std::int64_t lineOffset)
{
    sqlite3_stmt *s = m_insertQueueSender;
    std::string queueScratch, senderScratch;
    const std::string_view queueId = validUtf8(event.queueId, queueScratch);
    const std::string_view sender = validUtf8(event.sender, senderScratch);
    sqlite3_bind_int64(s, 1, sourceId);
    sqlite3_bind_int64(s, 2, lineOffset);
    sqlite3_bind_int64(s, 3, event.timeUtcMs);
    sqlite3_bind_text(s, 4, queueId.empty() ? "" : queueId.data(), int(queueId.size()), SQLITE_STATIC);
    sqlite3_bind_text(s, 5, sender.empty() ? "" : sender.data(), int(sender.size()), SQLITE_STATIC);
    if (event.size >= 0)
        sqlite3_bind_int64(s, 6, event.size);
    else
        sqlite3_bind_null(s, 6);
    if (event.nrcpt >= 0)
        sqlite3_bind_int(s, 7, event.nrcpt);
    else
        sqlite3_bind_null(s, 7);
    return step(s);
}

bool EventWriter::addCheckpoint(std::int64_t sourceId, std::int64_t offset,
                                const QByteArray &lineHash)
{
    sqlite3_bind_int64(m_insertCheckpoint, 1, sourceId);
    sqlite3_bind_int64(m_insertCheckpoint, 2, offset);
    sqlite3_bind_text(m_insertCheckpoint, 3, lineHash.constData(), int(lineHash.size()),
                      SQLITE_TRANSIENT);
    return step(m_insertCheckpoint);
}

bool EventWriter::completeSenders()
{
    // Portable SQL; the partial index event_sender_missing keeps the scan to the
    // deliveries still waiting for their sender.
    return exec("UPDATE event SET sender = (SELECT q.sender FROM queue_sender q"
                " WHERE q.queue_id = event.queue_id AND q.time_ms <= event.time_ms"
                " ORDER BY q.time_ms DESC LIMIT 1)"
                " WHERE kind = 2 AND sender IS NULL AND EXISTS (SELECT 1 FROM queue_sender q"
                " WHERE q.queue_id = event.queue_id AND q.time_ms <= event.time_ms)");
}

bool EventWriter::createSource(LedgerEntry &entry)
{
    sqlite3_stmt *statement = nullptr;
    if (sqlite3_prepare_v2(m_db, "INSERT INTO source (fingerprint, path) VALUES (?1, ?2)", -1,
                           &statement, nullptr)
        != SQLITE_OK)
        return fail("insert source");
    const QByteArray path = entry.path.toUtf8();
    sqlite3_bind_text(statement, 1, entry.fingerprint.constData(), int(entry.fingerprint.size()),
                      SQLITE_TRANSIENT);
    sqlite3_bind_text(statement, 2, path.constData(), int(path.size()), SQLITE_TRANSIENT);
    const bool ok = sqlite3_step(statement) == SQLITE_DONE;
    sqlite3_finalize(statement);
    if (!ok)
        return fail("insert source");
    entry.id = sqlite3_last_insert_rowid(m_db);
    return true;
}

bool EventWriter::begin()
{
    m_minutes.clear();
    return exec("BEGIN IMMEDIATE");
}

void EventWriter::rollback()
{
    sqlite3_exec(m_db, "ROLLBACK", nullptr, nullptr, nullptr);
    m_pending.clear();
    m_minutes.clear();
    m_hosts.clear(); // ids inserted in the rolled-back transaction are gone
}

void EventWriter::bindText(sqlite3_stmt *statement, int index, std::string_view text,
                           bool nullWhenEmpty)
{
    if (text.empty() && nullWhenEmpty) {
        sqlite3_bind_null(statement, index);
        return;
    }
    if (text.empty()) {
        // A null pointer would bind SQL NULL; the null sender <> is the empty string.
        sqlite3_bind_text(statement, index, "", 0, SQLITE_STATIC);
        return;
    }
    std::string repaired;
    const std::string_view valid = validUtf8(text, repaired);
    // The batch's arena outlives the statement's step; a repaired copy does not.
    sqlite3_bind_text(statement, index, valid.data(), int(valid.size()),
                      valid.data() == text.data() ? SQLITE_STATIC : SQLITE_TRANSIENT);
}

std::int64_t EventWriter::hostId(std::string_view name)
{
    std::string scratch;
    const std::string_view valid = validUtf8(name, scratch);
    const QByteArray key = QByteArray::fromRawData(valid.data(), qsizetype(valid.size()));
    if (auto it = m_hosts.constFind(key); it != m_hosts.constEnd())
        return it.value();
    sqlite3_bind_text(m_insertHost, 1, valid.data(), int(valid.size()), SQLITE_STATIC);
    step(m_insertHost);
    sqlite3_bind_text(m_selectHost, 1, valid.data(), int(valid.size()), SQLITE_STATIC);
    std::int64_t id = 0;
    if (sqlite3_step(m_selectHost) == SQLITE_ROW)
        id = sqlite3_column_int64(m_selectHost, 0);
    sqlite3_reset(m_selectHost);
    m_hosts.insert(QByteArray(valid.data(), qsizetype(valid.size())), id);
    return id;
}

bool EventWriter::write(const Event &event, std::int64_t sourceId, std::int64_t lineOffset,
                        ReasonClass reason, int klass, std::int64_t retryKey)
{
    if (event.kind == EventKind::QueueSender)
        return writeQueueSender(event, sourceId, lineOffset);
    if (countsPerMinute(event.kind)) {
        const MinuteKey key{event.timeUtcMs >= 0 ? event.timeUtcMs / 60000
                                                 : (event.timeUtcMs - 59999) / 60000,
                            std::uint8_t(event.direction), std::uint8_t(event.kind),
                            std::uint8_t(klass), std::uint8_t(reason), std::uint8_t(event.status)};
        ++m_minutes[key];
    }
    m_pending.push_back({&event, sourceId, lineOffset, reason, klass, retryKey});
    return m_pending.size() < rowsPerInsert || flush();
}

bool EventWriter::flush()
{
    // A full set goes through the many-row statement; the rest row by row.
    if (m_pending.size() == rowsPerInsert) {
        for (std::size_t row = 0; row < m_pending.size(); ++row)
            bindRow(m_insertMany, int(row) * columnCount, m_pending[row], row);
        m_pending.clear();
        return step(m_insertMany);
    }
    for (std::size_t row = 0; row < m_pending.size(); ++row) {
        bindRow(m_insertEvent, 0, m_pending[row], row);
        if (!step(m_insertEvent)) {
            m_pending.clear();
            return false;
        }
    }
    m_pending.clear();
    return true;
}

void EventWriter::bindRow(sqlite3_stmt *s, int base, const PendingRow &row, std::size_t rowIndex)
{
    const Event &event = *row.event;
    sqlite3_bind_int64(s, base + SourceId, row.sourceId);
    sqlite3_bind_int64(s, base + LineOffset, row.lineOffset);
    sqlite3_bind_int64(s, base + TimeMs, event.timeUtcMs);
    sqlite3_bind_int64(s, base + HostId, hostId(event.host));
    std::string &program = m_programs[rowIndex];
    program.assign(event.syslogName);
    if (!program.empty())
        program += '/';
    program += event.service;
    bindText(s, base + Program, program, false);
    sqlite3_bind_int(s, base + Kind, int(event.kind));
    sqlite3_bind_int(s, base + DirectionCol, int(event.direction));
    sqlite3_bind_int(s, base + Action, int(event.action));
    sqlite3_bind_int(s, base + StageCol, int(event.stage));
    sqlite3_bind_int(s, base + Status, int(event.status));
    sqlite3_bind_int(s, base + Code, event.replyCode);
    sqlite3_bind_int(s, base + CodeClass, row.codeClass);
    bindText(s, base + EnhancedCode, event.enhancedCode);
    sqlite3_bind_int(s, base + Reason, int(row.reason));
    sqlite3_bind_int64(s, base + RetryKey, row.retryKey);
    bindText(s, base + QueueId, event.queueId);
    bindText(s, base + ClientName, event.clientName);
    bindText(s, base + ClientIp, event.clientIp);
    bindText(s, base + Helo, event.helo);
    bindText(s, base + Sender, event.sender, !event.senderKnown); // "" is the null sender <>
    bindText(s, base + Recipient, event.recipient);
    bindText(s, base + OrigRecipient, event.origRecipient);
    bindText(s, base + Relay, event.relay);
    if (event.delaySeconds >= 0)
        sqlite3_bind_double(s, base + Delay, event.delaySeconds);
    else
        sqlite3_bind_null(s, base + Delay);
    bindText(s, base + Dsn, event.dsn);
    bindText(s, base + SmtpCommand, event.smtpCommand);
    sqlite3_bind_int(s, base + GreetingRefused, event.greetingRefused ? 1 : 0);
    bindText(s, base + Reply,
             event.kind == EventKind::Delivery && !event.statusText.empty() ? event.statusText
                                                                             : event.replyText);
    bindText(s, base + NoticeQueueId, event.noticeQueueId);
    if (event.size >= 0)
        sqlite3_bind_int64(s, base + SizeBytes, event.size);
    else
        sqlite3_bind_null(s, base + SizeBytes);
    if (event.nrcpt >= 0)
        sqlite3_bind_int(s, base + Nrcpt, event.nrcpt);
    else
        sqlite3_bind_null(s, base + Nrcpt);
}

bool EventWriter::writeUnparsed(std::int64_t sourceId, std::int64_t lineOffset,
                                std::string_view problem, std::string_view text)
{
    constexpr std::size_t sampleLimit = 2048;
    std::string problemScratch, textScratch;
    const std::string_view validProblem = validUtf8(problem, problemScratch);
    std::string_view validText = validUtf8(text.substr(0, sampleLimit), textScratch);
    sqlite3_bind_int64(m_insertUnparsed, 1, sourceId);
    sqlite3_bind_int64(m_insertUnparsed, 2, lineOffset);
    sqlite3_bind_text(m_insertUnparsed, 3, validProblem.data(), int(validProblem.size()),
                      SQLITE_STATIC);
    sqlite3_bind_text(m_insertUnparsed, 4, validText.data(), int(validText.size()),
                      SQLITE_STATIC);
    return step(m_insertUnparsed);
}

bool EventWriter::commit(const LedgerEntry &entry)
{
    if (!flush())
        return false;
    for (auto it = m_minutes.cbegin(); it != m_minutes.cend(); ++it) {
        const MinuteKey &key = it.key();
        sqlite3_bind_int64(m_upsertMinute, 1, key.minute);
        sqlite3_bind_int(m_upsertMinute, 2, key.direction);
        sqlite3_bind_int(m_upsertMinute, 3, key.kind);
        sqlite3_bind_int(m_upsertMinute, 4, key.codeClass);
        sqlite3_bind_int(m_upsertMinute, 5, key.reason);
        sqlite3_bind_int(m_upsertMinute, 6, key.status);
        sqlite3_bind_int64(m_upsertMinute, 7, it.value());
        if (!step(m_upsertMinute))
            return false;
    }
    m_minutes.clear();

    sqlite3_stmt *s = m_updateSource;
    const QByteArray path = entry.path.toUtf8();
    sqlite3_bind_int64(s, 1, entry.id);
    sqlite3_bind_text(s, 2, path.constData(), int(path.size()), SQLITE_TRANSIENT);
    sqlite3_bind_int64(s, 3, entry.offsetReached);
    sqlite3_bind_text(s, 4, entry.tailHash.constData(), int(entry.tailHash.size()),
                      SQLITE_TRANSIENT);
    sqlite3_bind_int64(s, 5, entry.linesRead);
    sqlite3_bind_int64(s, 6, entry.events);
    sqlite3_bind_int64(s, 7, entry.ignored);
    sqlite3_bind_int64(s, 8, entry.foreignLines);
    sqlite3_bind_int64(s, 9, entry.notUnderstood);
    sqlite3_bind_int64(s, 10, entry.truncatedLines);
    if (entry.firstTimeMs)
        sqlite3_bind_int64(s, 11, *entry.firstTimeMs);
    else
        sqlite3_bind_null(s, 11);
    if (entry.lastTimeMs)
        sqlite3_bind_int64(s, 12, *entry.lastTimeMs);
    else
        sqlite3_bind_null(s, 12);
    sqlite3_bind_int64(s, 13, QDateTime::currentMSecsSinceEpoch());
    if (!step(s) || !addCheckpoint(entry.id, entry.offsetReached, entry.tailHash))
        return false;
    return exec("COMMIT");
}

} // namespace rejectscope
