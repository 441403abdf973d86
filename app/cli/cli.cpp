#include "cli.h"

#include "store/database.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

#include <cstdio>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace rejectscope::cli {

void out(const QString &text)
{
    const QByteArray bytes = text.toUtf8();
    std::fwrite(bytes.constData(), 1, std::size_t(bytes.size()), stdout);
    std::fflush(stdout);
}

void err(const QString &text)
{
    const QByteArray bytes = (u"rejectscope-cli: "_s + text + u'\n').toUtf8();
    std::fwrite(bytes.constData(), 1, std::size_t(bytes.size()), stderr);
}

bool stderrIsTerminal()
{
    return isatty(STDERR_FILENO) == 1;
}

QCommandLineOption databaseOption()
{
    return QCommandLineOption(
        {u"d"_s, u"db"_s},
        QCoreApplication::translate("cli", "The database file (default: %1).").arg(defaultDatabasePath()),
        QCoreApplication::translate("cli", "path"));
}

QString defaultDatabasePath()
{
    // ~/.local/share/rejectscope/rejectscope.db on Linux: per user, shared with the GUI.
    return QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation)
        + u"/rejectscope.db"_s;
}

std::unique_ptr<Database> openDatabase(const QCommandLineParser &parser, bool forWriting)
{
    const QString path = parser.isSet(u"db"_s) ? parser.value(u"db"_s) : defaultDatabasePath();
    if (forWriting && !parser.isSet(u"db"_s))
        QDir().mkpath(QFileInfo(path).absolutePath());
    auto database = std::make_unique<Database>(path);
    if (!database->open(forWriting ? Database::Mode::ReadWrite : Database::Mode::ReadOnly)) {
        err(QCoreApplication::translate("cli", "%1: %2").arg(path, database->errorString()));
        return nullptr;
    }
    return database;
}

std::optional<int> parseCommand(QCommandLineParser &parser, const QStringList &args,
                                const QString &command, const QString &description)
{
    parser.setApplicationDescription(description);
    const QCommandLineOption help = parser.addHelpOption();
    QStringList commandArgs = args;
    commandArgs.removeAt(1); // the command word: what is left parses like a program of its own
    commandArgs[0] = args[0] + u' ' + command;
    if (!parser.parse(commandArgs)) {
        err(parser.errorText());
        err(QCoreApplication::translate("cli", "try 'rejectscope-cli %1 --help'").arg(command));
        return ExitUsage;
    }
    if (parser.isSet(help)) {
        // The parser names the program as it was started; the usage line should name
        // the command too.
        QString text = parser.helpText();
        const qsizetype lineEnd = text.indexOf(u'\n');
        text.replace(0, lineEnd, text.left(lineEnd).replace(QCoreApplication::arguments().constFirst(),
                                                          u"rejectscope-cli "_s + command));
        out(text);
        return ExitOk;
    }
    return std::nullopt;
}

} // namespace rejectscope::cli
