#pragma once

#include "api/apiresult.h"
#include "core/cancelbatch.h"
#include "jobs/job.h"

#include <QList>
#include <QObject>
#include <QPointer>
#include <QSet>

class QAction;
class QWidget;

namespace Alchemyst {

class CancelReceiptDialog;
class CancelService;
class JobSession;
class JobTableWidget;
class UndoToast;

// Cancelling from the window, through the session's CancelService only: what the selection line and the
// Cancel button say and allow (the service's whyNot()), a single cancel (typed name on production, the
// journal's consent) and its answer's dialogs, a batch of several with its preview and receipt. Dialogs are
// children of the window given. Sending happens in one place per flow: sendOne() and sendBatch().
class CancelController : public QObject
{
    Q_OBJECT

public:
    // How long a window closed for good waits for the answers of cancels already sent.
    static constexpr int QuitWaitMs = 3000;
    // Status-bar messages: a line saying "…ing" (timeout 0) stays until its result replaces it; a result
    // goes after this long, a problem (not recorded, not sent because its state moved) after the longer.
    static constexpr int ResultMessageMs = 8000;
    static constexpr int ProblemMessageMs = 15000;
    // Settings: "cancel/confirmEvery" (bool, default false): every single cancel asks first, also off
    // production, and is then sent at once. "cancel/undoSeconds" (int, default 5, 0 = none): how long a
    // single cancel off production waits with Undo before it is sent, when it is not confirmed.
    static constexpr char ConfirmEveryKey[] = "cancel/confirmEvery";
    static constexpr char UndoSecondsKey[] = "cancel/undoSeconds";
    static constexpr int DefaultUndoSeconds = 5;
    static constexpr int MaxUndoSeconds = 30;
    static bool confirmEveryCancel();
    static void setConfirmEveryCancel(bool on);
    // The setting; when it is absent, AJM_CANCEL_UNDO_MS from the environment (in ms) when set, so that the
    // GUI tests of other features are not slowed by the Undo time, else DefaultUndoSeconds.
    static int undoDelayMs();
    static void setUndoSeconds(int seconds);

    CancelController(QWidget* window, JobTableWidget* jobs, QAction* cancelAction, QObject* parent = nullptr);
    ~CancelController() override;

    // The session the cancels go to (null: none). Answers and dialogs about the previous one are void; its
    // batches still running go on by themselves (their receipt still shows them).
    void setSession(JobSession* session);
    // The request budget of the batches from now on, this session's and the next ones' (tests: a small one
    // to stop half way); 0: CancelBatch's.
    void setBatchRequestBudget(int maxRequests, qint64 windowMs);
    // The running or last batch's progress and receipt, while its dialog is open.
    CancelReceiptDialog* receipt() const;
    // The Undo of the single cancel waiting to be sent (hidden when none is).
    UndoToast* undoToast() const { return m_toast; }
    // Empty when a single cancel of the job may be sent now, else why not: the core's one rule.
    QString whyNotCancellable(const QString& id) const;
    // The window goes for good: no batch of this window sends anything more (the current session's nor
    // those still finishing for environments left), the answers on their way get up to waitMs, and the
    // cancels still unanswered then are journaled as sent, answer unknown.
    void finishBeforeQuit(int waitMs);
    // The window is destroyed: after finishBeforeQuit(), the requests of its services still on their way
    // are aborted, so that no released service holds a reply of the network manager, which its owner may
    // delete next. Their cancels are journaled already (answer unknown).
    void abortAnswersInFlight();

public slots:
    // The selected job, or the preview of a batch when several are selected.
    void cancelSelected();
    // The selection line, the Cancel button and action: what is selected and whether it can go.
    void updateSelection();

signals:
    void statusMessage(const QString& text, int timeoutMs);
    // The server refused the key (HTTP 401) on a cancel: the operator may enter another.
    void keyRejected(const QString& why);

private:
    QString selectedJobId() const;
    JobList selectedJobs() const;
    void updateSeveralSelected();
    // False when the journal cannot be written and the operator would rather not cancel without a record.
    bool journalReadyOrAccepted(bool several = false);
    // "Confirm every cancel": Cancel Job or Keep Job, for one job off production.
    bool confirmSingle(const QString& id, const QString& environmentName);
    void sendOne(const QString& id, bool recorded);
    void scheduleOne(const QString& id, bool recorded, int delayMs);
    void onCancelRefused(const QString& id, const QString& reason);
    // A single cancel's result in the status bar, replacing its "Cancelling job…".
    void reportResult(const QString& text, int timeoutMs);
    void onScheduledEnded(const QString& id, bool sent);
    bool updateReadOnly();
    void onJobSettled(const QString& id, const ReceiptLine& line);
    void handleCancelResult(const QString& id, const ApiResult& result);
    void cancelSeveral(const JobList& jobs);
    void sendBatch(const JobList& jobs, bool recorded);

    QWidget* m_window;
    JobTableWidget* m_jobs;
    QAction* m_cancelAction;
    QPointer<JobSession> m_session;
    // The services of sessions left while their batches still ran: stopped too when the window quits.
    QList<QPointer<CancelService>> m_lingering;
    QSet<QString> m_singles;    // single cancels of this session awaiting their answer (for its dialogs)
    QString m_unrecorded;       // why the journal failed while a single cancel was on its way
    int m_batchMaxRequests = 0; // 0: CancelBatch's default budget
    qint64 m_batchWindowMs = 0;
    QPointer<CancelReceiptDialog> m_receipt;
    UndoToast* m_toast = nullptr;
};

} // namespace Alchemyst
