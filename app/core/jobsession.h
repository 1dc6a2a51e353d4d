#pragma once

#include "api/apiresult.h"
#include "api/requestpacer.h"
#include "core/connection.h"
#include "core/journal.h"
#include "jobs/job.h"

#include <QDateTime>
#include <QObject>
#include <QString>
#include <functional>
#include <memory>

class QNetworkAccessManager;

namespace Alchemyst {

class CancelService;
class HistoryStore;
class JobMonitor;

// One connected environment: what the window shows and the CLI drives. It owns the refresh loop with its
// model and triage (JobMonitor), the cancels (CancelService) and the account budget both spend from.
// Switching environment replaces the session: the monitor's answers die with it, while cancels already
// on their way are handed to their service, which finishes and journals them on its own client.
class JobSession : public QObject
{
    Q_OBJECT

public:
    enum class KeySource
    {
        None,
        Typed,       // entered in a dialog or given by the caller, for this session
        Environment, // ALCHEMYST_AI_API_KEY
        Keychain,
    };

    // The session's budget is the environment's share (Environment::budgetPerMinute(), a third of the
    // account's 1000 requests a minute unless set otherwise), shared through the machine's ledger with
    // the CLI commands beside it: reads (JobMonitor's own pacer) and cancels (their batch budget) both
    // spend from it.
    JobSession(QNetworkAccessManager* manager, const Environment& environment, const Journal& journal,
               CancelOrigin origin, QObject* parent = nullptr);
    ~JobSession() override;

    const Environment& environment() const { return m_environment; }
    // No cancel from any session of this process, whatever the environment says (the window's
    // --read-only): sessions made after this call refuse every cancel, as under Environment::readOnly.
    static void setForceReadOnly(bool readOnly);
    static bool forceReadOnly();
    // The environment's flag or the process's: this session's CancelService refuses every cancel.
    bool isReadOnly() const;
    JobMonitor* monitor() const { return m_monitor; }
    CancelService* cancels() const { return m_cancels; }
    RequestPacer& accountPacer() { return m_account; }
    // The status bar's meter: what the budget allows now and what spent it in the last minute.
    BudgetSnapshot budgetUsage() { return m_account.snapshot(); }
    // A budget for this run instead of the environment's share (--requests-per-minute): reads and the
    // whole session keep to it.
    void setBudgetPerMinute(int perMinute);
    // The local history every pass of this session is recorded in (nullptr when it could not be opened).
    HistoryStore* history() const { return m_history.get(); }

    // The key for this session (never stored here): the monitor starts refreshing with it.
    void setApiKey(const QString& key, KeySource source);
    QString apiKey() const;
    bool hasApiKey() const { return m_keySource != KeySource::None; }
    KeySource keySource() const { return m_keySource; }

    // Start from what is known: puts the last complete list recorded for this environment (LastListStore)
    // into the model, before any answer of the server, and returns when that pass ended (invalid when
    // there is none, or when the model already has rows or a pass runs: call it before setApiKey). The
    // first RestoreSlice rows are in the model on return, the rest follow a slice per turn of the event
    // loop (lastListRestored() when all are in); setApiKey puts the rest in at once before its pass. The
    // first complete pass then updates these rows in place and removes the ones it does not list. Every
    // complete pass of this session writes the list again (at most once a minute, on a worker thread).
    static constexpr qsizetype RestoreSlice = 8192;
    QDateTime restoreLastList();
    bool isRestoring() const;
    void finishRestore(); // the rest of the restored rows now
    // What restoreLastList put in the model, until the first complete pass (invalid after it, or when
    // nothing was restored).
    QDateTime restoredAsOf() const { return m_restoredAsOf; }
    // "as of 09:14, refreshing…" ("as of 2026-03-02 09:14, refreshing…" on another day).
    static QString asOfText(const QDateTime& asOf, const QDateTime& now = QDateTime::currentDateTime());
    QString lastListPath() const;
    void setLastListPath(const QString& path) { m_lastListPath = path; } // tests, benchmarks

    // Why the history does not record (disk full, a damaged database, one kept aside at the start); empty
    // while it records. historyProblem() is emitted whenever this changes.
    QString historyProblemText() const { return m_historyProblemText; }
    // Tries recording again (after the operator freed some space); true when it records.
    bool retryHistory();

    // One small list request with this URL and key: does it work? The answer comes to done, unless context
    // is gone by then. The core's call for every "Test connection".
    static void testConnection(QNetworkAccessManager* manager, const QUrl& baseUrl, const QString& key,
                               QObject* context, std::function<void(const ApiResult&)> done);

signals:
    // A 401 on a read or a cancel: the window offers to enter a new key.
    void keyRejected(const QString& why);
    // The history stopped recording, or said something at the start (kept a damaged file aside), with a
    // sentence for the window's banner; empty when it records again (hide the banner). The listing goes on
    // either way. Also emitted once just after construction (queued) when the history opened with a
    // problem.
    void historyProblem(const QString& sentence);
    // Every row restoreLastList read is in the model.
    void lastListRestored();

private:
    void saveLastList();
    void restoreSlice();
    void checkHistory();

    Environment m_environment;
    RequestPacer m_account;
    std::unique_ptr<HistoryStore> m_history;
    JobMonitor* m_monitor;
    CancelService* m_cancels;
    KeySource m_keySource = KeySource::None;
    QString m_lastListPath;
    qint64 m_lastListWrittenMs = 0;
    QDateTime m_restoredAsOf;
    JobList m_pendingRestore; // restored rows not yet in the model, from m_pendingRestoreAt
    qsizetype m_pendingRestoreAt = 0;
    QString m_historyProblemText;
};

} // namespace Alchemyst
