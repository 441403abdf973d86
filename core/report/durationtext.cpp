#include "durationtext.h"

#include <QCoreApplication>

namespace rejectscope {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(DurationText)
};

} // namespace

QString durationText(std::int64_t ms)
{
    const qint64 s = ms / 1000;
    if (s < 120)
        return Tr::tr("%1 s").arg(s);
    if (s < 7200)
        return Tr::tr("%1 min").arg(s / 60);
    if (s < 172800)
        return Tr::tr("%1 h %2 min").arg(s / 3600).arg((s % 3600) / 60);
    return Tr::tr("%1 days %2 h").arg(s / 86400).arg((s % 86400) / 3600);
}

} // namespace rejectscope
