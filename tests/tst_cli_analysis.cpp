// The analysis commands of the real rejectscope-cli binary on the bundled lab
// sample: storms, compare and advise, as text, CSV (read back by Python's csv
// module) and JSON.

#include "testsupport.h"

#include <QDateTime>
#include <QTimeZone>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace testsupport;

namespace {

struct Run {
    int exitCode = -1;
    QByteArray out;
    QString err;
};

Run runCli(const QStringList &args)
{
    QProcess process;
    process.start(QStringLiteral(REJECTSCOPE_CLI_PATH), args);
    if (!process.waitForStarted() || !process.waitForFinished(300000))
        qFatal("rejectscope-cli did not run");
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
            process.readAllStandardOutput(), QString::fromUtf8(process.readAllStandardError())};
}

QString labFile(const QString &name)
{
    return QStringLiteral(REJECTSCOPE_SOURCE_DIR "/resources/samples/lab/") + name;
}

QJsonObject labJson(const QString &name)
{
    return QJsonDocument::fromJson(readAll(labFile(name))).object();
}

// Rows of a CSV document as Python's csv module reads them.
QList<QStringList> pythonCsv(const QByteArray &csv)
{
    QProcess python;
    python.start(u"python3"_s, {u"-c"_s, u"import csv, io, json, sys\n"
                                         "rows = list(csv.reader(io.StringIO(sys.stdin.buffer.read()"
                                         ".decode('utf-8'), newline=''), strict=True))\n"
                                         "print(json.dumps(rows))\n"_s});
    python.waitForStarted();
    python.write(csv);
    python.closeWriteChannel();
    python.waitForFinished();
    QList<QStringList> rows;
    for (const QJsonValue &row : QJsonDocument::fromJson(python.readAllStandardOutput()).array()) {
        QStringList cells;
        for (const QJsonValue &cell : row.toArray())
            cells << cell.toString();
        rows << cells;
    }
    return rows;
}

} // namespace

class TestCliAnalysis : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void stormsText();
    void stormsCsvAndJson();
    void compareFindsTheSwitch();
    void compareTextShowsShareChangeInPoints();
    void compareAtAGivenMoment();
    void adviseNamesTheParameters();
    void usageErrors();

private:
    QTemporaryDir m_dir;
    QString m_db;
    qint64 m_switchMs = 0;
};

void TestCliAnalysis::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_db = m_dir.filePath(u"lab.db"_s);
    const Run import = runCli({u"import"_s, u"--db"_s, m_db, u"--tz"_s, u"UTC"_s, labFile(u"maillog"_s)});
    QCOMPARE(import.exitCode, 0);
    const QJsonArray events = labJson(u"events.json"_s).value(u"events"_s).toArray();
    for (const QJsonValue &value : events) {
        const QJsonObject event = value.toObject();
        if (event.value(u"name"_s).toString() == u"switch_450_to_550"_s)
            m_switchMs = qint64(event.value(u"epoch"_s).toDouble() * 1000);
    }
    const QString text = QString::fromUtf8(readAll(labFile(u"events.json"_s)));
    QVERIFY2(m_switchMs > 0, qPrintable(text));
}

void TestCliAnalysis::stormsText()
{
    const Run run = runCli({u"storms"_s, u"--db"_s, m_db, u"--tz"_s, u"UTC"_s});
    QCOMPARE(run.exitCode, 0);
    const QString text = QString::fromUtf8(run.out);
    QVERIFY2(text.contains(u"Top retry storms"_s), qPrintable(text));
    QVERIFY(text.contains(u"unknown-local-recipient"_s));
    QVERIFY(text.contains(u"inbound 127.0.0.2"_s));
}

void TestCliAnalysis::stormsCsvAndJson()
{
    const Run csv = runCli({u"storms"_s, u"--db"_s, m_db, u"--format"_s, u"csv"_s, u"--limit"_s, u"5"_s});
    QCOMPARE(csv.exitCode, 0);
    const QList<QStringList> rows = pythonCsv(csv.out);
    QCOMPARE(rows.size(), 6);
    QCOMPARE(rows.at(0).first(), u"direction"_s);
    QVERIFY(rows.at(0).contains(u"attempts"_s));
    const int attempts = int(rows.at(0).indexOf(u"attempts"_s));
    QVERIFY(rows.at(1).at(attempts).toInt() >= rows.at(2).at(attempts).toInt()); // longest first

    const Run json = runCli({u"storms"_s, u"--db"_s, m_db, u"--format"_s, u"json"_s});
    QCOMPARE(json.exitCode, 0);
    const QJsonObject object = QJsonDocument::fromJson(json.out).object();
    QVERIFY(object.value(u"storms"_s).toArray().size() > 0);
    QVERIFY(object.value(u"retries"_s).toInteger() > 0);
    QVERIFY(object.contains(u"floods"_s));
}

void TestCliAnalysis::compareFindsTheSwitch()
{
    const Run run = runCli({u"compare"_s, u"--auto"_s, u"--db"_s, m_db, u"--format"_s, u"json"_s,
                            u"--direction"_s, u"inbound"_s, u"--reason"_s, u"unknown-local-recipient"_s});
    QCOMPARE(run.exitCode, 0);
    const QJsonArray comparisons = QJsonDocument::fromJson(run.out).object().value(u"comparisons"_s).toArray();
    QVERIFY(!comparisons.isEmpty());
    const QJsonObject first = comparisons.first().toObject();
    const QDateTime found = QDateTime::fromString(
        first.value(u"switch"_s).toObject().value(u"time_utc"_s).toString(), Qt::ISODate);
    QVERIFY(found.isValid());
    QVERIFY2(qAbs(found.toMSecsSinceEpoch() - m_switchMs) <= 60000, qPrintable(found.toString(Qt::ISODate)));
    for (const QJsonValue &row : first.value(u"comparison"_s).toArray()) {
        const QJsonObject metric = row.toObject();
        if (metric.value(u"metric"_s).toString() == u"retries_per_hour"_s)
            QVERIFY(metric.value(u"after"_s).toDouble() < metric.value(u"before"_s).toDouble() / 2);
    }
}

void TestCliAnalysis::compareTextShowsShareChangeInPoints()
{
    const Run run = runCli({u"compare"_s, u"--auto"_s, u"--db"_s, m_db, u"--tz"_s, u"UTC"_s,
                            u"--direction"_s, u"inbound"_s});
    QCOMPARE(run.exitCode, 0);
    const QStringList lines = QString::fromUtf8(run.out).split(u'\n');
    int checked = 0;
    for (const QString &line : lines) {
        if (!line.contains(u"4xx share"_s))
            continue;
        const QStringList words = line.split(u' ', Qt::SkipEmptyParts);
        QCOMPARE(words.last(), u"pts"_s);
        const double change = words.at(words.size() - 2).toDouble();
        QVERIFY2(qAbs(change) <= 100.0, qPrintable(line)); // a share moves at most 100 points
        ++checked;
    }
    QVERIFY(checked > 0);
}

void TestCliAnalysis::compareAtAGivenMoment()
{
    const QString at = QDateTime::fromMSecsSinceEpoch(m_switchMs, QTimeZone::utc()).toString(Qt::ISODate);
    const Run run = runCli({u"compare"_s, u"--at"_s, at, u"--window"_s, u"5m"_s, u"--db"_s, m_db,
                            u"--format"_s, u"csv"_s});
    QCOMPARE(run.exitCode, 0);
    const QList<QStringList> rows = pythonCsv(run.out);
    QCOMPARE(rows.size(), 6); // header + five metrics
    QCOMPARE(rows.at(0).first(), u"metric"_s);
    QCOMPARE(rows.at(1).first(), u"attempts_per_hour"_s);
}

void TestCliAnalysis::adviseNamesTheParameters()
{
    const Run text = runCli({u"advise"_s, u"--db"_s, m_db, u"--tz"_s, u"UTC"_s});
    QCOMPARE(text.exitCode, 0);
    const QString advice = QString::fromUtf8(text.out);
    QVERIFY2(advice.contains(u"unknown_local_recipient_reject_code = 550"_s), qPrintable(advice));
    QVERIFY2(advice.contains(u"smtp_skip_5xx_greeting"_s), qPrintable(advice));
    QVERIFY2(advice.contains(u"soft_bounce"_s), qPrintable(advice));

    const Run csv = runCli({u"advise"_s, u"--db"_s, m_db, u"--format"_s, u"csv"_s});
    QCOMPARE(csv.exitCode, 0);
    const QList<QStringList> rows = pythonCsv(csv.out);
    QVERIFY(rows.size() > 1);
    const int parameter = int(rows.at(0).indexOf(u"parameter"_s));
    QVERIFY(parameter >= 0);
    QStringList parameters;
    for (qsizetype i = 1; i < rows.size(); ++i)
        parameters << rows.at(i).at(parameter);
    QVERIFY2(parameters.contains(u"unknown_local_recipient_reject_code"_s), qPrintable(parameters.join(u' ')));
}

void TestCliAnalysis::usageErrors()
{
    QCOMPARE(runCli({u"storms"_s, u"--format"_s, u"xml"_s}).exitCode, 2);
    QCOMPARE(runCli({u"storms"_s, u"--reason"_s, u"bad-luck"_s}).exitCode, 2);
    QCOMPARE(runCli({u"compare"_s, u"--at"_s, u"yesterday"_s}).exitCode, 2);
    QCOMPARE(runCli({u"compare"_s, u"--at"_s, u"2026-11-21"_s, u"--auto"_s}).exitCode, 2);
    QCOMPARE(runCli({u"storms"_s, u"--gap"_s, u"soon"_s}).exitCode, 2);
}

QTEST_GUILESS_MAIN(TestCliAnalysis)
#include "tst_cli_analysis.moc"
