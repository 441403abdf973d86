#include "findingtext.h"

#include "summarytext.h"
#include "terminaltext.h"

#include <QCoreApplication>
#include <QRegularExpression>

#include <algorithm>
#include <limits>

using namespace Qt::StringLiterals;

namespace rejectscope {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(FindingText)
};

// Untrusted text for one line of a terminal.
QString shown(const QString &text, int limit)
{
    const QString safe = terminalSafe(text);
    return safe.size() > limit ? safe.left(limit - 1) + u'…' : safe;
}

// The reason of a reply without the address Postfix puts first
// ("<ghost@x>: Recipient address rejected: …" → "Recipient address rejected: …"):
// in a sentence of limited length the reason is what tells.
QString replyGist(const QString &reply)
{
    // An optional "450 4.1.1 " before the address: the sentence names the code already.
    static const QRegularExpression address(u"^(?:\\d{3}[ -](?:\\d\\.\\d{1,3}\\.\\d{1,3} )?)?<[^>]*>: "_s);
    const QRegularExpressionMatch match = address.match(reply);
    return match.hasMatch() ? reply.mid(match.capturedLength()) : reply;
}

// The count that picks a plural form: tr() takes an int, and no log comes near
// 2^31 of anything.
int pluralCount(qint64 n)
{
    return int(std::clamp<qint64>(n, 0, std::numeric_limits<int>::max()));
}

// "1 sender(s)", "1,234 sender(s)": the count picks the translation's plural form,
// the number is grouped as in the rest of the sentence (groupedNumber, which a
// terminal shows the same in every locale; %Ln would follow the locale).
QString senders(qint64 n)
{
    const int count = pluralCount(n);
    return Tr::tr("%1 sender(s)", nullptr, count).arg(groupedNumber(n));
}

QString clients(qint64 n)
{
    const int count = pluralCount(n);
    return Tr::tr("%1 client(s)", nullptr, count).arg(groupedNumber(n));
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

QString findingSentence(const Finding &f)
{
    const QString reply = f.exampleReply.isEmpty() ? QString() : u" «"_s + shown(replyGist(f.exampleReply), 70) + u'»';
    switch (f.kind) {
    case Finding::Kind::TemporaryForPermanent:
        if (f.suggestedValue.isEmpty() || f.suggestedValue == f.currentValue)
            return Tr::tr("The server answered %1%2 %3 times to %4 from %5. %6 = %7 is "
                      "Postfix's default and is temporary on purpose: no change advised.")
                .arg(f.currentValue, reply, groupedNumber(f.events), senders(f.distinctSenders),
                     clients(f.distinctClients), f.parameter, f.postfixDefault);
        return Tr::tr("The server answered %1%2 %3 times to %4 from %5. Set %6 = %7 "
                  "(Postfix default %8): each of them would have been refused once, saving %9 retries.")
            .arg(f.currentValue, reply, groupedNumber(f.events), senders(f.distinctSenders),
                 clients(f.distinctClients), f.parameter, f.suggestedValue, f.postfixDefault,
                 groupedNumber(f.retriesSaved));
    case Finding::Kind::SoftBounceReceiving:
        return Tr::tr("Refusals that Postfix gives with 5xx by default were answered with 4xx (%1 times, "
                  "e.g.%2): that is what soft_bounce = yes does. Set soft_bounce = no once testing "
                  "is over; it would have saved %3 retries.")
            .arg(groupedNumber(f.events), reply, groupedNumber(f.retriesSaved));
    case Finding::Kind::SoftBounceSending:
        return Tr::tr("%1 deliveries were logged as SOFTBOUNCE: this server's own soft_bounce = yes turns "
                  "remote refusals into retries. Set soft_bounce = no; it would have saved %2 retries.")
            .arg(groupedNumber(f.events), groupedNumber(f.retriesSaved));
    case Finding::Kind::SkipFiveXxGreeting:
        return Tr::tr("%1 deliveries went to servers that accept no mail at all (521/556, RFC 7504)%2 and were "
                  "retried, because smtp_skip_5xx_greeting = %3 treats a 5xx greeting as temporary. "
                  "Set smtp_skip_5xx_greeting = %4 to bounce them at once, saving %5 retries.")
            .arg(groupedNumber(f.events), reply, f.currentValue, f.suggestedValue,
                 groupedNumber(f.retriesSaved));
    case Finding::Kind::Deliberate: {
        const int count = pluralCount(f.events);
        return Tr::tr("%1 %2 refusals are temporary on purpose%3: leave them.", nullptr, count)
            .arg(groupedNumber(f.events), reasonClassText(f.reason), reply);
    }
    case Finding::Kind::Backscatter: {
        const int count = pluralCount(f.events);
        return Tr::tr("%1 null-sender bounces (from=<>) to unknown users were refused, from %2: "
                      "backscatter, as a joe-job produces.",
                      nullptr, count)
            .arg(groupedNumber(f.events), clients(f.distinctClients));
    }
    }
    return QString();
}

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
        return Tr::tr("Leave %1 as it is").arg(reasonClassText(finding.reason));
    case Finding::Kind::Deliberate:
        return Tr::tr("Leave %1 as it is: temporary on purpose").arg(reasonClassText(finding.reason));
    case Finding::Kind::Backscatter:
        return Tr::tr("No setting to change: backscatter");
    default:
        return QString();
    }
}

} // namespace rejectscope
