#pragma once

// Internal to core/io: the byte layer under LogSource. Not part of the public API.

#include "logsource.h"

#include <QString>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <utility>
#include <vector>

namespace rejectscope::io {

// Longest magic number we look at (xz: 6 bytes).
inline constexpr std::size_t magicLength = 6;

// Recognises gzip, bzip2, xz and zstd by their magic numbers; anything else is None.
Compression detectCompression(const char *data, std::size_t size);

// Short name of the format for messages ("gzip", "xz", …); empty for None.
QString compressionName(Compression compression);

// The decompressed bytes of an open file descriptor. The bytes read to detect the
// compression (the head) are kept and handed out first: standard input cannot be
// rewound.
class ByteStream
{
public:
    // Reads the first bytes of `fd` (up to headSize), detects the compression and sets
    // up the decompressor. Returns null and sets `error` when that fails.
    static std::unique_ptr<ByteStream> open(int fd, QString &error);
    static constexpr std::size_t headSize = 64 * 1024;
    virtual ~ByteStream() = default;
    ByteStream(const ByteStream &) = delete;
    ByteStream &operator=(const ByteStream &) = delete;

    // Fills up to `size` bytes of `dst`; returns the count, 0 at the end, -1 on error.
    virtual std::int64_t read(char *dst, std::size_t size) = 0;
    // Bytes taken from the descriptor so far (the compressed side).
    std::int64_t bytesConsumed() const { return m_consumed; }
    Compression compression() const { return m_compression; }
    QString errorString() const { return m_error; }

protected:
    ByteStream(int fd, Compression compression, std::vector<char> head)
        : m_fd(fd), m_compression(compression), m_head(std::move(head)),
          m_consumed(static_cast<std::int64_t>(m_head.size()))
    {
    }
    // read(2) that retries on EINTR and counts what it got; -1 sets the error.
    std::int64_t readFd(char *dst, std::size_t size);
    // Hands out the rest of m_head; returns the count copied.
    std::size_t takeHead(char *dst, std::size_t size);

    int m_fd;
    Compression m_compression;
    std::vector<char> m_head;
    std::size_t m_headPos = 0;
    std::int64_t m_consumed;
    QString m_error;
};

} // namespace rejectscope::io
