#pragma once

#include "jobs/job.h"

#include <QByteArray>
#include <QJsonValue>
#include <QString>

namespace Alchemyst {

// The one JSON vocabulary of everything this program writes about jobs: the CLI's --json and --jsonl and
// the window's JSON export. A job is jobId and status, a value not known is null (never "" or 0), a time
// is ISO 8601 in UTC with milliseconds; durations stay milliseconds (ageMs). Strings are exact JSON with
// the code points a terminal acts on written as \u escapes (terminalSafeJson), so that a file exported by
// the window is as safe to `cat` as the CLI's output.

// A time for JSON and CSV: ISO 8601 in UTC with milliseconds; empty when unknown (0 or before).
QString isoUtc(qint64 epochMs);
// The same for any time, before 1970 too (isoUtc() says "unknown" for those): exactly what
// QDateTime::toString(Qt::ISODateWithMs) writes in UTC, by arithmetic between years 1 and 9999.
QString formatIsoUtc(qint64 epochMs);
// formatIsoUtc() appended as Latin-1 (JSON and CSV are written as bytes).
void appendIsoUtc(QByteArray& out, qint64 epochMs);

QJsonValue jsonTextOrNull(const QString& text);
QJsonValue jsonTimeOrNull(qint64 epochMs);
// jsonTimeOrNull() written onto out: "2026-12-01T09:14:03.120Z" with its quotes, or null.
void appendJsonTimeOrNull(QByteArray& out, qint64 epochMs);

// The one writer of a job's JSON object: {attemptsMade, failedReason, [failedReasonTruncated], fileName,
// finishedOn, jobId, processedOn, source, status}, compact, keys sorted (QJsonDocument's order), byte for
// byte what terminalSafeJson(QJsonDocument(object).toJson(QJsonDocument::Compact)) gives for that object,
// without building it: the CLI streams a million of these. failedReasonTruncated (true) is there only when
// the reason was cut, so that the usual shape stays as it was; it tells a script to ask the job itself.
void appendJobJson(QByteArray& out, const Job& job);

// JSON (UTF-8) with U+007F–U+009F, U+2028/U+2029, U+202A–U+202E and U+2066–U+2069 written as \uXXXX: the
// same JSON value, but no C1 control (U+009B is CSI to terminals that decode C1), DEL or bidi override
// reaches a terminal raw. These code points only occur inside JSON strings, where \u escapes mean the same,
// so the rewrite is bytewise. Every JSON this program writes passes through it.
QByteArray terminalSafeJson(QByteArray json);

} // namespace Alchemyst
