#include "triagesession.h"

#include <algorithm>

namespace Alchemyst {

TriageSession::TriageSession() = default;

TriageSession::TriageSession(const QString& environmentName, const QUrl& serverUrl)
    : m_environmentName(environmentName)
    , m_serverUrl(serverUrl)
    , m_hasEnvironment(true)
    , m_store(FirstSeenStore::defaultFilePath(environmentName, serverUrl))
    , m_snoozes(SnoozeStore::defaultFilePath(environmentName, serverUrl))
{
    m_watch.setThresholds(StuckThresholds::load(environmentName, serverUrl), 0);
    m_overtaken.setThreshold(m_watch.thresholds().overtakenJobs);
}

TriageSession::TriageSession(const QString& storePath)
    : m_store(storePath)
{}

bool TriageSession::load(qint64 nowMs, QString* error)
{
    const bool loaded = m_store.load(nowMs, error);
    m_watch.clear();
    const StateChangeList known = m_store.asChanges();
    m_watch.apply(known);
    m_watch.settle(nowMs);
    // The jobs known before this start are one epoch: none of them is later than another.
    m_overtaken.clear();
    m_overtaken.seed(known);
    m_overtakenPass.clear();
    updateOvertaken();
    // A snooze file that cannot be read costs the snoozes, never the sightings: it is said, not failed.
    m_snoozeError.clear();
    m_snoozes.load(&m_snoozeError);
    updateSnoozed(nowMs);
    return loaded;
}

void TriageSession::beginPass(qsizetype expectedJobs)
{
    // With nothing known (first run, or a damaged store), the first pass makes every job "new": that
    // is the starting point, not news for the operator.
    const bool baseline = !m_passedOnce && m_store.size() == 0;
    m_store.beginPass(expectedJobs);
    m_tracker.beginPass(baseline);
    m_overtakenPass.clear();
    m_overtakenCountsStarts = m_overtaken.waitingCount() > 0;
    m_passWaiting.clear();
}

const StateChangeList& TriageSession::observePage(const JobList& jobs, qint64 nowMs)
{
    if (!m_tracker.inPass())
        beginPass();
    m_pageChanges.clear();
    m_store.observePage(jobs, nowMs, &m_pageChanges);
    m_tracker.addChanges(m_pageChanges, nowMs);
    m_watch.apply(m_pageChanges);
    keepForOvertaken(m_pageChanges);
    for (const Job& job : jobs) {
        if (categoryOf(job.state) == StateCategory::Waiting)
            m_passWaiting.append(job.id);
    }
    // The failure groups are asked for after the pass: their reasons are normalised now, a page at a time.
    m_grouper.learn(jobs);
    applyCorrections();
    return m_pageChanges;
}

PassSummary TriageSession::endPass(bool complete, qint64 nowMs)
{
    if (!m_tracker.inPass())
        beginPass();
    if (complete) {
        m_pageChanges.clear();
        m_store.completePass(&m_pageChanges);
        m_tracker.addChanges(m_pageChanges, nowMs);
        m_watch.apply(m_pageChanges);
        keepForOvertaken(m_pageChanges);
        m_lastWaiting = std::move(m_passWaiting);
        m_lastWaitingMs = nowMs;
    }
    m_passWaiting = QStringList();
    // One pass is one epoch: its pages follow the list's order, not the order the jobs were queued in.
    m_overtaken.finishStaged();
    PassSummary summary = m_tracker.endPass(complete, nowMs);
    QStringList newlyStuck = m_watch.poll(nowMs);
    const QStringList newlyOvertaken = updateOvertaken();
    // A job overtaken now that was already stuck by its age is no news; one stuck both ways now is one.
    for (const QString& id : newlyOvertaken) {
        if (!m_watch.isStuck(id))
            newlyStuck.append(id);
    }
    // A snooze ends when its job moves on (or goes): a job that sticks again is news again. Jobs still
    // snoozed are not.
    updateSnoozed(nowMs);
    if (!m_snoozes.isEmpty()) {
        newlyStuck.erase(std::remove_if(newlyStuck.begin(), newlyStuck.end(),
                                        [this, nowMs](const QString& id) {
                                            return m_snoozes.isSnoozed(id, m_store.stateOf(id), nowMs);
                                        }),
                         newlyStuck.end());
    }
    if (!summary.baseline)
        summary.newlyStuck = newlyStuck;
    m_passedOnce = true;
    if (m_saveAfterPass) {
        m_store.save(&summary.saveError);
        applyCorrections();
    }
    return summary;
}

bool TriageSession::save(QString* error)
{
    const bool saved = m_store.save(error);
    applyCorrections();
    return saved;
}

void TriageSession::applyCorrections()
{
    const StateChangeList corrections = m_store.takeCorrections();
    if (!corrections.isEmpty())
        m_watch.apply(corrections);
}

void TriageSession::jobRemoved(const QString& id, qint64 nowMs)
{
    m_pageChanges.clear();
    if (!m_store.remove(id, &m_pageChanges))
        return;
    // Outside a pass the tracker would open one; the removal only has to clear the job's marks.
    const bool wasInPass = m_tracker.inPass();
    m_tracker.addChanges(m_pageChanges, nowMs);
    if (!wasInPass)
        m_tracker.endPass(false, nowMs);
    m_watch.apply(m_pageChanges);
    if (wasInPass) {
        keepForOvertaken(m_pageChanges);
    } else {
        m_overtaken.apply(m_pageChanges);
        updateOvertaken();
    }
}

void TriageSession::setThresholds(const StuckThresholds& thresholds, qint64 nowMs)
{
    m_watch.setThresholds(thresholds, nowMs);
    m_overtaken.setThreshold(thresholds.overtakenJobs);
    updateOvertaken();
    updateSnoozed(nowMs);
}

void TriageSession::snoozesChanged(qint64 nowMs)
{
    updateSnoozed(nowMs);
}

void TriageSession::updateSnoozed(qint64 nowMs)
{
    if (m_snoozes.isEmpty()) {
        m_snoozedStuck = 0;
        return;
    }
    const auto stateOf = [this](const QString& id) { return m_store.stateOf(id); };
    if (m_snoozes.prune(stateOf, nowMs) > 0) {
        QString error;
        if (!m_snoozes.save(&error))
            m_snoozeError = error;
    }
    m_snoozedStuck = m_snoozes.countSnoozed(
        stateOf, [this](const QString& id) { return m_watch.isStuck(id) || m_overtakenIds.contains(id); },
        nowMs);
}

StuckVerdict TriageSession::verdict(const Job& job, qint64 nowMs, bool withText, TimeDisplay::Zone zone) const
{
    StuckVerdict verdict = evaluateStuck(job, m_store, nowMs, m_watch.thresholds(), withText, zone);
    // One comparison decides it (overtakenCutoffMs is cached per pass): the filter over 100,000 rows pays
    // a hash lookup per waiting job only while some job is overtaken.
    if (m_overtakenCutoffMs < 0 || categoryOf(job.state) != StateCategory::Waiting)
        return verdict;
    const qint64 epoch = m_overtaken.epochMsOf(job.id);
    if (epoch < 0 || epoch > m_overtakenCutoffMs)
        return verdict;
    verdict.overtaken = true;
    verdict.stuck = true;
    // The count too without the sentence: the Age cell says it (only overtaken jobs pay this lookup).
    verdict.overtakenBy = m_overtaken.overtakenBy(job.id);
    if (!withText)
        return verdict;
    const QString overtaken = overtakenText(verdict.overtakenBy);
    verdict.text = verdict.text.isEmpty() ? overtaken : verdict.text + QStringLiteral(", ") + overtaken;
    return verdict;
}

void TriageSession::keepForOvertaken(const StateChangeList& changes)
{
    // Only what OvertakenWatch::apply acts on: into or out of waiting, and jobs new and already started.
    for (const StateChange& change : changes) {
        const bool fromWaiting = !change.from.isEmpty() && categoryOf(change.from) == StateCategory::Waiting;
        const bool toWaiting = !change.to.isEmpty() && categoryOf(change.to) == StateCategory::Waiting;
        // A job new and already started overtakes the jobs waiting before this pass; with none (the first
        // pass: every completed job is "new") it overtakes nobody and need not be kept.
        const bool newStart =
            m_overtakenCountsStarts && change.from.isEmpty() && !change.to.isEmpty() && !toWaiting;
        if (fromWaiting || toWaiting || newStart)
            m_overtakenPass.append(change);
    }
    // Staged as the pages come; the pass's epoch is given at its end (endPass).
    m_overtaken.stage(m_overtakenPass);
    m_overtakenPass.clear();
}

void TriageSession::saveThresholds() const
{
    if (m_hasEnvironment)
        m_watch.thresholds().save(m_environmentName, m_serverUrl);
}

QStringList TriageSession::updateOvertaken()
{
    m_overtakenCutoffMs = m_overtaken.overtakenCutoffMs();
    m_overtakenOnly = 0;
    QStringList newly;
    QSet<QString> overtaken;
    m_overtaken.forEachOvertaken([this, &newly, &overtaken](const QString& id) {
        overtaken.insert(id);
        if (!m_overtakenIds.contains(id))
            newly.append(id);
        if (!m_watch.isStuck(id))
            ++m_overtakenOnly;
    });
    m_overtakenIds = std::move(overtaken);
    return newly;
}

} // namespace Alchemyst
