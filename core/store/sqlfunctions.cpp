#include "sqlfunctions.h"

#include "textmatches.h"

#include <sqlite3.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <string>

namespace rejectscope {

namespace {

constexpr std::array<unsigned char, 256> foldTable = [] {
    std::array<unsigned char, 256> table{};
    for (int c = 0; c < 256; ++c)
        table[c] = (c >= 'A' && c <= 'Z') ? static_cast<unsigned char>(c + ('a' - 'A')) : static_cast<unsigned char>(c);
    return table;
}();

unsigned char fold(char c)
{
    return foldTable[static_cast<unsigned char>(c)];
}

std::string foldedCopy(std::string_view text)
{
    std::string folded(text);
    for (char &c : folded)
        c = static_cast<char>(fold(c));
    return folded;
}

// The folded needle, kept with the statement's bound value for its later rows.
void containsAnyFunction(sqlite3_context *context, int argc, sqlite3_value **argv)
{
    auto *needle = static_cast<std::string *>(sqlite3_get_auxdata(context, 0));
    if (!needle) {
        const auto *text = reinterpret_cast<const char *>(sqlite3_value_text(argv[0]));
        if (!text) {
            sqlite3_result_null(context);
            return;
        }
        needle = new std::string(foldedCopy({text, static_cast<std::size_t>(sqlite3_value_bytes(argv[0]))}));
        sqlite3_set_auxdata(context, 0, needle, [](void *p) { delete static_cast<std::string *>(p); });
        // SQLite may have dropped it at once (out of memory); read it back.
        needle = static_cast<std::string *>(sqlite3_get_auxdata(context, 0));
        if (!needle) {
            sqlite3_result_error_nomem(context);
            return;
        }
    }
    for (int i = 1; i < argc; ++i) {
        if (sqlite3_value_type(argv[i]) == SQLITE_NULL)
            continue;
        const auto *text = reinterpret_cast<const char *>(sqlite3_value_text(argv[i]));
        if (text && containsFolded({text, static_cast<std::size_t>(sqlite3_value_bytes(argv[i]))}, *needle)) {
            sqlite3_result_int(context, 1);
            return;
        }
    }
    sqlite3_result_int(context, 0);
}

} // namespace

bool containsFolded(std::string_view haystack, std::string_view foldedNeedle)
{
    if (foldedNeedle.empty())
        return true;
    if (haystack.size() < foldedNeedle.size())
        return false;
    // memchr finds the candidates for the first byte, in either case; most texts
    // have none, and the rest is compared only where one is.
    const char lower = foldedNeedle.front();
    const char upper = lower >= 'a' && lower <= 'z' ? char(lower - ('a' - 'A')) : lower;
    const std::string_view rest = foldedNeedle.substr(1);
    const char *const begin = haystack.data();
    const char *const lastStart = begin + (haystack.size() - foldedNeedle.size());
    const auto next = [&](const char *from, char c) {
        const auto *found = static_cast<const char *>(std::memchr(from, c, std::size_t(lastStart - from) + 1));
        return found ? found : lastStart + 1;
    };
    const char *nextLower = next(begin, lower);
    const char *nextUpper = upper == lower ? lastStart + 1 : next(begin, upper);
    while (nextLower <= lastStart || nextUpper <= lastStart) {
        const char *candidate = std::min(nextLower, nextUpper);
        std::size_t j = 0;
        while (j < rest.size() && fold(candidate[1 + j]) == static_cast<unsigned char>(rest[j]))
            ++j;
        if (j == rest.size())
            return true;
        if (candidate == nextLower)
            nextLower = candidate < lastStart ? next(candidate + 1, lower) : lastStart + 1;
        else
            nextUpper = candidate < lastStart ? next(candidate + 1, upper) : lastStart + 1;
    }
    return false;
}

bool registerSqlFunctions(sqlite3 *db)
{
    return sqlite3_create_function_v2(db, containsFunction, -1,
                                      SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, nullptr,
                                      containsAnyFunction, nullptr, nullptr, nullptr)
        == SQLITE_OK
        && textmatches::registerIdsFunction(db);
}

} // namespace rejectscope
