#include "aboutdialog.h"

#include "advisor/wrappinglabel.h"

#include <QApplication>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QDir>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QPushButton>
#include <QStyle>
#include <QVBoxLayout>

#include <sqlite3.h>

using namespace Qt::StringLiterals;

namespace rejectscope {

namespace {

QLabel *plain(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setTextFormat(Qt::PlainText);
    label->setWordWrap(true);
    label->setText(text);
    return label;
}

} // namespace

QString AboutDialog::versionText()
{
    return tr("Rejectscope %1 \u00b7 Qt %2 \u00b7 SQLite %3")
        .arg(QStringLiteral(REJECTSCOPE_VERSION), QString::fromLatin1(qVersion()),
             QString::fromLatin1(sqlite3_libversion()));
}

AboutDialog::AboutDialog(const QString &databasePath, QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("About Rejectscope"));
    const QIcon icon(u":/icons/rejectscope.svg"_s);
    setWindowIcon(icon);

    auto *layout = new QVBoxLayout(this);
    auto *top = new QHBoxLayout;
    layout->addLayout(top);

    // The icon at four lines of text: as large on a 200 % screen as the words next to it.
    const int iconSide = fontMetrics().height() * 4;
    auto *iconLabel = new QLabel(this);
    iconLabel->setPixmap(icon.pixmap(iconSide, iconSide));
    iconLabel->setAlignment(Qt::AlignTop | Qt::AlignHCenter);
    top->addWidget(iconLabel, 0, Qt::AlignTop);

    auto *text = new QVBoxLayout;
    top->addLayout(text, 1);
    QLabel *name = plain(tr("Rejectscope"), this);
    QFont nameFont = font();
    if (nameFont.pointSizeF() > 0)
        nameFont.setPointSizeF(nameFont.pointSizeF() * 1.6);
    nameFont.setBold(true);
    name->setFont(nameFont);
    text->addWidget(name);
    text->addWidget(plain(tr("Version %1").arg(QStringLiteral(REJECTSCOPE_VERSION)), this));
    text->addSpacing(fontMetrics().height() / 2);
    text->addWidget(plain(tr("Rejectscope reads Postfix mail logs and shows which rejections make remote "
                             "servers retry again and again (4xx) and which end the conversation (5xx), how "
                             "large the resulting retry storms are, what changed after a configuration "
                             "switch, and which main.cf setting is behind each storm."),
                          this));
    text->addSpacing(fontMetrics().height() / 2);

    auto *facts = new QGridLayout;
    text->addLayout(facts);
    int row = 0;
    const auto fact = [&](const QString &key, QLabel *value) {
        QLabel *keyLabel = plain(key, this);
        keyLabel->setForegroundRole(QPalette::PlaceholderText);
        keyLabel->setWordWrap(false);
        facts->addWidget(keyLabel, row, 0, Qt::AlignTop);
        facts->addWidget(value, row, 1);
        ++row;
    };
    fact(tr("Qt:"), plain(QString::fromLatin1(qVersion()), this));
    fact(tr("SQLite:"), plain(QString::fromLatin1(sqlite3_libversion()), this));
    fact(tr("Licence:"), plain(tr("GPL-3.0-or-later"), this));
    // The path is the user's, but a file name may hold anything: plain text, wrapped
    // anywhere when it is longer than the line.
    fact(tr("Database:"), new WrappingLabel(databasePath.isEmpty() ? tr("none open")
                                                                   : QDir::toNativeSeparators(databasePath),
                                            this));
    facts->setColumnStretch(1, 1);

    text->addSpacing(fontMetrics().height() / 2);
    text->addWidget(plain(tr("This program comes with absolutely no warranty. It is free software: you may "
                             "redistribute it and/or modify it under the terms of the GNU General Public "
                             "License as published by the Free Software Foundation, either version 3 of the "
                             "License, or (at your option) any later version."),
                          this));
    text->addStretch(1);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    QPushButton *copy = buttons->addButton(tr("Copy Versions"), QDialogButtonBox::ActionRole);
    connect(copy, &QPushButton::clicked, this, [] { QGuiApplication::clipboard()->setText(versionText()); });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);

    // Wide enough for the paragraph to read as one, in any font size, and as tall as
    // the wrapped text needs at that width (a top-level widget does not ask its
    // layout's height for width by itself).
    const int width = fontMetrics().averageCharWidth() * 80;
    setMinimumWidth(width);
    const int height = layout->hasHeightForWidth() ? layout->totalHeightForWidth(width) : sizeHint().height();
    setMinimumHeight(height);
    resize(width, height);
}

} // namespace rejectscope
