#pragma once

#include <QTableView>

namespace rejectscope {

// A table of results: sortable, rows selectable and copied with Ctrl+C as
// tab-separated text, and a context menu to copy or export the table.
class ResultTableView : public QTableView
{
    Q_OBJECT
public:
    explicit ResultTableView(QWidget *parent = nullptr);

    // The selected rows as source-model rows (through any proxy), ascending.
    QList<int> selectedSourceRows() const;
    void copySelection() const;

signals:
    void exportRequested();

protected:
    void keyPressEvent(QKeyEvent *event) override;
    void contextMenuEvent(QContextMenuEvent *event) override;
};

} // namespace rejectscope
