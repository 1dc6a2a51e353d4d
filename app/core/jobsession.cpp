#include "jobsession.h"

#include "api/apiclient.h"
#include "api/sharedledger.h"
#include "core/cancelservice.h"
#include "core/jobmonitor.h"
#include "history/demohistory.h"
#include "history/historystore.h"
#include "jobs/jobmodel.h"
#include "triage/firstseen.h"

#include <QDateTime>
#include <QPointer>

namespace Alchemyst {

JobSession::JobSession(QNetworkAccessManager* manager, const Environment& environment, const Journal& journal,
                       CancelOrigin origin, QObject* parent)
    : QObject(parent)
    , m_environment(environment)
    , m_account(environment.budgetPerMinute(), 60 * 1000)
    , m_monitor(new JobMonitor(manager, environment.baseUrl, environment.name, this))
    , m_cancels(new CancelService(manager, origin, this))
{
    m_monitor->pacer().setUpstream(&m_account);
    setBudgetPerMinute(environment.budgetPerMinute());
    // One budget per machine and environment: CLI commands beside the window spend from it too.
    m_account.setLedger(std::make_shared<SharedLedger>(
        SharedLedger::pathFor(triageEnvironmentKey(environment.name, environment.baseUrl)), 60 * 1000));
    m_history = std::make_unique<HistoryStore>();
    // The demo has a past too, generated once (and said so in Trends), so that trends show from the start.
    if (environment.name == EnvironmentStore::demoName())
        seedDemoHistory(*m_history, triageEnvironmentKey(environment.name, environment.baseUrl),
                        QDateTime::currentMSecsSinceEpoch());
    m_monitor->setHistory(m_history.get());
    m_cancels->setTarget(environment.name, environment.baseUrl);
    m_cancels->setJournal(journal);
    m_cancels->setAccountPacer(&m_account);
    JobModel* model = m_monitor->model();
    m_cancels->setJobLookup([model](const QString& id) -> std::optional<Job> {
        const int row = model->rowOf(id);
        if (row < 0)
            return std::nullopt;
        return model->jobAt(row);
    });
    // What a cancel taught us goes into the table: cancelled rows stay cancelled, a 409 or 404 is looked up.
    connect(m_cancels, &CancelService::jobSettled, m_monitor,
            [this](const QString& id, const ReceiptLine& line) {
                if (!line.wasSent())
                    return;
                ApiResult result;
                result.outcome = line.outcome;
                result.httpStatus = line.httpStatus;
                result.message = line.message;
                m_monitor->noteCancelAnswer(id, result);
            });
    connect(m_cancels, &CancelService::keyRejected, this, &JobSession::keyRejected);
    connect(m_monitor, &JobMonitor::passFinished, this, [this](const ApiResult& result) {
        if (result.outcome == Outcome::Unauthorized)
            emit keyRejected(result.message);
    });
}

JobSession::~JobSession()
{
    m_monitor->setHistory(nullptr); // the store goes with this object's members, before its children
    // The monitor's reads die with the session; its cancels do not: the service finishes what is on its
    // way (and journals it) after the session is gone, then deletes itself. Its pacer must not point here.
    m_cancels->setAccountPacer(nullptr);
    for (CancelBatch* batch : m_cancels->runningBatches())
        batch->setAccountPacer(nullptr);
    m_cancels->setJobLookup({});
    m_cancels->disconnect(this);
    m_cancels->disconnect(m_monitor);
    m_cancels->release();
    m_monitor->pacer().setUpstream(nullptr);
}

void JobSession::setBudgetPerMinute(int perMinute)
{
    m_account.setLimit(perMinute, 60 * 1000);
    m_monitor->pacer().setLimit(perMinute, 60 * 1000);
}

void JobSession::setApiKey(const QString& key, KeySource source)
{
    m_keySource = key.isEmpty() ? KeySource::None : source;
    m_cancels->setApiKey(key);
    m_monitor->setApiKey(key);
}

QString JobSession::apiKey() const
{
    return m_monitor->client()->apiKey();
}

void JobSession::testConnection(QNetworkAccessManager* manager, const QUrl& baseUrl, const QString& key,
                                QObject* context, std::function<void(const ApiResult&)> done)
{
    auto* client = new ApiClient(manager, context);
    client->setBaseUrl(baseUrl);
    client->setApiKey(key);
    QPointer<QObject> guard(context);
    client->checkConnection([client, guard, done = std::move(done)](const ApiResult& result) {
        if (guard)
            done(result);
        client->deleteLater();
    });
}

} // namespace Alchemyst
