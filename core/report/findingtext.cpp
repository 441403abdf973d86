#include "findingtext.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace rejectscope {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(FindingText)
};

QString reasonText(ReasonClass reason)
{
    const std::string_view name = reasonClassName(reason);
    return QString::fromLatin1(name.data(), qsizetype(name.size()));
}

bool advisesChange(const Finding &f)
{
    switch (f.kind) {
    case Finding::Kind::TemporaryForPermanent:
        return !f.suggestedValue.isEmpty() && f.suggestedValue != f.currentValue && !f.parameter.isEmpty();
    case Finding::Kind::SoftBounceReceiving:
    case Finding::Kind::SoftBounceSending:
    case Finding::Kind::SkipFiveXxGreeting:
        return true;
    case Finding::Kind::Deliberate:
    case Finding::Kind::Backscatter:
        return false;
    }
    return false;
}

// The parameter a kind is about when the finding does not name one.
QString parameterOf(const Finding &f)
{
    if (!f.parameter.isEmpty())
        return f.parameter;
    switch (f.kind) {
    case Finding::Kind::SoftBounceReceiving:
    case Finding::Kind::SoftBounceSending:
        return u"soft_bounce"_s;
    case Finding::Kind::SkipFiveXxGreeting:
        return u"smtp_skip_5xx_greeting"_s;
    default:
        return QString();
    }
}

QString suggestedOf(const Finding &f)
{
    if (!f.suggestedValue.isEmpty())
        return f.suggestedValue;
    switch (f.kind) {
    case Finding::Kind::SoftBounceReceiving:
    case Finding::Kind::SoftBounceSending:
    case Finding::Kind::SkipFiveXxGreeting:
        return u"no"_s;
    default:
        return QString();
    }
}

} // namespace

QString findingSetting(const Finding &finding)
{
    if (!advisesChange(finding))
        return QString();
    const QString parameter = parameterOf(finding);
    const QString value = suggestedOf(finding);
    if (parameter.isEmpty() || value.isEmpty())
        return QString();
    return parameter + u" = "_s + value;
}

QString findingAdvice(const Finding &finding)
{
    if (const QString setting = findingSetting(finding); !setting.isEmpty())
        return Tr::tr("Set %1").arg(setting);
    switch (finding.kind) {
    case Finding::Kind::TemporaryForPermanent:
        if (!finding.parameter.isEmpty())
            return Tr::tr("Leave %1 as it is").arg(finding.parameter);
        return Tr::tr("Leave %1 as it is").arg(reasonText(finding.reason));
    case Finding::Kind::Deliberate:
        return Tr::tr("Leave %1 as it is: temporary on purpose").arg(reasonText(finding.reason));
    case Finding::Kind::Backscatter:
        return Tr::tr("No setting to change: backscatter");
    default:
        return QString();
    }
}

} // namespace rejectscope
