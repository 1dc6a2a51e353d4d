#pragma once

#include "core/journal.h"
#include "jobs/job.h"

#include <QByteArray>

namespace Alchemyst {

// Jobs as files an operator opens elsewhere, for the window's "Export Visible Jobs…" and the CLI's
// `list --csv` alike.
//
// RFC 4180 CSV: a header line, CRLF line ends, fields quoted only when they hold a comma, a double quote,
// CR or LF. Columns are the keys of Job::toJson(), in its order: jobId, status, attemptsMade, processedOn,
// finishedOn, failedReason, fileName, source. Times are ISO 8601 UTC with milliseconds (the JSON has epoch
// milliseconds), empty when unknown, as are unknown attempts. Server text (id, status, reason, file name,
// source) that a spreadsheet would run as a formula gets a leading ' (CsvCells::Neutralised); the numbers
// and times are the program's own and are written as they are.
QByteArray jobsToCsv(const JobList& jobs);
// Appends one job's CSV line (with its CRLF) to out: for callers that stream many jobs. CsvCells::Raw only
// when a script asked for the server's text as it came.
void appendJobCsv(QByteArray& out, const Job& job, CsvCells cells = CsvCells::Neutralised);
QByteArray jobsCsvHeader(); // the header line, with its CRLF

// A JSON array of Job::toJson() objects, one per line, byte for byte what Job::appendJson writes.
QByteArray jobsToJson(const JobList& jobs);

} // namespace Alchemyst
