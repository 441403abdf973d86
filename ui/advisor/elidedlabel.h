#pragma once

#include <QLabel>

namespace rejectscope {

// A one-line plain-text label that shortens its text with "…" to the width it is
// given instead of forcing its layout wider: for replies and addresses of any length.
// text() stays the whole text; the caller puts it in a tooltip.
class ElidedLabel : public QLabel
{
public:
    explicit ElidedLabel(const QString &text, QWidget *parent = nullptr);

    QSize minimumSizeHint() const override;
    QSize sizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;
};

} // namespace rejectscope
