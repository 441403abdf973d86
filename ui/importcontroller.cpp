#include "importcontroller.h"

#include "store/database.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QMetaObject>
#include <QPointer>
#include <QtConcurrent/QtConcurrentRun>

using namespace Qt::StringLiterals;

namespace rejectscope {

namespace {

// A status is sent at most this often: a progress bar needs no more, and a
// flood of queued signals would slow the GUI thread down.
constexpr qint64 reportIntervalMs = 200;

} // namespace

ImportController::ImportController(QObject *parent)
    : QObject(parent)
{
    qRegisterMetaType<ImportStatus>();
    qRegisterMetaType<ImportReport>();
    connect(&m_watcher, &QFutureWatcher<Result>::finished, this, &ImportController::onFinished);
}

ImportController::~ImportController()
{
    cancel();
    waitForFinished();
}

bool ImportController::isRunning() const
{
    return m_running;
}

bool ImportController::start(const QString &databasePath, const QStringList &paths,
                             const ImportOptions &options)
{
    if (isRunning())
        return false;
    m_running = true;
    m_cancel = std::make_shared<std::atomic_bool>(false);
    auto cancelFlag = m_cancel;
    QPointer<ImportController> self(this);

    auto job = [self, databasePath, paths, options, cancelFlag]() -> Result {
        Result result;
        // The worker's own connection, opened and closed on this thread.
        Database database(databasePath);
        if (!database.open(Database::Mode::ReadWrite)) {
            result.failure = QCoreApplication::translate("ImportController", "%1: %2").arg(databasePath, database.errorString());
            return result;
        }
        ImportStatus status;
        status.fileCount = int(paths.size());
        for (const QString &path : paths)
            status.bytesTotal += std::max<qint64>(0, QFileInfo(path).size());

        QElapsedTimer clock;
        clock.start();
        qint64 lastReport = -reportIntervalMs;
        std::int64_t bytesBefore = 0; // of the files already done
        std::int64_t linesBefore = 0;
        auto send = [&](const ImportStatus &s) {
            QMetaObject::invokeMethod(self, [self, s] {
                if (self)
                    emit self->progress(s);
            }, Qt::QueuedConnection);
        };

        Importer importer(database, options);
        importer.setCancelFlag(cancelFlag.get());
        importer.setProgressCallback([&](const ImportProgress &p) {
            const qint64 now = clock.elapsed();
            if (now - lastReport < reportIntervalMs)
                return;
            lastReport = now;
            status.path = p.path;
            status.bytesDone = bytesBefore + p.bytesDone;
            status.linesRead = linesBefore + p.linesRead;
            const double seconds = std::max<double>(now / 1000.0, 0.001);
            status.linesPerSecond = status.linesRead / seconds;
            // Time left from the byte rate so far: meaningful after a second of reading.
            if (now >= 1000 && status.bytesDone > 0 && status.bytesTotal > status.bytesDone)
                status.secondsLeft = (status.bytesTotal - status.bytesDone) * seconds / status.bytesDone;
            else
                status.secondsLeft.reset();
            send(status);
        });

        for (int i = 0; i < paths.size(); ++i) {
            status.fileIndex = i;
            status.path = paths.at(i);
            send(status);
            ImportReport report = importer.importFile(paths.at(i));
            bytesBefore += std::max<qint64>(0, QFileInfo(paths.at(i)).size());
            linesBefore += report.linesRead;
            QMetaObject::invokeMethod(self, [self, report] {
                if (self)
                    emit self->fileFinished(report);
            }, Qt::QueuedConnection);
            result.reports.append(report);
            if (report.outcome == ImportReport::Outcome::Cancelled || cancelFlag->load())
                break;
        }
        return result;
    };
    m_watcher.setFuture(QtConcurrent::run(std::move(job)));
    return true;
}

void ImportController::cancel()
{
    if (m_cancel)
        m_cancel->store(true);
}

void ImportController::waitForFinished()
{
    m_watcher.waitForFinished();
}

void ImportController::onFinished()
{
    const Result result = m_watcher.result();
    // Running until here: the results are being handed over, not yet shown.
    m_running = false;
    emit finished(result.reports, result.failure);
}

} // namespace rejectscope
