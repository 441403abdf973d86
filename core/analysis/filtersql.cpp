#include "filtersql.h"

#include "store/database.h"
#include "store/sqlfunctions.h"
#include "store/textmatches.h"

#include <QSqlQuery>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace rejectscope::sql {

namespace {

int kindValue(EventKind kind)
{
    return int(kind);
}

int statusValue(DeliveryStatus status)
{
    return int(status);
}

// "(2, 5)": the statuses of a retried delivery, from the enum so that the SQL
// follows it.
QString temporaryStatuses()
{
    return u"(%1, %2)"_s.arg(statusValue(DeliveryStatus::Deferred))
        .arg(statusValue(DeliveryStatus::SoftBounce));
}

} // namespace

Fragment &Fragment::append(const QString &more, const QVariantList &moreValues)
{
    text += more;
    values += moreValues;
    return *this;
}

void Where::add(const QString &term, const QVariantList &values)
{
    m_terms << term;
    m_values += values;
}

Fragment Where::clause() const
{
    if (m_terms.isEmpty())
        return {};
    return {u" WHERE "_s + m_terms.join(u" AND "_s), m_values};
}

Fragment Where::andTerms() const
{
    if (m_terms.isEmpty())
        return {};
    return {u" AND "_s + m_terms.join(u" AND "_s), m_values};
}

void bind(QSqlQuery &query, const QVariantList &values)
{
    for (const QVariant &value : values)
        query.addBindValue(value);
}

QString attemptCondition(const QString &p)
{
    return u"(%1kind = %2 OR (%1kind = %3 AND %1status IN (%4, %5, %6, %7)))"_s.arg(p)
        .arg(kindValue(EventKind::Reject))
        .arg(kindValue(EventKind::Delivery))
        .arg(statusValue(DeliveryStatus::Sent))
        .arg(statusValue(DeliveryStatus::Deferred))
        .arg(statusValue(DeliveryStatus::Bounced))
        .arg(statusValue(DeliveryStatus::SoftBounce));
}

QString temporaryCondition(const QString &p)
{
    return u"((%1kind = %2 AND %1code_class = 4) OR (%1kind = %3 AND %1status IN %4))"_s.arg(p)
        .arg(kindValue(EventKind::Reject))
        .arg(kindValue(EventKind::Delivery))
        .arg(temporaryStatuses());
}

QString permanentCondition(const QString &p)
{
    return u"((%1kind = %2 AND %1code_class = 5) OR (%1kind = %3 AND %1status = %4))"_s.arg(p)
        .arg(kindValue(EventKind::Reject))
        .arg(kindValue(EventKind::Delivery))
        .arg(statusValue(DeliveryStatus::Bounced));
}

QString acceptedCondition(const QString &p)
{
    return u"(%1kind = %2 AND %1status = %3)"_s.arg(p)
        .arg(kindValue(EventKind::Delivery))
        .arg(statusValue(DeliveryStatus::Sent));
}

QString effectiveClassExpression(const QString &p)
{
    return u"(CASE WHEN %1 THEN 4 WHEN %2 THEN 5 WHEN %3 THEN 2 ELSE 0 END)"_s.arg(
        temporaryCondition(p), permanentCondition(p), acceptedCondition(p));
}

void addClassTerms(Where &where, const AnalysisFilter &filter, const QString &p)
{
    if (filter.direction)
        where.add(p + u"direction = ?"_s, {int(*filter.direction)});
    if (filter.reason)
        where.add(p + u"reason = ?"_s, {int(*filter.reason)});
    if (filter.codeClass)
        where.add(effectiveClassExpression(p) + u" = ?"_s, {*filter.codeClass});
}

void addEventTimeTerms(Where &where, const AnalysisFilter &filter, const QString &p)
{
    if (filter.fromMs)
        where.add(p + u"time_ms >= ?"_s, {qint64(*filter.fromMs)});
    if (filter.toMs)
        where.add(p + u"time_ms < ?"_s, {qint64(*filter.toMs)});
}

void addMinuteTimeTerms(Where &where, const AnalysisFilter &filter, const QString &p)
{
    if (filter.fromMs)
        where.add(p + u"minute >= ?"_s, {qint64(floorDiv(*filter.fromMs, minuteMs))});
    if (filter.toMs)
        where.add(p + u"minute < ?"_s, {qint64(floorDiv(*filter.toMs + minuteMs - 1, minuteMs))});
}

Fragment textCondition(const QString &text, const QString &p, bool matchesKept, const TimeBounds &bounds)
{
    if (matchesKept)
        return textIdsCondition(p + u"id"_s, text, bounds);
    // One call with every searched column, not a LIKE per column: see sqlfunctions.h.
    QString call = QString::fromLatin1(containsFunction) + u"(?"_s;
    for (const char *column : textmatches::searchedColumns)
        call += u", "_s + p + QString::fromLatin1(column);
    return Fragment{call + u") = 1"_s, {text}};
}

Fragment textIdsCondition(const QString &idColumn, const QString &text, const TimeBounds &bounds)
{
    const auto bound = [](const std::optional<std::int64_t> &ms) {
        return ms ? QVariant(qint64(*ms)) : QVariant(QMetaType::fromType<qint64>());
    };
    return Fragment{idColumn + u" IN "_s + QString::fromLatin1(textmatches::idsFunction) + u"(?, ?, ?)"_s,
                    {text, bound(bounds.fromMs), bound(bounds.toMs)}};
}

TimeBounds boundsOf(const AnalysisFilter &filter)
{
    return {filter.fromMs, filter.toMs};
}

bool textMatchesKept(sqlite3 *db, const QString &text)
{
    return db && !text.isEmpty() && textmatches::find(db, text) != nullptr;
}

bool textMatchesKept(Database &database, const QString &text)
{
    return textMatchesKept(database.nativeHandle(), text);
}

void addTextTerms(Where &where, const QString &text, const QString &p, bool matchesKept, const TimeBounds &bounds)
{
    if (text.isEmpty())
        return;
    const Fragment condition = textCondition(text, p, matchesKept, bounds);
    where.add(condition.text, condition.values);
}

void addTextTerms(Where &where, Database &database, const QString &text, const QString &p, const TimeBounds &bounds)
{
    addTextTerms(where, text, p, textMatchesKept(database, text), bounds);
}

EventClass classOf(int kind, int status, int codeClass)
{
    const bool reject = kind == kindValue(EventKind::Reject);
    const bool delivery = kind == kindValue(EventKind::Delivery);
    const bool sent = status == statusValue(DeliveryStatus::Sent);
    const bool deferred = status == statusValue(DeliveryStatus::Deferred)
        || status == statusValue(DeliveryStatus::SoftBounce);
    const bool bounced = status == statusValue(DeliveryStatus::Bounced);
    EventClass result;
    result.attempt = reject || (delivery && (sent || deferred || bounced));
    result.temporary = (reject && codeClass == 4) || (delivery && deferred);
    result.permanent = (reject && codeClass == 5) || (delivery && bounced);
    result.accepted = delivery && sent;
    return result;
}

std::span<const TextMatch> withinRange(const TextMatchList &matches, const AnalysisFilter &filter)
{
    const auto before = [](const TextMatch &m, std::int64_t t) { return m.timeMs < t; };
    const auto first = filter.fromMs ? std::lower_bound(matches.begin(), matches.end(), *filter.fromMs, before)
                                     : matches.begin();
    const auto last = filter.toMs ? std::lower_bound(first, matches.end(), *filter.toMs, before) : matches.end();
    return {first, last};
}

bool classTermsHold(const TextMatch &match, const AnalysisFilter &filter, bool withClass)
{
    if ((filter.direction && match.direction != int(*filter.direction))
        || (filter.reason && match.reason != int(*filter.reason)))
        return false;
    if (!withClass || !filter.codeClass)
        return true;
    // effectiveClassExpression's order: 4, then 5, then 2, else 0.
    const EventClass c = classOf(match.kind, match.status, match.codeClass);
    const int effective = c.temporary ? 4 : c.permanent ? 5 : c.accepted ? 2 : 0;
    return effective == *filter.codeClass;
}

bool wholeHours(const AnalysisFilter &filter, std::int64_t bucketMs)
{
    constexpr std::int64_t hourMs = 60 * minuteMs;
    return bucketMs % hourMs == 0 && (!filter.fromMs || *filter.fromMs % hourMs == 0)
        && (!filter.toMs || *filter.toMs % hourMs == 0);
}

Fragment attemptMinutesFrom(const AnalysisFilter &filter, const CountSource &source, const QStringList &extraTerms)
{
    Fragment from{u" FROM "_s, {}};
    Where outer;
    if (!filter.text.isEmpty()) {
        Where inner;
        inner.add(attemptCondition(u"e."_s));
        addEventTimeTerms(inner, filter, u"e."_s);
        if (filter.direction)
            inner.add(u"e.direction = ?"_s, {int(*filter.direction)});
        if (filter.reason)
            inner.add(u"e.reason = ?"_s, {int(*filter.reason)});
        addTextTerms(inner, filter.text, u"e."_s, source.textMatchesKept, boundsOf(filter));
        from.append(u"(SELECT e.time_ms / 60000 AS minute, e.direction, e.reason,"
                    " CASE WHEN "_s + temporaryCondition(u"e."_s) + u" THEN 1 ELSE 0 END AS temporary,"
                    " CASE WHEN "_s + permanentCondition(u"e."_s) + u" THEN 1 ELSE 0 END AS permanent,"
                    " CASE WHEN "_s + acceptedCondition(u"e."_s) + u" THEN 1 ELSE 0 END AS accepted"
                    " FROM event e"_s);
        from.append(inner.clause());
        from.append(u") m"_s);
    } else if (source.tablesAreCurrent) {
        if (source.byHour)
            from.append(u"attempt_hour m"_s);
        else if (!source.needReason && !filter.reason)
            from.append(u"attempt_minute_total m"_s);
        else
            from.append(u"attempt_minute m"_s);
        addMinuteTimeTerms(outer, filter, u"m."_s);
        if (filter.direction)
            outer.add(u"m.direction = ?"_s, {int(*filter.direction)});
        if (filter.reason)
            outer.add(u"m.reason = ?"_s, {int(*filter.reason)});
    } else {
        // attempt_minute's own recipe (attemptminutes.cpp), on the filter's rows only.
        Where inner;
        inner.add(attemptCondition(u"c."_s));
        addMinuteTimeTerms(inner, filter, u"c."_s);
        if (filter.direction)
            inner.add(u"c.direction = ?"_s, {int(*filter.direction)});
        if (filter.reason)
            inner.add(u"c.reason = ?"_s, {int(*filter.reason)});
        from.append(u"(SELECT c.minute, c.direction, c.reason, "_s + attemptSums(u"c."_s)
                    + u" FROM minute_count c"_s);
        from.append(inner.clause());
        from.append(u" GROUP BY c.minute, c.direction, c.reason) m"_s);
    }
    for (const QString &term : extraTerms)
        outer.add(term);
    from.append(outer.clause());
    return from;
}

QString attemptSums(const QString &p)
{
    return u"SUM(CASE WHEN "_s + temporaryCondition(p) + u" THEN "_s + p
        + u"events ELSE 0 END) AS temporary, SUM(CASE WHEN "_s + permanentCondition(p) + u" THEN "_s + p
        + u"events ELSE 0 END) AS permanent, SUM(CASE WHEN "_s + acceptedCondition(p) + u" THEN "_s + p
        + u"events ELSE 0 END) AS accepted"_s;
}

QString classColumn(const AnalysisFilter &filter, int codeClass)
{
    if (filter.codeClass && *filter.codeClass != codeClass)
        return u"0"_s;
    switch (codeClass) {
    case 4:
        return u"m.temporary"_s;
    case 5:
        return u"m.permanent"_s;
    case 2:
        return u"m.accepted"_s;
    }
    return u"0"_s;
}

} // namespace rejectscope::sql
