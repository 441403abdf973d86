#include "textarena.h"

#include <algorithm>
#include <cstring>

namespace rejectscope {

void TextArena::addChunk(std::size_t size)
{
    // Not value-initialised: every byte is written before it is read.
    m_chunks.emplace_back(new char[std::max(chunkSize, size)]);
    m_used = 0;
}

std::string_view TextArena::joined(std::string_view a, char separator, std::string_view b)
{
    if (a.empty())
        return copy(b);
    const std::size_t size = a.size() + 1 + b.size();
    char *target = allocate(size);
    std::memcpy(target, a.data(), a.size());
    target[a.size()] = separator;
    if (!b.empty())
        std::memcpy(target + a.size() + 1, b.data(), b.size());
    return {target, size};
}

} // namespace rejectscope
