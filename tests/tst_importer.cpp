// The import ledger and the import's promises: every line stored exactly once,
// whatever the order, rotation, compression or growth; cancel and failures leave
// a database and ledger that tell the truth; bad input never loses stored data.

#include "store/database.h"
#include "store/importer.h"
#include "testsupport.h"

#include <QCryptographicHash>
#include <QDir>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

using namespace Qt::StringLiterals;
using namespace rejectscope;
using namespace testsupport;

namespace {

ImportOptions testOptions(int batchLines = 100)
{
    ImportOptions options;
    options.zone = QTimeZone(QByteArrayLiteral("Europe/Berlin"));
    options.year = 2021; // the fixture's files carry no year; pin it
    options.batchLines = batchLines;
    return options;
}

// Everything stored about the events, independent of where the lines were read
// from: equal lists mean equal imports.
QStringList storedEvents(Database &database)
{
    QStringList rows;
    QSqlQuery query(database.connection());
    if (!query.exec(u"SELECT time_ms, kind, direction, code, code_class, reason, retry_key,"
                    " COALESCE(queue_id, ''), COALESCE(client_ip, ''), COALESCE(sender, '<null>'),"
                    " COALESCE(recipient, ''), COALESCE(reply, '') FROM event"_s))
        qFatal("query failed");
    while (query.next()) {
        QStringList fields;
        for (int i = 0; i < 12; ++i)
            fields << query.value(i).toString();
        rows << fields.join(u'|');
    }
    if (!query.exec(u"SELECT time_ms, queue_id, sender, size_bytes, nrcpt FROM queue_sender"_s))
        qFatal("query failed");
    while (query.next()) {
        rows << u"queue-sender|%1|%2|%3|%4|%5"_s.arg(query.value(0).toString(), query.value(1).toString(),
                                                      query.value(2).toString(), query.value(3).toString(),
                                                      query.value(4).toString());
    }
    std::sort(rows.begin(), rows.end());
    return rows;
}

qint64 scalar(Database &database, const QString &sql)
{
    QSqlQuery query(database.connection());
    if (!query.exec(sql) || !query.next())
        qFatal("query failed: %s", qPrintable(sql));
    return query.value(0).toLongLong();
}

ImportReport importInto(const QString &dbPath, const QString &file, int batchLines = 100)
{
    Database database(dbPath);
    if (!database.open())
        qFatal("cannot open %s: %s", qPrintable(dbPath), qPrintable(database.errorString()));
    Importer importer(database, testOptions(batchLines));
    return importer.importFile(file);
}

QStringList eventsOf(const QString &dbPath)
{
    Database database(dbPath);
    if (!database.open(Database::Mode::ReadOnly))
        qFatal("cannot open %s", qPrintable(dbPath));
    return storedEvents(database);
}

QByteArray fileHash(const QString &path)
{
    return QCryptographicHash::hash(readAll(path), QCryptographicHash::Sha256);
}

} // namespace

class TestImporter : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void importsRealLog();
    void minuteCountsEqualEventCounts();
    void bulkImportStoresTheSame();
    void bulkImportCancelsAtTheNextBatch();
    void sameFileTwice();
    void compressedCopyOfImportedFile();
    void rotatedSetInAnyOrder_data();
    void rotatedSetInAnyOrder();
    void grownFile();
    void sameFirstLineDifferentLog();
    void cancelMidImportKeepsLedgerTrue();
    void badInput_data();
    void badInput();
    void emptyFileImportsNothing();
    void truncatedGzipKeepsLinesBeforeTheDamage();
    void invalidUtf8IsStoredAsValidText();
    void hugeLineIsCutAndCounted();
    void notADatabaseIsNeverTouched();
    void databaseOfAnotherProgramIsRefused();

private:
    // Copies of the fixture in one file: over 15 MB, a bulk import.
    static constexpr int bigCopies = 70;
    QByteArray bigLog() const { return m_log.repeated(bigCopies); }

    QTemporaryDir m_dir;
    QByteArray m_log;
    QList<QByteArray> m_lines;
    QStringList m_fullEvents;
    qint64 m_fullCount = 0;
    QString path(const QString &name) const { return m_dir.filePath(name); }
};

void TestImporter::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_log = readAll(dataPath(u"import/real-mixed.maillog"_s));
    m_lines = linesOf(m_log);
    QVERIFY(m_lines.size() > 1000);
    QVERIFY(writeFile(path(u"full.log"_s), m_log));
    const ImportReport report = importInto(path(u"full.db"_s), path(u"full.log"_s));
    QCOMPARE(report.outcome, ImportReport::Outcome::Imported);
    m_fullEvents = eventsOf(path(u"full.db"_s));
    m_fullCount = m_fullEvents.size();
}

void TestImporter::importsRealLog()
{
    Database database(path(u"full.db"_s));
    QVERIFY(database.open(Database::Mode::ReadOnly));
    QCOMPARE(database.schemaVersion(), Database::currentSchemaVersion());
    QCOMPARE(scalar(database, u"SELECT SUM(lines_read) FROM source"_s), m_lines.size());
    const qint64 events = scalar(database, u"SELECT COUNT(*) FROM event"_s);
    const qint64 queueSenders = scalar(database, u"SELECT COUNT(*) FROM queue_sender"_s);
    QVERIFY(queueSenders > 100);
    QCOMPARE(scalar(database, u"SELECT SUM(events) FROM source"_s), events + queueSenders);
    // The fixture holds over a hundred deliveries and a few rejections.
    QVERIFY2(events > 150, qPrintable(QString::number(events)));
    QVERIFY(scalar(database, u"SELECT COUNT(*) FROM event WHERE kind = 2"_s) > 100);
    QVERIFY(scalar(database, u"SELECT COUNT(*) FROM event WHERE kind = 0"_s) >= 3);
    // The per-minute counts cover exactly the counted kinds.
    QCOMPARE(scalar(database, u"SELECT SUM(events) FROM minute_count"_s),
             scalar(database, u"SELECT COUNT(*) FROM event WHERE kind IN (0, 1, 2, 4)"_s));
    // Every line is accounted for: event, ignored or not understood.
    QCOMPARE(scalar(database, u"SELECT SUM(events + ignored + not_understood) FROM source"_s),
             m_lines.size());
    // The ledger reached the end of the file.
    QCOMPARE(scalar(database, u"SELECT offset_reached FROM source"_s), m_log.size());
}

// The minute counts are worked out per batch on the parsing thread and summed per
// transaction: whatever the batches, they equal the events counted per minute.
void TestImporter::minuteCountsEqualEventCounts()
{
    Database database(path(u"full.db"_s));
    QVERIFY(database.open(Database::Mode::ReadOnly));
    const QString perEvent =
        u"SELECT time_ms / 60000 AS minute, direction, kind, code_class, reason, status,"
        " COUNT(*) AS events FROM event WHERE kind IN (0, 1, 2, 4)"
        " GROUP BY 1, 2, 3, 4, 5, 6"_s;
    const QString stored =
        u"SELECT minute, direction, kind, code_class, reason, status, events FROM minute_count"_s;
    QVERIFY(scalar(database, u"SELECT COUNT(*) FROM minute_count"_s) > 20);
    QCOMPARE(scalar(database, u"SELECT COUNT(*) FROM ("_s + perEvent + u" EXCEPT "_s + stored + u")"_s), 0);
    QCOMPARE(scalar(database, u"SELECT COUNT(*) FROM ("_s + stored + u" EXCEPT "_s + perEvent + u")"_s), 0);
}

// A large file into a small database is a bulk import: indexes dropped and built
// again, few large transactions, progress per batch. It stores what an ordinary
// import of the same file stores.
void TestImporter::bulkImportStoresTheSame()
{
    QVERIFY(writeFile(path(u"big.log"_s), bigLog()));
    int progressReports = 0;
    for (const bool bulk : {true, false}) {
        Database database(path(bulk ? u"big.db"_s : u"big-ordinary.db"_s));
        QVERIFY(database.open());
        ImportOptions options = testOptions(50000);
        options.allowBulk = bulk;
        Importer importer(database, options);
        importer.setProgressCallback([&, bulk](const ImportProgress &) { progressReports += bulk; });
        const ImportReport report = importer.importFile(path(u"big.log"_s));
        QCOMPARE(report.outcome, ImportReport::Outcome::Imported);
        QCOMPARE(report.linesRead, bigCopies * m_lines.size());
    }
    // Progress comes per batch of 4,096 lines, not only at the (few) commits.
    QVERIFY2(progressReports >= bigCopies * m_lines.size() / 4096,
             qPrintable(QString::number(progressReports)));
    const QStringList bulkEvents = eventsOf(path(u"big.db"_s));
    QCOMPARE(bulkEvents.size(), bigCopies * m_fullCount);
    QCOMPARE(bulkEvents, eventsOf(path(u"big-ordinary.db"_s)));

    Database database(path(u"big.db"_s));
    QVERIFY(database.open(Database::Mode::ReadOnly));
    QSqlQuery query(database.connection());
    QVERIFY(query.exec(u"ATTACH DATABASE '"_s + path(u"big-ordinary.db"_s) + u"' AS ordinary"_s));
    for (const QString &table : {u"minute_count"_s, u"host"_s}) {
        QCOMPARE(scalar(database, u"SELECT COUNT(*) FROM (SELECT * FROM main.%1 EXCEPT"
                                  " SELECT * FROM ordinary.%1)"_s.arg(table)),
                 0);
        QCOMPARE(scalar(database, u"SELECT COUNT(*) FROM main.%1"_s.arg(table)),
                 scalar(database, u"SELECT COUNT(*) FROM ordinary.%1"_s.arg(table)));
    }
    QCOMPARE(scalar(database, u"SELECT COUNT(*) FROM (SELECT offset_reached, tail_hash, lines_read,"
                              " events, first_time_ms, last_time_ms FROM main.source EXCEPT"
                              " SELECT offset_reached, tail_hash, lines_read, events, first_time_ms,"
                              " last_time_ms FROM ordinary.source)"_s),
             0);
    // The indexes are all there again, and the database is sound and back in WAL mode.
    QCOMPARE(scalar(database, u"SELECT COUNT(*) FROM main.sqlite_master WHERE type = 'index' AND name IN"
                              " ('event_retry', 'event_sender_missing', 'queue_sender_queue')"_s),
             3);
    QVERIFY(query.exec(u"PRAGMA main.integrity_check"_s) && query.next());
    QCOMPARE(query.value(0).toString(), u"ok"_s);
    QVERIFY(query.exec(u"PRAGMA main.journal_mode"_s) && query.next());
    QCOMPARE(query.value(0).toString(), u"wal"_s);
}

// A bulk import commits rarely; Cancel still stops it at the next batch, with a
// ledger that tells the truth, and a later import adds the rest.
void TestImporter::bulkImportCancelsAtTheNextBatch()
{
    const QByteArray big = bigLog();
    QVERIFY(writeFile(path(u"bigcancel.log"_s), big));
    const QString db = path(u"bigcancel.db"_s);
    std::atomic_bool cancel{false};
    const QList<QByteArray> bigLines = linesOf(big);
    qint64 cancelledAt = 0;
    {
        Database database(db);
        QVERIFY(database.open());
        Importer importer(database, testOptions(50000));
        importer.setCancelFlag(&cancel);
        int reports = 0;
        importer.setProgressCallback([&](const ImportProgress &) {
            if (++reports == 3)
                cancel = true;
        });
        const ImportReport report = importer.importFile(path(u"bigcancel.log"_s));
        QCOMPARE(report.outcome, ImportReport::Outcome::Cancelled);
        // The third batch's report asked to stop; the fourth batch ends the import.
        QCOMPARE(report.linesRead, 4 * 4096);
        QCOMPARE(scalar(database, u"SELECT lines_read FROM source"_s), report.linesRead);
        cancelledAt = joined(bigLines, 0, report.linesRead).size();
        QCOMPARE(scalar(database, u"SELECT offset_reached FROM source"_s), cancelledAt);
        QCOMPARE(scalar(database, u"SELECT events FROM source"_s),
                 scalar(database, u"SELECT COUNT(*) FROM event"_s)
                     + scalar(database, u"SELECT COUNT(*) FROM queue_sender"_s));
        QCOMPARE(scalar(database, u"SELECT COUNT(*) FROM event WHERE line_offset >= "_s
                                      + QString::number(cancelledAt)),
                 0);
        QVERIFY(scalar(database, u"SELECT COUNT(*) FROM event"_s) > 0);
    }
    const ImportReport rest = importInto(db, path(u"bigcancel.log"_s), 50000);
    QVERIFY(rest.resumed);
    QCOMPARE(rest.linesRead, bigLines.size() - 4 * 4096);
    // Every line stored once: as many events, of each kind, as the whole file holds.
    Database database(db);
    QVERIFY(database.open(Database::Mode::ReadOnly));
    QSqlQuery query(database.connection());
    const QString whole = path(u"bigwhole.db"_s);
    QCOMPARE(importInto(whole, path(u"bigcancel.log"_s), 50000).outcome, ImportReport::Outcome::Imported);
    QVERIFY(query.exec(u"ATTACH DATABASE '"_s + whole + u"' AS whole"_s));
    QCOMPARE(scalar(database, u"SELECT COUNT(*) FROM (SELECT kind, line_offset FROM main.event"
                              " EXCEPT SELECT kind, line_offset FROM whole.event)"_s),
             0);
    QCOMPARE(scalar(database, u"SELECT COUNT(*) FROM main.event"_s),
             scalar(database, u"SELECT COUNT(*) FROM whole.event"_s));
    QCOMPARE(scalar(database, u"SELECT COUNT(*) FROM main.queue_sender"_s),
             scalar(database, u"SELECT COUNT(*) FROM whole.queue_sender"_s));
}

void TestImporter::sameFileTwice()
{
    QVERIFY(writeFile(path(u"twice.log"_s), m_log));
    QCOMPARE(importInto(path(u"twice.db"_s), path(u"twice.log"_s)).outcome,
             ImportReport::Outcome::Imported);
    const ImportReport again = importInto(path(u"twice.db"_s), path(u"twice.log"_s));
    QCOMPARE(again.outcome, ImportReport::Outcome::AlreadyImported);
    QCOMPARE(again.linesRead, 0);
    QCOMPARE(eventsOf(path(u"twice.db"_s)), m_fullEvents);
}

void TestImporter::compressedCopyOfImportedFile()
{
    QVERIFY(writeFile(path(u"plain.log"_s), m_log));
    QVERIFY(writeFile(path(u"copy.log.1.xz"_s), compressed(m_log, u"xz"_s)));
    QCOMPARE(importInto(path(u"copy.db"_s), path(u"plain.log"_s)).outcome,
             ImportReport::Outcome::Imported);
    QCOMPARE(importInto(path(u"copy.db"_s), path(u"copy.log.1.xz"_s)).outcome,
             ImportReport::Outcome::AlreadyImported);
    QCOMPARE(eventsOf(path(u"copy.db"_s)), m_fullEvents);
}

void TestImporter::rotatedSetInAnyOrder_data()
{
    QTest::addColumn<QStringList>("order");
    QStringList files{u"maillog.2.gz"_s, u"maillog.1"_s, u"maillog"_s};
    std::sort(files.begin(), files.end());
    do {
        QTest::newRow(qPrintable(files.join(u','))) << files;
    } while (std::next_permutation(files.begin(), files.end()));
}

// Day 1 the live maillog held the first half of what became maillog.2.gz, and was
// imported then. After two rotations the set is maillog.2.gz (grown, compressed),
// maillog.1 and maillog; whatever order they come in, each line is stored once.
void TestImporter::rotatedSetInAnyOrder()
{
    QFETCH(QStringList, order);
    QTemporaryDir dir;
    const qsizetype a = m_lines.size() / 3, b = 2 * m_lines.size() / 3;
    QVERIFY(writeFile(dir.filePath(u"maillog"_s), joined(m_lines, 0, a / 2)));
    const QString db = dir.filePath(u"rotated.db"_s);
    QCOMPARE(importInto(db, dir.filePath(u"maillog"_s)).outcome, ImportReport::Outcome::Imported);

    QVERIFY(writeFile(dir.filePath(u"maillog.2.gz"_s), compressed(joined(m_lines, 0, a), u"gzip"_s)));
    QVERIFY(writeFile(dir.filePath(u"maillog.1"_s), joined(m_lines, a, b)));
    QVERIFY(writeFile(dir.filePath(u"maillog"_s), joined(m_lines, b, m_lines.size())));
    for (const QString &name : order) {
        const ImportReport report = importInto(db, dir.filePath(name));
        QVERIFY2(report.outcome == ImportReport::Outcome::Imported, qPrintable(report.error));
        if (name == u"maillog.2.gz"_s) {
            QVERIFY(report.resumed); // continued where day 1 stopped
            QCOMPARE(report.linesRead, a - a / 2);
        }
    }
    QCOMPARE(eventsOf(db), m_fullEvents);
    Database database(db);
    QVERIFY(database.open(Database::Mode::ReadOnly));
    QCOMPARE(scalar(database, u"SELECT SUM(lines_read) FROM source"_s), m_lines.size());
    QCOMPARE(scalar(database, u"SELECT COUNT(*) FROM source"_s), 3);
}

void TestImporter::grownFile()
{
    const QString log = path(u"grown.log"_s), db = path(u"grown.db"_s);
    QVERIFY(writeFile(log, joined(m_lines, 0, 700)));
    QCOMPARE(importInto(db, log).linesRead, 700);
    QVERIFY(writeFile(log, joined(m_lines, 700, 1100), true));
    const ImportReport second = importInto(db, log);
    QVERIFY(second.resumed);
    QCOMPARE(second.linesRead, 400);
    QVERIFY(writeFile(log, joined(m_lines, 1100, m_lines.size()), true));
    QCOMPARE(importInto(db, log).linesRead, m_lines.size() - 1100);
    QCOMPARE(eventsOf(db), m_fullEvents);
}

// Two different logs that begin with the same line are two streams, not one.
void TestImporter::sameFirstLineDifferentLog()
{
    const QString db = path(u"samefirst.db"_s);
    QVERIFY(writeFile(path(u"first.log"_s), joined(m_lines, 0, 600)));
    QVERIFY(writeFile(path(u"other.log"_s), m_lines.at(0) + joined(m_lines, 900, 1400)));
    QCOMPARE(importInto(db, path(u"first.log"_s)).linesRead, 600);
    const ImportReport other = importInto(db, path(u"other.log"_s));
    QCOMPARE(other.outcome, ImportReport::Outcome::Imported);
    QVERIFY(!other.resumed);
    QCOMPARE(other.linesRead, 501);
}

void TestImporter::cancelMidImportKeepsLedgerTrue()
{
    const QString db = path(u"cancel.db"_s);
    QVERIFY(writeFile(path(u"cancel.log"_s), m_log));
    std::atomic_bool cancel{false};
    {
        Database database(db);
        QVERIFY(database.open());
        Importer importer(database, testOptions(200));
        importer.setCancelFlag(&cancel);
        int batches = 0;
        importer.setProgressCallback([&](const ImportProgress &progress) {
            QVERIFY(progress.bytesDone <= progress.bytesTotal);
            if (++batches == 2)
                cancel = true; // the user pressed Cancel during the second batch
        });
        const ImportReport report = importer.importFile(path(u"cancel.log"_s));
        QCOMPARE(report.outcome, ImportReport::Outcome::Cancelled);
        QCOMPARE(report.linesRead, 400);
        // The ledger says exactly what is stored: 400 lines, their events, their offset.
        QCOMPARE(scalar(database, u"SELECT lines_read FROM source"_s), 400);
        QCOMPARE(scalar(database, u"SELECT offset_reached FROM source"_s),
                 joined(m_lines, 0, 400).size());
        QCOMPARE(scalar(database, u"SELECT events FROM source"_s),
                 scalar(database, u"SELECT COUNT(*) FROM event"_s)
                     + scalar(database, u"SELECT COUNT(*) FROM queue_sender"_s));
        QCOMPARE(scalar(database, u"SELECT COUNT(*) FROM event WHERE line_offset >= "_s
                                      + QString::number(joined(m_lines, 0, 400).size())),
                 0);
        QSqlQuery check(database.connection());
        QVERIFY(check.exec(u"PRAGMA integrity_check"_s) && check.next());
        QCOMPARE(check.value(0).toString(), u"ok"_s);
    }
    const ImportReport rest = importInto(db, path(u"cancel.log"_s));
    QVERIFY(rest.resumed);
    QCOMPARE(rest.linesRead, m_lines.size() - 400);
    QCOMPARE(eventsOf(db), m_fullEvents);
}

void TestImporter::badInput_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QByteArray>("content"); // written unless empty and name ends in '/'
    QTest::addColumn<QString>("reason");     // a word the message must contain

    QByteArray binary(4096, '\0');
    for (int i = 0; i < binary.size(); ++i)
        binary[i] = char((i * 7919) % 251);
    QTest::newRow("missing file") << u"does-not-exist.log"_s << QByteArray() << u"exist"_s;
    QTest::newRow("directory") << u"a-directory/"_s << QByteArray() << u"directory"_s;
    QTest::newRow("binary file") << u"binary.log"_s << binary << u"binary"_s;
}

void TestImporter::badInput()
{
    QFETCH(QString, name);
    QFETCH(QByteArray, content);
    QFETCH(QString, reason);
    const QString db = path(u"bad-%1.db"_s.arg(QString::number(qHash(name))));
    QVERIFY(writeFile(path(u"good.log"_s), m_log));
    QCOMPARE(importInto(db, path(u"good.log"_s)).outcome, ImportReport::Outcome::Imported);

    const QString target = path(name);
    if (name.endsWith(u'/'))
        QVERIFY(QDir().mkpath(target));
    else if (!content.isEmpty())
        QVERIFY(writeFile(target, content));
    const ImportReport report = importInto(db, target);
    QCOMPARE(report.outcome, ImportReport::Outcome::Failed);
    QVERIFY2(report.error.contains(reason, Qt::CaseInsensitive), qPrintable(report.error));
    QCOMPARE(eventsOf(db), m_fullEvents); // what was stored is still there
}

void TestImporter::emptyFileImportsNothing()
{
    const QString db = path(u"empty.db"_s);
    QVERIFY(writeFile(path(u"good-for-empty.log"_s), m_log));
    QCOMPARE(importInto(db, path(u"good-for-empty.log"_s)).outcome, ImportReport::Outcome::Imported);
    for (const QString &name : {u"empty.log"_s, u"empty.log.gz"_s}) {
        QVERIFY(writeFile(path(name), name.endsWith(u".gz"_s) ? compressed({}, u"gzip"_s) : QByteArray()));
        const ImportReport report = importInto(db, path(name));
        QCOMPARE(report.outcome, ImportReport::Outcome::Imported);
        QCOMPARE(report.linesRead, 0);
        QVERIFY(report.error.isEmpty());
    }
    QCOMPARE(eventsOf(db), m_fullEvents);
}

void TestImporter::truncatedGzipKeepsLinesBeforeTheDamage()
{
    const QByteArray gz = compressed(m_log, u"gzip"_s);
    QVERIFY(writeFile(path(u"cut.log.gz"_s), gz.left(gz.size() * 2 / 3)));
    const QString db = path(u"cut.db"_s);
    const ImportReport report = importInto(db, path(u"cut.log.gz"_s));
    QCOMPARE(report.outcome, ImportReport::Outcome::Failed);
    QVERIFY(!report.error.isEmpty());
    QVERIFY(report.linesRead > 100);
    QVERIFY(report.linesRead < m_lines.size());
    Database database(db);
    QVERIFY(database.open(Database::Mode::ReadOnly));
    QCOMPARE(scalar(database, u"SELECT lines_read FROM source"_s), report.linesRead);
    QCOMPARE(scalar(database, u"SELECT COUNT(*) FROM event"_s)
                 + scalar(database, u"SELECT COUNT(*) FROM queue_sender"_s),
             report.events);
    // The same lines, complete, later: only the rest is added.
    QVERIFY(writeFile(path(u"whole.log"_s), m_log));
    database.connection().close();
    const ImportReport whole = importInto(db, path(u"whole.log"_s));
    QVERIFY(whole.resumed);
    QCOMPARE(eventsOf(db), m_fullEvents);
}

void TestImporter::invalidUtf8IsStoredAsValidText()
{
    // A real reject line with raw Latin-1 bytes where a stranger chose the HELO.
    const QByteArray line = "Jun  1 19:00:55 mail postfix/smtpd[7749]: NOQUEUE: reject: RCPT from "
                            "unknown[192.0.2.114]: 450 4.7.25 Client host rejected: cannot find "
                            "your hostname, [192.0.2.114]; from=<caf\xe9@example.com> "
                            "to=<inbox@example.org> proto=ESMTP helo=<\xff\xfe\x80>\n";
    QVERIFY(writeFile(path(u"latin1.log"_s), line));
    const QString db = path(u"latin1.db"_s);
    const ImportReport report = importInto(db, path(u"latin1.log"_s));
    QCOMPARE(report.outcome, ImportReport::Outcome::Imported);
    QCOMPARE(report.events, 1);
    Database database(db);
    QVERIFY(database.open(Database::Mode::ReadOnly));
    QSqlQuery query(database.connection());
    QVERIFY(query.exec(u"SELECT sender, helo, CAST(helo AS BLOB) FROM event"_s) && query.next());
    QCOMPARE(query.value(0).toString(), u"caf\uFFFD@example.com"_s);
    QCOMPARE(query.value(1).toString(), u"\uFFFD\uFFFD\uFFFD"_s);
    QCOMPARE(query.value(2).toByteArray(), QByteArray("\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"));
}

void TestImporter::hugeLineIsCutAndCounted()
{
    QByteArray log = joined(m_lines, 0, 50);
    log += "Jun  1 19:00:55 mail postfix/smtpd[7749]: warning: " + QByteArray(10 * 1024 * 1024, 'x')
        + '\n';
    log += joined(m_lines, 50, 100);
    QVERIFY(writeFile(path(u"huge.log"_s), log));
    const QString db = path(u"huge.db"_s);
    const ImportReport report = importInto(db, path(u"huge.log"_s));
    QCOMPARE(report.outcome, ImportReport::Outcome::Imported);
    QCOMPARE(report.linesRead, 101);
    QCOMPARE(report.truncatedLines, 1);
    Database database(db);
    QVERIFY(database.open(Database::Mode::ReadOnly));
    QCOMPARE(scalar(database, u"SELECT truncated_lines FROM source"_s), 1);
    QCOMPARE(scalar(database, u"SELECT offset_reached FROM source"_s), log.size());
}

void TestImporter::notADatabaseIsNeverTouched()
{
    const QString fake = path(u"notes.txt"_s);
    QVERIFY(writeFile(fake, "These are my notes, not a database.\n"));
    const QByteArray before = fileHash(fake);
    Database database(fake);
    QVERIFY(!database.open());
    QVERIFY2(database.errorString().contains(u"not a Rejectscope database"_s),
             qPrintable(database.errorString()));
    QCOMPARE(fileHash(fake), before);
    QVERIFY(!QFile::exists(fake + u"-wal"_s));
}

void TestImporter::databaseOfAnotherProgramIsRefused()
{
    const QString other = path(u"other-program.db"_s);
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"other"_s);
        db.setDatabaseName(other);
        QVERIFY(db.open());
        QSqlQuery query(db);
        QVERIFY(query.exec(u"CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)"_s));
        QVERIFY(query.exec(u"INSERT INTO invoices (total) VALUES (12.5)"_s));
        db.close();
    }
    QSqlDatabase::removeDatabase(u"other"_s);
    const QByteArray before = fileHash(other);
    Database database(other);
    QVERIFY(!database.open());
    QVERIFY2(database.errorString().contains(u"another program"_s), qPrintable(database.errorString()));
    QCOMPARE(fileHash(other), before);
}

QTEST_GUILESS_MAIN(TestImporter)
#include "tst_importer.moc"
