// Time buckets and deferral floods, both from the per-minute counts the importer
// keeps (minute_count), so that they answer at once whatever the size of the log.
// Buckets start at the filter's first minute (or at the epoch without one), so a
// chart's buckets line up with the range it shows.

#include "floods.h"

#include "attemptminutes.h"
#include "filtersql.h"
#include "store/database.h"
#include "store/textmatches.h"

#include <QCoreApplication>
#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>
#include <vector>

using namespace Qt::StringLiterals;

namespace rejectscope {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Floods)
};

bool failWith(QString *error, const QString &message)
{
    if (error)
        *error = message;
    return false;
}

// Attempts per bucket by class: 4xx, 5xx, 2xx.
struct BucketSums {
    std::int64_t number = 0;
    std::int64_t temporary = 0;
    std::int64_t permanent = 0;
    std::int64_t accepted = 0;
};

// The same sums from the kept matches of the filter's text (in order of time), in
// memory: what a chart of a search costs once its text was scanned.
std::vector<BucketSums> keptBucketSums(const TextMatchList &matches, const AnalysisFilter &filter,
                                       std::int64_t bucketMs)
{
    const auto counts = [&](int codeClass) { return !filter.codeClass || *filter.codeClass == codeClass; };
    const std::int64_t origin = bucketOrigin(filter);
    std::vector<BucketSums> buckets;
    for (const TextMatch &match : sql::withinRange(matches, filter)) {
        // The code class is not a term here (see sql::classColumn): it zeroes the others.
        if (!sql::classTermsHold(match, filter, false))
            continue;
        const sql::EventClass klass = sql::classOf(match.kind, match.status, match.codeClass);
        if (!klass.attempt)
            continue;
        // Truncated toward zero, as SQL's minute and bucket numbers are.
        const std::int64_t number = (match.timeMs / sql::minuteMs * sql::minuteMs - origin) / bucketMs;
        if (buckets.empty() || buckets.back().number != number)
            buckets.push_back({number, 0, 0, 0});
        BucketSums &bucket = buckets.back();
        bucket.temporary += klass.temporary && counts(4);
        bucket.permanent += klass.permanent && counts(5);
        bucket.accepted += klass.accepted && counts(2);
    }
    return buckets;
}

// The filter's attempts summed per bucket of `bucketMs`, in order; buckets without
// a row are left out. SQLite sums per minute in the order of the time index (no
// sort) and the minutes are folded into buckets here: a GROUP BY of the bucket
// number sorted the rows first, 3-4 times slower when a filter on the direction
// alone leaves many rows a minute. Every value is bound.
// A search whose matches are kept is counted from them.
std::optional<std::vector<BucketSums>> bucketSums(Database &database, const AnalysisFilter &filter,
                                                  std::int64_t bucketMs, QString *error)
{
    if (const auto kept = filter.text.isEmpty() ? nullptr : textmatches::find(database.nativeHandle(), filter.text))
        return keptBucketSums(*kept, filter, bucketMs);
    sql::CountSource source;
    source.tablesAreCurrent = ensureAttemptMinutes(database);
    source.byHour = sql::wholeHours(filter, bucketMs);
    sql::Fragment statement{u"SELECT m.minute, SUM(%1), SUM(%2), SUM(%3)"_s.arg(
                                sql::classColumn(filter, 4), sql::classColumn(filter, 5), sql::classColumn(filter, 2)),
                            {}};
    statement.append(sql::attemptMinutesFrom(filter, source));
    statement.append(u" GROUP BY m.minute ORDER BY m.minute"_s);
    QSqlQuery query(database.connection());
    query.setForwardOnly(true);
    if (!query.prepare(statement.text)) {
        failWith(error, Tr::tr("cannot count the attempts: %1").arg(query.lastError().text()));
        return std::nullopt;
    }
    sql::bind(query, statement.values);
    if (!query.exec()) {
        failWith(error, Tr::tr("cannot count the attempts: %1").arg(query.lastError().text()));
        return std::nullopt;
    }
    const std::int64_t origin = bucketOrigin(filter);
    std::vector<BucketSums> buckets;
    while (query.next()) {
        // Truncated toward zero, as the SQL bucket number was.
        const std::int64_t number = (query.value(0).toLongLong() * sql::minuteMs - origin) / bucketMs;
        if (buckets.empty() || buckets.back().number != number)
            buckets.push_back({number, 0, 0, 0});
        BucketSums &bucket = buckets.back();
        bucket.temporary += query.value(1).toLongLong();
        bucket.permanent += query.value(2).toLongLong();
        bucket.accepted += query.value(3).toLongLong();
    }
    if (query.lastError().isValid()) {
        failWith(error, Tr::tr("cannot count the attempts: %1").arg(query.lastError().text()));
        return std::nullopt;
    }
    return buckets;
}

double medianOf(std::vector<std::int64_t> values)
{
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    const std::size_t n = values.size();
    return n % 2 == 1 ? double(values[n / 2]) : (double(values[n / 2 - 1]) + double(values[n / 2])) / 2.0;
}

} // namespace

std::int64_t bucketOrigin(const AnalysisFilter &filter)
{
    return filter.fromMs ? sql::floorDiv(*filter.fromMs, sql::minuteMs) * sql::minuteMs : 0;
}

std::optional<QList<TimeBucket>> timeBuckets(Database &database, const AnalysisFilter &filter,
                                             std::int64_t bucketMs, QString *error)
{
    // The counts are per minute: a shorter bucket could not be filled honestly.
    if (bucketMs < sql::minuteMs || bucketMs % sql::minuteMs != 0) {
        failWith(error, Tr::tr("a time bucket must be a whole number of minutes"));
        return std::nullopt;
    }
    const auto sums = bucketSums(database, filter, bucketMs, error);
    if (!sums)
        return std::nullopt;
    const std::int64_t origin = bucketOrigin(filter);
    QList<TimeBucket> buckets;
    buckets.reserve(qsizetype(sums->size()));
    for (const BucketSums &sum : *sums)
        buckets << TimeBucket{origin + sum.number * bucketMs, sum.temporary, sum.permanent, sum.accepted};
    return buckets;
}

std::optional<QList<Flood>> findFloods(Database &database, const AnalysisFilter &filter,
                                       const FloodOptions &options, QString *error)
{
    if (options.bucketMs < sql::minuteMs || options.bucketMs % sql::minuteMs != 0) {
        failWith(error, Tr::tr("a time bucket must be a whole number of minutes"));
        return std::nullopt;
    }
    const auto sums = bucketSums(database, filter, options.bucketMs, error);
    if (!sums)
        return std::nullopt;

    // Per bucket with any attempt: its 4xx attempts. Rows of classes the filter's
    // code class leaves out carry no traffic.
    struct Bucket {
        std::int64_t number = 0;
        std::int64_t temporary = 0;
    };
    std::vector<Bucket> buckets;
    for (const BucketSums &sum : *sums) {
        if (sum.temporary + sum.permanent + sum.accepted > 0)
            buckets.push_back({sum.number, sum.temporary});
    }

    // The baseline: the median bucket among those that saw any traffic. Quiet
    // buckets (nights, gaps in the log) would pull it to zero and make every busy
    // hour a flood.
    std::vector<std::int64_t> counts;
    counts.reserve(buckets.size());
    for (const Bucket &bucket : buckets)
        counts.push_back(bucket.temporary);
    const double baseline = medianOf(counts);
    const double threshold = std::max(options.factor * baseline, double(options.minimumAttempts));

    const std::int64_t origin = bucketOrigin(filter);
    QList<Flood> floods;
    std::int64_t previous = 0;
    bool open = false;
    for (const Bucket &bucket : buckets) {
        const bool flooded = double(bucket.temporary) >= threshold;
        // A bucket without attempts between two flooded ones ends the flood.
        if (open && (!flooded || bucket.number != previous + 1))
            open = false;
        if (flooded) {
            if (!open) {
                Flood flood;
                flood.startMs = origin + bucket.number * options.bucketMs;
                flood.baseline = baseline;
                floods << flood;
                open = true;
            }
            Flood &flood = floods.last();
            flood.endMs = origin + (bucket.number + 1) * options.bucketMs;
            flood.attempts += bucket.temporary;
            flood.peakBucketAttempts = std::max(flood.peakBucketAttempts, bucket.temporary);
        }
        previous = bucket.number;
    }

    // The reason of most of each flood's 4xx attempts: floods are few, so each is
    // looked up on its own rather than every bucket being split by reason.
    QSqlQuery query(database.connection());
    query.setForwardOnly(true);
    const QString temporary = sql::classColumn(filter, 4);
    sql::CountSource source;
    if (!floods.isEmpty()) {
        source.tablesAreCurrent = ensureAttemptMinutes(database);
        source.needReason = true;
        source.textMatchesKept = sql::textMatchesKept(database, filter.text);
    }
    for (Flood &flood : floods) {
        AnalysisFilter within = filter;
        within.fromMs = flood.startMs;
        within.toMs = flood.endMs;
        sql::Fragment statement{u"SELECT m.reason, SUM(%1) AS n"_s.arg(temporary), {}};
        statement.append(sql::attemptMinutesFrom(within, source));
        statement.append(u" GROUP BY m.reason ORDER BY n DESC, m.reason LIMIT 1"_s);
        if (!query.prepare(statement.text)) {
            failWith(error, Tr::tr("cannot count the attempts: %1").arg(query.lastError().text()));
            return std::nullopt;
        }
        sql::bind(query, statement.values);
        if (!query.exec()) {
            failWith(error, Tr::tr("cannot count the attempts: %1").arg(query.lastError().text()));
            return std::nullopt;
        }
        if (query.next())
            flood.mainReason = ReasonClass(query.value(0).toInt());
        query.finish();
    }
    return floods;
}

} // namespace rejectscope
