#pragma once

// Internal to the advisor: WHERE clauses with bound values and the few aggregate
// queries the findings are made of. Portable SQL (the schema may live in
// PostgreSQL) but for the free text, which is sql::textCondition's and calls a
// function that Database registers; nothing from the log or the user ever
// becomes SQL text.

#include "analysisfilter.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <QVariant>

#include <cstdint>
#include <optional>

namespace rejectscope {

class Database;

namespace advisorquery {

// A conjunction of conditions and the values bound to their placeholders, in order.
class Where
{
public:
    Where &add(const QString &condition, const QVariantList &values = {});
    QString sql() const; // "a AND b AND c", or "1 = 1" when empty
    const QVariantList &values() const { return m_values; }

private:
    QStringList m_conditions;
    QVariantList m_values;
};

// Which fields of an AnalysisFilter a query honours. Detection queries look at the
// time range only (they need every class and both code classes for context);
// evidence queries honour everything the user chose.
enum FilterPart : unsigned {
    TimeRange = 1u << 0,
    CodeClass = 1u << 1,
    Reason = 1u << 2,
    Text = 1u << 3,
    Everything = TimeRange | CodeClass | Reason | Text,
};
void addFilter(Where &where, const AnalysisFilter &filter, unsigned parts);

// "reason IN (?, ?, …)" for a list of classes (never empty: an empty list gives a
// condition that matches nothing).
void addReasonIn(Where &where, const QList<ReasonClass> &reasons);

// A stretch of one host's refusals of one class: [firstMs, lastMs].
struct Interval {
    std::int64_t hostId = 0;
    ReasonClass reason = ReasonClass::Other;
    std::int64_t firstMs = 0;
    std::int64_t lastMs = 0;
};
// Events inside any of the intervals (inside = true) or outside all of them.
void addIntervals(Where &where, const QList<Interval> &intervals, bool inside);

// Counts over a set of events, grouped by some columns.
struct Stats {
    QVariantList group; // the GROUP BY values, in order
    std::int64_t events = 0;
    std::int64_t senders = 0;
    std::int64_t clients = 0;
    std::int64_t keys = 0; // distinct retry keys; an event without a key counts as its own
    std::int64_t temporaryEvents = 0; // of them 4xx
    std::int64_t temporaryKeys = 0;   // distinct keys among the 4xx ones
    std::int64_t firstMs = 0;
    std::int64_t lastMs = 0;
};
// `clientColumn` names the column counted as "clients" (client_ip inbound, relay
// outbound). Column names are the advisor's own constants, never user input.
std::optional<QList<Stats>> aggregate(Database &database, const Where &where,
                                      const QStringList &groupBy, const QString &clientColumn,
                                      QString *error);

// One real event: the earliest that matches.
struct Example {
    QString reply;
    QString sender;
    QString recipient;
    QString client; // "name[ip]" inbound, the relay outbound
};
std::optional<Example> firstExample(Database &database, const Where &where, QString *error);

// The most frequent value of `column` among the matching events (ties: the smaller).
std::optional<QVariant> mostFrequent(Database &database, const Where &where, const QString &column,
                                     QString *error);

} // namespace advisorquery
} // namespace rejectscope
