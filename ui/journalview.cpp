#include "journalview.h"

#include "exportrows.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSet>
#include <QStandardItemModel>
#include <QTableView>
#include <QVBoxLayout>

namespace Alchemyst {

namespace {

void resetChoices(QComboBox* combo, const QString& anyText, QStringList values, const QString& keep)
{
    const QString current = combo->currentIndex() > 0 ? combo->currentData().toString() : keep;
    QSignalBlocker blocker(combo);
    combo->clear();
    combo->addItem(anyText, QString());
    values.sort(Qt::CaseInsensitive);
    for (const QString& value : values)
        combo->addItem(value, value); // a combo item is drawn as text
    const int index = current.isEmpty() ? 0 : combo->findData(current);
    combo->setCurrentIndex(qMax(0, index));
}

} // namespace

JournalView::JournalView(const Journal& journal, const QString& currentEnvironment, QWidget* parent)
    : QDialog(parent)
    , m_journal(journal)
{
    setObjectName(QStringLiteral("journalView"));
    setWindowTitle(tr("Cancel Journal"));
    resize(1000, 560);
    auto* layout = new QVBoxLayout(this);

    auto* filters = new QHBoxLayout;
    filters->addWidget(new QLabel(tr("Environment:"), this));
    m_environment = new QComboBox(this);
    m_environment->setObjectName(QStringLiteral("journalEnvironmentFilter"));
    m_environment->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_environment->setMinimumContentsLength(14);
    filters->addWidget(m_environment);
    filters->addSpacing(12);
    m_sinceCheck = new QCheckBox(tr("Since:"), this);
    m_sinceCheck->setObjectName(QStringLiteral("journalSinceCheck"));
    filters->addWidget(m_sinceCheck);
    m_since = new QDateTimeEdit(QDateTime::currentDateTime().addDays(-1), this);
    m_since->setObjectName(QStringLiteral("journalSinceEdit"));
    m_since->setCalendarPopup(true);
    m_since->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm"));
    m_since->setEnabled(false);
    filters->addWidget(m_since);
    filters->addSpacing(12);
    filters->addWidget(new QLabel(tr("Outcome:"), this));
    m_outcome = new QComboBox(this);
    m_outcome->setObjectName(QStringLiteral("journalOutcomeFilter"));
    m_outcome->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_outcome->setMinimumContentsLength(10);
    filters->addWidget(m_outcome);
    filters->addStretch(1);
    layout->addLayout(filters);

    m_model = new QStandardItemModel(0, 9, this);
    m_model->setHorizontalHeaderLabels({tr("Time"), tr("Environment"), tr("Job ID"), tr("State before"),
                                        tr("HTTP"), tr("Outcome"), tr("Message"), tr("Origin"),
                                        tr("Server")});
    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("journalTable"));
    m_table->setModel(m_model);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    const QFontMetrics metrics = m_table->fontMetrics();
    const auto widthOf = [&metrics](const QString& sample) { return metrics.horizontalAdvance(sample) + 24; };
    m_table->setColumnWidth(0, widthOf(QStringLiteral("2026-11-29 00:00:00")));
    m_table->setColumnWidth(1, widthOf(QStringLiteral("Production EU")));
    m_table->setColumnWidth(2, widthOf(QStringLiteral("0000000000")));
    m_table->setColumnWidth(3, widthOf(QStringLiteral("State before")));
    m_table->setColumnWidth(4, widthOf(QStringLiteral("HTTP")));
    m_table->setColumnWidth(5, widthOf(QStringLiteral("not-found")));
    m_table->setColumnWidth(6, widthOf(QStringLiteral("Context add is running, it cannot be cancelled.")));
    m_table->horizontalHeader()->setStretchLastSection(true);
    layout->addWidget(m_table, 1);

    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("journalSummary"));
    m_summary->setTextFormat(Qt::PlainText);
    m_summary->setWordWrap(true);
    layout->addWidget(m_summary);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    QPushButton* reloadButton = buttons->addButton(tr("Reload"), QDialogButtonBox::ActionRole);
    reloadButton->setObjectName(QStringLiteral("journalReloadButton"));
    QPushButton* csv = buttons->addButton(tr("Export CSV…"), QDialogButtonBox::ActionRole);
    csv->setObjectName(QStringLiteral("journalExportCsvButton"));
    QPushButton* json = buttons->addButton(tr("Export JSON…"), QDialogButtonBox::ActionRole);
    json->setObjectName(QStringLiteral("journalExportJsonButton"));
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(reloadButton, &QPushButton::clicked, this, &JournalView::reload);
    const auto exportAs = [this](bool asCsv) {
        saveCsvOrJson(
            this, tr("Export Cancel Journal"), QStringLiteral("cancel-journal"), asCsv,
            [this] { return Journal::toCsv(m_entries); }, [this] { return Journal::toJson(m_entries); });
    };
    connect(csv, &QPushButton::clicked, this, [exportAs] { exportAs(true); });
    connect(json, &QPushButton::clicked, this, [exportAs] { exportAs(false); });

    connect(m_environment, &QComboBox::currentIndexChanged, this, &JournalView::applyFilter);
    connect(m_outcome, &QComboBox::currentIndexChanged, this, &JournalView::applyFilter);
    connect(m_sinceCheck, &QCheckBox::toggled, m_since, &QWidget::setEnabled);
    connect(m_sinceCheck, &QCheckBox::toggled, this, &JournalView::applyFilter);
    connect(m_since, &QDateTimeEdit::dateTimeChanged, this, &JournalView::applyFilter);

    // Choices come from the whole journal; the current environment is chosen when it has entries.
    resetChoices(m_environment, tr("Any"), {}, QString());
    resetChoices(m_outcome, tr("Any"), {}, QString());
    reload();
    const int current = m_environment->findData(currentEnvironment);
    if (current > 0)
        m_environment->setCurrentIndex(current);
}

JournalFilter JournalView::filter() const
{
    JournalFilter filter;
    filter.environment = m_environment->currentData().toString();
    filter.outcome = m_outcome->currentData().toString();
    if (m_sinceCheck->isChecked())
        filter.since = m_since->dateTime().toUTC();
    return filter;
}

void JournalView::reload()
{
    const QList<JournalEntry> all = m_journal.read();
    QSet<QString> environments, outcomes;
    for (const JournalEntry& entry : all) {
        environments.insert(entry.environment);
        outcomes.insert(entry.outcome);
    }
    environments.remove(QString());
    outcomes.remove(QString());
    resetChoices(m_environment, tr("Any"), environments.values(), QString());
    resetChoices(m_outcome, tr("Any"), outcomes.values(), QString());
    applyFilter();
}

void JournalView::applyFilter()
{
    int malformed = 0;
    QString error;
    m_entries = m_journal.read(filter(), &malformed, &error);
    m_model->removeRows(0, m_model->rowCount());
    m_model->setRowCount(static_cast<int>(m_entries.size()));
    const QLocale locale;
    // Newest first: the last cancels are what the operator came for.
    for (int i = 0; i < m_entries.size(); ++i) {
        const JournalEntry& entry = m_entries.at(m_entries.size() - 1 - i);
        const QStringList cells{entry.time.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")),
                                entry.environment,
                                entry.jobId,
                                entry.stateBefore,
                                entry.httpStatus > 0 ? QString::number(entry.httpStatus) : QString(),
                                entry.outcome,
                                entry.message,
                                entry.origin,
                                entry.server};
        for (int column = 0; column < cells.size(); ++column) {
            // QStandardItem text is drawn as text: the server's words stay words.
            auto* cell = new QStandardItem(cells.at(column));
            cell->setEditable(false);
            m_model->setItem(i, column, cell);
        }
    }
    QString summary = tr("%n entry(ies) shown.", nullptr, static_cast<int>(m_entries.size())) +
                      QLatin1Char(' ') + tr("Journal: %1").arg(m_journal.path());
    if (malformed > 0)
        summary += QLatin1Char(' ') + tr("%n unreadable line(s) skipped.", nullptr, malformed);
    if (!error.isEmpty())
        summary += QLatin1Char(' ') + tr("The journal could not be read: %1").arg(error);
    m_summary->setText(summary);
}

} // namespace Alchemyst
