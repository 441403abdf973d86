#include "settings.h"

#include <QFileInfo>

using namespace Qt::StringLiterals;

namespace rejectscope {

QSettings &settings()
{
    // Named explicitly: the application has no organisation, and its data directory
    // (~/.local/share/rejectscope, shared with the CLI) must not change.
    static QSettings instance(u"rejectscope"_s, u"rejectscope"_s);
    return instance;
}

namespace {

QStringList prepend(const QString &key, const QStringList &paths)
{
    QStringList list = settings().value(key).toStringList();
    for (auto it = paths.crbegin(); it != paths.crend(); ++it) {
        const QString path = QFileInfo(*it).absoluteFilePath();
        list.removeAll(path);
        list.prepend(path);
    }
    while (list.size() > RecentFiles::limit)
        list.removeLast();
    settings().setValue(key, list);
    return list;
}

} // namespace

QStringList RecentFiles::logs()
{
    return settings().value(u"recent/logs"_s).toStringList();
}

void RecentFiles::addLogs(const QStringList &paths)
{
    prepend(u"recent/logs"_s, paths);
}

QStringList RecentFiles::databases()
{
    return settings().value(u"recent/databases"_s).toStringList();
}

void RecentFiles::addDatabase(const QString &path)
{
    prepend(u"recent/databases"_s, {path});
}

void RecentFiles::clear()
{
    settings().remove(u"recent"_s);
}

} // namespace rejectscope
