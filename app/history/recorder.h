#pragma once

#include "history/historystore.h"
#include "jobs/job.h"
#include "triage/firstseen.h"

#include <QList>
#include <QString>

namespace Alchemyst {

// Feeds one environment's passes into the HistoryStore, for the window's refresh loop, `watch` and `list`
// alike: the changes each page brought (the first-seen store's StateChanges, with the jobs' own times) are
// gathered, and written with the pass in two transactions when it ends.
//
// A first pass over an empty first-seen store sees every job as new: its pass is recorded (the depth by
// state), its changes are not — a million "appeared" rows say nothing, and writing them at the end of the
// pass stalled the window for 0.9 s at 100,000 jobs (bench_listing).
class HistoryRecorder
{
public:
    HistoryRecorder(HistoryStore& store, const QString& environmentKey);

    QString environmentKey() const { return m_environment; }
    // baseline: the first pass over an empty first-seen store (every job reads as new).
    void beginPass(qint64 nowMs, bool baseline = false);
    // One page: its jobs and the changes observing them produced (in the same order of calls).
    void addPage(const JobList& jobs, const StateChangeList& changes, qint64 nowMs);
    // The jobs a complete pass no longer listed.
    void addGone(const StateChangeList& changes, qint64 nowMs);
    // Writes the pass. False when not recorded (the store's writeProblem() says why).
    bool endPass(bool complete, int requests, qint64 jobsSeen,
                 const std::array<int, StateCategoryCount>& counts, qint64 nowMs);

    // The counts by category of a list, for callers without a model.
    static std::array<int, StateCategoryCount> countsOf(const JobList& jobs);

private:
    HistoryStore& m_store;
    QString m_environment;
    qint64 m_startedMs = 0;
    bool m_baseline = false;
    QList<ChangeRecord> m_changes;
};

} // namespace Alchemyst
