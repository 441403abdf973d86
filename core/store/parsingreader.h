#pragma once

#include "parsedbatch.h"

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <thread>

namespace rejectscope {

class LineParser;
class LogSource;
class QueueSenderCache;

// Reads and parses a log on a thread of its own and hands the results over in
// batches through a short queue, so that parsing and storing use both cores.
class ParsingReader
{
public:
    struct Options {
        int batchLines = 4096;
        // Batches parsed ahead of the taker. The storing thread sets the pace, and
        // each of its commits waits for the disk (tens of milliseconds on a busy
        // one); 24 batches (about 100,000 lines, some 10 MB) let the parsing thread
        // build a lead meanwhile, so the storer rarely waits for a batch afterwards.
        std::size_t queueDepth = 24;
        std::int64_t samplesLeft = 0;       // not-understood lines still to keep whole
        int checkpointInterval = 1024;      // lines between ledger checkpoints
        // Learns queue ids' senders and gives them to deliveries that lack one; it may
        // span several readers, one after another (the files of one import run).
        QueueSenderCache *queueSenders = nullptr;
    };

    ParsingReader(LogSource &source, LineParser &parser, Options options);
    ~ParsingReader();
    ParsingReader(const ParsingReader &) = delete;
    ParsingReader &operator=(const ParsingReader &) = delete;

    void start();
    // The next batch, waiting for it; nullptr once the last batch was taken.
    std::unique_ptr<ParsedBatch> next();
    // Batches parsed and not taken yet.
    std::size_t queuedBatches();
    // Asks the thread to stop and waits for it; later batches are dropped.
    void stop();
    // CPU time the reading thread used, once it has ended (for the import's debug log).
    std::int64_t cpuMs() const { return m_cpuMs; }
    // CPU time of the calling thread so far; -1 where the platform does not tell.
    static std::int64_t threadCpuMs();
    // Milliseconds the reading thread waited for room in the queue and the taker
    // waited for a batch, once the thread has ended (for the import's debug log:
    // which side sets the pace).
    std::int64_t readerWaitMs() const { return m_readerWaitUs / 1000; }
    std::int64_t takerWaitMs() const { return m_takerWaitUs / 1000; }

private:
    void run();
    void shareSender(ParsedBatch::Item &item, TextArena &arena);
    bool push(std::unique_ptr<ParsedBatch> batch);

    LogSource &m_source;
    LineParser &m_parser;
    Options m_options;
    std::thread m_thread;
    std::mutex m_mutex;
    std::condition_variable m_changed;
    std::deque<std::unique_ptr<ParsedBatch>> m_queue;
    std::int64_t m_cpuMs = -1;
    std::int64_t m_readerWaitUs = 0;
    std::int64_t m_takerWaitUs = 0;
    bool m_finished = false;
    bool m_stopping = false;
};

} // namespace rejectscope
