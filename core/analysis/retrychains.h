#pragma once

#include "analysisfilter.h"

#include <QList>
#include <QString>

#include <cstdint>
#include <optional>
#include <vector>

namespace rejectscope {

class Database;
struct KeptChain;

// How attempts of one retry key are cut into chains.
struct ChainOptions {
    // A chain ends where the next attempt of its key comes later than this. Postfix
    // retries at most every maximal_backoff_time (4000 s by default) and other MTAs
    // within a few hours, so four hours keeps one message's retries together while a
    // spammer's return the next day starts a new chain.
    std::int64_t gapMs = 4LL * 3600 * 1000;
};

// How a chain ended. Values are stored in the database.
enum class ChainOutcome : std::uint8_t {
    Accepted = 0,        // outbound: the last attempt was sent; inbound: after the last 4xx, a
                         // message of the same sender to the same recipient was delivered
                         // within the gap (the client was let in at last, e.g. greylisting)
    RejectedForGood = 1, // the last attempt was refused with 5xx (inbound) / bounced (outbound)
    Expired = 2,         // outbound: the queue id expired (returned to sender)
    StillRetrying = 3,   // the last attempt was 4xx and the log ends within the chain gap
    GaveUp = 4,          // the last attempt was 4xx and the key did not come back within the gap
};

// The attempts of one retry key with no gap longer than ChainOptions::gapMs.
// Inbound key: (client IP, sender, recipient), case-folded; outbound: (queue id,
// recipient). Attempts are rejections (inbound) or delivery attempts (outbound).
struct RetryChain {
    std::int64_t id = 0;
    std::int64_t retryKey = 0;
    Direction direction = Direction::Inbound;
    ReasonClass reason = ReasonClass::Other; // of the chain's 4xx attempts, else its last
    std::int64_t firstMs = 0;
    std::int64_t lastMs = 0;
    int attempts = 0;
    int temporaryAttempts = 0; // 4xx
    int permanentAttempts = 0; // 5xx
    std::int64_t medianIntervalMs = 0; // 0 for a single attempt
    ChainOutcome outcome = ChainOutcome::StillRetrying;
    // The key, for display (from the chain's first event).
    QString clientIp;
    QString clientName;
    QString sender;
    QString recipient;
    QString queueId;
    QString reply; // the first attempt's reply text

    int retries() const { return attempts - 1; }
};

// How the storms list is sorted and cut.
struct StormQuery {
    AnalysisFilter filter;
    enum class Order { Attempts, Retries, Duration, FirstSeen } order = Order::Attempts;
    int limit = 100;
    int offset = 0;
    bool onlyWithRetries = true; // chains of one attempt are not storms
};

// Builds and reads the retry_chain table: chains are worked out once after an
// import (and again when the chain gap changes), so that the storms list and the
// before/after figures answer at once on millions of events.
class RetryChains
{
public:
    explicit RetryChains(Database &database);

    // Recomputes the chains if events were added since, or the options changed.
    bool ensureBuilt(const ChainOptions &options);
    bool rebuild(const ChainOptions &options);

    std::optional<QList<RetryChain>> storms(const StormQuery &query);
    // Totals over the chains the filter selects.
    struct Totals {
        std::int64_t chains = 0;
        std::int64_t attempts = 0;
        std::int64_t retries = 0;
        double amplification = 0; // attempts ÷ chains
    };
    std::optional<Totals> totals(const AnalysisFilter &filter);

    QString errorString() const { return m_error; }

private:
    std::optional<QList<RetryChain>> keptStorms(const std::vector<KeptChain> &kept, const StormQuery &query,
                                                bool *stale);

    Database &m_database;
    QString m_error;
};

QString chainOutcomeName(ChainOutcome outcome); // "accepted", "rejected-for-good", …

} // namespace rejectscope
