// Switch points, before/after and markers: the lab sample's 450 → 550 switch is
// found where events.json says and its retries collapse after it; made-up series
// of real lines test the rule with noise, series that never turn or turn the
// other way, a long log read by hours, the before/after arithmetic, and markers.

#include "analysis/switchpoints.h"
#include "analysissupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>
#include <QTest>

#include <cmath>

using namespace Qt::StringLiterals;
using namespace rejectscope;
using namespace analysistest;

namespace {

QList<SwitchPoint> switchesOf(Database &db, const AnalysisFilter &filter = {})
{
    QString error;
    const auto points = findSwitchPoints(db, filter, SwitchOptions{}, &error);
    if (!points)
        qFatal("findSwitchPoints failed: %s", qPrintable(error));
    return *points;
}

BeforeAfter compare(Database &db, qint64 timeMs, qint64 windowMs, const AnalysisFilter &filter)
{
    QString error;
    const auto result = compareAround(db, timeMs, windowMs, filter, &error);
    if (!result)
        qFatal("compareAround failed: %s", qPrintable(error));
    return *result;
}

// The lab's switch: events.json's switch_450_to_550 (the reload returned).
qint64 labSwitchMs()
{
    const QJsonObject events = QJsonDocument::fromJson(testsupport::readAll(QStringLiteral(
                                                           REJECTSCOPE_SOURCE_DIR "/resources/samples/lab/events.json")))
                                   .object();
    for (const QJsonValue &e : events.value(u"events"_s).toArray()) {
        if (e.toObject().value(u"name"_s).toString() == u"switch_450_to_550"_s)
            return qint64(std::llround(e.toObject().value(u"epoch_precise"_s).toDouble() * 1000));
    }
    qFatal("no switch in events.json");
}

QByteArray recipient(int i)
{
    return "r" + QByteArray::number(i) + "@in.lab.test";
}

// Inbound rejects of one reason: a 450 or a 550 line (each its own key) at each
// time given in seconds from t0.
QByteArray rejects(const QList<qint64> &temporarySeconds, const QList<qint64> &permanentSeconds)
{
    Log log;
    int n = 0;
    for (const qint64 s : temporarySeconds)
        log.add(t0Ms + s * 1000, shape(u"inbound-450"_s).at(t0Ms + s * 1000, recipient(++n)));
    for (const qint64 s : permanentSeconds)
        log.add(t0Ms + s * 1000, shape(u"inbound-550"_s).at(t0Ms + s * 1000, recipient(++n)));
    return log.text();
}

QList<qint64> everySeconds(qint64 from, qint64 to, qint64 step)
{
    QList<qint64> times;
    for (qint64 s = from; s < to; s += step)
        times << s;
    return times;
}


// Three days of retried keys: inbound 450s (550s from the second day on) to 40
// recipients from three clients and outbound deferrals, bounces and deliveries of
// 30 queue ids, each key coming back every few hours. `shift` moves every line by
// some seconds, so that a second log lands in hours already stored.
QByteArray retriedKeys(qint64 shift)
{
    Log log;
    const Shape r450 = shape(u"inbound-450"_s);
    const Shape r550 = shape(u"inbound-550"_s);
    const Shape deferred = shape(u"outbound-deferred-450"_s);
    const Shape bounced = shape(u"outbound-bounced-550"_s);
    const Shape sent = shape(u"outbound-sent"_s);
    int n = 0;
    for (qint64 ms = t0Ms + shift * 1000; ms < t0Ms + 72 * hourMs; ms += 7 * minuteMs + 13000, ++n) {
        const QByteArray who = "r" + QByteArray::number(n % 40) + "@in.lab.test";
        const QByteArray client = "192.0.2." + QByteArray::number(n % 3 + 1);
        log.add(ms, (ms < t0Ms + 30 * hourMs || n % 4 == 0 ? r450 : r550).at(ms, who, client));
        const qint64 out = ms + 150 * 1000;
        const QByteArray queueId = "4F9A" + QByteArray::number(100000 + n % 30);
        const Shape &delivery = n % 11 == 0 ? bounced : (n % 7 == 0 ? sent : deferred);
        log.add(out, delivery.at(out, "x" + QByteArray::number(n % 5) + "@out.lab.test", queueId));
    }
    return log.text();
}

// What compareAround must say, counted straight from the events: attempts (inbound
// refusals and delivery attempts with a key), distinct keys, 4xx and 5xx.
struct Counted {
    qint64 attempts = 0, keys = 0, temporary = 0, permanent = 0;
};
Counted countedInEvents(Database &db, qint64 fromMs, qint64 toMs, const AnalysisFilter &filter)
{
    const QString temporary = u"((kind = 0 AND code_class = 4) OR (kind = 2 AND status IN (2, 5)))"_s;
    const QString permanent = u"((kind = 0 AND code_class = 5) OR (kind = 2 AND status = 3))"_s;
    QString sql = u"SELECT COUNT(*), COUNT(DISTINCT retry_key), SUM(CASE WHEN %1 THEN 1 ELSE 0 END),"
                  " SUM(CASE WHEN %2 THEN 1 ELSE 0 END) FROM event WHERE time_ms >= %3 AND time_ms < %4"
                  " AND retry_key <> 0 AND (kind = 0 OR (kind = 2 AND status IN (1, 2, 3, 5)))"_s
                      .arg(temporary, permanent)
                      .arg(fromMs)
                      .arg(toMs);
    if (filter.direction)
        sql += u" AND direction = %1"_s.arg(int(*filter.direction));
    if (filter.reason)
        sql += u" AND reason = %1"_s.arg(int(*filter.reason));
    if (filter.codeClass == 4)
        sql += u" AND "_s + temporary;
    if (filter.codeClass == 5)
        sql += u" AND "_s + permanent;
    QSqlQuery query(db.connection());
    if (!query.exec(sql) || !query.next())
        qFatal("cannot count the events");
    return {query.value(0).toLongLong(), query.value(1).toLongLong(), query.value(2).toLongLong(),
            query.value(3).toLongLong()};
}

void verifyAgainstEvents(Database &db, qint64 at, qint64 window, const AnalysisFilter &filter)
{
    const BeforeAfter ba = compare(db, at, window, filter);
    const Counted before = countedInEvents(db, at - window, at, filter);
    const Counted after = countedInEvents(db, at, at + window, filter);
    const QByteArray where = "at +" + QByteArray::number((at - t0Ms) / 1000) + " s, window "
        + QByteArray::number(window / 1000) + " s";
    QVERIFY2(before.attempts > 0 || after.attempts > 0, where.constData());
    QVERIFY2(ba.before.attempts == before.attempts && ba.after.attempts == after.attempts, where.constData());
    QVERIFY2(ba.before.distinctKeys == before.keys && ba.after.distinctKeys == after.keys, where.constData());
    const auto share = [](const Counted &c) {
        return c.temporary + c.permanent > 0 ? double(c.temporary) / double(c.temporary + c.permanent) : 0.0;
    };
    QVERIFY2(qFuzzyCompare(1 + ba.before.temporaryShare, 1 + share(before)), where.constData());
    QVERIFY2(qFuzzyCompare(1 + ba.after.temporaryShare, 1 + share(after)), where.constData());
}

} // namespace

class TestSwitchPoints : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void labSwitchFound();
    void labRetriesCollapseAfterTheSwitch();
    void noiseStillGivesOneSwitch();
    void neverTurningGivesNone();
    void fiveToFourIsNoSwitch();
    void longLogReadByHours();
    void beforeAfterArithmetic();
    void packedAttemptsAgreeWithEvents();
    void markers();

private:
    QTemporaryDir m_dir;
    std::unique_ptr<Database> m_lab;
};

void TestSwitchPoints::initTestCase()
{
    m_lab = importedDatabase(m_dir, u"lab"_s, {labLog()});
}

void TestSwitchPoints::labSwitchFound()
{
    const qint64 expected = labSwitchMs();
    AnalysisFilter filter;
    filter.direction = Direction::Inbound;
    filter.reason = ReasonClass::UnknownLocalRecipient;
    const QList<SwitchPoint> points = switchesOf(*m_lab, filter);
    QVERIFY(!points.isEmpty());
    // The first one is the reconfiguration; soft_bounce = yes later turned the same
    // class 4xx for two and a half minutes, and back (a second, real, switch).
    const SwitchPoint &p = points.first();
    QVERIFY2(std::abs(p.timeMs - expected) <= 60 * 1000,
             qPrintable(u"found %1, expected %2"_s.arg(p.timeMs).arg(expected)));
    QVERIFY(p.timeMs >= expected - 1000); // not before the reload (one-second stamps)
    QCOMPARE(p.direction, Direction::Inbound);
    QCOMPARE(p.reason, ReasonClass::UnknownLocalRecipient);
    QCOMPARE(p.temporaryBefore, 427); // ground truth: reject_450_before_switch_second
    QCOMPARE(p.shareBefore, 1.0);
    QVERIFY(p.shareAfter >= 0.8);

    // The whole log, unfiltered, finds it too.
    bool found = false;
    for (const SwitchPoint &q : switchesOf(*m_lab))
        found = found || (q.direction == Direction::Inbound && q.reason == ReasonClass::UnknownLocalRecipient
                          && q.timeMs == p.timeMs);
    QVERIFY(found);
}

void TestSwitchPoints::labRetriesCollapseAfterTheSwitch()
{
    AnalysisFilter filter;
    filter.direction = Direction::Inbound;
    filter.reason = ReasonClass::UnknownLocalRecipient;
    const qint64 at = switchesOf(*m_lab, filter).first().timeMs;

    // Five minutes each side (the soft_bounce phase starts later).
    const BeforeAfter ba = compare(*m_lab, at, 5 * minuteMs, filter);
    QVERIFY2(ba.after.retriesPerHour * 10 < ba.before.retriesPerHour,
             qPrintable(u"retries/h %1 -> %2"_s.arg(ba.before.retriesPerHour).arg(ba.after.retriesPerHour)));
    QVERIFY(ba.retriesChange < -90);
    QCOMPARE(ba.before.temporaryShare, 1.0);
    QCOMPARE(ba.after.temporaryShare, 0.0);
    QCOMPARE(ba.temporaryShareChange, -100.0);

    // The largest equal windows: everything before the switch is its 450s.
    const BeforeAfter widest = compare(*m_lab, at, 0, filter);
    QCOMPARE(widest.before.attempts, 427);
    QVERIFY(widest.after.retriesPerHour < widest.before.retriesPerHour / 3);
}

void TestSwitchPoints::noiseStillGivesOneSwitch()
{
    // A 450 every two minutes for an hour (the last at 60:00), three stray 550s
    // among them; then from 60:30 a 550 every two minutes, three stray 450s among them.
    QList<qint64> temporary = everySeconds(0, 3601, 120);
    QList<qint64> permanent{11 * 60, 25 * 60, 41 * 60};
    permanent << 3630 << everySeconds(3720, 7200, 120);
    temporary << 75 * 60 + 10 << 91 * 60 + 10 << 105 * 60 + 10;
    auto db = databaseOf(m_dir, u"noise"_s, rejects(temporary, permanent));
    const QList<SwitchPoint> points = switchesOf(*db);
    QCOMPARE(points.size(), 1);
    QCOMPARE(points[0].timeMs, t0Ms + 3630 * 1000);
    QCOMPARE(points[0].direction, Direction::Inbound);
    QCOMPARE(points[0].reason, ReasonClass::UnknownLocalRecipient);
    QCOMPARE(points[0].temporaryBefore, 31);
    QCOMPARE(points[0].permanentAfter, 30);

    // Noise above the share the options allow: no switch.
    SwitchOptions strict;
    strict.minimumShare = 0.95;
    QString error;
    QCOMPARE(findSwitchPoints(*db, AnalysisFilter{}, strict, &error)->size(), 0);
}

void TestSwitchPoints::neverTurningGivesNone()
{
    auto db = databaseOf(m_dir, u"never"_s, rejects(everySeconds(0, 7200, 60), {}));
    QVERIFY(switchesOf(*db).isEmpty());
    // Too few 5xx at the end to be a phase of their own.
    auto few = databaseOf(m_dir, u"few"_s, rejects(everySeconds(0, 7200, 60), {7200, 7260, 7320, 7380}));
    QVERIFY(switchesOf(*few).isEmpty());
}

void TestSwitchPoints::fiveToFourIsNoSwitch()
{
    auto db = databaseOf(m_dir, u"backwards"_s, rejects(everySeconds(3600, 7200, 60), everySeconds(0, 3600, 60)));
    QVERIFY(switchesOf(*db).isEmpty());
}

void TestSwitchPoints::longLogReadByHours()
{
    // Three days: a 450 every 20 minutes until 40:00:00 + 7 s, then 550s every 20
    // minutes: read by hours, then minutes, then events.
    const qint64 turn = 40 * 3600 + 7;
    auto db = databaseOf(m_dir, u"long"_s,
                         rejects(everySeconds(0, turn, 1200), everySeconds(turn, 72 * 3600, 1200)));
    // First through a read-only connection, which cannot bring the per-minute
    // tables up to date and sums minute_count itself; then through the tables.
    Database reader(db->path());
    QVERIFY(reader.open(Database::Mode::ReadOnly));
    const QList<SwitchPoint> stale = switchesOf(reader);
    QCOMPARE(stale.size(), 1);
    QCOMPARE(stale[0].timeMs, t0Ms + turn * 1000);
    QCOMPARE(stale[0].temporaryBefore, 121);
    const QList<SwitchPoint> points = switchesOf(*db);
    QCOMPARE(points.size(), 1);
    QCOMPARE(points[0].timeMs, t0Ms + turn * 1000);
    QCOMPARE(points[0].temporaryBefore, 121);
    QCOMPARE(points[0].permanentAfter, 96);
    // A range that is not whole hours reads minutes.
    AnalysisFilter range;
    range.fromMs = t0Ms + 90 * 1000;
    range.toMs = t0Ms + 70 * hourMs + 30 * 1000;
    QCOMPARE(switchesOf(*db, range).size(), 1);
    QCOMPARE(switchesOf(*db, range).first().timeMs, t0Ms + turn * 1000);
}

void TestSwitchPoints::beforeAfterArithmetic()
{
    // Around T = t0 + 2 h with one-hour windows:
    //   before [T-1h, T): key a ×3 (450), b ×1 (450), c 450 then 550
    //     → attempts 6, keys 3, retries 3, amplification 2, 4xx share 5/6
    //   after [T, T+1h): a 550 (at T exactly), d 550
    //     → attempts 2, keys 2, retries 0, amplification 1, 4xx share 0
    // Outside: a 450 at T-1h-1s, a 550 at T+1h exactly; an outbound deferral inside.
    const qint64 T = t0Ms + 2 * hourMs;
    const Shape r450 = shape(u"inbound-450"_s);
    const Shape r550 = shape(u"inbound-550"_s);
    const QByteArray sender = "billing@crm.lab.test";
    Log log;
    const auto add = [&](const Shape &s, qint64 ms, const QByteArray &who) {
        log.add(ms, s.at(ms, who + "@in.lab.test", "192.0.2.5", sender));
    };
    add(r450, T - hourMs - 1000, "a");
    add(r450, T - hourMs, "a");
    add(r450, T - 40 * minuteMs, "a");
    add(r450, T - 20 * minuteMs, "a");
    add(r450, T - 30 * minuteMs, "b");
    add(r450, T - 50 * minuteMs, "c");
    add(r550, T - 10 * minuteMs, "c");
    add(r550, T, "a");
    add(r550, T + 59 * minuteMs, "d");
    add(r550, T + hourMs, "e");
    log.add(T + minuteMs, shape(u"outbound-deferred-450"_s).at(T + minuteMs, "x@in.lab.test", "ABCDEF1234"));
    auto db = databaseOf(m_dir, u"arithmetic"_s, log.text());

    AnalysisFilter inbound;
    inbound.direction = Direction::Inbound;
    BeforeAfter ba = compare(*db, T, hourMs, inbound);
    QCOMPARE(ba.timeMs, T);
    QCOMPARE(ba.windowMs, hourMs);
    QCOMPARE(ba.before.attempts, 6);
    QCOMPARE(ba.before.distinctKeys, 3);
    QCOMPARE(ba.before.retries, 3);
    QCOMPARE(ba.before.attemptsPerHour, 6.0);
    QCOMPARE(ba.before.keysPerHour, 3.0);
    QCOMPARE(ba.before.retriesPerHour, 3.0);
    QCOMPARE(ba.before.amplification, 2.0);
    QCOMPARE(ba.before.temporaryShare, 5.0 / 6.0);
    QCOMPARE(ba.after.attempts, 2);
    QCOMPARE(ba.after.distinctKeys, 2);
    QCOMPARE(ba.after.retries, 0);
    QCOMPARE(ba.after.amplification, 1.0);
    QCOMPARE(ba.after.temporaryShare, 0.0);
    QCOMPARE(ba.attemptsChange, (2.0 - 6.0) / 6.0 * 100);
    QCOMPARE(ba.keysChange, (2.0 - 3.0) / 3.0 * 100);
    QCOMPARE(ba.retriesChange, -100.0);
    QCOMPARE(ba.amplificationChange, -50.0);
    QCOMPARE(ba.temporaryShareChange, -500.0 / 6.0);

    // Without the direction the outbound deferral counts after T.
    ba = compare(*db, T, hourMs, AnalysisFilter{});
    QCOMPARE(ba.after.attempts, 3);
    QCOMPARE(ba.after.temporaryShare, 1.0 / 3.0);

    // Two-hour windows: per hour halves; nothing before → changes are NaN.
    ba = compare(*db, T, 2 * hourMs, inbound);
    QCOMPARE(ba.before.attempts, 7);
    QCOMPARE(ba.before.attemptsPerHour, 3.5);
    ba = compare(*db, t0Ms, hourMs, inbound);
    QCOMPARE(ba.before.attempts, 0);
    QVERIFY(std::isnan(ba.attemptsChange));
    QVERIFY(std::isnan(ba.retriesChange));

    // Window 0: the largest equal span inside the log (its last event is T + 1 h).
    ba = compare(*db, T, 0, inbound);
    QCOMPARE(ba.windowMs, hourMs + 1);
    QCOMPARE(ba.after.attempts, 3);
}

void TestSwitchPoints::packedAttemptsAgreeWithEvents()
{
    // Windows are counted from the packed attempts in memory (top_day): every
    // moment, window and filter gives what the events say, also after a second
    // import adds events to days already packed.
    auto db = databaseOf(m_dir, u"stored-hours"_s, retriedKeys(0));
    AnalysisFilter inbound, outbound, temporary, permanent, unknownUser;
    inbound.direction = Direction::Inbound;
    outbound.direction = Direction::Outbound;
    temporary.codeClass = 4;
    permanent.codeClass = 5;
    unknownUser.reason = ReasonClass::UnknownLocalRecipient;
    const QList<AnalysisFilter> filters{AnalysisFilter{}, inbound, outbound, temporary, permanent, unknownUser};
    const QList<qint64> moments{t0Ms + 30 * hourMs, t0Ms + 30 * hourMs + 17 * minuteMs + 3001,
                                t0Ms + 41 * hourMs + 59 * minuteMs};
    const QList<qint64> windows{20 * minuteMs, hourMs, 5 * hourMs + 17 * minuteMs, 26 * hourMs};
    const auto verifyAll = [&] {
        for (const AnalysisFilter &filter : filters) {
            for (const qint64 at : moments) {
                for (const qint64 window : windows)
                    verifyAgainstEvents(*db, at, window, filter);
            }
        }
    };
    verifyAll();
    if (QTest::currentTestFailed())
        return;
    QSqlQuery stored(db->connection());
    // The windows were counted from the packed attempts: built, every attempt in.
    QVERIFY(stored.exec(u"SELECT COUNT(*) FROM top_build"_s) && stored.next());
    QCOMPARE(stored.value(0).toLongLong(), 1);
    QVERIFY(stored.exec(u"SELECT SUM(attempts) FROM top_day"_s) && stored.next());
    QVERIFY(stored.value(0).toLongLong() >= countedInEvents(*db, t0Ms, t0Ms + 73 * hourMs, {}).attempts);
    QVERIFY(countedInEvents(*db, t0Ms, t0Ms + 73 * hourMs, {}).attempts > 1000);
    stored.finish();

    const QString more = m_dir.filePath(u"stored-hours-more.log"_s);
    QVERIFY(testsupport::writeFile(more, retriedKeys(1801)));
    Importer importer(*db, utcOptions());
    QCOMPARE(importer.importFile(more).outcome, ImportReport::Outcome::Imported);
    verifyAll();
}

void TestSwitchPoints::markers()
{
    auto db = databaseOf(m_dir, u"markers"_s, rejects({0}, {60}));
    QString error;
    const QString hostile = u"soft_bounce = no'); DROP TABLE marker; -- ünïcödé"_s;
    const auto second = addMarker(*db, t0Ms + hourMs, u"switched to 550"_s, &error);
    QVERIFY2(second, qPrintable(error));
    const auto first = addMarker(*db, t0Ms, hostile, &error);
    QVERIFY2(first, qPrintable(error));
    QVERIFY(first->id != second->id);

    auto list = rejectscope::markers(*db, &error);
    QVERIFY(list);
    QCOMPARE(list->size(), 2);
    QCOMPARE(list->at(0).id, first->id); // by time
    QCOMPARE(list->at(0).timeMs, t0Ms);
    QCOMPARE(list->at(0).label, hostile);
    QCOMPARE(list->at(1).label, u"switched to 550"_s);

    QVERIFY(removeMarker(*db, first->id, &error));
    list = rejectscope::markers(*db, &error);
    QCOMPARE(list->size(), 1);
    QCOMPARE(list->first().id, second->id);
    QVERIFY(!removeMarker(*db, first->id, &error));
    QVERIFY(!error.isEmpty());

    // Stored, not just cached: a second connection reads it back.
    Database again(db->path());
    QVERIFY(again.open(Database::Mode::ReadOnly));
    list = rejectscope::markers(again, &error);
    QVERIFY(list);
    QCOMPARE(list->size(), 1);
    QCOMPARE(list->first().timeMs, t0Ms + hourMs);
}

QTEST_GUILESS_MAIN(TestSwitchPoints)
#include "tst_switchpoints.moc"
