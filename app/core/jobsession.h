#pragma once

#include "api/apiresult.h"
#include "api/requestpacer.h"
#include "core/connection.h"
#include "core/journal.h"

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

    // One small list request with this URL and key: does it work? The answer comes to done, unless context
    // is gone by then. The core's call for every "Test connection".
    static void testConnection(QNetworkAccessManager* manager, const QUrl& baseUrl, const QString& key,
                               QObject* context, std::function<void(const ApiResult&)> done);

signals:
    // A 401 on a read or a cancel: the window offers to enter a new key.
    void keyRejected(const QString& why);

private:
    Environment m_environment;
    RequestPacer m_account;
    std::unique_ptr<HistoryStore> m_history;
    JobMonitor* m_monitor;
    CancelService* m_cancels;
    KeySource m_keySource = KeySource::None;
};

} // namespace Alchemyst
