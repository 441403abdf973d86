// The kept matches of a free-text search (store/textmatches.h): rs_text_ids lists
// exactly the events rs_contains finds, kept or not; every analysis answers the
// same with the text's matches kept as with a scan of the events; what is kept
// follows the file (a later import, another file, a database in memory); the
// limits hold; and the classes counted in memory are those of the SQL conditions.
// On the lab sample (real Postfix lines, resources/samples/lab) and a line file
// of tests/data/analysis.

#include "analysis/eventquery.h"
#include "analysis/filtersql.h"
#include "analysis/floods.h"
#include "analysis/retrychains.h"
#include "analysis/switchpoints.h"
#include "analysis/toplists.h"
#include "analysissupport.h"
#include "store/sqlfunctions.h"
#include "store/textmatches.h"

#include <QLoggingCategory>
#include <QSqlQuery>
#include <QTest>

#include <sqlite3.h>

#include <set>

using namespace Qt::StringLiterals;
using namespace rejectscope;
using namespace analysistest;

namespace {

QList<qint64> idsOf(Database &db, const sql::Fragment &condition, const QString &more = {})
{
    const QString sql = u"SELECT e.id FROM event e WHERE "_s + condition.text + more;
    QSqlQuery query(db.connection());
    if (!query.prepare(sql))
        qFatal("cannot prepare: %s", qPrintable(sql));
    sql::bind(query, condition.values);
    if (!query.exec())
        qFatal("cannot run %s", qPrintable(sql));
    QList<qint64> ids;
    while (query.next())
        ids << query.value(0).toLongLong();
    std::sort(ids.begin(), ids.end());
    return ids;
}

QList<qint64> scannedIds(Database &db, const QString &text)
{
    return idsOf(db, sql::textCondition(text, u"e."_s));
}

QList<qint64> listedIds(Database &db, const QString &text)
{
    return idsOf(db, sql::textCondition(text, u"e."_s, true));
}

QString describe(const WindowFigures &f)
{
    return u"%1/%2/%3/%4"_s.arg(f.attempts).arg(f.distinctKeys).arg(f.retries).arg(f.temporaryShare);
}

// Everything the window and the reports read for a filter, in words.
QString everything(Database &db, const AnalysisFilter &filter, qint64 aroundMs)
{
    QString out;
    QString error;
    for (const qint64 bucketMs : {minuteMs, 3 * minuteMs, hourMs}) {
        const auto buckets = timeBuckets(db, filter, bucketMs, &error);
        if (!buckets)
            return u"buckets failed: "_s + error;
        out += u"buckets %1:"_s.arg(bucketMs);
        for (const TimeBucket &b : *buckets)
            out += u" %1=%2/%3/%4"_s.arg(b.startMs).arg(b.temporary).arg(b.permanent).arg(b.accepted);
        out += u'\n';
    }
    FloodOptions floodOptions;
    floodOptions.minimumAttempts = 2;
    floodOptions.factor = 1.5;
    const auto floods = findFloods(db, filter, floodOptions, &error);
    if (!floods)
        return u"floods failed: "_s + error;
    for (const Flood &f : *floods)
        out += u"flood %1-%2 %3 %4\n"_s.arg(f.startMs).arg(f.endMs).arg(f.attempts).arg(int(f.mainReason));
    const auto lists = topLists(db, filter, 20, &error);
    if (!lists)
        return u"top lists failed: "_s + error;
    for (const QList<TopEntry> &list : *lists)
        for (const TopEntry &e : list)
            out += u"top %1 %2 %3/%4/%5 %6-%7 of %8\n"_s.arg(e.key)
                       .arg(int(e.reason))
                       .arg(e.attempts)
                       .arg(e.temporary)
                       .arg(e.permanent)
                       .arg(e.firstMs)
                       .arg(e.lastMs)
                       .arg(e.totalAttempts);
    EventQuery events(db, filter);
    const auto count = events.count();
    const auto page = events.page(EventSort::Time, true, 0, 50);
    const auto lastPage = events.page(EventSort::Recipient, false, 0, 50);
    const auto newest = events.page(EventSort::Time, false, 0, 30);
    const auto later = events.page(EventSort::Time, true, 37, 20);
    if (!count || !page || !lastPage || !newest || !later)
        return u"events failed: "_s + events.errorString();
    for (const EventRow &row : *newest + *later)
        out += u" t%1"_s.arg(row.id);
    out += u"events %1:"_s.arg(*count);
    for (const EventRow &row : *page)
        out += u" %1"_s.arg(row.id);
    for (const EventRow &row : *lastPage)
        out += u" r%1"_s.arg(row.id);
    out += u'\n';
    RetryChains chains(db);
    if (!chains.ensureBuilt(ChainOptions{}))
        return u"chains failed: "_s + chains.errorString();
    using Order = StormQuery::Order;
    for (const auto order : {Order::Attempts, Order::Retries, Order::Duration, Order::FirstSeen}) {
        for (const bool onlyWithRetries : {true, false}) {
            // A page past the first, and the whole list.
            for (const auto &[offset, limit] : {std::pair{3, 40}, std::pair{0, 100'000}}) {
                StormQuery storms;
                storms.filter = filter;
                storms.order = order;
                storms.limit = limit;
                storms.offset = offset;
                storms.onlyWithRetries = onlyWithRetries;
                const auto list = chains.storms(storms);
                if (!list)
                    return u"storms failed: "_s + chains.errorString();
                out += u"storms:"_s;
                for (const RetryChain &chain : *list)
                    out += u" %1"_s.arg(chain.id);
                out += u'\n';
            }
        }
    }
    const auto totals = chains.totals(filter);
    if (!totals)
        return u"totals failed: "_s + chains.errorString();
    out += u"totals %1 %2\n"_s.arg(totals->chains).arg(totals->attempts);
    SwitchOptions switchOptions;
    switchOptions.minimumEvents = 3;
    const auto switches = findSwitchPoints(db, filter, switchOptions, &error);
    if (!switches)
        return u"switch points failed: "_s + error;
    for (const SwitchPoint &s : *switches)
        out += u"switch %1 %2 %3\n"_s.arg(s.timeMs).arg(int(s.direction)).arg(int(s.reason));
    const auto around = compareAround(db, aroundMs, 5 * minuteMs, filter, &error);
    if (!around)
        return u"before/after failed: "_s + error;
    out += u"around "_s + describe(around->before) + u' ' + describe(around->after) + u'\n';
    return out;
}

} // namespace

class TestTextMatches : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanupTestCase();
    void idsFunctionListsTheMatches_data();
    void idsFunctionListsTheMatches();
    void keptAnswersEqualScannedAnswers_data();
    void keptAnswersEqualScannedAnswers();
    void keptMatchesFollowTheFile();
    void keptChainsFollowTheirBuild();
    void keptTopListsFollowTheMatches();
    void limitsHold();
    void collectTellsHowFarItIs();
    void collectReadsOnTwoConnections();
    void databaseInMemoryIsNeverKept();
    void classesInMemoryAgreeWithSql();

private:
    QTemporaryDir m_dir;
    std::unique_ptr<Database> m_lab;
    qint64 m_spanFrom = 0;
    qint64 m_spanTo = 0;
};

void TestTextMatches::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_lab = importedDatabase(m_dir, u"lab"_s, {labLog()});
    QSqlQuery query(m_lab->connection());
    QVERIFY(query.exec(u"SELECT MIN(time_ms), MAX(time_ms) FROM event"_s) && query.next());
    m_spanFrom = query.value(0).toLongLong();
    m_spanTo = query.value(1).toLongLong();
    QVERIFY(m_spanTo - m_spanFrom > 15 * minuteMs);
}

void TestTextMatches::init()
{
    textmatches::forgetAll();
    textmatches::setLimits({});
}

void TestTextMatches::cleanupTestCase()
{
    textmatches::forgetAll();
    textmatches::setLimits({});
}

void TestTextMatches::idsFunctionListsTheMatches_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("found");
    QTest::newRow("client IP") << u"127.0.0.2"_s << true;
    QTest::newRow("recipient") << u"ghost6@"_s << true;
    QTest::newRow("domain, other case") << u"LAB.Test"_s << true;
    QTest::newRow("reply words") << u"user unknown in local"_s << true;
    QTest::newRow("percent is literal") << u"100%"_s << false;
    QTest::newRow("underscore is literal") << u"a_b"_s << false;
    QTest::newRow("nothing") << u"no-such-thing.invalid"_s << false;
    QTest::newRow("non-ASCII") << u"Grüße"_s << false;
}

void TestTextMatches::idsFunctionListsTheMatches()
{
    QFETCH(QString, text);
    QFETCH(bool, found);
    const QList<qint64> wanted = scannedIds(*m_lab, text);
    QCOMPARE(!wanted.isEmpty(), found);
    QVERIFY(!sql::textMatchesKept(*m_lab, text));
    // Not kept yet: the function scans, keeps, and lists them.
    QCOMPARE(listedIds(*m_lab, text), wanted);
    const auto kept = textmatches::find(m_lab->nativeHandle(), text);
    QVERIFY(kept);
    QCOMPARE(qsizetype(kept->size()), wanted.size());
    QVERIFY(std::is_sorted(kept->begin(), kept->end(), [](const TextMatch &a, const TextMatch &b) {
        return a.timeMs != b.timeMs ? a.timeMs < b.timeMs : a.id < b.id;
    }));
    // Kept: the same from memory; the case of the text does not matter.
    QCOMPARE(listedIds(*m_lab, text), wanted);
    QString upper = text;
    for (QChar &c : upper)
        if (c >= u'a' && c <= u'z')
            c = c.toUpper();
    QVERIFY(sql::textMatchesKept(*m_lab, upper));
    QCOMPARE(listedIds(*m_lab, upper), wanted);
    // Cut to a time range (kept, then scanned for a text not kept): the same as a
    // condition on the time.
    const qint64 from = m_spanFrom + 4 * minuteMs + 321, to = m_spanTo - 5 * minuteMs;
    const auto inRange = [&](const QString &needle, bool byId) {
        return idsOf(*m_lab, sql::textCondition(needle, u"e."_s, byId, {from, to}),
                     u" AND e.time_ms >= %1 AND e.time_ms < %2"_s.arg(from).arg(to));
    };
    const QList<qint64> wantedInRange = inRange(text, false);
    QVERIFY(wantedInRange.size() < wanted.size() || wanted.isEmpty());
    QCOMPARE(inRange(text, true), wantedInRange);
    textmatches::setLimits({0, 0, 1});
    textmatches::forgetAll();
    QCOMPARE(inRange(text, true), wantedInRange);
    QCOMPARE(textmatches::find(m_lab->nativeHandle(), text) == nullptr, found); // none kept but an empty list
}

void TestTextMatches::keptAnswersEqualScannedAnswers_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<AnalysisFilter>("filter");
    const qint64 t0 = m_spanFrom;
    for (const QString &text : {u"ghost"_s, u"lab.test"_s, u"127.0.0"_s}) {
        const auto row = [&, t0](const char *name, const std::function<void(AnalysisFilter &)> &set) {
            AnalysisFilter f;
            f.text = text;
            set(f);
            QTest::newRow(qPrintable(text + u": "_s + QLatin1StringView(name))) << text << f;
        };
        row("whole log", [](AnalysisFilter &) {});
        row("inbound", [](AnalysisFilter &f) { f.direction = Direction::Inbound; });
        row("outbound", [](AnalysisFilter &f) { f.direction = Direction::Outbound; });
        row("4xx", [](AnalysisFilter &f) { f.codeClass = 4; });
        row("5xx", [](AnalysisFilter &f) { f.codeClass = 5; });
        row("2xx", [](AnalysisFilter &f) { f.codeClass = 2; });
        row("unknown local recipient", [](AnalysisFilter &f) { f.reason = ReasonClass::UnknownLocalRecipient; });
        row("range off the minutes", [t0](AnalysisFilter &f) {
            f.fromMs = t0 + 2 * minuteMs + 1234;
            f.toMs = t0 + 13 * minuteMs + 56789;
        });
        row("range from the start", [t0](AnalysisFilter &f) { f.toMs = t0 + 8 * minuteMs + 1; });
        row("inbound 4xx in a range", [t0](AnalysisFilter &f) {
            f.direction = Direction::Inbound;
            f.codeClass = 4;
            f.fromMs = t0 + 3 * minuteMs;
            f.toMs = t0 + 15 * minuteMs;
        });
    }
}

void TestTextMatches::keptAnswersEqualScannedAnswers()
{
    QFETCH(QString, text);
    QFETCH(AnalysisFilter, filter);
    const QString scanned = everything(*m_lab, filter, (m_spanFrom + m_spanTo) / 2);
    QVERIFY(!sql::textMatchesKept(*m_lab, text));
    QString error;
    QCOMPARE(textmatches::collect(m_lab->nativeHandle(), text, &error), textmatches::Outcome::Kept);
    QVERIFY(sql::textMatchesKept(*m_lab, text));
    QVERIFY(textmatches::findChains(m_lab->nativeHandle(), text));
    const QString kept = everything(*m_lab, filter, (m_spanFrom + m_spanTo) / 2);
    QVERIFY2(scanned.contains(u"buckets"_s) && scanned.contains(u"events"_s) && scanned.contains(u"totals"_s),
             qPrintable(scanned));
    // Line by line, so that a difference shows where it is.
    const QStringList keptLines = kept.split(u'\n'), scannedLines = scanned.split(u'\n');
    for (qsizetype i = 0; i < std::min(keptLines.size(), scannedLines.size()); ++i)
        QCOMPARE(keptLines[i], scannedLines[i]);
    QCOMPARE(keptLines.size(), scannedLines.size());
}

void TestTextMatches::keptMatchesFollowTheFile()
{
    auto db = importedDatabase(m_dir, u"follow"_s, {labLog()});
    const QString text = u"lab.test"_s;
    QString error;
    QCOMPARE(textmatches::collect(db->nativeHandle(), text, &error), textmatches::Outcome::Kept);
    const auto before = textmatches::find(db->nativeHandle(), text);
    QVERIFY(before);
    // Another file with the same events keeps its own.
    QVERIFY(!textmatches::find(m_lab->nativeHandle(), text));
    // A later import: the kept matches are out of date, and the function scans.
    Importer importer(*db, utcOptions());
    const QString more = QStringLiteral(REJECTSCOPE_TEST_DATA "/analysis/lightmeter-6_deferred_message_retry.log");
    QCOMPARE(importer.importFile(more).outcome, ImportReport::Outcome::Imported);
    QVERIFY(!textmatches::find(db->nativeHandle(), text));
    const QString relay = u"recipient.com"_s; // in the new file only
    const QList<qint64> wanted = scannedIds(*db, relay);
    QVERIFY(!wanted.isEmpty());
    QCOMPARE(listedIds(*db, relay), wanted);
    QCOMPARE(listedIds(*db, text), scannedIds(*db, text));
    QVERIFY(textmatches::find(db->nativeHandle(), text)->size() >= before->size());
}

void TestTextMatches::keptTopListsFollowTheMatches()
{
    auto db = importedDatabase(m_dir, u"toplists"_s, {labLog()});
    AnalysisFilter filter;
    filter.text = u"e"_s; // in both files
    const auto lists = [&] {
        QString error;
        const auto set = topLists(*db, filter, 50, &error);
        if (!set)
            qFatal("top lists failed: %s", qPrintable(error));
        QStringList out;
        for (const QList<TopEntry> &list : *set)
            for (const TopEntry &e : list)
                out << u"%1 %2 %3 %4"_s.arg(e.key).arg(e.attempts).arg(e.firstMs).arg(e.totalAttempts);
        return out;
    };
    QString error;
    QCOMPARE(textmatches::collect(db->nativeHandle(), filter.text, &error), textmatches::Outcome::Kept);
    const QStringList kept = lists(); // the keys of the kept matches read
    QVERIFY(!kept.isEmpty());
    // A later import: the new attempts count, with the matches kept anew or not.
    Importer importer(*db, utcOptions());
    QCOMPARE(importer.importFile(QStringLiteral(REJECTSCOPE_TEST_DATA "/analysis/lightmeter-6_deferred_message_retry.log"))
                 .outcome,
             ImportReport::Outcome::Imported);
    const QStringList scanned = lists();
    QCOMPARE(textmatches::collect(db->nativeHandle(), filter.text, &error), textmatches::Outcome::Kept);
    QCOMPARE(lists(), scanned);
    QVERIFY(scanned != kept);
    // Another text kept beside it has its own.
    filter.text = u"ghost"_s;
    const QStringList ghost = lists();
    QCOMPARE(textmatches::collect(db->nativeHandle(), filter.text, &error), textmatches::Outcome::Kept);
    QVERIFY(textmatches::find(db->nativeHandle(), u"e"_s));
    QCOMPARE(lists(), ghost);
}

void TestTextMatches::keptChainsFollowTheirBuild()
{
    auto db = importedDatabase(m_dir, u"rebuild"_s, {labLog()});
    RetryChains chains(*db);
    QVERIFY(chains.ensureBuilt(ChainOptions{}));
    const QString text = u"ghost"_s;
    AnalysisFilter search;
    search.text = text;
    // The chains whose first events contain the text, by SQL.
    const auto startedByMatches = [&] {
        const sql::Fragment condition = sql::textCondition(text, u"e."_s);
        QSqlQuery query(db->connection());
        if (!query.prepare(u"SELECT c.id FROM retry_chain c JOIN event e ON e.id = c.first_event_id WHERE "_s
                           + condition.text + u" ORDER BY c.id"_s))
            qFatal("cannot prepare the chains' query");
        sql::bind(query, condition.values);
        QList<qint64> ids;
        if (query.exec())
            while (query.next())
                ids << query.value(0).toLongLong();
        return ids;
    };
    const auto keptIds = [&] {
        QList<qint64> ids;
        if (const auto kept = textmatches::findChains(db->nativeHandle(), text))
            for (const KeptChain &chain : *kept)
                ids << chain.id;
        return ids;
    };
    QString error;
    QCOMPARE(textmatches::collect(db->nativeHandle(), text, &error), textmatches::Outcome::Kept);
    const QList<qint64> before = startedByMatches();
    QVERIFY(before.size() > 3);
    QCOMPARE(keptIds(), before);
    // A new gap cuts the chains anew without new events: what was kept is out of
    // date, and the next read keeps the new chains.
    const auto wholeLog = chains.totals(search);
    QVERIFY(chains.rebuild(ChainOptions{.gapMs = 60'000}));
    QVERIFY(!textmatches::find(db->nativeHandle(), text));
    QVERIFY(!textmatches::findChains(db->nativeHandle(), text));
    const QList<qint64> after = startedByMatches();
    QVERIFY(after != before);
    const auto scanned = chains.totals(search);
    QVERIFY(wholeLog && scanned && scanned->chains != wholeLog->chains);
    QCOMPARE(textmatches::collect(db->nativeHandle(), text, &error), textmatches::Outcome::Kept);
    QCOMPARE(keptIds(), after);
    const auto kept = chains.totals(search);
    QVERIFY(kept);
    QCOMPARE(kept->chains, scanned->chains);
    QCOMPARE(kept->attempts, scanned->attempts);
    // Rows that are not the chains kept (as after a rebuild between the check and
    // the read) are read again by SQL: the page is the chains as they are.
    StormQuery storms;
    storms.filter = search;
    storms.onlyWithRetries = false;
    const auto ids = [&] {
        QStringList out;
        if (const auto list = chains.storms(storms))
            for (const RetryChain &chain : *list)
                out << u"%1:%2"_s.arg(chain.id).arg(chain.attempts);
        return out;
    };
    const QStringList page = ids();
    QVERIFY(page.size() > 3);
    const QString last = page.last().section(u':', 0, 0);
    QSqlQuery query(db->connection());
    QVERIFY(query.exec(u"UPDATE retry_chain SET attempts = attempts + 1000 WHERE id = "_s + last));
    QVERIFY(textmatches::findChains(db->nativeHandle(), text)); // still taken for current
    const QStringList changed = ids();
    QCOMPARE(changed.first().section(u':', 0, 0), last); // most attempts now
    textmatches::forgetAll();
    QCOMPARE(changed, ids());
}

void TestTextMatches::limitsHold()
{
    const QString common = u"lab.test"_s;
    const QList<qint64> all = scannedIds(*m_lab, common);
    QVERIFY(all.size() > 100);
    // Too many for one text: not kept, and still listed in full.
    textmatches::setLimits({std::size_t(all.size() - 1), 100'000, 8});
    QString error;
    QCOMPARE(textmatches::collect(m_lab->nativeHandle(), common, &error), textmatches::Outcome::TooMany);
    QVERIFY(!sql::textMatchesKept(*m_lab, common));
    QCOMPARE(listedIds(*m_lab, common), all);
    // The total: a new text pushes out the least recently used one.
    const QList<qint64> ip = scannedIds(*m_lab, u"127.0.0.2"_s);
    const QList<qint64> ghost = scannedIds(*m_lab, u"ghost"_s);
    QVERIFY(!ip.isEmpty() && !ghost.isEmpty());
    textmatches::forgetAll();
    textmatches::setLimits({100'000, std::size_t(std::max(ip.size(), ghost.size()) + 1), 8});
    QCOMPARE(textmatches::collect(m_lab->nativeHandle(), u"127.0.0.2"_s, &error), textmatches::Outcome::Kept);
    QCOMPARE(textmatches::collect(m_lab->nativeHandle(), u"ghost"_s, &error), textmatches::Outcome::Kept);
    QVERIFY(textmatches::find(m_lab->nativeHandle(), u"ghost"_s));
    QVERIFY(!textmatches::find(m_lab->nativeHandle(), u"127.0.0.2"_s));
    QCOMPARE(listedIds(*m_lab, u"127.0.0.2"_s), ip);
}

void TestTextMatches::collectTellsHowFarItIs()
{
    // Slices of 100 ids: a report after each, then 1 at the end, whatever the
    // text finds (one that finds nothing too); the matches are those of one scan.
    QSqlQuery query(m_lab->connection());
    QVERIFY(query.exec(u"SELECT MAX(id) FROM event"_s) && query.next());
    const qint64 maxId = query.value(0).toLongLong();
    QVERIFY(maxId > 400);
    for (const QString &text : {u"ghost"_s, u"no-such-thing.invalid"_s}) {
        textmatches::forgetAll();
        QList<double> reports;
        QString error;
        QCOMPARE(textmatches::collect(m_lab->nativeHandle(), text, &error,
                                      [&](double done) { reports << done; }, 100),
                 textmatches::Outcome::Kept);
        QCOMPARE(reports.size(), qsizetype((maxId + 99) / 100));
        QVERIFY(std::is_sorted(reports.begin(), reports.end()));
        QVERIFY(reports.first() > 0 && reports.first() < 0.5);
        QCOMPARE(reports.last(), 1.0);
        QCOMPARE(listedIds(*m_lab, text), scannedIds(*m_lab, text));
        QCOMPARE(qsizetype(textmatches::find(m_lab->nativeHandle(), text)->size()), scannedIds(*m_lab, text).size());
    }
}

void TestTextMatches::collectReadsOnTwoConnections()
{
    const QString text = u"lab.test"_s;
    const auto describe = [&] {
        QStringList out;
        if (const auto kept = textmatches::find(m_lab->nativeHandle(), text))
            for (const TextMatch &m : *kept)
                out << u"%1 %2 %3 %4 %5 %6 %7"_s.arg(m.id).arg(m.timeMs).arg(m.kind).arg(m.direction).arg(m.status)
                           .arg(m.codeClass).arg(m.reason);
        return out;
    };
    QString error;
    QCOMPARE(textmatches::collect(m_lab->nativeHandle(), text, &error), textmatches::Outcome::Kept);
    const QStringList alone = describe();
    QVERIFY(alone.size() > 100);
    // Slices of 3 ids, claimed in turn by this thread and a second connection: the
    // same matches, however the slices fell.
    textmatches::forgetAll();
    textmatches::setLimits({.parallelFromIds = 0});
    QList<double> reports;
    QCOMPARE(textmatches::collect(m_lab->nativeHandle(), text, &error, [&](double done) { reports << done; }, 3),
             textmatches::Outcome::Kept);
    QCOMPARE(describe(), alone);
    QVERIFY(std::is_sorted(reports.begin(), reports.end()));
    QCOMPARE(reports.last(), 1.0);
    // Too many for one text, found by either connection.
    textmatches::forgetAll();
    textmatches::setLimits({.perText = std::size_t(alone.size() - 1), .parallelFromIds = 0});
    QCOMPARE(textmatches::collect(m_lab->nativeHandle(), text, &error, {}, 3), textmatches::Outcome::TooMany);
    QVERIFY(!textmatches::find(m_lab->nativeHandle(), text));
    // A connection that reads a snapshot already (a statement running, as when
    // rs_text_ids scans) scans alone: a second one might see a later commit.
    QStringList said;
    QLoggingCategory::setFilterRules(u"rejectscope.textmatches.debug=true"_s);
    static QStringList *capture = nullptr;
    capture = &said;
    const QtMessageHandler previous = qInstallMessageHandler([](QtMsgType, const QMessageLogContext &, const QString &m) {
        if (capture)
            *capture << m;
    });
    textmatches::forgetAll();
    textmatches::setLimits({.parallelFromIds = 0});
    QCOMPARE(textmatches::collect(m_lab->nativeHandle(), text, &error, {}, 3), textmatches::Outcome::Kept);
    {
        textmatches::forgetAll();
        QSqlQuery running(m_lab->connection());
        QVERIFY(running.exec(u"SELECT id FROM event"_s) && running.next());
        QCOMPARE(textmatches::collect(m_lab->nativeHandle(), text, &error, {}, 3), textmatches::Outcome::Kept);
        QCOMPARE(describe(), alone);
    }
    qInstallMessageHandler(previous);
    capture = nullptr;
    QLoggingCategory::setFilterRules(QString());
    QCOMPARE(said.size(), 2);
    QVERIFY2(said[0].endsWith(u"on 2 connections"_s), qPrintable(said[0]));
    QVERIFY2(said[1].endsWith(u"on 1 connections"_s), qPrintable(said[1]));
    // Stopped (a newer filter): nothing kept, and the reason said.
    textmatches::forgetAll();
    textmatches::setLimits({.parallelFromIds = 0});
    const std::atomic_bool stop{true};
    error.clear();
    QCOMPARE(textmatches::collect(m_lab->nativeHandle(), text, &error, {}, 3, &stop), textmatches::Outcome::Failed);
    QVERIFY(!error.isEmpty());
    QVERIFY(!textmatches::find(m_lab->nativeHandle(), text));
}

void TestTextMatches::databaseInMemoryIsNeverKept()
{
    sqlite3 *db = nullptr;
    QCOMPARE(sqlite3_open(":memory:", &db), SQLITE_OK);
    const auto exec = [&](const char *sql) { return sqlite3_exec(db, sql, nullptr, nullptr, nullptr) == SQLITE_OK; };
    QVERIFY(registerSqlFunctions(db));
    QVERIFY(exec("CREATE TABLE event (id INTEGER PRIMARY KEY, time_ms, kind, direction, status, code_class, reason,"
                 " client_name, client_ip, sender, recipient, queue_id, reply);"
                 "CREATE TABLE queue_sender (id INTEGER PRIMARY KEY);"
                 "INSERT INTO event VALUES (1, 10, 1, 0, 0, 4, 0, 'mx', '192.0.2.7', NULL, 'a@b', NULL, NULL),"
                 " (2, 20, 1, 0, 0, 5, 0, 'mx', '192.0.2.8', NULL, 'c@d', NULL, NULL);"));
    QString error;
    QCOMPARE(textmatches::collect(db, u"192.0.2.7"_s, &error), textmatches::Outcome::NotKeepable);
    sqlite3_stmt *statement = nullptr;
    QCOMPARE(sqlite3_prepare_v2(db, "SELECT id FROM event WHERE id IN rs_text_ids('192.0.2.7')", -1, &statement,
                                nullptr),
             SQLITE_OK);
    QList<qint64> ids;
    while (sqlite3_step(statement) == SQLITE_ROW)
        ids << sqlite3_column_int64(statement, 0);
    sqlite3_finalize(statement);
    QCOMPARE(ids, QList<qint64>{1});
    QVERIFY(!textmatches::find(db, u"192.0.2.7"_s));
    sqlite3_close(db);
    // No connection at all (a Database asked from another thread has none).
    QVERIFY(!textmatches::find(nullptr, u"192.0.2.7"_s));
    QCOMPARE(textmatches::collect(nullptr, u"192.0.2.7"_s, &error), textmatches::Outcome::NotKeepable);
}

void TestTextMatches::classesInMemoryAgreeWithSql()
{
    QSqlQuery query(m_lab->connection());
    const QString sql = u"SELECT %1, %2, %3, %4 FROM (SELECT ? AS kind, ? AS status, ? AS code_class)"_s.arg(
        sql::attemptCondition(QString()), sql::temporaryCondition(QString()), sql::permanentCondition(QString()),
        sql::acceptedCondition(QString()));
    QVERIFY(query.prepare(sql));
    int attempts = 0;
    for (int kind = 0; kind < 8; ++kind) {
        for (int status = 0; status < 8; ++status) {
            for (const int codeClass : {0, 2, 3, 4, 5}) {
                query.addBindValue(kind);
                query.addBindValue(status);
                query.addBindValue(codeClass);
                QVERIFY(query.exec() && query.next());
                const sql::EventClass c = sql::classOf(kind, status, codeClass);
                const QString where = u"kind %1 status %2 class %3"_s.arg(kind).arg(status).arg(codeClass);
                QVERIFY2(c.attempt == query.value(0).toBool(), qPrintable(where));
                QVERIFY2(c.temporary == query.value(1).toBool(), qPrintable(where));
                QVERIFY2(c.permanent == query.value(2).toBool(), qPrintable(where));
                QVERIFY2(c.accepted == query.value(3).toBool(), qPrintable(where));
                attempts += c.attempt;
            }
        }
    }
    QVERIFY(attempts > 0);
}

QTEST_GUILESS_MAIN(TestTextMatches)
#include "tst_textmatches.moc"
