#pragma once

#include "importcontroller.h"

#include <QWidget>

class QLabel;
class QProgressBar;
class QPushButton;

namespace rejectscope {

// The status bar's import indicator: which file, a bar of bytes done, lines per
// second and the time left, and a Cancel button.
class ImportProgressWidget : public QWidget
{
    Q_OBJECT
public:
    explicit ImportProgressWidget(QWidget *parent = nullptr);

    void begin(int fileCount);
    void showStatus(const ImportStatus &status);
    void end();
    QString text() const;

signals:
    void cancelRequested();

private:
    QLabel *m_label;
    QProgressBar *m_bar;
    QPushButton *m_cancel;
};

// "1 h 05 min", "3 min 20 s", "12 s": a duration as people read it.
QString durationText(double seconds);

} // namespace rejectscope
