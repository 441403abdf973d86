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
#include <QRegularExpression>
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
    void topListsText();
    void topListsCsvAndJson();
    void topListFilters();
    void topTextIsTerminalSafe();
    void topUsageErrors();
    void reportCsvWritesEveryFile();
    void reportCsvNeutralisesHostileCells();
    void reportPdfAndHtml();
    void reportUsageErrors();

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
    // The English plural forms are built in: the lab's storm came from several senders
    // through one client, and no count reads "(s)".
    static const QRegularExpression counts(u"\\d+ senders from 1 client\\."_s);
    QVERIFY2(advice.contains(counts), qPrintable(advice));
    QVERIFY2(!advice.contains(u"(s)"_s), qPrintable(advice));

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

// Every file `report --csv` writes, each read back by Python's csv module.
void TestCliAnalysis::reportCsvWritesEveryFile()
{
    const QString dir = m_dir.filePath(u"csv"_s);
    const Run run = runCli({u"report"_s, u"--db"_s, m_db, u"--tz"_s, u"UTC"_s, u"--csv"_s, dir});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY(QString::fromUtf8(run.out).contains(dir));
    const QList<std::pair<QString, QString>> files{
        {u"storms.csv"_s, u"attempts"_s},          {u"timeline.csv"_s, u"start_utc"_s},
        {u"floods.csv"_s, u"start_utc"_s},         {u"switch-points.csv"_s, u"time_utc"_s},
        {u"before-after.csv"_s, u"origin"_s},      {u"findings.csv"_s, u"parameter"_s},
        {u"top-clients.csv"_s, u"key"_s},          {u"top-senders.csv"_s, u"key"_s},
        {u"top-recipients.csv"_s, u"key"_s},       {u"top-reasons.csv"_s, u"key"_s},
        {u"events.csv"_s, u"time_utc"_s},
    };
    for (const auto &[name, column] : files) {
        const QString path = dir + u'/' + name;
        QVERIFY2(QFile::exists(path), qPrintable(path));
        const QList<QStringList> rows = pythonCsv(readAll(path));
        QVERIFY2(!rows.isEmpty(), qPrintable(name));
        QVERIFY2(rows.first().contains(column), qPrintable(name + u": "_s + rows.first().join(u',')));
        for (const QStringList &row : rows)
            QCOMPARE(row.size(), rows.first().size());
    }
    // The timeline adds up to what the chart shows: every refusal of the sample.
    const QList<QStringList> timeline = pythonCsv(readAll(dir + u"/timeline.csv"_s));
    const int temporary = int(timeline.first().indexOf(u"temporary"_s));
    const int permanent = int(timeline.first().indexOf(u"permanent"_s));
    qint64 refusals = 0;
    for (qsizetype i = 1; i < timeline.size(); ++i)
        refusals += timeline.at(i).at(temporary).toLongLong() + timeline.at(i).at(permanent).toLongLong();
    QVERIFY(refusals > 500);
    // Both sides of the switch to 550 are compared.
    const QList<QStringList> compared = pythonCsv(readAll(dir + u"/before-after.csv"_s));
    QVERIFY(compared.size() > 5);
    QCOMPARE(compared.at(1).first(), u"switch-point"_s);
}

// Log text that a spreadsheet would run as a formula arrives as text.
void TestCliAnalysis::reportCsvNeutralisesHostileCells()
{
    const QByteArray hostile = "=hyperlink(\"http://evil.test\")@evil.test"; // lower case: keys are case-folded
    QByteArray log;
    const QList<QByteArray> lines = readAll(labFile(u"maillog"_s)).split('\n');
    int taken = 0;
    for (const QByteArray &line : lines) {
        if (!line.contains("NOQUEUE: reject: RCPT") || !line.contains("from=<billing@crm.lab.test>"))
            continue;
        QByteArray copy = line;
        log += copy.replace("billing@crm.lab.test", hostile) + '\n';
        if (++taken == 6)
            break;
    }
    QCOMPARE(taken, 6);
    const QString logPath = m_dir.filePath(u"hostile.log"_s);
    QFile file(logPath);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(log);
    file.close();
    const QString db = m_dir.filePath(u"hostile.db"_s);
    QCOMPARE(runCli({u"import"_s, u"--db"_s, db, u"--tz"_s, u"UTC"_s, u"--year"_s, u"2026"_s, logPath}).exitCode, 0);
    const QString dir = m_dir.filePath(u"hostile-csv"_s);
    const Run run = runCli({u"report"_s, u"--db"_s, db, u"--csv"_s, dir});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    int checked = 0;
    for (const QString &name : {u"storms.csv"_s, u"top-senders.csv"_s, u"events.csv"_s}) {
        const QList<QStringList> rows = pythonCsv(readAll(dir + u'/' + name));
        QVERIFY2(rows.size() > 1, qPrintable(name));
        const int sender = int(rows.first().indexOf(name == u"top-senders.csv"_s ? u"key"_s : u"sender"_s));
        QVERIFY2(sender >= 0, qPrintable(name + u": "_s + rows.first().join(u',')));
        for (qsizetype i = 1; i < rows.size(); ++i) {
            QCOMPARE(rows.at(i).at(sender), u"'"_s + QString::fromUtf8(hostile));
            ++checked;
        }
    }
    QVERIFY(checked >= 3);
}

void TestCliAnalysis::reportPdfAndHtml()
{
    const QString pdf = m_dir.filePath(u"report.pdf"_s);
    const QString html = m_dir.filePath(u"report.html"_s);
    const Run run = runCli({u"report"_s, u"--db"_s, m_db, u"--tz"_s, u"UTC"_s, u"--pdf"_s, pdf, u"--html"_s, html,
                            u"--title"_s, u"<b>Lab</b>"_s});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    const QByteArray bytes = readAll(pdf);
    QVERIFY(bytes.startsWith("%PDF-"));
    QVERIFY(bytes.size() > 10000);
    const QString page = QString::fromUtf8(readAll(html));
    QVERIFY(page.contains(u"&lt;b&gt;Lab&lt;/b&gt;"_s));
    QVERIFY(page.contains(u"unknown_local_recipient_reject_code = 550"_s));
    QVERIFY2(!page.contains(u"(s)"_s), qPrintable(page));
    QVERIFY(QFile::exists(m_dir.filePath(u"report-timeline.png"_s)));
}

void TestCliAnalysis::reportUsageErrors()
{
    QCOMPARE(runCli({u"report"_s, u"--db"_s, m_db}).exitCode, 2); // no output named
    QCOMPARE(runCli({u"report"_s, u"--db"_s, m_db, u"--pdf"_s, m_dir.filePath(u"x.pdf"_s), u"--bucket"_s,
                     u"soon"_s}).exitCode, 2);
    const Run run = runCli({u"report"_s, u"--db"_s, m_db, u"--pdf"_s, m_dir.filePath(u"no/such/dir/x.pdf"_s)});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(u"x.pdf"_s), qPrintable(run.err));
}


void TestCliAnalysis::topListsText()
{
    const Run run = runCli({u"top"_s, u"--db"_s, m_db, u"--tz"_s, u"UTC"_s});
    QCOMPARE(run.exitCode, 0);
    const QString text = QString::fromUtf8(run.out);
    QVERIFY2(text.startsWith(u"Top clients\n"_s), qPrintable(text));
    // The lab's receiver refuses the sender instance at 127.0.0.2 (no reverse name).
    QVERIFY2(text.contains(u"unknown-local-recipient   127.0.0.2\n"_s), qPrintable(text));
    const Run reasons = runCli({u"top"_s, u"reasons"_s, u"--db"_s, m_db, u"--tz"_s, u"UTC"_s, u"--limit"_s, u"1"_s});
    QCOMPARE(reasons.exitCode, 0);
    const QStringList lines = QString::fromUtf8(reasons.out).split(u'\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 3); // title, header, one row
    QVERIFY2(lines.at(2).endsWith(u"unknown-local-recipient"_s), qPrintable(lines.at(2)));
}

void TestCliAnalysis::topListsCsvAndJson()
{
    const Run csv = runCli({u"top"_s, u"recipients"_s, u"--db"_s, m_db, u"--format"_s, u"csv"_s, u"--limit"_s, u"4"_s});
    QCOMPARE(csv.exitCode, 0);
    const QList<QStringList> rows = pythonCsv(csv.out);
    QCOMPARE(rows.size(), 5);
    QCOMPARE(rows.at(0), QStringList({u"rank"_s, u"key"_s, u"reason"_s, u"attempts"_s, u"temporary"_s,
                                      u"permanent"_s, u"share"_s, u"first_seen_utc"_s, u"first_seen_local"_s,
                                      u"last_seen_utc"_s, u"last_seen_local"_s}));
    for (int i = 1; i < rows.size(); ++i) {
        QCOMPARE(rows.at(i).at(0).toInt(), i);
        QVERIFY(rows.at(i).at(1).endsWith(u".lab.test"_s));
        QVERIFY(rows.at(i).at(4).toInt() + rows.at(i).at(5).toInt() <= rows.at(i).at(3).toInt());
        if (i > 1)
            QVERIFY(rows.at(i - 1).at(3).toInt() >= rows.at(i).at(3).toInt());
    }

    // The reasons add up to every attempt; so do their shares.
    const Run json = runCli({u"top"_s, u"reasons"_s, u"--db"_s, m_db, u"--format"_s, u"json"_s});
    QCOMPARE(json.exitCode, 0);
    const QJsonObject object = QJsonDocument::fromJson(json.out).object();
    QCOMPARE(object.value(u"list"_s).toString(), u"reasons"_s);
    qint64 attempts = 0;
    double share = 0;
    for (const QJsonValue &entry : object.value(u"entries"_s).toArray()) {
        attempts += entry.toObject().value(u"attempts"_s).toInteger();
        share += entry.toObject().value(u"share"_s).toDouble();
    }
    QVERIFY(attempts > 0);
    QCOMPARE(attempts, object.value(u"total_attempts"_s).toInteger());
    QVERIFY(qAbs(share - 1.0) < 1e-9);
}

void TestCliAnalysis::topListFilters()
{
    const auto keys = [&](const QStringList &extra) {
        const Run run = runCli(QStringList{u"top"_s, u"--db"_s, m_db, u"--format"_s, u"json"_s} + extra);
        if (run.exitCode != 0)
            qFatal("top failed: %s", qPrintable(run.err));
        QJsonArray entries = QJsonDocument::fromJson(run.out).object().value(u"entries"_s).toArray();
        QList<QJsonObject> out;
        for (const QJsonValue &entry : entries)
            out << entry.toObject();
        return out;
    };
    const QList<QJsonObject> inbound = keys({u"--direction"_s, u"inbound"_s});
    QCOMPARE(inbound.size(), 1);
    QCOMPARE(inbound.first().value(u"key"_s).toString(), u"127.0.0.2"_s);
    for (const QJsonObject &entry : keys({u"reasons"_s, u"--code-class"_s, u"5xx"_s})) {
        QCOMPARE(entry.value(u"temporary"_s).toInteger(), 0);
        QCOMPARE(entry.value(u"permanent"_s).toInteger(), entry.value(u"attempts"_s).toInteger());
    }
    const QList<QJsonObject> before = keys({u"reasons"_s, u"--to"_s, u"@%1"_s.arg(m_switchMs / 1000)});
    const QList<QJsonObject> after = keys({u"reasons"_s, u"--from"_s, u"@%1"_s.arg(m_switchMs / 1000)});
    const QList<QJsonObject> all = keys({u"reasons"_s});
    const auto attemptsOf = [](const QList<QJsonObject> &list, const QString &reason) {
        for (const QJsonObject &entry : list) {
            if (entry.value(u"key"_s).toString() == reason)
                return entry.value(u"attempts"_s).toInteger();
        }
        return qint64(0);
    };
    const QString unknown = u"unknown-local-recipient"_s;
    QVERIFY(attemptsOf(before, unknown) > 0 && attemptsOf(after, unknown) > 0);
    QCOMPARE(attemptsOf(before, unknown) + attemptsOf(after, unknown), attemptsOf(all, unknown));
    const QList<QJsonObject> ghosts = keys({u"recipients"_s, u"--text"_s, u"GHOST"_s, u"--reason"_s, unknown});
    QVERIFY(!ghosts.isEmpty());
    for (const QJsonObject &entry : ghosts)
        QVERIFY2(entry.value(u"key"_s).toString().contains(u"ghost"_s), qPrintable(entry.value(u"key"_s).toString()));
}

void TestCliAnalysis::topTextIsTerminalSafe()
{
    // A sender that would retitle the terminal and a formula for a spreadsheet.
    const QString log = m_dir.filePath(u"top-hostile.log"_s);
    QVERIFY(writeFile(log, "Nov 21 23:50:36 mx postfix-in/smtpd[7623]: NOQUEUE: reject: RCPT from unknown[127.0.0.2]: "
                           "450 4.1.1 <ghost6@in.lab.test>: Recipient address rejected: User unknown in local "
                           "recipient table; from=<\x1b]0;owned\x07@evil.test> to=<=cmd|' /C calc'!A0@in.lab.test> "
                           "proto=ESMTP helo=<h>\n"));
    const QString db = m_dir.filePath(u"top-hostile.db"_s);
    QCOMPARE(runCli({u"import"_s, u"--db"_s, db, u"--tz"_s, u"UTC"_s, u"--year"_s, u"2026"_s, log}).exitCode, 0);
    const Run text = runCli({u"top"_s, u"senders"_s, u"--db"_s, db});
    QCOMPARE(text.exitCode, 0);
    QVERIFY(!text.out.contains('\x1b') && !text.out.contains('\x07'));
    QVERIFY2(text.out.contains("\\x1b]0;owned\\x07@evil.test"), text.out.constData());
    const Run csv = runCli({u"top"_s, u"recipients"_s, u"--db"_s, db, u"--format"_s, u"csv"_s});
    QCOMPARE(pythonCsv(csv.out).at(1).at(1), u"'=cmd|' /c calc'!a0@in.lab.test"_s);
    const Run json = runCli({u"top"_s, u"recipients"_s, u"--db"_s, db, u"--format"_s, u"json"_s});
    QCOMPARE(QJsonDocument::fromJson(json.out).object().value(u"entries"_s).toArray().first().toObject().value(u"key"_s).toString(),
             u"=cmd|' /c calc'!a0@in.lab.test"_s);
}

void TestCliAnalysis::topUsageErrors()
{
    QCOMPARE(runCli({u"top"_s, u"helo"_s, u"--db"_s, m_db}).exitCode, 2);
    QCOMPARE(runCli({u"top"_s, u"clients"_s, u"senders"_s, u"--db"_s, m_db}).exitCode, 2);
    QCOMPARE(runCli({u"top"_s, u"--limit"_s, u"0"_s, u"--db"_s, m_db}).exitCode, 2);
    QCOMPARE(runCli({u"top"_s, u"--code-class"_s, u"3xx"_s, u"--db"_s, m_db}).exitCode, 2);
    QCOMPARE(runCli({u"top"_s, u"--format"_s, u"xml"_s, u"--db"_s, m_db}).exitCode, 2);
    const Run help = runCli({u"top"_s, u"--help"_s});
    QCOMPARE(help.exitCode, 0);
    QVERIFY(help.out.contains("--code-class"));
}

QTEST_GUILESS_MAIN(TestCliAnalysis)
#include "tst_cli_analysis.moc"
