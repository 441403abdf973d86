#include "analysisoptions.h"
#include "cli.h"

#include "analysis/overview.h"
#include "report/analysistables.h"
#include "report/comparisonstable.h"
#include "report/eventexport.h"
#include "report/page/onepagereport.h"
#include "report/terminaltext.h"
#include "report/timelinetable.h"
#include "report/toplisttable.h"
#include "store/database.h"
#include "store/summary.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QSaveFile>

#include <functional>

using namespace Qt::StringLiterals;

namespace rejectscope::cli {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("cli", text);
}

QString shownPath(const QString &path)
{
    return terminalSafe(QDir::toNativeSeparators(path));
}

// Writes one file whole or not at all.
bool writeFile(const QString &path, const std::function<bool(QIODevice *)> &write)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || !write(&file) || !file.commit()) {
        err(tr("%1: cannot write: %2").arg(shownPath(path), file.errorString()));
        return false;
    }
    return true;
}

bool writeTableFile(const QString &path, const Table &table)
{
    return writeFile(path, [&](QIODevice *device) { return writeCsv(table, device); });
}

bool writeCsvFiles(const QString &dirPath, Database &database, const AnalysisFilter &filter,
                   const Overview &overview, const QTimeZone &zone)
{
    QDir dir(dirPath);
    if (!dir.mkpath(u"."_s)) {
        err(tr("%1: cannot create the folder").arg(shownPath(dirPath)));
        return false;
    }
    const QList<std::pair<QString, Table>> tables{
        {u"storms.csv"_s, stormsTable(overview.storms, zone)},
        {u"timeline.csv"_s, timelineTable(overview.buckets, overview.bucketMs, zone)},
        {u"floods.csv"_s, floodsTable(overview.floods, zone)},
        {u"switch-points.csv"_s, switchPointsTable(overview.switchPoints, zone)},
        {u"before-after.csv"_s, comparisonsTable(overview.comparisons, zone)},
        {u"findings.csv"_s, findingsTable(overview.findings, zone)},
        {u"top-clients.csv"_s, topListTable(TopListKind::Clients, overview.topClients, zone)},
        {u"top-senders.csv"_s, topListTable(TopListKind::Senders, overview.topSenders, zone)},
        {u"top-recipients.csv"_s, topListTable(TopListKind::Recipients, overview.topRecipients, zone)},
        {u"top-reasons.csv"_s, topListTable(TopListKind::Reasons, overview.topReasons, zone)},
    };
    for (const auto &[name, table] : tables) {
        if (!writeTableFile(dir.filePath(name), table))
            return false;
    }
    // The raw events may be millions of rows: streamed, never held.
    QString error;
    if (!exportEventsCsv(database, filter, dir.filePath(u"events.csv"_s), zone, nullptr, {}, &error)) {
        err(terminalSafe(error));
        return false;
    }
    return true;
}

QString defaultTitle(Database &database)
{
    QString error;
    const auto summary = loadSummary(database, 0, &error);
    if (!summary || summary->hosts.isEmpty())
        return tr("Postfix rejections and retries");
    QStringList hosts = summary->hosts;
    if (hosts.size() > 3) {
        hosts = hosts.mid(0, 3);
        hosts << u"…"_s;
    }
    return tr("Postfix rejections and retries on %1").arg(hosts.join(u", "_s));
}

} // namespace

int runReport(const QStringList &args)
{
    QCommandLineParser parser;
    addAnalysisOptions(parser);
    parser.addOption({u"csv"_s, tr("Write every table as a CSV file into this folder."), tr("folder")});
    parser.addOption({u"pdf"_s, tr("Write the one-page report as PDF (A4)."), tr("file")});
    parser.addOption({u"html"_s, tr("Write the one-page report as HTML, its chart beside it "
                                    "(FILE-timeline.png)."),
                      tr("file")});
    parser.addOption({u"title"_s, tr("The report's title (default: names the hosts of the log)."), tr("text")});
    parser.addOption({u"bucket"_s, tr("The chart's bucket (default: chosen from the time span)."),
                      tr("duration")});
    parser.addOption({u"window"_s, tr("The before/after window on each side (default: the largest "
                                      "equal span the log has)."),
                      tr("duration")});
    parser.addOption({u"gap"_s, tr("The chain gap: attempts further apart start a new chain (default 4h)."),
                      tr("duration"), u"4h"_s});
    parser.addOption({u"limit"_s, tr("How many storms and top-list rows the CSV files hold (default 500)."),
                      tr("n"), u"500"_s});
    if (const auto stop = parseCommand(parser, args, u"report"_s,
                                       tr("Writes the report: a one-page PDF or HTML with the timeline, "
                                          "the before/after figures, the advice and the top storms, and "
                                          "every table as CSV. Give at least one of --csv, --pdf, --html.")))
        return *stop;
    AnalysisArguments arguments;
    if (!readAnalysisOptions(parser, arguments))
        return ExitUsage;
    const QString csvDir = parser.value(u"csv"_s);
    const QString pdfPath = parser.value(u"pdf"_s);
    const QString htmlPath = parser.value(u"html"_s);
    if (csvDir.isEmpty() && pdfPath.isEmpty() && htmlPath.isEmpty()) {
        err(tr("give at least one of --csv FOLDER, --pdf FILE, --html FILE"));
        return ExitUsage;
    }

    OverviewRequest request;
    request.filter = arguments.filter;
    const auto duration = [&](const QString &name, std::int64_t &target) {
        if (!parser.isSet(name))
            return true;
        const auto parsed = parseDuration(parser.value(name));
        if (!parsed) {
            err(tr("--%1 wants a duration such as 90s, 30m, 4h").arg(name));
            return false;
        }
        target = *parsed;
        return true;
    };
    if (!duration(u"bucket"_s, request.bucketMs) || !duration(u"window"_s, request.compareWindowMs)
        || !duration(u"gap"_s, request.chains.gapMs))
        return ExitUsage;
    bool limitOk = false;
    const int limit = parser.value(u"limit"_s).toInt(&limitOk);
    if (!limitOk || limit <= 0) {
        err(tr("--limit wants a positive number"));
        return ExitUsage;
    }
    request.stormLimit = limit;
    request.topLimit = limit;

    std::unique_ptr<Database> database = openDatabase(parser, true);
    if (!database)
        return ExitInputFailed;
    QString error;
    const std::optional<Overview> overview = loadOverview(*database, request, &error);
    if (!overview) {
        err(tr("%1: cannot read the analysis: %2").arg(shownPath(database->path()), error));
        return ExitInputFailed;
    }

    ReportContext context;
    context.title = parser.isSet(u"title"_s) ? parser.value(u"title"_s) : defaultTitle(*database);
    context.zone = arguments.zone;
    context.generatedAtMs = QDateTime::currentMSecsSinceEpoch();

    bool ok = true;
    if (!csvDir.isEmpty()) {
        if (writeCsvFiles(csvDir, *database, arguments.filter, *overview, arguments.zone))
            out(tr("CSV files: %1").arg(shownPath(QDir(csvDir).absolutePath())) + u'\n');
        else
            ok = false;
    }
    if (!pdfPath.isEmpty()) {
        if (writeReportPdf(pdfPath, *overview, context, &error))
            out(tr("PDF: %1").arg(shownPath(QFileInfo(pdfPath).absoluteFilePath())) + u'\n');
        else {
            err(terminalSafe(error));
            ok = false;
        }
    }
    if (!htmlPath.isEmpty()) {
        if (writeReportHtml(htmlPath, *overview, context, &error))
            out(tr("HTML: %1").arg(shownPath(QFileInfo(htmlPath).absoluteFilePath())) + u'\n');
        else {
            err(terminalSafe(error));
            ok = false;
        }
    }
    return ok ? ExitOk : ExitInputFailed;
}

} // namespace rejectscope::cli
