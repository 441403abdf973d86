// rejectscope: the desktop application. Parses the command line and opens the
// main window; everything else is in ui/.

#include "language.h"
#include "mainwindow.h"
#include "settings.h"
#include "theme.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QIcon>
#include <QStandardPaths>
#include <QTimeZone>

using namespace Qt::StringLiterals;

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    // The same name as the CLI: both use ~/.local/share/rejectscope/rejectscope.db.
    QApplication::setApplicationName(u"rejectscope"_s);
    QApplication::setApplicationDisplayName(u"Rejectscope"_s);
    QApplication::setApplicationVersion(QStringLiteral(REJECTSCOPE_VERSION));
    QApplication::setDesktopFileName(u"org.rejectscope.Rejectscope"_s);
    QApplication::setWindowIcon(QIcon(u":/icons/rejectscope.svg"_s));
    rejectscope::installTranslations(app);
    rejectscope::applyTheme(app, rejectscope::themeSetting());

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate(
        "main", "Shows which Postfix rejections make remote servers retry, and what a configuration change did."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption databaseOption(
        u"db"_s, QApplication::translate("main", "The database to open (default: the last one used)."),
        QApplication::translate("main", "path"));
    const QCommandLineOption zoneOption(
        u"tz"_s,
        QApplication::translate("main", "Show times, and read year-less log timestamps, in this zone (e.g. UTC)."),
        QApplication::translate("main", "zone"));
    const QCommandLineOption fromOption(
        u"from"_s, QApplication::translate("main", "Show the chart from this moment (ISO 8601, e.g. 2026-11-21T23:50)."),
        QApplication::translate("main", "time"));
    const QCommandLineOption toOption(
        u"to"_s, QApplication::translate("main", "Show the chart up to this moment (ISO 8601)."),
        QApplication::translate("main", "time"));
    parser.addOption(databaseOption);
    parser.addOption(zoneOption);
    parser.addOption(fromOption);
    parser.addOption(toOption);
    parser.addPositionalArgument(u"logs"_s, QApplication::translate("main", "Mail logs to import."),
                                 u"[maillog…]"_s);
    parser.process(app);

    rejectscope::MainWindow window;
    if (parser.isSet(zoneOption)) {
        const QTimeZone zone(parser.value(zoneOption).toUtf8());
        if (!zone.isValid()) {
            fprintf(stderr, "%s\n",
                    qPrintable(QApplication::translate("main", "--tz: unknown time zone '%1'")
                                   .arg(parser.value(zoneOption))));
            return 2;
        }
        window.setTimeZone(zone);
    }
    const QString defaultPath =
        QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation) + u"/rejectscope.db"_s;
    QString error;
    if (parser.isSet(databaseOption)) {
        if (!window.openDatabase(parser.value(databaseOption), &error, true)) {
            fprintf(stderr, "%s\n", qPrintable(error));
            return 1;
        }
    } else {
        // The last database used, or the per-user default when it is gone.
        const QString last = rejectscope::settings().value(u"database/last"_s, defaultPath).toString();
        if (!window.openDatabase(last, &error, true) && last != defaultPath)
            window.openDatabase(defaultPath); // says why when this fails too
    }
    if (parser.isSet(fromOption) || parser.isSet(toOption)) {
        // Times without an offset are read in the zone the window shows.
        auto parse = [&](const QCommandLineOption &option) -> std::optional<qint64> {
            QDateTime time = QDateTime::fromString(parser.value(option), Qt::ISODate);
            if (!time.isValid())
                return std::nullopt;
            if (time.timeSpec() == Qt::LocalTime)
                time = QDateTime(time.date(), time.time(), window.timeZone());
            return time.toMSecsSinceEpoch();
        };
        const auto from = parse(fromOption);
        const auto to = parse(toOption);
        if (!from || !to || *to <= *from) {
            fprintf(stderr, "%s\n",
                    qPrintable(QApplication::translate("main", "--from and --to: give two ISO 8601 times, "
                                                               "the second after the first")));
            return 2;
        }
        window.showRange(*from, *to);
    }
    window.show();
    QStringList logs;
    for (const QString &argument : parser.positionalArguments())
        logs.append(QFileInfo(argument).absoluteFilePath());
    window.openLogs(logs);
    return QApplication::exec();
}
