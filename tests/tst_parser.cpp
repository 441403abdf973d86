// The log-line parser against real corpus lines (tests/data/parser, see its README).

#include "analysis/reasonclass.h"
#include "parse/lineparser.h"
#include "parse/syslogprefix.h"
#include "parse/timestampresolver.h"

#include <QElapsedTimer>
#include <QFile>
#include <QTest>

#include <algorithm>
#include <cmath>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <vector>

using namespace rejectscope;
using namespace Qt::StringLiterals;

namespace {

struct FixtureRow {
    QByteArray source;
    QByteArray line;
    QList<QByteArray> expectations; // "key=value" / "key^=prefix"
    QByteArray tag;
};

QString fixturePath(const QString &name)
{
    return QStringLiteral(REJECTSCOPE_TEST_DATA "/parser/") + name;
}

QList<FixtureRow> loadFixture(const QString &name)
{
    QFile file(fixturePath(name));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read fixture %s", qPrintable(file.fileName()));
    QList<FixtureRow> rows;
    int number = 0;
    for (const QByteArray &text : file.readAll().split('\n')) {
        ++number;
        if (text.isEmpty() || text.startsWith('#'))
            continue;
        QList<QByteArray> columns = text.split('\t');
        if (columns.size() < 2)
            qFatal("%s:%d: expected source, line and fields", qPrintable(name), number);
        FixtureRow row;
        row.source = columns.takeFirst();
        row.line = columns.takeFirst();
        row.expectations = columns;
        row.tag = name.toUtf8() + ':' + QByteArray::number(number);
        rows.append(row);
    }
    return rows;
}

QDateTime berlinTime(const QString &iso)
{
    return QDateTime(QDate::fromString(iso.left(10), Qt::ISODate),
                     QTime::fromString(iso.mid(11), Qt::ISODate),
                     QTimeZone(QByteArrayLiteral("Europe/Berlin")));
}

TimestampResolver::Options berlinOptions(const QDateTime &reference)
{
    TimestampResolver::Options options;
    options.reference = reference;
    options.zone = QTimeZone(QByteArrayLiteral("Europe/Berlin"));
    return options;
}

QByteArray bytes(std::string_view v) { return QByteArray(v.data(), qsizetype(v.size())); }

template <typename Enum, std::size_t N>
QByteArray enumName(Enum value, const char *const (&names)[N])
{
    const auto index = static_cast<std::size_t>(value);
    return index < N ? QByteArray(names[index]) : QByteArray("?");
}

const char *const kindNames[] = {"Reject", "RejectWarning", "Delivery", "QueueSender", "Expired", "BounceNotice"};
const char *const actionNames[] = {"None", "Reject", "RejectWarning", "MilterReject", "ProxyReject"};
const char *const stageNames[] = {"None", "Connect", "Helo", "Ehlo", "Mail", "Rcpt", "Data",
                                  "Bdat", "EndOfMessage", "Vrfy", "Etrn", "Unknown"};
const char *const statusNames[] = {"None", "Sent", "Deferred", "Bounced", "Expired",
                                   "SoftBounce", "Deliverable", "Undeliverable", "Other"};
const char *const verdictNames[] = {"Event", "Ignored", "NotUnderstood"};

QByteArray boolName(bool b) { return b ? "true" : "false"; }

// The value of one named Event field, as the fixtures write it; empty optional when
// the key is not an Event field.
std::optional<QByteArray> fieldValue(const Event &e, const QByteArray &key)
{
    if (key == "kind") return enumName(e.kind, kindNames);
    if (key == "direction") return QByteArray(e.direction == Direction::Inbound ? "Inbound" : "Outbound");
    if (key == "time")
        return QDateTime::fromMSecsSinceEpoch(e.timeUtcMs, QTimeZone::utc())
            .toString(u"yyyy-MM-dd'T'HH:mm:ss.zzz'Z'"_s).toUtf8();
    if (key == "host") return bytes(e.host);
    if (key == "syslogName") return bytes(e.syslogName);
    if (key == "service") return bytes(e.service);
    if (key == "pid") return QByteArray::number(e.pid);
    if (key == "queueId") return bytes(e.queueId);
    if (key == "action") return enumName(e.action, actionNames);
    if (key == "stage") return enumName(e.stage, stageNames);
    if (key == "clientName") return bytes(e.clientName);
    if (key == "clientIp") return bytes(e.clientIp);
    if (key == "helo") return bytes(e.helo);
    if (key == "proto") return bytes(e.proto);
    if (key == "sender") return bytes(e.sender);
    if (key == "senderKnown") return boolName(e.senderKnown);
    if (key == "recipient") return bytes(e.recipient);
    if (key == "origRecipient") return bytes(e.origRecipient);
    if (key == "replyCode") return QByteArray::number(e.replyCode);
    if (key == "enhancedCode") return bytes(e.enhancedCode);
    if (key == "replyText") return bytes(e.replyText);
    if (key == "status") return enumName(e.status, statusNames);
    if (key == "relay") return bytes(e.relay);
    if (key == "dsn") return bytes(e.dsn);
    if (key == "statusText") return bytes(e.statusText);
    if (key == "smtpCommand") return bytes(e.smtpCommand);
    if (key == "greetingRefused") return boolName(e.greetingRefused);
    if (key == "size") return QByteArray::number(e.size);
    if (key == "nrcpt") return QByteArray::number(e.nrcpt);
    if (key == "noticeQueueId") return bytes(e.noticeQueueId);
    return std::nullopt;
}

bool inside(std::string_view view, std::string_view line)
{
    return view.empty()
        || (view.data() >= line.data() && view.data() + view.size() <= line.data() + line.size());
}

// Every view of an Event must point into the parsed line (the importer copies them
// before the buffer moves on).
bool allViewsInside(const Event &e, std::string_view line)
{
    for (const std::string_view v : {e.host, e.syslogName, e.service, e.queueId, e.clientName,
                                     e.clientIp, e.helo, e.proto, e.sender, e.recipient,
                                     e.origRecipient, e.enhancedCode, e.replyText, e.relay,
                                     e.dsn, e.statusText, e.smtpCommand, e.noticeQueueId}) {
        if (!inside(v, line))
            return false;
    }
    return true;
}

std::vector<std::string> allFixtureLines()
{
    std::vector<std::string> lines;
    for (const QString &name : {u"rejects.tsv"_s, u"deliveries.tsv"_s, u"queue.tsv"_s,
                                u"ignored.tsv"_s, u"notunderstood.tsv"_s, u"derived.tsv"_s}) {
        for (const FixtureRow &row : loadFixture(name))
            lines.emplace_back(row.line.constData(), std::size_t(row.line.size()));
    }
    return lines;
}

// bench-mix.log is a realistic mix, mostly lines to ignore (see the fixtures'
// README), but from unrelated logs whose dates jump around. A real log is in time
// order, so the benchmark keeps each line's "program[pid]: message" and gives it a
// classic syslog stamp that moves on by a second per line; every tenth line gets
// an RFC 3339 stamp instead, as from Debian's rsyslog.
std::vector<std::string> chronologicalMix(std::size_t count)
{
    QFile file(fixturePath(u"bench-mix.log"_s));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read fixture %s", qPrintable(file.fileName()));
    std::vector<std::string> tails;
    for (const QByteArray &line : file.readAll().split('\n')) {
        SyslogPrefix prefix;
        const std::string_view view(line.constData(), std::size_t(line.size()));
        if (!line.isEmpty() && prefix.parse(view))
            tails.emplace_back(view.substr(std::size_t(prefix.program.data() - view.data())));
    }
    std::vector<std::string> lines;
    lines.reserve(count);
    const QDateTime start(QDate(2024, 11, 21), QTime(6, 0), QTimeZone(QByteArrayLiteral("Europe/Berlin")));
    for (std::size_t i = 0; i < count; ++i) {
        const QDateTime t = start.addSecs(qint64(i));
        const QString stamp = i % 10 == 9 ? t.toString(u"yyyy-MM-dd'T'HH:mm:ss.zzz000+01:00 "_s)
                                          : t.toString(u"MMM dd HH:mm:ss "_s);
        lines.push_back(stamp.toStdString() + "mx " + tails[i % tails.size()]);
    }
    return lines;
}

} // namespace

class TestParser : public QObject
{
    Q_OBJECT

private slots:
    void corpusLines_data();
    void corpusLines();
    void prefixForms_data();
    void prefixForms();
    void eventIsResetForEachLine();
    void problemIsClearedAfterAnEvent();
    void invalidBytesAndControlCharactersAreData();
    void damagedLinesNeverCrash();
    void unknownShapesWithMarkersAreNotUnderstood_data();
    void unknownShapesWithMarkersAreNotUnderstood();
    void prefixMemoReadsLikeAFreshParse();
    void benchmarkMixedLines();
    void parserSpeed();
    void generatedLogSpeed();
};

void TestParser::corpusLines_data()
{
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<QList<QByteArray>>("expectations");
    for (const QString &name : {u"rejects.tsv"_s, u"deliveries.tsv"_s, u"queue.tsv"_s,
                                u"ignored.tsv"_s, u"notunderstood.tsv"_s, u"derived.tsv"_s}) {
        for (const FixtureRow &row : loadFixture(name))
            QTest::newRow(row.tag.constData()) << row.line << row.expectations;
    }
}

void TestParser::corpusLines()
{
    QFETCH(QByteArray, line);
    QFETCH(QList<QByteArray>, expectations);

    QString reference = u"2024-12-31T12:00:00"_s;
    QByteArray verdict = "Event";
    for (const QByteArray &e : expectations) {
        if (e.startsWith("ref="))
            reference = QString::fromLatin1(e.mid(4));
        else if (e.startsWith("verdict="))
            verdict = e.mid(8);
    }
    TimestampResolver resolver(berlinOptions(berlinTime(reference)));
    LineParser parser(resolver);
    Event event;
    const std::string_view view(line.constData(), std::size_t(line.size()));
    const LineVerdict got = parser.parse(view, event);
    QCOMPARE(enumName(got, verdictNames), verdict);
    if (got == LineVerdict::Event)
        QVERIFY(allViewsInside(event, view));

    for (const QByteArray &expectation : expectations) {
        const qsizetype eq = expectation.indexOf('=');
        QVERIFY2(eq > 0, expectation.constData());
        QByteArray key = expectation.left(eq);
        const QByteArray expected = expectation.mid(eq + 1);
        const bool prefixOnly = key.endsWith('^');
        if (prefixOnly)
            key.chop(1);
        if (key == "verdict" || key == "ref" || key == "reason" || key == "codeClass")
            continue; // handled above, or by tst_reasonclass
        QByteArray actual;
        if (key == "foreign") {
            actual = boolName(parser.lastWasForeign());
        } else if (key == "problem") {
            actual = bytes(parser.problem());
        } else if (key == "delay") {
            QVERIFY2(std::abs(event.delaySeconds - expected.toDouble()) < 1e-9, expectation.constData());
            continue;
        } else {
            const std::optional<QByteArray> value = fieldValue(event, key);
            QVERIFY2(value, QByteArray("unknown fixture key " + key).constData());
            actual = *value;
        }
        if (prefixOnly)
            QVERIFY2(actual.startsWith(expected), QByteArray(key + ": " + actual).constData());
        else
            QCOMPARE(actual, expected);
    }
}

void TestParser::prefixForms_data()
{
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<QList<QByteArray>>("expectations");
    for (const FixtureRow &row : loadFixture(u"prefixes.tsv"_s))
        QTest::newRow(row.tag.constData()) << row.line << row.expectations;
}

void TestParser::prefixForms()
{
    QFETCH(QByteArray, line);
    QFETCH(QList<QByteArray>, expectations);

    SyslogPrefix prefix;
    const bool parsed = prefix.parse(std::string_view(line.constData(), std::size_t(line.size())));
    for (const QByteArray &expectation : expectations) {
        const qsizetype eq = expectation.indexOf('=');
        const QByteArray key = expectation.left(eq);
        const QByteArray expected = expectation.mid(eq + 1);
        if (key == "prefix") {
            QCOMPARE(parsed, expected != "none");
            continue;
        }
        QVERIFY(parsed);
        QByteArray actual;
        if (key == "stamp") {
            actual = prefix.hasOffset
                ? QString::asprintf("%04d-%02d-%02d %02d:%02d:%02d.%03d %+d", prefix.year,
                                    prefix.month, prefix.day, prefix.hour, prefix.minute,
                                    prefix.second, prefix.millisecond, prefix.offsetSeconds).toUtf8()
                : QString::asprintf("%02d-%02d %02d:%02d:%02d.%03d", prefix.month, prefix.day,
                                    prefix.hour, prefix.minute, prefix.second,
                                    prefix.millisecond).toUtf8();
        } else if (key == "host") {
            actual = bytes(prefix.host);
        } else if (key == "program") {
            actual = bytes(prefix.program);
        } else if (key == "syslogName") {
            actual = bytes(prefix.syslogName);
        } else if (key == "service") {
            actual = bytes(prefix.service);
        } else if (key == "pid") {
            actual = QByteArray::number(prefix.pid);
        } else if (key == "postfix") {
            actual = boolName(prefix.isPostfix());
        } else if (key == "message^") {
            QVERIFY2(bytes(prefix.message).startsWith(expected), line.constData());
            continue;
        } else {
            QFAIL(QByteArray("unknown fixture key " + key).constData());
        }
        QCOMPARE(actual, expected);
    }
}

void TestParser::eventIsResetForEachLine()
{
    // A delivery, then a rejection into the same Event: nothing of the delivery stays.
    const std::string delivery = "Nov  3 18:06:25 mail postfix/smtp[1436]: 81571C2D: to=<root@mail.mydomain.com>, orig_to=<root>, relay=none, delay=50784, delays=50754/0.01/30/0, dsn=4.4.1, status=deferred (connect to mail.mydomain.com[123.456.789.123]:25: Connection timed out)";
    const std::string reject = "Jun 21 08:08:31 athena postfix/smtpd[9616]: NOQUEUE: reject: RCPT from c122-107-101-199.blktn4.nsw.optusnet.com.au[122.107.101.199]: 550 5.1.1 <tom@mydomain.com>: Recipient address rejected: User unknown; from=<> to=<tom@mydomain.com> proto=SMTP helo=<c122-107-101-199.blktn4.nsw.optusnet.com.au>";
    TimestampResolver resolver(berlinOptions(berlinTime(u"2024-12-31T12:00:00"_s)));
    LineParser parser(resolver);
    Event event;
    QCOMPARE(parser.parse(delivery, event), LineVerdict::Event);
    QCOMPARE(event.status, DeliveryStatus::Deferred);
    QCOMPARE(parser.parse(reject, event), LineVerdict::Event);
    QCOMPARE(event.status, DeliveryStatus::None);
    QVERIFY(event.relay.empty());
    QVERIFY(event.origRecipient.empty());
    QVERIFY(event.statusText.empty());
    QCOMPARE(event.delaySeconds, -1.0);
    QVERIFY(event.queueId.empty());
    QVERIFY(event.senderKnown);
}

void TestParser::problemIsClearedAfterAnEvent()
{
    TimestampResolver resolver(berlinOptions(berlinTime(u"2024-12-31T12:00:00"_s)));
    LineParser parser(resolver);
    Event event;
    QCOMPARE(parser.parse("Jul  5 06:52:11 prd-mx1 postfix/smtp[22030]: 3mPVKl0Mhjz7sXv: to=<56597@con", event),
             LineVerdict::NotUnderstood);
    QVERIFY(!parser.problem().empty());
    QCOMPARE(parser.parse("Apr 10 14:50:16 mail postfix/qmgr[3663]: BACE842E72: from=<noreply@domain.com>, status=expired, returned to sender", event),
             LineVerdict::Event);
    QVERIFY(parser.problem().empty());
    QCOMPARE(parser.parse("Jun  3 10:40:59 mail dovecot: lmtp(9956): Disconnect from local", event),
             LineVerdict::Ignored);
    QVERIFY(parser.lastWasForeign());
    QCOMPARE(parser.parse("Apr 10 14:50:16 mail postfix/qmgr[3663]: BACE842E72: removed", event),
             LineVerdict::Ignored);
    QVERIFY(!parser.lastWasForeign());
    // The first line of a file saved with a byte order mark.
    QCOMPARE(parser.parse("\xEF\xBB\xBF" "Apr 10 14:50:16 mail postfix/qmgr[3663]: BACE842E72: from=<noreply@domain.com>, status=expired, returned to sender", event),
             LineVerdict::Event);
    QCOMPARE(bytes(event.host), QByteArray("mail"));
}

void TestParser::invalidBytesAndControlCharactersAreData()
{
    // Bytes a stranger sends end up in the reply text as they are; the store layer
    // sanitises them. The parser must neither choke nor lose the event.
    std::string line = "Sep 23 15:53:33 mail postfix/smtpd[3643150]: NOQUEUE: reject: RCPT from unknown[0.0.0.0]: 450 4.7.25 Client host rejected: ";
    const std::string junk = std::string("\xC3\x28 \x80\xFF\xFE \x01\x1B[2J\r\t", 14) + std::string(1, '\0') + "end";
    line += junk + "; from=<sp\xE9m@example.com> to=<inbox@example.org> proto=ESMTP helo=<\x7F\x80>";
    TimestampResolver resolver(berlinOptions(berlinTime(u"2024-12-31T12:00:00"_s)));
    LineParser parser(resolver);
    Event event;
    QCOMPARE(parser.parse(line, event), LineVerdict::Event);
    QCOMPARE(event.replyCode, 450);
    QVERIFY(event.replyText.find(junk) != std::string_view::npos);
    QCOMPARE(bytes(event.sender), QByteArray("sp\xE9m@example.com"));
    QCOMPARE(bytes(event.helo), QByteArray("\x7F\x80"));
    QVERIFY(allViewsInside(event, line));
}

void TestParser::damagedLinesNeverCrash()
{
    // Every fixture line cut at every length, and with hostile bytes written over
    // each position in turn: any verdict is fine, views must stay inside the line.
    TimestampResolver resolver(berlinOptions(berlinTime(u"2024-12-31T12:00:00"_s)));
    LineParser parser(resolver);
    Event event;
    const char hostile[] = {'\0', '\xFF', '\x80', '<', '>', '[', ']', ':', ';', ' ', '=', '('};
    qint64 parsed = 0;
    for (const std::string &line : allFixtureLines()) {
        for (std::size_t cut = 0; cut <= line.size(); ++cut) {
            // A heap copy of exactly `cut` bytes, so a read past the end shows up under ASan.
            const std::unique_ptr<char[]> copy(new char[cut ? cut : 1]);
            std::copy(line.data(), line.data() + cut, copy.get());
            const std::string_view view(copy.get(), cut);
            if (parser.parse(view, event) == LineVerdict::Event)
                QVERIFY(allViewsInside(event, view));
            ++parsed;
        }
        std::string damaged = line;
        for (std::size_t pos = 0; pos < damaged.size(); ++pos) {
            const char saved = damaged[pos];
            damaged[pos] = hostile[pos % sizeof(hostile)];
            if (parser.parse(damaged, event) == LineVerdict::Event)
                QVERIFY(allViewsInside(event, damaged));
            damaged[pos] = saved;
            ++parsed;
        }
    }
    // Seeded random damage: a few random bytes anywhere, many times per line.
    std::mt19937 random(20241121);
    for (const std::string &line : allFixtureLines()) {
        if (line.empty())
            continue;
        for (int round = 0; round < 50; ++round) {
            std::string damaged = line;
            const int changes = 1 + int(random() % 5);
            for (int c = 0; c < changes; ++c)
                damaged[random() % damaged.size()] = char(random() % 256);
            if (parser.parse(damaged, event) == LineVerdict::Event)
                QVERIFY(allViewsInside(event, damaged));
            ++parsed;
        }
    }
    QVERIFY(parsed > 10000);
}

void TestParser::unknownShapesWithMarkersAreNotUnderstood_data()
{
    // The markers looksLikeEvent() looks for, in lines of no known shape, and
    // near misses that must stay Ignored.
    QTest::addColumn<QByteArray>("message");
    QTest::addColumn<bool>("notUnderstood");
    QTest::newRow("reject between colons") << QByteArray("N QUEUE: reject: RCPT from x[192.0.2.1]: 550 no") << true;
    QTest::newRow("reject_warning") << QByteArray("Client x reject_warning: RCPT") << true;
    QTest::newRow("milter-reject") << QByteArray("Client x milter-reject: END-OF-MESSAGE") << true;
    QTest::newRow("proxy-reject") << QByteArray("Client x proxy-reject: END-OF-MESSAGE") << true;
    QTest::newRow("status") << QByteArray("Client x: to=<a>, status=sent (250 ok)") << true;
    QTest::newRow("reject at the start") << QByteArray("reject") << false;
    QTest::newRow("reject without colons") << QByteArray("Client x: will reject you") << false;
    QTest::newRow("reject: after no colon") << QByteArray("Client x reject: RCPT") << false;
    QTest::newRow("rejected") << QByteArray("Client x: rejected: yes") << false;
    QTest::newRow("status without a space") << QByteArray("Client x,status=sent") << false;
    QTest::newRow("status without =") << QByteArray("Client x status sent") << false;
    QTest::newRow("j and = elsewhere") << QByteArray("Client jj: ==, jeje=") << false;
}

void TestParser::unknownShapesWithMarkersAreNotUnderstood()
{
    QFETCH(QByteArray, message);
    QFETCH(bool, notUnderstood);
    TimestampResolver resolver(berlinOptions(berlinTime(u"2024-12-31T12:00:00"_s)));
    LineParser parser(resolver);
    Event event;
    const QByteArray line = "Nov 21 23:01:55 mx postfix/smtpd[4242]: " + message;
    const LineVerdict verdict = parser.parse(std::string_view(line.constData(), std::size_t(line.size())), event);
    QCOMPARE(verdict, notUnderstood ? LineVerdict::NotUnderstood : LineVerdict::Ignored);
    if (notUnderstood)
        QCOMPARE(bytes(parser.problem()), QByteArray("unrecognised line with a reject or status marker"));
}

void TestParser::prefixMemoReadsLikeAFreshParse()
{
    // SyslogPrefix::parse with a PrefixMemo takes what a line repeats of the lines
    // before it from the memo. Runs of fixture lines with the same stamp, the next
    // second, cut or damaged, or with another program must read exactly as each
    // line read on its own.
    std::vector<std::string> lines;
    std::mt19937 random(20241122);
    for (const std::string &line : allFixtureLines()) {
        lines.push_back(line);
        lines.push_back(line);
        std::string next = line;
        if (next.size() > 15 && next[13] >= '0' && next[13] <= '5')
            next[14] = char('0' + (next[14] - '0' + 1) % 10);
        lines.push_back(next);
        lines.push_back(line.substr(0, random() % (line.size() + 1)));
        std::string damaged = line;
        if (!damaged.empty())
            damaged[random() % std::min<std::size_t>(damaged.size(), 48)] = " :[]/x0"[random() % 7];
        lines.push_back(damaged);
    }
    PrefixMemo memo;
    for (const std::string &line : lines) {
        SyslogPrefix fresh;
        SyslogPrefix remembered;
        const bool parsed = fresh.parse(line);
        QCOMPARE(remembered.parse(line, memo), parsed);
        if (!parsed)
            continue;
        const auto offset = [&line](std::string_view v) {
            return v.data() ? v.data() - line.data() : -1;
        };
        const auto same = [&](std::string_view a, std::string_view b) {
            return a == b && offset(a) == offset(b);
        };
        QVERIFY2(fresh.hasOffset == remembered.hasOffset && fresh.year == remembered.year
                     && fresh.month == remembered.month && fresh.day == remembered.day
                     && fresh.hour == remembered.hour && fresh.minute == remembered.minute
                     && fresh.second == remembered.second
                     && fresh.millisecond == remembered.millisecond
                     && fresh.offsetSeconds == remembered.offsetSeconds,
                 line.c_str());
        QVERIFY2(same(fresh.host, remembered.host) && same(fresh.program, remembered.program)
                     && same(fresh.syslogName, remembered.syslogName)
                     && same(fresh.service, remembered.service)
                     && same(fresh.message, remembered.message) && fresh.pid == remembered.pid,
                 line.c_str());
    }
}

void TestParser::benchmarkMixedLines()
{
    const std::vector<std::string> lines = chronologicalMix(20000);

    TimestampResolver resolver(berlinOptions(berlinTime(u"2024-12-31T12:00:00"_s)));
    LineParser parser(resolver);
    Event event;
    int events = 0;
    QBENCHMARK {
        for (const std::string &line : lines)
            events += parser.parse(line, event) == LineVerdict::Event ? 1 : 0;
    }
    QVERIFY(events > 0);
}

void TestParser::parserSpeed()
{
    // A fixed amount of work, run once, for a lines-per-second figure in the log.
    // Not asserted: CI machines and sanitizer builds differ too much.
    const std::vector<std::string> lines = chronologicalMix(500000);
    TimestampResolver resolver(berlinOptions(berlinTime(u"2024-12-31T12:00:00"_s)));
    LineParser parser(resolver);
    Event event;
    int events = 0;
    QElapsedTimer timer;
    timer.start();
    for (const std::string &line : lines)
        events += parser.parse(line, event) == LineVerdict::Event ? 1 : 0;
    const double seconds = double(timer.nsecsElapsed()) / 1e9;
    const double total = double(lines.size());
    qInfo("parser: %.0f lines in %.3f s = %.2f million lines/s (%d events)", total, seconds,
          total / seconds / 1e6, events);
}

void TestParser::generatedLogSpeed()
{
    // The parser thread's work on a realistic log: parse every line, classify every
    // event. Give the log in REJECTSCOPE_PARSER_BENCH_LOG, e.g.
    //   rejectscope-loggen --lines 1000000 --seed 1 > /tmp/parserbench.log
    // Reports the best of a few runs; not asserted.
    const QByteArray path = qgetenv("REJECTSCOPE_PARSER_BENCH_LOG");
    if (path.isEmpty())
        QSKIP("set REJECTSCOPE_PARSER_BENCH_LOG to a log file to measure");
    QFile file(QString::fromLocal8Bit(path));
    QVERIFY2(file.open(QIODevice::ReadOnly), path.constData());
    const QByteArray content = file.readAll();
    std::vector<std::string_view> lines;
    for (std::string_view rest(content.constData(), std::size_t(content.size())); !rest.empty();) {
        const std::size_t end = std::min(rest.find('\n'), rest.size());
        lines.push_back(rest.substr(0, end));
        rest.remove_prefix(std::min(end + 1, rest.size()));
    }
    QVERIFY(!lines.empty());

    for (const bool classify : {false, true}) {
        double best = 0;
        int events = 0;
        for (int round = 0; round < 5; ++round) {
            TimestampResolver resolver(berlinOptions(QDateTime::currentDateTime()));
            LineParser parser(resolver);
            Event event;
            events = 0;
            int reasons = 0;
            QElapsedTimer timer;
            timer.start();
            for (const std::string_view line : lines) {
                if (parser.parse(line, event) != LineVerdict::Event)
                    continue;
                ++events;
                if (classify)
                    reasons += int(classifyReason(event)) + codeClass(event);
            }
            const double seconds = double(timer.nsecsElapsed()) / 1e9;
            QVERIFY(reasons >= 0);
            best = round == 0 ? seconds : std::min(best, seconds);
        }
        const double total = double(lines.size());
        qInfo("%s: %.0f lines (%d events) in %.3f s = %.2f million lines/s",
              classify ? "parse and classify" : "parse", total, events, best, total / best / 1e6);
    }
}

QTEST_GUILESS_MAIN(TestParser)
#include "tst_parser.moc"
