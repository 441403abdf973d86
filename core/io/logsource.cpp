#include "logsource.h"

#include "bytestream.h"

#include <QCoreApplication>
#include <QFile>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace rejectscope {

namespace {

constexpr std::size_t chunkSize = 1024 * 1024;
constexpr std::size_t maxLine = static_cast<std::size_t>(LogSource::maxLineLength());
// A partial line never exceeds maxLine + 1 bytes when a refill starts (see nextLine()),
// so every read() still gets a whole chunk.
constexpr std::size_t bufferSize = chunkSize + maxLine + 64;
constexpr std::size_t firstLineMax = 4 * 1024;
constexpr std::size_t binaryProbe = 64 * 1024;

std::string_view withoutCr(std::string_view s)
{
    if (!s.empty() && s.back() == '\r')
        s.remove_suffix(1);
    return s;
}

// Length of the valid UTF-8 sequence at p (1..4), or 0 when it is not one.
std::size_t utf8Length(const unsigned char *p, const unsigned char *end)
{
    std::size_t n = 0;
    if (*p >= 0xc2 && *p <= 0xdf)
        n = 2;
    else if (*p >= 0xe0 && *p <= 0xef)
        n = 3;
    else if (*p >= 0xf0 && *p <= 0xf4)
        n = 4;
    if (n == 0 || static_cast<std::size_t>(end - p) < n)
        return 0;
    for (std::size_t i = 1; i < n; ++i) {
        if ((p[i] & 0xc0) != 0x80)
            return 0;
    }
    return n;
}

// A text log has no NUL bytes and few control characters; invalid UTF-8 is tolerated
// in small doses (Latin-1 names in reply texts) but not as the bulk of the data.
bool looksBinary(const char *data, std::size_t size)
{
    if (size == 0)
        return false;
    if (std::memchr(data, '\0', size))
        return true;
    const auto *p = reinterpret_cast<const unsigned char *>(data);
    const auto *end = p + size;
    std::size_t suspicious = 0;
    while (p < end) {
        const unsigned char c = *p;
        if (c < 0x80) {
            if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v'
                 && c != 0x1b)
                || c == 0x7f)
                ++suspicious;
            ++p;
        } else if (const std::size_t n = utf8Length(p, end)) {
            p += n;
        } else {
            ++suspicious;
            ++p;
        }
    }
    return suspicious * 10 > size;
}

} // namespace

struct LogSource::Private {
    QString path;
    bool isStdin = false;
    int fd = -1;
    bool opened = false;
    bool failed = false; // the stream broke; lines already in the buffer still count
    bool eof = false;
    QString error;
    QDateTime mtime;
    std::int64_t totalBytes = -1;
    std::unique_ptr<io::ByteStream> stream;

    // [begin, end) is unread data; base is the stream offset of buf[0].
    std::unique_ptr<char[]> buf;
    char *begin = nullptr;
    char *end = nullptr;
    std::size_t scanned = 0; // bytes from begin known to hold no newline
    std::int64_t base = 0;
    std::unique_ptr<char[]> longLine; // a truncated line's kept part, while the rest is skipped

    QByteArray firstLine;

    std::int64_t position(const char *p) const { return base + (p - buf.get()); }

    // Moves the unread tail to the front and reads behind it. False at the end of the
    // stream or on error (then failed is set).
    bool fill()
    {
        if (eof || failed)
            return false;
        const std::size_t keep = static_cast<std::size_t>(end - begin);
        if (begin != buf.get()) {
            std::memmove(buf.get(), begin, keep);
            base += begin - buf.get();
            begin = buf.get();
            end = begin + keep;
        }
        const std::int64_t n = stream->read(end, bufferSize - keep);
        if (n < 0) {
            failed = true;
            error = stream->errorString();
            return false;
        }
        if (n == 0) {
            eof = true;
            return false;
        }
        end += n;
        return true;
    }

    // Drops bytes up to and including the next newline, reading as needed; the buffer
    // never holds more than one chunk of the line.
    void discardLine()
    {
        scanned = 0;
        for (;;) {
            if (auto *nl = static_cast<char *>(std::memchr(begin, '\n', std::size_t(end - begin)))) {
                begin = nl + 1;
                return;
            }
            begin = end;
            if (!fill())
                return;
        }
    }

    bool fail(const QString &message)
    {
        error = message;
        failed = true;
        return false;
    }
};

LogSource::LogSource(QString path) : d(std::make_unique<Private>())
{
    d->path = std::move(path);
    d->isStdin = d->path == u"-"_s;
}

LogSource::~LogSource()
{
    if (d->fd >= 0 && !d->isStdin)
        ::close(d->fd);
}

bool LogSource::open()
{
    if (d->opened || d->fd >= 0)
        return d->opened;
    if (d->isStdin) {
        d->fd = STDIN_FILENO;
    } else {
        const QByteArray name = QFile::encodeName(d->path);
        do {
            d->fd = ::open(name.constData(), O_RDONLY | O_CLOEXEC | O_NOCTTY);
        } while (d->fd < 0 && errno == EINTR);
        if (d->fd < 0) {
            switch (errno) {
            case ENOENT:
            case ENOTDIR:
                return d->fail(QCoreApplication::translate("LogSource", "the file does not exist"));
            case EACCES:
            case EPERM:
                return d->fail(QCoreApplication::translate("LogSource", "permission denied"));
            default:
                return d->fail(QCoreApplication::translate("LogSource", "cannot open the file: %1")
                                       .arg(qt_error_string(errno)));
            }
        }
    }
    // fstat on the descriptor, not the name: a rotation between the calls cannot mix
    // the size of one file with the bytes of another.
    struct stat st {};
    if (::fstat(d->fd, &st) == 0) {
        if (S_ISDIR(st.st_mode))
            return d->fail(
                    QCoreApplication::translate("LogSource", "this is a directory, not a file"));
        if (!d->isStdin) {
            d->mtime = QDateTime::fromMSecsSinceEpoch(std::int64_t(st.st_mtim.tv_sec) * 1000
                                                      + st.st_mtim.tv_nsec / 1000000);
            if (S_ISREG(st.st_mode))
                d->totalBytes = st.st_size;
        }
    }

    QString error;
    d->stream = io::ByteStream::open(d->fd, error);
    if (!d->stream)
        return d->fail(error);

    d->buf = std::make_unique_for_overwrite<char[]>(bufferSize);
    d->begin = d->end = d->buf.get();
    // Enough decompressed bytes to judge the content. A decoding error here is kept
    // for nextLine(): the lines before it are still returned.
    while (static_cast<std::size_t>(d->end - d->begin) < binaryProbe && d->fill()) {
    }
    const std::size_t have = static_cast<std::size_t>(d->end - d->begin);
    if (looksBinary(d->begin, std::min(have, binaryProbe))) {
        d->stream.reset();
        return d->fail(
                QCoreApplication::translate("LogSource", "this is a binary file, not a text log"));
    }
    const std::size_t probe = std::min(have, firstLineMax);
    const auto *nl = static_cast<const char *>(std::memchr(d->begin, '\n', probe));
    const std::string_view first = withoutCr({d->begin, nl ? std::size_t(nl - d->begin) : probe});
    d->firstLine = QByteArray(first.data(), qsizetype(first.size()));
    d->opened = true;
    return true;
}

bool LogSource::nextLine(Line &line)
{
    if (!d->opened)
        return false;
    for (;;) {
        const std::size_t avail = static_cast<std::size_t>(d->end - d->begin);
        if (avail > d->scanned) {
            char *from = d->begin + d->scanned;
            if (auto *nl = static_cast<char *>(std::memchr(from, '\n', d->end - from))) {
                std::string_view text = withoutCr({d->begin, std::size_t(nl - d->begin)});
                line.offset = d->position(d->begin);
                line.truncated = text.size() > maxLine;
                line.text = line.truncated ? text.substr(0, maxLine) : text;
                d->begin = nl + 1;
                d->scanned = 0;
                return true;
            }
            d->scanned = avail;
        }
        // maxLine + 2 bytes without a newline exceed the limit even if the last is a
        // '\r'. The kept part is copied aside so the rest can be skipped right away
        // (decompressedOffset() stays exact) without growing the buffer.
        if (avail >= maxLine + 2) {
            if (!d->longLine)
                d->longLine = std::make_unique_for_overwrite<char[]>(maxLine);
            std::memcpy(d->longLine.get(), d->begin, maxLine);
            line.offset = d->position(d->begin);
            line.text = {d->longLine.get(), maxLine};
            line.truncated = true;
            d->begin += maxLine;
            d->discardLine();
            return true;
        }
        if (d->fill())
            continue;
        // An incomplete last line before a decoding error is not a line.
        if (d->failed || avail == 0)
            return false;
        const std::string_view text = withoutCr({d->begin, avail});
        line.offset = d->position(d->begin);
        line.truncated = text.size() > maxLine;
        line.text = line.truncated ? text.substr(0, maxLine) : text;
        d->begin = d->end;
        d->scanned = 0;
        return true;
    }
}

bool LogSource::hasError() const
{
    return d->failed;
}

QString LogSource::errorString() const
{
    return d->error;
}

QString LogSource::path() const
{
    return d->path;
}

bool LogSource::isStdin() const
{
    return d->isStdin;
}

Compression LogSource::compression() const
{
    return d->stream ? d->stream->compression() : Compression::None;
}

QDateTime LogSource::modificationTime() const
{
    return d->mtime;
}

std::int64_t LogSource::totalBytes() const
{
    return d->totalBytes;
}

std::int64_t LogSource::bytesConsumed() const
{
    return d->stream ? d->stream->bytesConsumed() : 0;
}

std::int64_t LogSource::decompressedOffset() const
{
    return d->buf ? d->position(d->begin) : 0;
}

QByteArray LogSource::firstLine() const
{
    return d->firstLine;
}

} // namespace rejectscope
