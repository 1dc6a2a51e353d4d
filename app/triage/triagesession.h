#pragma once

#include "jobs/job.h"
#include "triage/changetracker.h"
#include "triage/failuregroups.h"
#include "triage/firstseen.h"
#include "triage/stuck.h"

#include <QString>
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

    StuckVerdict verdict(const Job& job, qint64 nowMs, bool withText = true,
                         TimeDisplay::Zone zone = TimeDisplay::Zone::Local) const
    {
        return evaluateStuck(job, m_store, nowMs, m_watch.thresholds(), withText, zone);
    }
    const StuckThresholds& thresholds() const { return m_watch.thresholds(); }
    // Applies at once; persisted with saveThresholds() (sessions built from an environment only).
    void setThresholds(const StuckThresholds& thresholds, qint64 nowMs);
    void saveThresholds() const;

    FailureGroupList groupFailures(const JobList& jobs) { return m_grouper.group(jobs); }
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
};

} // namespace Alchemyst
