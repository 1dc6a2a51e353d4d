#include "jsonbody.h"

#include <QCoreApplication>
#include <algorithm>

namespace Alchemyst {

namespace {

// Length of the well-formed UTF-8 sequence at p (Unicode Table 3-7: no overlongs, no surrogates,
// nothing above U+10FFFF, which is also what Qt's parser refuses), or minus the length of the
// maximal subpart of an ill-formed one, which is replaced by a single U+FFFD.
qsizetype sequenceLength(const uchar* p, qsizetype available)
{
    const uchar lead = p[0];
    if (lead < 0x80)
        return 1;
    qsizetype length = 0;
    uchar secondLow = 0x80;
    uchar secondHigh = 0xBF;
    if (lead >= 0xC2 && lead <= 0xDF) {
        length = 2;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        length = 3;
        if (lead == 0xE0)
            secondLow = 0xA0;
        else if (lead == 0xED)
            secondHigh = 0x9F;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        length = 4;
        if (lead == 0xF0)
            secondLow = 0x90;
        else if (lead == 0xF4)
            secondHigh = 0x8F;
    } else {
        return -1;
    }
    for (qsizetype i = 1; i < length; ++i) {
        if (i >= available)
            return -i;
        const uchar low = i == 1 ? secondLow : 0x80;
        const uchar high = i == 1 ? secondHigh : 0xBF;
        if (p[i] < low || p[i] > high)
            return -i;
    }
    return length;
}

const char Replacement[] = "\xEF\xBF\xBD";
constexpr qsizetype ReplacementSize = 3;

// Walks body once, handing each run of well-formed bytes and each ill-formed subpart to the sinks.
template <typename Valid, typename Invalid>
void walkUtf8(const QByteArray& body, Valid onValid, Invalid onInvalid)
{
    const auto* data = reinterpret_cast<const uchar*>(body.constData());
    const qsizetype size = body.size();
    qsizetype runStart = 0;
    qsizetype i = 0;
    while (i < size) {
        if (data[i] < 0x80) {
            ++i;
            continue;
        }
        const qsizetype length = sequenceLength(data + i, size - i);
        if (length > 0) {
            i += length;
            continue;
        }
        if (i > runStart && !onValid(runStart, i))
            return;
        if (!onInvalid(i, -length))
            return;
        i += -length;
        runStart = i;
    }
    if (i > runStart)
        onValid(runStart, i);
}

QByteArray replaceInvalidUtf8(const QByteArray& body)
{
    QByteArray repaired;
    repaired.reserve(body.size() + ReplacementSize); // append grows geometrically from there
    walkUtf8(
        body,
        [&](qsizetype from, qsizetype to) {
            repaired.append(body.constData() + from, to - from);
            return true;
        },
        [&](qsizetype, qsizetype) {
            repaired.append(Replacement, ReplacementSize);
            return true;
        });
    return repaired;
}

// The offset in body of the byte that ended up at repairedOffset of its repaired copy.
qsizetype originalOffset(const QByteArray& body, qsizetype repairedOffset)
{
    qsizetype delta = 0; // repaired minus original, up to the current position
    qsizetype result = -1;
    walkUtf8(
        body,
        [&](qsizetype, qsizetype to) {
            if (repairedOffset < to + delta) {
                result = repairedOffset - delta;
                return false;
            }
            return true;
        },
        [&](qsizetype from, qsizetype length) {
            if (repairedOffset < from + delta + ReplacementSize) {
                result = from; // inside a replacement: the bad bytes themselves
                return false;
            }
            delta += ReplacementSize - length;
            return true;
        });
    return result >= 0 ? result : repairedOffset - delta; // at or after the end
}

} // namespace

QJsonDocument parseJsonBody(const QByteArray& body, QJsonParseError* error, bool* repaired)
{
    if (repaired)
        *repaired = false;
    QJsonParseError firstError;
    QJsonDocument document = QJsonDocument::fromJson(body, &firstError);
    // Qt puts the error of a string cut off by the end one byte past the end: an offset is a byte of the
    // body, or its end.
    const auto withinBody = [&body](int offset) {
        return static_cast<int>(std::clamp<qsizetype>(offset, 0, body.size()));
    };
    firstError.offset =
        firstError.error == QJsonParseError::NoError ? firstError.offset : withinBody(firstError.offset);
    if (firstError.error != QJsonParseError::IllegalUTF8String) {
        if (error)
            *error = firstError;
        return document;
    }

    QJsonParseError secondError;
    document = QJsonDocument::fromJson(replaceInvalidUtf8(body), &secondError);
    if (secondError.error == QJsonParseError::NoError) {
        if (repaired)
            *repaired = true;
    } else if (secondError.error == QJsonParseError::IllegalUTF8String) {
        // The repair and Qt disagree on what is valid UTF-8: report what the body itself did.
        secondError = firstError;
    } else {
        secondError.offset = withinBody(static_cast<int>(originalOffset(body, secondError.offset)));
    }
    if (error)
        *error = secondError;
    return document;
}

QString describeJsonError(const QJsonParseError& error, qsizetype bodySize)
{
    if (error.error == QJsonParseError::NoError)
        return {};
    if (bodySize == 0)
        return QCoreApplication::translate("JsonBody", "The answer is empty, not JSON.");
    return QCoreApplication::translate("JsonBody", "The answer is not valid JSON (%1 at byte %2 of %3).")
        .arg(error.errorString(), QString::number(error.offset), QString::number(bodySize));
}

// A JSON string as QJsonDocument writes it: UTF-8, with ", \ and control characters escaped.
void appendJsonString(QByteArray& out, QStringView text)
{
    out += '"';
    const QByteArray utf8 = text.toUtf8();
    for (const char c : utf8) {
        const auto byte = static_cast<unsigned char>(c);
        switch (byte) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\b':
            out += "\\b";
            break;
        case '\f':
            out += "\\f";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        case '\t':
            out += "\\t";
            break;
        default:
            if (byte < 0x20) {
                static const char hex[] = "0123456789abcdef";
                out += "\\u00";
                out += hex[byte >> 4];
                out += hex[byte & 0xf];
            } else {
                out += c;
            }
        }
    }
    out += '"';
}

} // namespace Alchemyst
