#pragma once

#include <QAbstractProxyModel>

namespace rejectscope {

// A window of at most capacity() consecutive rows of a flat table model. A view
// keeps a few bytes per row it is shown (QHeaderView's sections), so ten million
// rows cost it 80-300 ms whenever they arrive; through a window it holds a few
// thousand, and a scrollbar of its own (WindowedTableView) moves the window.
// Source changes other than new rows at the end or changed data reset the window
// to the top.
class RowWindowModel : public QAbstractProxyModel
{
    Q_OBJECT
public:
    explicit RowWindowModel(int capacity = defaultCapacity, QObject *parent = nullptr);

    void setSourceModel(QAbstractItemModel *source) override;

    int capacity() const { return m_capacity; }
    // The source row shown as the window's first row.
    int offset() const { return m_offset; }
    int sourceRowCount() const;
    // Moves the window so that it starts at `offset` (clamped so that it stays
    // full). Persistent indexes (selection, current row) follow their source
    // rows, or become invalid when those leave the window.
    void setOffset(int offset);
    // The offset that puts `sourceRow` in the middle of the window.
    int centredOffset(int sourceRow) const;

    QModelIndex mapToSource(const QModelIndex &proxyIndex) const override;
    QModelIndex mapFromSource(const QModelIndex &sourceIndex) const override;
    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    static constexpr int defaultCapacity = 20'000;

signals:
    // The source's row count changed (rows arrived, or a reset).
    void sourceRowCountChanged(int rows);

private:
    int windowRows() const;
    int maxOffset() const;
    void sourceRowsInserted(const QModelIndex &parent, int first, int last);
    void sourceDataChanged(const QModelIndex &topLeft, const QModelIndex &bottomRight,
                           const QList<int> &roles);
    void resetWindow();

    const int m_capacity;
    int m_offset = 0;
    int m_rows = 0; // rows in the window
    QList<QMetaObject::Connection> m_connections;
};

} // namespace rejectscope
