#pragma once

#include "event.h"
#include "lineparser.h"

#include <string_view>

namespace rejectscope {

// Reads the rejections that smtpd, postscreen and cleanup log after the queue id:
//   reject: RCPT from name[ip]: 550 5.1.1 <r>: text; from=<s> to=<r> proto=ESMTP helo=<h>
//   reject_warning: … / milter-reject: … / proxy-reject: END-OF-MESSAGE: 554 …
//   reject: RCPT from [ip]:port: 550 5.7.1 …; from=<s>, to=<r>, proto=ESMTP, helo=<h>
//   reject: CONNECT from [ip]:port: too many connections        (postscreen)
//   reject: header Subject: x from name[ip]; from=<s> to=<r> …: text   (cleanup)
class RejectParser
{
public:
    // `text` starts at the action word. Fills the rejection fields of `event` (the
    // caller has set the prefix fields and the queue id).
    static LineVerdict parse(std::string_view text, Event &event, std::string_view &problem);

private:
    static LineVerdict parseContent(std::string_view text, Event &event,
                                    std::string_view &problem);
    static bool parseClient(std::string_view &text, Event &event);
    static void parseFields(std::string_view fields, Event &event, std::string_view *tail);
};

} // namespace rejectscope
