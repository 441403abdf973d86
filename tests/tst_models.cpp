// The table models under QAbstractItemModelTester (fatal on any breach), with
// resets, sorting and paging; display texts, raw sort values and the row roles;
// untrusted text verbatim on screen and escaped in tooltips. And the model exports
// (tableFromModel, rowsAsTsv) the views' "copy" and "export" use.

#include "analysis/eventquery.h"
#include "analysissupport.h"
#include "models/eventtablemodel.h"
#include "models/modelroles.h"
#include "models/stormtablemodel.h"
#include "models/timelinemodel.h"
#include "models/toplistmodel.h"
#include "report/modelexport.h"
#include "store/database.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTest>

#include <algorithm>

using namespace Qt::StringLiterals;
using namespace rejectscope;

namespace {

const QString hostile = u"<b>x</b> <img src=x>"_s;
const QString hostileEscaped = u"&lt;b&gt;x&lt;/b&gt; &lt;img src=x&gt;"_s;

// 2026-11-02 08:00:00 UTC, 09:00:00 in Berlin (the tests run with TZ=Europe/Berlin).
constexpr qint64 t0 = analysistest::t0Ms;

QList<RetryChain> someChains()
{
    RetryChain a;
    a.id = 41;
    a.direction = Direction::Inbound;
    a.reason = ReasonClass::UnknownLocalRecipient;
    a.firstMs = t0;
    a.lastMs = t0 + 3 * 3600000;
    a.attempts = 12;
    a.temporaryAttempts = 11;
    a.permanentAttempts = 1;
    a.medianIntervalMs = 12 * 60000;
    a.outcome = ChainOutcome::RejectedForGood;
    a.clientIp = u"192.0.2.7"_s;
    a.clientName = u"mail.example.org"_s;
    a.sender = u"=HYPERLINK(\"http://x\")"_s;
    a.recipient = hostile;
    a.reply = u"450 4.1.1 "_s + hostile;
    RetryChain b;
    b.id = 42;
    b.direction = Direction::Outbound;
    b.reason = ReasonClass::Greylisted;
    b.firstMs = t0 + 60000;
    b.lastMs = t0 + 120000;
    b.attempts = 2;
    b.temporaryAttempts = 1;
    b.medianIntervalMs = 60000;
    b.outcome = ChainOutcome::Accepted;
    b.queueId = u"BC6DC108419"_s;
    b.recipient = u"ghost@example.net"_s;
    b.reply = u"tab\there\nnewline"_s;
    return {a, b};
}

QByteArray hostileLog()
{
    return "Nov 22 23:50:36 mx postfix-in/smtpd[7623]: NOQUEUE: reject: RCPT from -evil.example[192.0.2.7]: "
           "450 4.1.1 <ghost6@in.lab.test>: Recipient address rejected: <b>x</b> <img src=x>; "
           "from=<=HYPERLINK(\"http://x\",\"y\")@evil.test> to=<ghost6@in.lab.test> proto=ESMTP helo=<<b>x</b>>\n";
}

QList<qint64> idsFromSql(Database &db, const QString &order, const QString &where = {})
{
    QSqlQuery query(db.connection());
    if (!query.exec(u"SELECT id FROM event "_s + where + u" ORDER BY "_s + order))
        qFatal("cannot read the events");
    QList<qint64> ids;
    while (query.next())
        ids << query.value(0).toLongLong();
    return ids;
}

QList<qint64> idsFromModel(const QAbstractItemModel &model)
{
    QList<qint64> ids;
    for (int row = 0; row < model.rowCount(); ++row)
        ids << model.data(model.index(row, 0), IdRole).toLongLong();
    return ids;
}

void checkHeaders(const QAbstractItemModel &model)
{
    for (int column = 0; column < model.columnCount(); ++column)
        QVERIFY(!model.headerData(column, Qt::Horizontal, Qt::DisplayRole).toString().isEmpty());
}

} // namespace

class TestModels : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void storms();
    void timeline();
    void topList();
    void topListOfReasons();
    void eventsPageThroughInTimeOrder();
    void eventsCountedInBackground();
    void eventsOfARareFilter_data();
    void eventsOfARareFilter();
    void eventsSort_data();
    void eventsSort();
    void eventsFilterAndZone();
    void eventsHostileText();
    void eventsQueryFailure();
    void tableFromModelCells();
    void tsvForTheClipboard();

private:
    QTemporaryDir m_dir;
    std::unique_ptr<Database> m_db;
};

void TestModels::initTestCase()
{
    QVERIFY(m_dir.isValid());
    const QString hostilePath = m_dir.filePath(u"hostile.log"_s);
    QVERIFY(testsupport::writeFile(hostilePath, hostileLog()));
    // Made of real lines: enough rows for more pages than the model caches.
    using namespace analysistest;
    Log made;
    const QStringList shapes{u"inbound-450"_s, u"inbound-550"_s, u"outbound-deferred-450"_s, u"outbound-sent"_s};
    for (int i = 0; i < 1500; ++i) {
        const qint64 t = t0Ms + qint64(i) * 20000;
        made.add(t, shape(shapes.at(i % 4)).at(t, "u" + QByteArray::number(i % 37) + "@in.lab.test"));
    }
    const QString madePath = m_dir.filePath(u"made.log"_s);
    QVERIFY(testsupport::writeFile(madePath, made.text()));
    m_db = importedDatabase(m_dir, u"models"_s,
                            {labLog(), testsupport::dataPath(u"import/real-mixed.maillog"_s), madePath, hostilePath});
}

void TestModels::storms()
{
    StormTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    QCOMPARE(model.rowCount(), 0);
    checkHeaders(model);
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    model.setChains(someChains());
    QCOMPARE(resets.size(), 1);
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.columnCount(), int(StormTableModel::ColumnCount));

    const auto at = [&](int row, int column, int role = Qt::DisplayRole) {
        return model.data(model.index(row, column), role);
    };
    QCOMPARE(at(0, StormTableModel::Client).toString(), u"mail.example.org[192.0.2.7]"_s);
    QCOMPARE(at(1, StormTableModel::Client).toString(), u"BC6DC108419"_s);
    QCOMPARE(at(0, StormTableModel::Direction).toString(), u"inbound"_s);
    QCOMPARE(at(0, StormTableModel::Direction, SortRole).toString(), u"inbound"_s);
    QCOMPARE(at(0, StormTableModel::Attempts).toInt(), 12);
    QCOMPARE(at(0, StormTableModel::Retries, SortRole).toInt(), 11);
    QCOMPARE(at(0, StormTableModel::Attempts, Qt::TextAlignmentRole).toInt(), int(Qt::AlignRight | Qt::AlignVCenter));
    QVERIFY(!at(0, StormTableModel::Sender, Qt::TextAlignmentRole).isValid());
    // Times in the model's zone (the system's: Berlin), raw as UTC ms.
    QCOMPARE(at(0, StormTableModel::FirstSeen).toString(), u"2026-11-02 09:00:00"_s);
    QCOMPARE(at(0, StormTableModel::LastSeen).toString(), u"2026-11-02 12:00:00"_s);
    QCOMPARE(at(0, StormTableModel::FirstSeen, SortRole).toLongLong(), t0);
    QCOMPARE(at(0, StormTableModel::Interval).toString(), u"12 min"_s);
    QCOMPARE(at(0, StormTableModel::Interval, SortRole).toLongLong(), 12 * 60000);
    QCOMPARE(at(0, StormTableModel::Outcome).toString(), u"rejected for good"_s);
    QCOMPARE(at(0, StormTableModel::Outcome, SortRole).toString(), u"rejected-for-good"_s);
    QCOMPARE(at(0, StormTableModel::Reason).toString(), u"unknown local recipient"_s);
    QCOMPARE(at(0, StormTableModel::Reason, SortRole).toString(), u"unknown-local-recipient"_s);
    // The row roles, on any column.
    QCOMPARE(at(1, StormTableModel::Reply, TimeMsRole).toLongLong(), t0 + 60000);
    QCOMPARE(at(1, StormTableModel::Direction, EndMsRole).toLongLong(), t0 + 120000);
    QCOMPARE(at(1, StormTableModel::Sender, IdRole).toLongLong(), 42);
    // Untrusted text: verbatim on screen, escaped in the tooltip.
    QCOMPARE(at(0, StormTableModel::Recipient).toString(), hostile);
    const QString tip = at(0, StormTableModel::Reply, Qt::ToolTipRole).toString();
    QVERIFY2(tip.contains(hostileEscaped), qPrintable(tip));
    QVERIFY(!tip.contains(u"<b>"_s) && !tip.contains(u"<img"_s));
    QVERIFY(at(0, StormTableModel::Sender, Qt::ToolTipRole).toString().contains(u"=HYPERLINK(&quot;http://x&quot;)"_s));

    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.setTimeZone(QTimeZone::utc());
    QCOMPARE(changed.size(), 1);
    QCOMPARE(at(0, StormTableModel::FirstSeen).toString(), u"2026-11-02 08:00:00"_s);

    model.setChains({});
    QCOMPARE(model.rowCount(), 0);
    model.setChains(someChains().mid(1));
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(resets.size(), 3);
}

void TestModels::timeline()
{
    TimelineModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    checkHeaders(model);
    model.setBuckets({{t0, 5, 1, 7}, {t0 + 300000, 0, 9, 2}}, 300000);
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.bucketMs(), 300000);
    const auto at = [&](int row, int column, int role = Qt::DisplayRole) {
        return model.data(model.index(row, column), role);
    };
    QCOMPARE(at(1, TimelineModel::Start).toString(), u"2026-11-02 09:05:00"_s);
    QCOMPARE(at(1, TimelineModel::Start, SortRole).toLongLong(), t0 + 300000);
    QCOMPARE(at(1, TimelineModel::Permanent, TimeMsRole).toLongLong(), t0 + 300000);
    QCOMPARE(at(1, TimelineModel::Permanent, EndMsRole).toLongLong(), t0 + 600000);
    QCOMPARE(at(0, TimelineModel::Temporary).toLongLong(), 5);
    QCOMPARE(at(0, TimelineModel::Accepted, SortRole).toLongLong(), 7);
    QCOMPARE(at(0, TimelineModel::Accepted, Qt::TextAlignmentRole).toInt(), int(Qt::AlignRight | Qt::AlignVCenter));
    model.setTimeZone(QTimeZone::utc());
    QCOMPARE(at(0, TimelineModel::Start).toString(), u"2026-11-02 08:00:00"_s);
    model.setBuckets({}, 60000);
    QCOMPARE(model.rowCount(), 0);
}

void TestModels::topList()
{
    TopListModel model(TopListKind::Clients);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    QCOMPARE(model.headerData(TopListModel::Key, Qt::Horizontal, Qt::DisplayRole).toString(), u"Client"_s);
    TopEntry a{hostile, ReasonClass::RblListed, 30, 10, 20, t0, t0 + 60000};
    TopEntry b{u"mx.example.net[198.51.100.25]"_s, ReasonClass::Greylisted, 10, 10, 0, t0 + 1000, t0 + 2000};
    model.setEntries({a, b});
    QCOMPARE(model.rowCount(), 2);
    const auto at = [&](int row, int column, int role = Qt::DisplayRole) {
        return model.data(model.index(row, column), role);
    };
    QCOMPARE(at(0, TopListModel::Key).toString(), hostile);
    QVERIFY(at(0, TopListModel::Key, Qt::ToolTipRole).toString().contains(hostileEscaped));
    QVERIFY(!at(0, TopListModel::Key, Qt::ToolTipRole).toString().contains(u"<img"_s));
    // The share is of the list's total: 30 of 40 attempts.
    QCOMPARE(at(0, TopListModel::Share, SortRole).toDouble(), 0.75);
    QCOMPARE(at(0, TopListModel::Share).toString(), u"75.0 %"_s);
    QCOMPARE(at(1, TopListModel::Share).toString(), u"25.0 %"_s);
    QCOMPARE(at(0, TopListModel::Share, Qt::ToolTipRole).toString(), u"30 of the 40 attempts in this list"_s);
    QCOMPARE(at(0, TopListModel::Share, Qt::TextAlignmentRole).toInt(), int(Qt::AlignRight | Qt::AlignVCenter));
    QCOMPARE(at(0, TopListModel::Permanent).toLongLong(), 20);
    QCOMPARE(at(0, TopListModel::Reason).toString(), u"RBL listed"_s);
    QCOMPARE(at(0, TopListModel::Reason, SortRole).toString(), u"rbl-listed"_s);
    QCOMPARE(at(1, TopListModel::FirstSeen).toString(), u"2026-11-02 09:00:01"_s);
    QCOMPARE(at(1, TopListModel::LastSeen, SortRole).toLongLong(), t0 + 2000);
    QCOMPARE(at(1, TopListModel::Key, TimeMsRole).toLongLong(), t0 + 1000);
    QCOMPARE(at(1, TopListModel::Key, EndMsRole).toLongLong(), t0 + 2000);
    model.setEntries({b});
    QCOMPARE(at(0, TopListModel::Share).toString(), u"100.0 %"_s);
    model.setEntries({});
    QCOMPARE(model.rowCount(), 0);
}

void TestModels::topListOfReasons()
{
    TopListModel model(TopListKind::Reasons);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    TopEntry e{u"unknown-local-recipient"_s, ReasonClass::UnknownLocalRecipient, 5, 5, 0, t0, t0};
    model.setEntries({e});
    QCOMPARE(model.data(model.index(0, TopListModel::Key)).toString(), u"unknown local recipient"_s);
    QCOMPARE(model.data(model.index(0, TopListModel::Key), SortRole).toString(), u"unknown-local-recipient"_s);
    QCOMPARE(model.headerData(TopListModel::Key, Qt::Horizontal, Qt::DisplayRole).toString(), u"Reason"_s);
}

void TestModels::eventsPageThroughInTimeOrder()
{
    EventTableModel model(*m_db);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setFilter({});
    const QList<qint64> want = idsFromSql(*m_db, u"time_ms, id"_s);
    QVERIFY(want.size() > 8 * EventTableModel::pageSize); // more pages than the cache holds
    QCOMPARE(model.rowCount(), want.size());
    checkHeaders(model);
    // Backwards from the end, then forwards: every page read, evicted and read again.
    for (int row = model.rowCount() - 1; row >= 0; row -= 97)
        QCOMPARE(model.data(model.index(row, EventTableModel::Time), IdRole).toLongLong(), want.at(row));
    QCOMPARE(idsFromModel(model), want);
    const auto row = model.row(1000);
    QVERIFY(row);
    QCOMPARE(row->id, want.at(1000));
    QCOMPARE(model.data(model.index(1000, EventTableModel::Code), TimeMsRole).toLongLong(), row->timeMs);
    QVERIFY(!model.row(model.rowCount()));
}

void TestModels::eventsCountedInBackground()
{
    // The first page when the worker has read it, the other rows when its count
    // arrives; a newer filter makes the older reads void.
    EventTableModel model(*m_db);
    model.setCountInBackground(true);
    model.setCountDelay(500); // time to see the first page alone
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    QSignalSpy counted(&model, &EventTableModel::countKnown);
    AnalysisFilter inbound;
    inbound.direction = Direction::Inbound;
    model.setFilter(inbound);
    model.setFilter({});
    QCOMPARE(model.rowCount(), 0);
    QVERIFY(!model.isCountKnown());
    QTRY_COMPARE(model.rowCount(), EventTableModel::pageSize);
    const QList<qint64> want = idsFromSql(*m_db, u"time_ms, id"_s);
    QTRY_VERIFY(model.isCountKnown());
    QCOMPARE(counted.size(), 1); // the inbound count never arrived
    QCOMPARE(counted.first().first().toLongLong(), want.size());
    QCOMPARE(model.rowCount(), want.size());
    QCOMPARE(idsFromModel(model), want);

    // A filter with less than a page is known at once.
    AnalysisFilter narrow;
    narrow.fromMs = want.isEmpty() ? 0 : model.row(0)->timeMs;
    narrow.toMs = *narrow.fromMs + 1;
    model.setFilter(narrow);
    QTRY_VERIFY(model.isCountKnown());
    QVERIFY(model.rowCount() > 0);
    QVERIFY(model.rowCount() < EventTableModel::pageSize);
    QCOMPARE(counted.last().first().toLongLong(), model.rowCount());
}

// Filters whose rows the first page finds from the per-minute counts: the rows
// the worker reads, and the count, are those of a plain SQL read.
void TestModels::eventsOfARareFilter_data()
{
    QTest::addColumn<AnalysisFilter>("filter");
    QTest::addColumn<QString>("where");
    AnalysisFilter outbound;
    outbound.direction = Direction::Outbound;
    outbound.reason = ReasonClass::UnknownLocalRecipient;
    QTest::newRow("outbound unknown-local-recipient")
        << outbound << u"WHERE direction = 1 AND reason = %1"_s.arg(int(ReasonClass::UnknownLocalRecipient));
    AnalysisFilter permanent;
    permanent.direction = Direction::Inbound;
    permanent.codeClass = 5;
    QTest::newRow("inbound 5xx") << permanent << u"WHERE direction = 0 AND kind = 0 AND code_class = 5"_s;
}

void TestModels::eventsOfARareFilter()
{
    QFETCH(AnalysisFilter, filter);
    QFETCH(QString, where);
    const QList<qint64> want = idsFromSql(*m_db, u"time_ms, id"_s, where);
    QVERIFY(want.size() > EventTableModel::pageSize);
    QVERIFY(want.size() < idsFromSql(*m_db, u"id"_s).size() / 2);
    EventTableModel model(*m_db);
    model.setCountInBackground(true);
    model.setCountDelay(1000); // time to see the first page alone
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setFilter(filter);
    QTRY_COMPARE(model.rowCount(), EventTableModel::pageSize);
    QCOMPARE(idsFromModel(model), want.mid(0, EventTableModel::pageSize));
    QTRY_VERIFY(model.isCountKnown());
    QCOMPARE(idsFromModel(model), want);
    model.sort(EventTableModel::Time, Qt::DescendingOrder);
    QList<qint64> reversed = want;
    std::reverse(reversed.begin(), reversed.end());
    QCOMPARE(idsFromModel(model), reversed);
}

void TestModels::eventsSort_data()
{
    QTest::addColumn<int>("column");
    QTest::addColumn<bool>("ascending");
    QTest::addColumn<QString>("order");
    QTest::newRow("time desc") << int(EventTableModel::Time) << false << u"time_ms DESC, id DESC"_s;
    QTest::newRow("direction asc") << int(EventTableModel::Direction) << true << u"direction, time_ms, id"_s;
    QTest::newRow("code desc") << int(EventTableModel::Code) << false
                               << u"code DESC, COALESCE(enhanced_code, '') DESC, time_ms DESC, id DESC"_s;
    QTest::newRow("client asc") << int(EventTableModel::Client) << true
                                << u"COALESCE(client_name, ''), COALESCE(client_ip, ''), time_ms, id"_s;
    QTest::newRow("sender desc") << int(EventTableModel::Sender) << false
                                 << u"COALESCE(sender, '') DESC, time_ms DESC, id DESC"_s;
    QTest::newRow("recipient asc") << int(EventTableModel::Recipient) << true
                                   << u"COALESCE(recipient, ''), time_ms, id"_s;
}

void TestModels::eventsSort()
{
    QFETCH(int, column);
    QFETCH(bool, ascending);
    QFETCH(QString, order);
    EventTableModel model(*m_db);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setFilter({});
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    model.sort(column, ascending ? Qt::AscendingOrder : Qt::DescendingOrder);
    QCOMPARE(resets.size(), 1);
    QCOMPARE(idsFromModel(model), idsFromSql(*m_db, order));
}

void TestModels::eventsFilterAndZone()
{
    EventTableModel model(*m_db);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setFilter({});
    model.sort(EventTableModel::Sender, Qt::AscendingOrder);
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    AnalysisFilter filter;
    filter.direction = Direction::Outbound;
    model.setFilter(filter);
    QCOMPARE(resets.size(), 1);
    QCOMPARE(model.filter().direction, Direction::Outbound);
    QCOMPARE(idsFromModel(model), idsFromSql(*m_db, u"COALESCE(sender, ''), time_ms, id"_s, u"WHERE direction = 1"_s));
    for (int row = 0; row < model.rowCount(); ++row)
        QCOMPARE(model.data(model.index(row, EventTableModel::Direction), SortRole).toString(), u"outbound"_s);

    // A delivery: its status in words, its code right-aligned.
    model.sort(EventTableModel::Time, Qt::AscendingOrder);
    const auto first = model.row(0);
    QVERIFY(first);
    QCOMPARE(model.data(model.index(0, EventTableModel::Time)).toString(),
             QDateTime::fromMSecsSinceEpoch(first->timeMs, QTimeZone::systemTimeZone()).toString(u"yyyy-MM-dd HH:mm:ss"_s));
    QCOMPARE(model.data(model.index(0, EventTableModel::Code), Qt::TextAlignmentRole).toInt(),
             int(Qt::AlignRight | Qt::AlignVCenter));
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.setTimeZone(QTimeZone::utc());
    QCOMPARE(changed.size(), 1);
    QCOMPARE(model.data(model.index(0, EventTableModel::Time)).toString(),
             QDateTime::fromMSecsSinceEpoch(first->timeMs, QTimeZone::utc()).toString(u"yyyy-MM-dd HH:mm:ss"_s));
    QCOMPARE(model.data(model.index(0, EventTableModel::Time), SortRole).toLongLong(), first->timeMs);

    model.refresh();
    QCOMPARE(resets.size(), 3); // the filter, the sort, the refresh
    QCOMPARE(model.rowCount(), idsFromSql(*m_db, u"id"_s, u"WHERE direction = 1"_s).size());
}

void TestModels::eventsHostileText()
{
    EventTableModel model(*m_db);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    AnalysisFilter filter;
    filter.text = u"-evil.example"_s;
    model.setFilter(filter);
    QCOMPARE(model.rowCount(), 1);
    const auto at = [&](int column, int role = Qt::DisplayRole) {
        return model.data(model.index(0, column), role).toString();
    };
    QCOMPARE(at(EventTableModel::Client), u"-evil.example[192.0.2.7]"_s);
    QCOMPARE(at(EventTableModel::Sender), u"=HYPERLINK(\"http://x\",\"y\")@evil.test"_s);
    QCOMPARE(at(EventTableModel::Reply), u"<ghost6@in.lab.test>: Recipient address rejected: "_s + hostile);
    QCOMPARE(at(EventTableModel::Code), u"450 4.1.1"_s);
    QCOMPARE(at(EventTableModel::Direction), u"inbound"_s);
    QCOMPARE(at(EventTableModel::Status), u"rejected"_s);
    QCOMPARE(at(EventTableModel::Status, SortRole), u"reject"_s);
    const QString tip = at(EventTableModel::Reply, Qt::ToolTipRole);
    QVERIFY2(tip.contains(u"&lt;ghost6@in.lab.test&gt;: Recipient address rejected: "_s + hostileEscaped), qPrintable(tip));
    QVERIFY(!tip.contains(u"<b>"_s) && !tip.contains(u"<img"_s) && !tip.contains(u"<ghost6"_s));
    const QString heloTip = at(EventTableModel::Helo, Qt::ToolTipRole);
    QVERIFY(!heloTip.contains(u"<b>"_s));
    QVERIFY(at(EventTableModel::Helo).contains(u"<b>x"_s));
}

void TestModels::eventsQueryFailure()
{
    QTemporaryDir dir;
    using namespace analysistest;
    Log log;
    for (int i = 0; i < 600; ++i)
        log.add(t0Ms + i * 1000, shape(u"inbound-450"_s).at(t0Ms + i * 1000, "r" + QByteArray::number(i) + "@in.lab.test"));
    auto db = databaseOf(dir, u"failing"_s, log.text());
    EventTableModel model(*db);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setFilter({});
    QCOMPARE(model.rowCount(), 600);
    QVERIFY(model.data(model.index(0, EventTableModel::Time)).isValid());

    // A page not read yet fails: no data, and the failure reported once, later.
    QSqlQuery query(db->connection());
    QVERIFY(query.exec(u"ALTER TABLE host RENAME TO host_gone"_s));
    QSignalSpy failed(&model, &EventTableModel::queryFailed);
    QVERIFY(!model.data(model.index(599, EventTableModel::Time)).isValid());
    QVERIFY(!model.data(model.index(598, EventTableModel::Reply)).isValid());
    QCOMPARE(failed.size(), 0);
    QTRY_COMPARE(failed.size(), 1);
    QVERIFY(!failed.first().first().toString().isEmpty());
    QCOMPARE(model.errorString(), failed.first().first().toString());
    QVERIFY(model.data(model.index(0, EventTableModel::Time)).isValid()); // still cached

    // The count fails: an empty model, reported at once.
    QVERIFY(query.exec(u"ALTER TABLE event RENAME TO event_gone"_s));
    model.setFilter({});
    QCOMPARE(failed.size(), 2);
    QCOMPARE(model.rowCount(), 0);
}

void TestModels::tableFromModelCells()
{
    StormTableModel storms;
    storms.setTimeZone(QTimeZone::utc());
    storms.setChains(someChains());
    const Table all = tableFromModel(storms);
    QCOMPARE(all.columns.size(), int(StormTableModel::ColumnCount));
    QCOMPARE(all.columns.at(StormTableModel::Attempts), u"Attempts"_s);
    QCOMPARE(all.rows.size(), 2);
    // Numbers stay numbers; times, durations and words stay as shown.
    QCOMPARE(all.rows.at(0).at(StormTableModel::Attempts).typeId(), QMetaType::Int);
    QCOMPARE(all.rows.at(0).at(StormTableModel::Attempts).toInt(), 12);
    QCOMPARE(all.rows.at(0).at(StormTableModel::FirstSeen).toString(), u"2026-11-02 08:00:00"_s);
    QCOMPARE(all.rows.at(0).at(StormTableModel::Interval).toString(), u"12 min"_s);
    QCOMPARE(all.rows.at(0).at(StormTableModel::Recipient).toString(), hostile);
    const Table second = tableFromModel(storms, {1});
    QCOMPARE(second.rows.size(), 1);
    QCOMPARE(second.rows.at(0).at(StormTableModel::Client).toString(), u"BC6DC108419"_s);

    TopListModel top(TopListKind::Senders);
    top.setEntries({TopEntry{u"a@example.org"_s, ReasonClass::Other, 3, 3, 0, t0, t0}});
    const Table topTable = tableFromModel(top);
    QCOMPARE(topTable.rows.at(0).at(TopListModel::Attempts).toLongLong(), 3);
    QCOMPARE(topTable.rows.at(0).at(TopListModel::Share).toString(), u"100.0 %"_s);
}

void TestModels::tsvForTheClipboard()
{
    StormTableModel storms;
    storms.setTimeZone(QTimeZone::utc());
    storms.setChains(someChains());
    const QStringList lines = rowsAsTsv(storms, {1, 0}).split(u'\n');
    QCOMPARE(lines.size(), 4); // header, two rows, the empty rest after the last newline
    QCOMPARE(lines.at(3), QString());
    QCOMPARE(lines.at(0).split(u'\t').size(), int(StormTableModel::ColumnCount));
    const QStringList second = lines.at(1).split(u'\t');
    QCOMPARE(second.size(), int(StormTableModel::ColumnCount));
    QCOMPARE(second.at(StormTableModel::Reply), u"tab here newline"_s);
    const QStringList first = lines.at(2).split(u'\t');
    QCOMPARE(first.at(StormTableModel::Attempts), u"12"_s);
    QCOMPARE(first.at(StormTableModel::Sender), u"'=HYPERLINK(\"http://x\")"_s); // as in CSV
    QCOMPARE(first.at(StormTableModel::Recipient), hostile);
}

QTEST_GUILESS_MAIN(TestModels)
#include "tst_models.moc"
