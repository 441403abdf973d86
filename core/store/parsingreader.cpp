#include "parsingreader.h"

#include "io/logsource.h"
#include "ledger.h"
#include "parse/lineparser.h"
#include "queuesendercache.h"
#include "textsanitizer.h"

#include <QtGlobal>

#include <chrono>

#ifdef Q_OS_UNIX
#include <time.h>
#endif

namespace rejectscope {

ParsingReader::ParsingReader(LogSource &source, LineParser &parser, Options options)
    : m_source(source)
    , m_parser(parser)
    , m_options(options)
{
}

ParsingReader::~ParsingReader()
{
    stop();
}

void ParsingReader::start()
{
    m_thread = std::thread([this] { run(); });
}

void ParsingReader::stop()
{
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
        m_queue.clear();
    }
    m_changed.notify_all();
    if (m_thread.joinable())
        m_thread.join();
}

std::unique_ptr<ParsedBatch> ParsingReader::next()
{
    std::unique_lock lock(m_mutex);
    if (m_queue.empty() && !m_finished && !m_stopping) {
        const auto start = std::chrono::steady_clock::now();
        m_changed.wait(lock, [this] { return !m_queue.empty() || m_finished || m_stopping; });
        m_takerWaitUs += std::chrono::duration_cast<std::chrono::microseconds>(
                             std::chrono::steady_clock::now() - start)
                             .count();
    }
    if (m_queue.empty())
        return nullptr;
    std::unique_ptr<ParsedBatch> batch = std::move(m_queue.front());
    m_queue.pop_front();
    lock.unlock();
    m_changed.notify_all();
    return batch;
}

std::size_t ParsingReader::queuedBatches()
{
    std::lock_guard lock(m_mutex);
    return m_queue.size();
}

bool ParsingReader::push(std::unique_ptr<ParsedBatch> batch)
{
    std::unique_lock lock(m_mutex);
    if (m_queue.size() >= m_options.queueDepth && !m_stopping) {
        const auto start = std::chrono::steady_clock::now();
        m_changed.wait(lock, [this] { return m_queue.size() < m_options.queueDepth || m_stopping; });
        m_readerWaitUs += std::chrono::duration_cast<std::chrono::microseconds>(
                              std::chrono::steady_clock::now() - start)
                              .count();
    }
    if (m_stopping)
        return false;
    m_queue.push_back(std::move(batch));
    lock.unlock();
    m_changed.notify_all();
    return true;
}

std::int64_t ParsingReader::threadCpuMs()
{
#if defined(Q_OS_UNIX) && defined(CLOCK_THREAD_CPUTIME_ID)
    timespec now{};
    if (clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now) == 0)
        return std::int64_t(now.tv_sec) * 1000 + now.tv_nsec / 1000000;
#endif
    return -1;
}

void ParsingReader::shareSender(ParsedBatch::Item &item, TextArena &arena)
{
    Event &event = item.event;
    if (event.kind == EventKind::QueueSender && event.senderKnown) {
        m_options.queueSenders->remember(event.queueId, event.sender);
    } else if (event.kind == EventKind::Delivery && !event.senderKnown) {
        if (const auto sender = m_options.queueSenders->senderOf(event.queueId)) {
            // The cache forgets; the batch's arena keeps the text until it is stored.
            event.sender = arena.copy(*sender);
            event.senderKnown = true;
        }
    }
}

void ParsingReader::run()
{
    std::int64_t linesRead = 0;
    Event event;
    std::string lastLine; // the line's view dies with the next nextLine()
    LogSource::Line line{};
    auto batch = std::make_unique<ParsedBatch>();
    for (;;) {
        if (!m_source.nextLine(line)) {
            batch->endOfStream = true;
            if (batch->linesRead > 0)
                batch->lastLineHash = ledgerHash(QByteArray::fromStdString(lastLine));
            if (m_source.hasError())
                batch->sourceError = m_source.errorString();
            batch->endOffset = m_source.decompressedOffset();
            batch->bytesConsumed = m_source.bytesConsumed();
            push(std::move(batch));
            break;
        }
        ++linesRead;
        ++batch->linesRead;
        if (line.truncated)
            ++batch->truncatedLines;
        // parse() clears the event before it fills it in.
        switch (m_parser.parse(line.text, event)) {
        case LineVerdict::Event:
            batch->addEvent(event, line.offset, isAscii(line.text) ? line.text : std::string_view());
            if (m_options.queueSenders)
                shareSender(batch->events.back(), batch->arena);
            break;
        case LineVerdict::Ignored:
            ++batch->ignored;
            if (m_parser.lastWasForeign())
                ++batch->foreignLines;
            break;
        case LineVerdict::NotUnderstood:
            ++batch->notUnderstood;
            if (m_options.samplesLeft > 0) {
                --m_options.samplesLeft;
                constexpr std::size_t sampleLimit = 2048;
                batch->unparsed.push_back({line.offset, std::string(m_parser.problem()),
                                           std::string(line.text.substr(0, sampleLimit))});
            }
            break;
        }
        const std::int64_t end = m_source.decompressedOffset();
        lastLine.assign(line.text);
        if (linesRead % m_options.checkpointInterval == 0)
            batch->checkpoints.push_back({end, ledgerHash(QByteArray::fromStdString(lastLine))});
        if (batch->linesRead >= m_options.batchLines) {
            batch->endOffset = end;
            batch->lastLineHash = ledgerHash(QByteArray::fromStdString(lastLine));
            batch->bytesConsumed = m_source.bytesConsumed();
            if (!push(std::move(batch)))
                break;
            batch = std::make_unique<ParsedBatch>();
        }
    }
    std::lock_guard lock(m_mutex);
    m_cpuMs = threadCpuMs();
    m_finished = true;
    m_changed.notify_all();
}

} // namespace rejectscope
