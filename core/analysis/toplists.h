#pragma once

#include "analysisfilter.h"

#include <QList>
#include <QString>

#include <array>
#include <atomic>
#include <cstdint>
#include <optional>

namespace rejectscope {

class Database;

// Who is refused most: the ranking dimensions of the top lists.
enum class TopListKind {
    Clients,    // inbound: the remote client ("name[ip]"); outbound: the relay
    Senders,    // envelope sender, case-folded ("<>" for the null sender)
    Recipients, // envelope recipient, case-folded
    Reasons,    // reason class
};

// One row of a top list: counts of the attempts (inbound rejections, outbound
// delivery attempts) the filter selects, for one client, sender, recipient or reason.
struct TopEntry {
    QString key;              // the client/sender/recipient as logged (untrusted), or the reason's name
    ReasonClass reason = ReasonClass::Other; // Reasons: the reason; else the reason of most attempts
    std::int64_t attempts = 0;
    std::int64_t temporary = 0; // 4xx
    std::int64_t permanent = 0; // 5xx
    std::int64_t firstMs = 0;
    std::int64_t lastMs = 0;
    // Attempts of every key the filter selects, listed or not (the same in each
    // entry of a list): what a share is measured against.
    std::int64_t totalAttempts = 0;
};

// The `limit` entries with the most attempts, most first (ties by key). Attempts
// without the list's key (no sender known, no recipient) are left out. Answered
// from per-day, eight-day and 64-day counts (schema 003, built on the first call
// after an import, which writes to the database) plus the events of the partial
// days at the range's edges; a filter with free text, or a database whose counts
// are stale and cannot be written (read-only, busy, not SQLite), scans the events
// instead: exact, but slow on millions of events.
std::optional<QList<TopEntry>> topList(Database &database, TopListKind kind,
                                       const AnalysisFilter &filter, int limit, QString *error);

constexpr int topListKindCount = 4;
// The four lists of one filter, indexed by TopListKind.
using TopListSet = std::array<QList<TopEntry>, topListKindCount>;
// As topList() for each kind. A free-text filter reads its attempts from the
// events once, into a temporary table that the four lists then group, instead
// of scanning the events four times. Null on an error (`error` says why) or
// once `cancel` is raised.
std::optional<TopListSet> topLists(Database &database, const AnalysisFilter &filter, int limit,
                                   QString *error, const std::atomic_bool *cancel = nullptr);

// Reads the top-list keys of a kept text's attempts now (once per kept text:
// about a second for 200,000 matches), so that its next top lists are counted in
// memory at once. Nothing to do when the text's matches are not kept. False on a
// read error or a stop (`error`).
bool prepareTopLists(Database &database, const QString &text, QString *error);

QString topListKindName(TopListKind kind); // "clients", "senders", "recipients", "reasons"
std::optional<TopListKind> topListKindFromName(const QString &name);

} // namespace rejectscope
