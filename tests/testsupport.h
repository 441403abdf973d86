#pragma once

// Small helpers shared by the tests: fixture paths, files written at run time, and
// compression through the system's own tools.

#include <QByteArray>
#include <QFile>
#include <QList>
#include <QProcess>
#include <QString>
#include <QTest>

namespace testsupport {

inline QString dataPath(const QString &relative)
{
    return QStringLiteral(REJECTSCOPE_TEST_DATA "/") + relative;
}

inline QByteArray readAll(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read fixture %s", qPrintable(path));
    return file.readAll();
}

inline bool writeFile(const QString &path, const QByteArray &bytes, bool append = false)
{
    QFile file(path);
    if (!file.open(append ? QIODevice::Append : QIODevice::WriteOnly | QIODevice::Truncate))
        return false;
    return file.write(bytes) == bytes.size();
}

// The lines of a log, each with its newline.
inline QList<QByteArray> linesOf(const QByteArray &bytes)
{
    QList<QByteArray> lines;
    qsizetype start = 0;
    while (start < bytes.size()) {
        qsizetype end = bytes.indexOf('\n', start);
        end = end < 0 ? bytes.size() : end + 1;
        lines << bytes.mid(start, end - start);
        start = end;
    }
    return lines;
}

inline QByteArray joined(const QList<QByteArray> &lines, qsizetype from, qsizetype to)
{
    QByteArray out;
    for (qsizetype i = from; i < to && i < lines.size(); ++i)
        out += lines.at(i);
    return out;
}

// Compresses with a system tool ("gzip", "bzip2", "xz", "zstd") to stdout.
inline QByteArray compressed(const QByteArray &bytes, const QString &tool)
{
    QProcess process;
    process.start(tool, {QStringLiteral("-c"), QStringLiteral("-q")});
    if (!process.waitForStarted())
        qFatal("%s is not installed", qPrintable(tool));
    process.write(bytes);
    process.closeWriteChannel();
    process.waitForFinished(-1);
    return process.readAllStandardOutput();
}

} // namespace testsupport
