#pragma once

// SQL functions of Rejectscope's own, registered on every connection that
// Database::open() makes. Queries that use them run only on those connections.

#include <string_view>

struct sqlite3;

namespace rejectscope {

// The free-text match: rs_contains(needle, a, b, …) is 1 when any of a, b, …
// contains needle, the case of ASCII letters ignored (as SQLite's LIKE ignores
// it), NULLs skipped. One call per row instead of a LIKE per column: a
// free-text scan spends most of its time matching, and this matcher does per
// row what six LIKE patterns did at a third of the cost.
inline constexpr const char *containsFunction = "rs_contains";
bool registerSqlFunctions(sqlite3 *db);

// Whether `haystack` contains `foldedNeedle` (already ASCII lower case),
// ignoring the case of ASCII letters in the haystack. An empty needle is found.
bool containsFolded(std::string_view haystack, std::string_view foldedNeedle);

} // namespace rejectscope
