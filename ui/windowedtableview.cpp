#include "windowedtableview.h"

#include "models/rowwindowmodel.h"
#include "resulttableview.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QScrollBar>

namespace rejectscope {

WindowedTableView::WindowedTableView(QWidget *parent, int windowRows)
    : QWidget(parent)
    , m_view(new ResultTableView(this))
    , m_window(new RowWindowModel(windowRows > 0 ? windowRows : RowWindowModel::defaultCapacity, this))
    , m_scrollBar(new QScrollBar(Qt::Vertical, this))
{
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_view);
    layout->addWidget(m_scrollBar);
    // The view's own scrollbar spans the window: it still moves with the wheel and
    // the keys, and is followed here; the one shown spans the whole table.
    m_view->setVerticalScrollMode(QAbstractItemView::ScrollPerItem);
    m_view->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_view->setModel(m_window);
    m_view->installEventFilter(this);
    m_scrollBar->hide();
    QScrollBar *inner = m_view->verticalScrollBar();
    connect(inner, &QScrollBar::valueChanged, this, &WindowedTableView::viewScrolled);
    connect(inner, &QScrollBar::rangeChanged, this, &WindowedTableView::updateScrollBar);
    connect(m_scrollBar, &QScrollBar::valueChanged, this, &WindowedTableView::scrollBarMoved);
    // Also after a reset: the window emits it then too.
    connect(m_window, &RowWindowModel::sourceRowCountChanged, this, &WindowedTableView::updateScrollBar);
}

void WindowedTableView::setSourceModel(QAbstractItemModel *model)
{
    m_window->setSourceModel(model);
}

int WindowedTableView::topSourceRow() const
{
    return m_window->offset() + m_view->verticalScrollBar()->value();
}

void WindowedTableView::updateScrollBar()
{
    // Rows are of one height (ResultTableView), so the rows on screen follow from
    // the viewport, also before the view has laid out rows that just arrived.
    const int rowHeight = std::max(1, m_view->verticalHeader()->defaultSectionSize());
    const int onScreen = std::max(1, m_view->viewport()->height() / rowHeight);
    m_syncing = true;
    m_scrollBar->setRange(0, std::max(0, m_window->sourceRowCount() - onScreen));
    m_scrollBar->setPageStep(onScreen);
    m_scrollBar->setSingleStep(1);
    m_scrollBar->setValue(topSourceRow());
    m_syncing = false;
    m_scrollBar->setVisible(m_scrollBar->maximum() > 0);
}

void WindowedTableView::viewScrolled(int value)
{
    if (m_syncing)
        return;
    const QScrollBar *inner = m_view->verticalScrollBar();
    const int margin = m_window->capacity() / 4;
    const bool nearTop = value < margin && m_window->offset() > 0;
    const bool nearEnd = value > inner->maximum() - margin
                         && m_window->offset() + m_window->rowCount() < m_window->sourceRowCount();
    if (nearTop || nearEnd) {
        centreWindowOn(m_window->offset() + value);
        return;
    }
    m_syncing = true;
    m_scrollBar->setValue(m_window->offset() + value);
    m_syncing = false;
}

void WindowedTableView::scrollBarMoved(int value)
{
    if (m_syncing)
        return;
    const int within = value - m_window->offset();
    if (within >= 0 && within <= m_view->verticalScrollBar()->maximum())
        m_view->verticalScrollBar()->setValue(within); // viewScrolled moves the window if need be
    else
        centreWindowOn(value);
}

void WindowedTableView::centreWindowOn(int sourceRow)
{
    m_syncing = true;
    m_window->setOffset(m_window->centredOffset(sourceRow));
    m_view->verticalScrollBar()->setValue(sourceRow - m_window->offset());
    m_scrollBar->setValue(topSourceRow());
    m_syncing = false;
}

bool WindowedTableView::eventFilter(QObject *watched, QEvent *event)
{
    // Home and End of the whole table, not of the window: the view then moves
    // within the window as usual.
    if (watched == m_view && event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        const bool toStart = key->matches(QKeySequence::MoveToStartOfDocument)
                             || key->matches(QKeySequence::SelectStartOfDocument);
        const bool toEnd = key->matches(QKeySequence::MoveToEndOfDocument)
                           || key->matches(QKeySequence::SelectEndOfDocument);
        if (toStart || toEnd) {
            const int column = std::max(0, m_view->currentIndex().column());
            centreWindowOn(toStart ? 0 : std::max(0, m_window->sourceRowCount() - 1));
            // A current row the window left behind is gone; without one the view
            // would go to its first row, not to the end. The top row on screen
            // stands in: making it current scrolls nothing.
            if (!m_view->currentIndex().isValid() && m_window->rowCount() > 0) {
                const QModelIndex top = m_window->index(m_view->verticalScrollBar()->value(), column);
                m_view->selectionModel()->setCurrentIndex(top, QItemSelectionModel::NoUpdate);
            }
        }
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace rejectscope
