#include "language.h"

#include "settings.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

using namespace Qt::StringLiterals;

namespace rejectscope {

QString languageOverride()
{
    return settings().value(u"language"_s).toString();
}

void setLanguageOverride(const QString &language)
{
    settings().setValue(u"language"_s, language);
}

namespace {

// English is the sources' language, but their counts read "%n sender(s)": the plural
// forms only (rejectscope_en) make that "1 sender", "2 senders".
void installEnglishPlurals(QCoreApplication &app)
{
    auto *plurals = new QTranslator(&app);
    if (plurals->load(u"rejectscope_en"_s, u":/i18n"_s))
        app.installTranslator(plurals);
    else
        delete plurals;
}

} // namespace

QString installTranslations(QCoreApplication &app)
{
    const QString chosen = languageOverride();
    const QLocale locale = chosen.isEmpty() ? QLocale::system() : QLocale(chosen);
    // Numbers and dates in the chosen language too: "1.234.567" beside German words,
    // not the system's "1,234,567". Following the system, the default is already its.
    if (!chosen.isEmpty())
        QLocale::setDefault(locale);
    if (locale.language() == QLocale::English || locale.language() == QLocale::C) {
        installEnglishPlurals(app);
        return u"en"_s;
    }
    auto *own = new QTranslator(&app);
    // A language with no translation of its own gets the English texts.
    if (!own->load(locale, u"rejectscope"_s, u"_"_s, u":/i18n"_s)) {
        delete own;
        installEnglishPlurals(app);
        return u"en"_s;
    }
    app.installTranslator(own);
    // The system's language list ("fr:en") can fall through to the English file.
    if (own->language().startsWith(u"en"_s))
        return u"en"_s;
    // Qt's own dialogs and buttons (qt6-translations-l10n), when installed.
    auto *qt = new QTranslator(&app);
    if (qt->load(locale, u"qtbase"_s, u"_"_s, QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        app.installTranslator(qt);
    else
        delete qt;
    return locale.name().section(u'_', 0, 0);
}

} // namespace rejectscope
