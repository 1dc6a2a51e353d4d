#pragma once

#include "core/journal.h"
#include "jobs/job.h"

#include <QByteArray>
#include <QString>
#include <functional>

namespace Alchemyst {

// Jobs as files an operator opens elsewhere, for the window's "Export Visible Jobs…" and the CLI's
// `list --csv` alike.
//
// RFC 4180 CSV: a header line, CRLF line ends, fields quoted only when they hold a comma, a double quote,
// CR or LF. Columns are the keys of a job's JSON object (appendJobJson, jobs/jobjson.h) in this order: jobId,
// status, attemptsMade, processedOn, finishedOn, failedReason, fileName, source. Times are ISO 8601 UTC with
// milliseconds, as in the JSON, empty when unknown, as are unknown attempts. Server text (id, status, reason,
// file name, source) that a spreadsheet would run as a formula gets a leading ' (CsvCells::Neutralised); the
// numbers and times are the program's own and are written as they are.
QByteArray jobsToCsv(const JobList& jobs);
// Appends one job's CSV line (with its CRLF) to out: for callers that stream many jobs. CsvCells::Raw only
// when a script asked for the server's text as it came.
void appendJobCsv(QByteArray& out, const Job& job, CsvCells cells = CsvCells::Neutralised);
QByteArray jobsCsvHeader(); // the header line, with its CRLF

// A JSON array of the jobs' objects, one a line, in the one vocabulary (appendJobJson, jobs/jobjson.h): the
// same bytes for a job as `alchemyst-jobs list --json` writes before the ages it adds (ageMs, stuck,
// firstSeen), the same framing as its array ("[]" when empty).
QByteArray jobsToJson(const JobList& jobs);

// "Copy for a ticket": the jobs as a GitHub-flavoured Markdown table, one row per job in the order given,
// with the columns ID, State, File, Source, Started (UTC), Age and Reason. The state is the server's word
// (what support searches for); Started is ISO 8601 UTC. ageOf gives a job's age as the window shows it
// (first sightings for waiting jobs); without it, the age counts from processedOn to finishedOn, or to
// nowMs while the job is not finished, and is empty when processedOn is unknown. Server text is escaped
// so that it stays inside its cell and shows as typed: backslash and the punctuation Markdown acts on
// (| ` * _ [ ] < > ~) get a backslash, line breaks become <br>, other control characters a space.
QString jobsToMarkdown(const JobList& jobs, qint64 nowMs,
                       const std::function<QString(const Job&)>& ageOf = {});
// One cell's text as jobsToMarkdown writes it.
QString markdownCell(const QString& text);
// "15 s", "41 min", "3 h 5 min", "2 d 4 h": an age compact enough for a table cell (not translated:
// tickets are read by support).
QString compactAge(qint64 ms);

} // namespace Alchemyst
