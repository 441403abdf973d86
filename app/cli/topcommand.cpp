// rejectscope-cli top: who is refused most — clients, senders, recipients or reasons.

#include "analysisoptions.h"
#include "cli.h"

#include "analysis/toplists.h"
#include "report/names.h"
#include "report/summarytext.h"
#include "report/terminaltext.h"
#include "report/toplisttable.h"
#include "store/database.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace rejectscope::cli {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("cli", text);
}

QString localTime(qint64 timeMs, const QTimeZone &zone)
{
    return QDateTime::fromMSecsSinceEpoch(timeMs, zone).toString(u"yyyy-MM-dd HH:mm:ss"_s);
}

// The key shown on one terminal line: escaped, and cut when very long.
QString shownKey(const QString &key)
{
    constexpr int limit = 70;
    const QString safe = terminalSafe(key);
    return safe.size() > limit ? safe.left(limit - 1) + u'…' : safe;
}

QString topText(TopListKind kind, const QList<TopEntry> &entries, const QTimeZone &zone)
{
    if (entries.isEmpty())
        return tr("No attempts match.") + u'\n';
    QString out = tr("Top %1").arg(topListKindName(kind)) + u'\n';
    out += tr("rank").rightJustified(6) + tr("attempts").rightJustified(10) + tr("4xx").rightJustified(9)
        + tr("5xx").rightJustified(9) + tr("share").rightJustified(8) + u"  "_s
        + tr("first seen").leftJustified(21) + tr("last seen").leftJustified(21)
        + (kind == TopListKind::Reasons ? QString() : tr("reason").leftJustified(26)) + tr("key") + u'\n';
    const Table table = topListTable(kind, entries, zone);
    for (qsizetype i = 0; i < entries.size(); ++i) {
        const TopEntry &e = entries.at(i);
        const double share = table.rows.at(i).at(6).toDouble();
        const std::string_view reason = reasonClassName(e.reason);
        out += QString::number(i + 1).rightJustified(6) + groupedNumber(e.attempts).rightJustified(10)
            + groupedNumber(e.temporary).rightJustified(9) + groupedNumber(e.permanent).rightJustified(9)
            + QString(QString::number(100 * share, 'f', 1) + u" %"_s).rightJustified(8) + u"  "_s
            + localTime(e.firstMs, zone).leftJustified(21) + localTime(e.lastMs, zone).leftJustified(21)
            + (kind == TopListKind::Reasons
                   ? QString()
                   : QString::fromLatin1(reason.data(), qsizetype(reason.size())).leftJustified(26))
            + shownKey(e.key) + u'\n';
    }
    return out;
}

} // namespace

int runTop(const QStringList &args)
{
    QCommandLineParser parser;
    addAnalysisOptions(parser);
    parser.addOption({u"limit"_s, tr("How many rows to list (default 20)."), tr("n"), u"20"_s});
    parser.addOption({u"code-class"_s, tr("Only attempts of this class: 4xx (temporary: inbound 4xx, "
                                          "outbound deferred), 5xx (permanent) or 2xx (delivered)."),
                      tr("class")});
    parser.addOption({u"text"_s, tr("Only attempts whose client, sender, recipient, queue id or reply "
                                    "contains this text (ignoring case; scans the events)."),
                      tr("text")});
    parser.addPositionalArgument(u"list"_s, tr("clients (default), senders, recipients or reasons."),
                                 u"[clients|senders|recipients|reasons]"_s);
    if (const auto stop = parseCommand(parser, args, u"top"_s,
                                       tr("Lists who is refused most: the clients (inbound: name[ip]; "
                                          "outbound: the relay), senders, recipients or reasons with the "
                                          "most attempts.")))
        return *stop;
    AnalysisArguments arguments;
    if (!readAnalysisOptions(parser, arguments))
        return ExitUsage;
    auto &[filter, format, zone] = arguments;
    const QStringList positional = parser.positionalArguments();
    if (positional.size() > 1) {
        err(tr("top takes one list: clients, senders, recipients or reasons"));
        return ExitUsage;
    }
    const auto kind = topListKindFromName(positional.value(0, u"clients"_s));
    if (!kind) {
        err(tr("top: unknown list '%1'; known: clients, senders, recipients, reasons").arg(positional.value(0)));
        return ExitUsage;
    }
    bool limitOk = false;
    const int limit = parser.value(u"limit"_s).toInt(&limitOk);
    if (!limitOk || limit <= 0) {
        err(tr("--limit wants a positive number, not '%1'").arg(parser.value(u"limit"_s)));
        return ExitUsage;
    }
    if (parser.isSet(u"code-class"_s)) {
        QString name = parser.value(u"code-class"_s).toLower();
        if (name.endsWith(u"xx"_s))
            name.chop(2);
        if (name != u"2"_s && name != u"4"_s && name != u"5"_s) {
            err(tr("--code-class wants 4xx, 5xx or 2xx, not '%1'").arg(parser.value(u"code-class"_s)));
            return ExitUsage;
        }
        filter.codeClass = name.toInt();
    }
    filter.text = parser.value(u"text"_s);

    // Written to: the top counts are brought up to date after an import.
    std::unique_ptr<Database> database = openDatabase(parser, true);
    if (!database)
        return ExitInputFailed;
    QString error;
    const auto entries = topList(*database, *kind, filter, limit, &error);
    if (!entries) {
        err(tr("%1: cannot list the top %2: %3").arg(database->path(), topListKindName(*kind), error));
        return ExitInputFailed;
    }
    const Table table = topListTable(*kind, *entries, zone);
    switch (format) {
    case OutputFormat::Text:
        out(topText(*kind, *entries, zone));
        break;
    case OutputFormat::Csv: {
        QFile output;
        output.open(stdout, QIODevice::WriteOnly);
        writeCsv(table, &output);
        break;
    }
    case OutputFormat::Json:
        out(QString::fromUtf8(QJsonDocument(QJsonObject{{u"list"_s, topListKindName(*kind)},
                                                        {u"total_attempts"_s,
                                                         qint64(entries->isEmpty() ? 0 : entries->first().totalAttempts)},
                                                        {u"entries"_s, toJson(table)}})
                                  .toJson(QJsonDocument::Indented)));
        break;
    }
    return ExitOk;
}

} // namespace rejectscope::cli
