#include "timelinemodel.h"

#include "modelroles.h"
#include "modeltext.h"

namespace rejectscope {

TimelineModel::TimelineModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void TimelineModel::setBuckets(QList<TimeBucket> buckets, std::int64_t bucketMs)
{
    beginResetModel();
    m_buckets = std::move(buckets);
    m_bucketMs = bucketMs > 0 ? bucketMs : 60000;
    endResetModel();
}

void TimelineModel::setTimeZone(const QTimeZone &zone)
{
    m_zone = zone;
    if (!m_buckets.isEmpty())
        emit dataChanged(index(0, Start), index(rowCount() - 1, Start));
}

int TimelineModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_buckets.size());
}

int TimelineModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant TimelineModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const TimeBucket &b = m_buckets.at(index.row());
    switch (role) {
    case TimeMsRole:
        return qint64(b.startMs);
    case EndMsRole:
        return qint64(b.startMs + m_bucketMs);
    case Qt::TextAlignmentRole:
        return index.column() == Start ? QVariant() : modeltext::numberAlignment();
    case Qt::DisplayRole:
    case SortRole:
        switch (index.column()) {
        case Start:
            if (role == SortRole)
                return qint64(b.startMs);
            return modeltext::time(b.startMs, m_zone);
        case Temporary:
            return qint64(b.temporary);
        case Permanent:
            return qint64(b.permanent);
        case Accepted:
            return qint64(b.accepted);
        }
        return {};
    default:
        return {};
    }
}

QVariant TimelineModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (role == Qt::TextAlignmentRole)
        return section == Start ? QVariant() : modeltext::numberAlignment();
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Start: return tr("Start");
    case Temporary: return tr("4xx (retried)");
    case Permanent: return tr("5xx (refused)");
    case Accepted: return tr("Accepted");
    }
    return {};
}

} // namespace rejectscope
