// RowWindowModel under QAbstractItemModelTester (fatal on any breach): the rows
// it shows are the source's from its offset on, persistent indexes follow their
// source rows or fall out, rows arriving at the end fill the window, and other
// source changes start it afresh at the top.

#include "models/rowwindowmodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace rejectscope;

namespace {

// Rows 0..n-1 of two columns: the row number and its square, so a shown row says
// which source row it is.
class NumbersModel : public QAbstractTableModel
{
public:
    explicit NumbersModel(int rows) : m_rows(rows) {}
    int rowCount(const QModelIndex &parent = {}) const override { return parent.isValid() ? 0 : m_rows; }
    int columnCount(const QModelIndex &parent = {}) const override { return parent.isValid() ? 0 : 2; }
    QVariant data(const QModelIndex &index, int role) const override
    {
        if (!checkIndex(index, CheckIndexOption::IndexIsValid) || role != Qt::DisplayRole)
            return {};
        const qint64 row = index.row() + m_base;
        return index.column() == 0 ? row : row * row;
    }
    void append(int rows)
    {
        beginInsertRows({}, m_rows, m_rows + rows - 1);
        m_rows += rows;
        endInsertRows();
    }
    void prepend(int rows)
    {
        beginInsertRows({}, 0, rows - 1);
        m_rows += rows;
        m_base -= rows;
        endInsertRows();
    }
    void reset(int rows)
    {
        beginResetModel();
        m_rows = rows;
        m_base = 0;
        endResetModel();
    }
    void touch(int first, int last) { emit dataChanged(index(first, 0), index(last, 1), {Qt::DisplayRole}); }

private:
    int m_rows;
    int m_base = 0;
};

int shown(const RowWindowModel &window, int row)
{
    return window.index(row, 0).data().toInt();
}

} // namespace

class TestRowWindowModel : public QObject
{
    Q_OBJECT

private slots:
    void showsTheRowsFromItsOffset()
    {
        NumbersModel source(35);
        RowWindowModel window(10);
        QAbstractItemModelTester tester(&window, QAbstractItemModelTester::FailureReportingMode::Fatal);
        window.setSourceModel(&source);
        QCOMPARE(window.rowCount(), 10);
        QCOMPARE(window.columnCount(), 2);
        QCOMPARE(window.sourceRowCount(), 35);
        QCOMPARE(shown(window, 0), 0);
        QCOMPARE(shown(window, 9), 9);

        window.setOffset(20);
        QCOMPARE(window.offset(), 20);
        QCOMPARE(window.rowCount(), 10);
        QCOMPARE(shown(window, 0), 20);
        QCOMPARE(window.index(3, 1).data().toInt(), 23 * 23);
        QCOMPARE(window.mapToSource(window.index(4, 1)), source.index(24, 1));
        QCOMPARE(window.mapFromSource(source.index(29, 0)), window.index(9, 0));
        QVERIFY(!window.mapFromSource(source.index(19, 0)).isValid());
        QVERIFY(!window.mapFromSource(source.index(30, 0)).isValid());
        QCOMPARE(window.headerData(2, Qt::Vertical, Qt::DisplayRole).toInt(), 23); // source's "row + 1"

        // Always full: an offset past the end stops where the last row is last.
        window.setOffset(1000);
        QCOMPARE(window.offset(), 25);
        QCOMPARE(shown(window, 9), 34);
        window.setOffset(-5);
        QCOMPARE(window.offset(), 0);
        QCOMPARE(window.centredOffset(17), 12);
        QCOMPARE(window.centredOffset(2), 0);
        QCOMPARE(window.centredOffset(34), 25);
    }

    void persistentIndexesFollowTheirSourceRows()
    {
        NumbersModel source(100);
        RowWindowModel window(10);
        QAbstractItemModelTester tester(&window, QAbstractItemModelTester::FailureReportingMode::Fatal);
        window.setSourceModel(&source);
        window.setOffset(40);
        const QPersistentModelIndex row47(window.index(7, 1));
        const QPersistentModelIndex row41(window.index(1, 0));
        QSignalSpy layouts(&window, &QAbstractItemModel::layoutChanged);

        window.setOffset(45);
        QCOMPARE(layouts.size(), 1);
        QCOMPARE(row47.row(), 2);
        QCOMPARE(row47.column(), 1);
        QCOMPARE(row47.data().toInt(), 47 * 47);
        QVERIFY(!row41.isValid());

        window.setOffset(38);
        QCOMPARE(row47.row(), 9);
        window.setOffset(48);
        QVERIFY(!row47.isValid());
        window.setOffset(48); // no move, no layout change
        QCOMPARE(layouts.size(), 3);
    }

    void rowsAtTheEndFillTheWindow()
    {
        NumbersModel source(0);
        RowWindowModel window(10);
        QAbstractItemModelTester tester(&window, QAbstractItemModelTester::FailureReportingMode::Fatal);
        window.setSourceModel(&source);
        QSignalSpy inserted(&window, &QAbstractItemModel::rowsInserted);
        QSignalSpy counted(&window, &RowWindowModel::sourceRowCountChanged);

        source.append(4); // the first page
        QCOMPARE(window.rowCount(), 4);
        QCOMPARE(inserted.size(), 1);
        QCOMPARE(inserted.at(0).at(1).toInt(), 0);
        QCOMPARE(inserted.at(0).at(2).toInt(), 3);

        source.append(1'000'000); // the count: only what fits is inserted
        QCOMPARE(window.rowCount(), 10);
        QCOMPARE(inserted.size(), 2);
        QCOMPARE(inserted.at(1).at(1).toInt(), 4);
        QCOMPARE(inserted.at(1).at(2).toInt(), 9);
        QCOMPARE(counted.last().at(0).toInt(), 1'000'004);

        window.setOffset(500'000);
        source.append(6); // a full window has no room: only the count changes
        QCOMPARE(inserted.size(), 2);
        QCOMPARE(counted.last().at(0).toInt(), 1'000'010);
        QCOMPARE(window.offset(), 500'000);
        QCOMPARE(shown(window, 0), 500'000);
    }

    void otherChangesStartAtTheTop()
    {
        NumbersModel source(100);
        RowWindowModel window(10);
        QAbstractItemModelTester tester(&window, QAbstractItemModelTester::FailureReportingMode::Fatal);
        window.setSourceModel(&source);
        QSignalSpy resets(&window, &QAbstractItemModel::modelReset);

        window.setOffset(50);
        source.reset(7);
        QCOMPARE(resets.size(), 1);
        QCOMPARE(window.offset(), 0);
        QCOMPARE(window.rowCount(), 7);

        source.reset(100);
        window.setOffset(50);
        source.prepend(3); // shifts every row shown
        QCOMPARE(resets.size(), 3);
        QCOMPARE(window.offset(), 0);
        QCOMPARE(shown(window, 0), -3);
    }

    void dataChangesWithinTheWindowArePassedOn()
    {
        NumbersModel source(100);
        RowWindowModel window(10);
        QAbstractItemModelTester tester(&window, QAbstractItemModelTester::FailureReportingMode::Fatal);
        window.setSourceModel(&source);
        window.setOffset(20);
        QSignalSpy changed(&window, &QAbstractItemModel::dataChanged);

        source.touch(0, 10); // before the window
        source.touch(30, 99); // after it
        QCOMPARE(changed.size(), 0);
        source.touch(15, 22);
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed.at(0).at(0).toModelIndex(), window.index(0, 0));
        QCOMPARE(changed.at(0).at(1).toModelIndex(), window.index(2, 1));
        source.touch(0, 99);
        QCOMPARE(changed.at(1).at(0).toModelIndex(), window.index(0, 0));
        QCOMPARE(changed.at(1).at(1).toModelIndex(), window.index(9, 1));
    }

    void anotherSourceStartsAfresh()
    {
        NumbersModel first(100);
        NumbersModel second(3);
        RowWindowModel window(10);
        QAbstractItemModelTester tester(&window, QAbstractItemModelTester::FailureReportingMode::Fatal);
        window.setSourceModel(&first);
        window.setOffset(60);
        window.setSourceModel(&second);
        QCOMPARE(window.offset(), 0);
        QCOMPARE(window.rowCount(), 3);
        first.append(5); // the old source is no longer followed
        QCOMPARE(window.rowCount(), 3);
        window.setSourceModel(nullptr);
        QCOMPARE(window.rowCount(), 0);
        QCOMPARE(window.columnCount(), 0);
    }
};

QTEST_GUILESS_MAIN(TestRowWindowModel)
#include "tst_rowwindowmodel.moc"
