#pragma once

// The events a free-text search matches, kept per database file and text for the
// whole process. A search scans every event once (seconds on millions of them);
// the filter changes that follow with the same text (direction, class, range,
// zoom) then read only its matches: the chart counts them in memory, and SQL
// reaches them by id through the table-valued function rs_text_ids(text).
//
// What is kept stays true to the file: it is keyed by the file's name, by the
// highest ids of event and queue_sender (an import only adds rows, and fills in a
// sender only together with new queue_sender rows) and by the retry chains'
// build, and every read checks them against the reading connection's own
// snapshot. Databases without a file name (in memory, temporary) are never kept.

#include <QString>

#include <array>
#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

struct sqlite3;

namespace rejectscope {

// A matching event with the columns a chart counts it by (core/analysis classes
// them: filtersql.h).
struct TextMatch {
    std::int64_t id = 0;
    std::int64_t timeMs = 0;
    std::uint8_t kind = 0;
    std::uint8_t direction = 0;
    std::uint8_t status = 0;
    std::uint8_t codeClass = 0;
    std::uint8_t reason = 0;
};

// In order of time, then id.
using TextMatchList = std::vector<TextMatch>;

// A retry chain whose first event is a kept match, with the columns the storms
// list filters and sorts chains by (core/analysis/keptchains.h): a search's
// storms and chain totals then need no walk of the chains.
struct KeptChain {
    std::int64_t id = 0;
    std::int64_t firstMs = 0;
    std::int64_t lastMs = 0;
    std::int32_t attempts = 0;
    std::int32_t temporaryAttempts = 0;
    std::int32_t permanentAttempts = 0;
    std::uint8_t direction = 0;
    std::uint8_t reason = 0;
    std::uint8_t outcome = 0;
};

// In order of id.
using KeptChainList = std::vector<KeptChain>;

namespace textmatches {

// The event columns a free-text search looks in: the one list the SQL condition
// (rs_contains over them) and the scan here share.
inline constexpr std::array<const char *, 6> searchedColumns{"client_name", "client_ip", "sender",
                                                               "recipient",   "queue_id",  "reply"};
// The most matches kept for one text (24 bytes each), and for all texts together
// (matches and the chains they start);
// a text that matches more is scanned by every query, as without this cache.
struct Limits {
    std::size_t perText = 2'000'000;
    std::size_t total = 4'000'000;
    std::size_t texts = 8;
    // A log of at least this many event ids is scanned on two connections at once
    // (on a machine with two cores or more); tests lower it.
    std::int64_t parallelFromIds = 1'000'000;
};
Limits limits();
void setLimits(const Limits &limits); // tests
// SQL: `e.id IN rs_text_ids(text, from, to)`, the ids of the events that contain
// the text, of times in [from, to) (NULL: unbounded). Reads the kept matches, or
// scans (and keeps them) when they are not kept.
inline constexpr const char *idsFunction = "rs_text_ids";

// The kept matches of `text` for the database `db` reads, as of its snapshot, or
// nullptr when none are kept (never scanned, too many, or out of date).
std::shared_ptr<const TextMatchList> find(sqlite3 *db, const QString &text);

// The chains the kept matches of `text` start, as of the snapshot of `db` (the
// chains' build is part of what the matches are keyed to), or nullptr when none
// are kept.
std::shared_ptr<const KeptChainList> findChains(sqlite3 *db, const QString &text);

enum class Outcome { Kept, TooMany, NotKeepable, Failed };
// How far a scan is, from 0 to 1 (the share of the slices of ids read): called on
// the calling thread after each slice of `sliceIds` ids it reads, and with 1 at the end.
using Progress = std::function<void(double done)>;
// Scans the events for `text` and keeps the matches (replacing the least recently
// used text when over the limits). Failed: SQLite's error (an interrupt too) in
// *error. Scans nothing when they are kept already. A large log is scanned on a
// second connection too (Limits::parallelFromIds), which `cancel` stops as the
// caller's own interrupt stops `db`.
Outcome collect(sqlite3 *db, const QString &text, QString *error, const Progress &progress = {},
                std::int64_t sliceIds = 1 << 18, const std::atomic_bool *cancel = nullptr);

// Registers rs_text_ids on a connection (Database::open does, for every one).
bool registerIdsFunction(sqlite3 *db);

// Forgets every kept text (tests; a process that wants the memory back).
void forgetAll();

} // namespace textmatches

} // namespace rejectscope
