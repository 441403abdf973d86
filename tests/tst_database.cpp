// The connection's stop switch and its per-thread connections: a raised flag stops
// a running query, a hold lets a build run to its end (and nests), the scope
// takes the flag away again; a worker thread keeps one connection per database.

#include "store/database.h"
#include "store/threadconnection.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <thread>

using namespace Qt::StringLiterals;
using namespace rejectscope;

namespace {

// Enough virtual machine steps to meet the progress handler many times.
const QString longCount = u"WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 300000)"
                          " SELECT COUNT(*) FROM n"_s;

// The count, or -1 when the query failed.
qint64 runLongCount(Database &database, QString *error = nullptr)
{
    QSqlQuery query(database.connection());
    if (!query.exec(longCount) || !query.next()) {
        if (error)
            *error = query.lastError().text();
        return -1;
    }
    return query.value(0).toLongLong();
}

} // namespace

class TestDatabase : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        QVERIFY(m_dir.isValid());
        m_path = m_dir.filePath(u"interrupt.db"_s);
    }

    void raisedFlagStopsAQuery()
    {
        Database database(m_path);
        QVERIFY(database.open());
        std::atomic_bool stop{false};
        {
            const Database::InterruptScope stoppable(database, &stop);
            QCOMPARE(runLongCount(database), 300000); // not raised: runs to its end
            stop = true;
            QString error;
            QCOMPARE(runLongCount(database, &error), -1);
            QVERIFY2(error.contains(u"interrupt"_s, Qt::CaseInsensitive), qPrintable(error));
        }
        // The scope is over: the flag no longer counts.
        QCOMPARE(runLongCount(database), 300000);
    }

    void holdLetsABuildFinish()
    {
        Database database(m_path);
        QVERIFY(database.open());
        std::atomic_bool stop{true};
        const Database::InterruptScope stoppable(database, &stop);
        {
            const Database::InterruptHold outer(database);
            {
                const Database::InterruptHold inner(database);
                QCOMPARE(runLongCount(database), 300000);
            }
            QCOMPARE(runLongCount(database), 300000); // still held by the outer one
        }
        QCOMPARE(runLongCount(database), -1);
    }

    void oneConnectionPerThreadAndDatabase()
    {
        {
            Database create(m_path);
            QVERIFY(create.open());
        }
        QString error;
        Database *first = connectionOfThisThread(m_path, Database::Mode::ReadOnly, &error);
        QVERIFY2(first, qPrintable(error));
        QCOMPARE(connectionOfThisThread(m_path, Database::Mode::ReadOnly, &error), first);
        QCOMPARE(first->path(), m_path);
        QVERIFY(runLongCount(*first) > 0);

        // Test macros belong to the test's thread: the other thread only records.
        Database *onOtherThread = nullptr;
        qint64 otherCount = -1;
        std::thread other([&] {
            QString otherError;
            onOtherThread = connectionOfThisThread(m_path, Database::Mode::ReadOnly, &otherError);
            if (onOtherThread)
                otherCount = runLongCount(*onOtherThread);
            // Dropped when the thread ends.
        });
        other.join();
        QVERIFY(onOtherThread);
        QVERIFY(onOtherThread != first);
        QCOMPARE(otherCount, 300000);

        Database *writable = connectionOfThisThread(m_path, Database::Mode::ReadWrite, &error);
        QVERIFY2(writable, qPrintable(error));
        QCOMPARE(writable->path(), m_path);

        error.clear();
        QVERIFY(!connectionOfThisThread(m_dir.filePath(u"missing.db"_s), Database::Mode::ReadOnly, &error));
        QVERIFY2(error.contains(u"does not exist"_s), qPrintable(error));
    }

private:
    QTemporaryDir m_dir;
    QString m_path;
};

QTEST_GUILESS_MAIN(TestDatabase)
#include "tst_database.moc"
