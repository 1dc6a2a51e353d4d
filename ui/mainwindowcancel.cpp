// MainWindow's cancels of several jobs at once and its journal: the preview, the batch and its receipt.
// Kept apart from mainwindow.cpp so that the window's file stays about layout and connections; the work
// itself is CancelBatch's (core).
#include "api/apiclient.h"
#include "bulkcanceldialog.h"
#include "core/cancelbatch.h"
#include "core/jobmonitor.h"
#include "jobs/jobfiltermodel.h"
#include "jobs/jobmodel.h"
#include "mainwindow.h"

#include <QDir>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QStatusBar>
#include <QTableView>
#include <algorithm>

namespace Alchemyst {

void MainWindow::setJournal(const Journal& journal)
{
    m_journal = journal;
    m_monitor->setJournal(&m_journal);
}

void MainWindow::setBatchRequestBudget(int maxRequests, qint64 windowMs)
{
    m_batchMaxRequests = maxRequests;
    m_batchWindowMs = windowMs;
}

CancelReceiptDialog* MainWindow::cancelReceipt() const
{
    return m_receipt;
}

JobList MainWindow::selectedJobs() const
{
    QModelIndexList rows = m_table->selectionModel()->selectedRows();
    // In the order the table shows them, whatever order they were clicked in.
    std::sort(rows.begin(), rows.end(),
              [](const QModelIndex& a, const QModelIndex& b) { return a.row() < b.row(); });
    JobList jobs;
    for (const QModelIndex& index : std::as_const(rows)) {
        const int row = m_model->rowOf(index.data(JobModel::JobIdRole).toString());
        if (row >= 0)
            jobs.append(m_model->jobAt(row));
    }
    return jobs;
}

void MainWindow::updateSeveralSelected()
{
    const JobList jobs = selectedJobs();
    int cancellable = 0;
    for (const Job& job : jobs)
        cancellable += isCancellableState(job.state) ? 1 : 0;
    const QLocale locale;
    m_selectionLabel->setText(tr("<b>%Ln job(s)</b> selected · %1 can be cancelled (waiting or delayed)",
                                 nullptr, static_cast<int>(jobs.size()))
                                  .arg(locale.toString(cancellable)));
    const bool batchRunning = m_receipt && m_receipt->batch()->isRunning();
    const bool enabled = cancellable > 0 && m_keyAvailable && !batchRunning;
    m_cancelButton->setText(tr("Cancel Jobs…"));
    m_cancelButton->setEnabled(enabled);
    m_cancelAction->setEnabled(enabled);
    m_cancelButton->setToolTip(batchRunning
                                   ? tr("A batch of cancels is still running.")
                                   : tr("Preview what a cancel of the selected jobs would do (%1)")
                                         .arg(m_cancelAction->shortcut().toString(QKeySequence::NativeText)));
}

bool MainWindow::journalReadyOrAccepted()
{
    QString why;
    if (m_journal.canWrite(&why))
        return true;
    QMessageBox box(QMessageBox::Warning, tr("Cancels cannot be recorded"),
                    tr("Every cancel is recorded in the journal %1, but it cannot be written:\n%2\n\n"
                       "Cancel anyway, without a record?")
                        .arg(QDir::toNativeSeparators(m_journal.path()), why),
                    QMessageBox::Yes | QMessageBox::No, this);
    box.setObjectName(QStringLiteral("journalUnwritableQuestion"));
    box.setTextFormat(Qt::PlainText);
    box.button(QMessageBox::Yes)->setText(tr("Cancel Without a Record"));
    box.button(QMessageBox::No)->setText(tr("Don't Cancel"));
    box.setDefaultButton(QMessageBox::No);
    box.setEscapeButton(QMessageBox::No);
    return box.exec() == QMessageBox::Yes;
}

bool MainWindow::cancelInFlight(const QString& id) const
{
    // A single cancel of a job that a running batch still has to send (or awaits the answer of) would race
    // the batch's: one cancel per job at a time.
    return m_monitor->isCancelling(id) || (m_receipt && m_receipt->batch()->isUnsettled(id));
}

void MainWindow::cancelSeveral(const JobList& jobs)
{
    if (jobs.isEmpty() || !m_keyAvailable)
        return;
    if (m_receipt && m_receipt->batch()->isRunning()) {
        m_receipt->raise();
        m_receipt->activateWindow();
        return;
    }
    const int asked = m_generation;
    const Environment environment = m_environment;
    BulkCancelPreviewDialog preview(CancelBatch::preview(jobs), environment.name, environment.production,
                                    this);
    // Modal while refreshes run: a switch of environment meanwhile voids the answer.
    if (preview.exec() != QDialog::Accepted || asked != m_generation)
        return;
    const bool recorded = m_journal.canWrite();
    if (!recorded && (!journalReadyOrAccepted() || asked != m_generation))
        return;

    // A client of its own on the window's manager: switching environments aborts the monitor's requests,
    // and must not abort the cancels already on their way.
    auto* client = new ApiClient(m_manager);
    client->setBaseUrl(m_monitor->client()->baseUrl());
    client->setApiKey(m_monitor->client()->apiKey());
    auto* batch = new CancelBatch(client, recorded ? &m_journal : nullptr, environment.name,
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
        statusBar()->showMessage(tr("The batch of cancels has ended; see its receipt."), 8000);
        updateSelection();
    });
    batch->start(jobs);
    auto* receipt = new CancelReceiptDialog(batch, environment.name, this);
    receipt->setAttribute(Qt::WA_DeleteOnClose);
    connect(receipt, &QDialog::finished, this, [this] { updateSelection(); });
    m_receipt = receipt;
    receipt->show();
    updateSelection();
}

} // namespace Alchemyst
