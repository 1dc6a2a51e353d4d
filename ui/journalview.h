#pragma once

#include "core/journal.h"

#include <QDialog>
#include <atomic>
#include <memory>

class QCheckBox;
class QComboBox;
class QDateTimeEdit;
class QLabel;
class QTableView;

namespace Alchemyst {

class JournalTableModel;
struct JournalRead;

// Jobs → Cancel Journal…: every cancel attempt recorded on this computer (window and CLI alike), one row
// per attempt (a "sending" line and its answer are one row; a cancel sent without a recorded answer shows
// as "sent, answer unknown"), filtered by environment, time and outcome, exported as CSV or JSON. Reads
// the files on a worker thread, so that a big journal never holds up the window; never writes them.
class JournalView : public QDialog
{
    Q_OBJECT

public:
    JournalView(const Journal& journal, const QString& currentEnvironment, QWidget* parent = nullptr);
    ~JournalView() override;

    JournalFilter filter() const;
    QList<JournalEntry> entries() const { return m_entries; } // what the table shows, oldest first
    bool isReading() const { return m_reading != nullptr; }

public slots:
    // Reads the journal again in the background; the rows shown stay until the new ones are there.
    void reload();

private:
    void showRead(JournalRead& read);
    void applyFilter();

    Journal m_journal;
    QString m_initialEnvironment; // chosen after the first read when it has entries
    QList<JournalEntry> m_all;    // every attempt of the last read
    QList<JournalEntry> m_entries;
    int m_malformed = 0;
    QString m_readError;
    // Set when the read running is no longer wanted (a newer one started, or the view closed): the worker
    // stops at its next entry and its result is dropped.
    std::shared_ptr<std::atomic_bool> m_reading;
    QComboBox* m_environment = nullptr;
    QComboBox* m_outcome = nullptr;
    QCheckBox* m_sinceCheck = nullptr;
    QDateTimeEdit* m_since = nullptr;
    QLabel* m_summary = nullptr;
    QTableView* m_table = nullptr;
    JournalTableModel* m_model = nullptr;
};

} // namespace Alchemyst
