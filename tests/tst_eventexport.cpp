// The raw-event CSV export read back by a real CSV reader (Python's csv module):
// every cell of every row as stored, hostile text included (quotes, commas, line
// breaks, NUL, bytes that were not UTF-8, formula-looking cells neutralised as
// CsvWriter documents); cancel and failure leave no file and keep an old one;
// progress reaches the total.

#include "analysis/eventquery.h"
#include "analysissupport.h"
#include "report/csvwriter.h"
#include "report/eventexport.h"
#include "store/database.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QSqlQuery>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace rejectscope;

namespace {

// Real lines with a stranger's text written over their parts. The NUL lines come
// last: a NUL near the start would make the file look binary.
QByteArray hostileLog()
{
    return QByteArray(
               "Nov 22 23:50:36 mx postfix-in/smtpd[7623]: NOQUEUE: reject: RCPT from -evil.example[192.0.2.7]: "
               "450 4.1.1 <ghost6@in.lab.test>: Recipient address rejected: \"quoted\", comma <b>x</b>; "
               "from=<=HYPERLINK(\"http://x\",\"y\")@evil.test> to=<@SUM(1+1)@in.lab.test> proto=ESMTP helo=<+cmd|calc>\n"
               "Nov 22 23:50:37 mx postfix-in/smtpd[7623]: NOQUEUE: reject: RCPT from caf\xff.example[192.0.2.8]: "
               "450 4.1.1 <gh")
        + QByteArray("\0", 1)
        + QByteArray("ost@in.lab.test>: Recipient address rejected: User unknown in local recipient table; "
                     "from=<a\tb@x.test> to=<gh")
        + QByteArray("\0", 1)
        + QByteArray("ost@in.lab.test> proto=ESMTP helo=<x\xc3>\n");
}

// Parses the file with Python's csv module; its rows as JSON.
QList<QStringList> readWithPython(const QString &path)
{
    QProcess python;
    python.start(u"python3"_s,
                 {u"-c"_s, u"import csv, json, sys\n"
                           "with open(sys.argv[1], newline='', encoding='utf-8') as f:\n"
                           "    rows = list(csv.reader(f, strict=True))\n"
                           "sys.stdout.write(json.dumps(rows))\n"_s,
                  path});
    if (!python.waitForStarted())
        qFatal("python3 is needed for this test");
    python.waitForFinished(-1);
    if (python.exitCode() != 0)
        qFatal("python csv failed: %s", python.readAllStandardError().constData());
    QList<QStringList> rows;
    const QJsonArray array = QJsonDocument::fromJson(python.readAllStandardOutput()).array();
    for (const QJsonValue &row : array) {
        QStringList cells;
        for (const QJsonValue &cell : row.toArray())
            cells << cell.toString();
        rows << cells;
    }
    return rows;
}

// A cell as it must read back: numbers as written, text neutralised.
QString expectedCell(const QVariant &cell)
{
    if (cell.typeId() == QMetaType::Int || cell.typeId() == QMetaType::LongLong)
        return cell.toString();
    return CsvWriter::neutralised(cell.toString());
}

} // namespace

class TestEventExport : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void roundTrip_data();
    void roundTrip();
    void hostileCells();
    void cancelKeepsTheOldFile();
    void cancelMidway();
    void failureLeavesNoFile();

private:
    QTemporaryDir m_dir;
    std::unique_ptr<Database> m_db;
};

void TestEventExport::initTestCase()
{
    QVERIFY(m_dir.isValid());
    const QString hostile = m_dir.filePath(u"hostile.log"_s);
    QByteArray log = testsupport::readAll(analysistest::labLog());
    QVERIFY(testsupport::writeFile(hostile, log + hostileLog()));
    // And enough rows for several progress steps and a cancel in the middle.
    using namespace analysistest;
    Log made;
    for (int i = 0; i < 9000; ++i) {
        const qint64 t = t0Ms + qint64(i) * 1000;
        made.add(t, shape(i % 2 ? u"outbound-bounced-550"_s : u"inbound-450"_s)
                        .at(t, "u" + QByteArray::number(i) + "@in.lab.test"));
    }
    const QString madePath = m_dir.filePath(u"made.log"_s);
    QVERIFY(testsupport::writeFile(madePath, made.text()));
    m_db = importedDatabase(m_dir, u"export"_s,
                            {hostile, testsupport::dataPath(u"import/real-mixed.maillog"_s), madePath});
}

void TestEventExport::roundTrip_data()
{
    QTest::addColumn<AnalysisFilter>("filter");
    QTest::addColumn<QByteArray>("zone");
    QTest::newRow("everything, Berlin") << AnalysisFilter{} << QByteArray("Europe/Berlin");
    AnalysisFilter outbound;
    outbound.direction = Direction::Outbound;
    QTest::newRow("outbound, New York") << outbound << QByteArray("America/New_York");
    AnalysisFilter nothing;
    nothing.text = u"no such text anywhere"_s;
    QTest::newRow("no rows") << nothing << QByteArray("UTC");
}

void TestEventExport::roundTrip()
{
    QFETCH(AnalysisFilter, filter);
    QFETCH(QByteArray, zone);
    const QTimeZone tz(zone);
    QVERIFY(tz.isValid());
    const QString path = m_dir.filePath(u"events.csv"_s);
    QList<std::pair<std::int64_t, std::int64_t>> progress;
    QString error;
    QVERIFY2(exportEventsCsv(*m_db, filter, path, tz, nullptr,
                             [&](std::int64_t done, std::int64_t total) { progress << std::pair{done, total}; },
                             &error),
             qPrintable(error));

    // The rows the export should hold, read independently of its walk.
    EventQuery query(*m_db, filter);
    const auto count = query.count();
    QVERIFY(count);
    const auto rows = query.page(EventSort::Time, true, 0, int(*count) + 1);
    QVERIFY(rows);
    const Table want = eventsTable(*rows, tz);

    const QList<QStringList> read = readWithPython(path);
    QCOMPARE(read.size(), want.rows.size() + 1);
    QCOMPARE(read.at(0), want.columns);
    QCOMPARE(want.columns,
             (QStringList{u"time_utc"_s, u"time_local"_s, u"direction"_s, u"kind"_s, u"code"_s,
                          u"enhanced_code"_s, u"code_class"_s, u"reason"_s, u"status"_s, u"stage"_s,
                          u"host"_s, u"program"_s, u"queue_id"_s, u"client_name"_s, u"client_ip"_s,
                          u"helo"_s, u"sender"_s, u"recipient"_s, u"relay"_s, u"reply"_s}));
    for (qsizetype i = 0; i < want.rows.size(); ++i) {
        // The times as table.h formats them, in UTC and the zone.
        QCOMPARE(read.at(i + 1).at(0), isoUtc(rows->at(i).timeMs));
        QCOMPARE(read.at(i + 1).at(1), isoLocal(rows->at(i).timeMs, tz));
        QStringList cells;
        for (const QVariant &cell : want.rows.at(i))
            cells << expectedCell(cell);
        QCOMPARE(read.at(i + 1), cells);
    }
    QVERIFY(!progress.isEmpty());
    QCOMPARE(progress.constLast().first, *count);
    QCOMPARE(progress.constLast().second, *count);
    for (const auto &[done, total] : std::as_const(progress))
        QVERIFY(done <= total);
}

void TestEventExport::hostileCells()
{
    AnalysisFilter filter;
    filter.text = u"192.0.2."_s;
    const QString path = m_dir.filePath(u"hostile.csv"_s);
    QVERIFY(exportEventsCsv(*m_db, filter, path, QTimeZone::utc(), nullptr, {}, nullptr));
    const QList<QStringList> read = readWithPython(path);
    QCOMPARE(read.size(), 3);
    const QStringList header = read.at(0);
    const auto cell = [&](int row, const QString &column) { return read.at(row).at(header.indexOf(column)); };

    QCOMPARE(cell(1, u"time_utc"_s), isoUtc(QDateTime(QDate(2026, 11, 22), QTime(23, 50, 36), QTimeZone::utc()).toMSecsSinceEpoch()));
    QVERIFY(cell(1, u"time_utc"_s).startsWith(u"2026-11-22T23:50:36"_s));
    QCOMPARE(cell(1, u"time_local"_s), cell(1, u"time_utc"_s));
    QCOMPARE(cell(1, u"code"_s), u"450"_s);
    QCOMPARE(cell(1, u"code_class"_s), u"4xx"_s);
    QCOMPARE(cell(1, u"stage"_s), u"RCPT"_s);
    QCOMPARE(cell(1, u"kind"_s), u"reject"_s);
    QCOMPARE(cell(1, u"program"_s), u"postfix-in/smtpd"_s);
    // Formulas get an apostrophe; quotes and commas survive the quoting.
    QCOMPARE(cell(1, u"client_name"_s), u"'-evil.example"_s);
    QCOMPARE(cell(1, u"sender"_s), u"'=HYPERLINK(\"http://x\",\"y\")@evil.test"_s);
    QCOMPARE(cell(1, u"recipient"_s), u"'@SUM(1+1)@in.lab.test"_s);
    QCOMPARE(cell(1, u"helo"_s), u"'+cmd|calc"_s);
    QCOMPARE(cell(1, u"reply"_s), u"<ghost6@in.lab.test>: Recipient address rejected: \"quoted\", comma <b>x</b>"_s);
    // Bytes that were not UTF-8 became U+FFFD at import; NUL and tab are data.
    QCOMPARE(cell(2, u"client_name"_s), u"caf\uFFFD.example"_s);
    QCOMPARE(cell(2, u"helo"_s), u"x\uFFFD"_s);
    QCOMPARE(cell(2, u"recipient"_s), u"gh"_s + QChar(0) + u"ost@in.lab.test"_s);
    QCOMPARE(cell(2, u"sender"_s), u"a\tb@x.test"_s);
}

void TestEventExport::cancelKeepsTheOldFile()
{
    const QString path = m_dir.filePath(u"kept.csv"_s);
    QVERIFY(testsupport::writeFile(path, "the user's own file\n"));
    std::atomic_bool cancel = true;
    QString error;
    QVERIFY(!exportEventsCsv(*m_db, {}, path, QTimeZone::utc(), &cancel, {}, &error));
    QVERIFY(!error.isEmpty());
    QCOMPARE(testsupport::readAll(path), QByteArray("the user's own file\n"));
    QCOMPARE(QDir(m_dir.path()).entryList({u"kept.csv*"_s}, QDir::Files | QDir::Hidden), QStringList{u"kept.csv"_s});
}

void TestEventExport::cancelMidway()
{
    const QString path = m_dir.filePath(u"cancelled.csv"_s);
    std::atomic_bool cancel = false;
    std::int64_t lastDone = 0;
    std::int64_t total = 0;
    QVERIFY(!exportEventsCsv(*m_db, {}, path, QTimeZone::utc(), &cancel,
                             [&](std::int64_t done, std::int64_t all) {
                                 lastDone = done;
                                 total = all;
                                 cancel = true; // the user presses Cancel at the first progress
                             },
                             nullptr));
    QVERIFY(total > 8192);
    QVERIFY(lastDone < total);
    QVERIFY(!QFileInfo::exists(path));
    QCOMPARE(QDir(m_dir.path()).entryList({u"cancelled.csv*"_s}, QDir::Files | QDir::Hidden), QStringList());
}

void TestEventExport::failureLeavesNoFile()
{
    // A folder that does not exist: an error that says so, and nothing written.
    QString error;
    const QString path = m_dir.filePath(u"missing/events.csv"_s);
    QVERIFY(!exportEventsCsv(*m_db, {}, path, QTimeZone::utc(), nullptr, {}, &error));
    QVERIFY(!error.isEmpty());
    QVERIFY(!QFileInfo::exists(path));

    // A query that fails: the old file stays.
    QTemporaryDir dir;
    auto db = analysistest::databaseOf(dir, u"broken"_s, analysistest::shape(u"inbound-450"_s).at(analysistest::t0Ms));
    QSqlQuery drop(db->connection());
    QVERIFY(drop.exec(u"ALTER TABLE host RENAME TO host_gone"_s));
    const QString kept = dir.filePath(u"kept.csv"_s);
    QVERIFY(testsupport::writeFile(kept, "old\n"));
    error.clear();
    QVERIFY(!exportEventsCsv(*db, {}, kept, QTimeZone::utc(), nullptr, {}, &error));
    QVERIFY(!error.isEmpty());
    QCOMPARE(testsupport::readAll(kept), QByteArray("old\n"));
}

QTEST_GUILESS_MAIN(TestEventExport)
#include "tst_eventexport.moc"
