#include "csvwriter.h"

#include <QIODevice>

using namespace Qt::StringLiterals;

namespace rejectscope {

CsvWriter::CsvWriter(QIODevice *device)
    : m_device(device)
{
}

QString CsvWriter::neutralised(const QString &text)
{
    if (text.isEmpty())
        return text;
    const QChar first = text.front();
    if (first == u'=' || first == u'+' || first == u'-' || first == u'@' || first == u'\t'
        || first == u'\r')
        return u'\'' + text;
    return text;
}

QString CsvWriter::field(const QVariant &cell)
{
    QString text;
    switch (cell.typeId()) {
    case QMetaType::Int:
    case QMetaType::LongLong:
    case QMetaType::UInt:
    case QMetaType::ULongLong:
        return cell.toString();
    case QMetaType::Double:
        return QString::number(cell.toDouble(), 'g', 15);
    default:
        text = neutralised(cell.toString());
        break;
    }
    if (text.contains(u',') || text.contains(u'"') || text.contains(u'\n') || text.contains(u'\r'))
        return u'"' + QString(text).replace(u"\""_s, u"\"\""_s) + u'"';
    return text;
}

void CsvWriter::writeRow(const QList<QVariant> &cells)
{
    QString line;
    for (qsizetype i = 0; i < cells.size(); ++i) {
        if (i > 0)
            line += u',';
        line += field(cells.at(i));
    }
    line += u"\r\n"_s;
    const QByteArray bytes = line.toUtf8();
    if (m_device->write(bytes) != bytes.size())
        m_ok = false;
}

} // namespace rejectscope
