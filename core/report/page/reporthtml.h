#pragma once

#include "onepagereport.h"

#include <QSize>

namespace rejectscope {

// Where the report's HTML is shown: a browser (the HTML file) or QTextDocument on
// an A4 page (the PDF), which knows a smaller part of CSS.
enum class ReportTarget { Browser, Print };

// The report's HTML for one target; reportHtml() is the browser's.
QString reportHtmlFor(const Overview &overview, const ReportContext &context, const QString &chartImageName,
                      ReportTarget target);

// The width of an A4 page's text in CSS pixels, and the chart's size.
int reportTextWidth();
QSize reportChartSize();

// "Times in UTC. Written by Rejectscope 0.1.0 on 2026-11-22 02:18."
QString reportFooterText(const ReportContext &context);

// The before/after cards the page has room for: markers first (someone set them on
// purpose), then the switch points with the most evidence; in time order.
QList<MomentComparison> reportComparisons(const Overview &overview);

// The overview as the page's chart draws it: only the windows of the cards shown.
Overview reportChartOverview(const Overview &overview);

} // namespace rejectscope
