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

QString installTranslations(QCoreApplication &app)
{
    const QString chosen = languageOverride();
    const QLocale locale = chosen.isEmpty() ? QLocale::system() : QLocale(chosen);
    if (locale.language() == QLocale::English || locale.language() == QLocale::C)
        return u"en"_s;
    auto *own = new QTranslator(&app);
    if (!own->load(locale, u"rejectscope"_s, u"_"_s, u":/i18n"_s)) {
        delete own;
        return u"en"_s;
    }
    app.installTranslator(own);
    // Qt's own dialogs and buttons (qt6-translations-l10n), when installed.
    auto *qt = new QTranslator(&app);
    if (qt->load(locale, u"qtbase"_s, u"_"_s, QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        app.installTranslator(qt);
    else
        delete qt;
    return locale.name().section(u'_', 0, 0);
}

} // namespace rejectscope
