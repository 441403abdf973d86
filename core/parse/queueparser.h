#pragma once

#include "event.h"
#include "lineparser.h"

#include <string_view>

namespace rejectscope {

// The queue manager's and the bounce daemon's joining lines:
//   qmgr   QID: from=<s>, size=N, nrcpt=N (queue active)     -> QueueSender
//   qmgr   QID: from=<s>, status=expired, returned to sender  -> Expired
//   bounce QID: sender non-delivery notification: QID2        -> BounceNotice
// "sender delay notification" (a warning that mail is still queued) and
// "postmaster …"/"sender delivery status notification" copies are not bounces of
// the original message and are ignored.
class QueueParser
{
public:
    // `text` starts at "from=".
    static LineVerdict parseSender(std::string_view text, Event &event, std::string_view &problem);
    // `text` starts after "sender non-delivery notification:".
    static LineVerdict parseBounceNotice(std::string_view text, Event &event,
                                         std::string_view &problem);
};

} // namespace rejectscope
