#pragma once

#include "event.h"
#include "lineparser.h"

#include <string_view>

namespace rejectscope {

// Reads a delivery agent's status line (smtp, lmtp, local, virtual, pipe, error,
// discard, retry — any service):
//   to=<r>, [orig_to=<o>,] relay=x, [conn_use=N,] delay=D, [delays=a/b/c/d,]
//   [dsn=X.Y.Z,] status=sent|deferred|bounced|SOFTBOUNCE|… (text)
// Every delivery is Outbound: local, virtual and pipe are this server's own
// delivery agents, so what they report is the fate of mail leaving the queue,
// just like smtp and lmtp.
class DeliveryParser
{
public:
    // `text` starts at "to=".
    static LineVerdict parse(std::string_view text, Event &event, std::string_view &problem);
};

} // namespace rejectscope
