#include "jobmonitor.h"

#include "core/connection.h"
#include "history/historystore.h"
#include "history/recorder.h"
#include "jobs/jobmodel.h"
#include "triage/firstseen.h"

#include <QLoggingCategory>
#include <algorithm>

Q_LOGGING_CATEGORY(lcMonitor, "alchemyst.monitor", QtWarningMsg)

namespace Alchemyst {

JobMonitor::JobMonitor(QNetworkAccessManager* manager, const QUrl& baseUrl, const QString& environmentName,
                       QObject* parent)
    : QObject(parent)
    , m_client(new ApiClient(manager, this))
    , m_model(new JobModel(this))
    , m_pacer(RefreshPolicy::RefreshRequestsPerMinute, 60 * 1000)
    , m_intervalSeconds(RefreshPolicy::DefaultIntervalSeconds)
    , m_nextIntervalMs(RefreshPolicy::DefaultIntervalSeconds * 1000)
    , m_environmentName(environmentName)
{
    m_client->setPacer(&m_pacer);
    m_client->setBaseUrl(baseUrl);
    m_triage = environmentName.isEmpty() ? std::make_unique<TriageSession>()
                                         : std::make_unique<TriageSession>(environmentName, baseUrl);
    m_triage->setSaveAfterPass(false);
    QString triageError;
    if (!m_triage->load(QDateTime::currentMSecsSinceEpoch(), &triageError))
        qCWarning(lcMonitor).noquote() << "first sightings not loaded:" << triageError;
    m_model->setTriage(m_triage.get());
    // Sightings are saved on a timer rather than after every pass: a save is ~20 ms for 100,000 jobs, and
    // a kill between saves only makes ages look younger, never older.
    m_triageSaveTimer.setInterval(60 * 1000);
    connect(&m_triageSaveTimer, &QTimer::timeout, this, &JobMonitor::saveTriage);
    m_triageSaveTimer.start();
    m_refreshTimer.setSingleShot(true);
    connect(&m_refreshTimer, &QTimer::timeout, this, &JobMonitor::refresh);
    connect(m_client, &ApiClient::retrying, this, &JobMonitor::onRetrying);
}

JobMonitor::~JobMonitor()
{
    // Replies must not call back into a half-destroyed monitor.
    m_client->abortAll();
    saveTriage();
}

void JobMonitor::saveTriage()
{
    if (!m_triage->store().isDirty())
        return;
    QString error;
    if (!m_triage->save(&error))
        qCWarning(lcMonitor).noquote() << "the first sightings could not be saved:" << error;
}

void JobMonitor::setApiKey(const QString& key)
{
    m_client->setApiKey(key);
    if (key.isEmpty()) {
        m_refreshTimer.stop();
        emit statusChanged();
        return;
    }
    refresh();
}

void JobMonitor::setAutoRefresh(bool on)
{
    m_autoRefresh = on;
    if (!on) {
        m_refreshTimer.stop();
        m_nextRefreshAt = QDateTime();
    } else if (!isRefreshing()) {
        scheduleNext(0);
    }
    emit statusChanged();
}

void JobMonitor::setIntervalSeconds(int seconds)
{
    m_intervalSeconds = qMax(1, seconds);
}

JobMonitor::Progress JobMonitor::progress() const
{
    Progress progress;
    progress.pages = m_progress.pages;
    progress.received = m_progress.received;
    progress.requests = m_progress.requests;
    progress.elapsedMs = m_passClock.isValid() ? m_passClock.elapsed() : 0;
    return progress;
}

void JobMonitor::refresh()
{
    if (isRefreshing() || !m_client->hasApiKey())
        return;
    m_refreshTimer.stop();
    m_nextRefreshAt = QDateTime();
    m_progress = {};
    m_passNote.clear();
    m_passClock.start();
    m_passSerial = m_localSerial;
    // The pass will list about as many jobs as the largest list known (the table, the first sightings kept
    // from the last session, the largest pass), and at least a queue's worth: the id indexes are sized once
    // for it instead of rehashing every id mid-pass each time they double.
    const qsizetype expected = std::max<qsizetype>(
        {m_model->rowCount(), m_triage->store().size(), m_largestPass, ExpectedJobsFloor});
    m_model->beginPass(expected + expected / 8);
    m_triage->beginPass(expected + expected / 8);
    if (m_recorder)
        m_recorder->beginPass(QDateTime::currentMSecsSinceEpoch(), m_triage->store().size() == 0);
    // The client is this monitor's and dies with it (aborting what is on its way): no late answer of
    // another server can reach this table.
    m_listing = m_client->listPages(
        QStringLiteral("all"),
        [this](const ListPage& page, const ListProgress& progress) { onPage(page, progress); },
        [this](const ListResult& result) { onPassFinished(result); });
    emit passStarted();
    emit statusChanged();
}

void JobMonitor::stop()
{
    if (isRefreshing())
        m_client->stopListing(m_listing);
}

void JobMonitor::onPage(const ListPage& page, const ListProgress& progress)
{
    m_progress = progress;
    if (!page.serverNote.isEmpty())
        m_passNote = page.serverNote;
    if (!m_waitingReason.isEmpty()) {
        m_waitingReason.clear(); // a page arrived: whatever we waited for is over
        emit statusChanged();
    }
    const qint64 observedAt = QDateTime::currentMSecsSinceEpoch();
    const StateChangeList& changes = m_triage->observePage(page.jobs, observedAt);
    if (m_recorder)
        m_recorder->addPage(page.jobs, changes, observedAt);
    // data for the jobs triage looks at, not for the completed bulk, bounded (JobDataStore).
    // Keyed by the id Job::fromJson read (page.rawIndex): an entry without a usable id has no data here,
    // and none can shadow another job's.
    JobDataStore& store = m_model->dataStore();
    for (qsizetype i = 0; i < page.jobs.size() && i < page.rawIndex.size(); ++i) {
        const Job& job = page.jobs.at(i);
        if (store.putListed(job.id, job.state, page.raw.at(page.rawIndex.at(i)).toObject()) &&
            job.id == m_watched)
            emit jobDataChanged(job.id);
    }
    if (m_localUpdates.isEmpty()) {
        m_model->mergePage(page.jobs);
    } else {
        // A cancel or single-job answer newer than this pass's start knows better than the page.
        JobList jobs;
        jobs.reserve(page.jobs.size());
        for (const Job& job : page.jobs) {
            const auto local = m_localUpdates.constFind(job.id);
            if (local == m_localUpdates.constEnd() || local->serial <= m_passSerial)
                jobs.append(job);
            else if (local->job)
                jobs.append(*local->job);
        }
        m_model->mergePage(jobs);
    }
    if (!changes.isEmpty())
        emit changesObserved(changes, observedAt);
    emit progressChanged();
}

void JobMonitor::onPassFinished(const ListResult& result)
{
    m_listing = 0;
    m_lastSkipped = result.skipped;
    m_progress.pages = result.pages;
    m_progress.received = result.received;
    m_progress.requests = result.requests;
    int delay = m_nextIntervalMs;
    if (result.result.isSuccess()) {
        for (auto it = m_cancelledHere.begin(); it != m_cancelledHere.end();) {
            const int row = m_model->rowOf(*it);
            if (row < 0 || m_model->jobAt(row).state != QLatin1String("cancelled")) {
                it = m_cancelledHere.erase(
                    it); // gone, or listed again in another state: the server knows best
                continue;
            }
            m_model->keepInPass(*it);
            ++it;
        }
        QElapsedTimer removal;
        removal.start();
        const int removed = m_model->endPass();
        qCDebug(lcMonitor) << "pass complete:" << result.pages << "pages," << result.received << "entries,"
                           << removed << "removed in" << removal.elapsed() << "ms; pass took"
                           << m_passClock.elapsed() << "ms";
        // Local knowledge older than this pass is now part of it.
        for (auto it = m_localUpdates.begin(); it != m_localUpdates.end();) {
            if (it->serial <= m_passSerial)
                it = m_localUpdates.erase(it);
            else
                ++it;
        }
        m_largestPass = std::max<qsizetype>(m_largestPass, result.received);
        m_lastGood = QDateTime::currentDateTime();
        m_lastProblem = ApiResult();
        m_stale = false;
        m_waitingReason.clear();
        m_serverNote = m_passNote;
        m_nextIntervalMs = RefreshPolicy::intervalMs(m_intervalSeconds * 1000, result.requests);
        delay = m_nextIntervalMs;
    } else {
        // Ended early: nothing is removed, and what is shown is no longer known to be whole.
        m_lastProblem = result.result;
        m_stale = m_model->rowCount() > 0;
        m_waitingReason.clear();
        if (result.result.outcome == Outcome::RateLimited) {
            const int seconds = result.result.retryAfterSeconds >= 0 ? result.result.retryAfterSeconds : 60;
            delay = qMax(1000, seconds * 1000);
            m_waitingReason = tr("Rate limited: waiting %1 s as the server asked").arg(seconds);
        } else if (result.result.outcome == Outcome::Stopped) {
            delay = m_nextIntervalMs;
        } else {
            delay = qMax(m_nextIntervalMs, 5000);
        }
    }
    QElapsedTimer cost;
    cost.start();
    m_lastSummary = m_triage->endPass(result.result.isSuccess(), QDateTime::currentMSecsSinceEpoch());
    if (m_recorder) {
        // One transaction for the pass's changes and one for the pass (a few ms for a thousand changes).
        std::array<int, StateCategoryCount> counts{};
        for (int i = 0; i < StateCategoryCount; ++i)
            counts.at(i) = m_model->count(static_cast<StateCategory>(i));
        if (!m_recorder->endPass(result.result.isSuccess(), result.requests, result.received, counts,
                                 QDateTime::currentMSecsSinceEpoch()) &&
            m_historyProblem != m_history->writeProblem()) {
            m_historyProblem = m_history->writeProblem();
            qCWarning(lcMonitor).noquote() << "the history stopped recording:" << m_historyProblem;
        }
    }
    const qint64 triageMs = cost.restart();
    scheduleNext(delay);
    emit passFinished(result.result);
    const qint64 passFinishedMs = cost.restart();
    emit triageUpdated();
    emit statusChanged();
    qCDebug(lcMonitor) << "end of pass: triage" << triageMs << "ms, passFinished handlers" << passFinishedMs
                       << "ms, triage and status handlers" << cost.elapsed() << "ms";
}

void JobMonitor::onRetrying(const ApiResult& failure, int attempt, int delayMs)
{
    const QString what =
        failure.httpStatus > 0 ? tr("HTTP %1").arg(failure.httpStatus) : outcomeName(failure.outcome);
    m_waitingReason = tr("%1: trying again in %2 s (retry %3 of %4)")
                          .arg(what)
                          .arg((delayMs + 999) / 1000)
                          .arg(attempt)
                          .arg(ApiClient::MaxRetries);
    emit statusChanged();
}

void JobMonitor::scheduleNext(int delayMs)
{
    if (!m_autoRefresh || !m_client->hasApiKey()) {
        m_nextRefreshAt = QDateTime();
        return;
    }
    m_refreshTimer.start(delayMs);
    m_nextRefreshAt = QDateTime::currentDateTime().addMSecs(delayMs);
}

void JobMonitor::applyLocalUpdate(const QString& id, const std::optional<Job>& job)
{
    m_localUpdates.insert(id, {++m_localSerial, job});
    if (job)
        m_model->updateJob(*job);
    else
        m_model->removeJob(id);
}

void JobMonitor::setHistory(HistoryStore* history)
{
    m_history = history;
    m_recorder.reset();
    m_historyProblem.clear();
    if (!history)
        return;
    m_historyProblem = history->openProblem();
    m_recorder =
        std::make_unique<HistoryRecorder>(*history, triageEnvironmentKey(m_environmentName, server()));
}

QString JobMonitor::historyKey() const
{
    return m_recorder ? m_recorder->environmentKey() : QString();
}

QString JobMonitor::historyProblem() const
{
    return m_history && !m_history->writeProblem().isEmpty() ? m_history->writeProblem() : m_historyProblem;
}

void JobMonitor::watchJob(const QString& id)
{
    m_watched = id;
    m_model->dataStore().setWatched(id);
}

QJsonObject JobMonitor::jobData(const QString& id) const
{
    return m_model->dataStore().data(id);
}

bool JobMonitor::isJobDataCut(const QString& id) const
{
    return m_model->dataStore().isCut(id);
}

void JobMonitor::noteCancelAnswer(const QString& id, const ApiResult& result)
{
    if (result.outcome == Outcome::Cancelled) {
        m_cancelledHere.insert(id);
        const int row = m_model->rowOf(id);
        if (row >= 0) {
            Job job = m_model->jobAt(row);
            job.state = QStringLiteral("cancelled");
            job.finishedOn = QDateTime::currentMSecsSinceEpoch();
            applyLocalUpdate(id, job);
        }
    } else if (result.outcome == Outcome::Conflict || result.outcome == Outcome::NotFound) {
        refreshJob(id); // the list was wrong about this job: ask what it is now
    }
}

void JobMonitor::refreshJob(const QString& id)
{
    m_client->fetchJob(id, [this, id](const JobResult& result) {
        if (result.result.isSuccess() && result.job)
            applyLocalUpdate(id, *result.job);
        else if (result.result.outcome == Outcome::NotFound) {
            m_triage->jobRemoved(id, QDateTime::currentMSecsSinceEpoch());
            applyLocalUpdate(id, std::nullopt);
        }
    });
}

} // namespace Alchemyst
