#pragma once

#include <QList>
#include <QString>
#include <QTimeZone>

#include <cstdint>

namespace rejectscope {

// A grid line of the time axis: an instant and its label in the chart's zone.
struct TimeTick {
    std::int64_t ms = 0;
    QString text;    // "14:00", "21 Nov", "Nov"
    QString context; // the date or year, on the first tick and where it changes; else empty
};

// Ticks at round wall-clock times of `zone` (whole hours, local midnights, first days
// of months) between fromMs and toMs, at most about `maxTicks` of them. Ticks are
// found in local time and kept as true instants, so a day with a DST change gets
// 23 or 25 hours and no label lies.
QList<TimeTick> timeTicks(std::int64_t fromMs, std::int64_t toMs, const QTimeZone &zone,
                          int maxTicks);

// "5 min", "1 h", "1 day": a bucket size for the axis title.
QString durationText(std::int64_t ms);

} // namespace rejectscope
