// The connection's stop switch and its per-thread connections: a raised flag stops
// a running query, a hold lets a build run to its end (and nests), the scope
// takes the flag away again; a worker thread keeps one connection per database.

#include "store/database.h"
#include "store/sqlfunctions.h"
#include "store/threadconnection.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QRandomGenerator>
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

    // The free-text search function finds what a LIKE '%needle%' ESCAPE '\' found
    // (the definition it replaced): ASCII case ignored, % and _ literal, NULLs skipped.
    void searchFunctionAgreesWithLike_data()
    {
        QTest::addColumn<QString>("needle");
        QTest::addColumn<QVariantList>("texts");
        QTest::addColumn<bool>("found");
        const QVariant null = QVariant(QMetaType::fromType<QString>());
        QTest::newRow("case") << u"Unknown"_s << QVariantList{u"User UNKNOWN in table"_s} << true;
        QTest::newRow("IP") << u"203.0.113.5"_s << QVariantList{null, u"mx[203.0.113.5]"_s} << true;
        QTest::newRow("later column") << u"b@x"_s << QVariantList{u"a@x"_s, null, u"<B@X.org>"_s} << true;
        QTest::newRow("absent") << u"203.0.113.50"_s << QVariantList{u"203.0.113.5"_s} << false;
        QTest::newRow("percent literal") << u"100%"_s << QVariantList{u"1000 recipients"_s} << false;
        QTest::newRow("percent found") << u"100%"_s << QVariantList{u"quota 100% full"_s} << true;
        QTest::newRow("underscore literal") << u"a_b"_s << QVariantList{u"axb"_s} << false;
        QTest::newRow("at the end") << u"qid"_s << QVariantList{u"xxQID"_s} << true;
        QTest::newRow("longer than text") << u"longer"_s << QVariantList{u"long"_s} << false;
        QTest::newRow("only NULLs") << u"x"_s << QVariantList{null, null} << false;
        // Neither LIKE nor the function folds letters beyond ASCII.
        QTest::newRow("non-ASCII case kept") << u"müller"_s << QVariantList{u"MÜLLER@example.de"_s} << false;
        QTest::newRow("non-ASCII") << u"müller"_s << QVariantList{u"Hans.Müller@example.de"_s} << true;
    }

    void searchFunctionAgreesWithLike()
    {
        QFETCH(QString, needle);
        QFETCH(QVariantList, texts);
        QFETCH(bool, found);
        Database database(m_path);
        QVERIFY(database.open());
        QSqlQuery query(database.connection());
        QString call = QString::fromLatin1(containsFunction) + u"(?"_s;
        for (qsizetype i = 0; i < texts.size(); ++i)
            call += u", ?"_s;
        QVERIFY(query.prepare(u"SELECT "_s + call + u")"_s));
        query.addBindValue(needle);
        for (const QVariant &text : std::as_const(texts))
            query.addBindValue(text);
        QVERIFY2(query.exec() && query.next(), qPrintable(query.lastError().text()));
        QCOMPARE(query.value(0).toInt() == 1, found);

        // And as LIKE says, column by column.
        QString pattern = u"%"_s;
        for (const QChar c : needle) {
            if (c == u'%' || c == u'_' || c == u'\\')
                pattern += u'\\';
            pattern += c;
        }
        pattern += u'%';
        bool liked = false;
        for (const QVariant &text : std::as_const(texts)) {
            QSqlQuery like(database.connection());
            QVERIFY(like.prepare(u"SELECT ? LIKE ? ESCAPE '\\'"_s));
            like.addBindValue(text);
            like.addBindValue(pattern);
            QVERIFY(like.exec() && like.next());
            liked = liked || like.value(0).toInt() == 1;
        }
        QCOMPARE(liked, found);
    }

    // Many random short texts over a small alphabet, where partial matches abound.
    void searchMatcherAgreesWithAPlainSearch()
    {
        QRandomGenerator random(7);
        const std::string alphabet = "aAbB.-";
        const auto randomText = [&](int maxLength) {
            std::string text(random.bounded(maxLength + 1), ' ');
            for (char &c : text)
                c = alphabet[random.bounded(int(alphabet.size()))];
            return text;
        };
        for (int i = 0; i < 20000; ++i) {
            const std::string haystack = randomText(12);
            std::string needle = randomText(4);
            for (char &c : needle)
                c = char(std::tolower(static_cast<unsigned char>(c)));
            std::string lowered = haystack;
            for (char &c : lowered)
                c = char(std::tolower(static_cast<unsigned char>(c)));
            QCOMPARE(containsFolded(haystack, needle), lowered.find(needle) != std::string::npos);
        }
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
