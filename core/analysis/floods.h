#pragma once

#include "analysisfilter.h"

#include <QList>
#include <QString>

#include <cstdint>
#include <optional>

namespace rejectscope {

class Database;

// The deferral-flood rule: time is cut into buckets; a bucket floods when its 4xx
// attempts (inbound 4xx rejections plus outbound deferrals) reach `factor` times the
// log's baseline — the median count of the buckets that saw any traffic — and at
// least `minimumAttempts`. Consecutive flooded buckets form one flood.
struct FloodOptions {
    std::int64_t bucketMs = 5LL * 60 * 1000;
    double factor = 3.0;
    int minimumAttempts = 20;
};

struct Flood {
    std::int64_t startMs = 0; // start of its first bucket
    std::int64_t endMs = 0;   // end of its last bucket
    std::int64_t attempts = 0; // 4xx attempts in it
    std::int64_t peakBucketAttempts = 0;
    double baseline = 0;       // the log's baseline per bucket it was measured against
    ReasonClass mainReason = ReasonClass::Other; // the reason of most of its attempts
};

// Time buckets for charts: counts by code class, from the per-minute counts.
struct TimeBucket {
    std::int64_t startMs = 0;
    std::int64_t temporary = 0; // 4xx
    std::int64_t permanent = 0; // 5xx
    std::int64_t accepted = 0;  // 2xx / sent
};

std::optional<QList<TimeBucket>> timeBuckets(Database &database, const AnalysisFilter &filter,
                                             std::int64_t bucketMs, QString *error);
// Where timeBuckets() starts its buckets: the filter's first minute, or the epoch.
std::int64_t bucketOrigin(const AnalysisFilter &filter);
std::optional<QList<Flood>> findFloods(Database &database, const AnalysisFilter &filter,
                                       const FloodOptions &options, QString *error);

} // namespace rejectscope
