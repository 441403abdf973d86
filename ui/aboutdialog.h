#pragma once

#include <QDialog>

namespace rejectscope {

// Help › About: what the program does, its version and the versions of the Qt and
// SQLite it runs on (for bug reports), its licence, and the database it has open.
class AboutDialog : public QDialog
{
    Q_OBJECT
public:
    explicit AboutDialog(const QString &databasePath, QWidget *parent = nullptr);

    // "Rejectscope 0.1.0 · Qt 6.4.2 · SQLite 3.40.1", for the dialog and bug reports.
    static QString versionText();
};

} // namespace rejectscope
