// analysis-bench: times the analysis on a large database. Run by hand (see README):
//
//   build/tests/bench/rejectscope-analysis-bench --db /tmp/bench.db --lines 77M --days 30
//
// A database that holds no events yet is first filled with rejectscope-loggen piped
// into rejectscope-cli import (77 M lines over 30 days give about 10.5 M events plus
// 3.8 M queue-sender lines). Then: the chain rebuild, the refresh of the per-minute
// attempt tables, the storms list with several filters, totals, time buckets,
// floods, switch points and before/after, each run --repeat times (the rebuilds
// once); the first (cold) and the best run are printed in milliseconds.

#include "benchdatabase.h"

#include "analysis/attemptminutes.h" // internal: to time its refresh
#include "analysis/eventquery.h"
#include "analysis/floods.h"
#include "analysis/overview.h"
#include "analysis/retrychains.h"
#include "analysis/switchpoints.h"
#include "analysis/toplists.h"
#include "store/database.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QSqlQuery>

#include <cstdio>
#include <ctime>
#include <functional>
#include <limits>

using namespace Qt::StringLiterals;
using namespace rejectscope;
using rejectscope::bench::scalar;

namespace {

int g_repeat = 3;

void timeIt(const char *name, const std::function<QString()> &work)
{
    bench::timeIt(name, g_repeat, work);
}

QString countOf(const std::optional<QList<RetryChain>> &chains)
{
    if (!chains)
        return u"FAILED"_s;
    return u"%1 chains, top %2 attempts"_s.arg(chains->size()).arg(chains->isEmpty() ? 0 : chains->first().attempts);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(u"Times Rejectscope's analysis queries on a large database."_s);
    parser.addHelpOption();
    parser.addOption({u"db"_s, u"The database (filled first when it holds no events)."_s, u"path"_s,
                      u"/tmp/rejectscope-analysis-bench.db"_s});
    parser.addOption({u"lines"_s, u"Log lines to generate for an empty database (77M: about 10 M events;"
                                  " whole numbers with k or M)."_s,
                      u"N"_s, u"77M"_s});
    parser.addOption({u"days"_s, u"Days the generated log covers."_s, u"D"_s, u"30"_s});
    parser.addOption({u"repeat"_s, u"Runs of each query."_s, u"R"_s, u"3"_s});
    parser.addOption({u"top-only"_s, u"Time the top lists only."_s});
    parser.addOption({u"window-only"_s, u"Time the window's overview stages only (chains and counts built)."_s});
    parser.addOption({u"skip-top-build"_s, u"Keep the top-list counts (no full build, only the refresh)."_s});
    parser.addOption({u"top-build-only"_s, u"Time the top-list counts' full build only."_s});
    parser.process(app);
    g_repeat = qMax(1, parser.value(u"repeat"_s).toInt());
    const QString dbPath = parser.value(u"db"_s);

    if (!bench::ensureBenchDatabase(dbPath, parser.value(u"lines"_s), parser.value(u"days"_s)))
        return 1;
    Database db(dbPath);
    if (!db.open())
        return 1;
    const qint64 events = scalar(db, u"SELECT MAX(id) FROM event"_s);
    if (events <= 0) {
        // sh has no pipefail: a generator that refused its arguments shows here.
        std::fprintf(stderr, "the database holds no events (did rejectscope-loggen accept --lines?)\n");
        return 1;
    }
    const qint64 firstMs = scalar(db, u"SELECT MIN(time_ms) FROM event"_s);
    const qint64 lastMs = scalar(db, u"SELECT MAX(time_ms) FROM event"_s);
    std::printf("database %s: %lld events, %.1f days, %lld MB\n", qPrintable(dbPath),
                static_cast<long long>(events), double(lastMs - firstMs) / 86400000.0,
                static_cast<long long>(QFileInfo(dbPath).size() / 1000000));

    // Top lists (--top-only runs just these; --skip-top-build keeps the counts).
    const auto topBench = [&] {
        const qint64 day = 86400000;
        const qint64 midDay = firstMs + (lastMs - firstMs) / 2;
        const int repeat = g_repeat;
        // Top lists: the packed attempts' build after an import (all of it, then the last
        // 50,000 events) and load, then lists under several filters from memory, and one
        // free-text list (an event scan).
        g_repeat = 1;
        if (!parser.isSet(u"skip-top-build"_s)) {
            timeIt("top lists: pack the attempts (all events)", [&] {
                QSqlQuery(db.connection()).exec(u"DELETE FROM top_build"_s); // as if never built
                QString error;
                const std::clock_t cpu = std::clock();
                const auto list = topList(db, TopListKind::Clients, AnalysisFilter{}, 10, &error);
                const double cpuSeconds = double(std::clock() - cpu) / CLOCKS_PER_SEC;
                return list ? u"%1 attempts packed, %2 keys, %3 s CPU"_s
                                  .arg(scalar(db, u"SELECT SUM(attempts) FROM top_day"_s))
                                  .arg(scalar(db, u"SELECT COUNT(*) FROM top_key"_s))
                                  .arg(cpuSeconds, 0, 'f', 1)
                            : error;
            });
            if (parser.isSet(u"top-build-only"_s))
                return;
        }
        timeIt("top lists: refresh after 50,000 new events, load", [&] {
            QSqlQuery(db.connection()).exec(u"UPDATE top_build SET max_event_id = max_event_id - 50000"_s);
            QString error;
            const auto list = topList(db, TopListKind::Clients, AnalysisFilter{}, 10, &error);
            return list ? u"ok"_s : error;
        });
        g_repeat = repeat;
        const auto top = [&](const char *name, TopListKind kind, const AnalysisFilter &filter) {
            timeIt(name, [&, kind, filter] {
                QString error;
                const auto list = topList(db, kind, filter, 50, &error);
                if (!list)
                    return error;
                return list->isEmpty() ? u"empty"_s
                                       : u"top %1 attempts (%2)"_s.arg(list->first().attempts).arg(list->first().key.left(40));
            });
        };
        for (const TopListKind kind : {TopListKind::Clients, TopListKind::Senders, TopListKind::Recipients,
                                       TopListKind::Reasons}) {
            const QByteArray label = topListKindName(kind).toLatin1();
            top(QByteArray("top " + label + ": whole log").constData(), kind, AnalysisFilter{});
            AnalysisFilter oneDay;
            oneDay.fromMs = midDay;
            oneDay.toMs = midDay + day;
            top(QByteArray("top " + label + ": one day (odd edges)").constData(), kind, oneDay);
        }
        AnalysisFilter tf;
        tf.fromMs = midDay;
        tf.toMs = midDay + 3600000;
        top("top clients: one hour", TopListKind::Clients, tf);
        tf.toMs = midDay + 7 * day + 1234567;
        top("top senders: a week and a bit", TopListKind::Senders, tf);
        tf = {};
        tf.fromMs = firstMs + 3 * day + 777777;
        tf.toMs = lastMs - 2 * day - 55555;
        top("top recipients: all but the ends", TopListKind::Recipients, tf);
        tf = {};
        tf.direction = Direction::Inbound;
        tf.codeClass = 4;
        top("top clients: inbound 4xx, whole log", TopListKind::Clients, tf);
        tf = {};
        tf.reason = ReasonClass::UnknownLocalRecipient;
        top("top senders: unknown-local-recipient", TopListKind::Senders, tf);
        tf.reason = ReasonClass::MailboxFull;
        top("top recipients: mailbox-full (rare)", TopListKind::Recipients, tf);
        tf = {};
        tf.direction = Direction::Outbound;
        tf.fromMs = midDay;
        tf.toMs = midDay + day;
        top("top clients (relays): outbound, one day", TopListKind::Clients, tf);
        tf = {};
        tf.text = u"yahoo"_s;
        tf.fromMs = midDay;
        tf.toMs = midDay + day;
        top("top senders: text 'yahoo', one day (scan)", TopListKind::Senders, tf);
        timeIt("all four top lists: text 'yahoo', one day (one scan)", [&, tf] {
            QString error;
            const auto lists = topLists(db, tf, 50, &error);
            return lists ? u"%1 senders"_s.arg((*lists)[int(TopListKind::Senders)].size()) : error;
        });
    };
    if (parser.isSet(u"top-only"_s)) {
        topBench();
        return 0;
    }

    // The stages the window reads after a filter change, as it asks for them
    // (before/after windows of at most a day; the advisor's own timing below).
    const auto windowBench = [&] {
        const qint64 day = 86400000;
        const qint64 midDay = firstMs + (lastMs - firstMs) / 2;
        AnalysisFilter inbound, unknownLocal, oneDay, outbound;
        inbound.direction = Direction::Inbound;
        unknownLocal = inbound;
        unknownLocal.reason = ReasonClass::UnknownLocalRecipient;
        oneDay = unknownLocal;
        oneDay.fromMs = midDay;
        oneDay.toMs = midDay + day;
        outbound = oneDay;
        outbound.direction = Direction::Outbound;
        AnalysisFilter rare = outbound; // what the window's "+ outbound" leaves: few rows
        rare.reason = ReasonClass::UnknownLocalRecipient;
        outbound.reason.reset();
        const QList<std::pair<const char *, AnalysisFilter>> filters{
            {"no filter", {}}, {"inbound", inbound}, {"+ unknown-local", unknownLocal},
            {"+ one day", oneDay}, {"one day outbound", outbound}, {"one day outbound unknown-local", rare}};
        for (const auto &[name, filter] : filters) {
            OverviewRequest request;
            request.filter = filter;
            request.maxCompareWindowMs = day;
            OverviewRequest chart = request;
            chart.filter.fromMs.reset(); // the chart shows the whole log
            chart.filter.toMs.reset();
            const auto stage = [&](const char *what, const std::function<std::optional<Overview>(QString *)> &load) {
                timeIt(qPrintable(u"window %1: %2"_s.arg(QString::fromLatin1(what), QString::fromLatin1(name))),
                       [&] {
                           QString error;
                           return load(&error) ? u"ok"_s : error;
                       });
            };
            stage("bars", [&](QString *error) {
                OverviewRequest bars = chart;
                bars.withMoments = false;
                return loadOverviewTimeline(db, bars, error);
            });
            stage("moments", [&](QString *error) {
                OverviewRequest moments = chart;
                moments.withBuckets = false;
                return loadOverviewTimeline(db, moments, error);
            });
            stage("storms", [&](QString *error) {
                OverviewRequest storms = request;
                storms.withFindings = false;
                return loadOverviewDetails(db, storms, Overview{}, error);
            });
            stage("top lists", [&](QString *error) { return loadOverviewTopLists(db, request, Overview{}, error); });
            stage("events page", [&](QString *error) -> std::optional<Overview> {
                EventQuery query(db, filter);
                if (!query.page(EventSort::Time, true, 0, 256)) {
                    *error = query.errorString();
                    return std::nullopt;
                }
                return Overview{};
            });
        }
    };
    if (parser.isSet(u"window-only"_s)) {
        windowBench();
        return 0;
    }

    RetryChains chains(db);
    const int repeat = g_repeat;
    g_repeat = 1;
    timeIt("chains: rebuild (gap 4 h)", [&] {
        return chains.rebuild(ChainOptions{}) ? u"%1 chains"_s.arg(scalar(db, u"SELECT chains FROM retry_chain_build"_s))
                                              : chains.errorString();
    });
    timeIt("attempt tables: refresh after an import", [&] {
        QSqlQuery(db.connection()).exec(u"DELETE FROM attempt_minute_build"_s); // as if events were added
        return ensureAttemptMinutes(db) ? u"%1 minute rows"_s.arg(scalar(db, u"SELECT COUNT(*) FROM attempt_minute"_s))
                                        : u"FAILED"_s;
    });
    timeIt("attempt tables: refresh after 50,000 new events", [&] {
        // As if the last 50,000 events were one import batch.
        QSqlQuery(db.connection()).exec(u"UPDATE attempt_minute_build SET max_event_id = max_event_id - 50000"_s);
        return ensureAttemptMinutes(db) ? u"ok"_s : u"FAILED"_s;
    });
    g_repeat = repeat;
    timeIt("chains: ensureBuilt (nothing to do)", [&] {
        return chains.ensureBuilt(ChainOptions{}) ? u"ok"_s : chains.errorString();
    });

    const qint64 day = 86400000;
    const qint64 midDay = firstMs + (lastMs - firstMs) / 2;
    const auto storms = [&](const char *name, StormQuery query) {
        timeIt(name, [&] { return countOf(chains.storms(query)); });
    };
    storms("storms: top 100, no filter", StormQuery{});
    StormQuery q;
    q.filter.direction = Direction::Inbound;
    storms("storms: top 100, inbound", q);
    q.filter.direction = Direction::Outbound;
    storms("storms: top 100, outbound", q);
    q = {};
    q.filter.reason = ReasonClass::UnknownLocalRecipient;
    storms("storms: top 100, unknown-local-recipient", q);
    q.filter.reason = ReasonClass::MailboxFull;
    storms("storms: top 100, mailbox-full (rare)", q);
    q = {};
    q.filter.fromMs = midDay;
    q.filter.toMs = midDay + day;
    storms("storms: top 100, one day", q);
    q.filter.direction = Direction::Inbound;
    q.filter.reason = ReasonClass::Greylisted;
    storms("storms: top 100, one day, inbound greylisted", q);
    q.filter.toMs = midDay + 3600000;
    q.filter.reason = ReasonClass::UnknownLocalRecipient;
    storms("storms: top 100, one hour, inbound unknown-local", q);
    q = {};
    q.filter.codeClass = 4;
    storms("storms: top 100, 4xx", q);
    q = {};
    q.order = StormQuery::Order::Duration;
    storms("storms: top 100 by duration", q);
    q.order = StormQuery::Order::FirstSeen;
    q.filter.fromMs = midDay;
    storms("storms: 100 by first seen from mid-log", q);
    q = {};
    q.filter.text = u"yahoo"_s;
    storms("storms: top 100, text 'yahoo'", q);
    q = {};
    q.offset = 1000;
    storms("storms: page 11 (offset 1000)", q);

    const auto totals = [&](const char *name, const AnalysisFilter &filter) {
        timeIt(name, [&] {
            const auto t = chains.totals(filter);
            return t ? u"%1 chains, %2 attempts, amplification %3"_s.arg(t->chains).arg(t->attempts).arg(t->amplification, 0, 'f', 2)
                     : chains.errorString();
        });
    };
    totals("totals: whole log", AnalysisFilter{});
    AnalysisFilter f;
    f.fromMs = midDay;
    f.toMs = midDay + day;
    totals("totals: one day", f);
    f.direction = Direction::Inbound;
    f.reason = ReasonClass::UnknownLocalRecipient;
    totals("totals: one day, inbound unknown-local", f);

    const auto buckets = [&](const char *name, qint64 spanMs, qint64 bucketMs) {
        AnalysisFilter filter;
        filter.fromMs = midDay;
        filter.toMs = midDay + spanMs;
        timeIt(name, [&, filter] {
            QString error;
            const auto b = timeBuckets(db, filter, bucketMs, &error);
            return b ? u"%1 buckets"_s.arg(b->size()) : error;
        });
    };
    buckets("timeBuckets: day by minute", day, 60000);
    buckets("timeBuckets: day by hour", day, 3600000);
    buckets("timeBuckets: week by minute", 7 * day, 60000);
    buckets("timeBuckets: week by hour", 7 * day, 3600000);
    timeIt("timeBuckets: whole log by hour", [&] {
        QString error;
        const auto b = timeBuckets(db, AnalysisFilter{}, 3600000, &error);
        return b ? u"%1 buckets"_s.arg(b->size()) : error;
    });

    timeIt("findFloods: whole log, 5 min buckets", [&] {
        QString error;
        const auto floods = findFloods(db, AnalysisFilter{}, FloodOptions{}, &error);
        return floods ? u"%1 floods"_s.arg(floods->size()) : error;
    });
    timeIt("findFloods: one week, outbound", [&] {
        QString error;
        AnalysisFilter filter;
        filter.fromMs = midDay;
        filter.toMs = midDay + 7 * day;
        filter.direction = Direction::Outbound;
        const auto floods = findFloods(db, filter, FloodOptions{}, &error);
        return floods ? u"%1 floods"_s.arg(floods->size()) : error;
    });

    topBench();

    std::optional<QList<SwitchPoint>> switches;
    timeIt("findSwitchPoints: whole log", [&] {
        QString error;
        switches = findSwitchPoints(db, AnalysisFilter{}, SwitchOptions{}, &error);
        return switches ? u"%1 switch points"_s.arg(switches->size()) : error;
    });
    qint64 moment = midDay;
    AnalysisFilter around;
    if (switches && !switches->isEmpty()) {
        moment = switches->first().timeMs;
        around.direction = switches->first().direction;
        around.reason = switches->first().reason;
    }
    for (const auto &[name, window] : {std::pair{"compareAround: 1 h windows", 3600000LL},
                                       std::pair{"compareAround: 1 day windows", day},
                                       std::pair{"compareAround: largest windows (0)", 0LL}}) {
        timeIt(name, [&, window] {
            QString error;
            const auto ba = compareAround(db, moment, window, around, &error);
            return ba ? u"retries/h %1 -> %2 (window %3 h)"_s.arg(ba->before.retriesPerHour, 0, 'f', 1)
                            .arg(ba->after.retriesPerHour, 0, 'f', 1)
                            .arg(double(ba->windowMs) / 3600000.0, 0, 'f', 1)
                      : error;
        });
    }
    return 0;
}
