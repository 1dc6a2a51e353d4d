#include "jobsession.h"

#include "api/apiclient.h"
#include "api/sharedledger.h"
#include "core/cancelservice.h"
#include "core/jobmonitor.h"
#include "history/demohistory.h"
#include "history/historystore.h"
#include "history/lastlist.h"
#include "jobs/jobmodel.h"
#include "triage/firstseen.h"

#include <QDateTime>
#include <QDebug>
#include <QElapsedTimer>
#include <QLocale>
#include <QPointer>
#include <QTimer>

namespace Alchemyst {

namespace {
bool s_forceReadOnly = false; // --read-only: for every session of this run
} // namespace

void JobSession::setForceReadOnly(bool readOnly)
{
    s_forceReadOnly = readOnly;
}

bool JobSession::forceReadOnly()
{
    return s_forceReadOnly;
}

bool JobSession::isReadOnly() const
{
    return m_cancels->isReadOnly();
}

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
    // Pages of this server were over the response cap before: start at the size that worked, and keep a
    // new one (the CLI does the same).
    EnvironmentStore::usePageSizeMemory(m_monitor->client(), environment.baseUrl);
    m_cancels->setTarget(environment.name, environment.baseUrl);
    m_cancels->setJournal(journal);
    // A shared screen or an on-call viewer: no cancel leaves this session, whatever the window shows.
    m_cancels->setReadOnly(environment.readOnly || s_forceReadOnly);
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
        if (result.isSuccess())
            saveLastList();
        checkHistory();
    });
    m_lastListPath =
        LastListStore::defaultFilePath(triageEnvironmentKey(environment.name, environment.baseUrl));
    // A file kept aside at the start is said once the window listens (it connects after construction).
    if (!m_history->openProblem().isEmpty())
        QTimer::singleShot(0, this, [this] {
            m_historyProblemText = m_history->openProblem();
            emit historyProblem(m_historyProblemText);
        });
}

QString JobSession::lastListPath() const
{
    return m_lastListPath;
}

QDateTime JobSession::restoreLastList()
{
    JobModel* model = m_monitor->model();
    if (model->rowCount() > 0 || m_monitor->isRefreshing())
        return {};
    QElapsedTimer clock;
    clock.start();
    LastListStore::Snapshot snapshot = LastListStore::read(m_lastListPath);
    if (!snapshot.problem.isEmpty())
        qWarning().noquote() << snapshot.problem;
    if (snapshot.jobs.isEmpty())
        return {};
    const qint64 readMs = clock.restart();
    // Sized once for all of them (the id index would otherwise rehash every id as it doubles).
    model->beginPass(snapshot.jobs.size());
    m_pendingRestore = std::move(snapshot.jobs);
    m_pendingRestoreAt = 0;
    m_restoredAsOf = QDateTime::fromMSecsSinceEpoch(snapshot.asOfMs);
    // The first slice now, the rest a slice per turn of the event loop: rows are on screen at once and
    // the window stays responsive while 100,000 go in (mergePage indexes a page's new ids in a hash of
    // its own, which a slice also keeps in the cache).
    restoreSlice();
    qDebug() << "restored the last list:" << model->rowCount() << "of" << m_pendingRestore.size()
             << "rows at once; read in" << readMs << "ms, first rows into the model in" << clock.elapsed()
             << "ms";
    return m_restoredAsOf;
}

bool JobSession::isRestoring() const
{
    return m_pendingRestoreAt < m_pendingRestore.size();
}

void JobSession::finishRestore()
{
    while (isRestoring())
        restoreSlice();
}

void JobSession::restoreSlice()
{
    if (!isRestoring())
        return;
    // Merged outside a pass: the first real pass marks what it lists and removes the rest at its end. A
    // pass that began meanwhile (a refresh) has the model's rows marked for it: what is left is dropped,
    // that pass lists them.
    if (m_monitor->isRefreshing()) {
        m_pendingRestore = JobList();
        m_pendingRestoreAt = 0;
        return;
    }
    const qsizetype count = std::min(RestoreSlice, m_pendingRestore.size() - m_pendingRestoreAt);
    m_monitor->model()->mergePage(m_pendingRestore.mid(m_pendingRestoreAt, count));
    m_pendingRestoreAt += count;
    if (isRestoring()) {
        QTimer::singleShot(0, this, &JobSession::restoreSlice);
    } else {
        m_pendingRestore = JobList();
        m_pendingRestoreAt = 0;
        emit lastListRestored();
    }
}

QString JobSession::asOfText(const QDateTime& asOf, const QDateTime& now)
{
    const QLocale locale;
    const QString time = asOf.date() == now.date() ? locale.toString(asOf.time(), QLocale::ShortFormat)
                                                   : locale.toString(asOf, QLocale::ShortFormat);
    return tr("as of %1, refreshing…").arg(time);
}

void JobSession::saveLastList()
{
    m_restoredAsOf = QDateTime();
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (m_lastListPath.isEmpty() ||
        (m_lastListWrittenMs > 0 && now - m_lastListWrittenMs < LastListStore::MinWriteIntervalMs))
        return;
    m_lastListWrittenMs = now;
    // An implicitly shared copy: encoding and writing happen on the worker thread.
    LastListStore::writeLater(m_lastListPath, m_monitor->model()->jobs(), now);
}

void JobSession::checkHistory()
{
    if (!m_history)
        return;
    // A write problem is news; the problem of the start (said once) is not repeated while writes succeed.
    const QString text = m_history->writeProblem();
    if (text == m_historyProblemText || (text.isEmpty() && m_historyProblemText == m_history->openProblem()))
        return;
    m_historyProblemText = text;
    emit historyProblem(text);
}

bool JobSession::retryHistory()
{
    const bool recording = m_history && m_history->retry();
    checkHistory();
    return recording;
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
    // The pass this starts must find the whole restored list in the model, or it would keep its rows.
    if (!key.isEmpty())
        finishRestore();
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
