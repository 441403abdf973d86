#pragma once

#include "event.h"

#include <string_view>

namespace rejectscope {

// An SMTP reply as Postfix logs it: "550 5.1.1 text", "550-5.7.1 text" (a flattened
// multi-line reply: the first code counts), "4.7.1 text" (a milter that gave only
// an enhanced code), "554 text" (no enhanced code), or no code at all.
struct SmtpReply {
    int code = 0;               // 0 when there is no three-digit code
    std::string_view enhanced;  // RFC 3463 "5.1.1"; empty when absent
    std::string_view text;      // what follows the codes

    static SmtpReply parse(std::string_view reply);

    // Fills the remote reply of a delivery from its status text:
    //   "host h[ip] said: 450 4.1.1 ... (in reply to RCPT TO command)"
    //   "host h[ip] refused to talk to me: 521 ..."  (greetingRefused)
    //   "250 2.0.0 Ok: queued as X"                  (the reply itself)
    //   "connect to h[ip]:25: Connection refused"    (no reply: replyText = all)
    static void fillFromStatusText(std::string_view statusText, Event &event);
};

} // namespace rejectscope
