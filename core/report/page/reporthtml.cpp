#include "reporthtml.h"

#include "analysis/postfixparameters.h"
#include "report/durationtext.h"
#include "report/findingtext.h"
#include "report/summarytext.h"
#include "report/terminaltext.h"

#include <QCoreApplication>
#include <QDateTime>

#include <algorithm>
#include <cmath>
#include <limits>

using namespace Qt::StringLiterals;

namespace rejectscope {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(OnePageReport)
};

// Log text as HTML text: control and bidi characters made visible first, then
// escaped, so nothing a stranger wrote can become markup or hide itself.
QString esc(const QString &text, int limit = 0)
{
    QString safe = terminalSafe(text);
    if (limit > 0 && safe.size() > limit)
        safe = safe.left(limit - 1) + u'…';
    return safe.toHtmlEscaped();
}

QString timeText(std::int64_t ms, const QTimeZone &zone, bool seconds = false)
{
    return QDateTime::fromMSecsSinceEpoch(ms, zone).toString(seconds ? u"yyyy-MM-dd HH:mm:ss"_s
                                                                      : u"yyyy-MM-dd HH:mm"_s);
}

QString zoneText(const QTimeZone &zone)
{
    return zone.isValid() ? QString::fromUtf8(zone.id()) : u"UTC"_s;
}

QString decimal(double value, int digits = 1)
{
    if (!std::isfinite(value))
        return Tr::tr("n/a");
    return QString::number(value, 'f', digits);
}

// A change with its sign; decreases (fewer retries) in green, increases in red,
// and the sign says it where colour is lost. `format` puts the unit around the
// signed number ("%1 %", "%1 pts").
QString changeCell(double change, const QString &format)
{
    if (!std::isfinite(change))
        return u"<td class=\"n muted\">"_s + Tr::tr("n/a") + u"</td>"_s;
    const QString sign = change > 0.05 ? u"+"_s : (change < -0.05 ? u"\u2212"_s : QString());
    const QString cls = change > 0.05 ? u"up"_s : (change < -0.05 ? u"down"_s : u"muted"_s);
    const QString figure = format.arg(sign + QString::number(std::abs(change), 'f', 1));
    return u"<td class=\"n %1\">%2</td>"_s.arg(cls, figure.toHtmlEscaped());
}

QString style(ReportTarget target)
{
    // Sizes are for paper; a screen reads them larger.
    const double scale = target == ReportTarget::Browser ? 1.25 : 1.0;
    const auto pt = [scale](double size) { return QString::number(size * scale, 'g', 3); };
    QString css = uR"(
body { font-family: 'DejaVu Sans', Arial, Helvetica, sans-serif; font-size: %1pt; color: #222222; }
h1 { font-size: %2pt; font-weight: bold; color: #1b2a3a; margin-top: 0; margin-bottom: 2px; }
h2 { font-size: %3pt; font-weight: bold; color: #1b2a3a; margin-top: 9px; margin-bottom: 3px; }
p { margin-top: 0; margin-bottom: 3px; }
.sub { color: #666666; }
.muted { color: #888888; }
.lead { font-size: %4pt; margin-bottom: 5px; }
.up { color: #a01c1c; }
.down { color: #1d7a3a; }
table.data { border-collapse: collapse; }
table.data th { background-color: #eef1f5; color: #1b2a3a; font-weight: bold; text-align: left; white-space: nowrap;
  padding: 1px 4px; border-bottom: 1px solid #c8ced6; }
table.data td { padding: 1px 4px; border-bottom: 1px solid #e6e6e6; }
.nowrap { white-space: nowrap; }
table.data th.n, table.data td.n { text-align: right; }
td.n { text-align: right; }
.key { font-family: 'DejaVu Sans Mono', Menlo, Consolas, monospace; font-size: %6pt; white-space: nowrap; }
.skey { font-family: 'DejaVu Sans Mono', Menlo, Consolas, monospace; font-size: %5pt; white-space: nowrap; }
.snum { text-align: right; white-space: nowrap; font-size: %6pt; }
.stxt { white-space: nowrap; font-size: %6pt; }
table.figures td { padding: 3px 6px; background-color: #f5f7fa; }
.big { font-size: %7pt; font-weight: bold; color: #1b2a3a; }
.cap { font-size: %8pt; color: #555555; }
.card { font-weight: bold; color: #1b2a3a; }
.advice { font-weight: bold; color: #1b2a3a; }
.setting { font-family: 'DejaVu Sans Mono', Menlo, Consolas, monospace; }
.note { color: #666666; font-size: %9pt; }
)"_s.arg(pt(8), pt(16), pt(10), pt(9), pt(6.5), pt(7), pt(13), pt(7), pt(7));
    if (target == ReportTarget::Browser) {
        css += uR"(
body { max-width: 880px; margin: 24px auto; padding: 0 12px; line-height: 1.35; }
table.data, table.figures { width: 100%; }
table.figures { table-layout: fixed; }
table.figures td { border-radius: 4px; }
img.chart { width: 100%; height: auto; }
)"_s;
    }
    return css;
}

QString figureCell(const QString &value, const QString &caption)
{
    return u"<td><span class=\"big\">%1</span><br><span class=\"cap\">%2</span></td>"_s.arg(value, caption);
}

struct Sums {
    std::int64_t temporary = 0;
    std::int64_t permanent = 0;
    std::int64_t accepted = 0;
};

Sums sumsOf(const Overview &overview)
{
    Sums sums;
    for (const TimeBucket &b : overview.buckets) {
        sums.temporary += b.temporary;
        sums.permanent += b.permanent;
        sums.accepted += b.accepted;
    }
    return sums;
}

QString headerHtml(const Overview &overview, const ReportContext &context)
{
    const QString title = context.title.isEmpty() ? Tr::tr("Postfix rejections and retries") : context.title;
    QString html = u"<h1>%1</h1>"_s.arg(esc(title));
    QString span = Tr::tr("%1 – %2 (%3), %4")
                       .arg(timeText(overview.spanFromMs, context.zone), timeText(overview.spanToMs, context.zone),
                            zoneText(context.zone), durationText(overview.spanToMs - overview.spanFromMs));
    html += u"<p class=\"sub\">"_s + span.toHtmlEscaped();
    if (!context.sources.isEmpty()) {
        QStringList names;
        for (const QString &source : context.sources)
            names << esc(source, 60);
        html += u"<br>"_s + Tr::tr("Logs: %1").arg(names.join(u", "_s));
    }
    html += u"</p>"_s;
    return html;
}

QString leadHtml(const Overview &overview)
{
    const Sums sums = sumsOf(overview);
    const std::int64_t refused = sums.temporary + sums.permanent;
    if (refused == 0)
        return u"<p class=\"lead\">"_s + Tr::tr("No refusal in this period.").toHtmlEscaped() + u"</p>"_s;
    QString text = Tr::tr("%1 refusals: %2 temporary (4xx: the other side tries again), %3 permanent "
                      "(5xx: it gives up); %4 attempts were retries.")
                       .arg(groupedNumber(refused), groupedNumber(sums.temporary), groupedNumber(sums.permanent),
                            groupedNumber(overview.totals.retries));
    if (!overview.floods.isEmpty()) {
        const int floods = int(overview.floods.size());
        text += u' ' + Tr::tr("%1 deferral flood(s).", nullptr, floods).arg(groupedNumber(floods));
    }
    return u"<p class=\"lead\">"_s + text.toHtmlEscaped() + u"</p>"_s;
}

QString figuresHtml(const Overview &overview)
{
    const Sums sums = sumsOf(overview);
    QString html = u"<table class=\"figures\" width=\"100%\" cellspacing=\"3\" cellpadding=\"0\"><tr>"_s;
    html += figureCell(groupedNumber(sums.temporary), Tr::tr("4xx temporary"));
    html += figureCell(groupedNumber(sums.permanent), Tr::tr("5xx permanent"));
    html += figureCell(groupedNumber(sums.accepted), Tr::tr("accepted"));
    html += figureCell(groupedNumber(overview.totals.chains), Tr::tr("retry chains"));
    html += figureCell(groupedNumber(overview.totals.retries), Tr::tr("retries"));
    html += figureCell(decimal(overview.totals.amplification, 2), Tr::tr("attempts per chain"));
    html += figureCell(groupedNumber(overview.floods.size()), Tr::tr("deferral floods"));
    html += u"</tr></table>"_s;
    return html;
}

QString comparisonCard(const MomentComparison &c, const QTimeZone &zone)
{
    const BeforeAfter &f = c.figures;
    QString title = c.label;
    if (title.isEmpty() && c.switchPoint)
        title = Tr::tr("%1: 4xx → 5xx").arg(reasonClassText(c.switchPoint->reason));
    if (c.origin == MomentComparison::Origin::Marker)
        title = Tr::tr("Marker: %1").arg(title);
    QString html = u"<p class=\"card\">%1</p>"_s.arg(esc(title, 56));
    const QString moment = QDateTime::fromMSecsSinceEpoch(c.timeMs, zone).toString(u"HH:mm:ss"_s);
    html += u"<table class=\"data\" width=\"100%\" cellspacing=\"0\"><tr><th class=\"sub\">%1</th>"
            "<th class=\"n\">%2</th><th class=\"n\">%3</th><th class=\"n\">%4</th></tr>"_s.arg(
                Tr::tr("%1 ± %2").arg(moment, durationText(f.windowMs)).toHtmlEscaped(), Tr::tr("before"), Tr::tr("after"),
                Tr::tr("change"));
    const QString percent = u"%1 %"_s;
    const auto row = [&](const QString &label, double before, double after, const QString &changeCellHtml,
                         int digits) {
        html += u"<tr><td>%1</td><td class=\"n\">%2</td><td class=\"n\">%3</td>%4</tr>"_s.arg(
            label.toHtmlEscaped(), decimal(before, digits), decimal(after, digits), changeCellHtml);
    };
    row(Tr::tr("attempts per hour"), f.before.attemptsPerHour, f.after.attemptsPerHour,
        changeCell(f.attemptsChange, percent), 1);
    row(Tr::tr("distinct keys per hour"), f.before.keysPerHour, f.after.keysPerHour, changeCell(f.keysChange, percent),
        1);
    row(Tr::tr("retries per hour"), f.before.retriesPerHour, f.after.retriesPerHour,
        changeCell(f.retriesChange, percent), 1);
    row(Tr::tr("attempts per key"), f.before.amplification, f.after.amplification,
        changeCell(f.amplificationChange, percent), 2);
    row(Tr::tr("4xx share (%)"), 100 * f.before.temporaryShare, 100 * f.after.temporaryShare,
        changeCell(f.temporaryShareChange, Tr::tr("%1 pts")), 1);
    html += u"</table>"_s;
    return html;
}

QString comparisonsHtml(const Overview &overview, const ReportContext &context)
{
    const QList<MomentComparison> shown = reportComparisons(overview);
    if (shown.isEmpty())
        return QString();
    QString html = u"<h2>%1</h2>"_s.arg(Tr::tr("Before and after"));
    html += u"<table width=\"100%\" cellspacing=\"0\" cellpadding=\"0\">"_s;
    for (qsizetype i = 0; i < shown.size(); i += 2) {
        html += u"<tr><td width=\"48%\" valign=\"top\">"_s + comparisonCard(shown.at(i), context.zone)
            + u"</td><td width=\"4%\"></td><td width=\"48%\" valign=\"top\">"_s;
        if (i + 1 < shown.size())
            html += comparisonCard(shown.at(i + 1), context.zone);
        html += u"</td></tr>"_s;
    }
    html += u"</table>"_s;
    QStringList others;
    for (const MomentComparison &c : overview.comparisons) {
        const bool isShown = std::any_of(shown.begin(), shown.end(), [&](const MomentComparison &s) {
            return s.timeMs == c.timeMs && s.label == c.label && s.origin == c.origin;
        });
        if (!isShown)
            others << esc(QDateTime::fromMSecsSinceEpoch(c.timeMs, context.zone).toString(u"HH:mm:ss"_s) + u' '
                              + c.label,
                          60);
    }
    if (!others.isEmpty())
        html += u"<p class=\"note\">"_s
            + Tr::tr("Also compared (before-after.csv): %1.").toHtmlEscaped().arg(others.join(u"; "_s))
            + u"</p>"_s;
    return html;
}

QString findingsHtml(const Overview &overview, const ReportContext &context)
{
    QString html = u"<h2>%1</h2>"_s.arg(Tr::tr("What to change"));
    if (overview.findings.isEmpty())
        return html + u"<p>"_s + Tr::tr("Nothing to advise: no temporary refusal that looks unintended.").toHtmlEscaped()
            + u"</p>"_s;
    int number = 0;
    for (const Finding &f : overview.findings) {
        if (number >= context.maxFindings)
            break;
        ++number;
        QString advice = findingAdvice(f).toHtmlEscaped();
        if (const QString setting = findingSetting(f); !setting.isEmpty()) {
            advice.replace(setting.toHtmlEscaped(),
                           u"<span class=\"setting\">"_s + setting.toHtmlEscaped() + u"</span>"_s);
        }
        html += u"<p><span class=\"advice\">%1. %2.</span> %3"_s.arg(number).arg(advice,
                                                                        esc(findingSentence(f)));
        if (const QString caution = findingCaution(f); !caution.isEmpty())
            html += u"<br><span class=\"note\">"_s + esc(Tr::tr("Note: %1").arg(caution)) + u"</span>"_s;
        html += u"</p>"_s;
    }
    if (const int more = int(overview.findings.size()) - number; more > 0)
        html += u"<p class=\"note\">"_s + Tr::tr("%n more finding(s) in findings.csv.", nullptr, more).toHtmlEscaped()
            + u"</p>"_s;
    return html;
}

QString outcomeText(ChainOutcome outcome)
{
    switch (outcome) {
    case ChainOutcome::Accepted:
        return Tr::tr("accepted");
    case ChainOutcome::RejectedForGood:
        return Tr::tr("refused for good");
    case ChainOutcome::Expired:
        return Tr::tr("expired");
    case ChainOutcome::StillRetrying:
        return Tr::tr("still retrying");
    case ChainOutcome::GaveUp:
        return Tr::tr("gave up");
    }
    return QString();
}

QString stormsHtml(const Overview &overview, const ReportContext &context)
{
    QString html = u"<h2>%1</h2>"_s.arg(Tr::tr("Top retry storms"));
    QList<RetryChain> storms;
    for (const RetryChain &c : overview.storms) {
        if (storms.size() >= context.maxStorms)
            break;
        storms << c;
    }
    // Within a day the hour says enough; the header has the date.
    const QString timeFormat = overview.spanToMs - overview.spanFromMs <= 24 * 3600'000LL ? u"HH:mm"_s
                                                                                         : u"MM-dd HH:mm"_s;
    if (storms.isEmpty())
        return html + u"<p>"_s + Tr::tr("No key was refused more than once.").toHtmlEscaped() + u"</p>"_s;
    html += u"<table class=\"data\" width=\"100%\" cellspacing=\"0\"><tr><th class=\"n\">%1</th>"
            "<th>%2</th><th class=\"n\">%3</th><th>%4</th><th>%5</th><th>%6</th><th>%7</th></tr>"_s.arg(
                Tr::tr("attempts"), Tr::tr("first seen"), Tr::tr("for"), Tr::tr("outcome"), Tr::tr("reason"), Tr::tr("client / queue id"),
                Tr::tr("sender → recipient"));
    for (const RetryChain &c : storms) {
        const QString origin = c.direction == Direction::Inbound ? esc(c.clientIp, 18) : esc(c.queueId, 18);
        const QString key = u"%1 → %2"_s.arg(esc(c.sender, 21), esc(c.recipient, 21));
        const QString first = QDateTime::fromMSecsSinceEpoch(c.firstMs, context.zone).toString(timeFormat);
        html += u"<tr><td class=\"snum\">%1</td><td class=\"stxt\">%2</td><td class=\"snum\">%3</td>"
                "<td class=\"stxt\">%4</td><td class=\"stxt\">%5</td><td class=\"skey\">%6</td><td class=\"skey\">%7</td></tr>"_s.arg(
                    groupedNumber(c.attempts), first.toHtmlEscaped(),
                    durationText(c.lastMs - c.firstMs).toHtmlEscaped(), outcomeText(c.outcome).toHtmlEscaped(),
                    reasonClassText(c.reason).toHtmlEscaped(), origin, key);
    }
    html += u"</table>"_s;
    return html;
}

QString topTable(const QString &heading, const QList<TopEntry> &entries, int limit)
{
    QString html = u"<table class=\"data\" width=\"100%\" cellspacing=\"0\"><tr><th>%1</th><th class=\"n\">%2</th>"
                   "<th class=\"n\">%3</th><th class=\"n\">%4</th></tr>"_s.arg(heading.toHtmlEscaped(), Tr::tr("attempts"),
                                                                               Tr::tr("4xx"), Tr::tr("5xx"));
    if (entries.isEmpty())
        html += u"<tr><td class=\"muted\">%1</td><td></td><td></td><td></td></tr>"_s.arg(Tr::tr("none").toHtmlEscaped());
    for (qsizetype i = 0; i < entries.size() && i < limit; ++i) {
        const TopEntry &e = entries.at(i);
        html += u"<tr><td class=\"key\">%1</td><td class=\"n\">%2</td><td class=\"n\">%3</td>"
                "<td class=\"n\">%4</td></tr>"_s.arg(esc(e.key.isEmpty() ? u"<>"_s : e.key, 34),
                                                  groupedNumber(e.attempts), groupedNumber(e.temporary),
                                                  groupedNumber(e.permanent));
    }
    html += u"</table>"_s;
    return html;
}

QString topListsHtml(const Overview &overview)
{
    constexpr int limit = 4;
    QString html = u"<h2>%1</h2>"_s.arg(Tr::tr("Refused most"));
    html += u"<table width=\"100%\" cellspacing=\"0\" cellpadding=\"0\"><tr><td width=\"49%\" valign=\"top\">"_s;
    html += topTable(Tr::tr("Clients and relays"), overview.topClients, limit);
    html += u"</td><td width=\"2%\"></td><td width=\"49%\" valign=\"top\">"_s;
    html += topTable(Tr::tr("Senders"), overview.topSenders, limit);
    html += u"</td></tr></table>"_s;
    return html;
}

} // namespace

int reportTextWidth()
{
    return 695;
}

QSize reportChartSize()
{
    return {reportTextWidth(), 205};
}

QString reportFooterText(const ReportContext &context)
{
    QString footer = Tr::tr("Times in %1.").arg(zoneText(context.zone));
    if (context.generatedAtMs > 0)
        footer += u' ' + Tr::tr("Written by Rejectscope %1 on %2.")
                             .arg(QStringLiteral(REJECTSCOPE_VERSION), timeText(context.generatedAtMs, context.zone));
    return footer;
}

QList<MomentComparison> reportComparisons(const Overview &overview)
{
    constexpr qsizetype room = 2;
    QList<MomentComparison> ranked = overview.comparisons;
    const auto weight = [](const MomentComparison &c) -> std::int64_t {
        if (c.origin == MomentComparison::Origin::Marker)
            return std::numeric_limits<std::int64_t>::max();
        return c.switchPoint ? c.switchPoint->temporaryBefore + c.switchPoint->permanentAfter : 0;
    };
    std::stable_sort(ranked.begin(), ranked.end(),
                     [&](const MomentComparison &a, const MomentComparison &b) { return weight(a) > weight(b); });
    ranked = ranked.mid(0, room);
    std::stable_sort(ranked.begin(), ranked.end(),
                     [](const MomentComparison &a, const MomentComparison &b) { return a.timeMs < b.timeMs; });
    return ranked;
}

Overview reportChartOverview(const Overview &overview)
{
    Overview chart = overview;
    chart.comparisons = reportComparisons(overview);
    return chart;
}

QString reportHtmlFor(const Overview &overview, const ReportContext &context, const QString &chartImageName,
                      ReportTarget target)
{
    const QString title = context.title.isEmpty() ? Tr::tr("Postfix rejections and retries") : context.title;
    const QSize chart = reportChartSize();
    QString html = u"<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">"
                   "<meta name=\"generator\" content=\"Rejectscope\"><title>%1</title><style>%2</style></head>"
                   "<body>\n"_s.arg(esc(title), style(target));
    html += headerHtml(overview, context) + u'\n';
    html += leadHtml(overview) + u'\n';
    html += figuresHtml(overview) + u'\n';
    html += u"<p><img class=\"chart\" src=\"%1\" width=\"%2\" height=\"%3\" alt=\"%4\"></p>\n"_s.arg(
        chartImageName.toHtmlEscaped(), QString::number(chart.width()), QString::number(chart.height()),
        Tr::tr("Refusals over time").toHtmlEscaped());
    html += comparisonsHtml(overview, context) + u'\n';
    html += findingsHtml(overview, context) + u'\n';
    html += stormsHtml(overview, context) + u'\n';
    html += topListsHtml(overview) + u'\n';
    // On paper the page footer says it.
    if (target == ReportTarget::Browser)
        html += u"<p class=\"note\">"_s + reportFooterText(context).toHtmlEscaped() + u"</p>\n"_s;
    html += u"</body></html>\n"_s;
    return html;
}

} // namespace rejectscope
