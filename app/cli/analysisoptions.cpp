#include "analysisoptions.h"

#include "cli.h"
#include "report/names.h"

#include <QCoreApplication>
#include <QDateTime>

using namespace Qt::StringLiterals;

namespace rejectscope::cli {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("cli", text);
}

} // namespace

std::optional<qint64> parseTime(const QString &text, const QTimeZone &zone)
{
    if (text.startsWith(u'@')) {
        bool ok = false;
        const qint64 seconds = text.mid(1).toLongLong(&ok);
        return ok ? std::optional<qint64>(seconds * 1000) : std::nullopt;
    }
    QDateTime time = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (time.isValid() && time.timeSpec() != Qt::LocalTime)
        return time.toMSecsSinceEpoch();
    for (const QString &format : {u"yyyy-MM-dd HH:mm:ss"_s, u"yyyy-MM-dd HH:mm"_s,
                                  u"yyyy-MM-ddTHH:mm:ss"_s, u"yyyy-MM-ddTHH:mm"_s, u"yyyy-MM-dd"_s}) {
        time = QDateTime::fromString(text, format);
        if (time.isValid()) {
            time.setTimeZone(zone);
            return time.toMSecsSinceEpoch();
        }
    }
    return std::nullopt;
}

std::optional<qint64> parseDuration(const QString &text)
{
    static const QList<std::pair<QChar, qint64>> units{
        {u's', 1000}, {u'm', 60 * 1000}, {u'h', 3600 * 1000}, {u'd', 86400 * 1000}};
    qint64 factor = 1000;
    QString number = text;
    for (const auto &[suffix, ms] : units) {
        if (text.endsWith(suffix)) {
            factor = ms;
            number.chop(1);
        }
    }
    bool ok = false;
    const double value = number.toDouble(&ok);
    if (!ok || value <= 0)
        return std::nullopt;
    return qint64(value * double(factor));
}

void addAnalysisOptions(QCommandLineParser &parser)
{
    parser.addOption(databaseOption());
    parser.addOption({u"from"_s, tr("Only events at or after this time (ISO 8601, or local "
                                    "'YYYY-MM-DD HH:MM', or @unix-seconds)."),
                      tr("time")});
    parser.addOption({u"to"_s, tr("Only events before this time."), tr("time")});
    parser.addOption({u"direction"_s, tr("inbound (this server refused) or outbound (this server "
                                         "was refused)."),
                      tr("direction")});
    parser.addOption({u"reason"_s, tr("Only this reason class, e.g. unknown-local-recipient."),
                      tr("reason")});
    parser.addOption({u"format"_s, tr("text (default), csv or json."), tr("format"), u"text"_s});
    parser.addOption({u"tz"_s, tr("The zone for local times (default: this machine's)."), tr("zone")});
}

bool readAnalysisOptions(const QCommandLineParser &parser, AnalysisArguments &arguments)
{
    AnalysisFilter &filter = arguments.filter;
    OutputFormat &format = arguments.format;
    QTimeZone &zone = arguments.zone;
    zone = QTimeZone::systemTimeZone();
    if (parser.isSet(u"tz"_s)) {
        zone = QTimeZone(parser.value(u"tz"_s).toUtf8());
        if (!zone.isValid()) {
            err(tr("--tz: unknown time zone '%1'").arg(parser.value(u"tz"_s)));
            return false;
        }
    }
    for (const auto &[name, target] : {std::pair{u"from"_s, &filter.fromMs}, std::pair{u"to"_s, &filter.toMs}}) {
        if (!parser.isSet(name))
            continue;
        *target = parseTime(parser.value(name), zone);
        if (!*target) {
            err(tr("--%1: cannot read the time '%2'").arg(name, parser.value(name)));
            return false;
        }
    }
    if (parser.isSet(u"direction"_s)) {
        filter.direction = directionFromName(parser.value(u"direction"_s));
        if (!filter.direction) {
            err(tr("--direction wants inbound or outbound, not '%1'").arg(parser.value(u"direction"_s)));
            return false;
        }
    }
    if (parser.isSet(u"reason"_s)) {
        filter.reason = reasonClassFromName(parser.value(u"reason"_s).toStdString());
        if (!filter.reason) {
            QStringList names;
            for (int i = 0; i < reasonClassCount; ++i) {
                const std::string_view name = reasonClassName(ReasonClass(i));
                names << QString::fromLatin1(name.data(), qsizetype(name.size()));
            }
            err(tr("--reason: unknown reason class '%1'; known: %2")
                    .arg(parser.value(u"reason"_s), names.join(u", "_s)));
            return false;
        }
    }
    const QString formatName = parser.value(u"format"_s);
    if (formatName == u"text"_s)
        format = OutputFormat::Text;
    else if (formatName == u"csv"_s)
        format = OutputFormat::Csv;
    else if (formatName == u"json"_s)
        format = OutputFormat::Json;
    else {
        err(tr("--format wants text, csv or json, not '%1'").arg(formatName));
        return false;
    }
    return true;
}

} // namespace rejectscope::cli
