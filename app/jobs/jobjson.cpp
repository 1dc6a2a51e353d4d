#include "jobs/jobjson.h"

#include "api/jsonbody.h"

#include <QDateTime>

namespace Alchemyst {

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

QJsonValue jsonTextOrNull(const QString& text)
{
    return text.isEmpty() ? QJsonValue() : QJsonValue(text);
}

QJsonValue jsonTimeOrNull(qint64 epochMs)
{
    return epochMs > 0 ? QJsonValue(isoUtc(epochMs)) : QJsonValue();
}

void appendJsonTimeOrNull(QByteArray& out, qint64 epochMs)
{
    if (epochMs > 0) {
        out += '"';
        appendIsoUtc(out, epochMs);
        out += '"';
    } else {
        out += "null";
    }
}

namespace {

// What terminalSafeJson() rewrites, seen in UTF-16: one comparison per character for the usual ASCII text.
bool needsTerminalEscape(QStringView text)
{
    for (const QChar c : text) {
        const char16_t u = c.unicode();
        if (u >= 0x7f && (u <= 0x9f || (u >= 0x2028 && u <= 0x202e) || (u >= 0x2066 && u <= 0x2069)))
            return true;
    }
    return false;
}

// A JSON string already safe for a terminal: a job's text is escaped where it is written, so that every
// caller of appendJobJson() gets the same bytes whether or not its output passes terminalSafeJson() again.
void appendSafeString(QByteArray& out, const QString& text)
{
    const qsizetype start = out.size();
    appendJsonString(out, text);
    if (needsTerminalEscape(text)) {
        QByteArray written = out.mid(start);
        out.truncate(start);
        out += terminalSafeJson(std::move(written));
    }
}

void appendTextOrNull(QByteArray& out, const QString& text)
{
    if (text.isEmpty())
        out += "null";
    else
        appendSafeString(out, text);
}

} // namespace

void appendJobJson(QByteArray& out, const Job& job)
{
    // The keys in QJsonObject's order (sorted), as the CLI has always written them.
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
    appendJsonTimeOrNull(out, job.finishedOn);
    out += ",\"jobId\":";
    appendSafeString(out, job.id);
    out += ",\"processedOn\":";
    appendJsonTimeOrNull(out, job.processedOn);
    out += ",\"source\":";
    appendTextOrNull(out, job.source);
    out += ",\"status\":";
    appendSafeString(out, job.state);
    out += '}';
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

} // namespace Alchemyst
