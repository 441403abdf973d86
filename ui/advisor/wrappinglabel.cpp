#include "wrappinglabel.h"

#include <QFontMetricsF>
#include <QPainter>
#include <QTextLayout>
#include <QtMath>

namespace rejectscope {

WrappingLabel::WrappingLabel(const QString &text, QWidget *parent)
    : QLabel(parent)
{
    setTextFormat(Qt::PlainText);
    setWordWrap(true);
    setText(text);
}

int WrappingLabel::naturalWidth() const
{
    // Rounded up from the exact advance: a width rounded down would wrap the last word.
    const QFontMetricsF metrics(font());
    qreal widest = 0;
    for (const QString &line : text().split(u'\n'))
        widest = qMax(widest, metrics.horizontalAdvance(line));
    return qCeil(widest) + 1;
}

int WrappingLabel::layOut(int width, QPainter *painter) const
{
    const QMargins m = contentsMargins();
    const int lineWidth = qMax(1, width - m.left() - m.right());
    qreal y = 0;
    // One QTextLayout per paragraph: QTextLayout takes a line separator, not '\n'.
    for (const QString &paragraph : text().split(u'\n')) {
        QTextLayout layout(paragraph, font());
        QTextOption option(alignment());
        option.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
        option.setTextDirection(layoutDirection());
        layout.setTextOption(option);
        layout.beginLayout();
        for (QTextLine line = layout.createLine(); line.isValid(); line = layout.createLine()) {
            line.setLineWidth(lineWidth);
            line.setPosition(QPointF(0, y));
            y += line.height();
        }
        layout.endLayout();
        if (painter)
            layout.draw(painter, QPointF(m.left(), m.top()));
    }
    return qCeil(y) + m.top() + m.bottom();
}

QSize WrappingLabel::sizeHint() const
{
    if (!wordWrap())
        return QLabel::sizeHint();
    const QMargins m = contentsMargins();
    // Like QLabel: a wrapped text prefers lines of a readable length.
    const int width = qMin(naturalWidth(), fontMetrics().averageCharWidth() * 70) + m.left() + m.right();
    return {width, layOut(width)};
}

QSize WrappingLabel::minimumSizeHint() const
{
    if (!wordWrap())
        return QLabel::minimumSizeHint();
    const QMargins m = contentsMargins();
    const int width = qMin(naturalWidth(), fontMetrics().averageCharWidth() * 10) + m.left() + m.right();
    return {width, fontMetrics().height() + m.top() + m.bottom()};
}

int WrappingLabel::heightForWidth(int width) const
{
    if (!wordWrap())
        return QLabel::heightForWidth(width);
    return layOut(width);
}

void WrappingLabel::paintEvent(QPaintEvent *event)
{
    if (!wordWrap()) {
        QLabel::paintEvent(event);
        return;
    }
    QPainter painter(this);
    painter.setPen(palette().color(isEnabled() ? QPalette::Active : QPalette::Disabled, foregroundRole()));
    layOut(width(), &painter);
}

} // namespace rejectscope
