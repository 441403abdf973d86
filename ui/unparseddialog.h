#pragma once

#include "store/summary.h"

#include <QDialog>

namespace rejectscope {

// The lines that looked like Postfix rejections or deliveries but were not
// understood, with their file and offset, as plain text that can be copied into
// a bug report.
class UnparsedDialog : public QDialog
{
    Q_OBJECT
public:
    UnparsedDialog(const Summary &summary, QWidget *parent = nullptr);

    static QString plainText(const Summary &summary);
};

} // namespace rejectscope
