#pragma once

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
// server text through terminalSafe(); JSON and CSV are data, exact.

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
// alive at once.
void writeJobs(QTextStream& out, const JobList& jobs, const std::function<bool(const Job&)>& matches,
               const TriageSession& triage, qint64 now, bool csv);

} // namespace Alchemyst
