#pragma once

// Internal to core/analysis: top_day (topaggregate.h) held in memory, where a
// top list or a before/after window for any range and filter is a scan of packed
// columns instead of a GROUP BY over millions of rows. The top-list keys are
// numbered by their text's order, so that ties are ranked by number; a list looks
// up only its own keys' texts. The retry keys are numbered in the order they
// come. About 21 bytes an attempt: 210 MB for ten million.

#include "toplists.h"

#include <QList>
#include <QString>

#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

struct sqlite3;

namespace rejectscope {

class Database;

class AttemptColumns
{
public:
    // The attempts of `database`'s current top_day, loaded once per generation of
    // the build and shared by every connection of the process to the same file.
    // Call topaggregate::ensureCurrent() first. Null on a read error (`error`).
    static std::shared_ptr<const AttemptColumns> of(Database &database, QString *error);

    // The `limit` keys of `kind` with the most attempts the filter selects (its
    // text is ignored: the caller scans the events for free text), as toplists.h
    // describes them; their texts come from `db`'s top_key.
    std::optional<QList<TopEntry>> rank(sqlite3 *db, TopListKind kind, const AnalysisFilter &filter, int limit,
                                        QString *error) const;

    // The attempts with a retry key in the filter's time range that its
    // direction, reason and class select (its text is ignored).
    struct WindowTally {
        std::int64_t attempts = 0;
        std::int64_t temporary = 0; // 4xx, deferred
        std::int64_t permanent = 0; // 5xx, bounced
        std::int64_t distinctKeys = 0;
    };
    WindowTally tally(const AnalysisFilter &filter) const;

    std::size_t attemptCount() const { return m_flags.size(); }

    // A top list over at least this many attempts counts its two halves on two
    // threads (2,000,000; tests set a lower one to check the halves agree).
    static void setSplitThreshold(std::uint64_t attempts);

private:
    struct Day {
        std::int64_t day = 0;  // UTC days since 1970
        std::uint32_t begin = 0; // into the columns
        std::uint32_t end = 0;
    };
    // Attempts [begin, end) of one day.
    struct Slice {
        std::int64_t dayStartMs = 0;
        std::uint32_t begin = 0;
        std::uint32_t end = 0;
    };

    bool load(sqlite3 *db, QString *error);
    std::vector<Slice> slices(const AnalysisFilter &filter) const;
    QList<TopEntry> rankReasons(const std::vector<Slice> &slices, std::uint8_t mask, std::uint8_t want,
                                int limit) const;
    std::optional<QList<TopEntry>> rankKeys(sqlite3 *db, int dimension, const std::vector<Slice> &slices,
                                            std::uint8_t mask, std::uint8_t want, int limit,
                                            QString *error) const;

    std::vector<Day> m_days; // in order
    std::vector<std::uint32_t> m_times; // ms since the day's start, ascending within a day
    std::vector<std::uint8_t> m_flags;  // topaggregate::packFlags()
    std::vector<std::uint32_t> m_keys[3];  // by dimension: the key's number, 0 none
    std::vector<std::int64_t> m_keyIds[3]; // by dimension and number: the top_key id
    std::vector<std::uint32_t> m_retryKeys;  // the retry key's number, 0 none
    std::uint32_t m_retryKeyCount = 0;       // numbers 1 … m_retryKeyCount
};

} // namespace rejectscope
