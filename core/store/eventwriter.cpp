#include "eventwriter.h"

#include "analysis/reasonclass.h"
#include "database.h"
#include "parsedbatch.h"
#include "textsanitizer.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDateTime>

#include <sqlite3.h>

#include <algorithm>
#include <tuple>

namespace rejectscope {

QByteArray ledgerHash(const QByteArray &bytes)
{
    return QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex().left(32);
}

namespace {

enum Column {
    SourceId = 1, LineOffset, TimeMs, HostId, Program, Kind, DirectionCol, Action, StageCol,
    Status, Code, CodeClass, EnhancedCode, Reason, RetryKey, QueueId, ClientName, ClientIp,
    Helo, Sender, Recipient, OrigRecipient, Relay, Delay, Dsn, SmtpCommand, GreetingRefused,
    Reply, NoticeQueueId, SizeBytes, Nrcpt
};

constexpr const char insertEventColumnsSql[] =
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

} // namespace

EventWriter::EventWriter(Database &database)
    : m_database(database)
{
}

EventWriter::~EventWriter()
{
    for (sqlite3_stmt *statement :
         {m_insertHost, m_selectHost, m_insertUnparsed, m_updateSource, m_insertCheckpoint})
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
    m_insertEvents.setSql(m_db, insertEventColumnsSql, columnCount);
    m_insertQueueSenders.setSql(m_db,
                                "INSERT INTO queue_sender (source_id, line_offset, time_ms, queue_id,"
                                " sender, size_bytes, nrcpt)",
                                7);
    m_upsertMinutes.setSql(m_db,
                           "INSERT INTO minute_count (minute, direction, kind, code_class, reason,"
                           " status, events)",
                           7,
                           " ON CONFLICT (minute, direction, kind, code_class, reason, status)"
                           " DO UPDATE SET events = minute_count.events + excluded.events");
    return prep("INSERT INTO host (name) VALUES (?1) ON CONFLICT (name) DO NOTHING", &m_insertHost)
        && prep("SELECT id FROM host WHERE name = ?1", &m_selectHost)
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
                &m_insertCheckpoint);
}

void EventWriter::bindSender(RowBinder &b, const PendingRow &row)
{
    const Event &event = *row.event;
    b.integer(1, row.sourceId);
    b.integer(2, row.lineOffset);
    b.integer(3, event.timeUtcMs);
    bindText(b, 4, event.queueId, row.textChecked, false);
    bindText(b, 5, event.sender, row.textChecked, false);
    if (event.size >= 0)
        b.integer(6, event.size);
    else
        b.null(6);
    if (event.nrcpt >= 0)
        b.integer(7, event.nrcpt);
    else
        b.null(7);
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
    m_pendingSenders.clear();
    m_minutes.clear();
    m_hosts.clear(); // ids inserted in the rolled-back transaction are gone
    m_lastHostId = -1;
}

void EventWriter::bindText(RowBinder &b, int column, std::string_view text, bool checked,
                           bool nullWhenEmpty)
{
    if (text.empty()) {
        // A null pointer would bind SQL NULL; the null sender <> is the empty string.
        if (nullWhenEmpty)
            b.null(column);
        else
            b.text(column, std::string_view("", 0));
        return;
    }
    if (checked) {
        b.text(column, text);
        return;
    }
    std::string repaired;
    const std::string_view valid = validUtf8(text, repaired);
    // The caller's text outlives the statement's step; a repaired copy does not.
    b.text(column, valid, valid.data() != text.data());
}

std::int64_t EventWriter::hostId(std::string_view name)
{
    if (m_lastHostId >= 0 && name == m_lastHost)
        return m_lastHostId;
    std::string scratch;
    const std::string_view valid = validUtf8(name, scratch);
    const QByteArray key = QByteArray::fromRawData(valid.data(), qsizetype(valid.size()));
    std::int64_t id = m_hosts.value(key, -1);
    if (id < 0) {
        sqlite3_bind_text(m_insertHost, 1, valid.data(), int(valid.size()), SQLITE_STATIC);
        step(m_insertHost);
        sqlite3_bind_text(m_selectHost, 1, valid.data(), int(valid.size()), SQLITE_STATIC);
        id = 0;
        if (sqlite3_step(m_selectHost) == SQLITE_ROW)
            id = sqlite3_column_int64(m_selectHost, 0);
        sqlite3_reset(m_selectHost);
        m_hosts.insert(QByteArray(valid.data(), qsizetype(valid.size())), id);
    }
    m_lastHost.assign(name);
    m_lastHostId = id;
    return id;
}

bool EventWriter::add(const PendingRow &row)
{
    if (row.event->kind == EventKind::QueueSender) {
        m_pendingSenders.push_back(row);
        return m_pendingSenders.size() < rowsPerInsert || flush();
    }
    m_pending.push_back(row);
    return m_pending.size() < rowsPerInsert || flush();
}

bool EventWriter::write(const Event &event, std::int64_t sourceId, std::int64_t lineOffset,
                        ReasonClass reason, int klass, std::int64_t retryKey)
{
    m_minutes.add(event, reason, klass);
    std::string &program = m_programs[m_pending.size()];
    program.assign(event.syslogName);
    if (!program.empty())
        program += '/';
    program += event.service;
    return add({&event, sourceId, lineOffset, reason, klass, retryKey, program, false});
}

bool EventWriter::writeBatch(const ParsedBatch &batch, std::int64_t sourceId)
{
    // Rows of earlier write() calls keep their place in front.
    m_pending.reserve(m_pending.size() + batch.events.size());
    for (const ParsedBatch::Item &item : batch.events) {
        const PendingRow row{&item.event,     sourceId,     item.lineOffset, item.reason,
                             item.codeClass, item.retryKey, item.program,   true};
        if (item.event.kind == EventKind::QueueSender)
            m_pendingSenders.push_back(row);
        else
            m_pending.push_back(row);
    }
    m_minutes.add(batch.minutes);
    return flush();
}

bool EventWriter::flush()
{
    const bool ok =
        (m_insertEvents.run(m_pending.size(),
                            [this](RowBinder &b, std::size_t row) { bindRow(b, m_pending[row]); })
         || fail("insert event"))
        && (m_insertQueueSenders.run(m_pendingSenders.size(),
                                     [this](RowBinder &b, std::size_t row) {
                                         bindSender(b, m_pendingSenders[row]);
                                     })
            || fail("insert queue_sender"));
    m_pending.clear();
    m_pendingSenders.clear();
    return ok;
}

void EventWriter::bindRow(RowBinder &b, const PendingRow &row)
{
    const Event &event = *row.event;
    const bool checked = row.textChecked;
    const auto optionalInteger = [&b](int column, std::int64_t value) {
        if (value >= 0)
            b.integer(column, value);
        else
            b.null(column);
    };
    b.integer(SourceId, row.sourceId);
    b.integer(LineOffset, row.lineOffset);
    b.integer(TimeMs, event.timeUtcMs);
    b.integer(HostId, hostId(event.host));
    bindText(b, Program, row.program, checked, false);
    b.integer(Kind, int(event.kind));
    b.integer(DirectionCol, int(event.direction));
    b.integer(Action, int(event.action));
    b.integer(StageCol, int(event.stage));
    b.integer(Status, int(event.status));
    b.integer(Code, event.replyCode);
    b.integer(CodeClass, row.codeClass);
    bindText(b, EnhancedCode, event.enhancedCode, checked);
    b.integer(Reason, int(row.reason));
    b.integer(RetryKey, row.retryKey);
    bindText(b, QueueId, event.queueId, checked);
    bindText(b, ClientName, event.clientName, checked);
    bindText(b, ClientIp, event.clientIp, checked);
    bindText(b, Helo, event.helo, checked);
    bindText(b, Sender, event.sender, checked, !event.senderKnown); // "" is the null sender <>
    bindText(b, Recipient, event.recipient, checked);
    bindText(b, OrigRecipient, event.origRecipient, checked);
    bindText(b, Relay, event.relay, checked);
    if (event.delaySeconds >= 0)
        b.real(Delay, event.delaySeconds);
    else
        b.null(Delay);
    bindText(b, Dsn, event.dsn, checked);
    bindText(b, SmtpCommand, event.smtpCommand, checked);
    b.integer(GreetingRefused, event.greetingRefused ? 1 : 0);
    bindText(b, Reply,
             event.kind == EventKind::Delivery && !event.statusText.empty() ? event.statusText
                                                                             : event.replyText,
             checked);
    bindText(b, NoticeQueueId, event.noticeQueueId, checked);
    optionalInteger(SizeBytes, event.size);
    optionalInteger(Nrcpt, event.nrcpt);
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
    // One statement for many minutes, as for the events.
    std::vector<std::pair<MinuteCounts::Key, std::int64_t>> minutes;
    minutes.reserve(std::size_t(m_minutes.map().size()));
    for (auto it = m_minutes.map().cbegin(); it != m_minutes.map().cend(); ++it)
        minutes.emplace_back(it.key(), it.value());
    // In key order the upserts walk the primary key forwards instead of hopping about.
    std::sort(minutes.begin(), minutes.end(), [](const auto &a, const auto &b) {
        const MinuteCounts::Key &x = a.first, &y = b.first;
        return std::tie(x.minute, x.direction, x.kind, x.codeClass, x.reason, x.status)
            < std::tie(y.minute, y.direction, y.kind, y.codeClass, y.reason, y.status);
    });
    const bool upserted =
        m_upsertMinutes.run(minutes.size(), [&](RowBinder &b, std::size_t row) {
            const auto &[key, events] = minutes[row];
            b.integer(1, key.minute);
            b.integer(2, key.direction);
            b.integer(3, key.kind);
            b.integer(4, key.codeClass);
            b.integer(5, key.reason);
            b.integer(6, key.status);
            b.integer(7, events);
        });
    if (!upserted)
        return fail("upsert minute_count");
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
