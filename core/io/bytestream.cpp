#include "bytestream.h"

#include <QCoreApplication>

#include <archive.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace rejectscope::io {

namespace {

// Plain text: the head, then read(2) straight into the caller's buffer (no copy).
class PlainStream final : public ByteStream
{
public:
    PlainStream(int fd, std::vector<char> head)
        : ByteStream(fd, Compression::None, std::move(head))
    {
    }

    std::int64_t read(char *dst, std::size_t size) override
    {
        if (const std::size_t n = takeHead(dst, size))
            return static_cast<std::int64_t>(n);
        return readFd(dst, size);
    }
};

// Compressed: libarchive's filter over its "raw" format, fed from the descriptor by
// our own callback so that the head (already read for detection) comes first.
class ArchiveStream final : public ByteStream
{
public:
    ArchiveStream(int fd, Compression compression, std::vector<char> head)
        : ByteStream(fd, compression, std::move(head)), m_input(inputBlock)
    {
    }
    ~ArchiveStream() override
    {
        if (m_archive)
            archive_read_free(m_archive);
    }

    bool setUp(QString &error)
    {
        m_archive = archive_read_new();
        if (!m_archive) {
            error = QCoreApplication::translate("LogSource", "out of memory");
            return false;
        }
        // Only the filter the magic number named: a text file must never be decoded
        // by a filter that bids on text (uudecode).
        int ok = ARCHIVE_FATAL;
        switch (m_compression) {
        case Compression::Gzip: ok = archive_read_support_filter_gzip(m_archive); break;
        case Compression::Bzip2: ok = archive_read_support_filter_bzip2(m_archive); break;
        case Compression::Xz: ok = archive_read_support_filter_xz(m_archive); break;
        case Compression::Zstd: ok = archive_read_support_filter_zstd(m_archive); break;
        case Compression::None: break;
        }
        // ARCHIVE_WARN: libarchive will run the external program instead of a library.
        if (ok != ARCHIVE_OK && ok != ARCHIVE_WARN) {
            error = QCoreApplication::translate("LogSource",
                                                "this build cannot decompress %1 files")
                            .arg(compressionName(m_compression));
            return false;
        }
        // "empty" lets an empty decompressed stream (gzip of nothing) open: "raw" bids
        // only on at least one byte.
        archive_read_support_format_raw(m_archive);
        archive_read_support_format_empty(m_archive);
        // From here on the magic number has spoken: a decoding failure, even one
        // libarchive meets while peeking at the first block, is reported by read() as
        // a mid-stream error, so the caller sees one kind of error for broken data and
        // a larger file still yields the lines before the damage.
        if (archive_read_open(m_archive, this, nullptr, &ArchiveStream::readCallback, nullptr)
            != ARCHIVE_OK) {
            m_pendingError = describeError();
            return true;
        }
        // One filter beside the client's means the magic number was followed by a valid
        // header; otherwise libarchive would hand out the compressed bytes as they are.
        if (archive_filter_count(m_archive) < 2) {
            m_pendingError = QCoreApplication::translate(
                    "LogSource", "the compressed data is corrupt (%1 file: invalid header)")
                                     .arg(compressionName(m_compression));
            return true;
        }
        archive_entry *entry = nullptr;
        const int header = archive_read_next_header(m_archive, &entry);
        if (header == ARCHIVE_EOF && !archive_error_string(m_archive))
            m_atEnd = true;
        else if (header != ARCHIVE_OK && header != ARCHIVE_WARN)
            m_pendingError = describeError();
        return true;
    }

    // archive_read_data() would drop the bytes of a partly filled request when an error
    // follows them; with the block interface every byte before the damage comes out.
    std::int64_t read(char *dst, std::size_t size) override
    {
        std::size_t got = 0;
        while (got < size) {
            if (m_blockLeft == 0) {
                if (m_atEnd || !m_pendingError.isEmpty())
                    break;
                const void *block = nullptr;
                std::size_t length = 0;
                la_int64_t offset = 0;
                const int r = archive_read_data_block(m_archive, &block, &length, &offset);
                if (r == ARCHIVE_EOF) {
                    m_atEnd = true;
                } else if (r < ARCHIVE_WARN) {
                    m_pendingError = describeError();
                } else {
                    m_block = static_cast<const char *>(block);
                    m_blockLeft = length;
                }
                continue;
            }
            const std::size_t n = std::min(size - got, m_blockLeft);
            std::memcpy(dst + got, m_block, n);
            got += n;
            m_block += n;
            m_blockLeft -= n;
        }
        if (got > 0)
            return static_cast<std::int64_t>(got);
        if (!m_pendingError.isEmpty()) {
            m_error = m_pendingError;
            return -1;
        }
        return 0;
    }

private:
    static constexpr std::size_t inputBlock = 256 * 1024;

    static la_ssize_t readCallback(archive *a, void *client, const void **buffer)
    {
        auto *self = static_cast<ArchiveStream *>(client);
        if (self->m_headPos < self->m_head.size()) {
            *buffer = self->m_head.data() + self->m_headPos;
            const std::size_t n = self->m_head.size() - self->m_headPos;
            self->m_headPos = self->m_head.size();
            return static_cast<la_ssize_t>(n);
        }
        const std::int64_t n = self->readFd(self->m_input.data(), self->m_input.size());
        if (n < 0) {
            archive_set_error(a, errno, "read error");
            return ARCHIVE_FATAL;
        }
        self->m_inputEnded = n == 0;
        *buffer = self->m_input.data();
        return static_cast<la_ssize_t>(n);
    }

    QString describeError() const
    {
        // An I/O error from our callback already carries the better message.
        if (!m_error.isEmpty())
            return m_error;
        const char *text = archive_error_string(m_archive);
        const QString detail = text ? QString::fromLocal8Bit(text) : QString();
        if (m_inputEnded || detail.contains(u"truncat"_s, Qt::CaseInsensitive)) {
            return QCoreApplication::translate(
                           "LogSource",
                           "the compressed data ends early (truncated or corrupt %1 file)")
                    .arg(compressionName(m_compression));
        }
        return QCoreApplication::translate("LogSource",
                                           "the compressed data is corrupt (%1 file: %2)")
                .arg(compressionName(m_compression), detail);
    }

    archive *m_archive = nullptr;
    std::vector<char> m_input;
    const char *m_block = nullptr; // the rest of libarchive's current output block
    std::size_t m_blockLeft = 0;
    QString m_pendingError;
    bool m_inputEnded = false;
    bool m_atEnd = false;
};

} // namespace

Compression detectCompression(const char *data, std::size_t size)
{
    const auto *p = reinterpret_cast<const unsigned char *>(data);
    if (size >= 2 && p[0] == 0x1f && p[1] == 0x8b)
        return Compression::Gzip;
    if (size >= 4 && p[0] == 'B' && p[1] == 'Z' && p[2] == 'h' && p[3] >= '1' && p[3] <= '9')
        return Compression::Bzip2;
    if (size >= 6 && std::memcmp(p, "\xFD" "7zXZ\0", 6) == 0)
        return Compression::Xz;
    if (size >= 4 && p[0] == 0x28 && p[1] == 0xb5 && p[2] == 0x2f && p[3] == 0xfd)
        return Compression::Zstd;
    return Compression::None;
}

QString compressionName(Compression compression)
{
    switch (compression) {
    case Compression::Gzip: return u"gzip"_s;
    case Compression::Bzip2: return u"bzip2"_s;
    case Compression::Xz: return u"xz"_s;
    case Compression::Zstd: return u"zstd"_s;
    case Compression::None: break;
    }
    return {};
}

std::unique_ptr<ByteStream> ByteStream::open(int fd, QString &error)
{
    // A pipe may deliver the magic number in pieces: read until it is complete.
    std::vector<char> head(headSize);
    std::size_t got = 0;
    while (got < magicLength) {
        const ssize_t n = ::read(fd, head.data() + got, head.size() - got);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            error = QCoreApplication::translate("LogSource", "read error: %1")
                            .arg(qt_error_string(errno));
            return nullptr;
        }
        if (n == 0)
            break;
        got += static_cast<std::size_t>(n);
    }
    head.resize(got);
    const Compression compression = detectCompression(head.data(), head.size());
    if (compression == Compression::None)
        return std::make_unique<PlainStream>(fd, std::move(head));
    auto stream = std::make_unique<ArchiveStream>(fd, compression, std::move(head));
    if (!stream->setUp(error))
        return nullptr;
    return stream;
}

std::int64_t ByteStream::readFd(char *dst, std::size_t size)
{
    for (;;) {
        const ssize_t n = ::read(m_fd, dst, size);
        if (n >= 0) {
            m_consumed += n;
            return n;
        }
        if (errno != EINTR) {
            m_error = QCoreApplication::translate("LogSource", "read error: %1")
                              .arg(qt_error_string(errno));
            return -1;
        }
    }
}

std::size_t ByteStream::takeHead(char *dst, std::size_t size)
{
    const std::size_t n = std::min(size, m_head.size() - m_headPos);
    if (n) {
        std::memcpy(dst, m_head.data() + m_headPos, n);
        m_headPos += n;
        if (m_headPos == m_head.size()) { // not needed again: give the 64 KiB back
            std::vector<char>().swap(m_head);
            m_headPos = 0;
        }
    }
    return n;
}

} // namespace rejectscope::io
