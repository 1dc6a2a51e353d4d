#pragma once

#include "core/cancelbatch.h"
#include "core/journal.h"
#include "jobs/job.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QTimer>
#include <QUrl>
#include <functional>
#include <optional>

class QNetworkAccessManager;

namespace Alchemyst {

class ApiClient;
class RequestPacer;

// The only door for cancels: every DELETE of the window and the CLI goes out here, in a CancelBatch (a
// single cancel is a batch of one), paced within the session's account budget, journaled ahead. whyNot()
// is the one rule of whether a job may be cancelled now, which both front ends show.
//
// The service has its own client, so that what a session's reads abort (a refresh stopped, a session
// replaced) never drops a cancel on its way. A session that goes away hands its service over with
// release(): the batches still running finish on their own and are journaled, then the service deletes
// itself. drainAll() lets a process that is about to end wait, bounded, for the answers in flight.
class CancelService : public QObject
{
    Q_OBJECT

public:
    // How the rule learns a job's state: the session's table (nullopt: not listed).
    using JobLookup = std::function<std::optional<Job>(const QString& id)>;

    CancelService(QNetworkAccessManager* manager, CancelOrigin origin, QObject* parent = nullptr);
    ~CancelService() override;

    ApiClient* client() const { return m_client; }
    void setTarget(const QString& environmentName, const QUrl& server);
    QString environmentName() const { return m_environment; }
    void setApiKey(const QString& key);
    bool hasApiKey() const;
    // The session's account budget, shared with its reads (not owned).
    void setAccountPacer(RequestPacer* account) { m_account = account; }
    // Each batch's own budget, spread over the window (default CancelBatch's 600 a minute).
    void setBatchBudget(int maxRequests, qint64 windowMs);
    void setJournal(const Journal& journal) { m_journal = journal; }
    const Journal& journal() const { return m_journal; }
    void setJobLookup(JobLookup lookup) { m_lookup = std::move(lookup); }
    // No cancel at all on this environment (a shared screen, an on-call viewer): Environment::readOnly, or
    // the CLI's --read-only for one run. Every entry below refuses, and whyNot() says readOnlyReason().
    void setReadOnly(bool readOnly) { m_readOnly = readOnly; }
    bool isReadOnly() const { return m_readOnly; }
    static QString readOnlyReason();

    // Cancel only what the operator saw: how long ago a row was last refreshed (its environment's last
    // complete pass, say) and how old it may be (the refresh interval). requestCancel() checks the state of
    // a row older than that with one GET before it sends anything. Either function empty: no check.
    using RefreshedAt = std::function<qint64(const QString& id)>; // epoch ms, 0 when unknown
    using MaxRowAge = std::function<qint64()>;                    // ms
    void setRowFreshness(RefreshedAt refreshedAt, MaxRowAge maxAge);
    // The rule: a row refreshed longer than maxAgeMs ago (or never known to be) is checked first.
    static bool needsStateCheck(qint64 refreshedAtMs, qint64 nowMs, qint64 maxAgeMs);
    // Whether a cancel of this row checks its state first now (setRowFreshness() and needsStateCheck()).
    bool rowNeedsCheck(const QString& id) const;

    // Empty when the job may be cancelled now; otherwise why not, in a sentence: read-only, no key, not in
    // the list, not waiting or delayed, or a cancel of it already on its way (alone or in a batch).
    QString whyNot(const QString& id) const;
    // A cancel of this job is queued or awaiting its answer, in any batch of this service.
    bool isInFlight(const QString& id) const;
    bool hasRunningBatch() const;
    // Every batch that has not finished, oldest first.
    QList<CancelBatch*> runningBatches() const;

    // A single cancel of a listed job (whyNot() must be empty, else nullptr and nothing sent), sent as it
    // is, without a state check. journaled: false only when the operator accepted cancelling without a
    // record.
    CancelBatch* cancel(const QString& id, bool journaled = true);
    // A single cancel as the window sends it: when the row is older than setRowFreshness() allows, one GET
    // of the job comes first (once the account pacer admits it, counted as a cancel), and the DELETE goes
    // only when the server still has it in the state the row showed; otherwise nothing is sent, nothing
    // journaled, and cancelRefused() says what it is now ("Job 42 is now active: not cancelled"). A fresh row
    // is sent at once, as cancel() does. False (nothing done) when whyNot() is not empty. The batch, when one
    // goes, comes with batchStarted().
    bool requestCancel(const QString& id, bool journaled = true);
    // Whether a state check of the job is on its way.
    bool isChecking(const QString& id) const { return m_checks.contains(id); }

    // A single cancel with a moment for Undo: nothing is sent and nothing journaled for delayMs; then it
    // goes as requestCancel() sends it (the rule is asked again then: a job that moved meanwhile is not
    // sent, and cancelRefused() says why). False when whyNot() is not empty.
    bool scheduleCancel(const QString& id, int delayMs, bool journaled = true);
    // Undo: the scheduled cancel is dropped before anything was sent. False when none was scheduled (it
    // went already, or was never asked for).
    bool undoScheduled(const QString& id);
    bool isScheduled(const QString& id) const { return m_scheduled.contains(id); }
    // Milliseconds until the scheduled cancel goes (-1 when none is scheduled).
    int scheduledRemainingMs(const QString& id) const;
    // Every scheduled cancel goes now (the operator moves to another environment: the Undo is over).
    void sendScheduledNow();
    // The cancellable jobs of a selection (the rest go into the receipt as skipped). The rows older than
    // setRowFreshness() allows are checked first, each with one GET in the batch's budget
    // (CancelBatch::setCheckFirst): only those the server still has waiting or delayed are sent.
    CancelBatch* startBatch(const JobList& selection, bool journaled = true);
    // Ids as given, their state unknown: each is sent and the server answers for it.
    CancelBatch* startIds(const QStringList& ids, bool journaled = true);

    // Nothing more is sent by any batch; answers in flight still come and are recorded. Scheduled cancels
    // and state checks on their way are dropped unsent (scheduledCancelEnded(id, false) for each).
    void stopAll();
    // The process ends: every cancel still awaiting its answer is recorded as sent, answer unknown.
    void abandonInFlight(const QString& why);
    // Hands the service over to itself: it stops nothing, detaches from its parent and deletes itself once
    // no batch runs any more (at once when none does).
    void release();
    // Runs the event loop until no service of this process has a cancel in flight, or timeoutMs passed.
    // True when nothing is in flight any more.
    static bool drainAll(int timeoutMs);
    static bool anyInFlight();

signals:
    // The job's in-flight state changed (queued, answered, settled unsent).
    void inFlightChanged(const QString& id);
    // A job of any batch is settled: journaled already.
    void jobSettled(const QString& id, const Alchemyst::ReceiptLine& line);
    void batchStarted(Alchemyst::CancelBatch* batch);
    void batchFinished(Alchemyst::CancelBatch* batch);
    // The server refused the key (401) on a cancel: the window offers a new one.
    void keyRejected(const QString& why);
    void journalFailed(const QString& reason);
    void paused(int seconds, const QString& message);
    // A cancel the operator asked for was not sent: its state moved (the check's answer), it is gone, or
    // the rule refused it when its Undo time was over. reason is a sentence naming the job.
    void cancelRefused(const QString& id, const QString& reason);
    // A scheduled cancel's Undo time is over (sent: it went to requestCancel) or it was undone/dropped.
    void scheduledCancelEnded(const QString& id, bool sent);

private:
    struct Scheduled
    {
        QTimer* timer = nullptr;
        bool journaled = true;
    };
    struct Check
    {
        quint64 token = 0;
        Job shown; // the row as the operator saw it
        bool journaled = true;
    };
    void onScheduledDue(const QString& id);
    void startCheck(const Job& shown, bool journaled);
    // The check's GET once the account's budget admits it (at once without an account pacer).
    void sendCheck(const QString& id, quint64 token);
    void onChecked(const QString& id, quint64 token, const ApiResult& result, const std::optional<Job>& job);
    void deleteIfDone();

    CancelBatch* makeBatch(bool journaled);
    void onBatchFinished(CancelBatch* batch);

    ApiClient* m_client;
    CancelOrigin m_origin;
    QString m_environment;
    QUrl m_server;
    Journal m_journal;
    JobLookup m_lookup;
    RefreshedAt m_refreshedAt;
    MaxRowAge m_maxRowAge;
    QHash<QString, Scheduled> m_scheduled;
    QHash<QString, Check> m_checks;
    quint64 m_nextCheck = 0;
    RequestPacer* m_account = nullptr;
    int m_batchMax = 0; // 0: CancelBatch's default
    qint64 m_batchWindowMs = 0;
    bool m_readOnly = false;
    bool m_released = false;
    QList<QPointer<CancelBatch>> m_batches;
};

} // namespace Alchemyst
