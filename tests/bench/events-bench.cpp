// events-bench: times the raw-event table on a large database. Run by hand (see
// README):
//
//   build/tests/bench/rejectscope-events-bench --db /tmp/bench.db --lines 77M --days 30
//
// A database that holds no events yet is first filled as every bench fills it
// (benchdatabase.h: rejectscope-loggen | rejectscope-cli import; 77 M lines give
// about 10.5 M events).
// Then: count() under several filters, page() at the start, the middle and the end
// of both time orders (each on a new EventQuery, as after a filter change, and the
// next page after it), a few other orders, and the CSV export of every event with
// the process's peak RSS before and after it.

#include "benchdatabase.h"

#include "analysis/eventquery.h"
#include "report/eventexport.h"
#include "store/database.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>

#include <cstdio>
#include <functional>
#include <limits>

using namespace Qt::StringLiterals;
using namespace rejectscope;
using rejectscope::bench::scalar;

namespace {

int g_repeat = 3;

void timeIt(const char *name, const std::function<QString()> &work)
{
    bench::timeIt(name, g_repeat, work);
}

// Peak resident memory of this process so far, in MB.
qint64 peakRssMb()
{
    QFile status(u"/proc/self/status"_s);
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong() / 1024;
    }
    return -1;
}

QString rowsNote(const std::optional<QList<EventRow>> &rows)
{
    if (!rows)
        return u"FAILED"_s;
    return u"%1 rows, first id %2"_s.arg(rows->size()).arg(rows->isEmpty() ? 0 : rows->first().id);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(u"Times Rejectscope's raw-event queries and CSV export."_s);
    parser.addHelpOption();
    parser.addOption({u"db"_s, u"The database (filled first when it holds no events)."_s, u"path"_s,
                      u"/tmp/rejectscope-analysis-bench.db"_s});
    parser.addOption({u"lines"_s, u"Log lines to generate for an empty database."_s, u"N"_s, u"77M"_s});
    parser.addOption({u"days"_s, u"Days the generated log covers."_s, u"D"_s, u"30"_s});
    parser.addOption({u"repeat"_s, u"Runs of each query."_s, u"R"_s, u"3"_s});
    parser.addOption({u"csv"_s, u"Where the export writes (deleted afterwards)."_s, u"path"_s,
                      u"/tmp/rejectscope-events-bench.csv"_s});
    parser.addOption({u"no-export"_s, u"Skip the CSV export."_s});
    parser.addOption({u"export-only"_s, u"Only the CSV export (its peak RSS is then the export's own)."_s});
    parser.process(app);
    g_repeat = qMax(1, parser.value(u"repeat"_s).toInt());
    const QString dbPath = parser.value(u"db"_s);

    if (!bench::ensureBenchDatabase(dbPath, parser.value(u"lines"_s), parser.value(u"days"_s)))
        return 1;
    Database db(dbPath);
    if (!db.open(Database::Mode::ReadOnly))
        return 1;
    const qint64 firstMs = scalar(db, u"SELECT MIN(time_ms) FROM event"_s);
    const qint64 lastMs = scalar(db, u"SELECT MAX(time_ms) FROM event"_s);
    const qint64 events = scalar(db, u"SELECT COUNT(*) FROM event"_s);
    if (events <= 0) {
        std::fprintf(stderr, "the database holds no events\n");
        return 1;
    }
    std::printf("database %s: %lld events, %.1f days, %lld MB\n", qPrintable(dbPath),
                static_cast<long long>(events), double(lastMs - firstMs) / 86400000.0,
                static_cast<long long>(QFileInfo(dbPath).size() / 1000000));

    AnalysisFilter everything;
    const bool exportOnly = parser.isSet(u"export-only"_s);
    AnalysisFilter tenDays;
    tenDays.fromMs = firstMs + 10LL * 86400000;
    tenDays.toMs = firstMs + 20LL * 86400000;
    AnalysisFilter inbound;
    inbound.direction = Direction::Inbound;
    AnalysisFilter temporary;
    temporary.codeClass = 4;
    AnalysisFilter text;
    text.text = u"gmail"_s;

    if (!exportOnly) {
        const auto counted = [&](const AnalysisFilter &filter) {
            return [&db, filter] {
                EventQuery query(db, filter);
                const auto n = query.count();
                return n ? u"%1 events"_s.arg(*n) : u"FAILED"_s;
            };
        };
        timeIt("count: no filter", counted(everything));
        timeIt("count: 10 of 30 days", counted(tenDays));
        timeIt("count: inbound", counted(inbound));
        timeIt("count: 4xx", counted(temporary));
        {
            const int saved = g_repeat;
            g_repeat = 1;
            timeIt("count: text \"gmail\"", counted(text));
            g_repeat = saved;
        }

        // A page on a new query that has counted (as the model's has after
        // setFilter); the count's time is not part of it.
        struct PageCase {
            const char *name;
            AnalysisFilter filter;
            EventSort sort;
            bool ascending;
            double where;
            bool andNext;
        };
        const QList<PageCase> cases{
            {"page: time asc, offset 0", everything, EventSort::Time, true, 0.0, false},
            {"page: time asc, middle", everything, EventSort::Time, true, 0.5, false},
            {"page: time asc, middle (+ next page)", everything, EventSort::Time, true, 0.5, true},
            {"page: time asc, end", everything, EventSort::Time, true, 1.0, false},
            {"page: time desc, offset 0", everything, EventSort::Time, false, 0.0, false},
            {"page: time desc, middle", everything, EventSort::Time, false, 0.5, false},
            {"page: time desc, end", everything, EventSort::Time, false, 1.0, false},
            {"page: time asc, 10 days, middle", tenDays, EventSort::Time, true, 0.5, false},
            {"page: time asc, inbound, middle", inbound, EventSort::Time, true, 0.5, false},
            {"page: time desc, 4xx, middle (+ next page)", temporary, EventSort::Time, false, 0.5, true},
            {"page: sender asc, offset 0", everything, EventSort::Sender, true, 0.0, false},
            {"page: sender asc, offset 0 (+ next page)", everything, EventSort::Sender, true, 0.0, true},
            {"page: sender desc, 4xx, offset 0", temporary, EventSort::Sender, false, 0.0, false},
        };
        for (const PageCase &c : cases) {
            qint64 first = -1;
            qint64 best = std::numeric_limits<qint64>::max();
            QString note;
            const int runs = c.sort == EventSort::Time ? g_repeat : 1;
            for (int i = 0; i < runs; ++i) {
                EventQuery query(db, c.filter);
                const std::int64_t n = query.count().value_or(0);
                const std::int64_t offset = std::max<std::int64_t>(0, std::int64_t(double(n) * c.where) - 256);
                QElapsedTimer timer;
                timer.start();
                auto rows = query.page(c.sort, c.ascending, offset, 256);
                const qint64 ms = timer.elapsed();
                note = rowsNote(rows) + u" at offset %1"_s.arg(offset);
                if (c.andNext && rows) {
                    timer.restart();
                    rows = query.page(c.sort, c.ascending, offset + 256, 256);
                    note += u"; the next page %1 ms"_s.arg(timer.elapsed());
                }
                if (first < 0)
                    first = ms;
                best = std::min(best, ms);
            }
            std::printf("%-52s first %6lld ms   best %6lld ms   %s\n", c.name, static_cast<long long>(first),
                        static_cast<long long>(best), qPrintable(note));
            std::fflush(stdout);
        }
    }

    if (parser.isSet(u"no-export"_s))
        return 0;
    const QString csv = parser.value(u"csv"_s);
    const qint64 rssBefore = peakRssMb();
    QElapsedTimer timer;
    timer.start();
    std::int64_t lastDone = 0;
    QString error;
    const bool ok = exportEventsCsv(db, everything, csv, QTimeZone(QByteArrayLiteral("Europe/Berlin")), nullptr,
                                    [&](std::int64_t done, std::int64_t) { lastDone = done; }, &error);
    const qint64 ms = timer.elapsed();
    std::printf("export: %s, %lld rows, %lld MB in %.1f s (%.0f rows/s); peak RSS %lld MB before, %lld MB after\n",
                ok ? "ok" : qPrintable(error), static_cast<long long>(lastDone),
                static_cast<long long>(QFileInfo(csv).size() / 1000000), double(ms) / 1000.0,
                double(lastDone) * 1000.0 / double(std::max<qint64>(1, ms)), static_cast<long long>(rssBefore),
                static_cast<long long>(peakRssMb()));
    QFile::remove(csv);
    return ok ? 0 : 1;
}
