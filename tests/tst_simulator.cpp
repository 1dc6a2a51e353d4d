// The simulator itself over real HTTP on loopback: whom it answers (Host), how much it takes (the
// queue's cap), paging deep into a large queue, the faults it injects for tests of client retries, the
// demo data a triage view needs, and what a million jobs cost.
#include "simulator/simulator.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QSet>
#include <QTcpSocket>
#include <QTest>
#include <QTimer>
#include <QUrlQuery>
#include <limits>

using namespace Alchemyst;

namespace {

const QString Token = QStringLiteral("sim-test-key");

struct Reply
{
    int status = 0;
    QJsonObject body;
    QByteArray retryAfter;
};

// Resident memory of this process in kB, from the kernel's own account.
qint64 residentKb()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray& line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

QStringList ids(const QJsonObject& body)
{
    QStringList list;
    for (const QJsonValue& job : body.value(QLatin1String("jobs")).toArray())
        list << job.toObject().value(QLatin1String("jobId")).toString();
    return list;
}

} // namespace

class TestSimulator : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void hostIsChecked_data();
    void hostIsChecked();
    void missingOrDoubledHostIsRefused();
    void misdirectedRequestsChangeNothing();
    void queueIsCapped();
    void pagesAtLargeOffsetsHoldTheRightJobs();
    void typedPagesFollowStateChanges();
    void injectedFaultsPassAfterTheirCount();
    void injectedRateLimitCarriesRetryAfter();
    void accountLimitIsSharedByEveryClient();
    void pageLatencyDelaysListsOnly();
    void pageLatencyOutlivesAnAbortedClient();
    void demoHasVariedFailuresAndStuckJobs();
    void millionJobs();

private:
    Reply send(const QByteArray& method, const QString& path, const QString& query = QString(),
               const QByteArray& host = QByteArray(), const QByteArray& body = QByteArray());
    Reply list(const QString& type, int offset, int limit);
    int rawStatus(const QByteArray& request);

    QNetworkAccessManager* m_manager = nullptr;
    Simulator* m_simulator = nullptr;
};

void TestSimulator::init()
{
    m_simulator = new Simulator(Simulator::Options::empty(Token), this);
    QVERIFY(m_simulator->listen() != 0);
    m_manager = new QNetworkAccessManager(this);
}

void TestSimulator::cleanup()
{
    delete m_manager;
    delete m_simulator;
}

Reply TestSimulator::send(const QByteArray& method, const QString& path, const QString& query,
                          const QByteArray& host, const QByteArray& body)
{
    QUrl url = m_simulator->baseUrl();
    url.setPath(path);
    url.setQuery(query);
    QNetworkRequest request(url);
    request.setRawHeader("Authorization", "Bearer " + Token.toUtf8());
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    if (!host.isEmpty())
        request.setRawHeader("Host", host);
    request.setTransferTimeout(30000);
    QNetworkReply* reply = m_manager->sendCustomRequest(request, method, body);
    // An event loop that ends with the reply, not QTest::qWaitFor: its 10 ms naps between polls would
    // be most of what a timed page measures.
    QEventLoop loop;
    connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(30000, &loop, &QEventLoop::quit);
    if (!reply->isFinished())
        loop.exec();
    if (!reply->isFinished())
        QTest::qFail("no answer in time", __FILE__, __LINE__);
    Reply result;
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    result.body = QJsonDocument::fromJson(reply->readAll()).object();
    result.retryAfter = reply->rawHeader("Retry-After");
    reply->deleteLater();
    return result;
}

Reply TestSimulator::list(const QString& type, int offset, int limit)
{
    return send("GET", QStringLiteral("/api/v1/context/add-async/status"),
                QStringLiteral("type=%1&limit=%2&offset=%3").arg(type).arg(limit).arg(offset));
}

// A request written byte for byte, for what QNetworkAccessManager will not send (no Host, two Hosts).
int TestSimulator::rawStatus(const QByteArray& request)
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, m_simulator->port());
    if (!socket.waitForConnected(10000))
        return -1;
    socket.write(request);
    QByteArray answer;
    const bool answered = QTest::qWaitFor(
        [&] {
            answer += socket.readAll();
            return answer.contains("\r\n\r\n") || socket.state() == QAbstractSocket::UnconnectedState;
        },
        10000);
    if (!answered)
        return -1;
    // "HTTP/1.1 421 Misdirected Request"
    return answer.split(' ').value(1).toInt();
}

void TestSimulator::hostIsChecked_data()
{
    QTest::addColumn<QString>("host"); // {port}: the simulator's port, {other}: another one
    QTest::addColumn<int>("status");
    QTest::newRow("127.0.0.1") << "127.0.0.1:{port}" << 200;
    QTest::newRow("localhost") << "localhost:{port}" << 200;
    QTest::newRow("LocalHost, any case") << "LocalHost:{port}" << 200;
    QTest::newRow("[::1]") << "[::1]:{port}" << 200;
    QTest::newRow("another name") << "evil.example:{port}" << 421;
    QTest::newRow("rebound name") << "attacker.example.com:{port}" << 421;
    QTest::newRow("loopback as a prefix") << "localhost.evil.example:{port}" << 421;
    QTest::newRow("another port") << "127.0.0.1:{other}" << 421;
    QTest::newRow("localhost, another port") << "localhost:{other}" << 421;
    QTest::newRow("no port") << "localhost" << 421;
    QTest::newRow("port with a suffix") << "127.0.0.1:{port}.evil.example" << 421;
    QTest::newRow("other loopback address") << "127.0.0.2:{port}" << 421;
}

void TestSimulator::hostIsChecked()
{
    QFETCH(QString, host);
    QFETCH(int, status);
    m_simulator->addJob(QStringLiteral("waiting"), QString(), QStringLiteral("w1"));
    const quint16 port = m_simulator->port();
    const QByteArray header =
        QString(host)
            .replace(QLatin1String("{port}"), QString::number(port))
            .replace(QLatin1String("{other}"), QString::number(port == 65535 ? 1 : port + 1))
            .toUtf8();

    const Reply listed =
        send("GET", QStringLiteral("/api/v1/context/add-async/status"), QStringLiteral("type=all"), header);
    QCOMPARE(listed.status, status);
    const Reply one = send("GET", QStringLiteral("/api/v1/context/add-async/w1/status"), QString(), header);
    QCOMPARE(one.status, status);
    const Reply missing = send("GET", QStringLiteral("/no/such/path"), QString(), header);
    QCOMPARE(missing.status, status == 200 ? 404 : 421);
    if (status == 421) {
        for (const Reply& reply : {listed, one, missing}) {
            QCOMPARE(reply.body.value(QLatin1String("success")), QJsonValue(false));
            QVERIFY(!reply.body.value(QLatin1String("message")).toString().isEmpty());
        }
    } else {
        QCOMPARE(ids(listed.body), QStringList{QStringLiteral("w1")});
    }
}

void TestSimulator::missingOrDoubledHostIsRefused()
{
    const QByteArray port = QByteArray::number(m_simulator->port());
    const QByteArray head = "GET /api/v1/context/add-async/status HTTP/1.1\r\n"
                            "Authorization: Bearer " +
                            Token.toUtf8() + "\r\nConnection: close\r\n";
    QCOMPARE(rawStatus(head + "Host: 127.0.0.1:" + port + "\r\n\r\n"), 200);
    QCOMPARE(rawStatus(head + "\r\n"), 421);
    QCOMPARE(rawStatus(head + "Host: \r\n\r\n"), 421);
    QCOMPARE(rawStatus(head + "Host: 127.0.0.1:" + port + "\r\nHost: evil.example:" + port + "\r\n\r\n"),
             421);
}

void TestSimulator::misdirectedRequestsChangeNothing()
{
    m_simulator->addJob(QStringLiteral("waiting"), QString(), QStringLiteral("keep-me"));
    const QByteArray evil = "evil.example:" + QByteArray::number(m_simulator->port());
    QCOMPARE(
        send("DELETE", QStringLiteral("/api/v1/context/add-async/keep-me/cancel"), QString(), evil).status,
        421);
    QCOMPARE(m_simulator->jobState(QStringLiteral("keep-me")), QStringLiteral("waiting"));
    const QByteArray job = R"({"documents":[{"content":"x"}],"source":"t","context_type":"resource"})";
    QCOMPARE(send("POST", QStringLiteral("/api/v1/context/add-async"), QString(), evil, job).status, 421);
    QCOMPARE(m_simulator->jobCount(), 1);
    // The same requests, named right, do their work.
    QCOMPARE(send("DELETE", QStringLiteral("/api/v1/context/add-async/keep-me/cancel")).status, 200);
    QCOMPARE(send("POST", QStringLiteral("/api/v1/context/add-async"), QString(), QByteArray(), job).status,
             201);
    QCOMPARE(m_simulator->jobCount(), 2);
}

void TestSimulator::queueIsCapped()
{
    m_simulator->setMaxJobs(3);
    m_simulator->addJob(QStringLiteral("waiting"));
    m_simulator->addJob(QStringLiteral("completed"));
    const QByteArray job = R"({"documents":[{"content":"x"}],"source":"t","context_type":"resource",)"
                           R"("scope":"internal","metadata":{"fileName":"third.txt"}})";
    const Reply third =
        send("POST", QStringLiteral("/api/v1/context/add-async"), QString(), QByteArray(), job);
    QCOMPARE(third.status, 201);
    const QString id = third.body.value(QLatin1String("jobId")).toString();
    QCOMPARE(m_simulator->jobState(id), QStringLiteral("waiting"));

    const Reply full =
        send("POST", QStringLiteral("/api/v1/context/add-async"), QString(), QByteArray(), job);
    QCOMPARE(full.status, 429);
    QVERIFY(!full.retryAfter.isEmpty());
    QCOMPARE(full.body.value(QLatin1String("success")), QJsonValue(false));
    QCOMPARE(full.body.value(QLatin1String("status")).toInt(), 429);
    QVERIFY(full.body.value(QLatin1String("message")).toString().contains(QLatin1String("full")));
    QCOMPARE(m_simulator->jobCount(), 3);

    // The queued request is what the list shows as the job's data, less its documents (newest first).
    const Reply listed = list(QStringLiteral("all"), 0, 10);
    const QJsonObject data = listed.body.value(QLatin1String("jobs"))
                                 .toArray()
                                 .at(0)
                                 .toObject()
                                 .value(QLatin1String("data"))
                                 .toObject();
    QCOMPARE(data.value(QLatin1String("metadata")).toObject().value(QLatin1String("fileName")).toString(),
             QStringLiteral("third.txt"));
    QVERIFY(!data.contains(QLatin1String("documents")));

    // Room again once a job is gone.
    m_simulator->removeJob(id);
    QCOMPARE(send("POST", QStringLiteral("/api/v1/context/add-async"), QString(), QByteArray(), job).status,
             201);
}

// Jobs j0..j(n-1) cycle through completed, failed, waiting, active: the k-th job of a state is known.
void TestSimulator::pagesAtLargeOffsetsHoldTheRightJobs()
{
    const QStringList states = {QStringLiteral("completed"), QStringLiteral("failed"),
                                QStringLiteral("waiting"), QStringLiteral("active")};
    const int count = 200000;
    for (int i = 0; i < count; ++i)
        m_simulator->addJob(states.at(i % 4), QString(), QStringLiteral("j%1").arg(i));
    QCOMPARE(m_simulator->jobCount(), count);

    // Newest first: position p of all is the job created count-1-p, of a state its (n-1-p)-th.
    QStringList expected;
    for (int i = 999; i >= 0; --i)
        expected << QStringLiteral("j%1").arg(i);
    QCOMPARE(ids(list(QStringLiteral("all"), 199000, 1000).body), expected);
    QCOMPARE(ids(list(QStringLiteral("all"), 199995, 1000).body), expected.mid(995));
    QVERIFY(ids(list(QStringLiteral("all"), count, 1000).body).isEmpty());

    expected.clear();
    for (int k = 999; k > 989; --k)
        expected << QStringLiteral("j%1").arg(4 * k + 1);
    const Reply failed = list(QStringLiteral("failed"), 49000, 10);
    QCOMPARE(ids(failed.body), expected);
    for (const QJsonValue& job : failed.body.value(QLatin1String("jobs")).toArray()) {
        QCOMPARE(job.toObject().value(QLatin1String("status")).toString(), QStringLiteral("failed"));
        QVERIFY(!job.toObject().value(QLatin1String("failedReason")).toString().isEmpty());
    }
    QCOMPARE(ids(list(QStringLiteral("active"), count / 4 - 2, 100).body),
             (QStringList{QStringLiteral("j7"), QStringLiteral("j3")}));
    // A state with no list of its own, and a type nobody has.
    QCOMPARE(ids(list(QStringLiteral("waiting"), 1, 2).body),
             (QStringList{QStringLiteral("j%1").arg(count - 6), QStringLiteral("j%1").arg(count - 10)}));
    QVERIFY(ids(list(QStringLiteral("paused"), 0, 10).body).isEmpty());
}

void TestSimulator::typedPagesFollowStateChanges()
{
    const QStringList states = {QStringLiteral("completed"), QStringLiteral("failed"),
                                QStringLiteral("waiting"), QStringLiteral("active")};
    for (int i = 0; i < 40; ++i)
        m_simulator->addJob(states.at(i % 4), QString(), QStringLiteral("j%1").arg(i));

    // A job that changes state goes to the front of the new state's list: it entered it last.
    m_simulator->setJobState(QStringLiteral("j8"), QStringLiteral("failed"));
    QCOMPARE(ids(list(QStringLiteral("failed"), 0, 4).body),
             (QStringList{QStringLiteral("j8"), QStringLiteral("j37"), QStringLiteral("j33"),
                          QStringLiteral("j29")}));
    QCOMPARE(ids(list(QStringLiteral("completed"), 0, 3).body),
             (QStringList{QStringLiteral("j36"), QStringLiteral("j32"), QStringLiteral("j28")}));

    // Cancelling over HTTP moves the job out of waiting; removing a job closes the gap.
    QCOMPARE(send("DELETE", QStringLiteral("/api/v1/context/add-async/j2/cancel")).status, 200);
    QCOMPARE(ids(list(QStringLiteral("waiting"), 0, 2).body),
             (QStringList{QStringLiteral("j38"), QStringLiteral("j34")}));
    QCOMPARE(ids(list(QStringLiteral("waiting"), 8, 2).body), QStringList{QStringLiteral("j6")});
    QCOMPARE(list(QStringLiteral("all"), 37, 1)
                 .body.value(QLatin1String("jobs"))
                 .toArray()
                 .at(0)
                 .toObject()
                 .value(QLatin1String("status")),
             QJsonValue(QStringLiteral("cancelled")));
    m_simulator->removeJob(QStringLiteral("j1"));
    QCOMPARE(ids(list(QStringLiteral("failed"), 8, 5).body),
             (QStringList{QStringLiteral("j9"), QStringLiteral("j5")}));
    QCOMPARE(ids(list(QStringLiteral("all"), 36, 5).body),
             (QStringList{QStringLiteral("j3"), QStringLiteral("j2"), QStringLiteral("j0")}));

    // Re-adding an id replaces the job; it is then the newest.
    m_simulator->addJob(QStringLiteral("failed"), QString(), QStringLiteral("j5"));
    QCOMPARE(ids(list(QStringLiteral("failed"), 0, 2).body),
             (QStringList{QStringLiteral("j5"), QStringLiteral("j8")}));
    QCOMPARE(ids(list(QStringLiteral("failed"), 8, 5).body),
             (QStringList{QStringLiteral("j13"), QStringLiteral("j9")}));
    QCOMPARE(ids(list(QStringLiteral("all"), 0, 1).body), QStringList{QStringLiteral("j5")});
}

void TestSimulator::injectedFaultsPassAfterTheirCount()
{
    for (int i = 0; i < 150; ++i)
        m_simulator->addJob(QStringLiteral("completed"));
    m_simulator->injectListFault(100, 503, 2);
    const int before = m_simulator->listRequestCount();

    for (int attempt = 0; attempt < 2; ++attempt) {
        const Reply faulty = list(QStringLiteral("all"), 100, 100);
        QCOMPARE(faulty.status, 503);
        QCOMPARE(faulty.body.value(QLatin1String("success")), QJsonValue(false));
        QVERIFY(faulty.body.value(QLatin1String("message")).isString());
        QVERIFY(faulty.body.value(QLatin1String("error")).isString()); // the list's 500 shape
        QVERIFY(faulty.retryAfter.isEmpty());
        // Other offsets are not affected.
        QCOMPARE(list(QStringLiteral("all"), 0, 100).status, 200);
    }
    const Reply healed = list(QStringLiteral("all"), 100, 100);
    QCOMPARE(healed.status, 200);
    QCOMPARE(ids(healed.body).size(), 50);
    QCOMPARE(m_simulator->listRequestCount() - before, 5);
    QCOMPARE(list(QStringLiteral("all"), 100, 100).status, 200);
    QCOMPARE(m_simulator->listRequestCount() - before, 6);
}

void TestSimulator::injectedRateLimitCarriesRetryAfter()
{
    m_simulator->addJob(QStringLiteral("completed"));
    m_simulator->injectListFault(0, 429, 1, "7");
    const Reply limited = list(QStringLiteral("all"), 0, 100);
    QCOMPARE(limited.status, 429);
    QCOMPARE(limited.retryAfter, QByteArray("7"));
    QCOMPARE(limited.body.value(QLatin1String("success")), QJsonValue(false));
    QCOMPARE(limited.body.value(QLatin1String("status")).toInt(), 429);
    QVERIFY(!limited.body.value(QLatin1String("message")).toString().isEmpty());
    const Reply after = list(QStringLiteral("all"), 0, 100);
    QCOMPARE(after.status, 200);
    QCOMPARE(ids(after.body).size(), 1);

    // The auth codes answer the list's bare {success:false}.
    m_simulator->injectListFault(0, 401, 1);
    const Reply unauthorized = list(QStringLiteral("all"), 0, 100);
    QCOMPARE(unauthorized.status, 401);
    QCOMPARE(unauthorized.body, (QJsonObject{{QStringLiteral("success"), false}}));
}

void TestSimulator::accountLimitIsSharedByEveryClient()
{
    m_simulator->addJob(QStringLiteral("waiting"));
    m_simulator->setAccountLimit(5);
    // Two "clients" (two managers) spend one account: five answers in all, then 429 with Retry-After.
    QNetworkAccessManager* first = m_manager;
    auto* second = new QNetworkAccessManager(this);
    for (int i = 0; i < 5; ++i) {
        m_manager = i % 2 ? second : first;
        QCOMPARE(list(QStringLiteral("all"), 0, 10).status, 200);
    }
    m_manager = second;
    const Reply limited = list(QStringLiteral("all"), 0, 10);
    m_manager = first;
    QCOMPARE(limited.status, 429);
    const int retryAfter = limited.retryAfter.toInt();
    QVERIFY2(retryAfter >= 1 && retryAfter <= 60, limited.retryAfter.constData());
    QVERIFY(limited.body.value(QLatin1String("message")).toString().contains(QLatin1String("limit")));
    QCOMPARE(list(QStringLiteral("all"), 0, 10).status, 429);
    QCOMPARE(m_simulator->accountLimitedCount(), 2);
    delete second;
}

void TestSimulator::pageLatencyDelaysListsOnly()
{
    const QString id = m_simulator->addJob(QStringLiteral("waiting"));
    for (int i = 0; i < 20; ++i)
        m_simulator->addJob(QStringLiteral("completed"));
    m_simulator->setPageLatencyMs(300);
    QElapsedTimer clock;
    clock.start();
    const Reply page = list(QStringLiteral("all"), 0, 10);
    QCOMPARE(page.status, 200);
    QCOMPARE(ids(page.body).size(), 10);
    QVERIFY2(clock.elapsed() >= 290, qPrintable(QString::number(clock.elapsed())));

    // Deferred, not slept: a list request waiting for its answer holds up no one. A second client's job
    // status is answered at once, and its own list comes the latency after it asked, not after the first.
    QUrl url = m_simulator->baseUrl();
    url.setPath(QStringLiteral("/api/v1/context/add-async/status"));
    url.setQuery(QStringLiteral("type=all&limit=10&offset=10"));
    QNetworkRequest request(url);
    request.setRawHeader("Authorization", "Bearer " + Token.toUtf8());
    QNetworkAccessManager other;
    clock.restart();
    QNetworkReply* slow = other.get(request);
    QTest::qWait(100);
    QElapsedTimer statusClock;
    statusClock.start();
    const Reply status = send("GET", QStringLiteral("/api/v1/context/add-async/%1/status").arg(id));
    QCOMPARE(status.status, 200);
    QVERIFY2(statusClock.elapsed() < 150, qPrintable(QString::number(statusClock.elapsed())));
    QVERIFY(!slow->isFinished());
    QTRY_VERIFY_WITH_TIMEOUT(slow->isFinished(), 5000);
    QVERIFY2(clock.elapsed() >= 290, qPrintable(QString::number(clock.elapsed())));
    QCOMPARE(slow->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    QCOMPARE(ids(QJsonDocument::fromJson(slow->readAll()).object()).size(), 10);
    delete slow;

    m_simulator->setPageLatencyMs(0);
    clock.restart();
    QCOMPARE(list(QStringLiteral("all"), 0, 10).status, 200);
    QVERIFY2(clock.elapsed() < 250, qPrintable(QString::number(clock.elapsed())));
}

void TestSimulator::pageLatencyOutlivesAnAbortedClient()
{
    for (int i = 0; i < 5; ++i)
        m_simulator->addJob(QStringLiteral("waiting"));
    m_simulator->setPageLatencyMs(200);
    QUrl url = m_simulator->baseUrl();
    url.setPath(QStringLiteral("/api/v1/context/add-async/status"));
    url.setQuery(QStringLiteral("type=all&limit=10&offset=0"));
    QNetworkRequest request(url);
    request.setRawHeader("Authorization", "Bearer " + Token.toUtf8());
    {
        // A client that gives up (a page read ahead and not wanted) and closes its connection: its answer
        // is dropped when due, and the simulator goes on serving.
        QNetworkAccessManager gone;
        QNetworkReply* reply = gone.get(request);
        QTRY_COMPARE(m_simulator->listRequestCount(), 1);
        reply->abort();
        delete reply;
    }
    QTRY_COMPARE_WITH_TIMEOUT(m_simulator->listAnswersDropped(), 1, 5000);
    const Reply page = list(QStringLiteral("all"), 0, 10);
    QCOMPARE(page.status, 200);
    QCOMPARE(ids(page.body).size(), 5);
    QCOMPARE(m_simulator->listAnswersDropped(), 1);
}

void TestSimulator::demoHasVariedFailuresAndStuckJobs()
{
    delete m_simulator;
    Simulator::Options options;
    options.token = Token;
    options.live = false;
    options.initialJobs = 600;
    m_simulator = new Simulator(options, this);
    QVERIFY(m_simulator->listen() != 0);

    const Reply failed = list(QStringLiteral("failed"), 0, 1000);
    QSet<QString> reasons;
    QSet<QString> shapes; // the reason with its numbers taken out
    static const QRegularExpression numbers(QStringLiteral("\\d+"));
    static const QRegularExpression tooLarge(
        QStringLiteral("^Document \\d+ exceeds the 25 MB limit \\(\\d+ MB\\)$"));
    int tooLargeCount = 0;
    for (const QJsonValue& job : failed.body.value(QLatin1String("jobs")).toArray()) {
        const QString reason = job.toObject().value(QLatin1String("failedReason")).toString();
        QVERIFY(!reason.isEmpty());
        reasons << reason;
        shapes << QString(reason).replace(numbers, QStringLiteral("N"));
        if (tooLarge.match(reason).hasMatch())
            ++tooLargeCount;
    }
    QVERIFY2(shapes.size() >= 5, qPrintable(QStringList(shapes.values()).join(QLatin1Char('\n'))));
    QVERIFY(reasons.size() > shapes.size() + 5); // many differ only in their numbers
    QVERIFY(tooLargeCount >= 2);

    auto stuck = [this] {
        QStringList found;
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        for (const QJsonValue& value :
             list(QStringLiteral("active"), 0, 100).body.value(QLatin1String("jobs")).toArray()) {
            const QJsonObject job = value.toObject();
            const qint64 running =
                now - static_cast<qint64>(job.value(QLatin1String("processedOn")).toDouble());
            if (running >= 20 * 60 * 1000 && running <= 91 * 60 * 1000)
                found << job.value(QLatin1String("jobId")).toString();
        }
        return found;
    };
    const QStringList before = stuck();
    QVERIFY(before.size() >= 3);
    // The life cycle goes on around them; they stay active and leave the workers to the rest.
    for (int i = 0; i < 5; ++i)
        m_simulator->advance();
    QCOMPARE(stuck(), before);
    const int active = ids(list(QStringLiteral("active"), 0, 100).body).size();
    QVERIFY(active <= before.size() + options.maxActive);
    QVERIFY(active > before.size()); // workers picked up waiting jobs
}

// What a million jobs cost: printed, and held to loose bounds so that a busy machine does not fail it.
void TestSimulator::millionJobs()
{
    delete m_simulator;
    Simulator::Options options;
    options.token = Token;
    options.live = false;
    options.initialJobs = 1000000;
    options.retainFinished = options.initialJobs;
    const qint64 rssBefore = residentKb();
    QElapsedTimer timer;
    timer.start();
    m_simulator = new Simulator(options, this);
    const qint64 seedMs = timer.elapsed();
    const qint64 rssAfter = residentKb();
    QVERIFY(m_simulator->listen() != 0);
    QVERIFY(m_simulator->jobCount() >= 1000000);

    // The best of a few tries: what a page costs, not what a busy machine made of one of them.
    auto timedPage = [this](const QString& type, int offset, qint64* ms) {
        Reply reply;
        *ms = std::numeric_limits<qint64>::max();
        for (int attempt = 0; attempt < 5; ++attempt) {
            QElapsedTimer clock;
            clock.start();
            reply = list(type, offset, 1000);
            *ms = qMin(*ms, clock.elapsed());
        }
        return reply;
    };
    qint64 firstMs = 0;
    qint64 deepMs = 0;
    qint64 typedMs = 0;
    const Reply first = timedPage(QStringLiteral("all"), 0, &firstMs);
    const Reply deep = timedPage(QStringLiteral("all"), 999000, &deepMs);
    const Reply typed = timedPage(QStringLiteral("completed"), 600000, &typedMs);
    qInfo("1M jobs: seeded in %lld ms; RSS %lld MB before, %lld MB after; page of 1000 at offset 0: %lld ms, "
          "at 999000: %lld ms, completed at 600000: %lld ms",
          seedMs, rssBefore / 1024, rssAfter / 1024, firstMs, deepMs, typedMs);

    QCOMPARE(ids(first.body).size(), 1000);
    const QStringList deepIds = ids(deep.body);
    QCOMPARE(deepIds.size(), 1000);
    QCOMPARE(ids(list(QStringLiteral("all"), 999500, 10).body), deepIds.mid(500, 10));
    QCOMPARE(QSet<QString>(deepIds.cbegin(), deepIds.cend()).size(), 1000);
    QCOMPARE(ids(typed.body).size(), 1000);
    for (const QJsonValue& job : typed.body.value(QLatin1String("jobs")).toArray())
        QCOMPARE(job.toObject().value(QLatin1String("status")).toString(), QStringLiteral("completed"));

    QVERIFY2(seedMs < 20000, "seeding a million jobs takes seconds, not tens of them");
    QVERIFY2(rssAfter - rssBefore < 600 * 1024, "a million jobs fit in less than 600 MB");
    QVERIFY2(deepMs < 2000, "a deep page costs what a first page costs");
}

QTEST_GUILESS_MAIN(TestSimulator)
#include "tst_simulator.moc"
