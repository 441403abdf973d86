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

// Reads and parses a log on a thread of its own and hands the results over in
// batches through a short queue, so that parsing and storing use both cores.
class ParsingReader
{
public:
    struct Options {
        int batchLines = 4096;
        std::size_t queueDepth = 8;
        std::int64_t samplesLeft = 0;       // not-understood lines still to keep whole
        int checkpointInterval = 1024;      // lines between ledger checkpoints
    };

    ParsingReader(LogSource &source, LineParser &parser, Options options);
    ~ParsingReader();
    ParsingReader(const ParsingReader &) = delete;
    ParsingReader &operator=(const ParsingReader &) = delete;

    void start();
    // The next batch, waiting for it; nullptr once the last batch was taken.
    std::unique_ptr<ParsedBatch> next();
    // Asks the thread to stop and waits for it; later batches are dropped.
    void stop();

private:
    void run();
    bool push(std::unique_ptr<ParsedBatch> batch);

    LogSource &m_source;
    LineParser &m_parser;
    Options m_options;
    std::thread m_thread;
    std::mutex m_mutex;
    std::condition_variable m_changed;
    std::deque<std::unique_ptr<ParsedBatch>> m_queue;
    bool m_finished = false;
    bool m_stopping = false;
};

} // namespace rejectscope
