#pragma once

#include "analysis/overview.h"

#include <QObject>
#include <QPointer>
#include <QThreadPool>

#include <atomic>
#include <memory>
#include <optional>

namespace rejectscope {

// Reads the overview for the window off the GUI thread, in stages: the timeline
// (at once, from the per-minute counts), the details (storms, the first time after
// an import building the retry chains), the top lists, then the advisor's findings.
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
        Timeline, // the bars at once, then the floods, switch points and before/after
        Details,  // the storms, then the top lists, then the advisor's findings
        Storms,   // the storms list, then the chain totals
        Extras,   // the top lists, then the findings, added to `storms`
    };
    // Starts loading, superseding the request before.
    void request(const OverviewRequest &request, Stages stages, const Overview &storms = {});
    bool isBusy() const { return m_pending > 0; }
    quint64 generation() const { return m_generation; }
    // Waits for every job (used when the window closes and by tests).
    void waitForDone();

signals:
    void timelineReady(const rejectscope::Overview &overview);
    // The details in stages: the storms and totals; the same with the top lists;
    // then with the advisor's findings as well (the last stage).
    void detailsReady(const rejectscope::Overview &overview);
    // The chain totals, after a Storms stage's list.
    void totalsReady(const rejectscope::Overview &overview);
    void topListsReady(const rejectscope::Overview &overview);
    void findingsReady(const rejectscope::Overview &overview);
    void failed(const QString &error);
    void busyChanged(bool busy);
    // A search's whole-log bars: how much of the log is read, in percent.
    void searchProgress(int percent);

private:
    void startDetails(quint64 generation, const OverviewRequest &request, Stages stages, Overview storms);
    // Hands a stage's result (or its failure) to the GUI thread, where it is
    // dropped when a newer request replaced this one; `last` ends the job.
    static void deliver(const QPointer<OverviewLoader> &self, quint64 generation,
                        const std::optional<Overview> &result, const QString &error,
                        void (OverviewLoader::*ready)(const Overview &), bool last);
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
