#include "jobs/jobexport.h"

#include "core/journal.h"

#include <QDateTime>

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
        job.appendJson(out);
    }
    out += first ? "]\n" : "\n]\n";
    return out;
}

} // namespace Alchemyst
