#pragma once

#include "analysis/advisor.h"
#include "analysis/floods.h"
#include "analysis/retrychains.h"
#include "analysis/switchpoints.h"
#include "findingtext.h" // findingSentence(), once declared here

#include <QString>
#include <QTimeZone>

namespace rejectscope {

// The analysis results as plain text for a terminal, in the administrator's words.
// Log content in it is made terminal-safe.
QString stormsText(const QList<RetryChain> &chains, const RetryChains::Totals &totals,
                   const QList<Flood> &floods, const QTimeZone &zone);
QString switchPointsText(const QList<SwitchPoint> &points, const QTimeZone &zone);
QString beforeAfterText(const BeforeAfter &comparison, const QTimeZone &zone);
QString findingsText(const QList<Finding> &findings, const QTimeZone &zone);

} // namespace rejectscope
