#include "io/logsource.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRandomGenerator>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace Qt::StringLiterals;
using rejectscope::Compression;
using rejectscope::LogSource;

namespace {

const QString dataDir = QStringLiteral(REJECTSCOPE_TEST_DATA "/io/");

QByteArray bytes(std::string_view text)
{
    return QByteArray(text.data(), qsizetype(text.size()));
}

struct ReadResult {
    QList<QByteArray> lines;
    QList<qint64> offsets;
    QList<bool> truncated;
    bool error = false;
    QString errorString;
    qint64 endOffset = 0;
    qint64 consumed = 0;
};

ReadResult readAll(LogSource &source)
{
    ReadResult r;
    LogSource::Line line{};
    qint64 lastConsumed = 0;
    while (source.nextLine(line)) {
        r.lines.append(bytes(line.text));
        r.offsets.append(line.offset);
        r.truncated.append(line.truncated);
        if (source.bytesConsumed() < lastConsumed)
            qWarning("bytesConsumed went backwards");
        lastConsumed = source.bytesConsumed();
    }
    r.error = source.hasError();
    r.errorString = source.errorString();
    r.endOffset = source.decompressedOffset();
    r.consumed = source.bytesConsumed();
    return r;
}

// What a correct reader returns for `data`: lines split at '\n', one '\r' before it
// removed, a last line without newline kept.
struct Expected {
    QList<QByteArray> lines;
    QList<qint64> offsets;
};

Expected split(const QByteArray &data)
{
    Expected e;
    qsizetype start = 0;
    while (start < data.size()) {
        qsizetype nl = data.indexOf('\n', start);
        const qsizetype stop = nl < 0 ? data.size() : nl;
        QByteArray text = data.mid(start, stop - start);
        if (text.endsWith('\r'))
            text.chop(1);
        e.lines.append(text);
        e.offsets.append(start);
        start = nl < 0 ? data.size() : nl + 1;
    }
    return e;
}

QByteArray fileContents(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(path));
    return f.readAll();
}

bool writeFile(const QString &path, const QByteArray &data)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(data) == data.size();
}

// Puts `fd` on standard input for the lifetime of the object.
class StdinRedirect
{
public:
    explicit StdinRedirect(int fd) : m_saved(::dup(STDIN_FILENO)) { ::dup2(fd, STDIN_FILENO); }
    ~StdinRedirect()
    {
        ::dup2(m_saved, STDIN_FILENO);
        ::close(m_saved);
    }
    StdinRedirect(const StdinRedirect &) = delete;
    StdinRedirect &operator=(const StdinRedirect &) = delete;

private:
    int m_saved;
};

// Lines of mixed lengths (some empty) so that many of them straddle a buffer refill.
QByteArray generatedLog(int bytes, const QByteArray &eol, quint32 seed)
{
    QRandomGenerator rng(seed);
    QByteArray data;
    data.reserve(bytes + 4096);
    // The first read hands out 64 KiB: put a "\r\n" across that seam on purpose.
    const qsizetype seam = 64 * 1024;
    int n = 0;
    while (data.size() < bytes) {
        qsizetype len = rng.bounded(0, 1500);
        const qsizetype pos = data.size();
        if (pos < seam && pos + len + eol.size() > seam && pos + 1 < seam)
            len = seam - 1 - pos; // the line's '\r' (or '\n') is the seam's last byte
        QByteArray text = "Nov 21 23:01:55 mx postfix/smtpd[" + QByteArray::number(n++) + "]: ";
        while (text.size() < len)
            text += char('a' + rng.bounded(26));
        text.truncate(len);
        data += text + eol;
    }
    return data;
}

} // namespace

class TstLogSource : public QObject
{
    Q_OBJECT

private slots:
    void formats_data();
    void formats();
    void emptySources_data();
    void emptySources();
    void standardInput_data();
    void standardInput();
    void standardInputPipe();
    void chunkBoundaries_data();
    void chunkBoundaries();
    void lineEndings_data();
    void lineEndings();
    void longLines_data();
    void longLines();
    void openErrors_data();
    void openErrors();
    void permissionDenied();
    void brokenCompressedData_data();
    void brokenCompressedData();

private:
    QTemporaryDir m_tmp;
};

void TstLogSource::formats_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("reference"); // the same content, uncompressed
    QTest::addColumn<Compression>("compression");
    QTest::newRow("plain") << u"maillog"_s << u"maillog"_s << Compression::None;
    QTest::newRow("gzip") << u"maillog.gz"_s << u"maillog"_s << Compression::Gzip;
    QTest::newRow("bzip2") << u"maillog.bz2"_s << u"maillog"_s << Compression::Bzip2;
    QTest::newRow("xz") << u"maillog.xz"_s << u"maillog"_s << Compression::Xz;
    QTest::newRow("zstd") << u"maillog.zst"_s << u"maillog"_s << Compression::Zstd;
    QTest::newRow("gzip named .txt") << u"maillog-gzip.txt"_s << u"maillog"_s << Compression::Gzip;
    QTest::newRow("plain named .gz")
            << u"plain-named.gz"_s << u"plain-named.gz"_s << Compression::None;
}

void TstLogSource::formats()
{
    QFETCH(QString, file);
    QFETCH(QString, reference);
    QFETCH(Compression, compression);
    const QByteArray plain = fileContents(dataDir + reference);
    const Expected expected = split(plain);
    QVERIFY(expected.lines.size() > 50);

    LogSource source(dataDir + file);
    QVERIFY2(source.open(), qPrintable(source.errorString()));
    QCOMPARE(source.compression(), compression);
    QVERIFY(!source.isStdin());
    QCOMPARE(source.firstLine(), expected.lines.first());
    QCOMPARE(source.totalBytes(), QFileInfo(dataDir + file).size());
    QCOMPARE(source.modificationTime(), QFileInfo(dataDir + file).lastModified());

    const ReadResult r = readAll(source);
    QVERIFY2(!r.error, qPrintable(r.errorString));
    QCOMPARE(r.lines, expected.lines);
    QCOMPARE(r.offsets, expected.offsets);
    QVERIFY(!r.truncated.contains(true));
    QCOMPARE(r.endOffset, plain.size());
    QCOMPARE(r.consumed, source.totalBytes());
}

void TstLogSource::emptySources_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<Compression>("compression");
    QVERIFY(writeFile(m_tmp.filePath(u"empty"_s), {}));
    QTest::newRow("plain") << m_tmp.filePath(u"empty"_s) << Compression::None;
    QTest::newRow("gzip") << dataDir + u"empty.gz"_s << Compression::Gzip;
    QTest::newRow("bzip2") << dataDir + u"empty.bz2"_s << Compression::Bzip2;
    QTest::newRow("xz") << dataDir + u"empty.xz"_s << Compression::Xz;
    QTest::newRow("zstd") << dataDir + u"empty.zst"_s << Compression::Zstd;
}

void TstLogSource::emptySources()
{
    QFETCH(QString, file);
    QFETCH(Compression, compression);
    LogSource source(file);
    QVERIFY2(source.open(), qPrintable(source.errorString()));
    QCOMPARE(source.compression(), compression);
    QVERIFY(source.firstLine().isEmpty());
    const ReadResult r = readAll(source);
    QVERIFY2(!r.error, qPrintable(r.errorString));
    QVERIFY(r.lines.isEmpty());
    QCOMPARE(r.endOffset, 0);
    QCOMPARE(r.consumed, QFileInfo(file).size());
}

void TstLogSource::standardInput_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<Compression>("compression");
    QTest::newRow("plain") << u"maillog"_s << Compression::None;
    QTest::newRow("gzip") << u"maillog.gz"_s << Compression::Gzip;
    QTest::newRow("zstd") << u"maillog.zst"_s << Compression::Zstd;
}

void TstLogSource::standardInput()
{
    QFETCH(QString, file);
    QFETCH(Compression, compression);
    const Expected expected = split(fileContents(dataDir + u"maillog"_s));
    const int fd = ::open(QFile::encodeName(dataDir + file).constData(), O_RDONLY);
    QVERIFY(fd >= 0);
    ReadResult r;
    {
        StdinRedirect redirect(fd);
        LogSource source(u"-"_s);
        QVERIFY(source.isStdin());
        QVERIFY2(source.open(), qPrintable(source.errorString()));
        QCOMPARE(source.compression(), compression);
        QCOMPARE(source.totalBytes(), -1);
        QVERIFY(!source.modificationTime().isValid());
        QCOMPARE(source.firstLine(), expected.lines.first());
        r = readAll(source);
    }
    ::close(fd);
    QVERIFY2(!r.error, qPrintable(r.errorString));
    QCOMPARE(r.lines, expected.lines);
    QCOMPARE(r.offsets, expected.offsets);
    QCOMPARE(r.consumed, QFileInfo(dataDir + file).size());
}

void TstLogSource::standardInputPipe()
{
    // A pipe hands out data in small pieces and cannot seek: the magic number is read
    // from the pipe and must still reach the decompressor.
    const QByteArray compressed = fileContents(dataDir + u"maillog.xz"_s);
    const Expected expected = split(fileContents(dataDir + u"maillog"_s));
    QVERIFY(compressed.size() < 60000); // fits into the pipe, so no writer thread is needed
    int fds[2];
    QVERIFY(::pipe(fds) == 0);
    QCOMPARE(::write(fds[1], compressed.constData(), compressed.size()), compressed.size());
    ::close(fds[1]);
    ReadResult r;
    {
        StdinRedirect redirect(fds[0]);
        LogSource source(u"-"_s);
        QVERIFY2(source.open(), qPrintable(source.errorString()));
        QCOMPARE(source.compression(), Compression::Xz);
        r = readAll(source);
    }
    ::close(fds[0]);
    QVERIFY2(!r.error, qPrintable(r.errorString));
    QCOMPARE(r.lines, expected.lines);
    QCOMPARE(r.consumed, compressed.size());
}

void TstLogSource::chunkBoundaries_data()
{
    QTest::addColumn<QByteArray>("eol");
    QTest::addColumn<bool>("finalNewline");
    QTest::addColumn<bool>("gzip");
    QTest::newRow("lf") << QByteArray("\n") << true << false;
    QTest::newRow("crlf") << QByteArray("\r\n") << true << false;
    QTest::newRow("lf, no final newline") << QByteArray("\n") << false << false;
    QTest::newRow("crlf, gzip") << QByteArray("\r\n") << true << true;
}

void TstLogSource::chunkBoundaries()
{
    QFETCH(QByteArray, eol);
    QFETCH(bool, finalNewline);
    QFETCH(bool, gzip);
    QByteArray data = generatedLog(3 * 1024 * 1024 + 12345, eol, 42);
    if (!finalNewline)
        data.chop(eol.size());
    const Expected expected = split(data);
    const QString path = m_tmp.filePath(u"boundaries.log"_s);
    QVERIFY(writeFile(path, data));
    if (gzip) {
        const QString tool = QStandardPaths::findExecutable(u"gzip"_s);
        if (tool.isEmpty())
            QSKIP("gzip is not installed");
        QCOMPARE(QProcess::execute(tool, {u"-f"_s, path}), 0);
    }
    LogSource source(gzip ? path + u".gz"_s : path);
    QVERIFY2(source.open(), qPrintable(source.errorString()));
    const ReadResult r = readAll(source);
    QVERIFY2(!r.error, qPrintable(r.errorString));
    QCOMPARE(r.lines.size(), expected.lines.size());
    QCOMPARE(r.lines, expected.lines);
    QCOMPARE(r.offsets, expected.offsets);
    QCOMPARE(r.endOffset, data.size());
    QCOMPARE(r.consumed, source.totalBytes());
}

void TstLogSource::lineEndings_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<QList<QByteArray>>("lines");
    QTest::addColumn<QList<qint64>>("offsets");
    QTest::newRow("crlf") << QByteArray("a\r\nbc\r\n\r\nd\r\n")
                          << QList<QByteArray>{"a", "bc", "", "d"} << QList<qint64>{0, 3, 7, 9};
    QTest::newRow("no final newline") << QByteArray("a\nb")
                                      << QList<QByteArray>{"a", "b"} << QList<qint64>{0, 2};
    QTest::newRow("no final newline, cr") << QByteArray("a\r\nb\r")
                                          << QList<QByteArray>{"a", "b"} << QList<qint64>{0, 3};
    QTest::newRow("lone cr kept") << QByteArray("a\rb\n")
                                  << QList<QByteArray>{"a\rb"} << QList<qint64>{0};
    QTest::newRow("empty lines") << QByteArray("\n\n")
                                 << QList<QByteArray>{"", ""} << QList<qint64>{0, 1};
}

void TstLogSource::lineEndings()
{
    QFETCH(QByteArray, data);
    QFETCH(QList<QByteArray>, lines);
    QFETCH(QList<qint64>, offsets);
    const QString path = m_tmp.filePath(u"endings.log"_s);
    QVERIFY(writeFile(path, data));
    LogSource source(path);
    QVERIFY2(source.open(), qPrintable(source.errorString()));
    QCOMPARE(source.firstLine(), lines.first());
    const ReadResult r = readAll(source);
    QCOMPARE(r.lines, lines);
    QCOMPARE(r.offsets, offsets);
    QCOMPARE(r.endOffset, data.size());
}

void TstLogSource::longLines_data()
{
    const qint64 max = LogSource::maxLineLength();
    QTest::addColumn<qint64>("length");
    QTest::addColumn<QByteArray>("eol");
    QTest::addColumn<bool>("followed"); // another line comes after it
    QTest::newRow("10 MB") << qint64(10'000'000) << QByteArray("\n") << true;
    QTest::newRow("10 MB, crlf") << qint64(10'000'000) << QByteArray("\r\n") << true;
    QTest::newRow("10 MB, last, no newline") << qint64(10'000'000) << QByteArray() << false;
    QTest::newRow("exactly max") << max << QByteArray("\n") << true;
    QTest::newRow("exactly max, crlf") << max << QByteArray("\r\n") << true;
    QTest::newRow("max + 1") << max + 1 << QByteArray("\n") << true;
    QTest::newRow("max + 1, crlf") << max + 1 << QByteArray("\r\n") << true;
    QTest::newRow("max + 1, last, no newline") << max + 1 << QByteArray() << false;
}

void TstLogSource::longLines()
{
    QFETCH(qint64, length);
    QFETCH(QByteArray, eol);
    QFETCH(bool, followed);
    const qint64 max = LogSource::maxLineLength();
    QByteArray data = "before\n" + QByteArray(length, 'x') + eol;
    if (followed)
        data += "after\n";
    const QString path = m_tmp.filePath(u"long.log"_s);
    QVERIFY(writeFile(path, data));
    data.clear();

    LogSource source(path);
    QVERIFY2(source.open(), qPrintable(source.errorString()));
    LogSource::Line line{};
    QVERIFY(source.nextLine(line));
    QCOMPARE(bytes(line.text), "before");
    QVERIFY(source.nextLine(line));
    QCOMPARE(line.offset, 7);
    QCOMPARE(qint64(line.text.size()), std::min(length, max));
    QCOMPARE(line.truncated, length > max);
    QVERIFY(line.text.find_first_not_of('x') == std::string_view::npos);
    const qint64 afterLong = 7 + length + eol.size();
    QCOMPARE(source.decompressedOffset(), afterLong);
    if (followed) {
        QVERIFY(source.nextLine(line));
        QCOMPARE(bytes(line.text), "after");
        QCOMPARE(line.offset, afterLong);
        QVERIFY(!line.truncated);
    }
    QVERIFY(!source.nextLine(line));
    QVERIFY(!source.hasError());
    QCOMPARE(source.bytesConsumed(), source.totalBytes());
}

void TstLogSource::openErrors_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("error");
    const QString binary = u"this is a binary file, not a text log"_s;

    QTest::newRow("missing") << m_tmp.filePath(u"no-such-file"_s) << u"the file does not exist"_s;
    QTest::newRow("missing directory") << m_tmp.filePath(u"nodir/maillog"_s)
                                       << u"the file does not exist"_s;
    QTest::newRow("directory") << m_tmp.path() << u"this is a directory, not a file"_s;

    const QString program = m_tmp.filePath(u"program"_s);
    QFile::remove(program);
    QVERIFY(QFile::copy(QCoreApplication::applicationFilePath(), program));
    QTest::newRow("executable") << program << binary;

    QRandomGenerator rng(7);
    QByteArray noise(200'000, Qt::Uninitialized);
    for (char &c : noise)
        c = char(rng.bounded(256));
    QVERIFY(writeFile(m_tmp.filePath(u"noise"_s), noise));
    QTest::newRow("random bytes") << m_tmp.filePath(u"noise"_s) << binary;

    // No NUL byte, but mostly control characters and broken UTF-8.
    for (char &c : noise)
        c = c == 0 ? 1 : c;
    QVERIFY(writeFile(m_tmp.filePath(u"noise-no-nul"_s), noise));
    QTest::newRow("random bytes without NUL") << m_tmp.filePath(u"noise-no-nul"_s) << binary;

    // NUL bytes after a text start: a text log must not hide a binary tail in 64 KiB.
    QVERIFY(writeFile(m_tmp.filePath(u"text-then-nul"_s),
                      "Nov 21 23:01:55 mx postfix/smtpd[1]: connect\n" + QByteArray(100, '\0')));
    QTest::newRow("text then NUL") << m_tmp.filePath(u"text-then-nul"_s) << binary;

    // Latin-1 bytes in a text log are text, not binary.
    QVERIFY(writeFile(m_tmp.filePath(u"latin1"_s),
                      "Nov 21 23:01:55 mx postfix/smtp[1]: said: 550 Benutzer "
                      "\xfc" "berf\xfc" "llt\n"));
    QTest::newRow("latin-1 text is fine") << m_tmp.filePath(u"latin1"_s) << QString();
}

void TstLogSource::openErrors()
{
    QFETCH(QString, path);
    QFETCH(QString, error);
    LogSource source(path);
    QCOMPARE(source.open(), error.isEmpty());
    QCOMPARE(source.errorString(), error);
    if (!error.isEmpty()) {
        QVERIFY(source.hasError());
        QVERIFY(!source.errorString().contains(path)); // the caller adds the path
        LogSource::Line line{};
        QVERIFY(!source.nextLine(line));
    }
}

void TstLogSource::permissionDenied()
{
    const QString path = m_tmp.filePath(u"secret.log"_s);
    QVERIFY(writeFile(path, "Nov 21 23:01:55 mx postfix/smtpd[1]: connect\n"));
    QVERIFY(QFile::setPermissions(path, QFileDevice::Permissions()));
    QVERIFY(QFile::setPermissions(m_tmp.path(), QFileDevice::Permissions(0x7755)));
    const QString expected = u"permission denied"_s;
    if (::geteuid() != 0) {
        LogSource source(path);
        QVERIFY(!source.open());
        QCOMPARE(source.errorString(), expected);
        return;
    }
    // Root reads anything: check in a child that gives up root first.
    const pid_t child = ::fork();
    QVERIFY(child >= 0);
    if (child == 0) {
        if (::setgid(65534) != 0 || ::setuid(65534) != 0)
            ::_exit(2);
        LogSource source(path);
        const bool ok = !source.open() && source.errorString() == expected;
        ::_exit(ok ? 0 : 1);
    }
    int status = 0;
    QCOMPARE(::waitpid(child, &status, 0), child);
    QVERIFY(WIFEXITED(status));
    if (WEXITSTATUS(status) == 2)
        QSKIP("running as root and cannot switch to user nobody");
    QCOMPARE(WEXITSTATUS(status), 0);
}

void TstLogSource::brokenCompressedData_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<QString>("error");
    QTest::addColumn<bool>("someLines"); // lines before the damage must come out
    const auto halfOf = [](const QString &file) {
        const QByteArray all = fileContents(dataDir + file);
        return all.left(all.size() / 2);
    };
    const QString endsEarly = u"the compressed data ends early (truncated or corrupt %1 file)"_s;
    for (const auto &[name, file] : {std::pair{u"gzip"_s, u"maillog.gz"_s},
                                     {u"bzip2"_s, u"maillog.bz2"_s},
                                     {u"xz"_s, u"maillog.xz"_s},
                                     {u"zstd"_s, u"maillog.zst"_s}}) {
        QTest::addRow("%s cut in half", qPrintable(name))
                << halfOf(file) << endsEarly.arg(name) << false;
    }

    // Concatenated gzip members are one valid gzip stream: 30 copies make enough data
    // for the decompressor to hand out whole blocks before the cut.
    const QByteArray gz = fileContents(dataDir + u"maillog.gz"_s);
    const QByteArray many = gz.repeated(30);
    // (not at a member boundary: that would be a shorter valid file)
    QTest::newRow("long gzip cut in half") << many.left(many.size() / 2 + 1234)
                                           << endsEarly.arg(u"gzip"_s)
                                           << true;

    QByteArray xz = fileContents(dataDir + u"maillog.xz"_s);
    for (qsizetype i = xz.size() / 2; i < xz.size() / 2 + 16; ++i)
        xz[i] = char(~xz[i]);
    QTest::newRow("xz corrupted") << xz << QString() << false;
    QTest::newRow("gzip magic, then text")
            << QByteArray("\x1f\x8bNov 21 23:01:55 mx postfix/smtpd[1]: x\n") << QString() << false;
}

void TstLogSource::brokenCompressedData()
{
    QFETCH(QByteArray, data);
    QFETCH(QString, error);
    QFETCH(bool, someLines);
    const QString path = m_tmp.filePath(u"broken"_s);
    QVERIFY(writeFile(path, data));
    const Expected expected = split(fileContents(dataDir + u"maillog"_s));

    LogSource source(path);
    QVERIFY2(source.open(), qPrintable(source.errorString()));
    const ReadResult r = readAll(source);
    QVERIFY(r.error);
    if (error.isEmpty())
        QVERIFY2(r.errorString.contains(u"compressed data"_s), qPrintable(r.errorString));
    else
        QCOMPARE(r.errorString, error);
    if (someLines)
        QVERIFY(!r.lines.isEmpty());
    // Whatever came out before the damage is exactly the start of the log.
    for (qsizetype i = 0; i < r.lines.size(); ++i)
        QCOMPARE(r.lines.at(i), expected.lines.at(i % expected.lines.size()));
    LogSource::Line line{};
    QVERIFY(!source.nextLine(line)); // and it stays at the end
}

QTEST_GUILESS_MAIN(TstLogSource)
#include "tst_logsource.moc"
