#pragma once

#include <Qt>

namespace rejectscope {

// Roles every Rejectscope model answers besides the display roles.
enum ModelRole {
    SortRole = Qt::UserRole, // the raw value to sort on (numbers as numbers, times as UTC ms)
    TimeMsRole,              // a row's moment in UTC ms (first seen, bucket start, event time)
    EndMsRole,               // a row's end in UTC ms where it spans time (last seen, bucket end)
    IdRole,                  // the database id of a row's chain or event
};

} // namespace rejectscope
