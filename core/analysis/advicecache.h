#pragma once

// Internal to core/analysis: the advisor's findings kept per filter in
// advice_cache (schema 004). Over millions of events the advisor reads for
// minutes; its findings change only when events are added, so a window opened
// again, or a filter chosen again, shows them at once.

#include "advisor.h"

#include <QList>

#include <cstdint>
#include <optional>

namespace rejectscope {

class Database;

namespace advicecache {

// The highest event id now (0 for no events), or nullopt when it cannot be read.
std::optional<std::int64_t> currentVersion(Database &database);

// The findings stored for `filter` at `version`, if any.
std::optional<QList<Finding>> lookup(Database &database, const AnalysisFilter &filter, std::int64_t version);

// Keeps the findings of `filter` read at `version`, and the most recent few
// others. Best effort: a read-only or busy database keeps nothing.
void store(Database &database, const AnalysisFilter &filter, std::int64_t version, const QList<Finding> &findings);

} // namespace advicecache
} // namespace rejectscope
