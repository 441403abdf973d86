// The one-page report: the timeline chart drawn by QPainter, the HTML (log text
// escaped, the advice in sentences, the figures) and the PDF of the lab sample, read
// back by poppler's pdftoppm and checked page by page and pixel by pixel.

#include "analysissupport.h"

#include "analysis/overview.h"
#include "report/page/onepagereport.h"
#include "report/page/timelinepainter.h"
#include "report/summarytext.h"

#include <QDir>
#include <QFileInfo>
#include <QGuiApplication>
#include <QImage>
#include <QProcess>
#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace rejectscope;

namespace {

constexpr std::int64_t minute = 60'000;
const std::int64_t t0 = analysistest::t0Ms;

const QColor temporaryColour(0xf0, 0xa0, 0x30);
const QColor permanentColour(0xa0, 0x1c, 0x1c);

bool near(QRgb pixel, const QColor &colour, int tolerance)
{
    return std::abs(qRed(pixel) - colour.red()) <= tolerance && std::abs(qGreen(pixel) - colour.green()) <= tolerance
        && std::abs(qBlue(pixel) - colour.blue()) <= tolerance;
}

int countNear(const QImage &image, const QRect &region, const QColor &colour, int tolerance = 30)
{
    int count = 0;
    const QRect r = region.intersected(image.rect());
    for (int y = r.top(); y <= r.bottom(); ++y) {
        for (int x = r.left(); x <= r.right(); ++x)
            count += near(image.pixel(x, y), colour, tolerance) ? 1 : 0;
    }
    return count;
}

// An overview made by hand: an hour of 4xx turning into 5xx at 08:30, a flood, a
// marker and one storm, one finding, one top client and sender.
Overview handMade(const QString &untrusted = u"client.example"_s)
{
    Overview o;
    o.spanFromMs = t0;
    o.spanToMs = t0 + 60 * minute;
    o.bucketMs = minute;
    for (int i = 0; i < 60; ++i) {
        TimeBucket b;
        b.startMs = t0 + i * minute;
        b.temporary = i < 30 ? 20 + (i % 7) : 1;
        b.permanent = i < 30 ? 0 : 6;
        b.accepted = 10;
        o.buckets << b;
    }
    o.floods << Flood{t0 + 10 * minute, t0 + 20 * minute, 400, 26, 5.0, ReasonClass::UnknownLocalRecipient};
    SwitchPoint p;
    p.timeMs = t0 + 30 * minute;
    p.reason = ReasonClass::UnknownLocalRecipient;
    p.temporaryBefore = 690;
    p.permanentAfter = 180;
    p.shareBefore = 1;
    p.shareAfter = 0.86;
    o.switchPoints << p;
    o.markers << Marker{1, t0 + 45 * minute, untrusted};
    MomentComparison card;
    card.timeMs = p.timeMs;
    card.label = u"inbound unknown-local-recipient: 4xx → 5xx"_s;
    card.switchPoint = p;
    card.figures.timeMs = p.timeMs;
    card.figures.windowMs = 20 * minute;
    card.figures.before = {460, 40, 420, 1380, 120, 1260, 11.5, 1.0};
    card.figures.after = {120, 40, 80, 360, 120, 240, 3.0, 0.1};
    card.figures.attemptsChange = -73.9;
    card.figures.keysChange = 0;
    card.figures.retriesChange = -81.0;
    card.figures.amplificationChange = -73.9;
    card.figures.temporaryShareChange = -90.0;
    o.comparisons << card;
    RetryChain storm;
    storm.attempts = 42;
    storm.temporaryAttempts = 41;
    storm.permanentAttempts = 1;
    storm.firstMs = t0;
    storm.lastMs = t0 + 31 * minute;
    storm.reason = ReasonClass::UnknownLocalRecipient;
    storm.outcome = ChainOutcome::RejectedForGood;
    storm.clientIp = untrusted;
    storm.sender = untrusted;
    storm.recipient = u"ghost6@in.lab.test"_s;
    storm.reply = untrusted;
    o.storms << storm;
    o.totals = {120, 1500, 1380, 12.5};
    Finding f;
    f.parameter = u"unknown_local_recipient_reject_code"_s;
    f.currentValue = u"450"_s;
    f.suggestedValue = u"550"_s;
    f.postfixDefault = u"550"_s;
    f.reason = ReasonClass::UnknownLocalRecipient;
    f.events = 1234;
    f.distinctSenders = 56;
    f.distinctClients = 3;
    f.retriesSaved = 789;
    f.exampleReply = untrusted;
    f.exampleSender = untrusted;
    f.exampleClient = untrusted;
    o.findings << f;
    o.topClients << TopEntry{untrusted, ReasonClass::UnknownLocalRecipient, 900, 800, 100, t0, t0};
    o.topSenders << TopEntry{untrusted, ReasonClass::UnknownLocalRecipient, 700, 650, 50, t0, t0};
    return o;
}

ReportContext contextOf(const QString &title = u"Lab"_s)
{
    ReportContext context;
    context.title = title;
    context.zone = QTimeZone::utc();
    context.generatedAtMs = t0 + 2 * 3600'000;
    return context;
}

} // namespace

class TestOnePageReport : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void timelineDrawsBarsInTheirColours();
    void timelineOfNothingHasNoBars();
    void timelineFitsAnySize_data();
    void timelineFitsAnySize();
    void htmlEscapesLogText_data();
    void htmlEscapesLogText();
    void htmlSaysTheFindingAndTheNumbers();
    void findingsPastTheLimitAreCounted_data();
    void findingsPastTheLimitAreCounted();
    void labPdfIsOnePageWithTheChart();
    void labHtmlWithItsChart();
    void failedWriteLeavesNoFile();

private:
    QTemporaryDir m_dir;
    Overview m_lab;
};

void TestOnePageReport::initTestCase()
{
    QVERIFY(m_dir.isValid());
    const auto database = analysistest::importedDatabase(m_dir, u"lab"_s, {analysistest::labLog()});
    QString error;
    const auto overview = loadOverview(*database, OverviewRequest{}, &error);
    QVERIFY2(overview, qPrintable(error));
    m_lab = *overview;
    QVERIFY(!m_lab.buckets.isEmpty());
    QVERIFY(!m_lab.findings.isEmpty());
}

void TestOnePageReport::timelineDrawsBarsInTheirColours()
{
    const QImage image = renderTimeline(handMade(), QTimeZone::utc(), QSize(600, 220), 1.0);
    QCOMPARE(image.size(), QSize(600, 220));
    // 4xx fill the first half, 5xx the second (below the legend, which has a swatch of each).
    const QRect left(0, 40, 300, 180);
    const QRect right(300, 40, 300, 180);
    const int temporaryLeft = countNear(image, left, temporaryColour);
    QVERIFY2(temporaryLeft > 5000, qPrintable(QString::number(temporaryLeft)));
    QVERIFY(countNear(image, right, temporaryColour) < temporaryLeft / 5);
    const int permanentRight = countNear(image, right, permanentColour);
    QVERIFY2(permanentRight > 1000, qPrintable(QString::number(permanentRight)));
    QCOMPARE(countNear(image, left, permanentColour), 0);
}

void TestOnePageReport::timelineOfNothingHasNoBars()
{
    Overview empty;
    empty.spanFromMs = t0;
    empty.spanToMs = t0 + 3600'000;
    const QImage image = renderTimeline(empty, QTimeZone::utc(), QSize(600, 220), 1.0);
    QCOMPARE(countNear(image, QRect(0, 40, 600, 180), permanentColour, 10), 0);
    QCOMPARE(countNear(image, QRect(0, 40, 600, 180), temporaryColour, 10), 0);
}

void TestOnePageReport::timelineFitsAnySize_data()
{
    QTest::addColumn<QSize>("size");
    QTest::addColumn<QString>("zone");
    QTest::newRow("thumbnail") << QSize(160, 60) << u"UTC"_s;
    QTest::newRow("page") << QSize(680, 250) << u"Europe/Berlin"_s;
    QTest::newRow("wide") << QSize(1600, 300) << u"America/New_York"_s;
}

void TestOnePageReport::timelineFitsAnySize()
{
    QFETCH(QSize, size);
    QFETCH(QString, zone);
    Overview o = handMade();
    o.spanToMs = o.spanFromMs + 90LL * 24 * 3600'000; // months: day ticks
    const QImage image = renderTimeline(o, QTimeZone(zone.toUtf8()), size, 2.0);
    QCOMPARE(image.size(), size * 2);
    QVERIFY(countNear(image, image.rect(), temporaryColour) > 0);
}

void TestOnePageReport::htmlEscapesLogText_data()
{
    QTest::addColumn<QString>("hostile");
    QTest::newRow("img") << u"<img src=x onerror=alert(1)>"_s;
    QTest::newRow("script") << u"</td><script>alert(1)</script>"_s;
    QTest::newRow("attribute") << u"\"><a href=\"javascript:alert(1)\">x</a>"_s;
}

void TestOnePageReport::htmlEscapesLogText()
{
    QFETCH(QString, hostile);
    const QString html = reportHtml(handMade(hostile), contextOf(hostile));
    QVERIFY2(!html.contains(hostile), qPrintable(html));
    QVERIFY(!html.contains(u"<script"_s));
    QVERIFY(!html.contains(u"<a "_s));
    QCOMPARE(html.count(u"<img"_s), 1); // the chart, nothing else
    QVERIFY(html.contains(hostile.toHtmlEscaped()));
}

void TestOnePageReport::htmlSaysTheFindingAndTheNumbers()
{
    const Overview o = handMade();
    const QString html = reportHtml(o, contextOf(), u"chart.png"_s);
    QVERIFY(html.contains(u"src=\"chart.png\""_s));
    QVERIFY2(html.contains(u"The server answered 450"_s), qPrintable(html));
    QVERIFY(html.contains(u"1,234 times to 56 sender(s) from 3 client(s)"_s));
    QVERIFY(html.contains(u"saving 789 retries"_s));
    QVERIFY(html.contains(u"unknown_local_recipient_reject_code = 550"_s));
    std::int64_t temporary = 0;
    std::int64_t permanent = 0;
    for (const TimeBucket &b : o.buckets) {
        temporary += b.temporary;
        permanent += b.permanent;
    }
    QVERIFY(html.contains(groupedNumber(temporary)));
    QVERIFY(html.contains(groupedNumber(permanent)));
    QVERIFY(html.contains(u"1,380"_s)); // retries
    QVERIFY(html.contains(u"12.50"_s)); // attempts per chain
    QVERIFY(html.contains(u"\u221281.0 %"_s)); // retries per hour, before → after
    QVERIFY(html.contains(u"\u221290.0 pts"_s)); // 4xx share, in percentage points
    QVERIFY(html.contains(u"1 deferral flood(s)."_s));
    QVERIFY(!html.contains(u"findings.csv"_s)); // every finding is shown
    QVERIFY(html.contains(u"2026-11-02 08:00 – 2026-11-02 09:00 (UTC)"_s));
}

// Findings past the page's limit are counted, in the plural form of their number.
void TestOnePageReport::findingsPastTheLimitAreCounted_data()
{
    QTest::addColumn<int>("findings");
    QTest::addColumn<int>("limit");
    QTest::addColumn<QString>("note");
    QTest::newRow("all shown") << 2 << 2 << QString();
    QTest::newRow("one more") << 3 << 2 << u"1 more finding(s) in findings.csv."_s;
    QTest::newRow("many more") << 12 << 2 << u"10 more finding(s) in findings.csv."_s;
}

void TestOnePageReport::findingsPastTheLimitAreCounted()
{
    QFETCH(int, findings);
    QFETCH(int, limit);
    QFETCH(QString, note);
    Overview o = handMade();
    while (o.findings.size() < findings)
        o.findings << o.findings.constFirst();
    ReportContext context = contextOf();
    context.maxFindings = limit;
    const QString html = reportHtml(o, context, u"chart.png"_s);
    QCOMPARE(html.count(u"The server answered 450"_s), limit);
    if (note.isEmpty())
        QVERIFY(!html.contains(u"findings.csv"_s));
    else
        QVERIFY2(html.contains(note), qPrintable(html));
}

void TestOnePageReport::labPdfIsOnePageWithTheChart()
{
    const QString pdftoppm = QStandardPaths::findExecutable(u"pdftoppm"_s);
    const QString pdf = m_dir.filePath(u"lab.pdf"_s);
    QString error;
    QVERIFY2(writeReportPdf(pdf, m_lab, contextOf(u"Lab maillog"_s), &error), qPrintable(error));
    QVERIFY(QFileInfo(pdf).size() > 10000);
    if (pdftoppm.isEmpty())
        QSKIP("pdftoppm (Debian package poppler-utils, installed by tools/dev.sh) is missing: "
              "the PDF was written but cannot be read back");
    QProcess process;
    process.start(pdftoppm, {u"-png"_s, u"-r"_s, u"50"_s, pdf, m_dir.filePath(u"page"_s)});
    QVERIFY(process.waitForFinished(60000));
    QCOMPARE(process.exitCode(), 0);
    const QStringList pages = QDir(m_dir.path()).entryList({u"page*.png"_s}, QDir::Files, QDir::Name);
    QCOMPARE(pages.size(), 1);
    const QImage page(m_dir.filePath(pages.first()));
    // A4 at 50 dpi: 413.4 × 584.6 pixels, rounded either way.
    QVERIFY2(qAbs(page.width() - 413) <= 1 && qAbs(page.height() - 585) <= 1, qPrintable(pages.first()));
    // The chart sits in the upper part of the page; its bars are amber and dark red.
    const QRect chart(0, 0, page.width(), page.height() / 2);
    QVERIFY2(countNear(page, chart, temporaryColour, 40) > 40, "no 4xx bars on the page");
    QVERIFY2(countNear(page, chart, permanentColour, 40) > 10, "no 5xx bars on the page");
}

void TestOnePageReport::labHtmlWithItsChart()
{
    const QString html = m_dir.filePath(u"lab report.html"_s);
    QString error;
    QVERIFY2(writeReportHtml(html, m_lab, contextOf(), &error), qPrintable(error));
    const QImage chart(m_dir.filePath(u"lab report-timeline.png"_s));
    QVERIFY(!chart.isNull());
    QVERIFY(countNear(chart, chart.rect(), temporaryColour) > 100);
    const QString text = QString::fromUtf8(testsupport::readAll(html));
    QVERIFY(text.contains(u"src=\"lab%20report-timeline.png\""_s));
    QVERIFY2(text.contains(u"Set <span class=\"setting\">unknown_local_recipient_reject_code = 550</span>"_s),
             qPrintable(text));
    std::int64_t temporary = 0;
    for (const TimeBucket &b : m_lab.buckets)
        temporary += b.temporary;
    QVERIFY(text.contains(groupedNumber(temporary)));
    QVERIFY(text.contains(groupedNumber(m_lab.totals.retries)));
}

void TestOnePageReport::failedWriteLeavesNoFile()
{
    const QString missing = m_dir.filePath(u"no/such/folder/report.pdf"_s);
    QString error;
    QVERIFY(!writeReportPdf(missing, handMade(), contextOf(), &error));
    QVERIFY2(error.contains(u"report.pdf"_s), qPrintable(error));
    QVERIFY(!QFileInfo::exists(missing));
    error.clear();
    QVERIFY(!writeReportHtml(m_dir.filePath(u"no/such/report.html"_s), handMade(), contextOf(), &error));
    QVERIFY(!error.isEmpty());
}

QTEST_MAIN(TestOnePageReport)
#include "tst_onepagereport.moc"
