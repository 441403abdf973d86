#pragma once

// Internal to the advisor: recognising soft_bounce = yes on the receiving side.
//
// Under soft_bounce = yes Postfix's smtpd turns every 5xx reply into 4xx (the
// first digit of the code and of the enhanced code) and logs the 4xx. One class
// alone at 4xx therefore reads exactly like its *_reject_code = 450; what gives
// soft_bounce away is its reach and its timing. The rule, per host:
//
// 1. A "run" is a stretch of one class's 4xx refusals with no 5xx refusal of that
//    class in between, for the classes Postfix refuses with 5xx by default
//    (unknown users of every table, RBL hits, relay denials).
// 2. A run is a soft_bounce candidate when it has at least `minimumRunEvents`
//    refusals and either
//    a. toggle: at least `minimumRunEvents` 5xx refusals of the same class came
//       right before it and again right after it (550s, then 450s, then 550s: a
//       switch that was undone), or
//    b. together: a run of another such class overlaps it in time (within
//       `slackMs`). Relay denials do not count for this: Postfix's default
//       smtpd_relay_restrictions end in defer_unauth_destination, whose 454 is
//       indistinguishable from a softened 554.
//    A class whose 4xx and 5xx interleave — more than `maximumRuns` runs on the
//    host — is a mixed configuration (a 454 from defer_unauth_destination beside
//    a 554 from reject_unauth_destination, one DNSBL answered 450 and another
//    554), not a switch: neither rule applies to it.
// 3. A candidate is dropped when the host logged any 5xx smtpd refusal strictly
//    inside it: with soft_bounce = yes there are none at all.
//
// The time range of the filter is honoured (a toggle cut off by it is not seen);
// its reason, code class and text are not, because the evidence is the context.

#include "advisorquery.h"

#include <QList>
#include <QString>

#include <cstdint>
#include <optional>

namespace rejectscope {

class Database;
struct AnalysisFilter;

struct SoftBounceOptions {
    int minimumRunEvents = 3;
    int maximumRuns = 10;
    std::int64_t slackMs = 10LL * 60 * 1000;
};

// The runs of 4xx refusals that soft_bounce = yes explains, per host and class.
std::optional<QList<advisorquery::Interval>>
findSoftBounceRuns(Database &database, const AnalysisFilter &filter, const SoftBounceOptions &options,
                   QString *error);

} // namespace rejectscope
