#pragma once

#include <QLayout>
#include <QList>

namespace rejectscope {

// Lays its items out left to right and starts a new row where the next one
// would not fit, so that a bar of controls stays within a narrow window (a
// small screen, or 200 % scaling) instead of widening it. Within a row, items
// whose horizontal policy expands share what is left of the width.
class FlowLayout : public QLayout
{
public:
    explicit FlowLayout(QWidget *parent = nullptr);
    ~FlowLayout() override;

    void addItem(QLayoutItem *item) override;
    int count() const override;
    QLayoutItem *itemAt(int index) const override;
    QLayoutItem *takeAt(int index) override;

    Qt::Orientations expandingDirections() const override;
    bool hasHeightForWidth() const override { return true; }
    int heightForWidth(int width) const override;
    QSize minimumSize() const override;
    QSize sizeHint() const override;
    void setGeometry(const QRect &rect) override;

    // How many rows the items took at the last setGeometry().
    int rowCount() const { return m_rows; }

private:
    // Places the items in `rect` (only measures unless `apply`); returns the height used.
    int arrange(const QRect &rect, bool apply) const;
    int horizontalGap() const;
    int verticalGap() const;

    QList<QLayoutItem *> m_items;
    mutable int m_rows = 0;
};

} // namespace rejectscope
