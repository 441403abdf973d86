#pragma once

#include <QString>

class QApplication;

namespace rejectscope {

// The colour theme: the desktop's ("system"), or Fusion with a light or a dark
// palette, for desktops whose theme Qt cannot follow. Applies at once.
QString themeSetting();
void setThemeSetting(const QString &theme);
void applyTheme(QApplication &app, const QString &theme);

} // namespace rejectscope
