#include "databasefile.h"

#include "database.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryFile>
#include <QtEndian>

using namespace Qt::StringLiterals;

namespace rejectscope {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(DatabaseFile)
};

} // namespace

bool isRejectscopeDatabase(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return false;
    // The SQLite header: a 16-byte magic string; the application id is the
    // big-endian 32-bit number at offset 68.
    const QByteArray header = file.read(72);
    return header.size() == 72 && header.startsWith(QByteArrayView("SQLite format 3\0", 16))
           && qFromBigEndian<quint32>(header.constData() + 68) == quint32(Database::applicationId);
}

bool saveDatabaseCopy(Database &database, const QString &path, QString *error)
{
    const QFileInfo target(path);
    if (target.absoluteFilePath() == QFileInfo(database.path()).absoluteFilePath()) {
        *error = Tr::tr("This is the database that is open.");
        return false;
    }
    // A free name in the target's folder, so the final rename stays on one file system.
    QString temporary;
    {
        QTemporaryFile placeholder(target.absolutePath() + u"/.rejectscope-copy-XXXXXX.db"_s);
        if (!placeholder.open()) {
            *error = Tr::tr("Cannot write in %1: %2").arg(target.absolutePath(), placeholder.errorString());
            return false;
        }
        temporary = placeholder.fileName();
    } // removed here: VACUUM INTO wants a name that does not exist
    QSqlQuery query(database.connection());
    if (!query.prepare(u"VACUUM INTO ?"_s)) {
        *error = query.lastError().text();
        return false;
    }
    query.addBindValue(temporary);
    if (!query.exec()) {
        *error = Tr::tr("The copy failed: %1").arg(query.lastError().text());
        QFile::remove(temporary);
        return false;
    }
    if (target.exists() && !QFile::remove(path)) {
        *error = Tr::tr("%1 could not be replaced.").arg(path);
        QFile::remove(temporary);
        return false;
    }
    if (!QFile::rename(temporary, path)) {
        *error = Tr::tr("The copy could not be named %1.").arg(path);
        QFile::remove(temporary);
        return false;
    }
    return true;
}

} // namespace rejectscope
