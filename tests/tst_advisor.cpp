// The advisor: which main.cf parameter is behind each retry storm. Checked on the
// real two-instance Postfix lab (resources/samples/lab: its ground truth and phase
// times) and on real lines from public logs (tests/data/advisor, README there).

#include "analysis/advisor.h"
#include "analysis/postfixparameters.h"
#include "store/database.h"
#include "store/importer.h"
#include "testsupport.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QSqlQuery>
#include <QFile>
#include <QTest>
#include <QTimeZone>

#include <array>
#include <limits>

using namespace Qt::StringLiterals;
using namespace rejectscope;
using namespace testsupport;

namespace {

constexpr std::array<const char *, 12> months = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                  "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

// "Nov 21 23:50:36" in the given year, read as UTC (the lab ran with TZ=UTC).
qint64 classicTimeMs(const QByteArray &line, int year)
{
    const QByteArray month = line.left(3);
    int m = 0;
    while (m < 12 && month != months[m])
        ++m;
    const QDate date(year, m + 1, line.mid(4, 2).trimmed().toInt());
    const QTime time = QTime::fromString(QString::fromLatin1(line.mid(7, 8)), u"HH:mm:ss"_s);
    return QDateTime(date, time, QTimeZone::utc()).toMSecsSinceEpoch();
}

// A copy of a real line (without its newline) at another moment and, when `host`
// is given, on another host: only the syslog prefix's time and host change, in the
// prefix form the line had (classic or RFC 3339).
QByteArray copyAt(const QByteArray &line, qint64 utcMs, const QByteArray &host = QByteArray())
{
    const QDateTime t = QDateTime::fromMSecsSinceEpoch(utcMs, QTimeZone::utc());
    QByteArray stamp;
    QByteArray rest;
    if (!line.isEmpty() && line.front() >= '0' && line.front() <= '9') {
        stamp = t.toString(u"yyyy-MM-ddTHH:mm:ss.zzz000+00:00"_s).toLatin1();
        rest = line.mid(line.indexOf(' '));
    } else {
        stamp = QByteArray(months[t.date().month() - 1]) + ' '
            + t.toString(u"dd HH:mm:ss"_s).toLatin1();
        rest = line.mid(15);
    }
    if (!host.isEmpty())
        rest = ' ' + host + rest.mid(rest.indexOf(' ', 1));
    return stamp + rest + '\n';
}

QList<QByteArray> fixtureLines(const QString &name)
{
    QList<QByteArray> lines;
    for (const QByteArray &line : linesOf(readAll(dataPath(u"advisor/"_s + name))))
        lines << line.trimmed();
    return lines;
}

QList<Finding> ofKind(const QList<Finding> &findings, Finding::Kind kind)
{
    QList<Finding> out;
    for (const Finding &f : findings) {
        if (f.kind == kind)
            out << f;
    }
    return out;
}

QJsonObject jsonFile(const QString &path)
{
    return QJsonDocument::fromJson(readAll(path)).object();
}

// Distinct case-folded regex captures of the matching lines of a file, and their
// number of lines: an independent recount in the manner of ground-truth.sh.
struct Recount {
    qint64 lines = 0;
    qint64 keys = 0;
};
Recount recount(const QString &path, const QRegularExpression &re, qint64 fromMs, qint64 toMs)
{
    Recount r;
    QSet<QString> keys;
    for (const QByteArray &line : linesOf(readAll(path))) {
        const QString text = QString::fromUtf8(line);
        const auto match = re.match(text);
        if (!match.hasMatch())
            continue;
        const qint64 t = classicTimeMs(line, 2026);
        if (t < fromMs || t >= toMs)
            continue;
        ++r.lines;
        QStringList parts = match.capturedTexts().mid(1);
        keys.insert(parts.join(u'\x1f').toLower());
    }
    r.keys = keys.size();
    return r;
}

} // namespace

class TestAdvisor : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void labUnknownLocalRecipient();
    void labSoftBounceReceiving();
    void labSoftBounceSending();
    void labSkipFiveXxGreeting();
    void labSortedAndFiltered();
    void greylistingIsDeliberateOnly();
    void rateLimitedIsDeliberateNotBackscatter();
    void unknownClientHostname();
    void relayDenied454();
    void backscatter();
    void softBounceTogether();
    void softBounceVetoedByPermanentRefusal();
    void relayToggleAndInterleave();
    void untrustedTextStaysData();
    void kindNames();
    void cachedPerFilterUntilEventsAreAdded();

private:
    QList<Finding> advise(const QString &dbName, const AnalysisFilter &filter = AnalysisFilter());
    // Imports lines into a fresh database named `name`; year-less stamps are 2024, UTC.
    QString importLines(const QString &name, const QByteArray &log);
    qint64 labEvent(const QString &name) const;

    QTemporaryDir m_dir;
    QString m_labDb;
    QJsonObject m_truth;
    QJsonArray m_events;
    QString m_lab = QStringLiteral(REJECTSCOPE_SOURCE_DIR "/resources/samples/lab/");
};

QString TestAdvisor::importLines(const QString &name, const QByteArray &log)
{
    const QString logPath = m_dir.filePath(name + u".log"_s);
    const QString dbPath = m_dir.filePath(name + u".db"_s);
    if (!writeFile(logPath, log))
        qFatal("cannot write %s", qPrintable(logPath));
    Database database(dbPath);
    if (!database.open())
        qFatal("cannot open %s", qPrintable(dbPath));
    ImportOptions options;
    options.zone = QTimeZone::utc();
    options.year = 2024;
    Importer importer(database, options);
    const ImportReport report = importer.importFile(logPath);
    if (report.outcome != ImportReport::Outcome::Imported || report.notUnderstood != 0)
        qFatal("import of %s failed: %s", qPrintable(name), qPrintable(report.error));
    return dbPath;
}

QList<Finding> TestAdvisor::advise(const QString &dbPath, const AnalysisFilter &filter)
{
    Database database(dbPath);
    if (!database.open(Database::Mode::ReadOnly))
        qFatal("cannot open %s", qPrintable(dbPath));
    QString error;
    const auto findings = adviseOn(database, filter, &error);
    if (!findings)
        qFatal("adviseOn failed: %s", qPrintable(error));
    return *findings;
}

qint64 TestAdvisor::labEvent(const QString &name) const
{
    for (const QJsonValue &event : m_events) {
        if (event[u"name"_s].toString() == name)
            return qint64(event[u"epoch"_s].toInteger()) * 1000;
    }
    qFatal("no lab event %s", qPrintable(name));
}

void TestAdvisor::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_truth = jsonFile(m_lab + u"ground-truth.json"_s);
    m_events = jsonFile(m_lab + u"events.json"_s)[u"events"_s].toArray();
    QVERIFY(!m_truth.isEmpty() && !m_events.isEmpty());

    m_labDb = m_dir.filePath(u"lab.db"_s);
    Database database(m_labDb);
    QVERIFY(database.open());
    ImportOptions options;
    options.zone = QTimeZone::utc(); // the lab ran with TZ=UTC
    options.year = 2026;           // a checkout does not keep the file's mtime
    Importer importer(database, options);
    const ImportReport report = importer.importFile(m_lab + u"maillog"_s);
    QCOMPARE(report.outcome, ImportReport::Outcome::Imported);
    QCOMPARE(report.notUnderstood, 0);
}

// Phase 1 of the lab: unknown_local_recipient_reject_code = 450 until the switch.
void TestAdvisor::labUnknownLocalRecipient()
{
    const qint64 start = labEvent(u"lab_start"_s);
    const qint64 switchMs = labEvent(u"switch_450_to_550"_s);
    const qint64 before450 = m_truth[u"receiver"_s][u"reject_450_before_switch_second"_s].toInteger();
    const Recount phase1 = recount(
        m_lab + u"receiver.maillog"_s,
        QRegularExpression(u" postfix-in/smtpd\\[\\d+\\]: [0-9A-Z]+: reject: RCPT from [^ ]*\\[([^]]*)\\]: 450 "
                           ".* from=<([^>]*)> to=<([^>]*)>"_s),
        start - 1000, switchMs);
    QCOMPARE(phase1.lines, before450);

    AnalysisFilter upToSwitch;
    upToSwitch.toMs = switchMs;
    // Up to the switch, and over the whole log: the 450s of the receiver's
    // soft_bounce phase are soft_bounce's, not the reject code's.
    for (const AnalysisFilter &filter : {upToSwitch, AnalysisFilter()}) {
        const QList<Finding> found = ofKind(advise(m_labDb, filter), Finding::Kind::TemporaryForPermanent);
        QCOMPARE(found.size(), 1);
        const Finding &f = found.first();
        QCOMPARE(f.direction, Direction::Inbound);
        QCOMPARE(f.reason, ReasonClass::UnknownLocalRecipient);
        QCOMPARE(f.parameter, u"unknown_local_recipient_reject_code"_s);
        QCOMPARE(f.currentValue, u"450"_s);
        QCOMPARE(f.suggestedValue, u"550"_s);
        QCOMPARE(f.postfixDefault, u"550"_s);
        QCOMPARE(f.events, before450);
        QCOMPARE(f.retriesSaved, before450 - phase1.keys);
        QCOMPARE(f.distinctClients, 1); // the sender instance, 127.0.0.2
        QVERIFY(f.distinctSenders >= 2 && f.distinctSenders <= 5); // five injected senders
        QVERIFY(f.firstMs >= start && f.lastMs < switchMs);
        QVERIFY(f.exampleReply.contains(u"User unknown in local recipient table"_s));
        QCOMPARE(f.exampleClient, u"unknown[127.0.0.2]"_s);
        QVERIFY(f.exampleRecipient.endsWith(u"@in.lab.test"_s));
        QVERIFY(!f.exampleSender.isEmpty());
    }
}

void TestAdvisor::labSoftBounceReceiving()
{
    const qint64 from = labEvent(u"softbounce_receiver_start"_s);
    const qint64 to = labEvent(u"softbounce_receiver_end"_s);
    const QJsonObject phase = m_truth[u"phases"_s][u"phase4a_softbounce_receiver"_s].toObject();
    const QList<Finding> found = ofKind(advise(m_labDb), Finding::Kind::SoftBounceReceiving);
    QCOMPARE(found.size(), 1);
    const Finding &f = found.first();
    QCOMPARE(f.parameter, u"soft_bounce"_s);
    QCOMPARE(f.currentValue, u"yes"_s);
    QCOMPARE(f.suggestedValue, u"no"_s);
    QCOMPARE(f.postfixDefault, u"no"_s);
    QCOMPARE(f.reason, ReasonClass::UnknownLocalRecipient);
    QCOMPARE(f.events, phase[u"receiver_reject_450"_s].toInteger());
    QVERIFY(f.firstMs >= from && f.lastMs < to);
    const Recount keys = recount(
        m_lab + u"receiver.maillog"_s,
        QRegularExpression(u" postfix-in/smtpd\\[\\d+\\]: [0-9A-Z]+: reject: RCPT from [^ ]*\\[([^]]*)\\]: 450 "
                           ".* from=<([^>]*)> to=<([^>]*)>"_s),
        from, to);
    QCOMPARE(f.retriesSaved, f.events - keys.keys);
    QVERIFY(f.exampleReply.contains(u"User unknown in local recipient table"_s));
}

void TestAdvisor::labSoftBounceSending()
{
    const QList<Finding> found = ofKind(advise(m_labDb), Finding::Kind::SoftBounceSending);
    QCOMPARE(found.size(), 1);
    const Finding &f = found.first();
    QCOMPARE(f.direction, Direction::Outbound);
    QCOMPARE(f.parameter, u"soft_bounce"_s);
    QCOMPARE(f.currentValue, u"yes"_s);
    QCOMPARE(f.suggestedValue, u"no"_s);
    QCOMPARE(f.events, m_truth[u"sender"_s][u"status_SOFTBOUNCE"_s].toInteger());
    const Recount keys = recount(m_lab + u"sender.maillog"_s,
                                 QRegularExpression(u": ([0-9A-F]+): to=<([^>]*)>.* status=SOFTBOUNCE "_s),
                                 0, std::numeric_limits<qint64>::max());
    QCOMPARE(f.retriesSaved, f.events - keys.keys);
    QVERIFY(f.firstMs >= labEvent(u"softbounce_sender_start"_s));
    QVERIFY(f.lastMs <= labEvent(u"softbounce_sender_end"_s) + 1000);
    QVERIFY(f.exampleReply.contains(u"550"_s));
    QCOMPARE(f.exampleClient, u"127.0.0.1[127.0.0.1]:2525"_s);
}

void TestAdvisor::labSkipFiveXxGreeting()
{
    const QList<Finding> found = ofKind(advise(m_labDb), Finding::Kind::SkipFiveXxGreeting);
    QCOMPARE(found.size(), 1);
    const Finding &f = found.first();
    QCOMPARE(f.direction, Direction::Outbound);
    QCOMPARE(f.parameter, u"smtp_skip_5xx_greeting"_s);
    QCOMPARE(f.currentValue, u"yes"_s);
    QCOMPARE(f.suggestedValue, u"no"_s);
    QCOMPARE(f.postfixDefault, u"yes"_s);
    QCOMPARE(f.reason, ReasonClass::DoesNotAcceptMail);
    QCOMPARE(f.events, m_truth[u"sender"_s][u"deferred_521_any"_s].toInteger());
    const Recount keys = recount(
        m_lab + u"sender.maillog"_s,
        QRegularExpression(u": ([0-9A-F]+): to=<([^>]*)>.* status=deferred \\(.*refused to talk to me: 521 "_s),
        0, std::numeric_limits<qint64>::max());
    QCOMPARE(keys.lines, f.events);
    QCOMPARE(f.retriesSaved, f.events - keys.keys);
    QVERIFY(f.firstMs >= labEvent(u"null_phase_start"_s) && f.lastMs <= labEvent(u"null_phase_end"_s));
    QVERIFY(f.exampleReply.contains(u"does not accept mail"_s));
    QVERIFY(!findingCaution(f).isEmpty());
}

void TestAdvisor::labSortedAndFiltered()
{
    const QList<Finding> all = advise(m_labDb);
    QCOMPARE(all.size(), 4);
    for (qsizetype i = 1; i < all.size(); ++i) {
        QVERIFY(all[i - 1].retriesSaved > all[i].retriesSaved
                || (all[i - 1].retriesSaved == all[i].retriesSaved && all[i - 1].events >= all[i].events));
    }
    QCOMPARE(all.first().kind, Finding::Kind::TemporaryForPermanent); // the 9-minute storm

    AnalysisFilter outbound;
    outbound.direction = Direction::Outbound;
    const QList<Finding> out = advise(m_labDb, outbound);
    QCOMPARE(out.size(), 2);
    for (const Finding &f : out)
        QCOMPARE(f.direction, Direction::Outbound);

    AnalysisFilter greeting;
    greeting.reason = ReasonClass::DoesNotAcceptMail;
    const QList<Finding> onlyGreeting = advise(m_labDb, greeting);
    QCOMPARE(onlyGreeting.size(), 1);
    QCOMPARE(onlyGreeting.first().kind, Finding::Kind::SkipFiveXxGreeting);

    // The receiver's soft_bounce phase alone: still recognised by its 550s around it?
    // No: the time range cuts them off, and one class alone at 450 reads like its
    // reject code; the advisor then names the reject code.
    AnalysisFilter phase;
    phase.fromMs = labEvent(u"softbounce_receiver_start"_s) + 2000;
    phase.toMs = labEvent(u"softbounce_receiver_end"_s);
    phase.direction = Direction::Inbound;
    const QList<Finding> cut = advise(m_labDb, phase);
    QCOMPARE(cut.size(), 1);
    QCOMPARE(cut.first().kind, Finding::Kind::TemporaryForPermanent);
}

// Greylisting refusals, ours and remote ones: temporary on purpose, never advised.
void TestAdvisor::greylistingIsDeliberateOnly()
{
    const QList<QByteArray> lines = fixtureLines(u"greylisting.log"_s);
    QCOMPARE(lines.size(), 4);
    QByteArray log;
    const qint64 base = QDateTime(QDate(2024, 11, 21), QTime(10, 0), QTimeZone::utc()).toMSecsSinceEpoch();
    for (int i = 0; i < 3; ++i) {
        for (qsizetype l = 0; l < lines.size(); ++l)
            log += copyAt(lines[l], base + i * 300'000 + l * 1000);
    }
    const QList<Finding> found = advise(importLines(u"greylisting"_s, log));
    QCOMPARE(found.size(), 2);
    for (const Finding &f : found) {
        QCOMPARE(f.kind, Finding::Kind::Deliberate);
        QCOMPARE(f.reason, ReasonClass::Greylisted);
        QVERIFY(f.suggestedValue.isEmpty());
        QVERIFY(f.parameter.isEmpty());
        QCOMPARE(f.retriesSaved, 0);
        QCOMPARE(f.events, 6);
    }
    const Finding &in = found[0].direction == Direction::Inbound ? found[0] : found[1];
    QCOMPARE(in.direction, Direction::Inbound);
    QCOMPARE(in.currentValue, u"450"_s); // 3 × 450 and 3 × 451: the smaller of equals
    QCOMPARE(in.distinctClients, 2);
}

void TestAdvisor::rateLimitedIsDeliberateNotBackscatter()
{
    const QByteArray line = fixtureLines(u"rate-limited.log"_s).first();
    QByteArray log;
    const qint64 base = QDateTime(QDate(2024, 12, 19), QTime(19, 42), QTimeZone::utc()).toMSecsSinceEpoch();
    for (int i = 0; i < 4; ++i)
        log += copyAt(line, base + i * 60'000);
    const QList<Finding> found = advise(importLines(u"ratelimited"_s, log));
    QCOMPARE(found.size(), 1);
    QCOMPARE(found.first().kind, Finding::Kind::Deliberate);
    QCOMPARE(found.first().reason, ReasonClass::RateLimited);
    QCOMPARE(found.first().events, 4);
    QCOMPARE(found.first().exampleSender, QString()); // from=<>: yet no backscatter
}

void TestAdvisor::unknownClientHostname()
{
    const QList<QByteArray> lines = fixtureLines(u"unknown-client.log"_s);
    QByteArray log;
    const qint64 base = QDateTime(QDate(2024, 9, 23), QTime(15, 53), QTimeZone::utc()).toMSecsSinceEpoch();
    for (int i = 0; i < 4; ++i)
        log += copyAt(lines[0], base + i * 600'000);
    for (int i = 0; i < 2; ++i)
        log += copyAt(lines[1], base + 60'000 + i * 600'000);
    const QList<Finding> found = advise(importLines(u"unknownclient"_s, log));
    QCOMPARE(found.size(), 1);
    const Finding &f = found.first();
    QCOMPARE(f.kind, Finding::Kind::TemporaryForPermanent);
    QCOMPARE(f.reason, ReasonClass::UnknownClientHostname);
    QCOMPARE(f.parameter, u"unknown_client_reject_code"_s);
    QCOMPARE(f.currentValue, u"450"_s);
    QCOMPARE(f.postfixDefault, u"450"_s);
    // Postfix's 450 is deliberate here: the storm is reported, 450 is kept.
    QCOMPARE(f.suggestedValue, u"450"_s);
    QCOMPARE(f.events, 6);
    QCOMPARE(f.retriesSaved, 4);
    QCOMPARE(f.distinctClients, 2);
    QVERIFY(findingCaution(f).contains(u"450"_s));
}

void TestAdvisor::relayDenied454()
{
    const QList<QByteArray> lines = fixtureLines(u"relay-454.log"_s);
    QCOMPARE(lines.size(), 2);
    QByteArray log;
    const qint64 base = QDateTime(QDate(2024, 8, 25), QTime(10, 4), QTimeZone::utc()).toMSecsSinceEpoch();
    for (int i = 0; i < 3; ++i) {
        log += copyAt(lines[0], base + i * 120'000);
        log += copyAt(lines[1], base + i * 120'000 + 17'000);
    }
    const QList<Finding> found = advise(importLines(u"relay"_s, log));
    QCOMPARE(found.size(), 1);
    const Finding &f = found.first();
    QCOMPARE(f.kind, Finding::Kind::TemporaryForPermanent);
    QCOMPARE(f.reason, ReasonClass::RelayDenied);
    QCOMPARE(f.parameter, u"relay_domains_reject_code"_s);
    QCOMPARE(f.currentValue, u"454"_s);
    QCOMPARE(f.suggestedValue, u"554"_s);
    QCOMPARE(f.postfixDefault, u"554"_s);
    QCOMPARE(f.events, 6);
    QCOMPARE(f.retriesSaved, 5); // one key: client, sender and recipient are the same
    QVERIFY(findingCaution(f).contains(u"defer_unauth_destination"_s));
}

void TestAdvisor::backscatter()
{
    const QByteArray line = fixtureLines(u"backscatter.log"_s).first();
    QByteArray log;
    const qint64 base = QDateTime(QDate(2024, 6, 21), QTime(8, 8), QTimeZone::utc()).toMSecsSinceEpoch();
    for (int i = 0; i < 3; ++i)
        log += copyAt(line, base + i * 900'000);
    const QList<Finding> found = advise(importLines(u"backscatter"_s, log));
    QCOMPARE(found.size(), 1);
    const Finding &f = found.first();
    QCOMPARE(f.kind, Finding::Kind::Backscatter);
    QCOMPARE(f.reason, ReasonClass::UnknownRecipient);
    QCOMPARE(f.events, 3);
    QCOMPARE(f.distinctClients, 1);
    QCOMPARE(f.currentValue, u"550"_s);
    QCOMPARE(f.retriesSaved, 0); // 5xx already: nothing comes back
    QCOMPARE(f.exampleSender, QString());
    QCOMPARE(f.exampleRecipient, u"tom@mydomain.com"_s);
}

// Three normally-5xx classes answered with 4xx at the same time, on one server:
// soft_bounce = yes. Greylisting among them stays Deliberate.
void TestAdvisor::softBounceTogether()
{
    const QList<QByteArray> lines = fixtureLines(u"softbounce-together.log"_s);
    const QList<QByteArray> grey = fixtureLines(u"greylisting.log"_s);
    QCOMPARE(lines.size(), 3);
    QByteArray log;
    const qint64 base = QDateTime(QDate(2024, 11, 21), QTime(10, 0), QTimeZone::utc()).toMSecsSinceEpoch();
    for (int i = 0; i < 5; ++i) {
        for (qsizetype l = 0; l < lines.size(); ++l)
            log += copyAt(lines[l], base + i * 120'000 + l * 20'000, "mx");
        log += copyAt(grey[0], base + i * 120'000 + 70'000, "mx");
    }
    const QList<Finding> found = advise(importLines(u"together"_s, log));
    QCOMPARE(ofKind(found, Finding::Kind::TemporaryForPermanent).size(), 0);
    const QList<Finding> soft = ofKind(found, Finding::Kind::SoftBounceReceiving);
    QCOMPARE(soft.size(), 1);
    QCOMPARE(soft.first().parameter, u"soft_bounce"_s);
    QCOMPARE(soft.first().events, 15);
    QCOMPARE(soft.first().retriesSaved, 12);
    QCOMPARE(soft.first().distinctClients, 3);
    const QList<Finding> deliberate = ofKind(found, Finding::Kind::Deliberate);
    QCOMPARE(deliberate.size(), 1);
    QCOMPARE(deliberate.first().reason, ReasonClass::Greylisted);
    QCOMPARE(deliberate.first().events, 5);
    QCOMPARE(found.size(), 2);
}

// The same, but the server refused something with 5xx in the middle: soft_bounce
// was off then, so each class's 4xx is its own reject code's.
void TestAdvisor::softBounceVetoedByPermanentRefusal()
{
    const QList<QByteArray> lines = fixtureLines(u"softbounce-together.log"_s);
    QByteArray log;
    const qint64 base = QDateTime(QDate(2024, 11, 21), QTime(10, 0), QTimeZone::utc()).toMSecsSinceEpoch();
    for (int i = 0; i < 5; ++i) {
        for (qsizetype l = 0; l < lines.size(); ++l)
            log += copyAt(lines[l], base + i * 120'000 + l * 20'000, "mx");
        if (i == 2)
            log += copyAt(fixtureLines(u"permanent.log"_s).first(), base + i * 120'000 + 70'000, "mx");
    }
    const QList<Finding> found = advise(importLines(u"vetoed"_s, log));
    QCOMPARE(ofKind(found, Finding::Kind::SoftBounceReceiving).size(), 0);
    const QList<Finding> codes = ofKind(found, Finding::Kind::TemporaryForPermanent);
    QCOMPARE(codes.size(), 3);
    QSet<QString> parameters;
    for (const Finding &f : codes) {
        parameters.insert(f.parameter);
        QCOMPARE(f.events, 5);
        QCOMPARE(f.retriesSaved, 4);
    }
    QCOMPARE(parameters, (QSet<QString>{u"unknown_local_recipient_reject_code"_s,
                                        u"unknown_virtual_mailbox_reject_code"_s,
                                        u"maps_rbl_reject_code"_s}));
}

// Relay denials going 554, 454, 554 once: a switch undone (soft_bounce, or
// defer_unauth_destination swapped in and out). Going back and forth all the time:
// a mixed configuration, whose 454s are defer_unauth_destination's.
void TestAdvisor::relayToggleAndInterleave()
{
    const QByteArray temporary = fixtureLines(u"relay-454.log"_s).first();
    const QByteArray permanent = fixtureLines(u"relay-554.log"_s).first();
    const qint64 base = QDateTime(QDate(2024, 8, 25), QTime(10, 0), QTimeZone::utc()).toMSecsSinceEpoch();
    qint64 t = base;
    const auto three = [&](const QByteArray &line) {
        QByteArray out;
        for (int i = 0; i < 3; ++i)
            out += copyAt(line, t += 30'000, "mx");
        return out;
    };

    const QByteArray once = three(permanent) + three(temporary) + three(permanent);
    const QList<Finding> toggled = advise(importLines(u"relaytoggle"_s, once));
    QCOMPARE(toggled.size(), 1);
    QCOMPARE(toggled.first().kind, Finding::Kind::SoftBounceReceiving);
    QCOMPARE(toggled.first().reason, ReasonClass::RelayDenied);
    QCOMPARE(toggled.first().events, 3);

    QByteArray interleaved;
    for (int cycle = 0; cycle < 12; ++cycle)
        interleaved += three(permanent) + three(temporary);
    interleaved += three(permanent);
    const QList<Finding> mixed = advise(importLines(u"relaymixed"_s, interleaved));
    QCOMPARE(mixed.size(), 1);
    QCOMPARE(mixed.first().kind, Finding::Kind::TemporaryForPermanent);
    QCOMPARE(mixed.first().currentValue, u"454"_s);
    QCOMPARE(mixed.first().events, 36);
}

// A search text full of SQL and LIKE syntax is a bound value: no error, and it only
// matches itself.
void TestAdvisor::untrustedTextStaysData()
{
    AnalysisFilter filter;
    filter.text = u"%' OR 1=1 --_"_s;
    QCOMPARE(advise(m_labDb, filter).size(), 0);
    filter.text = u"GHOST3@IN.LAB.TEST"_s;
    const QList<Finding> found = advise(m_labDb, filter);
    QVERIFY(!found.isEmpty());
    for (const Finding &f : found)
        QCOMPARE(f.exampleRecipient, u"ghost3@in.lab.test"_s);
    // The fields the filter bar searches: a queue id finds the SOFTBOUNCE delivery
    // attempts of that message (lab line 5090 and four retries).
    filter.text = u"1c2ff108340"_s;
    const QList<Finding> byQueueId = advise(m_labDb, filter);
    QCOMPARE(byQueueId.size(), 1);
    QCOMPARE(byQueueId.first().kind, Finding::Kind::SoftBounceSending);
    QCOMPARE(byQueueId.first().events, 5);
}

void TestAdvisor::kindNames()
{
    QCOMPARE(findingKindName(Finding::Kind::TemporaryForPermanent), u"temporary-for-permanent"_s);
    QCOMPARE(findingKindName(Finding::Kind::SoftBounceReceiving), u"soft-bounce-receiving"_s);
    QCOMPARE(findingKindName(Finding::Kind::SoftBounceSending), u"soft-bounce-sending"_s);
    QCOMPARE(findingKindName(Finding::Kind::SkipFiveXxGreeting), u"skip-5xx-greeting"_s);
    QCOMPARE(findingKindName(Finding::Kind::Deliberate), u"deliberate"_s);
    QCOMPARE(findingKindName(Finding::Kind::Backscatter), u"backscatter"_s);
    // Every class with a parameter has a Postfix default and a suggestion.
    for (const ReasonClass reason : parameterReasons()) {
        const auto p = reasonParameter(reason);
        QVERIFY(p && !p->parameter.isEmpty() && !p->postfixDefault.isEmpty() && !p->suggestedValue.isEmpty());
    }
    QVERIFY(!reasonParameter(ReasonClass::Greylisted));
    QVERIFY(!reasonParameter(ReasonClass::RateLimited));
}

void TestAdvisor::cachedPerFilterUntilEventsAreAdded()
{
    // A writable database keeps the findings per filter: read again they are the
    // same, field by field; a filter of its own is read on its own; an event added
    // makes them stale.
    const QString path = m_dir.filePath(u"cache.db"_s);
    QVERIFY(QFile::copy(m_labDb, path));
    Database database(path);
    QVERIFY(database.open());
    QString error;
    const auto fresh = adviseOn(database, {}, &error);
    QVERIFY2(fresh && !fresh->isEmpty(), qPrintable(error));
    QSqlQuery query(database.connection());
    QVERIFY(query.exec(u"SELECT COUNT(*), MAX(max_event_id) = (SELECT MAX(id) FROM event) FROM advice_cache"_s));
    QVERIFY(query.next());
    QCOMPARE(query.value(0).toInt(), 1);
    QCOMPARE(query.value(1).toInt(), 1);
    query.finish();

    const auto cached = adviseOn(database, {}, &error);
    QVERIFY(cached);
    QCOMPARE(cached->size(), fresh->size());
    for (qsizetype i = 0; i < fresh->size(); ++i) {
        const Finding &a = fresh->at(i);
        const Finding &b = cached->at(i);
        QCOMPARE(b.kind, a.kind);
        QCOMPARE(b.direction, a.direction);
        QCOMPARE(b.reason, a.reason);
        QCOMPARE(b.parameter, a.parameter);
        QCOMPARE(b.currentValue, a.currentValue);
        QCOMPARE(b.suggestedValue, a.suggestedValue);
        QCOMPARE(b.postfixDefault, a.postfixDefault);
        QCOMPARE(b.events, a.events);
        QCOMPARE(b.distinctSenders, a.distinctSenders);
        QCOMPARE(b.distinctClients, a.distinctClients);
        QCOMPARE(b.retriesSaved, a.retriesSaved);
        QCOMPARE(b.firstMs, a.firstMs);
        QCOMPARE(b.lastMs, a.lastMs);
        QCOMPARE(b.exampleReply, a.exampleReply);
        QCOMPARE(b.exampleSender, a.exampleSender);
        QCOMPARE(b.exampleRecipient, a.exampleRecipient);
        QCOMPARE(b.exampleClient, a.exampleClient);
    }

    // What is stored is what is shown: emptied, the unfiltered findings are gone,
    // those of another filter are not.
    QVERIFY(query.exec(u"UPDATE advice_cache SET findings = '[]'"_s));
    QCOMPARE(adviseOn(database, {}, &error)->size(), 0);
    AnalysisFilter inbound;
    inbound.direction = Direction::Inbound;
    QVERIFY(!adviseOn(database, inbound, &error)->isEmpty());

    // One more 450 for an unknown user: read again, with one event more.
    QByteArray line;
    for (const QByteArray &l : linesOf(readAll(m_lab + u"maillog"_s))) {
        if (l.contains("NOQUEUE: reject: RCPT") && l.contains(": 450 4.1.1 ")) {
            line = l;
            break;
        }
    }
    QVERIFY(!line.isEmpty());
    const QString more = m_dir.filePath(u"cache-more.log"_s);
    QVERIFY(writeFile(more, line + '\n'));
    ImportOptions options;
    options.zone = QTimeZone::utc();
    options.year = 2026;
    Importer importer(database, options);
    QCOMPARE(importer.importFile(more).outcome, ImportReport::Outcome::Imported);
    const auto again = adviseOn(database, {}, &error);
    QVERIFY(again);
    const auto unknownLocal = [](const QList<Finding> &findings) {
        for (const Finding &f : findings) {
            if (f.kind == Finding::Kind::TemporaryForPermanent && f.reason == ReasonClass::UnknownLocalRecipient)
                return f.events;
        }
        return std::int64_t(-1);
    };
    QCOMPARE(unknownLocal(*again), unknownLocal(*fresh) + 1);
}

QTEST_GUILESS_MAIN(TestAdvisor)
#include "tst_advisor.moc"
