#include "onepagereport.h"

#include "reporthtml.h"
#include "timelinepainter.h"

#include <QAbstractTextDocumentLayout>
#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QImage>
#include <QPageLayout>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QSaveFile>
#include <QTextDocument>
#include <QUrl>

#include <cmath>
#include <memory>

using namespace Qt::StringLiterals;

namespace rejectscope {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(OnePageReport)
};

// The document is laid out in CSS pixels (96 per inch), whatever the printer's
// resolution, so that point sizes and the chart's width mean the same in the HTML
// file and the PDF.
constexpr double cssDpi = 96.0;
constexpr double marginMm = 11.0;
constexpr double footerMm = 6.0;

double mmToCss(double mm)
{
    return mm / 25.4 * cssDpi;
}

QString saveError(const QString &path, const QString &reason)
{
    return Tr::tr("%1: cannot write: %2").arg(QDir::toNativeSeparators(path), reason);
}

// The chart as the PDF embeds it: rendered at print resolution for its place on the page.
QImage chartImage(const Overview &overview, const QTimeZone &zone, qreal ratio)
{
    return renderTimeline(reportChartOverview(overview), zone, reportChartSize(), ratio);
}

} // namespace

QString reportHtml(const Overview &overview, const ReportContext &context, const QString &chartImageName)
{
    return reportHtmlFor(overview, context, chartImageName, ReportTarget::Browser);
}

bool writeReportHtml(const QString &path, const Overview &overview, const ReportContext &context,
                     QString *error)
{
    const QFileInfo info(path);
    const QString imageName = info.completeBaseName() + u"-timeline.png"_s;
    const QString imagePath = info.dir().filePath(imageName);

    QSaveFile image(imagePath);
    if (!image.open(QIODevice::WriteOnly)) {
        if (error)
            *error = saveError(imagePath, image.errorString());
        return false;
    }
    if (!chartImage(overview, context.zone, 2.0).save(&image, "PNG") || !image.commit()) {
        if (error)
            *error = saveError(imagePath, image.errorString());
        return false;
    }

    QSaveFile html(path);
    if (!html.open(QIODevice::WriteOnly | QIODevice::Text)) {
        if (error)
            *error = saveError(path, html.errorString());
        return false;
    }
    const QString source = QString::fromUtf8(QUrl::toPercentEncoding(imageName));
    const QByteArray bytes = reportHtmlFor(overview, context, source, ReportTarget::Browser).toUtf8();
    if (html.write(bytes) != bytes.size() || !html.commit()) {
        if (error)
            *error = saveError(path, html.errorString());
        return false;
    }
    return true;
}

bool writeReportPdf(const QString &path, const Overview &overview, const ReportContext &context,
                    QString *error)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        if (error)
            *error = saveError(path, file.errorString());
        return false;
    }

    const QPageSize a4(QPageSize::A4);
    const QSizeF pageMm = a4.size(QPageSize::Millimeter);
    const QSizeF textCss(mmToCss(pageMm.width() - 2 * marginMm),
                         mmToCss(pageMm.height() - 2 * marginMm - footerMm));

    QTextDocument document;
    document.setUseDesignMetrics(true);
    document.setDocumentMargin(0);
    // A paint device of exactly 96 dpi pins the layout, whatever screen (or none)
    // the process runs on.
    QImage layoutDevice(1, 1, QImage::Format_ARGB32_Premultiplied);
    layoutDevice.setDotsPerMeterX(int(std::lround(cssDpi / 0.0254)));
    layoutDevice.setDotsPerMeterY(int(std::lround(cssDpi / 0.0254)));
    document.documentLayout()->setPaintDevice(&layoutDevice);
    QFont base(u"DejaVu Sans"_s);
    base.setPointSizeF(8.5);
    document.setDefaultFont(base);
    const QString imageName = u"timeline.png"_s;
    document.addResource(QTextDocument::ImageResource, QUrl(imageName),
                         QVariant(chartImage(overview, context.zone, 3.0)));
    document.setHtml(reportHtmlFor(overview, context, imageName, ReportTarget::Print));
    document.setPageSize(textCss);
    const int pages = std::max(1, document.pageCount());

    {
        QPdfWriter writer(&file);
        writer.setTitle(context.title);
        writer.setCreator(u"Rejectscope "_s + QStringLiteral(REJECTSCOPE_VERSION));
        writer.setResolution(600);
        writer.setPageLayout(QPageLayout(a4, QPageLayout::Portrait, QMarginsF(0, 0, 0, 0)));
        QPainter painter;
        if (!painter.begin(&writer)) {
            if (error)
                *error = saveError(path, Tr::tr("the PDF writer did not start"));
            return false;
        }
        const double scale = double(writer.resolution()) / cssDpi;
        QFont footerFont(u"DejaVu Sans"_s);
        footerFont.setPointSizeF(7);
        for (int page = 0; page < pages; ++page) {
            if (page > 0)
                writer.newPage();
            painter.save();
            painter.scale(scale, scale);
            painter.translate(mmToCss(marginMm), mmToCss(marginMm));
            const QRectF visible(0, page * textCss.height(), textCss.width(), textCss.height());
            painter.translate(0, -visible.top());
            document.drawContents(&painter, visible);

            painter.restore();

            // The footer, in the writer's own units so its point size is true.
            painter.save();
            painter.setFont(footerFont);
            painter.setPen(QColor(0x80, 0x80, 0x80));
            const QRectF footer(mmToCss(marginMm) * scale,
                                (mmToCss(marginMm) + textCss.height() + mmToCss(footerMm) - mmToCss(4)) * scale,
                                textCss.width() * scale, mmToCss(4) * scale);
            painter.drawText(footer, Qt::AlignLeft | Qt::AlignBottom, reportFooterText(context));
            painter.drawText(footer, Qt::AlignRight | Qt::AlignBottom,
                             Tr::tr("page %1 of %2").arg(page + 1).arg(pages));
            painter.restore();
        }
        painter.end();
    }
    if (!file.commit()) {
        if (error)
            *error = saveError(path, file.errorString());
        return false;
    }
    return true;
}

} // namespace rejectscope
