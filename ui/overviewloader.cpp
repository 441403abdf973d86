#include "overviewloader.h"

#include "analysis/toplists.h"
#include "store/threadconnection.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QLoggingCategory>
#include <QMetaObject>
#include <QPointer>

Q_LOGGING_CATEGORY(lcOverviewLoader, "rejectscope.overviewloader", QtWarningMsg)

namespace rejectscope {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(OverviewLoader)
};

// The connection of the pool thread a job runs on, kept while the thread lives
// (its pool never lets it expire).
Database *openOnThisThread(const QString &path, QString *error)
{
    QString reason;
    Database *database = connectionOfThisThread(path, Database::Mode::ReadWrite, &reason);
    if (!database)
        *error = Tr::tr("%1: %2").arg(path, reason);
    return database;
}

} // namespace

OverviewLoader::OverviewLoader(QObject *parent)
    : QObject(parent)
{
    qRegisterMetaType<Overview>();
    for (QThreadPool *pool : {&m_timelinePool, &m_detailsPool}) {
        pool->setMaxThreadCount(1);
        pool->setExpiryTimeout(-1); // keeps the thread and its connection
    }
}

OverviewLoader::~OverviewLoader()
{
    if (m_cancel)
        m_cancel->store(true);
    waitForDone();
}

void OverviewLoader::waitForDone()
{
    m_timelinePool.waitForDone();
    m_detailsPool.waitForDone();
    QCoreApplication::sendPostedEvents(this);
}

void OverviewLoader::deliver(const QPointer<OverviewLoader> &self, quint64 generation,
                             const std::optional<Overview> &result, const QString &error,
                             void (OverviewLoader::*ready)(const Overview &), bool last)
{
    QMetaObject::invokeMethod(self, [self, generation, result, error, ready, last] {
        OverviewLoader *loader = self.data();
        if (!loader)
            return;
        if (generation == loader->m_generation) {
            if (result)
                emit (loader->*ready)(*result);
            else if (!error.isEmpty())
                emit loader->failed(error);
        }
        if (last)
            loader->jobEnded();
    }, Qt::QueuedConnection);
}

void OverviewLoader::jobStarted()
{
    if (m_pending++ == 0)
        emit busyChanged(true);
}

void OverviewLoader::jobEnded()
{
    if (--m_pending == 0)
        emit busyChanged(false);
}

void OverviewLoader::request(const OverviewRequest &request, Stages stages, const Overview &storms)
{
    if (m_cancel)
        m_cancel->store(true);
    m_cancel = std::make_shared<std::atomic_bool>(false);
    const quint64 generation = ++m_generation;
    if (stages != Stages::Timeline) {
        startDetails(generation, request, stages, storms);
        return;
    }
    auto cancel = m_cancel;
    const QString path = m_databasePath;
    QPointer<OverviewLoader> self(this);
    jobStarted();
    QElapsedTimer queued;
    queued.start();
    m_timelinePool.start([self, generation, request, cancel, path, queued] {
        qCDebug(lcOverviewLoader) << "timeline" << generation << "started after" << queued.elapsed() << "ms";
        auto post = [&](const std::optional<Overview> &timeline, const QString &error, bool last) {
            deliver(self, generation, timeline, error, &OverviewLoader::timelineReady, last);
        };
        QString error;
        Database *database = cancel->load() ? nullptr : openOnThisThread(path, &error);
        if (!database) {
            post(std::nullopt, error, true);
            return;
        }
        // A newer request stops these reads mid-query rather than queueing behind
        // them (a free-text filter scans the events); builds hold the stop off.
        const Database::InterruptScope stoppable(*database, cancel.get());
        // The bars first: they come from the per-minute counts at once.
        OverviewRequest quick = request;
        quick.withMoments = false;
        quick.withFloods = false;
        quick.bucketsWithin.reset();
        quick.searchProgress = [self, generation](double done) {
            QMetaObject::invokeMethod(self, [self, generation, done] {
                if (OverviewLoader *loader = self.data(); loader && generation == loader->m_generation)
                    emit loader->searchProgress(int(done * 100));
            }, Qt::QueuedConnection);
        };
        // Posts a part that more parts follow; a failure ends the job.
        const auto postPart = [&](const OverviewRequest &part) {
            auto overview = loadOverviewTimeline(*database, part, &error, cancel.get());
            post(overview, overview ? QString() : error, !overview);
            return overview;
        };
        std::optional<Overview> bars;
        if (request.bucketsWithin) {
            // A scan of the events (free text): the chosen range's bars before the
            // whole log's. With the text's matches kept they are the whole log's.
            OverviewRequest focus = quick;
            focus.bucketsWithin = request.bucketsWithin;
            bars = postPart(focus);
            if (!bars)
                return;
            qCDebug(lcOverviewLoader) << "timeline" << generation << "chosen range after" << queued.elapsed() << "ms";
            if (bars->bucketsPartial)
                bars.reset();
        }
        if (!bars)
            bars = postPart(quick);
        if (!bars)
            return;
        qCDebug(lcOverviewLoader) << "timeline" << generation << "bars after" << queued.elapsed() << "ms";
        // Then the floods and the moments, added to the bars read a moment ago.
        OverviewRequest rest = request;
        rest.withBuckets = false;
        auto full = loadOverviewTimeline(*database, rest, &error, cancel.get());
        if (full)
            full->buckets = bars->buckets;
        const bool search = full && !request.filter.text.isEmpty();
        post(full, error, !search);
        qCDebug(lcOverviewLoader) << "timeline" << generation << "done after" << queued.elapsed() << "ms";
        if (search) {
            // The search's matches are kept now: its top lists' keys too, before the
            // next change asks for them (a newer request stops this).
            prepareTopLists(*database, request.filter.text, &error);
            deliver(self, generation, std::nullopt, QString(), &OverviewLoader::timelineReady, true);
            qCDebug(lcOverviewLoader) << "timeline" << generation << "top-list keys after" << queued.elapsed() << "ms";
        }
    });
}

void OverviewLoader::startDetails(quint64 generation, const OverviewRequest &request, Stages stages,
                                  Overview storms)
{
    auto cancel = m_cancel;
    const QString path = m_databasePath;
    QPointer<OverviewLoader> self(this);
    jobStarted();
    QElapsedTimer queued;
    queued.start();
    m_detailsPool.start([self, generation, request, stages, storms, cancel, path, queued] {
        qCDebug(lcOverviewLoader) << "details" << generation << int(stages) << "started after" << queued.elapsed() << "ms";
        enum class Part { Storms, Totals, TopLists, Findings };
        const Part lastPart = stages == Stages::Storms ? Part::Totals : Part::Findings;
        // The last stage (or a failure) ends the job.
        auto post = [&](const std::optional<Overview> &details, const QString &error, Part part) {
            const auto signal = part == Part::Storms ? &OverviewLoader::detailsReady
                : part == Part::Totals               ? &OverviewLoader::totalsReady
                : part == Part::TopLists             ? &OverviewLoader::topListsReady
                                                       : &OverviewLoader::findingsReady;
            deliver(self, generation, details, error, signal, part == lastPart || !details);
        };
        QString error;
        Database *database = cancel->load() ? nullptr : openOnThisThread(path, &error);
        if (!database) {
            post(std::nullopt, error, Part::Storms);
            return;
        }
        const Database::InterruptScope stoppable(*database, cancel.get());
        // The storms first, then the top lists; the advisor, slowest over millions
        // of events, last.
        std::optional<Overview> details = storms;
        if (stages != Stages::Extras) {
            // The top list the window shows before the storms it does not show
            // (the other lists come with the extras, given this one).
            Overview shown;
            if (request.shownTopList && request.filter.text.isEmpty()) {
                auto list = loadOverviewTopList(*database, request, *request.shownTopList, &error);
                post(list, error, Part::TopLists);
                qCDebug(lcOverviewLoader) << "details" << generation << "shown top list after" << queued.elapsed() << "ms";
                if (!list)
                    return;
                shown = std::move(*list);
            }
            OverviewRequest stormsOnly = request;
            stormsOnly.withFindings = false;
            // The list first: a time range's totals read a day of chains.
            stormsOnly.withTotals = stages != Stages::Storms;
            details = loadOverviewDetails(*database, stormsOnly, shown, &error, cancel.get());
            post(details, error, Part::Storms);
            qCDebug(lcOverviewLoader) << "details" << generation << "storms after" << queued.elapsed() << "ms";
            if (!details)
                return;
            if (stages == Stages::Storms) {
                post(loadOverviewTotals(*database, request, *details, &error), error, Part::Totals);
                return;
            }
        }
        details = loadOverviewTopLists(*database, request, *details, &error, cancel.get());
        post(details, error, Part::TopLists);
        if (!details)
            return;
        details = loadOverviewFindings(*database, request, *details, &error, cancel.get());
        post(details, error, Part::Findings);
    });
}

} // namespace rejectscope
