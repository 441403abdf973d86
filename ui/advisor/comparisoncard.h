#pragma once

#include "advisorcard.h"

#include "analysis/overview.h"

#include <QTimeZone>

class QGridLayout;

namespace rejectscope {

// Before and after one moment (a switch point found in the log, or a marker the user
// set): equal windows on both sides, per hour, with the change.
class ComparisonCard : public AdvisorCard
{
    Q_OBJECT
public:
    ComparisonCard(const MomentComparison &comparison, const QTimeZone &zone, QWidget *parent = nullptr);

signals:
    void momentActivated(qint64 timeMs);
    void markerRemovalRequested(qint64 markerId);

private:
    void addFigures();
    void addFigureRow(QGridLayout *grid, int row, const QString &name, const QString &before,
                      const QString &after, const QString &change);

    MomentComparison m_comparison;
};

} // namespace rejectscope
