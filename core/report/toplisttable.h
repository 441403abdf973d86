#pragma once

#include "analysis/toplists.h"
#include "table.h"

namespace rejectscope {

// A top list as a table with stable column names (documented in the README), for
// CSV and JSON: rank, key, reason, attempts, temporary, permanent, share (of all
// the attempts the filter selects, 0–1), and first and last seen in UTC and in the
// given zone.
Table topListTable(TopListKind kind, const QList<TopEntry> &entries, const QTimeZone &zone);

} // namespace rejectscope
