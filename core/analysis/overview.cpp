// Everything the overview shows, for one filter, as one value snapshot.

#include "overview.h"

#include "filtersql.h"

#include "store/database.h"
#include "store/textmatches.h"

#include <QCoreApplication>
#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>
#include <array>

using namespace Qt::StringLiterals;

namespace rejectscope {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Overview)
};

bool cancelled(const std::atomic_bool *cancel)
{
    return cancel && cancel->load(std::memory_order_relaxed);
}

// What a switch point is called on its card and in the chart: "inbound
// unknown-local-recipient: 4xx → 5xx".
QString switchLabel(const SwitchPoint &point)
{
    const QString direction = point.direction == Direction::Inbound ? Tr::tr("inbound") : Tr::tr("outbound");
    return Tr::tr("%1 %2: 4xx → 5xx")
        .arg(direction, QString::fromLatin1(reasonClassName(point.reason)));
}

// The filter the before/after figures of a switch point are read with: its own
// direction and reason, so that the card speaks of the replies that switched.
AnalysisFilter filterFor(const SwitchPoint &point, const AnalysisFilter &base)
{
    AnalysisFilter filter = base;
    filter.direction = point.direction;
    filter.reason = point.reason;
    filter.codeClass.reset();
    return filter;
}

} // namespace

std::int64_t bucketForSpan(std::int64_t spanMs, int maxBuckets)
{
    constexpr std::int64_t minute = 60'000;
    constexpr std::array<std::int64_t, 6> sizes{minute, 5 * minute, 15 * minute, 60 * minute,
                                               360 * minute, 1440 * minute};
    for (std::int64_t size : sizes) {
        if (spanMs / size <= maxBuckets)
            return size;
    }
    // Longer than a year and a bit at a day per bucket: whole days still.
    const std::int64_t days = spanMs / (1440 * minute * maxBuckets) + 1;
    return days * 1440 * minute;
}

std::optional<std::pair<std::int64_t, std::int64_t>> logSpan(Database &database, QString *error)
{
    QSqlQuery query(database.connection());
    // One aggregate per SELECT: SQLite reads MIN or MAX from the end of event_time
    // only then (both in one SELECT scan the whole index, seconds at 10 M events).
    if (!query.exec(u"SELECT (SELECT MIN(time_ms) FROM event), (SELECT MAX(time_ms) FROM event)"_s) || !query.next()) {
        if (error)
            *error = Tr::tr("Could not read the log's time span: %1").arg(query.lastError().text());
        return std::nullopt;
    }
    if (query.value(0).isNull())
        return std::nullopt;
    return std::pair{query.value(0).toLongLong(), query.value(1).toLongLong() + 1};
}

namespace {

enum class PartResult { Done, Failed, Cancelled };

// The before/after window of a moment: the request's, or the largest equal span the
// log has around it, capped by maxCompareWindowMs.
std::int64_t compareWindow(const OverviewRequest &request,
                           const std::optional<std::pair<std::int64_t, std::int64_t>> &span,
                           std::int64_t timeMs)
{
    if (request.compareWindowMs > 0 || request.maxCompareWindowMs <= 0 || !span)
        return request.compareWindowMs;
    const std::int64_t largest = std::min(timeMs - span->first, span->second - timeMs);
    return largest > 0 ? std::min(largest, request.maxCompareWindowMs) : 0;
}

PartResult loadTimeline(Database &database, const OverviewRequest &request, Overview &overview,
                        QString &failure, const std::atomic_bool *cancel)
{
    const AnalysisFilter &filter = request.filter;
    const auto span = logSpan(database, &failure);
    if (!span && !failure.isEmpty())
        return PartResult::Failed;
    overview.spanFromMs = filter.fromMs.value_or(span ? span->first : 0);
    overview.spanToMs = filter.toMs.value_or(span ? span->second : 0);
    if (overview.spanToMs < overview.spanFromMs)
        overview.spanToMs = overview.spanFromMs;
    overview.bucketMs = request.bucketMs > 0
                            ? request.bucketMs
                            : bucketForSpan(overview.spanToMs - overview.spanFromMs);

    if (request.withBuckets) {
        AnalysisFilter bucketFilter = filter;
        // A search's whole-log bars read every event once: its matches are kept,
        // and the charts after it with the same text count them in memory (a
        // range first is no quicker then). Not kept: stopped, or too common.
        const bool textKept = !filter.text.isEmpty() && sql::textMatchesKept(database, filter.text);
        if (!filter.text.isEmpty() && !textKept && !request.bucketsWithin && !filter.fromMs && !filter.toMs)
            textmatches::collect(database.nativeHandle(), filter.text, nullptr, request.searchProgress, 1 << 18,
                                 cancel);
        const bool partial = request.bucketsWithin && !textKept;
        if (partial) {
            // Whole buckets of the span's grid, within the filter's own range.
            const std::int64_t origin = bucketOrigin(filter);
            const std::int64_t step = overview.bucketMs;
            const std::int64_t from = origin + sql::floorDiv(request.bucketsWithin->first - origin, step) * step;
            const std::int64_t to = origin - sql::floorDiv(origin - request.bucketsWithin->second, step) * step;
            bucketFilter.fromMs = filter.fromMs ? std::max(from, *filter.fromMs) : from;
            bucketFilter.toMs = filter.toMs ? std::min(to, *filter.toMs) : to;
            overview.bucketsPartial = true;
        }
        auto buckets = !partial || *bucketFilter.toMs > *bucketFilter.fromMs
                           ? timeBuckets(database, bucketFilter, overview.bucketMs, &failure)
                           : std::optional<QList<TimeBucket>>(QList<TimeBucket>());
        if (!buckets)
            return PartResult::Failed;
        overview.buckets = std::move(*buckets);
    }
    if (request.withFloods) {
        auto floods = findFloods(database, filter, request.floods, &failure);
        if (!floods)
            return PartResult::Failed;
        overview.floods = std::move(*floods);
        overview.hasFloods = true;
    }
    if (cancelled(cancel))
        return PartResult::Cancelled;
    if (!request.withMoments)
        return PartResult::Done;

    // Switch points are sought in the whole log (a narrow time range would cut the
    // before or after side away); only those inside the range are shown.
    AnalysisFilter switchFilter = filter;
    switchFilter.fromMs.reset();
    switchFilter.toMs.reset();
    switchFilter.codeClass.reset();
    auto points = findSwitchPoints(database, switchFilter, request.switches, &failure);
    if (!points)
        return PartResult::Failed;
    overview.switchPoints.clear();
    for (const SwitchPoint &point : std::as_const(*points)) {
        if (point.timeMs >= overview.spanFromMs && point.timeMs < overview.spanToMs)
            overview.switchPoints.append(point);
    }
    auto marks = markers(database, &failure);
    if (!marks)
        return PartResult::Failed;
    overview.markers = std::move(*marks);

    overview.comparisons.clear();
    for (const SwitchPoint &point : std::as_const(overview.switchPoints)) {
        auto figures = compareAround(database, point.timeMs, compareWindow(request, span, point.timeMs),
                                     filterFor(point, filter), &failure);
        if (!figures)
            return PartResult::Failed;
        MomentComparison card;
        card.origin = MomentComparison::Origin::SwitchPoint;
        card.timeMs = point.timeMs;
        card.label = switchLabel(point);
        card.switchPoint = point;
        card.figures = *figures;
        overview.comparisons.append(card);
        if (cancelled(cancel))
            return PartResult::Cancelled;
    }
    for (const Marker &marker : std::as_const(overview.markers)) {
        AnalysisFilter markerFilter = filter;
        markerFilter.codeClass.reset();
        auto figures = compareAround(database, marker.timeMs, compareWindow(request, span, marker.timeMs),
                                     markerFilter, &failure);
        if (!figures)
            return PartResult::Failed;
        MomentComparison card;
        card.origin = MomentComparison::Origin::Marker;
        card.timeMs = marker.timeMs;
        card.label = marker.label;
        card.marker = marker;
        card.figures = *figures;
        overview.comparisons.append(card);
    }
    std::sort(overview.comparisons.begin(), overview.comparisons.end(),
              [](const MomentComparison &a, const MomentComparison &b) { return a.timeMs < b.timeMs; });
    overview.hasMoments = true;
    return cancelled(cancel) ? PartResult::Cancelled : PartResult::Done;
}

PartResult loadTotals(Database &database, const OverviewRequest &request, Overview &overview, QString &failure)
{
    RetryChains chains(database);
    const auto totals = chains.totals(request.filter);
    if (!totals) {
        failure = chains.errorString();
        return PartResult::Failed;
    }
    overview.totals = *totals;
    overview.hasTotals = true;
    return PartResult::Done;
}

PartResult loadFindings(Database &database, const OverviewRequest &request, Overview &overview,
                        QString &failure)
{
    auto findings = adviseOn(database, request.filter, &failure);
    if (!findings)
        return PartResult::Failed;
    overview.findings = std::move(*findings);
    overview.hasFindings = true;
    return PartResult::Done;
}

PartResult loadDetails(Database &database, const OverviewRequest &request, Overview &overview,
                       QString &failure, const std::atomic_bool *cancel)
{
    const AnalysisFilter &filter = request.filter;
    // The slow part after an import: the chains are built once, then read at once.
    RetryChains chains(database);
    if (!chains.ensureBuilt(request.chains)) {
        failure = chains.errorString();
        return PartResult::Failed;
    }
    if (cancelled(cancel))
        return PartResult::Cancelled;
    StormQuery stormQuery;
    stormQuery.filter = filter;
    stormQuery.limit = request.stormLimit;
    auto storms = chains.storms(stormQuery);
    if (!storms) {
        failure = chains.errorString();
        return PartResult::Failed;
    }
    overview.storms = std::move(*storms);
    if (request.withTotals && loadTotals(database, request, overview, failure) != PartResult::Done)
        return PartResult::Failed;
    if (cancelled(cancel))
        return PartResult::Cancelled;
    return request.withFindings ? loadFindings(database, request, overview, failure) : PartResult::Done;
}

// The four top lists; one read before (Overview::oneTopList, without free text)
// is kept, and the other three are read on their own.
PartResult loadTopLists(Database &database, const OverviewRequest &request, Overview &overview,
                        QString &failure, const std::atomic_bool *cancel)
{
    if (overview.oneTopList && request.filter.text.isEmpty()) {
        for (int kind = 0; kind < topListKindCount; ++kind) {
            if (TopListKind(kind) == *overview.oneTopList)
                continue;
            auto list = topList(database, TopListKind(kind), request.filter, request.topLimit, &failure);
            if (cancelled(cancel))
                return PartResult::Cancelled;
            if (!list)
                return PartResult::Failed;
            topListOf(overview, TopListKind(kind)) = std::move(*list);
        }
        overview.oneTopList.reset();
        return PartResult::Done;
    }
    auto lists = topLists(database, request.filter, request.topLimit, &failure, cancel);
    if (cancelled(cancel))
        return PartResult::Cancelled;
    if (!lists)
        return PartResult::Failed;
    for (int kind = 0; kind < topListKindCount; ++kind)
        topListOf(overview, TopListKind(kind)) = std::move((*lists)[kind]);
    overview.oneTopList.reset();
    return PartResult::Done;
}

std::optional<Overview> finish(PartResult result, Overview &overview, const QString &failure,
                               QString *error)
{
    if (error)
        *error = result == PartResult::Failed ? failure : QString();
    if (result != PartResult::Done)
        return std::nullopt;
    return std::move(overview);
}

} // namespace

std::optional<Overview> loadOverviewTimeline(Database &database, const OverviewRequest &request,
                                             QString *error, const std::atomic_bool *cancel)
{
    Overview overview;
    QString failure;
    const PartResult result = loadTimeline(database, request, overview, failure, cancel);
    return finish(result, overview, failure, error);
}

QList<TopEntry> &topListOf(Overview &overview, TopListKind kind)
{
    switch (kind) {
    case TopListKind::Clients:
        return overview.topClients;
    case TopListKind::Senders:
        return overview.topSenders;
    case TopListKind::Recipients:
        return overview.topRecipients;
    case TopListKind::Reasons:
        break;
    }
    return overview.topReasons;
}

const QList<TopEntry> &topListOf(const Overview &overview, TopListKind kind)
{
    return topListOf(const_cast<Overview &>(overview), kind);
}

std::optional<Overview> loadOverviewTopList(Database &database, const OverviewRequest &request, TopListKind kind,
                                            QString *error)
{
    QString failure;
    auto list = topList(database, kind, request.filter, request.topLimit, &failure);
    if (!list) {
        if (error)
            *error = failure;
        return std::nullopt;
    }
    Overview overview;
    topListOf(overview, kind) = std::move(*list);
    overview.oneTopList = kind;
    return overview;
}

std::optional<Overview> loadOverviewDetails(Database &database, const OverviewRequest &request,
                                            Overview timeline, QString *error,
                                            const std::atomic_bool *cancel)
{
    QString failure;
    const PartResult result = loadDetails(database, request, timeline, failure, cancel);
    return finish(result, timeline, failure, error);
}

std::optional<Overview> loadOverviewTotals(Database &database, const OverviewRequest &request,
                                           Overview details, QString *error)
{
    QString failure;
    const PartResult result = loadTotals(database, request, details, failure);
    return finish(result, details, failure, error);
}

std::optional<Overview> loadOverviewFindings(Database &database, const OverviewRequest &request,
                                             Overview details, QString *error,
                                             const std::atomic_bool *cancel)
{
    QString failure;
    PartResult result = cancelled(cancel) ? PartResult::Cancelled : loadFindings(database, request, details, failure);
    return finish(result, details, failure, error);
}

std::optional<Overview> loadOverviewTopLists(Database &database, const OverviewRequest &request,
                                             Overview details, QString *error,
                                             const std::atomic_bool *cancel)
{
    QString failure;
    const PartResult result = loadTopLists(database, request, details, failure, cancel);
    return finish(result, details, failure, error);
}

std::optional<Overview> loadOverview(Database &database, const OverviewRequest &request,
                                     QString *error, const std::atomic_bool *cancel)
{
    Overview overview;
    QString failure;
    PartResult result = loadTimeline(database, request, overview, failure, cancel);
    if (result == PartResult::Done)
        result = loadDetails(database, request, overview, failure, cancel);
    if (result == PartResult::Done)
        result = loadTopLists(database, request, overview, failure, cancel);
    return finish(result, overview, failure, error);
}

} // namespace rejectscope
