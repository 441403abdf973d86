#pragma once

// Internal to core/analysis: turns an AnalysisFilter into SQL terms with bound
// parameters, and names in one place which rows are attempts and how an attempt
// is classed, so that chains, charts, floods, switch points and before/after
// agree with each other.

#include "analysisfilter.h"
#include "store/textmatches.h"

#include <QString>
#include <QStringList>
#include <QVariantList>

#include <cstdint>
#include <optional>
#include <span>

class QSqlQuery;
struct sqlite3;

namespace rejectscope {
class Database;
}

namespace rejectscope::sql {

// SQL text with its bound values in the order of their `?` placeholders. Only our
// own fragments are ever appended as text; every value from a user or a log line
// goes into `values`.
struct Fragment {
    QString text;
    QVariantList values;

    Fragment &append(const QString &more, const QVariantList &moreValues = {});
    Fragment &append(const Fragment &other) { return append(other.text, other.values); }
};

// Terms joined with AND.
class Where
{
public:
    void add(const QString &term, const QVariantList &values = {});
    bool isEmpty() const { return m_terms.isEmpty(); }
    // " WHERE a AND b", or "" when there are no terms.
    Fragment clause() const;
    // " AND a AND b", or "": for appending to a WHERE of one's own.
    Fragment andTerms() const;

private:
    QStringList m_terms;
    QVariantList m_values;
};

void bind(QSqlQuery &query, const QVariantList &values);

// How an attempt is classed, from the columns kind, status and code_class (of event
// or minute_count; `p` is the table alias with its dot, or empty). Inbound, the
// reply's class decides; outbound, the delivery status does, because that is what
// the sender did with the reply: a 521 greeting deferred by smtp_skip_5xx_greeting
// and a 550 softened into SOFTBOUNCE are retried (temporary), whatever their code.
//
// An attempt: an enforced rejection (kind Reject) or a delivery attempt (kind
// Delivery with status sent, deferred, bounced or SOFTBOUNCE).
QString attemptCondition(const QString &p);
QString temporaryCondition(const QString &p);  // inbound 4xx, outbound deferred/SOFTBOUNCE
QString permanentCondition(const QString &p);  // inbound 5xx, outbound bounced
QString acceptedCondition(const QString &p);   // outbound sent
// 4, 5, 2 for the above, 0 otherwise: what AnalysisFilter::codeClass is matched against.
QString effectiveClassExpression(const QString &p);

// The filter's direction, reason and code class as terms on event or minute_count
// columns. Time and text are separate: each table expresses them differently.
void addClassTerms(Where &where, const AnalysisFilter &filter, const QString &p);
// The filter's time range on event.time_ms.
void addEventTimeTerms(Where &where, const AnalysisFilter &filter, const QString &p);
// The filter's time range on a minute column (minute_count, the attempt tables):
// every minute that overlaps the range.
void addMinuteTimeTerms(Where &where, const AnalysisFilter &filter, const QString &p);
// Free text: a substring of client name or IP, sender, recipient, queue id or reply
// of the event with alias `p`, the case of ASCII letters ignored (as SQLite's LIKE
// ignores it), the one definition the chart, the tables and the advisor share. It
// calls rs_contains (store/sqlfunctions.h), or, with `matchesKept`, reads the
// matches kept for the text by id (rs_text_ids, store/textmatches.h): only for
// connections of Database. addTextTerms is a no-op for empty text, and reads by id
// when the database's matches of the text are kept.
// `bounds`: the query's own time range (or one around it), which cuts the kept
// matches read by id to those within it.
struct TimeBounds {
    std::optional<std::int64_t> fromMs;
    std::optional<std::int64_t> toMs;
};
TimeBounds boundsOf(const AnalysisFilter &filter);
void addTextTerms(Where &where, Database &database, const QString &text, const QString &p,
                  const TimeBounds &bounds = {});
void addTextTerms(Where &where, const QString &text, const QString &p, bool matchesKept = false,
                  const TimeBounds &bounds = {});
Fragment textCondition(const QString &text, const QString &p, bool matchesKept = false,
                       const TimeBounds &bounds = {});
// "<idColumn> IN rs_text_ids(…)": the kept matches of `text` within `bounds`, for
// a column that holds event ids.
Fragment textIdsCondition(const QString &idColumn, const QString &text, const TimeBounds &bounds = {});
// Whether the matches of `text` are kept for the database (textmatches::find).
bool textMatchesKept(Database &database, const QString &text);
bool textMatchesKept(sqlite3 *db, const QString &text);

// How an event is classed (the conditions above), for events held in memory.
struct EventClass {
    bool attempt = false;
    bool temporary = false;
    bool permanent = false;
    bool accepted = false;
};
EventClass classOf(int kind, int status, int codeClass);
// The kept matches of a text (in order of time) within the filter's time range,
// as addEventTimeTerms selects events.
std::span<const TextMatch> withinRange(const TextMatchList &matches, const AnalysisFilter &filter);
// Whether a kept match has the filter's direction and reason, and (with
// `withClass`) its code class, as addClassTerms selects events.
bool classTermsHold(const TextMatch &match, const AnalysisFilter &filter, bool withClass = true);

// Which of the attempt count tables (schema 002) a query may read.
struct CountSource {
    bool tablesAreCurrent = false; // ensureAttemptMinutes() said so
    bool byHour = false;           // attempt_hour will do: whole hours are enough
    bool needReason = false;       // the query reads m.reason
    bool textMatchesKept = false;  // the filter's text is read by id (textMatchesKept())
};

// " FROM <attempts per minute> m WHERE <filter>": rows with the columns minute,
// direction, reason (when asked for), temporary, permanent and accepted (attempt
// counts) for the filter's time (whole minutes), direction, reason and text, plus
// `extraTerms` on those columns. The source is the smallest current attempt table
// that answers; when they are stale, the same sums made from minute_count; for free
// text (which per-minute counts cannot answer) the matching events. The filter's
// code class is not applied here: see classColumn().
Fragment attemptMinutesFrom(const AnalysisFilter &filter, const CountSource &source,
                            const QStringList &extraTerms = {});
// True when the filter's range and buckets of `bucketMs` fall on whole hours.
bool wholeHours(const AnalysisFilter &filter, std::int64_t bucketMs);
// "SUM(…) AS temporary, SUM(…) AS permanent, SUM(…) AS accepted" over minute_count
// rows (alias `p`): how attempt_minute is made from it.
QString attemptSums(const QString &p);
// "m.temporary", "m.permanent" or "m.accepted" (class 4, 5, 2), or "0" when the
// filter's code class selects another class.
QString classColumn(const AnalysisFilter &filter, int codeClass);

constexpr std::int64_t minuteMs = 60 * 1000;

// Floor division for minute numbers and buckets of times before 1970.
constexpr std::int64_t floorDiv(std::int64_t a, std::int64_t b)
{
    return a >= 0 ? a / b : -((-a + b - 1) / b);
}

} // namespace rejectscope::sql
