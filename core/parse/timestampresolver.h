#pragma once

#include <QDateTime>
#include <QTimeZone>

#include <cstdint>
#include <optional>
#include <vector>

namespace rejectscope {

// Turns syslog timestamps into UTC milliseconds. Classic syslog stamps carry no year
// and no zone: the year comes from a reference time (the file's modification time,
// or the time of import for stdin) and month roll-overs; the zone is given.
// The resolver never reads the clock: the reference is passed in.
class TimestampResolver
{
public:
    struct Options {
        QDateTime reference;           // the file's mtime; lines are assumed not later
        QTimeZone zone;                // zone of year-less local stamps
        std::optional<int> firstYear;  // --year: the year of the first year-less line
    };

    explicit TimestampResolver(Options options);

    // A year-less local stamp (month 1..12). Returns nullopt for an impossible date.
    std::optional<std::int64_t> resolveLocal(int month, int day, int hour, int minute,
                                             int second, int millisecond)
    {
        // Lines come in runs with the same stamp. Resolving a stamp right after
        // itself gives the same time and leaves the state as it was (the year and
        // the repeated-hour tracking only move on a different stamp), so the run's
        // first answer serves the rest.
        const LocalStamp stamp{month, day, hour, minute, second, millisecond};
        if (m_haveLastStamp && stamp == m_lastStamp)
            return m_lastStampUtcMs;
        return resolveNewLocal(stamp);
    }
    // A complete stamp with its own offset from UTC in seconds.
    static std::optional<std::int64_t> resolveWithOffset(int year, int month, int day,
                                                         int hour, int minute, int second,
                                                         int millisecond, int offsetSeconds);

private:
    struct LocalStamp {
        int month, day, hour, minute, second, millisecond;
        bool operator==(const LocalStamp &) const = default;
    };
    static std::int64_t msIntoHour(const LocalStamp &s)
    {
        return (std::int64_t(s.minute) * 60 + s.second) * 1000 + s.millisecond;
    }

    Options m_options;
    int m_year = 0;
    int m_lastMonth = 0;
    // Offset cache: converting local time with QTimeZone per line is slow, and the
    // offset only changes at DST transitions, so it is cached per local hour.
    std::int64_t m_cachedHourKey = -1;
    std::int64_t m_cachedOffsetMs = 0;
    // In the hour a DST change repeats, the same local time exists twice: the
    // second offset, and whether the log has already moved on to the repeat.
    std::int64_t m_cachedLaterOffsetMs = 0;
    bool m_cachedAmbiguous = false;
    std::int64_t m_repeatHourKey = -1;
    std::int64_t m_lastLocalUtcMs = 0;
    bool m_haveLast = false;
    int m_referenceYear = 0;
    int m_referenceMonth = 0;
    // The zone's offset changes around the years being read, fetched from QTimeZone
    // once, so that even a log that jumps between dates never asks it per line.
    std::int64_t m_zoneFromSecs = 0;
    std::int64_t m_zoneToSecs = -1;
    int m_zoneInitialOffset = 0;
    std::vector<std::int64_t> m_transitionSecs;
    std::vector<int> m_transitionOffsets;
    // The last stamp resolved to a time, and that time.
    bool m_haveLastStamp = false;
    LocalStamp m_lastStamp{};
    std::int64_t m_lastStampUtcMs = 0;

    std::optional<std::int64_t> resolveNewLocal(const LocalStamp &stamp);
    std::int64_t remember(const LocalStamp &stamp, std::int64_t utcMs);

    void cacheOffsets(std::int64_t hourKey, int year);
    void loadTransitions(int year);
    int offsetAt(std::int64_t utcSecs) const;
};

} // namespace rejectscope
