#pragma once

#include "analysis/advisor.h"
#include "analysis/floods.h"
#include "analysis/retrychains.h"
#include "analysis/switchpoints.h"

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
// One finding as a sentence or two: what the server did, what to set, what it saves.
QString findingSentence(const Finding &finding);

} // namespace rejectscope
