// rejectscope-cli: import Postfix logs and report on them without a display.
#include "cli.h"

#include <QCoreApplication>
#include <QGuiApplication>
#include <QTranslator>

#include <cstdio>
#include <cstring>
#include <memory>

using namespace Qt::StringLiterals;
using namespace rejectscope;

namespace {

QString usage()
{
    return QCoreApplication::translate(
        "cli",
        "Usage: rejectscope-cli COMMAND [OPTIONS]\n"
        "\n"
        "Shows which Postfix rejections make remote servers retry (4xx) and which end it (5xx).\n"
        "\n"
        "Commands:\n"
        "  import FILE...   read maillogs (plain, .gz, .bz2, .xz, .zst; - for stdin) into the database\n"
        "  summary          events by direction, code class and reason; lines not understood\n"
        "  storms           the retry storms (keys refused again and again) and deferral floods\n"
        "  compare          before and after a switch from 4xx to 5xx (--auto) or a moment (--at)\n"
        "  advise           which main.cf parameter is behind each storm, and what to set\n"
        "  top              the clients, senders, recipients or reasons refused most\n"
        "  report           the one-page PDF/HTML report and every table as CSV\n"
        "\n"
        "Run 'rejectscope-cli COMMAND --help' for a command's options.\n"
        "Options: --help, --version\n");
}

} // namespace

int main(int argc, char *argv[])
{
    // The report draws its chart and PDF with Qt Gui; on a server with no display it
    // renders offscreen. Every other command stays a plain core application.
    const bool drawsReport = argc > 1 && std::strcmp(argv[1], "report") == 0;
    if (drawsReport && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    const std::unique_ptr<QCoreApplication> app(drawsReport ? new QGuiApplication(argc, argv)
                                                            : new QCoreApplication(argc, argv));
    QCoreApplication::setApplicationName(u"rejectscope"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(REJECTSCOPE_VERSION));
    // The program speaks English; the English plural forms turn the core's
    // "%n sender(s)" into "1 sender" and "2 senders".
    QTranslator plurals;
    if (plurals.load(u"rejectscope_en"_s, u":/i18n"_s))
        QCoreApplication::installTranslator(&plurals);

    const QStringList args = QCoreApplication::arguments();
    const QString command = args.value(1);
    if (command == u"import"_s)
        return cli::runImport(args);
    if (command == u"summary"_s)
        return cli::runSummary(args);
    if (command == u"storms"_s)
        return cli::runStorms(args);
    if (command == u"compare"_s)
        return cli::runCompare(args);
    if (command == u"advise"_s)
        return cli::runAdvise(args);
    if (command == u"report"_s)
        return cli::runReport(args);
    if (command == u"top"_s)
        return cli::runTop(args);
    if (command == u"--version"_s || command == u"-v"_s) {
        cli::out(u"rejectscope-cli "_s + QCoreApplication::applicationVersion() + u'\n');
        return cli::ExitOk;
    }
    if (command == u"--help"_s || command == u"-h"_s || command == u"help"_s) {
        cli::out(usage());
        return cli::ExitOk;
    }
    if (command.isEmpty())
        cli::err(QCoreApplication::translate("cli", "no command given"));
    else
        cli::err(QCoreApplication::translate("cli", "unknown command '%1'").arg(command));
    std::fputs(usage().toUtf8().constData(), stderr);
    return cli::ExitUsage;
}
