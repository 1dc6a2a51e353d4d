#include "output.h"

#include "api/apiresult.h"
#include "api/jsonbody.h"
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

namespace {

// Days since 1970-01-01 to a proleptic Gregorian date (H. Hinnant's civil_from_days: eras of 400 years,
// March-based years so that the leap day is the last of its year).
void civilFromDays(qint64 days, qint64& year, unsigned& month, unsigned& day)
{
    days += 719468; // from 0000-03-01
    const qint64 era = (days >= 0 ? days : days - 146096) / 146097;
    const auto dayOfEra = static_cast<unsigned>(days - era * 146097);
    const unsigned yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365;
    const unsigned dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
    const unsigned shifted = (5 * dayOfYear + 2) / 153; // 0 = March
    day = dayOfYear - (153 * shifted + 2) / 5 + 1;
    month = shifted < 10 ? shifted + 3 : shifted - 9;
    year = static_cast<qint64>(yearOfEra) + era * 400 + (month <= 2 ? 1 : 0);
}

void putDigits(char* out, unsigned value, int width)
{
    for (int i = width - 1; i >= 0; --i) {
        out[i] = static_cast<char>('0' + value % 10);
        value /= 10;
    }
}

// The span of four-digit years (0001-01-01 to 9999-12-31), where the format is fixed at 24 characters;
// outside it QDateTime's own wording is kept.
constexpr qint64 FirstFormattedMs = -62135596800000LL;
constexpr qint64 LastFormattedMs = 253402300799999LL;
constexpr int IsoUtcLength = 24; // 2024-02-29T23:59:59.999Z

// QDateTime::toString(Qt::ISODateWithMs) costs a quarter of `list --json`'s CPU (a time zone, a locale
// and a QString per call); this writes the same 24 characters by arithmetic.
void writeIsoUtc(char* out, qint64 epochMs)
{
    constexpr qint64 DayMs = 86400000;
    qint64 days = epochMs / DayMs;
    qint64 msOfDay = epochMs % DayMs;
    if (msOfDay < 0) { // before 1970: floor, not truncation
        msOfDay += DayMs;
        --days;
    }
    qint64 year = 0;
    unsigned month = 0;
    unsigned day = 0;
    civilFromDays(days, year, month, day);
    const auto ms = static_cast<unsigned>(msOfDay);
    putDigits(out, static_cast<unsigned>(year), 4);
    out[4] = '-';
    putDigits(out + 5, month, 2);
    out[7] = '-';
    putDigits(out + 8, day, 2);
    out[10] = 'T';
    putDigits(out + 11, ms / 3600000, 2);
    out[13] = ':';
    putDigits(out + 14, ms / 60000 % 60, 2);
    out[16] = ':';
    putDigits(out + 17, ms / 1000 % 60, 2);
    out[19] = '.';
    putDigits(out + 20, ms % 1000, 3);
    out[23] = 'Z';
}

} // namespace

QString formatIsoUtc(qint64 epochMs)
{
    if (epochMs < FirstFormattedMs || epochMs > LastFormattedMs)
        return QDateTime::fromMSecsSinceEpoch(epochMs, Qt::UTC).toString(Qt::ISODateWithMs);
    char text[IsoUtcLength];
    writeIsoUtc(text, epochMs);
    return QString::fromLatin1(text, IsoUtcLength);
}

void appendIsoUtc(QByteArray& out, qint64 epochMs)
{
    if (epochMs < FirstFormattedMs || epochMs > LastFormattedMs) {
        out += formatIsoUtc(epochMs).toLatin1();
        return;
    }
    char text[IsoUtcLength];
    writeIsoUtc(text, epochMs);
    out.append(text, IsoUtcLength);
}

QString isoUtc(qint64 epochMs)
{
    return epochMs > 0 ? formatIsoUtc(epochMs) : QString();
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

QJsonValue jsonTextOrNull(const QString& text)
{
    return text.isEmpty() ? QJsonValue() : QJsonValue(text);
}

QJsonValue jsonTimeOrNull(qint64 epochMs)
{
    return epochMs > 0 ? QJsonValue(isoUtc(epochMs)) : QJsonValue();
}

namespace {

void appendTextOrNull(QByteArray& out, const QString& text)
{
    if (text.isEmpty())
        out += "null";
    else
        appendJsonString(out, text);
}

void appendTimeOrNull(QByteArray& out, qint64 epochMs)
{
    if (epochMs > 0) {
        out += '"';
        appendIsoUtc(out, epochMs);
        out += '"';
    } else {
        out += "null";
    }
}

} // namespace

void appendJobJson(QByteArray& out, const Job& job)
{
    // The keys in QJsonObject's order (sorted), as before the times became ISO strings.
    out += "{\"attemptsMade\":";
    if (job.attempts >= 0)
        out += QByteArray::number(job.attempts);
    else
        out += "null";
    out += ",\"failedReason\":";
    appendTextOrNull(out, job.failedReason);
    if (job.reasonTruncated)
        out += ",\"failedReasonTruncated\":true";
    out += ",\"fileName\":";
    appendTextOrNull(out, job.fileName);
    out += ",\"finishedOn\":";
    appendTimeOrNull(out, job.finishedOn);
    out += ",\"jobId\":";
    appendJsonString(out, job.id);
    out += ",\"processedOn\":";
    appendTimeOrNull(out, job.processedOn);
    out += ",\"source\":";
    appendTextOrNull(out, job.source);
    out += ",\"status\":";
    appendJsonString(out, job.state);
    out += '}';
}

QJsonObject receiptLineJson(const ReceiptLine& line)
{
    return {
        {QStringLiteral("jobId"), line.id},
        {QStringLiteral("status"), jsonTextOrNull(line.stateBefore)},
        {QStringLiteral("httpStatus"), line.httpStatus > 0 ? QJsonValue(line.httpStatus) : QJsonValue()},
        {QStringLiteral("outcome"), line.outcomeName()},
        {QStringLiteral("message"), jsonTextOrNull(line.message)},
        // The previous release's names, kept for one release (README: "Command-line tool").
        {QStringLiteral("id"), line.id},
        {QStringLiteral("stateBefore"), line.stateBefore},
    };
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
        // The job's own object, then what this tool knows about its age.
        chunk.clear();
        appendJobJson(chunk, job);
        chunk.chop(1);
        chunk += ",\"ageMs\":";
        chunk += age.isEmpty() ? QByteArrayLiteral("null") : age;
        chunk += ",\"stuck\":";
        chunk += stuck;
        chunk += ",\"firstSeen\":";
        appendTimeOrNull(chunk, firstSeen);
        chunk += '}';
        json->add(chunk);
    }
    if (csv)
        writeCsv();
    else
        json->finish();
}

} // namespace Alchemyst
