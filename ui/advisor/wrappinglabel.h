#pragma once

#include <QLabel>

class QPainter;

namespace rejectscope {

// A plain-text label that wraps at word boundaries and, where a word is longer than
// the line (a reply quoting a 200-character address), anywhere: a stranger's text
// can never force the panel wider. With word wrap turned off it is a plain QLabel.
class WrappingLabel : public QLabel
{
public:
    explicit WrappingLabel(const QString &text, QWidget *parent = nullptr);

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;
    int heightForWidth(int width) const override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    // Lays the text out in `width` and returns its height; draws it when `painter` is given.
    int layOut(int width, QPainter *painter = nullptr) const;
    int naturalWidth() const;
};

} // namespace rejectscope
