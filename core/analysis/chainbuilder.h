#pragma once

// Internal to core/analysis: cuts attempts, read in (retry key, time) order, into
// retry chains in one pass. Plain C++ so that the scan can feed it straight from
// sqlite3 rows.

#include "retrychains.h"

#include <cstdint>
#include <functional>
#include <vector>

namespace rejectscope {

// One attempt as the event_retry index holds it.
struct AttemptRow {
    std::int64_t retryKey = 0;
    std::int64_t timeMs = 0;
    int codeClass = 0;
    int status = 0;
    int kind = 0;
    int reason = 0;
    std::int64_t eventId = 0;
};

// A finished chain, as retry_chain stores it.
struct ChainRow {
    std::int64_t retryKey = 0;
    Direction direction = Direction::Inbound;
    ReasonClass reason = ReasonClass::Other;
    ChainOutcome outcome = ChainOutcome::StillRetrying;
    std::int64_t firstMs = 0;
    std::int64_t lastMs = 0;
    int attempts = 0;
    int temporaryAttempts = 0;
    int permanentAttempts = 0;
    std::int64_t medianIntervalMs = 0;
    std::int64_t firstEventId = 0;
    std::int64_t lastEventId = 0;
};

class ChainBuilder
{
public:
    // Whether the queue id of the chain's events expired (a qmgr status=expired
    // line) within [fromMs, toMs]; asked only for outbound chains whose last
    // attempt was retried.
    using ExpiryLookup = std::function<bool(std::int64_t firstEventId, std::int64_t fromMs,
                                            std::int64_t toMs)>;
    // Whether the sender and recipient of the chain's events had a message delivered
    // (status=sent) within [fromMs, toMs]: the client retried and was let in at
    // last. Asked only for inbound chains whose last attempt was refused with 4xx.
    using AcceptanceLookup = ExpiryLookup;
    // Receives each finished chain; false stops the build.
    using Sink = std::function<bool(const ChainRow &)>;

    ChainBuilder(std::int64_t gapMs, std::int64_t endOfLogMs, ExpiryLookup expiry,
                 AcceptanceLookup accepted, Sink sink);

    // Rows must come ordered by retry key, then time. Rows that are not attempts
    // (warnings, expiries, other delivery statuses) are skipped.
    bool add(const AttemptRow &row);
    // Ends the open chains; call once after the last row.
    bool finish();

    std::int64_t chains() const { return m_chains; }
    std::int64_t longestMs() const { return m_longestMs; }

private:
    // An attempt's class as the analysis sees it: 4 retried, 5 refused for good,
    // 2 accepted, 0 unknown (a rejection without a code).
    static int attemptClass(const AttemptRow &row);

    struct Open {
        bool active = false;
        ChainRow chain;
        bool haveTemporaryReason = false;
        int lastClass = 0;
        ReasonClass lastReason = ReasonClass::Other;
        std::vector<std::int64_t> intervals;
    };
    bool close(Open &open);

    std::int64_t m_gapMs;
    std::int64_t m_endOfLogMs;
    ExpiryLookup m_expiry;
    AcceptanceLookup m_accepted;
    Sink m_sink;
    std::int64_t m_currentKey = 0;
    // A key's attempts in each direction: a hash shared by an inbound and an
    // outbound key must not merge two different things.
    Open m_open[2];
    std::int64_t m_chains = 0;
    std::int64_t m_longestMs = 0;
};

} // namespace rejectscope
