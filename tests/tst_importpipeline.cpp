// The import's pipeline below the Importer: what the parsing thread works out for
// the storing thread (minute counts, senders from the queue-sender cache, repaired
// text) and the many-row statements that store it.

#include "parse/lineparser.h"
#include "parse/timestampresolver.h"
#include "io/logsource.h"
#include "store/minutecounts.h"
#include "store/multirowstatement.h"
#include "store/parsingreader.h"
#include "store/queuesendercache.h"
#include "testsupport.h"

#include <QTemporaryDir>
#include <QTest>

#include <sqlite3.h>

#include <memory>
#include <optional>
#include <vector>

using namespace Qt::StringLiterals;
using namespace rejectscope;
using namespace testsupport;

namespace {

TimestampResolver::Options timeOptions()
{
    TimestampResolver::Options options;
    options.zone = QTimeZone(QByteArrayLiteral("Europe/Berlin"));
    options.firstYear = 2021;
    options.reference = QDateTime(QDate(2022, 6, 1), QTime(0, 0), QTimeZone::utc());
    return options;
}

QByteArray bytes(std::string_view text)
{
    return QByteArray(text.data(), qsizetype(text.size()));
}

QByteArray senderText(const std::optional<std::string_view> &sender)
{
    return sender ? bytes(*sender) : QByteArrayLiteral("<none>");
}

// All batches of one file, read by a ParsingReader as the Importer reads them.
std::vector<std::unique_ptr<ParsedBatch>> readAllBatches(const QString &path, int batchLines,
                                                         QueueSenderCache *senders)
{
    LogSource source(path);
    if (!source.open())
        qFatal("cannot open %s", qPrintable(path));
    TimestampResolver resolver(timeOptions());
    LineParser parser(resolver);
    ParsingReader::Options options;
    options.batchLines = batchLines;
    options.queueSenders = senders;
    ParsingReader reader(source, parser, options);
    reader.start();
    std::vector<std::unique_ptr<ParsedBatch>> batches;
    while (auto batch = reader.next())
        batches.push_back(std::move(batch));
    return batches;
}

// The delivery of `queueId` in the batches: its sender, or nullopt when it has none.
std::optional<QByteArray> deliverySender(const std::vector<std::unique_ptr<ParsedBatch>> &batches,
                                         std::string_view queueId, bool *found)
{
    *found = false;
    for (const auto &batch : batches) {
        for (const ParsedBatch::Item &item : batch->events) {
            if (item.event.kind != EventKind::Delivery || item.event.queueId != queueId)
                continue;
            *found = true;
            if (!item.event.senderKnown)
                return std::nullopt;
            return QByteArray(item.event.sender.data(), qsizetype(item.event.sender.size()));
        }
    }
    return std::nullopt;
}

} // namespace

class TestImportPipeline : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cacheKeepsTwoGenerations();
    void cacheFollowsAChangedSender();
    void sendersCrossBatches_data();
    void sendersCrossBatches();
    void sendersCrossFilesOfOneRun();
    void batchMinuteCountsEqualPerEventCounts();
    void textIsRepairedOnTheParsingThread();
    void manyRowStatementStoresEveryRow_data();
    void manyRowStatementStoresEveryRow();
    void readerParsesAheadOfASlowTaker();

private:
    QTemporaryDir m_dir;
    QList<QByteArray> m_lines;
    QString path(const QString &name) const { return m_dir.filePath(name); }
};

void TestImportPipeline::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_lines = linesOf(readAll(dataPath(u"import/real-mixed.maillog"_s)));
    QVERIFY(m_lines.size() > 1000);
    // Line 7 is qmgr's "0B73130001FB: from=<sender@example.com>", line 19 the delivery
    // of that queue id, whose line does not name the sender.
    QVERIFY(m_lines.at(6).contains("qmgr") && m_lines.at(6).contains("0B73130001FB: from=<sender@"));
    QVERIFY(m_lines.at(18).contains("0B73130001FB: to=<recipient@example.com>"));
}

void TestImportPipeline::cacheKeepsTwoGenerations()
{
    QueueSenderCache cache(2);
    cache.remember("A1", "a@example.org");
    cache.remember("B2", "b@example.org");
    cache.remember("C3", "c@example.org"); // the first generation is full: it becomes the older
    QCOMPARE(senderText(cache.senderOf("A1")), QByteArray("a@example.org"));
    QCOMPARE(senderText(cache.senderOf("C3")), QByteArray("c@example.org"));
    cache.remember("D4", "");
    QCOMPARE(senderText(cache.senderOf("D4")), QByteArray("")); // the null sender <> is a sender
    cache.remember("E5", "e@example.org"); // now A1 and B2 are dropped
    QCOMPARE(senderText(cache.senderOf("A1")), QByteArray("<none>"));
    QCOMPARE(senderText(cache.senderOf("B2")), QByteArray("<none>"));
    QCOMPARE(senderText(cache.senderOf("C3")), QByteArray("c@example.org"));
    QCOMPARE(senderText(cache.senderOf("E5")), QByteArray("e@example.org"));
    QCOMPARE(senderText(cache.senderOf("F6")), QByteArray("<none>"));
    cache.remember("", "nobody@example.org"); // no queue id: nothing to remember
    QCOMPARE(senderText(cache.senderOf("")), QByteArray("<none>"));
}

void TestImportPipeline::cacheFollowsAChangedSender()
{
    // qmgr names a queue id's sender at every queue run; should it change, the last
    // one counts, however often it changes (the cache's text stays bounded).
    QueueSenderCache cache(4);
    const std::string longSender = std::string(200, 'x') + "@example.org";
    for (int i = 0; i < 5000; ++i)
        cache.remember("Q1", i % 2 ? std::string_view("short@example.org") : std::string_view(longSender));
    cache.remember("Q1", "last@example.org");
    QCOMPARE(senderText(cache.senderOf("Q1")), QByteArray("last@example.org"));
    cache.remember("Q2", "two@example.org");
    QCOMPARE(senderText(cache.senderOf("Q1")), QByteArray("last@example.org"));
    QCOMPARE(senderText(cache.senderOf("Q2")), QByteArray("two@example.org"));
}

void TestImportPipeline::sendersCrossBatches_data()
{
    QTest::addColumn<int>("batchLines");
    QTest::newRow("2 lines a batch") << 2;
    QTest::newRow("one batch") << 4096;
}

void TestImportPipeline::sendersCrossBatches()
{
    QFETCH(int, batchLines);
    QVERIFY(writeFile(path(u"first20.log"_s), joined(m_lines, 0, 20)));
    QueueSenderCache cache;
    const auto batches = readAllBatches(path(u"first20.log"_s), batchLines, &cache);
    QVERIFY(qsizetype(batches.size()) >= (batchLines == 2 ? 10 : 1));
    bool found = false;
    const auto sender = deliverySender(batches, "0B73130001FB", &found);
    QVERIFY(found);
    QCOMPARE(sender.value_or("<none>"), QByteArray("sender@example.com"));
}

void TestImportPipeline::sendersCrossFilesOfOneRun()
{
    // The qmgr line ends the first file, the delivery is in the second: one cache
    // for both readers, as the Importer keeps one for all files of a run.
    QVERIFY(writeFile(path(u"part1.log"_s), joined(m_lines, 0, 7)));
    QVERIFY(writeFile(path(u"part2.log"_s), joined(m_lines, 7, 20)));
    QueueSenderCache cache;
    readAllBatches(path(u"part1.log"_s), 4096, &cache);
    bool found = false;
    auto sender = deliverySender(readAllBatches(path(u"part2.log"_s), 4096, &cache),
                                 "0B73130001FB", &found);
    QVERIFY(found);
    QCOMPARE(sender.value_or("<none>"), QByteArray("sender@example.com"));

    // Without the first file (or without a cache) the delivery has no sender yet.
    QueueSenderCache fresh;
    sender = deliverySender(readAllBatches(path(u"part2.log"_s), 4096, &fresh), "0B73130001FB", &found);
    QVERIFY(found);
    QVERIFY(!sender);
    sender = deliverySender(readAllBatches(path(u"first20.log"_s), 4096, nullptr), "0B73130001FB", &found);
    QVERIFY(found);
    QVERIFY(!sender);
}

void TestImportPipeline::batchMinuteCountsEqualPerEventCounts()
{
    QVERIFY(writeFile(path(u"all.log"_s), joined(m_lines, 0, m_lines.size())));
    for (const int batchLines : {7, 4096}) {
        const auto batches = readAllBatches(path(u"all.log"_s), batchLines, nullptr);
        MinuteCounts perEvent;
        MinuteCounts merged;
        qint64 counted = 0;
        std::optional<std::int64_t> first, last, batchFirst, batchLast;
        for (const auto &batch : batches) {
            MinuteCounts ofBatch;
            for (const ParsedBatch::Item &item : batch->events) {
                const Event &event = item.event;
                if (MinuteCounts::counts(event.kind)) {
                    ++counted;
                    const std::int64_t minute =
                        MinuteCounts::keyOf(event, item.reason, item.codeClass).minute;
                    QVERIFY(minute * 60000 <= event.timeUtcMs && event.timeUtcMs < (minute + 1) * 60000);
                }
                perEvent.add(event, item.reason, item.codeClass);
                ofBatch.add(event, item.reason, item.codeClass);
                first = std::min(first.value_or(event.timeUtcMs), event.timeUtcMs);
                last = std::max(last.value_or(event.timeUtcMs), event.timeUtcMs);
            }
            QCOMPARE(batch->minutes.map(), ofBatch.map());
            QCOMPARE(batch->firstTimeMs.has_value(), !batch->events.empty());
            if (batch->firstTimeMs) {
                batchFirst = std::min(batchFirst.value_or(*batch->firstTimeMs), *batch->firstTimeMs);
                batchLast = std::max(batchLast.value_or(*batch->lastTimeMs), *batch->lastTimeMs);
            }
            merged.add(batch->minutes);
        }
        QVERIFY(counted > 150);
        QCOMPARE(merged.map(), perEvent.map());
        qint64 sum = 0;
        for (const std::int64_t n : merged.map())
            sum += n;
        QCOMPARE(sum, counted);
        QVERIFY(first && last);
        QCOMPARE(batchFirst, first);
        QCOMPARE(batchLast, last);
    }
}

void TestImportPipeline::textIsRepairedOnTheParsingThread()
{
    // A real reject line with raw Latin-1 bytes in the sender and HELO, after an
    // ASCII line: the ASCII event's text is copied as it is, the other repaired.
    const QByteArray latin1 = "Jun  1 19:00:55 mail postfix/smtpd[7749]: NOQUEUE: reject: RCPT from "
                              "unknown[192.0.2.114]: 450 4.7.25 Client host rejected: cannot find "
                              "your hostname, [192.0.2.114]; from=<caf\xe9@example.com> "
                              "to=<inbox@example.org> proto=ESMTP helo=<\xff\xfe\x80>\n";
    QByteArray ascii = latin1;
    ascii.replace("caf\xe9", "cafe").replace("<\xff\xfe\x80>", "<host>");
    QVERIFY(writeFile(path(u"mixed-bytes.log"_s), ascii + latin1));
    const auto batches = readAllBatches(path(u"mixed-bytes.log"_s), 4096, nullptr);
    QCOMPARE(qsizetype(batches.size()), 1);
    const auto &events = batches.front()->events;
    QCOMPARE(qsizetype(events.size()), 2);
    QCOMPARE(bytes(events[0].event.sender), "cafe@example.com");
    QCOMPARE(bytes(events[0].event.helo), "host");
    QCOMPARE(bytes(events[1].event.sender), "caf\xEF\xBF\xBD@example.com");
    QCOMPARE(bytes(events[1].event.helo), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
    for (const ParsedBatch::Item &item : events) {
        QCOMPARE(bytes(item.program), "postfix/smtpd");
        QCOMPARE(bytes(item.event.syslogName), "postfix");
        QCOMPARE(bytes(item.event.service), "smtpd");
    }
}

void TestImportPipeline::manyRowStatementStoresEveryRow_data()
{
    QTest::addColumn<int>("rows");
    for (const int rows : {0, 1, 2, 31, 32, 33, 63, 64, 100})
        QTest::addRow("%d rows", rows) << rows;
}

// Every row arrives, in order, whatever the count; a parameter the binder leaves
// alone because it holds the value already is right too, across executions.
void TestImportPipeline::manyRowStatementStoresEveryRow()
{
    QFETCH(int, rows);
    sqlite3 *db = nullptr;
    QCOMPARE(sqlite3_open(":memory:", &db), SQLITE_OK);
    const std::unique_ptr<sqlite3, int (*)(sqlite3 *)> closer(db, sqlite3_close);
    QCOMPARE(sqlite3_exec(db, "CREATE TABLE t (id INTEGER PRIMARY KEY, a BIGINT, b BIGINT, c TEXT)",
                          nullptr, nullptr, nullptr),
             SQLITE_OK);
    std::vector<std::string> texts;
    for (int i = 0; i < rows; ++i)
        texts.push_back("text " + std::to_string(i));
    const auto valueA = [](int i) { return std::int64_t(i % 3); };    // repeats often
    const auto valueB = [](int i) { return i % 4 == 0 ? -1 : i / 5; }; // NULL now and then
    {
        MultiRowStatement insert;
        insert.setSql(db, "INSERT INTO t (a, b, c)", 3);
        // Twice: the second pass finds its parameters bound by the first.
        for (int pass = 0; pass < 2; ++pass) {
            const bool ok = insert.run(std::size_t(rows), [&](RowBinder &b, std::size_t row) {
                const int i = int(row);
                b.integer(1, valueA(i));
                if (valueB(i) < 0)
                    b.null(2);
                else
                    b.integer(2, valueB(i));
                if (i % 7 == 0)
                    b.null(3);
                else
                    b.text(3, texts[row]);
            });
            QVERIFY2(ok, sqlite3_errmsg(db));
        }
    }
    sqlite3_stmt *select = nullptr;
    QCOMPARE(sqlite3_prepare_v2(db, "SELECT a, b, c FROM t ORDER BY id", -1, &select, nullptr),
             SQLITE_OK);
    int count = 0;
    while (sqlite3_step(select) == SQLITE_ROW) {
        const int i = count % std::max(rows, 1);
        QCOMPARE(sqlite3_column_int64(select, 0), valueA(i));
        if (valueB(i) < 0)
            QCOMPARE(sqlite3_column_type(select, 1), SQLITE_NULL);
        else
            QCOMPARE(sqlite3_column_int64(select, 1), std::int64_t(valueB(i)));
        if (i % 7 == 0)
            QCOMPARE(sqlite3_column_type(select, 2), SQLITE_NULL);
        else
            QCOMPARE(QByteArray(reinterpret_cast<const char *>(sqlite3_column_text(select, 2))),
                     QByteArray::fromStdString(texts[std::size_t(i)]));
        ++count;
    }
    sqlite3_finalize(select);
    QCOMPARE(count, 2 * rows);
}

void TestImportPipeline::readerParsesAheadOfASlowTaker()
{
    // The storing thread stops for every commit; the reader must keep parsing
    // meanwhile (a lead of many batches), yet never hold more than its queue.
    const ParsingReader::Options defaults;
    QVERIFY(defaults.queueDepth >= 24);
    constexpr int batchLines = 8;
    const int depth = int(defaults.queueDepth);
    const int lines = batchLines * (depth + 5);
    QVERIFY(m_lines.size() >= lines);
    QByteArray log;
    for (int i = 0; i < lines; ++i) {
        log += m_lines.at(i);
        if (!log.endsWith('\n'))
            log += '\n';
    }
    const QString file = path(u"ahead.maillog"_s);
    QVERIFY(writeFile(file, log));

    LogSource source(file);
    QVERIFY(source.open());
    TimestampResolver resolver(timeOptions());
    LineParser parser(resolver);
    ParsingReader::Options options;
    options.batchLines = batchLines;
    ParsingReader reader(source, parser, options);
    reader.start();
    QTRY_COMPARE(reader.queuedBatches(), defaults.queueDepth);
    QCOMPARE(reader.queuedBatches(), defaults.queueDepth); // and no more: it waits for room

    std::int64_t linesRead = 0;
    int batches = 0;
    while (auto batch = reader.next()) {
        linesRead += batch->linesRead;
        ++batches;
    }
    QCOMPARE(linesRead, std::int64_t(lines));
    QCOMPARE(batches, depth + 5 + 1); // the last batch only marks the end of the stream
}

QTEST_GUILESS_MAIN(TestImportPipeline)
#include "tst_importpipeline.moc"
