#pragma once

#include "jobs/job.h"
#include "triage/firstseen.h"

#include <QHash>
#include <QSet>
#include <QString>
#include <QStringList>
#include <array>
#include <deque>

namespace Alchemyst {

// What one pass changed, for highlighting rows, the tab counts and a notification.
struct PassSummary
{
    bool complete = false; // the pass read the whole list (only then can jobs be gone)
    // The first pass of a session over an empty store: every job is new, none of it is news. The id
    // lists stay empty; delta still counts everything.
    bool baseline = false;
    QStringList changed;     // known jobs now in another state (or an active job started again)
    QStringList appeared;    // jobs not known before
    QStringList gone;        // jobs a complete pass no longer listed
    QStringList newlyFailed; // jobs that entered Failed in this pass (changed or appeared)
    QStringList newlyStuck;  // jobs that crossed their stuck threshold since the last pass
    std::array<int, StateCategoryCount> delta{}; // per category: entered minus left in this pass
    bool failedChanged = false; // a job entered or left Failed: failure groups need building again
    QString saveError;          // TriageSession: the store could not be written (the pass still counts)

    int deltaOf(StateCategory category) const { return delta.at(static_cast<int>(category)); }
    bool hasNews() const { return !newlyFailed.isEmpty() || !newlyStuck.isEmpty(); }
    // "3 jobs failed, 1 became stuck"; empty when there is no news.
    QString notificationText() const;
};

// Which jobs changed, in O(changes) per pass: it is fed the store's StateChanges (per page, as they come)
// and never walks the list. Rows that changed stay marked for a while (markDurationMs); jobs that changed
// since the operator last looked stay "unseen" until markAllSeen().
class ChangeTracker
{
public:
    static constexpr qint64 DefaultMarkMs = 5 * 60 * 1000;

    void setMarkDurationMs(qint64 ms) { m_markMs = std::max<qint64>(ms, 0); }
    qint64 markDurationMs() const { return m_markMs; }

    // baseline: see PassSummary::baseline.
    void beginPass(bool baseline = false);
    // One page's changes (FirstSeenStore::observePage, or completePass's removals): rows are marked
    // at once, so that a long pass highlights what it found while it runs.
    void addChanges(const StateChangeList& changes, qint64 nowMs);
    PassSummary endPass(bool complete, qint64 nowMs);
    bool inPass() const { return m_inPass; }

    // Whether a row should be highlighted now; until when (0: not marked).
    bool isMarked(const QString& id, qint64 nowMs) const { return markedUntil(id) > nowMs; }
    qint64 markedUntil(const QString& id) const { return m_markedUntil.value(id, 0); }
    int markedCount() const { return static_cast<int>(m_markedUntil.size()); }
    // Drops the marks that expired; endPass does it, a view's timer may too.
    void expireMarks(qint64 nowMs);

    bool isUnseen(const QString& id) const { return m_unseen.contains(id); }
    int unseenCount() const { return static_cast<int>(m_unseen.size()); }
    // Per category, entered minus left since markAllSeen(): the "(+3)" of "Failed 18 (+3)".
    int deltaSinceSeen(StateCategory category) const { return m_sinceSeen.at(static_cast<int>(category)); }
    void markAllSeen();
    // "Failed 18 (+3)", "Waiting 40 (−2)", "Active 5": a tab's title.
    static QString countText(StateCategory category, int count, int delta);

    void clear();

private:
    PassSummary m_pass;
    bool m_inPass = false;
    qint64 m_markMs = DefaultMarkMs;
    QHash<QString, qint64> m_markedUntil;
    std::deque<std::pair<qint64, QString>> m_expiries; // in the order marked, so in expiry order
    QSet<QString> m_unseen;
    std::array<int, StateCategoryCount> m_sinceSeen{};
};

} // namespace Alchemyst
