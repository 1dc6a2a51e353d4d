#pragma once

#include "api/apiresult.h"
#include "core/connection.h"
#include "jobs/job.h"

#include <QObject>
#include <QPointer>

class QAction;
class QNetworkAccessManager;
class QWidget;

namespace Alchemyst {

class CancelReceiptDialog;
class JobMonitor;
class JobTableWidget;
class Journal;

// Cancelling from the window: what the selection line and the Cancel button say and allow, a single cancel
// (typed name on production, the journal's consent) and its answer's dialogs, a batch of several with its
// preview and receipt. Dialogs are children of the window given. Sending happens in one place per flow:
// sendOne() and sendBatch().
class CancelController : public QObject
{
    Q_OBJECT

public:
    // journal: where cancels are recorded (not owned; it outlives this controller).
    CancelController(QWidget* window, QNetworkAccessManager* manager, JobMonitor* monitor, Journal* journal,
                     JobTableWidget* jobs, QAction* cancelAction, QObject* parent = nullptr);
    ~CancelController() override; // stops a running batch: its receipt goes with this

    // The environment the cancels go to, its key not known yet: answers of dialogs still open about the
    // previous one are void.
    void setEnvironment(const Environment& environment);
    void setKeyAvailable(bool available);
    // The request budget of the next batches (tests: a small one to stop half way); 0: CancelBatch's.
    void setBatchRequestBudget(int maxRequests, qint64 windowMs);
    // The running or last batch's progress and receipt, while its dialog is open.
    CancelReceiptDialog* receipt() const;
    // Empty when a single cancel of the job may be sent now, else why not: the one rule.
    QString whyNotCancellable(const QString& id) const;

public slots:
    // The selected job, or the preview of a batch when several are selected.
    void cancelSelected();
    // The selection line, the Cancel button and action: what is selected and whether it can go.
    void updateSelection();

signals:
    void statusMessage(const QString& text, int timeoutMs);
    // The server refused the key (HTTP 401): the operator may enter another.
    void keyRejected(const QString& why);

private:
    QString selectedJobId() const;
    JobList selectedJobs() const;
    void updateSeveralSelected();
    bool cancelInFlight(const QString& id) const;
    // False when the journal cannot be written and the operator would rather not cancel without a record.
    bool journalReadyOrAccepted();
    void sendOne(const QString& id);
    void handleCancelResult(const QString& id, const ApiResult& result);
    void cancelSeveral(const JobList& jobs);
    void sendBatch(const JobList& jobs, bool recorded);

    QWidget* m_window;
    QNetworkAccessManager* m_manager;
    JobMonitor* m_monitor;
    Journal* m_journal;
    JobTableWidget* m_jobs;
    QAction* m_cancelAction;
    Environment m_environment;
    bool m_keyAvailable = false;
    int m_generation = 0;       // bumps on every environment switch: answers about the old one are ignored
    int m_batchMaxRequests = 0; // 0: CancelBatch's default budget
    qint64 m_batchWindowMs = 0;
    QPointer<CancelReceiptDialog> m_receipt;
};

} // namespace Alchemyst
