#pragma once

#include "jobs/job.h"

#include <QByteArray>
#include <QString>
#include <functional>

class QWidget;

namespace Alchemyst {

class JobFilterModel;

// Where a file is saved: the operator's QFileDialog, or what a test decided. An empty answer means the
// operator backed out.
using SaveFileNameProvider = std::function<QString(QWidget* parent, const QString& caption,
                                                   const QString& suggestedName, const QString& filter)>;

// Replaces the file dialog for every save of the window (tests); an empty provider restores the dialog.
void setSaveFileNameProvider(SaveFileNameProvider provider);
QString askSaveFileName(QWidget* parent, const QString& caption, const QString& suggestedName,
                        const QString& filter);

// Writes bytes to path whole or not at all (QSaveFile); on failure says why in a message box and returns
// false.
bool saveBytes(QWidget* parent, const QString& path, const QByteArray& bytes);

// Asks where, then saves: CSV when the chosen name ends in .csv or the CSV filter was picked, else JSON.
// Returns the path written, empty when nothing was.
QString saveCsvOrJson(QWidget* parent, const QString& caption, const QString& baseName, bool csv,
                      const std::function<QByteArray()>& makeCsv,
                      const std::function<QByteArray()>& makeJson);

// The jobs the table shows, in the order it shows them: what the filter and the search let through.
JobList visibleJobs(const JobFilterModel* filter);

// File → Export Visible Jobs…: asks for a file and writes the visible rows as CSV or JSON (by extension).
void exportVisibleJobs(QWidget* parent, const JobFilterModel* filter);

} // namespace Alchemyst
