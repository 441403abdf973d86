#pragma once

#include "analysis/overview.h"

#include <QImage>
#include <QTimeZone>

class QPainter;

namespace rejectscope {

// The printed report's timeline: stacked 4xx/5xx bars per bucket, flood periods
// shaded, switch points and markers as labelled lines — drawn with QPainter alone,
// so it renders with no display and no Qt Charts.
void paintTimeline(QPainter &painter, const QRectF &area, const Overview &overview,
                   const QTimeZone &zone);
QImage renderTimeline(const Overview &overview, const QTimeZone &zone, QSize size,
                      qreal devicePixelRatio = 2.0);

} // namespace rejectscope
