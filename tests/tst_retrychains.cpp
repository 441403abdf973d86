// Retry chains: the lab sample's counts against its grep-made ground truth, every
// outcome from real retry sequences (lightmeter, digineo/kumina), the chain gap at
// and over its limit, medians, reasons, the storms list's filters and orders, and
// when a rebuild happens.

#include "analysis/retrychains.h"
#include "analysissupport.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>
#include <QSqlQuery>
#include <QTest>
#include <QThread>

#include <functional>

using namespace Qt::StringLiterals;
using namespace rejectscope;
using namespace analysistest;

namespace {

QList<RetryChain> allChains(RetryChains &chains, AnalysisFilter filter = {})
{
    StormQuery query;
    query.filter = std::move(filter);
    query.onlyWithRetries = false;
    query.order = StormQuery::Order::FirstSeen;
    query.limit = 100000;
    const auto result = chains.storms(query);
    if (!result)
        qFatal("storms failed: %s", qPrintable(chains.errorString()));
    return *result;
}

QList<RetryChain> chainsOfQueueId(RetryChains &chains, const QString &queueId)
{
    AnalysisFilter filter;
    filter.text = queueId; // also finds other chains whose reply names it
    QList<RetryChain> list = allChains(chains, filter);
    list.removeIf([&](const RetryChain &c) { return c.queueId != queueId; });
    return list;
}

QJsonObject groundTruth()
{
    return QJsonDocument::fromJson(testsupport::readAll(
                                       QStringLiteral(REJECTSCOPE_SOURCE_DIR "/resources/samples/lab/ground-truth.json")))
        .object();
}

qint64 scalar(Database &database, const QString &sql)
{
    QSqlQuery query(database.connection());
    if (!query.exec(sql) || !query.next())
        qFatal("query failed: %s", qPrintable(sql));
    return query.value(0).toLongLong();
}

// A chain's attempts at t0 + the given minutes: inbound 450s of one key.
QByteArray inbound450At(const QList<qint64> &minutes, const QByteArray &recipient = "ghost6@in.lab.test",
                        const QByteArray &client = "127.0.0.2")
{
    QByteArray log;
    for (const qint64 m : minutes)
        log += shape(u"inbound-450"_s).at(t0Ms + m * minuteMs, recipient, client);
    return log;
}

} // namespace

class TestRetryChains : public QObject
{
    Q_OBJECT

private slots:
    void labCountsEqualGroundTruth();
    void labNullServerIsDoesNotAcceptMail();
    void gapAtTheLimitKeepsTheChain();
    void outcomesInbound();
    void inboundAcceptedWhenDeliveredLater();
    void outboundAcceptedAfterGreylisting();
    void outboundRejectedForGoodAfterDeferral();
    void outboundExpired();
    void outboundSoftBounceThenBounce();
    void medianInterval();
    void reasonIsThatOfTheFirst4xx();
    void stormsFiltersAndOrders();
    void totals();
    void ensureBuiltRebuildsOnlyWhenNeeded();
    void outcomeNames();

private:
    QTemporaryDir m_dir;
};

void TestRetryChains::labCountsEqualGroundTruth()
{
    auto db = importedDatabase(m_dir, u"lab"_s, {labLog()});
    RetryChains chains(*db);
    QVERIFY2(chains.rebuild(ChainOptions{}), qPrintable(chains.errorString()));
    const QJsonObject receiver = groundTruth().value(u"receiver"_s).toObject();
    const QJsonObject sender = groundTruth().value(u"sender"_s).toObject();

    // Inbound: the lab lasted 20 minutes, far less than the chain gap, so every
    // key is one chain.
    AnalysisFilter inbound;
    inbound.direction = Direction::Inbound;
    const QList<RetryChain> in = allChains(chains, inbound);
    QSet<QString> keys, keys450;
    qint64 attempts = 0, temporary = 0, permanent = 0;
    for (const RetryChain &c : in) {
        const QString key = (c.clientIp + u'|' + c.sender + u'|' + c.recipient).toLower();
        keys << key;
        if (c.temporaryAttempts > 0)
            keys450 << key;
        attempts += c.attempts;
        temporary += c.temporaryAttempts;
        permanent += c.permanentAttempts;
        QCOMPARE(c.reason, ReasonClass::UnknownLocalRecipient);
        // The tail of the run bounced every key's last retry with 550.
        QCOMPARE(c.outcome, ChainOutcome::RejectedForGood);
    }
    QCOMPARE(in.size(), receiver.value(u"distinct_keys_client_sender_recipient"_s).toInt());
    QCOMPARE(keys.size(), receiver.value(u"distinct_keys_client_sender_recipient"_s).toInt());
    QCOMPARE(keys450.size(), receiver.value(u"distinct_keys_450"_s).toInt());
    QCOMPARE(attempts, receiver.value(u"reject_rcpt_total"_s).toInteger());
    QCOMPARE(temporary, receiver.value(u"reject_rcpt_450"_s).toInteger());
    QCOMPARE(permanent, receiver.value(u"reject_rcpt_550"_s).toInteger());

    // Outbound: deferred and SOFTBOUNCE are retried, bounced is final, sent accepted
    // (the receiver's own discard deliveries are sent deliveries too).
    AnalysisFilter outbound;
    outbound.direction = Direction::Outbound;
    QSet<QString> deferredQueueIds;
    qint64 retried = 0, bounced = 0, accepted = 0;
    for (const RetryChain &c : allChains(chains, outbound)) {
        if (c.temporaryAttempts > 0)
            deferredQueueIds << c.queueId;
        retried += c.temporaryAttempts;
        bounced += c.permanentAttempts;
        accepted += c.outcome == ChainOutcome::Accepted ? 1 : 0;
    }
    // The ground truth counts the queue ids with status=deferred; a retried chain
    // may also hold only SOFTBOUNCE attempts. Both sets, the way grep finds them:
    QSet<QString> deferredIds, softBounceIds;
    static const QRegularExpression delivery(u" postfix-out/smtp\\[\\d+\\]: ([0-9A-F]+): to=.* status=(deferred|SOFTBOUNCE) "_s);
    const QByteArray senderLog = testsupport::readAll(
        QStringLiteral(REJECTSCOPE_SOURCE_DIR "/resources/samples/lab/sender.maillog"));
    for (const QByteArray &line : senderLog.split('\n')) {
        const auto match = delivery.match(QString::fromUtf8(line));
        if (match.hasMatch())
            (match.captured(2) == u"deferred"_s ? deferredIds : softBounceIds) << match.captured(1);
    }
    QCOMPARE(deferredIds.size(), sender.value(u"distinct_deferred_queue_ids"_s).toInt());
    QCOMPARE(deferredQueueIds, deferredIds + softBounceIds);
    QCOMPARE(retried, sender.value(u"status_deferred"_s).toInteger() + sender.value(u"status_SOFTBOUNCE"_s).toInteger());
    QCOMPARE(bounced, sender.value(u"status_bounced"_s).toInteger());
    QCOMPARE(accepted, sender.value(u"status_sent"_s).toInteger()
                           + receiver.value(u"accepted_deliveries_discard_sent"_s).toInteger());
}

void TestRetryChains::labNullServerIsDoesNotAcceptMail()
{
    auto db = importedDatabase(m_dir, u"lab-null"_s, {labLog()});
    // The events of the 521 phase: deferred (smtp_skip_5xx_greeting), yet code class 5.
    const QJsonObject sender = groundTruth().value(u"sender"_s).toObject();
    QCOMPARE(scalar(*db, u"SELECT COUNT(*) FROM event WHERE kind = 2 AND status = 2 AND reply LIKE '%: 521 %'"_s),
             sender.value(u"deferred_521_any"_s).toInteger());
    QCOMPARE(scalar(*db, u"SELECT COUNT(*) FROM event WHERE kind = 2 AND reply LIKE '%: 521 %'"
                         " AND (reason <> 18 OR code_class <> 5)"_s),
             0);

    RetryChains chains(*db);
    QVERIFY(chains.rebuild(ChainOptions{}));
    AnalysisFilter filter;
    filter.reason = ReasonClass::DoesNotAcceptMail;
    const QList<RetryChain> nullChains = allChains(chains, filter);
    // One chain per message to null.lab.test: retried (deferred) to the end of the
    // run, first for the 521 greeting, then because the null server was gone.
    QCOMPARE(nullChains.size(),
             int(scalar(*db, u"SELECT COUNT(DISTINCT queue_id) FROM event WHERE recipient LIKE '%@null.lab.test'"_s)));
    for (const RetryChain &c : nullChains) {
        QCOMPARE(c.direction, Direction::Outbound);
        QVERIFY(c.recipient.endsWith(u"@null.lab.test"_s));
        QCOMPARE(c.temporaryAttempts, c.attempts);
        QCOMPARE(c.outcome, ChainOutcome::StillRetrying);
        QVERIFY(c.attempts > 3);
    }
}

void TestRetryChains::gapAtTheLimitKeepsTheChain()
{
    // One key at 0, +4 h exactly, then 4 h 1 s later; another key a day later ends the log.
    QByteArray log = inbound450At({0, 240});
    log += shape(u"inbound-450"_s).at(t0Ms + 480 * minuteMs + 1000);
    log += shape(u"inbound-450"_s).at(t0Ms + 1920 * minuteMs, "other@in.lab.test");
    auto db = databaseOf(m_dir, u"gap"_s, log);
    RetryChains chains(*db);
    QVERIFY(chains.rebuild(ChainOptions{}));
    AnalysisFilter filter;
    filter.text = u"ghost6"_s;
    QList<RetryChain> list = allChains(chains, filter);
    QCOMPARE(list.size(), 2);
    QCOMPARE(list[0].attempts, 2);
    QCOMPARE(list[0].firstMs, t0Ms);
    QCOMPARE(list[0].lastMs, t0Ms + 4 * hourMs);
    QCOMPARE(list[0].medianIntervalMs, 4 * hourMs);
    QCOMPARE(list[0].outcome, ChainOutcome::GaveUp);
    QCOMPARE(list[1].attempts, 1);
    QCOMPARE(list[1].firstMs, t0Ms + 8 * hourMs + 1000);
    QCOMPARE(list[1].medianIntervalMs, 0);

    // A shorter gap cuts every attempt apart.
    QVERIFY(chains.rebuild(ChainOptions{4 * hourMs - 1000}));
    QCOMPARE(allChains(chains, filter).size(), 3);
}

void TestRetryChains::outcomesInbound()
{
    QByteArray log;
    // Refused for good: 450, 450, then 550 for the same key.
    log += inbound450At({0, 10}, "a@in.lab.test");
    log += shape(u"inbound-550"_s).at(t0Ms + 20 * minuteMs, "a@in.lab.test", {}, "billing@crm.lab.test");
    // Gave up: two 450s, then nothing for more than the gap before the log ends.
    log += inbound450At({30, 40}, "b@in.lab.test");
    // Still retrying: 450s until an hour before the end of the log.
    log += inbound450At({300, 310, 320}, "c@in.lab.test");
    log += shape(u"inbound-550"_s).at(t0Ms + 380 * minuteMs, "end@in.lab.test");
    auto db = databaseOf(m_dir, u"inbound-outcomes"_s, log);
    RetryChains chains(*db);
    QVERIFY(chains.rebuild(ChainOptions{}));
    const QList<RetryChain> list = allChains(chains);
    QCOMPARE(list.size(), 4);
    QCOMPARE(list[0].recipient, u"a@in.lab.test"_s);
    QCOMPARE(list[0].outcome, ChainOutcome::RejectedForGood);
    QCOMPARE(list[0].attempts, 3);
    QCOMPARE(list[0].temporaryAttempts, 2);
    QCOMPARE(list[0].permanentAttempts, 1);
    QCOMPARE(list[1].recipient, u"b@in.lab.test"_s);
    QCOMPARE(list[1].outcome, ChainOutcome::GaveUp);
    QCOMPARE(list[2].recipient, u"c@in.lab.test"_s);
    QCOMPARE(list[2].outcome, ChainOutcome::StillRetrying);
    QCOMPARE(list[3].outcome, ChainOutcome::RejectedForGood);
    QCOMPARE(list[3].retries(), 0);

    // With a gap shorter than the hour before the end, c gave up too.
    QVERIFY(chains.rebuild(ChainOptions{30 * minuteMs}));
    QCOMPARE(allChains(chains)[2].outcome, ChainOutcome::GaveUp);
}

// A client refused with 450 twice comes back and is let in: the receiver's qmgr and
// delivery lines for the same sender and recipient follow within the gap.
void TestRetryChains::inboundAcceptedWhenDeliveredLater()
{
    QByteArray log;
    log += inbound450At({0, 5}, "grey@in.lab.test");
    log += shape(u"inbound-accepted-queue"_s).at(t0Ms + 9 * minuteMs);
    log += shape(u"inbound-accepted-sent"_s).at(t0Ms + 9 * minuteMs, "GREY@in.lab.test");
    // The same sender, another recipient: refused twice, never delivered.
    log += inbound450At({0, 5}, "never@in.lab.test");
    // A delivery to the first recipient, but long after the gap: it does not count.
    log += inbound450At({20, 25}, "late@in.lab.test");
    log += shape(u"inbound-accepted-sent"_s).at(t0Ms + 25 * minuteMs + 5 * hourMs, "late@in.lab.test");
    log += shape(u"inbound-550"_s).at(t0Ms + 12 * hourMs, "end@in.lab.test");
    auto db = databaseOf(m_dir, u"inbound-accepted"_s, log);
    RetryChains chains(*db);
    QVERIFY(chains.rebuild(ChainOptions{}));
    AnalysisFilter inbound;
    inbound.direction = Direction::Inbound;
    QHash<QString, ChainOutcome> outcomes;
    for (const RetryChain &c : allChains(chains, inbound))
        outcomes.insert(c.recipient, c.outcome);
    QCOMPARE(outcomes.value(u"grey@in.lab.test"_s), ChainOutcome::Accepted); // case-folded match
    QCOMPARE(outcomes.value(u"never@in.lab.test"_s), ChainOutcome::GaveUp);
    QCOMPARE(outcomes.value(u"late@in.lab.test"_s), ChainOutcome::GaveUp);
}

void TestRetryChains::outboundAcceptedAfterGreylisting()
{
    // lightmeter 6_deferred_message_retry: 451 greylisted, sent 7 minutes later.
    auto db = importedDatabase(m_dir, u"greylisted"_s,
                               {testsupport::dataPath(u"analysis/lightmeter-6_deferred_message_retry.log"_s)}, 2020);
    RetryChains chains(*db);
    QVERIFY(chains.rebuild(ChainOptions{}));
    const QList<RetryChain> list = chainsOfQueueId(chains, u"A17F830001CA"_s);
    QCOMPARE(list.size(), 1);
    QCOMPARE(list[0].attempts, 2);
    QCOMPARE(list[0].temporaryAttempts, 1);
    QCOMPARE(list[0].outcome, ChainOutcome::Accepted);
    QCOMPARE(list[0].reason, ReasonClass::Greylisted);
    QCOMPARE(list[0].medianIntervalMs, 426 * 1000); // 13:28:02 → 13:35:08
    QCOMPARE(list[0].recipient, u"recipient@recipient.com"_s);
}

void TestRetryChains::outboundRejectedForGoodAfterDeferral()
{
    // kumina 732BB407C3: 451 deferred, then 554 bounced ten minutes later.
    auto db = importedDatabase(m_dir, u"kumina"_s,
                               {testsupport::dataPath(u"analysis/kumina-postfix_exporter_test.lines.log"_s)}, 2017);
    RetryChains chains(*db);
    QVERIFY(chains.rebuild(ChainOptions{}));
    const QList<RetryChain> list = chainsOfQueueId(chains, u"732BB407C3"_s);
    QCOMPARE(list.size(), 1);
    QCOMPARE(list[0].queueId, u"732BB407C3"_s);
    QCOMPARE(list[0].attempts, 2);
    QCOMPARE(list[0].temporaryAttempts, 1);
    QCOMPARE(list[0].permanentAttempts, 1);
    QCOMPARE(list[0].outcome, ChainOutcome::RejectedForGood);
    QCOMPARE(list[0].medianIntervalMs, 576 * 1000); // 02:54:12 → 03:03:48
}

void TestRetryChains::outboundExpired()
{
    // lightmeter 18_expired: 23EBE3D5C0 deferred 452 from Sep 25 to Sep 30, then
    // "status=expired, returned to sender". The excerpt skips the days between,
    // and the last retries are four hours and a second apart.
    auto db = importedDatabase(m_dir, u"expired"_s, {testsupport::dataPath(u"analysis/lightmeter-18_expired.log"_s)},
                               2020);
    RetryChains chains(*db);
    const QString queueId = u"23EBE3D5C0"_s;

    // A gap of six days holds the whole history: one chain that expired.
    QVERIFY(chains.rebuild(ChainOptions{6 * 24 * hourMs}));
    QList<RetryChain> list = chainsOfQueueId(chains, queueId);
    QCOMPARE(list.size(), 1);
    QCOMPARE(list[0].direction, Direction::Outbound);
    QCOMPARE(list[0].attempts, 5);
    QCOMPARE(list[0].temporaryAttempts, 5);
    QCOMPARE(list[0].outcome, ChainOutcome::Expired);
    QCOMPARE(list[0].reason, ReasonClass::MailboxFull);

    // The default four hours cut it: Sep 25 (two), Sep 30 12:46, 16:46 and 20:46;
    // only the last one ends with the expiry, the others gave up (as far as the
    // gap can tell).
    QVERIFY(chains.rebuild(ChainOptions{}));
    list = chainsOfQueueId(chains, queueId);
    QCOMPARE(list.size(), 4);
    QCOMPARE(list[0].attempts, 2);
    for (int i = 0; i < 3; ++i)
        QCOMPARE(list[i].outcome, ChainOutcome::GaveUp);
    QCOMPARE(list[3].outcome, ChainOutcome::Expired);
}

void TestRetryChains::outboundSoftBounceThenBounce()
{
    const Shape soft = shape(u"outbound-softbounce-550"_s);
    const Shape deferred = shape(u"outbound-deferred-450"_s);
    const Shape bounced = shape(u"outbound-bounced-550"_s);
    QByteArray log;
    log += soft.at(t0Ms, "x@in.lab.test", "1A2B3C4D5E");
    log += soft.at(t0Ms + 30 * 1000, "x@in.lab.test", "1A2B3C4D5E");
    log += bounced.at(t0Ms + 60 * 1000, "x@in.lab.test", "1A2B3C4D5E");
    // Another message: deferred and still deferred when the log ends.
    log += deferred.at(t0Ms + 90 * 1000, "y@in.lab.test", "2B3C4D5E6F");
    log += deferred.at(t0Ms + 120 * 1000, "y@in.lab.test", "2B3C4D5E6F");
    auto db = databaseOf(m_dir, u"softbounce"_s, log);
    RetryChains chains(*db);
    QVERIFY(chains.rebuild(ChainOptions{}));
    const QList<RetryChain> list = allChains(chains);
    QCOMPARE(list.size(), 2);
    QCOMPARE(list[0].queueId, u"1A2B3C4D5E"_s);
    QCOMPARE(list[0].temporaryAttempts, 2); // SOFTBOUNCE is retried, whatever its 550
    QCOMPARE(list[0].permanentAttempts, 1);
    QCOMPARE(list[0].outcome, ChainOutcome::RejectedForGood);
    QCOMPARE(list[1].queueId, u"2B3C4D5E6F"_s);
    QCOMPARE(list[1].outcome, ChainOutcome::StillRetrying);
}

void TestRetryChains::medianInterval()
{
    // Intervals 1, 2, 10 minutes: median 2; a second key with 1 and 2: 1.5.
    QByteArray log = inbound450At({0, 1, 3, 13}, "odd@in.lab.test");
    log += inbound450At({20, 21, 23}, "even@in.lab.test");
    auto db = databaseOf(m_dir, u"median"_s, log);
    RetryChains chains(*db);
    QVERIFY(chains.rebuild(ChainOptions{}));
    const QList<RetryChain> list = allChains(chains);
    QCOMPARE(list.size(), 2);
    QCOMPARE(list[0].medianIntervalMs, 2 * minuteMs);
    QCOMPARE(list[1].medianIntervalMs, 90 * 1000);
}

void TestRetryChains::reasonIsThatOfTheFirst4xx()
{
    QByteArray log;
    // 550 first, then 450s: the chain's reason is that of its 4xx attempts.
    log += shape(u"inbound-554-relay"_s).at(t0Ms, "smtp@example.org", "192.0.2.9");
    log += shape(u"inbound-450"_s).at(t0Ms + minuteMs, "smtp@example.org", "192.0.2.9", "john@example.com");
    // 5xx only: the last attempt's reason.
    log += shape(u"inbound-554-relay"_s).at(t0Ms + 2 * minuteMs, "relay@example.org", "192.0.2.10");
    auto db = databaseOf(m_dir, u"reasons"_s, log);
    RetryChains chains(*db);
    QVERIFY(chains.rebuild(ChainOptions{}));
    AnalysisFilter relay;
    relay.reason = ReasonClass::RelayDenied;
    const QList<RetryChain> relayChains = allChains(chains, relay);
    QCOMPARE(relayChains.size(), 1);
    QCOMPARE(relayChains[0].recipient, u"relay@example.org"_s);
    AnalysisFilter unknown;
    unknown.reason = ReasonClass::UnknownLocalRecipient;
    const QList<RetryChain> unknownChains = allChains(chains, unknown);
    QCOMPARE(unknownChains.size(), 1);
    QCOMPARE(unknownChains[0].attempts, 2);
    QCOMPARE(unknownChains[0].outcome, ChainOutcome::StillRetrying);
}

// Four chains: inbound five (5 attempts over 20 min), three (3 over 200 min),
// one (a single attempt); outbound one of 4 attempts whose recipient holds a '%'.
static std::unique_ptr<Database> stormsDatabase(const QTemporaryDir &dir, const QString &name)
{
    Log log;
    const Shape reject = shape(u"inbound-450"_s);
    for (const qint64 m : {0, 5, 10, 15, 20})
        log.add(t0Ms + m * minuteMs, reject.at(t0Ms + m * minuteMs, "five@in.lab.test", "192.0.2.1"));
    for (const qint64 m : {100, 200, 300})
        log.add(t0Ms + m * minuteMs, reject.at(t0Ms + m * minuteMs, "three@in.lab.test", "192.0.2.2"));
    log.add(t0Ms + 400 * minuteMs, reject.at(t0Ms + 400 * minuteMs, "one@in.lab.test", "192.0.2.3"));
    const Shape deferred = shape(u"outbound-deferred-450"_s);
    for (const qint64 m : {30, 31, 32, 33})
        log.add(t0Ms + m * minuteMs, deferred.at(t0Ms + m * minuteMs, "far%away@in.lab.test", "3C4D5E6F70"));
    return databaseOf(dir, name, log.text());
}

static QStringList recipients(const std::optional<QList<RetryChain>> &chains)
{
    if (!chains)
        return {u"(failed)"_s};
    QStringList names;
    for (const RetryChain &c : *chains)
        names << c.recipient.section(u'@', 0, 0);
    return names;
}

void TestRetryChains::stormsFiltersAndOrders()
{
    auto db = stormsDatabase(m_dir, u"storms"_s);
    RetryChains chains(*db);
    QVERIFY(chains.ensureBuilt(ChainOptions{}));
    const auto run = [&](const std::function<void(StormQuery &)> &change) {
        StormQuery query;
        change(query);
        return recipients(chains.storms(query));
    };
    const QStringList byAttempts{u"five"_s, u"far%away"_s, u"three"_s};
    QCOMPARE(run([](StormQuery &) {}), byAttempts);
    QCOMPARE(run([](StormQuery &q) { q.order = StormQuery::Order::Retries; }), byAttempts);
    QCOMPARE(run([](StormQuery &q) { q.onlyWithRetries = false; }),
             (QStringList{u"five"_s, u"far%away"_s, u"three"_s, u"one"_s}));
    QCOMPARE(run([](StormQuery &q) { q.order = StormQuery::Order::Duration; }),
             (QStringList{u"three"_s, u"five"_s, u"far%away"_s}));
    QCOMPARE(run([](StormQuery &q) { q.order = StormQuery::Order::FirstSeen; }),
             (QStringList{u"five"_s, u"far%away"_s, u"three"_s}));
    QCOMPARE(run([](StormQuery &q) { q.filter.direction = Direction::Outbound; }), QStringList{u"far%away"_s});
    QCOMPARE(run([](StormQuery &q) { q.filter.direction = Direction::Inbound; }),
             (QStringList{u"five"_s, u"three"_s}));
    QCOMPARE(run([](StormQuery &q) { q.filter.reason = ReasonClass::UnknownLocalRecipient; }), byAttempts);
    QCOMPARE(run([](StormQuery &q) { q.filter.reason = ReasonClass::Greylisted; }), QStringList{});
    // A chain is in a time range when it overlaps it, attempts inside or not.
    QCOMPARE(run([](StormQuery &q) {
                 q.filter.fromMs = t0Ms + 250 * minuteMs;
                 q.filter.toMs = t0Ms + 260 * minuteMs;
             }),
             QStringList{u"three"_s});
    QCOMPARE(run([](StormQuery &q) { q.filter.toMs = t0Ms + 30 * minuteMs; }), QStringList{u"five"_s});
    QCOMPARE(run([](StormQuery &q) { q.filter.fromMs = t0Ms + 20 * minuteMs; }), byAttempts);
    QCOMPARE(run([](StormQuery &q) { q.filter.fromMs = t0Ms + 20 * minuteMs + 1; }),
             (QStringList{u"far%away"_s, u"three"_s}));
    QCOMPARE(run([](StormQuery &q) { q.filter.codeClass = 4; }), byAttempts);
    QCOMPARE(run([](StormQuery &q) { q.filter.codeClass = 5; }), QStringList{});
    // Free text is a substring, case-insensitive, and its % and _ are literal.
    QCOMPARE(run([](StormQuery &q) { q.filter.text = u"192.0.2.2"_s; }), QStringList{u"three"_s});
    QCOMPARE(run([](StormQuery &q) { q.filter.text = u"%"_s; }), QStringList{u"far%away"_s});
    QCOMPARE(run([](StormQuery &q) { q.filter.text = u"F_R"_s; }), QStringList{});
    QCOMPARE(run([](StormQuery &q) { q.filter.text = u"FIVE@IN"_s; }), QStringList{u"five"_s});
    QCOMPARE(run([](StormQuery &q) { q.filter.text = u"'; DROP TABLE event; --"_s; }), QStringList{});
    QCOMPARE(run([](StormQuery &q) {
                 q.limit = 1;
                 q.offset = 1;
             }),
             QStringList{u"far%away"_s});

    const auto first = chains.storms(StormQuery{});
    QVERIFY(first && !first->isEmpty());
    const RetryChain &five = first->first();
    QCOMPARE(five.clientIp, u"192.0.2.1"_s);
    QCOMPARE(five.clientName, u"unknown"_s);
    QCOMPARE(five.sender, u"billing@crm.lab.test"_s);
    QVERIFY(five.reply.contains(u"User unknown in local recipient table"_s));
    QCOMPARE(five.retries(), 4);
    QCOMPARE(five.lastMs - five.firstMs, 20 * minuteMs);
}

void TestRetryChains::totals()
{
    auto db = stormsDatabase(m_dir, u"totals"_s);
    RetryChains chains(*db);
    QVERIFY(chains.ensureBuilt(ChainOptions{}));
    auto totals = chains.totals(AnalysisFilter{});
    QVERIFY(totals);
    QCOMPARE(totals->chains, 4);
    QCOMPARE(totals->attempts, 13);
    QCOMPARE(totals->retries, 9);
    QCOMPARE(totals->amplification, 13.0 / 4.0);
    AnalysisFilter filter;
    filter.direction = Direction::Inbound;
    totals = chains.totals(filter);
    QCOMPARE(totals->chains, 3);
    QCOMPARE(totals->attempts, 9);
    filter.text = u"192.0.2.1"_s;
    totals = chains.totals(filter);
    QCOMPARE(totals->chains, 1);
    QCOMPARE(totals->retries, 4);
}

void TestRetryChains::ensureBuiltRebuildsOnlyWhenNeeded()
{
    auto db = stormsDatabase(m_dir, u"ensure"_s);
    const auto built = [&] { return scalar(*db, u"SELECT built_at_ms FROM retry_chain_build"_s); };
    RetryChains chains(*db);
    QVERIFY(chains.ensureBuilt(ChainOptions{}));
    const qint64 firstBuild = built();
    QCOMPARE(scalar(*db, u"SELECT COUNT(*) FROM retry_chain"_s), 4);
    QThread::msleep(20);
    QVERIFY(chains.ensureBuilt(ChainOptions{}));
    QCOMPARE(built(), firstBuild); // nothing changed: nothing done

    QVERIFY(chains.ensureBuilt(ChainOptions{2 * hourMs})); // another gap: rebuilt
    QCOMPARE(scalar(*db, u"SELECT gap_ms FROM retry_chain_build"_s), 2 * hourMs);
    const qint64 secondBuild = built();
    QVERIFY(secondBuild > firstBuild);
    QCOMPARE(scalar(*db, u"SELECT COUNT(*) FROM retry_chain"_s), 4);

    // Events added: rebuilt, and the new attempt joins its key's chain.
    const QString more = m_dir.filePath(u"more.log"_s);
    QVERIFY(testsupport::writeFile(more, shape(u"inbound-450"_s).at(t0Ms + 401 * minuteMs, "one@in.lab.test",
                                                                      "192.0.2.3")));
    Importer importer(*db, utcOptions());
    QCOMPARE(importer.importFile(more).outcome, ImportReport::Outcome::Imported);
    QThread::msleep(20);
    QVERIFY(chains.ensureBuilt(ChainOptions{2 * hourMs}));
    QVERIFY(built() > secondBuild);
    QCOMPARE(scalar(*db, u"SELECT max_event_id FROM retry_chain_build"_s), scalar(*db, u"SELECT MAX(id) FROM event"_s));
    QCOMPARE(chains.totals(AnalysisFilter{})->attempts, 14);
    QCOMPARE(chains.totals(AnalysisFilter{})->chains, 4);

    // A read-only connection reads the chains but cannot build them.
    Database reader(db->path());
    QVERIFY(reader.open(Database::Mode::ReadOnly));
    RetryChains readOnly(reader);
    QVERIFY(readOnly.ensureBuilt(ChainOptions{2 * hourMs}));
    QCOMPARE(readOnly.totals(AnalysisFilter{})->chains, 4);
    QVERIFY(!readOnly.rebuild(ChainOptions{}));
    QVERIFY(!readOnly.errorString().isEmpty());
}

void TestRetryChains::outcomeNames()
{
    QCOMPARE(chainOutcomeName(ChainOutcome::Accepted), u"accepted"_s);
    QCOMPARE(chainOutcomeName(ChainOutcome::RejectedForGood), u"rejected-for-good"_s);
    QCOMPARE(chainOutcomeName(ChainOutcome::Expired), u"expired"_s);
    QCOMPARE(chainOutcomeName(ChainOutcome::StillRetrying), u"still-retrying"_s);
    QCOMPARE(chainOutcomeName(ChainOutcome::GaveUp), u"gave-up"_s);
}

QTEST_GUILESS_MAIN(TestRetryChains)
#include "tst_retrychains.moc"
