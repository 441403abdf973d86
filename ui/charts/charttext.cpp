#include "charttext.h"

#include "timeticks.h"

#include <QDateTime>
#include <QLocale>

#include <cmath>

using namespace Qt::Literals::StringLiterals;

namespace rejectscope {

namespace {

QString number(double value)
{
    return QLocale().toString(value, 'f', std::abs(value) < 10 ? 1 : 0);
}

QString count(std::int64_t value)
{
    return QLocale().toString(qlonglong(value));
}

// U+2212, the minus sign, reads better than a hyphen next to a digit.
QString signedNumber(double value)
{
    const long rounded = std::lround(value);
    const QString magnitude = QLocale().toString(qlonglong(std::labs(rounded)));
    return (rounded < 0 ? u"\u2212"_s : rounded > 0 ? u"+"_s : QString()) + magnitude;
}

bool hasFigures(const MomentComparison &moment)
{
    return moment.figures.windowMs > 0;
}

} // namespace

QString ChartText::dateTime(std::int64_t ms, const QTimeZone &zone)
{
    const QDateTime local = QDateTime::fromMSecsSinceEpoch(ms, zone);
    return QLocale().toString(local, u"ddd d MMM yyyy, HH:mm:ss"_s) + u' '
        + zone.abbreviation(local);
}

QString ChartText::timeRange(std::int64_t fromMs, std::int64_t toMs, const QTimeZone &zone)
{
    const QLocale locale;
    const QDateTime from = QDateTime::fromMSecsSinceEpoch(fromMs, zone);
    const QDateTime to = QDateTime::fromMSecsSinceEpoch(toMs, zone);
    const bool seconds = fromMs % 60000 != 0 || toMs % 60000 != 0;
    const QString time = seconds ? u"HH:mm:ss"_s : u"HH:mm"_s;
    const QString start = locale.toString(from, u"ddd d MMM yyyy, "_s + time);
    // A bucket ending at midnight ends on the day it covers, as "24:00" would say.
    const QString end = from.date() == to.date() || to == from.date().addDays(1).startOfDay(zone)
        ? locale.toString(to.time(), time)
        : locale.toString(to, u"ddd d MMM yyyy, "_s + time);
    return tr("%1 – %2 %3").arg(start, end, zone.abbreviation(from));
}

QString ChartText::change(double percent)
{
    if (!std::isfinite(percent))
        return {};
    return tr("%1 %").arg(signedNumber(percent));
}

QString ChartText::momentTitle(const MomentComparison &moment)
{
    if (!moment.label.trimmed().isEmpty())
        return moment.label.simplified();
    return moment.origin == MomentComparison::Origin::Marker ? tr("Marker") : tr("Switch point");
}

QString ChartText::momentFigures(const MomentComparison &moment)
{
    if (!hasFigures(moment))
        return {};
    const BeforeAfter &f = moment.figures;
    const QString changeText = change(f.attemptsChange);
    if (changeText.isEmpty())
        return tr("attempts/h %1 → %2").arg(number(f.before.attemptsPerHour),
                                            number(f.after.attemptsPerHour));
    return tr("attempts/h %1 → %2 (%3)")
        .arg(number(f.before.attemptsPerHour), number(f.after.attemptsPerHour), changeText);
}

QString ChartText::momentToolTip(const MomentComparison &moment, const QTimeZone &zone)
{
    QStringList lines;
    lines << momentTitle(moment);
    const QString when = dateTime(moment.timeMs, zone);
    lines << (moment.origin == MomentComparison::Origin::Marker ? tr("Marker at %1").arg(when)
                                                                 : tr("Switch point at %1").arg(when));
    if (!hasFigures(moment))
        return lines.join(u'\n');
    const BeforeAfter &f = moment.figures;
    const auto row = [](const QString &name, const QString &before, const QString &after,
                        const QString &changeText) {
        return changeText.isEmpty() ? tr("%1: %2 → %3").arg(name, before, after)
                                    : tr("%1: %2 → %3 (%4)").arg(name, before, after, changeText);
    };
    lines << tr("Compared over %1 before and after").arg(durationText(f.windowMs));
    lines << row(tr("Attempts per hour"), number(f.before.attemptsPerHour),
                 number(f.after.attemptsPerHour), change(f.attemptsChange));
    lines << row(tr("Distinct keys per hour"), number(f.before.keysPerHour),
                 number(f.after.keysPerHour), change(f.keysChange));
    lines << row(tr("Retries per hour"), number(f.before.retriesPerHour),
                 number(f.after.retriesPerHour), change(f.retriesChange));
    lines << row(tr("Amplification"), QLocale().toString(f.before.amplification, 'f', 2),
                 QLocale().toString(f.after.amplification, 'f', 2), change(f.amplificationChange));
    const QString points = std::isfinite(f.temporaryShareChange)
        ? tr("%1 points").arg(signedNumber(f.temporaryShareChange))
        : QString();
    lines << row(tr("4xx share"), tr("%1 %").arg(number(f.before.temporaryShare * 100)),
                 tr("%1 %").arg(number(f.after.temporaryShare * 100)), points);
    return lines.join(u'\n');
}

QString ChartText::bucketToolTip(const TimeBucket &bucket, std::int64_t bucketMs,
                                 const QTimeZone &zone)
{
    QStringList lines;
    lines << timeRange(bucket.startMs, bucket.startMs + bucketMs, zone);
    lines << tr("4xx (try again later): %1").arg(count(bucket.temporary));
    lines << tr("5xx (refused for good): %1").arg(count(bucket.permanent));
    lines << tr("Accepted: %1").arg(count(bucket.accepted));
    return lines.join(u'\n');
}

QString ChartText::floodToolTip(const Flood &flood, const QTimeZone &zone)
{
    QStringList lines;
    lines << tr("Deferral flood: %1").arg(timeRange(flood.startMs, flood.endMs, zone));
    lines << tr("%1 4xx attempts, at most %2 per bucket (baseline %3)")
                 .arg(count(flood.attempts), count(flood.peakBucketAttempts),
                      QLocale().toString(flood.baseline, 'f', 1));
    return lines.join(u'\n');
}

} // namespace rejectscope
