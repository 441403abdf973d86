#include "advicecache.h"

#include "store/database.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace rejectscope::advicecache {

namespace {

constexpr int keptFilters = 32;

QString optionalText(const std::optional<std::int64_t> &value)
{
    return value ? QString::number(*value) : QString();
}

// One line per field, so that no text the user typed can make two filters look
// alike; the free text comes last and may hold anything. v2: the free text
// searches the queue id, not the relay, as the filter bar says.
QString filterKey(const AnalysisFilter &filter)
{
    return u"v2\nfrom=%1\nto=%2\ndirection=%3\nclass=%4\nreason=%5\ntext=%6"_s.arg(
        optionalText(filter.fromMs), optionalText(filter.toMs),
        filter.direction ? QString::number(int(*filter.direction)) : QString(),
        filter.codeClass ? QString::number(*filter.codeClass) : QString(),
        filter.reason ? QString::number(int(*filter.reason)) : QString(), filter.text);
}

// Counts and times as strings: JSON numbers are doubles, exact to 2^53 only.
QJsonObject toJson(const Finding &f)
{
    return QJsonObject{
        {u"kind"_s, int(f.kind)},
        {u"direction"_s, int(f.direction)},
        {u"reason"_s, int(f.reason)},
        {u"parameter"_s, f.parameter},
        {u"currentValue"_s, f.currentValue},
        {u"suggestedValue"_s, f.suggestedValue},
        {u"postfixDefault"_s, f.postfixDefault},
        {u"events"_s, QString::number(f.events)},
        {u"distinctSenders"_s, QString::number(f.distinctSenders)},
        {u"distinctClients"_s, QString::number(f.distinctClients)},
        {u"retriesSaved"_s, QString::number(f.retriesSaved)},
        {u"firstMs"_s, QString::number(f.firstMs)},
        {u"lastMs"_s, QString::number(f.lastMs)},
        {u"exampleReply"_s, f.exampleReply},
        {u"exampleSender"_s, f.exampleSender},
        {u"exampleRecipient"_s, f.exampleRecipient},
        {u"exampleClient"_s, f.exampleClient},
    };
}

Finding fromJson(const QJsonObject &o)
{
    const auto number = [&](const QString &name) { return o.value(name).toString().toLongLong(); };
    Finding f;
    f.kind = Finding::Kind(o.value(u"kind"_s).toInt());
    f.direction = Direction(o.value(u"direction"_s).toInt());
    f.reason = ReasonClass(o.value(u"reason"_s).toInt());
    f.parameter = o.value(u"parameter"_s).toString();
    f.currentValue = o.value(u"currentValue"_s).toString();
    f.suggestedValue = o.value(u"suggestedValue"_s).toString();
    f.postfixDefault = o.value(u"postfixDefault"_s).toString();
    f.events = number(u"events"_s);
    f.distinctSenders = number(u"distinctSenders"_s);
    f.distinctClients = number(u"distinctClients"_s);
    f.retriesSaved = number(u"retriesSaved"_s);
    f.firstMs = number(u"firstMs"_s);
    f.lastMs = number(u"lastMs"_s);
    f.exampleReply = o.value(u"exampleReply"_s).toString();
    f.exampleSender = o.value(u"exampleSender"_s).toString();
    f.exampleRecipient = o.value(u"exampleRecipient"_s).toString();
    f.exampleClient = o.value(u"exampleClient"_s).toString();
    return f;
}

} // namespace

std::optional<std::int64_t> currentVersion(Database &database)
{
    QSqlQuery query(database.connection());
    if (!query.exec(u"SELECT MAX(id) FROM event"_s) || !query.next())
        return std::nullopt;
    return query.value(0).toLongLong();
}

std::optional<QList<Finding>> lookup(Database &database, const AnalysisFilter &filter, std::int64_t version)
{
    QSqlQuery query(database.connection());
    if (!query.prepare(u"SELECT findings FROM advice_cache WHERE filter_key = ? AND max_event_id = ?"_s))
        return std::nullopt;
    query.addBindValue(filterKey(filter));
    query.addBindValue(qint64(version));
    if (!query.exec() || !query.next())
        return std::nullopt;
    const QJsonDocument document = QJsonDocument::fromJson(query.value(0).toString().toUtf8());
    if (!document.isArray())
        return std::nullopt; // damaged: read the events again
    QList<Finding> findings;
    for (const QJsonValue &value : document.array())
        findings << fromJson(value.toObject());
    return findings;
}

void store(Database &database, const AnalysisFilter &filter, std::int64_t version, const QList<Finding> &findings)
{
    const Database::InterruptHold hold(database);
    QJsonArray array;
    for (const Finding &f : findings)
        array.append(toJson(f));
    QSqlQuery query(database.connection());
    // Portable: delete and insert rather than an upsert.
    if (!query.prepare(u"DELETE FROM advice_cache WHERE filter_key = ?"_s))
        return;
    query.addBindValue(filterKey(filter));
    if (!query.exec()
        || !query.prepare(u"INSERT INTO advice_cache (filter_key, max_event_id, used_at_ms, findings)"
                          " VALUES (?, ?, ?, ?)"_s))
        return;
    query.addBindValue(filterKey(filter));
    query.addBindValue(qint64(version));
    query.addBindValue(QDateTime::currentMSecsSinceEpoch());
    query.addBindValue(QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Compact)));
    if (!query.exec())
        return;
    // Stale rows and all but the most recent few.
    if (query.prepare(u"DELETE FROM advice_cache WHERE max_event_id <> ? OR filter_key NOT IN"
                      " (SELECT filter_key FROM advice_cache ORDER BY used_at_ms DESC LIMIT ?)"_s)) {
        query.addBindValue(qint64(version));
        query.addBindValue(keptFilters);
        query.exec();
    }
}

} // namespace rejectscope::advicecache
