#pragma once

#include <QString>

namespace rejectscope {

struct Summary;

// The summary as plain text for a terminal: time span, hosts, line counts, events by
// direction × kind × code class × reason, and the lines not understood. Log
// content in it is made terminal-safe.
QString summaryText(const Summary &summary);

// 1234567 -> "1,234,567": counts read better grouped, whatever the locale.
QString groupedNumber(qint64 value);
// UTC milliseconds as "2026-11-21 23:01:55 UTC".
QString utcText(qint64 timeMs);

} // namespace rejectscope
