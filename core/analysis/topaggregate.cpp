// The build of top_count: one pass over the events of the days to count (in time
// order, by the event_time index) into hash maps, a day's counts written when the
// next day begins and summed into its 8-day block, a block's into its 64-day one,
// each bucket with multi-row INSERTs, all in one write transaction.

#include "topaggregate.h"

#include "filtersql.h"
#include "sqlitestatement.h"
#include "store/database.h"

#include <QElapsedTimer>
#include <QLoggingCategory>

#include <sqlite3.h>

#include <algorithm>
#include <array>
#include <limits>
#include <optional>
#include <string>
#include <vector>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcTopAggregate, "rejectscope.topaggregate", QtWarningMsg)

namespace rejectscope::topaggregate {

namespace {

constexpr int textDimensions = 3; // clients, senders, recipients; reasons need no key
constexpr int reasonDimension = int(TopListKind::Reasons);
constexpr int columnCount = 18;
constexpr int rowsPerInsert = 50;

using Statement = SqliteStatement;

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

// Counts of one row of top_count, by slot.
struct Counts {
    std::array<std::int64_t, slotCount> n{};
    std::array<std::int64_t, slotCount> first;
    std::array<std::int64_t, slotCount> last;

    Counts()
    {
        first.fill(std::numeric_limits<std::int64_t>::max());
        last.fill(std::numeric_limits<std::int64_t>::min());
    }
    void add(int slot, std::int64_t timeMs)
    {
        ++n[slot];
        first[slot] = std::min(first[slot], timeMs);
        last[slot] = std::max(last[slot], timeMs);
    }
    void merge(const Counts &o)
    {
        for (int i = 0; i < slotCount; ++i) {
            n[i] += o.n[i];
            first[i] = std::min(first[i], o.first[i]);
            last[i] = std::max(last[i], o.last[i]);
        }
    }
};

// (dimension, key, direction, reason) in one number, in that order of
// significance: reasons fit in five bits.
constexpr std::uint64_t packKey(std::int64_t keyId, int dimension, int direction, int reason)
{
    return (std::uint64_t(dimension) << 62) | (std::uint64_t(keyId) << 7) | (std::uint64_t(direction) << 5)
        | std::uint64_t(reason);
}
constexpr int dimensionOf(std::uint64_t key)
{
    return int(key >> 62);
}
constexpr std::int64_t keyIdOf(std::uint64_t key)
{
    return std::int64_t((key >> 7) & ((1ULL << 55) - 1));
}
static_assert(reasonClassCount <= 32);

int slotOfEffectiveClass(int codeClass)
{
    switch (codeClass) {
    case 4:
        return TemporarySlot;
    case 5:
        return PermanentSlot;
    case 2:
        return AcceptedSlot;
    }
    return -1;
}

using CountMap = FlatTable<Counts>;

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

class Builder
{
public:
    Builder(sqlite3 *db, bool full)
        : m_db(db)
        , m_full(full)
        , m_insertKey(db, "INSERT INTO top_key (dimension, key_text) VALUES (?, ?)")
        , m_insertMany(db, insertSql(rowsPerInsert))
        , m_insertOne(db, insertSql(1))
        , m_delete(db, "DELETE FROM top_count WHERE dimension IN (0, 1, 2, 3) AND level = ? AND bucket = ?")
        , m_read(db, "SELECT dimension, key_id, direction, reason, attempts, first_ms, last_ms, temporary,"
                     " temporary_first_ms, temporary_last_ms, permanent, permanent_first_ms, permanent_last_ms,"
                     " accepted, accepted_first_ms, accepted_last_ms FROM top_count"
                     " WHERE dimension IN (0, 1, 2, 3) AND level = ? AND bucket = ?")
    {
    }

    bool ok() const
    {
        return m_insertKey.ok() && m_insertMany.ok() && m_insertOne.ok() && m_delete.ok() && m_read.ok();
    }

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

    // Counts the days [fromDay, toDay) again, and the blocks they lie in.
    bool count(std::int64_t fromDay, std::int64_t toDay, std::vector<std::int64_t> &pendingSenders)
    {
        for (auto &flushed : m_flushed)
            flushed.clear();
        const bool read = forEachAttempt(m_db, fromDay * dayMs, toDay * dayMs, (1u << textDimensions) - 1,
                                         [&](const Attempt &a) { return add(a, pendingSenders); });
        if (!read)
            return false;
        for (int level = 0; level < levelCount; ++level) {
            if (!flush(level))
                return false;
        }
        return true;
    }

private:
    static std::string insertSql(int rows)
    {
        std::string sql = "INSERT INTO top_count (dimension, level, bucket, key_id, direction, reason, attempts,"
                          " first_ms, last_ms, temporary, temporary_first_ms, temporary_last_ms, permanent,"
                          " permanent_first_ms, permanent_last_ms, accepted, accepted_first_ms, accepted_last_ms)"
                          " VALUES ";
        std::string row = "(";
        for (int c = 0; c < columnCount; ++c)
            row += c == 0 ? "?" : ", ?";
        row += ')';
        for (int r = 0; r < rows; ++r)
            sql += (r == 0 ? "" : ", ") + row;
        return sql;
    }

    std::optional<std::int64_t> keyId(int dimension, std::string_view text)
    {
        KeyIds &ids = m_keyIds[dimension];
        if (const std::int64_t id = ids.find(text))
            return id;
        sqlite3_stmt *s = m_insertKey.get();
        sqlite3_bind_int(s, 1, dimension);
        sqlite3_bind_text(s, 2, text.data(), int(text.size()), SQLITE_STATIC);
        if (!m_insertKey.run())
            return std::nullopt;
        const std::int64_t id = sqlite3_last_insert_rowid(m_db);
        ids.add(text, id);
        return id;
    }

    bool add(const Attempt &a, std::vector<std::int64_t> &pendingSenders)
    {
        const std::int64_t day = sql::floorDiv(a.timeMs, dayMs);
        if (m_bucket[0] && *m_bucket[0] != day && !advance(day))
            return false;
        m_bucket[0] = day;
        CountMap &map = m_maps[0];
        const int slot = slotOfEffectiveClass(a.codeClass);
        const auto count = [&](std::uint64_t key) {
            Counts &c = map[key];
            c.add(AllSlot, a.timeMs);
            if (slot >= 0)
                c.add(slot, a.timeMs);
        };
        for (int d = 0; d < textDimensions; ++d) {
            if (!a.hasKey[d])
                continue;
            const auto id = keyId(d, a.key[d]);
            if (!id)
                return false;
            count(packKey(*id, d, a.direction, a.reason));
        }
        count(packKey(a.reason, reasonDimension, a.direction, a.reason));
        if (!a.hasKey[int(TopListKind::Senders)] && a.kind == int(EventKind::Delivery))
            pendingSenders.push_back(a.id);
        return true;
    }

    // A new day: the buckets it does not lie in are complete.
    bool advance(std::int64_t day)
    {
        for (int level = 0; level < levelCount; ++level) {
            if (m_bucket[level] && *m_bucket[level] != sql::floorDiv(day, levels[level].days) && !flush(level))
                return false;
        }
        return true;
    }

    // Writes the current bucket of `level` and adds it to the level above. A
    // block also gets the rows of its parts this pass did not count (they did
    // not change), read back from the table.
    bool flush(int level)
    {
        if (!m_bucket[level])
            return true;
        const std::int64_t bucket = *m_bucket[level];
        CountMap &map = m_maps[level];
        if (!m_full) {
            if (level > 0) {
                const std::int64_t ratio = levels[level].days / levels[level - 1].days;
                const auto &counted = m_flushed[level - 1];
                for (std::int64_t part = bucket * ratio; part < (bucket + 1) * ratio; ++part) {
                    if (std::find(counted.begin(), counted.end(), part) == counted.end() && !read(level - 1, part, map))
                        return false;
                }
            }
            sqlite3_bind_int(m_delete.get(), 1, level);
            sqlite3_bind_int64(m_delete.get(), 2, bucket);
            if (!m_delete.run())
                return false;
        }
        if (!write(level, bucket, map))
            return false;
        if (level + 1 < levelCount) {
            CountMap &above = m_maps[level + 1];
            for (const auto &[key, counts] : map.entries())
                above[key].merge(counts);
            m_bucket[level + 1] = sql::floorDiv(bucket * levels[level].days, levels[level + 1].days);
        }
        m_flushed[level].push_back(bucket);
        map.clear();
        m_bucket[level].reset();
        return true;
    }

    bool read(int level, std::int64_t bucket, CountMap &map)
    {
        sqlite3_stmt *s = m_read.get();
        sqlite3_bind_int(s, 1, level);
        sqlite3_bind_int64(s, 2, bucket);
        int rc;
        while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
            Counts row;
            for (int slot = 0; slot < slotCount; ++slot) {
                row.n[slot] = sqlite3_column_int64(s, 4 + 3 * slot);
                if (row.n[slot] > 0) {
                    row.first[slot] = sqlite3_column_int64(s, 5 + 3 * slot);
                    row.last[slot] = sqlite3_column_int64(s, 6 + 3 * slot);
                }
            }
            map[packKey(sqlite3_column_int64(s, 1), sqlite3_column_int(s, 0), sqlite3_column_int(s, 2),
                        sqlite3_column_int(s, 3))]
                .merge(row);
        }
        sqlite3_reset(s);
        return rc == SQLITE_DONE;
    }

    // The rows in key order: a dimension's rows of the bucket lie together.
    bool write(int level, std::int64_t bucket, const CountMap &map)
    {
        const auto &entries = map.entries();
        std::vector<std::pair<std::uint64_t, std::uint32_t>> rows;
        rows.reserve(entries.size());
        for (std::size_t e = 0; e < entries.size(); ++e)
            rows.emplace_back(entries[e].first, std::uint32_t(e));
        std::sort(rows.begin(), rows.end());
        std::size_t i = 0;
        while (i < rows.size()) {
            const bool many = rows.size() - i >= std::size_t(rowsPerInsert);
            sqlite3_stmt *s = many ? m_insertMany.get() : m_insertOne.get();
            const int n = many ? rowsPerInsert : 1;
            for (int r = 0; r < n; ++r, ++i) {
                const std::uint64_t key = rows[i].first;
                const Counts &c = entries[rows[i].second].second;
                int p = r * columnCount;
                sqlite3_bind_int(s, ++p, dimensionOf(key));
                sqlite3_bind_int(s, ++p, level);
                sqlite3_bind_int64(s, ++p, bucket);
                sqlite3_bind_int64(s, ++p, keyIdOf(key));
                sqlite3_bind_int(s, ++p, int((key >> 5) & 3));
                sqlite3_bind_int(s, ++p, int(key & 31));
                for (int slot = 0; slot < slotCount; ++slot) {
                    sqlite3_bind_int64(s, ++p, c.n[slot]);
                    if (c.n[slot] > 0) {
                        sqlite3_bind_int64(s, ++p, c.first[slot]);
                        sqlite3_bind_int64(s, ++p, c.last[slot]);
                    } else {
                        sqlite3_bind_null(s, ++p);
                        sqlite3_bind_null(s, ++p);
                    }
                }
            }
            const int rc = sqlite3_step(s);
            sqlite3_reset(s);
            if (rc != SQLITE_DONE)
                return false;
        }
        return true;
    }

    sqlite3 *m_db;
    bool m_full;
    Statement m_insertKey;
    Statement m_insertMany;
    Statement m_insertOne;
    Statement m_delete;
    Statement m_read;
    KeyIds m_keyIds[textDimensions];
    CountMap m_maps[levelCount];
    std::optional<std::int64_t> m_bucket[levelCount];
    std::vector<std::int64_t> m_flushed[levelCount]; // the buckets this pass wrote
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

// Brings top_count up to date inside the caller's write transaction.
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
    // A full build writes without the index (one sort at the end instead of a
    // B-tree insert per row) and reads nothing back.
    if (full
        && !(exec(db, "DELETE FROM top_count") && exec(db, "DELETE FROM top_sender_pending")
             && exec(db, "DROP INDEX IF EXISTS top_count_bucket")))
        return false;

    Builder builder(db, full);
    if (!builder.ok() || !builder.loadKeys())
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
        if (!builder.count(range.from, range.to, pending))
            return false;
        for (const std::int64_t id : pending) {
            sqlite3_bind_int64(addPending.get(), 1, id);
            if (!addPending.run())
                return false;
        }
    }
    qCDebug(lcTopAggregate) << "counted in" << timer.restart() << "ms";
    if (full && !exec(db, "CREATE INDEX top_count_bucket ON top_count (dimension, level, bucket)"))
        return false;
    qCDebug(lcTopAggregate) << "index in" << timer.restart() << "ms";
    Statement build(db, "INSERT INTO top_build (id, max_event_id, max_queue_sender_id) VALUES (1, ?, ?)");
    if (!build.ok() || !exec(db, "DELETE FROM top_build"))
        return false;
    sqlite3_bind_int64(build.get(), 1, maxEvent);
    sqlite3_bind_int64(build.get(), 2, maxSender);
    return build.run();
}

} // namespace

int slotOfClass(int codeClass)
{
    const int slot = slotOfEffectiveClass(codeClass);
    return slot < 0 ? AllSlot : slot;
}

bool forEachAttempt(sqlite3 *db, std::int64_t fromMs, std::int64_t toMs, unsigned kinds,
                    const std::function<bool(const Attempt &)> &visit)
{
    const std::string sql = "SELECT id, time_ms, kind, direction, reason, code_class, status, client_name, client_ip,"
                            " relay, sender, recipient FROM event WHERE time_ms >= ? AND time_ms < ? AND "
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

QString floorDivExpression(const QString &x, std::int64_t n)
{
    return u"((CASE WHEN %1 >= 0 THEN %1 ELSE %1 - %2 END) / %3)"_s.arg(x).arg(n - 1).arg(n);
}

QList<BucketRange> decompose(std::int64_t fromDay, std::int64_t toDay)
{
    QList<BucketRange> out;
    const auto split = [&](const auto &self, int levelIndex, qint64 from, qint64 to) -> void {
        if (from >= to)
            return;
        const Level &level = levels[levelIndex];
        if (levelIndex == 0) {
            out << BucketRange{level.number, from, to};
            return;
        }
        const qint64 first = -sql::floorDiv(-from, level.days); // ceiling
        const qint64 last = sql::floorDiv(to, level.days);
        if (first >= last) {
            self(self, levelIndex - 1, from, to);
            return;
        }
        self(self, levelIndex - 1, from, first * level.days);
        out << BucketRange{level.number, first, last};
        self(self, levelIndex - 1, last * level.days, to);
    };
    split(split, levelCount - 1, fromDay, toDay);
    return out;
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
