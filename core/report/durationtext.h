#pragma once

#include <QString>

#include <cstdint>

namespace rejectscope {

// A length of time for people: "45 s", "9 min", "2 h 15 min", "3 days 4 h".
QString durationText(std::int64_t ms);

} // namespace rejectscope
