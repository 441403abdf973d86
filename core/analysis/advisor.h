#pragma once

#include "analysisfilter.h"

#include <QList>
#include <QString>

#include <cstdint>
#include <optional>

namespace rejectscope {

class Database;

// One finding of the advisor: which main.cf setting makes remote servers (or this
// server) retry, the evidence, and what a change would save.
struct Finding {
    enum class Kind {
        TemporaryForPermanent, // a normally-permanent refusal answered with 4xx: change the code
        SoftBounceReceiving,   // several normally-5xx classes answered 4xx at once: soft_bounce = yes
        SoftBounceSending,     // SOFTBOUNCE delivery statuses: this server's own soft_bounce = yes
        SkipFiveXxGreeting,    // remote 521/556 greeting deferred: smtp_skip_5xx_greeting = yes
        Deliberate,            // greylisting, rate limits: temporary on purpose, leave them
        Backscatter,           // null-sender bounces to unknown users (joe-job)
    };
    Kind kind = Kind::TemporaryForPermanent;
    Direction direction = Direction::Inbound;
    ReasonClass reason = ReasonClass::Other;
    QString parameter;     // "unknown_local_recipient_reject_code", "soft_bounce", …
    QString currentValue;  // what the log shows: "450", "yes"
    QString suggestedValue; // "550", "no"; empty for Deliberate
    QString postfixDefault; // the parameter's Postfix default
    std::int64_t events = 0;
    std::int64_t distinctSenders = 0;
    std::int64_t distinctClients = 0; // inbound clients / outbound relays
    std::int64_t retriesSaved = 0;    // retries a permanent answer would have saved
    std::int64_t firstMs = 0;
    std::int64_t lastMs = 0;
    QString exampleReply;  // an example line's reply, as logged (untrusted text)
    QString exampleSender;
    QString exampleRecipient;
    QString exampleClient;
};

// Reads the database and says which main.cf parameter is behind each retry storm.
std::optional<QList<Finding>> adviseOn(Database &database, const AnalysisFilter &filter,
                                       QString *error);

QString findingKindName(Finding::Kind kind); // "temporary-for-permanent", …

} // namespace rejectscope
