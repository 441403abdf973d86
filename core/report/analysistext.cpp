#include "analysistext.h"

#include "analysis/postfixparameters.h"
#include "durationtext.h"
#include "findingtext.h"
#include "names.h"
#include "summarytext.h"
#include "terminaltext.h"

#include <QCoreApplication>
#include <QDateTime>

#include <cmath>

using namespace Qt::StringLiterals;

namespace rejectscope {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(AnalysisText)
};

QString localTime(qint64 timeMs, const QTimeZone &zone)
{
    return QDateTime::fromMSecsSinceEpoch(timeMs, zone).toString(u"yyyy-MM-dd HH:mm:ss"_s);
}

QString percentText(double change)
{
    if (!std::isfinite(change))
        return Tr::tr("n/a");
    return (change > 0 ? u"+"_s : QString()) + QString::number(change, 'f', 1) + u" %"_s;
}

// Untrusted text for one line of a terminal.
QString shown(const QString &text, int limit = 90)
{
    const QString safe = terminalSafe(text);
    return safe.size() > limit ? safe.left(limit - 1) + u'…' : safe;
}

} // namespace

QString stormsText(const QList<RetryChain> &chains, const RetryChains::Totals &totals,
                   const QList<Flood> &floods, const QTimeZone &zone)
{
    QString out = Tr::tr("Retry chains: %1 with %2 attempts, %3 retries, amplification %4 "
                     "(attempts per chain)")
                      .arg(groupedNumber(totals.chains), groupedNumber(totals.attempts),
                           groupedNumber(totals.retries),
                           QString::number(totals.amplification, 'f', 2))
        + u"\n\n"_s;
    if (chains.isEmpty()) {
        out += Tr::tr("No retry storms: no key was refused more than once.") + u'\n';
    } else {
        out += Tr::tr("Top retry storms") + u'\n';
        out += u"  "_s + Tr::tr("attempts").rightJustified(8) + u"  "_s + Tr::tr("first seen").leftJustified(20)
            + Tr::tr("span").leftJustified(14) + Tr::tr("outcome").leftJustified(19)
            + Tr::tr("reason").leftJustified(26) + Tr::tr("key") + u'\n';
        for (const RetryChain &c : chains) {
            const QString key = c.direction == Direction::Inbound
                ? shown(c.clientIp, 40) + u"  "_s + shown(c.sender, 40) + u" → "_s + shown(c.recipient, 40)
                : shown(c.queueId, 20) + u"  "_s + shown(c.sender, 40) + u" → "_s + shown(c.recipient, 40);
            out += u"  "_s + groupedNumber(c.attempts).rightJustified(8) + u"  "_s
                + localTime(c.firstMs, zone).leftJustified(20)
                + durationText(c.lastMs - c.firstMs).leftJustified(14)
                + chainOutcomeName(c.outcome).leftJustified(19) + reasonClassText(c.reason).leftJustified(26)
                + directionName(c.direction) + u' ' + key + u'\n';
        }
    }
    out += u'\n';
    if (floods.isEmpty()) {
        out += Tr::tr("Deferral floods: none") + u'\n';
    } else {
        out += Tr::tr("Deferral floods") + u'\n';
        for (const Flood &f : floods) {
            out += u"  "_s
                + Tr::tr("%1 – %2  %3 temporary refusals (peak %4 per bucket, %5 × the baseline of %6), "
                     "mostly %7")
                      .arg(localTime(f.startMs, zone), localTime(f.endMs, zone),
                           groupedNumber(f.attempts), groupedNumber(f.peakBucketAttempts),
                           QString::number(f.baseline > 0 ? double(f.peakBucketAttempts) / f.baseline : 0,
                                           'f', 1),
                           QString::number(f.baseline, 'f', 1), reasonClassText(f.mainReason))
                + u'\n';
        }
    }
    return out;
}

QString switchPointsText(const QList<SwitchPoint> &points, const QTimeZone &zone)
{
    if (points.isEmpty())
        return Tr::tr("No switch from 4xx to 5xx was found.") + u'\n';
    QString out = Tr::tr("Switch points (4xx → 5xx)") + u'\n';
    for (const SwitchPoint &p : points) {
        out += u"  "_s
            + Tr::tr("%1  %2 %3: %4 temporary before (%5 % of replies), %6 permanent after (%7 %)")
                  .arg(localTime(p.timeMs, zone), directionName(p.direction), reasonClassText(p.reason),
                       groupedNumber(p.temporaryBefore), QString::number(100 * p.shareBefore, 'f', 0),
                       groupedNumber(p.permanentAfter), QString::number(100 * p.shareAfter, 'f', 0))
            + u'\n';
    }
    return out;
}

QString beforeAfterText(const BeforeAfter &c, const QTimeZone &zone)
{
    QString out = Tr::tr("Before and after %1 (windows of %2 on each side)")
                      .arg(localTime(c.timeMs, zone), durationText(c.windowMs))
        + u'\n';
    out += u"  "_s + QString().leftJustified(24) + Tr::tr("before").rightJustified(12)
        + Tr::tr("after").rightJustified(12) + Tr::tr("change").rightJustified(12) + u'\n';
    const auto row = [&](const QString &label, double before, double after, const QString &change) {
        out += u"  "_s + label.leftJustified(24) + QString::number(before, 'f', 1).rightJustified(12)
            + QString::number(after, 'f', 1).rightJustified(12) + change.rightJustified(12) + u'\n';
    };
    row(Tr::tr("attempts per hour"), c.before.attemptsPerHour, c.after.attemptsPerHour,
        percentText(c.attemptsChange));
    row(Tr::tr("distinct keys per hour"), c.before.keysPerHour, c.after.keysPerHour, percentText(c.keysChange));
    row(Tr::tr("retries per hour"), c.before.retriesPerHour, c.after.retriesPerHour,
        percentText(c.retriesChange));
    row(Tr::tr("amplification"), c.before.amplification, c.after.amplification,
        percentText(c.amplificationChange));
    row(Tr::tr("4xx share (%)"), 100 * c.before.temporaryShare, 100 * c.after.temporaryShare,
        std::isfinite(c.temporaryShareChange)
            ? Tr::tr("%1 pts").arg((c.temporaryShareChange > 0 ? u"+"_s : QString())
                                   + QString::number(c.temporaryShareChange, 'f', 1))
            : Tr::tr("n/a"));
    return out;
}

QString findingsText(const QList<Finding> &findings, const QTimeZone &zone)
{
    if (findings.isEmpty())
        return Tr::tr("Nothing to advise: no temporary refusal that looks unintended.") + u'\n';
    QString out;
    int number = 0;
    for (const Finding &f : findings) {
        out += u"%1. "_s.arg(++number) + findingSentence(f) + u'\n';
        out += u"   "_s + Tr::tr("%1 %2, %3 – %4").arg(directionName(f.direction), reasonClassText(f.reason),
                                                 localTime(f.firstMs, zone), localTime(f.lastMs, zone));
        if (!f.exampleSender.isEmpty() || !f.exampleRecipient.isEmpty())
            out += u"; "_s + Tr::tr("e.g. %1 → %2").arg(shown(f.exampleSender, 50), shown(f.exampleRecipient, 50));
        out += u'\n';
        if (const QString caution = findingCaution(f); !caution.isEmpty())
            out += u"   "_s + Tr::tr("Note: %1").arg(caution) + u'\n';
        out += u'\n';
    }
    return out;
}

} // namespace rejectscope
