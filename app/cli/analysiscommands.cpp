#include "analysisoptions.h"
#include "cli.h"

#include "analysis/advisor.h"
#include "analysis/floods.h"
#include "analysis/retrychains.h"
#include "analysis/switchpoints.h"
#include "report/analysistables.h"
#include "report/analysistext.h"
#include "store/database.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>

using namespace Qt::StringLiterals;

namespace rejectscope::cli {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("cli", text);
}

void writeJson(const QJsonObject &object)
{
    out(QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Indented)));
}

void writeTable(const Table &table)
{
    QFile output;
    output.open(stdout, QIODevice::WriteOnly);
    writeCsv(table, &output);
}

int failed(const Database &database, const QString &what, const QString &error)
{
    err(tr("%1: %2: %3").arg(database.path(), what, error));
    return ExitInputFailed;
}

} // namespace

int runStorms(const QStringList &args)
{
    QCommandLineParser parser;
    addAnalysisOptions(parser);
    parser.addOption({u"gap"_s, tr("The chain gap: attempts further apart start a new chain "
                                   "(default 4h)."),
                      tr("duration"), u"4h"_s});
    parser.addOption({u"limit"_s, tr("How many storms to list (default 20)."), tr("n"), u"20"_s});
    parser.addOption({u"bucket"_s, tr("The flood rule's bucket (default 5m)."), tr("duration"), u"5m"_s});
    if (const auto stop = parseCommand(parser, args, u"storms"_s,
                      tr("Lists the retry storms — the keys refused again and again, longest "
                         "first — and the deferral floods.")))
        return *stop;
    AnalysisArguments arguments;
    if (!readAnalysisOptions(parser, arguments))
        return ExitUsage;
    const auto &[filter, format, zone] = arguments;
    const auto gap = parseDuration(parser.value(u"gap"_s));
    const auto bucket = parseDuration(parser.value(u"bucket"_s));
    bool limitOk = false;
    const int limit = parser.value(u"limit"_s).toInt(&limitOk);
    if (!gap || !bucket || !limitOk || limit <= 0) {
        err(tr("--gap and --bucket want durations such as 90s, 30m, 4h; --limit a positive number"));
        return ExitUsage;
    }

    std::unique_ptr<Database> database = openDatabase(parser, true);
    if (!database)
        return ExitInputFailed;
    RetryChains chains(*database);
    ChainOptions chainOptions;
    chainOptions.gapMs = *gap;
    if (!chains.ensureBuilt(chainOptions))
        return failed(*database, tr("cannot build the retry chains"), chains.errorString());
    StormQuery query;
    query.filter = filter;
    query.limit = limit;
    const auto storms = chains.storms(query);
    const auto totals = chains.totals(filter);
    if (!storms || !totals)
        return failed(*database, tr("cannot read the retry chains"), chains.errorString());
    QString error;
    FloodOptions floodOptions;
    floodOptions.bucketMs = *bucket;
    const auto floods = findFloods(*database, filter, floodOptions, &error);
    if (!floods)
        return failed(*database, tr("cannot find the floods"), error);

    switch (format) {
    case OutputFormat::Text:
        out(stormsText(*storms, *totals, *floods, zone));
        break;
    case OutputFormat::Csv:
        writeTable(stormsTable(*storms, zone));
        break;
    case OutputFormat::Json:
        writeJson({{u"chains"_s, qint64(totals->chains)},
                   {u"attempts"_s, qint64(totals->attempts)},
                   {u"retries"_s, qint64(totals->retries)},
                   {u"amplification"_s, totals->amplification},
                   {u"storms"_s, toJson(stormsTable(*storms, zone))},
                   {u"floods"_s, toJson(floodsTable(*floods, zone))}});
        break;
    }
    return ExitOk;
}

int runCompare(const QStringList &args)
{
    QCommandLineParser parser;
    addAnalysisOptions(parser);
    parser.addOption({u"at"_s, tr("Compare before and after this moment."), tr("time")});
    parser.addOption({u"auto"_s, tr("Compare around every switch from 4xx to 5xx found in the log "
                                    "(the default without --at).")});
    parser.addOption({u"window"_s, tr("The window on each side (default: the largest equal span "
                                      "the log has)."),
                      tr("duration")});
    if (const auto stop = parseCommand(parser, args, u"compare"_s,
                      tr("Compares equal windows before and after a configuration switch: "
                         "attempts, distinct keys and retries per hour, amplification, 4xx share.")))
        return *stop;
    AnalysisArguments arguments;
    if (!readAnalysisOptions(parser, arguments))
        return ExitUsage;
    const auto &[filter, format, zone] = arguments;
    if (parser.isSet(u"at"_s) && parser.isSet(u"auto"_s)) {
        err(tr("give either --at or --auto, not both"));
        return ExitUsage;
    }
    qint64 window = 0;
    if (parser.isSet(u"window"_s)) {
        const auto parsed = parseDuration(parser.value(u"window"_s));
        if (!parsed) {
            err(tr("--window wants a duration such as 30m or 2h"));
            return ExitUsage;
        }
        window = *parsed;
    }
    std::optional<qint64> at;
    if (parser.isSet(u"at"_s)) {
        at = parseTime(parser.value(u"at"_s), zone);
        if (!at) {
            err(tr("--at: cannot read the time '%1'").arg(parser.value(u"at"_s)));
            return ExitUsage;
        }
    }

    std::unique_ptr<Database> database = openDatabase(parser, true);
    if (!database)
        return ExitInputFailed;
    QString error;
    QList<SwitchPoint> points;
    QList<std::pair<SwitchPoint, BeforeAfter>> comparisons;
    if (at) {
        const auto comparison = compareAround(*database, *at, window, filter, &error);
        if (!comparison)
            return failed(*database, tr("cannot compare"), error);
        SwitchPoint moment;
        moment.timeMs = *at;
        comparisons.append({moment, *comparison});
    } else {
        const auto found = findSwitchPoints(*database, filter, SwitchOptions(), &error);
        if (!found)
            return failed(*database, tr("cannot find switch points"), error);
        points = *found;
        for (const SwitchPoint &point : points) {
            AnalysisFilter around = filter;
            around.direction = point.direction;
            around.reason = point.reason;
            const auto comparison = compareAround(*database, point.timeMs, window, around, &error);
            if (!comparison)
                return failed(*database, tr("cannot compare"), error);
            comparisons.append({point, *comparison});
        }
    }

    switch (format) {
    case OutputFormat::Text: {
        QString text = at ? QString() : switchPointsText(points, zone) + u'\n';
        for (const auto &[point, comparison] : comparisons)
            text += beforeAfterText(comparison, zone) + u'\n';
        out(text);
        break;
    }
    case OutputFormat::Csv: {
        Table all;
        for (const auto &[point, comparison] : comparisons) {
            const Table table = beforeAfterTable(comparison, zone);
            all.columns = table.columns;
            all.rows += table.rows;
        }
        if (all.columns.isEmpty())
            all.columns = beforeAfterTable(BeforeAfter(), zone).columns;
        writeTable(all);
        break;
    }
    case OutputFormat::Json: {
        QJsonArray array;
        for (const auto &[point, comparison] : comparisons)
            array.append(QJsonObject{{u"switch"_s, toJson(switchPointsTable({point}, zone)).first()},
                                     {u"comparison"_s, toJson(beforeAfterTable(comparison, zone))}});
        writeJson({{u"comparisons"_s, array}});
        break;
    }
    }
    return ExitOk;
}

int runAdvise(const QStringList &args)
{
    QCommandLineParser parser;
    addAnalysisOptions(parser);
    if (const auto stop = parseCommand(parser, args, u"advise"_s,
                      tr("Says which main.cf parameter is behind each retry storm, with the "
                         "evidence, and what changing it would save.")))
        return *stop;
    AnalysisArguments arguments;
    if (!readAnalysisOptions(parser, arguments))
        return ExitUsage;
    const auto &[filter, format, zone] = arguments;
    std::unique_ptr<Database> database = openDatabase(parser, true);
    if (!database)
        return ExitInputFailed;
    QString error;
    const auto findings = adviseOn(*database, filter, &error);
    if (!findings)
        return failed(*database, tr("cannot advise"), error);
    switch (format) {
    case OutputFormat::Text:
        out(findingsText(*findings, zone));
        break;
    case OutputFormat::Csv:
        writeTable(findingsTable(*findings, zone));
        break;
    case OutputFormat::Json:
        writeJson({{u"findings"_s, toJson(findingsTable(*findings, zone))}});
        break;
    }
    return ExitOk;
}

} // namespace rejectscope::cli
