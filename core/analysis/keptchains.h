#pragma once

// The storms list and chain totals of a search whose chains are kept
// (store/textmatches.h), worked out in memory: the same chains, in the same order,
// as the SQL paths of retrychains.cpp give, without walking the chains.

#include "retrychains.h"
#include "store/textmatches.h"

#include <cstdint>
#include <vector>

namespace rejectscope::keptchains {

// Whether the filter (all but its text, which the kept chains already match)
// selects the chain: overlapping the time range, of its direction and reason, and
// with attempts of its code class (2: it ended accepted).
bool selects(const AnalysisFilter &filter, const KeptChain &chain);

// The ids of the query's page of storms, in its order: for attempts and retries
// most attempts first, for duration the longest chains with retries first, and
// then in each the chains of one attempt newest first; for first seen the
// earliest first. Ties are ordered by the rest of the storms index's key.
std::vector<std::int64_t> stormPage(const KeptChainList &chains, const StormQuery &query);

RetryChains::Totals totals(const KeptChainList &chains, const AnalysisFilter &filter);

} // namespace rejectscope::keptchains
