#pragma once

#include <QString>

namespace rejectscope {

// Log content made safe for a terminal: control characters (C0, DEL, C1) and bidi controls and
// unpaired surrogates become visible escapes (\x1b, \u{9b}), so a line chosen by a
// stranger cannot move the cursor, change colours or retitle the window.
QString terminalSafe(const QString &text);

} // namespace rejectscope
