#include "flowlayout.h"

#include <QStyle>
#include <QWidget>

#include <algorithm>

namespace rejectscope {

FlowLayout::FlowLayout(QWidget *parent)
    : QLayout(parent)
{
}

FlowLayout::~FlowLayout()
{
    qDeleteAll(m_items);
}

void FlowLayout::addItem(QLayoutItem *item)
{
    m_items.append(item);
}

int FlowLayout::count() const
{
    return int(m_items.size());
}

QLayoutItem *FlowLayout::itemAt(int index) const
{
    return m_items.value(index);
}

QLayoutItem *FlowLayout::takeAt(int index)
{
    if (index < 0 || index >= m_items.size())
        return nullptr;
    return m_items.takeAt(index);
}

Qt::Orientations FlowLayout::expandingDirections() const
{
    return {};
}

int FlowLayout::heightForWidth(int width) const
{
    return arrange(QRect(0, 0, width, 0), false);
}

QSize FlowLayout::minimumSize() const
{
    QSize size;
    for (const QLayoutItem *item : m_items)
        size = size.expandedTo(item->minimumSize());
    const QMargins margins = contentsMargins();
    return size + QSize(margins.left() + margins.right(), margins.top() + margins.bottom());
}

QSize FlowLayout::sizeHint() const
{
    int width = 0;
    int height = 0;
    int visible = 0;
    for (const QLayoutItem *item : m_items) {
        if (item->isEmpty())
            continue;
        width += item->sizeHint().width();
        height = std::max(height, item->sizeHint().height());
        ++visible;
    }
    width += std::max(0, visible - 1) * horizontalGap();
    const QMargins margins = contentsMargins();
    return {width + margins.left() + margins.right(), height + margins.top() + margins.bottom()};
}

void FlowLayout::setGeometry(const QRect &rect)
{
    QLayout::setGeometry(rect);
    arrange(rect, true);
}

int FlowLayout::horizontalGap() const
{
    if (spacing() >= 0)
        return spacing();
    const QWidget *owner = parentWidget();
    return owner ? owner->style()->pixelMetric(QStyle::PM_LayoutHorizontalSpacing, nullptr, owner) : 6;
}

int FlowLayout::verticalGap() const
{
    if (spacing() >= 0)
        return spacing();
    const QWidget *owner = parentWidget();
    return owner ? owner->style()->pixelMetric(QStyle::PM_LayoutVerticalSpacing, nullptr, owner) : 6;
}

int FlowLayout::arrange(const QRect &rect, bool apply) const
{
    const QRect area = rect.marginsRemoved(contentsMargins());
    const int hGap = horizontalGap();
    const int vGap = verticalGap();
    const int width = std::max(1, area.width());

    QList<QLayoutItem *> visible;
    for (QLayoutItem *item : m_items) {
        if (!item->isEmpty())
            visible.append(item);
    }

    int y = area.top();
    int rows = 0;
    qsizetype first = 0;
    while (first < visible.size()) {
        // The items of this row: as many as fit, at least one.
        qsizetype end = first;
        int used = 0;
        while (end < visible.size()) {
            const int itemWidth = visible[end]->sizeHint().width();
            const int needed = end == first ? itemWidth : used + hGap + itemWidth;
            if (end > first && needed > width)
                break;
            used = needed;
            ++end;
        }
        int rowHeight = 0;
        int expanding = 0;
        for (qsizetype i = first; i < end; ++i) {
            rowHeight = std::max(rowHeight, visible[i]->sizeHint().height());
            if (visible[i]->expandingDirections() & Qt::Horizontal)
                ++expanding;
        }
        if (apply) {
            int spare = std::max(0, width - used);
            int x = area.left();
            for (qsizetype i = first; i < end; ++i) {
                QLayoutItem *item = visible[i];
                int itemWidth = item->sizeHint().width();
                if (expanding > 0 && (item->expandingDirections() & Qt::Horizontal)) {
                    const int share = spare / expanding;
                    itemWidth += share;
                    spare -= share;
                    --expanding;
                }
                // A lone item wider than the row shrinks to it, never below its minimum.
                itemWidth = std::min(itemWidth, area.right() + 1 - x);
                itemWidth = std::max(itemWidth, std::min(item->minimumSize().width(), width));
                const int itemHeight = std::min(rowHeight, item->sizeHint().height());
                item->setGeometry(QRect(x, y + (rowHeight - itemHeight) / 2, itemWidth, itemHeight));
                x += itemWidth + hGap;
            }
        }
        y += rowHeight + vGap;
        ++rows;
        first = end;
    }
    if (rows > 0)
        y -= vGap;
    if (apply)
        m_rows = rows;
    return y - area.top() + contentsMargins().top() + contentsMargins().bottom();
}

} // namespace rejectscope
