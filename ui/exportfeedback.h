#pragma once

#include <QString>

class QWidget;

namespace Alchemyst {

class JobFilterModel;

// File → Export Visible Jobs… with feedback: when the table shows no job, a warning says so and nothing
// is asked or written; otherwise the file is asked for and written (exportrows.h), and the sentence saying
// how many jobs went where is returned, for the status bar ("Exported 42 jobs to /home/…/jobs.csv.").
// Empty when nothing was written (the operator backed out, the warning, or an error already shown).
QString exportVisibleJobsWithFeedback(QWidget* parent, const JobFilterModel* filter);

// The sentences, for the window and its tests.
QString exportedSentence(int jobs, const QString& path);
QString emptyExportSentence();

} // namespace Alchemyst
