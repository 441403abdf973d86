#pragma once

#include <QCommandLineParser>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

namespace rejectscope {

class Database;

namespace cli {

// Exit statuses of rejectscope-cli.
enum ExitCode { ExitOk = 0, ExitInputFailed = 1, ExitUsage = 2 };

// Writes to stdout / stderr (stderr lines are prefixed with the program name).
void out(const QString &text);
void err(const QString &text);
bool stderrIsTerminal();

// The --db option every command takes, and the per-user default behind it.
QCommandLineOption databaseOption();
QString defaultDatabasePath();

// Opens the database named by --db (or the default); prints why on failure.
std::unique_ptr<Database> openDatabase(const QCommandLineParser &parser, bool forWriting);

// Parses a command's own arguments (args[0] is the program, args[1] the command).
// Returns the exit status when the command ends here — usage error (printed) or
// --help (the help printed) — and nothing when it should go on.
std::optional<int> parseCommand(QCommandLineParser &parser, const QStringList &args, const QString &command,
                  const QString &description);

int runImport(const QStringList &args);
int runSummary(const QStringList &args);
int runStorms(const QStringList &args);
int runCompare(const QStringList &args);
int runAdvise(const QStringList &args);
int runTop(const QStringList &args);
int runReport(const QStringList &args);

} // namespace cli
} // namespace rejectscope
