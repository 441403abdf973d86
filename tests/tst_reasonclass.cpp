// Reason classes: stable names, classification of real corpus lines
// (tests/data/parser, the reason= and codeClass= fields) and the rules behind it.

#include "analysis/reasonclass.h"
#include "parse/lineparser.h"
#include "parse/timestampresolver.h"

#include <QFile>
#include <QSet>
#include <QTest>

#include <string>

using namespace rejectscope;
using namespace Qt::StringLiterals;

namespace {

TimestampResolver::Options berlinOptions()
{
    TimestampResolver::Options options;
    options.reference = QDateTime(QDate(2024, 12, 31), QTime(12, 0),
                                  QTimeZone(QByteArrayLiteral("Europe/Berlin")));
    options.zone = QTimeZone(QByteArrayLiteral("Europe/Berlin"));
    return options;
}

QByteArray nameOf(ReasonClass reason)
{
    const std::string_view name = reasonClassName(reason);
    return QByteArray(name.data(), qsizetype(name.size()));
}

// The rows of the parser fixtures that name a reason class.
struct ReasonRow {
    QByteArray tag;
    QByteArray line;
    QByteArray reason;
    int codeClass = -1;
};

QList<ReasonRow> reasonRows()
{
    QList<ReasonRow> rows;
    for (const QString &name : {u"rejects.tsv"_s, u"deliveries.tsv"_s, u"queue.tsv"_s}) {
        QFile file(QStringLiteral(REJECTSCOPE_TEST_DATA "/parser/") + name);
        if (!file.open(QIODevice::ReadOnly))
            qFatal("cannot read fixture %s", qPrintable(file.fileName()));
        int number = 0;
        for (const QByteArray &text : file.readAll().split('\n')) {
            ++number;
            if (text.isEmpty() || text.startsWith('#'))
                continue;
            const QList<QByteArray> columns = text.split('\t');
            ReasonRow row;
            row.tag = name.toUtf8() + ':' + QByteArray::number(number);
            row.line = columns.value(1);
            for (const QByteArray &field : columns.mid(2)) {
                if (field.startsWith("reason="))
                    row.reason = field.mid(7);
                else if (field.startsWith("codeClass="))
                    row.codeClass = field.mid(10).toInt();
            }
            if (!row.reason.isEmpty())
                rows.append(row);
        }
    }
    return rows;
}

Event reject(int code, std::string_view enhanced, std::string_view text)
{
    Event e;
    e.kind = EventKind::Reject;
    e.action = RejectAction::Reject;
    e.stage = Stage::Rcpt;
    e.service = "smtpd";
    e.replyCode = code;
    e.enhancedCode = enhanced;
    e.replyText = text;
    return e;
}

Event delivery(DeliveryStatus status, int code, std::string_view enhanced, std::string_view text)
{
    Event e;
    e.kind = EventKind::Delivery;
    e.direction = Direction::Outbound;
    e.service = "smtp";
    e.status = status;
    e.replyCode = code;
    e.enhancedCode = enhanced;
    e.replyText = text;
    e.statusText = text;
    return e;
}

} // namespace

class TestReasonClass : public QObject
{
    Q_OBJECT

private slots:
    void namesAreStable();
    void namesRoundTrip();
    void realLines_data();
    void realLines();
    void realLinesCoverEveryClass();
    void rules();
    void codeClassRules();
};

void TestReasonClass::namesAreStable()
{
    // Stored in databases and written to CSV: these must never change.
    QCOMPARE(nameOf(ReasonClass::Other), "other");
    QCOMPARE(nameOf(ReasonClass::UnknownLocalRecipient), "unknown-local-recipient");
    QCOMPARE(nameOf(ReasonClass::UnknownVirtualMailbox), "unknown-virtual-mailbox");
    QCOMPARE(nameOf(ReasonClass::UnknownVirtualAlias), "unknown-virtual-alias");
    QCOMPARE(nameOf(ReasonClass::UnknownRelayRecipient), "unknown-relay-recipient");
    QCOMPARE(nameOf(ReasonClass::UnknownRecipient), "unknown-recipient");
    QCOMPARE(nameOf(ReasonClass::RelayDenied), "relay-denied");
    QCOMPARE(nameOf(ReasonClass::UnknownClientHostname), "unknown-client-hostname");
    QCOMPARE(nameOf(ReasonClass::UnknownHeloHostname), "unknown-helo-hostname");
    QCOMPARE(nameOf(ReasonClass::SenderDomainNotFound), "sender-domain-not-found");
    QCOMPARE(nameOf(ReasonClass::RecipientDomainNotFound), "recipient-domain-not-found");
    QCOMPARE(nameOf(ReasonClass::UnverifiedRecipient), "unverified-recipient");
    QCOMPARE(nameOf(ReasonClass::UnverifiedSender), "unverified-sender");
    QCOMPARE(nameOf(ReasonClass::RblListed), "rbl-listed");
    QCOMPARE(nameOf(ReasonClass::Greylisted), "greylisted");
    QCOMPARE(nameOf(ReasonClass::RateLimited), "rate-limited");
    QCOMPARE(nameOf(ReasonClass::Policy), "policy");
    QCOMPARE(nameOf(ReasonClass::Content), "content");
    QCOMPARE(nameOf(ReasonClass::DoesNotAcceptMail), "does-not-accept-mail");
    QCOMPARE(nameOf(ReasonClass::MailboxFull), "mailbox-full");
    QCOMPARE(nameOf(ReasonClass::ConnectionFailure), "connection-failure");
    QCOMPARE(nameOf(ReasonClass::DnsFailure), "dns-failure");
    QCOMPARE(nameOf(ReasonClass::ServiceUnavailable), "service-unavailable");
    QCOMPARE(nameOf(ReasonClass::Delivered), "delivered");
}

void TestReasonClass::namesRoundTrip()
{
    QSet<QByteArray> seen;
    for (int i = 0; i < reasonClassCount; ++i) {
        const auto reason = static_cast<ReasonClass>(i);
        const QByteArray name = nameOf(reason);
        QVERIFY(!name.isEmpty());
        QVERIFY2(!seen.contains(name), name.constData());
        seen.insert(name);
        QCOMPARE(reasonClassFromName(reasonClassName(reason)), std::optional(reason));
    }
    QCOMPARE(reasonClassFromName("no-such-class"), std::nullopt);
    QCOMPARE(reasonClassFromName(""), std::nullopt);
    QCOMPARE(reasonClassFromName("Relay-Denied"), std::nullopt); // names are exact
}

void TestReasonClass::realLines_data()
{
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<QByteArray>("reason");
    QTest::addColumn<int>("expectedCodeClass");
    for (const ReasonRow &row : reasonRows())
        QTest::newRow(row.tag.constData()) << row.line << row.reason << row.codeClass;
}

void TestReasonClass::realLines()
{
    QFETCH(QByteArray, line);
    QFETCH(QByteArray, reason);
    QFETCH(int, expectedCodeClass);
    TimestampResolver resolver(berlinOptions());
    LineParser parser(resolver);
    Event event;
    QCOMPARE(parser.parse(std::string_view(line.constData(), std::size_t(line.size())), event),
             LineVerdict::Event);
    QCOMPARE(nameOf(classifyReason(event)), reason);
    if (expectedCodeClass >= 0)
        QCOMPARE(codeClass(event), expectedCodeClass);
}

void TestReasonClass::realLinesCoverEveryClass()
{
    QSet<QByteArray> classes;
    for (const ReasonRow &row : reasonRows())
        classes.insert(row.reason);
    for (int i = 0; i < reasonClassCount; ++i)
        QVERIFY2(classes.contains(nameOf(static_cast<ReasonClass>(i))),
                 nameOf(static_cast<ReasonClass>(i)).constData());
}

void TestReasonClass::rules()
{
    Event milterGrey = reject(451, "4.7.1", "Greylisting in action, please come back later");
    milterGrey.action = RejectAction::MilterReject;
    Event milter = reject(550, "5.7.1", "Command rejected");
    milter.action = RejectAction::MilterReject;
    Event proxy = reject(0, "", "");
    proxy.action = RejectAction::ProxyReject;
    proxy.stage = Stage::EndOfMessage;
    Event screen5 = reject(550, "5.3.2", "Service currently unavailable");
    screen5.service = "postscreen";
    Event screen4 = reject(450, "4.3.2", "Service currently unavailable");
    screen4.service = "postscreen";
    Event warning = reject(450, "4.1.1", "<a@b>: Recipient address rejected: User unknown in local recipient table");
    warning.kind = EventKind::RejectWarning;
    warning.action = RejectAction::RejectWarning;
    Event connectFailure = delivery(DeliveryStatus::Deferred, 0, "", "something odd");
    connectFailure.dsn = "4.4.1";
    Event dnsFailure = delivery(DeliveryStatus::Bounced, 0, "", "lookup trouble");
    dnsFailure.dsn = "5.4.4";
    Event expired;
    expired.kind = EventKind::Expired;
    expired.status = DeliveryStatus::Expired;
    Event tooMany = reject(421, "", "too many connections");
    tooMany.service = "postscreen";
    tooMany.stage = Stage::Connect;
    Event busy = tooMany;
    busy.replyText = "all server ports busy";
    Event unverifiedSender = reject(450, "4.1.7", "<a@b>: unverified address: host x said: 550 no");
    unverifiedSender.stage = Stage::Mail;

    const std::pair<Event, const char *> cases[] = {
        {reject(550, "5.1.1", "<A@B>: RECIPIENT ADDRESS REJECTED: USER UNKNOWN IN LOCAL RECIPIENT TABLE"),
         "unknown-local-recipient"},
        {delivery(DeliveryStatus::Deferred, 521, "", "Server does not take mail"), "does-not-accept-mail"},
        {reject(556, "", "no"), "does-not-accept-mail"},
        // "try again later" alone is not greylisting
        {delivery(DeliveryStatus::Deferred, 451, "", "Service not available, try again later"), "other"},
        {milterGrey, "greylisted"},
        {milter, "content"},
        {proxy, "content"},
        {screen5, "policy"},     // postscreen's deny list
        {screen4, "greylisted"}, // postscreen's after-220 tests
        {warning, "unknown-local-recipient"},
        {delivery(DeliveryStatus::Bounced, 552, "5.2.2", "sorry"), "mailbox-full"},
        {delivery(DeliveryStatus::Bounced, 550, "5.1.1", "sorry"), "unknown-recipient"},
        {delivery(DeliveryStatus::Deferred, 451, "4.3.0", "sorry"), "service-unavailable"},
        {connectFailure, "connection-failure"},
        {dnsFailure, "dns-failure"},
        {delivery(DeliveryStatus::Sent, 250, "2.0.0", "Ok: queued as X"), "delivered"},
        {delivery(DeliveryStatus::Deliverable, 0, "", "delivers to maildir"), "delivered"},
        {expired, "other"},
        {tooMany, "rate-limited"},
        {busy, "service-unavailable"},
        {reject(421, "", "closing"), "service-unavailable"},
        {unverifiedSender, "unverified-sender"},
        // text beats the code: 4.1.1 is also used for over quota
        {delivery(DeliveryStatus::Deferred, 452, "4.1.1", "<u@x> user is over quota, please try again later"),
         "mailbox-full"},
    };
    for (const auto &[event, expected] : cases)
        QCOMPARE(nameOf(classifyReason(event)), QByteArray(expected));
}

void TestReasonClass::codeClassRules()
{
    // The three-digit code decides, then the enhanced code, then the status.
    QCOMPARE(codeClass(delivery(DeliveryStatus::Deferred, 550, "5.7.0", "Blocked")), 5);
    QCOMPARE(codeClass(reject(0, "4.7.1", "Try again later")), 4);
    QCOMPARE(codeClass(delivery(DeliveryStatus::Deferred, 0, "", "connect to x: Connection refused")), 4);
    QCOMPARE(codeClass(delivery(DeliveryStatus::SoftBounce, 0, "", "unknown user")), 4);
    QCOMPARE(codeClass(delivery(DeliveryStatus::Bounced, 0, "", "loops back to myself")), 5);
    QCOMPARE(codeClass(delivery(DeliveryStatus::Sent, 0, "", "delivered to maildir")), 2);
    QCOMPARE(codeClass(delivery(DeliveryStatus::Undeliverable, 0, "", "unknown user")), 5);
    Event expired;
    expired.kind = EventKind::Expired;
    expired.status = DeliveryStatus::Expired;
    QCOMPARE(codeClass(expired), 5);
    QCOMPARE(codeClass(reject(521, "", "does not accept mail")), 5); // RFC 7504: permanent
    QCOMPARE(codeClass(reject(556, "5.1.10", "")), 5);
    QCOMPARE(codeClass(reject(0, "", "")), 0);
}

QTEST_GUILESS_MAIN(TestReasonClass)
#include "tst_reasonclass.moc"
