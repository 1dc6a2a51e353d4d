#pragma once

#include "triage/firstseen.h"

#include <QHash>
#include <QString>
#include <functional>
#include <limits>
#include <vector>

namespace Alchemyst {

// "Overtaken": a waiting job still waiting after K jobs first seen later than it have started or finished.
// A stuck sign that needs no timestamp from the server, only the app's own first sightings: in a queue that
// works in order, a job is overtaken by nobody.
//
// Fed once a pass with the first-seen store's StateChanges, so a pass costs O(changes), not O(jobs). Jobs
// first seen in one pass are one "epoch": within a pass their sightings follow the pages that listed them,
// not the order they were queued in, so none of them is later than another. It remembers only the waiting
// jobs (id → epoch) and, per epoch, how many started jobs were first seen in it; a Fenwick tree over the
// epochs answers "how many started jobs were first seen after epoch e" in O(log epochs). Epochs that no
// waiting job holds any more are folded into their successor, so memory follows the waiting list (about
// 60 bytes a waiting job, ~60 MB for a million), not the number of passes.
//
// Limits, by design: seed() (the first pass, or the store's sightings replayed after a start) puts every
// job in one epoch, so jobs known before a restart are not ordered among themselves and what was counted
// before it is not kept: after a restart a job is flagged only once jobs first seen since overtake it.
class OvertakenWatch
{
public:
    static constexpr int DefaultThreshold = 100;

    explicit OvertakenWatch(int threshold = DefaultThreshold);

    void setThreshold(int threshold) { m_threshold = threshold > 0 ? threshold : DefaultThreshold; }
    int threshold() const { return m_threshold; }

    // The first pass's changes, or FirstSeenStore::asChanges() after a load: registers the waiting jobs
    // (as one epoch) and counts nobody as having overtaken anyone.
    void seed(const StateChangeList& changes);
    // A later pass's changes. A job that leaves waiting for active, completed or failed has started; one
    // that appears already started (not listed by the previous pass) was queued after every job seen
    // waiting before it, and counts against those first seen earlier. Leaving for delayed, cancelled or
    // gone is not a start.
    void apply(const StateChangeList& changes);
    // apply() a page at a time within a pass (apply() is stage() and finishStaged()): the same effect,
    // once finishStaged() has given the pass its one epoch (its time is the latest first sighting of the
    // whole pass, known only at its end). The hash work is done as the pages come, not for a million jobs at
    // once when the pass ends. Until then the jobs staged into waiting read as not waiting (epochMsOf() -1,
    // overtakenBy() 0), as they did when the whole pass was applied at its end.
    void stage(const StateChangeList& changes);
    void finishStaged();
    void clear();

    // How many jobs first seen later than this waiting job have started since; 0 when it is not waiting.
    qint64 overtakenBy(const QString& id) const;
    bool isOvertaken(const QString& id) const { return overtakenBy(id) >= m_threshold; }
    // Every waiting job first seen at or before this time is overtaken (the count only falls with a later
    // first sighting); -1 when none is. An epoch's time is the latest first sighting of its pass, so passes
    // that do not overlap compare right. Lets the Stuck tab filter a million rows by one comparison.
    qint64 overtakenCutoffMs() const;
    // The time of the epoch a waiting job belongs to (compare with overtakenCutoffMs()); -1 when it is not
    // waiting.
    qint64 epochMsOf(const QString& id) const
    {
        const qint64 epoch = m_waiting.value(id, -1);
        return epoch == Staged ? -1 : epoch;
    }
    // The overtaken waiting jobs, for counting them beside the time-stuck ones: O(waiting jobs) when any
    // is overtaken, nothing when none is.
    void forEachOvertaken(const std::function<void(const QString& id)>& visit) const;
    int waitingCount() const { return static_cast<int>(m_waiting.size()); }
    int epochCount() const { return static_cast<int>(m_times.size()); }

private:
    // The epoch time of a job staged into waiting in the pass under way (after every real epoch time).
    static constexpr qint64 Staged = std::numeric_limits<qint64>::max();

    void enterWaiting(const QString& id, qint64 firstSeenMs);
    void leaveWaiting(QHash<QString, qint64>::iterator it, bool started);
    qint64 seedKey(const StateChangeList& changes) const;
    int epochOf(qint64 timeMs, bool create);
    qint64 prefix(int epoch) const; // departures at epochs 0..epoch
    void add(int epoch, qint64 delta);
    void rebuildTree();
    void compactIfSparse();

    int m_threshold;
    QHash<QString, qint64> m_waiting; // waiting job → the time of its epoch
    std::vector<qint64> m_times;      // epochs, ascending
    std::vector<int> m_waitingAt;     // waiting jobs per epoch
    std::vector<qint64> m_startsAt;   // started jobs per epoch (the tree is built from these)
    std::vector<qint64> m_tree;       // Fenwick tree over m_startsAt, 1-based
    qint64 m_totalStarts = 0;
    int m_liveEpochs = 0; // epochs with waiting jobs
    // What stage() took in since the last finishStaged().
    qint64 m_stagedKey = std::numeric_limits<qint64>::min();
    qint64 m_stagedWaiting = 0; // staged into waiting and still waiting (their value is Staged)
    qint64 m_stagedStarts = 0;  // starts at the pass's epoch
};

} // namespace Alchemyst
