#include "triagesession.h"

namespace Alchemyst {

TriageSession::TriageSession() = default;

TriageSession::TriageSession(const QString& environmentName, const QUrl& serverUrl)
    : m_environmentName(environmentName)
    , m_serverUrl(serverUrl)
    , m_hasEnvironment(true)
    , m_store(FirstSeenStore::defaultFilePath(environmentName, serverUrl))
{
    m_watch.setThresholds(StuckThresholds::load(environmentName, serverUrl), 0);
}

TriageSession::TriageSession(const QString& storePath)
    : m_store(storePath)
{}

bool TriageSession::load(qint64 nowMs, QString* error)
{
    const bool loaded = m_store.load(nowMs, error);
    m_watch.clear();
    m_watch.apply(m_store.asChanges());
    m_watch.settle(nowMs);
    return loaded;
}

void TriageSession::beginPass(qsizetype expectedJobs)
{
    // With nothing known (first run, or a damaged store), the first pass makes every job "new": that
    // is the starting point, not news for the operator.
    const bool baseline = !m_passedOnce && m_store.size() == 0;
    m_store.beginPass(expectedJobs);
    m_tracker.beginPass(baseline);
}

const StateChangeList& TriageSession::observePage(const JobList& jobs, qint64 nowMs)
{
    if (!m_tracker.inPass())
        beginPass();
    m_pageChanges.clear();
    m_store.observePage(jobs, nowMs, &m_pageChanges);
    m_tracker.addChanges(m_pageChanges, nowMs);
    m_watch.apply(m_pageChanges);
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
    }
    PassSummary summary = m_tracker.endPass(complete, nowMs);
    const QStringList newlyStuck = m_watch.poll(nowMs);
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
}

void TriageSession::setThresholds(const StuckThresholds& thresholds, qint64 nowMs)
{
    m_watch.setThresholds(thresholds, nowMs);
}

void TriageSession::saveThresholds() const
{
    if (m_hasEnvironment)
        m_watch.thresholds().save(m_environmentName, m_serverUrl);
}

} // namespace Alchemyst
