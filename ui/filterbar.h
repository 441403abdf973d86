#pragma once

#include "analysis/analysisfilter.h"

#include <QTimeZone>
#include <QDateTime>
#include <QTimer>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QDateTimeEdit;
class QLineEdit;

namespace rejectscope {

class FlowLayout;

// The one filter bar that drives the chart and every table: time range,
// direction, code class, reason and free text. Changes are debounced, so typing
// a search word re-queries once, not once per key.
class FilterBar : public QWidget
{
    Q_OBJECT
public:
    explicit FilterBar(QWidget *parent = nullptr);

    AnalysisFilter filter() const;
    void setTimeZone(const QTimeZone &zone);
    // Limits the range editors to the log's span.
    void setLogSpan(std::int64_t fromMs, std::int64_t toMs);
    // Sets (or clears, with nullopt) the time range, e.g. from a click on the chart.
    void setTimeRange(std::optional<std::int64_t> fromMs, std::optional<std::int64_t> toMs);
    void setDirection(std::optional<Direction> direction);
    void setReason(std::optional<ReasonClass> reason);
    void setSearchText(const QString &text);
    void clear();
    void focusSearch();

    static constexpr int debounceMs = 250;
    // Rows the controls take at the current width (they wrap on a narrow window).
    int rowCount() const;

signals:
    void filterChanged(const rejectscope::AnalysisFilter &filter);

private:
    void scheduleChange(int delayMs);
    QDateTime toEditor(std::int64_t timeMs) const;
    std::int64_t fromEditor(const QDateTime &shown) const;

    QComboBox *m_direction;
    QComboBox *m_codeClass;
    QComboBox *m_reason;
    QCheckBox *m_timeRange;
    QDateTimeEdit *m_from;
    QDateTimeEdit *m_to;
    QLineEdit *m_text;
    QTimer m_debounce;
    FlowLayout *m_layout = nullptr;
    QTimeZone m_zone = QTimeZone::systemTimeZone();
    bool m_silent = false; // while setting several fields at once
};

} // namespace rejectscope
