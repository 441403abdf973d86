#include "rowwindowmodel.h"

#include <algorithm>

namespace rejectscope {

RowWindowModel::RowWindowModel(int capacity, QObject *parent)
    : QAbstractProxyModel(parent)
    , m_capacity(std::max(1, capacity))
{
}

void RowWindowModel::setSourceModel(QAbstractItemModel *source)
{
    beginResetModel();
    for (const auto &connection : std::as_const(m_connections))
        disconnect(connection);
    m_connections.clear();
    QAbstractProxyModel::setSourceModel(source);
    m_offset = 0;
    m_rows = windowRows();
    if (source) {
        // What the window cannot follow row by row starts it afresh at the top.
        const auto begin = [this] { beginResetModel(); };
        const auto end = [this] { resetWindow(); };
        m_connections = {
            connect(source, &QAbstractItemModel::modelAboutToBeReset, this, begin),
            connect(source, &QAbstractItemModel::modelReset, this, end),
            connect(source, &QAbstractItemModel::layoutAboutToBeChanged, this, begin),
            connect(source, &QAbstractItemModel::layoutChanged, this, end),
            connect(source, &QAbstractItemModel::rowsAboutToBeRemoved, this, begin),
            connect(source, &QAbstractItemModel::rowsRemoved, this, end),
            connect(source, &QAbstractItemModel::rowsAboutToBeMoved, this, begin),
            connect(source, &QAbstractItemModel::rowsMoved, this, end),
            connect(source, &QAbstractItemModel::columnsAboutToBeInserted, this, begin),
            connect(source, &QAbstractItemModel::columnsInserted, this, end),
            connect(source, &QAbstractItemModel::columnsAboutToBeRemoved, this, begin),
            connect(source, &QAbstractItemModel::columnsRemoved, this, end),
            connect(source, &QAbstractItemModel::columnsAboutToBeMoved, this, begin),
            connect(source, &QAbstractItemModel::columnsMoved, this, end),
            connect(source, &QAbstractItemModel::rowsAboutToBeInserted, this,
                    [this](const QModelIndex &parent, int first, int) {
                        // Rows before the window's end shift the rows it shows.
                        if (!parent.isValid() && first < m_offset + m_rows)
                            beginResetModel();
                    }),
            connect(source, &QAbstractItemModel::rowsInserted, this, &RowWindowModel::sourceRowsInserted),
            connect(source, &QAbstractItemModel::dataChanged, this, &RowWindowModel::sourceDataChanged),
            connect(source, &QAbstractItemModel::headerDataChanged, this,
                    [this](Qt::Orientation orientation, int first, int last) {
                        if (orientation == Qt::Horizontal)
                            emit headerDataChanged(orientation, first, last);
                    }),
        };
    }
    endResetModel();
    emit sourceRowCountChanged(sourceRowCount());
}

int RowWindowModel::sourceRowCount() const
{
    return sourceModel() ? sourceModel()->rowCount() : 0;
}

int RowWindowModel::windowRows() const
{
    return std::clamp(sourceRowCount() - m_offset, 0, m_capacity);
}

int RowWindowModel::maxOffset() const
{
    return std::max(0, sourceRowCount() - m_capacity);
}

int RowWindowModel::centredOffset(int sourceRow) const
{
    return std::clamp(sourceRow - m_capacity / 2, 0, maxOffset());
}

void RowWindowModel::setOffset(int offset)
{
    offset = std::clamp(offset, 0, maxOffset());
    if (offset == m_offset)
        return;
    emit layoutAboutToBeChanged({}, QAbstractItemModel::NoLayoutChangeHint);
    const int shift = offset - m_offset;
    m_offset = offset;
    // The window stays full when it moves (maxOffset), so the view's row count
    // does not change.
    Q_ASSERT(windowRows() == m_rows);
    const QModelIndexList before = persistentIndexList();
    QModelIndexList after;
    after.reserve(before.size());
    for (const QModelIndex &index : before) {
        const int row = index.row() - shift;
        after.append(row >= 0 && row < m_rows ? createIndex(row, index.column()) : QModelIndex());
    }
    changePersistentIndexList(before, after);
    emit layoutChanged({}, QAbstractItemModel::NoLayoutChangeHint);
}

void RowWindowModel::resetWindow()
{
    m_offset = 0;
    m_rows = windowRows();
    endResetModel();
    emit sourceRowCountChanged(sourceRowCount());
}

void RowWindowModel::sourceRowsInserted(const QModelIndex &parent, int first, int)
{
    if (parent.isValid())
        return;
    if (first < m_offset + m_rows) {
        resetWindow(); // rowsAboutToBeInserted began the reset
        return;
    }
    const int rows = windowRows();
    if (rows > m_rows) {
        beginInsertRows({}, m_rows, rows - 1);
        m_rows = rows;
        endInsertRows();
    }
    emit sourceRowCountChanged(sourceRowCount());
}

void RowWindowModel::sourceDataChanged(const QModelIndex &topLeft, const QModelIndex &bottomRight,
                                       const QList<int> &roles)
{
    const int top = std::max(topLeft.row(), m_offset);
    const int bottom = std::min(bottomRight.row(), m_offset + m_rows - 1);
    if (topLeft.parent().isValid() || top > bottom)
        return;
    emit dataChanged(index(top - m_offset, topLeft.column()), index(bottom - m_offset, bottomRight.column()),
                     roles);
}

QModelIndex RowWindowModel::mapToSource(const QModelIndex &proxyIndex) const
{
    if (!proxyIndex.isValid() || !sourceModel() || proxyIndex.model() != this)
        return {};
    return sourceModel()->index(proxyIndex.row() + m_offset, proxyIndex.column());
}

QModelIndex RowWindowModel::mapFromSource(const QModelIndex &sourceIndex) const
{
    if (!sourceIndex.isValid() || sourceIndex.model() != sourceModel() || sourceIndex.parent().isValid())
        return {};
    const int row = sourceIndex.row() - m_offset;
    if (row < 0 || row >= m_rows)
        return {};
    return createIndex(row, sourceIndex.column());
}

QModelIndex RowWindowModel::index(int row, int column, const QModelIndex &parent) const
{
    if (parent.isValid() || row < 0 || row >= m_rows || column < 0 || column >= columnCount())
        return {};
    return createIndex(row, column);
}

QModelIndex RowWindowModel::parent(const QModelIndex &) const
{
    return {};
}

int RowWindowModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_rows;
}

int RowWindowModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() || !sourceModel() ? 0 : sourceModel()->columnCount();
}

QVariant RowWindowModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (!sourceModel())
        return {};
    if (orientation == Qt::Vertical)
        return sourceModel()->headerData(section + m_offset, orientation, role);
    return sourceModel()->headerData(section, orientation, role);
}

} // namespace rejectscope
