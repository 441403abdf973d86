#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <string_view>

namespace rejectscope {

// Binds one row of a many-row statement, columns counted from 1. SQLite keeps
// bindings across resets, so an integer or NULL that a parameter holds already is
// not bound again: many columns repeat from row to row (the source, the host, the
// NULLs of a rejection's delivery fields), and each bind costs a call into SQLite.
class RowBinder
{
public:
    // What a parameter holds, as far as the binder knows.
    struct Slot {
        enum Kind : std::uint8_t { Unknown, Integer, Null };
        std::int64_t value = 0;
        Kind kind = Unknown;
    };

    RowBinder(sqlite3_stmt *statement, int base, Slot *held)
        : m_statement(statement)
        , m_base(base)
        , m_slots(held)
    {
    }

    void integer(int column, std::int64_t value)
    {
        Slot &slot = m_slots[column - 1];
        if (slot.kind == Slot::Integer && slot.value == value)
            return;
        sqlite3_bind_int64(m_statement, m_base + column, value);
        slot = {value, Slot::Integer};
    }
    void null(int column)
    {
        Slot &slot = m_slots[column - 1];
        if (slot.kind == Slot::Null)
            return;
        sqlite3_bind_null(m_statement, m_base + column);
        slot = {0, Slot::Null};
    }
    void real(int column, double value)
    {
        sqlite3_bind_double(m_statement, m_base + column, value);
        m_slots[column - 1].kind = Slot::Unknown;
    }
    // `text` must outlive the statement's step unless `copy`; never a null pointer
    // (that would bind NULL).
    void text(int column, std::string_view text, bool copy = false)
    {
        sqlite3_bind_text(m_statement, m_base + column, text.data(), int(text.size()),
                          copy ? SQLITE_TRANSIENT : SQLITE_STATIC);
        m_slots[column - 1].kind = Slot::Unknown;
    }

private:
    sqlite3_stmt *m_statement;
    int m_base;
    Slot *m_slots;
};

} // namespace rejectscope
