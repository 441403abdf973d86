#include "timestampresolver.h"

#include <algorithm>
#include <utility>

namespace rejectscope {

namespace {

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm):
// plain arithmetic, so resolving a stamp never builds a QDateTime.
constexpr std::int64_t daysFromCivil(int y, int m, int d)
{
    y -= m <= 2 ? 1 : 0;
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const std::int64_t yoe = y - era * 400;
    const std::int64_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

constexpr bool isLeapYear(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

constexpr int daysInMonth(int y, int m)
{
    constexpr int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return (m == 2 && isLeapYear(y)) ? 29 : days[m - 1];
}

bool validClock(int hour, int minute, int second, int millisecond)
{
    // Second 60 is a leap second: accepted and counted as the next second.
    return hour >= 0 && hour <= 23 && minute >= 0 && minute <= 59 && second >= 0
        && second <= 60 && millisecond >= 0 && millisecond <= 999;
}

std::int64_t floorDiv(std::int64_t a, std::int64_t b)
{
    const std::int64_t q = a / b;
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

// A local stamp that moves this far back inside a repeated DST hour is read as the
// repeat. Syslog lines arrive slightly out of order (several processes), so a
// step back of seconds must not trigger it; the repeat starts a whole hour back.
constexpr std::int64_t repeatHourToleranceMs = 10 * 60 * 1000;

// Log lines are never more than half a year out of order; a larger month step is a
// year boundary (backwards) or a stray line from the previous year (forwards).
constexpr int yearTurnMonths = 6;

} // namespace

TimestampResolver::TimestampResolver(Options options)
    : m_options(std::move(options))
{
    if (!m_options.zone.isValid())
        m_options.zone = QTimeZone(QByteArrayLiteral("UTC"));
    if (m_options.reference.isValid()) {
        const QDate date = m_options.reference.toTimeZone(m_options.zone).date();
        m_referenceYear = date.year();
        m_referenceMonth = date.month();
    } else {
        // No reference (should not happen: callers pass the file's mtime or the
        // import time). 1970 makes the mistake obvious instead of plausible.
        m_referenceYear = 1970;
        m_referenceMonth = 12;
    }
}

std::optional<std::int64_t> TimestampResolver::resolveNewLocal(const LocalStamp &stamp)
{
    const auto [month, day, hour, minute, second, millisecond] = stamp;
    if (month < 1 || month > 12 || day < 1 || day > 31
        || !validClock(hour, minute, second, millisecond))
        return std::nullopt;

    // Within the hour of the last stamp the time moves with the clock, so the date
    // need not be worked out again. Not in an hour that DST repeats (the offset
    // may switch there), nor for a leap second (xx:59:60 counts into the next hour).
    if (m_haveLastStamp && !m_cachedAmbiguous && month == m_lastStamp.month
        && day == m_lastStamp.day && hour == m_lastStamp.hour && second < 60
        && m_lastStamp.second < 60)
        return remember(stamp, m_lastStampUtcMs + msIntoHour(stamp) - msIntoHour(m_lastStamp));

    // From here on the state changes: the stamp is remembered again on success.
    m_haveLastStamp = false;
    int year = 0;
    if (m_lastMonth == 0) {
        year = m_options.firstYear ? *m_options.firstYear
                                   : m_referenceYear - (month > m_referenceMonth ? 1 : 0);
        m_year = year;
        m_lastMonth = month;
    } else {
        const int step = month - m_lastMonth;
        if (step < -yearTurnMonths) {
            ++m_year; // Dec -> Jan
            m_lastMonth = month;
            year = m_year;
        } else if (step > yearTurnMonths) {
            year = m_year - 1; // a stray line from before the year turned
        } else {
            m_lastMonth = month;
            year = m_year;
        }
    }
    if (day > daysInMonth(year, month))
        return std::nullopt;

    const std::int64_t localSecs = daysFromCivil(year, month, day) * 86400 + hour * 3600
        + minute * 60 + second;
    const std::int64_t hourKey = floorDiv(localSecs, 3600);
    if (hourKey != m_cachedHourKey)
        cacheOffsets(hourKey, year);

    const std::int64_t localMs = localSecs * 1000 + millisecond;
    std::int64_t utcMs = localMs - m_cachedOffsetMs;
    if (m_cachedAmbiguous) {
        // The first pass through a repeated hour uses the offset before the change,
        // the repeat the one after it; a big step back in UTC shows the repeat began.
        const std::int64_t repeatMs = localMs - m_cachedLaterOffsetMs;
        if (m_repeatHourKey == hourKey) {
            utcMs = repeatMs;
        } else if (m_haveLast && utcMs < m_lastLocalUtcMs - repeatHourToleranceMs) {
            utcMs = repeatMs;
            m_repeatHourKey = hourKey;
        }
    }
    return remember(stamp, utcMs);
}

std::int64_t TimestampResolver::remember(const LocalStamp &stamp, std::int64_t utcMs)
{
    m_lastLocalUtcMs = utcMs;
    m_haveLast = true;
    m_haveLastStamp = true;
    m_lastStamp = stamp;
    m_lastStampUtcMs = utcMs;
    return utcMs;
}

void TimestampResolver::cacheOffsets(std::int64_t hourKey, int year)
{
    const std::int64_t hourStart = hourKey * 3600; // local wall time read as UTC
    if (hourStart - 2 * 86400 < m_zoneFromSecs || hourStart + 2 * 86400 >= m_zoneToSecs)
        loadTransitions(year);
    // Offsets a day either side: DST changes are months apart, so at most one
    // change lies between them.
    const int before = offsetAt(hourStart - 86400);
    const int after = offsetAt(hourStart + 86400);

    m_cachedHourKey = hourKey;
    m_cachedAmbiguous = false;
    if (before == after) {
        m_cachedOffsetMs = std::int64_t(before) * 1000;
        return;
    }
    // A local hour is valid under an offset when converting it back gives that
    // offset. Both valid: the hour repeats (autumn). Neither: the hour was skipped
    // (spring); such stamps are read with the offset before the change, i.e. as
    // if the clock had not been moved yet.
    const bool beforeValid = offsetAt(hourStart - before) == before;
    const bool afterValid = offsetAt(hourStart - after) == after;
    if (beforeValid && afterValid) {
        m_cachedOffsetMs = std::int64_t(before) * 1000;
        m_cachedLaterOffsetMs = std::int64_t(after) * 1000;
        m_cachedAmbiguous = true;
    } else if (afterValid) {
        m_cachedOffsetMs = std::int64_t(after) * 1000;
    } else {
        m_cachedOffsetMs = std::int64_t(before) * 1000;
    }
}

void TimestampResolver::loadTransitions(int year)
{
    const QDateTime from(QDate(year - 1, 1, 1), QTime(0, 0), Qt::UTC);
    const QDateTime to(QDate(year + 2, 1, 1), QTime(0, 0), Qt::UTC);
    const QTimeZone &zone = m_options.zone;
    m_zoneFromSecs = from.toSecsSinceEpoch();
    m_zoneToSecs = to.toSecsSinceEpoch();
    m_zoneInitialOffset = zone.offsetFromUtc(from);
    m_transitionSecs.clear();
    m_transitionOffsets.clear();
    if (!zone.hasTransitions())
        return;
    const QTimeZone::OffsetDataList transitions = zone.transitions(from, to);
    for (const QTimeZone::OffsetData &t : transitions) {
        m_transitionSecs.push_back(t.atUtc.toSecsSinceEpoch());
        m_transitionOffsets.push_back(t.offsetFromUtc);
    }
}

int TimestampResolver::offsetAt(std::int64_t utcSecs) const
{
    const auto it = std::upper_bound(m_transitionSecs.begin(), m_transitionSecs.end(), utcSecs);
    if (it == m_transitionSecs.begin())
        return m_zoneInitialOffset;
    return m_transitionOffsets[std::size_t(it - m_transitionSecs.begin()) - 1];
}

std::optional<std::int64_t> TimestampResolver::resolveWithOffset(int year, int month, int day,
                                                                 int hour, int minute,
                                                                 int second, int millisecond,
                                                                 int offsetSeconds)
{
    if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1
        || day > daysInMonth(year, month) || !validClock(hour, minute, second, millisecond)
        || offsetSeconds <= -24 * 3600 || offsetSeconds >= 24 * 3600)
        return std::nullopt;
    const std::int64_t localSecs = daysFromCivil(year, month, day) * 86400 + hour * 3600
        + minute * 60 + second;
    return (localSecs - offsetSeconds) * 1000 + millisecond;
}

} // namespace rejectscope
