#include "analysistables.h"

#include "names.h"

#include <cmath>

using namespace Qt::StringLiterals;

namespace rejectscope {

namespace {

QVariant number(double value)
{
    return std::isfinite(value) ? QVariant(value) : QVariant(QString());
}

} // namespace

Table stormsTable(const QList<RetryChain> &chains, const QTimeZone &zone)
{
    Table table{{u"direction"_s, u"reason"_s, u"client_ip"_s, u"client_name"_s, u"sender"_s,
                 u"recipient"_s, u"queue_id"_s, u"attempts"_s, u"retries"_s,
                 u"temporary_attempts"_s, u"permanent_attempts"_s, u"first_seen_utc"_s,
                 u"first_seen_local"_s, u"last_seen_utc"_s, u"last_seen_local"_s,
                 u"median_interval_s"_s, u"outcome"_s, u"reply"_s},
                {}};
    for (const RetryChain &c : chains) {
        table.rows << QList<QVariant>{directionName(c.direction), reasonClassText(c.reason), c.clientIp,
                                      c.clientName, c.sender, c.recipient, c.queueId,
                                      c.attempts, c.retries(), c.temporaryAttempts,
                                      c.permanentAttempts, isoUtc(c.firstMs),
                                      isoLocal(c.firstMs, zone), isoUtc(c.lastMs),
                                      isoLocal(c.lastMs, zone), double(c.medianIntervalMs) / 1000.0,
                                      chainOutcomeName(c.outcome), c.reply};
    }
    return table;
}

Table floodsTable(const QList<Flood> &floods, const QTimeZone &zone)
{
    Table table{{u"start_utc"_s, u"start_local"_s, u"end_utc"_s, u"end_local"_s, u"attempts"_s,
                 u"peak_bucket_attempts"_s, u"baseline_per_bucket"_s, u"main_reason"_s},
                {}};
    for (const Flood &f : floods) {
        table.rows << QList<QVariant>{isoUtc(f.startMs), isoLocal(f.startMs, zone),
                                      isoUtc(f.endMs), isoLocal(f.endMs, zone), qint64(f.attempts),
                                      qint64(f.peakBucketAttempts), number(f.baseline),
                                      reasonClassText(f.mainReason)};
    }
    return table;
}

Table switchPointsTable(const QList<SwitchPoint> &points, const QTimeZone &zone)
{
    Table table{{u"time_utc"_s, u"time_local"_s, u"direction"_s, u"reason"_s,
                 u"temporary_before"_s, u"permanent_after"_s, u"temporary_share_before"_s,
                 u"permanent_share_after"_s},
                {}};
    for (const SwitchPoint &p : points) {
        table.rows << QList<QVariant>{isoUtc(p.timeMs), isoLocal(p.timeMs, zone),
                                      directionName(p.direction), reasonClassText(p.reason),
                                      qint64(p.temporaryBefore), qint64(p.permanentAfter), number(p.shareBefore),
                                      number(p.shareAfter)};
    }
    return table;
}

Table beforeAfterTable(const BeforeAfter &c, const QTimeZone &zone)
{
    Table table{{u"metric"_s, u"before"_s, u"after"_s, u"change_percent"_s, u"moment_utc"_s,
                 u"moment_local"_s, u"window_s"_s},
                {}};
    const auto row = [&](const QString &metric, double before, double after, double change) {
        table.rows << QList<QVariant>{metric, number(before), number(after), number(change),
                                      isoUtc(c.timeMs), isoLocal(c.timeMs, zone),
                                      double(c.windowMs) / 1000.0};
    };
    row(u"attempts_per_hour"_s, c.before.attemptsPerHour, c.after.attemptsPerHour, c.attemptsChange);
    row(u"distinct_keys_per_hour"_s, c.before.keysPerHour, c.after.keysPerHour, c.keysChange);
    row(u"retries_per_hour"_s, c.before.retriesPerHour, c.after.retriesPerHour, c.retriesChange);
    row(u"amplification"_s, c.before.amplification, c.after.amplification, c.amplificationChange);
    row(u"temporary_share"_s, c.before.temporaryShare, c.after.temporaryShare, c.temporaryShareChange);
    return table;
}

Table findingsTable(const QList<Finding> &findings, const QTimeZone &zone)
{
    Table table{{u"kind"_s, u"direction"_s, u"reason"_s, u"parameter"_s, u"current_value"_s,
                 u"suggested_value"_s, u"postfix_default"_s, u"events"_s, u"distinct_senders"_s,
                 u"distinct_clients"_s, u"retries_saved"_s, u"first_seen_utc"_s,
                 u"first_seen_local"_s, u"last_seen_utc"_s, u"last_seen_local"_s,
                 u"example_reply"_s, u"example_sender"_s, u"example_recipient"_s,
                 u"example_client"_s},
                {}};
    for (const Finding &f : findings) {
        table.rows << QList<QVariant>{findingKindName(f.kind), directionName(f.direction),
                                      reasonClassText(f.reason), f.parameter, f.currentValue,
                                      f.suggestedValue, f.postfixDefault, qint64(f.events),
                                      qint64(f.distinctSenders), qint64(f.distinctClients), qint64(f.retriesSaved),
                                      isoUtc(f.firstMs), isoLocal(f.firstMs, zone),
                                      isoUtc(f.lastMs), isoLocal(f.lastMs, zone), f.exampleReply,
                                      f.exampleSender, f.exampleRecipient, f.exampleClient};
    }
    return table;
}

} // namespace rejectscope
