#include "findingcard.h"

#include "advisorlabels.h"
#include "analysis/postfixparameters.h"
#include "analysis/reasonclass.h"
#include "elidedlabel.h"
#include "report/findingtext.h"
#include "report/terminaltext.h"

#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QStyle>
#include <QVBoxLayout>

#include <algorithm>
#include <limits>

using namespace Qt::StringLiterals;

namespace rejectscope {

namespace {

QString reasonWords(ReasonClass reason)
{
    const std::string_view name = reasonClassName(reason);
    return QString::fromLatin1(name.data(), qsizetype(name.size())).replace(u'-', u' ');
}

// The count tr() picks the plural form by and %Ln shows: an int, and no log comes
// near 2^31 of anything.
int countForTr(std::int64_t n)
{
    return int(std::clamp<std::int64_t>(n, 0, std::numeric_limits<int>::max()));
}

} // namespace

bool FindingCard::isCalm(const Finding &finding)
{
    return findingSetting(finding).isEmpty();
}

FindingCard::FindingCard(const Finding &finding, const QTimeZone &zone, QWidget *parent)
    : AdvisorCard(isCalm(finding) ? Accent::None : Accent::Advice, isCalm(finding) ? Tone::Calm : Tone::Prominent,
                  parent)
    , m_finding(finding)
{
    const bool calm = isCalm(finding);
    const bool inbound = finding.direction == Direction::Inbound;

    QStringList caption{inbound ? tr("Received mail") : tr("Sent mail")};
    if (finding.reason != ReasonClass::Other)
        caption << reasonWords(finding.reason);
    if (!calm && !finding.parameter.isEmpty() && !finding.currentValue.isEmpty())
        caption << tr("now %1").arg(finding.currentValue);
    addCaption(caption.join(u" \u00b7 "_s));

    addHeadline(calm ? findingAdvice(finding) : findingSetting(finding));
    addText(findingSentence(finding));
    addEvidence(zone);
    addExamples();
    addCaution();

    auto *buttons = new QHBoxLayout;
    buttons->addStretch();
    auto *show = new QPushButton(tr("Show these events"), this);
    show->setToolTip(tr("List these events and mark them on the timeline"));
    buttons->addWidget(show);
    body()->addLayout(buttons);
    connect(show, &QPushButton::clicked, this, [this] { emit activated(m_finding); });
}

void FindingCard::addEvidence(const QTimeZone &zone)
{
    const bool inbound = m_finding.direction == Direction::Inbound;
    const int events = countForTr(m_finding.events);
    QStringList counts{tr("%Ln event(s)", nullptr, events)};
    if (const int senders = countForTr(m_finding.distinctSenders); senders > 0)
        counts << tr("%Ln sender(s)", nullptr, senders);
    if (const int clients = countForTr(m_finding.distinctClients); clients > 0)
        counts << (inbound ? tr("%Ln client(s)", nullptr, clients) : tr("%Ln remote server(s)", nullptr, clients));
    if (const int retries = countForTr(m_finding.retriesSaved); retries > 0 && !isCalm(m_finding))
        counts << tr("%Ln retries to save", nullptr, retries);
    addText(counts.join(u" \u00b7 "_s));

    if (m_finding.firstMs > 0 || m_finding.lastMs > 0)
        addText(tr("Seen from %1 to %2").arg(zoneTimeText(m_finding.firstMs, zone), zoneTimeText(m_finding.lastMs, zone)));
}

// The example line's parts are a stranger's text: shown as plain text, made visible
// (control and bidi characters escaped), shortened to the card's width with the
// whole in an escaped tooltip.
void FindingCard::addExamples()
{
    auto *form = new QFormLayout;
    form->setContentsMargins(0, 0, 0, 0);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->setRowWrapPolicy(QFormLayout::DontWrapRows);
    const auto row = [&](const QString &name, const QString &value) {
        if (value.isEmpty())
            return;
        const QString shown = terminalSafe(value);
        auto *field = new ElidedLabel(shown, this);
        field->setToolTip(escapedToolTip(shown));
        QLabel *nameLabel = mutedLabel(name, this);
        nameLabel->setWordWrap(false);
        form->addRow(nameLabel, field);
        record(name + u' ' + shown);
    };
    row(tr("Reply:"), m_finding.exampleReply);
    if (!m_finding.exampleSender.isEmpty() || !m_finding.exampleRecipient.isEmpty()) {
        const QString sender = m_finding.exampleSender.isEmpty() && m_finding.direction == Direction::Inbound
            ? u"<>"_s
            : m_finding.exampleSender;
        row(tr("From:"), sender);
        row(tr("To:"), m_finding.exampleRecipient);
    }
    row(m_finding.direction == Direction::Inbound ? tr("Client:") : tr("Server:"), m_finding.exampleClient);
    if (form->rowCount() > 0)
        body()->addLayout(form);
    else
        delete form;
}

void FindingCard::addCaution()
{
    const QString caution = findingCaution(m_finding);
    if (caution.isEmpty())
        return;
    auto *line = new QHBoxLayout;
    const int iconSize = style()->pixelMetric(QStyle::PM_SmallIconSize, nullptr, this);
    auto *icon = new QLabel(this);
    icon->setTextFormat(Qt::PlainText);
    // A deliberate refusal's note explains; an advice's note warns.
    const auto kind = isCalm(m_finding) ? QStyle::SP_MessageBoxInformation : QStyle::SP_MessageBoxWarning;
    icon->setPixmap(style()->standardIcon(kind, nullptr, this)
                        .pixmap(iconSize, iconSize, QIcon::Normal));
    icon->setAlignment(Qt::AlignTop);
    line->addWidget(icon, 0, Qt::AlignTop);
    QLabel *text = plainLabel(caution, this);
    line->addWidget(text, 1);
    body()->addLayout(line);
    record(tr("Note: %1").arg(caution));
}

} // namespace rejectscope
