#pragma once

#include "advisor.h"
#include "floods.h"
#include "retrychains.h"
#include "switchpoints.h"
#include "toplists.h"

#include <QList>
#include <QString>
#include <atomic>
#include <functional>
#include <optional>

namespace rejectscope {

class Database;

// What the main window, the one-page report and `report --csv` show, asked in one go.
struct OverviewRequest {
    AnalysisFilter filter;
    std::int64_t bucketMs = 0; // 0: chosen from the filter's (or the log's) time span
    int stormLimit = 500;
    int topLimit = 50;
    // Windows on each side of a switch point or marker; 0: the largest equal span,
    // but at most maxCompareWindowMs when that is set (long windows on millions of
    // events take seconds each).
    std::int64_t compareWindowMs = 0;
    std::int64_t maxCompareWindowMs = 0;
    // False: the timeline stage reads buckets and floods only, not the switch
    // points, markers and before/after figures (Overview::hasMoments stays false).
    bool withMoments = true;
    // False: the timeline stage skips the buckets (a window that has them already
    // asks for the rest alone), or the floods (a window shows the bars first).
    bool withBuckets = true;
    bool withFloods = true;
    // Set: only the buckets that overlap this range are read (numbered as the
    // whole span's), and Overview::bucketsPartial says so. A window with a
    // free-text filter (a scan of the events) shows the range the user chose
    // first, then the whole log's bars.
    std::optional<std::pair<std::int64_t, std::int64_t>> bucketsWithin;
    // Called on the reading thread as a search's whole-log bars read the events
    // (0 to 1; textmatches::collect), so that a window can say how far it is.
    std::function<void(double done)> searchProgress;
    // False: the details stage reads the storms and totals, not the advisor's
    // findings (Overview::hasFindings stays false).
    bool withFindings = true;
    // False: the details stage reads the storms list without the chain totals
    // (Overview::hasTotals stays false; a range's totals read a day of chains).
    bool withTotals = true;
    // The top list the window shows: with no free text, the details stage reads it
    // on its own before the storms (Overview::oneTopList), and the other three later.
    std::optional<TopListKind> shownTopList;
    ChainOptions chains;
    FloodOptions floods;
    SwitchOptions switches;
};

// A before/after card: the moment (found or marked) and its figures.
struct MomentComparison {
    enum class Origin { SwitchPoint, Marker } origin = Origin::SwitchPoint;
    std::int64_t timeMs = 0;
    QString label;               // the marker's label, or a description of the switch
    std::optional<SwitchPoint> switchPoint;
    std::optional<Marker> marker;
    BeforeAfter figures;
};

// A value snapshot of everything the overview shows, for one filter.
struct Overview {
    std::int64_t spanFromMs = 0; // the time range looked at (the filter's, or the log's)
    std::int64_t spanToMs = 0;
    std::int64_t bucketMs = 60000;
    QList<TimeBucket> buckets;
    bool bucketsPartial = false; // only those within OverviewRequest::bucketsWithin
    QList<Flood> floods;
    QList<SwitchPoint> switchPoints;
    QList<Marker> markers;
    QList<MomentComparison> comparisons;
    bool hasFloods = false;  // floods were read
    bool hasMoments = false; // switchPoints, markers and comparisons were read
    QList<RetryChain> storms;
    RetryChains::Totals totals;
    QList<TopEntry> topClients;
    QList<TopEntry> topSenders;
    QList<TopEntry> topRecipients;
    QList<TopEntry> topReasons;
    // Set: of the top lists, only this one was read (OverviewRequest::shownTopList).
    std::optional<TopListKind> oneTopList;
    QList<Finding> findings;
    bool hasFindings = false; // findings were read
    bool hasTotals = false;   // totals were read
};

// The overview's top list of `kind`.
QList<TopEntry> &topListOf(Overview &overview, TopListKind kind);
const QList<TopEntry> &topListOf(const Overview &overview, TopListKind kind);

// The bucket size for a span: the smallest of 1 min, 5 min, 15 min, 1 h, 6 h, 1 day
// that keeps the chart at most `maxBuckets` buckets wide.
std::int64_t bucketForSpan(std::int64_t spanMs, int maxBuckets = 400);

// The log's time span (first and last event), or nullopt when it is empty.
std::optional<std::pair<std::int64_t, std::int64_t>> logSpan(Database &database, QString *error);

// Builds the chains if needed, then reads every part. Stops early (nullopt with
// *error empty) when `cancel` becomes true between parts.
std::optional<Overview> loadOverview(Database &database, const OverviewRequest &request,
                                     QString *error, const std::atomic_bool *cancel = nullptr);

// The same in three stages, for a window that shows the quick part at once: the
// timeline (span, buckets, floods, switch points, markers, before/after) reads the
// per-minute counts; the details (storms, totals, findings) may first have to
// build the retry chains, and the top lists their counts, each of which takes a
// while after a large import.
std::optional<Overview> loadOverviewTimeline(Database &database, const OverviewRequest &request,
                                             QString *error, const std::atomic_bool *cancel = nullptr);
// One top list alone (Overview::oneTopList says which); loadOverviewTopLists()
// given its result reads the other three.
std::optional<Overview> loadOverviewTopList(Database &database, const OverviewRequest &request, TopListKind kind,
                                            QString *error);
std::optional<Overview> loadOverviewDetails(Database &database, const OverviewRequest &request,
                                            Overview timeline, QString *error,
                                            const std::atomic_bool *cancel = nullptr);
// The chain totals alone, for details read without them.
std::optional<Overview> loadOverviewTotals(Database &database, const OverviewRequest &request,
                                           Overview details, QString *error);
// The advisor's findings alone (a window shows the storms before them: over
// millions of events the advisor takes longest).
std::optional<Overview> loadOverviewFindings(Database &database, const OverviewRequest &request,
                                             Overview details, QString *error,
                                             const std::atomic_bool *cancel = nullptr);
std::optional<Overview> loadOverviewTopLists(Database &database, const OverviewRequest &request,
                                             Overview details, QString *error,
                                             const std::atomic_bool *cancel = nullptr);

} // namespace rejectscope
