// The API client against the simulator over loopback: every documented outcome of every endpoint.
#include "api/apiclient.h"
#include "api/requestpacer.h"
#include "rawhttpserver.h"
#include "simulator/simulator.h"
#include "waitfor.h"

#include <QElapsedTimer>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTest>

using namespace Alchemyst;

class TestApiClient : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void listPagesThroughEveryJob();
    void listAdvancesByWhatACappedServerReturns();
    void readAheadListsTheSameJobs();
    void readAheadHoldsBackAfterASmallPage();
    void readAheadAsksBeforeTheAnswerIsRead();
    void stopEndsAListingThatReadsAhead();
    void pageOverTheResponseCapIsAskedAgainAtHalfTheSize();
    void listHonoursType();
    void listAuthOutcomes_data();
    void listAuthOutcomes();
    void rateLimitedCarriesRetryAfter();
    void fetchOneJob();
    void fetchOutcomes();
    void cancelWaitingAndDelayed();
    void cancelOutcomes_data();
    void cancelOutcomes();
    void cancelConflictIsVerbatimAndNotRetried();
    void jobIdIsOneEncodedSegment_data();
    void jobIdIsOneEncodedSegment();
    void dotSegmentsAreRefusedBeforeSending();
    void headersOnEveryCall();
    void insecureBaseUrlIsRefusedBeforeConnecting();
    void missingKeyIsReportedWithoutARequest();
    void checkConnectionMakesOneRequest();
    void destroyingTheClientAbortsSilently();
    void redirectToAnotherOriginNeverCarriesTheKey();

private:
    ListResult list(const QString& type = QStringLiteral("all"));
    ApiResult cancel(const QString& id);
    JobResult fetch(const QString& id);

    QNetworkAccessManager* m_manager = nullptr;
    Simulator* m_simulator = nullptr;
    ApiClient* m_client = nullptr;
};

void TestApiClient::init()
{
    m_simulator = new Simulator(Simulator::Options::empty(QStringLiteral("test-key")), this);
    QVERIFY(m_simulator->listen() != 0);
    m_manager = new QNetworkAccessManager(this);
    m_client = new ApiClient(m_manager, this);
    m_client->setBaseUrl(m_simulator->baseUrl());
    m_client->setApiKey(QStringLiteral("test-key"));
    m_client->setTimeout(10000);
    m_client->setRetryBaseDelay(10);
}

void TestApiClient::cleanup()
{
    delete m_client;
    delete m_manager;
    delete m_simulator;
}

ListResult TestApiClient::list(const QString& type)
{
    return waitFor<ListResult>([&](auto done) { m_client->listJobs(type, done); });
}

ApiResult TestApiClient::cancel(const QString& id)
{
    return waitFor<ApiResult>([&](auto done) { m_client->cancelJob(id, done); });
}

JobResult TestApiClient::fetch(const QString& id)
{
    return waitFor<JobResult>([&](auto done) { m_client->fetchJob(id, done); });
}

void TestApiClient::pageOverTheResponseCapIsAskedAgainAtHalfTheSize()
{
    // The regression: 1,000 jobs of 300 KiB are a page over the 256 MiB cap, and a page size that never
    // shrank failed every refresh for good. Scaled down: pages of 64 jobs with a cap of 8 KiB.
    for (int i = 0; i < 200; ++i)
        m_simulator->addJob(QStringLiteral("waiting"),
                            QStringLiteral("document-%1-%2.pdf").arg(i).arg(QString(80, QLatin1Char('x'))));
    m_client->setPageSize(64);
    m_client->setMaxResponseBytes(8 * 1024);
    QSignalSpy reduced(m_client, &ApiClient::pageSizeReduced);
    const ListResult result = list();
    QCOMPARE(result.result.outcome, Outcome::Ok);
    QCOMPARE(result.jobs.size(), 200);
    QVERIFY(!reduced.isEmpty());
    const int size = reduced.constLast().first().toInt();
    QVERIFY(size < 64);
    QCOMPARE(m_client->pageSize(), size); // the size that worked is kept for the next pass
    QSignalSpy again(m_client, &ApiClient::pageSizeReduced);
    QCOMPARE(list().jobs.size(), 200);
    QVERIFY(again.isEmpty());
}

void TestApiClient::listPagesThroughEveryJob()
{
    for (int i = 0; i < 25; ++i)
        m_simulator->addJob(i % 2 ? QStringLiteral("waiting") : QStringLiteral("completed"),
                            QStringLiteral("f%1.pdf").arg(i));
    m_client->setPageSize(10);
    const ListResult result = list();
    QCOMPARE(result.result.outcome, Outcome::Ok);
    QCOMPARE(result.jobs.size(), 25);
    QCOMPARE(result.requests, 3); // 10 + 10 + 5: after a full page, a short one is the end
    QSet<QString> ids;
    for (const Job& job : result.jobs)
        ids.insert(job.id);
    QCOMPARE(ids.size(), 25);
    QCOMPARE(result.jobs.first().fileName, QStringLiteral("f24.pdf")); // newest first
    QVERIFY(m_simulator->lastRawPath().contains("limit=10"));
    QVERIFY(m_simulator->lastRawPath().contains("offset=20"));

    // Fewer jobs than a page: one more request tells the end from a server that caps its pages.
    m_client->setPageSize(1000);
    const ListResult small = list();
    QCOMPARE(small.jobs.size(), 25);
    QCOMPARE(small.requests, 2);
    QVERIFY(m_simulator->lastRawPath().contains("offset=25"));

    // A short first page of a size no server caps at (not a multiple of 5) is simply the end.
    m_simulator->addJob(QStringLiteral("waiting"));
    m_simulator->addJob(QStringLiteral("waiting"));
    const ListResult odd = list();
    QCOMPARE(odd.jobs.size(), 27);
    QCOMPARE(odd.requests, 1);

    // An exact multiple ends on an empty page.
    m_client->setPageSize(10);
    m_simulator->clearJobs();
    for (int i = 0; i < 20; ++i)
        m_simulator->addJob(QStringLiteral("waiting"));
    const ListResult exact = list();
    QCOMPARE(exact.jobs.size(), 20);
    QCOMPARE(exact.requests, 3);
}

void TestApiClient::listAdvancesByWhatACappedServerReturns()
{
    for (int i = 0; i < 23; ++i)
        m_simulator->addJob(QStringLiteral("completed"));
    m_simulator->setMaxPageSize(5); // asks 1000, gets 5 a page
    const ListResult result = list();
    QCOMPARE(result.result.outcome, Outcome::Ok);
    QCOMPARE(result.jobs.size(), 23);
    QCOMPARE(result.requests, 5);
}

namespace {
QStringList idsOf(const JobList& jobs)
{
    QStringList ids;
    for (const Job& job : jobs)
        ids << job.id;
    return ids;
}
} // namespace

void TestApiClient::readAheadListsTheSameJobs()
{
    // 20 full pages and a last one of 95: the page after it is asked for before the last one is read (the
    // guess that it is full), then dropped. The jobs are the same, in the same order, as without.
    for (int i = 0; i < 2095; ++i)
        m_simulator->addJob(i % 3 ? QStringLiteral("completed") : QStringLiteral("waiting"));
    m_client->setPageSize(100);
    m_client->setReadAhead(false);
    const ListResult plain = list();
    QCOMPARE(plain.result.outcome, Outcome::Ok);
    QCOMPARE(plain.requests, 21);
    QCOMPARE(m_simulator->listRequestCount(), 21);

    RequestPacer pacer(1000, 60 * 1000);
    m_client->setPacer(&pacer);
    m_client->setReadAhead(true);
    QSignalSpy sent(m_client, &ApiClient::requestSent);
    const ListResult ahead = list();
    QCOMPARE(ahead.result.outcome, Outcome::Ok);
    QCOMPARE(ahead.pages, 21);
    QCOMPARE(ahead.received, 2095);
    QCOMPARE(idsOf(ahead.jobs), idsOf(plain.jobs));
    QCOMPARE(ahead.requests, 22); // the guess after the last page went and was paid for
    // Aborted at once: this simulator, on the same thread, may never have read it.
    QVERIFY(m_simulator->listRequestCount() >= 21 + 21 && m_simulator->listRequestCount() <= 21 + 22);
    QCOMPARE(sent.count(), 22);
    QCOMPARE(pacer.recentCount(), 22); // every request, the guess too, went through the pacer
    QCOMPARE(m_client->inFlightCount(), 0);
    QVERIFY(!m_client->isListing());
    m_client->setPacer(nullptr);
}

void TestApiClient::readAheadHoldsBackAfterASmallPage()
{
    // A last page far smaller than the full ones is most likely the end: nothing is asked after it. And a
    // list of one page never reads ahead (no full page has shown the page size yet).
    for (int i = 0; i < 1021; ++i)
        m_simulator->addJob(QStringLiteral("completed"));
    m_client->setPageSize(100);
    const ListResult result = list();
    QCOMPARE(result.jobs.size(), 1021);
    QCOMPARE(result.requests, 11);
    QCOMPARE(m_simulator->listRequestCount(), 11);
    m_client->setPageSize(2000);
    QCOMPARE(list().requests, 1); // 1021: not a round number, so the end
    QCOMPARE(m_simulator->listRequestCount(), 12);
}

void TestApiClient::readAheadAsksBeforeTheAnswerIsRead()
{
    // The next page is asked for when this one has arrived, before it is parsed: shown by a page that
    // arrives whole (200) and then proves unreadable. Read ahead, the guess after it has gone by then; it is
    // dropped with the listing and counted, and the outcome is the same as without.
    const auto page = [](int first) -> QByteArray {
        return QByteArray(R"({"success":true,"jobs":[{"jobId":"j)") + QByteArray::number(first) +
               R"(","status":"completed"},{"jobId":"j)" + QByteArray::number(first + 1) +
               R"(","status":"completed"}]})";
    };
    RawHttpServer server;
    QVERIFY(server.start() != 0);
    m_client->setBaseUrl(QUrl(server.baseUrl()));
    m_client->setPageSize(2);
    m_client->setRetryBaseDelay(0);
    for (const bool readAhead : {false, true}) {
        // As long as a full page, so that its size does not hold the guess back.
        const QByteArray unreadable = QByteArray("{\"jobs\": [").leftJustified(page(0).size(), ' ');
        const auto ok = [](const QByteArray& body) {
            RawHttpServer::Reply reply;
            reply.body = body;
            return reply;
        };
        server.setReplies({ok(page(0)), ok(page(2)), ok(unreadable), ok(page(6))});
        m_client->setReadAhead(readAhead);
        QSignalSpy sent(m_client, &ApiClient::requestSent);
        const ListResult result = list();
        QCOMPARE(result.result.outcome, Outcome::MalformedResponse);
        QCOMPARE(result.pages, 2);
        QCOMPARE(result.requests, readAhead ? 4 : 3);
        QCOMPARE(sent.count(), readAhead ? 4 : 3);
        if (readAhead)
            QVERIFY(sent.constLast().at(1).toUrl().query().contains(QLatin1String("offset=6")));
        QCOMPARE(m_client->inFlightCount(), 0);
    }
}

void TestApiClient::stopEndsAListingThatReadsAhead()
{
    for (int i = 0; i < 1000; ++i)
        m_simulator->addJob(QStringLiteral("completed"));
    m_simulator->setPageLatencyMs(100);
    m_client->setPageSize(100);
    QSignalSpy sent(m_client, &ApiClient::requestSent);
    int listing = 0;
    int pages = 0;
    int done = 0;
    ListResult stopped;
    listing = m_client->listPages(
        QStringLiteral("all"),
        [&](ListPage&, const ListProgress& progress) {
            pages = progress.pages;
            if (progress.pages == 3)
                QTimer::singleShot(0, m_client, [&] { QVERIFY(m_client->stopListing(listing)); });
        },
        [&](const ListResult& result) {
            ++done;
            stopped = result;
        });
    QTRY_COMPARE(done, 1);
    QCOMPARE(stopped.result.outcome, Outcome::Stopped);
    QCOMPARE(pages, 3);
    // Nothing of the listing is left on the wire, and nothing more goes: no page, no guess.
    QCOMPARE(m_client->inFlightCount(), 0);
    const int sentAtStop = static_cast<int>(sent.count());
    QCOMPARE(stopped.requests, sentAtStop);
    QTest::qWait(350);
    QCOMPARE(sent.count(), sentAtStop);
    QCOMPARE(done, 1);
    QCOMPARE(pages, 3);
    QVERIFY(!m_client->stopListing(listing));
}

void TestApiClient::listHonoursType()
{
    m_simulator->addJob(QStringLiteral("active"));
    m_simulator->addJob(QStringLiteral("failed"));
    m_simulator->addJob(QStringLiteral("failed"));
    m_simulator->addJob(QStringLiteral("waiting"));
    const ListResult failed = list(QStringLiteral("failed"));
    QCOMPARE(failed.jobs.size(), 2);
    for (const Job& job : failed.jobs) {
        QCOMPARE(job.state, QStringLiteral("failed"));
        QVERIFY(!job.failedReason.isEmpty());
    }
    QVERIFY(m_simulator->lastRawPath().contains("type=failed"));
    QCOMPARE(list().jobs.size(), 4);
}

void TestApiClient::listAuthOutcomes_data()
{
    QTest::addColumn<QString>("token");
    QTest::addColumn<Outcome>("outcome");
    QTest::addColumn<int>("status");
    QTest::newRow("wrong key") << QStringLiteral("nope") << Outcome::Unauthorized << 401;
    QTest::newRow("402") << QString::fromLatin1(Simulator::PaymentRequiredToken) << Outcome::PaymentRequired
                         << 402;
    QTest::newRow("403") << QString::fromLatin1(Simulator::ForbiddenToken) << Outcome::Forbidden << 403;
    QTest::newRow("500") << QString::fromLatin1(Simulator::ServerErrorToken) << Outcome::ServerError << 500;
}

void TestApiClient::listAuthOutcomes()
{
    QFETCH(QString, token);
    QFETCH(Outcome, outcome);
    QFETCH(int, status);
    m_simulator->addJob(QStringLiteral("waiting"));
    m_client->setApiKey(token);
    const ListResult result = list();
    QCOMPARE(result.result.outcome, outcome);
    QCOMPARE(result.result.httpStatus, status);
    QVERIFY(result.jobs.isEmpty() || outcome == Outcome::Ok);
    if (status == 500)
        QCOMPARE(result.result.message,
                 QStringLiteral("Internal server error: Simulated failure in the job store"));
}

void TestApiClient::rateLimitedCarriesRetryAfter()
{
    m_client->setApiKey(QString::fromLatin1(Simulator::RateLimitedToken));
    const ListResult result = list();
    QCOMPARE(result.result.outcome, Outcome::RateLimited);
    QCOMPARE(result.result.httpStatus, 429);
    QCOMPARE(result.result.retryAfterSeconds, 2);
}

void TestApiClient::fetchOneJob()
{
    const QString id = m_simulator->addJob(QStringLiteral("failed"), QStringLiteral("deck.pdf"));
    const JobResult result = fetch(id);
    QCOMPARE(result.result.outcome, Outcome::Ok);
    QVERIFY(result.job.has_value());
    QCOMPARE(result.job->id, id);
    QCOMPARE(result.job->state, QStringLiteral("failed"));
    QVERIFY(result.job->finishedOn > 0);
    QVERIFY(!result.job->failedReason.isEmpty());
}

void TestApiClient::fetchOutcomes()
{
    QCOMPARE(fetch(QStringLiteral("424242")).result.outcome, Outcome::NotFound);
    const JobResult invalid = fetch(QStringLiteral("bad id"));
    QCOMPARE(invalid.result.outcome, Outcome::InvalidId);
    QCOMPARE(invalid.result.httpStatus, 400);
    QCOMPARE(invalid.result.message, QStringLiteral("Invalid job id"));
    m_client->setApiKey(QStringLiteral("nope"));
    const JobResult unauthorized = fetch(QStringLiteral("1"));
    QCOMPARE(unauthorized.result.outcome, Outcome::Unauthorized);
    QCOMPARE(unauthorized.result.message, QStringLiteral("Unauthorized"));
    m_client->setApiKey(QString::fromLatin1(Simulator::ServerErrorToken));
    QCOMPARE(fetch(QStringLiteral("1")).result.outcome, Outcome::ServerError);
}

void TestApiClient::cancelWaitingAndDelayed()
{
    const QString waiting = m_simulator->addJob(QStringLiteral("waiting"));
    const QString delayed = m_simulator->addJob(QStringLiteral("delayed"));
    for (const QString& id : {waiting, delayed}) {
        const ApiResult result = cancel(id);
        QCOMPARE(result.outcome, Outcome::Cancelled);
        QCOMPARE(result.httpStatus, 200);
        QCOMPARE(result.payload.value(QLatin1String("status")).toString(), QStringLiteral("cancelled"));
        QCOMPARE(result.message, QStringLiteral("Job cancelled successfully"));
        QCOMPARE(m_simulator->jobState(id), QStringLiteral("cancelled"));
    }
}

void TestApiClient::cancelOutcomes_data()
{
    QTest::addColumn<QString>("state");
    QTest::addColumn<QString>("token");
    QTest::addColumn<Outcome>("outcome");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("message");
    const QString key = QStringLiteral("test-key");
    QTest::newRow("completed -> 404")
        << "completed" << key << Outcome::NotFound << 404 << "Job not found or already completed";
    QTest::newRow("failed -> 404") << "failed" << key << Outcome::NotFound << 404
                                   << "Job not found or already failed";
    QTest::newRow("unknown id -> 404") << "" << key << Outcome::NotFound << 404 << "Job not found";
    QTest::newRow("401") << "waiting"
                         << "wrong" << Outcome::Unauthorized << 401 << "Unauthorized";
    QTest::newRow("402") << "waiting" << QString::fromLatin1(Simulator::PaymentRequiredToken)
                         << Outcome::PaymentRequired << 402 << "Payment Required";
    QTest::newRow("403") << "waiting" << QString::fromLatin1(Simulator::ForbiddenToken) << Outcome::Forbidden
                         << 403 << "Forbidden: insufficient scope";
    QTest::newRow("500") << "waiting" << QString::fromLatin1(Simulator::ServerErrorToken)
                         << Outcome::ServerError << 500
                         << "Internal server error: Simulated failure in the job store";
}

void TestApiClient::cancelOutcomes()
{
    QFETCH(QString, state);
    QFETCH(QString, token);
    QFETCH(Outcome, outcome);
    QFETCH(int, status);
    QFETCH(QString, message);
    const QString id = state.isEmpty() ? QStringLiteral("777777") : m_simulator->addJob(state);
    m_client->setApiKey(token);
    const ApiResult result = cancel(id);
    QCOMPARE(result.outcome, outcome);
    QCOMPARE(result.httpStatus, status);
    QCOMPARE(result.message, message);
    if (!state.isEmpty())
        QCOMPARE(m_simulator->jobState(id), state); // nothing changed on the server
}

void TestApiClient::cancelConflictIsVerbatimAndNotRetried()
{
    const QString id = m_simulator->addJob(QStringLiteral("active"));
    const int before = m_simulator->requestCount();
    const ApiResult result = cancel(id);
    QCOMPARE(result.outcome, Outcome::Conflict);
    QCOMPARE(result.httpStatus, 409);
    QCOMPARE(result.message, QString::fromLatin1(Simulator::ConflictMessage));
    QCOMPARE(m_simulator->requestCount(), before + 1);
    QCOMPARE(m_simulator->jobState(id), QStringLiteral("active"));
}

void TestApiClient::jobIdIsOneEncodedSegment_data()
{
    QTest::addColumn<QString>("id");
    QTest::addColumn<QByteArray>("segment");
    QTest::newRow("slash") << "a/b" << QByteArray("a%2Fb");
    QTest::newRow("dot-dot slash") << "../x" << QByteArray("..%2Fx");
    QTest::newRow("percent") << "%41" << QByteArray("%2541");
    QTest::newRow("space") << "sp ace" << QByteArray("sp%20ace");
    QTest::newRow("query and fragment") << "a?b#c" << QByteArray("a%3Fb%23c");
    QTest::newRow("non-ASCII") << QStringLiteral("jöb-日本") << QByteArray("j%C3%B6b-%E6%97%A5%E6%9C%AC");
}

void TestApiClient::jobIdIsOneEncodedSegment()
{
    QFETCH(QString, id);
    QFETCH(QByteArray, segment);
    const ApiResult result = cancel(id);
    // The simulator saw one segment that decodes to exactly the id, and rejected it as invalid.
    QCOMPARE(m_simulator->lastRawPath(), "/api/v1/context/add-async/" + segment + "/cancel");
    QCOMPARE(m_simulator->lastJobId(), id);
    QCOMPARE(result.outcome, Outcome::InvalidId);
    QCOMPARE(result.httpStatus, 400);

    const JobResult fetched = fetch(id);
    QCOMPARE(m_simulator->lastRawPath(), "/api/v1/context/add-async/" + segment + "/status");
    QCOMPARE(fetched.result.outcome, Outcome::InvalidId);
}

void TestApiClient::dotSegmentsAreRefusedBeforeSending()
{
    const int before = m_simulator->requestCount();
    for (const QString& id : {QStringLiteral(".."), QStringLiteral("."), QString()}) {
        const ApiResult result = cancel(id);
        QCOMPARE(result.outcome, Outcome::InvalidId);
        QCOMPARE(result.httpStatus, 0);
        QVERIFY(!result.message.isEmpty());
    }
    QCOMPARE(m_simulator->requestCount(), before);
}

void TestApiClient::headersOnEveryCall()
{
    m_simulator->addJob(QStringLiteral("waiting"));
    QCOMPARE(list().result.outcome, Outcome::Ok); // the simulator answers 401 without "Bearer test-key"
    QVERIFY(m_simulator->lastUserAgent().startsWith("AlchemystJobMonitor/" AJM_VERSION));
}

void TestApiClient::insecureBaseUrlIsRefusedBeforeConnecting()
{
    QVERIFY(
        ApiClient::checkBaseUrl(QUrl(QStringLiteral("http://example.com"))).contains(QLatin1String("https")));
    QVERIFY(ApiClient::checkBaseUrl(QUrl(QStringLiteral("https://example.com"))).isEmpty());
    QVERIFY(ApiClient::checkBaseUrl(QUrl(QStringLiteral("http://127.0.0.1:8080"))).isEmpty());
    QVERIFY(ApiClient::checkBaseUrl(QUrl(QStringLiteral("http://[::1]:8080"))).isEmpty());
    QVERIFY(ApiClient::checkBaseUrl(QUrl(QStringLiteral("http://localhost"))).isEmpty());
    QVERIFY(!ApiClient::checkBaseUrl(QUrl(QStringLiteral("http://10.0.0.5"))).isEmpty());
    QVERIFY(!ApiClient::checkBaseUrl(QUrl(QStringLiteral("ftp://example.com"))).isEmpty());

    // A name that resolves to nothing: if a connection were attempted this would be a network error.
    m_client->setBaseUrl(QUrl(QStringLiteral("http://insecure.invalid")));
    const ListResult result = list();
    QCOMPARE(result.result.outcome, Outcome::InsecureUrl);
    QCOMPARE(result.requests, 0);
    QCOMPARE(cancel(QStringLiteral("1")).outcome, Outcome::InsecureUrl);
}

void TestApiClient::missingKeyIsReportedWithoutARequest()
{
    m_client->setApiKey(QString());
    const int before = m_simulator->requestCount();
    const ListResult result = list();
    QCOMPARE(result.result.outcome, Outcome::Unauthorized);
    QVERIFY(result.result.message.contains(QLatin1String("ALCHEMYST_AI_API_KEY")));
    QCOMPARE(m_simulator->requestCount(), before);
}

void TestApiClient::checkConnectionMakesOneRequest()
{
    for (int i = 0; i < 5; ++i)
        m_simulator->addJob(QStringLiteral("waiting"));
    const int before = m_simulator->requestCount();
    const ApiResult ok = waitFor<ApiResult>([&](auto done) { m_client->checkConnection(done); });
    QCOMPARE(ok.outcome, Outcome::Ok);
    QCOMPARE(m_simulator->requestCount(), before + 1);
    QVERIFY(m_simulator->lastRawPath().contains("limit=1"));
    m_client->setApiKey(QStringLiteral("bad"));
    QCOMPARE(waitFor<ApiResult>([&](auto done) { m_client->checkConnection(done); }).outcome,
             Outcome::Unauthorized);
}

void TestApiClient::destroyingTheClientAbortsSilently()
{
    m_simulator->addJob(QStringLiteral("waiting"));
    bool called = false;
    m_client->listJobs(QStringLiteral("all"), [&called](const ListResult&) { called = true; });
    QCOMPARE(m_client->inFlightCount(), 1);
    delete m_client;
    m_client = nullptr;
    QTest::qWait(200);
    QVERIFY(!called);
}

void TestApiClient::redirectToAnotherOriginNeverCarriesTheKey()
{
    RawHttpServer elsewhere; // another port is another origin
    QVERIFY(elsewhere.start() != 0);
    RawHttpServer::Reply ok;
    ok.body = R"({"success":true,"jobs":[]})";
    elsewhere.setReply(ok);
    m_simulator->setRedirectTarget(QUrl(elsewhere.baseUrl()));
    const ListResult result = list();
    QCOMPARE(result.result.outcome, Outcome::NetworkError);
    QVERIFY2(result.result.message.contains(QLatin1String("redirected")), qPrintable(result.result.message));
    QTest::qWait(200);
    for (const QByteArray& request : elsewhere.requests())
        QVERIFY2(!request.toLower().contains("authorization"), request.constData());
    QVERIFY(elsewhere.requests().isEmpty());
}

QTEST_GUILESS_MAIN(TestApiClient)
#include "tst_apiclient.moc"
