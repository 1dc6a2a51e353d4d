#include "jobs/jobexport.h"

#include "core/journal.h"
#include "jobs/jobjson.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QStringList>

namespace Alchemyst {

namespace {

QByteArray timeField(qint64 epochMs)
{
    if (epochMs <= 0)
        return {};
    return QDateTime::fromMSecsSinceEpoch(epochMs, Qt::UTC).toString(Qt::ISODateWithMs).toLatin1();
}

} // namespace

QByteArray jobsCsvHeader()
{
    return QByteArrayLiteral(
        "jobId,status,attemptsMade,processedOn,finishedOn,failedReason,fileName,source\r\n");
}

void appendJobCsv(QByteArray& out, const Job& job, CsvCells cells)
{
    out += csvField(job.id, cells);
    out += ',';
    out += csvField(job.state, cells);
    out += ',';
    if (job.attempts >= 0)
        out += QByteArray::number(job.attempts);
    out += ',';
    out += timeField(job.processedOn);
    out += ',';
    out += timeField(job.finishedOn);
    out += ',';
    out += csvField(job.failedReason, cells);
    out += ',';
    out += csvField(job.fileName, cells);
    out += ',';
    out += csvField(job.source, cells);
    out += "\r\n";
}

QByteArray jobsToCsv(const JobList& jobs)
{
    QByteArray out = jobsCsvHeader();
    for (const Job& job : jobs)
        appendJobCsv(out, job);
    return out;
}

QByteArray jobsToJson(const JobList& jobs)
{
    QByteArray out = QByteArrayLiteral("[");
    bool first = true;
    for (const Job& job : jobs) {
        out += first ? "\n" : ",\n";
        first = false;
        appendJobJson(out, job);
    }
    out += first ? "]\n" : "\n]\n";
    return out;
}

QString markdownCell(const QString& text)
{
    QString out;
    out.reserve(text.size() + 8);
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        switch (c.unicode()) {
        case '\\':
        case '|':
        case '`':
        case '*':
        case '_':
        case '[':
        case ']':
        case '<':
        case '>':
        case '~':
            out += QLatin1Char('\\');
            out += c;
            break;
        case '\r':
            if (i + 1 < text.size() && text.at(i + 1) == QLatin1Char('\n'))
                ++i; // CRLF is one break
            out += QLatin1String("<br>");
            break;
        case '\n':
        case 0x2028: // line and paragraph separators end a table row as well
        case 0x2029:
            out += QLatin1String("<br>");
            break;
        default:
            out += c.category() == QChar::Other_Control ? QChar(QLatin1Char(' ')) : c;
        }
    }
    return out.trimmed();
}

QString compactAge(qint64 ms)
{
    if (ms < 0)
        return {};
    const qint64 seconds = ms / 1000;
    if (seconds < 120)
        return QStringLiteral("%1 s").arg(seconds);
    const qint64 minutes = seconds / 60;
    if (minutes < 120)
        return QStringLiteral("%1 min").arg(minutes);
    const qint64 hours = minutes / 60;
    if (hours < 48)
        return minutes % 60 ? QStringLiteral("%1 h %2 min").arg(hours).arg(minutes % 60)
                            : QStringLiteral("%1 h").arg(hours);
    return hours % 24 ? QStringLiteral("%1 d %2 h").arg(hours / 24).arg(hours % 24)
                      : QStringLiteral("%1 d").arg(hours / 24);
}

QString jobsToMarkdown(const JobList& jobs, qint64 nowMs, const std::function<QString(const Job&)>& ageOf)
{
    const auto header = [](const char* text) {
        return QCoreApplication::translate("Alchemyst::JobExport", text);
    };
    QStringList lines;
    lines.reserve(jobs.size() + 2);
    lines << QStringLiteral("| %1 | %2 | %3 | %4 | %5 | %6 | %7 |")
                 .arg(header("ID"), header("State"), header("File"), header("Source"),
                      header("Started (UTC)"), header("Age"), header("Reason"));
    lines << QStringLiteral("|---|---|---|---|---|---|---|");
    for (const Job& job : jobs) {
        QString age;
        if (ageOf) {
            age = ageOf(job);
        } else if (job.processedOn > 0) {
            const qint64 end = job.finishedOn > 0 ? job.finishedOn : nowMs;
            age = compactAge(end - job.processedOn);
        }
        const QString started = job.processedOn > 0 ? QDateTime::fromMSecsSinceEpoch(job.processedOn, Qt::UTC)
                                                          .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"))
                                                    : QString();
        lines << QStringLiteral("| %1 | %2 | %3 | %4 | %5 | %6 | %7 |")
                     .arg(markdownCell(job.id), markdownCell(job.state), markdownCell(job.fileName),
                          markdownCell(job.source), started, markdownCell(age),
                          markdownCell(job.failedReason));
    }
    return lines.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

} // namespace Alchemyst
