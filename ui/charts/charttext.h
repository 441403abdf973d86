#pragma once

#include "analysis/overview.h"

#include <QCoreApplication>
#include <QString>
#include <QTimeZone>

#include <cstdint>

namespace rejectscope {

// The texts of the timeline: captions of moments and tooltips, all plain text in
// the chart's zone. Labels of markers are the user's own text and stay plain.
class ChartText
{
    Q_DECLARE_TR_FUNCTIONS(rejectscope::ChartText)
public:
    static QString dateTime(std::int64_t ms, const QTimeZone &zone);
    // "Sat 21 Nov 2026, 14:05 – 14:10 CET"; both dates when they differ.
    static QString timeRange(std::int64_t fromMs, std::int64_t toMs, const QTimeZone &zone);
    // "−93 %", "+12 %", or empty when there was nothing before (NaN).
    static QString change(double percent);

    // The first caption line: the marker's label or what switched.
    static QString momentTitle(const MomentComparison &moment);
    // The second caption line: "attempts/h 120 → 8 (−93 %)", empty without windows.
    static QString momentFigures(const MomentComparison &moment);
    static QString momentToolTip(const MomentComparison &moment, const QTimeZone &zone);

    static QString bucketToolTip(const TimeBucket &bucket, std::int64_t bucketMs,
                                 const QTimeZone &zone);
    static QString floodToolTip(const Flood &flood, const QTimeZone &zone);
};

} // namespace rejectscope
