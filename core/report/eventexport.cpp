#include "eventexport.h"

#include "csvwriter.h"
#include "names.h"

#include <QCoreApplication>
#include <QSaveFile>

using namespace Qt::StringLiterals;

namespace rejectscope {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(EventExport)
};

QStringList eventColumns()
{
    return {u"time_utc"_s,  u"time_local"_s, u"direction"_s,   u"kind"_s,     u"code"_s,
            u"enhanced_code"_s, u"code_class"_s, u"reason"_s,  u"status"_s,   u"stage"_s,
            u"host"_s,      u"program"_s,    u"queue_id"_s,    u"client_name"_s, u"client_ip"_s,
            u"helo"_s,      u"sender"_s,     u"recipient"_s,   u"relay"_s,    u"reply"_s};
}

// The two time cells of the last second seen: a busy log has several events a
// second, and formatting a time in a zone is a good part of an export's work.
class TimeCells
{
public:
    explicit TimeCells(const QTimeZone &zone)
        : m_zone(zone)
    {
    }
    void update(std::int64_t timeMs)
    {
        // ISO 8601 cells carry whole seconds.
        const std::int64_t second = timeMs >= 0 ? timeMs / 1000 : (timeMs - 999) / 1000;
        if (m_valid && second == m_second)
            return;
        m_valid = true;
        m_second = second;
        utc = isoUtc(timeMs);
        local = isoLocal(timeMs, m_zone);
    }
    QString utc;
    QString local;

private:
    QTimeZone m_zone;
    std::int64_t m_second = 0;
    bool m_valid = false;
};

QList<QVariant> eventCells(const EventRow &row, TimeCells &times)
{
    const std::string_view reason = reasonClassName(row.reason);
    times.update(row.timeMs);
    // No code and no class are empty cells, not 0 or "-": a spreadsheet would read
    // those as a number or a formula.
    return {times.utc,
            times.local,
            directionName(row.direction),
            eventKindName(row.kind),
            row.code > 0 ? QVariant(row.code) : QVariant(QString()),
            row.enhancedCode,
            row.codeClass > 0 ? codeClassName(row.codeClass) : QString(),
            QString::fromLatin1(reason.data(), qsizetype(reason.size())),
            deliveryStatusName(row.status),
            stageName(row.stage),
            row.host,
            row.program,
            row.queueId,
            row.clientName,
            row.clientIp,
            row.helo,
            row.sender,
            row.recipient,
            row.relay,
            row.reply};
}

} // namespace

Table eventsTable(const QList<EventRow> &rows, const QTimeZone &zone)
{
    Table table{eventColumns(), {}};
    table.rows.reserve(rows.size());
    TimeCells times(zone);
    for (const EventRow &row : rows)
        table.rows << eventCells(row, times);
    return table;
}

bool exportEventsCsv(Database &database, const AnalysisFilter &filter, const QString &path,
                     const QTimeZone &zone, const std::atomic_bool *cancel,
                     const std::function<void(std::int64_t done, std::int64_t total)> &progress,
                     QString *error)
{
    const auto failed = [error](const QString &message) {
        if (error)
            *error = message;
        return false;
    };
    EventQuery query(database, filter);
    const auto total = query.count();
    if (!total)
        return failed(query.errorString());

    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return failed(Tr::tr("cannot write the file: %1").arg(file.errorString()));
    CsvWriter writer(&file);
    QList<QVariant> header;
    for (const QString &column : eventColumns())
        header << column;
    writer.writeRow(header);

    // forEach stops on one flag: the caller's cancel, copied at each progress
    // call, or a failed write (a full disk should not read on through millions).
    std::atomic_bool stop = cancel && cancel->load();
    std::int64_t done = 0;
    TimeCells times(zone);
    const bool read = query.forEach(
        [&](const EventRow &row) {
            writer.writeRow(eventCells(row, times));
            if (!writer.ok())
                stop = true;
            ++done;
        },
        &stop,
        [&](std::int64_t rowsDone) {
            if (progress)
                progress(rowsDone, std::max(rowsDone, *total));
            if (cancel && cancel->load())
                stop = true;
        });
    if (cancel && cancel->load()) {
        file.cancelWriting();
        return failed(Tr::tr("the export was cancelled"));
    }
    if (!read) {
        file.cancelWriting();
        return failed(query.errorString());
    }
    if (!writer.ok()) {
        const QString reason = file.errorString();
        file.cancelWriting();
        return failed(Tr::tr("cannot write the file: %1").arg(reason));
    }
    if (!file.commit())
        return failed(Tr::tr("cannot write the file: %1").arg(file.errorString()));
    if (progress)
        progress(done, done);
    return true;
}

} // namespace rejectscope
