#pragma once

#include "rowbinder.h"

#include <array>
#include <cstddef>
#include <string>
#include <vector>

namespace rejectscope {

// One INSERT for 32, 16, 8, 4, 2 and 1 rows of `columns` parameters, each size
// prepared when first used: SQLite opens and closes its cursors once per
// statement, so many rows per statement save that per row, and any number of rows
// takes at most one statement of each smaller size after the full ones.
class MultiRowStatement
{
public:
    static constexpr std::size_t maxRows = 32;

    MultiRowStatement() = default;
    ~MultiRowStatement();
    MultiRowStatement(const MultiRowStatement &) = delete;
    MultiRowStatement &operator=(const MultiRowStatement &) = delete;

    // `head` ends before VALUES, `tail` (e.g. an ON CONFLICT clause) follows the rows.
    // Nothing is compiled yet (a bulk import drops indexes after this, which would
    // make SQLite compile the statements again).
    void setSql(sqlite3 *db, std::string head, int columns, std::string tail = {});

    // Binds and steps `rows` rows: bindRow(binder, row) binds row `row` through a
    // RowBinder of its parameters. False when a statement cannot be prepared or a
    // step fails (sqlite3_errmsg tells why).
    template<typename BindRow>
    bool run(std::size_t rows, BindRow &&bindRow)
    {
        std::size_t row = 0;
        for (std::size_t level = 0; level < m_statements.size(); ++level) {
            const std::size_t size = maxRows >> level;
            for (; rows - row >= size; row += size) {
                sqlite3_stmt *statement = m_statements[level];
                if (!statement && !(statement = prepare(level)))
                    return false;
                RowBinder::Slot *held = m_slots[level].data();
                for (std::size_t i = 0; i < size; ++i) {
                    RowBinder binder(statement, int(i) * m_columns, held + i * m_columns);
                    bindRow(binder, row + i);
                }
                if (!step(statement))
                    return false;
            }
        }
        return true;
    }

private:
    sqlite3_stmt *prepare(std::size_t level);
    static bool step(sqlite3_stmt *statement);

    sqlite3 *m_db = nullptr;
    std::string m_head;
    std::string m_tail;
    std::array<sqlite3_stmt *, 6> m_statements{}; // 32, 16, 8, 4, 2, 1 rows
    std::array<std::vector<RowBinder::Slot>, 6> m_slots; // what their parameters hold
    int m_columns = 0;
};

} // namespace rejectscope
