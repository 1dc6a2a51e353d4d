#pragma once

#include "core/journal.h"
#include "jobs/job.h"

#include <QString>
#include <QStringList>
#include <QTextStream>
#include <QUrl>
#include <functional>

namespace Alchemyst {

// The JSON and CSV names of the state categories, in StateCategory order: waiting, delayed, active,
// completed, failed, cancelled, other.
const QStringList& categoryKeys();

struct ApiResult;
struct ReceiptLine;
class TriageSession;

// How alchemyst-jobs writes times, failures, receipts, URLs and jobs. Every text made for a terminal passes
// server text through terminalSafe(); JSON is data, exact, with the code points a terminal acts on written
// as \u escapes (terminalSafeJson); CSV neutralises cells that look like formulas (CsvCells).

// A time in a text table: ISO 8601, local; "-" when unknown.
QString isoTime(qint64 epochMs);
// A time for JSON and CSV: ISO 8601 in UTC with milliseconds; empty when unknown.
QString isoUtc(qint64 epochMs);
// One line about a failed call, safe for a terminal.
QString describe(const ApiResult& result);
// One job of a cancel as the operator reads it: "ID: cancelled — message", "ID: running (HTTP 409): message",
// "ID: skipped — why".
QString receiptText(const ReceiptLine& line);
// A URL as the operator may see it: never a user name or password, never a control character.
QString shown(const QUrl& url);

// One row of list's text table; the cells are already safe. Padded by hand and joined, never through chained
// arg(): server text may hold "%1".
QString listRow(const QString& id, const QString& state, const QString& attempts, const QString& started,
                const QString& finished, const QString& rest);

// list --json or --csv: the jobs that match, each with what the triage knows of its age (ageMs, stuck,
// firstSeen), streamed job by job to out's device: never the whole output, its bytes and an encoded copy
// alive at once. CSV cells that look like formulas are neutralised unless cells is CsvCells::Raw
// (--raw-cells); JSON passes through terminalSafeJson().
void writeJobs(QTextStream& out, const JobList& jobs, const std::function<bool(const Job&)>& matches,
               const TriageSession& triage, qint64 now, bool csv, CsvCells cells = CsvCells::Neutralised);

// JSON (UTF-8) with U+007F–U+009F, U+2028/U+2029, U+202A–U+202E and U+2066–U+2069 written as \uXXXX: the
// same JSON value, but no C1 control (U+009B is CSI to terminals that decode C1), DEL or bidi override
// reaches a terminal raw. These code points only occur inside JSON strings, where \u escapes mean the same,
// so the rewrite is bytewise. Every JSON alchemyst-jobs writes passes through it.
QByteArray terminalSafeJson(QByteArray json);
// The same for a QTextStream: the text of terminalSafeJson(json).
QString terminalSafeJsonText(const QByteArray& json);

} // namespace Alchemyst
