#pragma once

#include <cstddef>
#include <cstring>
#include <memory>
#include <string_view>
#include <vector>

namespace rejectscope {

// Owns copies of strings in large chunks that never move, so string_views into it
// stay valid for the arena's life (the line buffer they were parsed from does not).
class TextArena
{
public:
    std::string_view copy(std::string_view text)
    {
        if (text.empty())
            return {};
        char *target = allocate(text.size());
        std::memcpy(target, text.data(), text.size());
        return {target, text.size()};
    }
    // "a/b", or "b" when `a` is empty.
    std::string_view joined(std::string_view a, char separator, std::string_view b);
    // Bytes handed out so far.
    std::size_t size() const { return m_total; }

private:
    char *allocate(std::size_t size)
    {
        if (size > chunkSize - m_used)
            addChunk(size);
        char *target = m_chunks.back().get() + m_used;
        m_used += size;
        m_total += size;
        return target;
    }
    void addChunk(std::size_t size);

    static constexpr std::size_t chunkSize = 256 * 1024;
    std::vector<std::unique_ptr<char[]>> m_chunks;
    std::size_t m_used = chunkSize; // no chunk yet
    std::size_t m_total = 0;
};

} // namespace rejectscope
