#pragma once

#include "history/overtaken.h"
#include "jobs/job.h"
#include "triage/changetracker.h"
#include "triage/failuregroups.h"
#include "triage/firstseen.h"
#include "triage/snooze.h"
#include "triage/stuck.h"

#include <QSet>
#include <QString>
#include <QStringList>
#include <QUrl>

namespace Alchemyst {

// Triage of one environment, the one object the monitor (or the CLI) feeds: first sightings kept on
// disk, stuck rules and the jobs that become stuck, what each pass changed, failures grouped by reason.
// Plain C++ with no event loop of its own, so that the CLI drives it in one go and the window from the
// monitor's signals:
//
//   session.load(now);                                   // once, after choosing the environment
//   monitor passStarted    -> session.beginPass();
//   each page (model merge) -> session.observePage(page.jobs, now);
//   monitor passFinished   -> PassSummary s = session.endPass(result.ok(), now);   // saves the store
//   a row                  -> session.verdict(job, now), session.changes().isMarked(id, now)
//   failed tab / panel     -> session.groupFailures(model->jobs())  when s.failedChanged
//
// Times are passed in (epoch ms) rather than read from the clock, so tests and benchmarks control them.
class TriageSession
{
public:
    TriageSession(); // memory only, default thresholds: nothing is read or written
    // The store at FirstSeenStore::defaultFilePath, thresholds from QSettings (StuckThresholds::load).
    TriageSession(const QString& environmentName, const QUrl& serverUrl);
    // The store at `storePath` (tests); thresholds stay the defaults until setThresholds.
    explicit TriageSession(const QString& storePath);

    // Loads the first sightings and lets the stuck watch know the jobs in them; jobs already over their
    // threshold at `nowMs` count as stuck without being news. false (and an empty store) on a damaged file.
    bool load(qint64 nowMs, QString* error = nullptr);
    // The store's save: it merges what other processes recorded meanwhile, which the stuck watch hears of.
    bool save(QString* error = nullptr);
    // On (the default), endPass saves the store when it changed. Off, the caller saves (on a timer, at
    // exit): a kill then loses the sightings since the last save, which only makes ages look younger.
    void setSaveAfterPass(bool on) { m_saveAfterPass = on; }

    void beginPass(qsizetype expectedJobs = 0);
    // One page of the running pass; returns this page's changes (valid until the next call).
    const StateChangeList& observePage(const JobList& jobs, qint64 nowMs);
    // complete: the pass read the whole list (passFinished with Outcome::Ok); only then are vanished
    // jobs pruned. Saves the store when it changed and the session has a file.
    PassSummary endPass(bool complete, qint64 nowMs);
    // A job known gone outside a pass (a 404 on a single-job fetch).
    void jobRemoved(const QString& id, qint64 nowMs);

    // The age rules (evaluateStuck) and, for a waiting job, the overtaken rule: one overtaken by
    // thresholds().overtakenJobs later jobs is stuck whatever its age ("…, overtaken by 140 later jobs").
    StuckVerdict verdict(const Job& job, qint64 nowMs, bool withText = true,
                         TimeDisplay::Zone zone = TimeDisplay::Zone::Local) const;
    // Jobs stuck by either rule (the Stuck tab's count) and not snoozed, as of the last endPass, load,
    // setThresholds or snoozesChanged.
    int stuckCount() const { return qMax(0, m_watch.stuckCount() + m_overtakenOnly - m_snoozedStuck); }

    // The operator's snoozes of stuck jobs, kept per environment (SnoozeStore::defaultFilePath; memory
    // only for sessions without an environment). Loaded with load(); endPass ends the snoozes whose job
    // changed state or went away, and leaves snoozed jobs out of PassSummary::newlyStuck.
    SnoozeStore& snoozes() { return m_snoozes; }
    const SnoozeStore& snoozes() const { return m_snoozes; }
    // The job is snoozed in the state the session knows it in (the row's own state for a row).
    bool isSnoozed(const Job& job, qint64 nowMs) const
    {
        return m_snoozes.isSnoozed(job.id, job.state, nowMs);
    }
    // Call after changing snoozes() outside a pass: recounts stuckCount().
    void snoozesChanged(qint64 nowMs);
    // Why the snoozes could not be read or written (empty: they could).
    QString snoozeError() const { return m_snoozeError; }
    // How many jobs first seen later than this waiting job have started or finished since; 0 when it is
    // not waiting (or nobody overtook it).
    qint64 overtakenBy(const QString& id) const { return m_overtaken.overtakenBy(id); }
    const OvertakenWatch& overtakenWatch() const { return m_overtaken; }

    // The waiting jobs of the last complete pass in the order the server listed them (BullMQ: newest
    // first), and when that pass ended (0: none yet). Costs a pointer per waiting job.
    const QStringList& lastWaitingOrder() const { return m_lastWaiting; }
    qint64 lastWaitingOrderMs() const { return m_lastWaitingMs; }
    const StuckThresholds& thresholds() const { return m_watch.thresholds(); }
    // Applies at once; persisted with saveThresholds() (sessions built from an environment only).
    void setThresholds(const StuckThresholds& thresholds, qint64 nowMs);
    void saveThresholds() const;

    FailureGroupList groupFailures(const JobList& jobs,
                                   FailureGrouper::JobIdsOption ids = FailureGrouper::WithJobIds)
    {
        return m_grouper.group(jobs, ids);
    }
    FailureGrouper& grouper() { return m_grouper; }

    const FirstSeenStore& store() const { return m_store; }
    FirstSeenStore& store() { return m_store; }
    const ChangeTracker& changes() const { return m_tracker; }
    ChangeTracker& changes() { return m_tracker; }
    const StuckWatch& stuckWatch() const { return m_watch; }

private:
    // Sightings the store changed without a change of the job (merged from the file, clamped to now):
    // the stuck deadlines move with them; the change tracker has nothing to show.
    void applyCorrections();
    // Keeps what the overtaken rule needs of a page's changes until the pass ends (one epoch a pass).
    void keepForOvertaken(const StateChangeList& changes);
    // Recounts the overtaken jobs after a change of the watch or of the threshold; returns the ones that
    // were not overtaken before (O(overtaken jobs), nothing while none is).
    QStringList updateOvertaken();
    // Drops the snoozes that no longer cover their job and recounts the snoozed stuck jobs.
    void updateSnoozed(qint64 nowMs);

    QString m_environmentName;
    QUrl m_serverUrl;
    bool m_hasEnvironment = false;
    bool m_passedOnce = false;
    bool m_saveAfterPass = true;
    FirstSeenStore m_store;
    ChangeTracker m_tracker;
    StuckWatch m_watch;
    FailureGrouper m_grouper;
    StateChangeList m_pageChanges;
    OvertakenWatch m_overtaken;
    StateChangeList m_overtakenPass;      // a page's changes into, out of or past waiting, before staging
    int m_overtakenOnly = 0;              // overtaken jobs the age rule does not call stuck
    bool m_overtakenCountsStarts = false; // jobs were waiting when the pass began
    qint64 m_overtakenCutoffMs = -1;      // m_overtaken.overtakenCutoffMs() as of the last update
    QSet<QString> m_overtakenIds;         // the overtaken jobs as of the last update
    QStringList m_passWaiting;            // the running pass's waiting jobs, in list order
    QStringList m_lastWaiting;
    qint64 m_lastWaitingMs = 0;
    SnoozeStore m_snoozes;
    QString m_snoozeError;
    int m_snoozedStuck = 0; // stuck jobs (either rule) a snooze covers, as of the last updateSnoozed
};

} // namespace Alchemyst
