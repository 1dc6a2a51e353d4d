#include "recorder.h"

#include <QHash>

namespace Alchemyst {

HistoryRecorder::HistoryRecorder(HistoryStore& store, const QString& environmentKey)
    : m_store(store)
    , m_environment(environmentKey)
{}

void HistoryRecorder::beginPass(qint64 nowMs, bool baseline)
{
    m_startedMs = nowMs;
    m_baseline = baseline;
    m_changes.clear();
}

void HistoryRecorder::addPage(const JobList& jobs, const StateChangeList& changes, qint64 nowMs)
{
    // A first pass over an empty first-seen store sees every job as new: nothing it could record says what
    // changed, and a million rows written at its end would stall the window for a second.
    if (changes.isEmpty() || m_baseline)
        return;
    // A page holds at most a thousand jobs: an index of it costs less than a search per change.
    QHash<QString, qsizetype> index;
    index.reserve(jobs.size());
    for (qsizetype i = 0; i < jobs.size(); ++i)
        index.insert(jobs.at(i).id, i);
    for (const StateChange& change : changes) {
        const auto it = index.constFind(change.id);
        ChangeRecord record;
        record.jobId = change.id;
        record.from = change.from;
        record.to = change.to;
        record.observedAtMs = nowMs;
        if (it != index.constEnd()) {
            const Job& job = jobs.at(*it);
            record.processedOn = job.processedOn > 0 ? job.processedOn : 0;
            record.finishedOn = job.finishedOn > 0 ? job.finishedOn : 0;
        } else {
            record.processedOn = change.processedOn;
        }
        m_changes.append(record);
    }
}

void HistoryRecorder::addGone(const StateChangeList& changes, qint64 nowMs)
{
    addPage({}, changes, nowMs);
}

bool HistoryRecorder::endPass(bool complete, int requests, qint64 jobsSeen,
                              const std::array<int, StateCategoryCount>& counts, qint64 nowMs)
{
    const QList<ChangeRecord> changes = std::move(m_changes);
    m_changes.clear();
    bool ok = changes.isEmpty() || m_store.recordChanges(m_environment, changes);
    PassRecord pass;
    pass.startedMs = m_startedMs > 0 ? m_startedMs : nowMs;
    pass.endedMs = nowMs;
    pass.complete = complete;
    pass.requests = requests;
    pass.jobsSeen = jobsSeen;
    pass.counts = counts;
    ok = m_store.recordPass(m_environment, pass) && ok;
    return ok;
}

std::array<int, StateCategoryCount> HistoryRecorder::countsOf(const JobList& jobs)
{
    std::array<int, StateCategoryCount> counts{};
    for (const Job& job : jobs)
        ++counts.at(static_cast<int>(categoryOf(job.state)));
    return counts;
}

} // namespace Alchemyst
