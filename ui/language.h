#pragma once

#include <QString>

class QCoreApplication;

namespace rejectscope {

// The user interface's language: the system locale's, unless the View menu chose
// one ("en", "de"). Takes effect when the program starts.
QString languageOverride();
void setLanguageOverride(const QString &language); // "" follows the system
// Installs Rejectscope's and Qt's own translations for the language in effect.
// Returns the language installed ("de"), or "en" when none was needed.
QString installTranslations(QCoreApplication &app);

} // namespace rejectscope
