#pragma once

#include "advisorcard.h"

#include "analysis/advisor.h"

#include <QTimeZone>

namespace rejectscope {

// One finding of the advisor: the setting to change (or, for a deliberate refusal,
// that nothing should change), the sentence, the evidence and a caution.
class FindingCard : public AdvisorCard
{
    Q_OBJECT
public:
    FindingCard(const Finding &finding, const QTimeZone &zone, QWidget *parent = nullptr);

    const Finding &finding() const { return m_finding; }
    // A finding that advises no change (greylisting, rate limits, backscatter).
    static bool isCalm(const Finding &finding);

signals:
    void activated(const rejectscope::Finding &finding);

private:
    void addEvidence(const QTimeZone &zone);
    void addExamples();
    void addCaution();

    Finding m_finding;
};

} // namespace rejectscope
