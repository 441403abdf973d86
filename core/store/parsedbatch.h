#pragma once

#include "analysis/reasonclass.h"
#include "minutecounts.h"
#include "parse/event.h"
#include "textarena.h"

#include <QByteArray>
#include <QString>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rejectscope {

// Some thousand lines, parsed by the reading thread and handed to the writing
// thread: the events (their text copied into the arena), the lines not
// understood, the ledger checkpoints passed, and where the batch ends.
struct ParsedBatch {
    // An event with what is derived from it, worked out on the reading thread so
    // the writing thread only binds and steps.
    struct Item {
        Event event;
        std::int64_t lineOffset = 0;
        ReasonClass reason = ReasonClass::Other;
        int codeClass = 0;
        std::int64_t retryKey = 0;
        std::string_view program; // "postfix/smtpd": syslog name and service
    };
    struct Unparsed {
        std::int64_t lineOffset = 0;
        std::string problem;
        std::string text;
    };
    struct Checkpoint {
        std::int64_t offset = 0;
        QByteArray lineHash;
    };

    std::vector<Item> events;
    std::vector<Unparsed> unparsed; // the first ones of the source only; all are counted
    std::vector<Checkpoint> checkpoints;
    std::int64_t linesRead = 0;
    std::int64_t ignored = 0;
    std::int64_t foreignLines = 0;
    std::int64_t notUnderstood = 0;
    std::int64_t truncatedLines = 0;
    std::int64_t endOffset = 0;     // decompressed offset after the batch's last line
    QByteArray lastLineHash;        // ledger hash of the batch's last line
    std::int64_t bytesConsumed = 0; // of the file, for progress
    bool endOfStream = false;
    QString sourceError;            // set when reading failed after this batch's lines
    MinuteCounts minutes;           // of the events, for minute_count
    std::optional<std::int64_t> firstTimeMs; // of the events
    std::optional<std::int64_t> lastTimeMs;
    TextArena arena;
    std::string repairScratch; // reused by addEvent() for text that is not valid UTF-8

    // Copies `event` into the arena, its text repaired to valid UTF-8, derives its
    // reason, code class, retry key and program, and counts it. Text that lies in
    // `asciiLine` (the event's line, when it holds ASCII bytes only) needs no check.
    void addEvent(const Event &event, std::int64_t lineOffset, std::string_view asciiLine = {});
};

} // namespace rejectscope
