#pragma once

#include "analysis/advisor.h"

#include <QString>

namespace rejectscope {

// The advisor's findings in words, for the GUI, the one-page report and the
// terminal alike. All of it is plain text: log content in it is made
// terminal-safe, never markup; a rich-text view must escape it.

// What the server did, what to set and what that would save, in a sentence or two:
// "The server answered 450 «…» 1,234 times to 56 sender(s) from 3 client(s). Set
// unknown_local_recipient_reject_code = 550 (Postfix default 550): each of them would
// have been refused once, saving 789 retries."
QString findingSentence(const Finding &finding);

// The action alone, as a headline: "Set unknown_local_recipient_reject_code = 550",
// "Leave greylisted as it is".
QString findingAdvice(const Finding &finding);

// The setting as a main.cf line ("unknown_local_recipient_reject_code = 550"), or
// empty when the finding advises no change.
QString findingSetting(const Finding &finding);

} // namespace rejectscope
