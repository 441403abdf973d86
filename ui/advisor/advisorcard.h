#pragma once

#include <QFrame>
#include <QStringList>

class QLabel;
class QVBoxLayout;

namespace rejectscope {

// A card of the advisor panel: a rounded panel in the palette's colours with an
// optional accent stripe in the timeline's colour for what it is about. Keeps the
// texts it shows, in order, for tests and copying.
class AdvisorCard : public QFrame
{
    Q_OBJECT
public:
    enum class Accent { None, Advice, SwitchPoint, Marker };
    enum class Tone { Prominent, Calm };

    AdvisorCard(Accent accent, Tone tone, QWidget *parent = nullptr);

    // What the card shows, one line per text.
    QString plainText() const { return m_lines.join(u'\n'); }

protected:
    QVBoxLayout *body() const { return m_body; }
    QLabel *addCaption(const QString &text);
    QLabel *addHeadline(const QString &text);
    QLabel *addText(const QString &text);
    void record(const QString &line) { m_lines << line; }

    void paintEvent(QPaintEvent *event) override;

private:
    int stripeWidth() const;

    Accent m_accent;
    Tone m_tone;
    QVBoxLayout *m_body;
    QStringList m_lines;
};

} // namespace rejectscope
