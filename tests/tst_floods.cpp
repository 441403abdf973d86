// Time buckets and deferral floods: counts by class from the per-minute tables
// (and from the events for free text), the lab sample's totals against its
// ground truth, and the flood rule: a burst well above the baseline is found, a
// steady stream is not, and the minimum number of attempts holds.

#include "analysis/filtersql.h"
#include "analysis/floods.h"
#include "analysis/overview.h"
#include "analysissupport.h"
#include "store/textmatches.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace rejectscope;
using namespace analysistest;

namespace {

QByteArray recipient(int i)
{
    return "u" + QByteArray::number(i) + "@in.lab.test";
}

// Six classes of attempt in six minutes from t0: 3 inbound 450, 2 inbound 550,
// an outbound deferral, a bounce, two sent and a SOFTBOUNCE.
QByteArray classesLog()
{
    Log log;
    int n = 0;
    const auto add = [&](const QString &shapeName, qint64 ms, int count) {
        for (int i = 0; i < count; ++i) {
            const Shape s = shape(shapeName);
            ++n;
            const QByteArray line = shapeName.startsWith(u"inbound"_s)
                ? s.at(ms + i * 1000, recipient(n), "192.0.2.1")
                : s.at(ms + i * 1000, recipient(n), "AB" + QByteArray::number(100000 + n));
            log.add(ms + i * 1000, line);
        }
    };
    add(u"inbound-450"_s, t0Ms, 3);
    add(u"inbound-550"_s, t0Ms + minuteMs, 2);
    add(u"outbound-deferred-450"_s, t0Ms + 2 * minuteMs, 1);
    add(u"outbound-bounced-550"_s, t0Ms + 3 * minuteMs, 1);
    add(u"outbound-sent"_s, t0Ms + 4 * minuteMs, 2);
    add(u"outbound-softbounce-550"_s, t0Ms + 5 * minuteMs, 1);
    return log.text();
}

struct Counts {
    qint64 temporary = 0, permanent = 0, accepted = 0;
    bool operator==(const Counts &) const = default;
};

Counts sum(const QList<TimeBucket> &buckets)
{
    Counts c;
    for (const TimeBucket &b : buckets) {
        c.temporary += b.temporary;
        c.permanent += b.permanent;
        c.accepted += b.accepted;
    }
    return c;
}

char *toString(const Counts &c)
{
    return qstrdup(QByteArray("4xx " + QByteArray::number(c.temporary) + ", 5xx " + QByteArray::number(c.permanent)
                              + ", 2xx " + QByteArray::number(c.accepted))
                       .constData());
}

QList<TimeBucket> bucketsOf(Database &db, const AnalysisFilter &filter, qint64 bucketMs)
{
    QString error;
    const auto buckets = timeBuckets(db, filter, bucketMs, &error);
    if (!buckets)
        qFatal("timeBuckets failed: %s", qPrintable(error));
    return *buckets;
}

QList<Flood> floodsOf(Database &db, const AnalysisFilter &filter, const FloodOptions &options)
{
    QString error;
    const auto floods = findFloods(db, filter, options, &error);
    if (!floods)
        qFatal("findFloods failed: %s", qPrintable(error));
    return *floods;
}

// `perBucket` inbound 450s in every 5-minute bucket of `hours` hours from t0, each
// from its own key, plus `burst` more spread over the buckets from `burstMinute`
// (two buckets' worth of minutes).
QByteArray floodLog(int hours, int perBucket, int burstMinute, int burst)
{
    Log log;
    const Shape reject = shape(u"inbound-450"_s);
    int n = 0;
    for (int bucket = 0; bucket < hours * 12; ++bucket) {
        for (int i = 0; i < perBucket; ++i) {
            const qint64 ms = t0Ms + bucket * 5 * minuteMs + (i * 5 * minuteMs) / perBucket;
            log.add(ms, reject.at(ms, recipient(++n)));
        }
    }
    for (int i = 0; i < burst; ++i) {
        const qint64 ms = t0Ms + burstMinute * minuteMs + (i * 10 * minuteMs) / burst;
        log.add(ms, reject.at(ms, recipient(++n), "198.51.100.7"));
    }
    return log.text();
}

} // namespace

class TestFloods : public QObject
{
    Q_OBJECT

private slots:
    void bucketsCountByClass();
    void bucketsFollowNewEvents();
    void bucketsWithinARangeAreTheWholeSpans();
    void readOnlyConnectionCountsTheSame();
    void labTotalsEqualGroundTruth();
    void burstWellAboveBaselineIsAFlood();
    void steadyStreamIsNoFlood();
    void minimumAttempts();

private:
    QTemporaryDir m_dir;
};

void TestFloods::bucketsCountByClass()
{
    auto db = databaseOf(m_dir, u"classes"_s, classesLog());
    AnalysisFilter filter;
    filter.fromMs = t0Ms;
    filter.toMs = t0Ms + 10 * minuteMs;

    // Minute buckets: SOFTBOUNCE is retried (4xx) whatever its 550; sent is 2xx.
    QList<TimeBucket> buckets = bucketsOf(*db, filter, minuteMs);
    QCOMPARE(buckets.size(), 6);
    const QList<Counts> expected{{3, 0, 0}, {0, 2, 0}, {1, 0, 0}, {0, 1, 0}, {0, 0, 2}, {1, 0, 0}};
    for (int i = 0; i < 6; ++i) {
        QCOMPARE(buckets[i].startMs, t0Ms + i * minuteMs);
        QCOMPARE((Counts{buckets[i].temporary, buckets[i].permanent, buckets[i].accepted}), expected[i]);
    }
    // Five-minute buckets start at the filter's first minute.
    buckets = bucketsOf(*db, filter, 5 * minuteMs);
    QCOMPARE(buckets.size(), 2);
    QCOMPARE((Counts{buckets[0].temporary, buckets[0].permanent, buckets[0].accepted}), (Counts{4, 3, 2}));
    QCOMPARE((Counts{buckets[1].temporary, buckets[1].permanent, buckets[1].accepted}), (Counts{1, 0, 0}));
    AnalysisFilter shifted = filter;
    shifted.fromMs = t0Ms - 2 * minuteMs;
    buckets = bucketsOf(*db, shifted, 5 * minuteMs);
    QCOMPARE(buckets.size(), 2);
    QCOMPARE(buckets[0].startMs, t0Ms - 2 * minuteMs);
    QCOMPARE((Counts{buckets[0].temporary, buckets[0].permanent, buckets[0].accepted}), (Counts{4, 2, 0}));

    // Whole hours (attempt_hour) and no range at all.
    AnalysisFilter hours;
    hours.fromMs = t0Ms;
    hours.toMs = t0Ms + 2 * hourMs;
    QCOMPARE(sum(bucketsOf(*db, hours, hourMs)), (Counts{5, 3, 2}));
    QCOMPARE(bucketsOf(*db, hours, hourMs).first().startMs, t0Ms);
    QCOMPARE(sum(bucketsOf(*db, AnalysisFilter{}, 24 * hourMs)), (Counts{5, 3, 2}));

    // Direction, reason, code class and free text.
    AnalysisFilter f = filter;
    f.direction = Direction::Inbound;
    QCOMPARE(sum(bucketsOf(*db, f, 5 * minuteMs)), (Counts{3, 2, 0}));
    f = filter;
    f.direction = Direction::Outbound;
    QCOMPARE(sum(bucketsOf(*db, f, 5 * minuteMs)), (Counts{2, 1, 2}));
    f = filter;
    f.codeClass = 4;
    QCOMPARE(sum(bucketsOf(*db, f, 5 * minuteMs)), (Counts{5, 0, 0}));
    f = filter;
    f.reason = ReasonClass::Delivered;
    QCOMPARE(sum(bucketsOf(*db, f, 5 * minuteMs)), (Counts{0, 0, 2}));
    f = filter;
    f.text = u"U1@IN.lab"_s; // u1, u10…: only u1 exists
    QCOMPARE(sum(bucketsOf(*db, f, minuteMs)), (Counts{1, 0, 0}));
    f.text = u"192.0.2.1"_s;
    QCOMPARE(sum(bucketsOf(*db, f, minuteMs)), (Counts{3, 2, 0}));

    QString error;
    QVERIFY(!timeBuckets(*db, filter, 30 * 1000, &error));
    QVERIFY(!error.isEmpty());
}

void TestFloods::bucketsWithinARangeAreTheWholeSpans()
{
    // A search's bars of a chosen range come first: they must be exactly the whole
    // span's buckets that overlap it, on the same grid, whatever the span's start.
    auto db = databaseOf(m_dir, u"within"_s, floodLog(30, 3, 9 * 60 + 2, 25));
    const auto read = [&](OverviewRequest request) {
        request.withFloods = false;
        request.withMoments = false;
        QString error;
        auto overview = loadOverviewTimeline(*db, request, &error);
        if (!overview)
            qFatal("loadOverviewTimeline failed: %s", qPrintable(error));
        return *overview;
    };
    for (const QString &text : {u"198.51.100.7"_s, u"in.lab.test"_s}) {
        for (const std::optional<qint64> spanFrom : {std::optional<qint64>(), std::optional<qint64>(t0Ms + 7 * minuteMs + 1234)}) {
            for (const qint64 bucketMs : {minuteMs, 5 * minuteMs, 7 * minuteMs, hourMs}) {
                OverviewRequest request;
                request.filter.text = text;
                request.filter.fromMs = spanFrom;
                request.bucketMs = bucketMs;
                textmatches::forgetAll();
                const Overview whole = read(request);
                QVERIFY(!whole.bucketsPartial);
                // The whole log's bars of a search keep its matches; a range's do not.
                QCOMPARE(sql::textMatchesKept(*db, text), !spanFrom);
                QVERIFY(!whole.buckets.isEmpty());
                for (const auto &[from, to] : {std::pair{t0Ms + 9 * hourMs + 17 * 1000, t0Ms + 9 * hourMs + 41 * minuteMs},
                                               std::pair{t0Ms - hourMs, t0Ms + 3 * minuteMs},
                                               std::pair{t0Ms + 29 * hourMs + 59 * minuteMs, t0Ms + 40 * hourMs}}) {
                    request.bucketsWithin = std::pair{from, to};
                    // With the text's matches kept, a range first is no quicker:
                    // the whole span's bars come at once.
                    if (!spanFrom)
                        QCOMPARE(textmatches::collect(db->nativeHandle(), text, nullptr), textmatches::Outcome::Kept);
                    const Overview kept = read(request);
                    QCOMPARE(kept.bucketsPartial, !!spanFrom);
                    textmatches::forgetAll();
                    const Overview part = read(request);
                    QVERIFY(part.bucketsPartial);
                    if (!spanFrom) {
                        QCOMPARE(kept.buckets.size(), whole.buckets.size());
                        for (qsizetype i = 0; i < whole.buckets.size(); ++i)
                            QCOMPARE(kept.buckets[i].temporary, whole.buckets[i].temporary);
                    }
                    QCOMPARE(part.bucketMs, whole.bucketMs);
                    QList<TimeBucket> expected;
                    for (const TimeBucket &bucket : whole.buckets) {
                        if (bucket.startMs + bucketMs > from && bucket.startMs < to)
                            expected << bucket;
                    }
                    QCOMPARE(part.buckets.size(), expected.size());
                    for (qsizetype i = 0; i < expected.size(); ++i) {
                        QCOMPARE(part.buckets[i].startMs, expected[i].startMs);
                        QCOMPARE(part.buckets[i].temporary, expected[i].temporary);
                    }
                    request.bucketsWithin.reset();
                }
            }
        }
    }
}

void TestFloods::bucketsFollowNewEvents()
{
    auto db = databaseOf(m_dir, u"grows"_s, classesLog());
    QCOMPARE(sum(bucketsOf(*db, AnalysisFilter{}, hourMs)), (Counts{5, 3, 2}));
    const QString more = m_dir.filePath(u"grows-more.log"_s);
    QVERIFY(testsupport::writeFile(more, shape(u"inbound-450"_s).at(t0Ms + 30 * minuteMs, "late@in.lab.test")));
    Importer importer(*db, utcOptions());
    QCOMPARE(importer.importFile(more).outcome, ImportReport::Outcome::Imported);
    QCOMPARE(sum(bucketsOf(*db, AnalysisFilter{}, hourMs)), (Counts{6, 3, 2}));
    QCOMPARE(sum(bucketsOf(*db, AnalysisFilter{}, minuteMs)), (Counts{6, 3, 2}));

    // An older log imported later, and one hour further on: only their minutes
    // are summed again, and every bucket is right.
    const QString older = m_dir.filePath(u"grows-older.log"_s);
    QVERIFY(testsupport::writeFile(older, shape(u"inbound-550"_s).at(t0Ms - 3 * hourMs, "old@in.lab.test")
                                              + shape(u"inbound-450"_s).at(t0Ms + 5 * hourMs, "new@in.lab.test")));
    QCOMPARE(importer.importFile(older).outcome, ImportReport::Outcome::Imported);
    const QList<TimeBucket> hours = bucketsOf(*db, AnalysisFilter{}, hourMs);
    QCOMPARE(sum(hours), (Counts{7, 4, 2}));
    QCOMPARE(hours.size(), 3);
    QCOMPARE(hours[0].startMs, t0Ms - 3 * hourMs);
    QCOMPARE((Counts{hours[0].temporary, hours[0].permanent, hours[0].accepted}), (Counts{0, 1, 0}));
    QCOMPARE((Counts{hours[1].temporary, hours[1].permanent, hours[1].accepted}), (Counts{6, 3, 2}));
    QCOMPARE(hours[2].startMs, t0Ms + 5 * hourMs);
    QCOMPARE(sum(bucketsOf(*db, AnalysisFilter{}, minuteMs)), (Counts{7, 4, 2}));
}

void TestFloods::readOnlyConnectionCountsTheSame()
{
    // A read-only connection cannot bring the per-minute tables up to date after
    // an import: it sums minute_count itself, to the same numbers.
    auto db = databaseOf(m_dir, u"readonly"_s, classesLog());
    Database reader(db->path());
    QVERIFY(reader.open(Database::Mode::ReadOnly));
    AnalysisFilter filter;
    filter.fromMs = t0Ms;
    filter.toMs = t0Ms + 10 * minuteMs;
    const QList<TimeBucket> stale = bucketsOf(reader, filter, minuteMs);
    QCOMPARE(stale.size(), 6);
    QCOMPARE(sum(stale), (Counts{5, 3, 2}));
    QCOMPARE(sum(bucketsOf(reader, AnalysisFilter{}, hourMs)), (Counts{5, 3, 2}));
    AnalysisFilter outbound;
    outbound.direction = Direction::Outbound;
    QCOMPARE(sum(bucketsOf(reader, outbound, 5 * minuteMs)), (Counts{2, 1, 2}));
    const QList<TimeBucket> current = bucketsOf(*db, filter, minuteMs);
    QCOMPARE(current.size(), stale.size());
    for (int i = 0; i < current.size(); ++i) {
        QCOMPARE(current[i].startMs, stale[i].startMs);
        QCOMPARE(current[i].temporary, stale[i].temporary);
    }
    QString error;
    QVERIFY(findFloods(reader, AnalysisFilter{}, FloodOptions{}, &error));
}

void TestFloods::labTotalsEqualGroundTruth()
{
    auto db = importedDatabase(m_dir, u"lab"_s, {labLog()});
    const QJsonObject truth = QJsonDocument::fromJson(testsupport::readAll(QStringLiteral(
                                                          REJECTSCOPE_SOURCE_DIR "/resources/samples/lab/ground-truth.json")))
                                  .object();
    const QJsonObject receiver = truth.value(u"receiver"_s).toObject();
    const QJsonObject sender = truth.value(u"sender"_s).toObject();
    const auto n = [](const QJsonObject &o, const char16_t *key) { return o.value(QStringView(key)).toInteger(); };

    AnalysisFilter inbound;
    inbound.direction = Direction::Inbound;
    QCOMPARE(sum(bucketsOf(*db, inbound, minuteMs)),
             (Counts{n(receiver, u"reject_rcpt_450"), n(receiver, u"reject_rcpt_550"), 0}));
    AnalysisFilter outbound;
    outbound.direction = Direction::Outbound;
    QCOMPARE(sum(bucketsOf(*db, outbound, hourMs)),
             (Counts{n(sender, u"status_deferred") + n(sender, u"status_SOFTBOUNCE"), n(sender, u"status_bounced"),
                     n(sender, u"status_sent") + n(receiver, u"accepted_deliveries_discard_sent")}));

    // Up to the minute after the switch (23:59:38): every 450 of phase 1, none of
    // the soft_bounce phase (from 00:04:41).
    inbound.toMs = 1795305600000LL; // 2026-11-22 00:00:00 UTC
    QCOMPARE(sum(bucketsOf(*db, inbound, minuteMs)).temporary, n(receiver, u"reject_450_before_switch_second"));
}

void TestFloods::burstWellAboveBaselineIsAFlood()
{
    // Ten hours of two 450s per five minutes, and sixty more in minutes 300-309.
    auto db = databaseOf(m_dir, u"burst"_s, floodLog(10, 2, 300, 60));
    const QList<Flood> floods = floodsOf(*db, AnalysisFilter{}, FloodOptions{});
    QCOMPARE(floods.size(), 1);
    QCOMPARE(floods[0].startMs, t0Ms + 300 * minuteMs);
    QCOMPARE(floods[0].endMs, t0Ms + 310 * minuteMs);
    QCOMPARE(floods[0].attempts, 60 + 2 * 2);
    QCOMPARE(floods[0].peakBucketAttempts, 30 + 2);
    QCOMPARE(floods[0].baseline, 2.0);
    QCOMPARE(floods[0].mainReason, ReasonClass::UnknownLocalRecipient);

    // The filter's direction and code class: nothing outbound, nothing 4xx among 5xx.
    AnalysisFilter outbound;
    outbound.direction = Direction::Outbound;
    QVERIFY(floodsOf(*db, outbound, FloodOptions{}).isEmpty());
    AnalysisFilter permanent;
    permanent.codeClass = 5;
    QVERIFY(floodsOf(*db, permanent, FloodOptions{}).isEmpty());
    // Free text finds the burst's own client only: its buckets are all it has.
    AnalysisFilter burstClient;
    burstClient.text = u"198.51.100.7"_s;
    FloodOptions small;
    small.minimumAttempts = 5;
    QVERIFY(floodsOf(*db, burstClient, small).isEmpty()); // its own baseline is the burst
}

void TestFloods::steadyStreamIsNoFlood()
{
    // Thirty 450s in every five minutes for five hours: busy, but its own baseline.
    auto db = databaseOf(m_dir, u"steady"_s, floodLog(5, 30, 0, 0));
    QVERIFY(floodsOf(*db, AnalysisFilter{}, FloodOptions{}).isEmpty());
    FloodOptions tight;
    tight.factor = 1.0; // every bucket reaches the baseline: one flood over the whole stream
    const QList<Flood> all = floodsOf(*db, AnalysisFilter{}, tight);
    QCOMPARE(all.size(), 1);
    QCOMPARE(all[0].attempts, 5 * 12 * 30);
}

void TestFloods::minimumAttempts()
{
    // One 450 per five minutes and a burst of 10 (5 + 1 in each of two buckets):
    // six times the baseline, but fewer than the 20 attempts a flood needs.
    auto db = databaseOf(m_dir, u"minimum"_s, floodLog(10, 1, 300, 10));
    QVERIFY(floodsOf(*db, AnalysisFilter{}, FloodOptions{}).isEmpty());
    FloodOptions lower;
    lower.minimumAttempts = 5;
    const QList<Flood> floods = floodsOf(*db, AnalysisFilter{}, lower);
    QCOMPARE(floods.size(), 1);
    QCOMPARE(floods[0].attempts, 10 + 2);
    QCOMPARE(floods[0].baseline, 1.0);
}

QTEST_GUILESS_MAIN(TestFloods)
#include "tst_floods.moc"
