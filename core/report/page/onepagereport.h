#pragma once

#include "analysis/overview.h"

#include <QString>
#include <QTimeZone>

class QPainter;
class QRectF;

namespace rejectscope {

// What the one-page report is about, besides the overview itself.
struct ReportContext {
    QString title;          // e.g. "Mail log of mx1.example.org"
    QStringList sources;    // the log files the database holds
    QTimeZone zone = QTimeZone::utc();
    std::int64_t generatedAtMs = 0;
    int maxStorms = 10;
    int maxFindings = 8;
};

// The one-page report an administrator mails to a colleague: the timeline chart as
// an image, the before/after numbers, the advisor's findings and the top storms.
// Log content in it is escaped text, never markup.
QString reportHtml(const Overview &overview, const ReportContext &context,
                   const QString &chartImageName = QStringLiteral("timeline.png"));
// Writes the HTML with the chart beside it (`<file>-timeline.png`); false with
// *error on failure. The file appears under its name only when complete.
bool writeReportHtml(const QString &path, const Overview &overview, const ReportContext &context,
                     QString *error);
// One A4 page (more if the findings need it) via QPdfWriter.
bool writeReportPdf(const QString &path, const Overview &overview, const ReportContext &context,
                    QString *error);

} // namespace rejectscope
