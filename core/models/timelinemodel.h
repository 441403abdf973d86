#pragma once

#include "analysis/floods.h"

#include <QAbstractTableModel>
#include <QTimeZone>

namespace rejectscope {

// The timeline's buckets as a table (start, 4xx, 5xx, accepted): the chart is a
// view of this model, so the chart and its CSV export cannot disagree.
class TimelineModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Start, Temporary, Permanent, Accepted, ColumnCount };
    explicit TimelineModel(QObject *parent = nullptr);

    void setBuckets(QList<TimeBucket> buckets, std::int64_t bucketMs);
    const QList<TimeBucket> &buckets() const { return m_buckets; }
    std::int64_t bucketMs() const { return m_bucketMs; }
    void setTimeZone(const QTimeZone &zone);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    QList<TimeBucket> m_buckets;
    std::int64_t m_bucketMs = 60000;
    QTimeZone m_zone = QTimeZone::systemTimeZone();
};

} // namespace rejectscope
