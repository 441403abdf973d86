#include "importprogresswidget.h"

#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>

namespace rejectscope {

QString durationText(double seconds)
{
    const auto total = qint64(seconds + 0.5);
    if (total >= 3600)
        return ImportProgressWidget::tr("%1 h %2 min").arg(total / 3600).arg((total % 3600) / 60, 2, 10, QLatin1Char('0'));
    if (total >= 60)
        return ImportProgressWidget::tr("%1 min %2 s").arg(total / 60).arg(total % 60, 2, 10, QLatin1Char('0'));
    return ImportProgressWidget::tr("%1 s").arg(total);
}

ImportProgressWidget::ImportProgressWidget(QWidget *parent)
    : QWidget(parent)
    , m_label(new QLabel(this))
    , m_bar(new QProgressBar(this))
    , m_cancel(new QPushButton(tr("Cancel"), this))
{
    m_label->setTextFormat(Qt::PlainText); // shows a file name
    m_bar->setRange(0, 1000);
    m_bar->setTextVisible(false);
    m_bar->setMaximumWidth(fontMetrics().averageCharWidth() * 30);
    m_cancel->setToolTip(tr("Stop the import; what was read so far stays stored"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_label);
    layout->addWidget(m_bar);
    layout->addWidget(m_cancel);
    connect(m_cancel, &QPushButton::clicked, this, [this] {
        m_cancel->setEnabled(false);
        m_label->setText(tr("Cancelling…"));
        emit cancelRequested();
    });
    setVisible(false);
}

void ImportProgressWidget::begin(int fileCount)
{
    m_bar->setRange(0, 0); // indeterminate until the first figures arrive
    m_cancel->setEnabled(true);
    m_label->setText(tr("Importing %n file(s)…", nullptr, fileCount));
    setVisible(true);
}

void ImportProgressWidget::showStatus(const ImportStatus &status)
{
    if (!m_cancel->isEnabled())
        return; // keeps saying "Cancelling…"
    if (status.bytesTotal > 0) {
        m_bar->setRange(0, 1000);
        m_bar->setValue(status.permille());
    }
    const QLocale locale;
    QString text = tr("Importing %1 (%2 of %3): %4 lines, %5 lines/s")
                       .arg(QFileInfo(status.path).fileName())
                       .arg(status.fileIndex + 1)
                       .arg(status.fileCount)
                       .arg(locale.toString(status.linesRead))
                       .arg(locale.toString(qint64(status.linesPerSecond)));
    if (status.secondsLeft)
        text += tr(", %1 left").arg(durationText(*status.secondsLeft));
    m_label->setText(text);
}

void ImportProgressWidget::end()
{
    setVisible(false);
}

QString ImportProgressWidget::text() const
{
    return m_label->text();
}

} // namespace rejectscope
