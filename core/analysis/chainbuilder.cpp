#include "chainbuilder.h"

#include <algorithm>

namespace rejectscope {

namespace {

std::int64_t median(std::vector<std::int64_t> &values)
{
    if (values.empty())
        return 0;
    const auto middle = values.begin() + std::ptrdiff_t(values.size() / 2);
    std::nth_element(values.begin(), middle, values.end());
    if (values.size() % 2 == 1)
        return *middle;
    // Even count: the mean of the two middle values; the lower one is the largest
    // value before `middle` after nth_element.
    const std::int64_t lower = *std::max_element(values.begin(), middle);
    return lower + (*middle - lower) / 2;
}

} // namespace

ChainBuilder::ChainBuilder(std::int64_t gapMs, std::int64_t endOfLogMs, ExpiryLookup expiry,
                           AcceptanceLookup accepted, Sink sink)
    : m_gapMs(gapMs)
    , m_endOfLogMs(endOfLogMs)
    , m_expiry(std::move(expiry))
    , m_accepted(std::move(accepted))
    , m_sink(std::move(sink))
{
}

int ChainBuilder::attemptClass(const AttemptRow &row)
{
    if (row.kind == int(EventKind::Reject))
        return row.codeClass;
    if (row.kind != int(EventKind::Delivery))
        return -1;
    switch (DeliveryStatus(row.status)) {
    case DeliveryStatus::Sent:
        return 2;
    case DeliveryStatus::Deferred:
    case DeliveryStatus::SoftBounce:
        return 4;
    case DeliveryStatus::Bounced:
        return 5;
    default:
        return -1; // probes, expiries, local "undeliverable": not attempts of a sender
    }
}

bool ChainBuilder::add(const AttemptRow &row)
{
    const int klass = attemptClass(row);
    if (klass < 0)
        return true;
    if (row.retryKey != m_currentKey) {
        if (!close(m_open[0]) || !close(m_open[1]))
            return false;
        m_currentKey = row.retryKey;
    }
    const Direction direction = row.kind == int(EventKind::Reject) ? Direction::Inbound
                                                                     : Direction::Outbound;
    Open &open = m_open[int(direction)];
    // "No gap exceeds the chain gap": a gap of exactly the limit stays in the chain.
    if (open.active && row.timeMs - open.chain.lastMs > m_gapMs) {
        if (!close(open))
            return false;
    }
    ChainRow &chain = open.chain;
    if (!open.active) {
        open.active = true;
        open.haveTemporaryReason = false;
        open.intervals.clear();
        chain = ChainRow{};
        chain.retryKey = row.retryKey;
        chain.direction = direction;
        chain.firstMs = row.timeMs;
        chain.firstEventId = row.eventId;
    } else {
        open.intervals.push_back(row.timeMs - chain.lastMs);
    }
    chain.lastMs = row.timeMs;
    chain.lastEventId = row.eventId;
    ++chain.attempts;
    if (klass == 4) {
        ++chain.temporaryAttempts;
        // The reason the key started retrying: later attempts of a retried message
        // may fail differently (a null server that goes away is then "connection
        // refused"), but the first 4xx is what caused the storm.
        if (!open.haveTemporaryReason) {
            chain.reason = ReasonClass(row.reason);
            open.haveTemporaryReason = true;
        }
    } else if (klass == 5) {
        ++chain.permanentAttempts;
    }
    open.lastClass = klass;
    open.lastReason = ReasonClass(row.reason);
    return true;
}

bool ChainBuilder::close(Open &open)
{
    if (!open.active)
        return true;
    open.active = false;
    ChainRow &chain = open.chain;
    if (!open.haveTemporaryReason)
        chain.reason = open.lastReason;
    chain.medianIntervalMs = median(open.intervals);

    switch (open.lastClass) {
    case 2:
        chain.outcome = ChainOutcome::Accepted;
        break;
    case 4:
        if (chain.direction == Direction::Outbound && m_expiry
            && m_expiry(chain.firstEventId, chain.lastMs, chain.lastMs + m_gapMs)) {
            chain.outcome = ChainOutcome::Expired;
        } else if (chain.direction == Direction::Inbound && m_accepted
                   && m_accepted(chain.firstEventId, chain.lastMs + 1, chain.lastMs + m_gapMs)) {
            chain.outcome = ChainOutcome::Accepted;
        } else {
            // A key that came back later than the gap started a new chain, so
            // this one also ends more than a gap before the end of the log.
            chain.outcome = m_endOfLogMs - chain.lastMs <= m_gapMs ? ChainOutcome::StillRetrying
                                                                   : ChainOutcome::GaveUp;
        }
        break;
    default:
        // 5xx, and rejections without a code: the client was told no.
        chain.outcome = ChainOutcome::RejectedForGood;
        break;
    }
    ++m_chains;
    m_longestMs = std::max(m_longestMs, chain.lastMs - chain.firstMs);
    return m_sink(chain);
}

bool ChainBuilder::finish()
{
    return close(m_open[0]) && close(m_open[1]);
}

} // namespace rejectscope
