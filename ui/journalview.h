#pragma once

#include "core/journal.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QDateTimeEdit;
class QLabel;
class QStandardItemModel;
class QTableView;

namespace Alchemyst {

// Jobs → Cancel Journal…: every cancel attempt recorded on this computer (window and CLI alike), filtered
// by environment, time and outcome, exported as CSV or JSON. Reads the file; never writes it.
class JournalView : public QDialog
{
    Q_OBJECT

public:
    JournalView(const Journal& journal, const QString& currentEnvironment, QWidget* parent = nullptr);

    JournalFilter filter() const;
    QList<JournalEntry> entries() const { return m_entries; } // what the table shows

public slots:
    void reload();

private:
    void applyFilter();

    Journal m_journal;
    QList<JournalEntry> m_entries;
    QComboBox* m_environment = nullptr;
    QComboBox* m_outcome = nullptr;
    QCheckBox* m_sinceCheck = nullptr;
    QDateTimeEdit* m_since = nullptr;
    QLabel* m_summary = nullptr;
    QTableView* m_table = nullptr;
    QStandardItemModel* m_model = nullptr;
};

} // namespace Alchemyst
