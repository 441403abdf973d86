// Smoke tests of the real rejectscope-cli binary, end to end: arguments, exit
// statuses, messages, standard input, the default database, a killed import, and
// the promise that it links no Widgets or Charts.

#include "testsupport.h"

#include <QDir>
#include <QProcess>
#include <QProcessEnvironment>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace Qt::StringLiterals;
using namespace testsupport;

namespace {

struct Run {
    int exitCode = -1;
    QString out;
    QString err;
};

Run runCli(const QStringList &args, const QByteArray &input = {},
           const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment())
{
    QProcess process;
    process.setProcessEnvironment(env);
    process.start(QStringLiteral(REJECTSCOPE_CLI_PATH), args);
    if (!process.waitForStarted())
        qFatal("cannot start rejectscope-cli");
    if (!input.isEmpty())
        process.write(input);
    process.closeWriteChannel();
    if (!process.waitForFinished(300000))
        qFatal("rejectscope-cli did not finish");
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
            QString::fromUtf8(process.readAllStandardOutput()),
            QString::fromUtf8(process.readAllStandardError())};
}

QString journalModeOf(const QString &dbPath)
{
    QString mode;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"mode"_s);
        db.setDatabaseName(dbPath);
        if (db.open()) {
            QSqlQuery query(db);
            if (query.exec(u"PRAGMA journal_mode"_s) && query.next())
                mode = query.value(0).toString();
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(u"mode"_s);
    return mode;
}

qint64 countIn(const QString &dbPath, const QString &sql)
{
    qint64 value = -1;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"count"_s);
        db.setDatabaseName(dbPath);
        db.setConnectOptions(u"QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=5000"_s);
        if (db.open()) {
            QSqlQuery query(db);
            if (query.exec(sql) && query.next())
                value = query.value(0).toLongLong();
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(u"count"_s);
    return value;
}

} // namespace

class TestCli : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }
    void versionAndHelp();
    void usageErrors_data();
    void usageErrors();
    void importAndSummary();
    void failedInputSetsStatusOneAndKeepsTheRest();
    void readsStandardInput();
    void defaultDatabaseIsPerUser();
    void notADatabaseIsNamed();
    void killedImportLeavesTruthfulLedger();
    void linksNoWidgetsOrCharts();

private:
    QTemporaryDir m_dir;
};

void TestCli::versionAndHelp()
{
    const Run version = runCli({u"--version"_s});
    QCOMPARE(version.exitCode, 0);
    QVERIFY(version.out.startsWith(u"rejectscope-cli "_s + QStringLiteral(REJECTSCOPE_VERSION)));
    const Run help = runCli({u"--help"_s});
    QCOMPARE(help.exitCode, 0);
    QVERIFY(help.out.contains(u"import"_s));
    QVERIFY(help.out.contains(u"summary"_s));
    const Run importHelp = runCli({u"import"_s, u"--help"_s});
    QCOMPARE(importHelp.exitCode, 0);
    QVERIFY(importHelp.out.contains(u"--year"_s));
    QVERIFY(importHelp.out.contains(u"--tz"_s));
    QVERIFY(importHelp.out.contains(u"--db"_s));
    QVERIFY2(importHelp.out.startsWith(u"Usage: rejectscope-cli import [options]"_s), qPrintable(importHelp.out));
}

void TestCli::usageErrors_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("message");
    QTest::newRow("no command") << QStringList() << u"no command"_s;
    QTest::newRow("unknown command") << QStringList{u"frobnicate"_s} << u"unknown command"_s;
    QTest::newRow("import without files") << QStringList{u"import"_s} << u"at least one file"_s;
    QTest::newRow("bad year") << QStringList{u"import"_s, u"--year"_s, u"soon"_s, u"x.log"_s}
                              << u"--year"_s;
    QTest::newRow("bad zone") << QStringList{u"import"_s, u"--tz"_s, u"Mars/Olympus"_s, u"x.log"_s}
                              << u"time zone"_s;
    QTest::newRow("unknown option") << QStringList{u"summary"_s, u"--colour"_s} << u"colour"_s;
}

void TestCli::usageErrors()
{
    QFETCH(QStringList, args);
    QFETCH(QString, message);
    const Run run = runCli(args);
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains(message), qPrintable(run.err));
}

void TestCli::importAndSummary()
{
    const QString db = m_dir.filePath(u"smoke.db"_s);
    const QString log = dataPath(u"import/real-mixed.maillog"_s);
    const Run import = runCli({u"import"_s, u"--db"_s, db, u"--year"_s, u"2021"_s, u"--tz"_s,
                               u"UTC"_s, log});
    QCOMPARE(import.exitCode, 0);
    QVERIFY2(import.out.contains(u"1,469 lines read"_s), qPrintable(import.out));
    QVERIFY2(!import.err.contains(u'\r'), "no progress display when stderr is not a terminal");
    const Run again = runCli({u"import"_s, u"--db"_s, db, log});
    QCOMPARE(again.exitCode, 0);
    QVERIFY2(again.out.contains(u"already imported"_s), qPrintable(again.out));

    const Run summary = runCli({u"summary"_s, u"--db"_s, db});
    QCOMPARE(summary.exitCode, 0);
    for (const QString &expected : {u"Time span"_s, u"2021-"_s, u"Lines read"_s, u"1,469"_s,
                                    u"inbound"_s, u"outbound"_s, u"delivery"_s, u"4xx"_s,
                                    u"5xx"_s, u"Not understood"_s, u"smtpnode"_s})
        QVERIFY2(summary.out.contains(expected), qPrintable(expected + u"\n"_s + summary.out));
}

void TestCli::failedInputSetsStatusOneAndKeepsTheRest()
{
    const QString db = m_dir.filePath(u"partial.db"_s);
    const QString missing = m_dir.filePath(u"no-such-maillog"_s);
    const Run run = runCli({u"import"_s, u"--db"_s, db, missing,
                            dataPath(u"import/real-mixed.maillog"_s)});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(missing), qPrintable(run.err));
    QVERIFY2(run.err.contains(u"exist"_s), qPrintable(run.err));
    QVERIFY(run.out.contains(u"1,469 lines read"_s));
    QVERIFY(countIn(db, u"SELECT COUNT(*) FROM event"_s) > 150);
}

void TestCli::readsStandardInput()
{
    const QByteArray log = readAll(dataPath(u"import/real-mixed.maillog"_s));
    const QString plainDb = m_dir.filePath(u"stdin.db"_s);
    const Run plain = runCli({u"import"_s, u"--db"_s, plainDb, u"-"_s}, log);
    QCOMPARE(plain.exitCode, 0);
    QVERIFY2(plain.out.contains(u"standard input"_s), qPrintable(plain.out));
    const QString gzDb = m_dir.filePath(u"stdin-gz.db"_s);
    const Run gz = runCli({u"import"_s, u"--db"_s, gzDb, u"-"_s}, compressed(log, u"gzip"_s));
    QCOMPARE(gz.exitCode, 0);
    const qint64 events = countIn(plainDb, u"SELECT COUNT(*) FROM event"_s);
    QVERIFY(events > 150);
    QCOMPARE(countIn(gzDb, u"SELECT COUNT(*) FROM event"_s), events);
}

void TestCli::defaultDatabaseIsPerUser()
{
    QTemporaryDir home;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"HOME"_s, home.path());
    env.remove(u"XDG_DATA_HOME"_s);
    const Run run = runCli({u"import"_s, dataPath(u"import/real-mixed.maillog"_s)}, {}, env);
    QCOMPARE(run.exitCode, 0);
    const QString expected = home.filePath(u".local/share/rejectscope/rejectscope.db"_s);
    QVERIFY2(QFile::exists(expected), qPrintable(expected));
    const Run summary = runCli({u"summary"_s}, {}, env);
    QCOMPARE(summary.exitCode, 0);
    QVERIFY(summary.out.contains(u"1,469"_s));
    const Run help = runCli({u"summary"_s, u"--help"_s}, {}, env);
    QVERIFY2(help.out.contains(expected), qPrintable(help.out));
}

void TestCli::notADatabaseIsNamed()
{
    const QString fake = m_dir.filePath(u"maillog-not-a-db"_s);
    QVERIFY(writeFile(fake, readAll(dataPath(u"import/real-mixed.maillog"_s))));
    const Run run = runCli({u"summary"_s, u"--db"_s, fake});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(fake), qPrintable(run.err));
    QVERIFY2(run.err.contains(u"not a Rejectscope database"_s), qPrintable(run.err));
    const Run import = runCli({u"import"_s, u"--db"_s, fake, dataPath(u"import/real-mixed.maillog"_s)});
    QCOMPARE(import.exitCode, 1);
    QCOMPARE(readAll(fake), readAll(dataPath(u"import/real-mixed.maillog"_s)));
}

// SIGKILL in the middle of an import: the database opens, and importing the file
// again completes it with every line exactly once.
void TestCli::killedImportLeavesTruthfulLedger()
{
    const QByteArray unit = readAll(dataPath(u"import/real-mixed.maillog"_s));
    QByteArray big;
    for (int i = 0; i < 400; ++i)
        big += unit;
    const QString log = m_dir.filePath(u"big.maillog"_s);
    QVERIFY(writeFile(log, big));
    const QString db = m_dir.filePath(u"killed.db"_s);

    QProcess process;
    process.start(QStringLiteral(REJECTSCOPE_CLI_PATH),
                  {u"import"_s, u"--db"_s, db, u"--year"_s, u"2021"_s, log});
    QVERIFY(process.waitForStarted());
    // Wait until at least one batch is committed, then kill without warning.
    QTRY_VERIFY_WITH_TIMEOUT(countIn(db, u"SELECT COALESCE(MAX(lines_read), 0) FROM source"_s) > 0
                                 || process.state() == QProcess::NotRunning,
                             60000);
    const bool killedMidway = process.state() != QProcess::NotRunning;
    ::kill(pid_t(process.processId()), SIGKILL);
    process.waitForFinished();
    if (!killedMidway)
        QSKIP("the import finished before it could be killed");

    const qint64 stored = countIn(db, u"SELECT lines_read FROM source"_s);
    QVERIFY(stored > 0);
    QVERIFY(stored < qint64(unit.count('\n')) * 400);
    QCOMPARE(countIn(db, u"SELECT events FROM source"_s),
             countIn(db, u"SELECT COUNT(*) FROM event"_s)
                 + countIn(db, u"SELECT COUNT(*) FROM queue_sender"_s));

    const Run resume = runCli({u"import"_s, u"--db"_s, db, u"--year"_s, u"2021"_s, log});
    QCOMPARE(resume.exitCode, 0);
    QVERIFY2(resume.out.contains(u"continued"_s), qPrintable(resume.out));
    QCOMPARE(countIn(db, u"SELECT lines_read FROM source"_s), qint64(unit.count('\n')) * 400);

    const QString fresh = m_dir.filePath(u"fresh.db"_s);
    QCOMPARE(runCli({u"import"_s, u"--db"_s, fresh, u"--year"_s, u"2021"_s, log}).exitCode, 0);
    QCOMPARE(countIn(db, u"SELECT COUNT(*) FROM event"_s),
             countIn(fresh, u"SELECT COUNT(*) FROM event"_s));
    QCOMPARE(countIn(db, u"SELECT SUM(events) FROM minute_count"_s),
             countIn(fresh, u"SELECT SUM(events) FROM minute_count"_s));
    // A bulk import writes with a rollback journal and hands the database back in WAL
    // mode, so readers and writers can share it again.
    QCOMPARE(journalModeOf(fresh), u"wal"_s);
    QCOMPARE(journalModeOf(db), u"wal"_s);
}

void TestCli::linksNoWidgetsOrCharts()
{
    QProcess ldd;
    ldd.start(u"ldd"_s, {QStringLiteral(REJECTSCOPE_CLI_PATH)});
    QVERIFY(ldd.waitForFinished());
    const QString libraries = QString::fromUtf8(ldd.readAllStandardOutput());
    QVERIFY(libraries.contains(u"libQt6Core"_s));
    QVERIFY(libraries.contains(u"libQt6Sql"_s));
    QVERIFY2(!libraries.contains(u"libQt6Widgets"_s), qPrintable(libraries));
    QVERIFY2(!libraries.contains(u"libQt6Charts"_s), qPrintable(libraries));
}

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
