#include "textmatches.h"

#include "sqlfunctions.h"

#include <QLoggingCategory>

#include <sqlite3.h>

#include <algorithm>
#include <atomic>
#include <limits>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

Q_LOGGING_CATEGORY(lcTextMatches, "rejectscope.textmatches", QtWarningMsg)

namespace rejectscope::textmatches {

namespace {

// What the kept matches were read from: an import adds rows with higher ids and
// never rewrites an event without adding queue_sender rows; the last event's time
// tells a new file under an old name apart. The chains' build row is rewritten
// with every build (a new gap rebuilds them without new events).
struct Version {
    std::int64_t maxEventId = 0;
    std::int64_t maxQueueSenderId = 0;
    std::int64_t lastEventTimeMs = 0;
    std::int64_t chainsBuiltAtMs = 0;
    std::int64_t chainGapMs = 0;
    std::int64_t chains = 0;
    bool operator==(const Version &other) const
    {
        return maxEventId == other.maxEventId && maxQueueSenderId == other.maxQueueSenderId
            && lastEventTimeMs == other.lastEventTimeMs && chainsBuiltAtMs == other.chainsBuiltAtMs
            && chainGapMs == other.chainGapMs && chains == other.chains;
    }
};

struct Entry {
    std::string file;
    Version version;
    std::string foldedText;
    std::shared_ptr<const TextMatchList> matches; // nullptr: more than a text may keep
    std::shared_ptr<const KeptChainList> chains;  // those the matches start (nullptr with them)
    std::uint64_t lastUse = 0;
    std::size_t size() const { return (matches ? matches->size() : 0) + (chains ? chains->size() : 0); }
};

std::mutex cacheMutex;
std::vector<Entry> cache;
std::uint64_t useClock = 0;
std::atomic<std::size_t> perTextLimit{Limits{}.perText};
std::atomic<std::size_t> totalLimit{Limits{}.total};
std::atomic<std::size_t> textsLimit{Limits{}.texts};
std::atomic<std::int64_t> parallelFromIds{Limits{}.parallelFromIds};

// Finalizes on every path out.
struct Statement {
    sqlite3_stmt *handle = nullptr;
    Statement(sqlite3 *db, const std::string &sql) { sqlite3_prepare_v2(db, sql.c_str(), -1, &handle, nullptr); }
    ~Statement() { sqlite3_finalize(handle); }
    Statement(const Statement &) = delete;
    Statement &operator=(const Statement &) = delete;
};

std::optional<std::string> fileOf(sqlite3 *db)
{
    if (!db)
        return std::nullopt;
    const char *name = sqlite3_db_filename(db, "main");
    if (!name || !*name)
        return std::nullopt;
    return std::string(name);
}

std::optional<Version> versionOf(sqlite3 *db)
{
    Statement statement(db, "SELECT (SELECT max(id) FROM event), (SELECT max(id) FROM queue_sender),"
                            " (SELECT time_ms FROM event ORDER BY id DESC LIMIT 1), b.built_at_ms, b.gap_ms,"
                            " b.chains FROM (SELECT 1) LEFT JOIN retry_chain_build b ON b.id = 1");
    if (!statement.handle || sqlite3_step(statement.handle) != SQLITE_ROW)
        return std::nullopt;
    const auto column = [&](int i) { return sqlite3_column_int64(statement.handle, i); };
    return Version{column(0), column(1), column(2), column(3), column(4), column(5)};
}

std::string foldedOf(const QString &text)
{
    std::string folded = text.toStdString();
    for (char &c : folded)
        if (c >= 'A' && c <= 'Z')
            c = char(c + ('a' - 'A'));
    return folded;
}

// The events with ids in (?2, ?3] that contain ?1.
std::string scanSql(const char *columns)
{
    std::string sql = std::string("SELECT ") + columns + " FROM event WHERE id > ?2 AND id <= ?3 AND "
        + containsFunction + "(?1";
    for (const char *column : searchedColumns)
        sql += std::string(", ") + column;
    return sql + ") = 1";
}

// Calls `row` for every event that contains `text`, in id order; false (SQLite's
// message in *error) when the scan failed or was stopped.
template<typename Row>
bool scan(sqlite3 *db, const char *columns, const std::string &text, QString *error, Row &&row)
{
    Statement statement(db, scanSql(columns));
    if (statement.handle) {
        sqlite3_bind_text(statement.handle, 1, text.data(), int(text.size()), SQLITE_TRANSIENT);
        sqlite3_bind_int64(statement.handle, 2, std::numeric_limits<std::int64_t>::min());
        sqlite3_bind_int64(statement.handle, 3, std::numeric_limits<std::int64_t>::max());
        int rc = SQLITE_ROW;
        while ((rc = sqlite3_step(statement.handle)) == SQLITE_ROW)
            row(statement.handle);
        if (rc == SQLITE_DONE)
            return true;
    }
    if (error)
        *error = QString::fromUtf8(sqlite3_errmsg(db));
    return false;
}

// The matches of a collecting scan, read in slices of ids that this thread and,
// for a large log, a second connection to the same file claim in turn: on two
// cores the scan takes about half the time. A newer filter stops both (`cancel`,
// and this connection's own interrupt).
class SlicedScan
{
public:
    SlicedScan(const std::string &folded, std::int64_t maxId, std::int64_t sliceIds, const std::atomic_bool *cancel)
        : m_folded(folded)
        , m_maxId(maxId)
        , m_sliceIds(std::max<std::int64_t>(1, sliceIds))
        , m_slices(maxId > 0 ? (maxId + m_sliceIds - 1) / m_sliceIds : 0)
        , m_cancel(cancel)
    {
    }

    enum class Result { Done, TooMany, Failed };
    Result run(sqlite3 *db, const std::string &file, const Progress &progress, TextMatchList &matches,
               QString *error)
    {
        TextMatchList helped;
        std::thread helper;
        sqlite3 *second = nullptr;
        // Only when this connection reads no snapshot yet (no transaction of its own,
        // no statement running, as rs_text_ids runs the scan inside one): the second
        // one, opened now, might see a later commit that this one does not.
        if (m_maxId >= parallelFromIds && std::thread::hardware_concurrency() >= 2 && !readingSnapshot(db)
            && m_slices > 1 && (second = openSecond(file))) {
            helper = std::thread([this, second, &helped] { scanSlices(second, helped, {}, nullptr); });
        }
        qCDebug(lcTextMatches) << "scanning" << m_slices << "slices of" << m_sliceIds << "ids on"
                               << (helper.joinable() ? 2 : 1) << "connections";
        scanSlices(db, matches, progress, error);
        if (helper.joinable())
            helper.join();
        sqlite3_close(second);
        if (m_tooMany)
            return Result::TooMany;
        if (m_done != m_slices) {
            if (error && error->isEmpty())
                *error = m_helperError.empty() ? QStringLiteral("interrupted") : QString::fromStdString(m_helperError);
            return Result::Failed;
        }
        matches.insert(matches.end(), helped.begin(), helped.end());
        return Result::Done;
    }

private:
    static bool readingSnapshot(sqlite3 *db)
    {
        if (!sqlite3_get_autocommit(db))
            return true;
        for (sqlite3_stmt *statement = sqlite3_next_stmt(db, nullptr); statement;
             statement = sqlite3_next_stmt(db, statement)) {
            if (sqlite3_stmt_busy(statement))
                return true;
        }
        return false;
    }

    sqlite3 *openSecond(const std::string &file)
    {
        sqlite3 *db = nullptr;
        if (sqlite3_open_v2(file.c_str(), &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nullptr) != SQLITE_OK
            || !registerSqlFunctions(db)) {
            sqlite3_close(db);
            return nullptr;
        }
        sqlite3_busy_timeout(db, 5000);
        sqlite3_progress_handler(db, 4096, [](void *self) -> int {
            return static_cast<const SlicedScan *>(self)->stopped() ? 1 : 0;
        }, this);
        return db;
    }

    bool stopped() const
    {
        return m_stop.load(std::memory_order_relaxed) || (m_cancel && m_cancel->load(std::memory_order_relaxed));
    }

    // Claims slices until none is left, the scan is stopped, or it fails; `error`
    // (this thread's) or m_helperError takes SQLite's message.
    void scanSlices(sqlite3 *db, TextMatchList &out, const Progress &progress, QString *error)
    {
        Statement statement(db, scanSql("id, time_ms, kind, direction, status, code_class, reason"));
        const auto fail = [&] {
            if (error)
                *error = QString::fromUtf8(sqlite3_errmsg(db));
            else
                m_helperError = sqlite3_errmsg(db);
            m_stop = true;
        };
        if (!statement.handle)
            return fail();
        sqlite3_bind_text(statement.handle, 1, m_folded.data(), int(m_folded.size()), SQLITE_TRANSIENT);
        while (!stopped()) {
            const std::int64_t slice = m_next.fetch_add(1);
            if (slice >= m_slices)
                return;
            sqlite3_bind_int64(statement.handle, 2,
                               slice == 0 ? std::numeric_limits<std::int64_t>::min() : slice * m_sliceIds);
            sqlite3_bind_int64(statement.handle, 3, std::min(m_maxId, (slice + 1) * m_sliceIds));
            int rc = SQLITE_ROW;
            while ((rc = sqlite3_step(statement.handle)) == SQLITE_ROW) {
                if (m_found.fetch_add(1) >= perTextLimit) {
                    m_tooMany = true;
                    m_stop = true;
                    return;
                }
                const auto small = [&](int column) { return std::uint8_t(sqlite3_column_int(statement.handle, column)); };
                out.push_back({sqlite3_column_int64(statement.handle, 0), sqlite3_column_int64(statement.handle, 1),
                               small(2), small(3), small(4), small(5), small(6)});
            }
            if (rc != SQLITE_DONE)
                return fail();
            sqlite3_reset(statement.handle);
            const std::int64_t done = ++m_done;
            if (progress && done < m_slices)
                progress(double(done) / double(m_slices));
        }
    }

    const std::string m_folded;
    const std::int64_t m_maxId;
    const std::int64_t m_sliceIds;
    const std::int64_t m_slices;
    const std::atomic_bool *m_cancel;
    std::atomic<std::int64_t> m_next{0};
    std::atomic<std::int64_t> m_done{0};
    std::atomic<std::size_t> m_found{0};
    std::atomic<bool> m_stop{false};
    std::atomic<bool> m_tooMany{false};
    std::string m_helperError; // written by the helper only, read after it ended
};

// Under cacheMutex.
Entry *entryFor(const std::string &file, const Version &version, const std::string &folded)
{
    for (Entry &entry : cache)
        if (entry.file == file && entry.foldedText == folded && entry.version == version)
            return &entry;
    return nullptr;
}

// Under cacheMutex: drops stale entries of the file, then the least recently used
// ones until `incoming` more matches fit.
void makeRoom(const std::string &file, const Version &version, std::size_t incoming)
{
    std::erase_if(cache, [&](const Entry &e) { return e.file == file && !(e.version == version); });
    const auto kept = [] {
        std::size_t total = 0;
        for (const Entry &e : cache)
            total += e.size();
        return total;
    };
    while (!cache.empty() && (kept() + incoming > totalLimit || cache.size() >= textsLimit)) {
        auto oldest = std::min_element(cache.begin(), cache.end(),
                                       [](const Entry &a, const Entry &b) { return a.lastUse < b.lastUse; });
        cache.erase(oldest);
    }
}

// A copy of the entry kept for `text` as of the snapshot of `db`, if any.
std::optional<Entry> keptEntry(sqlite3 *db, const QString &text)
{
    const auto file = fileOf(db);
    if (!file || text.isEmpty())
        return std::nullopt;
    {
        // Nothing kept for the file: no need to read its version.
        const std::lock_guard lock(cacheMutex);
        if (std::none_of(cache.begin(), cache.end(), [&](const Entry &e) { return e.file == *file; }))
            return std::nullopt;
    }
    const auto version = versionOf(db);
    if (!version)
        return std::nullopt;
    const std::lock_guard lock(cacheMutex);
    Entry *entry = entryFor(*file, *version, foldedOf(text));
    if (!entry)
        return std::nullopt;
    entry->lastUse = ++useClock;
    return *entry;
}

// The chains that `matches` start (one lookup each in retry_chain_first_event, in
// order of id so that they walk the index forwards), or nullptr when reading failed.
std::shared_ptr<KeptChainList> chainsStartedBy(sqlite3 *db, const TextMatchList &matches, QString *error)
{
    std::vector<std::int64_t> ids;
    ids.reserve(matches.size());
    for (const TextMatch &match : matches)
        ids.push_back(match.id);
    std::sort(ids.begin(), ids.end());
    Statement statement(db, "SELECT id, first_ms, last_ms, attempts, temporary_attempts, permanent_attempts,"
                            " direction, reason, outcome FROM retry_chain WHERE first_event_id = ?");
    const auto failed = [&]() -> std::shared_ptr<KeptChainList> {
        if (error)
            *error = QString::fromUtf8(sqlite3_errmsg(db));
        return nullptr;
    };
    if (!statement.handle)
        return failed();
    auto chains = std::make_shared<KeptChainList>();
    for (const std::int64_t id : ids) {
        sqlite3_bind_int64(statement.handle, 1, id);
        int rc = SQLITE_ROW;
        while ((rc = sqlite3_step(statement.handle)) == SQLITE_ROW) {
            const auto column = [&](int i) { return sqlite3_column_int64(statement.handle, i); };
            chains->push_back({column(0), column(1), column(2), std::int32_t(column(3)), std::int32_t(column(4)),
                               std::int32_t(column(5)), std::uint8_t(column(6)), std::uint8_t(column(7)),
                               std::uint8_t(column(8))});
        }
        if (rc != SQLITE_DONE)
            return failed();
        sqlite3_reset(statement.handle);
    }
    std::sort(chains->begin(), chains->end(), [](const KeptChain &a, const KeptChain &b) { return a.id < b.id; });
    return chains;
}

} // namespace

std::shared_ptr<const TextMatchList> find(sqlite3 *db, const QString &text)
{
    const auto entry = keptEntry(db, text);
    return entry ? entry->matches : nullptr;
}

std::shared_ptr<const KeptChainList> findChains(sqlite3 *db, const QString &text)
{
    const auto entry = keptEntry(db, text);
    return entry ? entry->chains : nullptr;
}

Outcome collect(sqlite3 *db, const QString &text, QString *error, const Progress &progress, std::int64_t sliceIds,
                const std::atomic_bool *cancel)
{
    const auto file = fileOf(db);
    if (!file || text.isEmpty())
        return Outcome::NotKeepable;
    const auto before = versionOf(db);
    if (!before) {
        if (error)
            *error = QString::fromUtf8(sqlite3_errmsg(db));
        return Outcome::Failed;
    }
    const std::string folded = foldedOf(text);
    {
        const std::lock_guard lock(cacheMutex);
        if (const Entry *entry = entryFor(*file, *before, folded))
            return entry->matches ? Outcome::Kept : Outcome::TooMany;
    }
    auto matches = std::make_shared<TextMatchList>();
    SlicedScan scan(folded, before->maxEventId, sliceIds, cancel);
    const SlicedScan::Result result = scan.run(db, *file, progress, *matches, error);
    if (result == SlicedScan::Result::Failed)
        return Outcome::Failed;
    const bool tooMany = result == SlicedScan::Result::TooMany;
    std::shared_ptr<KeptChainList> chains;
    if (tooMany) {
        matches.reset();
    } else {
        std::sort(matches->begin(), matches->end(), [](const TextMatch &a, const TextMatch &b) {
            return a.timeMs != b.timeMs ? a.timeMs < b.timeMs : a.id < b.id;
        });
        if (!(chains = chainsStartedBy(db, *matches, error)))
            return Outcome::Failed;
    }
    if (progress)
        progress(1.0);
    // An import or a build of the chains that committed during the reads: what was
    // read may mix both.
    if (const auto after = versionOf(db); !after || !(*after == *before))
        return Outcome::NotKeepable;
    const std::lock_guard lock(cacheMutex);
    if (!entryFor(*file, *before, folded)) {
        Entry entry{*file, *before, folded, std::move(matches), std::move(chains), ++useClock};
        makeRoom(*file, *before, entry.size());
        cache.push_back(std::move(entry));
    }
    return tooMany ? Outcome::TooMany : Outcome::Kept;
}

Limits limits()
{
    return {perTextLimit, totalLimit, textsLimit, parallelFromIds};
}

void setLimits(const Limits &limits)
{
    perTextLimit = limits.perText;
    totalLimit = limits.total;
    textsLimit = std::max<std::size_t>(1, limits.texts);
    parallelFromIds = limits.parallelFromIds;
}

void forgetAll()
{
    const std::lock_guard lock(cacheMutex);
    cache.clear();
}

namespace {

// rs_text_ids: an eponymous table-valued function with one column, id, and the
// hidden arguments needle, from_ms and to_ms.
struct IdsTable {
    sqlite3_vtab base{};
    sqlite3 *db = nullptr;
};

struct IdsCursor {
    sqlite3_vtab_cursor base{};
    std::shared_ptr<const TextMatchList> matches; // kept ones, or
    std::vector<std::int64_t> scanned;            // those of a text too common to keep
    std::size_t row = 0; // the next to list, and the end of the list
    std::size_t end = 0;
};

int idsConnect(sqlite3 *db, void *, int, const char *const *, sqlite3_vtab **table, char **)
{
    const int rc = sqlite3_declare_vtab(db, "CREATE TABLE x(id INTEGER, needle HIDDEN, from_ms HIDDEN, to_ms HIDDEN)");
    if (rc != SQLITE_OK)
        return rc;
    auto *ids = new IdsTable;
    ids->db = db;
    *table = &ids->base;
    return SQLITE_OK;
}

int idsDisconnect(sqlite3_vtab *table)
{
    delete reinterpret_cast<IdsTable *>(table);
    return SQLITE_OK;
}

// The arguments, in the order of the hidden columns: needle (required), from_ms
// and to_ms (optional bounds, NULL for none). idxNum says which are given.
enum Argument { Needle = 1, From = 2, To = 4 };

int idsBestIndex(sqlite3_vtab *, sqlite3_index_info *info)
{
    int next = 1;
    info->idxNum = 0;
    for (const auto &[column, bit] : {std::pair{1, Needle}, std::pair{2, From}, std::pair{3, To}}) {
        for (int i = 0; i < info->nConstraint; ++i) {
            const auto &constraint = info->aConstraint[i];
            if (constraint.iColumn == column && constraint.op == SQLITE_INDEX_CONSTRAINT_EQ && constraint.usable) {
                info->aConstraintUsage[i].argvIndex = next++;
                info->aConstraintUsage[i].omit = 1;
                info->idxNum |= bit;
                break;
            }
        }
    }
    // Without the text there is nothing to list.
    if (!(info->idxNum & Needle))
        return SQLITE_CONSTRAINT;
    // Few rows, so that a query reaches the events by id rather than walking a
    // time range: the text is only put this way when its matches are kept, and
    // the bounds cut them to the query's range.
    info->estimatedRows = 1000;
    info->estimatedCost = 1000;
    return SQLITE_OK;
}

int idsOpen(sqlite3_vtab *, sqlite3_vtab_cursor **cursor)
{
    *cursor = &(new IdsCursor)->base;
    return SQLITE_OK;
}

int idsClose(sqlite3_vtab_cursor *cursor)
{
    delete reinterpret_cast<IdsCursor *>(cursor);
    return SQLITE_OK;
}

std::optional<std::int64_t> boundOf(sqlite3_value *value)
{
    if (sqlite3_value_type(value) == SQLITE_NULL)
        return std::nullopt;
    return sqlite3_value_int64(value);
}

int idsFilter(sqlite3_vtab_cursor *base, int idxNum, const char *, int argc, sqlite3_value **argv)
{
    auto *cursor = reinterpret_cast<IdsCursor *>(base);
    sqlite3 *db = reinterpret_cast<IdsTable *>(base->pVtab)->db;
    cursor->matches.reset();
    cursor->scanned.clear();
    cursor->row = cursor->end = 0;
    int arg = 0;
    const unsigned char *raw = (idxNum & Needle) && arg < argc ? sqlite3_value_text(argv[arg++]) : nullptr;
    const std::optional<std::int64_t> from = (idxNum & From) && arg < argc ? boundOf(argv[arg++]) : std::nullopt;
    const std::optional<std::int64_t> to = (idxNum & To) && arg < argc ? boundOf(argv[arg++]) : std::nullopt;
    if (!raw)
        return SQLITE_OK;
    const QString text = QString::fromUtf8(reinterpret_cast<const char *>(raw), sqlite3_value_bytes(argv[0]));
    if (text.isEmpty())
        return SQLITE_OK;
    cursor->matches = find(db, text);
    QString error;
    if (!cursor->matches && collect(db, text, &error) != Outcome::Failed)
        cursor->matches = find(db, text);
    if (cursor->matches) {
        // The matches are in order of time: the bounds are a slice of them.
        const auto before = [](const TextMatch &m, std::int64_t t) { return m.timeMs < t; };
        const auto &list = *cursor->matches;
        cursor->row = std::size_t((from ? std::lower_bound(list.begin(), list.end(), *from, before) : list.begin())
                                  - list.begin());
        cursor->end = std::size_t((to ? std::lower_bound(list.begin(), list.end(), *to, before) : list.end())
                                  - list.begin());
        cursor->end = std::max(cursor->end, cursor->row);
        return SQLITE_OK;
    }
    // Not kept (too common, no file, or an import in between): this query's own.
    const bool scanned = scan(db, "id, time_ms", foldedOf(text), &error, [&](sqlite3_stmt *row) {
        const std::int64_t timeMs = sqlite3_column_int64(row, 1);
        if ((!from || timeMs >= *from) && (!to || timeMs < *to))
            cursor->scanned.push_back(sqlite3_column_int64(row, 0));
    });
    cursor->end = cursor->scanned.size();
    if (scanned)
        return SQLITE_OK;
    sqlite3_free(base->pVtab->zErrMsg);
    base->pVtab->zErrMsg = sqlite3_mprintf("%s", error.toUtf8().constData());
    return sqlite3_errcode(db) == SQLITE_INTERRUPT ? SQLITE_INTERRUPT : SQLITE_ERROR;
}

int idsNext(sqlite3_vtab_cursor *cursor)
{
    ++reinterpret_cast<IdsCursor *>(cursor)->row;
    return SQLITE_OK;
}

int idsEof(sqlite3_vtab_cursor *base)
{
    const auto *cursor = reinterpret_cast<IdsCursor *>(base);
    return cursor->row >= cursor->end;
}

int idsColumn(sqlite3_vtab_cursor *base, sqlite3_context *context, int column)
{
    const auto *cursor = reinterpret_cast<IdsCursor *>(base);
    if (column != 0) {
        sqlite3_result_null(context);
        return SQLITE_OK;
    }
    sqlite3_result_int64(context, cursor->matches ? (*cursor->matches)[cursor->row].id
                                                  : cursor->scanned[cursor->row]);
    return SQLITE_OK;
}

int idsRowid(sqlite3_vtab_cursor *base, sqlite3_int64 *rowid)
{
    *rowid = sqlite3_int64(reinterpret_cast<IdsCursor *>(base)->row);
    return SQLITE_OK;
}

const sqlite3_module idsModule = [] {
    sqlite3_module module{};
    module.iVersion = 0;
    module.xCreate = nullptr; // eponymous only: no CREATE VIRTUAL TABLE
    module.xConnect = idsConnect;
    module.xBestIndex = idsBestIndex;
    module.xDisconnect = idsDisconnect;
    module.xDestroy = idsDisconnect;
    module.xOpen = idsOpen;
    module.xClose = idsClose;
    module.xFilter = idsFilter;
    module.xNext = idsNext;
    module.xEof = idsEof;
    module.xColumn = idsColumn;
    module.xRowid = idsRowid;
    return module;
}();

} // namespace

bool registerIdsFunction(sqlite3 *db)
{
    return sqlite3_create_module_v2(db, idsFunction, &idsModule, nullptr, nullptr) == SQLITE_OK;
}

} // namespace rejectscope::textmatches
