#pragma once

#include <QSettings>
#include <QStringList>

namespace rejectscope {

// The program's settings (~/.config/rejectscope/rejectscope.conf). Read and
// written on the GUI thread only.
QSettings &settings();

// The recently opened log files and databases, most recent first.
class RecentFiles
{
public:
    static constexpr int limit = 10;
    static QStringList logs();
    static void addLogs(const QStringList &paths);
    static QStringList databases();
    static void addDatabase(const QString &path);
    static void clear();
};

} // namespace rejectscope
