// The build of top_day: one pass over the events of the days to pack (in time
// order, by the event_time index), each day's columns written when the next day
// begins, all in one write transaction.

#include "topaggregate.h"

#include "filtersql.h"
#include "sqlitestatement.h"
#include "store/database.h"

#include <QElapsedTimer>
#include <QLoggingCategory>
#include <QRandomGenerator>

#include <sqlite3.h>

#include <algorithm>
#include <array>
#include <functional>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcTopAggregate, "rejectscope.topaggregate", QtWarningMsg)

namespace rejectscope::topaggregate {

namespace {

constexpr int textDimensions = 3; // clients, senders, recipients; reasons need no key

using Statement = SqliteStatement;

// One attempt as the top lists see it. The keys are empty views when the event
// has none; they stay valid until the next attempt.
struct Attempt {
    std::int64_t id = 0;
    std::int64_t timeMs = 0;
    int kind = 0;
    int direction = 0;
    int reason = 0;
    int codeClass = 0; // 4, 5, 2 or 0 (none)
    std::int64_t retryKey = 0; // event.retry_key: 0 none
    bool hasKey[3] = {};
    std::string_view key[3]; // by TopListKind: clients, senders, recipients
};

// Calls `visit` for the attempts of [fromMs, toMs) in time order, with the keys of
// the kinds in `kinds` (bit 1 << kind) worked out as keyExpression() does. False
// when the read fails or `visit` returns false.
bool forEachAttempt(sqlite3 *db, std::int64_t fromMs, std::int64_t toMs, unsigned kinds,
                    const std::function<bool(const Attempt &)> &visit);


std::string_view columnText(sqlite3_stmt *s, int column)
{
    const auto *text = reinterpret_cast<const char *>(sqlite3_column_text(s, column));
    return text ? std::string_view(text, std::size_t(sqlite3_column_bytes(s, column))) : std::string_view();
}

bool isNullOrEmpty(sqlite3_stmt *s, int column)
{
    return sqlite3_column_type(s, column) == SQLITE_NULL || sqlite3_column_bytes(s, column) == 0;
}

// SQLite's own lower(): ASCII only, as the event scan's keyExpression() folds.
void appendLower(std::string &out, std::string_view text)
{
    for (const char c : text)
        out += c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c;
}

// The ids of one dimension's keys by their text: open addressing over the texts'
// hashes, the texts in one buffer; a lookup touches a slot and the text.
class KeyIds
{
public:
    // The id of `text`, or 0 when it has none yet.
    std::int64_t find(std::string_view text) const
    {
        if (m_slots.empty())
            return 0;
        const std::uint64_t hash = std::hash<std::string_view>{}(text);
        const std::size_t mask = m_slots.size() - 1;
        for (std::size_t i = hash & mask;; i = (i + 1) & mask) {
            const Slot &slot = m_slots[i];
            if (slot.id == 0)
                return 0;
            if (slot.hash == hash && textOf(slot) == text)
                return slot.id;
        }
    }
    void add(std::string_view text, std::int64_t id)
    {
        if ((m_count + 1) * 2 > m_slots.size())
            grow();
        place({std::hash<std::string_view>{}(text), m_text.size(), text.size(), id});
        m_text.append(text);
        ++m_count;
    }

private:
    struct Slot {
        std::uint64_t hash = 0;
        std::size_t offset = 0;
        std::size_t size = 0;
        std::int64_t id = 0; // 0 when free
    };
    std::string_view textOf(const Slot &slot) const { return std::string_view(m_text).substr(slot.offset, slot.size); }
    void place(const Slot &slot)
    {
        const std::size_t mask = m_slots.size() - 1;
        std::size_t i = slot.hash & mask;
        while (m_slots[i].id != 0)
            i = (i + 1) & mask;
        m_slots[i] = slot;
    }
    void grow()
    {
        std::vector<Slot> old(std::max<std::size_t>(4096, m_slots.size() * 2));
        old.swap(m_slots);
        for (const Slot &slot : old) {
            if (slot.id != 0)
                place(slot);
        }
    }

    std::vector<Slot> m_slots;
    std::string m_text;
    std::size_t m_count = 0;
};

// Appends `value` to `out` as little-endian bytes.
template<typename T>
void appendLittleEndian(std::string &out, T value)
{
    for (std::size_t i = 0; i < sizeof(T); ++i)
        out += char((std::uint64_t(value) >> (8 * i)) & 0xff);
}

// Packs the attempts of each day into one top_day row.
class DayPacker
{
public:
    explicit DayPacker(sqlite3 *db)
        : m_db(db)
        , m_insertKey(db, "INSERT INTO top_key (dimension, key_text) VALUES (?, ?)")
        , m_write(db, "INSERT INTO top_day (day, attempts, times, flags, clients, senders, recipients,"
                      " retry_keys) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
        , m_forget(db, "DELETE FROM top_day WHERE day >= ? AND day < ?")
    {
    }

    bool ok() const { return m_insertKey.ok() && m_write.ok() && m_forget.ok(); }

    bool loadKeys()
    {
        Statement keys(m_db, "SELECT dimension, key_text, id FROM top_key");
        if (!keys.ok())
            return false;
        int rc;
        while ((rc = sqlite3_step(keys.get())) == SQLITE_ROW) {
            const int dimension = sqlite3_column_int(keys.get(), 0);
            if (dimension >= 0 && dimension < textDimensions)
                m_keyIds[dimension].add(columnText(keys.get(), 1), sqlite3_column_int64(keys.get(), 2));
        }
        return rc == SQLITE_DONE;
    }

    // Packs the days [fromDay, toDay) again.
    bool pack(std::int64_t fromDay, std::int64_t toDay, std::vector<std::int64_t> &pendingSenders)
    {
        sqlite3_bind_int64(m_forget.get(), 1, fromDay);
        sqlite3_bind_int64(m_forget.get(), 2, toDay);
        if (!m_forget.run())
            return false;
        const bool read = forEachAttempt(m_db, fromDay * dayMs, toDay * dayMs, (1u << textDimensions) - 1,
                                         [&](const Attempt &a) { return add(a, pendingSenders); });
        return read && flush();
    }

private:
    std::optional<std::uint32_t> keyId(int dimension, std::string_view text)
    {
        KeyIds &ids = m_keyIds[dimension];
        if (const std::int64_t id = ids.find(text))
            return std::uint32_t(id);
        sqlite3_stmt *s = m_insertKey.get();
        sqlite3_bind_int(s, 1, dimension);
        sqlite3_bind_text(s, 2, text.data(), int(text.size()), SQLITE_STATIC);
        if (!m_insertKey.run())
            return std::nullopt;
        const std::int64_t id = sqlite3_last_insert_rowid(m_db);
        if (id <= 0 || id > std::numeric_limits<std::uint32_t>::max())
            return std::nullopt; // the packed columns hold 32-bit ids
        ids.add(text, id);
        return std::uint32_t(id);
    }

    bool add(const Attempt &a, std::vector<std::int64_t> &pendingSenders)
    {
        const std::int64_t day = sql::floorDiv(a.timeMs, dayMs);
        if (m_day && *m_day != day && !flush())
            return false;
        m_day = day;
        ++m_attempts;
        appendLittleEndian(m_columns[0], std::uint32_t(a.timeMs - day * dayMs));
        m_columns[1] += char(packFlags(a.direction, packedClass(a.codeClass), a.reason));
        for (int d = 0; d < textDimensions; ++d) {
            std::uint32_t id = 0;
            if (a.hasKey[d]) {
                const auto known = keyId(d, a.key[d]);
                if (!known)
                    return false;
                id = *known;
            }
            appendLittleEndian(m_columns[2 + d], id);
        }
        appendLittleEndian(m_columns[2 + textDimensions], std::uint64_t(a.retryKey));
        if (!a.hasKey[int(TopListKind::Senders)] && a.kind == int(EventKind::Delivery))
            pendingSenders.push_back(a.id);
        return true;
    }

    bool flush()
    {
        if (!m_day)
            return true;
        sqlite3_stmt *s = m_write.get();
        sqlite3_bind_int64(s, 1, *m_day);
        sqlite3_bind_int64(s, 2, m_attempts);
        for (int c = 0; c < columnCount; ++c)
            sqlite3_bind_blob(s, 3 + c, m_columns[c].data(), int(m_columns[c].size()), SQLITE_STATIC);
        const bool written = m_write.run();
        for (std::string &column : m_columns)
            column.clear();
        m_attempts = 0;
        m_day.reset();
        return written;
    }

    static constexpr int columnCount = 3 + textDimensions; // times, flags, one per key, retry keys

    sqlite3 *m_db;
    Statement m_insertKey;
    Statement m_write;
    Statement m_forget;
    KeyIds m_keyIds[textDimensions];
    std::optional<std::int64_t> m_day;
    std::int64_t m_attempts = 0;
    std::string m_columns[columnCount];
};
// Days [from, to).
struct DayRange {
    std::int64_t from = 0;
    std::int64_t to = 0;
};

// The days to count again, merged where they touch, in order.
std::vector<DayRange> merged(std::vector<DayRange> ranges)
{
    std::sort(ranges.begin(), ranges.end(), [](const DayRange &a, const DayRange &b) { return a.from < b.from; });
    std::vector<DayRange> out;
    for (const DayRange &r : ranges) {
        if (!out.empty() && r.from <= out.back().to)
            out.back().to = std::max(out.back().to, r.to);
        else
            out.push_back(r);
    }
    return out;
}

std::optional<std::int64_t> scalar(sqlite3 *db, const char *sql, std::optional<std::int64_t> bound = {})
{
    Statement s(db, sql);
    if (!s.ok())
        return std::nullopt;
    if (bound)
        sqlite3_bind_int64(s.get(), 1, *bound);
    if (sqlite3_step(s.get()) != SQLITE_ROW || sqlite3_column_type(s.get(), 0) == SQLITE_NULL)
        return std::nullopt;
    return sqlite3_column_int64(s.get(), 0);
}

bool exec(sqlite3 *db, const char *sql)
{
    return sqlite3_exec(db, sql, nullptr, nullptr, nullptr) == SQLITE_OK;
}

// Brings top_day up to date inside the caller's write transaction.
bool refresh(sqlite3 *db)
{
    // Read again under the write lock: another connection may have been first.
    const std::optional<std::int64_t> builtEvents = scalar(db, "SELECT max_event_id FROM top_build WHERE id = 1");
    const std::int64_t builtSenders = scalar(db, "SELECT max_queue_sender_id FROM top_build WHERE id = 1").value_or(0);
    const std::int64_t maxEvent = scalar(db, "SELECT MAX(id) FROM event").value_or(0);
    const std::int64_t maxSender = scalar(db, "SELECT MAX(id) FROM queue_sender").value_or(0);
    if (builtEvents && *builtEvents == maxEvent && builtSenders == maxSender)
        return true;

    QElapsedTimer timer;
    timer.start();
    const bool full = !builtEvents;
    std::vector<DayRange> ranges;
    const auto firstNew = scalar(db, "SELECT MIN(time_ms) FROM event WHERE id > ?", builtEvents.value_or(0));
    const auto lastNew = scalar(db, "SELECT MAX(time_ms) FROM event WHERE id > ?", builtEvents.value_or(0));
    if (firstNew && lastNew)
        ranges.push_back({sql::floorDiv(*firstNew, dayMs), sql::floorDiv(*lastNew, dayMs) + 1});
    if (!full && builtSenders != maxSender) {
        // Deliveries counted without a sender that have one now.
        Statement filled(db, "SELECT e.time_ms FROM top_sender_pending p JOIN event e ON e.id = p.event_id"
                             " WHERE e.sender IS NOT NULL");
        if (!filled.ok())
            return false;
        while (sqlite3_step(filled.get()) == SQLITE_ROW) {
            const std::int64_t day = sql::floorDiv(sqlite3_column_int64(filled.get(), 0), dayMs);
            ranges.push_back({day, day + 1});
        }
    }
    if (full && !(exec(db, "DELETE FROM top_day") && exec(db, "DELETE FROM top_sender_pending")))
        return false;

    DayPacker packer(db);
    if (!packer.ok() || !packer.loadKeys())
        return false;
    Statement forgetPending(db, "DELETE FROM top_sender_pending WHERE event_id IN"
                                " (SELECT id FROM event WHERE time_ms >= ? AND time_ms < ?)");
    Statement addPending(db, "INSERT INTO top_sender_pending (event_id) VALUES (?)");
    if (!forgetPending.ok() || !addPending.ok())
        return false;
    for (const DayRange &range : merged(ranges)) {
        std::vector<std::int64_t> pending;
        if (!full) {
            sqlite3_bind_int64(forgetPending.get(), 1, range.from * dayMs);
            sqlite3_bind_int64(forgetPending.get(), 2, range.to * dayMs);
            if (!forgetPending.run())
                return false;
        }
        if (!packer.pack(range.from, range.to, pending))
            return false;
        for (const std::int64_t id : pending) {
            sqlite3_bind_int64(addPending.get(), 1, id);
            if (!addPending.run())
                return false;
        }
    }
    qCDebug(lcTopAggregate) << "packed in" << timer.restart() << "ms";
    Statement build(db, "INSERT INTO top_build (id, max_event_id, max_queue_sender_id, generation)"
                        " VALUES (1, ?, ?, ?)");
    if (!build.ok() || !exec(db, "DELETE FROM top_build"))
        return false;
    sqlite3_bind_int64(build.get(), 1, maxEvent);
    sqlite3_bind_int64(build.get(), 2, maxSender);
    // Random, so that a database made again at the same path never meets a
    // generation kept in memory from the old one.
    sqlite3_bind_int64(build.get(), 3, std::int64_t(QRandomGenerator::global()->generate64() >> 1));
    return build.run();
}

} // namespace

int packedClass(int codeClass)
{
    switch (codeClass) {
    case 4:
        return 1;
    case 5:
        return 2;
    case 2:
        return 3;
    }
    return 0;
}

namespace {

bool forEachAttempt(sqlite3 *db, std::int64_t fromMs, std::int64_t toMs, unsigned kinds,
                    const std::function<bool(const Attempt &)> &visit)
{
    const std::string sql = "SELECT id, time_ms, kind, direction, reason, code_class, status, client_name, client_ip,"
                            " relay, sender, recipient, retry_key FROM event WHERE time_ms >= ? AND time_ms < ? AND "
        + sql::attemptCondition(QString()).toStdString() + " ORDER BY time_ms";
    Statement scan(db, sql);
    if (!scan.ok())
        return false;
    sqlite3_stmt *s = scan.get();
    sqlite3_bind_int64(s, 1, fromMs);
    sqlite3_bind_int64(s, 2, toMs);
    std::string text[textDimensions];
    Attempt a;
    const auto wanted = [&](TopListKind kind) { return (kinds & (1u << int(kind))) != 0; };
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        a.id = sqlite3_column_int64(s, 0);
        a.timeMs = sqlite3_column_int64(s, 1);
        a.kind = sqlite3_column_int(s, 2);
        a.direction = sqlite3_column_int(s, 3);
        a.reason = sqlite3_column_int(s, 4);
        a.retryKey = sqlite3_column_int64(s, 12);
        const int codeClass = sqlite3_column_int(s, 5);
        const auto status = DeliveryStatus(sqlite3_column_int(s, 6));
        if (a.kind == int(EventKind::Reject)) {
            a.codeClass = codeClass == 4 || codeClass == 5 ? codeClass : 0;
        } else {
            a.codeClass = status == DeliveryStatus::Deferred || status == DeliveryStatus::SoftBounce ? 4
                : status == DeliveryStatus::Bounced                                                  ? 5
                : status == DeliveryStatus::Sent                                                     ? 2
                                                                                                     : 0;
        }
        if (wanted(TopListKind::Clients)) {
            std::string &t = text[0];
            t.clear();
            if (a.direction == int(Direction::Inbound)) {
                if (isNullOrEmpty(s, 8)) {
                    t = columnText(s, 7);
                } else {
                    const std::string_view name = columnText(s, 7);
                    if (name.empty() || name == "unknown")
                        t = columnText(s, 8);
                    else
                        t.append(name).append(1, '[').append(columnText(s, 8)).append(1, ']');
                }
            } else {
                t = columnText(s, 9);
            }
            a.hasKey[0] = !t.empty();
            a.key[0] = t;
        }
        if (wanted(TopListKind::Senders)) {
            std::string &t = text[1];
            t.clear();
            a.hasKey[1] = sqlite3_column_type(s, 10) != SQLITE_NULL;
            if (a.hasKey[1]) {
                const std::string_view sender = columnText(s, 10);
                if (sender.empty())
                    t = "<>";
                else
                    appendLower(t, sender);
            }
            a.key[1] = t;
        }
        if (wanted(TopListKind::Recipients)) {
            std::string &t = text[2];
            t.clear();
            appendLower(t, columnText(s, 11));
            a.hasKey[2] = !t.empty();
            a.key[2] = t;
        }
        if (!visit(a))
            return false;
    }
    return rc == SQLITE_DONE;
}

} // namespace

void rankReasonEntries(QList<TopEntry> &entries, int limit)
{
    std::sort(entries.begin(), entries.end(), [](const TopEntry &a, const TopEntry &b) {
        return a.attempts != b.attempts ? a.attempts > b.attempts : a.key < b.key;
    });
    if (entries.size() > limit)
        entries.resize(std::max(limit, 0));
}

QString keyExpression(TopListKind kind, const QString &p)
{
    switch (kind) {
    case TopListKind::Clients:
        // Postfix logs "unknown[ip]" when the reverse lookup failed; postscreen
        // logs no name at all.
        return u"(CASE WHEN %1direction = %2 THEN (CASE WHEN %1client_ip IS NULL OR %1client_ip = ''"
               " THEN NULLIF(%1client_name, '') WHEN %1client_name IS NULL OR %1client_name = ''"
               " OR %1client_name = 'unknown' THEN %1client_ip"
               " ELSE %1client_name || '[' || %1client_ip || ']' END) ELSE NULLIF(%1relay, '') END)"_s.arg(p)
            .arg(int(Direction::Inbound));
    case TopListKind::Senders:
        return u"(CASE WHEN %1sender = '' THEN '<>' ELSE LOWER(%1sender) END)"_s.arg(p);
    case TopListKind::Recipients:
        return u"LOWER(NULLIF(%1recipient, ''))"_s.arg(p);
    case TopListKind::Reasons:
        return p + u"reason"_s;
    }
    return u"NULL"_s;
}

bool ensureCurrent(Database &database)
{
    const Database::InterruptHold hold(database);
    sqlite3 *db = database.nativeHandle();
    if (!db)
        return false;
    {
        Statement check(db, "SELECT (SELECT max_event_id FROM top_build WHERE id = 1),"
                            " (SELECT max_queue_sender_id FROM top_build WHERE id = 1),"
                            " (SELECT MAX(id) FROM event), (SELECT MAX(id) FROM queue_sender)");
        if (!check.ok() || sqlite3_step(check.get()) != SQLITE_ROW)
            return false;
        sqlite3_stmt *s = check.get();
        if (sqlite3_column_type(s, 0) != SQLITE_NULL && sqlite3_column_int64(s, 0) == sqlite3_column_int64(s, 2)
            && sqlite3_column_int64(s, 1) == sqlite3_column_int64(s, 3))
            return true;
    }
    QString why;
    if (!inWriteTransaction(db, why, [db] { return refresh(db); })) {
        qCDebug(lcTopAggregate) << "cannot refresh:" << why;
        return false;
    }
    return true;
}

} // namespace rejectscope::topaggregate
