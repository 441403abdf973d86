#pragma once

// Helpers of the analysis tests: logs made of real Postfix lines
// (tests/data/analysis/line-shapes.tsv) copied to chosen times, clients, queue ids
// and recipients, imported into a temporary database; and the lab sample.

#include "store/database.h"
#include "store/importer.h"
#include "testsupport.h"

#include <QDateTime>
#include <QHash>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTimeZone>

#include <algorithm>
#include <memory>
#include <utility>

namespace analysistest {

// 2026-11-02 08:00:00 UTC: the start of the made-up logs (no year roll-over within
// a month of it).
inline constexpr qint64 t0Ms = 1793606400000LL;
inline constexpr qint64 minuteMs = 60 * 1000LL;
inline constexpr qint64 hourMs = 60 * minuteMs;

// The classic syslog stamp of a UTC time ("Nov 02 08:00:00"); the logs are
// imported with the zone UTC.
inline QByteArray stamp(qint64 ms)
{
    static const char *const months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    const QDateTime t = QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::utc());
    return QByteArray(months[t.date().month() - 1]) + ' '
        + QByteArray::number(t.date().day()).rightJustified(2, '0') + ' '
        + t.time().toString(QStringLiteral("HH:mm:ss")).toLatin1();
}

// One real line, to be copied with other values.
class Shape
{
public:
    explicit Shape(QByteArray line)
        : m_line(std::move(line))
    {
        static const QRegularExpression recipient(QStringLiteral("to=<([^>]*)>"));
        static const QRegularExpression client(QStringLiteral("RCPT from [^\\[]*\\[([^\\]]*)\\]"));
        static const QRegularExpression queueId(QStringLiteral("\\]: ([0-9A-F]+): to="));
        static const QRegularExpression sender(QStringLiteral("from=<([^>]*)>"));
        const QString text = QString::fromUtf8(m_line);
        m_recipient = recipient.match(text).captured(1).toUtf8();
        m_client = client.match(text).captured(1).toUtf8();
        m_queueId = queueId.match(text).captured(1).toUtf8();
        m_sender = sender.match(text).captured(1).toUtf8();
    }

    // The line at `ms` (whole seconds), with the key parts replaced where given.
    QByteArray at(qint64 ms, const QByteArray &recipient = {}, const QByteArray &clientOrQueueId = {},
                  const QByteArray &sender = {}) const
    {
        QByteArray line = m_line;
        line.replace(0, 15, stamp(ms));
        if (!recipient.isEmpty())
            line.replace(m_recipient, recipient);
        if (!clientOrQueueId.isEmpty()) {
            if (!m_client.isEmpty())
                line.replace(QByteArray('[' + m_client + ']'), QByteArray('[' + clientOrQueueId + ']'));
            else if (!m_queueId.isEmpty())
                line.replace(QByteArray(m_queueId + ": to="), QByteArray(clientOrQueueId + ": to="));
        }
        if (!sender.isEmpty() && !m_sender.isEmpty())
            line.replace(QByteArray("from=<" + m_sender + '>'), QByteArray("from=<" + sender + '>'));
        return line + '\n';
    }

private:
    QByteArray m_line;
    QByteArray m_recipient;
    QByteArray m_client;
    QByteArray m_queueId;
    QByteArray m_sender;
};

// Lines added in any order, written in time order (a syslog file never goes back).
class Log
{
public:
    Log &add(qint64 ms, const QByteArray &line)
    {
        m_lines.append({ms, line});
        return *this;
    }
    QByteArray text() const
    {
        QList<std::pair<qint64, QByteArray>> lines = m_lines;
        std::stable_sort(lines.begin(), lines.end(),
                         [](const auto &a, const auto &b) { return a.first < b.first; });
        QByteArray out;
        for (const auto &line : lines)
            out += line.second;
        return out;
    }

private:
    QList<std::pair<qint64, QByteArray>> m_lines;
};

inline const QHash<QString, QByteArray> &shapeLines()
{
    static const QHash<QString, QByteArray> lines = [] {
        QHash<QString, QByteArray> result;
        const QByteArray tsv = testsupport::readAll(testsupport::dataPath(QStringLiteral("analysis/line-shapes.tsv")));
        for (const QByteArray &row : tsv.split('\n')) {
            const qsizetype tab = row.indexOf('\t');
            if (tab > 0)
                result.insert(QString::fromUtf8(row.left(tab)), row.mid(tab + 1));
        }
        return result;
    }();
    return lines;
}

inline Shape shape(const QString &name)
{
    if (!shapeLines().contains(name))
        qFatal("no line shape %s", qPrintable(name));
    return Shape(shapeLines().value(name));
}

inline rejectscope::ImportOptions utcOptions()
{
    rejectscope::ImportOptions options;
    options.zone = QTimeZone::utc();
    options.year = 2026;
    return options;
}

// A database in `dir` with `files` imported (zone UTC, year 2026, or `year`).
inline std::unique_ptr<rejectscope::Database> importedDatabase(const QTemporaryDir &dir, const QString &name,
                                                               const QStringList &files, int year = 2026)
{
    auto database = std::make_unique<rejectscope::Database>(dir.filePath(name + QStringLiteral(".db")));
    if (!database->open())
        qFatal("cannot open the database: %s", qPrintable(database->errorString()));
    rejectscope::ImportOptions options = utcOptions();
    options.year = year;
    rejectscope::Importer importer(*database, options);
    for (const QString &file : files) {
        const auto report = importer.importFile(file);
        if (report.outcome != rejectscope::ImportReport::Outcome::Imported)
            qFatal("cannot import %s: %s", qPrintable(file), qPrintable(report.error));
    }
    return database;
}

// A database of a made-up log (the lines given, in that order).
inline std::unique_ptr<rejectscope::Database> databaseOf(const QTemporaryDir &dir, const QString &name,
                                                         const QByteArray &log)
{
    const QString path = dir.filePath(name + QStringLiteral(".log"));
    if (!testsupport::writeFile(path, log))
        qFatal("cannot write %s", qPrintable(path));
    return importedDatabase(dir, name, {path});
}

inline QString labLog()
{
    return QStringLiteral(REJECTSCOPE_SOURCE_DIR "/resources/samples/lab/maillog");
}

} // namespace analysistest
