#pragma once

#include "api/apiclient.h"
#include "api/requestpacer.h"
#include "jobs/job.h"
#include "triage/firstseen.h"
#include "triage/triagesession.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QSet>
#include <QStringList>
#include <QTimer>
#include <QUrl>
#include <memory>
#include <optional>
#include <vector>

class QNetworkAccessManager;

namespace Alchemyst {

class HistoryRecorder;
class HistoryStore;
class JobModel;

// One server's job list, kept current: the refresh passes (paging, merging each page into the model as it
// arrives, removing only after a complete pass), the request budget and pacing, retries, progress, the
// stale state, and what cancels taught us (CancelService sends them; JobSession passes the answers on).
// A monitor lives for one server: another server is another JobSession with its own monitor, so that no
// answer of the old one can reach the new one's table. Widgets observe it; the tests drive it headless.
//
// Between and during full passes it polls the top of the lists every tick (the refresh interval): the
// first page of type=active (all of it), failed, completed and all. BullMQ lists each state newest first,
// so what just failed, started, finished or arrived is there; it is merged in place (nothing is removed
// by a partial read) and goes the way a pass's pages go (first sightings, history, changesObserved).
// Full passes get the rest of the budget. A list that does not come newest first turns the polls off
// for this monitor (logged), and full passes alone keep the list.
class JobMonitor : public QObject
{
    Q_OBJECT

public:
    struct Progress
    {
        int pages = 0;
        qint64 received = 0; // entries read in this pass
        int requests = 0;
        qint64 elapsedMs = 0;
    };

    // With an environment name, its triage (first sightings, stuck thresholds) is kept on disk; without, in
    // memory.
    JobMonitor(QNetworkAccessManager* manager, const QUrl& baseUrl,
               const QString& environmentName = QString(), QObject* parent = nullptr);
    ~JobMonitor() override;

    ApiClient* client() const { return m_client; }
    JobModel* model() const { return m_model; }
    // This monitor's share of the account: every request of it (passes, polls, single jobs) counts here.
    RequestPacer& pacer() { return m_pacer; }
    // Full passes and single-job fetches: the share less what the polls need (upstream: pacer()).
    RequestPacer& passPacer() { return m_passPacer; }

    QUrl server() const { return m_client->baseUrl(); }
    // With a key the monitor refreshes (at once, then on its schedule); without one it only waits.
    void setApiKey(const QString& key);
    bool hasApiKey() const { return m_client->hasApiKey(); }

    void setAutoRefresh(bool on);
    bool autoRefresh() const { return m_autoRefresh; }
    void setIntervalSeconds(int seconds);
    int intervalSeconds() const { return m_intervalSeconds; }

    bool isRefreshing() const { return m_listing != 0; }
    Progress progress() const;
    bool isStale() const { return m_stale; }
    QDateTime lastGoodRefresh() const { return m_lastGood; }
    QDateTime nextRefreshAt() const { return m_refreshTimer.isActive() ? m_nextRefreshAt : QDateTime(); }
    int nextIntervalMs() const { return m_nextIntervalMs; }
    // Why the next request waits (a 429, a retry): empty when nothing unusual is going on.
    QString waitingReason() const { return m_waitingReason; }
    // What the server said on a list page it marked "success": false, the jobs being shown anyway.
    QString serverNote() const { return m_serverNote; }
    // The list entries of the last pass that had no usable job id (ListResult::skipped): not shown, so the
    // window and watch say how many.
    int lastSkipped() const { return m_lastSkipped; }
    // The last pass's failure, when it failed.
    ApiResult lastProblem() const { return m_lastProblem; }

    // The top-of-list polls: the lists polled, and how many pages of each at most (active: all of it).
    static QStringList pollTypes();
    static constexpr int ActivePollPages = 5;
    // Requests one round of polls takes when each list fits its first page.
    static constexpr int PollRequestsPerRound = 4;
    // Two timestamps on one first page out of order by more than this (workers' clocks differ) mean the
    // list is not newest first.
    static constexpr qint64 OrderToleranceMs = 5000;
    // Whether the polls run (they wait for a list longer than a round of them, and stop for good when the
    // order check failed).
    bool isPolling() const;
    // The order check failed: full passes only, for this monitor. Why, for the log and the tests.
    bool pollsDisabled() const { return !m_pollsDisabledReason.isEmpty(); }
    QString pollsDisabledReason() const { return m_pollsDisabledReason; }
    // Between two rounds of polls (the refresh interval, stretched so the polls take at most half the share).
    int pollIntervalMs();
    // Rounds of polls sent since the monitor started (tests, benchmarks).
    int pollRounds() const { return m_pollRounds; }
    // Requests the polls sent, retries included (tests, benchmarks).
    int pollRequests() const { return m_pollRequests; }
    // Polls now, whatever the timer says (tests; a no-op while isPolling() is false).
    void pollNow();
    // Polls of a list that have not ended yet (0 when the round is over).
    int pollsRunning() const;

    // The last successful top-of-list poll or complete pass: how fresh the changes shown are.
    QDateTime lastChangesAt() const { return m_lastChangesAt; }
    // The last complete pass: how fresh the list as a whole is.
    QDateTime lastFullPassAt() const { return m_lastGood; }
    // "changes 4 s ago · full list 2 min ago", for the status bar (translated).
    QString freshnessText(const QDateTime& now = QDateTime::currentDateTime()) const;
    static QString freshnessText(const QDateTime& changesAt, const QDateTime& fullPassAt,
                                 const QDateTime& now);

    // Stuck rules, ages, what changed, failures grouped: fed by every pass.
    TriageSession& triage() { return *m_triage; }
    // The failure groups of the model's jobs, as the state list and the failures view show them (without
    // their ids).
    FailureGroupList failureGroups();
    const TriageSession& triage() const { return *m_triage; }
    // What the last pass changed (after passFinished).
    const PassSummary& lastSummary() const { return m_lastSummary; }
    // Writes the first sightings now when they changed (also done every minute and when the monitor goes).
    void saveTriage();

    // The job's opaque `data` as the list last carried it; empty until a pass has listed it since it was
    // watched. Kept for jobs that are not completed (up to MaxDataKept) and for watched ones, so that
    // 100,000 jobs do not hold 100,000 parsed objects.
    static constexpr int MaxDataKept = 20000;
    // The least a pass's id indexes are sized for (about 0.3 MB each while empty): a first pass of up to
    // this many jobs never rehashes them.
    static constexpr qsizetype ExpectedJobsFloor = 131072;
    // At most JobDataStore::MaxBytesPerJob of each (isJobDataCut: the single-job answer may have the rest)
    // and JobDataStore::DefaultBudgetBytes in all, held by the model's dataStore().
    QJsonObject jobData(const QString& id) const;
    bool isJobDataCut(const QString& id) const;
    // Every pass and its changes go into this history (not owned; nullptr: none). A history that fails
    // never fails a pass: historyProblem() says why it stopped recording.
    void setHistory(HistoryStore* history);
    QString historyProblem() const;
    HistoryStore* history() const { return m_history; }
    // The environment's key in the history (and the first-seen store), empty without a history.
    QString historyKey() const;
    // The details pane shows this job: keep its data whatever its state (one at a time).
    void watchJob(const QString& id);
    // A cancel's answer (CancelService's, through JobSession): a cancelled job stays in the table as
    // cancelled, even when the server stops listing it; a 409 or 404 has the job looked up again.
    void noteCancelAnswer(const QString& id, const ApiResult& result);
    QString environmentName() const { return m_environmentName; }
    // Fetches one job and applies what the answer says (a 404 removes it).
    void refreshJob(const QString& id);

public slots:
    // Starts a pass now, unless one runs.
    void refresh();
    // Ends the running pass; what was read stays, nothing is removed, the list is marked stale.
    void stop();

signals:
    void passStarted();
    void progressChanged();
    // A pass ended: Outcome::Ok when it read the whole list.
    void passFinished(const Alchemyst::ApiResult& result);
    // Any of the status values above changed (stale, next refresh, waiting reason…).
    void statusChanged();
    // After each pass's triage: lastSummary() says what changed, newly failed and newly stuck.
    void triageUpdated();
    void jobDataChanged(const QString& id);
    // A page's changes as the first-seen store saw them (the model already holds the page): for `watch`.
    // Direct connections only (the list is not a registered type).
    void changesObserved(const Alchemyst::StateChangeList& changes, qint64 observedAtMs);
    // lastChangesAt() or lastFullPassAt() moved.
    void freshnessChanged();

private:
    void onPage(const ListPage& page, const ListProgress& progress);
    void onPassFinished(const ListResult& result);
    void scheduleNext(int delayMs);
    void applyLocalUpdate(const QString& id, const std::optional<Job>& job);
    void onRetrying(const ApiResult& failure, int attempt, int delayMs);
    // The part of a page every merge shares: the data kept, the local answers that know better.
    JobList keepData(const ListPage& page, quint64 sinceSerial);
    void onPollTick();
    void startPoll(int type);
    void onPollPage(int type, const ListPage& page, int requestedLimit);
    // Empty when the first page looks newest first; else what is wrong with it. *suspect: the job whose
    // absence says so, when it may only be gone (the caller asks the server about it).
    QString checkOrder(int type, const JobList& jobs, int requestedLimit, QString* suspect) const;
    void disablePolls(const QString& reason);
    void updatePassShare();
    void recordPollChanges(const JobList& jobs, const StateChangeList& changes, qint64 observedAt);

    struct Poll
    {
        ApiClient* client = nullptr;
        std::unique_ptr<RequestPacer> gate; // lets exactly the pages wanted go: the next one waits
        int listing = 0;
        quint64 serial = 0;  // m_localSerial when it started
        QStringList lastTop; // ids of the last first page, in order
    };
    std::vector<Poll> m_polls;
    QTimer m_pollTimer;
    RequestPacer m_passPacer;
    QString m_pollsDisabledReason;
    QDateTime m_lastChangesAt;
    int m_lastPassRequests = 0; // of the last complete pass
    int m_pollRounds = 0;
    int m_pollRequests = 0;
    bool m_baselinePass = false; // the running pass is the first over an empty first-seen store

    ApiClient* m_client;
    JobModel* m_model;
    RequestPacer m_pacer;
    QTimer m_refreshTimer;
    QDateTime m_nextRefreshAt;
    QDateTime m_lastGood;
    QElapsedTimer m_passClock;
    ListProgress m_progress;
    ApiResult m_lastProblem;
    QString m_waitingReason;
    QString m_serverNote;
    QString m_passNote;
    bool m_autoRefresh = true;
    bool m_stale = false;
    int m_lastSkipped = 0;
    int m_intervalSeconds;
    int m_nextIntervalMs;
    qsizetype m_largestPass = 0; // entries of the largest complete pass
    int m_listing = 0;           // the running pass's listing id, 0 when none
    // Jobs cancelled from here: kept in the table as cancelled even when the server stops listing them.
    QSet<QString> m_cancelledHere;
    QString m_watched;
    QString m_environmentName;
    std::unique_ptr<TriageSession> m_triage;
    HistoryStore* m_history = nullptr;
    std::unique_ptr<HistoryRecorder> m_recorder;
    QString m_historyProblem;
    PassSummary m_lastSummary;
    QTimer m_triageSaveTimer;

    // What cancels and single-job fetches learnt: it overrides the pages of a pass that started before
    // the answer came, until a pass that started after it has been applied.
    struct LocalUpdate
    {
        quint64 serial = 0;
        std::optional<Job> job; // nullopt: the job is gone
    };
    QHash<QString, LocalUpdate> m_localUpdates;
    quint64 m_localSerial = 0;
    quint64 m_passSerial = 0; // m_localSerial when the running pass started
};

} // namespace Alchemyst
