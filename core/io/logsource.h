#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QString>

#include <cstdint>
#include <memory>
#include <string_view>

namespace rejectscope {

// How a source's bytes are stored; detected from the content, never from the name.
enum class Compression : std::uint8_t { None, Gzip, Bzip2, Xz, Zstd };

// Reads a log file (plain or compressed, detected by content) or standard input in
// large chunks and hands out complete lines. Never holds the whole file in memory.
class LogSource
{
public:
    struct Line {
        std::string_view text; // without the newline; valid until the next call to nextLine()
        std::int64_t offset;   // offset of the line's first byte in the decompressed stream
        bool truncated;        // longer than maxLineLength(): the rest was skipped
    };

    static constexpr std::int64_t maxLineLength() { return 64 * 1024; }

    // path "-" means standard input.
    explicit LogSource(QString path);
    ~LogSource();
    LogSource(const LogSource &) = delete;
    LogSource &operator=(const LogSource &) = delete;

    // Opens the source; on failure returns false and errorString() names the reason
    // (translated, without the path: callers add it).
    bool open();

    // The next complete line, or false at the end or on error (see hasError()).
    // A last line without a newline is returned too.
    bool nextLine(Line &line);

    bool hasError() const;
    QString errorString() const;

    QString path() const;
    bool isStdin() const;
    Compression compression() const;
    QDateTime modificationTime() const;  // invalid for stdin
    std::int64_t totalBytes() const;     // size on disk (compressed); -1 when unknown (stdin)
    std::int64_t bytesConsumed() const;  // bytes of the file read so far (compressed side)
    std::int64_t decompressedOffset() const; // offset just after the last line returned

    // The first line of the decompressed stream, read at open() (up to 4 KiB): the
    // import ledger's fingerprint of a log.
    QByteArray firstLine() const;

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace rejectscope
