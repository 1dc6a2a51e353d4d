#include "overtaken.h"

#include <algorithm>
#include <limits>

namespace Alchemyst {

namespace {

bool hasStarted(StateCategory category)
{
    return category == StateCategory::Active || category == StateCategory::Completed ||
           category == StateCategory::Failed;
}

int lowbit(int i)
{
    return i & -i;
}

} // namespace

OvertakenWatch::OvertakenWatch(int threshold)
    : m_threshold(threshold > 0 ? threshold : DefaultThreshold)
{}

void OvertakenWatch::clear()
{
    m_stagedKey = std::numeric_limits<qint64>::min();
    m_stagedWaiting = 0;
    m_stagedStarts = 0;
    m_waiting.clear();
    m_times.clear();
    m_waitingAt.clear();
    m_startsAt.clear();
    m_tree.clear();
    m_totalStarts = 0;
    m_liveEpochs = 0;
}

qint64 OvertakenWatch::seedKey(const StateChangeList& changes) const
{
    // One key for the whole call: jobs first seen in one pass are ordered by the page that listed them, not
    // by when they were queued, so none of them counts as later than another. Later than every earlier
    // pass's key even if the clock stepped back. (A pass's key is kept by stage() as it goes.)
    qint64 key = std::numeric_limits<qint64>::min();
    for (const StateChange& change : changes) {
        if (!change.to.isEmpty() && categoryOf(change.to) == StateCategory::Waiting)
            key = std::max(key, change.sinceMs);
    }
    if (!m_times.empty() && key <= m_times.back())
        key = m_times.back() + 1;
    return key;
}

void OvertakenWatch::seed(const StateChangeList& changes)
{
    const qint64 key = seedKey(changes);
    for (const StateChange& change : changes) {
        auto it = m_waiting.find(change.id);
        const bool waitingNow = !change.to.isEmpty() && categoryOf(change.to) == StateCategory::Waiting;
        if (it != m_waiting.end() && !waitingNow)
            leaveWaiting(it, false);
        else if (it == m_waiting.end() && waitingNow)
            enterWaiting(change.id, key);
    }
    compactIfSparse();
}

void OvertakenWatch::apply(const StateChangeList& changes)
{
    // One call is one epoch, as one pass staged page by page.
    stage(changes);
    finishStaged();
}

void OvertakenWatch::stage(const StateChangeList& changes)
{
    // The pass's epoch is left open: jobs entering waiting are kept as Staged, starts at the pass's epoch
    // are counted, and the latest sighting that makes the pass's key is kept.
    // Many jobs at once (a whole listing, as the CLI gives it): room for them in one go rather than a
    // rehash each time the table doubles.
    qsizetype entering = 0;
    for (const StateChange& change : changes)
        entering +=
            !change.to.isEmpty() && change.from.isEmpty() && categoryOf(change.to) == StateCategory::Waiting;
    if (m_waiting.capacity() < m_waiting.size() + entering)
        m_waiting.reserve(m_waiting.size() + entering);
    for (const StateChange& change : changes) {
        const bool gone = change.to.isEmpty();
        const StateCategory to = gone ? StateCategory::Other : categoryOf(change.to);
        const bool newStart = !gone && hasStarted(to) && change.from.isEmpty();
        if (!gone && (to == StateCategory::Waiting || newStart))
            m_stagedKey = std::max(m_stagedKey, change.sinceMs);
        auto it = m_waiting.find(change.id);
        if (it != m_waiting.end()) {
            if (gone || to != StateCategory::Waiting)
                leaveWaiting(it, !gone && hasStarted(to));
            continue;
        }
        if (!gone && to == StateCategory::Waiting) {
            m_waiting.insert(change.id, Staged);
            ++m_stagedWaiting;
        } else if (newStart) {
            // New since the last pass and already started: queued after everything seen waiting before.
            ++m_stagedStarts;
        }
        // Anything else left a state other than waiting (active → completed, delayed → active): it was
        // counted when it started, or it never stood in the line.
    }
}

void OvertakenWatch::finishStaged()
{
    if (m_stagedWaiting > 0 || m_stagedStarts > 0) {
        qint64 key = m_stagedKey;
        if (!m_times.empty() && key <= m_times.back())
            key = m_times.back() + 1;
        const int epoch = epochOf(key, true);
        if (m_stagedWaiting > 0) {
            if (m_waitingAt[static_cast<size_t>(epoch)] == 0)
                ++m_liveEpochs;
            m_waitingAt[static_cast<size_t>(epoch)] += static_cast<int>(m_stagedWaiting);
            // One pass over the table, no hashing: the staged jobs get the epoch's time.
            for (auto it = m_waiting.begin(); it != m_waiting.end(); ++it) {
                if (it.value() == Staged)
                    it.value() = key;
            }
        }
        if (m_stagedStarts > 0)
            add(epoch, m_stagedStarts);
    }
    m_stagedKey = std::numeric_limits<qint64>::min();
    m_stagedWaiting = 0;
    m_stagedStarts = 0;
    compactIfSparse();
}

int OvertakenWatch::epochOf(qint64 timeMs, bool create)
{
    const auto it = std::lower_bound(m_times.begin(), m_times.end(), timeMs);
    const int index = static_cast<int>(it - m_times.begin());
    if (it != m_times.end() && *it == timeMs)
        return index;
    if (!create)
        return -1;
    if (it == m_times.end()) {
        // The common case: a new page's sighting time is later than every earlier one. Growing a Fenwick
        // tree by one node: it covers (n - lowbit(n), n], which holds nothing yet but the earlier epochs.
        m_times.push_back(timeMs);
        m_waitingAt.push_back(0);
        m_startsAt.push_back(0);
        const int n = static_cast<int>(m_times.size());
        m_tree.resize(static_cast<size_t>(n) + 1, 0);
        m_tree[static_cast<size_t>(n)] = prefix(n - 2) - (n - lowbit(n) >= 1 ? prefix(n - lowbit(n) - 1) : 0);
        return index;
    }
    m_times.insert(it, timeMs);
    m_waitingAt.insert(m_waitingAt.begin() + index, 0);
    m_startsAt.insert(m_startsAt.begin() + index, 0);
    rebuildTree();
    return index;
}

qint64 OvertakenWatch::prefix(int epoch) const
{
    qint64 sum = 0;
    for (int i = epoch + 1; i > 0; i -= lowbit(i))
        sum += m_tree[static_cast<size_t>(i)];
    return sum;
}

void OvertakenWatch::add(int epoch, qint64 delta)
{
    m_startsAt[static_cast<size_t>(epoch)] += delta;
    m_totalStarts += delta;
    const int n = static_cast<int>(m_times.size());
    for (int i = epoch + 1; i <= n; i += lowbit(i))
        m_tree[static_cast<size_t>(i)] += delta;
}

void OvertakenWatch::rebuildTree()
{
    const int n = static_cast<int>(m_times.size());
    m_tree.assign(static_cast<size_t>(n) + 1, 0);
    for (int i = 1; i <= n; ++i) {
        m_tree[static_cast<size_t>(i)] += m_startsAt[static_cast<size_t>(i - 1)];
        const int parent = i + lowbit(i);
        if (parent <= n)
            m_tree[static_cast<size_t>(parent)] += m_tree[static_cast<size_t>(i)];
    }
}

void OvertakenWatch::enterWaiting(const QString& id, qint64 firstSeenMs)
{
    const int epoch = epochOf(firstSeenMs, true);
    if (m_waitingAt[static_cast<size_t>(epoch)]++ == 0)
        ++m_liveEpochs;
    m_waiting.insert(id, firstSeenMs);
}

void OvertakenWatch::leaveWaiting(QHash<QString, qint64>::iterator it, bool started)
{
    if (it.value() == Staged) {
        // Entered and left within the pass under way: a start, if it was one, at the pass's epoch.
        m_waiting.erase(it);
        --m_stagedWaiting;
        if (started)
            ++m_stagedStarts;
        return;
    }
    const int epoch = epochOf(it.value(), false);
    m_waiting.erase(it);
    if (epoch < 0)
        return;
    if (--m_waitingAt[static_cast<size_t>(epoch)] == 0)
        --m_liveEpochs;
    if (started)
        add(epoch, 1);
}

// Keeps only the epochs that waiting jobs hold, plus the last one: starts at a dropped epoch move to the
// next epoch kept, which changes no answer (no waiting job sits between the two), so memory follows the
// waiting list however many pages went by.
void OvertakenWatch::compactIfSparse()
{
    const int epochs = static_cast<int>(m_times.size());
    if (epochs <= 2 * m_liveEpochs + 1024)
        return;
    std::vector<qint64> times;
    std::vector<int> waitingAt;
    std::vector<qint64> startsAt;
    qint64 carried = 0;
    for (int i = 0; i < epochs; ++i) {
        carried += m_startsAt[static_cast<size_t>(i)];
        if (m_waitingAt[static_cast<size_t>(i)] > 0 || i == epochs - 1) {
            times.push_back(m_times[static_cast<size_t>(i)]);
            waitingAt.push_back(m_waitingAt[static_cast<size_t>(i)]);
            startsAt.push_back(carried);
            carried = 0;
        }
    }
    m_times = std::move(times);
    m_waitingAt = std::move(waitingAt);
    m_startsAt = std::move(startsAt);
    rebuildTree();
}

qint64 OvertakenWatch::overtakenBy(const QString& id) const
{
    const auto it = m_waiting.constFind(id);
    if (it == m_waiting.constEnd())
        return 0;
    const auto found = std::lower_bound(m_times.begin(), m_times.end(), it.value());
    if (found == m_times.end() || *found != it.value())
        return 0;
    return m_totalStarts - prefix(static_cast<int>(found - m_times.begin()));
}

qint64 OvertakenWatch::overtakenCutoffMs() const
{
    // The largest epoch whose later starts still reach the threshold: the largest k with
    // prefix(k) <= total - threshold, by descending the tree.
    const qint64 target = m_totalStarts - m_threshold;
    if (target < 0 || m_times.empty())
        return -1;
    const int n = static_cast<int>(m_times.size());
    int position = 0; // 1-based count of epochs whose prefix stays within target
    qint64 sum = 0;
    int step = 1;
    while (step * 2 <= n)
        step *= 2;
    for (; step > 0; step /= 2) {
        const int next = position + step;
        if (next <= n && sum + m_tree[static_cast<size_t>(next)] <= target) {
            position = next;
            sum += m_tree[static_cast<size_t>(next)];
        }
    }
    // position epochs have prefix <= target; the last of them is epoch position - 1.
    if (position == 0)
        return -1;
    // Only a waiting job's epoch answers: the cutoff is the latest waiting epoch at or before it.
    for (int epoch = position - 1; epoch >= 0; --epoch) {
        if (m_waitingAt[static_cast<size_t>(epoch)] > 0)
            return m_times[static_cast<size_t>(epoch)];
    }
    return -1;
}

void OvertakenWatch::forEachOvertaken(const std::function<void(const QString& id)>& visit) const
{
    const qint64 cutoff = overtakenCutoffMs();
    if (cutoff < 0)
        return;
    for (auto it = m_waiting.cbegin(); it != m_waiting.cend(); ++it) {
        if (it.value() <= cutoff)
            visit(it.key());
    }
}

} // namespace Alchemyst
