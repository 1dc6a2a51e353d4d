#include "exportfeedback.h"

#include "exportrows.h"
#include "jobs/jobexport.h"
#include "jobs/jobfiltermodel.h"
#include "messages.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QLocale>

namespace Alchemyst {

namespace {
// A class for the context, so that lupdate files the texts under the one the runtime looks them up in.
struct Feedback
{
    Q_DECLARE_TR_FUNCTIONS(Alchemyst::ExportFeedback)
};
} // namespace

QString exportedSentence(int jobs, const QString& path)
{
    return Feedback::tr("Exported %Ln job(s) to %1.", nullptr, jobs).arg(QDir::toNativeSeparators(path));
}

QString emptyExportSentence()
{
    return Feedback::tr("The table shows no jobs, so there is nothing to export. Choose another state or "
                        "clear the search, then export again.");
}

QString exportVisibleJobsWithFeedback(QWidget* parent, const JobFilterModel* filter)
{
    if (!filter || filter->rowCount() == 0) {
        showMessage(parent, QStringLiteral("emptyExportDialog"), QMessageBox::Warning,
                    Feedback::tr("Nothing to export"), emptyExportSentence());
        return {};
    }
    const QString base = QStringLiteral("jobs-%1").arg(
        QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss")));
    // The rows are read once the file is chosen: what the table shows then is what goes out, and counted.
    int written = 0;
    const QString path = saveCsvOrJson(
        parent, Feedback::tr("Export Visible Jobs"), base, true,
        [filter, &written] {
            const JobList jobs = visibleJobs(filter);
            written = static_cast<int>(jobs.size());
            return jobsToCsv(jobs);
        },
        [filter, &written] {
            const JobList jobs = visibleJobs(filter);
            written = static_cast<int>(jobs.size());
            return jobsToJson(jobs);
        });
    return path.isEmpty() ? QString() : exportedSentence(written, path);
}

} // namespace Alchemyst
