#pragma once

#include "analysis/advisor.h"
#include "analysis/floods.h"
#include "analysis/retrychains.h"
#include "analysis/switchpoints.h"
#include "table.h"

namespace rejectscope {

// The analysis results as tables with stable column names (documented in the
// README), for CSV and JSON. Times appear twice: UTC and the given zone.
Table stormsTable(const QList<RetryChain> &chains, const QTimeZone &zone);
Table floodsTable(const QList<Flood> &floods, const QTimeZone &zone);
Table switchPointsTable(const QList<SwitchPoint> &points, const QTimeZone &zone);
Table beforeAfterTable(const BeforeAfter &comparison, const QTimeZone &zone);
Table findingsTable(const QList<Finding> &findings, const QTimeZone &zone);

} // namespace rejectscope
