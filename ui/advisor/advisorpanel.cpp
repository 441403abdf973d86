#include "advisorpanel.h"

#include "advisorlabels.h"
#include "comparisoncard.h"
#include "findingcard.h"

#include <QLabel>
#include <QPointer>
#include <QScrollArea>
#include <QVBoxLayout>

namespace rejectscope {

class AdvisorPanel::Private
{
public:
    QList<Finding> findings;
    QList<MomentComparison> comparisons;
    QTimeZone zone = QTimeZone::systemTimeZone();
    bool loading = false;

    QScrollArea *scroll = nullptr;
    QLabel *status = nullptr;        // loading, or the empty state
    QLabel *findingsHeading = nullptr;
    QLabel *noFindings = nullptr;    // findings are empty but comparisons are not
    QVBoxLayout *findingsColumn = nullptr;
    QLabel *comparisonsHeading = nullptr;
    QVBoxLayout *comparisonsColumn = nullptr;
    QList<QPointer<FindingCard>> findingCards;
    QList<QPointer<ComparisonCard>> comparisonCards;
};

namespace {

QVBoxLayout *column(QVBoxLayout *parent, int spacing)
{
    auto *layout = new QVBoxLayout;
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(spacing);
    parent->addLayout(layout);
    return layout;
}

} // namespace

AdvisorPanel::AdvisorPanel(QWidget *parent)
    : QWidget(parent)
    , d(std::make_unique<Private>())
{
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    d->scroll = new QScrollArea(this);
    d->scroll->setWidgetResizable(true);
    d->scroll->setFrameShape(QFrame::NoFrame);
    d->scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    outer->addWidget(d->scroll);

    auto *content = new QWidget(d->scroll);
    auto *layout = new QVBoxLayout(content);
    const int gap = fontMetrics().height() * 2 / 3;
    layout->setSpacing(gap);

    d->status = mutedLabel(QString(), content);
    d->status->setAlignment(Qt::AlignCenter);
    layout->addWidget(d->status);

    const QFont headingFont = scaledFont(font(), 1.15, true);
    d->findingsHeading = plainLabel(tr("Advice"), content);
    d->findingsHeading->setFont(headingFont);
    layout->addWidget(d->findingsHeading);
    d->noFindings = mutedLabel(tr("No temporary refusal looks unintended: nothing to change."), content);
    layout->addWidget(d->noFindings);
    d->findingsColumn = column(layout, gap);

    d->comparisonsHeading = plainLabel(tr("Before and after"), content);
    d->comparisonsHeading->setFont(headingFont);
    layout->addSpacing(gap / 2);
    layout->addWidget(d->comparisonsHeading);
    d->comparisonsColumn = column(layout, gap);
    layout->addStretch(1);

    d->scroll->setWidget(content);
    setLoading(false);
}

AdvisorPanel::~AdvisorPanel() = default;

void AdvisorPanel::setFindings(const QList<Finding> &findings)
{
    d->findings = findings;
    for (const QPointer<FindingCard> &card : std::as_const(d->findingCards))
        delete card.data();
    d->findingCards.clear();
    QWidget *content = d->scroll->widget();
    for (const Finding &finding : findings) {
        auto *card = new FindingCard(finding, d->zone, content);
        connect(card, &FindingCard::activated, this, &AdvisorPanel::findingActivated);
        d->findingsColumn->addWidget(card);
        d->findingCards << card;
    }
    setLoading(d->loading);
}

void AdvisorPanel::setComparisons(const QList<MomentComparison> &comparisons)
{
    d->comparisons = comparisons;
    for (const QPointer<ComparisonCard> &card : std::as_const(d->comparisonCards))
        delete card.data();
    d->comparisonCards.clear();
    QWidget *content = d->scroll->widget();
    for (const MomentComparison &comparison : comparisons) {
        auto *card = new ComparisonCard(comparison, d->zone, content);
        connect(card, &ComparisonCard::momentActivated, this, &AdvisorPanel::momentActivated);
        connect(card, &ComparisonCard::markerRemovalRequested, this, &AdvisorPanel::markerRemovalRequested);
        d->comparisonsColumn->addWidget(card);
        d->comparisonCards << card;
    }
    setLoading(d->loading);
}

void AdvisorPanel::setTimeZone(const QTimeZone &zone)
{
    if (zone == d->zone)
        return;
    d->zone = zone;
    // The cards show times in the zone: made again, with what they showed.
    setFindings(QList<Finding>(d->findings));
    setComparisons(QList<MomentComparison>(d->comparisons));
}

void AdvisorPanel::setLoading(bool loading)
{
    d->loading = loading;
    const bool hasFindings = !d->findings.isEmpty();
    const bool hasComparisons = !d->comparisons.isEmpty();
    const bool empty = !hasFindings && !hasComparisons;
    if (loading)
        d->status->setText(tr("Working out which settings make servers retry\u2026"));
    else if (empty)
        d->status->setText(tr("Nothing to advise. Import a Postfix log to see which refusals make servers "
                              "retry and the setting behind them; set a marker on the timeline to compare "
                              "before and after a change."));
    d->status->setVisible(loading || empty);
    d->findingsHeading->setVisible(!empty);
    d->noFindings->setVisible(!hasFindings && hasComparisons && !loading);
    d->comparisonsHeading->setVisible(hasComparisons);
}

QStringList AdvisorPanel::findingTexts() const
{
    QStringList texts;
    for (const QPointer<FindingCard> &card : d->findingCards) {
        if (card)
            texts << card->plainText();
    }
    return texts;
}

QStringList AdvisorPanel::comparisonTexts() const
{
    QStringList texts;
    for (const QPointer<ComparisonCard> &card : d->comparisonCards) {
        if (card)
            texts << card->plainText();
    }
    return texts;
}

} // namespace rejectscope
