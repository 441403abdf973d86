#pragma once

#include "analysis/retrychains.h"

#include <QAbstractTableModel>
#include <QTimeZone>

namespace rejectscope {

// The retry storms (chains with retries) as a table. The chains arrive as a value
// snapshot from a query run elsewhere; times show in the zone given.
class StormTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        Direction, Client, Sender, Recipient, Attempts, Retries, FirstSeen, LastSeen,
        Interval, Outcome, Reason, Reply, ColumnCount
    };
    explicit StormTableModel(QObject *parent = nullptr);

    void setChains(QList<RetryChain> chains);
    const QList<RetryChain> &chains() const { return m_chains; }
    void setTimeZone(const QTimeZone &zone);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    QList<RetryChain> m_chains;
    QTimeZone m_zone = QTimeZone::systemTimeZone();
};

} // namespace rejectscope
