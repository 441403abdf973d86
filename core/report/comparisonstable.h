#pragma once

#include "analysis/overview.h"
#include "table.h"

#include <QTimeZone>

namespace rejectscope {

// Every before/after card of an overview in one table (columns documented in the
// README): one row per moment and metric, the moment's origin (a switch point
// found in the log, or a marker set by hand), its label, direction and reason, and
// the figures of beforeAfterTable().
Table comparisonsTable(const QList<MomentComparison> &comparisons, const QTimeZone &zone);

} // namespace rejectscope
