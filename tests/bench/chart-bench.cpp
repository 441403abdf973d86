// chart-bench: times the timeline chart's redraw. Run by hand:
//
//   QT_QPA_PLATFORM=offscreen build/tests/bench/rejectscope-chart-bench [--repeat N]
//
// For 400, 1,000 and 5,000 buckets of a retry storm: the model's setBuckets (the
// chart rebuilds its series on the reset), a full repaint of the widget (grab) and
// one zoom step (a new visible range), each run --repeat times. Printed: the median
// in milliseconds of CPU time (the machine may be shared) and of wall time.

#include "charts/timelinechart.h"
#include "models/timelinemodel.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QPixmap>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <ctime>

using namespace Qt::StringLiterals;
using namespace rejectscope;

namespace {

// A day of traffic with a storm of 4xx that turns into 5xx at two thirds.
QList<TimeBucket> storm(int count, std::int64_t bucketMs)
{
    const std::int64_t start = 1795305036000LL;
    QList<TimeBucket> buckets;
    buckets.reserve(count);
    for (int i = 0; i < count; ++i) {
        const double x = double(i) / count;
        const std::int64_t wave = std::llround(40 + 30 * std::sin(i * 0.37));
        TimeBucket bucket{start + i * bucketMs, x < 0.66 ? wave + (i % 7) : i % 3,
                          x < 0.66 ? i % 2 : wave / 4, 20 + i % 11};
        buckets << bucket;
    }
    return buckets;
}

double median(QList<double> values)
{
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
}

double cpuMs()
{
    timespec now{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
    return double(now.tv_sec) * 1e3 + double(now.tv_nsec) / 1e6;
}

// CPU and wall milliseconds of each run of one step.
struct Times {
    QList<double> cpu;
    QList<double> wall;

    template<typename Work>
    void measure(Work work)
    {
        QElapsedTimer timer;
        timer.start();
        const double cpu0 = cpuMs();
        work();
        cpu << cpuMs() - cpu0;
        wall << double(timer.nsecsElapsed()) / 1e6;
    }
    QString text() const
    {
        return QString::asprintf("%8.2f %8.2f", median(cpu), median(wall));
    }
};

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(u"Times the timeline chart's update and repaint."_s);
    parser.addHelpOption();
    const QCommandLineOption repeat(u"repeat"_s, u"Runs per size."_s, u"n"_s, u"20"_s);
    parser.addOption(repeat);
    parser.process(app);
    const int runs = std::max(1, parser.value(repeat).toInt());

    TimelineModel model;
    TimelineChart chart(&model);
    chart.resize(1400, 420);
    chart.show();
    QApplication::processEvents();

    std::printf("%-8s %-19s %-19s %-19s\n", "", "setBuckets", "repaint", "zoom step");
    std::printf("%-8s %-19s %-19s %-19s\n", "buckets", "  cpu ms  wall ms", "  cpu ms  wall ms",
                "  cpu ms  wall ms");
    for (const int count : {400, 1000, 5000}) {
        const std::int64_t bucketMs = 60 * 1000;
        const QList<TimeBucket> data = storm(count, bucketMs);
        Times update;
        Times paint;
        Times zoom;
        for (int run = 0; run < runs; ++run) {
            // Alternate with an empty model so every run is a real change.
            model.setBuckets({}, bucketMs);
            QApplication::processEvents();
            update.measure([&] { model.setBuckets(data, bucketMs); });
            paint.measure([&] {
                if (chart.grab().isNull())
                    std::abort();
            });
            const auto [from, to] = chart.visibleRange();
            zoom.measure([&] { chart.setVisibleRange(from + (to - from) / 10, to - (to - from) / 10); });
            chart.resetZoom();
        }
        std::printf("%-8d %s %s %s\n", count, qPrintable(update.text()), qPrintable(paint.text()),
                    qPrintable(zoom.text()));
        std::fflush(stdout);
    }
    return 0;
}
