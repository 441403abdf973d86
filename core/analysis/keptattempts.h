#pragma once

// Internal to core/analysis: the top lists of a search whose matches are kept
// (store/textmatches.h), counted in memory. The top-list keys of the text's
// attempts are read once per kept text (one lookup per match), so that a filter
// change with the same text ranks them without reading the events again. Held
// while the text's matches are kept, and forgotten with them.

#include "toplists.h"
#include "store/textmatches.h"

#include <QString>

#include <memory>
#include <string>
#include <vector>

namespace rejectscope {

class Database;

class KeptAttempts
{
public:
    // Those of `text` on `database`, read on the first call for its kept matches;
    // null when the text's matches are not kept, or on a read error (`error`
    // then says why).
    static std::shared_ptr<const KeptAttempts> of(Database &database, const QString &text, QString *error);

    // The four lists of the filter (its text is the kept one), as topLists() ranks
    // them from the events.
    TopListSet rank(const AnalysisFilter &filter, int limit) const;

private:
    static constexpr int keyedKinds = 3; // clients, senders, recipients

    QList<TopEntry> rankKeys(int kind, const AnalysisFilter &filter, int limit) const;
    QList<TopEntry> rankReasons(const AnalysisFilter &filter, int limit) const;

    TextMatchList m_attempts; // the matches that are attempts, in order of time
    // By kind, per attempt (parallel to m_attempts): the key's number, 0 for none.
    // Numbers follow the keys' byte order, which is SQLite's for text.
    std::vector<std::uint32_t> m_keys[keyedKinds];
    std::vector<QString> m_keyTexts[keyedKinds]; // by number (0 unused)
};

} // namespace rejectscope
