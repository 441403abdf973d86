#pragma once

#include "analysis/floods.h"
#include "table.h"

#include <QTimeZone>

#include <cstdint>

namespace rejectscope {

// The chart's time buckets as a table (columns documented in the README): each
// bucket's start and end in UTC and the given zone, and its 4xx, 5xx and accepted
// counts.
Table timelineTable(const QList<TimeBucket> &buckets, std::int64_t bucketMs, const QTimeZone &zone);

} // namespace rejectscope
