#include "stuck.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QSettings>
#include <limits>

namespace Alchemyst {

namespace {

// A class for the context, so that lupdate files the texts under the one the runtime looks them up in.
struct Stuck
{
    Q_DECLARE_TR_FUNCTIONS(Alchemyst::Stuck)
};

qint64 readMs(const QSettings& settings, const QString& key, qint64 fallback)
{
    bool ok = false;
    const qint64 value = settings.value(key).toLongLong(&ok);
    return ok && value >= StuckThresholds::MinimumMs && value <= StuckThresholds::MaximumMs ? value
                                                                                            : fallback;
}

// "09:14" today, "2026-03-03 09:14" before: the operator reads it against the clock on the wall. In UTC
// the zone is said ("09:14 UTC"), as the table's headers say it for the other times.
QString sinceText(qint64 sinceMs, qint64 nowMs, TimeDisplay::Zone zone)
{
    const QDateTime since = TimeDisplay::dateTime(sinceMs, zone);
    const QDateTime now = TimeDisplay::dateTime(nowMs, zone);
    const QString text = since.toString(since.date() == now.date() ? QStringLiteral("HH:mm")
                                                                   : QStringLiteral("yyyy-MM-dd HH:mm"));
    return zone == TimeDisplay::Zone::Utc ? text + QStringLiteral(" UTC") : text;
}

qint64 saturatingAdd(qint64 a, qint64 b)
{
    qint64 sum = 0;
    return qAddOverflow(a, b, &sum) ? std::numeric_limits<qint64>::max() : sum;
}

} // namespace

QString StuckThresholds::settingsGroup(const QString& environmentName, const QUrl& serverUrl)
{
    return QStringLiteral("triage/") + triageEnvironmentKey(environmentName, serverUrl);
}

StuckThresholds StuckThresholds::load(const QString& environmentName, const QUrl& serverUrl)
{
    QSettings settings;
    settings.beginGroup(settingsGroup(environmentName, serverUrl));
    StuckThresholds thresholds;
    thresholds.activeMs = readMs(settings, QStringLiteral("stuckActiveMs"), DefaultActiveMs);
    thresholds.waitingMs = readMs(settings, QStringLiteral("stuckWaitingMs"), DefaultWaitingMs);
    bool ok = false;
    const qint64 overtaken = settings.value(QStringLiteral("stuckOvertakenJobs")).toLongLong(&ok);
    thresholds.overtakenJobs = ok && overtaken >= MinimumOvertakenJobs && overtaken <= MaximumOvertakenJobs
                                   ? static_cast<int>(overtaken)
                                   : DefaultOvertakenJobs;
    return thresholds;
}

void StuckThresholds::save(const QString& environmentName, const QUrl& serverUrl) const
{
    QSettings settings;
    settings.beginGroup(settingsGroup(environmentName, serverUrl));
    // The name and URL beside the hashed group, so that a person reading the file knows whose it is.
    settings.setValue(QStringLiteral("environment"), environmentName);
    settings.setValue(QStringLiteral("server"), serverUrl.toString());
    settings.setValue(QStringLiteral("stuckActiveMs"), activeMs);
    settings.setValue(QStringLiteral("stuckWaitingMs"), waitingMs);
    settings.setValue(QStringLiteral("stuckOvertakenJobs"), overtakenJobs);
}

QString overtakenText(qint64 laterJobs)
{
    // %L1 groups the digits: "overtaken by 1,240 later jobs". No %n plural: the threshold is 100 jobs
    // unless the operator lowers it, so one is all but never said.
    return Stuck::tr("overtaken by %L1 later jobs").arg(laterJobs);
}

QString stuckAgeText(qint64 ms)
{
    // One wording of a duration everywhere: seconds under two minutes ("15 s", not "0 min").
    return TimeDisplay::durationText(ms);
}

StuckVerdict evaluateStuck(const Job& job, qint64 firstSeenMs, qint64 nowMs,
                           const StuckThresholds& thresholds, bool withText, TimeDisplay::Zone zone)
{
    StuckVerdict verdict;
    const StateCategory category = categoryOf(job.state);
    qint64 threshold = 0;
    if (category == StateCategory::Active) {
        threshold = thresholds.activeMs;
        if (job.processedOn > 0) {
            verdict.basis = StuckVerdict::Started;
            verdict.sinceMs = job.processedOn;
        } else if (firstSeenMs > 0) {
            verdict.basis = StuckVerdict::FirstSeen;
            verdict.sinceMs = firstSeenMs;
        }
    } else if (category == StateCategory::Waiting || category == StateCategory::Delayed) {
        threshold = thresholds.waitingMs;
        if (firstSeenMs > 0) {
            verdict.basis = StuckVerdict::FirstSeen;
            verdict.sinceMs = firstSeenMs;
        }
    }
    if (verdict.basis == StuckVerdict::NotApplicable)
        return verdict;

    // A clock behind the server's makes a start look like the future: that is "just now", not negative.
    verdict.ageMs = std::max<qint64>(nowMs - verdict.sinceMs, 0);
    verdict.stuck = verdict.ageMs > threshold;
    if (!withText)
        return verdict;
    const QString age = stuckAgeText(verdict.ageMs);
    if (verdict.basis == StuckVerdict::Started) {
        verdict.text = Stuck::tr("running %1").arg(age);
    } else {
        const QString since = sinceText(verdict.sinceMs, nowMs, zone);
        if (category == StateCategory::Active)
            verdict.text = Stuck::tr("running ≥ %1 (seen since %2)").arg(age, since);
        else if (category == StateCategory::Delayed)
            verdict.text = Stuck::tr("delayed ≥ %1 (seen since %2)").arg(age, since);
        else
            verdict.text = Stuck::tr("waiting ≥ %1 (seen since %2)").arg(age, since);
    }
    return verdict;
}

StuckVerdict evaluateStuck(const Job& job, const FirstSeenStore& store, qint64 nowMs,
                           const StuckThresholds& thresholds, bool withText, TimeDisplay::Zone zone)
{
    // Only the watched states need a sighting: no lookup for the completed majority.
    const StateCategory category = categoryOf(job.state);
    const bool watched = category == StateCategory::Waiting || category == StateCategory::Delayed ||
                         (category == StateCategory::Active && job.processedOn <= 0);
    return evaluateStuck(job, watched ? store.firstSeen(job.id, job.state) : 0, nowMs, thresholds, withText,
                         zone);
}

qint64 StuckWatch::deadlineOf(const Candidate& candidate) const
{
    return saturatingAdd(candidate.basisMs,
                         candidate.active ? m_thresholds.activeMs : m_thresholds.waitingMs);
}

void StuckWatch::setThresholds(const StuckThresholds& thresholds, qint64 nowMs)
{
    m_thresholds = thresholds;
    m_stuckCount = 0;
    for (Candidate& candidate : m_candidates) {
        candidate.stuck = nowMs > deadlineOf(candidate);
        m_stuckCount += candidate.stuck ? 1 : 0;
    }
    rebuildQueue();
}

void StuckWatch::rebuildQueue()
{
    std::vector<Deadline> deadlines;
    deadlines.reserve(static_cast<size_t>(m_candidates.size()));
    for (auto it = m_candidates.cbegin(); it != m_candidates.cend(); ++it) {
        if (!it->stuck)
            deadlines.emplace_back(deadlineOf(*it), it.key());
    }
    m_queue = decltype(m_queue)(std::greater<Deadline>(), std::move(deadlines));
}

void StuckWatch::apply(const StateChange& change)
{
    const StateCategory category = change.to.isEmpty() ? StateCategory::Other : categoryOf(change.to);
    const bool active = category == StateCategory::Active;
    const bool watched = active || category == StateCategory::Waiting || category == StateCategory::Delayed;
    const auto it = m_candidates.find(change.id);
    if (it != m_candidates.end()) {
        if (it->stuck)
            --m_stuckCount;
        if (!watched) {
            m_candidates.erase(it);
            return;
        }
    }
    if (!watched)
        return;
    Candidate candidate;
    candidate.active = active;
    candidate.basisMs = active && change.processedOn > 0 ? change.processedOn : change.sinceMs;
    if (it != m_candidates.end())
        *it = candidate;
    else
        m_candidates.insert(change.id, candidate);
    // The entry of the previous state stays queued; poll() recognises it as stale by its deadline.
    m_queue.emplace(deadlineOf(candidate), change.id);
}

void StuckWatch::apply(const StateChangeList& changes)
{
    for (const StateChange& change : changes)
        apply(change);
    // Stale entries pile up only as fast as jobs move; rebuild when they outnumber the live ones.
    if (m_queue.size() > 2 * static_cast<size_t>(m_candidates.size()) + 4096)
        rebuildQueue();
}

QStringList StuckWatch::poll(qint64 nowMs)
{
    QStringList newlyStuck;
    while (!m_queue.empty() && m_queue.top().first < nowMs) {
        const Deadline top = m_queue.top();
        m_queue.pop();
        const auto it = m_candidates.find(top.second);
        if (it == m_candidates.end() || it->stuck || deadlineOf(*it) != top.first)
            continue; // stale: the job moved on since this deadline was queued
        it->stuck = true;
        ++m_stuckCount;
        newlyStuck.append(top.second);
    }
    return newlyStuck;
}

bool StuckWatch::isStuck(const QString& id) const
{
    const auto it = m_candidates.constFind(id);
    return it != m_candidates.cend() && it->stuck;
}

void StuckWatch::clear()
{
    m_candidates.clear();
    m_queue = {};
    m_stuckCount = 0;
}

} // namespace Alchemyst
