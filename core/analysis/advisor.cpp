#include "analysis/advisor.h"

#include "analysis/advicecache.h"
#include "analysis/advisorquery.h"
#include "analysis/postfixparameters.h"
#include "analysis/softbounce.h"
#include "store/database.h"

#include <algorithm>
#include <tuple>

using namespace Qt::StringLiterals;

// The advisor's rules (DESIGN.md, "advisor"):
//
// - TemporaryForPermanent: inbound 4xx refusals of a class that a reply-code
//   parameter governs (postfixparameters.cpp), one finding per class and logged
//   code — a relay denial at 450 (relay_domains_reject_code = 450) and at 454
//   (defer_unauth_destination) have different causes. The refusals soft_bounce
//   explains (softbounce.h) are left out of it.
// - SoftBounceReceiving: the refusals of softbounce.h's runs, one finding per host.
// - SoftBounceSending: status=SOFTBOUNCE deliveries, one finding per host.
// - SkipFiveXxGreeting: deliveries deferred with a 521 or 556 reply (RFC 7504, "does
//   not accept mail"): Postfix only defers a 5xx when it came as the greeting and
//   smtp_skip_5xx_greeting = yes; one finding per host.
// - Deliberate: 4xx refusals (inbound) and deferrals (outbound) by greylisting or rate
//   limits, one finding per direction and class. Never a suggestion, retriesSaved 0:
//   the retries are the point.
// - Backscatter: inbound refusals of null-sender mail (from=<>) to unknown users, 4xx
//   or 5xx. A view across the class findings: its 4xx refusals are also counted in
//   the TemporaryForPermanent finding of their class, whose change ends them too.
//
// retriesSaved = attempts − distinct retry keys: with a permanent answer each key
// would have been refused (or bounced) once. An event without a key counts as its
// own key. Findings are sorted by retriesSaved, then events, biggest first.

namespace rejectscope {

namespace {

using advisorquery::Interval;
using advisorquery::Stats;
using advisorquery::Where;

bool wants(const AnalysisFilter &filter, Direction direction)
{
    return !filter.direction || *filter.direction == direction;
}

Where inboundRejects(const AnalysisFilter &filter)
{
    Where where;
    where.add(u"direction = ?"_s, {int(Direction::Inbound)});
    where.add(u"kind = ?"_s, {int(EventKind::Reject)});
    advisorquery::addFilter(where, filter, advisorquery::Everything);
    return where;
}

Where outboundDeliveries(const AnalysisFilter &filter, DeliveryStatus status)
{
    Where where;
    where.add(u"direction = ?"_s, {int(Direction::Outbound)});
    where.add(u"kind = ?"_s, {int(EventKind::Delivery)});
    where.add(u"status = ?"_s, {int(status)});
    advisorquery::addFilter(where, filter, advisorquery::Everything);
    return where;
}

Finding fromStats(Finding::Kind kind, Direction direction, const Stats &stats)
{
    Finding f;
    f.kind = kind;
    f.direction = direction;
    f.events = stats.events;
    f.distinctSenders = stats.senders;
    f.distinctClients = stats.clients;
    f.retriesSaved = stats.events - stats.keys;
    f.firstMs = stats.firstMs;
    f.lastMs = stats.lastMs;
    return f;
}

class Advisor
{
public:
    Advisor(Database &database, const AnalysisFilter &filter, QString *error)
        : m_database(database), m_filter(filter), m_error(error)
    {
    }

    bool run(QList<Finding> &findings);

private:
    bool temporaryForPermanent(const QList<Interval> &softBounceRuns);
    bool softBounceReceiving(const QList<Interval> &softBounceRuns);
    bool perHost(Finding::Kind kind, const Where &where, const QString &parameter,
                 const QString &current, const QString &suggested, const QString &postfixDefault);
    bool skipFiveXxGreeting();
    bool deliberate(Direction direction);
    bool backscatter();

    bool addExample(Finding &finding, const Where &where);
    bool setMostFrequentReason(Finding &finding, const Where &where);
    std::optional<QString> mostFrequentCode(const Where &where, const QString &fallback);

    Database &m_database;
    const AnalysisFilter &m_filter;
    QString *m_error;
    QList<Finding> m_findings;
};

bool Advisor::run(QList<Finding> &findings)
{
    if (wants(m_filter, Direction::Inbound)) {
        const auto softBounceRuns = findSoftBounceRuns(m_database, m_filter, SoftBounceOptions(), m_error);
        if (!softBounceRuns || !temporaryForPermanent(*softBounceRuns)
            || !softBounceReceiving(*softBounceRuns) || !deliberate(Direction::Inbound) || !backscatter())
            return false;
    }
    if (wants(m_filter, Direction::Outbound)) {
        const Where softBounced = outboundDeliveries(m_filter, DeliveryStatus::SoftBounce);
        if (!perHost(Finding::Kind::SoftBounceSending, softBounced, u"soft_bounce"_s, u"yes"_s,
                     u"no"_s, u"no"_s)
            || !skipFiveXxGreeting() || !deliberate(Direction::Outbound))
            return false;
    }
    std::stable_sort(m_findings.begin(), m_findings.end(), [](const Finding &a, const Finding &b) {
        return std::tuple(-a.retriesSaved, -a.events, int(a.kind), int(a.direction), int(a.reason),
                          a.currentValue)
            < std::tuple(-b.retriesSaved, -b.events, int(b.kind), int(b.direction), int(b.reason),
                         b.currentValue);
    });
    findings = m_findings;
    return true;
}

bool Advisor::temporaryForPermanent(const QList<Interval> &softBounceRuns)
{
    Where where = inboundRejects(m_filter);
    where.add(u"code_class = 4"_s);
    advisorquery::addReasonIn(where, parameterReasons());
    advisorquery::addIntervals(where, softBounceRuns, false);
    const auto groups = advisorquery::aggregate(m_database, where, {u"reason"_s, u"code"_s},
                                                u"client_ip"_s, m_error);
    if (!groups)
        return false;
    for (const Stats &stats : *groups) {
        const auto reason = ReasonClass(stats.group.at(0).toInt());
        const int code = stats.group.at(1).toInt();
        const auto parameter = reasonParameter(reason);
        if (!parameter)
            continue;
        Finding f = fromStats(Finding::Kind::TemporaryForPermanent, Direction::Inbound, stats);
        f.reason = reason;
        f.parameter = parameter->parameter;
        // A milter may log only "4.7.1": no three-digit code to show.
        f.currentValue = code > 0 ? QString::number(code) : u"4xx"_s;
        f.suggestedValue = parameter->suggestedValue;
        f.postfixDefault = parameter->postfixDefault;
        Where one = where;
        one.add(u"reason = ?"_s, {int(reason)}).add(u"code = ?"_s, {code});
        if (!addExample(f, one))
            return false;
        m_findings << f;
    }
    return true;
}

bool Advisor::softBounceReceiving(const QList<Interval> &softBounceRuns)
{
    if (softBounceRuns.isEmpty())
        return true;
    Where where = inboundRejects(m_filter);
    where.add(u"code_class = 4"_s);
    advisorquery::addIntervals(where, softBounceRuns, true);
    return perHost(Finding::Kind::SoftBounceReceiving, where, u"soft_bounce"_s, u"yes"_s, u"no"_s,
                   u"no"_s);
}

// One finding per host for a setting of the host's own main.cf.
bool Advisor::perHost(Finding::Kind kind, const Where &where, const QString &parameter,
                      const QString &current, const QString &suggested, const QString &postfixDefault)
{
    const Direction direction =
        kind == Finding::Kind::SoftBounceReceiving ? Direction::Inbound : Direction::Outbound;
    const auto hosts = advisorquery::aggregate(m_database, where, {u"host_id"_s},
                                               direction == Direction::Inbound ? u"client_ip"_s
                                                                                : u"relay"_s,
                                               m_error);
    if (!hosts)
        return false;
    for (const Stats &stats : *hosts) {
        Finding f = fromStats(kind, direction, stats);
        f.parameter = parameter;
        f.currentValue = current;
        f.suggestedValue = suggested;
        f.postfixDefault = postfixDefault;
        Where one = where;
        one.add(u"host_id = ?"_s, {stats.group.at(0)});
        if (!setMostFrequentReason(f, one) || !addExample(f, one))
            return false;
        m_findings << f;
    }
    return true;
}

bool Advisor::skipFiveXxGreeting()
{
    Where where = outboundDeliveries(m_filter, DeliveryStatus::Deferred);
    where.add(u"code IN (521, 556)"_s);
    return perHost(Finding::Kind::SkipFiveXxGreeting, where, u"smtp_skip_5xx_greeting"_s, u"yes"_s,
                   u"no"_s, u"yes"_s);
}

bool Advisor::deliberate(Direction direction)
{
    Where where = direction == Direction::Inbound
        ? inboundRejects(m_filter)
        : outboundDeliveries(m_filter, DeliveryStatus::Deferred);
    where.add(u"code_class = 4"_s);
    advisorquery::addReasonIn(where, {ReasonClass::Greylisted, ReasonClass::RateLimited});
    const auto groups = advisorquery::aggregate(m_database, where, {u"reason"_s},
                                                direction == Direction::Inbound ? u"client_ip"_s
                                                                                : u"relay"_s,
                                                m_error);
    if (!groups)
        return false;
    for (const Stats &stats : *groups) {
        Finding f = fromStats(Finding::Kind::Deliberate, direction, stats);
        f.reason = ReasonClass(stats.group.at(0).toInt());
        f.retriesSaved = 0; // nothing to save: the retries are what the check wants
        Where one = where;
        one.add(u"reason = ?"_s, {int(f.reason)});
        const auto code = mostFrequentCode(one, u"4xx"_s);
        if (!code || !addExample(f, one))
            return false;
        f.currentValue = *code;
        m_findings << f;
    }
    return true;
}

bool Advisor::backscatter()
{
    Where where = inboundRejects(m_filter);
    where.add(u"code_class IN (4, 5)"_s);
    where.add(u"sender = ''"_s); // the null sender <>; an unknown sender is NULL
    advisorquery::addReasonIn(where, {ReasonClass::UnknownLocalRecipient, ReasonClass::UnknownVirtualMailbox,
                                      ReasonClass::UnknownVirtualAlias, ReasonClass::UnknownRelayRecipient,
                                      ReasonClass::UnknownRecipient});
    const auto all = advisorquery::aggregate(m_database, where, {}, u"client_ip"_s, m_error);
    if (!all)
        return false;
    for (const Stats &stats : *all) {
        Finding f = fromStats(Finding::Kind::Backscatter, Direction::Inbound, stats);
        // Only 4xx refusals come back; a permanent code would have saved their repeats.
        f.retriesSaved = stats.temporaryEvents - stats.temporaryKeys;
        const auto code = mostFrequentCode(where, stats.temporaryEvents > 0 ? u"4xx"_s : u"5xx"_s);
        if (!code || !setMostFrequentReason(f, where) || !addExample(f, where))
            return false;
        f.currentValue = *code;
        m_findings << f;
    }
    return true;
}

bool Advisor::addExample(Finding &finding, const Where &where)
{
    const auto example = advisorquery::firstExample(m_database, where, m_error);
    if (!example)
        return false;
    finding.exampleReply = example->reply;
    finding.exampleSender = example->sender;
    finding.exampleRecipient = example->recipient;
    finding.exampleClient = example->client;
    return true;
}

bool Advisor::setMostFrequentReason(Finding &finding, const Where &where)
{
    const auto reason = advisorquery::mostFrequent(m_database, where, u"reason"_s, m_error);
    if (!reason)
        return false;
    finding.reason = ReasonClass(reason->toInt());
    return true;
}

// The reply code seen most; `fallback` ("4xx") when the most frequent is none at all.
std::optional<QString> Advisor::mostFrequentCode(const Where &where, const QString &fallback)
{
    const auto code = advisorquery::mostFrequent(m_database, where, u"code"_s, m_error);
    if (!code)
        return std::nullopt;
    return code->toInt() > 0 ? code->toString() : fallback;
}

} // namespace

std::optional<QList<Finding>> adviseOn(Database &database, const AnalysisFilter &filter, QString *error)
{
    // The version first: events added while the advisor reads make the stored
    // findings stale, not wrong.
    const auto version = advicecache::currentVersion(database);
    if (version) {
        if (auto cached = advicecache::lookup(database, filter, *version))
            return cached;
    }
    QList<Finding> findings;
    Advisor advisor(database, filter, error);
    if (!advisor.run(findings))
        return std::nullopt;
    if (version)
        advicecache::store(database, filter, *version, findings);
    return findings;
}

QString findingKindName(Finding::Kind kind)
{
    switch (kind) {
    case Finding::Kind::TemporaryForPermanent:
        return u"temporary-for-permanent"_s;
    case Finding::Kind::SoftBounceReceiving:
        return u"soft-bounce-receiving"_s;
    case Finding::Kind::SoftBounceSending:
        return u"soft-bounce-sending"_s;
    case Finding::Kind::SkipFiveXxGreeting:
        return u"skip-5xx-greeting"_s;
    case Finding::Kind::Deliberate:
        return u"deliberate"_s;
    case Finding::Kind::Backscatter:
        return u"backscatter"_s;
    }
    return QString();
}

} // namespace rejectscope
