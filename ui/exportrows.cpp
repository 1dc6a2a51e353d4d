#include "exportrows.h"

#include "jobs/jobexport.h"
#include "jobs/jobfiltermodel.h"
#include "jobs/jobmodel.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFileDialog>
#include <QMessageBox>
#include <QSaveFile>

namespace Alchemyst {

namespace {

SaveFileNameProvider& provider()
{
    static SaveFileNameProvider instance;
    return instance;
}

// A class for the context, so that lupdate files the texts under the one the runtime looks them up in.
struct Export
{
    Q_DECLARE_TR_FUNCTIONS(Alchemyst::ExportRows)
};

} // namespace

void setSaveFileNameProvider(SaveFileNameProvider value)
{
    provider() = std::move(value);
}

QString askSaveFileName(QWidget* parent, const QString& caption, const QString& suggestedName,
                        const QString& filter)
{
    if (provider())
        return provider()(parent, caption, suggestedName, filter);
    return QFileDialog::getSaveFileName(parent, caption, QDir::home().filePath(suggestedName), filter);
}

bool saveBytes(QWidget* parent, const QString& path, const QByteArray& bytes)
{
    QSaveFile file(path);
    if (file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size() && file.commit())
        return true;
    auto* box = new QMessageBox(
        QMessageBox::Critical, Export::tr("Not saved"),
        Export::tr("%1 could not be written: %2").arg(QDir::toNativeSeparators(path), file.errorString()),
        QMessageBox::Ok, parent);
    box->setObjectName(QStringLiteral("saveErrorDialog"));
    box->setTextFormat(Qt::PlainText);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
    return false;
}

QString saveCsvOrJson(QWidget* parent, const QString& caption, const QString& baseName, bool csv,
                      const std::function<QByteArray()>& makeCsv, const std::function<QByteArray()>& makeJson)
{
    const QString suggested = baseName + (csv ? QStringLiteral(".csv") : QStringLiteral(".json"));
    const QString filter = csv ? Export::tr("CSV files (*.csv);;JSON files (*.json)")
                               : Export::tr("JSON files (*.json);;CSV files (*.csv)");
    QString path = askSaveFileName(parent, caption, suggested, filter);
    if (path.isEmpty())
        return {};
    bool asCsv = csv;
    if (path.endsWith(QLatin1String(".csv"), Qt::CaseInsensitive))
        asCsv = true;
    else if (path.endsWith(QLatin1String(".json"), Qt::CaseInsensitive))
        asCsv = false;
    return saveBytes(parent, path, asCsv ? makeCsv() : makeJson()) ? path : QString();
}

JobList visibleJobs(const JobFilterModel* filter)
{
    JobList jobs;
    const JobModel* model = filter->jobModel();
    if (!model)
        return jobs;
    const int rows = filter->rowCount();
    for (int row = 0; row < rows; ++row) {
        const QModelIndex source = filter->mapToSource(filter->index(row, 0));
        if (source.isValid() && source.row() < model->rowCount())
            jobs.append(model->jobAt(source.row()));
    }
    return jobs;
}

void exportVisibleJobs(QWidget* parent, const JobFilterModel* filter)
{
    const QString base = QStringLiteral("jobs-%1").arg(
        QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss")));
    // The rows are read once the file is chosen: what the table shows then is what goes out.
    saveCsvOrJson(
        parent, Export::tr("Export Visible Jobs"), base, true,
        [filter] { return jobsToCsv(visibleJobs(filter)); },
        [filter] { return jobsToJson(visibleJobs(filter)); });
}

} // namespace Alchemyst
