#include "toplisttable.h"

using namespace Qt::StringLiterals;

namespace rejectscope {

Table topListTable(TopListKind kind, const QList<TopEntry> &entries, const QTimeZone &zone)
{
    Q_UNUSED(kind); // one shape for every kind: the key column holds the client, address or reason
    Table table{{u"rank"_s, u"key"_s, u"reason"_s, u"attempts"_s, u"temporary"_s, u"permanent"_s,
                 u"share"_s, u"first_seen_utc"_s, u"first_seen_local"_s, u"last_seen_utc"_s,
                 u"last_seen_local"_s},
                {}};
    // Of every attempt the filter selects; a list made by hand may not say.
    std::int64_t total = entries.isEmpty() ? 0 : entries.first().totalAttempts;
    if (total <= 0) {
        for (const TopEntry &e : entries)
            total += e.attempts;
    }
    int rank = 0;
    for (const TopEntry &e : entries) {
        const std::string_view reason = reasonClassName(e.reason);
        table.rows << QList<QVariant>{++rank, e.key, QString::fromLatin1(reason.data(), qsizetype(reason.size())),
                                      qint64(e.attempts), qint64(e.temporary), qint64(e.permanent),
                                      total > 0 ? QVariant(double(e.attempts) / double(total)) : QVariant(0.0),
                                      isoUtc(e.firstMs), isoLocal(e.firstMs, zone), isoUtc(e.lastMs),
                                      isoLocal(e.lastMs, zone)};
    }
    return table;
}

} // namespace rejectscope
