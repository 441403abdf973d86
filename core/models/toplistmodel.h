#pragma once

#include "analysis/toplists.h"

#include <QAbstractTableModel>
#include <QTimeZone>

namespace rejectscope {

// One top list (clients, senders, recipients or reasons) as a table, from a value
// snapshot. The share column is each entry's attempts against the list's total.
class TopListModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Key, Attempts, Temporary, Permanent, Share, Reason, FirstSeen, LastSeen, ColumnCount };
    explicit TopListModel(TopListKind kind, QObject *parent = nullptr);

    TopListKind kind() const { return m_kind; }
    void setEntries(QList<TopEntry> entries);
    const QList<TopEntry> &entries() const { return m_entries; }
    void setTimeZone(const QTimeZone &zone);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    TopListKind m_kind;
    QList<TopEntry> m_entries;
    std::int64_t m_total = 0;
    QTimeZone m_zone = QTimeZone::systemTimeZone();
};

} // namespace rejectscope
