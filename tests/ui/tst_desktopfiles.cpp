// The desktop integration: the .desktop entry, the AppStream metainfo, the icon as a
// file and as the compiled-in resource the window uses, and the About dialog.

#include "aboutdialog.h"

#include <QDialogButtonBox>
#include <QFile>
#include <QIcon>
#include <QImage>
#include <QLabel>
#include <QProcess>
#include <QSet>
#include <QStandardPaths>
#include <QTest>
#include <QXmlStreamReader>

using namespace Qt::StringLiterals;
using namespace rejectscope;

namespace {

QString resourcePath(const QString &relative)
{
    return QStringLiteral(REJECTSCOPE_SOURCE_DIR "/resources/") + relative;
}

const QString desktopFile = u"org.rejectscope.Rejectscope.desktop"_s;
const QString metainfoFile = u"org.rejectscope.Rejectscope.metainfo.xml"_s;

// The keys of the [Desktop Entry] group, read line by line as the specification
// describes (QSettings would take ';' for a comment and ',' for a list).
QHash<QString, QString> desktopEntry()
{
    QFile file(resourcePath(desktopFile));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QHash<QString, QString> keys;
    QString group;
    for (const QByteArray &raw : file.readAll().split('\n')) {
        const QString line = QString::fromUtf8(raw).trimmed();
        if (line.isEmpty() || line.startsWith(u'#'))
            continue;
        if (line.startsWith(u'[')) {
            group = line;
            continue;
        }
        const qsizetype equals = line.indexOf(u'=');
        if (group == u"[Desktop Entry]"_s && equals > 0)
            keys.insert(line.left(equals).trimmed(), line.mid(equals + 1).trimmed());
    }
    return keys;
}

QSet<QString> listValue(const QString &value)
{
    QSet<QString> items;
    for (const QString &item : value.split(u';', Qt::SkipEmptyParts))
        items.insert(item);
    return items;
}

// Whether an image has something drawn in it: opaque pixels of more than one colour.
bool hasContent(const QImage &image)
{
    QSet<QRgb> colours;
    int opaque = 0;
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x) {
            const QRgb pixel = image.pixel(x, y);
            if (qAlpha(pixel) > 200) {
                ++opaque;
                colours.insert(pixel);
            }
        }
    }
    return opaque > image.width() * image.height() / 2 && colours.size() > 4;
}

} // namespace

class TestDesktopFiles : public QObject
{
    Q_OBJECT

private slots:
    void desktopEntryKeys();
    void desktopEntryValidates();
    void metainfo();
    void svgIsSquareAndValid();
    void iconFromResource();
    void iconFromFile();
    void qrcListsTheIcon();
    void aboutDialog();
};

void TestDesktopFiles::desktopEntryKeys()
{
    const QHash<QString, QString> entry = desktopEntry();
    QCOMPARE(entry.value(u"Type"_s), u"Application"_s);
    QCOMPARE(entry.value(u"Name"_s), u"Rejectscope"_s);
    QCOMPARE(entry.value(u"GenericName"_s), u"Mail log analyzer"_s);
    QVERIFY(!entry.value(u"Comment"_s).isEmpty());
    QCOMPARE(entry.value(u"Exec"_s), u"rejectscope %F"_s);
    // The icon's name is the installed file's (share/icons/hicolor/scalable/apps/rejectscope.svg).
    QCOMPARE(entry.value(u"Icon"_s), u"rejectscope"_s);
    QVERIFY(QFile::exists(resourcePath(u"icons/"_s + entry.value(u"Icon"_s) + u".svg"_s)));
    const QSet<QString> types = listValue(entry.value(u"MimeType"_s));
    const QSet<QString> expected{u"text/plain"_s, u"application/gzip"_s, u"application/x-bzip2"_s,
                                 u"application/x-xz"_s, u"application/zstd"_s, u"application/vnd.sqlite3"_s};
    QCOMPARE(types, expected);
    const QSet<QString> categories = listValue(entry.value(u"Categories"_s));
    QVERIFY(categories.contains(u"System"_s) && categories.contains(u"Monitor"_s) && categories.contains(u"Qt"_s));
    QVERIFY(listValue(entry.value(u"Keywords"_s)).contains(u"postfix"_s));
    QVERIFY(entry.value(u"Keywords"_s).endsWith(u';'));
}

void TestDesktopFiles::desktopEntryValidates()
{
    const QString validator = QStandardPaths::findExecutable(u"desktop-file-validate"_s);
    if (validator.isEmpty())
        QSKIP("desktop-file-validate is not installed (Debian: desktop-file-utils)");
    QProcess process;
    process.start(validator, {resourcePath(desktopFile)});
    QVERIFY(process.waitForFinished());
    const QString output = QString::fromUtf8(process.readAllStandardOutput() + process.readAllStandardError());
    QVERIFY2(process.exitCode() == 0, qPrintable(output));
    QVERIFY2(!output.contains(u"error:"_s), qPrintable(output));
}

void TestDesktopFiles::metainfo()
{
    QFile file(resourcePath(metainfoFile));
    QVERIFY(file.open(QIODevice::ReadOnly));
    QXmlStreamReader xml(&file);
    QHash<QString, QString> values;
    QString root;
    while (!xml.atEnd()) {
        if (xml.readNext() != QXmlStreamReader::StartElement)
            continue;
        if (root.isEmpty())
            root = xml.name().toString() + u'/' + xml.attributes().value(u"type"_s).toString();
        const QString name = xml.name().toString();
        if (name == u"id"_s || name == u"launchable"_s || name == u"project_license"_s
            || name == u"metadata_license"_s || name == u"name"_s || name == u"summary"_s)
            values.insert(name, xml.readElementText());
    }
    QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
    QCOMPARE(root, u"component/desktop-application"_s);
    QCOMPARE(values.value(u"id"_s), u"org.rejectscope.Rejectscope"_s);
    QCOMPARE(values.value(u"launchable"_s), desktopFile);
    QCOMPARE(values.value(u"project_license"_s), u"GPL-3.0-or-later"_s);
    QCOMPARE(values.value(u"metadata_license"_s), u"CC0-1.0"_s);
    QCOMPARE(values.value(u"name"_s), u"Rejectscope"_s);
    QVERIFY(!values.value(u"summary"_s).isEmpty());

    const QString validator = QStandardPaths::findExecutable(u"appstreamcli"_s);
    if (validator.isEmpty())
        return; // the structure above is checked; the full validation needs appstream
    QProcess process;
    process.start(validator, {u"validate"_s, u"--no-net"_s, resourcePath(metainfoFile)});
    QVERIFY(process.waitForFinished(60'000));
    QVERIFY2(process.exitCode() == 0, qPrintable(QString::fromUtf8(process.readAll())));
}

void TestDesktopFiles::svgIsSquareAndValid()
{
    QFile file(resourcePath(u"icons/rejectscope.svg"_s));
    QVERIFY(file.open(QIODevice::ReadOnly));
    QXmlStreamReader xml(&file);
    QString viewBox;
    QString rootName;
    while (!xml.atEnd()) {
        if (xml.readNext() == QXmlStreamReader::StartElement && rootName.isEmpty()) {
            rootName = xml.name().toString();
            QCOMPARE(xml.namespaceUri().toString(), u"http://www.w3.org/2000/svg"_s);
            viewBox = xml.attributes().value(u"viewBox"_s).toString();
        }
    }
    QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
    QCOMPARE(rootName, u"svg"_s);
    const QStringList box = viewBox.split(u' ', Qt::SkipEmptyParts);
    QCOMPARE(box.size(), 4);
    QVERIFY(box.at(2).toDouble() > 0);
    QCOMPARE(box.at(2).toDouble(), box.at(3).toDouble());
}

void TestDesktopFiles::iconFromResource()
{
    const QIcon icon(u":/icons/rejectscope.svg"_s);
    QVERIFY(!icon.isNull());
    for (int side : {16, 64, 256}) {
        const QImage image = icon.pixmap(QSize(side, side), 1.0).toImage();
        QCOMPARE(image.size(), QSize(side, side));
        QVERIFY2(hasContent(image), qPrintable(u"nothing drawn at %1 px"_s.arg(side)));
    }
}

void TestDesktopFiles::iconFromFile()
{
    const QIcon icon(resourcePath(u"icons/rejectscope.svg"_s));
    const QImage image = icon.pixmap(64, 64).toImage();
    QVERIFY(hasContent(image));
    // The resource is the same picture as the file.
    QCOMPARE(QIcon(u":/icons/rejectscope.svg"_s).pixmap(64, 64).toImage(), image);
}

void TestDesktopFiles::qrcListsTheIcon()
{
    QFile file(resourcePath(u"rejectscope.qrc"_s));
    QVERIFY(file.open(QIODevice::ReadOnly));
    QXmlStreamReader xml(&file);
    QString prefix;
    QStringList paths;
    while (!xml.atEnd()) {
        if (xml.readNext() != QXmlStreamReader::StartElement)
            continue;
        if (xml.name() == u"qresource"_s)
            prefix = xml.attributes().value(u"prefix"_s).toString();
        if (xml.name() == u"file"_s) {
            const QString alias = xml.attributes().value(u"alias"_s).toString();
            const QString path = xml.readElementText();
            QVERIFY2(QFile::exists(resourcePath(path)), qPrintable(path));
            paths << u":"_s + prefix + u'/' + (alias.isEmpty() ? path : alias);
        }
    }
    QVERIFY(!xml.hasError());
    QCOMPARE(paths, QStringList{u":/icons/rejectscope.svg"_s});
    QVERIFY(QFile::exists(paths.first()));
}

void TestDesktopFiles::aboutDialog()
{
    const QString path = u"/srv/<b>mail</b>/a-rather-long-folder-name-for-the-databases-of-the-mail-servers/rejectscope.db"_s;
    AboutDialog dialog(path);
    QVERIFY(!dialog.windowIcon().isNull());
    QStringList texts;
    for (QLabel *label : dialog.findChildren<QLabel *>()) {
        texts << label->text();
        if (label->text().contains(u"<b>"_s))
            QCOMPARE(label->textFormat(), Qt::PlainText);
        if (label->text().isEmpty())
            QVERIFY(label->pixmap().isNull() == false);
    }
    const QString all = texts.join(u'\n');
    QVERIFY2(all.contains(path), qPrintable(all));
    QVERIFY(all.contains(QString::fromLatin1(qVersion())));
    QVERIFY(all.contains(QStringLiteral(REJECTSCOPE_VERSION)));
    QVERIFY(all.contains(u"GPL-3.0-or-later"_s));
    QVERIFY(AboutDialog::versionText().contains(u"SQLite 3."_s));
    QVERIFY(dialog.findChild<QDialogButtonBox *>());

    // A picture for a person to look at, when REJECTSCOPE_SCREENSHOT_DIR names a folder.
    if (const QString folder = qEnvironmentVariable("REJECTSCOPE_SCREENSHOT_DIR"); !folder.isEmpty()) {
        dialog.show();
        QVERIFY(dialog.grab().save(folder + u"/aboutdialog.png"_s));
    }
}

QTEST_MAIN(TestDesktopFiles)
#include "tst_desktopfiles.moc"
