#include "summarytext.h"

#include "names.h"
#include "store/summary.h"
#include "terminaltext.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFileInfo>

using namespace Qt::StringLiterals;

namespace rejectscope {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(SummaryText)
};

QString durationText(qint64 ms)
{
    const qint64 minutes = ms / 60000;
    if (minutes < 60)
        return Tr::tr("%1 min").arg(minutes);
    const qint64 hours = minutes / 60;
    if (hours < 48)
        return Tr::tr("%1 h %2 min").arg(hours).arg(minutes % 60);
    return Tr::tr("%1 days %2 h").arg(hours / 24).arg(hours % 24);
}

QString percentOf(qint64 part, qint64 whole)
{
    if (whole <= 0)
        return u"0 %"_s;
    return u"%1 %"_s.arg(100.0 * double(part) / double(whole), 0, 'f', part * 1000 < whole ? 2 : 1);
}

} // namespace

QString groupedNumber(qint64 value)
{
    QString digits = QString::number(value < 0 ? -value : value);
    for (qsizetype i = digits.size() - 3; i > 0; i -= 3)
        digits.insert(i, u',');
    return value < 0 ? u"-"_s + digits : digits;
}

QString utcText(qint64 timeMs)
{
    return QDateTime::fromMSecsSinceEpoch(timeMs, QTimeZone::utc()).toString(u"yyyy-MM-dd HH:mm:ss"_s)
        + u" UTC"_s;
}

QString summaryText(const Summary &s)
{
    QString out;
    const auto line = [&](const QString &label, const QString &value) {
        out += label.leftJustified(16) + value + u'\n';
    };
    if (s.firstTimeMs && s.lastTimeMs) {
        line(Tr::tr("Time span"), utcText(*s.firstTimeMs) + u" — "_s + utcText(*s.lastTimeMs) + u" ("_s
                                  + durationText(*s.lastTimeMs - *s.firstTimeMs) + u')');
    } else {
        line(Tr::tr("Time span"), Tr::tr("no events"));
    }
    QStringList hosts;
    for (const QString &host : s.hosts)
        hosts << terminalSafe(host);
    line(Tr::tr("Hosts"), hosts.isEmpty() ? Tr::tr("none") : hosts.join(u", "_s));
    line(Tr::tr("Logs"), groupedNumber(s.sources));
    line(Tr::tr("Lines read"), groupedNumber(s.linesRead));
    line(Tr::tr("Recognised"), groupedNumber(s.events) + u"  ("_s + percentOf(s.events, s.linesRead)
                               + u')');
    line(Tr::tr("Ignored"), groupedNumber(s.ignored) + u"  ("_s
                            + Tr::tr("%1 not from Postfix").arg(groupedNumber(s.foreignLines)) + u')');
    line(Tr::tr("Not understood"), groupedNumber(s.notUnderstood) + u"  ("_s
                                   + percentOf(s.notUnderstood, s.linesRead) + u')');
    if (s.truncatedLines > 0)
        line(Tr::tr("Overlong"), Tr::tr("%1 lines cut at 64 KiB").arg(groupedNumber(s.truncatedLines)));

    out += u'\n' + Tr::tr("Events by direction, kind, code class and reason") + u'\n';
    if (s.cells.isEmpty())
        out += u"  "_s + Tr::tr("none") + u'\n';
    else
        out += u"  "_s + Tr::tr("direction").leftJustified(10) + Tr::tr("kind").leftJustified(16)
            + Tr::tr("class").leftJustified(7) + Tr::tr("reason").leftJustified(28)
            + Tr::tr("events").rightJustified(12) + u'\n';
    for (const SummaryCell &cell : s.cells) {
        const std::string_view reason = reasonClassName(cell.reason);
        out += u"  "_s + directionName(cell.direction).leftJustified(10)
            + eventKindName(cell.kind).leftJustified(16)
            + codeClassName(cell.codeClass).leftJustified(7)
            + QString::fromLatin1(reason.data(), qsizetype(reason.size())).leftJustified(28)
            + groupedNumber(cell.events).rightJustified(12) + u'\n';
    }

    if (!s.samples.isEmpty()) {
        out += u'\n'
            + Tr::tr("Lines not understood (first %1 of %2)")
                  .arg(s.samples.size())
                  .arg(groupedNumber(s.notUnderstood))
            + u'\n';
        for (const StoredSample &sample : s.samples) {
            out += u"  "_s + terminalSafe(QFileInfo(sample.path).fileName()) + u" @"_s
                + QString::number(sample.sample.lineOffset) + u": "_s
                + terminalSafe(sample.sample.problem) + u'\n';
            out += u"    "_s + terminalSafe(sample.sample.text.left(300)) + u'\n';
        }
    }
    return out;
}

} // namespace rejectscope
