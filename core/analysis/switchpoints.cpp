// Switch points: per (direction, reason class), the moments its replies turned
// from 4xx to 5xx and stayed so.
//
// The rule of switchpoints.h, applied to the phases of the series rather than to
// its two halves only: a log may hold more than one configuration change for the
// same class (the lab sample switches unknown local recipients 450 → 550, then
// soft_bounce makes them 4xx again for a while, then 5xx), and then the sides of
// the real switch are the phases around it, not everything before and after.
//
//  1. From the per-minute counts (attempt_minute; attempt_hour for long logs),
//     summed into slots of R minutes (R = 1 up to 2,000 minutes of log, then
//     whole hours so that the log has at most about 2,000 slots: a month of log
//     answers as fast as an hour), each slot with 4xx or 5xx replies gets the
//     class of most of them; neighbouring slots of one class form a phase.
//  2. Noise: the phase with the fewest replies, while it has fewer than
//     minimumEvents, takes the class of its neighbours and merges with them;
//     again until every phase has minimumEvents (stray 5xx before a switch and
//     stray 4xx after it disappear here, whatever their number, as long as they
//     are scattered).
//  3. The moment of each 4xx phase followed by a 5xx phase: the two slots at the
//     border are split minute by minute where most 4xx are before and most 5xx
//     after; the events of the two minutes at that split are read from the event
//     table (a range on event_time) and split the same way; the moment is the
//     first 5xx after that split.
//  4. It is a switch when, counted exactly from the first phase's start to the
//     moment and from the moment to the second phase's end, at least
//     minimumShare of the replies on each side agree (4xx before, 5xx after) and
//     each side has minimumEvents of them. With a single change this is exactly
//     the split that leaves the most 4xx before and 5xx after.

#include "switchpoints.h"

#include "attemptminutes.h"
#include "filtersql.h"
#include "store/database.h"

#include <QCoreApplication>
#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>
#include <map>
#include <queue>
#include <utility>
#include <vector>

using namespace Qt::StringLiterals;

namespace rejectscope {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(SwitchPoints)
};

struct Phase {
    bool temporary = true; // the class most of its replies had
    std::int64_t temp = 0;
    std::int64_t perm = 0;
    std::int64_t firstMinute = 0;
    std::int64_t lastMinute = 0;
    int prev = -1;
    int next = -1;
    bool alive = true;
    std::int64_t events() const { return temp + perm; }
};

struct MinuteCounts {
    std::int64_t minute = 0;
    std::int64_t temp = 0;
    std::int64_t perm = 0;
    std::int64_t events() const { return temp + perm; }
};

// Steps 1 and 2: the series' phases after noise is merged away, in time order.
std::vector<Phase> phasesOf(const std::vector<MinuteCounts> &series, int minimumEvents)
{
    std::vector<Phase> phases;
    for (const MinuteCounts &m : series) {
        const bool temporary = m.temp >= m.perm;
        if (!phases.empty() && phases.back().temporary == temporary) {
            phases.back().temp += m.temp;
            phases.back().perm += m.perm;
            phases.back().lastMinute = m.minute;
            continue;
        }
        Phase phase;
        phase.temporary = temporary;
        phase.temp = m.temp;
        phase.perm = m.perm;
        phase.firstMinute = phase.lastMinute = m.minute;
        phase.prev = int(phases.size()) - 1;
        if (!phases.empty())
            phases.back().next = int(phases.size());
        phases.push_back(phase);
    }

    // Smallest phase first; stale heap entries (a phase that grew or died) are
    // recognised by their event count and skipped.
    using Entry = std::pair<std::int64_t, int>;
    std::priority_queue<Entry, std::vector<Entry>, std::greater<>> heap;
    for (int i = 0; i < int(phases.size()); ++i)
        heap.emplace(phases[std::size_t(i)].events(), i);
    const auto absorbInto = [&](int into, int from) {
        Phase &a = phases[std::size_t(into)];
        Phase &b = phases[std::size_t(from)];
        a.temp += b.temp;
        a.perm += b.perm;
        a.firstMinute = std::min(a.firstMinute, b.firstMinute);
        a.lastMinute = std::max(a.lastMinute, b.lastMinute);
        b.alive = false;
        // Unlink b.
        if (b.prev >= 0)
            phases[std::size_t(b.prev)].next = b.next;
        if (b.next >= 0)
            phases[std::size_t(b.next)].prev = b.prev;
    };
    while (!heap.empty()) {
        const auto [events, index] = heap.top();
        heap.pop();
        Phase &phase = phases[std::size_t(index)];
        if (!phase.alive || phase.events() != events)
            continue;
        if (events >= minimumEvents)
            break;
        const int left = phase.prev;
        const int right = phase.next;
        if (left < 0 && right < 0)
            break; // the only phase left
        // Its neighbours have the other class (phases alternate): it joins them.
        const int into = left >= 0 ? left : right;
        absorbInto(into, index);
        if (left >= 0 && right >= 0)
            absorbInto(left, right);
        heap.emplace(phases[std::size_t(into)].events(), into);
    }
    std::vector<Phase> result;
    for (const Phase &phase : phases) {
        if (phase.alive)
            result.push_back(phase);
    }
    return result;
}

struct SeriesKey {
    Direction direction;
    ReasonClass reason;
};

bool failWith(QString *error, const QString &message)
{
    if (error)
        *error = message;
    return false;
}

// Where a time-ordered run of samples is best split into 4xx before and 5xx
// after: the index of the first sample after the split (the earliest of equally
// good splits).
template<typename Sample, typename Temp, typename Perm>
std::size_t bestSplit(const std::vector<Sample> &samples, Temp temp, Perm perm)
{
    std::int64_t permAfter = 0;
    for (const Sample &s : samples)
        permAfter += perm(s);
    std::int64_t tempBefore = 0;
    std::int64_t best = -1;
    std::size_t bestK = 0;
    for (std::size_t k = 0; k <= samples.size(); ++k) {
        if (tempBefore + permAfter > best) {
            best = tempBefore + permAfter;
            bestK = k;
        }
        if (k < samples.size()) {
            tempBefore += temp(samples[k]);
            permAfter -= perm(samples[k]);
        }
    }
    return bestK;
}

bool runQuery(QSqlQuery &query, const sql::Fragment &statement, QString *error)
{
    query.setForwardOnly(true);
    if (query.prepare(statement.text)) {
        sql::bind(query, statement.values);
        if (query.exec())
            return true;
    }
    return failWith(error, Tr::tr("cannot read the replies: %1").arg(query.lastError().text()));
}

AnalysisFilter seriesFilter(const AnalysisFilter &filter, const SeriesKey &key, std::int64_t fromMinute,
                            std::int64_t toMinute)
{
    AnalysisFilter f;
    f.direction = key.direction;
    f.reason = key.reason;
    f.text = filter.text;
    f.fromMs = fromMinute * sql::minuteMs;
    f.toMs = toMinute * sql::minuteMs;
    return f;
}

// Step 4, minute by minute: the minutes of the border slots with replies, and
// which two of them hold the split (the second is the first after it).
std::optional<std::pair<std::int64_t, std::int64_t>> borderMinutes(QSqlQuery &query, const SeriesKey &key,
                                                                   const AnalysisFilter &filter,
                                                                   const sql::CountSource &source,
                                                                   std::int64_t slotMinutes,
                                                                   std::int64_t beforeSlot,
                                                                   std::int64_t afterSlot, QString *error)
{
    std::vector<MinuteCounts> minutes;
    for (const std::int64_t slot : {beforeSlot, afterSlot}) {
        const AnalysisFilter f = seriesFilter(filter, key, slot * slotMinutes, (slot + 1) * slotMinutes);
        sql::Fragment statement{u"SELECT m.minute, SUM(m.temporary), SUM(m.permanent)"_s, {}};
        statement.append(sql::attemptMinutesFrom(f, source, {u"(m.temporary > 0 OR m.permanent > 0)"_s}));
        statement.append(u" GROUP BY m.minute ORDER BY m.minute"_s);
        if (!runQuery(query, statement, error))
            return std::nullopt;
        while (query.next())
            minutes.push_back({query.value(0).toLongLong(), query.value(1).toLongLong(), query.value(2).toLongLong()});
    }
    if (minutes.empty())
        return std::pair{beforeSlot * slotMinutes, afterSlot * slotMinutes};
    const std::size_t k = bestSplit(minutes, [](const MinuteCounts &m) { return m.temp; },
                                    [](const MinuteCounts &m) { return m.perm; });
    const std::int64_t first = minutes[k > 0 ? k - 1 : 0].minute;
    const std::int64_t second = minutes[k < minutes.size() ? k : minutes.size() - 1].minute;
    return std::pair{first, second};
}

// Step 4, reply by reply: the first 5xx after the best split of the events of
// the two border minutes.
std::optional<std::int64_t> refineMoment(QSqlQuery &query, const SeriesKey &key, const AnalysisFilter &filter,
                                         const sql::CountSource &source,
                                         std::pair<std::int64_t, std::int64_t> minutes, QString *error)
{
    struct Reply {
        std::int64_t timeMs;
        bool permanent;
    };
    std::vector<Reply> replies;
    for (const std::int64_t minute : {minutes.first, minutes.second}) {
        sql::Where where;
        where.add(u"e.time_ms >= ?"_s, {qint64(minute * sql::minuteMs)});
        where.add(u"e.time_ms < ?"_s, {qint64((minute + 1) * sql::minuteMs)});
        where.add(u"e.direction = ?"_s, {int(key.direction)});
        where.add(u"e.reason = ?"_s, {int(key.reason)});
        where.add(u"("_s + sql::temporaryCondition(u"e."_s) + u" OR "_s + sql::permanentCondition(u"e."_s) + u")"_s);
        sql::addTextTerms(where, filter.text, u"e."_s, source.textMatchesKept,
                          {minute * sql::minuteMs, (minute + 1) * sql::minuteMs});
        sql::Fragment statement{u"SELECT e.time_ms, CASE WHEN "_s + sql::permanentCondition(u"e."_s)
                                    + u" THEN 1 ELSE 0 END FROM event e"_s,
                                {}};
        statement.append(where.clause());
        statement.append(u" ORDER BY e.time_ms, e.id"_s);
        if (!runQuery(query, statement, error))
            return std::nullopt;
        while (query.next())
            replies.push_back({query.value(0).toLongLong(), query.value(1).toInt() == 1});
        if (minutes.first == minutes.second)
            break;
    }
    const std::size_t k = bestSplit(replies, [](const Reply &r) { return r.permanent ? 0 : 1; },
                                    [](const Reply &r) { return r.permanent ? 1 : 0; });
    for (std::size_t i = k; i < replies.size(); ++i) {
        if (replies[i].permanent)
            return replies[i].timeMs;
    }
    // Nothing to split (the counts and the events disagree, e.g. an import running
    // meanwhile): the start of the later minute.
    return minutes.second * sql::minuteMs;
}

// The 4xx and 5xx replies of a series in [fromMs, toMs), exactly: whole hours
// from attempt_hour, whole minutes from attempt_minute, the odd seconds at the
// ends from the events.
std::optional<MinuteCounts> countReplies(QSqlQuery &query, const SeriesKey &key, const AnalysisFilter &filter,
                                         const sql::CountSource &source, std::int64_t fromMs, std::int64_t toMs,
                                         QString *error)
{
    MinuteCounts total;
    if (fromMs >= toMs)
        return total;
    const auto addTables = [&](std::int64_t fromMinute, std::int64_t toMinute, bool byHour) {
        if (fromMinute >= toMinute)
            return true;
        sql::CountSource s = source;
        s.byHour = byHour;
        sql::Fragment statement{u"SELECT SUM(m.temporary), SUM(m.permanent)"_s, {}};
        statement.append(sql::attemptMinutesFrom(seriesFilter(filter, key, fromMinute, toMinute), s));
        if (!runQuery(query, statement, error))
            return false;
        if (query.next()) {
            total.temp += query.value(0).toLongLong();
            total.perm += query.value(1).toLongLong();
        }
        query.finish();
        return true;
    };
    const auto addEvents = [&](std::int64_t from, std::int64_t to) {
        if (from >= to)
            return true;
        sql::Where where;
        where.add(u"e.time_ms >= ?"_s, {qint64(from)});
        where.add(u"e.time_ms < ?"_s, {qint64(to)});
        where.add(u"e.direction = ?"_s, {int(key.direction)});
        where.add(u"e.reason = ?"_s, {int(key.reason)});
        sql::addTextTerms(where, filter.text, u"e."_s, source.textMatchesKept, {from, to});
        sql::Fragment statement{u"SELECT SUM(CASE WHEN "_s + sql::temporaryCondition(u"e."_s)
                                    + u" THEN 1 ELSE 0 END), SUM(CASE WHEN "_s + sql::permanentCondition(u"e."_s)
                                    + u" THEN 1 ELSE 0 END) FROM event e"_s,
                                {}};
        statement.append(where.clause());
        if (!runQuery(query, statement, error))
            return false;
        if (query.next()) {
            total.temp += query.value(0).toLongLong();
            total.perm += query.value(1).toLongLong();
        }
        query.finish();
        return true;
    };
    const std::int64_t firstMinute = sql::floorDiv(fromMs + sql::minuteMs - 1, sql::minuteMs);
    const std::int64_t endMinute = sql::floorDiv(toMs, sql::minuteMs);
    if (firstMinute >= endMinute)
        return addEvents(fromMs, toMs) ? std::optional{total} : std::nullopt;
    const std::int64_t firstHour = sql::floorDiv(firstMinute + 59, 60);
    const std::int64_t endHour = sql::floorDiv(endMinute, 60);
    const bool hours = source.tablesAreCurrent && filter.text.isEmpty() && firstHour < endHour;
    const bool ok = addEvents(fromMs, firstMinute * sql::minuteMs)
        && addEvents(endMinute * sql::minuteMs, toMs)
        && (hours ? addTables(firstMinute, firstHour * 60, false) && addTables(firstHour * 60, endHour * 60, true)
                    && addTables(endHour * 60, endMinute, false)
                  : addTables(firstMinute, endMinute, false));
    return ok ? std::optional{total} : std::nullopt;
}

} // namespace

std::optional<QList<SwitchPoint>> findSwitchPoints(Database &database, const AnalysisFilter &filter,
                                                   const SwitchOptions &options, QString *error)
{
    // The code class of the filter is ignored: a switch needs both classes.
    AnalysisFilter seriesOnly = filter;
    seriesOnly.codeClass.reset();
    sql::CountSource fine;
    fine.tablesAreCurrent = ensureAttemptMinutes(database);
    fine.needReason = true;
    fine.textMatchesKept = sql::textMatchesKept(database, filter.text);
    sql::CountSource coarse = fine;
    // attempt_hour when the range is whole hours (its slots then stay inside it).
    coarse.byHour = sql::wholeHours(seriesOnly, 60 * sql::minuteMs);
    const QStringList repliesOnly{u"(m.temporary > 0 OR m.permanent > 0)"_s};
    QSqlQuery query(database.connection());

    // The slot length, from the span of minutes the series cover.
    sql::Fragment span{u"SELECT MIN(m.minute), MAX(m.minute)"_s, {}};
    span.append(sql::attemptMinutesFrom(seriesOnly, coarse, repliesOnly));
    if (!runQuery(query, span, error) || !query.next())
        return std::nullopt;
    if (query.value(0).isNull())
        return QList<SwitchPoint>{};
    constexpr std::int64_t slotsWanted = 2000;
    const std::int64_t spanMinutes = query.value(1).toLongLong() - query.value(0).toLongLong() + 60;
    std::int64_t slotMinutes = std::max<std::int64_t>(1, (spanMinutes + slotsWanted - 1) / slotsWanted);
    if (slotMinutes > 1 && coarse.byHour)
        slotMinutes = (slotMinutes + 59) / 60 * 60;
    else
        coarse.byHour = false;

    sql::Fragment statement{u"SELECT m.direction, m.reason, m.minute / ? AS slot, SUM(m.temporary), SUM(m.permanent)"_s,
                            {qint64(slotMinutes)}};
    statement.append(sql::attemptMinutesFrom(seriesOnly, coarse, repliesOnly));
    statement.append(u" GROUP BY m.direction, m.reason, slot"_s);
    if (!runQuery(query, statement, error))
        return std::nullopt;
    // The series, keyed by (direction, reason); slots sorted below.
    std::map<std::pair<int, int>, std::vector<MinuteCounts>> series;
    while (query.next()) {
        series[{query.value(0).toInt(), query.value(1).toInt()}].push_back(
            MinuteCounts{query.value(2).toLongLong(), query.value(3).toLongLong(), query.value(4).toLongLong()});
    }
    query.finish();

    QList<SwitchPoint> points;
    const std::int64_t slotMs = slotMinutes * sql::minuteMs;
    for (auto &[keyValues, slotCounts] : series) {
        std::sort(slotCounts.begin(), slotCounts.end(),
                  [](const MinuteCounts &a, const MinuteCounts &b) { return a.minute < b.minute; });
        const SeriesKey key{Direction(keyValues.first), ReasonClass(keyValues.second)};
        const std::vector<Phase> phases = phasesOf(slotCounts, options.minimumEvents);
        for (std::size_t i = 0; i + 1 < phases.size(); ++i) {
            const Phase &before = phases[i];
            const Phase &after = phases[i + 1];
            if (!before.temporary || after.temporary)
                continue;
            // The phases' counts are by slot, and the slots at the border hold
            // replies of both sides: a loose first look, the rule is checked below
            // on the replies on each side of the moment.
            if (double(before.temp) < 0.5 * options.minimumShare * double(before.events())
                || double(after.perm) < 0.5 * options.minimumShare * double(after.events()))
                continue;
            const auto minutes = slotMinutes == 1
                ? std::optional{std::pair{before.lastMinute, after.firstMinute}}
                : borderMinutes(query, key, filter, fine, slotMinutes, before.lastMinute, after.firstMinute, error);
            if (!minutes)
                return std::nullopt;
            const auto moment = refineMoment(query, key, filter, fine, *minutes, error);
            if (!moment)
                return std::nullopt;
            std::int64_t phaseStart = before.firstMinute * slotMs;
            std::int64_t phaseEnd = (after.lastMinute + 1) * slotMs;
            if (filter.fromMs)
                phaseStart = std::max(phaseStart, *filter.fromMs);
            if (filter.toMs)
                phaseEnd = std::min(phaseEnd, *filter.toMs);
            const auto sideBefore = countReplies(query, key, filter, fine, phaseStart, *moment, error);
            const auto sideAfter = countReplies(query, key, filter, fine, *moment, phaseEnd, error);
            if (!sideBefore || !sideAfter)
                return std::nullopt;
            const double shareBefore = sideBefore->events() > 0 ? double(sideBefore->temp) / double(sideBefore->events()) : 0;
            const double shareAfter = sideAfter->events() > 0 ? double(sideAfter->perm) / double(sideAfter->events()) : 0;
            if (shareBefore < options.minimumShare || shareAfter < options.minimumShare
                || sideBefore->temp < options.minimumEvents || sideAfter->perm < options.minimumEvents)
                continue;
            SwitchPoint point;
            point.timeMs = *moment;
            point.direction = key.direction;
            point.reason = key.reason;
            point.temporaryBefore = sideBefore->temp;
            point.permanentAfter = sideAfter->perm;
            point.shareBefore = shareBefore;
            point.shareAfter = shareAfter;
            points << point;
        }
    }
    std::stable_sort(points.begin(), points.end(),
                     [](const SwitchPoint &a, const SwitchPoint &b) { return a.timeMs < b.timeMs; });
    return points;
}

} // namespace rejectscope
