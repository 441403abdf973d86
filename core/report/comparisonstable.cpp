#include "comparisonstable.h"

#include "analysistables.h"
#include "names.h"

using namespace Qt::StringLiterals;

namespace rejectscope {

Table comparisonsTable(const QList<MomentComparison> &comparisons, const QTimeZone &zone)
{
    Table table{{u"origin"_s, u"label"_s, u"direction"_s, u"reason"_s}, {}};
    // The figures' columns come from beforeAfterTable, so the two files agree.
    const Table shape = beforeAfterTable(BeforeAfter{}, zone);
    table.columns << shape.columns;
    for (const MomentComparison &c : comparisons) {
        const bool isSwitch = c.origin == MomentComparison::Origin::SwitchPoint;
        QString direction;
        QString reason;
        if (c.switchPoint) {
            direction = directionName(c.switchPoint->direction);
            const std::string_view name = reasonClassName(c.switchPoint->reason);
            reason = QString::fromLatin1(name.data(), qsizetype(name.size()));
        }
        const QList<QVariant> head{isSwitch ? u"switch-point"_s : u"marker"_s, c.label, direction, reason};
        for (const QList<QVariant> &row : beforeAfterTable(c.figures, zone).rows)
            table.rows << head + row;
    }
    return table;
}

} // namespace rejectscope
