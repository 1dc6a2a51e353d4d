#pragma once

#include "jobs/job.h"

#include <QByteArray>

namespace Alchemyst {

// Jobs as files an operator opens elsewhere, for the window's "Export Visible Jobs…" and the CLI's
// `list --csv` alike.
//
// RFC 4180 CSV: a header line, CRLF line ends, fields quoted only when they hold a comma, a double quote,
// CR or LF. Columns are the keys of Job::toJson(), in its order: jobId, status, attemptsMade, processedOn,
// finishedOn, failedReason, fileName, source. Times are ISO 8601 UTC with milliseconds (the JSON has epoch
// milliseconds), empty when unknown, as are unknown attempts. Server text is
// written as it came: a spreadsheet that evaluates a leading '=' is the reader's concern, not a reason to
// change the record.
QByteArray jobsToCsv(const JobList& jobs);
// Appends one job's CSV line (with its CRLF) to out: for callers that stream many jobs.
void appendJobCsv(QByteArray& out, const Job& job);
QByteArray jobsCsvHeader(); // the header line, with its CRLF

// A JSON array of Job::toJson() objects, one per line, byte for byte what Job::appendJson writes.
QByteArray jobsToJson(const JobList& jobs);

} // namespace Alchemyst
