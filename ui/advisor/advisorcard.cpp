#include "advisorcard.h"

#include "advisorlabels.h"
#include "charts/chartcolors.h"

#include <QAction>
#include <QClipboard>
#include <QGuiApplication>
#include <QLabel>
#include <QPainter>
#include <QPainterPath>
#include <QStyle>
#include <QVBoxLayout>

namespace rejectscope {

namespace {

QColor mixed(const QColor &a, const QColor &b, double t)
{
    return QColor::fromRgbF(float(a.redF() * (1 - t) + b.redF() * t), float(a.greenF() * (1 - t) + b.greenF() * t),
                            float(a.blueF() * (1 - t) + b.blueF() * t));
}

} // namespace

AdvisorCard::AdvisorCard(Accent accent, Tone tone, QWidget *parent)
    : QFrame(parent)
    , m_accent(accent)
    , m_tone(tone)
    , m_body(new QVBoxLayout(this))
{
    setFrameShape(QFrame::StyledPanel);
    // The card's words for a ticket or a mail to a colleague.
    auto *copy = new QAction(tr("Copy Text"), this);
    connect(copy, &QAction::triggered, this, [this] { QGuiApplication::clipboard()->setText(plainText()); });
    addAction(copy);
    setContextMenuPolicy(Qt::ActionsContextMenu);
    const int margin = style()->pixelMetric(QStyle::PM_LayoutLeftMargin);
    const int extra = m_accent == Accent::None ? 0 : stripeWidth();
    m_body->setContentsMargins(margin + extra + fontMetrics().averageCharWidth(), margin, margin, margin);
    m_body->setSpacing(fontMetrics().height() / 3);
}

QLabel *AdvisorCard::addCaption(const QString &text)
{
    QLabel *label = mutedLabel(text, this);
    m_body->addWidget(label);
    record(text);
    return label;
}

QLabel *AdvisorCard::addHeadline(const QString &text)
{
    QLabel *label = plainLabel(text, this);
    label->setFont(scaledFont(font(), m_tone == Tone::Prominent ? 1.2 : 1.1, m_tone == Tone::Prominent));
    setAccessibleName(text);
    m_body->addWidget(label);
    record(text);
    return label;
}

QLabel *AdvisorCard::addText(const QString &text)
{
    QLabel *label = plainLabel(text, this);
    m_body->addWidget(label);
    record(text);
    return label;
}

int AdvisorCard::stripeWidth() const
{
    return qMax(3, fontMetrics().height() / 5);
}

// Painted rather than left to the style: the same rounded card in every style, in
// the palette's colours, so that a dark palette gives a dark card.
void AdvisorCard::paintEvent(QPaintEvent *)
{
    const QPalette &p = palette();
    const QColor text = p.color(QPalette::WindowText);
    const QColor background = m_tone == Tone::Prominent ? p.color(QPalette::Base)
                                                        : mixed(p.color(QPalette::Window), p.color(QPalette::Base), 0.5);
    const QColor border = mixed(p.color(QPalette::Window), text, 0.22);

    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const qreal radius = fontMetrics().height() / 3.0;
    const QRectF area = QRectF(rect()).adjusted(0.5, 0.5, -0.5, -0.5);
    QPainterPath outline;
    outline.addRoundedRect(area, radius, radius);
    painter.fillPath(outline, background);

    if (m_accent != Accent::None) {
        const ChartColors colors = ChartColors::fromPalette(p);
        const QColor accent = m_accent == Accent::Advice ? colors.temporary
            : m_accent == Accent::SwitchPoint            ? colors.switchPoint
                                                         : colors.marker;
        painter.save();
        painter.setClipPath(outline);
        painter.fillRect(QRectF(area.left(), area.top(), stripeWidth(), area.height()), accent);
        painter.restore();
    }
    painter.setPen(QPen(border, 1));
    painter.drawPath(outline);
}

} // namespace rejectscope
