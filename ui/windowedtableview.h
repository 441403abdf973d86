#pragma once

#include <QWidget>

class QAbstractItemModel;
class QScrollBar;

namespace rejectscope {

class ResultTableView;
class RowWindowModel;

// A table of any number of rows. Its view is shown a RowWindowModel of a few
// thousand rows, so the view's per-row bookkeeping stays small however many rows
// a filter brings. A scrollbar of its own spans every row: dragging it, the
// wheel or the keys move the window, which is kept centred on what is shown.
// Selections are kept within the window.
class WindowedTableView : public QWidget
{
    Q_OBJECT
public:
    explicit WindowedTableView(QWidget *parent = nullptr, int windowRows = 0);

    void setSourceModel(QAbstractItemModel *model);
    ResultTableView *view() const { return m_view; }
    RowWindowModel *window() const { return m_window; }
    QScrollBar *scrollBar() const { return m_scrollBar; }
    // The source row shown at the top.
    int topSourceRow() const;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void viewScrolled(int value);
    void scrollBarMoved(int value);
    void updateScrollBar();
    void centreWindowOn(int sourceRow);

    ResultTableView *m_view;
    RowWindowModel *m_window;
    QScrollBar *m_scrollBar;
    bool m_syncing = false; // a value set here, not by the user
};

} // namespace rejectscope
