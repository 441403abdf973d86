#pragma once

#include "advisor.h"
#include "reasonclass.h"

#include <QList>
#include <QString>

#include <optional>

namespace rejectscope {

// The main.cf parameter that sets the reply code of one reason class of inbound
// refusals, as Postfix 3.7 has it (postconf(5); defaults checked against Postfix's
// mail_params.h). Internal to the advisor.
struct ReasonParameter {
    ReasonClass reason = ReasonClass::Other;
    QString parameter;      // "unknown_local_recipient_reject_code"
    QString postfixDefault; // "550"
    // What the advisor proposes when the log shows a 4xx for this class. Equal to
    // postfixDefault for the classes Postfix refuses with 5xx; for those it refuses
    // with 450 by default, 550 only where a permanent answer is safe (see the .cpp).
    QString suggestedValue;
    // The default is 5xx: a 4xx means the code or soft_bounce was changed.
    bool permanentByDefault = false;
};

// The parameter behind a reason class, or nullopt when no single reply-code
// parameter sets it (greylisting, policy services, content filters, …).
std::optional<ReasonParameter> reasonParameter(ReasonClass reason);

// The classes reasonParameter() knows, in a fixed order.
QList<ReasonClass> parameterReasons();

// The classes whose refusals Postfix gives with 5xx by default: unknown users of
// every table, RBL hits and relay denials. soft_bounce = yes turns them all into 4xx.
bool isPermanentByDefault(ReasonClass reason);

// A short plain-text caution for a finding, for a report or tooltip: where the
// advice has a catch (DNS-based classes, the 454 of defer_unauth_destination, the
// null-MX case of smtp_skip_5xx_greeting). Empty when there is none. Never quotes
// the log's (untrusted) text.
QString findingCaution(const Finding &finding);

} // namespace rejectscope
