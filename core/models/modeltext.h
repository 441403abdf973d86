#pragma once

// Internal to core/models: the display texts the table models share.

#include "analysis/reasonclass.h"
#include "analysis/retrychains.h"
#include "parse/event.h"

#include <QString>
#include <QTimeZone>
#include <QVariant>

#include <cstdint>

namespace rejectscope::modeltext {

// "2026-11-21 23:59:38" in `zone`.
QString time(std::int64_t ms, const QTimeZone &zone);
// "45 s", "12 min", "1 h 05 min", "2 d 3 h".
QString duration(std::int64_t ms);
// Words for people, translated; the stable names stay the sort keys.
QString direction(Direction direction);
QString reason(ReasonClass reason);
QString outcome(ChainOutcome outcome);
QString status(DeliveryStatus status);
QString kind(EventKind kind);
// A tooltip showing untrusted `text` as it is: a view renders a tooltip as rich
// text when it merely looks like markup, so the text is escaped inside a paragraph
// of our own that keeps its spaces. Empty text gives no tooltip.
QVariant plainToolTip(const QString &text);
// Right-aligned, for numbers.
QVariant numberAlignment();

} // namespace rejectscope::modeltext
