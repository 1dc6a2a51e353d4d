#include "output.h"

#include "api/apiresult.h"
#include "cli/terminal.h"
#include "cli/terminaltext.h"
#include "core/cancelbatch.h"
#include "jobs/jobexport.h"
#include "triage/triagesession.h"

#include <QDateTime>
#include <QIODevice>

namespace Alchemyst {

const QStringList& categoryKeys()
{
    static const QStringList keys = {QStringLiteral("waiting"), QStringLiteral("delayed"),
                                     QStringLiteral("active"),  QStringLiteral("completed"),
                                     QStringLiteral("failed"),  QStringLiteral("cancelled"),
                                     QStringLiteral("other")};
    return keys;
}

QString isoTime(qint64 epochMs)
{
    return epochMs > 0 ? QDateTime::fromMSecsSinceEpoch(epochMs).toString(Qt::ISODate) : QStringLiteral("-");
}

QString isoUtc(qint64 epochMs)
{
    return epochMs > 0 ? QDateTime::fromMSecsSinceEpoch(epochMs, Qt::UTC).toString(Qt::ISODateWithMs)
                       : QString();
}

QString describe(const ApiResult& result)
{
    // The message is the server's (or TLS's: certificate subjects and issuers end up there): it never
    // reaches the terminal as it came.
    QString text = outcomeName(result.outcome);
    if (result.httpStatus > 0)
        text += QStringLiteral(" (HTTP %1)").arg(result.httpStatus);
    text += QStringLiteral(": ");
    text += result.message.isEmpty() ? outcomeSentence(result.outcome) : result.message;
    return terminalSafe(text);
}

QString receiptText(const ReceiptLine& line)
{
    // The server's words are verbatim, made safe for the terminal.
    QString text = terminalSafe(line.id) + QStringLiteral(": ");
    switch (line.kind) {
    case ReceiptLine::Kind::Skipped:
        return text + QStringLiteral("skipped — ") + terminalSafe(line.message);
    case ReceiptLine::Kind::NotSent:
        return text + QStringLiteral("not sent — ") + terminalSafe(line.message);
    case ReceiptLine::Kind::Sent:
        break;
    }
    if (line.outcome == Outcome::Ok || line.outcome == Outcome::Cancelled)
        return text + QStringLiteral("cancelled") +
               (line.message.isEmpty() ? QString() : QStringLiteral(" — ") + terminalSafe(line.message));
    text += outcomeName(line.outcome);
    if (line.httpStatus > 0)
        text += QStringLiteral(" (HTTP %1)").arg(line.httpStatus);
    return text + QStringLiteral(": ") +
           terminalSafe(line.message.isEmpty() ? outcomeSentence(line.outcome) : line.message);
}

QString shown(const QUrl& url)
{
    return terminalSafe(url.adjusted(QUrl::RemoveUserInfo).toString());
}

QString listRow(const QString& id, const QString& state, const QString& attempts, const QString& started,
                const QString& finished, const QString& rest)
{
    return id.leftJustified(14) + QStringLiteral("  ") + state.leftJustified(10) + QStringLiteral("  ") +
           attempts.rightJustified(3) + QStringLiteral("  ") + started.leftJustified(19) +
           QStringLiteral("  ") + finished.leftJustified(19) + QStringLiteral("  ") + rest +
           QLatin1Char('\n');
}

void writeJobs(QTextStream& out, const JobList& jobs, const std::function<bool(const Job&)>& matches,
               const TriageSession& triage, qint64 now, bool csv)
{
    // CSV is data, exact as the server wrote it; only on a terminal are its cells made safe to show.
    const bool safeCells = csv && stdoutIsTerminal();
    // Bytes straight to the device in chunks, without a QString round trip per job.
    out.flush();
    QIODevice* device = out.device();
    QByteArray chunk =
        csv ? QByteArray(jobsCsvHeader().chopped(2)).append(",ageMs,stuck,firstSeen\r\n") : QByteArray("[");
    bool first = true;
    const auto write = [&] {
        if (device)
            device->write(chunk);
        else
            out << QString::fromUtf8(chunk);
        chunk.clear();
    };
    for (const Job& job : jobs) {
        if (!matches(job))
            continue;
        const StuckVerdict verdict = triage.verdict(job, now, false);
        const qint64 firstSeen = triage.store().firstSeen(job.id, job.state);
        const QByteArray age = verdict.ageMs >= 0 ? QByteArray::number(verdict.ageMs) : QByteArray();
        const QByteArray stuck = verdict.stuck ? QByteArrayLiteral("true") : QByteArrayLiteral("false");
        const QByteArray seen = isoUtc(firstSeen).toLatin1();
        if (csv) {
            // The job's columns as the window exports them, then what this tool knows about its age.
            if (safeCells) {
                Job shownJob = job;
                for (QString* text : {&shownJob.id, &shownJob.state, &shownJob.fileName, &shownJob.source,
                                      &shownJob.failedReason})
                    *text = terminalSafe(*text);
                appendJobCsv(chunk, shownJob);
            } else {
                appendJobCsv(chunk, job);
            }
            chunk.chop(2); // its CRLF
            chunk += ',';
            chunk += age;
            chunk += ',';
            chunk += stuck;
            chunk += ',';
            chunk += seen;
            chunk += "\r\n";
        } else {
            if (!first)
                chunk += ',';
            first = false;
            job.appendJson(chunk);
            // The job's own object, then what this tool knows about its age.
            if (chunk.endsWith('}')) {
                chunk.chop(1);
                chunk += ",\"ageMs\":";
                chunk += age.isEmpty() ? QByteArrayLiteral("null") : age;
                chunk += ",\"stuck\":";
                chunk += stuck;
                chunk += ",\"firstSeen\":";
                if (seen.isEmpty()) {
                    chunk += "null";
                } else {
                    chunk += '"';
                    chunk += seen;
                    chunk += '"';
                }
                chunk += '}';
            }
        }
        if (chunk.size() > 256 * 1024)
            write();
    }
    if (!csv)
        chunk += "]\n";
    write();
}

} // namespace Alchemyst
