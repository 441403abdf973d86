#include "timeticks.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QLocale>

#include <array>
#include <numeric>

using namespace Qt::Literals::StringLiterals;

namespace rejectscope {

namespace {

constexpr std::int64_t Second = 1000;
constexpr std::int64_t Minute = 60 * Second;
constexpr std::int64_t Hour = 60 * Minute;
constexpr std::int64_t Day = 24 * Hour;

enum class Unit { SubDay, Days, Months, Years };

struct Step {
    Unit unit;
    std::int64_t count;  // ms for SubDay, else days, months or years
    std::int64_t approxMs;
};

constexpr std::array steps{
    Step{Unit::SubDay, Second, Second},           Step{Unit::SubDay, 2 * Second, 2 * Second},
    Step{Unit::SubDay, 5 * Second, 5 * Second},   Step{Unit::SubDay, 10 * Second, 10 * Second},
    Step{Unit::SubDay, 15 * Second, 15 * Second}, Step{Unit::SubDay, 30 * Second, 30 * Second},
    Step{Unit::SubDay, Minute, Minute},           Step{Unit::SubDay, 2 * Minute, 2 * Minute},
    Step{Unit::SubDay, 5 * Minute, 5 * Minute},   Step{Unit::SubDay, 10 * Minute, 10 * Minute},
    Step{Unit::SubDay, 15 * Minute, 15 * Minute}, Step{Unit::SubDay, 30 * Minute, 30 * Minute},
    Step{Unit::SubDay, Hour, Hour},               Step{Unit::SubDay, 2 * Hour, 2 * Hour},
    Step{Unit::SubDay, 3 * Hour, 3 * Hour},       Step{Unit::SubDay, 6 * Hour, 6 * Hour},
    Step{Unit::SubDay, 12 * Hour, 12 * Hour},     Step{Unit::Days, 1, Day},
    Step{Unit::Days, 2, 2 * Day},                 Step{Unit::Days, 7, 7 * Day},
    Step{Unit::Months, 1, 31 * Day},              Step{Unit::Months, 3, 92 * Day},
    Step{Unit::Months, 6, 183 * Day},             Step{Unit::Years, 1, 366 * Day},
    Step{Unit::Years, 2, 731 * Day},              Step{Unit::Years, 5, 1827 * Day},
    Step{Unit::Years, 10, 3653 * Day},            Step{Unit::Years, 100, 36525 * Day},
};

std::int64_t localMsOfDay(std::int64_t ms, const QTimeZone &zone)
{
    const int offset = zone.offsetFromUtc(QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC));
    const std::int64_t local = ms + std::int64_t(offset) * Second;
    return ((local % Day) + Day) % Day;
}

// Sub-day steps: an instant is a tick when its local time of day is a multiple of
// the step. Candidates are walked in UTC at a granularity that every offset in use
// (whole quarter hours) and the step share, so the DST hour is simply skipped or
// repeated, as the clock on the wall did.
QList<TimeTick> subDayTicks(std::int64_t fromMs, std::int64_t toMs, const QTimeZone &zone,
                            std::int64_t step)
{
    const std::int64_t grain = std::gcd(step, 15 * Minute);
    const QLocale locale;
    const QString timeFormat = step < Minute ? u"HH:mm:ss"_s : u"HH:mm"_s;
    QList<TimeTick> ticks;
    QDate previousDate;
    for (std::int64_t t = (fromMs + grain - 1) / grain * grain; t <= toMs; t += grain) {
        if (localMsOfDay(t, zone) % step != 0)
            continue;
        const QDateTime local = QDateTime::fromMSecsSinceEpoch(t, zone);
        TimeTick tick{t, locale.toString(local.time(), timeFormat), {}};
        if (!previousDate.isValid())
            tick.context = locale.toString(local.date(), u"ddd d MMM yyyy"_s);
        else if (local.date() != previousDate)
            tick.context = locale.toString(local.date(), u"ddd d MMM"_s);
        previousDate = local.date();
        ticks << tick;
    }
    return ticks;
}

bool dayMatches(const QDate &date, std::int64_t count)
{
    if (count == 7)
        return date.dayOfWeek() == Qt::Monday;
    return date.toJulianDay() % count == 0;
}

QList<TimeTick> calendarTicks(std::int64_t fromMs, std::int64_t toMs, const QTimeZone &zone,
                              const Step &step)
{
    const QLocale locale;
    const QDate first = QDateTime::fromMSecsSinceEpoch(fromMs, zone).date();
    const QDate last = QDateTime::fromMSecsSinceEpoch(toMs, zone).date();
    QList<TimeTick> ticks;
    int previousYear = 0;
    for (QDate date = first; date <= last; date = date.addDays(1)) {
        bool match = false;
        QString text;
        switch (step.unit) {
        case Unit::Days:
            match = dayMatches(date, step.count);
            text = locale.toString(date, u"d MMM"_s);
            break;
        case Unit::Months:
            match = date.day() == 1 && (date.month() - 1) % step.count == 0;
            text = locale.toString(date, u"MMM"_s);
            break;
        case Unit::Years:
            match = date.day() == 1 && date.month() == 1 && date.year() % step.count == 0;
            text = QString::number(date.year());
            break;
        case Unit::SubDay:
            break;
        }
        if (!match)
            continue;
        // A day without a midnight (DST at 00:00) starts at its first valid instant.
        const std::int64_t t = date.startOfDay(zone).toMSecsSinceEpoch();
        if (t < fromMs || t > toMs)
            continue;
        TimeTick tick{t, text, {}};
        if (step.unit != Unit::Years && date.year() != previousYear)
            tick.context = QString::number(date.year());
        previousYear = date.year();
        ticks << tick;
        // Long spans: jump ahead instead of walking every day.
        if (step.unit == Unit::Months)
            date = date.addMonths(step.count).addDays(-1);
        else if (step.unit == Unit::Years)
            date = date.addYears(int(step.count)).addDays(-1);
        else if (step.count > 1)
            date = date.addDays(step.count - 1);
    }
    return ticks;
}

} // namespace

QList<TimeTick> timeTicks(std::int64_t fromMs, std::int64_t toMs, const QTimeZone &zone,
                          int maxTicks)
{
    if (toMs <= fromMs)
        return {};
    const QTimeZone tz = zone.isValid() ? zone : QTimeZone::systemTimeZone();
    maxTicks = std::max(maxTicks, 2);
    const std::int64_t span = toMs - fromMs;
    Step chosen = steps.back();
    for (const Step &step : steps) {
        if (span / step.approxMs <= maxTicks) {
            chosen = step;
            break;
        }
    }
    if (chosen.unit == Unit::SubDay)
        return subDayTicks(fromMs, toMs, tz, chosen.count);
    return calendarTicks(fromMs, toMs, tz, chosen);
}

QString durationText(std::int64_t ms)
{
    // Spelled out per unit so that lupdate sees each plural form.
    // The counts are variables: Qt 6.4's lupdate hangs on an expression there.
    if (const int days = int(ms / Day); ms >= Day && ms % Day == 0)
        return QCoreApplication::translate("rejectscope::TimelineChart", "%n day(s)", nullptr, days);
    if (const int hours = int(ms / Hour); ms >= Hour && ms % Hour == 0)
        return QCoreApplication::translate("rejectscope::TimelineChart", "%n h", nullptr, hours);
    if (const int minutes = int(ms / Minute); ms >= Minute && ms % Minute == 0)
        return QCoreApplication::translate("rejectscope::TimelineChart", "%n min", nullptr, minutes);
    const int seconds = int(std::max<std::int64_t>(1, ms / Second));
    return QCoreApplication::translate("rejectscope::TimelineChart", "%n s", nullptr, seconds);
}

} // namespace rejectscope
