#include "stormtablemodel.h"

#include "modelroles.h"
#include "modeltext.h"
#include "report/names.h"

using namespace Qt::StringLiterals;

namespace rejectscope {

namespace {

QString client(const RetryChain &chain)
{
    if (chain.direction == Direction::Outbound)
        return chain.queueId;
    if (chain.clientName.isEmpty())
        return chain.clientIp;
    return chain.clientName + u'[' + chain.clientIp + u']';
}

QString reasonName(ReasonClass reason)
{
    const std::string_view name = reasonClassName(reason);
    return QString::fromLatin1(name.data(), qsizetype(name.size()));
}

} // namespace

StormTableModel::StormTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void StormTableModel::setChains(QList<RetryChain> chains)
{
    beginResetModel();
    m_chains = std::move(chains);
    endResetModel();
}

void StormTableModel::setTimeZone(const QTimeZone &zone)
{
    m_zone = zone;
    if (!m_chains.isEmpty())
        emit dataChanged(index(0, FirstSeen), index(rowCount() - 1, LastSeen));
}

int StormTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_chains.size());
}

int StormTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant StormTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const RetryChain &c = m_chains.at(index.row());
    switch (role) {
    case TimeMsRole:
        return qint64(c.firstMs);
    case EndMsRole:
        return qint64(c.lastMs);
    case IdRole:
        return qint64(c.id);
    case Qt::TextAlignmentRole:
        switch (index.column()) {
        case Attempts:
        case Retries:
        case Interval:
            return modeltext::numberAlignment();
        default:
            return {};
        }
    case Qt::ToolTipRole:
        switch (index.column()) {
        case Client:
            return modeltext::plainToolTip(client(c));
        case Sender:
            return modeltext::plainToolTip(c.sender);
        case Recipient:
            return modeltext::plainToolTip(c.recipient);
        case Reply:
            return modeltext::plainToolTip(c.reply);
        default:
            return {};
        }
    case Qt::DisplayRole:
    case SortRole: {
        const bool display = role == Qt::DisplayRole;
        switch (index.column()) {
        case Direction:
            return display ? modeltext::direction(c.direction) : directionName(c.direction);
        case Client:
            return client(c);
        case Sender:
            return c.sender;
        case Recipient:
            return c.recipient;
        case Attempts:
            return c.attempts;
        case Retries:
            return c.retries();
        case FirstSeen:
            return display ? QVariant(modeltext::time(c.firstMs, m_zone)) : QVariant(qint64(c.firstMs));
        case LastSeen:
            return display ? QVariant(modeltext::time(c.lastMs, m_zone)) : QVariant(qint64(c.lastMs));
        case Interval:
            if (!display)
                return qint64(c.medianIntervalMs);
            return c.attempts > 1 ? modeltext::duration(c.medianIntervalMs) : QString();
        case Outcome:
            return display ? modeltext::outcome(c.outcome) : chainOutcomeName(c.outcome);
        case Reason:
            return display ? modeltext::reason(c.reason) : reasonName(c.reason);
        case Reply:
            return c.reply;
        }
        return {};
    }
    default:
        return {};
    }
}

QVariant StormTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (role == Qt::TextAlignmentRole) {
        if (section == Attempts || section == Retries || section == Interval)
            return modeltext::numberAlignment();
        return {};
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Direction: return tr("Direction");
    case Client: return tr("Client / queue ID");
    case Sender: return tr("Sender");
    case Recipient: return tr("Recipient");
    case Attempts: return tr("Attempts");
    case Retries: return tr("Retries");
    case FirstSeen: return tr("First seen");
    case LastSeen: return tr("Last seen");
    case Interval: return tr("Median interval");
    case Outcome: return tr("Outcome");
    case Reason: return tr("Reason");
    case Reply: return tr("Reply");
    }
    return {};
}

} // namespace rejectscope
