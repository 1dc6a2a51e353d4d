#include "cancelservice.h"

#include "api/apiclient.h"
#include "api/requestpacer.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDeadlineTimer>
#include <QEventLoop>
#include <QSet>
#include <QTimer>
#include <limits>

namespace Alchemyst {

namespace {
// Every live service of the process, for drainAll(): a window's released ones included.
QSet<CancelService*>& liveServices()
{
    static QSet<CancelService*> services;
    return services;
}
} // namespace

CancelService::CancelService(QNetworkAccessManager* manager, CancelOrigin origin, QObject* parent)
    : QObject(parent)
    , m_client(new ApiClient(manager, this))
    , m_origin(origin)
{
    liveServices().insert(this);
}

CancelService::~CancelService()
{
    liveServices().remove(this);
    for (const Scheduled& scheduled : std::as_const(m_scheduled))
        delete scheduled.timer;
    m_scheduled.clear();
    m_checks.clear();
    // Batches still running record the rest as not sent (their destructor), while the client still lives.
    for (const QPointer<CancelBatch>& batch : std::as_const(m_batches))
        delete batch.data();
    m_batches.clear();
}

void CancelService::setTarget(const QString& environmentName, const QUrl& server)
{
    m_environment = environmentName;
    m_server = server;
    m_client->setBaseUrl(server);
}

void CancelService::setApiKey(const QString& key)
{
    m_client->setApiKey(key);
}

bool CancelService::hasApiKey() const
{
    return m_client->hasApiKey();
}

void CancelService::setBatchBudget(int maxRequests, qint64 windowMs)
{
    m_batchMax = maxRequests;
    m_batchWindowMs = windowMs;
}

QString CancelService::readOnlyReason()
{
    return tr("This environment is read-only: nothing can be cancelled here.");
}

void CancelService::setRowFreshness(RefreshedAt refreshedAt, MaxRowAge maxAge)
{
    m_refreshedAt = std::move(refreshedAt);
    m_maxRowAge = std::move(maxAge);
}

bool CancelService::needsStateCheck(qint64 refreshedAtMs, qint64 nowMs, qint64 maxAgeMs)
{
    if (refreshedAtMs <= 0)
        return true; // never known to be fresh
    return nowMs - refreshedAtMs > qMax<qint64>(0, maxAgeMs);
}

bool CancelService::rowNeedsCheck(const QString& id) const
{
    return m_refreshedAt && m_maxRowAge &&
           needsStateCheck(m_refreshedAt(id), QDateTime::currentMSecsSinceEpoch(), m_maxRowAge());
}

bool CancelService::isInFlight(const QString& id) const
{
    if (m_scheduled.contains(id) || m_checks.contains(id))
        return true;
    for (const QPointer<CancelBatch>& batch : m_batches) {
        if (batch && batch->isUnsettled(id))
            return true;
    }
    return false;
}

bool CancelService::hasRunningBatch() const
{
    return !runningBatches().isEmpty();
}

QList<CancelBatch*> CancelService::runningBatches() const
{
    QList<CancelBatch*> running;
    for (const QPointer<CancelBatch>& batch : m_batches) {
        if (batch && !batch->isFinished())
            running.append(batch);
    }
    return running;
}

QString CancelService::whyNot(const QString& id) const
{
    if (m_readOnly)
        return readOnlyReason();
    if (!m_client->hasApiKey())
        return tr("There is no API key for this environment.");
    if (m_scheduled.contains(id))
        return tr("A cancel of this job is about to be sent (it can still be undone).");
    if (isInFlight(id))
        return tr("A cancel of this job is already on its way.");
    const std::optional<Job> job = m_lookup ? m_lookup(id) : std::nullopt;
    if (!job)
        return tr("The job is not in the list.");
    return CancelBatch::skipReason(job->state); // the preview's words for the same rule
}

CancelBatch* CancelService::makeBatch(bool journaled)
{
    auto* batch = new CancelBatch(m_client, journaled ? &m_journal : nullptr, m_environment,
                                  m_server.toString(), m_origin, this);
    if (m_batchMax > 0)
        batch->setRequestBudget(m_batchMax, m_batchWindowMs);
    else if (m_account && m_account->maxRequests() < CancelBatch::DefaultRequestsPerWindow)
        batch->setRequestBudget(m_account->maxRequests(),
                                m_account->windowMs()); // spread within a smaller account
    batch->setAccountPacer(m_account);
    m_batches.append(batch);
    connect(batch, &CancelBatch::jobFinished, this, [this](const QString& id, const ReceiptLine& line) {
        emit jobSettled(id, line);
        emit inFlightChanged(id);
    });
    connect(batch, &CancelBatch::journalFailed, this, &CancelService::journalFailed);
    connect(batch, &CancelBatch::paused, this, &CancelService::paused);
    connect(batch, &CancelBatch::refused, this, [this](const ApiResult& result, const QString&) {
        if (result.outcome == Outcome::Unauthorized)
            emit keyRejected(tr("The server did not accept the API key (HTTP 401) while cancelling. %1")
                                 .arg(result.message)
                                 .trimmed());
    });
    connect(batch, &CancelBatch::finished, this, [this, batch] { onBatchFinished(batch); });
    return batch;
}

CancelBatch* CancelService::cancel(const QString& id, bool journaled)
{
    if (!whyNot(id).isEmpty())
        return nullptr;
    const std::optional<Job> job = m_lookup(id);
    CancelBatch* batch = makeBatch(journaled);
    batch->start({*job});
    emit batchStarted(batch);
    emit inFlightChanged(id);
    return batch;
}

bool CancelService::requestCancel(const QString& id, bool journaled)
{
    if (!whyNot(id).isEmpty())
        return false;
    const std::optional<Job> job = m_lookup(id);
    if (!rowNeedsCheck(id))
        return cancel(id, journaled) != nullptr;
    startCheck(*job, journaled);
    return true;
}

void CancelService::startCheck(const Job& shown, bool journaled)
{
    const quint64 token = ++m_nextCheck;
    m_checks.insert(shown.id, {token, shown, journaled});
    emit inFlightChanged(shown.id);
    sendCheck(shown.id, token);
}

void CancelService::sendCheck(const QString& id, quint64 token)
{
    const auto it = m_checks.constFind(id);
    if (it == m_checks.constEnd() || it->token != token)
        return; // dropped by stopAll() while it waited for the budget
    // The check is the cancel's cost, as in a batch (CancelBatch::check): it waits for the account's
    // budget like the DELETE after it, and the meter counts it as a cancel.
    const qint64 wait = m_account ? m_account->acquire(RequestPacer::Purpose::Cancel) : 0;
    if (wait > 0) {
        QTimer::singleShot(static_cast<int>(qMin<qint64>(wait, std::numeric_limits<int>::max())), this,
                           [this, id, token] { sendCheck(id, token); });
        return;
    }
    const QPointer<CancelService> self(this);
    m_client->fetchJob(id, [self, id, token](const JobResult& answer) {
        if (self)
            self->onChecked(id, token, answer.result, answer.job);
    });
}

void CancelService::onChecked(const QString& id, quint64 token, const ApiResult& result,
                              const std::optional<Job>& job)
{
    const auto it = m_checks.constFind(id);
    if (it == m_checks.constEnd() || it->token != token)
        return; // dropped by stopAll() meanwhile
    const Check check = *it;
    m_checks.remove(id);
    QString refusal;
    if (result.outcome == Outcome::NotFound) {
        refusal = tr("Job %1 is no longer on the server: not cancelled.").arg(id);
    } else if (result.outcome != Outcome::Ok || !job) {
        // Without the state, the cancel is not sent: it might not be what the operator saw.
        refusal = tr("Job %1 was not cancelled: its state could not be checked first. %2")
                      .arg(id, result.message.isEmpty() ? outcomeSentence(result.outcome) : result.message)
                      .trimmed();
    } else if (job->state != check.shown.state) {
        refusal = tr("Job %1 is now %2: not cancelled.").arg(id, job->state);
    } else if (m_readOnly || !m_client->hasApiKey()) {
        refusal = tr("Job %1 was not cancelled: %2").arg(id, whyNot(id));
    }
    if (!refusal.isEmpty()) {
        emit inFlightChanged(id);
        emit cancelRefused(id, refusal);
        deleteIfDone();
        return;
    }
    // The server has it as the operator saw it: the cancel goes, with what the server just said.
    CancelBatch* batch = makeBatch(check.journaled);
    batch->start({*job});
    emit batchStarted(batch);
    emit inFlightChanged(id);
}

bool CancelService::scheduleCancel(const QString& id, int delayMs, bool journaled)
{
    if (!whyNot(id).isEmpty())
        return false;
    auto* timer = new QTimer(this);
    timer->setSingleShot(true);
    timer->setInterval(qMax(0, delayMs));
    connect(timer, &QTimer::timeout, this, [this, id] { onScheduledDue(id); });
    m_scheduled.insert(id, {timer, journaled});
    timer->start();
    emit inFlightChanged(id);
    return true;
}

int CancelService::scheduledRemainingMs(const QString& id) const
{
    const auto it = m_scheduled.constFind(id);
    return it == m_scheduled.constEnd() ? -1 : qMax(0, it->timer->remainingTime());
}

bool CancelService::undoScheduled(const QString& id)
{
    const auto it = m_scheduled.find(id);
    if (it == m_scheduled.end())
        return false;
    delete it->timer;
    m_scheduled.erase(it);
    emit scheduledCancelEnded(id, false);
    emit inFlightChanged(id);
    deleteIfDone();
    return true;
}

void CancelService::onScheduledDue(const QString& id)
{
    const auto it = m_scheduled.find(id);
    if (it == m_scheduled.end())
        return;
    const bool journaled = it->journaled;
    it->timer->deleteLater(); // its own timeout is running
    m_scheduled.erase(it);
    emit scheduledCancelEnded(id, true);
    // The rule again: the job may have moved, or the key gone, in the seconds of the Undo.
    const QString why = whyNot(id);
    if (!why.isEmpty() || !requestCancel(id, journaled)) {
        emit inFlightChanged(id);
        emit cancelRefused(id, tr("Job %1 was not cancelled: %2").arg(id, why));
        deleteIfDone();
    }
}

void CancelService::sendScheduledNow()
{
    const QStringList ids = m_scheduled.keys();
    for (const QString& id : ids)
        onScheduledDue(id);
}

CancelBatch* CancelService::startBatch(const JobList& selection, bool journaled)
{
    if (m_readOnly)
        return nullptr;
    // A job that another batch still has to send is this batch's to skip: one cancel per job at a time.
    JobList jobs;
    QSet<QString> stale;
    for (const Job& job : selection) {
        if (isInFlight(job.id))
            continue;
        jobs.append(job);
        if (CancelBatch::skipReason(job.state).isEmpty() && rowNeedsCheck(job.id))
            stale.insert(job.id);
    }
    CancelBatch* batch = makeBatch(journaled);
    batch->setCheckFirst(stale);
    batch->start(jobs);
    emit batchStarted(batch);
    for (const Job& job : std::as_const(jobs))
        emit inFlightChanged(job.id);
    return batch;
}

CancelBatch* CancelService::startIds(const QStringList& ids, bool journaled)
{
    if (m_readOnly)
        return nullptr;
    CancelBatch* batch = makeBatch(journaled);
    batch->startIds(ids);
    emit batchStarted(batch);
    return batch;
}

void CancelService::stopAll()
{
    const QStringList scheduled = m_scheduled.keys();
    for (const QString& id : scheduled)
        undoScheduled(id);
    const QStringList checks = m_checks.keys();
    m_checks.clear();
    for (const QString& id : checks) {
        emit inFlightChanged(id);
        emit cancelRefused(id, tr("Job %1 was not cancelled: the cancels were stopped.").arg(id));
    }
    for (const QPointer<CancelBatch>& batch : std::as_const(m_batches)) {
        if (batch)
            batch->stop();
    }
}

void CancelService::abandonInFlight(const QString& why)
{
    for (CancelBatch* batch : runningBatches())
        batch->abandonInFlight(why);
}

void CancelService::onBatchFinished(CancelBatch* batch)
{
    emit batchFinished(batch);
    deleteIfDone();
}

void CancelService::deleteIfDone()
{
    if (m_released && !hasRunningBatch() && m_checks.isEmpty() && m_scheduled.isEmpty())
        deleteLater();
}

void CancelService::release()
{
    m_released = true;
    setParent(nullptr);
    deleteIfDone();
}

bool CancelService::anyInFlight()
{
    for (CancelService* service : std::as_const(liveServices())) {
        for (CancelBatch* batch : service->runningBatches()) {
            if (batch->inFlight() > 0)
                return true;
        }
    }
    return false;
}

bool CancelService::drainAll(int timeoutMs)
{
    const QDeadlineTimer deadline(timeoutMs);
    while (anyInFlight() && !deadline.hasExpired()) {
        QEventLoop loop;
        QTimer::singleShot(20, &loop, &QEventLoop::quit);
        loop.exec();
    }
    return !anyInFlight();
}

} // namespace Alchemyst
