#include "cancelcontroller.h"

#include "api/apiclient.h"
#include "appearance.h"
#include "bulkcanceldialog.h"
#include "core/cancelbatch.h"
#include "core/cancelservice.h"
#include "core/jobmonitor.h"
#include "core/jobsession.h"
#include "core/journal.h"
#include "jobs/jobmodel.h"
#include "jobtablewidget.h"
#include "messages.h"
#include "productionconfirmdialog.h"
#include "statestyle.h"
#include "undotoast.h"

#include <QAction>
#include <QDir>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QTableView>
#include <algorithm>

namespace Alchemyst {

CancelController::CancelController(QWidget* window, JobTableWidget* jobs, QAction* cancelAction,
                                   QObject* parent)
    : QObject(parent)
    , m_window(window)
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

    // Queued: a refresh emits these mid-way; the selection is read once the model is whole again.
    auto* filter = table->model();
    connect(filter, &QAbstractItemModel::rowsRemoved, this, &CancelController::updateSelection,
            Qt::QueuedConnection);
    connect(filter, &QAbstractItemModel::layoutChanged, this, &CancelController::updateSelection,
            Qt::QueuedConnection);
    connect(filter, &QAbstractItemModel::modelReset, this, &CancelController::updateSelection);

    m_toast = new UndoToast(m_window);
    connect(m_toast, &UndoToast::undoRequested, this, [this](const QString& id) {
        if (m_session && m_session->cancels()->undoScheduled(id))
            emit statusMessage(tr("Job %1 was not cancelled: undone, nothing was sent.").arg(id),
                               ResultMessageMs);
        m_toast->finish(id);
    });
}

bool CancelController::confirmEveryCancel()
{
    return QSettings().value(QLatin1String(ConfirmEveryKey), false).toBool();
}

void CancelController::setConfirmEveryCancel(bool on)
{
    QSettings().setValue(QLatin1String(ConfirmEveryKey), on);
}

int CancelController::undoDelayMs()
{
    const QVariant stored = QSettings().value(QLatin1String(UndoSecondsKey));
    if (stored.isValid())
        return qBound(0, stored.toInt(), MaxUndoSeconds) * 1000;
    bool ok = false;
    const int fromEnvironment = qEnvironmentVariableIntValue("AJM_CANCEL_UNDO_MS", &ok);
    if (ok)
        return qBound(0, fromEnvironment, MaxUndoSeconds * 1000);
    return DefaultUndoSeconds * 1000;
}

void CancelController::setUndoSeconds(int seconds)
{
    QSettings().setValue(QLatin1String(UndoSecondsKey), qBound(0, seconds, MaxUndoSeconds));
}

CancelController::~CancelController() = default;

void CancelController::setSession(JobSession* session)
{
    if (m_session == session)
        return;
    if (m_session) {
        CancelService* previous = m_session->cancels();
        // Leaving the environment ends the Undo: what the operator let stand goes now, on the old service.
        previous->sendScheduledNow();
        if (m_toast)
            m_toast->finish(m_toast->key());
        previous->disconnect(this);
        m_session->monitor()->model()->disconnect(this);
        m_lingering.removeAll(nullptr);
        m_lingering.append(previous); // goes by itself once its batches are done (at once when none runs)
    }
    // Their answers are journaled by the service; the dialogs were about the old table. The "Cancelling…"
    // line would never see its answer here: it ends now, saying where the answer goes.
    if (!m_singles.isEmpty())
        emit statusMessage(tr("The answer to the cancel already sent goes to the journal (Jobs → Cancel "
                              "Journal…)."),
                           ResultMessageMs);
    m_singles.clear();
    m_unrecorded.clear();
    m_session = session;
    if (m_session) {
        CancelService* cancels = m_session->cancels();
        if (m_batchMaxRequests > 0)
            cancels->setBatchBudget(m_batchMaxRequests, m_batchWindowMs);
        connect(cancels, &CancelService::inFlightChanged, this, &CancelController::updateSelection);
        connect(cancels, &CancelService::batchFinished, this, &CancelController::updateSelection);
        connect(cancels, &CancelService::jobSettled, this, &CancelController::onJobSettled);
        connect(cancels, &CancelService::keyRejected, this, &CancelController::keyRejected);
        connect(cancels, &CancelService::cancelRefused, this, &CancelController::onCancelRefused);
        connect(cancels, &CancelService::scheduledCancelEnded, this, &CancelController::onScheduledEnded);
        // The environment's flag: no cancel from this window at all (the service refuses, the window hides).
        if (m_session->environment().readOnly)
            cancels->setReadOnly(true);
        // Cancel only what the operator saw: a row older than the refresh interval is checked first.
        const QPointer<JobMonitor> monitor = m_session->monitor();
        cancels->setRowFreshness(
            [monitor](const QString&) -> qint64 {
                return monitor && monitor->lastGoodRefresh().isValid()
                           ? monitor->lastGoodRefresh().toMSecsSinceEpoch()
                           : 0;
            },
            [monitor]() -> qint64 {
                return monitor ? qMax<qint64>(monitor->nextIntervalMs(), monitor->intervalSeconds() * 1000LL)
                               : 0;
            });
        connect(cancels, &CancelService::journalFailed, this, [this](const QString& reason) {
            // A single cancel's answer comes right after: its line says both, instead of replacing this.
            if (!m_singles.isEmpty())
                m_unrecorded = reason;
            emit statusMessage(tr("The cancel was not recorded in the journal: %1").arg(reason),
                               ProblemMessageMs);
        });
        connect(m_session->monitor()->model(), &QAbstractItemModel::dataChanged, this,
                &CancelController::updateSelection);
    }
    updateSelection();
}

void CancelController::setBatchRequestBudget(int maxRequests, qint64 windowMs)
{
    m_batchMaxRequests = maxRequests;
    m_batchWindowMs = windowMs;
    if (m_session && maxRequests > 0)
        m_session->cancels()->setBatchBudget(maxRequests, windowMs);
}

void CancelController::abortAnswersInFlight()
{
    QList<QPointer<CancelService>> services = m_lingering;
    if (m_session)
        services.append(m_session->cancels());
    for (const QPointer<CancelService>& service : std::as_const(services)) {
        if (service && !service->hasRunningBatch())
            service->client()->abortAll();
    }
}

CancelReceiptDialog* CancelController::receipt() const
{
    return m_receipt;
}

void CancelController::finishBeforeQuit(int waitMs)
{
    QList<QPointer<CancelService>> services = m_lingering;
    if (m_session)
        services.append(m_session->cancels());
    services.removeAll(nullptr);
    bool running = false;
    for (const QPointer<CancelService>& service : std::as_const(services)) {
        running = running || service->hasRunningBatch();
        service->stopAll(); // nothing more goes out; the jobs not sent are journaled as such
    }
    if (!running)
        return;
    if (waitMs > 0 && CancelService::anyInFlight()) {
        emit statusMessage(tr("Waiting for the answers to the cancels already sent…"), 0);
        // The wait ends with its result, whichever it is: the line never says "Waiting…" after it.
        emit statusMessage(CancelService::drainAll(waitMs)
                               ? tr("The answers to the cancels already sent have come.")
                               : tr("Some cancels got no answer in time: the journal records them as sent, "
                                    "answer unknown."),
                           ResultMessageMs);
    }
    for (const QPointer<CancelService>& service : std::as_const(services)) {
        if (service)
            service->abandonInFlight(
                tr("The window was closed before the answer came: the cancel was sent, whether it took "
                   "effect is unknown."));
    }
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
    JobList jobs;
    if (!m_session)
        return jobs;
    const JobModel* model = m_session->monitor()->model();
    for (const QModelIndex& index : std::as_const(rows)) {
        const int row = model->rowOf(index.data(JobModel::JobIdRole).toString());
        if (row >= 0)
            jobs.append(model->jobAt(row));
    }
    return jobs;
}

QString CancelController::whyNotCancellable(const QString& id) const
{
    if (!m_session)
        return tr("Not connected to an environment.");
    return m_session->cancels()->whyNot(id);
}

bool CancelController::updateReadOnly()
{
    const bool readOnly = m_session && m_session->cancels()->isReadOnly();
    // No cancel to be seen at all: a shared screen must not invite one.
    m_jobs->cancelButton()->setVisible(!readOnly);
    m_cancelAction->setVisible(!readOnly);
    if (readOnly) {
        m_jobs->cancelButton()->setEnabled(false);
        m_jobs->cancelButton()->setToolTip(plainToolTip(CancelService::readOnlyReason()));
        m_cancelAction->setEnabled(false);
        m_jobs->selectionLabel()->setText(tr("Read-only environment: nothing can be cancelled here."));
    }
    return readOnly;
}

void CancelController::updateSelection()
{
    if (updateReadOnly())
        return;
    QLabel* label = m_jobs->selectionLabel();
    QPushButton* button = m_jobs->cancelButton();
    button->setText(tr("Cancel Job"));
    if (m_jobs->table()->selectionModel()->selectedRows().size() > 1)
        return updateSeveralSelected();
    const JobModel* model = m_session ? m_session->monitor()->model() : nullptr;
    const QString id = selectedJobId();
    const int row = id.isEmpty() || !model ? -1 : model->rowOf(id);
    if (row < 0) {
        label->setText(model && model->rowCount() > 0
                           ? tr("Select a job to cancel it. Only waiting and delayed "
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
    if (m_session->cancels()->isScheduled(job.id))
        summary += QStringLiteral(" · ") + tr("cancel about to be sent");
    else if (m_session->cancels()->isInFlight(job.id))
        summary += QStringLiteral(" · ") + tr("cancelling…");
    // What can be done instead, where the Cancel button cannot help.
    if (categoryOf(job.state) == StateCategory::Active)
        summary += QStringLiteral("<br>") +
                   escaped(tr("The server refuses to cancel a running job: wait for it to finish, or contact "
                              "support."));
    label->setText(summary);
    // Whether it may go is the core's word, and so is the reason when it may not.
    const QString whyNot = whyNotCancellable(job.id);
    button->setEnabled(whyNot.isEmpty());
    m_cancelAction->setEnabled(whyNot.isEmpty());
    button->setToolTip(plainToolTip(
        whyNot.isEmpty() ? tr("Cancel job %1 (%2)")
                               .arg(job.id, m_cancelAction->shortcut().toString(QKeySequence::NativeText))
                         : whyNot));
}

void CancelController::updateSeveralSelected()
{
    const JobList jobs = selectedJobs();
    int cancellable = 0;
    QString whyNot; // of the first waiting or delayed job that may not go now
    bool anyMayGo = false;
    for (const Job& job : jobs) {
        if (!isCancellableState(job.state))
            continue;
        ++cancellable;
        if (anyMayGo)
            continue;
        const QString why = whyNotCancellable(job.id);
        anyMayGo = why.isEmpty();
        if (whyNot.isEmpty())
            whyNot = why;
    }
    const QLocale locale;
    m_jobs->selectionLabel()->setText(
        tr("<b>%Ln job(s)</b> selected · %1 can be cancelled (waiting or delayed)", nullptr,
           static_cast<int>(jobs.size()))
            .arg(locale.toString(cancellable)));
    const bool batchRunning = m_receipt && m_receipt->isBatchRunning();
    const bool enabled = anyMayGo && !batchRunning;
    QPushButton* button = m_jobs->cancelButton();
    button->setText(tr("Cancel Jobs…"));
    button->setEnabled(enabled);
    m_cancelAction->setEnabled(enabled);
    QString tip = tr("Preview what a cancel of the selected jobs would do (%1)")
                      .arg(m_cancelAction->shortcut().toString(QKeySequence::NativeText));
    if (batchRunning)
        tip = tr("A batch of cancels is still running.");
    else if (!anyMayGo && !whyNot.isEmpty())
        tip = whyNot;
    button->setToolTip(plainToolTip(tip));
}

bool CancelController::journalReadyOrAccepted(bool several)
{
    if (!m_session)
        return false;
    const Journal journal = m_session->cancels()->journal();
    QString why;
    if (journal.canWrite(&why))
        return true;
    QMessageBox box(QMessageBox::Warning, tr("Cancels cannot be recorded"),
                    tr("Every cancel is recorded in the journal %1, but it cannot be written:\n%2\n\n"
                       "Cancel anyway, without a record?")
                        .arg(QDir::toNativeSeparators(journal.path()), why),
                    QMessageBox::Yes | QMessageBox::No, m_window);
    box.setObjectName(QStringLiteral("journalUnwritableQuestion"));
    box.setTextFormat(Qt::PlainText);
    box.button(QMessageBox::Yes)->setText(tr("Cancel Without a Record"));
    box.button(QMessageBox::No)->setText(several ? tr("Keep Jobs") : tr("Keep Job"));
    box.button(QMessageBox::No)->setObjectName(QStringLiteral("keepButton"));
    box.setDefaultButton(QMessageBox::No);
    box.setEscapeButton(QMessageBox::No);
    return box.exec() == QMessageBox::Yes;
}

void CancelController::cancelSelected()
{
    if (m_jobs->table()->selectionModel()->selectedRows().size() > 1)
        return cancelSeveral(selectedJobs());
    const QString id = selectedJobId();
    if (!m_session || !whyNotCancellable(id).isEmpty())
        return;
    // The dialogs are modal while refreshes run: a switch of environment meanwhile replaces the session
    // and voids the answer; the service checks the job's state again when it is sent.
    const QPointer<JobSession> asked = m_session;
    const Environment environment = m_session->environment();
    // Asked first on production (the typed name), or everywhere when the operator wants it: then sent at
    // once. Otherwise a few seconds of Undo before anything goes out.
    bool confirmed = false;
    if (environment.production) {
        if (!ProductionConfirmDialog::confirm(id, environment.name, m_window))
            return;
        confirmed = true;
    } else if (confirmEveryCancel()) {
        if (!confirmSingle(id, environment.name))
            return;
        confirmed = true;
    }
    if (!asked || asked != m_session)
        return;
    const bool recorded = m_session->cancels()->journal().canWrite();
    if (!recorded && (!journalReadyOrAccepted() || !asked || asked != m_session))
        return;
    const int delay = undoDelayMs();
    if (confirmed || delay <= 0)
        sendOne(id, recorded);
    else
        scheduleOne(id, recorded, delay);
}

bool CancelController::confirmSingle(const QString& id, const QString& environmentName)
{
    QMessageBox box(QMessageBox::Question, tr("Cancel job %1?").arg(id),
                    tr("Cancel job %1 on %2? The server drops it from the queue.").arg(id, environmentName),
                    QMessageBox::Yes | QMessageBox::No, m_window);
    box.setObjectName(QStringLiteral("cancelConfirmDialog"));
    box.setTextFormat(Qt::PlainText);
    box.button(QMessageBox::Yes)->setText(tr("Cancel Job"));
    box.button(QMessageBox::Yes)->setObjectName(QStringLiteral("confirmButton"));
    box.button(QMessageBox::No)->setText(tr("Keep Job"));
    box.button(QMessageBox::No)->setObjectName(QStringLiteral("keepButton"));
    box.setDefaultButton(QMessageBox::No);
    box.setEscapeButton(QMessageBox::No);
    return box.exec() == QMessageBox::Yes;
}

void CancelController::scheduleOne(const QString& id, bool recorded, int delayMs)
{
    if (!m_session->cancels()->scheduleCancel(id, delayMs, recorded)) {
        emit statusMessage(tr("Job %1 was not cancelled: %2").arg(id, whyNotCancellable(id)),
                           ResultMessageMs);
        return;
    }
    m_toast->start(id, tr("Job %1 will be cancelled.").arg(id), delayMs);
    emit statusMessage(tr("Job %1 will be cancelled in a moment: Undo keeps it.").arg(id), delayMs);
    updateSelection();
}

void CancelController::onScheduledEnded(const QString& id, bool sent)
{
    m_toast->finish(id);
    if (sent) {
        m_singles.insert(id);
        emit statusMessage(tr("Cancelling job %1…").arg(id), 0); // ended by its answer (reportResult)
    } else {
        // Undone or dropped: "will be cancelled in a moment" is no longer true (Undo says more, after this).
        emit statusMessage(tr("Job %1 was not cancelled: nothing was sent.").arg(id), ResultMessageMs);
    }
    updateSelection();
}

void CancelController::reportResult(const QString& text, int timeoutMs)
{
    // The result replaces "Cancelling job…"; a journal failure of the same cancel is not lost by it.
    if (m_unrecorded.isEmpty()) {
        emit statusMessage(text, timeoutMs);
        return;
    }
    const QString unrecorded = m_unrecorded;
    m_unrecorded.clear();
    emit statusMessage(tr("%1 The cancel was not recorded in the journal: %2").arg(text, unrecorded),
                       qMax(timeoutMs, ProblemMessageMs));
}

void CancelController::onCancelRefused(const QString& id, const QString& reason)
{
    m_singles.remove(id);
    m_toast->finish(id);
    reportResult(reason, ProblemMessageMs);
    // The row shows what the server has now.
    if (m_session)
        m_session->monitor()->refreshJob(id);
    updateSelection();
}

void CancelController::sendOne(const QString& id, bool recorded)
{
    if (!m_session->cancels()->requestCancel(id, recorded)) {
        emit statusMessage(tr("Job %1 was not cancelled: %2").arg(id, whyNotCancellable(id)),
                           ResultMessageMs);
        return;
    }
    m_singles.insert(id);
    emit statusMessage(tr("Cancelling job %1…").arg(id), 0);
    updateSelection();
}

void CancelController::onJobSettled(const QString& id, const ReceiptLine& line)
{
    updateSelection();
    if (!m_singles.remove(id))
        return; // a batch's: its receipt shows it
    if (!line.wasSent()) {
        reportResult(tr("Job %1 was not cancelled: %2").arg(id, line.message), ProblemMessageMs);
        return;
    }
    ApiResult result;
    result.outcome = line.outcome;
    result.httpStatus = line.httpStatus;
    result.message = line.message;
    handleCancelResult(id, result);
}

void CancelController::handleCancelResult(const QString& id, const ApiResult& result)
{
    // Only an answer carries the server's words: without one (no answer, or refused here before sending)
    // the message is this program's, and is not labelled as the server's.
    const bool answered = result.httpStatus > 0;
    const QString server = result.message.isEmpty() ? QString()
                           : answered               ? tr("Server: %1").arg(result.message)
                                                    : result.message;
    const QString status = result.httpStatus > 0 ? tr("HTTP status: %1").arg(result.httpStatus)
                                                 : tr("HTTP status: none (no answer from the server)");
    switch (result.outcome) {
    case Outcome::Cancelled:
        reportResult(tr("Job %1 cancelled.").arg(id), ResultMessageMs);
        return;
    case Outcome::Conflict:
        reportResult(tr("Job %1 is running and was not cancelled.").arg(id), ResultMessageMs);
        // The app's sentence is the title; the server's integrity message, verbatim, is the body: it is
        // the operator's explanation.
        showMessage(m_window, QStringLiteral("cancelConflictDialog"), QMessageBox::Warning,
                    tr("Job %1 is running and could not be cancelled").arg(id),
                    result.message.isEmpty() ? outcomeSentence(result.outcome) : result.message,
                    // The id again below, as text: a title bar may cut it, or show none (a sheet).
                    tr("Job %1 · %2").arg(id, status));
        return;
    case Outcome::NotFound:
        reportResult(
            tr("Job %1 was not cancelled: it was not found, or it has already completed or failed.").arg(id),
            ResultMessageMs);
        showMessage(m_window, QStringLiteral("cancelNotFoundDialog"), QMessageBox::Information,
                    tr("Job not found"),
                    tr("Job %1 was not found, or it has already completed or failed.").arg(id),
                    QStringList{server, status}.join(QLatin1Char('\n')).trimmed());
        return;
    case Outcome::Unauthorized:
        // The service says so (keyRejected), for single cancels and batches alike: a new key is offered.
        reportResult(tr("Job %1 was not cancelled: the server did not accept the API key.").arg(id),
                     ResultMessageMs);
        return;
    default:
        // The dialog's words, in one line: the status bar must not still say "Cancelling job…".
        reportResult(tr("Job %1 was not cancelled: %2").arg(id, outcomeSentence(result.outcome)),
                     ResultMessageMs);
        showMessage(m_window, QStringLiteral("cancelErrorDialog"), QMessageBox::Critical,
                    tr("Could not cancel the job"),
                    tr("Job %1 was not cancelled. %2")
                        .arg(id, answered || result.outcome != Outcome::InvalidId
                                     ? outcomeSentence(result.outcome)
                                     : tr("Nothing was sent: this program refused the job id.")),
                    QStringList{status, server}.join(QLatin1Char('\n')).trimmed());
        return;
    }
}

void CancelController::cancelSeveral(const JobList& jobs)
{
    if (jobs.isEmpty() || !m_session)
        return;
    if (m_receipt && m_receipt->isBatchRunning()) {
        m_receipt->raise();
        m_receipt->activateWindow();
        return;
    }
    const QPointer<JobSession> asked = m_session;
    const Environment environment = m_session->environment();
    const CancelPreview plan = CancelBatch::preview(jobs);
    BulkCancelPreviewDialog preview(plan, environment.name, environment.production, m_window);
    int checkedFirst = 0;
    for (const Job& job : plan.sendList)
        checkedFirst += m_session->cancels()->rowNeedsCheck(job.id) ? 1 : 0;
    preview.setCheckedFirst(checkedFirst);
    // Modal while refreshes run: a switch of environment meanwhile voids the answer.
    if (preview.exec() != QDialog::Accepted || !asked || asked != m_session)
        return;
    const bool recorded = m_session->cancels()->journal().canWrite();
    if (!recorded && (!journalReadyOrAccepted(true) || !asked || asked != m_session))
        return;
    sendBatch(jobs, recorded);
}

void CancelController::sendBatch(const JobList& jobs, bool recorded)
{
    CancelBatch* batch = m_session->cancels()->startBatch(jobs, recorded);
    if (!batch) {
        emit statusMessage(whyNotCancellable(jobs.constFirst().id), ResultMessageMs);
        return;
    }
    // The batch is the service's: it goes on after a switch of environment, and so does its receipt.
    connect(batch, &CancelBatch::finished, this, [this] {
        emit statusMessage(tr("The batch of cancels has ended; see its receipt."), ResultMessageMs);
        updateSelection();
    });
    auto* receipt = new CancelReceiptDialog(batch, m_session->environment().name, m_window);
    receipt->setAttribute(Qt::WA_DeleteOnClose);
    connect(receipt, &QDialog::finished, this, [this] { updateSelection(); });
    m_receipt = receipt;
    receipt->show();
    updateSelection();
}

} // namespace Alchemyst
