#pragma once

#include "analysis/overview.h"

#include <QObject>
#include <QThreadPool>

#include <atomic>
#include <memory>

namespace rejectscope {

// Reads the overview for the window off the GUI thread, in stages: the timeline
// (at once, from the per-minute counts), the details (storms, findings; the first
// time after an import this builds the retry chains), then the top lists.
// A newer request supersedes an older one: its results are dropped, never shown.
class OverviewLoader : public QObject
{
    Q_OBJECT
public:
    explicit OverviewLoader(QObject *parent = nullptr);
    ~OverviewLoader() override;

    void setDatabasePath(const QString &path) { m_databasePath = path; }
    QString databasePath() const { return m_databasePath; }

    enum class Stages {
        Timeline, // buckets and floods at once, then the switch points and before/after
        Details,  // storms and advice, then the top lists
    };
    // Starts loading, superseding the request before.
    void request(const OverviewRequest &request, Stages stages);
    bool isBusy() const { return m_pending > 0; }
    quint64 generation() const { return m_generation; }
    // Waits for every job (used when the window closes and by tests).
    void waitForDone();

signals:
    void timelineReady(const rejectscope::Overview &overview);
    void detailsReady(const rejectscope::Overview &overview);
    // The details with the top lists filled in: the last stage.
    void topListsReady(const rejectscope::Overview &overview);
    void failed(const QString &error);
    void busyChanged(bool busy);

private:
    void startDetails(quint64 generation, const OverviewRequest &request, Overview timeline);
    void startTopLists(quint64 generation, const OverviewRequest &request, Overview details);
    void jobStarted();
    void jobEnded();

    QString m_databasePath;
    quint64 m_generation = 0;
    int m_pending = 0;
    std::shared_ptr<std::atomic_bool> m_cancel;
    // One thread each, so that a chain build in the details never holds back the
    // timeline of the next filter.
    QThreadPool m_timelinePool;
    QThreadPool m_detailsPool;
};

} // namespace rejectscope

Q_DECLARE_METATYPE(rejectscope::Overview)
