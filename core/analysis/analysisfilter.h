#pragma once

#include "parse/event.h"
#include "reasonclass.h"

#include <QString>

#include <cstdint>
#include <optional>

namespace rejectscope {

// What part of the database an analysis looks at. Unset fields do not filter.
// The GUI's filter bar, the CLI's options and the reports all fill this one type.
struct AnalysisFilter {
    std::optional<std::int64_t> fromMs; // inclusive, UTC ms
    std::optional<std::int64_t> toMs;   // exclusive, UTC ms
    std::optional<Direction> direction;
    std::optional<int> codeClass;       // 2, 4 or 5
    std::optional<ReasonClass> reason;
    QString text; // free text matched against client, sender, recipient, reply (bound, never SQL)
};

} // namespace rejectscope
