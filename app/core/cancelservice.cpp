#include "cancelservice.h"

#include "api/apiclient.h"
#include "api/requestpacer.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QEventLoop>
#include <QSet>
#include <QTimer>

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

bool CancelService::isInFlight(const QString& id) const
{
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
        return tr("This environment is read-only: nothing can be cancelled here.");
    if (!m_client->hasApiKey())
        return tr("There is no API key for this environment.");
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

CancelBatch* CancelService::startBatch(const JobList& selection, bool journaled)
{
    if (m_readOnly)
        return nullptr;
    // A job that another batch still has to send is this batch's to skip: one cancel per job at a time.
    JobList jobs;
    for (const Job& job : selection) {
        if (!isInFlight(job.id))
            jobs.append(job);
    }
    CancelBatch* batch = makeBatch(journaled);
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
    if (m_released && !hasRunningBatch())
        deleteLater();
}

void CancelService::release()
{
    m_released = true;
    setParent(nullptr);
    if (!hasRunningBatch())
        deleteLater();
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
