#include "importer.h"

#include "database.h"
#include "eventwriter.h"
#include "io/logsource.h"
#include "parse/lineparser.h"
#include "parse/timestampresolver.h"
#include "parsingreader.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QLoggingCategory>
#include <QSqlQuery>
#include <QTemporaryFile>

#include <cstdio>

#include <memory>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcImport, "rejectscope.import", QtWarningMsg)

namespace rejectscope {

namespace {

QByteArray hashOf(std::string_view text)
{
    return ledgerHash(QByteArray::fromRawData(text.data(), qsizetype(text.size())));
}

QList<LedgerEntry> ledgerCandidates(Database &database, const QByteArray &fingerprint)
{
    QList<LedgerEntry> entries;
    QSqlQuery query(database.connection());
    query.prepare(u"SELECT id, path, offset_reached, tail_hash, lines_read, events, ignored,"
                  " foreign_lines, not_understood, truncated_lines, first_time_ms, last_time_ms"
                  " FROM source WHERE fingerprint = ? ORDER BY offset_reached DESC"_s);
    query.addBindValue(QString::fromLatin1(fingerprint));
    if (!query.exec())
        return entries;
    while (query.next()) {
        LedgerEntry entry;
        entry.id = query.value(0).toLongLong();
        entry.fingerprint = fingerprint;
        entry.path = query.value(1).toString();
        entry.offsetReached = query.value(2).toLongLong();
        entry.tailHash = query.value(3).toString().toLatin1();
        entry.linesRead = query.value(4).toLongLong();
        entry.events = query.value(5).toLongLong();
        entry.ignored = query.value(6).toLongLong();
        entry.foreignLines = query.value(7).toLongLong();
        entry.notUnderstood = query.value(8).toLongLong();
        entry.truncatedLines = query.value(9).toLongLong();
        if (!query.value(10).isNull())
            entry.firstTimeMs = query.value(10).toLongLong();
        if (!query.value(11).isNull())
            entry.lastTimeMs = query.value(11).toLongLong();
        entries << entry;
    }
    return entries;
}

struct Checkpoint {
    std::int64_t offset;
    QByteArray lineHash;
};

QList<Checkpoint> checkpointsOf(Database &database, std::int64_t sourceId)
{
    QList<Checkpoint> checkpoints;
    QSqlQuery query(database.connection());
    query.prepare(u"SELECT offset_reached, line_hash FROM source_checkpoint WHERE source_id = ?"
                  " ORDER BY offset_reached"_s);
    query.addBindValue(qint64(sourceId));
    if (query.exec()) {
        while (query.next())
            checkpoints << Checkpoint{query.value(0).toLongLong(), query.value(1).toString().toLatin1()};
    }
    return checkpoints;
}

enum class StreamMatch {
    Same,      // every checkpoint matched and the stored offset is a line end here
    Prefix,    // the file ends before the stored offset, every checkpoint on the way matched
    Different, // a checkpoint's line differs, or falls inside a line
    Error,     // the source could not be read
};

// Reads `source` up to `offsetReached`, comparing the line that ends at each
// checkpoint with the stored hash. Leaves the source just after the last line read.
StreamMatch matchStoredStream(LogSource &source, const QList<Checkpoint> &checkpoints,
                              std::int64_t offsetReached)
{
    qsizetype next = 0;
    LogSource::Line line{};
    while (source.decompressedOffset() < offsetReached) {
        if (!source.nextLine(line))
            return source.hasError() ? StreamMatch::Error : StreamMatch::Prefix;
        const std::int64_t end = source.decompressedOffset();
        if (next < checkpoints.size() && checkpoints.at(next).offset < end)
            return StreamMatch::Different;
        if (next < checkpoints.size() && checkpoints.at(next).offset == end) {
            if (hashOf(line.text) != checkpoints.at(next).lineHash)
                return StreamMatch::Different;
            ++next;
        }
    }
    return source.decompressedOffset() == offsetReached ? StreamMatch::Same : StreamMatch::Different;
}

// Opens a fresh reader of `path`; on failure fills the report.
std::unique_ptr<LogSource> openSource(const QString &path, ImportReport &report)
{
    auto source = std::make_unique<LogSource>(path);
    if (!source->open()) {
        report.outcome = ImportReport::Outcome::Failed;
        report.error = source->errorString();
        return nullptr;
    }
    return source;
}

} // namespace

Importer::Importer(Database &database, ImportOptions options)
    : m_database(database)
    , m_options(std::move(options))
{
}

ImportReport Importer::importFile(const QString &path)
{
    if (path != u"-"_s)
        return importSource(path, path);
    // Standard input cannot be read twice, and telling a stored stream from a new
    // one with the same first line may take a second read: spool it first.
    ImportReport report;
    report.path = path;
    QTemporaryFile spool(QDir::tempPath() + u"/rejectscope-stdin-XXXXXX"_s);
    QFile input;
    if (!spool.open() || !input.open(stdin, QIODevice::ReadOnly)) {
        report.outcome = ImportReport::Outcome::Failed;
        report.error = QCoreApplication::translate("Importer", "cannot buffer standard input: %1")
                           .arg(spool.errorString());
        return report;
    }
    QByteArray chunk(1 << 20, Qt::Uninitialized);
    for (;;) {
        const qint64 got = input.read(chunk.data(), chunk.size());
        if (got <= 0)
            break;
        if (spool.write(chunk.constData(), got) != got) {
            report.outcome = ImportReport::Outcome::Failed;
            report.error = QCoreApplication::translate("Importer", "cannot buffer standard input: %1")
                               .arg(spool.errorString());
            return report;
        }
    }
    spool.flush();
    return importSource(spool.fileName(), path);
}

ImportReport Importer::importSource(const QString &readPath, const QString &path)
{
    ImportReport report;
    report.path = path;
    std::unique_ptr<LogSource> source = openSource(readPath, report);
    if (!source)
        return report;

    // Which stored stream is this? Same first line and the same lines at every
    // checkpoint up to the stored offset: the same log, rotated, compressed or grown.
    LedgerEntry entry;
    entry.fingerprint = hashOf(std::string_view(source->firstLine().constData(),
                                                std::size_t(source->firstLine().size())));
    entry.path = path;
    const QList<LedgerEntry> candidates = ledgerCandidates(m_database, entry.fingerprint);
    for (const LedgerEntry &candidate : candidates) {
        const StreamMatch match = matchStoredStream(*source, checkpointsOf(m_database, candidate.id),
                                                    candidate.offsetReached);
        if (match == StreamMatch::Error) {
            report.outcome = ImportReport::Outcome::Failed;
            report.error = source->errorString();
            return report;
        }
        if (match == StreamMatch::Prefix) {
            // An earlier, shorter copy of a stored log: everything in it is stored.
            report.outcome = ImportReport::Outcome::AlreadyImported;
            report.skippedBytes = source->decompressedOffset();
            return report;
        }
        if (match == StreamMatch::Same) {
            entry = candidate;
            report.resumed = candidate.offsetReached > 0;
            report.skippedBytes = candidate.offsetReached;
            break;
        }
        // Another log that happens to start with the same line: read it from the start.
        source = openSource(readPath, report);
        if (!source)
            return report;
    }
    entry.path = path;

    TimestampResolver::Options timeOptions;
    timeOptions.reference = path == u"-"_s ? m_options.stdinReference
                                           : source->modificationTime();
    timeOptions.zone = m_options.zone;
    timeOptions.firstYear = m_options.year;
    TimestampResolver resolver(timeOptions);
    LineParser parser(resolver);
    EventWriter writer(m_database);
    if (!writer.prepare()) {
        report.outcome = ImportReport::Outcome::Failed;
        report.error = writer.errorString();
        return report;
    }

    ParsingReader::Options readerOptions;
    readerOptions.samplesLeft = std::max<std::int64_t>(0, samplesPerSource - entry.notUnderstood);
    readerOptions.checkpointInterval = checkpointInterval;
    readerOptions.batchLines = std::min(readerOptions.batchLines, m_options.batchLines);
    readerOptions.queueSenders = &m_queueSenders;
    ParsingReader reader(*source, parser, readerOptions);
    reader.start();

    std::unique_ptr<ParsedBatch> batch = reader.next();
    if (!batch || (batch->linesRead == 0 && batch->endOfStream)) {
        if (batch && !batch->sourceError.isEmpty()) {
            report.outcome = ImportReport::Outcome::Failed;
            report.error = batch->sourceError;
        } else if (report.resumed) {
            report.outcome = ImportReport::Outcome::AlreadyImported;
        }
        return report;
    }
    if (entry.id == 0 && !writer.createSource(entry)) {
        report.outcome = ImportReport::Outcome::Failed;
        report.error = writer.errorString();
        return report;
    }

    // A large import into a small database is much faster without the secondary
    // indexes, built once at the end (and again by Database::open if it is killed).
    const bool bulk = m_options.allowBulk && isBulkImport(*source);
    // Memory must not grow with the log: a modest page cache (which also bounds the
    // index sorter); a transaction with more pages writes the new ones to the file early.
    QSqlQuery(m_database.connection()).exec(u"PRAGMA cache_size = -16384"_s);
    // Building an index sorts all its rows; with temporary files in memory that sort
    // would grow with the log, on disk it stays within the page cache.
    QSqlQuery(m_database.connection()).exec(u"PRAGMA temp_store = FILE"_s);
    // Fewer, larger checkpoints: each one syncs the database file, and on a busy disk
    // the syncs, not the writes, set the pace of a large import.
    QSqlQuery(m_database.connection()).exec(u"PRAGMA wal_autocheckpoint = 16384"_s);
    // Dropped while still in WAL mode, where a commit does not sync the disk.
    if (bulk && !m_database.dropEventIndexes()) {
        report.outcome = ImportReport::Outcome::Failed;
        report.error = m_database.errorString();
        return report;
    }
    // A bulk import appends pages: a rollback journal writes them once (pages past the
    // file's old end need no journal), where WAL writes them twice. The switch needs
    // the database to ourselves; with a reader attached it fails and WAL stays.
    bool rollbackJournal = false;
    if (bulk) {
        QSqlQuery mode(m_database.connection());
        rollbackJournal = mode.exec(u"PRAGMA journal_mode = DELETE"_s) && mode.next()
            && mode.value(0).toString() == u"delete"_s;
    }

    ImportProgress progress;
    progress.path = path;
    progress.bytesTotal = source->totalBytes();
    const auto reportProgress = [&](std::int64_t bytesDone) {
        if (!m_progress)
            return;
        progress.bytesDone = bytesDone;
        progress.linesRead = report.linesRead;
        m_progress(progress);
    };
    QElapsedTimer phase;
    phase.start();
    std::int64_t cpuAtStart = ParsingReader::threadCpuMs();
    const auto finish = [&] {
        reader.stop();
        qCDebug(lcImport) << "stored" << report.linesRead << "lines in" << phase.restart()
                          << "ms; CPU ms: storing thread" << ParsingReader::threadCpuMs() - cpuAtStart
                          << "parsing thread" << reader.cpuMs() << "; waited ms: storing thread"
                          << reader.takerWaitMs() << "parsing thread" << reader.readerWaitMs();
        cpuAtStart = ParsingReader::threadCpuMs();
        if (bulk && !m_database.ensureEventIndexes() && report.outcome != ImportReport::Outcome::Failed) {
            report.outcome = ImportReport::Outcome::Failed;
            report.error = m_database.errorString();
        }
        if (rollbackJournal)
            QSqlQuery(m_database.connection()).exec(u"PRAGMA journal_mode = WAL"_s);
        return report;
    };
    const auto failWrite = [&] {
        writer.rollback();
        report.outcome = ImportReport::Outcome::Failed;
        report.error = writer.errorString();
        return finish();
    };

    // The ledger row always holds what is committed: the stored counts plus this
    // run's, the offset after the last stored line and that line's hash.
    const LedgerEntry stored = entry;
    const auto commit = [&](std::int64_t endOffset, const QByteArray &lastLineHash) {
        entry.offsetReached = endOffset;
        entry.tailHash = lastLineHash;
        entry.linesRead = stored.linesRead + report.linesRead;
        entry.events = stored.events + report.events;
        entry.ignored = stored.ignored + report.ignored;
        entry.foreignLines = stored.foreignLines + report.foreignLines;
        entry.notUnderstood = stored.notUnderstood + report.notUnderstood;
        entry.truncatedLines = stored.truncatedLines + report.truncatedLines;
        return writer.commit(entry);
    };

    if (!writer.begin())
        return failWrite();
    std::int64_t linesInTransaction = 0;
    // A commit syncs the disk three times (journal, directory, database); on a busy disk
    // that costs more than the writes. So a bulk import commits every
    // bulkTransactionLines lines, reports progress after every batch instead, and
    // commits at the next batch when cancelled.
    const std::int64_t linesPerTransaction =
        bulk ? std::max<std::int64_t>(bulkTransactionLines, m_options.batchLines) : m_options.batchLines;
    std::int64_t endOffset = entry.offsetReached;
    QByteArray lastLineHash = entry.tailHash;
    for (; batch; batch = reader.next()) {
        // The events live in the batch: writeBatch() stores them all before it returns.
        if (!writer.writeBatch(*batch, entry.id))
            return failWrite();
        if (batch->firstTimeMs && (!entry.firstTimeMs || *batch->firstTimeMs < *entry.firstTimeMs))
            entry.firstTimeMs = batch->firstTimeMs;
        if (batch->lastTimeMs && (!entry.lastTimeMs || *batch->lastTimeMs > *entry.lastTimeMs))
            entry.lastTimeMs = batch->lastTimeMs;
        for (const ParsedBatch::Unparsed &unparsed : batch->unparsed) {
            if (!writer.writeUnparsed(entry.id, unparsed.lineOffset, unparsed.problem, unparsed.text))
                return failWrite();
            if (report.samples.size() < 10)
                report.samples << UnparsedSample{unparsed.lineOffset,
                                                 QString::fromStdString(unparsed.problem),
                                                 QString::fromUtf8(unparsed.text.data(),
                                                                   qsizetype(unparsed.text.size()))};
        }
        for (const ParsedBatch::Checkpoint &checkpoint : batch->checkpoints) {
            if (!writer.addCheckpoint(entry.id, checkpoint.offset, checkpoint.lineHash))
                return failWrite();
        }
        report.linesRead += batch->linesRead;
        report.events += std::int64_t(batch->events.size());
        report.ignored += batch->ignored;
        report.foreignLines += batch->foreignLines;
        report.notUnderstood += batch->notUnderstood;
        report.truncatedLines += batch->truncatedLines;
        linesInTransaction += batch->linesRead;
        if (batch->linesRead > 0) {
            endOffset = batch->endOffset;
            lastLineHash = batch->lastLineHash;
        }
        if (!batch->sourceError.isEmpty()) {
            // Keep what was read before the damage: those lines are sound.
            report.outcome = ImportReport::Outcome::Failed;
            report.error = batch->sourceError;
        }
        const bool cancelled = bulk && m_cancel && m_cancel->load();
        if (linesInTransaction < linesPerTransaction && !batch->endOfStream && !cancelled) {
            if (bulk)
                reportProgress(batch->bytesConsumed);
            continue;
        }
        if (!commit(endOffset, lastLineHash))
            return failWrite();
        linesInTransaction = 0;
        reportProgress(batch->bytesConsumed);
        if (batch->endOfStream)
            break;
        if (m_cancel && m_cancel->load()) {
            report.outcome = ImportReport::Outcome::Cancelled;
            return finish();
        }
        if (!writer.begin())
            return failWrite();
    }
    finish();
    qCDebug(lcImport) << "indexes built in" << phase.restart() << "ms; CPU ms"
                      << ParsingReader::threadCpuMs() - cpuAtStart;
    if (!writer.completeSenders() && report.outcome != ImportReport::Outcome::Failed) {
        report.outcome = ImportReport::Outcome::Failed;
        report.error = writer.errorString();
    }
    qCDebug(lcImport) << "senders completed in" << phase.restart() << "ms";
    return report;
}

bool Importer::isBulkImport(const LogSource &source) const
{
    // About 150 bytes a line, and compressed logs hold about eight times their size.
    const std::int64_t bytes = source.totalBytes();
    if (bytes <= 0)
        return false;
    const std::int64_t expectedLines =
        bytes / 150 * (source.compression() == Compression::None ? 1 : 8);
    QSqlQuery query(m_database.connection());
    // MAX(id) is instant where COUNT(*) would scan; ids only grow, so it is an upper bound.
    const std::int64_t stored = query.exec(u"SELECT COALESCE(MAX(id), 0) FROM event"_s) && query.next()
                                    ? query.value(0).toLongLong()
                                    : 0;
    return expectedLines >= 100000 && expectedLines > stored;
}

} // namespace rejectscope
