#include "attemptcolumns.h"

#include "filtersql.h"
#include "sqlitestatement.h"
#include "store/database.h"
#include "topaggregate.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QtEndian>

#include <sqlite3.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <limits>
#include <mutex>
#include <thread>

Q_LOGGING_CATEGORY(lcAttemptColumns, "rejectscope.attemptcolumns", QtWarningMsg)

namespace rejectscope {

namespace {

using topaggregate::dayMs;
constexpr int textDimensions = 3;
constexpr int reasonSlots = topaggregate::reasonMask + 1;

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(AttemptColumns)
};

// The one set of attempts a process keeps: the window looks at one database.
struct Cache {
    std::mutex mutex;
    QString path;
    std::int64_t generation = 0;
    std::shared_ptr<const AttemptColumns> attempts;
};

Cache &cache()
{
    static Cache instance;
    return instance;
}

// A read transaction, so that the generation and the rows read belong together.
class ReadTransaction
{
public:
    explicit ReadTransaction(sqlite3 *db) : m_db(db)
    {
        m_open = sqlite3_exec(db, "SAVEPOINT top_attempts", nullptr, nullptr, nullptr) == SQLITE_OK;
    }
    ~ReadTransaction()
    {
        if (m_open)
            sqlite3_exec(m_db, "RELEASE top_attempts", nullptr, nullptr, nullptr);
    }
    ReadTransaction(const ReadTransaction &) = delete;
    ReadTransaction &operator=(const ReadTransaction &) = delete;
    bool ok() const { return m_open; }

private:
    sqlite3 *m_db;
    bool m_open = false;
};

std::optional<std::int64_t> scalar(sqlite3 *db, const char *sql)
{
    SqliteStatement s(db, sql);
    if (!s.ok() || sqlite3_step(s.get()) != SQLITE_ROW)
        return std::nullopt;
    return sqlite3_column_int64(s.get(), 0);
}

QString databaseError(sqlite3 *db, const char *what)
{
    return Tr::tr("cannot read the packed attempts (%1): %2")
        .arg(QString::fromLatin1(what), QString::fromUtf8(sqlite3_errmsg(db)));
}

// Attempts by packed class and reason: flags & 0x7f.
constexpr int classAndReasonSlots = 128;
constexpr std::uint8_t classAndReasonMask = topaggregate::classMask | topaggregate::reasonMask;

// A key's (or a reason's) attempts by class and reason, and its first and last
// time. The attempts come in time order: the columns hold each day's in order,
// the slices are in day order.
struct Detail {
    std::array<std::int64_t, classAndReasonSlots> byClassAndReason{};
    std::int64_t firstMs = std::numeric_limits<std::int64_t>::max();
    std::int64_t lastMs = std::numeric_limits<std::int64_t>::min();

    void add(std::uint8_t flags, std::int64_t timeMs)
    {
        ++byClassAndReason[flags & classAndReasonMask];
        if (firstMs == std::numeric_limits<std::int64_t>::max())
            firstMs = timeMs;
        lastMs = timeMs;
    }
    std::int64_t ofClass(int packedClass) const
    {
        std::int64_t n = 0;
        for (int reason = 0; reason < reasonSlots; ++reason)
            n += byClassAndReason[std::size_t(packedClass << topaggregate::classShift | reason)];
        return n;
    }
    std::int64_t ofReason(int reason) const
    {
        std::int64_t n = 0;
        for (int packedClass = 0; packedClass < 4; ++packedClass)
            n += byClassAndReason[std::size_t(packedClass << topaggregate::classShift | reason)];
        return n;
    }
    // The reason of most attempts, the lower one on a tie.
    ReasonClass reason() const
    {
        int best = 0;
        for (int reason = 1; reason < reasonSlots; ++reason) {
            if (ofReason(reason) > ofReason(best))
                best = reason;
        }
        return ReasonClass(best);
    }
    // Adds the attempts of a later stretch of time.
    void merge(const Detail &later)
    {
        for (std::size_t i = 0; i < byClassAndReason.size(); ++i)
            byClassAndReason[i] += later.byClassAndReason[i];
        firstMs = std::min(firstMs, later.firstMs);
        lastMs = std::max(lastMs, later.lastMs);
    }
    void fill(TopEntry &entry) const
    {
        entry.temporary = ofClass(1);
        entry.permanent = ofClass(2);
        entry.firstMs = firstMs;
        entry.lastMs = lastMs;
    }
};

// Numbers 64-bit keys 1, 2, … in the order they come: open addressing over the
// numbers, the keys in a vector by number (millions of keys: 4 bytes a slot
// instead of 16 keeps the transient memory of a load down).
class KeyNumbers
{
public:
    std::uint32_t numberOf(std::uint64_t key)
    {
        if ((m_keys.size() + 1) * 3 > m_slots.size() * 2)
            grow();
        const std::size_t mask = m_slots.size() - 1;
        for (std::size_t i = mix(key) & mask;; i = (i + 1) & mask) {
            std::uint32_t &slot = m_slots[i];
            if (slot == 0) {
                m_keys.push_back(key);
                slot = std::uint32_t(m_keys.size());
                return slot;
            }
            if (m_keys[slot - 1] == key)
                return slot;
        }
    }
    std::uint32_t count() const { return std::uint32_t(m_keys.size()); }

private:
    static std::size_t mix(std::uint64_t k)
    {
        k ^= k >> 33;
        k *= 0xff51afd7ed558ccdULL;
        k ^= k >> 33;
        return std::size_t(k);
    }
    void grow()
    {
        m_slots.assign(std::max<std::size_t>(1024, m_slots.size() * 2), 0);
        const std::size_t mask = m_slots.size() - 1;
        for (std::size_t n = 0; n < m_keys.size(); ++n) {
            std::size_t i = mix(m_keys[n]) & mask;
            while (m_slots[i] != 0)
                i = (i + 1) & mask;
            m_slots[i] = std::uint32_t(n + 1);
        }
    }

    std::vector<std::uint32_t> m_slots; // number, 0 when free
    std::vector<std::uint64_t> m_keys;  // by number - 1
};

// The flags an attempt must have to pass a filter's direction, class and reason:
// (flags & mask) == want. None when the filter's class is one no attempt has.
struct FlagFilter {
    std::uint8_t mask = 0;
    std::uint8_t want = 0;
};

std::optional<FlagFilter> flagFilterOf(const AnalysisFilter &filter)
{
    FlagFilter f;
    if (filter.direction) {
        f.mask |= topaggregate::directionMask;
        f.want |= std::uint8_t(int(*filter.direction) << topaggregate::directionShift);
    }
    if (filter.codeClass) {
        const int packedClass = topaggregate::packedClass(*filter.codeClass);
        if (packedClass == 0)
            return std::nullopt;
        f.mask |= topaggregate::classMask;
        f.want |= std::uint8_t(packedClass << topaggregate::classShift);
    }
    if (filter.reason) {
        f.mask |= topaggregate::reasonMask;
        f.want |= std::uint8_t(int(*filter.reason));
    }
    return f;
}

// Runs work(slices, 0) and work(slices, 1) on the two halves of `parts` (by
// attempts), the first on a thread of its own, when there are enough attempts to
// be worth a thread; else work(parts, 0) alone. The halves keep time order.
std::atomic<std::uint64_t> worthAThread{2'000'000};

template<typename Slice, typename Work>
void inTwoHalves(const std::vector<Slice> &parts, Work work)
{
    std::uint64_t total = 0;
    for (const Slice &part : parts)
        total += part.end - part.begin;
    if (total < worthAThread) {
        work(parts, 0);
        return;
    }
    std::vector<Slice> halves[2];
    std::uint64_t seen = 0;
    for (const Slice &part : parts) {
        const std::uint64_t size = part.end - part.begin;
        if (seen >= total / 2) {
            halves[1].push_back(part);
        } else if (seen + size <= total / 2) {
            halves[0].push_back(part);
        } else {
            const auto cut = std::uint32_t(part.begin + (total / 2 - seen));
            halves[0].push_back({part.dayStartMs, part.begin, cut});
            halves[1].push_back({part.dayStartMs, cut, part.end});
        }
        seen += size;
    }
    std::thread first([&] { work(halves[0], 0); });
    work(halves[1], 1);
    first.join();
}

} // namespace

void AttemptColumns::setSplitThreshold(std::uint64_t attempts)
{
    worthAThread = attempts;
}

std::shared_ptr<const AttemptColumns> AttemptColumns::of(Database &database, QString *error)
{
    sqlite3 *db = database.nativeHandle();
    if (!db) {
        if (error)
            *error = Tr::tr("the database driver is not SQLite");
        return nullptr;
    }
    const ReadTransaction transaction(db);
    const std::optional<std::int64_t> generation = scalar(db, "SELECT generation FROM top_build WHERE id = 1");
    if (!transaction.ok() || !generation) {
        if (error)
            *error = databaseError(db, "generation");
        return nullptr;
    }
    // An in-memory or temporary database has no file to share.
    const QString path = QFileInfo(database.path()).canonicalFilePath();
    Cache &shared = cache();
    const std::lock_guard lock(shared.mutex);
    if (!path.isEmpty() && shared.attempts && shared.path == path && shared.generation == *generation)
        return shared.attempts;
    auto fresh = std::make_shared<AttemptColumns>();
    // Shared by every connection of the process: a load is never stopped halfway.
    const Database::InterruptHold hold(database);
    QElapsedTimer timer;
    timer.start();
    if (!fresh->load(db, error))
        return nullptr;
    qCDebug(lcAttemptColumns) << fresh->attemptCount() << "attempts loaded in" << timer.elapsed() << "ms";
    if (!path.isEmpty()) {
        shared.attempts = fresh;
        shared.path = path;
        shared.generation = *generation;
    }
    return fresh;
}

bool AttemptColumns::load(sqlite3 *db, QString *error)
{
    const auto fail = [&](const char *what) {
        if (error)
            *error = databaseError(db, what);
        return false;
    };
    // Keys numbered by their text's order within their dimension.
    const std::int64_t maxId = scalar(db, "SELECT COALESCE(MAX(id), 0) FROM top_key").value_or(-1);
    if (maxId < 0 || maxId > std::numeric_limits<std::uint32_t>::max())
        return fail("keys");
    std::vector<std::uint32_t> numberOf(std::size_t(maxId) + 1, 0);
    SqliteStatement keys(db, "SELECT id FROM top_key WHERE dimension = ? ORDER BY key_text");
    for (int d = 0; d < textDimensions; ++d) {
        std::vector<std::int64_t> &ids = m_keyIds[d];
        ids.assign(1, 0);
        sqlite3_bind_int(keys.get(), 1, d);
        QString why;
        const bool read = keys.forEachRow(db, why, [&](sqlite3_stmt *s) {
            const std::int64_t id = sqlite3_column_int64(s, 0);
            if (id > 0 && id <= maxId) {
                numberOf[std::size_t(id)] = std::uint32_t(ids.size());
                ids.push_back(id);
            }
        });
        if (!read)
            return fail("keys");
    }

    const std::int64_t total = scalar(db, "SELECT COALESCE(SUM(attempts), 0) FROM top_day").value_or(-1);
    if (total < 0 || total > std::numeric_limits<std::uint32_t>::max())
        return fail("days");
    m_times.reserve(std::size_t(total));
    m_flags.reserve(std::size_t(total));
    for (auto &column : m_keys)
        column.reserve(std::size_t(total));
    m_retryKeys.reserve(std::size_t(total));
    KeyNumbers retryNumbers;
    SqliteStatement days(db, "SELECT day, attempts, times, flags, clients, senders, recipients, retry_keys"
                             " FROM top_day ORDER BY day");
    bool damaged = false;
    QString why;
    const bool read = days.forEachRow(db, why, [&](sqlite3_stmt *s) {
        const std::int64_t count = sqlite3_column_int64(s, 1);
        const auto bytes = [&](int column, std::int64_t width) {
            const auto *data = static_cast<const uchar *>(sqlite3_column_blob(s, column));
            return sqlite3_column_bytes(s, column) == count * width ? data : nullptr;
        };
        const uchar *times = bytes(2, 4);
        const uchar *flags = bytes(3, 1);
        const uchar *keyColumns[textDimensions] = {bytes(4, 4), bytes(5, 4), bytes(6, 4)};
        const uchar *retryKeys = bytes(7, 8);
        if (damaged || count <= 0 || std::int64_t(m_flags.size()) + count > total || !times || !flags
            || !keyColumns[0] || !keyColumns[1] || !keyColumns[2] || !retryKeys) {
            damaged = damaged || count != 0;
            return;
        }
        Day day{sqlite3_column_int64(s, 0), std::uint32_t(m_flags.size()), std::uint32_t(m_flags.size() + count)};
        for (std::int64_t i = 0; i < count; ++i)
            m_times.push_back(qFromLittleEndian<quint32>(times + 4 * i));
        m_flags.insert(m_flags.end(), flags, flags + count);
        for (int d = 0; d < textDimensions; ++d) {
            for (std::int64_t i = 0; i < count; ++i) {
                const quint32 id = qFromLittleEndian<quint32>(keyColumns[d] + 4 * i);
                // An id beyond the keys, or a key of another list: a number from
                // it would point outside this list's counts.
                const std::uint32_t number = id <= maxId ? numberOf[id] : 0;
                if (id != 0 && (number == 0 || m_keyIds[d][number] != id)) {
                    damaged = true;
                    return;
                }
                m_keys[d].push_back(number);
            }
        }
        for (std::int64_t i = 0; i < count; ++i) {
            const quint64 key = qFromLittleEndian<quint64>(retryKeys + 8 * i);
            m_retryKeys.push_back(key == 0 ? 0 : retryNumbers.numberOf(key));
        }
        m_days.push_back(day);
    });
    m_retryKeyCount = retryNumbers.count();
    if (!read)
        return fail("days");
    if (damaged) {
        if (error)
            *error = Tr::tr("cannot read the packed attempts: the table top_day is damaged");
        return false;
    }
    return true;
}

std::vector<AttemptColumns::Slice> AttemptColumns::slices(const AnalysisFilter &filter) const
{
    const std::int64_t from = filter.fromMs.value_or(std::numeric_limits<std::int64_t>::min());
    const std::int64_t to = filter.toMs.value_or(std::numeric_limits<std::int64_t>::max());
    std::vector<Slice> out;
    if (from >= to)
        return out;
    auto day = m_days.begin();
    if (filter.fromMs)
        day = std::lower_bound(m_days.begin(), m_days.end(), sql::floorDiv(from, dayMs),
                               [](const Day &d, std::int64_t value) { return d.day < value; });
    for (; day != m_days.end() && day->day * dayMs < to; ++day) {
        const std::int64_t start = day->day * dayMs;
        const auto *times = m_times.data();
        std::uint32_t begin = day->begin;
        std::uint32_t end = day->end;
        if (from > start)
            begin = std::uint32_t(std::lower_bound(times + begin, times + end, std::uint32_t(from - start)) - times);
        if (to < start + dayMs)
            end = std::uint32_t(std::lower_bound(times + begin, times + end, std::uint32_t(to - start)) - times);
        if (begin < end)
            out.push_back({start, begin, end});
    }
    return out;
}

AttemptColumns::WindowTally AttemptColumns::tally(const AnalysisFilter &filter) const
{
    WindowTally out;
    const std::optional<FlagFilter> flags = flagFilterOf(filter);
    if (!flags)
        return out;
    // One bit per retry key: seen in this window yet?
    std::vector<std::uint64_t> seen(m_retryKeyCount / 64 + 1, 0);
    std::array<std::int64_t, 4> byClass{};
    for (const Slice &part : slices(filter)) {
        for (std::uint32_t i = part.begin; i < part.end; ++i) {
            const std::uint32_t key = m_retryKeys[i];
            const std::uint8_t f = m_flags[i];
            if (key == 0 || (f & flags->mask) != flags->want)
                continue;
            ++byClass[(f & topaggregate::classMask) >> topaggregate::classShift];
            std::uint64_t &word = seen[key / 64];
            const std::uint64_t bit = 1ULL << (key % 64);
            out.distinctKeys += (word & bit) == 0;
            word |= bit;
        }
    }
    out.attempts = byClass[0] + byClass[1] + byClass[2] + byClass[3];
    out.temporary = byClass[1];
    out.permanent = byClass[2];
    return out;
}

std::optional<QList<TopEntry>> AttemptColumns::rank(sqlite3 *db, TopListKind kind, const AnalysisFilter &filter,
                                                 int limit, QString *error) const
{
    const std::optional<FlagFilter> flags = flagFilterOf(filter);
    if (!flags)
        return QList<TopEntry>(); // no attempt has another class
    const std::uint8_t mask = flags->mask;
    const std::uint8_t want = flags->want;
    const std::vector<Slice> parts = slices(filter);
    if (kind == TopListKind::Reasons)
        return rankReasons(parts, mask, want, limit);
    return rankKeys(db, int(kind), parts, mask, want, limit, error);
}

QList<TopEntry> AttemptColumns::rankReasons(const std::vector<Slice> &parts, std::uint8_t mask, std::uint8_t want,
                                         int limit) const
{
    // One slot past the rest takes the attempts the filter leaves out: no branch.
    std::array<Detail, reasonSlots + 1> details;
    for (const Slice &part : parts) {
        for (std::uint32_t i = part.begin; i < part.end; ++i) {
            const std::uint8_t flags = m_flags[i];
            const int reason = (flags & mask) == want ? flags & topaggregate::reasonMask : reasonSlots;
            details[std::size_t(reason)].add(flags, part.dayStartMs + m_times[i]);
        }
    }
    std::int64_t total = 0;
    std::array<std::int64_t, reasonSlots> attempts{};
    for (int reason = 0; reason < reasonSlots; ++reason) {
        attempts[std::size_t(reason)] = details[std::size_t(reason)].ofReason(reason);
        total += attempts[std::size_t(reason)];
    }
    QList<TopEntry> entries;
    for (int reason = 0; reason < reasonSlots; ++reason) {
        if (attempts[std::size_t(reason)] == 0)
            continue;
        TopEntry entry;
        entry.reason = ReasonClass(reason);
        entry.key = reasonClassText(entry.reason);
        entry.attempts = attempts[std::size_t(reason)];
        details[std::size_t(reason)].fill(entry);
        entry.totalAttempts = total;
        entries << entry;
    }
    topaggregate::rankReasonEntries(entries, limit);
    return entries;
}

std::optional<QList<TopEntry>> AttemptColumns::rankKeys(sqlite3 *db, int dimension, const std::vector<Slice> &parts,
                                                     std::uint8_t mask, std::uint8_t want, int limit,
                                                     QString *error) const
{
    const std::uint32_t *keys = m_keys[dimension].data();
    const std::uint8_t *flags = m_flags.data();
    // First pass: attempts per key, in an array over the key numbers (a few MB
    // at most). Number 0 takes the attempts without a key or outside the filter,
    // so that the loop has no branch.
    std::vector<std::uint32_t> counts(m_keyIds[dimension].size(), 0);
    if (counts.size() <= 1)
        return QList<TopEntry>();
    // All ones when the attempt's flags pass the filter, else 0.
    const auto passes = [=](std::uint8_t f) { return 0u - std::uint32_t((f & mask) == want); };
    // Per half, two arrays, alternating: a busy key's increments do not wait on
    // each other.
    std::vector<std::uint32_t> more[3];
    inTwoHalves(parts, [&](const std::vector<Slice> &half, int which) {
        std::vector<std::uint32_t> &even = which == 0 ? counts : more[0];
        std::vector<std::uint32_t> &odd = more[1 + which];
        even.resize(counts.size(), 0);
        odd.assign(counts.size(), 0);
        for (const Slice &part : half) {
            std::uint32_t i = part.begin;
            for (; i + 1 < part.end; i += 2) {
                ++even[keys[i] & passes(flags[i])];
                ++odd[keys[i + 1] & passes(flags[i + 1])];
            }
            if (i < part.end)
                ++even[keys[i] & passes(flags[i])];
        }
    });
    for (const std::vector<std::uint32_t> &other : more) {
        for (std::size_t key = 0; key < other.size(); ++key)
            counts[key] += other[key];
    }
    counts[0] = 0;
    std::vector<std::uint32_t> touched;
    std::int64_t total = 0;
    for (std::uint32_t key = 1; key < counts.size(); ++key) {
        if (counts[key] != 0) {
            touched.push_back(key);
            total += counts[key];
        }
    }

    // Most attempts first; a tie goes to the lower number, which is the key text
    // that sorts first.
    const std::size_t keep = std::min(touched.size(), std::size_t(std::max(limit, 0)));
    std::partial_sort(touched.begin(), touched.begin() + std::ptrdiff_t(keep), touched.end(),
                      [&](std::uint32_t a, std::uint32_t b) { return counts[a] != counts[b] ? counts[a] > counts[b] : a < b; });
    std::vector<std::uint32_t> chosen(touched.begin(), touched.begin() + std::ptrdiff_t(keep));
    std::vector<std::int64_t> attempts(keep);
    for (std::size_t j = 0; j < keep; ++j)
        attempts[j] = counts[chosen[j]];

    // Second pass, for the listed keys only: classes, times and reasons. counts
    // now maps a listed key to its place (1 up), every other number to 0.
    std::fill(counts.begin(), counts.end(), 0);
    for (std::size_t j = 0; j < keep; ++j)
        counts[chosen[j]] = std::uint32_t(j + 1);
    std::vector<Detail> details(keep + 1);
    if (keep > 0) {
        std::vector<Detail> later(keep + 1);
        inTwoHalves(parts, [&](const std::vector<Slice> &half, int which) {
            std::vector<Detail> &mine = which == 0 ? details : later;
            for (const Slice &part : half) {
                for (std::uint32_t i = part.begin; i < part.end; ++i) {
                    // No branch either: place 0 takes the rest and is never read.
                    mine[counts[keys[i] & passes(flags[i])]].add(flags[i], part.dayStartMs + m_times[i]);
                }
            }
        });
        for (std::size_t j = 1; j <= keep; ++j)
            details[j].merge(later[j]);
    }

    SqliteStatement text(db, "SELECT key_text FROM top_key WHERE id = ?");
    QList<TopEntry> entries;
    entries.reserve(qsizetype(keep));
    for (std::size_t j = 0; j < keep; ++j) {
        sqlite3_bind_int64(text.get(), 1, m_keyIds[dimension][chosen[j]]);
        if (!text.ok() || sqlite3_step(text.get()) != SQLITE_ROW) {
            if (error)
                *error = databaseError(db, "keys");
            return std::nullopt;
        }
        TopEntry entry;
        entry.key = QString::fromUtf8(reinterpret_cast<const char *>(sqlite3_column_text(text.get(), 0)),
                                      sqlite3_column_bytes(text.get(), 0));
        sqlite3_reset(text.get());
        entry.reason = details[j + 1].reason();
        entry.attempts = attempts[j];
        details[j + 1].fill(entry);
        entry.totalAttempts = total;
        entries << entry;
    }
    return entries;
}

} // namespace rejectscope
