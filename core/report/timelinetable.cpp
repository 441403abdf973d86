#include "timelinetable.h"

using namespace Qt::StringLiterals;

namespace rejectscope {

Table timelineTable(const QList<TimeBucket> &buckets, std::int64_t bucketMs, const QTimeZone &zone)
{
    Table table{{u"start_utc"_s, u"start_local"_s, u"end_utc"_s, u"end_local"_s, u"temporary"_s,
                 u"permanent"_s, u"accepted"_s},
                {}};
    table.rows.reserve(buckets.size());
    for (const TimeBucket &b : buckets) {
        const std::int64_t endMs = b.startMs + bucketMs;
        table.rows << QList<QVariant>{isoUtc(b.startMs), isoLocal(b.startMs, zone), isoUtc(endMs),
                                      isoLocal(endMs, zone), qint64(b.temporary), qint64(b.permanent),
                                      qint64(b.accepted)};
    }
    return table;
}

} // namespace rejectscope
