#include "multirowstatement.h"

namespace rejectscope {

MultiRowStatement::~MultiRowStatement()
{
    for (sqlite3_stmt *statement : m_statements)
        sqlite3_finalize(statement);
}

void MultiRowStatement::setSql(sqlite3 *db, std::string head, int columns, std::string tail)
{
    for (sqlite3_stmt *&statement : m_statements) {
        sqlite3_finalize(statement);
        statement = nullptr;
    }
    for (std::vector<RowBinder::Slot> &held : m_slots)
        held.clear();
    m_db = db;
    m_head = std::move(head);
    m_columns = columns;
    m_tail = std::move(tail);
}

sqlite3_stmt *MultiRowStatement::prepare(std::size_t level)
{
    // Plain "?" parameters: numbered ones cost SQLite a list search each to compile.
    std::string values = "(?";
    for (int column = 1; column < m_columns; ++column)
        values += ", ?";
    values += ')';
    std::string sql = m_head + " VALUES " + values;
    for (std::size_t row = 1; row < maxRows >> level; ++row)
        sql += ", " + values;
    sql += m_tail;
    sqlite3_prepare_v3(m_db, sql.c_str(), int(sql.size()), SQLITE_PREPARE_PERSISTENT,
                       &m_statements[level], nullptr);
    m_slots[level].assign(std::size_t(m_columns) * (maxRows >> level), RowBinder::Slot());
    return m_statements[level];
}

bool MultiRowStatement::step(sqlite3_stmt *statement)
{
    const int rc = sqlite3_step(statement);
    sqlite3_reset(statement);
    return rc == SQLITE_DONE || rc == SQLITE_ROW;
}

} // namespace rejectscope
