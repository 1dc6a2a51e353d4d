// Hostile and broken servers: every case ends in one clear result, never a crash or a hang.
#include "api/apiclient.h"
#include "rawhttpserver.h"
#include "waitfor.h"

#include <QElapsedTimer>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QSslKey>
#include <QSslServer>
#include <QTemporaryDir>
#include <QTest>

using namespace Alchemyst;

class TestBadInput : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void listBodies_data();
    void listBodies();
    void wrongFieldTypesKeepTheJobs();
    void errorBodyShapes_data();
    void errorBodyShapes();
    void hostileMessageIsTamed();
    void hugeBodyIsRefused();
    void slowServerTimesOut();
    void refusedConnection();
    void serverIgnoringOffsetDoesNotLoopForever();
    void unknownStatusIsAServerError();
    void tlsErrorsAreShownAndNeverIgnored();
    void failedProbeKeepsTheCompleteList();

private:
    QNetworkAccessManager* m_manager = nullptr;
    RawHttpServer* m_server = nullptr;
    ApiClient* m_client = nullptr;
};

void TestBadInput::init()
{
    m_server = new RawHttpServer(this);
    QVERIFY(m_server->start() != 0);
    m_manager = new QNetworkAccessManager(this);
    m_client = new ApiClient(m_manager, this);
    m_client->setBaseUrl(QUrl(m_server->baseUrl()));
    m_client->setApiKey(QStringLiteral("k"));
    m_client->setTimeout(5000);
    m_client->setRetryBaseDelay(10); // retries are real, waits short
}

void TestBadInput::cleanup()
{
    delete m_client;
    delete m_manager;
    delete m_server;
}

void TestBadInput::listBodies_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<Outcome>("outcome");
    QTest::addColumn<QString>("message");
    QTest::newRow("truncated JSON") << 200 << QByteArray(R"({"success":true,"jobs":[{"jobId":"1")")
                                    << QByteArray("application/json") << Outcome::MalformedResponse
                                    << "not valid JSON (unterminated string at byte 36 of 36)";
    QTest::newRow("HTML 200") << 200 << QByteArray("<html><body>hi</body></html>") << QByteArray("text/html")
                              << Outcome::MalformedResponse << "not valid JSON (illegal value at byte 1";
    QTest::newRow("empty 200") << 200 << QByteArray() << QByteArray("application/json")
                               << Outcome::MalformedResponse << "empty body";
    QTest::newRow("array 200") << 200 << QByteArray("[1,2,3]") << QByteArray("application/json")
                               << Outcome::MalformedResponse << "JSON that is not an object";
    QTest::newRow("jobs not an array")
        << 200 << QByteArray(R"({"success":true,"jobs":"many"})") << QByteArray("application/json")
        << Outcome::MalformedResponse << "jobs";
    // The schema allows "success": false beside a jobs array: not malformed; the jobs (none here) stand and
    // the flag is passed on as a note (tst_jobmonitor checks the note).
    QTest::newRow("success false") << 200 << QByteArray(R"({"success":false,"jobs":[]})")
                                   << QByteArray("application/json") << Outcome::Ok << "";
    QTest::newRow("success false without jobs")
        << 200 << QByteArray(R"({"success":false,"message":"Quota exceeded"})")
        << QByteArray("application/json") << Outcome::MalformedResponse << "Quota exceeded";
    QTest::newRow("HTML 502 from a proxy")
        << 502
        << QByteArray("<html><head><title>502 Bad Gateway</title></head><body><h1>nginx</h1></body></html>")
        << QByteArray("text/html") << Outcome::ServerError << "502 Bad Gateway";
    QTest::newRow("plain text 503") << 503 << QByteArray("upstream connect error") << QByteArray("text/plain")
                                    << Outcome::ServerError << "upstream connect error";
    QTest::newRow("empty 500") << 500 << QByteArray() << QByteArray() << Outcome::ServerError << "";
}

void TestBadInput::listBodies()
{
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, contentType);
    QFETCH(Outcome, outcome);
    QFETCH(QString, message);
    RawHttpServer::Reply reply;
    reply.status = status;
    reply.body = body;
    reply.contentType = contentType;
    m_server->setReply(reply);
    const ListResult result =
        waitFor<ListResult>([&](auto done) { m_client->listJobs(QStringLiteral("all"), done); });
    QCOMPARE(result.result.outcome, outcome);
    QCOMPARE(result.result.httpStatus, status);
    if (message.isEmpty())
        QVERIFY(result.result.message.isEmpty());
    else
        QVERIFY2(result.result.message.contains(message), qPrintable(result.result.message));
    QVERIFY(result.jobs.isEmpty());
}

void TestBadInput::wrongFieldTypesKeepTheJobs()
{
    RawHttpServer::Reply reply;
    reply.body = R"({"success":true,"jobs":[
        {"jobId": 42, "status": "active", "attemptsMade": "two", "data": "not an object", "processedOn": "1712345678900"},
        {"jobId": "x1", "status": 7, "attemptsMade": 1, "data": {"metadata": {"fileName": 12}, "source": ["s"]},
         "finishedOn": {"t": 1}, "failedReason": false},
        {"jobId": "x2", "status": "waiting-children", "data": {"metadata": "none"}},
        {"status": "waiting"},
        "a string",
        null,
        {"jobId": "", "status": "waiting"}
    ]})";
    RawHttpServer::Reply end;
    end.body = R"({"success":true,"jobs":[]})";
    m_server->setReplies({reply, end});
    const ListResult result =
        waitFor<ListResult>([&](auto done) { m_client->listJobs(QStringLiteral("all"), done); });
    QCOMPARE(result.result.outcome, Outcome::Ok);
    QCOMPARE(result.jobs.size(), 3);
    QCOMPARE(result.skipped, 4);
    QCOMPARE(result.jobs.at(0).id, QStringLiteral("42"));
    QCOMPARE(result.jobs.at(0).attempts, -1);
    QCOMPARE(result.jobs.at(0).processedOn, 1712345678900LL);
    QCOMPARE(result.jobs.at(1).state, QStringLiteral("unknown"));
    QVERIFY(result.jobs.at(1).fileName.isEmpty());
    QCOMPARE(result.jobs.at(1).finishedOn, 0);
    QCOMPARE(result.jobs.at(2).state, QStringLiteral("waiting-children")); // open set: kept as it came
}

void TestBadInput::errorBodyShapes_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<Outcome>("outcome");
    QTest::addColumn<QString>("message");
    QTest::newRow("{success,message,status}")
        << 404 << QByteArray(R"({"success":false,"message":"Job not found","status":404})")
        << Outcome::NotFound << "Job not found";
    QTest::newRow("{error: text}") << 409 << QByteArray(R"({"error":"It is running."})") << Outcome::Conflict
                                   << "It is running.";
    QTest::newRow("{success,message,error text}")
        << 500 << QByteArray(R"({"success":false,"message":"Internal server error","error":"db down"})")
        << Outcome::ServerError << "Internal server error: db down";
    QTest::newRow("{success,error:{code,message}}")
        << 401
        << QByteArray(
               R"({"success":false,"error":{"code":"UNAUTHORIZED","message":"User not authenticated"}})")
        << Outcome::Unauthorized << "User not authenticated";
    QTest::newRow("{response}") << 500 << QByteArray(R"({"response":"Queue unavailable"})")
                                << Outcome::ServerError << "Queue unavailable";
    QTest::newRow("{success:false}") << 403 << QByteArray(R"({"success":false})") << Outcome::Forbidden << "";
    QTest::newRow("402 text") << 402 << QByteArray("Payment Required") << Outcome::PaymentRequired
                              << "Payment Required";
    QTest::newRow("400 with error object lacking message")
        << 400 << QByteArray(R"({"success":false,"error":{"code":"INVALID_JOB_ID"}})") << Outcome::InvalidId
        << "INVALID_JOB_ID";
    QTest::newRow("429 JSON") << 429 << QByteArray(R"({"message":"slow down"})") << Outcome::RateLimited
                              << "slow down";
}

void TestBadInput::errorBodyShapes()
{
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(Outcome, outcome);
    QFETCH(QString, message);
    RawHttpServer::Reply reply;
    reply.status = status;
    reply.body = body;
    m_server->setReply(reply);
    const ApiResult result =
        waitFor<ApiResult>([&](auto done) { m_client->cancelJob(QStringLiteral("7"), done); });
    QCOMPARE(result.outcome, outcome);
    QCOMPARE(result.httpStatus, status);
    QCOMPARE(result.message, message);
}

void TestBadInput::hostileMessageIsTamed()
{
    RawHttpServer::Reply reply;
    reply.status = 409;
    reply.body = "{\"error\":\"\\u001b[31mred\\u0007 <b>bold</b> " + QByteArray(5000, 'x') + "\"}";
    m_server->setReply(reply);
    const ApiResult result =
        waitFor<ApiResult>([&](auto done) { m_client->cancelJob(QStringLiteral("7"), done); });
    QCOMPARE(result.outcome, Outcome::Conflict);
    QVERIFY(!result.message.contains(QChar(0x1b)));
    QVERIFY(!result.message.contains(QChar(0x07)));
    QVERIFY(result.message.startsWith(QStringLiteral("[31mred <b>bold</b>"))); // shown as text, not markup
    QVERIFY(result.message.size() <= 2001);
}

void TestBadInput::hugeBodyIsRefused()
{
    RawHttpServer::Reply reply;
    reply.body = R"({"success":true,"jobs":[)" + QByteArray(12 * 1024 * 1024, ' ') + "]}";
    m_server->setReply(reply);
    m_client->setMaxResponseBytes(4 * 1024 * 1024);
    const ListResult refused =
        waitFor<ListResult>([&](auto done) { m_client->listJobs(QStringLiteral("all"), done); });
    QCOMPARE(refused.result.outcome, Outcome::MalformedResponse);
    QVERIFY(refused.result.message.contains(QLatin1String("larger")));

    // Under the default limit the same 12 MB body parses.
    m_client->setMaxResponseBytes(ApiClient::DefaultMaxResponseBytes);
    const ListResult parsed =
        waitFor<ListResult>([&](auto done) { m_client->listJobs(QStringLiteral("all"), done); });
    QCOMPARE(parsed.result.outcome, Outcome::Ok);
    QVERIFY(parsed.jobs.isEmpty());
}

void TestBadInput::slowServerTimesOut()
{
    RawHttpServer::Reply reply;
    reply.neverAnswer = true;
    m_server->setReply(reply);
    m_client->setTimeout(700);
    QElapsedTimer timer;
    timer.start();
    const ApiResult result =
        waitFor<ApiResult>([&](auto done) { m_client->cancelJob(QStringLiteral("7"), done); });
    QCOMPARE(result.outcome, Outcome::Timeout);
    QCOMPARE(result.httpStatus, 0);
    QVERIFY(!result.message.isEmpty());
    QVERIFY(timer.elapsed() < 5000);
    QCOMPARE(m_client->inFlightCount(), 0);
}

void TestBadInput::refusedConnection()
{
    const QString url = m_server->baseUrl();
    m_server->close(); // nothing listens there any more
    m_client->setBaseUrl(QUrl(url));
    const ListResult result =
        waitFor<ListResult>([&](auto done) { m_client->listJobs(QStringLiteral("all"), done); });
    QCOMPARE(result.result.outcome, Outcome::NetworkError);
    QVERIFY2(result.result.message.contains(QLatin1String("refused")), qPrintable(result.result.message));
}

void TestBadInput::serverIgnoringOffsetDoesNotLoopForever()
{
    RawHttpServer::Reply reply;
    reply.body = R"({"success":true,"jobs":[{"jobId":"1","status":"waiting","attemptsMade":0,"data":{}},
                                          {"jobId":"2","status":"waiting","attemptsMade":0,"data":{}}]})";
    m_server->setReply(reply);
    m_client->setPageSize(2);
    const ListResult result =
        waitFor<ListResult>([&](auto done) { m_client->listJobs(QStringLiteral("all"), done); });
    QCOMPARE(result.result.outcome, Outcome::MalformedResponse);
    // Two pages, and the page read ahead after the second (asked for before the second was read, then
    // dropped with the listing): never more.
    QCOMPARE(result.requests, 3);
}

void TestBadInput::unknownStatusIsAServerError()
{
    RawHttpServer::Reply reply;
    reply.status = 418;
    reply.body = R"({"message":"I'm a teapot"})";
    m_server->setReply(reply);
    const ApiResult result =
        waitFor<ApiResult>([&](auto done) { m_client->cancelJob(QStringLiteral("7"), done); });
    QCOMPARE(result.outcome, Outcome::ServerError);
    QCOMPARE(result.httpStatus, 418);
    QCOMPARE(result.message, QStringLiteral("I'm a teapot"));
}

void TestBadInput::tlsErrorsAreShownAndNeverIgnored()
{
    // A server with a self-signed certificate for another name: the request must fail, saying why.
    QTemporaryDir dir;
    QProcess openssl;
    openssl.start(QStringLiteral("openssl"),
                  {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
                   QStringLiteral("rsa:2048"), QStringLiteral("-nodes"), QStringLiteral("-days"),
                   QStringLiteral("2"), QStringLiteral("-subj"),
                   QStringLiteral("/CN=impostor.example/O=Untrusted Test Issuer"), QStringLiteral("-keyout"),
                   dir.filePath(QStringLiteral("key.pem")), QStringLiteral("-out"),
                   dir.filePath(QStringLiteral("cert.pem"))});
    if (!openssl.waitForFinished(30000) || openssl.exitCode() != 0)
        QSKIP("openssl could not make a test certificate");
    QFile certFile(dir.filePath(QStringLiteral("cert.pem")));
    QFile keyFile(dir.filePath(QStringLiteral("key.pem")));
    QVERIFY(certFile.open(QIODevice::ReadOnly) && keyFile.open(QIODevice::ReadOnly));
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.setLocalCertificate(QSslCertificate(certFile.readAll()));
    configuration.setPrivateKey(QSslKey(keyFile.readAll(), QSsl::Rsa));
    QSslServer server;
    server.setSslConfiguration(configuration);
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));

    m_client->setBaseUrl(QUrl(QStringLiteral("https://127.0.0.1:%1").arg(server.serverPort())));
    const ListResult result =
        waitFor<ListResult>([&](auto done) { m_client->listJobs(QStringLiteral("all"), done); });
    QCOMPARE(result.result.outcome, Outcome::NetworkError);
    QCOMPARE(result.result.httpStatus, 0);
    QVERIFY2(result.result.message.contains(QLatin1String("subject: ")), qPrintable(result.result.message));
    QVERIFY2(result.result.message.contains(QLatin1String("impostor.example")),
             qPrintable(result.result.message));
    QVERIFY2(result.result.message.contains(QLatin1String("issuer: ")), qPrintable(result.result.message));
    QVERIFY(result.result.message.contains(QLatin1String("TLS")));
}

void TestBadInput::failedProbeKeepsTheCompleteList()
{
    // Ten jobs on a short first page, then the request that checks for more fails: the ten stand.
    RawHttpServer::Reply page;
    QByteArray jobs;
    for (int i = 0; i < 10; ++i)
        jobs += (i ? "," : "") + QByteArray(R"({"jobId":")") + QByteArray::number(i) +
                R"(","status":"waiting","attemptsMade":0,"data":{}})";
    page.body = R"({"success":true,"jobs":[)" + jobs + "]}";
    RawHttpServer::Reply failure;
    failure.status = 503;
    failure.body = "busy";
    m_server->setReplies({page, failure});
    const ListResult result =
        waitFor<ListResult>([&](auto done) { m_client->listJobs(QStringLiteral("all"), done); });
    QCOMPARE(result.result.outcome, Outcome::Ok);
    QCOMPARE(result.jobs.size(), 10);
    QCOMPARE(result.requests, 2 + ApiClient::MaxRetries); // the probe is a read like any other: retried
}

QTEST_GUILESS_MAIN(TestBadInput)
#include "tst_badinput.moc"
