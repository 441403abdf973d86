#include "eventtablemodel.h"

#include "modelroles.h"
#include "modeltext.h"
#include "report/names.h"
#include "store/database.h"
#include "store/threadconnection.h"

#include <QElapsedTimer>
#include <QLoggingCategory>
#include <QMetaObject>
#include <QPointer>
#include <QTimer>

#include <limits>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcEventTable, "rejectscope.eventtable", QtWarningMsg)

namespace rejectscope {

namespace {

// LRU of pages: a screenful or two in both scroll directions.
constexpr qsizetype cachedPages = 8;

QString client(const EventRow &row)
{
    if (row.clientName.isEmpty())
        return row.clientIp;
    if (row.clientIp.isEmpty())
        return row.clientName;
    return row.clientName + u'[' + row.clientIp + u']';
}

QString code(const EventRow &row)
{
    QString text = row.code > 0 ? QString::number(row.code) : QString();
    if (!row.enhancedCode.isEmpty())
        text += (text.isEmpty() ? QString() : u" "_s) + row.enhancedCode;
    return text;
}

QString reasonName(ReasonClass reason)
{
    const std::string_view name = reasonClassName(reason);
    return QString::fromLatin1(name.data(), qsizetype(name.size()));
}

// Deliveries and expiries have a status; the other lines say what they are.
QString statusText(const EventRow &row)
{
    if (row.status != DeliveryStatus::None)
        return modeltext::status(row.status);
    return modeltext::kind(row.kind);
}

QString statusName(const EventRow &row)
{
    if (row.status != DeliveryStatus::None)
        return deliveryStatusName(row.status);
    return eventKindName(row.kind);
}

std::optional<EventSort> sortOf(int column)
{
    switch (column) {
    case EventTableModel::Time: return EventSort::Time;
    case EventTableModel::Direction: return EventSort::Direction;
    case EventTableModel::Code: return EventSort::Code;
    case EventTableModel::Reason: return EventSort::Reason;
    case EventTableModel::Client: return EventSort::Client;
    case EventTableModel::Sender: return EventSort::Sender;
    case EventTableModel::Recipient: return EventSort::Recipient;
    default: return std::nullopt;
    }
}

} // namespace

EventTableModel::EventTableModel(Database &database, QObject *parent)
    : QAbstractTableModel(parent)
    , m_database(database)
{
    // One thread, kept with its connection: a filter change does not pay for
    // opening the database, and a superseded count (stopped through its flag)
    // is over before the next filter's first page starts.
    m_pool.setMaxThreadCount(1);
    m_pool.setExpiryTimeout(-1);
}

EventTableModel::~EventTableModel()
{
    if (m_countCancel)
        m_countCancel->store(true);
    m_pool.waitForDone();
}

void EventTableModel::setFilter(const AnalysisFilter &filter)
{
    beginResetModel();
    m_filter = filter;
    requery();
    endResetModel();
    if (!m_error.isEmpty())
        emit queryFailed(m_error);
}

void EventTableModel::refresh()
{
    setFilter(m_filter);
}

void EventTableModel::requery()
{
    m_pages.clear();
    m_pageOrder.clear();
    m_failedPages.clear();
    m_error.clear();
    m_query = std::make_unique<EventQuery>(m_database, m_filter);
    if (m_countCancel)
        m_countCancel->store(true);
    ++m_countGeneration;
    m_countKnown = true;
    m_count = 0;
    if (!m_countInBackground) {
        const auto count = m_query->count();
        if (!count)
            m_error = m_query->errorString();
        m_count = count.value_or(0);
        emit countKnown(m_count);
        return;
    }
    // Even the first page may take a while: a rare filter walks far to find its
    // rows.
    m_countKnown = false;
    startWorker(Work::FirstPage);
}

void EventTableModel::startWorker(Work work)
{
    auto cancel = std::make_shared<std::atomic_bool>(false);
    m_countCancel = cancel;
    QPointer<EventTableModel> self(this);
    QElapsedTimer queued;
    queued.start();
    m_pool.start([self, cancel, work, generation = m_countGeneration, path = m_database.path(),
                  filter = m_filter, sort = m_sort, ascending = m_ascending, queued] {
        const qint64 startedMs = queued.elapsed();
        std::optional<QList<EventRow>> rows;
        std::optional<std::int64_t> count;
        QString error;
        if (cancel->load())
            return;
        if (Database *database = connectionOfThisThread(path, Database::Mode::ReadOnly, &error)) {
            const Database::InterruptScope stoppable(*database, cancel.get());
            EventQuery query(*database, filter);
            if (work == Work::FirstPage)
                rows = query.page(sort, ascending, 0, pageSize);
            else
                count = query.count();
            error = query.errorString();
        }
        qCDebug(lcEventTable) << (work == Work::FirstPage ? "first page" : "count") << generation
                              << "started after" << startedMs << "ms, read in" << queued.elapsed() - startedMs
                              << "ms" << (cancel->load() ? "(superseded)" : "");
        if (cancel->load())
            return;
        QMetaObject::invokeMethod(self, [self, generation, rows, count, error, work] {
            EventTableModel *model = self.data();
            if (!model || generation != model->m_countGeneration || model->m_countKnown)
                return;
            if (work == Work::FirstPage)
                model->firstPageArrived(rows, error);
            else
                model->countArrived(count, error);
        }, Qt::QueuedConnection);
    });
}

void EventTableModel::firstPageArrived(const std::optional<QList<EventRow>> &rows, const QString &error)
{
    if (!rows) {
        m_countKnown = true;
        m_error = error;
        emit queryFailed(error);
        emit countKnown(0);
        return;
    }
    const int shown = int(rows->size());
    if (shown > 0) {
        beginInsertRows(QModelIndex(), 0, shown - 1);
        m_pages.insert(0, *rows);
        m_pageOrder.append(0);
        m_count = shown;
        endInsertRows();
    }
    if (shown < pageSize) {
        m_countKnown = true;
        m_query->setKnownCount(shown);
        emit countKnown(shown);
        return;
    }
    QTimer::singleShot(m_countDelayMs, this, [this, generation = m_countGeneration] {
        if (generation == m_countGeneration && !m_countKnown)
            startWorker(Work::Count);
    });
}

void EventTableModel::countArrived(std::optional<std::int64_t> count, const QString &error)
{
    m_countKnown = true;
    if (!count) {
        // The first page stays shown.
        m_error = error;
        emit queryFailed(error);
        emit countKnown(m_count);
        return;
    }
    const std::int64_t shown = std::min<std::int64_t>(*count, std::numeric_limits<int>::max());
    if (shown > m_count) {
        beginInsertRows(QModelIndex(), int(m_count), int(shown - 1));
        m_count = *count;
        endInsertRows();
    }
    m_query->setKnownCount(*count);
    emit countKnown(*count);
}

void EventTableModel::setTimeZone(const QTimeZone &zone)
{
    m_zone = zone;
    if (rowCount() > 0)
        emit dataChanged(index(0, Time), index(rowCount() - 1, Time));
}

std::optional<EventRow> EventTableModel::row(int row) const
{
    const EventRow *event = cachedRow(row);
    if (!event)
        return std::nullopt;
    return *event;
}

const EventRow *EventTableModel::cachedRow(int row) const
{
    if (row < 0 || row >= rowCount() || !m_query)
        return nullptr;
    const std::int64_t page = row / pageSize;
    const qsizetype within = row % pageSize;
    auto it = m_pages.find(page);
    if (it != m_pages.end()) {
        m_pageOrder.removeOne(page);
        m_pageOrder.append(page);
        return within < it->size() ? &it->at(within) : nullptr;
    }
    if (m_failedPages.contains(page))
        return nullptr;
    auto rows = m_query->page(m_sort, m_ascending, page * pageSize, pageSize);
    if (!rows) {
        // Reported once per page, and later: data() runs while a view paints, which
        // is no moment to show a message.
        m_failedPages.insert(page);
        m_error = m_query->errorString();
        QMetaObject::invokeMethod(const_cast<EventTableModel *>(this), [this, error = m_error] {
            emit const_cast<EventTableModel *>(this)->queryFailed(error);
        }, Qt::QueuedConnection);
        return nullptr;
    }
    while (m_pageOrder.size() >= cachedPages)
        m_pages.remove(m_pageOrder.takeFirst());
    m_pageOrder.append(page);
    it = m_pages.insert(page, std::move(*rows));
    return within < it->size() ? &it->at(within) : nullptr;
}

int EventTableModel::rowCount(const QModelIndex &parent) const
{
    if (parent.isValid())
        return 0;
    return int(std::min<std::int64_t>(m_count, std::numeric_limits<int>::max()));
}

int EventTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant EventTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    if (role == Qt::TextAlignmentRole)
        return index.column() == Code ? modeltext::numberAlignment() : QVariant();
    if (role != Qt::DisplayRole && role != SortRole && role != Qt::ToolTipRole && role != TimeMsRole
        && role != IdRole)
        return {};
    const EventRow *r = cachedRow(index.row());
    if (!r)
        return {};
    switch (role) {
    case TimeMsRole:
        return qint64(r->timeMs);
    case IdRole:
        return qint64(r->id);
    case Qt::ToolTipRole:
        switch (index.column()) {
        case Client: return modeltext::plainToolTip(client(*r));
        case Helo: return modeltext::plainToolTip(r->helo);
        case Sender: return modeltext::plainToolTip(r->sender);
        case Recipient: return modeltext::plainToolTip(r->recipient);
        case Relay: return modeltext::plainToolTip(r->relay);
        case QueueId: return modeltext::plainToolTip(r->queueId);
        case Reply: return modeltext::plainToolTip(r->reply);
        default: return {};
        }
    default:
        break;
    }
    const bool display = role == Qt::DisplayRole;
    switch (index.column()) {
    case Time:
        return display ? QVariant(modeltext::time(r->timeMs, m_zone)) : QVariant(qint64(r->timeMs));
    case Direction:
        return display ? modeltext::direction(r->direction) : directionName(r->direction);
    case Code:
        return display ? QVariant(code(*r)) : QVariant(r->code);
    case Reason:
        return display ? modeltext::reason(r->reason) : reasonName(r->reason);
    case Client: return client(*r);
    case Helo: return r->helo;
    case Sender: return r->sender;
    case Recipient: return r->recipient;
    case Relay: return r->relay;
    case Status:
        return display ? statusText(*r) : statusName(*r);
    case QueueId: return r->queueId;
    case Reply: return r->reply;
    }
    return {};
}

QVariant EventTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (role == Qt::TextAlignmentRole)
        return section == Code ? modeltext::numberAlignment() : QVariant();
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Time: return tr("Time");
    case Direction: return tr("Direction");
    case Code: return tr("Code");
    case Reason: return tr("Reason");
    case Client: return tr("Client");
    case Helo: return tr("HELO");
    case Sender: return tr("Sender");
    case Recipient: return tr("Recipient");
    case Relay: return tr("Relay");
    case Status: return tr("Status");
    case QueueId: return tr("Queue ID");
    case Reply: return tr("Reply");
    }
    return {};
}

bool EventTableModel::isSortable(int column)
{
    return sortOf(column).has_value();
}

void EventTableModel::sort(int column, Qt::SortOrder order)
{
    // Columns without an index or sort key of their own keep the current order.
    const std::optional<EventSort> sort = sortOf(column);
    if (!sort)
        return;
    const bool ascending = order == Qt::AscendingOrder;
    if (*sort == m_sort && ascending == m_ascending)
        return;
    beginResetModel();
    m_sort = *sort;
    m_ascending = ascending;
    m_pages.clear();
    m_pageOrder.clear();
    m_failedPages.clear();
    endResetModel();
}

} // namespace rejectscope
