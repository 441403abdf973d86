#include "cli.h"

#include "report/summarytext.h"
#include "store/database.h"
#include "store/summary.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace rejectscope::cli {

int runSummary(const QStringList &args)
{
    QCommandLineParser parser;
    parser.addOption(databaseOption());
    if (const auto stop = parseCommand(parser, args, u"summary"_s,
                      QCoreApplication::translate(
                          "cli", "Prints events by direction, kind, code class and reason, the "
                                 "time span, the hosts, and the lines read, recognised, "
                                 "ignored and not understood (with up to 10 examples).")))
        return *stop;
    if (!parser.positionalArguments().isEmpty()) {
        err(QCoreApplication::translate("cli", "summary takes no arguments"));
        return ExitUsage;
    }
    std::unique_ptr<Database> database = openDatabase(parser, false);
    if (!database)
        return ExitInputFailed;
    QString error;
    const std::optional<Summary> summary = loadSummary(*database, 10, &error);
    if (!summary) {
        err(QCoreApplication::translate("cli", "%1: cannot read the summary: %2")
                .arg(database->path(), error));
        return ExitInputFailed;
    }
    out(summaryText(*summary));
    return ExitOk;
}

} // namespace rejectscope::cli
