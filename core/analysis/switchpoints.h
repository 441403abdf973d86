#pragma once

#include "analysisfilter.h"
#include "retrychains.h"

#include <QList>
#include <QString>

#include <cstdint>
#include <optional>

namespace rejectscope {

class Database;

// The moment a reason class's replies turned from 4xx to 5xx and stayed so, found
// automatically: the split that leaves the most 4xx before and 5xx after, accepted
// when at least `minimumShare` of the replies on each side agree and each side has
// `minimumEvents`; the moment is the first 5xx reply after the split.
struct SwitchOptions {
    double minimumShare = 0.8;
    int minimumEvents = 5;
};

struct SwitchPoint {
    std::int64_t timeMs = 0;
    Direction direction = Direction::Inbound;
    ReasonClass reason = ReasonClass::Other;
    std::int64_t temporaryBefore = 0;
    std::int64_t permanentAfter = 0;
    double shareBefore = 0; // 4xx share before the switch
    double shareAfter = 0;  // 5xx share after the switch
};

// A moment the user marked by hand ("I changed the configuration here").
struct Marker {
    std::int64_t id = 0;
    std::int64_t timeMs = 0;
    QString label;
};

// Equal windows on both sides of a moment.
struct WindowFigures {
    std::int64_t attempts = 0;
    std::int64_t distinctKeys = 0;
    std::int64_t retries = 0;       // attempts − distinct keys
    double attemptsPerHour = 0;
    double keysPerHour = 0;
    double retriesPerHour = 0;
    double amplification = 0;      // attempts ÷ distinct keys
    double temporaryShare = 0;     // 4xx ÷ (4xx + 5xx)
};

struct BeforeAfter {
    std::int64_t timeMs = 0;
    std::int64_t windowMs = 0;
    WindowFigures before;
    WindowFigures after;
    // Change in percent, after against before (NaN when before is 0).
    double attemptsChange = 0;
    double keysChange = 0;
    double retriesChange = 0;
    double amplificationChange = 0;
    double temporaryShareChange = 0; // in percentage points
};

std::optional<QList<SwitchPoint>> findSwitchPoints(Database &database, const AnalysisFilter &filter,
                                                   const SwitchOptions &options, QString *error);

// Before/after for the events the filter selects (its time range is ignored): the
// window is `windowMs`, or when 0 the largest equal span the log has on both sides.
std::optional<BeforeAfter> compareAround(Database &database, std::int64_t timeMs,
                                         std::int64_t windowMs, const AnalysisFilter &filter,
                                         QString *error);

std::optional<QList<Marker>> markers(Database &database, QString *error);
std::optional<Marker> addMarker(Database &database, std::int64_t timeMs, const QString &label,
                                QString *error);
bool removeMarker(Database &database, std::int64_t id, QString *error);

} // namespace rejectscope
