#pragma once

#include <QChartView>
#include <QPointer>

class QRubberBand;

namespace rejectscope {

class TimelineOverlay;

// The timeline's view: paints the overlay under and over the chart and turns mouse,
// wheel and keys into requests in scene coordinates. It changes nothing itself; the
// chart decides what a request does to the visible range.
class TimelineView : public QChartView
{
    Q_OBJECT
public:
    TimelineView(QChart *chart, TimelineOverlay *overlay, QWidget *parent = nullptr);

signals:
    // Zoom by `factor` (< 1: in) keeping the time at scene x `anchorX` in place.
    void zoomRequested(qreal anchorX, double factor);
    // Move the visible range by a fraction of its width (> 0: later).
    void panRequested(double fraction);
    void rangeSelected(qreal fromX, qreal toX);
    void clicked(const QPointF &scenePos);
    void hovered(const QPointF &scenePos, const QPoint &globalPos);
    void hoverLeft();
    void resetRequested();
    void contextMenuRequested(const QPointF &scenePos, const QPoint &globalPos);

protected:
    void drawBackground(QPainter *painter, const QRectF &rect) override;
    void drawForeground(QPainter *painter, const QRectF &rect) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void leaveEvent(QEvent *event) override;
    void contextMenuEvent(QContextMenuEvent *event) override;

private:
    enum class Drag { None, Pending, RubberBand, Pan };
    void updateRubberBand(const QPoint &to);

    TimelineOverlay *m_overlay;
    QPointer<QRubberBand> m_rubberBand;
    Drag m_drag = Drag::None;
    QPoint m_pressPos;
    QPoint m_lastPos;
};

} // namespace rejectscope
