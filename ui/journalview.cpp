#include "journalview.h"

#include "exportrows.h"

#include <QAbstractTableModel>
#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSet>
#include <QTableView>
#include <QThread>
#include <QVBoxLayout>
#include <functional>

namespace Alchemyst {

// What a read on the worker thread hands to the view.
struct JournalRead
{
    QList<JournalEntry> entries;
    QSet<QString> environments;
    QSet<QString> outcomes;
    int malformed = 0;
    QString error;
};

// The rows of the table over the filtered entries, newest first: items made only for the rows drawn,
// so that a journal of a hundred thousand attempts costs no pause.
class JournalTableModel : public QAbstractTableModel
{
public:
    using QAbstractTableModel::QAbstractTableModel;

    static QString outcomeText(const QString& outcome)
    {
        if (outcome == unansweredOutcomeName())
            return JournalView::tr("sent, answer unknown");
        return outcome;
    }

    void setEntries(const QList<JournalEntry>& entries)
    {
        beginResetModel();
        m_entries = entries;
        endResetModel();
    }

    int rowCount(const QModelIndex& parent = {}) const override
    {
        return parent.isValid() ? 0 : static_cast<int>(m_entries.size());
    }
    int columnCount(const QModelIndex& parent = {}) const override { return parent.isValid() ? 0 : 9; }

    QVariant data(const QModelIndex& index, int role) const override
    {
        if (!index.isValid() || role != Qt::DisplayRole)
            return {};
        // Newest first: the last cancels are what the operator came for.
        const JournalEntry& entry = m_entries.at(m_entries.size() - 1 - index.row());
        // Drawn as text by the view's delegate: the server's words stay words.
        switch (index.column()) {
        case 0:
            return entry.time.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
        case 1:
            return entry.environment;
        case 2:
            return entry.jobId;
        case 3:
            return entry.stateBefore;
        case 4:
            return entry.httpStatus > 0 ? QString::number(entry.httpStatus) : QString();
        case 5:
            return outcomeText(entry.outcome);
        case 6:
            return entry.message;
        case 7:
            return entry.origin;
        case 8:
            return entry.server;
        }
        return {};
    }

    QVariant headerData(int section, Qt::Orientation orientation, int role) const override
    {
        if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
            return QAbstractTableModel::headerData(section, orientation, role);
        const QStringList labels{
            JournalView::tr("Time"),         JournalView::tr("Environment"), JournalView::tr("Job ID"),
            JournalView::tr("State before"), JournalView::tr("HTTP"),        JournalView::tr("Outcome"),
            JournalView::tr("Message"),      JournalView::tr("Origin"),      JournalView::tr("Server")};
        return labels.value(section);
    }

private:
    QList<JournalEntry> m_entries;
};

namespace {

void resetChoices(QComboBox* combo, const QString& anyText, QStringList values, const QString& keep,
                  const std::function<QString(const QString&)>& textOf)
{
    const QString current = combo->currentIndex() > 0 ? combo->currentData().toString() : keep;
    QSignalBlocker blocker(combo);
    combo->clear();
    combo->addItem(anyText, QString());
    values.sort(Qt::CaseInsensitive);
    for (const QString& value : values)
        combo->addItem(textOf(value), value); // a combo item is drawn as text
    const int index = current.isEmpty() ? 0 : combo->findData(current);
    combo->setCurrentIndex(qMax(0, index));
}

QString asIs(const QString& value)
{
    return value;
}

} // namespace

JournalView::JournalView(const Journal& journal, const QString& currentEnvironment, QWidget* parent)
    : QDialog(parent)
    , m_journal(journal)
    , m_initialEnvironment(currentEnvironment)
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

    m_model = new JournalTableModel(this);
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
    m_table->setColumnWidth(5, widthOf(JournalTableModel::outcomeText(unansweredOutcomeName())));
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

    // Choices come from the whole journal once it is read.
    resetChoices(m_environment, tr("Any"), {}, QString(), asIs);
    resetChoices(m_outcome, tr("Any"), {}, QString(), asIs);
    reload();
}

JournalView::~JournalView()
{
    // The worker stops at its next entry; its result goes nowhere (the connection died with this view).
    if (m_reading)
        m_reading->store(true);
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
    if (m_reading)
        m_reading->store(true);
    const auto cancelled = std::make_shared<std::atomic_bool>(false);
    const auto read = std::make_shared<JournalRead>();
    m_reading = cancelled;
    // The worker has its own copy of the journal (a path and settings) and writes only into `read`, which
    // the view touches only after the thread has finished.
    QThread* thread = QThread::create([journal = m_journal, cancelled, read] {
        journal.forEachAttempt(
            {},
            [&](const JournalEntry& entry) {
                if (cancelled->load())
                    return false;
                read->entries.append(entry);
                read->environments.insert(entry.environment);
                read->outcomes.insert(entry.outcome);
                return true;
            },
            &read->malformed, &read->error);
    });
    thread->setObjectName(QStringLiteral("journalReader"));
    // No parent: the thread outlives a view closed mid-read and deletes itself once it has ended.
    connect(thread, &QThread::finished, thread, &QObject::deleteLater);
    // Queued to this view's thread, and dropped with the connection when the view is gone.
    connect(thread, &QThread::finished, this, [this, cancelled, read] {
        if (cancelled->load())
            return; // a newer read is on its way
        m_reading.reset();
        showRead(*read);
    });
    m_summary->setText(tr("Reading the journal…"));
    thread->start(QThread::LowPriority);
}

void JournalView::showRead(JournalRead& read)
{
    m_all = std::move(read.entries);
    m_malformed = read.malformed;
    m_readError = read.error;
    read.environments.remove(QString());
    read.outcomes.remove(QString());
    resetChoices(m_environment, tr("Any"), read.environments.values(), QString(), asIs);
    resetChoices(m_outcome, tr("Any"), read.outcomes.values(), QString(), JournalTableModel::outcomeText);
    // The current environment is chosen on opening when it has entries.
    if (!m_initialEnvironment.isEmpty()) {
        const int current = m_environment->findData(m_initialEnvironment);
        m_initialEnvironment.clear();
        if (current > 0) {
            QSignalBlocker blocker(m_environment);
            m_environment->setCurrentIndex(current);
        }
    }
    applyFilter();
}

void JournalView::applyFilter()
{
    const JournalFilter current = filter();
    m_entries.clear();
    for (const JournalEntry& entry : std::as_const(m_all)) {
        if (current.matches(entry))
            m_entries.append(entry);
    }
    m_model->setEntries(m_entries);
    if (isReading())
        return; // the summary says so until the read is shown
    QString summary = tr("%n entry(ies) shown.", nullptr, static_cast<int>(m_entries.size())) +
                      QLatin1Char(' ') + tr("Journal: %1").arg(m_journal.path());
    if (m_malformed > 0)
        summary += QLatin1Char(' ') + tr("%n unreadable line(s) skipped.", nullptr, m_malformed);
    if (!m_readError.isEmpty())
        summary += QLatin1Char(' ') + tr("The journal could not be read: %1").arg(m_readError);
    m_summary->setText(summary);
}

} // namespace Alchemyst
