#pragma once

#include "analysis/overview.h"

#include <QTimeZone>
#include <QWidget>

#include <memory>

namespace rejectscope {

class TimelineModel;

// The interactive timeline: attempts per bucket stacked by 4xx and 5xx (a view of
// a TimelineModel), flood periods shaded, switch points and markers as vertical
// lines with their before/after windows shaded and numbers shown. Zoom with a
// rubber band or the wheel, pan by dragging with the middle button or the arrow
// keys, reset with Home or a double click. The chart says what the user looked at
// or picked; the window re-queries and calls the setters.
class TimelineChart : public QWidget
{
    Q_OBJECT
public:
    explicit TimelineChart(TimelineModel *model, QWidget *parent = nullptr);
    ~TimelineChart() override;

    // Everything drawn besides the buckets.
    void setMoments(const QList<MomentComparison> &comparisons);
    void setFloods(const QList<Flood> &floods);
    void setTimeZone(const QTimeZone &zone);
    // The range shown; resetZoom() returns to the full range.
    void setFullRange(std::int64_t fromMs, std::int64_t toMs);
    std::pair<std::int64_t, std::int64_t> visibleRange() const;
    void setVisibleRange(std::int64_t fromMs, std::int64_t toMs);
    void resetZoom();

    bool exportPng(const QString &path, QString *error) const;
    bool exportSvg(const QString &path, QString *error) const;

    // For tests: the chart's series as drawn (bucket start ms → count).
    QList<QPointF> temporarySeries() const;
    QList<QPointF> permanentSeries() const;
    // For tests: the times of the moments drawn in the visible range.
    QList<std::int64_t> markerTimes() const;
    // For tests: the moments' caption boxes in the order of setMoments() (empty: none shown).
    QList<QRectF> captionRects() const;

signals:
    // The user zoomed or panned (after a short settle): the window picks a bucket size.
    void visibleRangeChanged(std::int64_t fromMs, std::int64_t toMs);
    // A click on a bucket: the tables filter to it.
    void bucketClicked(std::int64_t fromMs, std::int64_t toMs);
    // "I changed the configuration here", from the context menu.
    void markerRequested(std::int64_t timeMs);
    void markerRemovalRequested(std::int64_t markerId);

protected:
    void changeEvent(QEvent *event) override;

private:
    class Private;
    std::unique_ptr<Private> d;
};

} // namespace rejectscope
