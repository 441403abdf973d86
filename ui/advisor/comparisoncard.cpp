#include "comparisoncard.h"

#include "advisorlabels.h"
#include "report/durationtext.h"
#include "report/terminaltext.h"

#include <QGridLayout>
#include <QHBoxLayout>
#include <QFontMetrics>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace rejectscope {

ComparisonCard::ComparisonCard(const MomentComparison &comparison, const QTimeZone &zone, QWidget *parent)
    : AdvisorCard(comparison.origin == MomentComparison::Origin::Marker ? Accent::Marker : Accent::SwitchPoint,
                  Tone::Prominent, parent)
    , m_comparison(comparison)
{
    const bool marker = comparison.origin == MomentComparison::Origin::Marker;
    addCaption(marker ? tr("Marker, set by hand") : tr("Switch point, found in the log"));

    // A marker's label is the user's text, a switch point's is made from the log:
    // either way plain text, with control characters made visible.
    QString label = terminalSafe(comparison.label.trimmed());
    if (label.isEmpty())
        label = marker ? tr("Marker") : tr("Replies turned permanent");
    addHeadline(label);

    const BeforeAfter &f = comparison.figures;
    if (f.windowMs > 0)
        addText(tr("%1 \u00b7 %2 before and after").arg(zoneTimeText(comparison.timeMs, zone), durationText(f.windowMs)));
    else
        addText(tr("%1 \u00b7 no events on one side to compare with").arg(zoneTimeText(comparison.timeMs, zone)));
    addFigures();

    auto *buttons = new QHBoxLayout;
    buttons->addStretch();
    if (marker && comparison.marker) {
        auto *remove = new QPushButton(tr("Remove marker"), this);
        buttons->addWidget(remove);
        const qint64 id = comparison.marker->id;
        connect(remove, &QPushButton::clicked, this, [this, id] { emit markerRemovalRequested(id); });
    }
    auto *show = new QPushButton(tr("Show on timeline"), this);
    buttons->addWidget(show);
    body()->addLayout(buttons);
    connect(show, &QPushButton::clicked, this, [this] { emit momentActivated(m_comparison.timeMs); });
}

void ComparisonCard::addFigures()
{
    const BeforeAfter &f = m_comparison.figures;
    auto *grid = new QGridLayout;
    grid->setContentsMargins(0, 0, 0, 0);
    grid->setHorizontalSpacing(fontMetrics().averageCharWidth() * 2);
    grid->setVerticalSpacing(fontMetrics().height() / 5);
    const QStringList heads{tr("Before"), tr("After"), tr("Change")};
    for (int column = 0; column < heads.size(); ++column) {
        QLabel *head = mutedLabel(heads.at(column), this);
        head->setWordWrap(false);
        head->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
        grid->addWidget(head, 0, column + 1);
    }
    addFigureRow(grid, 1, tr("Attempts per hour"), figureText(f.before.attemptsPerHour, 1),
                 figureText(f.after.attemptsPerHour, 1), percentChangeText(f.attemptsChange));
    addFigureRow(grid, 2, tr("Distinct keys per hour"), figureText(f.before.keysPerHour, 1),
                 figureText(f.after.keysPerHour, 1), percentChangeText(f.keysChange));
    addFigureRow(grid, 3, tr("Retries per hour"), figureText(f.before.retriesPerHour, 1),
                 figureText(f.after.retriesPerHour, 1), percentChangeText(f.retriesChange));
    addFigureRow(grid, 4, tr("Amplification"), figureText(f.before.amplification, 2),
                 figureText(f.after.amplification, 2), percentChangeText(f.amplificationChange));
    addFigureRow(grid, 5, tr("4xx share"), tr("%1 %").arg(figureText(100 * f.before.temporaryShare, 1)),
                 tr("%1 %").arg(figureText(100 * f.after.temporaryShare, 1)),
                 pointsChangeText(f.temporaryShareChange));
    // Columns as wide as their widest possible entry, so that the cards' grids line
    // up under each other; the card's spare width goes after them.
    const QFontMetrics bold(scaledFont(font(), 1.0, true));
    grid->setColumnMinimumWidth(0, fontMetrics().horizontalAdvance(tr("Distinct keys per hour")));
    grid->setColumnMinimumWidth(1, fontMetrics().horizontalAdvance(figureText(99999.9, 1)));
    grid->setColumnMinimumWidth(2, fontMetrics().horizontalAdvance(figureText(99999.9, 1)));
    grid->setColumnMinimumWidth(3, bold.horizontalAdvance(pointsChangeText(-100.0)));
    grid->setColumnStretch(4, 1);
    body()->addLayout(grid);
}

void ComparisonCard::addFigureRow(QGridLayout *grid, int row, const QString &name, const QString &before,
                                  const QString &after, const QString &change)
{
    QLabel *nameLabel = plainLabel(name, this);
    nameLabel->setWordWrap(false);
    grid->addWidget(nameLabel, row, 0);
    const QStringList values{before, after, change};
    for (int column = 0; column < values.size(); ++column) {
        QLabel *value = plainLabel(values.at(column), this);
        value->setWordWrap(false);
        value->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
        if (column == 2)
            value->setFont(scaledFont(font(), 1.0, true));
        grid->addWidget(value, row, column + 1);
    }
    record(tr("%1: %2 \u2192 %3 (%4)").arg(name, before, after, change));
}

} // namespace rejectscope
