#include "filterbar.h"

#include "flowlayout.h"

#include "analysis/reasonclass.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QToolButton>

using namespace Qt::StringLiterals;

namespace rejectscope {

namespace {

template<typename T>
std::optional<T> selected(const QComboBox *box)
{
    const QVariant value = box->currentData();
    if (!value.isValid())
        return std::nullopt;
    return static_cast<T>(value.toInt());
}

void selectData(QComboBox *box, const QVariant &value)
{
    const int index = value.isValid() ? box->findData(value) : 0;
    box->setCurrentIndex(std::max(0, index));
}

} // namespace

FilterBar::FilterBar(QWidget *parent)
    : QWidget(parent)
    , m_direction(new QComboBox(this))
    , m_codeClass(new QComboBox(this))
    , m_reason(new QComboBox(this))
    , m_timeRange(new QCheckBox(tr("&From"), this))
    , m_from(new QDateTimeEdit(this))
    , m_to(new QDateTimeEdit(this))
    , m_text(new QLineEdit(this))
{
    m_direction->addItem(tr("Both directions"));
    m_direction->addItem(tr("Inbound"), int(Direction::Inbound));
    m_direction->addItem(tr("Outbound"), int(Direction::Outbound));
    m_direction->setToolTip(tr("Inbound: what this server refused. Outbound: what remote servers "
                               "answered this server's deliveries."));

    m_codeClass->addItem(tr("All replies"));
    m_codeClass->addItem(tr("4xx (try later)"), 4);
    m_codeClass->addItem(tr("5xx (never)"), 5);
    m_codeClass->addItem(tr("2xx (accepted)"), 2);

    m_reason->addItem(tr("All reasons"));
    for (int i = 0; i < reasonClassCount; ++i) {
        const auto reason = static_cast<ReasonClass>(i);
        m_reason->addItem(QString::fromLatin1(reasonClassName(reason)), i);
    }
    m_reason->setToolTip(tr("The reason class of the reply"));

    for (QDateTimeEdit *edit : {m_from, m_to}) {
        edit->setTimeSpec(Qt::UTC);
        edit->setDisplayFormat(u"yyyy-MM-dd HH:mm"_s);
        edit->setCalendarPopup(true);
        edit->setEnabled(false);
    }
    m_timeRange->setToolTip(tr("Only the events in this time range (a click on the chart sets it)"));

    m_text->setPlaceholderText(tr("Search client, sender, recipient, queue id, reply…"));
    m_text->setClearButtonEnabled(true);

    auto *clearButton = new QToolButton(this);
    clearButton->setText(tr("Clear"));
    clearButton->setToolTip(tr("Show everything again"));

    // Three groups that stay whole and wrap as groups on a narrow window: what is
    // counted, when, and the search, which takes the rest of its row.
    const auto group = [this](std::initializer_list<QWidget *> widgets, QSizePolicy::Policy horizontal) {
        auto *box = new QWidget(this);
        auto *row = new QHBoxLayout(box);
        row->setContentsMargins(0, 0, 0, 0);
        for (QWidget *widget : widgets)
            row->addWidget(widget, widget == m_text ? 1 : 0);
        box->setSizePolicy(horizontal, QSizePolicy::Fixed);
        return box;
    };
    auto *layout = new FlowLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(group({m_direction, m_codeClass, m_reason}, QSizePolicy::Preferred));
    layout->addWidget(group({m_timeRange, m_from, new QLabel(tr("to"), this), m_to}, QSizePolicy::Preferred));
    m_text->setMinimumWidth(fontMetrics().averageCharWidth() * 24);
    layout->addWidget(group({m_text, clearButton}, QSizePolicy::Expanding));
    m_layout = layout;

    m_debounce.setSingleShot(true);
    connect(&m_debounce, &QTimer::timeout, this, [this] { emit filterChanged(filter()); });
    auto immediate = [this] { scheduleChange(0); };
    connect(m_direction, &QComboBox::currentIndexChanged, this, immediate);
    connect(m_codeClass, &QComboBox::currentIndexChanged, this, immediate);
    connect(m_reason, &QComboBox::currentIndexChanged, this, immediate);
    connect(m_timeRange, &QCheckBox::toggled, this, [this](bool on) {
        m_from->setEnabled(on);
        m_to->setEnabled(on);
        scheduleChange(0);
    });
    connect(m_from, &QDateTimeEdit::dateTimeChanged, this, [this] { scheduleChange(debounceMs); });
    connect(m_to, &QDateTimeEdit::dateTimeChanged, this, [this] { scheduleChange(debounceMs); });
    connect(m_text, &QLineEdit::textChanged, this, [this] { scheduleChange(debounceMs); });
    connect(clearButton, &QToolButton::clicked, this, &FilterBar::clear);
}

QDateTime FilterBar::toEditor(std::int64_t timeMs) const
{
    const QDateTime inZone = QDateTime::fromMSecsSinceEpoch(timeMs, m_zone);
    return QDateTime(inZone.date(), inZone.time(), QTimeZone::utc());
}

std::int64_t FilterBar::fromEditor(const QDateTime &shown) const
{
    return QDateTime(shown.date(), shown.time(), m_zone).toMSecsSinceEpoch();
}

void FilterBar::scheduleChange(int delayMs)
{
    if (!m_silent)
        m_debounce.start(delayMs);
}

AnalysisFilter FilterBar::filter() const
{
    AnalysisFilter result;
    result.direction = selected<Direction>(m_direction);
    result.codeClass = selected<int>(m_codeClass);
    result.reason = selected<ReasonClass>(m_reason);
    if (m_timeRange->isChecked()) {
        result.fromMs = fromEditor(m_from->dateTime());
        result.toMs = fromEditor(m_to->dateTime());
        if (*result.toMs <= *result.fromMs)
            result.toMs = *result.fromMs + 60'000;
    }
    result.text = m_text->text().trimmed();
    return result;
}

void FilterBar::setTimeZone(const QTimeZone &zone)
{
    m_zone = zone;
    // QDateTimeEdit of Qt 6.4 knows no zones: the editors show the zone's wall
    // clock as if it were UTC (see toEditor/fromEditor).
    const AnalysisFilter current = filter();
    m_silent = true;
    if (current.fromMs && current.toMs) {
        m_from->setDateTime(toEditor(*current.fromMs));
        m_to->setDateTime(toEditor(*current.toMs));
    }
    m_silent = false;
}

void FilterBar::setLogSpan(std::int64_t fromMs, std::int64_t toMs)
{
    m_silent = true;
    if (!m_timeRange->isChecked()) {
        m_from->setDateTime(toEditor(fromMs));
        m_to->setDateTime(toEditor(toMs));
    }
    m_silent = false;
}

void FilterBar::setTimeRange(std::optional<std::int64_t> fromMs, std::optional<std::int64_t> toMs)
{
    m_silent = true;
    if (fromMs && toMs) {
        m_from->setDateTime(toEditor(*fromMs));
        m_to->setDateTime(toEditor(*toMs));
    }
    m_timeRange->setChecked(fromMs && toMs);
    m_silent = false;
    scheduleChange(0);
}

void FilterBar::setDirection(std::optional<Direction> direction)
{
    selectData(m_direction, direction ? QVariant(int(*direction)) : QVariant());
}

void FilterBar::setReason(std::optional<ReasonClass> reason)
{
    selectData(m_reason, reason ? QVariant(int(*reason)) : QVariant());
}

void FilterBar::setSearchText(const QString &text)
{
    m_silent = true;
    m_text->setText(text);
    m_silent = false;
    scheduleChange(0); // set, not typed: no need to wait for the next key
}

void FilterBar::clear()
{
    m_silent = true;
    m_direction->setCurrentIndex(0);
    m_codeClass->setCurrentIndex(0);
    m_reason->setCurrentIndex(0);
    m_timeRange->setChecked(false);
    m_text->clear();
    m_silent = false;
    scheduleChange(0);
}

int FilterBar::rowCount() const
{
    return m_layout->rowCount();
}

void FilterBar::focusSearch()
{
    m_text->setFocus(Qt::ShortcutFocusReason);
    m_text->selectAll();
}

} // namespace rejectscope
