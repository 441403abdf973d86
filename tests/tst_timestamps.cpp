// Timestamp resolution: year inference for year-less syslog stamps, month
// roll-over, --year, zones and DST, and complete RFC 3339 stamps.

#include "parse/lineparser.h"
#include "parse/timestampresolver.h"

#include <QTest>

#include <string>

using namespace rejectscope;
using namespace Qt::StringLiterals;

namespace {

QTimeZone zone(const char *id) { return QTimeZone(QByteArray(id)); }

QDateTime localTime(const QString &iso, const char *zoneId = "Europe/Berlin")
{
    return QDateTime(QDate::fromString(iso.left(10), Qt::ISODate),
                     QTime::fromString(iso.mid(11), Qt::ISODate), zone(zoneId));
}

QString utcString(std::optional<std::int64_t> ms)
{
    if (!ms)
        return u"invalid"_s;
    return QDateTime::fromMSecsSinceEpoch(*ms, QTimeZone::utc()).toString(u"yyyy-MM-dd'T'HH:mm:ss.zzz'Z'"_s);
}

// "MM-DD HH:MM:SS[.mmm]" through resolveLocal.
std::optional<std::int64_t> resolveStamp(TimestampResolver &resolver, const QString &stamp)
{
    const int ms = stamp.size() > 14 ? stamp.mid(15).toInt() : 0;
    return resolver.resolveLocal(stamp.mid(0, 2).toInt(), stamp.mid(3, 2).toInt(),
                                 stamp.mid(6, 2).toInt(), stamp.mid(9, 2).toInt(),
                                 stamp.mid(12, 2).toInt(), ms);
}

} // namespace

class TestTimestamps : public QObject
{
    Q_OBJECT

private slots:
    void localSequences_data();
    void localSequences();
    void referenceIsReadInTheLogZone();
    void otherZones();
    void invalidZoneMeansUtc();
    void withOffset_data();
    void withOffset();
    void lineParserUsesTheResolver();
};

void TestTimestamps::localSequences_data()
{
    QTest::addColumn<QDateTime>("reference");
    QTest::addColumn<int>("firstYear"); // 0: none
    QTest::addColumn<QStringList>("stamps");
    QTest::addColumn<QStringList>("expected");

    QTest::newRow("first line in the reference month")
        << localTime(u"2024-11-25T10:00:00"_s) << 0 << QStringList{u"11-21 23:01:55"_s}
        << QStringList{u"2024-11-21T22:01:55.000Z"_s};
    QTest::newRow("file written in January starting in December")
        << localTime(u"2025-01-03T06:30:00"_s) << 0
        << QStringList{u"12-27 07:05:42"_s, u"12-31 23:59:59"_s, u"01-01 00:00:00"_s, u"01-03 06:22:09"_s}
        << QStringList{u"2024-12-27T06:05:42.000Z"_s, u"2024-12-31T22:59:59.000Z"_s,
                       u"2024-12-31T23:00:00.000Z"_s, u"2025-01-03T05:22:09.000Z"_s};
    QTest::newRow("stray January line, then December lines")
        << localTime(u"2025-01-10T00:00:00"_s) << 0
        << QStringList{u"01-01 00:00:05"_s, u"12-30 10:00:00"_s, u"12-31 10:00:00"_s, u"01-02 10:00:00"_s}
        << QStringList{u"2024-12-31T23:00:05.000Z"_s, u"2024-12-30T09:00:00.000Z"_s,
                       u"2024-12-31T09:00:00.000Z"_s, u"2025-01-02T09:00:00.000Z"_s};
    QTest::newRow("stray December line after the turn")
        << localTime(u"2025-01-10T00:00:00"_s) << 0
        << QStringList{u"12-31 23:59:58"_s, u"01-01 00:00:01"_s, u"12-31 23:59:59"_s, u"01-01 00:00:02"_s}
        << QStringList{u"2024-12-31T22:59:58.000Z"_s, u"2024-12-31T23:00:01.000Z"_s,
                       u"2024-12-31T22:59:59.000Z"_s, u"2024-12-31T23:00:02.000Z"_s};
    QTest::newRow("--year overrides the reference")
        << localTime(u"2025-06-01T00:00:00"_s) << 2020
        << QStringList{u"11-03 18:05:55"_s, u"12-31 12:00:00"_s, u"01-01 12:00:00"_s}
        << QStringList{u"2020-11-03T17:05:55.000Z"_s, u"2020-12-31T11:00:00.000Z"_s,
                       u"2021-01-01T11:00:00.000Z"_s};
    QTest::newRow("a year of steps forward stays in one year")
        << localTime(u"2024-12-31T12:00:00"_s) << 0
        << QStringList{u"01-15 12:00:00"_s, u"04-15 12:00:00"_s, u"08-15 12:00:00"_s, u"12-15 12:00:00"_s}
        << QStringList{u"2024-01-15T11:00:00.000Z"_s, u"2024-04-15T10:00:00.000Z"_s,
                       u"2024-08-15T10:00:00.000Z"_s, u"2024-12-15T11:00:00.000Z"_s};
    QTest::newRow("two year turns")
        << localTime(u"2025-02-01T00:00:00"_s) << 2022
        << QStringList{u"12-01 12:00:00"_s, u"01-01 12:00:00"_s, u"06-01 12:00:00"_s, u"12-01 12:00:00"_s, u"01-01 12:00:00"_s}
        << QStringList{u"2022-12-01T11:00:00.000Z"_s, u"2023-01-01T11:00:00.000Z"_s,
                       u"2023-06-01T10:00:00.000Z"_s, u"2023-12-01T11:00:00.000Z"_s,
                       u"2024-01-01T11:00:00.000Z"_s};
    QTest::newRow("DST changes over several years (offset cache)")
        << localTime(u"2025-12-31T00:00:00"_s) << 2023
        << QStringList{u"03-26 01:30:00"_s, u"03-26 03:30:00"_s, u"07-01 12:00:00"_s, u"10-29 01:30:00"_s, u"10-29 03:30:00"_s,
                       u"12-31 23:00:00"_s, u"01-01 01:00:00"_s, u"07-01 12:00:00"_s, u"12-31 12:00:00"_s,
                       u"01-01 12:00:00"_s, u"07-01 12:00:00"_s}
        << QStringList{u"2023-03-26T00:30:00.000Z"_s, u"2023-03-26T01:30:00.000Z"_s,
                       u"2023-07-01T10:00:00.000Z"_s, u"2023-10-28T23:30:00.000Z"_s, u"2023-10-29T02:30:00.000Z"_s,
                       u"2023-12-31T22:00:00.000Z"_s, u"2024-01-01T00:00:00.000Z"_s,
                       u"2024-07-01T10:00:00.000Z"_s, u"2024-12-31T11:00:00.000Z"_s,
                       u"2025-01-01T11:00:00.000Z"_s, u"2025-07-01T10:00:00.000Z"_s};
    QTest::newRow("autumn: the repeated hour, first and second pass")
        << localTime(u"2024-10-28T00:00:00"_s) << 0
        << QStringList{u"10-27 01:59:59"_s, u"10-27 02:00:00"_s, u"10-27 02:30:00"_s, u"10-27 02:59:59"_s,
                       u"10-27 02:00:00"_s, u"10-27 02:30:00"_s, u"10-27 02:59:59"_s, u"10-27 03:00:00"_s}
        << QStringList{u"2024-10-26T23:59:59.000Z"_s, u"2024-10-27T00:00:00.000Z"_s,
                       u"2024-10-27T00:30:00.000Z"_s, u"2024-10-27T00:59:59.000Z"_s,
                       u"2024-10-27T01:00:00.000Z"_s, u"2024-10-27T01:30:00.000Z"_s,
                       u"2024-10-27T01:59:59.000Z"_s, u"2024-10-27T02:00:00.000Z"_s};
    QTest::newRow("autumn: lines a few seconds out of order stay in the first pass")
        << localTime(u"2024-10-28T00:00:00"_s) << 0
        << QStringList{u"10-27 02:10:05"_s, u"10-27 02:10:03"_s, u"10-27 02:10:06"_s}
        << QStringList{u"2024-10-27T00:10:05.000Z"_s, u"2024-10-27T00:10:03.000Z"_s,
                       u"2024-10-27T00:10:06.000Z"_s};
    QTest::newRow("autumn: a log that is already past the change reads the repeat")
        << localTime(u"2024-10-28T00:00:00"_s) << 0
        << QStringList{u"10-27 03:05:00"_s, u"10-27 02:59:00"_s}
        << QStringList{u"2024-10-27T02:05:00.000Z"_s, u"2024-10-27T01:59:00.000Z"_s};
    QTest::newRow("spring: the skipped hour is read as standard time")
        << localTime(u"2024-04-01T00:00:00"_s) << 0
        << QStringList{u"03-31 01:59:59"_s, u"03-31 02:30:00"_s, u"03-31 03:00:00"_s}
        << QStringList{u"2024-03-31T00:59:59.000Z"_s, u"2024-03-31T01:30:00.000Z"_s,
                       u"2024-03-31T01:00:00.000Z"_s};
    QTest::newRow("milliseconds are kept")
        << localTime(u"2024-12-31T12:00:00"_s) << 0 << QStringList{u"07-07 13:42:53.655"_s}
        << QStringList{u"2024-07-07T11:42:53.655Z"_s};
    QTest::newRow("leap day in a leap year")
        << localTime(u"2024-03-05T00:00:00"_s) << 0 << QStringList{u"02-29 12:00:00"_s}
        << QStringList{u"2024-02-29T11:00:00.000Z"_s};
    QTest::newRow("leap day in a common year is impossible")
        << localTime(u"2025-03-05T00:00:00"_s) << 0
        << QStringList{u"02-29 12:00:00"_s, u"03-01 12:00:00"_s}
        << QStringList{u"invalid"_s, u"2025-03-01T11:00:00.000Z"_s};
    QTest::newRow("impossible fields")
        << localTime(u"2024-12-31T12:00:00"_s) << 0
        << QStringList{u"13-01 00:00:00"_s, u"04-31 00:00:00"_s, u"05-01 24:00:00"_s, u"05-01 12:60:00"_s,
                       u"00-10 00:00:00"_s, u"05-00 00:00:00"_s}
        << QStringList{u"invalid"_s, u"invalid"_s, u"invalid"_s, u"invalid"_s, u"invalid"_s, u"invalid"_s};
    QTest::newRow("leap second counts as the next second")
        << localTime(u"2016-12-31T23:59:59"_s) << 0 << QStringList{u"12-31 23:59:60"_s}
        << QStringList{u"2016-12-31T23:00:00.000Z"_s};
}

void TestTimestamps::localSequences()
{
    QFETCH(QDateTime, reference);
    QFETCH(int, firstYear);
    QFETCH(QStringList, stamps);
    QFETCH(QStringList, expected);

    TimestampResolver::Options options;
    options.reference = reference;
    options.zone = zone("Europe/Berlin");
    if (firstYear != 0)
        options.firstYear = firstYear;
    TimestampResolver resolver(options);
    QCOMPARE(stamps.size(), expected.size());
    for (qsizetype i = 0; i < stamps.size(); ++i)
        QCOMPARE(utcString(resolveStamp(resolver, stamps[i])), expected[i]);
}

void TestTimestamps::referenceIsReadInTheLogZone()
{
    // 23:30 UTC on New Year's Eve is already January in Berlin: a January line
    // belongs to the new year, which reading the reference in UTC would miss.
    TimestampResolver::Options options;
    options.reference = QDateTime(QDate(2024, 12, 31), QTime(23, 30), QTimeZone::utc());
    options.zone = zone("Europe/Berlin");
    TimestampResolver resolver(options);
    QCOMPARE(utcString(resolveStamp(resolver, u"01-01 00:10:00"_s)), u"2024-12-31T23:10:00.000Z"_s);
}

void TestTimestamps::otherZones()
{
    const QString stamp = u"07-04 12:00:00"_s;
    for (const auto &[id, expected] :
         {std::pair{"America/New_York", u"2024-07-04T16:00:00.000Z"_s},
          std::pair{"UTC", u"2024-07-04T12:00:00.000Z"_s},
          std::pair{"Asia/Kolkata", u"2024-07-04T06:30:00.000Z"_s},
          std::pair{"Australia/Sydney", u"2024-07-04T02:00:00.000Z"_s}}) {
        TimestampResolver::Options options;
        options.reference = localTime(u"2024-12-31T12:00:00"_s, id);
        options.zone = zone(id);
        TimestampResolver resolver(options);
        QCOMPARE(utcString(resolveStamp(resolver, stamp)), expected);
    }
}

void TestTimestamps::invalidZoneMeansUtc()
{
    TimestampResolver::Options options;
    options.reference = QDateTime(QDate(2024, 12, 31), QTime(12, 0), QTimeZone::utc());
    TimestampResolver resolver(options);
    QCOMPARE(utcString(resolveStamp(resolver, u"03-31 02:30:00"_s)), u"2024-03-31T02:30:00.000Z"_s);
}

void TestTimestamps::withOffset_data()
{
    QTest::addColumn<QList<int>>("fields"); // y m d h min s ms offset
    QTest::addColumn<QString>("expected");
    QTest::newRow("rsyslog +01:00") << QList<int>{2023, 3, 14, 0, 0, 31, 185, 3600} << u"2023-03-13T23:00:31.185Z"_s;
    QTest::newRow("-04:00") << QList<int>{2025, 5, 15, 13, 6, 49, 462, -14400} << u"2025-05-15T17:06:49.462Z"_s;
    QTest::newRow("+09:00 across midnight") << QList<int>{2020, 1, 30, 6, 26, 5, 404, 32400} << u"2020-01-29T21:26:05.404Z"_s;
    QTest::newRow("+05:30") << QList<int>{2024, 7, 4, 12, 0, 0, 0, 19800} << u"2024-07-04T06:30:00.000Z"_s;
    QTest::newRow("Z") << QList<int>{2022, 4, 14, 0, 36, 3, 150, 0} << u"2022-04-14T00:36:03.150Z"_s;
    QTest::newRow("epoch") << QList<int>{1970, 1, 1, 0, 0, 0, 0, 0} << u"1970-01-01T00:00:00.000Z"_s;
    QTest::newRow("leap day") << QList<int>{2024, 2, 29, 23, 59, 59, 999, 0} << u"2024-02-29T23:59:59.999Z"_s;
    QTest::newRow("far future") << QList<int>{2100, 3, 1, 0, 0, 0, 0, 0} << u"2100-03-01T00:00:00.000Z"_s;
    QTest::newRow("Feb 29 of a common year") << QList<int>{2023, 2, 29, 0, 0, 0, 0, 0} << u"invalid"_s;
    QTest::newRow("month 13") << QList<int>{2023, 13, 1, 0, 0, 0, 0, 0} << u"invalid"_s;
    QTest::newRow("hour 24") << QList<int>{2023, 1, 1, 24, 0, 0, 0, 0} << u"invalid"_s;
    QTest::newRow("offset of a day") << QList<int>{2023, 1, 1, 0, 0, 0, 0, 86400} << u"invalid"_s;
}

void TestTimestamps::withOffset()
{
    QFETCH(QList<int>, fields);
    QFETCH(QString, expected);
    QCOMPARE(utcString(TimestampResolver::resolveWithOffset(fields[0], fields[1], fields[2], fields[3],
                                                            fields[4], fields[5], fields[6], fields[7])),
             expected);
}

void TestTimestamps::lineParserUsesTheResolver()
{
    // Year tracking sees every dated line, ignored ones included: a log that runs
    // from January through the year to December stays in one year even when its only
    // events are in January and December (alone, that step would look like a stray
    // line from the year before). RFC 3339 lines carry their own year.
    TimestampResolver::Options options;
    options.reference = localTime(u"2024-12-31T12:00:00"_s);
    options.zone = zone("Europe/Berlin");
    TimestampResolver resolver(options);
    LineParser parser(resolver);
    Event event;
    const std::string reject = " mail postfix/smtpd[7749]: NOQUEUE: reject: CONNECT from unknown[192.0.2.114]: 450 4.7.25 Client host rejected: cannot find your hostname, [178.215.236.114]; proto=SMTP";
    const std::string removed = " mail postfix/qmgr[1434]: 81571C2D: removed";
    QCOMPARE(parser.parse("Jan 15 10:00:00" + reject, event), LineVerdict::Event);
    QCOMPARE(utcString(event.timeUtcMs), u"2024-01-15T09:00:00.000Z"_s);
    QCOMPARE(parser.parse("Apr  1 10:00:00" + removed, event), LineVerdict::Ignored);
    QCOMPARE(parser.parse("2019-06-01T10:00:00.000000+02:00" + removed, event), LineVerdict::Ignored);
    QCOMPARE(parser.parse("Aug  1 10:00:00" + removed, event), LineVerdict::Ignored);
    QCOMPARE(parser.parse("Dec  1 10:00:00" + reject, event), LineVerdict::Event);
    QCOMPARE(utcString(event.timeUtcMs), u"2024-12-01T09:00:00.000Z"_s);
    QCOMPARE(parser.parse("2019-06-01T10:00:00.5+02:00" + reject, event), LineVerdict::Event);
    QCOMPARE(utcString(event.timeUtcMs), u"2019-06-01T08:00:00.500Z"_s);
    QCOMPARE(parser.parse("Jan  2 10:00:00" + reject, event), LineVerdict::Event);
    QCOMPARE(utcString(event.timeUtcMs), u"2025-01-02T09:00:00.000Z"_s);
}

QTEST_GUILESS_MAIN(TestTimestamps)
#include "tst_timestamps.moc"
