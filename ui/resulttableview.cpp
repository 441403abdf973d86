#include "resulttableview.h"

#include "report/modelexport.h"

#include <QAbstractProxyModel>
#include <QApplication>
#include <QClipboard>
#include <QContextMenuEvent>
#include <QHeaderView>
#include <QKeySequence>
#include <QMenu>

namespace rejectscope {

ResultTableView::ResultTableView(QWidget *parent)
    : QTableView(parent)
{
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setSelectionMode(QAbstractItemView::ExtendedSelection);
    setAlternatingRowColors(true);
    setWordWrap(false);
    setTextElideMode(Qt::ElideMiddle);
    verticalHeader()->setVisible(false);
    // Rows as high as the font needs, also at 200 % scaling.
    verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    verticalHeader()->setDefaultSectionSize(fontMetrics().height() + fontMetrics().height() / 2);
    horizontalHeader()->setSectionsMovable(true);
    horizontalHeader()->setStretchLastSection(true);
    horizontalHeader()->setHighlightSections(false);
    // Long addresses and replies are elided, not allowed to push the rest away.
    horizontalHeader()->setMaximumSectionSize(fontMetrics().averageCharWidth() * 48);
}

QList<int> ResultTableView::selectedSourceRows() const
{
    QList<int> rows;
    if (!selectionModel())
        return rows;
    const auto *proxy = qobject_cast<const QAbstractProxyModel *>(model());
    for (const QModelIndex &index : selectionModel()->selectedRows())
        rows.append(proxy ? proxy->mapToSource(index).row() : index.row());
    std::sort(rows.begin(), rows.end());
    return rows;
}

void ResultTableView::copySelection() const
{
    if (!model())
        return;
    const auto *proxy = qobject_cast<const QAbstractProxyModel *>(model());
    const QAbstractItemModel &source = proxy ? *proxy->sourceModel() : *model();
    const QList<int> rows = selectedSourceRows();
    if (rows.isEmpty())
        return;
    QApplication::clipboard()->setText(rowsAsTsv(source, rows));
}

void ResultTableView::keyPressEvent(QKeyEvent *event)
{
    if (event->matches(QKeySequence::Copy)) {
        copySelection();
        event->accept();
        return;
    }
    QTableView::keyPressEvent(event);
}

void ResultTableView::contextMenuEvent(QContextMenuEvent *event)
{
    QMenu menu(this);
    QAction *copy = menu.addAction(tr("&Copy Selected Rows"), this, &ResultTableView::copySelection);
    copy->setShortcut(QKeySequence::Copy);
    copy->setEnabled(selectionModel() && selectionModel()->hasSelection());
    menu.addAction(tr("&Export Table as CSV…"), this, &ResultTableView::exportRequested);
    menu.exec(event->globalPos());
}

} // namespace rejectscope
