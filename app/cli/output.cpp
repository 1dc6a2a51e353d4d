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

namespace {

// An invalid id without an HTTP status was refused by the client's own check (precheckCancel): nothing
// was sent, so no sentence may say the server rejected it.
bool refusedHere(Outcome outcome, int httpStatus)
{
    return outcome == Outcome::InvalidId && httpStatus <= 0;
}

} // namespace

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
    if (refusedHere(result.outcome, result.httpStatus))
        return QStringLiteral("not sent: ") +
               terminalSafe(result.message.isEmpty() ? QStringLiteral("this program refused the job id.")
                                                     : result.message);
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
    if (refusedHere(line.outcome, line.httpStatus))
        return text + QStringLiteral("not sent — ") +
               terminalSafe(line.message.isEmpty() ? QStringLiteral("this program refused the job id.")
                                                   : line.message);
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

QByteArray terminalSafeJson(QByteArray json)
{
    // UTF-8: U+007F is 7F; U+0080–U+009F are C2 80–C2 9F; U+2028–U+202E are E2 80 A8–AE; U+2066–U+2069
    // are E2 81 A6–A9. The JSON is valid UTF-8, so a C2 or E2 byte always leads its sequence.
    const auto needs = [](const QByteArray& bytes) {
        return bytes.contains('\x7f') || bytes.contains('\xc2') || bytes.contains('\xe2');
    };
    if (!needs(json))
        return json;
    QByteArray out;
    out.reserve(json.size() + 64);
    const qsizetype size = json.size();
    const auto escape = [&out](uint codePoint) {
        out += "\\u";
        out += QByteArray::number(codePoint, 16).rightJustified(4, '0');
    };
    for (qsizetype i = 0; i < size; ++i) {
        const auto byte = static_cast<unsigned char>(json.at(i));
        if (byte == 0x7f) {
            escape(0x7f);
            continue;
        }
        if (byte == 0xc2 && i + 1 < size) {
            const auto next = static_cast<unsigned char>(json.at(i + 1));
            if (next >= 0x80 && next <= 0x9f) {
                escape(next);
                ++i;
                continue;
            }
        } else if (byte == 0xe2 && i + 2 < size) {
            const auto second = static_cast<unsigned char>(json.at(i + 1));
            const auto third = static_cast<unsigned char>(json.at(i + 2));
            if ((second == 0x80 && third >= 0xa8 && third <= 0xae) ||
                (second == 0x81 && third >= 0xa6 && third <= 0xa9)) {
                escape(0x2000u | (static_cast<uint>(second & 0x3f) << 6) | (third & 0x3fu));
                i += 2;
                continue;
            }
        }
        out += static_cast<char>(byte);
    }
    return out;
}

QString terminalSafeJsonText(const QByteArray& json)
{
    return QString::fromUtf8(terminalSafeJson(json));
}

void writeJobs(QTextStream& out, const JobList& jobs, const std::function<bool(const Job&)>& matches,
               const TriageSession& triage, qint64 now, bool csv, CsvCells cells)
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
        if (!csv)
            chunk = terminalSafeJson(std::move(chunk));
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
                appendJobCsv(chunk, shownJob, cells);
            } else {
                appendJobCsv(chunk, job, cells);
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
