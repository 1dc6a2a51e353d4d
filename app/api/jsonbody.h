#pragma once

#include <QByteArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QString>
#include <QStringView>

namespace Alchemyst {

// Parses a reply body. A valid body is parsed once, exactly as QJsonDocument::fromJson does.
// When Qt stops at invalid UTF-8 inside a string (QJsonParseError::IllegalUTF8String), each
// ill-formed sequence is replaced by U+FFFD in one linear pass over a copy (each "maximal subpart"
// becomes one U+FFFD: Unicode's recommended practice, as in the WHATWG decoder) and the copy is
// parsed once more: one bad byte deep inside an opaque "data" must not cost the whole page. Then
// *error says NoError and *repaired (when given) says true. Any other fault comes back as Qt
// reported it, its offset into `body` (mapped back when the repaired copy failed further on), never past
// the body's end (Qt reports a string cut off by the end one byte beyond it). `error` may be null.
QJsonDocument parseJsonBody(const QByteArray& body, QJsonParseError* error, bool* repaired = nullptr);

// One sentence for the operator, e.g. "The answer is not valid JSON (illegal value at byte 1234 of
// 56789).", the byte being Qt's 0-based offset. Empty for NoError.
QString describeJsonError(const QJsonParseError& error, qsizetype bodySize);

// Appends `text` as a JSON string exactly as QJsonDocument writes it (UTF-8; ", \ and control characters
// escaped), for code that writes JSON without building QJsonObjects: the CLI's output, the simulator's pages.
void appendJsonString(QByteArray& out, QStringView text);

} // namespace Alchemyst
