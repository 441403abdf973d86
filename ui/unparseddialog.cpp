#include "unparseddialog.h"

#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QVBoxLayout>

namespace rejectscope {

UnparsedDialog::UnparsedDialog(const Summary &summary, QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Lines Not Understood"));
    const QLocale locale;
    auto *intro = new QLabel(
        tr("%1 lines looked like Postfix rejections or deliveries but could not be read. "
           "They are not counted in the analysis. The first %2 are shown below.")
            .arg(locale.toString(summary.notUnderstood))
            .arg(summary.samples.size()),
        this);
    intro->setWordWrap(true);
    // QPlainTextEdit never interprets markup: the lines are log content.
    auto *lines = new QPlainTextEdit(this);
    lines->setReadOnly(true);
    lines->setLineWrapMode(QPlainTextEdit::NoWrap);
    lines->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    lines->setPlainText(plainText(summary));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(lines, 1);
    layout->addWidget(buttons);
    resize(fontMetrics().averageCharWidth() * 120, fontMetrics().height() * 30);
}

QString UnparsedDialog::plainText(const Summary &summary)
{
    QString text;
    for (const StoredSample &stored : summary.samples) {
        text += tr("%1, byte %2: %3").arg(stored.path).arg(stored.sample.lineOffset).arg(stored.sample.problem)
                + QLatin1Char('\n') + stored.sample.text + QLatin1String("\n\n");
    }
    return text;
}

} // namespace rejectscope
