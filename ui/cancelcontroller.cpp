#include "cancelcontroller.h"

#include "api/apiclient.h"
#include "appearance.h"
#include "bulkcanceldialog.h"
#include "core/cancelbatch.h"
#include "core/jobmonitor.h"
#include "core/journal.h"
#include "jobs/jobmodel.h"
#include "jobtablewidget.h"
#include "messages.h"
#include "productionconfirmdialog.h"
#include "statestyle.h"

#include <QAction>
#include <QDir>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QTableView>
#include <algorithm>

namespace Alchemyst {

CancelController::CancelController(QWidget* window, QNetworkAccessManager* manager, JobMonitor* monitor,
                                   Journal* journal, JobTableWidget* jobs, QAction* cancelAction,
                                   QObject* parent)
    : QObject(parent)
    , m_window(window)
    , m_manager(manager)
    , m_monitor(monitor)
    , m_journal(journal)
    , m_jobs(jobs)
    , m_cancelAction(cancelAction)
{
    QTableView* table = m_jobs->table();
    connect(table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &CancelController::updateSelection);
    connect(m_jobs, &JobTableWidget::categoryChanged, this, &CancelController::updateSelection);
    // The selected job's state is coloured for the palette.
    followPalette(m_jobs->selectionLabel(), [self = QPointer<CancelController>(this)] {
        if (self)
            self->updateSelection();
    });
    connect(m_jobs->cancelButton(), &QPushButton::clicked, this, &CancelController::cancelSelected);
    connect(m_cancelAction, &QAction::triggered, this, &CancelController::cancelSelected);

    connect(m_monitor, &JobMonitor::cancellingChanged, this, &CancelController::updateSelection);
    connect(m_monitor, &JobMonitor::cancelFinished, this, &CancelController::handleCancelResult);
    connect(m_monitor->model(), &QAbstractItemModel::dataChanged, this, &CancelController::updateSelection);
    // Queued: a refresh emits these mid-way; the selection is read once the model is whole again.
    auto* filter = table->model();
    connect(filter, &QAbstractItemModel::rowsRemoved, this, &CancelController::updateSelection,
            Qt::QueuedConnection);
    connect(filter, &QAbstractItemModel::layoutChanged, this, &CancelController::updateSelection,
            Qt::QueuedConnection);
    connect(filter, &QAbstractItemModel::modelReset, this, &CancelController::updateSelection);
}

CancelController::~CancelController()
{
    // A running batch stops now, while the window it reports to is still whole.
    delete m_receipt;
}

void CancelController::setEnvironment(const Environment& environment)
{
    ++m_generation;
    m_environment = environment;
    m_keyAvailable = false;
}

void CancelController::setKeyAvailable(bool available)
{
    m_keyAvailable = available;
}

void CancelController::setBatchRequestBudget(int maxRequests, qint64 windowMs)
{
    m_batchMaxRequests = maxRequests;
    m_batchWindowMs = windowMs;
}

CancelReceiptDialog* CancelController::receipt() const
{
    return m_receipt;
}

QString CancelController::selectedJobId() const
{
    const QModelIndexList rows = m_jobs->table()->selectionModel()->selectedRows();
    return rows.isEmpty() ? QString() : rows.constFirst().data(JobModel::JobIdRole).toString();
}

JobList CancelController::selectedJobs() const
{
    QModelIndexList rows = m_jobs->table()->selectionModel()->selectedRows();
    // In the order the table shows them, whatever order they were clicked in.
    std::sort(rows.begin(), rows.end(),
              [](const QModelIndex& a, const QModelIndex& b) { return a.row() < b.row(); });
    const JobModel* model = m_monitor->model();
    JobList jobs;
    for (const QModelIndex& index : std::as_const(rows)) {
        const int row = model->rowOf(index.data(JobModel::JobIdRole).toString());
        if (row >= 0)
            jobs.append(model->jobAt(row));
    }
    return jobs;
}

bool CancelController::cancelInFlight(const QString& id) const
{
    // A single cancel of a job that a running batch still has to send (or awaits the answer of) would race
    // the batch's: one cancel per job at a time.
    return m_monitor->isCancelling(id) || (m_receipt && m_receipt->batch()->isUnsettled(id));
}

QString CancelController::whyNotCancellable(const QString& id) const
{
    const JobModel* model = m_monitor->model();
    const int row = id.isEmpty() ? -1 : model->rowOf(id);
    if (row < 0)
        return tr("Job %1 is not in the list.").arg(id);
    const Job& job = model->jobAt(row);
    if (!isCancellableState(job.state))
        return tr("Only waiting or delayed jobs can be cancelled; this one is %1.").arg(job.state);
    if (cancelInFlight(id))
        return tr("Job %1 is being cancelled.").arg(id);
    if (!m_keyAvailable)
        return tr("There is no API key to cancel job %1 with.").arg(id);
    return QString();
}

void CancelController::updateSelection()
{
    QLabel* label = m_jobs->selectionLabel();
    QPushButton* button = m_jobs->cancelButton();
    button->setText(tr("Cancel Job"));
    if (m_jobs->table()->selectionModel()->selectedRows().size() > 1)
        return updateSeveralSelected();
    const JobModel* model = m_monitor->model();
    const QString id = selectedJobId();
    const int row = id.isEmpty() ? -1 : model->rowOf(id);
    if (row < 0) {
        label->setText(model->rowCount() > 0 ? tr("Select a job to cancel it. Only waiting and delayed "
                                                  "jobs can be cancelled.")
                                             : QString());
        button->setEnabled(false);
        m_cancelAction->setEnabled(false);
        button->setToolTip(QString());
        return;
    }
    const Job& job = model->jobAt(row);
    QString summary = tr("Job <b>%1</b> is <span style=\"color:%2; font-weight:600\">%3</span>")
                          .arg(escaped(job.id), stateColor(categoryOf(job.state), label->palette()).name(),
                               escaped(job.state));
    const QString file = job.fileName.isEmpty() ? job.source : job.fileName;
    if (!file.isEmpty())
        summary += QStringLiteral(" · ") + escaped(file);
    if (cancelInFlight(job.id))
        summary += QStringLiteral(" · ") + tr("cancelling…");
    label->setText(summary);
    const QString whyNot = whyNotCancellable(job.id);
    button->setEnabled(whyNot.isEmpty());
    m_cancelAction->setEnabled(whyNot.isEmpty());
    // The state is what the tool tip explains; a cancel in flight or a missing key show elsewhere.
    button->setToolTip(
        plainToolTip(isCancellableState(job.state)
                         ? tr("Cancel job %1 (%2)")
                               .arg(job.id, m_cancelAction->shortcut().toString(QKeySequence::NativeText))
                         : whyNot));
}

void CancelController::updateSeveralSelected()
{
    const JobList jobs = selectedJobs();
    int cancellable = 0;
    for (const Job& job : jobs)
        cancellable += isCancellableState(job.state) ? 1 : 0;
    const QLocale locale;
    m_jobs->selectionLabel()->setText(
        tr("<b>%Ln job(s)</b> selected · %1 can be cancelled (waiting or delayed)", nullptr,
           static_cast<int>(jobs.size()))
            .arg(locale.toString(cancellable)));
    const bool batchRunning = m_receipt && m_receipt->batch()->isRunning();
    const bool enabled = cancellable > 0 && m_keyAvailable && !batchRunning;
    QPushButton* button = m_jobs->cancelButton();
    button->setText(tr("Cancel Jobs…"));
    button->setEnabled(enabled);
    m_cancelAction->setEnabled(enabled);
    button->setToolTip(batchRunning
                           ? tr("A batch of cancels is still running.")
                           : tr("Preview what a cancel of the selected jobs would do (%1)")
                                 .arg(m_cancelAction->shortcut().toString(QKeySequence::NativeText)));
}

bool CancelController::journalReadyOrAccepted()
{
    QString why;
    if (m_journal->canWrite(&why))
        return true;
    QMessageBox box(QMessageBox::Warning, tr("Cancels cannot be recorded"),
                    tr("Every cancel is recorded in the journal %1, but it cannot be written:\n%2\n\n"
                       "Cancel anyway, without a record?")
                        .arg(QDir::toNativeSeparators(m_journal->path()), why),
                    QMessageBox::Yes | QMessageBox::No, m_window);
    box.setObjectName(QStringLiteral("journalUnwritableQuestion"));
    box.setTextFormat(Qt::PlainText);
    box.button(QMessageBox::Yes)->setText(tr("Cancel Without a Record"));
    box.button(QMessageBox::No)->setText(tr("Don't Cancel"));
    box.setDefaultButton(QMessageBox::No);
    box.setEscapeButton(QMessageBox::No);
    return box.exec() == QMessageBox::Yes;
}

void CancelController::cancelSelected()
{
    if (m_jobs->table()->selectionModel()->selectedRows().size() > 1)
        return cancelSeveral(selectedJobs());
    const QString id = selectedJobId();
    if (!whyNotCancellable(id).isEmpty())
        return;
    if (m_environment.production) {
        const int before = m_generation;
        if (!ProductionConfirmDialog::confirm(id, m_environment.name, m_window))
            return;
        // The confirmation was modal while refreshes ran: the monitor checks the job's state again, and a
        // switch of environment meanwhile voids it.
        if (before != m_generation)
            return;
    }
    const int asked = m_generation;
    if (!journalReadyOrAccepted() || asked != m_generation)
        return;
    sendOne(id);
}

void CancelController::sendOne(const QString& id)
{
    if (m_monitor->cancel(id))
        emit statusMessage(tr("Cancelling job %1…").arg(id), 0);
}

void CancelController::handleCancelResult(const QString& id, const ApiResult& result)
{
    const QString server = result.message.isEmpty() ? QString() : tr("Server: %1").arg(result.message);
    const QString status = result.httpStatus > 0 ? tr("HTTP status: %1").arg(result.httpStatus)
                                                 : tr("HTTP status: none (no answer from the server)");
    switch (result.outcome) {
    case Outcome::Cancelled:
        emit statusMessage(tr("Job %1 cancelled.").arg(id), 8000);
        return;
    case Outcome::Conflict:
        // The server's integrity message, verbatim: it is the operator's explanation.
        showMessage(m_window, QStringLiteral("cancelConflictDialog"), QMessageBox::Warning,
                    tr("Job is running"),
                    result.message.isEmpty() ? outcomeSentence(result.outcome) : result.message,
                    tr("Job %1 could not be cancelled. %2").arg(id, status));
        emit statusMessage(tr("Job %1 is running and was not cancelled.").arg(id), 8000);
        return;
    case Outcome::NotFound:
        showMessage(m_window, QStringLiteral("cancelNotFoundDialog"), QMessageBox::Information,
                    tr("Job not found"),
                    tr("Job %1 was not found, or it has already completed or failed.").arg(id),
                    QStringList{server, status}.join(QLatin1Char('\n')).trimmed());
        return;
    case Outcome::Unauthorized:
        emit keyRejected(tr("The server did not accept the API key while cancelling job %1 (HTTP 401). %2")
                             .arg(id, server));
        return;
    default:
        showMessage(m_window, QStringLiteral("cancelErrorDialog"), QMessageBox::Critical,
                    tr("Could not cancel the job"),
                    tr("Job %1 was not cancelled. %2").arg(id, outcomeSentence(result.outcome)),
                    QStringList{status, server}.join(QLatin1Char('\n')).trimmed());
        return;
    }
}

void CancelController::cancelSeveral(const JobList& jobs)
{
    if (jobs.isEmpty() || !m_keyAvailable)
        return;
    if (m_receipt && m_receipt->batch()->isRunning()) {
        m_receipt->raise();
        m_receipt->activateWindow();
        return;
    }
    const int asked = m_generation;
    BulkCancelPreviewDialog preview(CancelBatch::preview(jobs), m_environment.name, m_environment.production,
                                    m_window);
    // Modal while refreshes run: a switch of environment meanwhile voids the answer.
    if (preview.exec() != QDialog::Accepted || asked != m_generation)
        return;
    const bool recorded = m_journal->canWrite();
    if (!recorded && (!journalReadyOrAccepted() || asked != m_generation))
        return;
    sendBatch(jobs, recorded);
}

void CancelController::sendBatch(const JobList& jobs, bool recorded)
{
    const int asked = m_generation;
    const QString environment = m_environment.name;
    // A client of its own on the window's manager: switching environments aborts the monitor's requests,
    // and must not abort the cancels already on their way.
    auto* client = new ApiClient(m_manager);
    client->setBaseUrl(m_monitor->client()->baseUrl());
    client->setApiKey(m_monitor->client()->apiKey());
    auto* batch = new CancelBatch(client, recorded ? m_journal : nullptr, environment,
                                  client->baseUrl().toString(), CancelOrigin::Window);
    client->setParent(batch);
    if (m_batchMaxRequests > 0)
        batch->setRequestBudget(m_batchMaxRequests, m_batchWindowMs);
    connect(batch, &CancelBatch::jobFinished, this,
            [this, asked](const QString& id, const ReceiptLine& line) {
                if (asked != m_generation)
                    return; // another environment's table
                if (!line.wasSent()) {
                    updateSelection(); // settled unsent: a single cancel may go out now
                    return;
                }
                ApiResult result;
                result.outcome = line.outcome;
                result.httpStatus = line.httpStatus;
                result.message = line.message;
                m_monitor->noteCancelAnswer(id, result);
                updateSelection();
            });
    connect(batch, &CancelBatch::finished, this, [this] {
        emit statusMessage(tr("The batch of cancels has ended; see its receipt."), 8000);
        updateSelection();
    });
    batch->start(jobs);
    auto* receipt = new CancelReceiptDialog(batch, environment, m_window);
    receipt->setAttribute(Qt::WA_DeleteOnClose);
    connect(receipt, &QDialog::finished, this, [this] { updateSelection(); });
    m_receipt = receipt;
    receipt->show();
    updateSelection();
}

} // namespace Alchemyst
