// The advisor's findings in words: what the server did, what to set, what it
// saves — plain text for the GUI, the report and the terminal.

#include "analysis/advisor.h"
#include "report/findingtext.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace rejectscope;

namespace {

Finding localRecipient450()
{
    Finding f;
    f.kind = Finding::Kind::TemporaryForPermanent;
    f.direction = Direction::Inbound;
    f.reason = ReasonClass::UnknownLocalRecipient;
    f.parameter = u"unknown_local_recipient_reject_code"_s;
    f.currentValue = u"450"_s;
    f.suggestedValue = u"550"_s;
    f.postfixDefault = u"550"_s;
    f.events = 1234;
    f.distinctSenders = 56;
    f.distinctClients = 3;
    f.retriesSaved = 789;
    f.exampleReply = u"450 4.1.1 <ghost6@in.lab.test>: Recipient address rejected: User unknown in local "
                     "recipient table"_s;
    return f;
}

} // namespace

class TestFindingText : public QObject
{
    Q_OBJECT

private slots:
    void sentenceAndAdvice_data();
    void sentenceAndAdvice();
    void countsOfSendersAndClients_data();
    void countsOfSendersAndClients();
    void logTextStaysPlainButVisible();
};

void TestFindingText::sentenceAndAdvice_data()
{
    QTest::addColumn<Finding>("finding");
    QTest::addColumn<QStringList>("sentenceHas");
    QTest::addColumn<QString>("advice");
    QTest::addColumn<QString>("setting");

    const Finding local = localRecipient450();
    QTest::newRow("temporary-for-permanent")
        << local
        << QStringList{u"The server answered 450"_s, u"«Recipient address rejected: User unknown in local recipient table»"_s,
                       u"1,234 times"_s,
                       u"56 sender(s)"_s, u"3 client(s)"_s, u"unknown_local_recipient_reject_code = 550"_s,
                       u"saving 789 retries"_s}
        << u"Set unknown_local_recipient_reject_code = 550"_s << u"unknown_local_recipient_reject_code = 550"_s;

    Finding keep = local;
    keep.reason = ReasonClass::UnknownClientHostname;
    keep.parameter = u"unknown_client_reject_code"_s;
    keep.suggestedValue = u"450"_s;
    keep.postfixDefault = u"450"_s;
    QTest::newRow("default-kept") << keep
                                  << QStringList{u"temporary on purpose"_s, u"no change advised"_s}
                                  << u"Leave unknown_client_reject_code as it is"_s << QString();

    Finding softIn;
    softIn.kind = Finding::Kind::SoftBounceReceiving;
    softIn.parameter = u"soft_bounce"_s;
    softIn.currentValue = u"yes"_s;
    softIn.suggestedValue = u"no"_s;
    softIn.events = 2500;
    softIn.retriesSaved = 1900;
    QTest::newRow("soft-bounce-receiving") << softIn
                                           << QStringList{u"soft_bounce = yes"_s, u"2,500 times"_s,
                                                          u"saved 1,900 retries"_s}
                                           << u"Set soft_bounce = no"_s << u"soft_bounce = no"_s;

    Finding softOut;
    softOut.kind = Finding::Kind::SoftBounceSending;
    softOut.direction = Direction::Outbound;
    softOut.events = 12;
    softOut.retriesSaved = 7;
    QTest::newRow("soft-bounce-sending") << softOut << QStringList{u"12 deliveries"_s, u"SOFTBOUNCE"_s}
                                         << u"Set soft_bounce = no"_s << u"soft_bounce = no"_s;

    Finding greeting;
    greeting.kind = Finding::Kind::SkipFiveXxGreeting;
    greeting.direction = Direction::Outbound;
    greeting.reason = ReasonClass::DoesNotAcceptMail;
    greeting.parameter = u"smtp_skip_5xx_greeting"_s;
    greeting.currentValue = u"yes"_s;
    greeting.suggestedValue = u"no"_s;
    greeting.events = 40;
    greeting.retriesSaved = 35;
    QTest::newRow("skip-5xx-greeting") << greeting
                                       << QStringList{u"521/556"_s, u"smtp_skip_5xx_greeting = yes"_s,
                                                      u"saving 35 retries"_s}
                                       << u"Set smtp_skip_5xx_greeting = no"_s << u"smtp_skip_5xx_greeting = no"_s;

    Finding grey;
    grey.kind = Finding::Kind::Deliberate;
    grey.reason = ReasonClass::Greylisted;
    grey.events = 300;
    QTest::newRow("deliberate") << grey << QStringList{u"300 greylisted refusals"_s, u"leave them"_s}
                                << u"Leave greylisted as it is: temporary on purpose"_s << QString();

    Finding backscatter;
    backscatter.kind = Finding::Kind::Backscatter;
    backscatter.reason = ReasonClass::UnknownLocalRecipient;
    backscatter.events = 80;
    backscatter.distinctClients = 9;
    QTest::newRow("backscatter") << backscatter << QStringList{u"80 null-sender bounces"_s, u"9 client(s)"_s}
                                 << u"No setting to change: backscatter"_s << QString();
}

void TestFindingText::sentenceAndAdvice()
{
    QFETCH(Finding, finding);
    QFETCH(QStringList, sentenceHas);
    QFETCH(QString, advice);
    QFETCH(QString, setting);
    const QString sentence = findingSentence(finding);
    for (const QString &part : sentenceHas)
        QVERIFY2(sentence.contains(part), qPrintable(part + u" not in: "_s + sentence));
    QCOMPARE(findingAdvice(finding), advice);
    QCOMPARE(findingSetting(finding), setting);
}

// The counts pick a translation's plural form (tst_translation checks the German);
// the number itself is grouped like every other number of the sentence.
void TestFindingText::countsOfSendersAndClients_data()
{
    QTest::addColumn<qint64>("senders");
    QTest::addColumn<qint64>("clients");
    QTest::addColumn<QString>("expected");
    QTest::newRow("one") << qint64(1) << qint64(1) << u"to 1 sender(s) from 1 client(s)"_s;
    QTest::newRow("grouped") << qint64(12345) << qint64(1234567) << u"to 12,345 sender(s) from 1,234,567 client(s)"_s;
    // Past what tr() counts in: the number is still shown whole.
    QTest::newRow("past-int") << qint64(3'000'000'000) << qint64(2) << u"to 3,000,000,000 sender(s) from 2 client(s)"_s;
}

void TestFindingText::countsOfSendersAndClients()
{
    QFETCH(qint64, senders);
    QFETCH(qint64, clients);
    QFETCH(QString, expected);
    Finding f = localRecipient450();
    f.distinctSenders = senders;
    f.distinctClients = clients;
    const QString sentence = findingSentence(f);
    QVERIFY2(sentence.contains(expected), qPrintable(sentence));
}

void TestFindingText::logTextStaysPlainButVisible()
{
    Finding f = localRecipient450();
    f.exampleReply = u"450 <img src=x onerror=alert(1)> \x1b]0;owned\x07"_s;
    const QString sentence = findingSentence(f);
    // Plain text: markup stays as written (a view shows it as text) ...
    QVERIFY2(sentence.contains(u"<img src=x onerror=alert(1)>"_s), qPrintable(sentence));
    // ... while control characters become visible escapes.
    QVERIFY(!sentence.contains(QChar(0x1b)));
    QVERIFY(!sentence.contains(QChar(0x07)));
    QVERIFY2(sentence.contains(u"\\x1b"_s), qPrintable(sentence));
}

QTEST_GUILESS_MAIN(TestFindingText)
#include "tst_findingtext.moc"
