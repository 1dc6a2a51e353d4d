#include "output.h"

#include "api/apiresult.h"
#include "cli/terminal.h"
#include "cli/terminaltext.h"
#include "core/cancelbatch.h"
#include "jobs/jobexport.h"
#include "triage/triagesession.h"

#include <QDateTime>
#include <QIODevice>
#include <QJsonDocument>
#include <optional>

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
    text = terminalSafe(text);
    // The server's words say what was refused; what to do about it is ours to say.
    if (result.outcome == Outcome::Unauthorized && !result.message.isEmpty())
        text += QLatin1Char(' ') + keyCheckHint(MessageAudience::CommandLine);
    return text;
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
    text += QStringLiteral(": ") +
            terminalSafe(line.message.isEmpty() ? outcomeSentence(line.outcome) : line.message);
    if (line.outcome == Outcome::Unauthorized && !line.message.isEmpty())
        text += QLatin1Char(' ') + keyCheckHint(MessageAudience::CommandLine);
    return text;
}

QString shown(const QUrl& url)
{
    return terminalSafe(url.adjusted(QUrl::RemoveUserInfo).toString());
}

QString counted(qint64 count, const char* one, const char* many)
{
    return QString::number(count) + QLatin1Char(' ') + QLatin1String(count == 1 ? one : many);
}

TextTable::TextTable(const QStringList& header, const QList<bool>& rightAligned)
    : m_header(header)
    , m_right(rightAligned)
{
    for (const QString& cell : header)
        m_widths.append(static_cast<int>(cell.size()));
}

void TextTable::measure(const QStringList& cells)
{
    for (qsizetype i = 0; i < cells.size() && i < m_widths.size(); ++i)
        m_widths[i] = qMax(m_widths.at(i), static_cast<int>(cells.at(i).size()));
}

void TextTable::addRow(const QStringList& cells)
{
    measure(cells);
    m_rows.append(cells);
}

QString TextTable::row(const QStringList& cells) const
{
    QString line;
    const qsizetype last = cells.size() - 1;
    for (qsizetype i = 0; i <= last; ++i) {
        const QString& cell = cells.at(i);
        const int width = m_widths.value(i);
        if (i > 0)
            line += QStringLiteral("  ");
        if (m_right.value(i))
            line += cell.rightJustified(width);
        else if (i < last)
            line += cell.leftJustified(width);
        else
            line += cell; // no trailing blanks
    }
    return line + QLatin1Char('\n');
}

QString TextTable::text() const
{
    QString text = header();
    for (const QStringList& cells : m_rows)
        text += row(cells);
    return text;
}

QCommandLineOption jsonOption(const QString& description)
{
    return QCommandLineOption(QStringLiteral("json"), description);
}

QCommandLineOption jsonlOption()
{
    return QCommandLineOption(QStringLiteral("jsonl"), QStringLiteral("print JSON Lines: one object a line"));
}

JsonStream::JsonStream(QTextStream& out, bool lines)
    : m_out(out)
    , m_lines(lines)
{
    m_out.flush();
    m_device = m_out.device();
    if (!m_lines)
        m_chunk = "[";
}

JsonStream::~JsonStream()
{
    finish();
}

void JsonStream::add(const QByteArray& compactObject)
{
    if (!m_lines)
        m_chunk += m_first ? "\n" : ",\n";
    m_first = false;
    m_chunk += compactObject;
    if (m_lines)
        m_chunk += '\n';
    if (m_chunk.size() > 256 * 1024)
        write();
}

void JsonStream::add(const QJsonObject& object)
{
    add(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

void JsonStream::finish()
{
    if (m_finished)
        return;
    m_finished = true;
    if (!m_lines)
        m_chunk += m_first ? "]\n" : "\n]\n";
    write();
}

void JsonStream::write()
{
    if (m_chunk.isEmpty())
        return;
    m_chunk = terminalSafeJson(std::move(m_chunk));
    if (m_device)
        m_device->write(m_chunk);
    else
        m_out << QString::fromUtf8(m_chunk);
    m_chunk.clear();
}

QString terminalSafeJsonText(const QByteArray& json)
{
    return QString::fromUtf8(terminalSafeJson(json));
}

void writeJobs(QTextStream& out, const JobList& jobs, const std::function<bool(const Job&)>& matches,
               const TriageSession& triage, qint64 now, JobsFormat format, CsvCells cells)
{
    const bool csv = format == JobsFormat::Csv;
    // CSV is data, exact as the server wrote it; only on a terminal are its cells made safe to show.
    const bool safeCells = csv && stdoutIsTerminal();
    std::optional<JsonStream> json;
    if (!csv)
        json.emplace(out, format == JobsFormat::JsonLines);
    // CSV: bytes straight to the device in chunks, without a QString round trip per job.
    out.flush();
    QIODevice* device = out.device();
    QByteArray chunk =
        csv ? QByteArray(jobsCsvHeader().chopped(2)).append(",ageMs,stuck,firstSeen\r\n") : QByteArray();
    const auto writeCsv = [&] {
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
            if (firstSeen > 0)
                appendIsoUtc(chunk, firstSeen);
            chunk += "\r\n";
            if (chunk.size() > 256 * 1024)
                writeCsv();
            continue;
        }
        // The job's object as the window exports it, then what this tool knows about its age.
        chunk.clear();
        appendJobJson(chunk, job);
        chunk.chop(1);
        chunk += ",\"ageMs\":";
        chunk += age.isEmpty() ? QByteArrayLiteral("null") : age;
        chunk += ",\"stuck\":";
        chunk += stuck;
        chunk += ",\"firstSeen\":";
        appendJsonTimeOrNull(chunk, firstSeen);
        chunk += '}';
        json->add(chunk);
    }
    if (csv)
        writeCsv();
    else
        json->finish();
}

} // namespace Alchemyst
