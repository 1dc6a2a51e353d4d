#pragma once

#include "jobs/job.h"
#include "jobs/timedisplay.h"
#include "triage/firstseen.h"

#include <QHash>
#include <QString>
#include <QStringList>
#include <QUrl>
#include <functional>
#include <queue>
#include <vector>

namespace Alchemyst {

// How long a job may sit in a state before the operator should look at it. There is no progress
// field: time is all there is to go on.
struct StuckThresholds
{
    static constexpr qint64 DefaultActiveMs = 15 * 60 * 1000;
    static constexpr qint64 DefaultWaitingMs = 30 * 60 * 1000;
    // What load() accepts; anything outside (or unreadable) falls back to the default.
    static constexpr qint64 MinimumMs = 1000;
    static constexpr qint64 MaximumMs = 365LL * 24 * 3600 * 1000;

    // A waiting job still waiting after this many jobs first seen later than it started or finished is
    // stuck too ("overtaken", OvertakenWatch): a sign that needs no time at all.
    static constexpr int DefaultOvertakenJobs = 100;
    static constexpr int MinimumOvertakenJobs = 1;
    static constexpr int MaximumOvertakenJobs = 100000000;

    qint64 activeMs = DefaultActiveMs;        // active for longer than this (from processedOn)
    qint64 waitingMs = DefaultWaitingMs;      // waiting or delayed seen for longer than this (first-seen)
    int overtakenJobs = DefaultOvertakenJobs; // QSettings "stuckOvertakenJobs"

    // QSettings group "triage/<triageEnvironmentKey>", so that production and staging keep their own.
    static QString settingsGroup(const QString& environmentName, const QUrl& serverUrl);
    static StuckThresholds load(const QString& environmentName, const QUrl& serverUrl);
    void save(const QString& environmentName, const QUrl& serverUrl) const;

    bool operator==(const StuckThresholds& other) const
    {
        return activeMs == other.activeMs && waitingMs == other.waitingMs &&
               overtakenJobs == other.overtakenJobs;
    }
    bool operator!=(const StuckThresholds& other) const { return !(*this == other); }
};

struct StuckVerdict
{
    enum Basis
    {
        NotApplicable, // a state no rule watches (completed, failed, …), or no time known at all
        Started,       // processedOn: the age is exact
        FirstSeen,     // the app's first sighting: the age is a lower bound
    };
    bool stuck = false;
    qint64 ageMs = -1;  // -1 when not applicable
    qint64 sinceMs = 0; // the time the age counts from
    Basis basis = NotApplicable;
    // For the operator: "running 41 min", "running ≥ 20 min (seen since 09:14)", "waiting ≥ 2 h (seen since
    // 09:14)"; empty when not applicable. An overtaken job's ends with ", overtaken by 140 later jobs".
    QString text;
    // Waiting jobs only (TriageSession::verdict): how many jobs first seen later than it have started since
    // (0 unknown or none; filled only with the text), and whether that reached the threshold, which makes
    // the job stuck whatever its age.
    qint64 overtakenBy = 0;
    bool overtaken = false;
};

// Whether `job` is stuck. firstSeenMs: the store's first sighting of the job in its current state
// (FirstSeenStore::firstSeen(id, state)), 0 when unknown. A job is stuck when its age is strictly over
// the threshold; exactly at it is not yet.
// withText false leaves `text` empty: a filter over 100,000 rows needs the yes/no, not the sentence
// (formatting is most of the cost). zone: how the "seen since" time is written (the table's setting).
StuckVerdict evaluateStuck(const Job& job, qint64 firstSeenMs, qint64 nowMs,
                           const StuckThresholds& thresholds, bool withText = true,
                           TimeDisplay::Zone zone = TimeDisplay::Zone::Local);
StuckVerdict evaluateStuck(const Job& job, const FirstSeenStore& store, qint64 nowMs,
                           const StuckThresholds& thresholds, bool withText = true,
                           TimeDisplay::Zone zone = TimeDisplay::Zone::Local);
// "41 min", "2 h", "3 days": the operator's wording of an age, translated, with plurals.
QString stuckAgeText(qint64 ms);
// "overtaken by 140 later jobs" (translated, digits grouped by the default QLocale).
QString overtakenText(qint64 laterJobs);

// Which jobs BECOME stuck, in O(changes) per pass: every job entering a watched state gets a deadline
// (its start + threshold) in a queue; poll() pops the deadlines that passed. Fed with the store's
// StateChanges, it never walks the whole list.
class StuckWatch
{
public:
    // Thresholds change: deadlines are recomputed; jobs already over the new ones count as stuck without
    // being reported as newly stuck (a settings change is not news).
    void setThresholds(const StuckThresholds& thresholds, qint64 nowMs);
    const StuckThresholds& thresholds() const { return m_thresholds; }

    void apply(const StateChange& change);
    void apply(const StateChangeList& changes);
    // Jobs whose deadline passed since the last poll, still in the state they were scheduled for.
    QStringList poll(qint64 nowMs);
    // Marks everything already over its deadline as stuck without reporting it (the first pass).
    void settle(qint64 nowMs) { poll(nowMs); }

    bool isStuck(const QString& id) const;
    int stuckCount() const { return m_stuckCount; }
    int watchedCount() const { return static_cast<int>(m_candidates.size()); }
    void clear();

private:
    struct Candidate
    {
        qint64 basisMs = 0;
        bool active = false;
        bool stuck = false;
    };
    using Deadline = std::pair<qint64, QString>;

    qint64 deadlineOf(const Candidate& candidate) const;
    void rebuildQueue();

    StuckThresholds m_thresholds;
    QHash<QString, Candidate> m_candidates;
    std::priority_queue<Deadline, std::vector<Deadline>, std::greater<Deadline>> m_queue;
    int m_stuckCount = 0;
};

} // namespace Alchemyst
