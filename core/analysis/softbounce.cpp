#include "analysis/softbounce.h"

#include "analysis/analysisfilter.h"
#include "analysis/postfixparameters.h"
#include "store/database.h"

#include <QHash>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>
#include <utility>

using namespace Qt::StringLiterals;

namespace rejectscope {

namespace {

using advisorquery::Interval;

struct Run {
    Interval interval;
    int events = 0;
    std::int64_t permanentBefore = 0; // 5xx of the class just before the run
    std::int64_t permanentAfter = 0;  // … and just after it
    bool candidate = false;
};

struct ClassState {
    std::int64_t permanentStretch = 0; // 5xx since the class's last 4xx
    bool open = false;
    Run run;
    qsizetype lastClosed = -1; // the run whose following 5xx are being counted
    int runs = 0;
};

bool failed(const QSqlQuery &query, QString *error)
{
    if (error)
        *error = query.lastError().text();
    return false;
}

// Streams one host after another through the refusals of the classes that are 5xx
// by default and cuts each class's sequence into runs of 4xx. Memory is one state
// per host and class plus the runs, never the events. `mixed` receives the
// (host, class) pairs with more than `maximumRuns` runs.
bool collectRuns(Database &database, const AnalysisFilter &filter, const SoftBounceOptions &options,
                 QList<Run> &runs, QSet<std::pair<std::int64_t, int>> &mixed, QString *error)
{
    advisorquery::Where where;
    where.add(u"direction = ?"_s, {int(Direction::Inbound)});
    where.add(u"kind = ?"_s, {int(EventKind::Reject)});
    where.add(u"code_class IN (4, 5)"_s);
    QList<ReasonClass> classes;
    for (const ReasonClass reason : parameterReasons()) {
        if (isPermanentByDefault(reason))
            classes << reason;
    }
    advisorquery::addReasonIn(where, classes);
    advisorquery::addFilter(where, filter, advisorquery::TimeRange);

    QSqlQuery query(database.connection());
    query.setForwardOnly(true);
    if (!query.prepare(u"SELECT host_id, time_ms, code_class, reason FROM event WHERE "_s + where.sql()
                       + u" ORDER BY host_id, time_ms, id"_s))
        return failed(query, error);
    for (const QVariant &value : where.values())
        query.addBindValue(value);
    if (!query.exec())
        return failed(query, error);

    QHash<int, ClassState> states;
    std::int64_t host = -1;
    const auto closeAll = [&] {
        for (auto it = states.cbegin(); it != states.cend(); ++it) {
            if (it->open)
                runs << it->run;
            if (it->runs > options.maximumRuns)
                mixed.insert({host, it.key()});
        }
        states.clear();
    };
    while (query.next()) {
        const std::int64_t rowHost = query.value(0).toLongLong();
        const std::int64_t timeMs = query.value(1).toLongLong();
        const int codeClass = query.value(2).toInt();
        const int reason = query.value(3).toInt();
        if (rowHost != host) {
            closeAll();
            host = rowHost;
        }
        ClassState &state = states[reason];
        if (codeClass == 4) {
            if (!state.open) {
                state.open = true;
                state.run = Run{Interval{rowHost, ReasonClass(reason), timeMs, timeMs}, 0,
                                state.permanentStretch, 0, false};
                state.lastClosed = -1;
                ++state.runs;
            }
            state.run.interval.lastMs = timeMs;
            ++state.run.events;
            state.permanentStretch = 0;
        } else {
            if (state.open) {
                runs << state.run;
                state.lastClosed = runs.size() - 1;
                state.open = false;
            }
            if (state.lastClosed >= 0)
                ++runs[state.lastClosed].permanentAfter;
            ++state.permanentStretch;
        }
    }
    closeAll();
    return true;
}

bool isMixed(const QSet<std::pair<std::int64_t, int>> &mixed, const Run &run)
{
    return mixed.contains({run.interval.hostId, int(run.interval.reason)});
}

// Rule 2b: runs of different classes (relay denials aside) that overlap in time.
void markTogether(QList<Run> &runs, const QSet<std::pair<std::int64_t, int>> &mixed,
                  const SoftBounceOptions &options)
{
    QList<Run *> eligible;
    for (Run &run : runs) {
        if (run.events >= options.minimumRunEvents && run.interval.reason != ReasonClass::RelayDenied
            && !isMixed(mixed, run))
            eligible << &run;
    }
    std::sort(eligible.begin(), eligible.end(), [](const Run *a, const Run *b) {
        if (a->interval.hostId != b->interval.hostId)
            return a->interval.hostId < b->interval.hostId;
        return a->interval.firstMs < b->interval.firstMs;
    });
    for (qsizetype i = 0; i < eligible.size(); ++i) {
        Run *a = eligible[i];
        for (qsizetype j = i + 1; j < eligible.size(); ++j) {
            Run *b = eligible[j];
            // Sorted by start: once b starts beyond a's end (both widened by the
            // slack), no later run overlaps a either.
            if (b->interval.hostId != a->interval.hostId
                || b->interval.firstMs - options.slackMs > a->interval.lastMs + options.slackMs)
                break;
            if (b->interval.reason != a->interval.reason) {
                a->candidate = true;
                b->candidate = true;
            }
        }
    }
}

// Rule 3: did the host refuse anything with 5xx inside the run? cleanup's
// header/body refusals are left out: their log line is not the reply smtpd sent.
std::optional<bool> hasPermanentInside(Database &database, const Interval &interval, QString *error)
{
    QSqlQuery query(database.connection());
    query.setForwardOnly(true);
    if (!query.prepare(u"SELECT id FROM event WHERE direction = ? AND kind = ? AND code_class = 5"
                       " AND host_id = ? AND time_ms > ? AND time_ms < ? AND program NOT LIKE ?"
                       " LIMIT 1"_s)) {
        failed(query, error);
        return std::nullopt;
    }
    query.addBindValue(int(Direction::Inbound));
    query.addBindValue(int(EventKind::Reject));
    query.addBindValue(qint64(interval.hostId));
    query.addBindValue(qint64(interval.firstMs));
    query.addBindValue(qint64(interval.lastMs));
    query.addBindValue(u"%cleanup"_s);
    if (!query.exec()) {
        failed(query, error);
        return std::nullopt;
    }
    return query.next();
}

} // namespace

std::optional<QList<advisorquery::Interval>>
findSoftBounceRuns(Database &database, const AnalysisFilter &filter, const SoftBounceOptions &options,
                   QString *error)
{
    QList<Run> runs;
    QSet<std::pair<std::int64_t, int>> mixed;
    if (!collectRuns(database, filter, options, runs, mixed, error))
        return std::nullopt;

    const int least = options.minimumRunEvents;
    for (Run &run : runs) {
        if (run.events >= least && run.permanentBefore >= least && run.permanentAfter >= least
            && !isMixed(mixed, run))
            run.candidate = true; // rule 2a
    }
    markTogether(runs, mixed, options);

    QList<Interval> result;
    for (const Run &run : runs) {
        if (!run.candidate)
            continue;
        const auto vetoed = hasPermanentInside(database, run.interval, error);
        if (!vetoed)
            return std::nullopt;
        if (!*vetoed)
            result << run.interval;
    }
    return result;
}

} // namespace rejectscope
