#include "steplines.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace rejectscope {

namespace {

// Appends the step [from, to) at `value`; a step at the level of the one before it
// extends that one, so quiet stretches cost two points, not two per bucket.
void appendStep(QList<QPointF> &line, std::int64_t from, std::int64_t to, double value)
{
    const qsizetype n = line.size();
    if (n >= 2 && line[n - 1].y() == value && line[n - 2].y() == value
        && line[n - 1].x() == double(from)) {
        line[n - 1].setX(double(to));
        return;
    }
    line << QPointF(double(from), value) << QPointF(double(to), value);
}

} // namespace

StepLines StepLines::ofBuckets(QList<TimeBucket>::const_iterator first,
                               QList<TimeBucket>::const_iterator end, std::int64_t bucketMs)
{
    StepLines lines;
    if (first == end)
        return lines;
    lines.temporary.reserve(2 * (end - first) + 4);
    lines.total.reserve(2 * (end - first) + 4);
    constexpr std::int64_t none = std::numeric_limits<std::int64_t>::min();
    std::int64_t previousEnd = none;
    for (auto it = first; it != end; ++it) {
        if (it->startMs != previousEnd) {
            if (previousEnd != none) {
                appendStep(lines.temporary, previousEnd, it->startMs, 0);
                appendStep(lines.total, previousEnd, it->startMs, 0);
            } else {
                lines.temporary << QPointF(double(it->startMs), 0);
                lines.total << QPointF(double(it->startMs), 0);
            }
        }
        const std::int64_t stepEnd = it->startMs + bucketMs;
        appendStep(lines.temporary, it->startMs, stepEnd, double(it->temporary));
        appendStep(lines.total, it->startMs, stepEnd, double(it->temporary + it->permanent));
        previousEnd = stepEnd;
    }
    lines.temporary << QPointF(double(previousEnd), 0);
    lines.total << QPointF(double(previousEnd), 0);
    lines.base << QPointF(double(first->startMs), 0) << QPointF(double(previousEnd), 0);
    return lines;
}

StepLines StepLines::ofColumns(QList<TimeBucket>::const_iterator first,
                               QList<TimeBucket>::const_iterator end, std::int64_t bucketMs,
                               std::int64_t fromMs, std::int64_t toMs, int columns)
{
    StepLines lines;
    if (toMs <= fromMs || columns < 1)
        return lines;
    const double span = double(toMs - fromMs);
    QList<double> temporary(columns, 0);
    QList<double> total(columns, 0);
    const auto columnOf = [&](std::int64_t ms) {
        return std::clamp(int(double(ms - fromMs) / span * columns), 0, columns - 1);
    };
    for (auto it = first; it != end; ++it) {
        for (int c = columnOf(it->startMs), last = columnOf(it->startMs + bucketMs - 1); c <= last; ++c) {
            temporary[c] = std::max(temporary[c], double(it->temporary));
            total[c] = std::max(total[c], double(it->temporary + it->permanent));
        }
    }
    lines.temporary.reserve(2 * columns + 2);
    lines.total.reserve(2 * columns + 2);
    lines.temporary << QPointF(double(fromMs), 0);
    lines.total << QPointF(double(fromMs), 0);
    for (int c = 0; c < columns; ++c) {
        const std::int64_t from = fromMs + std::llround(span * c / columns);
        const std::int64_t to = fromMs + std::llround(span * (c + 1) / columns);
        appendStep(lines.temporary, from, to, temporary[c]);
        appendStep(lines.total, from, to, total[c]);
    }
    lines.temporary << QPointF(double(toMs), 0);
    lines.total << QPointF(double(toMs), 0);
    lines.base << QPointF(double(fromMs), 0) << QPointF(double(toMs), 0);
    return lines;
}

} // namespace rejectscope
