#include "benchdatabase.h"

#include "store/database.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QProcess>
#include <QSqlQuery>

#include <algorithm>
#include <cstdio>
#include <limits>

using namespace Qt::StringLiterals;

namespace rejectscope::bench {

namespace {

bool generate(const QString &dbPath, const QString &lines, const QString &days)
{
    const QString loggen = QCoreApplication::applicationDirPath() + u"/rejectscope-loggen"_s;
    const QString cli = QStringLiteral(REJECTSCOPE_CLI_PATH);
    std::printf("generating %s lines over %s days into %s ...\n", qPrintable(lines), qPrintable(days),
                qPrintable(dbPath));
    std::fflush(stdout);
    QElapsedTimer timer;
    timer.start();
    QProcess process;
    process.setProcessChannelMode(QProcess::ForwardedChannels);
    // Paths and numbers are positional arguments of sh, never part of the script.
    process.start(u"sh"_s, {u"-c"_s,
                            u"\"$0\" --lines \"$2\" --days \"$3\" --seed 1 | \"$1\" import --db \"$4\""
                            " --year 2026 --tz UTC -"_s,
                            loggen, cli, lines, days, dbPath});
    if (!process.waitForFinished(-1) || process.exitCode() != 0) {
        std::fprintf(stderr, "generation failed\n");
        return false;
    }
    std::printf("generated and imported in %.1f s\n", double(timer.elapsed()) / 1000.0);
    return true;
}

} // namespace

qint64 scalar(Database &db, const QString &sql)
{
    QSqlQuery query(db.connection());
    return query.exec(sql) && query.next() ? query.value(0).toLongLong() : -1;
}

bool ensureBenchDatabase(const QString &dbPath, const QString &lines, const QString &days)
{
    // Closed again before the caller opens it in its own mode (read-only for some).
    Database probe(dbPath);
    if (!probe.open()) {
        std::fprintf(stderr, "cannot open %s: %s\n", qPrintable(dbPath), qPrintable(probe.errorString()));
        return false;
    }
    const bool empty = scalar(probe, u"SELECT COUNT(*) FROM (SELECT 1 FROM event LIMIT 1) x"_s) == 0;
    return !empty || generate(dbPath, lines, days);
}

void timeIt(const char *name, int repeat, const std::function<QString()> &work)
{
    qint64 first = -1;
    qint64 best = std::numeric_limits<qint64>::max();
    QString note;
    for (int i = 0; i < repeat; ++i) {
        QElapsedTimer timer;
        timer.start();
        note = work();
        const qint64 ms = timer.elapsed();
        if (first < 0)
            first = ms;
        best = std::min(best, ms);
    }
    std::printf("%-52s first %6lld ms   best %6lld ms   %s\n", name, static_cast<long long>(first),
                static_cast<long long>(best), qPrintable(note));
    std::fflush(stdout);
}

} // namespace rejectscope::bench
