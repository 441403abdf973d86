#include "keptchains.h"

#include <algorithm>
#include <array>

namespace rejectscope::keptchains {

namespace {

using SortKey = std::array<std::int64_t, 7>;

// The key each order sorts by (descending but for first seen). A chain of one
// attempt starts and ends at once: its duration is 0 and its attempts 1, so in
// the orders by attempts and duration it sorts after the chains with retries, and
// among the others newest first, as the two SQL steps put them.
SortKey keyOf(StormQuery::Order order, const KeptChain &c)
{
    switch (order) {
    case StormQuery::Order::Attempts:
    case StormQuery::Order::Retries:
        return {c.attempts, c.firstMs, c.lastMs, c.direction, c.reason, c.id, 0};
    case StormQuery::Order::Duration:
        return {c.lastMs - c.firstMs, c.attempts, c.firstMs, c.direction, c.reason, c.id, 0};
    case StormQuery::Order::FirstSeen:
        return {c.firstMs, c.lastMs, c.direction, c.reason, c.attempts, c.id, 0};
    }
    return {};
}

bool descending(StormQuery::Order order)
{
    return order != StormQuery::Order::FirstSeen;
}

} // namespace

bool selects(const AnalysisFilter &filter, const KeptChain &chain)
{
    if (filter.fromMs && chain.lastMs < *filter.fromMs)
        return false;
    if (filter.toMs && chain.firstMs >= *filter.toMs)
        return false;
    if (filter.direction && chain.direction != std::uint8_t(*filter.direction))
        return false;
    if (filter.reason && chain.reason != std::uint8_t(*filter.reason))
        return false;
    if (filter.codeClass) {
        switch (*filter.codeClass) {
        case 2:
            return chain.outcome == std::uint8_t(ChainOutcome::Accepted);
        case 4:
            return chain.temporaryAttempts > 0;
        case 5:
            return chain.permanentAttempts > 0;
        default:
            return false;
        }
    }
    return true;
}

std::vector<std::int64_t> stormPage(const KeptChainList &chains, const StormQuery &query)
{
    std::vector<const KeptChain *> selected;
    for (const KeptChain &chain : chains)
        if ((!query.onlyWithRetries || chain.attempts >= 2) && selects(query.filter, chain))
            selected.push_back(&chain);
    const std::size_t offset = std::min(selected.size(), std::size_t(std::max(0, query.offset)));
    const std::size_t end = std::min(selected.size(), offset + std::size_t(std::max(0, query.limit)));
    const bool down = descending(query.order);
    std::partial_sort(selected.begin(), selected.begin() + std::ptrdiff_t(end), selected.end(),
                      [&](const KeptChain *a, const KeptChain *b) {
                          const SortKey ka = keyOf(query.order, *a), kb = keyOf(query.order, *b);
                          return down ? ka > kb : ka < kb;
                      });
    std::vector<std::int64_t> page;
    for (std::size_t i = offset; i < end; ++i)
        page.push_back(selected[i]->id);
    return page;
}

RetryChains::Totals totals(const KeptChainList &chains, const AnalysisFilter &filter)
{
    RetryChains::Totals totals;
    for (const KeptChain &chain : chains) {
        if (selects(filter, chain)) {
            ++totals.chains;
            totals.attempts += chain.attempts;
        }
    }
    totals.retries = totals.attempts - totals.chains;
    totals.amplification = totals.chains > 0 ? double(totals.attempts) / double(totals.chains) : 0.0;
    return totals;
}

} // namespace rejectscope::keptchains
