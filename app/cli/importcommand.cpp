#include "cli.h"

#include "report/summarytext.h"
#include "report/terminaltext.h"
#include "store/database.h"
#include "store/importer.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QFileInfo>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace rejectscope::cli {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("cli", text);
}

// A one-line progress display on a terminal, redrawn at most ten times a second.
class TerminalProgress
{
public:
    void update(const ImportProgress &progress)
    {
        if (m_timer.isValid() && m_timer.elapsed() < 100)
            return;
        if (!m_timer.isValid())
            m_started.start();
        m_timer.start();
        const double seconds = std::max(0.001, double(m_started.elapsed()) / 1000.0);
        QString text = u"\r  "_s + terminalSafe(QFileInfo(progress.path).fileName()) + u"  "_s;
        if (progress.bytesTotal > 0)
            text += u"%1 %  "_s.arg(100.0 * double(progress.bytesDone) / double(progress.bytesTotal),
                                    5, 'f', 1);
        text += tr("%1 lines  %2 lines/s").arg(groupedNumber(progress.linesRead),
                                               groupedNumber(qint64(double(progress.linesRead) / seconds)));
        std::fputs((text + u"\x1b[K"_s).toUtf8().constData(), stderr);
        m_shown = true;
    }
    void clear()
    {
        if (m_shown)
            std::fputs("\r\x1b[K", stderr);
        m_shown = false;
        m_timer.invalidate();
    }

private:
    QElapsedTimer m_timer;
    QElapsedTimer m_started;
    bool m_shown = false;
};

QString reportLine(const ImportReport &report)
{
    const QString name = terminalSafe(report.path == u"-"_s ? tr("standard input") : report.path);
    switch (report.outcome) {
    case ImportReport::Outcome::AlreadyImported:
        return tr("%1: already imported, nothing new").arg(name);
    case ImportReport::Outcome::Cancelled:
    case ImportReport::Outcome::Failed:
    case ImportReport::Outcome::Imported:
        break;
    }
    QString text = tr("%1: %2 lines read, %3 events, %4 ignored, %5 not understood")
                       .arg(name, groupedNumber(report.linesRead), groupedNumber(report.events),
                            groupedNumber(report.ignored), groupedNumber(report.notUnderstood));
    if (report.resumed)
        text += tr(" (continued after %1 bytes already stored)").arg(groupedNumber(report.skippedBytes));
    return text;
}

} // namespace

int runImport(const QStringList &args)
{
    QCommandLineParser parser;
    parser.addOption(databaseOption());
    const QCommandLineOption yearOption(
        u"year"_s, tr("The year of the first line of logs whose timestamps have none "
                      "(default: from the file's modification time)."),
        tr("year"));
    const QCommandLineOption tzOption(
        u"tz"_s, tr("The time zone of timestamps without an offset, e.g. Europe/Berlin "
                    "(default: this machine's)."),
        tr("zone"));
    parser.addOption(yearOption);
    parser.addOption(tzOption);
    parser.addPositionalArgument(u"files"_s, tr("Logs to import; - reads standard input."),
                                 u"FILE..."_s);
    if (const auto stop = parseCommand(parser, args, u"import"_s,
                      tr("Reads Postfix logs into the database. Each line is stored once, "
                         "however often a log, its rotated or compressed copy, or its grown "
                         "self is imported.")))
        return *stop;

    ImportOptions options;
    options.stdinReference = QDateTime::currentDateTime();
    if (parser.isSet(yearOption)) {
        bool ok = false;
        const int year = parser.value(yearOption).toInt(&ok);
        if (!ok || year < 1970 || year > 9999) {
            err(tr("--year wants a year between 1970 and 9999, not '%1'").arg(parser.value(yearOption)));
            return ExitUsage;
        }
        options.year = year;
    }
    if (parser.isSet(tzOption)) {
        const QTimeZone zone(parser.value(tzOption).toUtf8());
        if (!zone.isValid()) {
            err(tr("--tz: unknown time zone '%1' (use a name like Europe/Berlin or UTC)")
                    .arg(parser.value(tzOption)));
            return ExitUsage;
        }
        options.zone = zone;
    }
    const QStringList files = parser.positionalArguments();
    if (files.isEmpty()) {
        err(tr("import needs at least one file (or - for standard input)"));
        return ExitUsage;
    }

    std::unique_ptr<Database> database = openDatabase(parser, true);
    if (!database)
        return ExitInputFailed;

    Importer importer(*database, options);
    TerminalProgress progress;
    if (stderrIsTerminal())
        importer.setProgressCallback([&](const ImportProgress &p) { progress.update(p); });

    int status = ExitOk;
    for (const QString &file : files) {
        const ImportReport report = importer.importFile(file);
        progress.clear();
        if (report.outcome == ImportReport::Outcome::Failed) {
            status = ExitInputFailed;
            const QString name = file == u"-"_s ? tr("standard input") : file;
            err(tr("%1: %2").arg(terminalSafe(name), report.error));
            if (report.linesRead > 0)
                err(tr("%1: the %2 lines read before the failure are stored")
                        .arg(terminalSafe(name), groupedNumber(report.linesRead)));
            continue;
        }
        out(reportLine(report) + u'\n');
    }
    return status;
}

} // namespace rejectscope::cli
