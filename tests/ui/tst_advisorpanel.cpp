// The advisor panel: findings and before/after cards from hand-made values and from
// the real lab capture (resources/samples/lab), log text shown literally, the
// buttons' signals, the empty and loading states.

#include "advisor/advisorpanel.h"
#include "analysis/advisor.h"
#include "analysis/overview.h"
#include "analysissupport.h"
#include "language.h"
#include "settings.h"

#include <QAbstractButton>
#include <QApplication>
#include <QDir>
#include <QLabel>
#include <QLibraryInfo>
#include <QLocale>
#include <QProcess>
#include <QPushButton>
#include <QRegularExpression>
#include <QResource>
#include <QScrollArea>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QStyle>
#include <QTest>
#include <QTextDocument>

#include <cmath>
#include <limits>

using namespace Qt::StringLiterals;
using namespace rejectscope;

namespace {

// 2026-11-21 23:50:36 UTC and 23:59:38 UTC: the lab's start and its switch to 550.
constexpr qint64 labStartMs = 1795305036000LL;
constexpr qint64 labSwitchMs = 1795305578000LL;

Finding unknownLocal()
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
    f.firstMs = labStartMs;
    f.lastMs = labSwitchMs;
    f.exampleReply = u"450 4.1.1 <nobody@example.org>: Recipient address rejected: User unknown in local "
                     "recipient table"_s;
    f.exampleSender = u"alice@example.net"_s;
    f.exampleRecipient = u"nobody@example.org"_s;
    f.exampleClient = u"mail.example.net[192.0.2.10]"_s;
    return f;
}

Finding greylisting()
{
    Finding f;
    f.kind = Finding::Kind::Deliberate;
    f.reason = ReasonClass::Greylisted;
    f.events = 40;
    f.distinctSenders = 12;
    f.distinctClients = 9;
    f.firstMs = labStartMs;
    f.lastMs = labSwitchMs;
    f.exampleReply = u"450 4.2.0 <bob@example.org>: Recipient address rejected: Greylisted, see "
                     "http://postgrey.schweikert.ch/help/example.org.html"_s;
    return f;
}

MomentComparison switchCard()
{
    MomentComparison c;
    c.origin = MomentComparison::Origin::SwitchPoint;
    c.timeMs = labSwitchMs;
    c.label = u"inbound unknown-local-recipient: 4xx → 5xx"_s;
    SwitchPoint point;
    point.timeMs = labSwitchMs;
    point.reason = ReasonClass::UnknownLocalRecipient;
    c.switchPoint = point;
    c.figures.timeMs = labSwitchMs;
    c.figures.windowMs = 9 * analysistest::minuteMs;
    c.figures.before = {400, 150, 250, 2666.7, 1000.0, 1666.7, 2.67, 1.0};
    c.figures.after = {60, 55, 5, 400.0, 366.7, 33.3, 1.09, 0.0};
    c.figures.attemptsChange = -85.0;
    c.figures.keysChange = -63.3;
    c.figures.retriesChange = -98.0;
    c.figures.amplificationChange = -59.2;
    c.figures.temporaryShareChange = -100.0;
    return c;
}

MomentComparison markerCard()
{
    MomentComparison c;
    c.origin = MomentComparison::Origin::Marker;
    c.timeMs = labSwitchMs + analysistest::hourMs;
    c.label = u"postscreen enabled"_s;
    c.marker = Marker{42, c.timeMs, c.label};
    c.figures.timeMs = c.timeMs;
    c.figures.windowMs = analysistest::hourMs;
    c.figures.after = {10, 10, 0, 10, 10, 0, 1, 0};
    const double nan = std::numeric_limits<double>::quiet_NaN();
    c.figures.attemptsChange = nan;
    c.figures.keysChange = nan;
    c.figures.retriesChange = nan;
    c.figures.amplificationChange = nan;
    c.figures.temporaryShareChange = nan;
    return c;
}

QPushButton *button(const QWidget &root, const QString &text, int index = 0)
{
    QList<QPushButton *> found;
    for (QPushButton *b : root.findChildren<QPushButton *>()) {
        if (b->text() == text)
            found << b;
    }
    return index < found.size() ? found.at(index) : nullptr;
}

QList<QLabel *> visibleLabels(const QWidget &root)
{
    QList<QLabel *> labels;
    for (QLabel *label : root.findChildren<QLabel *>()) {
        if (label->isVisibleTo(&root))
            labels << label;
    }
    return labels;
}

// "Attempts per hour: 2,666.7 → 400.0 (−85.0 %)" → {before, after}.
std::pair<double, double> attemptsPerHour(const QString &cardText)
{
    static const QRegularExpression row(u"Attempts per hour: (\\S+) → (\\S+) \\("_s);
    const QRegularExpressionMatch m = row.match(cardText);
    if (!m.hasMatch())
        return {std::nan(""), std::nan("")};
    const QLocale locale;
    return {locale.toDouble(m.captured(1)), locale.toDouble(m.captured(2))};
}

// The program embeds the English plural forms under :/i18n; the ui library alone does
// not, so the test compiles translations/rejectscope_en.ts into a resource there.
bool provideEnglishPlurals(const QTemporaryDir &dir, QString *error)
{
    const QString ts = QStringLiteral(REJECTSCOPE_SOURCE_DIR) + u"/translations/rejectscope_en.ts"_s;
    const QString lrelease = QLibraryInfo::path(QLibraryInfo::BinariesPath) + u"/lrelease"_s;
    if (QProcess::execute(lrelease, {u"-silent"_s, ts, u"-qm"_s, dir.filePath(u"rejectscope_en.qm"_s)}) != 0) {
        *error = u"%1 could not compile %2"_s.arg(lrelease, ts);
        return false;
    }
    QFile qrc(dir.filePath(u"i18n.qrc"_s));
    if (!qrc.open(QIODevice::WriteOnly)) {
        *error = qrc.errorString();
        return false;
    }
    qrc.write("<RCC><qresource prefix=\"/i18n\"><file>rejectscope_en.qm</file></qresource></RCC>\n");
    qrc.close();
    const QString rccFile = dir.filePath(u"i18n.rcc"_s);
    const QString rcc = QLibraryInfo::path(QLibraryInfo::LibraryExecutablesPath) + u"/rcc"_s;
    if (QProcess::execute(rcc, {u"--binary"_s, qrc.fileName(), u"-o"_s, rccFile}) != 0
        || !QResource::registerResource(rccFile)) {
        *error = u"%1 could not build a resource of %2"_s.arg(rcc, qrc.fileName());
        return false;
    }
    return true;
}

} // namespace

class TestAdvisorPanel : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void emptyState();
    void loadingState();
    void findingCards();
    void deliberateFindingAdvisesNoChange();
    void logTextShownLiterally();
    void findingButton();
    void comparisonCards();
    void comparisonButtons();
    void timeZone();
    void labSample();
    void narrowWidth();
    void screenshots();

private:
    QTemporaryDir m_dir;
};

// The texts the cards show are the program's English: the language code it runs at
// start, following the system (C.UTF-8 under ctest), with the plural forms.
void TestAdvisorPanel::initTestCase()
{
    QVERIFY(m_dir.isValid());
    // Before the first settings() call: no language chosen, whatever the user's settings say.
    qputenv("XDG_CONFIG_HOME", m_dir.filePath(u"config"_s).toUtf8());
    QVERIFY2(settings().fileName().startsWith(m_dir.path()), qPrintable(settings().fileName()));
    QString error;
    QVERIFY2(provideEnglishPlurals(m_dir, &error), qPrintable(error));
    QCOMPARE(installTranslations(*qApp), u"en"_s);
}

void TestAdvisorPanel::emptyState()
{
    AdvisorPanel panel;
    panel.show();
    QVERIFY(panel.findingTexts().isEmpty());
    QVERIFY(panel.comparisonTexts().isEmpty());
    const QList<QLabel *> labels = visibleLabels(panel);
    QCOMPARE(labels.size(), 1);
    QVERIFY2(labels.first()->text().startsWith(u"Nothing to advise"_s), qPrintable(labels.first()->text()));

    panel.setFindings({unknownLocal()});
    for (QLabel *label : visibleLabels(panel))
        QVERIFY(!label->text().startsWith(u"Nothing to advise"_s));
    panel.setFindings({});
    QCOMPARE(visibleLabels(panel).size(), 1);
}

void TestAdvisorPanel::loadingState()
{
    AdvisorPanel panel;
    panel.show();
    panel.setLoading(true);
    QList<QLabel *> labels = visibleLabels(panel);
    QCOMPARE(labels.size(), 1);
    QVERIFY(labels.first()->text().startsWith(u"Working out"_s));
    panel.setFindings({unknownLocal()});
    panel.setLoading(false);
    for (QLabel *label : visibleLabels(panel))
        QVERIFY(!label->text().startsWith(u"Working out"_s));
}

void TestAdvisorPanel::findingCards()
{
    AdvisorPanel panel;
    panel.setTimeZone(QTimeZone::utc());
    panel.setFindings({unknownLocal(), greylisting()});
    const QStringList texts = panel.findingTexts();
    QCOMPARE(texts.size(), 2);
    const QStringList lines = texts.first().split(u'\n');
    QCOMPARE(lines.at(1), u"unknown_local_recipient_reject_code = 550"_s);
    QVERIFY2(lines.at(2).contains(u"1,234 times"_s), qPrintable(lines.at(2)));
    // %Ln groups as the locale in effect does: "1234" in the C locale ctest runs with.
    const QString events = QLocale().toString(1234) + u" events · "_s;
    QVERIFY2(texts.first().contains(events + u"56 senders · 3 clients · 789 retries to save"_s),
             qPrintable(texts.first()));
    QVERIFY2(texts.last().contains(u"40 events · 12 senders · 9 clients"_s), qPrintable(texts.last()));
    for (const QString &text : texts)
        QVERIFY2(!text.contains(u"(s)"_s), qPrintable(text));

    // One of each: the singular, for a sending server's peers too.
    Finding one = unknownLocal();
    one.direction = Direction::Outbound;
    one.events = 1;
    one.distinctSenders = 1;
    one.distinctClients = 1;
    one.retriesSaved = 1;
    panel.setFindings({one});
    const QString single = panel.findingTexts().value(0);
    QVERIFY2(single.contains(u"1 event · 1 sender · 1 remote server · 1 retry to save"_s), qPrintable(single));
    QVERIFY2(single.contains(u"to 1 sender from 1 client."_s), qPrintable(single));
    QVERIFY(texts.first().contains(u"Seen from 2026-11-21 23:50:36 UTC to 2026-11-21 23:59:38 UTC"_s));
    QVERIFY(texts.first().contains(u"Client: mail.example.net[192.0.2.10]"_s));
    QVERIFY(texts.first().contains(u"Reply: 450 4.1.1 <nobody@example.org>"_s));
}

void TestAdvisorPanel::deliberateFindingAdvisesNoChange()
{
    AdvisorPanel panel;
    panel.setFindings({greylisting()});
    const QString text = panel.findingTexts().value(0);
    QVERIFY2(text.contains(u"temporary on purpose"_s), qPrintable(text));
    QVERIFY2(!text.contains(u"Set "_s), qPrintable(text));
    QVERIFY2(!text.split(u'\n').value(1).contains(u'='), qPrintable(text));
    QVERIFY(!text.contains(u"retries to save"_s));
}

void TestAdvisorPanel::logTextShownLiterally()
{
    Finding f = unknownLocal();
    f.exampleSender = u"<b>x</b>"_s;
    f.exampleReply = u"<img src=x onerror=alert(1)>"_s;
    f.exampleClient = u"evil\u001b[31m.example[192.0.2.66]"_s;
    MomentComparison marker = markerCard();
    marker.label = u"<i>moved</i> & reloaded"_s;

    AdvisorPanel panel;
    panel.setFindings({f});
    panel.setComparisons({marker});
    panel.show();

    int senderLabels = 0;
    int replyLabels = 0;
    int markerLabels = 0;
    for (QLabel *label : panel.findChildren<QLabel *>()) {
        QCOMPARE(label->textFormat(), Qt::PlainText);
        QVERIFY(!label->text().contains(QChar(0x1b)));
        senderLabels += label->text().contains(u"<b>x</b>"_s);
        replyLabels += label->text().contains(u"<img src=x onerror=alert(1)>"_s);
        markerLabels += label->text() == u"<i>moved</i> & reloaded"_s;
    }
    QCOMPARE(senderLabels, 1);
    QVERIFY(replyLabels >= 1); // the reply field, and the sentence quotes it
    QCOMPARE(markerLabels, 1);
    QVERIFY(panel.findingTexts().first().contains(u"Client: evil\\x1b[31m.example[192.0.2.66]"_s));

    int escapedToolTips = 0;
    for (QWidget *widget : panel.findChildren<QWidget *>()) {
        const QString tip = widget->toolTip();
        if (tip.isEmpty())
            continue;
        QVERIFY2(!tip.contains(u"<img"_s) && !tip.contains(u"<b>x"_s), qPrintable(tip));
        // What the tooltip shows, read as the rich text Qt takes it for.
        QTextDocument document;
        document.setHtml(tip);
        const QString shown = document.toPlainText();
        escapedToolTips += shown == u"<img src=x onerror=alert(1)>"_s || shown == u"<b>x</b>"_s;
    }
    QCOMPARE(escapedToolTips, 2);
}

void TestAdvisorPanel::findingButton()
{
    AdvisorPanel panel;
    panel.setFindings({unknownLocal(), greylisting()});
    panel.show();
    QSignalSpy spy(&panel, &AdvisorPanel::findingActivated);
    QPushButton *second = button(panel, u"Show these events"_s, 1);
    QVERIFY(second);
    QTest::mouseClick(second, Qt::LeftButton);
    QCOMPARE(spy.size(), 1);
    const Finding activated = spy.first().first().value<Finding>();
    QCOMPARE(activated.kind, Finding::Kind::Deliberate);
    QCOMPARE(activated.reason, ReasonClass::Greylisted);
    QTest::mouseClick(button(panel, u"Show these events"_s, 0), Qt::LeftButton);
    QCOMPARE(spy.size(), 2);
    QCOMPARE(spy.at(1).first().value<Finding>().parameter, u"unknown_local_recipient_reject_code"_s);
}

void TestAdvisorPanel::comparisonCards()
{
    AdvisorPanel panel;
    panel.setTimeZone(QTimeZone::utc());
    panel.setComparisons({switchCard(), markerCard()});
    panel.show();
    const QStringList texts = panel.comparisonTexts();
    QCOMPARE(texts.size(), 2);
    QVERIFY2(texts.at(0).contains(u"inbound unknown-local-recipient: 4xx → 5xx"_s), qPrintable(texts.at(0)));
    QVERIFY(texts.at(0).contains(u"2026-11-21 23:59:38 UTC · 9 min before and after"_s));
    const auto [before, after] = attemptsPerHour(texts.at(0));
    QCOMPARE(before, 2666.7);
    QCOMPARE(after, 400.0);
    QVERIFY2(texts.at(0).contains(u"(\u221285.0 %)"_s), qPrintable(texts.at(0)));
    QVERIFY(texts.at(0).contains(u"Amplification: 2.67 → 1.09 (\u221259.2 %)"_s));
    QVERIFY(texts.at(0).contains(u"4xx share: 100.0 % → 0.0 % (\u2212100.0 pts)"_s));
    // Nothing before the marker: no change to give.
    QVERIFY2(texts.at(1).contains(u"Attempts per hour: 0.0 → 10.0 (\u2014)"_s), qPrintable(texts.at(1)));
    QVERIFY(texts.at(1).contains(u"4xx share: 0.0 % → 0.0 % (\u2014)"_s));
    QVERIFY(texts.at(1).contains(u"postscreen enabled"_s));
    // Findings are empty but the comparisons are not: say so under the heading.
    bool saysNothingToChange = false;
    for (QLabel *label : visibleLabels(panel))
        saysNothingToChange |= label->text().contains(u"nothing to change"_s);
    QVERIFY(saysNothingToChange);
}

void TestAdvisorPanel::comparisonButtons()
{
    AdvisorPanel panel;
    panel.setComparisons({switchCard(), markerCard()});
    panel.show();
    QSignalSpy moments(&panel, &AdvisorPanel::momentActivated);
    QSignalSpy removals(&panel, &AdvisorPanel::markerRemovalRequested);
    QTest::mouseClick(button(panel, u"Show on timeline"_s, 1), Qt::LeftButton);
    QTest::mouseClick(button(panel, u"Show on timeline"_s, 0), Qt::LeftButton);
    QCOMPARE(moments.size(), 2);
    QCOMPARE(moments.at(0).first().toLongLong(), labSwitchMs + analysistest::hourMs);
    QCOMPARE(moments.at(1).first().toLongLong(), labSwitchMs);
    // Only the marker can be removed.
    QVERIFY(!button(panel, u"Remove marker"_s, 1));
    QTest::mouseClick(button(panel, u"Remove marker"_s), Qt::LeftButton);
    QCOMPARE(removals.size(), 1);
    QCOMPARE(removals.first().first().toLongLong(), 42);
}

void TestAdvisorPanel::timeZone()
{
    AdvisorPanel panel;
    panel.setTimeZone(QTimeZone::utc());
    panel.setFindings({unknownLocal()});
    panel.setComparisons({switchCard()});
    QVERIFY(panel.findingTexts().first().contains(u"2026-11-21 23:50:36 UTC"_s));
    panel.setTimeZone(QTimeZone("Europe/Berlin"));
    QVERIFY2(panel.findingTexts().first().contains(u"2026-11-22 00:50:36"_s), qPrintable(panel.findingTexts().first()));
    QVERIFY(panel.comparisonTexts().first().contains(u"2026-11-22 00:59:38"_s));
    QCOMPARE(panel.findingTexts().size(), 1);
    QCOMPARE(panel.comparisonTexts().size(), 1);
}

void TestAdvisorPanel::labSample()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    auto database = analysistest::importedDatabase(dir, u"lab"_s, {analysistest::labLog()});
    QString error;
    const std::optional<Overview> overview = loadOverview(*database, OverviewRequest{}, &error);
    QVERIFY2(overview, qPrintable(error));

    AdvisorPanel panel;
    panel.setTimeZone(QTimeZone::utc());
    panel.setFindings(overview->findings);
    panel.setComparisons(overview->comparisons);
    panel.show();

    const QStringList findings = panel.findingTexts();
    QCOMPARE(findings.size(), overview->findings.size());
    const auto advice = std::find_if(findings.cbegin(), findings.cend(), [](const QString &text) {
        return text.split(u'\n').value(1) == u"unknown_local_recipient_reject_code = 550"_s;
    });
    QVERIFY2(advice != findings.cend(), qPrintable(findings.join(u"\n\n"_s)));
    QVERIFY(advice->contains(u"Seen from 2026-11-21 23:5"_s));

    // The switch at 23:59:38: the card after it shows fewer attempts per hour.
    const QStringList comparisons = panel.comparisonTexts();
    QCOMPARE(comparisons.size(), overview->comparisons.size());
    int switchCards = 0;
    for (qsizetype i = 0; i < comparisons.size(); ++i) {
        const MomentComparison &c = overview->comparisons.at(i);
        if (!c.switchPoint || c.switchPoint->direction != Direction::Inbound
            || c.switchPoint->reason != ReasonClass::UnknownLocalRecipient || std::abs(c.timeMs - labSwitchMs) > 60'000)
            continue;
        ++switchCards;
        QVERIFY2(comparisons.at(i).contains(u"2026-11-21 23:59:"_s), qPrintable(comparisons.at(i)));
        const auto [before, after] = attemptsPerHour(comparisons.at(i));
        QVERIFY2(before > 0 && after < before, qPrintable(comparisons.at(i)));
        QVERIFY(comparisons.at(i).contains(u"Attempts per hour: "_s));
        QVERIFY(comparisons.at(i).contains(u"(\u2212"_s));
    }
    QCOMPARE(switchCards, 1);
}

// A narrow dock: the cards wrap and shorten rather than push the panel wider.
void TestAdvisorPanel::narrowWidth()
{
    Finding f = unknownLocal();
    f.exampleReply = QString(400, u'x');
    f.exampleRecipient = u"a-very-long-local-part-that-goes-on-and-on-and-on@an-equally-long-domain.example.org"_s;
    AdvisorPanel panel;
    panel.setFindings({f, greylisting()});
    panel.setComparisons({switchCard(), markerCard()});
    const QWidget *content = panel.findChild<QScrollArea *>()->widget();
    // The before/after grid is the widest part: a name and three figures.
    const int limit = panel.fontMetrics().averageCharWidth() * 70;
    QVERIFY2(content->minimumSizeHint().width() <= limit,
             qPrintable(u"%1 > %2"_s.arg(content->minimumSizeHint().width()).arg(limit)));
}

// Pictures of the panel with the lab's findings, in the palette given, for a person to
// look at: written when REJECTSCOPE_SCREENSHOT_DIR names a folder.
void TestAdvisorPanel::screenshots()
{
    QTemporaryDir dir;
    auto database = analysistest::importedDatabase(dir, u"lab"_s, {analysistest::labLog()});
    QString error;
    std::optional<Overview> overview = loadOverview(*database, OverviewRequest{}, &error);
    QVERIFY2(overview, qPrintable(error));
    QList<MomentComparison> comparisons = overview->comparisons;
    comparisons << markerCard();

    const QString folder = qEnvironmentVariable("REJECTSCOPE_SCREENSHOT_DIR");
    const QPalette light = QApplication::style()->standardPalette();
    QPalette dark;
    dark.setColor(QPalette::Window, QColor(0x2b, 0x2d, 0x30));
    dark.setColor(QPalette::WindowText, QColor(0xe6, 0xe6, 0xe6));
    dark.setColor(QPalette::Base, QColor(0x1e, 0x1f, 0x22));
    dark.setColor(QPalette::AlternateBase, QColor(0x26, 0x28, 0x2b));
    dark.setColor(QPalette::Text, QColor(0xe6, 0xe6, 0xe6));
    dark.setColor(QPalette::Button, QColor(0x3a, 0x3d, 0x41));
    dark.setColor(QPalette::ButtonText, QColor(0xe6, 0xe6, 0xe6));
    dark.setColor(QPalette::Highlight, QColor(0x3d, 0x7a, 0xd6));
    dark.setColor(QPalette::PlaceholderText, QColor(0xe6, 0xe6, 0xe6, 150));
    dark.setColor(QPalette::ToolTipBase, QColor(0x3a, 0x3d, 0x41));
    dark.setColor(QPalette::ToolTipText, QColor(0xe6, 0xe6, 0xe6));

    for (const auto &[name, palette] : {std::pair{u"light"_s, light}, std::pair{u"dark"_s, dark}}) {
        QApplication::setPalette(palette);
        AdvisorPanel panel;
        panel.setTimeZone(QTimeZone::utc());
        panel.setFindings(overview->findings + QList<Finding>{greylisting()});
        panel.setComparisons(comparisons);
        panel.resize(panel.fontMetrics().averageCharWidth() * 90, panel.fontMetrics().height() * 20);
        panel.show();
        // The whole column, not only what the scroll area shows.
        QWidget *content = panel.findChild<QScrollArea *>()->widget();
        panel.resize(panel.width(), content->heightForWidth(content->width()) + panel.fontMetrics().height());
        const QImage image = panel.grab().toImage();
        QVERIFY(!image.isNull());
        // The panel's own background follows the palette.
        const QColor corner = image.pixelColor(2, 2);
        QCOMPARE(corner.lightness() < 128, name == u"dark"_s);
        if (!folder.isEmpty())
            QVERIFY(image.save(QDir(folder).filePath(u"advisorpanel-%1.png"_s.arg(name))));
    }
    QApplication::setPalette(light);
}

QTEST_MAIN(TestAdvisorPanel)
#include "tst_advisorpanel.moc"
