// The refresh loop, headless: pages merged as they arrive, removal only after a complete pass, stop,
// retries, pacing, what a flagged answer means, and what a cancel's answer (through the session) does to
// the table. A monitor lives for one server. Real HTTP over loopback against the simulator, or against a
// raw server where a test needs bytes no well-behaved server sends.
#include "api/apiclient.h"
#include "core/cancelservice.h"
#include "core/jobmonitor.h"
#include "core/jobsession.h"
#include "jobs/jobfiltermodel.h"
#include "jobs/jobmodel.h"
#include "rawhttpserver.h"
#include "simulator/simulator.h"
#include "triage/firstseen.h"
#include "waitfor.h"

#include <QElapsedTimer>
#include <QFile>
#include <QItemSelectionModel>
#include <QLocale>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

using namespace Alchemyst;

namespace {
const QString Key = QStringLiteral("test-key");

QByteArray listBody(int from, int count, const QByteArray& extra = QByteArray())
{
    QByteArray jobs;
    for (int i = from; i < from + count; ++i) {
        if (!jobs.isEmpty())
            jobs += ',';
        jobs += "{\"jobId\":\"" + QByteArray::number(i) + "\",\"status\":\"waiting\",\"attemptsMade\":0}";
    }
    return "{" + extra + "\"jobs\":[" + jobs + "]}";
}
} // namespace

class TestJobMonitor : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void rowsAppearPageByPage();
    void selectionAndSortHoldWhilePagesArrive();
    void stoppedPassRemovesNothing();
    void passFailingAfterRetriesRemovesNothing();
    void completePassRemovesWhatItDidNotList();
    void retries503Then200();
    void retries429WithRetryAfterSeconds();
    void retries429WithRetryAfterHttpDate();
    void retryAfterParsing_data();
    void retryAfterParsing();
    void cancelIsNeverRetried();
    void cancelNeverFollowsARedirect();
    void cancelIsCancelledOnlyWhenTheAnswerSaysSo();
    void pacingKeepsEveryWindowWithinBudget();
    void flaggedAnswerWithJobsIsShownAndSaid();
    void totalDeadlineEndsATricklingServer();
    void cancelAnswerOverridesAnOlderPass();
    void aJobCancelledHereKeepsItsTraceWhenNoLongerListed();
    void aMonitorServesOneServer();
    void entriesWithoutUsableIdAreCountedAndShadowNoJobData();

private:
    // A monitor of its own for the server (the one of init() goes).
    void monitorFor(const QUrl& server);
    // A session over the simulator, with the key, whose monitor the test drives: its cancels go through
    // its CancelService, and their answers reach the monitor as the window's do.
    void startSession(int pageSize);
    void startMonitor(int pageSize = 1000);
    ApiResult runPass();

    QNetworkAccessManager* m_manager = nullptr;
    Simulator* m_simulator = nullptr;
    JobMonitor* m_monitor = nullptr;
    JobSession* m_session = nullptr; // when a test started one: m_monitor is its monitor
    QTemporaryDir m_journalDir;
};

void TestJobMonitor::init()
{
    m_simulator = new Simulator(Simulator::Options::empty(Key), this);
    QVERIFY(m_simulator->listen() != 0);
    m_manager = new QNetworkAccessManager(this);
    monitorFor(m_simulator->baseUrl());
}

void TestJobMonitor::monitorFor(const QUrl& server)
{
    delete m_monitor;
    m_monitor = new JobMonitor(m_manager, server, QString(), this);
    m_monitor->setAutoRefresh(false);
    m_monitor->client()->setRetryBaseDelay(20);
}

void TestJobMonitor::startSession(int pageSize)
{
    delete m_monitor;
    const Environment environment{QString(), m_simulator->baseUrl(), false};
    m_session = new JobSession(m_manager, environment,
                               Journal(m_journalDir.filePath(QStringLiteral("journal.jsonl"))),
                               CancelOrigin::Window, this);
    m_monitor = m_session->monitor();
    m_monitor->setAutoRefresh(false);
    m_monitor->client()->setRetryBaseDelay(20);
    m_monitor->client()->setPageSize(pageSize);
    m_monitor->client()->setTimeout(10000);
}

void TestJobMonitor::cleanup()
{
    if (m_session) {
        delete m_session; // and its monitor
        m_session = nullptr;
    } else {
        delete m_monitor;
    }
    m_monitor = nullptr;
    delete m_simulator;
    m_simulator = nullptr;
    delete m_manager;
    m_manager = nullptr;
}

void TestJobMonitor::startMonitor(int pageSize)
{
    m_monitor->client()->setPageSize(pageSize);
    m_monitor->client()->setTimeout(10000);
}

ApiResult TestJobMonitor::runPass()
{
    QSignalSpy finished(m_monitor, &JobMonitor::passFinished);
    if (m_session && !m_session->hasApiKey())
        m_session->setApiKey(Key, JobSession::KeySource::Typed); // starts a pass
    else if (!m_monitor->hasApiKey())
        m_monitor->setApiKey(Key); // starts a pass
    else
        m_monitor->refresh();
    if (!finished.wait(20000))
        return {};
    return finished.constFirst().constFirst().value<ApiResult>();
}

void TestJobMonitor::rowsAppearPageByPage()
{
    for (int i = 0; i < 2500; ++i)
        m_simulator->addJob(QStringLiteral("waiting"));
    startMonitor(1000);
    QList<QPair<int, bool>> seen; // rows in the model, pass still running, at each page
    connect(m_monitor, &JobMonitor::progressChanged, this, [this, &seen] {
        seen.append({m_monitor->model()->rowCount(), m_monitor->isRefreshing()});
    });
    QCOMPARE(runPass().outcome, Outcome::Ok);
    const QList<QPair<int, bool>> expected{{1000, true}, {2000, true}, {2500, true}};
    QCOMPARE(seen, expected);
    QCOMPARE(m_monitor->model()->rowCount(), 2500);
    QVERIFY(!m_monitor->isStale());
}

void TestJobMonitor::selectionAndSortHoldWhilePagesArrive()
{
    for (int i = 0; i < 500; ++i)
        m_simulator->addJob(i % 2 ? QStringLiteral("waiting") : QStringLiteral("delayed"));
    startMonitor(100);
    QCOMPARE(runPass().outcome, Outcome::Ok);

    JobFilterModel filter;
    filter.setJobModel(m_monitor->model());
    filter.sort(JobModel::IdColumn, Qt::DescendingOrder);
    QItemSelectionModel selection(&filter);
    const QModelIndex chosen = filter.index(137, 0);
    const QString chosenId = chosen.data(JobModel::JobIdRole).toString();
    selection.select(chosen, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);

    // Pages 100 ms apart, and new jobs that sort before the chosen one, while the state of others changes.
    m_monitor->pacer().setLimit(1, 100);
    for (int i = 0; i < 250; ++i)
        m_simulator->addJob(QStringLiteral("waiting"));
    m_simulator->setJobState(chosenId, QStringLiteral("active"));
    int pages = 0;
    connect(m_monitor, &JobMonitor::progressChanged, this, [&] {
        ++pages;
        const QModelIndexList rows = selection.selectedRows();
        QCOMPARE(rows.size(), 1);
        QCOMPARE(rows.constFirst().data(JobModel::JobIdRole).toString(), chosenId);
        // Still sorted, descending by id, with the new rows among the old ones.
        for (int row = 1; row < filter.rowCount(); row += 97) {
            QVERIFY(filter.index(row - 1, 0).data(JobModel::JobIdRole).toString().toLongLong() >
                    filter.index(row, 0).data(JobModel::JobIdRole).toString().toLongLong());
        }
    });
    QCOMPARE(runPass().outcome, Outcome::Ok);
    QCOMPARE(pages, 8);
    QCOMPARE(filter.rowCount(), 750);
    QCOMPARE(selection.selectedRows().constFirst().data(JobModel::JobIdRole).toString(), chosenId);
    QCOMPARE(selection.selectedRows().constFirst().data(JobModel::StateRole).toString(),
             QStringLiteral("active"));
}

void TestJobMonitor::stoppedPassRemovesNothing()
{
    QStringList ids;
    for (int i = 0; i < 3000; ++i)
        ids << m_simulator->addJob(QStringLiteral("waiting"));
    startMonitor(500);
    QCOMPARE(runPass().outcome, Outcome::Ok);
    QCOMPARE(m_monitor->model()->rowCount(), 3000);

    for (int i = 0; i < 3000; i += 3)
        m_simulator->removeJob(ids.at(i));
    connect(m_monitor, &JobMonitor::progressChanged, this, [this] {
        if (m_monitor->progress().pages == 2)
            m_monitor->stop();
    });
    const ApiResult stopped = runPass();
    QCOMPARE(stopped.outcome, Outcome::Stopped);
    QVERIFY(!m_monitor->isRefreshing());
    QCOMPARE(m_monitor->progress().pages, 2);
    QCOMPARE(m_monitor->model()->rowCount(), 3000); // nothing removed
    QVERIFY(m_monitor->isStale());
    // Nothing more is asked (the next page's request, already on the wire at the stop, was aborted).
    QSignalSpy sent(m_monitor->client(), &ApiClient::requestSent);
    QTest::qWait(300);
    QCOMPARE(sent.count(), 0);
}

void TestJobMonitor::passFailingAfterRetriesRemovesNothing()
{
    QStringList ids;
    for (int i = 0; i < 2500; ++i)
        ids << m_simulator->addJob(QStringLiteral("waiting"));
    startMonitor(1000);
    QCOMPARE(runPass().outcome, Outcome::Ok);
    m_simulator->removeJob(ids.constFirst());
    m_simulator->injectListFault(1000, 502, 3); // the first try and both retries
    QSignalSpy retrying(m_monitor->client(), &ApiClient::retrying);
    const ApiResult failed = runPass();
    QCOMPARE(failed.outcome, Outcome::ServerError);
    QCOMPARE(failed.httpStatus, 502);
    QCOMPARE(retrying.count(), ApiClient::MaxRetries);
    QCOMPARE(m_monitor->model()->rowCount(), 2500);
    QVERIFY(m_monitor->model()->rowOf(ids.constFirst()) >= 0);
    QVERIFY(m_monitor->isStale());
}

void TestJobMonitor::completePassRemovesWhatItDidNotList()
{
    QStringList ids;
    for (int i = 0; i < 1200; ++i)
        ids << m_simulator->addJob(QStringLiteral("waiting"));
    startMonitor(500);
    QCOMPARE(runPass().outcome, Outcome::Ok);
    for (int i = 0; i < 1200; i += 2)
        m_simulator->removeJob(ids.at(i));
    QCOMPARE(runPass().outcome, Outcome::Ok);
    QCOMPARE(m_monitor->model()->rowCount(), 600);
    QCOMPARE(m_monitor->model()->rowOf(ids.at(0)), -1);
    QVERIFY(m_monitor->model()->rowOf(ids.at(1)) >= 0);
    QCOMPARE(m_monitor->model()->count(StateCategory::Waiting), 600);
}

void TestJobMonitor::retries503Then200()
{
    for (int i = 0; i < 1500; ++i)
        m_simulator->addJob(QStringLiteral("waiting"));
    startMonitor(1000);
    m_simulator->injectListFault(1000, 503, 1);
    QSignalSpy retrying(m_monitor->client(), &ApiClient::retrying);
    QCOMPARE(runPass().outcome, Outcome::Ok);
    QCOMPARE(retrying.count(), 1);
    QCOMPARE(retrying.constFirst().at(0).value<ApiResult>().httpStatus, 503);
    QCOMPARE(m_monitor->model()->rowCount(), 1500);
    QCOMPARE(m_monitor->progress().requests, 3); // two pages and one retry
}

void TestJobMonitor::retries429WithRetryAfterSeconds()
{
    for (int i = 0; i < 1500; ++i)
        m_simulator->addJob(QStringLiteral("waiting"));
    startMonitor(1000);
    m_simulator->injectListFault(1000, 429, 1, "1");
    QSignalSpy retrying(m_monitor->client(), &ApiClient::retrying);
    QElapsedTimer clock;
    clock.start();
    QCOMPARE(runPass().outcome, Outcome::Ok);
    QVERIFY2(clock.elapsed() >= 950, qPrintable(QString::number(clock.elapsed())));
    QCOMPARE(retrying.count(), 1);
    QCOMPARE(retrying.constFirst().at(2).toInt(), 1000); // exactly what the server asked
    QCOMPARE(m_monitor->model()->rowCount(), 1500);
}

void TestJobMonitor::retries429WithRetryAfterHttpDate()
{
    for (int i = 0; i < 1500; ++i)
        m_simulator->addJob(QStringLiteral("waiting"));
    startMonitor(1000);
    // An IMF-fixdate three seconds ahead, in the GMT form servers send.
    const QDateTime when = QDateTime::currentDateTimeUtc().addSecs(3);
    const QByteArray date =
        QLocale::c().toString(when, QStringLiteral("ddd, dd MMM yyyy HH:mm:ss 'GMT'")).toLatin1();
    m_simulator->injectListFault(1000, 429, 1, date);
    QSignalSpy retrying(m_monitor->client(), &ApiClient::retrying);
    QCOMPARE(runPass().outcome, Outcome::Ok);
    QCOMPARE(retrying.count(), 1);
    const int delay = retrying.constFirst().at(2).toInt();
    // Whole seconds to the date, less what passed before the request was answered (a slow machine).
    QVERIFY2(delay >= 1000 && delay <= 3000, qPrintable(QString::number(delay)));
    QCOMPARE(m_monitor->model()->rowCount(), 1500);
}

void TestJobMonitor::retryAfterParsing_data()
{
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<int>("seconds");
    QTest::newRow("seconds") << QByteArray("7") << 7;
    QTest::newRow("zero") << QByteArray("0") << 0;
    QTest::newRow("huge seconds bounded")
        << QByteArray("99999999999999999999") << ApiClient::MaxRetryAfterSeconds;
    QTest::newRow("imf-fixdate GMT") << QByteArray("Sun, 29 Nov 2026 10:00:30 GMT") << 30;
    QTest::newRow("rfc850") << QByteArray("Sunday, 29-Nov-26 10:01:00 GMT") << 60;
    QTest::newRow("asctime") << QByteArray("Sun Nov 29 10:00:05 2026") << 5;
    QTest::newRow("past date") << QByteArray("Sun, 29 Nov 2026 09:00:00 GMT") << 0;
    QTest::newRow("far future bounded")
        << QByteArray("Fri, 01 Jan 2100 00:00:00 GMT") << ApiClient::MaxRetryAfterSeconds;
    QTest::newRow("negative") << QByteArray("-5") << -1;
    QTest::newRow("garbage") << QByteArray("soon") << -1;
    QTest::newRow("empty") << QByteArray() << -1;
}

void TestJobMonitor::retryAfterParsing()
{
    QFETCH(QByteArray, header);
    QFETCH(int, seconds);
    const QDateTime now(QDate(2026, 11, 29), QTime(10, 0, 0), QTimeZone::utc());
    QCOMPARE(ApiClient::parseRetryAfterSeconds(header, now), seconds);
}

void TestJobMonitor::cancelIsNeverRetried()
{
    RawHttpServer server;
    server.start();
    RawHttpServer::Reply unavailable;
    unavailable.status = 503;
    unavailable.body = "{\"success\":false,\"message\":\"busy\"}";
    server.setReply(unavailable);
    ApiClient client(m_manager);
    client.setBaseUrl(QUrl(server.baseUrl()));
    client.setApiKey(Key);
    client.setRetryBaseDelay(1);
    QSignalSpy retrying(&client, &ApiClient::retrying);
    const ApiResult result =
        waitFor<ApiResult>([&](auto done) { client.cancelJob(QStringLiteral("42"), done); });
    QCOMPARE(result.httpStatus, 503);
    QTest::qWait(100);
    QCOMPARE(server.requests().size(), 1);
    QCOMPARE(retrying.count(), 0);
}

void TestJobMonitor::cancelNeverFollowsARedirect()
{
    RawHttpServer server;
    server.start();
    RawHttpServer::Reply seeOther;
    seeOther.status = 303;
    seeOther.headers = {{"Location", "/api/v1/context/add-async/42/status"}};
    RawHttpServer::Reply ok;
    ok.body = "{\"success\":true,\"jobId\":\"42\",\"status\":\"cancelled\",\"message\":\"ok\"}";
    server.setReplies({seeOther, ok});
    ApiClient client(m_manager);
    client.setBaseUrl(QUrl(server.baseUrl()));
    client.setApiKey(Key);
    const ApiResult result =
        waitFor<ApiResult>([&](auto done) { client.cancelJob(QStringLiteral("42"), done); });
    QVERIFY(result.outcome != Outcome::Cancelled);
    QCOMPARE(result.httpStatus, 303);
    QTest::qWait(100);
    QCOMPARE(server.requests().size(), 1);
    QVERIFY(server.requests().constFirst().startsWith("DELETE "));
}

void TestJobMonitor::cancelIsCancelledOnlyWhenTheAnswerSaysSo()
{
    RawHttpServer server;
    server.start();
    ApiClient client(m_manager);
    client.setBaseUrl(QUrl(server.baseUrl()));
    client.setApiKey(Key);
    const auto cancelWith = [&](const QByteArray& body) {
        RawHttpServer::Reply reply;
        reply.body = body;
        server.setReply(reply);
        return waitFor<ApiResult>([&](auto done) { client.cancelJob(QStringLiteral("42"), done); });
    };
    const ApiResult refused = cancelWith("{\"success\":false,\"message\":\"Job could not be cancelled\"}");
    QCOMPARE(refused.outcome, Outcome::MalformedResponse);
    QVERIFY(refused.message.contains(QLatin1String("Job could not be cancelled")));
    QCOMPARE(cancelWith("{\"success\":true,\"status\":\"active\"}").outcome, Outcome::MalformedResponse);
    QCOMPARE(cancelWith("{\"success\":true,\"jobId\":\"42\",\"status\":\"cancelled\"}").outcome,
             Outcome::Cancelled);
    QCOMPARE(cancelWith("{\"success\":true,\"message\":\"Job cancelled\"}").outcome, Outcome::Cancelled);
}

void TestJobMonitor::pacingKeepsEveryWindowWithinBudget()
{
    for (int i = 0; i < 95; ++i)
        m_simulator->addJob(QStringLiteral("waiting"));
    startMonitor(10);
    const int budget = 4;
    const int windowMs = 400;
    m_monitor->pacer().setLimit(budget, windowMs);
    QElapsedTimer clock;
    clock.start();
    QList<qint64> sent;
    connect(m_monitor->client(), &ApiClient::requestSent, this, [&] { sent.append(clock.elapsed()); });
    QCOMPARE(runPass().outcome, Outcome::Ok);
    QCOMPARE(sent.size(), 10);
    QCOMPARE(m_monitor->model()->rowCount(), 95);
    // No window of windowMs holds more than `budget` requests.
    for (int i = budget; i < sent.size(); ++i)
        QVERIFY2(sent.at(i) - sent.at(i - budget) >= windowMs - 1,
                 qPrintable(QStringLiteral("requests %1 and %2 are %3 ms apart")
                                .arg(i - budget)
                                .arg(i)
                                .arg(sent.at(i) - sent.at(i - budget))));
    // And the pass was not slowed beyond what the budget asks: two full windows of waiting.
    QVERIFY2(sent.constLast() < 3 * windowMs + 1000, qPrintable(QString::number(sent.constLast())));
}

void TestJobMonitor::flaggedAnswerWithJobsIsShownAndSaid()
{
    RawHttpServer server;
    server.start();
    RawHttpServer::Reply flagged;
    flagged.body = listBody(1, 3, "\"success\":false,\"message\":\"Partial results: one shard is down\",");
    server.setReply(flagged);
    monitorFor(QUrl(server.baseUrl()));
    QCOMPARE(runPass().outcome, Outcome::Ok);
    QCOMPARE(m_monitor->model()->rowCount(), 3);
    QCOMPARE(m_monitor->serverNote(), QStringLiteral("Partial results: one shard is down"));

    // The connection check follows the same rule: a page with jobs is a working key.
    ApiClient client(m_manager);
    client.setBaseUrl(QUrl(server.baseUrl()));
    client.setApiKey(Key);
    const ApiResult checked = waitFor<ApiResult>([&](auto done) { client.checkConnection(done); });
    QCOMPARE(checked.outcome, Outcome::Ok);
    RawHttpServer::Reply noJobs;
    noJobs.body = "{\"success\":false}";
    server.setReply(noJobs);
    const ApiResult refused = waitFor<ApiResult>([&](auto done) { client.checkConnection(done); });
    QCOMPARE(refused.outcome, Outcome::MalformedResponse);
}

void TestJobMonitor::totalDeadlineEndsATricklingServer()
{
    // Headers at once, then one byte every 150 ms: never idle, never done.
    QTcpServer trickle;
    QVERIFY(trickle.listen(QHostAddress::LocalHost));
    QList<QTcpSocket*> sockets;
    QTimer drip;
    connect(&trickle, &QTcpServer::newConnection, this, [&] {
        QTcpSocket* socket = trickle.nextPendingConnection();
        sockets.append(socket);
        socket->write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{");
    });
    connect(&drip, &QTimer::timeout, this, [&] {
        for (QTcpSocket* socket : std::as_const(sockets))
            socket->write(" ");
    });
    drip.start(150);
    ApiClient client(m_manager);
    client.setBaseUrl(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(trickle.serverPort())));
    client.setApiKey(Key);
    client.setTimeout(700);
    client.setRetryBaseDelay(1);
    QElapsedTimer clock;
    clock.start();
    const JobResult result =
        waitFor<JobResult>([&](auto done) { client.fetchJob(QStringLiteral("1"), done); }, 20000);
    QCOMPARE(result.result.outcome, Outcome::Timeout);
    // Three attempts (the first and two retries), each cut at 0.7 s although bytes kept coming.
    QVERIFY2(clock.elapsed() >= 3 * 700 - 50 && clock.elapsed() < 3 * 700 + 4000,
             qPrintable(QString::number(clock.elapsed())));
}

void TestJobMonitor::cancelAnswerOverridesAnOlderPass()
{
    QStringList ids;
    for (int i = 0; i < 300; ++i)
        ids << m_simulator->addJob(QStringLiteral("waiting"));
    startSession(100);
    QCOMPARE(runPass().outcome, Outcome::Ok);
    // A slow pass: its last page is read after the cancel answered, but it was asked before.
    m_monitor->pacer().setLimit(1, 300);
    const QString id = ids.constLast();
    QSignalSpy cancelled(m_session->cancels(), &CancelService::jobSettled);
    bool sent = false;
    connect(m_monitor, &JobMonitor::progressChanged, this, [&] {
        if (!sent) {
            sent = true;
            QVERIFY(m_session->cancels()->cancel(id));
        }
    });
    // The simulator would still list the job as waiting if the cancel had not landed; make it so.
    m_simulator->setLive(false);
    m_monitor->refresh();
    QVERIFY(cancelled.wait(5000));
    QCOMPARE(cancelled.constFirst().at(1).value<ReceiptLine>().outcome, Outcome::Cancelled);
    QCOMPARE(m_monitor->model()->jobAt(m_monitor->model()->rowOf(id)).state, QStringLiteral("cancelled"));
    m_simulator->setJobState(id, QStringLiteral("waiting")); // what an older snapshot would say
    QSignalSpy finished(m_monitor, &JobMonitor::passFinished);
    QVERIFY(finished.wait(10000));
    const int row = m_monitor->model()->rowOf(id);
    QVERIFY(row >= 0);
    QCOMPARE(m_monitor->model()->jobAt(row).state, QStringLiteral("cancelled"));
}

void TestJobMonitor::aJobCancelledHereKeepsItsTraceWhenNoLongerListed()
{
    const QString cancelled = m_simulator->addJob(QStringLiteral("waiting"));
    const QString other = m_simulator->addJob(QStringLiteral("waiting"));
    startSession(100);
    QCOMPARE(runPass().outcome, Outcome::Ok);
    QSignalSpy answered(m_session->cancels(), &CancelService::jobSettled);
    QVERIFY(m_session->cancels()->cancel(cancelled));
    QVERIFY(answered.wait(5000));
    // The server forgets both: the one cancelled here stays, as cancelled; the other goes.
    m_simulator->removeJob(cancelled);
    m_simulator->removeJob(other);
    QCOMPARE(runPass().outcome, Outcome::Ok);
    QCOMPARE(runPass().outcome, Outcome::Ok);
    const int row = m_monitor->model()->rowOf(cancelled);
    QVERIFY(row >= 0);
    QCOMPARE(m_monitor->model()->jobAt(row).state, QStringLiteral("cancelled"));
    QCOMPARE(m_monitor->model()->rowOf(other), -1);
}

void TestJobMonitor::aMonitorServesOneServer()
{
    // Its server and environment are given once, when it is made; another server is another monitor, and
    // what carries over between two monitors of one environment is its triage on disk, nothing else.
    QStandardPaths::setTestModeEnabled(true);
    const QString name = QStringLiteral("tst_jobmonitor %1").arg(QCoreApplication::applicationPid());
    const QUrl server = m_simulator->baseUrl();
    const QString id = m_simulator->addJob(QStringLiteral("waiting"));
    delete m_monitor;
    m_monitor = new JobMonitor(m_manager, server, name, this);
    m_monitor->setAutoRefresh(false);
    QCOMPARE(m_monitor->server(), server);
    QCOMPARE(m_monitor->environmentName(), name);
    QVERIFY(!m_monitor->hasApiKey());
    QCOMPARE(runPass().outcome, Outcome::Ok);
    QCOMPARE(m_monitor->model()->rowCount(), 1);
    const qint64 firstSeen = m_monitor->triage().store().firstSeen(id, QStringLiteral("waiting"));
    QVERIFY(firstSeen > 0);
    delete m_monitor; // saves the sightings on its way out
    m_monitor = new JobMonitor(m_manager, server, name, this);
    QCOMPARE(m_monitor->triage().store().firstSeen(id, QStringLiteral("waiting")), firstSeen);
    QCOMPARE(m_monitor->model()->rowCount(), 0);
    QVERIFY(!m_monitor->hasApiKey());
    JobMonitor other(m_manager, server, name + QStringLiteral(" other"));
    QCOMPARE(other.triage().store().firstSeen(id, QStringLiteral("waiting")), 0);
    QFile::remove(FirstSeenStore::defaultFilePath(name, server));
}

void TestJobMonitor::entriesWithoutUsableIdAreCountedAndShadowNoJobData()
{
    // Job 0, then entries the window's own id reader once stored under "0" as well: one keyed "id" (a
    // usable job 5), a fraction and one without an id (both refused, so counted, never rows).
    RawHttpServer server;
    server.start();
    RawHttpServer::Reply reply;
    reply.body = R"({"success":true,"jobs":[)"
                 R"({"jobId":"0","status":"waiting","data":{"who":"zero"}},)"
                 R"({"id":"5","status":"waiting","data":{"who":"five"}},)"
                 R"({"jobId":1.5,"status":"waiting","data":{"who":"fraction"}},)"
                 R"({"status":"waiting","data":{"who":"none"}}]})";
    server.setReply(reply);
    monitorFor(QUrl(server.baseUrl()));
    QCOMPARE(runPass().outcome, Outcome::Ok);
    QCOMPARE(m_monitor->model()->rowCount(), 2);
    QCOMPARE(m_monitor->lastSkipped(), 2);
    QCOMPARE(m_monitor->jobData(QStringLiteral("0")).value(QLatin1String("who")).toString(),
             QStringLiteral("zero"));
    QCOMPARE(m_monitor->jobData(QStringLiteral("5")).value(QLatin1String("who")).toString(),
             QStringLiteral("five"));
    // A clean pass says so: the count is the last pass's, not a running total.
    reply.body = R"({"success":true,"jobs":[{"jobId":"0","status":"waiting"}]})";
    server.setReply(reply);
    QCOMPARE(runPass().outcome, Outcome::Ok);
    QCOMPARE(m_monitor->lastSkipped(), 0);
}

QTEST_GUILESS_MAIN(TestJobMonitor)
#include "tst_jobmonitor.moc"
