#include "toplistmodel.h"

#include "modelroles.h"
#include "modeltext.h"

#include <QLocale>

using namespace Qt::StringLiterals;

namespace rejectscope {

namespace {

QString reasonName(ReasonClass reason)
{
    const std::string_view name = reasonClassName(reason);
    return QString::fromLatin1(name.data(), qsizetype(name.size()));
}

bool isNumber(int column)
{
    return column == TopListModel::Attempts || column == TopListModel::Temporary
        || column == TopListModel::Permanent || column == TopListModel::Share;
}

} // namespace

TopListModel::TopListModel(TopListKind kind, QObject *parent)
    : QAbstractTableModel(parent)
    , m_kind(kind)
{
}

void TopListModel::setEntries(QList<TopEntry> entries)
{
    beginResetModel();
    m_entries = std::move(entries);
    m_total = 0;
    for (const TopEntry &entry : std::as_const(m_entries))
        m_total += entry.attempts;
    endResetModel();
}

void TopListModel::setTimeZone(const QTimeZone &zone)
{
    m_zone = zone;
    if (!m_entries.isEmpty())
        emit dataChanged(index(0, FirstSeen), index(rowCount() - 1, LastSeen));
}

int TopListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int TopListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant TopListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const TopEntry &e = m_entries.at(index.row());
    const double share = m_total > 0 ? double(e.attempts) / double(m_total) : 0.0;
    switch (role) {
    case TimeMsRole:
        return qint64(e.firstMs);
    case EndMsRole:
        return qint64(e.lastMs);
    case Qt::TextAlignmentRole:
        return isNumber(index.column()) ? modeltext::numberAlignment() : QVariant();
    case Qt::ToolTipRole:
        if (index.column() == Key && m_kind != TopListKind::Reasons)
            return modeltext::plainToolTip(e.key);
        if (index.column() == Share)
            return tr("%1 of the %2 attempts in this list")
                .arg(QLocale().toString(qint64(e.attempts)), QLocale().toString(qint64(m_total)));
        return {};
    case Qt::DisplayRole:
    case SortRole: {
        const bool display = role == Qt::DisplayRole;
        switch (index.column()) {
        case Key:
            if (m_kind == TopListKind::Reasons && display)
                return modeltext::reason(e.reason);
            return e.key;
        case Attempts:
            return qint64(e.attempts);
        case Temporary:
            return qint64(e.temporary);
        case Permanent:
            return qint64(e.permanent);
        case Share:
            if (!display)
                return share;
            return tr("%1 %").arg(QLocale().toString(share * 100.0, 'f', 1));
        case Reason:
            return display ? modeltext::reason(e.reason) : reasonName(e.reason);
        case FirstSeen:
            return display ? QVariant(modeltext::time(e.firstMs, m_zone)) : QVariant(qint64(e.firstMs));
        case LastSeen:
            return display ? QVariant(modeltext::time(e.lastMs, m_zone)) : QVariant(qint64(e.lastMs));
        }
        return {};
    }
    default:
        return {};
    }
}

QVariant TopListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (role == Qt::TextAlignmentRole)
        return isNumber(section) ? modeltext::numberAlignment() : QVariant();
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Key:
        switch (m_kind) {
        case TopListKind::Clients: return tr("Client");
        case TopListKind::Senders: return tr("Sender");
        case TopListKind::Recipients: return tr("Recipient");
        case TopListKind::Reasons: return tr("Reason");
        }
        return {};
    case Attempts: return tr("Attempts");
    case Temporary: return tr("4xx");
    case Permanent: return tr("5xx");
    case Share: return tr("Share");
    case Reason: return tr("Main reason");
    case FirstSeen: return tr("First seen");
    case LastSeen: return tr("Last seen");
    }
    return {};
}

} // namespace rejectscope
