// EventQuery against an independent full read of the event table: every filter
// field, counts, and pages in every order and direction at shallow and deep
// offsets, read cold and in sequence.

#include "analysis/eventquery.h"
#include "analysissupport.h"
#include "store/database.h"

#include <QScopeGuard>
#include <QSqlQuery>
#include <QTest>

#include <algorithm>

using namespace Qt::StringLiterals;
using namespace rejectscope;

namespace {

// Real lines with hostile parts written over them: a stranger's text must come
// back as it was stored, whatever it looks like.
QByteArray hostileLines()
{
    return "Nov 22 23:50:36 mx postfix-in/smtpd[7623]: NOQUEUE: reject: RCPT from -evil.example[192.0.2.7]: "
           "450 4.1.1 <ghost6@in.lab.test>: Recipient address rejected: \"quoted\", comma <b>x</b> <img src=x>; "
           "from=<=HYPERLINK(\"http://x\",\"y\")@evil.test> to=<@SUM(1+1)@in.lab.test> proto=ESMTP helo=<+cmd|calc>\n"
           "Nov 22 23:50:37 mx postfix-in/smtpd[7623]: NOQUEUE: reject: RCPT from 50%_off.example[192.0.2.8]: "
           "550 5.1.1 <ghost7@in.lab.test>: Recipient address rejected: User unknown in local recipient table; "
           "from=<a_b%c@x.test> to=<ghost7@in.lab.test> proto=ESMTP helo=<x>\n";
}

struct Stored {
    EventRow row;
    int effectiveClass = 0;
};

// The class an analysis gives a row (filtersql.h), worked out here on its own.
int effectiveClass(const EventRow &row)
{
    if (row.kind == EventKind::Reject)
        return row.codeClass == 4 || row.codeClass == 5 ? row.codeClass : 0;
    if (row.kind != EventKind::Delivery)
        return 0;
    switch (row.status) {
    case DeliveryStatus::Deferred:
    case DeliveryStatus::SoftBounce:
        return 4;
    case DeliveryStatus::Bounced:
        return 5;
    case DeliveryStatus::Sent:
        return 2;
    default:
        return 0;
    }
}

QList<Stored> readAllEvents(Database &db)
{
    QSqlQuery query(db.connection());
    if (!query.exec(u"SELECT e.id, e.time_ms, e.direction, e.kind, e.code, e.code_class, e.reason, e.status,"
                    " e.stage, h.name, e.program, e.queue_id, e.client_name, e.client_ip, e.helo, e.sender,"
                    " e.recipient, e.relay, e.enhanced_code, e.reply FROM event e, host h"
                    " WHERE h.id = e.host_id"_s))
        qFatal("cannot read the events");
    QList<Stored> all;
    while (query.next()) {
        Stored s;
        EventRow &r = s.row;
        r.id = query.value(0).toLongLong();
        r.timeMs = query.value(1).toLongLong();
        r.direction = Direction(query.value(2).toInt());
        r.kind = EventKind(query.value(3).toInt());
        r.code = query.value(4).toInt();
        r.codeClass = query.value(5).toInt();
        r.reason = ReasonClass(query.value(6).toInt());
        r.status = DeliveryStatus(query.value(7).toInt());
        r.stage = Stage(query.value(8).toInt());
        r.host = query.value(9).toString();
        r.program = query.value(10).toString();
        r.queueId = query.value(11).toString();
        r.clientName = query.value(12).toString();
        r.clientIp = query.value(13).toString();
        r.helo = query.value(14).toString();
        r.sender = query.value(15).toString();
        r.recipient = query.value(16).toString();
        r.relay = query.value(17).toString();
        r.enhancedCode = query.value(18).toString();
        r.reply = query.value(19).toString();
        s.effectiveClass = effectiveClass(r);
        all << s;
    }
    return all;
}

bool matches(const Stored &s, const AnalysisFilter &f)
{
    const EventRow &r = s.row;
    if (f.fromMs && r.timeMs < *f.fromMs)
        return false;
    if (f.toMs && r.timeMs >= *f.toMs)
        return false;
    if (f.direction && r.direction != *f.direction)
        return false;
    if (f.reason && r.reason != *f.reason)
        return false;
    if (f.codeClass && s.effectiveClass != *f.codeClass)
        return false;
    if (!f.text.isEmpty()) {
        const QString needle = f.text.toLower();
        const QStringList fields{r.clientName, r.clientIp, r.sender, r.recipient, r.queueId, r.reply};
        return std::any_of(fields.begin(), fields.end(),
                           [&](const QString &field) { return field.toLower().contains(needle); });
    }
    return true;
}

int reasonRank(ReasonClass reason)
{
    int rank = 0;
    for (int i = 0; i < reasonClassCount; ++i)
        rank += reasonClassName(ReasonClass(i)) < reasonClassName(reason) ? 1 : 0;
    return rank;
}

// SQLite compares text as UTF-8 bytes.
QByteArray key(const QString &text)
{
    return text.toUtf8();
}

// The order a sort promises: its keys, then time, then id.
bool before(EventSort sort, const EventRow &a, const EventRow &b)
{
    const auto tail = [&] { return std::tie(a.timeMs, a.id) < std::tie(b.timeMs, b.id); };
    switch (sort) {
    case EventSort::Time:
        return tail();
    case EventSort::Direction:
        if (a.direction != b.direction)
            return a.direction < b.direction;
        return tail();
    case EventSort::Code:
        if (a.code != b.code)
            return a.code < b.code;
        if (a.enhancedCode != b.enhancedCode)
            return key(a.enhancedCode) < key(b.enhancedCode);
        return tail();
    case EventSort::Reason:
        if (a.reason != b.reason)
            return reasonRank(a.reason) < reasonRank(b.reason);
        return tail();
    case EventSort::Client:
        if (a.clientName != b.clientName)
            return key(a.clientName) < key(b.clientName);
        if (a.clientIp != b.clientIp)
            return key(a.clientIp) < key(b.clientIp);
        return tail();
    case EventSort::Sender:
        if (a.sender != b.sender)
            return key(a.sender) < key(b.sender);
        return tail();
    case EventSort::Recipient:
        if (a.recipient != b.recipient)
            return key(a.recipient) < key(b.recipient);
        return tail();
    }
    return tail();
}

QList<qint64> idsOf(const QList<EventRow> &rows)
{
    QList<qint64> ids;
    for (const EventRow &row : rows)
        ids << row.id;
    return ids;
}

} // namespace

class TestEventQuery : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void rowsAreComplete();
    void filters_data();
    void filters();
    void pages_data();
    void pages();
    void manyPagesOfKeyedOrders();
    void rareRowsFarApart();
    void uncountedEventsAreOfReasonOther();
    void forEachWalksInTimeOrder();
    void failureIsReported();

private:
    QList<EventRow> expected(const AnalysisFilter &filter, EventSort sort, bool ascending) const;

    QTemporaryDir m_dir;
    std::unique_ptr<Database> m_db;
    QList<Stored> m_all;
};

void TestEventQuery::initTestCase()
{
    QVERIFY(m_dir.isValid());
    const QString hostile = m_dir.filePath(u"hostile.log"_s);
    QVERIFY(testsupport::writeFile(hostile, hostileLines()));
    m_db = analysistest::importedDatabase(
        m_dir, u"events"_s,
        {analysistest::labLog(), testsupport::dataPath(u"import/real-mixed.maillog"_s), hostile});
    m_all = readAllEvents(*m_db);
    // The lab capture and the lightmeter/digineo lines: rejections, deliveries of
    // every status, expiries and bounce notices, in both directions.
    QVERIFY2(m_all.size() > 1500, qPrintable(QString::number(m_all.size())));
    QSet<EventKind> kinds;
    for (const Stored &s : std::as_const(m_all))
        kinds.insert(s.row.kind);
    QVERIFY(kinds.contains(EventKind::Reject));
    QVERIFY(kinds.contains(EventKind::Delivery));
    QVERIFY(kinds.contains(EventKind::Expired));
    QVERIFY(kinds.contains(EventKind::BounceNotice));
}

QList<EventRow> TestEventQuery::expected(const AnalysisFilter &filter, EventSort sort, bool ascending) const
{
    QList<EventRow> rows;
    for (const Stored &s : m_all) {
        if (matches(s, filter))
            rows << s.row;
    }
    std::sort(rows.begin(), rows.end(), [&](const EventRow &a, const EventRow &b) {
        return ascending ? before(sort, a, b) : before(sort, b, a);
    });
    return rows;
}

void TestEventQuery::rowsAreComplete()
{
    AnalysisFilter filter;
    filter.text = u"-EVIL.example"_s;
    EventQuery query(*m_db, filter);
    const auto rows = query.page(EventSort::Time, false, 0, 2);
    QVERIFY(rows);
    QCOMPARE(rows->size(), 1);
    // A hostile line, every field as logged.
    const EventRow &r = rows->at(0);
    QCOMPARE(r.host, u"mx"_s);
    QCOMPARE(r.program, u"postfix-in/smtpd"_s);
    QCOMPARE(r.clientName, u"-evil.example"_s);
    QCOMPARE(r.clientIp, u"192.0.2.7"_s);
    QCOMPARE(r.helo, u"+cmd|calc"_s);
    QCOMPARE(r.sender, u"=HYPERLINK(\"http://x\",\"y\")@evil.test"_s);
    QCOMPARE(r.recipient, u"@SUM(1+1)@in.lab.test"_s);
    QCOMPARE(r.code, 450);
    QCOMPARE(r.codeClass, 4);
    QCOMPARE(r.enhancedCode, u"4.1.1"_s);
    QCOMPARE(r.stage, Stage::Rcpt);
    QCOMPARE(r.kind, EventKind::Reject);
    QCOMPARE(r.direction, Direction::Inbound);
    QVERIFY(r.reply.contains(u"\"quoted\", comma <b>x</b> <img src=x>"_s));
    QCOMPARE(r.timeMs, QDateTime(QDate(2026, 11, 22), QTime(23, 50, 36), QTimeZone::utc()).toMSecsSinceEpoch());
}

void TestEventQuery::filters_data()
{
    QTest::addColumn<AnalysisFilter>("filter");
    const qint64 labSwitch = QDateTime(QDate(2026, 11, 21), QTime(23, 59, 0), QTimeZone::utc()).toMSecsSinceEpoch();
    const auto with = [](auto change) {
        AnalysisFilter f;
        change(f);
        return f;
    };
    QTest::newRow("everything") << AnalysisFilter{};
    QTest::newRow("from") << with([&](AnalysisFilter &f) { f.fromMs = labSwitch; });
    QTest::newRow("to") << with([&](AnalysisFilter &f) { f.toMs = labSwitch; });
    QTest::newRow("from-to (ms inside a second)") << with([&](AnalysisFilter &f) {
        f.fromMs = labSwitch - 5 * 60000 + 1;
        f.toMs = labSwitch + 5 * 60000 - 1;
    });
    QTest::newRow("empty range") << with([&](AnalysisFilter &f) {
        f.fromMs = labSwitch;
        f.toMs = labSwitch;
    });
    QTest::newRow("inbound") << with([](AnalysisFilter &f) { f.direction = Direction::Inbound; });
    QTest::newRow("outbound") << with([](AnalysisFilter &f) { f.direction = Direction::Outbound; });
    QTest::newRow("4xx") << with([](AnalysisFilter &f) { f.codeClass = 4; });
    QTest::newRow("5xx") << with([](AnalysisFilter &f) { f.codeClass = 5; });
    QTest::newRow("2xx") << with([](AnalysisFilter &f) { f.codeClass = 2; });
    QTest::newRow("reason") << with([](AnalysisFilter &f) { f.reason = ReasonClass::UnknownLocalRecipient; });
    QTest::newRow("reason other") << with([](AnalysisFilter &f) { f.reason = ReasonClass::Other; });
    QTest::newRow("text in recipient") << with([](AnalysisFilter &f) { f.text = u"GHOST"_s; });
    QTest::newRow("text in queue id") << with([&](AnalysisFilter &f) {
        f.text = u"BC6DC108419"_s.toLower();
    });
    QTest::newRow("text in client ip") << with([](AnalysisFilter &f) { f.text = u"127.0.0"_s; });
    QTest::newRow("text % is literal") << with([](AnalysisFilter &f) { f.text = u"50%_"_s; });
    QTest::newRow("text _ is literal") << with([](AnalysisFilter &f) { f.text = u"a_b%c"_s; });
    QTest::newRow("text quote") << with([](AnalysisFilter &f) { f.text = u"'; DROP TABLE event; --"_s; });
    // Counted from the per-minute counts plus the events of the minutes the range cuts.
    QTest::newRow("4xx, range cut mid-minute") << with([&](AnalysisFilter &f) {
        f.codeClass = 4;
        f.fromMs = labSwitch - 20 * 60000 + 29999;
        f.toMs = labSwitch + 20 * 60000 + 1;
    });
    QTest::newRow("inbound from mid-minute") << with([&](AnalysisFilter &f) {
        f.direction = Direction::Inbound;
        f.fromMs = labSwitch + 30001;
    });
    QTest::newRow("inbound to mid-minute") << with([&](AnalysisFilter &f) {
        f.direction = Direction::Inbound;
        f.toMs = labSwitch + 30001;
    });
    QTest::newRow("5xx within two minutes") << with([&](AnalysisFilter &f) {
        f.codeClass = 5;
        f.fromMs = labSwitch + 500;
        f.toMs = labSwitch + 90000;
    });
    QTest::newRow("inbound reason, whole minutes") << with([&](AnalysisFilter &f) {
        f.direction = Direction::Inbound;
        f.reason = ReasonClass::UnknownLocalRecipient;
        f.fromMs = labSwitch - 60 * 60000;
        f.toMs = labSwitch + 60 * 60000;
    });
    // Outbound with a reason: bounce notices are of reason other, so the
    // per-minute counts hold every row.
    QTest::newRow("outbound reason") << with([](AnalysisFilter &f) {
        f.direction = Direction::Outbound;
        f.reason = ReasonClass::UnknownLocalRecipient;
    });
    QTest::newRow("outbound reason, range cut mid-minute") << with([&](AnalysisFilter &f) {
        f.direction = Direction::Outbound;
        f.reason = ReasonClass::UnknownLocalRecipient;
        f.fromMs = labSwitch - 30 * 60000 + 12345;
        f.toMs = labSwitch + 30 * 60000 - 12345;
    });
    QTest::newRow("all fields") << with([&](AnalysisFilter &f) {
        f.fromMs = labSwitch - 3600000;
        f.toMs = labSwitch + 3600000;
        f.direction = Direction::Outbound;
        f.codeClass = 4;
        f.reason = ReasonClass::UnknownLocalRecipient;
        f.text = u"lab.test"_s;
    });
}

void TestEventQuery::filters()
{
    QFETCH(AnalysisFilter, filter);
    const QList<EventRow> want = expected(filter, EventSort::Time, true);
    EventQuery query(*m_db, filter);
    const auto count = query.count();
    QVERIFY2(count, qPrintable(query.errorString()));
    QCOMPARE(*count, want.size());
    const auto all = query.page(EventSort::Time, true, 0, int(want.size()) + 10);
    QVERIFY(all);
    QCOMPARE(idsOf(*all), idsOf(want));
    // The cases are meant to select something, and not everything, except where
    // named so.
    const QString tag = QString::fromLatin1(QTest::currentDataTag());
    if (tag == u"empty range"_s || tag == u"text quote"_s)
        QCOMPARE(*count, 0);
    else if (tag != u"everything"_s)
        QVERIFY(*count > 0 && *count < m_all.size());
}

void TestEventQuery::pages_data()
{
    QTest::addColumn<int>("sort");
    QTest::addColumn<bool>("ascending");
    QTest::addColumn<AnalysisFilter>("filter");
    AnalysisFilter inbound;
    inbound.direction = Direction::Inbound;
    const char *names[] = {"time", "direction", "code", "reason", "client", "sender", "recipient"};
    for (int sort = 0; sort <= int(EventSort::Recipient); ++sort) {
        for (bool ascending : {true, false}) {
            QTest::addRow("%s %s", names[sort], ascending ? "asc" : "desc")
                << sort << ascending << AnalysisFilter{};
        }
    }
    QTest::newRow("time asc inbound") << int(EventSort::Time) << true << inbound;
    QTest::newRow("time desc inbound") << int(EventSort::Time) << false << inbound;
    QTest::newRow("sender desc inbound") << int(EventSort::Sender) << false << inbound;
}

void TestEventQuery::pages()
{
    QFETCH(int, sort);
    QFETCH(bool, ascending);
    QFETCH(AnalysisFilter, filter);
    const EventSort order = EventSort(sort);
    const QList<EventRow> want = expected(filter, order, ascending);
    const qint64 n = want.size();
    const auto slice = [&](qint64 offset, int limit) {
        return idsOf(want.mid(qMin(offset, n), limit));
    };

    // Cold: a new query for each page, at the start, in the middle, near the end
    // and past it.
    const int limit = 37;
    for (const qint64 offset : {qint64(0), qint64(1), n / 2, n - 40, n - 37, n - 5, n, n + 100}) {
        EventQuery query(*m_db, filter);
        QVERIFY(query.count());
        const auto page = query.page(order, ascending, offset, limit);
        QVERIFY2(page, qPrintable(query.errorString()));
        QCOMPARE(idsOf(*page), slice(offset, limit));
    }
    // Warm: one query, as a scrolling view asks: a jump to the end, back to the
    // middle, a page at a time in both directions, then every page from the start.
    EventQuery query(*m_db, filter);
    QVERIFY(query.count());
    QList<qint64> visits{n - limit, n / 2, n / 2 + limit, n / 2 + 2 * limit, n / 2 - limit, 3, 40, n - 2 * limit};
    for (qint64 offset = 0; offset < n; offset += limit)
        visits << offset;
    for (const qint64 offset : std::as_const(visits)) {
        const auto page = query.page(order, ascending, qMax<qint64>(0, offset), limit);
        QVERIFY2(page, qPrintable(query.errorString()));
        QCOMPARE(idsOf(*page), slice(qMax<qint64>(0, offset), limit));
    }
    // Without a count the query cannot read from the end, and must still be right.
    EventQuery uncounted(*m_db, filter);
    const auto deep = uncounted.page(order, ascending, n - 3, limit);
    QVERIFY(deep);
    QCOMPARE(idsOf(*deep), slice(n - 3, limit));
}

// The orders no index serves are read in windows of many pages: pages across a
// window's end and near the end of a large table, in both directions. Filtered
// pages far from a known row in time order.
void TestEventQuery::manyPagesOfKeyedOrders()
{
    using namespace analysistest;
    const Shape rejected = shape(u"inbound-450"_s);
    const Shape deferred = shape(u"outbound-deferred-450"_s);
    Log log;
    for (int i = 0; i < 18000; ++i) {
        const qint64 t = t0Ms + qint64(i / 3) * 1000;
        const QByteArray n = QByteArray::number((i * 7919) % 5003);
        if (i % 4 == 3)
            log.add(t, deferred.at(t, "r" + n + "@in.lab.test", "Q" + QByteArray::number(100000 + i)));
        else
            log.add(t, rejected.at(t, "r" + n + "@in.lab.test", "192.0.2." + QByteArray::number(i % 200),
                                   "s" + QByteArray::number(i % 977) + "@x.test"));
    }
    QTemporaryDir dir;
    auto db = databaseOf(dir, u"large"_s, log.text());
    const auto restore = qScopeGuard([this, saved = m_all] { m_all = saved; });
    m_all = readAllEvents(*db);
    QCOMPARE(m_all.size(), 18000);
    for (const EventSort sort : {EventSort::Sender, EventSort::Recipient, EventSort::Client, EventSort::Time}) {
        for (const bool ascending : {true, false}) {
            const QList<EventRow> want = expected({}, sort, ascending);
            EventQuery query(*db, {});
            QVERIFY(query.count());
            for (const qint64 offset : {qint64(16300), qint64(16384 - 256), qint64(0), qint64(16384),
                                        qint64(17900), qint64(9000), qint64(16200)}) {
                const auto page = query.page(sort, ascending, offset, 256);
                QVERIFY2(page, qPrintable(query.errorString()));
                QCOMPARE(idsOf(*page), idsOf(want.mid(offset, 256)));
            }
        }
    }
    // Filtered walks in time order start from the per-minute counts.
    AnalysisFilter inbound;
    inbound.direction = Direction::Inbound;
    AnalysisFilter cut;
    cut.codeClass = 4;
    cut.fromMs = t0Ms + 17 * 60000 + 30500;
    cut.toMs = t0Ms + 95 * 60000 + 12345;
    for (const AnalysisFilter &filter : {inbound, cut}) {
        for (const bool ascending : {true, false}) {
            const QList<EventRow> want = expected(filter, EventSort::Time, ascending);
            const qint64 n = want.size();
            QVERIFY(n > 10000);
            for (const qint64 offset : {n / 2, n - 300, qint64(5000), qint64(0), n - 1, qint64(4097), n / 3}) {
                EventQuery cold(*db, filter);
                QVERIFY(cold.count());
                const auto page = cold.page(EventSort::Time, ascending, offset, 100);
                QVERIFY2(page, qPrintable(cold.errorString()));
                QCOMPARE(idsOf(*page), idsOf(want.mid(offset, 100)));
            }
            EventQuery warm(*db, filter);
            QVERIFY(warm.count());
            for (const qint64 offset : {n / 2, n / 2 + 100, qint64(4500), n - 100, qint64(6000), n / 2 - 100}) {
                const auto page = warm.page(EventSort::Time, ascending, offset, 100);
                QVERIFY2(page, qPrintable(warm.errorString()));
                QCOMPARE(idsOf(*page), idsOf(want.mid(offset, 100)));
            }
        }
    }
}

// A filter whose rows are few and far apart, some sharing a second: pages are read
// from the minutes that hold its rows, in runs of minutes, and must be the rows
// and the order a plain walk gives, wherever they start.
void TestEventQuery::rareRowsFarApart()
{
    using namespace analysistest;
    const Shape common = shape(u"inbound-450"_s);
    const Shape rejected = shape(u"inbound-550"_s);
    const Shape bounced = shape(u"outbound-bounced-550"_s);
    Log log;
    for (int i = 0; i < 12000; ++i) {
        const qint64 t = t0Ms + qint64(i) * 1000;
        log.add(t, common.at(t, "r" + QByteArray::number(i % 500) + "@in.lab.test"));
    }
    // Lone rows, bursts within one second, and runs over consecutive minutes.
    QList<qint64> rare;
    for (const int minute : {0, 3, 4, 5, 17, 60, 61, 99, 150, 151, 152, 153, 199})
        rare << t0Ms + minute * minuteMs + 7000 + (minute % 5) * 9000;
    rare << t0Ms + 61 * minuteMs << t0Ms + 62 * minuteMs - 1000 << t0Ms + 152 * minuteMs; // a minute's ends
    for (int burst = 0; burst < 3; ++burst) {
        for (const int minute : {30, 120}) {
            for (int k = 0; k < 40; ++k)
                rare << t0Ms + minute * minuteMs + 20000 + burst * 1000 + (k % 2) * 30000;
        }
    }
    for (int i = 0; i < rare.size(); ++i) {
        const QByteArray n = QByteArray::number(i);
        log.add(rare[i], rejected.at(rare[i], "x" + n + "@in.lab.test", "192.0.2." + QByteArray::number(i % 250)));
        log.add(rare[i], bounced.at(rare[i], "y" + n + "@in.lab.test", "B0" + QByteArray::number(100000 + i)));
    }
    QTemporaryDir dir;
    auto db = databaseOf(dir, u"rare"_s, log.text());
    const auto restore = qScopeGuard([this, saved = m_all] { m_all = saved; });
    m_all = readAllEvents(*db);

    AnalysisFilter permanent;
    permanent.codeClass = 5;
    AnalysisFilter outbound;
    outbound.direction = Direction::Outbound;
    outbound.reason = ReasonClass::UnknownLocalRecipient;
    AnalysisFilter cut = permanent;
    cut.direction = Direction::Inbound;
    cut.fromMs = t0Ms + 4 * minuteMs + 30000;
    cut.toMs = t0Ms + 152 * minuteMs + 1;
    for (const AnalysisFilter &filter : {permanent, outbound, cut}) {
        for (const bool ascending : {true, false}) {
            const QList<EventRow> want = expected(filter, EventSort::Time, ascending);
            const qint64 n = want.size();
            QVERIFY(n > 100 && n < 1000);
            for (const int limit : {1, 37, 256}) {
                for (const qint64 offset : {qint64(0), qint64(1), qint64(39), n / 2, n - limit, n - 1}) {
                    EventQuery cold(*db, filter);
                    const auto page = cold.page(EventSort::Time, ascending, offset, limit);
                    QVERIFY2(page, qPrintable(cold.errorString()));
                    QCOMPARE(idsOf(*page), idsOf(want.mid(offset, limit)));
                }
            }
            EventQuery warm(*db, filter);
            const auto count = warm.count();
            QVERIFY(count);
            QCOMPARE(*count, n);
            QList<qint64> seen;
            for (qint64 offset = 0; offset < n; offset += 29) {
                const auto page = warm.page(EventSort::Time, ascending, offset, 29);
                QVERIFY2(page, qPrintable(warm.errorString()));
                seen += idsOf(*page);
            }
            QCOMPARE(seen, idsOf(want));
        }
    }
}

// The per-minute counts hold every event but bounce notices, and a count or a
// page of a filter on a reason other than "other" relies on those being of
// reason other and no code class.
void TestEventQuery::uncountedEventsAreOfReasonOther()
{
    QSqlQuery query(m_db->connection());
    QVERIFY(query.exec(u"SELECT (SELECT COUNT(*) FROM event),"
                       " (SELECT COALESCE(SUM(events), 0) FROM minute_count)"_s));
    QVERIFY(query.next());
    const qint64 events = query.value(0).toLongLong();
    const qint64 counted = query.value(1).toLongLong();
    qint64 notices = 0;
    for (const Stored &s : std::as_const(m_all)) {
        if (s.row.kind != EventKind::BounceNotice)
            continue;
        ++notices;
        QCOMPARE(s.row.reason, ReasonClass::Other);
        QCOMPARE(s.row.codeClass, 0);
        QCOMPARE(s.row.direction, Direction::Outbound);
    }
    QVERIFY(notices > 0);
    QCOMPARE(events, m_all.size());
    QCOMPARE(counted + notices, events);
}

void TestEventQuery::forEachWalksInTimeOrder()
{
    AnalysisFilter filter;
    filter.direction = Direction::Outbound;
    const QList<EventRow> want = expected(filter, EventSort::Time, true);
    EventQuery query(*m_db, filter);
    QList<EventRow> seen;
    QList<std::int64_t> progress;
    QVERIFY(query.forEach([&](const EventRow &row) { seen << row; }, nullptr,
                          [&](std::int64_t done) { progress << done; }));
    QCOMPARE(idsOf(seen), idsOf(want));
    QVERIFY(!progress.isEmpty());
    QCOMPARE(progress.constLast(), want.size());

    // Cancelled before it starts: it reads nothing.
    std::atomic_bool cancel = true;
    qint64 visited = 0;
    EventQuery all(*m_db, {});
    QVERIFY(all.forEach([&](const EventRow &) { ++visited; }, &cancel));
    QCOMPARE(visited, 0);
}

void TestEventQuery::failureIsReported()
{
    QTemporaryDir dir;
    auto db = analysistest::databaseOf(dir, u"broken"_s, analysistest::shape(u"inbound-450"_s).at(analysistest::t0Ms));
    QSqlQuery drop(db->connection());
    QVERIFY(drop.exec(u"ALTER TABLE host RENAME TO host_gone"_s));
    EventQuery query(*db, {});
    QVERIFY(query.count()); // the count does not need the host
    QVERIFY(!query.page(EventSort::Time, true, 0, 10));
    QVERIFY(!query.errorString().isEmpty());
    QVERIFY(!query.forEach([](const EventRow &) {}));
}

QTEST_GUILESS_MAIN(TestEventQuery)
#include "tst_eventquery.moc"
