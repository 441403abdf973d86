#pragma once

#include <QList>
#include <QString>
#include <QVariant>

class QIODevice;

namespace rejectscope {

// Writes RFC 4180 CSV: UTF-8, CRLF between records, a field quoted when it holds a
// comma, quote, CR or LF, quotes doubled. Text cells come from log lines a stranger
// may have chosen, so a text cell that a spreadsheet would evaluate — starting with
// = + - @, a tab or a carriage return — gets a leading apostrophe (OWASP's advice
// against CSV injection). Numbers (int, qint64, double QVariants) are written as
// numbers and never altered.
class CsvWriter
{
public:
    explicit CsvWriter(QIODevice *device);

    void writeRow(const QList<QVariant> &cells);
    bool ok() const { return m_ok; }

    // The cell as it will stand in the file, before quoting.
    static QString neutralised(const QString &text);
    static QString field(const QVariant &cell);

private:
    QIODevice *m_device;
    bool m_ok = true;
};

} // namespace rejectscope
