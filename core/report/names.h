#pragma once

#include "parse/event.h"

#include <QString>

#include <optional>

namespace rejectscope {

// Stable lower-case names of the event enums, used in CSV, JSON and the CLI.
QString directionName(Direction direction);
std::optional<Direction> directionFromName(const QString &name);
QString eventKindName(EventKind kind);
QString stageName(Stage stage);
QString deliveryStatusName(DeliveryStatus status);
// "4xx", "5xx", "2xx"; "-" when no class is known.
QString codeClassName(int codeClass);

} // namespace rejectscope
