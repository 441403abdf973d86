#include "timelineview.h"

#include "timelineoverlay.h"

#include <QApplication>
#include <QContextMenuEvent>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QRubberBand>
#include <QWheelEvent>

#include <cmath>

namespace rejectscope {

namespace {

constexpr double WheelStep = 0.8;   // the visible span shrinks to 80 % per wheel notch
constexpr double KeyZoomStep = 0.7;
constexpr double KeyPanStep = 0.1;  // of the visible width per arrow key

} // namespace

TimelineView::TimelineView(QChart *chart, TimelineOverlay *overlay, QWidget *parent)
    : QChartView(chart, parent)
    , m_overlay(overlay)
{
    setRubberBand(QChartView::NoRubberBand);
    // The series are steps with vertical and horizontal edges only: antialiasing would
    // triple their paint time for no visible gain. The overlay smooths its own text.
    setRenderHint(QPainter::Antialiasing, false);
    setMouseTracking(true);
    setFocusPolicy(Qt::StrongFocus);
    setFrameShape(QFrame::NoFrame);
    // The overlay paints under and over the whole scene, so every update repaints it all.
    setViewportUpdateMode(QGraphicsView::FullViewportUpdate);
}

void TimelineView::drawBackground(QPainter *painter, const QRectF &rect)
{
    QChartView::drawBackground(painter, rect);
    m_overlay->paintUnder(painter);
}

void TimelineView::drawForeground(QPainter *painter, const QRectF &rect)
{
    QChartView::drawForeground(painter, rect);
    m_overlay->paintOver(painter);
}

void TimelineView::mousePressEvent(QMouseEvent *event)
{
    m_pressPos = m_lastPos = event->position().toPoint();
    const bool shift = event->modifiers() & Qt::ShiftModifier;
    if (event->button() == Qt::MiddleButton || (event->button() == Qt::LeftButton && shift))
        m_drag = Drag::Pan;
    else if (event->button() == Qt::LeftButton)
        m_drag = Drag::Pending;
    else
        m_drag = Drag::None;
    if (m_drag == Drag::Pan)
        viewport()->setCursor(Qt::ClosedHandCursor);
    event->accept();
}

void TimelineView::mouseMoveEvent(QMouseEvent *event)
{
    const QPoint pos = event->position().toPoint();
    switch (m_drag) {
    case Drag::None:
        emit hovered(mapToScene(pos), event->globalPosition().toPoint());
        break;
    case Drag::Pending:
        if ((pos - m_pressPos).manhattanLength() < QApplication::startDragDistance())
            break;
        m_drag = Drag::RubberBand;
        emit hoverLeft();
        [[fallthrough]];
    case Drag::RubberBand:
        updateRubberBand(pos);
        break;
    case Drag::Pan: {
        const qreal width = m_overlay->plotArea().width();
        if (width > 0 && pos.x() != m_lastPos.x())
            emit panRequested(double(m_lastPos.x() - pos.x()) / width);
        break;
    }
    }
    m_lastPos = pos;
    event->accept();
}

void TimelineView::mouseReleaseEvent(QMouseEvent *event)
{
    const Drag drag = m_drag;
    m_drag = Drag::None;
    viewport()->unsetCursor();
    if (m_rubberBand)
        m_rubberBand->hide();
    const QPointF pos = mapToScene(event->position().toPoint());
    if (drag == Drag::Pending && event->button() == Qt::LeftButton) {
        emit clicked(pos);
    } else if (drag == Drag::RubberBand) {
        const QPointF start = mapToScene(m_pressPos);
        if (std::abs(pos.x() - start.x()) >= 4)
            emit rangeSelected(std::min(start.x(), pos.x()), std::max(start.x(), pos.x()));
    }
    event->accept();
}

void TimelineView::mouseDoubleClickEvent(QMouseEvent *event)
{
    if (event->button() == Qt::LeftButton)
        emit resetRequested();
    event->accept();
}

void TimelineView::wheelEvent(QWheelEvent *event)
{
    const QPoint delta = event->angleDelta();
    const qreal x = mapToScene(event->position().toPoint()).x();
    if (delta.y() != 0)
        emit zoomRequested(x, std::pow(WheelStep, delta.y() / 120.0));
    else if (delta.x() != 0)
        emit panRequested(-delta.x() / 120.0 * KeyPanStep);
    event->accept();
}

void TimelineView::keyPressEvent(QKeyEvent *event)
{
    const qreal centre = m_overlay->plotArea().center().x();
    switch (event->key()) {
    case Qt::Key_Left:
        emit panRequested(-KeyPanStep);
        break;
    case Qt::Key_Right:
        emit panRequested(KeyPanStep);
        break;
    case Qt::Key_Plus:
    case Qt::Key_Equal:
    case Qt::Key_Up:
        emit zoomRequested(centre, KeyZoomStep);
        break;
    case Qt::Key_Minus:
    case Qt::Key_Down:
        emit zoomRequested(centre, 1 / KeyZoomStep);
        break;
    case Qt::Key_Home:
        emit resetRequested();
        break;
    default:
        QChartView::keyPressEvent(event);
        return;
    }
    event->accept();
}

void TimelineView::leaveEvent(QEvent *event)
{
    emit hoverLeft();
    QChartView::leaveEvent(event);
}

void TimelineView::contextMenuEvent(QContextMenuEvent *event)
{
    emit contextMenuRequested(mapToScene(event->pos()), event->globalPos());
    event->accept();
}

void TimelineView::updateRubberBand(const QPoint &to)
{
    if (!m_rubberBand)
        m_rubberBand = new QRubberBand(QRubberBand::Rectangle, viewport());
    // Only time is selected: the band spans the plot's full height.
    const QRect plot = mapFromScene(m_overlay->plotArea()).boundingRect();
    const int left = std::clamp(std::min(m_pressPos.x(), to.x()), plot.left(), plot.right());
    const int right = std::clamp(std::max(m_pressPos.x(), to.x()), plot.left(), plot.right());
    m_rubberBand->setGeometry(QRect(QPoint(left, plot.top()), QPoint(right, plot.bottom())));
    m_rubberBand->show();
}

} // namespace rejectscope
