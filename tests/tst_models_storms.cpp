// The rows of the storms table and its totals for a time range, against plain
// SQL over retry_chain: a short range finds its chains from the time indexes and
// sorts them, a long one walks the storms indexes, and both must give the rows,
// the order (ties included) and the totals of the plain query. Chains longer than
// a day reach into a range from far before it.

#include "analysis/retrychains.h"
#include "analysissupport.h"
#include "models/modelroles.h"
#include "models/stormtablemodel.h"
#include "store/database.h"

#include <QSqlQuery>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace rejectscope;
using namespace analysistest;

namespace {

constexpr qint64 dayMs = 24 * hourMs;

// Inbound keys retrying every 10 minutes (2 to 9 attempts), several starting at
// the same second so that attempts and times tie; keys retrying every 3 hours
// for two to three days; single attempts; outbound deferrals.
QByteArray chainsLog()
{
    const Shape rejected = shape(u"inbound-450"_s);
    const Shape deferred = shape(u"outbound-deferred-450"_s);
    Log log;
    int key = 0;
    const auto inbound = [&](qint64 start, int attempts, qint64 every) {
        const QByteArray recipient = "k" + QByteArray::number(key) + "@in.lab.test";
        const QByteArray client = "192.0." + QByteArray::number(key / 250) + "." + QByteArray::number(key % 250);
        ++key;
        for (int i = 0; i < attempts; ++i) {
            const qint64 t = start + i * every;
            log.add(t, rejected.at(t, recipient, client));
        }
    };
    for (int slot = 0; slot < 60; ++slot) {
        const qint64 start = t0Ms + slot * 2 * hourMs;
        for (int twin = 0; twin < 3; ++twin)
            inbound(start, 2 + slot % 8, 10 * minuteMs);
        inbound(start + 5 * minuteMs, 1, 0);
    }
    for (int n = 0; n < 6; ++n)
        inbound(t0Ms + n * 11 * hourMs, 10 + 2 * n, 3 * hourMs);
    for (int n = 0; n < 20; ++n) {
        const qint64 start = t0Ms + n * 5 * hourMs + 17 * minuteMs;
        for (int i = 0; i < 2 + n % 4; ++i) {
            const qint64 t = start + i * 15 * minuteMs;
            log.add(t, deferred.at(t, "d" + QByteArray::number(n) + "@in.lab.test",
                                   "D" + QByteArray::number(0x10000 + n, 16).toUpper()));
        }
    }
    return log.text();
}

QList<qint64> idsFromSql(Database &db, const QString &where, const QString &order, int limit, int offset)
{
    QSqlQuery query(db.connection());
    if (!query.exec(u"SELECT id FROM retry_chain c WHERE "_s + where + u" ORDER BY "_s + order
                    + u" LIMIT %1 OFFSET %2"_s.arg(limit).arg(offset)))
        qFatal("cannot read the chains");
    QList<qint64> ids;
    while (query.next())
        ids << query.value(0).toLongLong();
    return ids;
}

QString rangeTerms(const AnalysisFilter &filter)
{
    QString where = u"1 = 1"_s;
    if (filter.fromMs)
        where += u" AND c.last_ms >= %1"_s.arg(*filter.fromMs);
    if (filter.toMs)
        where += u" AND c.first_ms < %1"_s.arg(*filter.toMs);
    if (filter.direction)
        where += u" AND c.direction = %1"_s.arg(int(*filter.direction));
    return where;
}

} // namespace

class TestModelsStorms : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void stormsOfARange_data();
    void stormsOfARange();
    void filterWithoutRetries();

private:
    QTemporaryDir m_dir;
    std::unique_ptr<Database> m_db;
};

void TestModelsStorms::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_db = databaseOf(m_dir, u"storms"_s, chainsLog());
    RetryChains chains(*m_db);
    QVERIFY2(chains.ensureBuilt(ChainOptions{}), qPrintable(chains.errorString()));
    QSqlQuery query(m_db->connection());
    QVERIFY(query.exec(u"SELECT COUNT(*), SUM(last_ms - first_ms > 86400000), SUM(attempts = 1) FROM retry_chain"_s));
    QVERIFY(query.next());
    QVERIFY(query.value(0).toInt() > 250);
    QVERIFY(query.value(1).toInt() >= 4); // long chains
    QVERIFY(query.value(2).toInt() >= 60);
}

void TestModelsStorms::stormsOfARange_data()
{
    QTest::addColumn<AnalysisFilter>("filter");
    const auto range = [](qint64 from, qint64 to) {
        AnalysisFilter f;
        f.fromMs = from;
        f.toMs = to;
        return f;
    };
    QTest::newRow("six hours") << range(t0Ms + dayMs + 3 * hourMs, t0Ms + dayMs + 9 * hourMs);
    QTest::newRow("one day, cut mid-chain") << range(t0Ms + 2 * dayMs + 7 * minuteMs, t0Ms + 3 * dayMs + 7 * minuteMs);
    QTest::newRow("long chains only") << range(t0Ms + 80 * hourMs + 90 * minuteMs, t0Ms + 80 * hourMs + 115 * minuteMs);
    QTest::newRow("seven days (short range)") << range(t0Ms - hourMs, t0Ms + 7 * dayMs - hourMs);
    QTest::newRow("eight days (storms index)") << range(t0Ms - hourMs, t0Ms + 8 * dayMs);
    AnalysisFilter outbound = range(t0Ms + hourMs, t0Ms + 2 * dayMs);
    outbound.direction = Direction::Outbound;
    QTest::newRow("outbound, two days") << outbound;
    AnalysisFilter from;
    from.fromMs = t0Ms + 4 * dayMs;
    QTest::newRow("from only") << from;
}

void TestModelsStorms::stormsOfARange()
{
    QFETCH(AnalysisFilter, filter);
    RetryChains chains(*m_db);
    const QString where = rangeTerms(filter);
    const QString byAttempts = u"c.attempts DESC, c.first_ms DESC, c.last_ms DESC, c.direction DESC,"
                               " c.reason DESC, c.id DESC"_s;
    const QString byDuration = u"c.last_ms - c.first_ms DESC, c.attempts DESC, c.first_ms DESC,"
                               " c.direction DESC, c.reason DESC, c.id DESC"_s;
    const QList<std::pair<StormQuery::Order, QString>> orders{
        {StormQuery::Order::Attempts, byAttempts}, {StormQuery::Order::Duration, byDuration}};
    for (const auto &[order, sqlOrder] : orders) {
        for (const auto &[limit, offset] : QList<std::pair<int, int>>{{500, 0}, {7, 0}, {5, 3}, {4, 40}}) {
            StormQuery request;
            request.filter = filter;
            request.order = order;
            request.limit = limit;
            request.offset = offset;
            const auto storms = chains.storms(request);
            QVERIFY2(storms, qPrintable(chains.errorString()));
            QList<qint64> ids;
            for (const RetryChain &chain : *storms)
                ids << chain.id;
            const QList<qint64> want = idsFromSql(*m_db, where + u" AND c.attempts >= 2"_s, sqlOrder, limit, offset);
            QCOMPARE(ids, want);
            if (limit == 500)
                QVERIFY(!want.isEmpty());
            // The table shows them in that order, each with its first event's text.
            StormTableModel model;
            model.setChains(*storms);
            for (int row = 0; row < model.rowCount(); ++row) {
                QCOMPARE(model.data(model.index(row, 0), IdRole).toLongLong(), want.at(row));
                QVERIFY(!model.data(model.index(row, StormTableModel::Recipient)).toString().isEmpty());
            }
        }
    }
    QSqlQuery query(m_db->connection());
    QVERIFY(query.exec(u"SELECT COUNT(*), COALESCE(SUM(c.attempts), 0) FROM retry_chain c WHERE "_s + where));
    QVERIFY(query.next());
    const auto totals = chains.totals(filter);
    QVERIFY2(totals, qPrintable(chains.errorString()));
    QCOMPARE(totals->chains, query.value(0).toLongLong());
    QCOMPARE(totals->attempts, query.value(1).toLongLong());
    QVERIFY(totals->chains > 0);
}

void TestModelsStorms::filterWithoutRetries()
{
    // No chain of this reason exists: the list is empty without a walk, and the
    // chains of one attempt still follow when asked for.
    RetryChains chains(*m_db);
    StormQuery request;
    request.filter.reason = ReasonClass::Greylisted;
    request.filter.fromMs = t0Ms;
    request.filter.toMs = t0Ms + dayMs;
    const auto none = chains.storms(request);
    QVERIFY(none);
    QVERIFY(none->isEmpty());
    request.filter.reason.reset();
    request.filter.direction = Direction::Inbound;
    request.onlyWithRetries = false;
    request.limit = 100000;
    const auto all = chains.storms(request);
    QVERIFY(all);
    QCOMPARE(all->size(), idsFromSql(*m_db, rangeTerms(request.filter), u"c.id"_s, 100000, 0).size());
    QCOMPARE(all->constLast().attempts, 1);
}

QTEST_GUILESS_MAIN(TestModelsStorms)
#include "tst_models_storms.moc"
