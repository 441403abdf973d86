#pragma once

#include "analysis/floods.h"

#include <QList>
#include <QPointF>

#include <cstdint>

namespace rejectscope {

// The outlines the timeline fills: the 4xx steps, the 4xx+5xx steps and the flat
// base under both, in (ms since the epoch, count) points.
struct StepLines {
    QList<QPointF> temporary;
    QList<QPointF> total;
    QList<QPointF> base;

    // One step per bucket of [first, end); the steps fall to zero across missing
    // buckets, and equal neighbours share one step.
    static StepLines ofBuckets(QList<TimeBucket>::const_iterator first,
                               QList<TimeBucket>::const_iterator end, std::int64_t bucketMs);
    // `columns` equal steps over [fromMs, toMs), each at the most of any bucket in it:
    // for more buckets than pixels.
    static StepLines ofColumns(QList<TimeBucket>::const_iterator first,
                               QList<TimeBucket>::const_iterator end, std::int64_t bucketMs,
                               std::int64_t fromMs, std::int64_t toMs, int columns);
};

} // namespace rejectscope
