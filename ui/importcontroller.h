#pragma once

#include "store/importer.h"

#include <QElapsedTimer>
#include <QFutureWatcher>
#include <QObject>

#include <atomic>
#include <memory>

namespace rejectscope {

// Where a running import stands, in words and numbers a progress bar shows.
struct ImportStatus {
    QString path;         // the file being read
    int fileIndex = 0;    // 0-based, of fileCount
    int fileCount = 0;
    std::int64_t bytesDone = 0;  // of all files
    std::int64_t bytesTotal = 0; // of all files (compressed sizes)
    std::int64_t linesRead = 0;  // of all files, this run
    double linesPerSecond = 0;
    std::optional<double> secondsLeft; // unknown until enough has been read
    int permille() const
    {
        return bytesTotal > 0 ? int(std::min<std::int64_t>(1000, bytesDone * 1000 / bytesTotal)) : 0;
    }
};

// Runs an import of several files off the GUI thread, with its own connection to
// the database file, and reports progress at a human rate (a few times a second).
// Cancel stops at the next batch boundary; what was read stays stored.
class ImportController : public QObject
{
    Q_OBJECT
public:
    explicit ImportController(QObject *parent = nullptr);
    ~ImportController() override;

    bool isRunning() const;
    // Starts importing `paths` into the database at `databasePath`. False when an
    // import is already running.
    bool start(const QString &databasePath, const QStringList &paths, const ImportOptions &options);
    void cancel();
    // Blocks until the running import ended (used when the window closes).
    void waitForFinished();

signals:
    void progress(const rejectscope::ImportStatus &status);
    // One file is done (imported, already imported, cancelled or failed).
    void fileFinished(const rejectscope::ImportReport &report);
    // Every file is done; `failure` is set when the database could not be opened.
    void finished(const QList<rejectscope::ImportReport> &reports, const QString &failure);

private:
    struct Result {
        QList<ImportReport> reports;
        QString failure;
    };
    void onFinished();

    QFutureWatcher<Result> m_watcher;
    std::shared_ptr<std::atomic_bool> m_cancel;
    bool m_running = false;
};

} // namespace rejectscope

Q_DECLARE_METATYPE(rejectscope::ImportStatus)
Q_DECLARE_METATYPE(rejectscope::ImportReport)
