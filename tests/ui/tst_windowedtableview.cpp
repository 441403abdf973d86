// WindowedTableView on a million rows: the view holds a window of them, the
// scrollbar shown spans them all, and dragging it, scrolling the view, Ctrl+End
// and Ctrl+Home show the right source rows; a selection copies source rows.

#include "models/rowwindowmodel.h"
#include "resulttableview.h"
#include "windowedtableview.h"

#include <QApplication>
#include <QClipboard>
#include <QHeaderView>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace rejectscope;

namespace {

// Row r shows "row r" in its only column.
class ManyRowsModel : public QAbstractTableModel
{
public:
    explicit ManyRowsModel(int rows) : m_rows(rows) {}
    int rowCount(const QModelIndex &parent = {}) const override { return parent.isValid() ? 0 : m_rows; }
    int columnCount(const QModelIndex &parent = {}) const override { return parent.isValid() ? 0 : 1; }
    QVariant data(const QModelIndex &index, int role) const override
    {
        if (!checkIndex(index, CheckIndexOption::IndexIsValid) || role != Qt::DisplayRole)
            return {};
        return u"row %1"_s.arg(index.row());
    }
    void append(int rows)
    {
        beginInsertRows({}, m_rows, m_rows + rows - 1);
        m_rows += rows;
        endInsertRows();
    }

private:
    int m_rows;
};

constexpr int windowRows = 400;
constexpr int sourceRows = 1'000'000;

// The source row the view shows in its first line on screen.
int firstRowOnScreen(const WindowedTableView &table)
{
    const QModelIndex top = table.view()->indexAt(QPoint(4, 2));
    return table.window()->mapToSource(top).row();
}

} // namespace

class TestWindowedTableView : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        m_source = std::make_unique<ManyRowsModel>(sourceRows);
        m_table = std::make_unique<WindowedTableView>(nullptr, windowRows);
        m_table->setSourceModel(m_source.get());
        m_table->resize(500, 400);
        m_table->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_table.get()));
    }

    void cleanup()
    {
        m_table.reset();
        m_source.reset();
    }

    void viewHoldsOnlyTheWindow()
    {
        QCOMPARE(m_table->view()->model()->rowCount(), windowRows);
        QCOMPARE(m_table->view()->verticalHeader()->count(), windowRows);
        QVERIFY(!m_table->view()->verticalScrollBar()->isVisible());
        QScrollBar *bar = m_table->scrollBar();
        QVERIFY(bar->isVisible());
        const int onScreen = windowRows - m_table->view()->verticalScrollBar()->maximum();
        QVERIFY(onScreen > 5 && onScreen < 50);
        QCOMPARE(bar->maximum(), sourceRows - onScreen);
        QCOMPARE(bar->pageStep(), onScreen);
    }

    void draggingTheScrollBarShowsThoseRows()
    {
        QScrollBar *bar = m_table->scrollBar();
        for (const int row : {600'000, 600'010, 3, 999'000, bar->maximum(), 0}) {
            bar->setValue(row);
            QCOMPARE(m_table->topSourceRow(), row);
            QCOMPARE(firstRowOnScreen(*m_table), row);
            QCOMPARE(m_table->view()->indexAt(QPoint(4, 2)).data().toString(), u"row %1"_s.arg(row));
            QVERIFY(m_table->window()->offset() <= row);
            QVERIFY(row < m_table->window()->offset() + windowRows);
        }
    }

    void scrollingTheViewMovesTheWindow()
    {
        QScrollBar *inner = m_table->view()->verticalScrollBar();
        QScrollBar *bar = m_table->scrollBar();
        // Scrolled to the window's last screenful, as the wheel or the keys would.
        inner->setValue(inner->maximum());
        const int top = m_table->topSourceRow();
        QCOMPARE(top, windowRows - (windowRows - inner->maximum()));
        QVERIFY(m_table->window()->offset() > 0); // moved on, so the next rows are there
        QVERIFY(inner->value() < inner->maximum());
        QCOMPARE(bar->value(), top);
        QCOMPARE(firstRowOnScreen(*m_table), top);
        // And on, past where the first window ended.
        for (int step = 0; step < 10; ++step)
            inner->setValue(inner->value() + inner->pageStep());
        QVERIFY(m_table->topSourceRow() > windowRows);
        QCOMPARE(bar->value(), m_table->topSourceRow());
        QCOMPARE(firstRowOnScreen(*m_table), m_table->topSourceRow());
        // Back up to the top.
        while (inner->value() > 0)
            inner->setValue(inner->value() - inner->pageStep());
        QCOMPARE(m_table->topSourceRow(), 0);
        QCOMPARE(m_table->window()->offset(), 0);
        QCOMPARE(bar->value(), 0);
    }

    void ctrlEndAndHomeReachTheWholeTable()
    {
        ResultTableView *view = m_table->view();
        view->setFocus();
        view->setCurrentIndex(view->model()->index(0, 0));
        QTest::keyClick(view, Qt::Key_End, Qt::ControlModifier);
        QCOMPARE(m_table->window()->mapToSource(view->currentIndex()).row(), sourceRows - 1);
        QCOMPARE(m_table->scrollBar()->value(), m_table->scrollBar()->maximum());
        QCOMPARE(view->currentIndex().data().toString(), u"row %1"_s.arg(sourceRows - 1));
        QTest::keyClick(view, Qt::Key_Home, Qt::ControlModifier);
        QCOMPARE(m_table->window()->mapToSource(view->currentIndex()).row(), 0);
        QCOMPARE(m_table->scrollBar()->value(), 0);
    }

    void selectionCopiesSourceRows()
    {
        m_table->scrollBar()->setValue(700'000);
        ResultTableView *view = m_table->view();
        const int first = view->indexAt(QPoint(4, 2)).row();
        view->selectionModel()->select(QItemSelection(view->model()->index(first, 0), view->model()->index(first + 2, 0)),
                                       QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        QCOMPARE(view->selectedSourceRows(), (QList<int>{700'000, 700'001, 700'002}));
        view->copySelection();
        const QString copied = QApplication::clipboard()->text();
        QVERIFY2(copied.contains(u"row 700000"_s) && copied.contains(u"row 700002"_s), qPrintable(copied));
        QVERIFY(!copied.contains(u"row 700003"_s));
    }

    void rowsArrivingAtTheEndExtendTheScrollBar()
    {
        QScrollBar *bar = m_table->scrollBar();
        const int before = bar->maximum();
        bar->setValue(123'456);
        m_source->append(5'000);
        QCOMPARE(bar->maximum(), before + 5'000);
        QCOMPARE(m_table->view()->model()->rowCount(), windowRows);
        QCOMPARE(m_table->topSourceRow(), 123'456); // the rows shown stay
        bar->setValue(bar->maximum());
        QCOMPARE(m_table->view()->indexAt(QPoint(4, m_table->view()->viewport()->height() - 4)).data().toString(),
                 u"row %1"_s.arg(sourceRows + 5'000 - 1));
    }

    void rowsArrivingInAnEmptyTableShowTheScrollBar()
    {
        // As the events arrive: none, the first page, then the count.
        ManyRowsModel growing(0);
        m_table->setSourceModel(&growing);
        QVERIFY(!m_table->scrollBar()->isVisible());
        growing.append(256);
        QVERIFY(m_table->scrollBar()->isVisible());
        growing.append(2'596);
        QVERIFY(m_table->scrollBar()->isVisible());
        QCOMPARE(m_table->scrollBar()->maximum(), 2'852 - m_table->scrollBar()->pageStep());
    }

    void fewRowsNeedNoScrollBar()
    {
        ManyRowsModel few(3);
        m_table->setSourceModel(&few);
        QCOMPARE(m_table->view()->model()->rowCount(), 3);
        QVERIFY(!m_table->scrollBar()->isVisible());
        m_table->setSourceModel(m_source.get());
        QVERIFY(m_table->scrollBar()->isVisible());
    }

private:
    std::unique_ptr<ManyRowsModel> m_source;
    std::unique_ptr<WindowedTableView> m_table;
};

QTEST_MAIN(TestWindowedTableView)
#include "tst_windowedtableview.moc"
