#include "keptattempts.h"

#include "filtersql.h"
#include "store/database.h"
#include "topaggregate.h"

#include <QCoreApplication>
#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>
#include <array>
#include <map>
#include <mutex>

using namespace Qt::StringLiterals;

namespace rejectscope {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(TopLists)
};

// Built ones, by the kept matches they were read for: an entry goes when the
// matches are no longer kept (or kept anew after an import).
struct Built {
    std::weak_ptr<const TextMatchList> matches;
    std::shared_ptr<const KeptAttempts> attempts;
};
std::mutex builtMutex;
std::vector<Built> built;

// Under builtMutex.
std::shared_ptr<const KeptAttempts> builtFor(const std::shared_ptr<const TextMatchList> &matches)
{
    for (const Built &b : built)
        if (b.matches.lock() == matches)
            return b.attempts;
    return nullptr;
}

// What one key collects over the attempts a filter selects.
struct Tally {
    std::int64_t attempts = 0;
    std::int64_t temporary = 0;
    std::int64_t permanent = 0;
    std::int64_t firstMs = 0;
    std::int64_t lastMs = 0;
    std::array<std::int64_t, reasonClassCount> byReason{};

    void add(const TextMatch &m, const sql::EventClass &c)
    {
        firstMs = attempts == 0 ? m.timeMs : std::min(firstMs, m.timeMs);
        lastMs = attempts == 0 ? m.timeMs : std::max(lastMs, m.timeMs);
        ++attempts;
        temporary += c.temporary;
        permanent += c.permanent;
        if (m.reason < reasonClassCount)
            ++byReason[m.reason];
    }
    TopEntry entry() const
    {
        TopEntry e;
        e.attempts = attempts;
        e.temporary = temporary;
        e.permanent = permanent;
        e.firstMs = firstMs;
        e.lastMs = lastMs;
        // The reason of most attempts, the lower on a tie (as the SQL ranks them).
        e.reason = ReasonClass(std::max_element(byReason.begin(), byReason.end()) - byReason.begin());
        return e;
    }
};

} // namespace

std::shared_ptr<const KeptAttempts> KeptAttempts::of(Database &database, const QString &text, QString *error)
{
    const auto matches = textmatches::find(database.nativeHandle(), text);
    if (!matches)
        return nullptr;
    {
        const std::lock_guard lock(builtMutex);
        std::erase_if(built, [](const Built &b) { return b.matches.expired(); });
        if (auto attempts = builtFor(matches))
            return attempts;
    }
    // The keys of the text's attempts, by id.
    sql::Fragment statement{u"SELECT e.id"_s, {}};
    for (int kind = 0; kind < keyedKinds; ++kind)
        statement.append(u", "_s + topaggregate::keyExpression(TopListKind(kind), u"e."_s));
    statement.append(u" FROM event e WHERE "_s);
    statement.append(sql::textCondition(text, u"e."_s, true, {}));
    statement.append(u" AND "_s + sql::attemptCondition(u"e."_s));
    QSqlQuery query(database.connection());
    query.setForwardOnly(true);
    if (!query.prepare(statement.text) || (sql::bind(query, statement.values), !query.exec())) {
        if (error)
            *error = Tr::tr("cannot search the attempts: %1").arg(query.lastError().text());
        return nullptr;
    }
    // Each kind's key texts, numbered once all are known (in byte order); a row
    // points at its keys' numbers (null: none).
    std::array<std::map<QByteArray, std::uint32_t>, keyedKinds> texts;
    struct Row {
        std::int64_t id = 0;
        std::array<const std::uint32_t *, keyedKinds> keys{};
    };
    std::vector<Row> rows;
    while (query.next()) {
        Row &row = rows.emplace_back();
        row.id = query.value(0).toLongLong();
        for (int kind = 0; kind < keyedKinds; ++kind) {
            const QVariant value = query.value(1 + kind);
            if (!value.isNull())
                row.keys[kind] = &texts[kind].try_emplace(value.toString().toUtf8(), 0).first->second;
        }
    }
    auto attempts = std::make_shared<KeptAttempts>();
    for (int kind = 0; kind < keyedKinds; ++kind) {
        attempts->m_keyTexts[kind].reserve(texts[kind].size() + 1);
        attempts->m_keyTexts[kind].emplace_back();
        for (auto &[bytes, number] : texts[kind]) {
            number = std::uint32_t(attempts->m_keyTexts[kind].size());
            attempts->m_keyTexts[kind].push_back(QString::fromUtf8(bytes));
        }
    }
    std::sort(rows.begin(), rows.end(), [](const Row &a, const Row &b) { return a.id < b.id; });
    // The matches that are attempts, in their order of time, each with its keys.
    for (const TextMatch &match : *matches) {
        const auto row = std::lower_bound(rows.begin(), rows.end(), match.id,
                                          [](const Row &r, std::int64_t id) { return r.id < id; });
        if (row == rows.end() || row->id != match.id)
            continue;
        attempts->m_attempts.push_back(match);
        for (int kind = 0; kind < keyedKinds; ++kind)
            attempts->m_keys[kind].push_back(row->keys[kind] ? *row->keys[kind] : 0);
    }
    const std::lock_guard lock(builtMutex);
    // Another thread may have read the same meanwhile (the window's timeline and
    // details jobs both ask): the first one stays.
    if (auto first = builtFor(matches))
        return first;
    built.push_back({matches, attempts});
    return attempts;
}

TopListSet KeptAttempts::rank(const AnalysisFilter &filter, int limit) const
{
    TopListSet lists;
    for (int kind = 0; kind < keyedKinds; ++kind)
        lists[kind] = rankKeys(kind, filter, limit);
    lists[int(TopListKind::Reasons)] = rankReasons(filter, limit);
    return lists;
}

QList<TopEntry> KeptAttempts::rankKeys(int kind, const AnalysisFilter &filter, int limit) const
{
    const std::span<const TextMatch> range = sql::withinRange(m_attempts, filter);
    const std::size_t first = std::size_t(range.data() - m_attempts.data());
    std::vector<Tally> tallies(m_keyTexts[kind].size());
    std::vector<std::uint32_t> touched;
    std::int64_t total = 0;
    for (std::size_t i = first; i < first + range.size(); ++i) {
        const std::uint32_t key = m_keys[kind][i];
        const TextMatch &m = m_attempts[i];
        if (key == 0 || !sql::classTermsHold(m, filter))
            continue;
        if (tallies[key].attempts == 0)
            touched.push_back(key);
        tallies[key].add(m, sql::classOf(m.kind, m.status, m.codeClass));
        ++total;
    }
    // Most attempts first; a tie goes to the lower number, the key that sorts first.
    const std::size_t keep = std::min(touched.size(), std::size_t(std::max(limit, 0)));
    std::partial_sort(touched.begin(), touched.begin() + std::ptrdiff_t(keep), touched.end(),
                      [&](std::uint32_t a, std::uint32_t b) {
                          return tallies[a].attempts != tallies[b].attempts ? tallies[a].attempts > tallies[b].attempts
                                                                            : a < b;
                      });
    QList<TopEntry> entries;
    for (std::size_t j = 0; j < keep; ++j) {
        TopEntry entry = tallies[touched[j]].entry();
        entry.key = m_keyTexts[kind][touched[j]];
        entry.totalAttempts = total;
        entries << entry;
    }
    return entries;
}

QList<TopEntry> KeptAttempts::rankReasons(const AnalysisFilter &filter, int limit) const
{
    std::array<Tally, reasonClassCount> tallies{};
    std::int64_t total = 0;
    for (const TextMatch &m : sql::withinRange(m_attempts, filter)) {
        if (m.reason >= reasonClassCount || !sql::classTermsHold(m, filter))
            continue;
        tallies[m.reason].add(m, sql::classOf(m.kind, m.status, m.codeClass));
        ++total;
    }
    QList<TopEntry> entries;
    for (int reason = 0; reason < reasonClassCount; ++reason) {
        if (tallies[reason].attempts == 0)
            continue;
        TopEntry entry = tallies[reason].entry();
        entry.reason = ReasonClass(reason);
        entry.key = reasonClassText(entry.reason);
        entry.totalAttempts = total;
        entries << entry;
    }
    topaggregate::rankReasonEntries(entries, limit);
    return entries;
}

} // namespace rejectscope
