// The German translation: every message of translations/rejectscope_de.ts finished
// and true to its source's placeholders, the .ts in step with the sources lupdate
// reads, and the language chosen in the settings installed by the code the program
// runs at start. English: the plural forms of translations/rejectscope_en.ts, so
// that no "(s)" reaches the user.

#include "analysis/advisor.h"
#include "language.h"
#include "mainwindow.h"
#include "report/findingtext.h"
#include "settings.h"

#include <QDirIterator>
#include <QFileInfo>
#include <QLibraryInfo>
#include <QLocale>
#include <QMenu>
#include <QMenuBar>
#include <QProcess>
#include <QRegularExpression>
#include <QResource>
#include <QTemporaryDir>
#include <QTranslator>
#include <QXmlStreamReader>
#include <QtTest>

#include <algorithm>

using namespace Qt::StringLiterals;
using namespace rejectscope;

namespace {

struct TsMessage
{
    QString context;
    QString source;
    QString type; // "unfinished", "obsolete", "vanished" or empty
    bool numerus = false;
    QStringList translations; // one, or one per plural form
};

QString sourceDir()
{
    return QStringLiteral(REJECTSCOPE_SOURCE_DIR);
}

QString tsPath()
{
    return sourceDir() + u"/translations/rejectscope_de.ts"_s;
}

QString englishTsPath()
{
    return sourceDir() + u"/translations/rejectscope_en.ts"_s;
}

QList<TsMessage> readTs(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = file.errorString();
        return {};
    }
    QList<TsMessage> messages;
    QString context;
    QXmlStreamReader xml(&file);
    while (!xml.atEnd()) {
        if (xml.readNext() != QXmlStreamReader::StartElement)
            continue;
        if (xml.name() == "name"_L1) {
            context = xml.readElementText();
        } else if (xml.name() == "message"_L1) {
            TsMessage message{context, {}, {}, xml.attributes().value("numerus"_L1) == "yes"_L1, {}};
            while (xml.readNextStartElement()) {
                if (xml.name() == "source"_L1) {
                    message.source = xml.readElementText();
                } else if (xml.name() == "translation"_L1) {
                    message.type = xml.attributes().value("type"_L1).toString();
                    if (message.numerus) {
                        while (xml.readNextStartElement())
                            message.translations << xml.readElementText();
                    } else {
                        message.translations << xml.readElementText();
                    }
                } else {
                    xml.skipCurrentElement();
                }
            }
            messages << message;
        }
    }
    if (xml.hasError())
        *error = u"%1 (line %2)"_s.arg(xml.errorString()).arg(xml.lineNumber());
    return messages;
}

// %1..%9 (also %L1) and %n, sorted: what QString::arg and tr() fill in.
QStringList placeholders(const QString &text)
{
    static const QRegularExpression pattern(u"%L?([1-9]|n)"_s);
    QStringList found;
    for (const auto &match : pattern.globalMatch(text))
        found << u'%' + match.captured(1);
    found.sort();
    return found;
}

// The accelerator letter ('&' followed by anything but another '&'), or a null char.
QChar mnemonic(const QString &text)
{
    for (qsizetype i = 0; i + 1 < text.size(); ++i) {
        if (text.at(i) != u'&')
            continue;
        if (text.at(i + 1) != u'&')
            return text.at(i + 1).toLower();
        ++i;
    }
    return {};
}

QString readSource(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}

// Source files under the folders lupdate reads (app/gui/CMakeLists.txt).
QStringList lupdateSources(const QStringList &folders)
{
    QStringList files;
    for (const QString &folder : folders) {
        QDirIterator it(sourceDir() + u'/' + folder, {u"*.cpp"_s, u"*.h"_s}, QDir::Files,
                        QDirIterator::Subdirectories);
        while (it.hasNext())
            files << it.next();
    }
    files.sort();
    return files;
}

QStringList menuTitles(const MainWindow &window)
{
    QStringList titles;
    for (const QAction *action : window.menuBar()->actions())
        titles << action->text();
    return titles;
}

// Every menu's accelerators, clashes listed as "menu: letter used by a, b".
QStringList mnemonicClashes(const QMenu *menu)
{
    QStringList clashes;
    QHash<QChar, QStringList> byLetter;
    for (const QAction *action : menu->actions()) {
        if (action->isSeparator())
            continue;
        const QChar letter = mnemonic(action->text());
        if (!letter.isNull())
            byLetter[letter] << action->text();
        if (action->menu())
            clashes << mnemonicClashes(action->menu());
    }
    for (auto it = byLetter.cbegin(); it != byLetter.cend(); ++it) {
        if (it.value().size() > 1)
            clashes << u"%1: '%2' used by %3"_s.arg(menu->title(), it.key(), it.value().join(u", "_s));
    }
    return clashes;
}

void removeTranslators()
{
    const auto translators = qApp->findChildren<QTranslator *>(Qt::FindDirectChildrenOnly);
    for (QTranslator *translator : translators) {
        QCoreApplication::removeTranslator(translator);
        delete translator;
    }
}

} // namespace

class TestTranslation : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanup();
    void everyMessageIsFinished();
    void placeholdersAndAcceleratorsMatch();
    void tsCoversTheUiClasses();
    void everyRuntimeContextIsInTheTs();
    void germanWhenChosen();
    void germanPluralForms_data();
    void germanPluralForms();
    void englishWhenChosen();
    void englishHasEveryPluralForm();
    void englishPluralForms_data();
    void englishPluralForms();
    void englishForEnglishOrCSystem();
    void englishForALanguageWithoutTranslation();
    void systemLanguageKeepsTheDefaultLocale();
    void findingSentence_data();
    void findingSentence();

private:
    QString translationOf(const QString &context, const QString &source) const;
    bool provideCompiledTranslation(QString *error);

    QTemporaryDir m_dir;
    QList<TsMessage> m_messages;
    QLocale m_defaultLocale;
};

void TestTranslation::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_defaultLocale = QLocale();
    // Before the first settings() call: its QSettings reads XDG_CONFIG_HOME once.
    qputenv("XDG_CONFIG_HOME", m_dir.filePath(u"config"_s).toUtf8());
    qputenv("XDG_DATA_HOME", m_dir.filePath(u"data"_s).toUtf8());
    // No QStandardPaths test mode: it would put the settings in ~/.qttest, shared.
    QVERIFY2(settings().fileName().startsWith(m_dir.path()), qPrintable(settings().fileName()));

    QString error;
    m_messages = readTs(tsPath(), &error);
    QVERIFY2(error.isEmpty(), qPrintable(tsPath() + u": "_s + error));
    QVERIFY2(m_messages.size() > 100, qPrintable(u"only %1 messages in %2"_s.arg(m_messages.size()).arg(tsPath())));
    QVERIFY2(provideCompiledTranslation(&error), qPrintable(error));
}

void TestTranslation::cleanup()
{
    removeTranslators();
    settings().remove(u"language"_s);
    QLocale::setDefault(m_defaultLocale);
}

QString TestTranslation::translationOf(const QString &context, const QString &source) const
{
    for (const TsMessage &message : m_messages) {
        if (message.context == context && message.source == source && !message.translations.isEmpty())
            return message.translations.constFirst();
    }
    return QString();
}

// The program embeds the .qm files under :/i18n; the ui library alone does not, so
// the test compiles the same .ts with the same tools into a resource at that path.
bool TestTranslation::provideCompiledTranslation(QString *error)
{
    if (QFile::exists(u":/i18n/rejectscope_de.qm"_s) && QFile::exists(u":/i18n/rejectscope_en.qm"_s))
        return true;
    const QString lrelease = QLibraryInfo::path(QLibraryInfo::BinariesPath) + u"/lrelease"_s;
    QByteArray files;
    for (const QString &ts : {tsPath(), englishTsPath()}) {
        const QString name = QFileInfo(ts).completeBaseName() + u".qm"_s;
        const QString qm = m_dir.filePath(name);
        if (QProcess::execute(lrelease, {u"-silent"_s, ts, u"-qm"_s, qm}) != 0 || !QFile::exists(qm)) {
            *error = u"%1 could not compile %2"_s.arg(lrelease, ts);
            return false;
        }
        files += "<file>" + name.toUtf8() + "</file>";
    }
    const QString qrc = m_dir.filePath(u"i18n.qrc"_s);
    QFile qrcFile(qrc);
    if (!qrcFile.open(QIODevice::WriteOnly)) {
        *error = qrcFile.errorString();
        return false;
    }
    qrcFile.write("<RCC><qresource prefix=\"/i18n\">" + files + "</qresource></RCC>\n");
    qrcFile.close();
    const QString rccFile = m_dir.filePath(u"i18n.rcc"_s);
    const QString rcc = QLibraryInfo::path(QLibraryInfo::LibraryExecutablesPath) + u"/rcc"_s;
    if (QProcess::execute(rcc, {u"--binary"_s, qrc, u"-o"_s, rccFile}) != 0
        || !QResource::registerResource(rccFile)) {
        *error = u"%1 could not build a resource of %2"_s.arg(rcc, qrc);
        return false;
    }
    return QFile::exists(u":/i18n/rejectscope_de.qm"_s) && QFile::exists(u":/i18n/rejectscope_en.qm"_s);
}

void TestTranslation::everyMessageIsFinished()
{
    QStringList problems;
    for (const TsMessage &message : std::as_const(m_messages)) {
        const QString where = message.context + u": \""_s + message.source + u'"';
        if (!message.type.isEmpty())
            problems << where + u" is "_s + message.type;
        if (message.numerus && message.translations.size() != 2)
            problems << where + u" has %1 plural forms, German has 2"_s.arg(message.translations.size());
        if (message.translations.isEmpty()
            || std::any_of(message.translations.cbegin(), message.translations.cend(),
                           [](const QString &text) { return text.trimmed().isEmpty(); }))
            problems << where + u" has an empty translation"_s;
    }
    QVERIFY2(problems.isEmpty(), qPrintable(u"\n"_s + problems.join(u'\n')));
}

void TestTranslation::placeholdersAndAcceleratorsMatch()
{
    QStringList problems;
    for (const TsMessage &message : std::as_const(m_messages)) {
        const QString where = message.context + u": \""_s + message.source + u'"';
        const QStringList expected = placeholders(message.source);
        for (const QString &translation : message.translations) {
            if (placeholders(translation) != expected) {
                problems << u"%1 → \"%2\": placeholders %3, the source has %4"_s.arg(
                    where, translation, placeholders(translation).join(u' '), expected.join(u' '));
            }
            if (mnemonic(message.source).isNull() != mnemonic(translation).isNull())
                problems << u"%1 → \"%2\": the accelerator '&' is missing or extra"_s.arg(where, translation);
        }
    }
    QVERIFY2(problems.isEmpty(), qPrintable(u"\n"_s + problems.join(u'\n')));
}

// lupdate's source list must not drift from ui/: every QObject class there whose
// file calls tr() has its context in the .ts.
void TestTranslation::tsCoversTheUiClasses()
{
    QSet<QString> contexts;
    for (const TsMessage &message : std::as_const(m_messages))
        contexts.insert(message.context);

    QStringList expected{u"rejectscope::MainWindow"_s, u"rejectscope::FilterBar"_s, u"rejectscope::TablesPanel"_s,
                         u"rejectscope::AdvisorPanel"_s, u"rejectscope::FindingCard"_s,
                         u"rejectscope::ComparisonCard"_s, u"rejectscope::TimelineChart"_s,
                         u"rejectscope::ChartText"_s};
    static const QRegularExpression qobjectClass(u"class\\s+(\\w+)\\b[^;{]*\\{[^}]*?\\bQ_OBJECT\\b"_s);
    static const QRegularExpression trCall(u"(?<![\\w:])tr\\(\\s*\""_s); // not Other::tr(
    static const QRegularExpression declaredContext(u"Q_DECLARE_TR_FUNCTIONS\\(\\s*([\\w:]+)\\s*\\)"_s);
    for (const QString &header : lupdateSources({u"ui"_s})) {
        if (!header.endsWith(u".h"_s))
            continue;
        const QString text = readSource(header);
        const QString implementation = readSource(header.chopped(2) + u".cpp"_s);
        for (const auto &match : qobjectClass.globalMatch(text)) {
            if (implementation.contains(trCall))
                expected << u"rejectscope::"_s + match.captured(1);
        }
        for (const auto &match : declaredContext.globalMatch(text))
            expected << match.captured(1);
    }
    expected.removeDuplicates();
    QVERIFY(expected.size() > 8);

    QStringList missing;
    for (const QString &context : std::as_const(expected)) {
        if (!contexts.contains(context))
            missing << context;
    }
    QVERIFY2(missing.isEmpty(),
             qPrintable(u"contexts missing from %1 (run the rejectscope_lupdate target; a tr() that is "
                        "a file-local helper is not seen as the class's): %2"_s.arg(tsPath(), missing.join(u", "_s))));
}

// A helper that calls QCoreApplication::translate("Context", text) with a variable
// text is invisible to lupdate: its strings land under whatever context lupdate
// sees at the call site, and the program looks them up under "Context" in vain.
void TestTranslation::everyRuntimeContextIsInTheTs()
{
    QSet<QString> contexts;
    for (const TsMessage &message : std::as_const(m_messages))
        contexts.insert(message.context);

    static const QRegularExpression translateCall(u"QCoreApplication::translate\\(\\s*\"([^\"]+)\""_s);
    QStringList missing;
    int calls = 0;
    for (const QString &file : lupdateSources({u"core"_s, u"ui"_s, u"app/gui"_s})) {
        const QString text = readSource(file);
        for (const auto &match : translateCall.globalMatch(text)) {
            ++calls;
            if (!contexts.contains(match.captured(1)))
                missing << u"%1 (%2)"_s.arg(match.captured(1), QDir(sourceDir()).relativeFilePath(file));
        }
    }
    QVERIFY(calls > 0);
    missing.removeDuplicates();
    for (const QString &context : std::as_const(missing))
        qWarning("looked up at run time, but no such context in the .ts: %s", qPrintable(context));
    QVERIFY2(missing.isEmpty(), qPrintable(u"%1 contexts are not in the .ts"_s.arg(missing.size())));
}

void TestTranslation::germanWhenChosen()
{
    setLanguageOverride(u"de"_s);
    QCOMPARE(installTranslations(*qApp), u"de"_s);

    const QString file = translationOf(u"rejectscope::MainWindow"_s, u"&File"_s);
    QCOMPARE(file, u"&Datei"_s);
    QCOMPARE(QCoreApplication::translate("rejectscope::MainWindow", "&File"), file);
    QCOMPARE(QCoreApplication::translate("rejectscope::MainWindow", "%n line(s) not understood", nullptr, 3),
             u"3 Zeilen nicht verstanden"_s);
    // Numbers follow the chosen language, whatever the system's is.
    QCOMPARE(QLocale().toString(1234567), u"1.234.567"_s);

    MainWindow window;
    QStringList expected;
    for (const QString &title : {u"&File"_s, u"&Edit"_s, u"&View"_s, u"&Help"_s})
        expected << translationOf(u"rejectscope::MainWindow"_s, title);
    QCOMPARE(menuTitles(window), expected);

    QStringList clashes;
    for (const QAction *action : window.menuBar()->actions())
        clashes << mnemonicClashes(action->menu());
    QVERIFY2(clashes.isEmpty(), qPrintable(clashes.join(u'\n')));

    // Qt's own buttons and dialogs, where the system has Qt's translations.
    if (QFile::exists(QLibraryInfo::path(QLibraryInfo::TranslationsPath) + u"/qtbase_de.qm"_s))
        QCOMPARE(QCoreApplication::translate("QPlatformTheme", "Cancel"), u"Abbrechen"_s);
}

// Counts pick the singular or the plural; %Ln groups as the chosen language does.
void TestTranslation::germanPluralForms_data()
{
    QTest::addColumn<QByteArray>("context");
    QTest::addColumn<QByteArray>("source");
    QTest::addColumn<int>("count");
    QTest::addColumn<QString>("expected");
    const QByteArray window = "rejectscope::MainWindow";
    const QByteArray card = "rejectscope::FindingCard";
    QTest::newRow("storm") << window << QByteArray(" · %Ln retry storm(s)") << 1 << u" · 1 Wiederholungswelle"_s;
    QTest::newRow("storms") << window << QByteArray(" · %Ln retry storm(s)") << 1234
                            << u" · 1.234 Wiederholungswellen"_s;
    QTest::newRow("retry") << window << QByteArray(" · %Ln retries") << 1 << u" · 1 Wiederholung"_s;
    QTest::newRow("import") << window << QByteArray("Import done: %Ln new event(s).") << 1
                            << u"Import fertig: 1 neues Ereignis."_s;
    QTest::newRow("event") << card << QByteArray("%Ln event(s)") << 1 << u"1 Ereignis"_s;
    QTest::newRow("events") << card << QByteArray("%Ln event(s)") << 25000 << u"25.000 Ereignisse"_s;
    QTest::newRow("server") << card << QByteArray("%Ln remote server(s)") << 1 << u"1 entfernter Server"_s;
    QTest::newRow("to save") << card << QByteArray("%Ln retries to save") << 2 << u"2 Wiederholungen vermeidbar"_s;
    QTest::newRow("more findings") << QByteArray("OnePageReport") << QByteArray("%n more finding(s) in findings.csv.")
                                   << 1 << u"1 weiterer Befund steht in findings.csv."_s;
}

void TestTranslation::germanPluralForms()
{
    QFETCH(QByteArray, context);
    QFETCH(QByteArray, source);
    QFETCH(int, count);
    QFETCH(QString, expected);
    setLanguageOverride(u"de"_s);
    QCOMPARE(installTranslations(*qApp), u"de"_s);
    QCOMPARE(QCoreApplication::translate(context.constData(), source.constData(), nullptr, count), expected);
}

void TestTranslation::englishWhenChosen()
{
    setLanguageOverride(u"en"_s);
    QCOMPARE(installTranslations(*qApp), u"en"_s);
    QCOMPARE(QLocale().toString(1234567), u"1,234,567"_s);
    // Only the plural forms: no German, no Qt translation.
    const auto translators = qApp->findChildren<QTranslator *>();
    QCOMPARE(translators.size(), 1);
    QCOMPARE(translators.first()->language(), u"en"_s);
    QCOMPARE(QCoreApplication::translate("rejectscope::FindingCard", "%Ln sender(s)", nullptr, 1), u"1 sender"_s);
    QCOMPARE(QCoreApplication::translate("rejectscope::FindingCard", "%Ln sender(s)", nullptr, 2), u"2 senders"_s);
    QCOMPARE(QCoreApplication::translate("rejectscope::MainWindow", "&File"), u"&File"_s);
    QCOMPARE(QCoreApplication::translate("QPlatformTheme", "Cancel"), u"Cancel"_s);

    MainWindow window;
    QCOMPARE(menuTitles(window), (QStringList{u"&File"_s, u"&Edit"_s, u"&View"_s, u"&Help"_s}));
}

// The English file holds exactly the numerus messages (lupdate -pluralonly), each
// with its singular and plural, true to the source's placeholders and free of "(s)".
void TestTranslation::englishHasEveryPluralForm()
{
    QString error;
    const QList<TsMessage> english = readTs(englishTsPath(), &error);
    QVERIFY2(error.isEmpty(), qPrintable(englishTsPath() + u": "_s + error));

    QStringList expected;
    for (const TsMessage &message : std::as_const(m_messages)) {
        if (message.numerus)
            expected << message.context + u": "_s + message.source;
    }
    QVERIFY(expected.size() > 10);
    QStringList found;
    QStringList problems;
    for (const TsMessage &message : english) {
        const QString where = message.context + u": "_s + message.source;
        found << where;
        if (!message.numerus)
            problems << where + u" is not a plural message"_s;
        if (!message.type.isEmpty())
            problems << where + u" is "_s + message.type;
        if (message.translations.size() != 2)
            problems << where + u" has %1 plural forms, English has 2"_s.arg(message.translations.size());
        for (const QString &form : message.translations) {
            if (form.trimmed().isEmpty())
                problems << where + u" has an empty form"_s;
            if (form.contains(u"(s)"_s))
                problems << where + u" → \""_s + form + u"\" still says (s)"_s;
            if (placeholders(form) != placeholders(message.source))
                problems << where + u" → \""_s + form + u"\": placeholders differ"_s;
        }
    }
    QVERIFY2(problems.isEmpty(), qPrintable(u"\n"_s + problems.join(u'\n')));
    expected.sort();
    found.sort();
    QVERIFY2(found == expected, qPrintable(u"%1 is not in step with %2 (run the rejectscope_lupdate target)"_s.arg(
                                    englishTsPath(), tsPath())));
}

void TestTranslation::englishPluralForms_data()
{
    QTest::addColumn<QByteArray>("context");
    QTest::addColumn<QByteArray>("source");
    QTest::addColumn<int>("count");
    QTest::addColumn<QString>("expected");
    const QByteArray window = "rejectscope::MainWindow";
    const QByteArray card = "rejectscope::FindingCard";
    QTest::newRow("no event") << card << QByteArray("%Ln event(s)") << 0 << u"0 events"_s;
    QTest::newRow("event") << card << QByteArray("%Ln event(s)") << 1 << u"1 event"_s;
    QTest::newRow("events") << card << QByteArray("%Ln event(s)") << 1234 << u"1,234 events"_s;
    QTest::newRow("retry to save") << card << QByteArray("%Ln retries to save") << 1 << u"1 retry to save"_s;
    QTest::newRow("retry") << window << QByteArray(" · %Ln retries") << 1 << u" · 1 retry"_s;
    QTest::newRow("retries") << window << QByteArray(" · %Ln retries") << 7 << u" · 7 retries"_s;
    QTest::newRow("storm") << window << QByteArray(" · %Ln retry storm(s)") << 1 << u" · 1 retry storm"_s;
    QTest::newRow("import") << window << QByteArray("Import done: %Ln new event(s).") << 1
                            << u"Import done: 1 new event."_s;
    QTest::newRow("day") << QByteArray("rejectscope::TimelineChart") << QByteArray("%n day(s)") << 2 << u"2 days"_s;
    QTest::newRow("more finding") << QByteArray("OnePageReport") << QByteArray("%n more finding(s) in findings.csv.")
                                  << 1 << u"1 more finding in findings.csv."_s;
    QTest::newRow("more findings") << QByteArray("OnePageReport") << QByteArray("%n more finding(s) in findings.csv.")
                                   << 3 << u"3 more findings in findings.csv."_s;
    QTest::newRow("flood") << QByteArray("OnePageReport") << QByteArray("%1 deferral flood(s).") << 1
                           << u"%1 deferral flood."_s;
}

void TestTranslation::englishPluralForms()
{
    QFETCH(QByteArray, context);
    QFETCH(QByteArray, source);
    QFETCH(int, count);
    QFETCH(QString, expected);
    setLanguageOverride(u"en"_s);
    QCOMPARE(installTranslations(*qApp), u"en"_s);
    QCOMPARE(QCoreApplication::translate(context.constData(), source.constData(), nullptr, count), expected);
}

// Following an English or a C ("C.UTF-8") system locale, the plural forms too.
void TestTranslation::englishForEnglishOrCSystem()
{
    const QLocale::Language system = QLocale::system().language();
    if (system != QLocale::English && system != QLocale::C)
        QSKIP("the system locale is neither English nor C");
    setLanguageOverride(QString());
    QCOMPARE(installTranslations(*qApp), u"en"_s);
    QCOMPARE(QCoreApplication::translate("FindingText", "%1 client(s)", nullptr, 1), u"%1 client"_s);
    QCOMPARE(QCoreApplication::translate("FindingText", "%1 client(s)", nullptr, 3), u"%1 clients"_s);
}

// A language with no translation of its own shows the English texts, counts included.
void TestTranslation::englishForALanguageWithoutTranslation()
{
    setLanguageOverride(u"fr"_s);
    QCOMPARE(installTranslations(*qApp), u"en"_s);
    QCOMPARE(QCoreApplication::translate("rejectscope::MainWindow", "%n line(s) not understood", nullptr, 1),
             u"1 line not understood"_s);
    QCOMPARE(QCoreApplication::translate("QPlatformTheme", "Cancel"), u"Cancel"_s);
}

// Following the system, the program leaves the default locale as Qt made it.
void TestTranslation::systemLanguageKeepsTheDefaultLocale()
{
    const QLocale elsewhere(QLocale::French, QLocale::France);
    QLocale::setDefault(elsewhere);
    setLanguageOverride(QString());
    installTranslations(*qApp);
    QCOMPARE(QLocale().name(), elsewhere.name());
}

// The finding sentence: one sender and one client, and many of each.
void TestTranslation::findingSentence_data()
{
    QTest::addColumn<QString>("language");
    QTest::addColumn<QString>("one");
    QTest::addColumn<QString>("many");
    QTest::newRow("de") << u"de"_s << u"an 1 Absender von 1 Client."_s << u"an 56 Absender von 3 Clients."_s;
    QTest::newRow("en") << u"en"_s << u"to 1 sender from 1 client."_s << u"to 56 senders from 3 clients."_s;
}

void TestTranslation::findingSentence()
{
    QFETCH(QString, language);
    QFETCH(QString, one);
    QFETCH(QString, many);
    setLanguageOverride(language);
    QCOMPARE(installTranslations(*qApp), language);
    Finding f; // a 4xx the advisor would make a 5xx
    f.kind = Finding::Kind::TemporaryForPermanent;
    f.distinctSenders = 1;
    f.distinctClients = 1;
    QString sentence = rejectscope::findingSentence(f);
    QVERIFY2(sentence.contains(one), qPrintable(sentence));
    f.distinctSenders = 56;
    f.distinctClients = 3;
    sentence = rejectscope::findingSentence(f);
    QVERIFY2(sentence.contains(many), qPrintable(sentence));
    QVERIFY2(!sentence.contains(u"(s)"_s), qPrintable(sentence));
}

QTEST_MAIN(TestTranslation)
#include "tst_translation.moc"
