#include "jobmonitor.h"

#include "core/connection.h"
#include "history/historystore.h"
#include "history/recorder.h"
#include "jobs/jobmodel.h"
#include "triage/firstseen.h"

#include <QLoggingCategory>
#include <algorithm>
#include <limits>

Q_LOGGING_CATEGORY(lcMonitor, "alchemyst.monitor", QtWarningMsg)

namespace Alchemyst {

JobMonitor::JobMonitor(QNetworkAccessManager* manager, const QUrl& baseUrl, const QString& environmentName,
                       QObject* parent)
    : QObject(parent)
    , m_passPacer(RefreshPolicy::RefreshRequestsPerMinute, 60 * 1000)
    , m_client(new ApiClient(manager, this))
    , m_model(new JobModel(this))
    , m_pacer(RefreshPolicy::RefreshRequestsPerMinute, 60 * 1000)
    , m_intervalSeconds(RefreshPolicy::DefaultIntervalSeconds)
    , m_nextIntervalMs(RefreshPolicy::DefaultIntervalSeconds * 1000)
    , m_environmentName(environmentName)
{
    // Passes take what the polls leave of the share; everything counts in the share (m_pacer).
    m_passPacer.setUpstream(&m_pacer);
    m_client->setPacer(&m_passPacer);
    m_client->setBaseUrl(baseUrl);
    // One client per polled list: each has its own gate, so that exactly its first page(s) go.
    for (qsizetype i = 0; i < pollTypes().size(); ++i) {
        Poll poll;
        poll.client = new ApiClient(manager, this);
        poll.client->setBaseUrl(baseUrl);
        // A poll reads its first page(s) and stops: a page read ahead would only wait at the gate.
        poll.client->setReadAhead(false);
        connect(poll.client, &ApiClient::requestSent, this, [this] { ++m_pollRequests; });
        m_polls.push_back(std::move(poll));
    }
    connect(&m_pollTimer, &QTimer::timeout, this, &JobMonitor::onPollTick);
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
    for (Poll& poll : m_polls)
        poll.client->abortAll();
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
    for (Poll& poll : m_polls)
        poll.client->setApiKey(key);
    if (key.isEmpty()) {
        m_refreshTimer.stop();
        m_pollTimer.stop();
        emit statusChanged();
        return;
    }
    if (m_autoRefresh)
        m_pollTimer.start(pollIntervalMs());
    refresh();
}

void JobMonitor::setAutoRefresh(bool on)
{
    m_autoRefresh = on;
    if (!on) {
        m_refreshTimer.stop();
        m_pollTimer.stop();
        m_nextRefreshAt = QDateTime();
    } else {
        if (m_client->hasApiKey())
            m_pollTimer.start(pollIntervalMs());
        if (!isRefreshing())
            scheduleNext(0);
    }
    emit statusChanged();
}

void JobMonitor::setIntervalSeconds(int seconds)
{
    m_intervalSeconds = qMax(1, seconds);
    if (m_pollTimer.isActive())
        m_pollTimer.setInterval(pollIntervalMs());
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
    updatePassShare();
    m_baselinePass = m_triage->store().size() == 0;
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
    const JobList jobs = keepData(page, m_passSerial);
    m_model->mergePage(jobs.isEmpty() && m_localUpdates.isEmpty() ? page.jobs : jobs);
    if (!changes.isEmpty())
        emit changesObserved(changes, observedAt);
    emit progressChanged();
}

JobList JobMonitor::keepData(const ListPage& page, quint64 sinceSerial)
{
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
    // Without local answers the page is merged as it is (the caller's, no copy): an empty list says so.
    if (m_localUpdates.isEmpty())
        return JobList();
    // A cancel or single-job answer newer than this read's start knows better than the page.
    JobList jobs;
    jobs.reserve(page.jobs.size());
    for (const Job& job : page.jobs) {
        const auto local = m_localUpdates.constFind(job.id);
        if (local == m_localUpdates.constEnd() || local->serial <= sinceSerial)
            jobs.append(job);
        else if (local->job)
            jobs.append(*local->job);
    }
    return jobs;
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
        m_lastChangesAt = m_lastGood;
        m_lastPassRequests = result.requests;
        m_lastProblem = ApiResult();
        m_stale = false;
        m_waitingReason.clear();
        m_serverNote = m_passNote;
        m_nextIntervalMs = RefreshPolicy::intervalMs(
            m_intervalSeconds * 1000, result.requests,
            static_cast<int>(qMin<qint64>(100000000, qint64(m_pacer.effectiveMax()) * 60 * 1000 /
                                                         qMax<qint64>(1, m_pacer.windowMs()))));
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
    m_baselinePass = false;
    updatePassShare();
    scheduleNext(delay);
    if (result.result.isSuccess())
        emit freshnessChanged();
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

// ---- The top of the lists, every tick ----

QStringList JobMonitor::pollTypes()
{
    return {QStringLiteral("active"), QStringLiteral("failed"), QStringLiteral("completed"),
            QStringLiteral("all")};
}

bool JobMonitor::isPolling() const
{
    if (!m_autoRefresh || !m_client->hasApiKey() || pollsDisabled())
        return false;
    // A list that a round of polls would cost as much as reading whole is better read whole: passes do it.
    return m_lastPassRequests > PollRequestsPerRound ||
           (isRefreshing() && m_progress.requests > PollRequestsPerRound);
}

int JobMonitor::pollIntervalMs()
{
    // At most half the share goes to polls, however short the interval asked for.
    const qint64 window = m_pacer.windowMs();
    const int half = qMax(1, m_pacer.effectiveMax() / 2);
    const qint64 needed = (PollRequestsPerRound * window + half - 1) / half;
    return static_cast<int>(qBound<qint64>(qint64(m_intervalSeconds) * 1000, needed, 24LL * 3600 * 1000));
}

void JobMonitor::updatePassShare()
{
    // The passes' budget: the share less the polls' (a round per interval, and one request to spare for
    // a retry), so that a pass that bursts through its budget never leaves a poll waiting for the window.
    const int share = m_pacer.effectiveMax();
    int reserve = 0;
    // Reserved from the first pass on, before its size is known: a first pass that took the whole share in
    // its first seconds would leave the polls waiting a minute for the window (a small list needs little).
    const bool wanted = m_autoRefresh && m_client->hasApiKey() && !pollsDisabled() &&
                        (m_lastPassRequests == 0 || m_lastPassRequests > PollRequestsPerRound);
    if (wanted || isPolling()) {
        const qint64 window = m_pacer.windowMs();
        const qint64 interval = pollIntervalMs();
        reserve = static_cast<int>((PollRequestsPerRound * window + interval - 1) / interval) + 1;
    }
    const int limit = qMax(1, share - reserve);
    if (m_passPacer.maxRequests() != limit || m_passPacer.windowMs() != m_pacer.windowMs())
        m_passPacer.setLimit(limit, m_pacer.windowMs());
}

int JobMonitor::pollsRunning() const
{
    return static_cast<int>(
        std::count_if(m_polls.begin(), m_polls.end(), [](const Poll& poll) { return poll.listing != 0; }));
}

void JobMonitor::pollNow()
{
    onPollTick();
}

void JobMonitor::onPollTick()
{
    const int interval = pollIntervalMs();
    if (m_pollTimer.isActive() && m_pollTimer.interval() != interval)
        m_pollTimer.setInterval(interval);
    updatePassShare();
    if (!isPolling())
        return;
    ++m_pollRounds;
    for (int i = 0; i < static_cast<int>(m_polls.size()); ++i)
        startPoll(i);
}

void JobMonitor::startPoll(int index)
{
    Poll& poll = m_polls[static_cast<size_t>(index)];
    // One poll of a list at a time: one that has not ended by the next tick (a retry waiting) gives way.
    if (poll.listing != 0)
        poll.client->stopListing(poll.listing);
    const QString type = pollTypes().at(index);
    const int pages = type == QLatin1String("active") ? ActivePollPages : 1;
    // The gate lets `pages` requests go in a minute: the page after them waits at the gate and is dropped
    // when the poll is stopped, so no request is spent on a page nobody wants.
    poll.gate = std::make_unique<RequestPacer>(pages, 60 * 1000);
    poll.gate->setUpstream(&m_pacer);
    poll.gate->setDefaultPurpose(RequestPacer::Purpose::Poll); // the budget meter tells polls from passes
    poll.client->setPacer(poll.gate.get());
    poll.client->setPageSize(m_client->pageSize());
    poll.client->setTimeout(qMin(m_client->timeout(), qMax(5000, pollIntervalMs())));
    poll.serial = m_localSerial;
    const int limit = m_client->pageSize();
    poll.listing = poll.client->listPages(
        type,
        [this, index, pages, limit](ListPage& page, const ListProgress& progress) {
            onPollPage(index, page, progress.pages == 1 ? limit : 0);
            if (progress.pages >= pages) {
                // Not from inside the client's callback, which stopping would destroy while it runs.
                const int listing = m_polls[static_cast<size_t>(index)].listing;
                QTimer::singleShot(0, this, [this, index, listing] {
                    Poll& running = m_polls[static_cast<size_t>(index)];
                    if (listing != 0 && running.listing == listing)
                        running.client->stopListing(listing);
                });
            }
        },
        [this, index](const ListResult& result) {
            Poll& done = m_polls[static_cast<size_t>(index)];
            done.listing = 0;
            if (result.result.isSuccess() && !pollsDisabled()) {
                m_lastChangesAt = QDateTime::currentDateTime();
                emit freshnessChanged();
            } else if (!result.result.isSuccess() && result.result.outcome != Outcome::Stopped) {
                qCDebug(lcMonitor) << "a poll of" << pollTypes().at(index)
                                   << "failed:" << result.result.message;
            }
        });
}

void JobMonitor::onPollPage(int index, const ListPage& page, int firstPageLimit)
{
    if (pollsDisabled())
        return;
    Poll& poll = m_polls[static_cast<size_t>(index)];
    if (firstPageLimit > 0) {
        QString suspect;
        const QString problem = checkOrder(index, page.jobs, firstPageLimit, &suspect);
        if (!problem.isEmpty() && suspect.isEmpty()) {
            disablePolls(problem);
        } else if (!problem.isEmpty()) {
            // A job missing from the top may simply be gone (deleted, a cancel that unlists): only one the
            // server still has, in that list, means the order is not newest first. One request settles it.
            const QString type = pollTypes().at(index);
            m_client->fetchJob(suspect, [this, problem, type](const JobResult& result) {
                if (result.result.isSuccess() && result.job &&
                    (type == QLatin1String("all") || result.job->state == type))
                    disablePolls(problem);
            });
        }
        poll.lastTop.clear();
        poll.lastTop.reserve(page.jobs.size());
        for (const Job& job : page.jobs)
            poll.lastTop.append(job.id);
    }
    const qint64 observedAt = QDateTime::currentMSecsSinceEpoch();
    // The same path as a pass's page: first sightings (and so the stuck watch and the change marks), the
    // data kept, the model merged in place. Outside a pass, the poll is a pass of its own that ends
    // incomplete, which removes nothing.
    const bool inPass = isRefreshing();
    const StateChangeList changes = m_triage->observePage(page.jobs, observedAt);
    if (!inPass) {
        m_lastSummary = m_triage->endPass(false, observedAt);
    }
    const JobList jobs = keepData(page, poll.serial);
    m_model->mergePage(jobs.isEmpty() && m_localUpdates.isEmpty() ? page.jobs : jobs);
    if (!m_baselinePass)
        recordPollChanges(page.jobs, changes, observedAt);
    if (!changes.isEmpty()) {
        emit changesObserved(changes, observedAt);
        if (!inPass)
            emit triageUpdated();
    }
}

void JobMonitor::recordPollChanges(const JobList& jobs, const StateChangeList& changes, qint64 observedAt)
{
    if (!m_recorder || changes.isEmpty())
        return;
    // Written now rather than with the next pass, which at a million jobs ends minutes later.
    QHash<QString, qsizetype> index;
    index.reserve(jobs.size());
    for (qsizetype i = 0; i < jobs.size(); ++i)
        index.insert(jobs.at(i).id, i);
    QList<ChangeRecord> records;
    records.reserve(changes.size());
    for (const StateChange& change : changes) {
        ChangeRecord record;
        record.jobId = change.id;
        record.from = change.from;
        record.to = change.to;
        record.observedAtMs = observedAt;
        const auto it = index.constFind(change.id);
        if (it != index.constEnd()) {
            record.processedOn = qMax<qint64>(0, jobs.at(*it).processedOn);
            record.finishedOn = qMax<qint64>(0, jobs.at(*it).finishedOn);
        } else {
            record.processedOn = change.processedOn;
        }
        records.append(record);
    }
    if (!m_history->recordChanges(m_recorder->environmentKey(), records) &&
        m_historyProblem != m_history->writeProblem()) {
        m_historyProblem = m_history->writeProblem();
        qCWarning(lcMonitor).noquote() << "the history stopped recording:" << m_historyProblem;
    }
}

QString JobMonitor::checkOrder(int index, const JobList& jobs, int requestedLimit, QString* suspect) const
{
    const QString type = pollTypes().at(index);
    // Within the page: BullMQ keeps active by start and the finished lists by finishedOn, newest first.
    if (type != QLatin1String("all")) {
        const bool active = type == QLatin1String("active");
        qint64 oldest = std::numeric_limits<qint64>::max();
        QString oldestId;
        for (const Job& job : jobs) {
            if (job.state != type)
                continue;
            const qint64 time = active ? job.processedOn : job.finishedOn;
            if (time <= 0)
                continue;
            if (!oldestId.isEmpty() && time > oldest + OrderToleranceMs)
                return QStringLiteral("the first page of type=%1 lists job %2 (%3 %4) after job %5 (%3 %6): "
                                      "not newest first")
                    .arg(type, job.id, active ? QStringLiteral("started") : QStringLiteral("finished"),
                         QString::number(time), oldestId, QString::number(oldest));
            if (time < oldest) {
                oldest = time;
                oldestId = job.id;
            }
        }
    }
    // Against the last first page: a job listed before one still listed, and now missing, was newer and
    // should be there still. Completed jobs leave the list oldest first (retention), and the queue (all)
    // loses only finished jobs; failed and active jobs leave it for good reasons (a retry, the end).
    const Poll& poll = m_polls[static_cast<size_t>(index)];
    if (requestedLimit <= 0 || poll.lastTop.isEmpty() ||
        (type != QLatin1String("completed") && type != QLatin1String("all")))
        return QString();
    QSet<QString> listed;
    listed.reserve(jobs.size());
    for (const Job& job : jobs)
        listed.insert(job.id);
    qsizetype lastListed = -1;
    for (qsizetype i = poll.lastTop.size() - 1; i >= 0; --i) {
        if (listed.contains(poll.lastTop.at(i))) {
            lastListed = i;
            break;
        }
    }
    for (qsizetype i = 0; i < lastListed; ++i) {
        const QString& id = poll.lastTop.at(i);
        if (listed.contains(id))
            continue;
        if (type == QLatin1String("all")) {
            const int row = m_model->rowOf(id);
            const StateCategory category =
                row < 0 ? StateCategory::Other : categoryOf(m_model->jobAt(row).state);
            if (row < 0 || category == StateCategory::Completed || category == StateCategory::Failed ||
                category == StateCategory::Cancelled)
                continue; // finished jobs may be retired; cancelled ones may stop being listed
        }
        *suspect = id;
        return QStringLiteral("the first page of type=%1 no longer lists job %2 but still lists job %3, "
                              "listed after it before: not newest first")
            .arg(type, id, poll.lastTop.at(lastListed));
    }
    return QString();
}

void JobMonitor::disablePolls(const QString& reason)
{
    if (pollsDisabled())
        return;
    m_pollsDisabledReason = reason;
    qCWarning(lcMonitor).noquote() << "top-of-list polls are off for" << server().toString() << "-" << reason
                                   << "- the list is kept by full passes only";
    for (Poll& poll : m_polls) {
        if (poll.listing != 0) {
            const int listing = poll.listing;
            QTimer::singleShot(0, this, [this, &poll, listing] {
                if (poll.listing == listing)
                    poll.client->stopListing(listing);
            });
        }
    }
    updatePassShare();
    emit statusChanged();
}

QString JobMonitor::freshnessText(const QDateTime& now) const
{
    return freshnessText(m_lastChangesAt, m_lastGood, now);
}

QString JobMonitor::freshnessText(const QDateTime& changesAt, const QDateTime& fullPassAt,
                                  const QDateTime& now)
{
    const auto age = [&now](const QDateTime& at) {
        const qint64 seconds = qMax<qint64>(0, at.secsTo(now));
        if (seconds < 60)
            return tr("%n s ago", "an age in seconds", static_cast<int>(seconds));
        if (seconds < 3600)
            return tr("%n min ago", "an age in minutes", static_cast<int>(seconds / 60));
        if (seconds < 48 * 3600)
            return tr("%n h ago", "an age in hours", static_cast<int>(seconds / 3600));
        return tr("%n days ago", "an age in days", static_cast<int>(seconds / 86400));
    };
    if (!fullPassAt.isValid() && !changesAt.isValid())
        return tr("no list read yet");
    if (!fullPassAt.isValid())
        return tr("changes %1 · no full list yet", "the status bar: how fresh the list is")
            .arg(age(changesAt));
    const QDateTime changes = changesAt.isValid() && changesAt > fullPassAt ? changesAt : fullPassAt;
    return tr("changes %1 · full list %2", "the status bar: how fresh the changes and the whole list are")
        .arg(age(changes), age(fullPassAt));
}

FailureGroupList JobMonitor::failureGroups()
{
    return m_triage->groupFailures(m_model->jobs(), FailureGrouper::WithoutJobIds);
}

} // namespace Alchemyst
