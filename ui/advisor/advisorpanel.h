#pragma once

#include "analysis/overview.h"

#include <QTimeZone>
#include <QWidget>

#include <memory>

namespace rejectscope {

// The advisor: each finding in plain language with its evidence and the main.cf
// change it suggests, and a before/after card for each switch point and marker.
// Every text from the log shows as plain text, never as markup.
class AdvisorPanel : public QWidget
{
    Q_OBJECT
public:
    explicit AdvisorPanel(QWidget *parent = nullptr);
    ~AdvisorPanel() override;

    void setFindings(const QList<Finding> &findings);
    void setComparisons(const QList<MomentComparison> &comparisons);
    void setTimeZone(const QTimeZone &zone);
    // Shown while the findings are being worked out (after an import, the chains).
    void setLoading(bool loading);

    // For tests and exports: what the panel shows, as plain text, one block per card.
    QStringList findingTexts() const;
    QStringList comparisonTexts() const;

signals:
    // The user wants to see a finding's events: filter to its direction and reason.
    void findingActivated(const rejectscope::Finding &finding);
    // The user picked a card: show its moment on the timeline.
    void momentActivated(qint64 timeMs);
    void markerRemovalRequested(qint64 markerId);

private:
    class Private;
    std::unique_ptr<Private> d;
};

} // namespace rejectscope
