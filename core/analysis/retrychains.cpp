// Reading retry_chain: the storms list and totals. Building it is in
// retrychainbuild.cpp.

#include "retrychains.h"

#include "filtersql.h"
#include "keptchains.h"
#include "store/database.h"
#include "store/textmatches.h"

#include <QCoreApplication>
#include <QHash>
#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>
#include <array>

using namespace Qt::StringLiterals;

namespace rejectscope {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(RetryChains)
};

// The longest chain's duration, from the build record: a chain that overlaps a
// time range [from, to) started at or after from - longest, which turns the
// overlap test into a range on the indexed first_ms. Nothing built yet: 0.
std::optional<std::int64_t> longestChainMs(QSqlQuery &query)
{
    if (!query.exec(u"SELECT longest_ms FROM retry_chain_build WHERE id = 1"_s))
        return std::nullopt;
    const std::int64_t longest = query.next() ? query.value(0).toLongLong() : 0;
    query.finish();
    return longest;
}

// A chain longer than this is "long" (retry_chain_long): a time range [from, to)
// overlaps the other chains only if they start in [from - longChainMs, to).
constexpr std::int64_t longChainMs = 86400000;

// How a time range selects chains (a chain is in a range when it overlaps it).
enum class TimeTerms {
    NotForIndex, // as plain conditions: the storms list walks another index
    Range,       // first_ms >= from - longest: retry_chain_time serves the range
    ShortChains, // chains of at most a day (with LongChains: two lookups that add up)
    LongChains,
    SingleAttempts, // chains of one attempt, which start and end at once
};

// The filter as terms on retry_chain (alias c) and, for free text, on the chain's
// first event (alias e). A chain is selected by a code class when it has such
// attempts (2: it ended accepted).
void addChainTerms(sql::Where &where, const AnalysisFilter &filter, TimeTerms time, std::int64_t longestMs)
{
    // The unary plus keeps SQLite from choosing retry_chain_time for a range when
    // it should walk the attempts or duration index; PostgreSQL reads it as a no-op.
    const QString plus = time == TimeTerms::NotForIndex ? u"+"_s : QString();
    if (filter.fromMs)
        where.add(plus + u"c.last_ms >= ?"_s, {qint64(*filter.fromMs)});
    if (filter.toMs)
        where.add(plus + u"c.first_ms < ?"_s, {qint64(*filter.toMs)});
    if (time == TimeTerms::ShortChains) {
        where.add(u"c.last_ms - c.first_ms <= 86400000"_s);
        if (filter.fromMs)
            where.add(u"c.first_ms >= ?"_s, {qint64(*filter.fromMs - longChainMs)});
    } else if (time == TimeTerms::LongChains) {
        where.add(u"c.last_ms - c.first_ms > 86400000"_s); // the condition of retry_chain_long
    } else if (time == TimeTerms::SingleAttempts) {
        where.add(u"c.attempts = 1"_s);
        if (filter.fromMs)
            where.add(u"c.first_ms >= ?"_s, {qint64(*filter.fromMs)});
    } else if (time == TimeTerms::Range && filter.fromMs) {
        where.add(u"c.first_ms >= ?"_s, {qint64(*filter.fromMs - longestMs)});
    }
    if (filter.direction)
        where.add(u"c.direction = ?"_s, {int(*filter.direction)});
    if (filter.reason)
        where.add(u"c.reason = ?"_s, {int(*filter.reason)});
    if (filter.codeClass) {
        switch (*filter.codeClass) {
        case 2:
            where.add(u"c.outcome = ?"_s, {int(ChainOutcome::Accepted)});
            break;
        case 4:
            where.add(u"c.temporary_attempts > 0"_s);
            break;
        case 5:
            where.add(u"c.permanent_attempts > 0"_s);
            break;
        default:
            where.add(u"1 = 0"_s);
            break;
        }
    }
    sql::addTextTerms(where, filter.text, u"e."_s);
}

// Chains and attempts of the filter's direction, reason and code class in the
// whole log, from the sums the build keeps per direction, reason, outcome and
// kind of attempts.
sql::Fragment wholeLogTotals(const AnalysisFilter &filter)
{
    sql::Where where;
    if (filter.direction)
        where.add(u"direction = ?"_s, {int(*filter.direction)});
    if (filter.reason)
        where.add(u"reason = ?"_s, {int(*filter.reason)});
    if (filter.codeClass) {
        if (*filter.codeClass == 2)
            where.add(u"outcome = ?"_s, {int(ChainOutcome::Accepted)});
        else if (*filter.codeClass == 4)
            where.add(u"has_temporary = 1"_s);
        else if (*filter.codeClass == 5)
            where.add(u"has_permanent = 1"_s);
        else
            where.add(u"1 = 0"_s);
    }
    sql::Fragment statement{u"SELECT COALESCE(SUM(chains), 0), COALESCE(SUM(attempts), 0) FROM retry_chain_total"_s,
                            {}};
    statement.append(where.clause());
    return statement;
}

// A range at most this long finds its chains with retries from the time indexes
// (those that start within a day before it, and the long ones) and sorts them:
// the storms indexes of the whole log, walked until enough chains match, would
// read most of themselves for a filter that selects few.
constexpr std::int64_t shortRangeMs = 7 * 86400000LL;

// The columns chainFrom() reads, of a chain and its first event.
constexpr const char *chainSelect =
    "SELECT c.id, c.retry_key, c.direction, c.reason, c.first_ms, c.last_ms, c.attempts,"
    " c.temporary_attempts, c.permanent_attempts, c.median_interval_ms, c.outcome,"
    " e.client_ip, e.client_name, e.sender, e.recipient, e.queue_id, e.reply"
    " FROM retry_chain c JOIN event e ON e.id = c.first_event_id";

RetryChain chainFrom(const QSqlQuery &query)
{
    RetryChain chain;
    chain.id = query.value(0).toLongLong();
    chain.retryKey = query.value(1).toLongLong();
    chain.direction = Direction(query.value(2).toInt());
    chain.reason = ReasonClass(query.value(3).toInt());
    chain.firstMs = query.value(4).toLongLong();
    chain.lastMs = query.value(5).toLongLong();
    chain.attempts = query.value(6).toInt();
    chain.temporaryAttempts = query.value(7).toInt();
    chain.permanentAttempts = query.value(8).toInt();
    chain.medianIntervalMs = query.value(9).toLongLong();
    chain.outcome = ChainOutcome(query.value(10).toInt());
    chain.clientIp = query.value(11).toString();
    chain.clientName = query.value(12).toString();
    chain.sender = query.value(13).toString();
    chain.recipient = query.value(14).toString();
    chain.queueId = query.value(15).toString();
    chain.reply = query.value(16).toString();
    return chain;
}

QString orderBy(StormQuery::Order order)
{
    // Each order is that of an index (retry_chain_attempts and _duration walked
    // backwards, retry_chain_time forwards), so the first rows come without a sort.
    switch (order) {
    case StormQuery::Order::Attempts:
    case StormQuery::Order::Retries:
        return u" ORDER BY c.attempts DESC, c.first_ms DESC"_s;
    case StormQuery::Order::Duration:
        return u" ORDER BY c.last_ms - c.first_ms DESC, c.attempts DESC, c.first_ms DESC"_s;
    case StormQuery::Order::FirstSeen:
        return u" ORDER BY c.first_ms, c.last_ms"_s;
    }
    return {};
}

// The key of the storms index an order walks backwards (retry_chain_attempts or
// retry_chain_duration, then the row id): chains found another way are sorted by
// it into the same order.
std::array<std::int64_t, 6> indexKey(StormQuery::Order order, const RetryChain &c)
{
    if (order == StormQuery::Order::Duration)
        return {c.lastMs - c.firstMs, c.attempts, c.firstMs, int(c.direction), int(c.reason), c.id};
    return {c.attempts, c.firstMs, c.lastMs, int(c.direction), int(c.reason), c.id};
}

// The same order in SQL. The unary plus keeps SQLite from walking a storms index
// for it: the part's time range is the short walk.
QString indexOrderBy(StormQuery::Order order)
{
    if (order == StormQuery::Order::Duration)
        return u" ORDER BY +(c.last_ms - c.first_ms) DESC, c.attempts DESC, c.first_ms DESC, c.direction DESC,"
               " c.reason DESC, c.id DESC"_s;
    return u" ORDER BY +c.attempts DESC, c.first_ms DESC, c.last_ms DESC, c.direction DESC, c.reason DESC,"
           " c.id DESC"_s;
}

// Whether any chain of the filter's direction, reason and code class in the
// whole log has a retry: if none has, the storms indexes need no walk.
std::optional<bool> anyRetries(QSqlQuery &query, const AnalysisFilter &filter)
{
    if (!filter.text.isEmpty() || (!filter.direction && !filter.reason && !filter.codeClass))
        return true;
    const sql::Fragment statement = wholeLogTotals(filter);
    if (!query.prepare(statement.text))
        return std::nullopt;
    sql::bind(query, statement.values);
    if (!query.exec() || !query.next())
        return std::nullopt;
    const bool any = query.value(1).toLongLong() > query.value(0).toLongLong();
    query.finish();
    return any;
}

// The chains with retries of a short range, as far as the request's page (id,
// attempts, times, direction and reason only): those of at most a day that
// start within a day before it (retry_chain_storm_time) and the long ones
// (retry_chain_long), each part sorted as the storms index orders them, merged.
std::optional<QList<RetryChain>> stormKeysInRange(QSqlQuery &query, const StormQuery &request)
{
    const AnalysisFilter &filter = request.filter;
    QList<RetryChain> keys;
    for (const TimeTerms part : {TimeTerms::ShortChains, TimeTerms::LongChains}) {
        sql::Where where;
        if (part == TimeTerms::ShortChains)
            where.add(u"c.attempts >= 2"_s); // a chain longer than a day has retries
        addChainTerms(where, filter, part, 0);
        sql::Fragment statement{u"SELECT c.id, c.attempts, c.first_ms, c.last_ms, c.direction, c.reason"
                                " FROM retry_chain c"_s,
                                {}};
        if (!filter.text.isEmpty())
            statement.append(u" JOIN event e ON e.id = c.first_event_id"_s);
        statement.append(where.clause());
        statement.append(indexOrderBy(request.order));
        statement.append(u" LIMIT ?"_s, {request.offset + request.limit});
        if (!query.prepare(statement.text))
            return std::nullopt;
        sql::bind(query, statement.values);
        if (!query.exec())
            return std::nullopt;
        while (query.next()) {
            RetryChain &key = keys.emplace_back();
            key.id = query.value(0).toLongLong();
            key.attempts = query.value(1).toInt();
            key.firstMs = query.value(2).toLongLong();
            key.lastMs = query.value(3).toLongLong();
            key.direction = Direction(query.value(4).toInt());
            key.reason = ReasonClass(query.value(5).toInt());
        }
    }
    std::sort(keys.begin(), keys.end(), [&](const RetryChain &a, const RetryChain &b) {
        return indexKey(request.order, a) > indexKey(request.order, b);
    });
    return keys.mid(qMin<qsizetype>(request.offset, keys.size()), request.limit);
}

} // namespace

// The page of a search whose chains are kept: chosen and sorted in memory, then
// read by id with their first events. `stale`: the rows read are not the chains
// kept (the chains were rebuilt in between).
std::optional<QList<RetryChain>> RetryChains::keptStorms(const KeptChainList &kept, const StormQuery &request,
                                                         bool *stale)
{
    const std::vector<std::int64_t> page = keptchains::stormPage(kept, request);
    if (page.empty())
        return QList<RetryChain>();
    QStringList placeholders;
    QVariantList ids;
    for (const std::int64_t id : page) {
        placeholders << u"?"_s;
        ids << qint64(id);
    }
    QSqlQuery query(m_database.connection());
    query.setForwardOnly(true);
    if (!query.prepare(QString::fromLatin1(chainSelect) + u" WHERE c.id IN ("_s
                       + placeholders.join(u", "_s) + u")"_s)) {
        m_error = Tr::tr("cannot read the retry chains: %1").arg(query.lastError().text());
        return std::nullopt;
    }
    sql::bind(query, ids);
    if (!query.exec()) {
        m_error = Tr::tr("cannot read the retry chains: %1").arg(query.lastError().text());
        return std::nullopt;
    }
    QHash<std::int64_t, RetryChain> byId;
    while (query.next()) {
        RetryChain chain = chainFrom(query);
        byId.insert(chain.id, std::move(chain));
    }
    QList<RetryChain> chains;
    chains.reserve(qsizetype(page.size()));
    for (const std::int64_t id : page) {
        const auto found = byId.constFind(id);
        const auto keptChain = std::lower_bound(kept.begin(), kept.end(), id,
                                                [](const KeptChain &c, std::int64_t i) { return c.id < i; });
        // A rebuild committed since the kept chains were checked: ids name other chains.
        if (found == byId.cend() || found->firstMs != keptChain->firstMs || found->lastMs != keptChain->lastMs
            || found->attempts != keptChain->attempts) {
            *stale = true;
            return chains;
        }
        chains << *found;
    }
    return chains;
}

std::optional<QList<RetryChain>> RetryChains::storms(const StormQuery &request)
{
    if (!request.filter.text.isEmpty()) {
        if (const auto kept = textmatches::findChains(m_database.nativeHandle(), request.filter.text)) {
            bool stale = false;
            auto page = keptStorms(*kept, request, &stale);
            if (!stale)
                return page;
            // Scanned below, as a text whose matches are not kept.
        }
    }
    QSqlQuery query(m_database.connection());
    query.setForwardOnly(true);
    const auto longest = longestChainMs(query);
    if (!longest) {
        m_error = Tr::tr("cannot read the retry chains: %1").arg(query.lastError().text());
        return std::nullopt;
    }
    const auto fail = [&]() -> std::optional<QList<RetryChain>> {
        m_error = Tr::tr("cannot read the retry chains: %1").arg(query.lastError().text());
        return std::nullopt;
    };
    // Runs one SELECT of chains and appends what it finds.
    QList<RetryChain> chains;
    const auto select = [&](const sql::Where &where, const QString &order, int limit, int offset) {
        sql::Fragment statement{QString::fromLatin1(chainSelect), {}};
        statement.append(where.clause());
        statement.append(order);
        statement.append(u" LIMIT ? OFFSET ?"_s, {qMax(0, limit), qMax(0, offset)});
        if (!query.prepare(statement.text))
            return false;
        sql::bind(query, statement.values);
        if (!query.exec())
            return false;
        while (query.next())
            chains << chainFrom(query);
        return true;
    };

    if (request.order == StormQuery::Order::FirstSeen) {
        sql::Where where;
        if (request.onlyWithRetries)
            where.add(u"c.attempts >= 2"_s);
        addChainTerms(where, request.filter, TimeTerms::Range, *longest);
        if (!select(where, orderBy(request.order), request.limit, request.offset))
            return fail();
        return chains;
    }

    // By attempts or duration: first the chains with retries, from the partial
    // indexes ("c.attempts >= 2" literally, their condition)...
    sql::Where withRetries;
    withRetries.add(u"c.attempts >= 2"_s);
    addChainTerms(withRetries, request.filter, TimeTerms::NotForIndex, *longest);
    const AnalysisFilter &filter = request.filter;
    // A short range: its chains with retries from the time indexes, then those
    // kept read with their first events.
    const auto selectShortRange = [&] {
        auto keys = stormKeysInRange(query, request);
        if (!keys)
            return false;
        if (keys->isEmpty())
            return true;
        QStringList placeholders;
        QVariantList ids;
        for (const RetryChain &key : std::as_const(*keys)) {
            placeholders << u"?"_s;
            ids << qint64(key.id);
        }
        sql::Where kept;
        kept.add(u"c.id IN ("_s + placeholders.join(u", "_s) + u")"_s, ids);
        if (!select(kept, QString(), request.limit, 0))
            return false;
        std::sort(chains.begin(), chains.end(), [&](const RetryChain &a, const RetryChain &b) {
            return indexKey(request.order, a) > indexKey(request.order, b);
        });
        return true;
    };
    const auto retries = anyRetries(query, filter);
    if (!retries)
        return fail();
    if (*retries) {
        const bool shortRange = filter.fromMs && filter.toMs && *filter.toMs - *filter.fromMs <= shortRangeMs;
        if (!(shortRange ? selectShortRange()
                         : select(withRetries, orderBy(request.order), request.limit, request.offset)))
            return fail();
    }
    if (request.onlyWithRetries || chains.size() >= request.limit)
        return chains;

    // ...then the chains of one attempt, which come after them in either order
    // (fewest attempts, no duration), newest first like ties above.
    qint64 skip = 0;
    if (request.offset > 0) {
        // How many chains with retries the offset already passed.
        sql::Fragment count{u"SELECT COUNT(*) FROM retry_chain c"_s, {}};
        if (!request.filter.text.isEmpty())
            count.append(u" JOIN event e ON e.id = c.first_event_id"_s);
        count.append(withRetries.clause());
        if (!query.prepare(count.text))
            return fail();
        sql::bind(query, count.values);
        if (!query.exec() || !query.next())
            return fail();
        skip = qMax<qint64>(0, request.offset - query.value(0).toLongLong());
        query.finish();
    }
    sql::Where single;
    single.add(u"c.attempts = 1"_s);
    addChainTerms(single, request.filter, TimeTerms::Range, *longest);
    if (!select(single, u" ORDER BY c.first_ms DESC, c.last_ms DESC"_s, request.limit - int(chains.size()),
                int(skip)))
        return fail();
    return chains;
}

std::optional<RetryChains::Totals> RetryChains::totals(const AnalysisFilter &filter)
{
    // A search whose chains are kept: summed in memory.
    if (const auto kept = filter.text.isEmpty()
            ? nullptr
            : textmatches::findChains(m_database.nativeHandle(), filter.text)) {
        return keptchains::totals(*kept, filter);
    }
    QSqlQuery query(m_database.connection());
    query.setForwardOnly(true);
    Totals totals;
    const auto run = [&](const sql::Fragment &statement) {
        if (!query.prepare(statement.text)) {
            m_error = Tr::tr("cannot read the retry chains: %1").arg(query.lastError().text());
            return false;
        }
        sql::bind(query, statement.values);
        if (!query.exec() || !query.next()) {
            m_error = Tr::tr("cannot read the retry chains: %1").arg(query.lastError().text());
            return false;
        }
        totals.chains += query.value(0).toLongLong();
        totals.attempts += query.value(1).toLongLong();
        query.finish();
        return true;
    };

    if (!filter.fromMs && !filter.toMs && filter.text.isEmpty()) {
        if (!run(wholeLogTotals(filter)))
            return std::nullopt;
    } else {
        // The chains of one attempt in the range (most chains; retry_chain_time),
        // those with retries of at most a day that start within a day before it
        // (retry_chain_storm_time), and the few long ones: together every chain
        // that overlaps the range, each once.
        for (const TimeTerms part : {TimeTerms::SingleAttempts, TimeTerms::ShortChains, TimeTerms::LongChains}) {
            sql::Where where;
            if (part == TimeTerms::ShortChains)
                where.add(u"c.attempts >= 2"_s);
            addChainTerms(where, filter, part, 0);
            sql::Fragment statement{u"SELECT COUNT(*), COALESCE(SUM(c.attempts), 0) FROM retry_chain c"_s, {}};
            // The event is joined for free text only: without it the totals come from an index.
            if (!filter.text.isEmpty())
                statement.append(u" JOIN event e ON e.id = c.first_event_id"_s);
            statement.append(where.clause());
            if (!run(statement))
                return std::nullopt;
        }
    }
    totals.retries = totals.attempts - totals.chains;
    totals.amplification = totals.chains > 0 ? double(totals.attempts) / double(totals.chains) : 0.0;
    return totals;
}

QString chainOutcomeName(ChainOutcome outcome)
{
    switch (outcome) {
    case ChainOutcome::Accepted:
        return u"accepted"_s;
    case ChainOutcome::RejectedForGood:
        return u"rejected-for-good"_s;
    case ChainOutcome::Expired:
        return u"expired"_s;
    case ChainOutcome::StillRetrying:
        return u"still-retrying"_s;
    case ChainOutcome::GaveUp:
        return u"gave-up"_s;
    }
    return u"unknown"_s;
}

} // namespace rejectscope
