// Top lists: a made-up log of real Postfix lines over twenty days, whose lists are
// worked out here from the generator's own records and compared with what the
// packed attempts (top_day, ranked in memory) and the plain event scan (a
// read-only database) answer for every filter field and many random ranges; the
// lab sample against a count made from its raw lines; the packed attempts kept
// current after a second import and after a sender filled in later, shared by
// the connections to one file, and a damaged top_day reported; hostile keys
// verbatim.

#include "analysis/attemptcolumns.h"
#include "analysis/toplists.h"
#include "analysissupport.h"
#include "report/table.h"
#include "report/toplisttable.h"

#include <QBuffer>
#include <QJsonObject>
#include <QMap>
#include <QSqlQuery>
#include <QTest>

#include <array>
#include <functional>
#include <optional>
#include <random>

Q_DECLARE_METATYPE(rejectscope::AnalysisFilter)

using namespace Qt::StringLiterals;
using namespace rejectscope;
using namespace analysistest;

namespace {

constexpr qint64 dayMs = 24 * hourMs;

// One attempt as the generator wrote it.
struct Record {
    qint64 ms = 0;
    Direction direction = Direction::Inbound;
    int codeClass = 4; // 4, 5 or 2 as the analysis classes it
    ReasonClass reason = ReasonClass::UnknownLocalRecipient;
    QString clientName, clientIp, relay, queueId;
    std::optional<QString> sender; // as logged; none when no line names it
    QString recipient;
};

struct LineShape {
    const char16_t *name;
    const char *clientOrQueue; // the token replaced: "unknown[127.0.0.2]" or the queue id
    const char *recipient;
    const char *fromField; // inbound only
    Direction direction;
    int codeClass;
    ReasonClass reason;
};

const LineShape shapes[] = {
    {u"inbound-450", "unknown[127.0.0.2]", "ghost6@in.lab.test", "from=<billing@crm.lab.test>",
     Direction::Inbound, 4, ReasonClass::UnknownLocalRecipient},
    {u"inbound-550", "unknown[127.0.0.2]", "typo2@in.lab.test", "from=<bob@shop.lab.test>", Direction::Inbound,
     5, ReasonClass::UnknownLocalRecipient},
    {u"inbound-554-relay", "1-2-3-4-example.com[1.2.3.4]", "smtp@example.org", "from=<john@example.com>",
     Direction::Inbound, 5, ReasonClass::RelayDenied},
    {u"outbound-deferred-450", "BC6DC108419", "ghost6@in.lab.test", nullptr, Direction::Outbound, 4,
     ReasonClass::UnknownLocalRecipient},
    {u"outbound-bounced-550", "B08461083B0", "typo2@in.lab.test", nullptr, Direction::Outbound, 5,
     ReasonClass::UnknownLocalRecipient},
    {u"outbound-sent", "C740F108423", "emil@in.lab.test", nullptr, Direction::Outbound, 2, ReasonClass::Delivered},
    {u"outbound-softbounce-550", "1C2FF108340", "ghost3@in.lab.test", nullptr, Direction::Outbound, 4,
     ReasonClass::UnknownLocalRecipient},
};

const QString hostileSender = u"=cmd|' /C calc'!A0"_s;
const QString hostileClient = u"<b>x</b>"_s;

QByteArray lineOf(const LineShape &s, const Record &r)
{
    QByteArray line = shapeLines().value(QString::fromUtf16(s.name));
    line.replace(0, 15, stamp(r.ms));
    line.replace(QByteArray(s.recipient), r.recipient.toUtf8());
    if (r.direction == Direction::Inbound) {
        line.replace(QByteArray(s.clientOrQueue), (r.clientName + u'[' + r.clientIp + u']').toUtf8());
        line.replace(QByteArray(s.fromField), QByteArray("from=<" + r.sender->toUtf8() + '>'));
    } else {
        line.replace(QByteArray(QByteArray(s.clientOrQueue) + ": to="), QByteArray(r.queueId.toUtf8() + ": to="));
        line.replace(QByteArray("relay=127.0.0.1[127.0.0.1]:2525"), QByteArray("relay=" + r.relay.toUtf8()));
    }
    return line + '\n';
}

QByteArray queueLine(qint64 ms, const QString &queueId, const QString &sender)
{
    QByteArray line = shapeLines().value(u"inbound-accepted-queue"_s);
    line.replace(0, 15, stamp(ms));
    line.replace("C99B5108425", queueId.toUtf8());
    line.replace(QByteArray("from=<billing@crm.lab.test>"), QByteArray("from=<" + sender.toUtf8() + '>'));
    return line + '\n';
}

// `count` attempts at random times of [fromMs, toMs), with their log.
QList<Record> generate(std::mt19937 &rng, int count, qint64 fromMs, qint64 toMs, int serial, QByteArray *log)
{
    const QStringList clientNames{u"unknown"_s, u"mx.Example.org"_s, u"unknown"_s, hostileClient};
    const QStringList senders{u"Billing@CRM.lab.test"_s, u"bob@shop.lab.test"_s, u"ALICE@shop.lab.test"_s,
                              QString(), hostileSender};
    const QStringList recipients{u"Ghost1@In.lab.test"_s, u"ghost1@in.lab.test"_s, u"typo@in.lab.test"_s,
                                 u"x@in.lab.test"_s, u"sales@null.lab.test"_s};
    const QStringList relays{u"127.0.0.1[127.0.0.1]:2525"_s, u"mx1.example.org[198.51.100.1]:25"_s, u"none"_s};
    Log out;
    QList<Record> records;
    for (int i = 0; i < count; ++i) {
        const LineShape &s = shapes[rng() % std::size(shapes)];
        Record r;
        r.ms = fromMs + qint64(rng() % quint64((toMs - fromMs) / 1000)) * 1000;
        r.direction = s.direction;
        r.codeClass = s.codeClass;
        r.reason = s.reason;
        r.recipient = recipients.at(int(rng() % recipients.size()));
        if (r.direction == Direction::Inbound) {
            r.clientName = clientNames.at(int(rng() % clientNames.size()));
            r.clientIp = u"192.0.2.%1"_s.arg(1 + rng() % 6);
            r.sender = senders.at(int(rng() % senders.size()));
        } else {
            r.queueId = u"A%1B"_s.arg(serial * 100000 + i);
            r.relay = relays.at(int(rng() % relays.size()));
            // Most deliveries follow their qmgr line; some never get one.
            if (rng() % 5 != 0) {
                r.sender = senders.at(int(rng() % senders.size()));
                out.add(r.ms - 1000, queueLine(r.ms - 1000, r.queueId, *r.sender));
            }
        }
        out.add(r.ms, lineOf(s, r));
        records << r;
    }
    *log = out.text();
    return records;
}

std::optional<QString> keyOf(TopListKind kind, const Record &r)
{
    switch (kind) {
    case TopListKind::Clients:
        if (r.direction == Direction::Outbound)
            return r.relay;
        return r.clientName == u"unknown"_s ? r.clientIp : r.clientName + u'[' + r.clientIp + u']';
    case TopListKind::Senders:
        if (!r.sender)
            return std::nullopt;
        return r.sender->isEmpty() ? u"<>"_s : r.sender->toLower();
    case TopListKind::Recipients:
        return r.recipient.toLower();
    case TopListKind::Reasons: {
        const std::string_view name = reasonClassName(r.reason);
        return QString::fromLatin1(name.data(), qsizetype(name.size()));
    }
    }
    return std::nullopt;
}

bool matchesText(const Record &r, const QString &text)
{
    if (text.isEmpty())
        return true;
    // The fixture's needles never occur in a reply other than as the record's own recipient.
    for (const QString &field : {r.clientName, r.clientIp, r.sender.value_or(QString()), r.recipient, r.queueId}) {
        if (field.contains(text, Qt::CaseInsensitive))
            return true;
    }
    return false;
}

// The list worked out from the records alone.
QList<TopEntry> expected(const QList<Record> &records, TopListKind kind, const AnalysisFilter &f, int limit)
{
    QMap<QString, TopEntry> byKey;
    QMap<QString, QMap<int, qint64>> reasons;
    for (const Record &r : records) {
        if ((f.fromMs && r.ms < *f.fromMs) || (f.toMs && r.ms >= *f.toMs) || (f.direction && r.direction != *f.direction)
            || (f.codeClass && r.codeClass != *f.codeClass) || (f.reason && r.reason != *f.reason)
            || !matchesText(r, f.text))
            continue;
        const auto key = keyOf(kind, r);
        if (!key)
            continue;
        TopEntry &e = byKey[*key];
        if (e.attempts == 0) {
            e.key = *key;
            e.firstMs = e.lastMs = r.ms;
        }
        ++e.attempts;
        e.temporary += r.codeClass == 4;
        e.permanent += r.codeClass == 5;
        e.firstMs = std::min<std::int64_t>(e.firstMs, r.ms);
        e.lastMs = std::max<std::int64_t>(e.lastMs, r.ms);
        ++reasons[*key][int(r.reason)];
    }
    QList<TopEntry> list;
    qint64 total = 0;
    for (auto it = byKey.begin(); it != byKey.end(); ++it) {
        TopEntry e = it.value();
        qint64 most = -1;
        for (auto r = reasons[it.key()].cbegin(); r != reasons[it.key()].cend(); ++r) {
            if (r.value() > most) { // QMap runs by reason: the lower reason wins a tie
                most = r.value();
                e.reason = ReasonClass(r.key());
            }
        }
        total += e.attempts;
        list << e;
    }
    for (TopEntry &e : list)
        e.totalAttempts = total;
    std::sort(list.begin(), list.end(), [](const TopEntry &a, const TopEntry &b) {
        return a.attempts != b.attempts ? a.attempts > b.attempts : a.key < b.key;
    });
    if (list.size() > limit)
        list.resize(limit);
    return list;
}

QString describe(const QList<TopEntry> &list)
{
    QStringList rows;
    for (const TopEntry &e : list)
        rows << u"%1 %2 (4xx %3, 5xx %4, %5..%6, %7, of %8)"_s.arg(e.key)
                    .arg(e.attempts)
                    .arg(e.temporary)
                    .arg(e.permanent)
                    .arg(e.firstMs)
                    .arg(e.lastMs)
                    .arg(int(e.reason))
                    .arg(e.totalAttempts);
    return rows.join(u"\n"_s);
}

QList<TopEntry> listOf(Database &db, TopListKind kind, const AnalysisFilter &filter, int limit)
{
    QString error;
    const auto list = topList(db, kind, filter, limit, &error);
    if (!list)
        qFatal("topList failed: %s", qPrintable(error));
    return *list;
}

qint64 scalar(Database &db, const QString &sql)
{
    QSqlQuery query(db.connection());
    return query.exec(sql) && query.next() ? query.value(0).toLongLong() : -1;
}

const TopListKind allKinds[] = {TopListKind::Clients, TopListKind::Senders, TopListKind::Recipients,
                                TopListKind::Reasons};

#define COMPARE_LISTS(actual, wanted)                                                                      \
    do {                                                                                                   \
        const QString a_ = describe(actual), w_ = describe(wanted);                                        \
        QVERIFY2(a_ == w_, qPrintable(u"got\n"_s + a_ + u"\nwanted\n"_s + w_));                             \
    } while (false)

} // namespace

class TestTopLists : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void kindNames();
    void everyFilterField_data();
    void everyFilterField();
    void randomRanges();
    void labSampleAgainstItsLines();
    void keptCurrentAfterSecondImport();
    void keptCurrentAfterOlderImport();
    void senderFilledInLater();
    void hostileKeysVerbatim();
    void limitZeroAndEmptyRange();
    void sharedByConnectionsToOneFile();
    void halvesOnTwoThreadsAgree();
    void damagedPackReported();
    void textListsStopWhenCancelled();

private:
    void check(const AnalysisFilter &filter);

    QTemporaryDir m_dir;
    QList<Record> m_records;
    std::unique_ptr<Database> m_counts; // answers from top_day
    std::unique_ptr<Database> m_scan;   // read-only and never counted: scans the events
};

void TestTopLists::initTestCase()
{
    QVERIFY(m_dir.isValid());
    std::mt19937 rng(7);
    QByteArray log;
    m_records = generate(rng, 3000, t0Ms + 17 * minuteMs, t0Ms + 20 * dayMs + 5 * hourMs, 1, &log);
    m_counts = databaseOf(m_dir, u"counts"_s, log);
    QCOMPARE(scalar(*m_counts, u"SELECT COUNT(*) FROM top_build"_s), 0);
    databaseOf(m_dir, u"scan"_s, log).reset();
    m_scan = std::make_unique<Database>(m_dir.filePath(u"scan.db"_s));
    QVERIFY2(m_scan->open(Database::Mode::ReadOnly), qPrintable(m_scan->errorString()));
}

void TestTopLists::kindNames()
{
    for (const TopListKind kind : allKinds)
        QCOMPARE(topListKindFromName(topListKindName(kind)), kind);
    QCOMPARE(topListKindName(TopListKind::Recipients), u"recipients"_s);
    QVERIFY(!topListKindFromName(u"Clients"_s));
}

void TestTopLists::check(const AnalysisFilter &filter)
{
    const qint64 countsStore = scalar(*m_counts, u"PRAGMA temp_store"_s);
    const qint64 scanStore = scalar(*m_scan, u"PRAGMA temp_store"_s);
    for (const int limit : {1000, 3}) {
        // The four at once: with free text from one scan into a temporary table.
        QString error;
        const auto counted = topLists(*m_counts, filter, limit, &error);
        QVERIFY2(counted, qPrintable(error));
        const auto scanned = topLists(*m_scan, filter, limit, &error);
        QVERIFY2(scanned, qPrintable(error));
        for (const TopListKind kind : allKinds) {
            const QList<TopEntry> wanted = expected(m_records, kind, filter, limit);
            COMPARE_LISTS(listOf(*m_counts, kind, filter, limit), wanted);
            COMPARE_LISTS(listOf(*m_scan, kind, filter, limit), wanted);
            COMPARE_LISTS((*counted)[int(kind)], wanted);
            COMPARE_LISTS((*scanned)[int(kind)], wanted);
        }
    }
    // The temporary table is gone and the connection's temp_store is back.
    for (Database *db : {m_counts.get(), m_scan.get()})
        QCOMPARE(scalar(*db, u"SELECT COUNT(*) FROM temp.sqlite_master WHERE type = 'table'"_s), 0);
    QCOMPARE(scalar(*m_counts, u"PRAGMA temp_store"_s), countsStore);
    QCOMPARE(scalar(*m_scan, u"PRAGMA temp_store"_s), scanStore);
    QCOMPARE(scanStore, 2); // MEMORY, as Database::open() sets it
}

void TestTopLists::everyFilterField_data()
{
    QTest::addColumn<AnalysisFilter>("filter");
    const auto row = [](const char *name, const std::function<void(AnalysisFilter &)> &set) {
        AnalysisFilter f;
        set(f);
        QTest::newRow(name) << f;
    };
    row("no filter", [](AnalysisFilter &) {});
    row("inbound", [](AnalysisFilter &f) { f.direction = Direction::Inbound; });
    row("outbound", [](AnalysisFilter &f) { f.direction = Direction::Outbound; });
    row("4xx", [](AnalysisFilter &f) { f.codeClass = 4; });
    row("5xx", [](AnalysisFilter &f) { f.codeClass = 5; });
    row("2xx", [](AnalysisFilter &f) { f.codeClass = 2; });
    row("relay denied", [](AnalysisFilter &f) { f.reason = ReasonClass::RelayDenied; });
    row("unknown local, outbound 4xx", [](AnalysisFilter &f) {
        f.reason = ReasonClass::UnknownLocalRecipient;
        f.direction = Direction::Outbound;
        f.codeClass = 4;
    });
    row("whole days", [](AnalysisFilter &f) {
        f.fromMs = t0Ms - 8 * hourMs + 3 * dayMs; // midnight UTC
        f.toMs = *f.fromMs + 11 * dayMs;
    });
    row("odd edges", [](AnalysisFilter &f) {
        f.fromMs = t0Ms + 2 * dayMs + 7 * hourMs + 123457;
        f.toMs = t0Ms + 17 * dayMs + 2 * hourMs + 40 * minuteMs + 999;
    });
    row("within one hour", [](AnalysisFilter &f) {
        f.fromMs = t0Ms + 5 * dayMs + 10 * minuteMs;
        f.toMs = t0Ms + 5 * dayMs + 50 * minuteMs;
    });
    row("from only", [](AnalysisFilter &f) { f.fromMs = t0Ms + 9 * dayMs + 1; });
    row("to only", [](AnalysisFilter &f) { f.toMs = t0Ms + 9 * dayMs + 35 * minuteMs; });
    row("beyond the log", [](AnalysisFilter &f) {
        f.fromMs = t0Ms - 400 * dayMs;
        f.toMs = t0Ms + 400 * dayMs;
    });
    row("text sender", [](AnalysisFilter &f) { f.text = u"shop.lab"_s; });
    row("text client ip", [](AnalysisFilter &f) { f.text = u"192.0.2.3"_s; });
    row("text recipient, upper case, 5xx, range", [](AnalysisFilter &f) {
        f.text = u"GHOST1"_s;
        f.codeClass = 5;
        f.fromMs = t0Ms + dayMs + 1234;
        f.toMs = t0Ms + 15 * dayMs;
    });
}

void TestTopLists::everyFilterField()
{
    QFETCH(AnalysisFilter, filter);
    check(filter);
    QCOMPARE(scalar(*m_scan, u"SELECT COUNT(*) FROM top_build"_s), 0); // the read-only one scanned
}

void TestTopLists::randomRanges()
{
    std::mt19937 rng(11);
    const qint64 span = 21 * dayMs;
    for (int i = 0; i < 25; ++i) {
        AnalysisFilter f;
        const qint64 a = t0Ms - dayMs + qint64(rng() % quint64(span));
        const qint64 b = t0Ms - dayMs + qint64(rng() % quint64(span));
        f.fromMs = std::min(a, b);
        f.toMs = std::max(a, b) + 1;
        if (rng() % 3 == 0)
            f.direction = rng() % 2 ? Direction::Inbound : Direction::Outbound;
        if (rng() % 3 == 0)
            f.codeClass = std::array{2, 4, 5}[rng() % 3];
        check(f);
        if (QTest::currentTestFailed())
            qWarning() << "range" << *f.fromMs << *f.toMs;
    }
}

void TestTopLists::labSampleAgainstItsLines()
{
    auto db = importedDatabase(m_dir, u"lab"_s, {labLog()});
    // Counted from the raw lines: inbound enforced rejects by client, outbound
    // delivery attempts by relay; senders of deliveries from the qmgr line before.
    static const QRegularExpression reject(u"reject: \\S+ from ([^\\[ ]*)\\[([^\\]]*)\\]: (\\d)\\d\\d .*?"
                                           "from=<([^>]*)> to=<([^>]*)>"_s);
    static const QRegularExpression delivery(u"\\]: ([0-9A-F]+): to=<([^>]*)>,(?: orig_to=<[^>]*>,)? relay=([^,]*), .*"
                                             " status=(sent|deferred|bounced|SOFTBOUNCE)"_s);
    static const QRegularExpression queue(u"\\]: ([0-9A-F]+): from=<([^>]*)>, size="_s);
    QHash<QString, QString> senderOf;
    QMap<QString, QList<qint64>> clients, senders, recipients; // attempts, 4xx, 5xx
    const auto count = [](QMap<QString, QList<qint64>> &map, const QString &key, int cls) {
        QList<qint64> &c = map[key];
        if (c.isEmpty())
            c = {0, 0, 0};
        ++c[0];
        c[1] += cls == 4;
        c[2] += cls == 5;
    };
    for (const QByteArray &raw : testsupport::linesOf(testsupport::readAll(labLog()))) {
        const QString line = QString::fromUtf8(raw);
        if (const auto m = queue.match(line); m.hasMatch()) {
            senderOf.insert(m.captured(1), m.captured(2));
        } else if (const auto r = reject.match(line); r.hasMatch() && !line.contains(u"reject_warning"_s)) {
            const int cls = r.captured(3).toInt();
            count(clients, r.captured(1) == u"unknown"_s ? r.captured(2) : r.captured(1) + u'[' + r.captured(2) + u']', cls);
            count(senders, r.captured(4).isEmpty() ? u"<>"_s : r.captured(4).toLower(), cls);
            count(recipients, r.captured(5).toLower(), cls);
        } else if (const auto d = delivery.match(line); d.hasMatch()) {
            const QString status = d.captured(4);
            const int cls = status == u"bounced"_s ? 5 : status == u"sent"_s ? 2 : 4;
            count(clients, d.captured(3), cls);
            if (senderOf.contains(d.captured(1))) {
                const QString s = senderOf.value(d.captured(1));
                count(senders, s.isEmpty() ? u"<>"_s : s.toLower(), cls);
            }
            count(recipients, d.captured(2).toLower(), cls);
        }
    }
    QVERIFY(clients.size() >= 3);
    for (const auto &[kind, map] : {std::pair{TopListKind::Clients, &clients}, std::pair{TopListKind::Senders, &senders},
                                    std::pair{TopListKind::Recipients, &recipients}}) {
        const QList<TopEntry> list = listOf(*db, kind, {}, 10000);
        QMap<QString, QList<qint64>> got;
        for (const TopEntry &e : list)
            got.insert(e.key, {e.attempts, e.temporary, e.permanent});
        QCOMPARE(got, *map);
        for (qsizetype i = 1; i < list.size(); ++i)
            QVERIFY(list.at(i - 1).attempts >= list.at(i).attempts);
    }
    // The reasons add up to every attempt.
    qint64 attempts = 0;
    for (const TopEntry &e : listOf(*db, TopListKind::Reasons, {}, 100))
        attempts += e.attempts;
    qint64 all = 0;
    for (const QList<qint64> &c : std::as_const(clients))
        all += c.at(0);
    QCOMPARE(attempts, all);
    // The lab's storm: unknown local recipients at 450, then 550.
    QCOMPARE(listOf(*db, TopListKind::Reasons, {}, 1).first().reason, ReasonClass::UnknownLocalRecipient);
}

void TestTopLists::keptCurrentAfterSecondImport()
{
    std::mt19937 rng(23);
    QByteArray first, second;
    // The second log starts in the hour the first ends in: that hour is counted again.
    const QList<Record> a = generate(rng, 400, t0Ms, t0Ms + 3 * dayMs + 30 * minuteMs, 2, &first);
    const QList<Record> b = generate(rng, 400, t0Ms + 3 * dayMs + 40 * minuteMs, t0Ms + 9 * dayMs, 3, &second);
    const QString firstPath = m_dir.filePath(u"second-a.log"_s), secondPath = m_dir.filePath(u"second-b.log"_s);
    QVERIFY(testsupport::writeFile(firstPath, first));
    QVERIFY(testsupport::writeFile(secondPath, second));
    auto db = importedDatabase(m_dir, u"second"_s, {firstPath});
    AnalysisFilter f;
    f.fromMs = t0Ms + 2 * dayMs + 5 * hourMs + 17;
    for (const TopListKind kind : allKinds)
        COMPARE_LISTS(listOf(*db, kind, f, 50), expected(a, kind, f, 50));
    const qint64 builtUpTo = scalar(*db, u"SELECT max_event_id FROM top_build"_s);
    QVERIFY(builtUpTo > 0);

    Importer importer(*db, utcOptions());
    QCOMPARE(importer.importFile(secondPath).outcome, ImportReport::Outcome::Imported);
    for (const TopListKind kind : allKinds)
        COMPARE_LISTS(listOf(*db, kind, f, 50), expected(a + b, kind, f, 50));
    QVERIFY(scalar(*db, u"SELECT max_event_id FROM top_build"_s) > builtUpTo);
    // The day and eight-day buckets were summed again too.
    COMPARE_LISTS(listOf(*db, TopListKind::Recipients, {}, 50), expected(a + b, TopListKind::Recipients, {}, 50));
}

void TestTopLists::keptCurrentAfterOlderImport()
{
    // A log rotated away imported after its successor: its days are counted
    // again, and the blocks of days they share with the later log are summed
    // from those days' stored counts and the new ones.
    std::mt19937 rng(29);
    QByteArray older, newer;
    const QList<Record> a = generate(rng, 400, t0Ms, t0Ms + 3 * dayMs + 30 * minuteMs, 4, &older);
    const QList<Record> b = generate(rng, 400, t0Ms + 3 * dayMs + 40 * minuteMs, t0Ms + 12 * dayMs, 5, &newer);
    const QString olderPath = m_dir.filePath(u"older-a.log"_s), newerPath = m_dir.filePath(u"older-b.log"_s);
    QVERIFY(testsupport::writeFile(olderPath, older));
    QVERIFY(testsupport::writeFile(newerPath, newer));
    auto db = importedDatabase(m_dir, u"older"_s, {newerPath});
    for (const TopListKind kind : allKinds)
        COMPARE_LISTS(listOf(*db, kind, {}, 50), expected(b, kind, {}, 50));

    Importer importer(*db, utcOptions());
    QCOMPARE(importer.importFile(olderPath).outcome, ImportReport::Outcome::Imported);
    // t0 is 08:00 UTC on the last day of an eight-day block: the first range
    // is the next block exactly, the others cut it.
    const qint64 block = t0Ms + 16 * hourMs;
    const std::pair<qint64, qint64> ranges[] = {{block, block + 8 * dayMs},
                                                {t0Ms - dayMs, t0Ms + 20 * dayMs},
                                                {block - dayMs, block + 2 * dayMs},
                                                {block + 3 * dayMs + 7, block + 9 * dayMs - 5}};
    for (const auto &[from, to] : ranges) {
        AnalysisFilter f;
        f.fromMs = from;
        f.toMs = to;
        for (const TopListKind kind : allKinds)
            COMPARE_LISTS(listOf(*db, kind, f, 50), expected(a + b, kind, f, 50));
        f.direction = Direction::Outbound;
        f.codeClass = 4;
        COMPARE_LISTS(listOf(*db, TopListKind::Recipients, f, 50), expected(a + b, TopListKind::Recipients, f, 50));
    }
    for (const TopListKind kind : allKinds)
        COMPARE_LISTS(listOf(*db, kind, {}, 50), expected(a + b, kind, {}, 50));
}

void TestTopLists::senderFilledInLater()
{
    // Deliveries first; the log with their qmgr lines (earlier, rotated away) after.
    const Shape deferred = shape(u"outbound-deferred-450"_s);
    Log deliveries, queue;
    for (int i = 0; i < 6; ++i) {
        const qint64 ms = t0Ms + 2 * hourMs + i * 7 * minuteMs;
        const QByteArray id = "D" + QByteArray::number(70000 + i % 3) + "E";
        deliveries.add(ms, deferred.at(ms, "late@in.lab.test", id));
        if (i < 3)
            queue.add(t0Ms + i * minuteMs, queueLine(t0Ms + i * minuteMs, QString::fromLatin1(id), u"Late.Sender@x.test"_s));
    }
    const QString first = m_dir.filePath(u"late-a.log"_s), second = m_dir.filePath(u"late-b.log"_s);
    QVERIFY(testsupport::writeFile(first, deliveries.text()));
    QVERIFY(testsupport::writeFile(second, queue.text()));
    auto db = importedDatabase(m_dir, u"late"_s, {first});
    QVERIFY(listOf(*db, TopListKind::Senders, {}, 10).isEmpty());
    QCOMPARE(listOf(*db, TopListKind::Recipients, {}, 10).first().attempts, 6);

    Importer importer(*db, utcOptions());
    QCOMPARE(importer.importFile(second).outcome, ImportReport::Outcome::Imported);
    const QList<TopEntry> senders = listOf(*db, TopListKind::Senders, {}, 10);
    QCOMPARE(senders.size(), 1);
    QCOMPARE(senders.first().key, u"late.sender@x.test"_s);
    QCOMPARE(senders.first().attempts, 6);
    QCOMPARE(senders.first().temporary, 6);
    QCOMPARE(scalar(*db, u"SELECT COUNT(*) FROM top_sender_pending"_s), 0);
}

void TestTopLists::hostileKeysVerbatim()
{
    const QList<TopEntry> clients = listOf(*m_counts, TopListKind::Clients, {}, 1000);
    const auto found = [](const QList<TopEntry> &list, const QString &key) {
        return std::any_of(list.cbegin(), list.cend(), [&](const TopEntry &e) { return e.key == key; });
    };
    QVERIFY(found(clients, u"<b>x</b>[192.0.2.1]"_s));
    const QList<TopEntry> senders = listOf(*m_counts, TopListKind::Senders, {}, 1000);
    QVERIFY(found(senders, hostileSender.toLower())); // case-folded, otherwise as logged
    QVERIFY(found(senders, u"<>"_s));

    // A spreadsheet never evaluates it; JSON keeps it as it is.
    QList<TopEntry> one;
    for (const TopEntry &e : senders) {
        if (e.key == hostileSender.toLower())
            one << e;
    }
    const Table table = topListTable(TopListKind::Senders, one, QTimeZone::utc());
    QCOMPARE(table.columns,
             QStringList({u"rank"_s, u"key"_s, u"reason"_s, u"attempts"_s, u"temporary"_s, u"permanent"_s, u"share"_s,
                          u"first_seen_utc"_s, u"first_seen_local"_s, u"last_seen_utc"_s, u"last_seen_local"_s}));
    QBuffer csv;
    csv.open(QIODevice::WriteOnly);
    QVERIFY(writeCsv(table, &csv));
    QVERIFY2(csv.data().contains("'=cmd|"), csv.data().constData());
    QCOMPARE(toJson(table).first().toObject().value(u"key"_s).toString(), hostileSender.toLower());
    QVERIFY(toJson(table).first().toObject().value(u"share"_s).toDouble() < 1.0);
}

void TestTopLists::limitZeroAndEmptyRange()
{
    QVERIFY(listOf(*m_counts, TopListKind::Clients, {}, 0).isEmpty());
    AnalysisFilter f;
    f.fromMs = t0Ms + 100 * dayMs;
    QVERIFY(listOf(*m_counts, TopListKind::Clients, f, 10).isEmpty());
    QVERIFY(listOf(*m_scan, TopListKind::Reasons, f, 10).isEmpty());
    f.fromMs = t0Ms + 5 * dayMs;
    f.toMs = t0Ms + 4 * dayMs;
    QVERIFY(listOf(*m_counts, TopListKind::Senders, f, 10).isEmpty());
}

void TestTopLists::sharedByConnectionsToOneFile()
{
    QVERIFY(!listOf(*m_counts, TopListKind::Senders, {}, 5).isEmpty());
    Database other(m_counts->path());
    QVERIFY2(other.open(), qPrintable(other.errorString()));
    QString error;
    const auto first = AttemptColumns::of(*m_counts, &error);
    const auto second = AttemptColumns::of(other, &error);
    QVERIFY2(first && second, qPrintable(error));
    QCOMPARE(second.get(), first.get()); // loaded once
    QCOMPARE(qint64(first->attemptCount()), scalar(*m_counts, u"SELECT SUM(attempts) FROM top_day"_s));
    QCOMPARE(qint64(first->attemptCount()), qint64(m_records.size()));
}

void TestTopLists::halvesOnTwoThreadsAgree()
{
    // Every list split in two halves, cut inside a day, counted on two threads.
    AttemptColumns::setSplitThreshold(1);
    AnalysisFilter inbound, temporary, oneDay;
    inbound.direction = Direction::Inbound;
    temporary.codeClass = 4;
    oneDay.fromMs = t0Ms + 3 * dayMs + 7 * hourMs + 123;
    oneDay.toMs = t0Ms + 4 * dayMs + 7 * hourMs;
    for (const AnalysisFilter &filter : {AnalysisFilter{}, inbound, temporary, oneDay})
        check(filter);
    AttemptColumns::setSplitThreshold(2'000'000);
}

void TestTopLists::damagedPackReported()
{
    std::mt19937 rng(31);
    QByteArray log;
    const QList<Record> records = generate(rng, 200, t0Ms, t0Ms + 2 * dayMs, 4, &log);
    auto db = databaseOf(m_dir, u"damaged"_s, log);
    COMPARE_LISTS(listOf(*db, TopListKind::Clients, {}, 10), expected(records, TopListKind::Clients, {}, 10));
    // A day whose times are cut short, under a generation no process has seen.
    QSqlQuery damage(db->connection());
    QVERIFY(damage.exec(u"UPDATE top_day SET times = substr(times, 1, 6) WHERE day = (SELECT MIN(day) FROM top_day)"_s));
    QVERIFY(damage.exec(u"UPDATE top_build SET generation = generation + 1"_s));
    QString error;
    QVERIFY(!topList(*db, TopListKind::Clients, {}, 10, &error));
    QVERIFY2(error.contains(u"top_day"_s) && error.contains(u"damaged"_s), qPrintable(error));
    // A sender's id among the clients would count outside the clients' list.
    QVERIFY(damage.exec(u"DELETE FROM top_build"_s));
    QVERIFY(!listOf(*db, TopListKind::Clients, {}, 10).isEmpty()); // packed again, sound
    QVERIFY(damage.exec(u"UPDATE top_day SET clients = senders WHERE day = (SELECT MIN(day) FROM top_day)"_s));
    QVERIFY(damage.exec(u"UPDATE top_build SET generation = generation + 1"_s));
    QVERIFY(!topList(*db, TopListKind::Clients, {}, 10, &error));
    QVERIFY2(error.contains(u"top_day"_s) && error.contains(u"damaged"_s), qPrintable(error));
    // Counted again after the next import, the lists are whole again.
    QVERIFY(damage.exec(u"DELETE FROM top_build"_s));
    COMPARE_LISTS(listOf(*db, TopListKind::Clients, {}, 10), expected(records, TopListKind::Clients, {}, 10));
}

QTEST_GUILESS_MAIN(TestTopLists)
void TestTopLists::textListsStopWhenCancelled()
{
    AnalysisFilter filter;
    filter.text = u"shop.lab"_s;
    const std::atomic_bool cancel{true};
    QString error;
    QVERIFY(!topLists(*m_scan, filter, 10, &error, &cancel));
    QVERIFY(error.isEmpty()); // stopped, not failed
    QCOMPARE(scalar(*m_scan, u"SELECT COUNT(*) FROM temp.sqlite_master WHERE type = 'table'"_s), 0);
    QCOMPARE(scalar(*m_scan, u"PRAGMA temp_store"_s), 2);
}

#include "tst_toplists.moc"
