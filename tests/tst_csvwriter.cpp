// CSV output read back by a real CSV reader (Python's csv module): every cell
// survives the round trip, and cells a spreadsheet would evaluate are neutralised.

#include "report/csvwriter.h"

#include <QBuffer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace rejectscope;

namespace {

// Parses `csv` with Python's csv module; returns its rows.
QList<QStringList> readWithPython(const QByteArray &csv)
{
    QProcess python;
    python.start(u"python3"_s,
                 {u"-c"_s, u"import csv, io, json, sys\n"
                           "data = sys.stdin.buffer.read().decode('utf-8')\n"
                           "rows = list(csv.reader(io.StringIO(data, newline=''), strict=True))\n"
                           "sys.stdout.write(json.dumps(rows))\n"_s});
    if (!python.waitForStarted())
        qFatal("python3 is needed for this test");
    python.write(csv);
    python.closeWriteChannel();
    python.waitForFinished();
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

} // namespace

class TestCsvWriter : public QObject
{
    Q_OBJECT

private slots:
    void roundTrip_data();
    void roundTrip();
    void numbersStayNumbers();
    void rfc4180Layout();
};

void TestCsvWriter::roundTrip_data()
{
    QTest::addColumn<QString>("cell");
    QTest::addColumn<QString>("expected");
    const auto same = [](const QString &text) { QTest::newRow(qPrintable(text.left(20))) << text << text; };
    same(u"plain"_s);
    same(u"comma, inside"_s);
    same(u"\"quoted\" word"_s);
    same(u"two\nlines"_s);
    same(u"crlf\r\ninside"_s);
    same(u"Grüße from Ελλάδα"_s);
    same(u"caf\uFFFD@example.com"_s); // invalid UTF-8 as stored: the replacement character
    same(u"<b>x</b> <img src=x>"_s);
    same(u""_s);
    same(u"a=b, not at the start"_s);
    // What a spreadsheet would evaluate gets an apostrophe in front.
    QTest::newRow("formula") << u"=HYPERLINK(\"http://evil\",\"x\")"_s
                             << u"'=HYPERLINK(\"http://evil\",\"x\")"_s;
    QTest::newRow("plus") << u"+1+cmd|' /C calc'!A0"_s << u"'+1+cmd|' /C calc'!A0"_s;
    QTest::newRow("minus") << u"-2+3"_s << u"'-2+3"_s;
    QTest::newRow("at") << u"@SUM(1,2)"_s << u"'@SUM(1,2)"_s;
    QTest::newRow("tab") << u"\t=1"_s << u"'\t=1"_s;
    QTest::newRow("carriage return") << u"\r=1"_s << u"'\r=1"_s;
    QTest::newRow("sender from a real spam run")
        << u"=cmd|' /C notepad'!'A1'@example.com"_s << u"'=cmd|' /C notepad'!'A1'@example.com"_s;
}

void TestCsvWriter::roundTrip()
{
    QFETCH(QString, cell);
    QFETCH(QString, expected);
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    CsvWriter writer(&buffer);
    writer.writeRow({u"before"_s, cell, u"after"_s});
    writer.writeRow({u"second"_s, u"row"_s, 3});
    QVERIFY(writer.ok());
    const QList<QStringList> rows = readWithPython(buffer.data());
    QCOMPARE(rows.size(), 2);
    QCOMPARE(rows.at(0), (QStringList{u"before"_s, expected, u"after"_s}));
    QCOMPARE(rows.at(1), (QStringList{u"second"_s, u"row"_s, u"3"_s}));
}

void TestCsvWriter::numbersStayNumbers()
{
    QCOMPARE(CsvWriter::field(qint64(-42)), u"-42"_s);
    QCOMPARE(CsvWriter::field(-1.5), u"-1.5"_s);
    QCOMPARE(CsvWriter::field(u"-42"_s), u"'-42"_s); // text is never trusted
}

void TestCsvWriter::rfc4180Layout()
{
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    CsvWriter writer(&buffer);
    writer.writeRow({u"a"_s, u"b,c"_s, u"d\"e"_s});
    QCOMPARE(buffer.data(), QByteArray("a,\"b,c\",\"d\"\"e\"\r\n"));
}

QTEST_GUILESS_MAIN(TestCsvWriter)
#include "tst_csvwriter.moc"
