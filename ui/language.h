#pragma once

#include <QString>

class QCoreApplication;

namespace rejectscope {

// The user interface's language: the system locale's, unless the View menu chose
// one ("en", "de"). Takes effect when the program starts.
QString languageOverride();
void setLanguageOverride(const QString &language); // "" follows the system
// Installs Rejectscope's and Qt's own translations for the language in effect,
// and makes a chosen language's locale the default (numbers, dates). English, and
// any language with no translation, gets the English plural forms ("1 sender",
// "2 senders") and no Qt translation. Returns the language installed ("de", "en").
QString installTranslations(QCoreApplication &app);

} // namespace rejectscope
