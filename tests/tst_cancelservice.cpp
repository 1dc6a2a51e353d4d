// CancelService, the one door for cancels, over real HTTP: the rule of whether a job may be cancelled now,
// the journal written ahead of every DELETE (and nothing sent when it cannot be), cancels paced within the
// account budget and spread over it, a 429 that pauses the whole batch, a 401 that stops it, answers that
// must confirm the cancel of the job asked for, a session replaced while a cancel is on its way, and a
// batch's rows older than the refresh interval checked first, within the budget of its DELETEs.
#include "api/apiclient.h"
#include "api/requestpacer.h"
#include "core/cancelservice.h"
#include "core/jobmonitor.h"
#include "core/jobsession.h"
#include "core/journal.h"
#include "jobs/jobmodel.h"
#include "rawhttpserver.h"
#include "simulator/simulator.h"
#include "waitfor.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Alchemyst;

namespace {
const QString Key = QStringLiteral("test-key");

QByteArray confirmed()
{
    return R"({"success":true,"status":"cancelled","message":"Job cancelled successfully"})";
}
} // namespace

class TestCancelService : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void whyNotIsTheOneRule();
    void singleCancelIsJournaledAheadAndAfter();
    void sendingLineIsOnDiskBeforeTheAnswer();
    void unwritableJournalSendsNothing();
    void cancelsArePacedWithinTheAccountBudget();
    void aRateLimitMidBatchPausesTheWholeBatch();
    void anUnauthorizedAnswerStopsTheBatch();
    void answerMustConfirmTheCancelOfThatJob();
    void idsNoRequestCanCarryAreNotSentAndSaySo();
    void replacedSessionStillJournalsItsCancelInFlight();
    void staleRowsOfABatchAreCheckedInItsBudget();

private:
    CancelService* makeService(const QUrl& server, const QString& key = Key);
    QList<JournalEntry> attempts() const { return Journal(m_journalPath).attempts(); }
    QList<JournalEntry> lines() const { return Journal(m_journalPath).read(); }

    QNetworkAccessManager* m_manager = nullptr;
    Simulator* m_simulator = nullptr;
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_journalPath;
};

void TestCancelService::init()
{
    m_simulator = new Simulator(Simulator::Options::empty(Key), this);
    QVERIFY(m_simulator->listen() != 0);
    m_manager = new QNetworkAccessManager(this);
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_journalPath = m_dir->filePath(QStringLiteral("data/cancel-journal.jsonl"));
}

void TestCancelService::cleanup()
{
    delete m_simulator;
    m_simulator = nullptr;
    delete m_manager;
    m_manager = nullptr;
    m_dir.reset();
}

CancelService* TestCancelService::makeService(const QUrl& server, const QString& key)
{
    auto* service = new CancelService(m_manager, CancelOrigin::Cli, m_manager);
    service->setTarget(QStringLiteral("staging"), server);
    service->setApiKey(key);
    service->setJournal(Journal(m_journalPath));
    return service;
}

void TestCancelService::whyNotIsTheOneRule()
{
    CancelService* service = makeService(m_simulator->baseUrl());
    QHash<QString, Job> jobs;
    for (const auto& [id, state] : {std::pair{"1", "waiting"},
                                    {"2", "active"},
                                    {"3", "completed"},
                                    {"4", "delayed"},
                                    {"5", "prioritized"}}) {
        Job job;
        job.id = QString::fromLatin1(id);
        job.state = QString::fromLatin1(state);
        jobs.insert(job.id, job);
    }
    service->setJobLookup([&jobs](const QString& id) -> std::optional<Job> {
        if (!jobs.contains(id))
            return std::nullopt;
        return jobs.value(id);
    });
    QVERIFY(service->whyNot(QStringLiteral("1")).isEmpty());
    QVERIFY(service->whyNot(QStringLiteral("4")).isEmpty());
    QVERIFY(service->whyNot(QStringLiteral("2")).contains(QLatin1String("running")));
    QVERIFY(service->whyNot(QStringLiteral("3")).contains(QLatin1String("completed")));
    QVERIFY(service->whyNot(QStringLiteral("5")).contains(QLatin1String("prioritized")));
    QVERIFY(service->whyNot(QStringLiteral("99")).contains(QLatin1String("not in the list")));
    service->setReadOnly(true);
    QVERIFY(service->whyNot(QStringLiteral("1")).contains(QLatin1String("read-only")));
    QVERIFY(!service->cancel(QStringLiteral("1")));
    service->setReadOnly(false);
    service->setApiKey(QString());
    QVERIFY(service->whyNot(QStringLiteral("1")).contains(QLatin1String("API key")));
    service->setApiKey(Key);

    // In flight: a server that never answers keeps the job's cancel on its way.
    RawHttpServer silent;
    QVERIFY(silent.start() != 0);
    RawHttpServer::Reply never;
    never.neverAnswer = true;
    silent.setReply(never);
    service->setTarget(QStringLiteral("staging"), QUrl(silent.baseUrl()));
    QVERIFY(service->cancel(QStringLiteral("1")));
    QVERIFY(service->isInFlight(QStringLiteral("1")));
    QVERIFY(service->whyNot(QStringLiteral("1")).contains(QLatin1String("already on its way")));
    QVERIFY(!service->cancel(QStringLiteral("1"))); // one cancel per job at a time
    QTRY_COMPARE(silent.countOf("DELETE"), 1);
    service->stopAll();
    delete service; // the silent answer is abandoned: the "sending" line stays, read as unanswered
    const QList<JournalEntry> recorded = attempts();
    QCOMPARE(recorded.size(), 1);
    QCOMPARE(recorded.first().outcome, unansweredOutcomeName());
}

void TestCancelService::singleCancelIsJournaledAheadAndAfter()
{
    const QString id = m_simulator->addJob(QStringLiteral("waiting"), QStringLiteral("a.pdf"));
    CancelService* service = makeService(m_simulator->baseUrl());
    Job job;
    job.id = id;
    job.state = QStringLiteral("waiting");
    service->setJobLookup([job](const QString&) { return std::optional<Job>(job); });
    QSignalSpy settled(service, &CancelService::jobSettled);
    CancelBatch* batch = service->cancel(id);
    QVERIFY(batch);
    QTRY_COMPARE(settled.size(), 1);
    QTRY_VERIFY(batch->isFinished());
    const QList<JournalEntry> raw = lines();
    QCOMPARE(raw.size(), 2);
    QCOMPARE(raw.at(0).outcome, sendingOutcomeName());
    QCOMPARE(raw.at(1).outcome, QStringLiteral("cancelled"));
    QVERIFY(!raw.at(0).attempt.isEmpty());
    QCOMPARE(raw.at(1).attempt, raw.at(0).attempt);
    QCOMPARE(raw.at(0).stateBefore, QStringLiteral("waiting"));
    const QList<JournalEntry> one = attempts();
    QCOMPARE(one.size(), 1);
    QCOMPARE(one.first().outcome, QStringLiteral("cancelled"));
    QCOMPARE(one.first().httpStatus, 200);
    QCOMPARE(m_simulator->jobState(id), QStringLiteral("cancelled"));
}

void TestCancelService::sendingLineIsOnDiskBeforeTheAnswer()
{
    // The regression: a cancel the server received while its answer was pending left no trace when the
    // process died (SIGKILL, Ctrl+C) or the window switched environment.
    RawHttpServer silent;
    QVERIFY(silent.start() != 0);
    RawHttpServer::Reply never;
    never.neverAnswer = true;
    silent.setReply(never);
    CancelService* service = makeService(QUrl(silent.baseUrl()));
    CancelBatch* batch = service->startIds({QStringLiteral("42")});
    QVERIFY(batch);
    QTRY_COMPARE(silent.countOf("DELETE"), 1);
    const QList<JournalEntry> raw = lines();
    QCOMPARE(raw.size(), 1);
    QCOMPARE(raw.first().jobId, QStringLiteral("42"));
    QCOMPARE(raw.first().outcome, sendingOutcomeName());
    QCOMPARE(attempts().first().outcome, unansweredOutcomeName());
    delete service;
}

void TestCancelService::unwritableJournalSendsNothing()
{
    const QString id = m_simulator->addJob(QStringLiteral("waiting"));
    // The journal's folder is a file: the "sending" line cannot be written, so nothing may go out.
    QFile blocker(m_dir->filePath(QStringLiteral("data")));
    QVERIFY(blocker.open(QIODevice::WriteOnly));
    blocker.close();
    CancelService* service = makeService(m_simulator->baseUrl());
    QSignalSpy failed(service, &CancelService::journalFailed);
    const int before = m_simulator->requestCount();
    CancelBatch* batch = service->startIds({id, QStringLiteral("other")});
    QTRY_VERIFY(batch->isFinished());
    QCOMPARE(m_simulator->requestCount(), before);
    QCOMPARE(m_simulator->jobState(id), QStringLiteral("waiting"));
    QVERIFY(failed.size() >= 1);
    for (const ReceiptLine& line : batch->receipt()) {
        QCOMPARE(line.kind, ReceiptLine::Kind::NotSent);
        QVERIFY2(line.message.contains(QLatin1String("journal")), qPrintable(line.message));
    }
    QVERIFY(!batch->stopReason().isEmpty());
    QVERIFY(batch->exitCode() != 0);
}

void TestCancelService::cancelsArePacedWithinTheAccountBudget()
{
    QStringList ids;
    for (int i = 0; i < 5; ++i)
        ids.append(m_simulator->addJob(QStringLiteral("waiting")));
    // 120 a minute: one every 500 ms, spread, never a burst of five.
    RequestPacer account(120, 60 * 1000);
    CancelService* service = makeService(m_simulator->baseUrl());
    service->setAccountPacer(&account);
    QList<qint64> sentAt;
    QElapsedTimer clock;
    clock.start();
    connect(service->client(), &ApiClient::requestSent, this, [&](const QByteArray& verb, const QUrl&) {
        if (verb == "DELETE")
            sentAt.append(clock.elapsed());
    });
    CancelBatch* batch = service->startIds(ids);
    QTRY_VERIFY_WITH_TIMEOUT(batch->isFinished(), 10000);
    QCOMPARE(sentAt.size(), 5);
    for (qsizetype i = 1; i < sentAt.size(); ++i)
        QVERIFY2(sentAt.at(i) - sentAt.at(i - 1) >= 450,
                 qPrintable(QStringLiteral("cancel %1 went %2 ms after the one before")
                                .arg(i)
                                .arg(sentAt.at(i) - sentAt.at(i - 1))));
    QCOMPARE(account.recentCount(), 5); // they count in the account's budget, shared with the reads
    QCOMPARE(batch->exitCode(), 0);
}

void TestCancelService::aRateLimitMidBatchPausesTheWholeBatch()
{
    RawHttpServer server;
    QVERIFY(server.start() != 0);
    RawHttpServer::Reply ok;
    ok.body = confirmed();
    RawHttpServer::Reply limited;
    limited.status = 429;
    limited.body = R"({"error":"Too many requests"})";
    limited.headers = {{"Retry-After", "2"}};
    server.setReplies({ok, ok, ok, ok, limited, ok});
    CancelService* service = makeService(QUrl(server.baseUrl()));
    QSignalSpy paused(service, &CancelService::paused);
    QStringList ids;
    for (int i = 1; i <= 12; ++i)
        ids.append(QString::number(i));
    QElapsedTimer clock;
    clock.start();
    CancelBatch* batch = service->startIds(ids);
    QTRY_VERIFY_WITH_TIMEOUT(batch->isFinished(), 15000);
    QVERIFY2(clock.elapsed() >= 1900, "the batch did not wait as the server asked");
    QCOMPARE(paused.size(), 1);
    QCOMPARE(paused.first().at(0).toInt(), 2);
    QVERIFY(paused.first().at(1).toString().contains(QLatin1String("Paused by the server")));
    int limitedLines = 0;
    int cancelled = 0;
    for (const ReceiptLine& line : batch->receipt()) {
        limitedLines += line.outcome == Outcome::RateLimited ? 1 : 0;
        cancelled += line.outcome == Outcome::Cancelled ? 1 : 0;
    }
    QCOMPARE(limitedLines, 1); // answered 429 and not retried; the others waited and went through
    QCOMPARE(cancelled, 11);
    QCOMPARE(server.countOf("DELETE"), 12);
}

void TestCancelService::anUnauthorizedAnswerStopsTheBatch()
{
    QStringList ids;
    for (int i = 0; i < 20; ++i)
        ids.append(m_simulator->addJob(QStringLiteral("waiting")));
    CancelService* service = makeService(m_simulator->baseUrl(), QStringLiteral("wrong-key"));
    QSignalSpy rejected(service, &CancelService::keyRejected);
    int deletes = 0;
    connect(service->client(), &ApiClient::requestSent, this,
            [&deletes](const QByteArray& verb, const QUrl&) { deletes += verb == "DELETE" ? 1 : 0; });
    CancelBatch* batch = service->startIds(ids);
    QTRY_VERIFY(batch->isFinished());
    QVERIFY2(deletes <= CancelBatch::Concurrency, qPrintable(QString::number(deletes)));
    QCOMPARE(rejected.size(), 1);
    int notSent = 0;
    for (const ReceiptLine& line : batch->receipt()) {
        if (line.kind == ReceiptLine::Kind::NotSent) {
            ++notSent;
            QVERIFY(line.message.contains(QLatin1String("401")));
        }
    }
    QCOMPARE(notSent, 20 - deletes);
    // Every one of them is in the journal: the ones sent with their 401, the rest as not sent.
    QCOMPARE(attempts().size(), 20);
    QCOMPARE(batch->exitCode(), 5);
}

void TestCancelService::answerMustConfirmTheCancelOfThatJob()
{
    const QString id = QStringLiteral("17");
    QVERIFY(ApiClient::confirmsCancel(
        QJsonObject{{QStringLiteral("success"), true}, {QStringLiteral("jobId"), id}}, id));
    QVERIFY(
        ApiClient::confirmsCancel(QJsonObject{{QStringLiteral("status"), QStringLiteral("cancelled")}}, id));
    QVERIFY(ApiClient::confirmsCancel(
        QJsonObject{{QStringLiteral("success"), true}, {QStringLiteral("jobId"), 17}}, id));
    QVERIFY(!ApiClient::confirmsCancel(QJsonObject{}, id));
    QVERIFY(
        !ApiClient::confirmsCancel(QJsonObject{{QStringLiteral("success"), QStringLiteral("false")}}, id));
    QVERIFY(!ApiClient::confirmsCancel(QJsonObject{{QStringLiteral("success"), QStringLiteral("true")}}, id));
    QVERIFY(!ApiClient::confirmsCancel(
        QJsonObject{{QStringLiteral("success"), true}, {QStringLiteral("jobId"), QStringLiteral("18")}}, id));
    QVERIFY(!ApiClient::confirmsCancel(
        QJsonObject{{QStringLiteral("success"), true}, {QStringLiteral("status"), QStringLiteral("active")}},
        id));
    QVERIFY(!ApiClient::confirmsCancel(QJsonObject{{QStringLiteral("success"), false},
                                                   {QStringLiteral("status"), QStringLiteral("cancelled")}},
                                       id));

    // Over the wire: a 200 that names another job is not a cancel of this one.
    RawHttpServer server;
    QVERIFY(server.start() != 0);
    RawHttpServer::Reply other;
    other.body =
        R"({"success":true,"jobId":"18","status":"cancelled","message":"Job cancelled successfully"})";
    server.setReply(other);
    CancelService* service = makeService(QUrl(server.baseUrl()));
    CancelBatch* batch = service->startIds({id});
    QTRY_VERIFY(batch->isFinished());
    QCOMPARE(batch->receipt().first().outcome, Outcome::MalformedResponse);
    QVERIFY(batch->exitCode() != 0);
}

void TestCancelService::idsNoRequestCanCarryAreNotSentAndSaySo()
{
    QVERIFY(!ApiClient::jobIdProblem(QStringLiteral("a\uFFFDb")).isEmpty());
    QVERIFY(!ApiClient::jobIdProblem(QString(QChar(0)) + QStringLiteral("1")).isEmpty());
    QVERIFY(!ApiClient::jobIdProblem(QString()).isEmpty());
    QVERIFY(!ApiClient::jobIdProblem(QStringLiteral("..")).isEmpty());
    QVERIFY(ApiClient::jobIdProblem(QStringLiteral("12345")).isEmpty());

    CancelService* service = makeService(m_simulator->baseUrl());
    const int before = m_simulator->requestCount();
    CancelBatch* batch = service->startIds({QStringLiteral(".."), QStringLiteral(".")});
    QTRY_VERIFY(batch->isFinished());
    QCOMPARE(m_simulator->requestCount(), before);
    for (const ReceiptLine& line : batch->receipt()) {
        QCOMPARE(line.kind, ReceiptLine::Kind::NotSent);
        QVERIFY2(line.message.startsWith(QLatin1String("Not sent")), qPrintable(line.message));
        QVERIFY(!line.message.contains(QLatin1String("server rejected")));
    }
    // Not journaled as sent: nothing was.
    for (const JournalEntry& entry : lines())
        QVERIFY(entry.outcome != sendingOutcomeName());
}

void TestCancelService::replacedSessionStillJournalsItsCancelInFlight()
{
    // The regression: switching environment (or quitting) while a single cancel was in flight aborted it
    // with the monitor's requests and dropped the callback that would have written the journal line.
    RawHttpServer slow;
    QVERIFY(slow.start() != 0);
    RawHttpServer::Reply late;
    late.body = confirmed();
    slow.setReply(late);
    Environment environment{QStringLiteral("staging"), QUrl(slow.baseUrl()), false};
    auto* session = new JobSession(m_manager, environment, Journal(m_journalPath), CancelOrigin::Window);
    Job job;
    job.id = QStringLiteral("7");
    job.state = QStringLiteral("waiting");
    session->cancels()->setJobLookup([job](const QString&) { return std::optional<Job>(job); });
    session->cancels()->setApiKey(Key);
    QPointer<CancelService> service = session->cancels();
    QVERIFY(service->cancel(job.id));
    delete session;   // the operator switched environment
    QVERIFY(service); // handed over, still finishing its cancel
    QTRY_VERIFY(!service);
    const QList<JournalEntry> recorded = attempts();
    QCOMPARE(recorded.size(), 1);
    QCOMPARE(recorded.first().outcome, QStringLiteral("cancelled"));
    QCOMPARE(recorded.first().origin, QStringLiteral("window"));
}

void TestCancelService::staleRowsOfABatchAreCheckedInItsBudget()
{
    const QString fresh = m_simulator->addJob(QStringLiteral("waiting"));
    const QString staleMoved = m_simulator->addJob(QStringLiteral("waiting"));
    const QString staleStill = m_simulator->addJob(QStringLiteral("delayed"));
    QHash<QString, Job> shown; // the table as the operator saw it
    JobList selection;
    for (const QString& id : {fresh, staleMoved, staleStill}) {
        Job job;
        job.id = id;
        job.state = m_simulator->jobState(id);
        shown.insert(id, job);
        selection.append(job);
    }
    m_simulator->setJobState(staleMoved, QStringLiteral("active"));

    RequestPacer account(1000, 60 * 1000);
    CancelService* service = makeService(m_simulator->baseUrl());
    service->setAccountPacer(&account);
    service->setBatchBudget(120, 60 * 1000); // one request every 500 ms: checks and DELETEs alike
    service->setJobLookup([&shown](const QString& id) -> std::optional<Job> { return shown.value(id); });
    // One row refreshed a moment ago, the two others ten minutes ago; rows may be a minute old.
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    service->setRowFreshness([&](const QString& id) { return id == fresh ? now : now - 10 * 60 * 1000; },
                             [] { return qint64(60 * 1000); });
    QVERIFY(!service->rowNeedsCheck(fresh));
    QVERIFY(service->rowNeedsCheck(staleMoved));

    QStringList requests;
    QList<qint64> sentAt;
    QElapsedTimer clock;
    clock.start();
    connect(service->client(), &ApiClient::requestSent, this, [&](const QByteArray& verb, const QUrl& url) {
        requests.append(QString::fromLatin1(verb) + QLatin1Char(' ') + url.path());
        sentAt.append(clock.elapsed());
    });
    CancelBatch* batch = service->startBatch(selection);
    QVERIFY(batch);
    QTRY_VERIFY_WITH_TIMEOUT(batch->isFinished(), 10000);

    const QString status = QStringLiteral("GET /api/v1/context/add-async/%1/status");
    const QString cancel = QStringLiteral("DELETE /api/v1/context/add-async/%1/cancel");
    QCOMPARE(requests.count(status.arg(fresh)), 0); // fresh: sent without a check
    QCOMPARE(requests.count(cancel.arg(fresh)), 1);
    QCOMPARE(requests.count(status.arg(staleMoved)), 1);
    QCOMPARE(requests.count(cancel.arg(staleMoved)), 0); // now active: not sent
    QCOMPARE(requests.count(status.arg(staleStill)), 1);
    QCOMPARE(requests.count(cancel.arg(staleStill)), 1);
    QCOMPARE(requests.size(), 4);
    // The checks went through the batch's pacer like the DELETEs: spread, and counted in the account.
    for (qsizetype i = 1; i < sentAt.size(); ++i)
        QVERIFY2(sentAt.at(i) - sentAt.at(i - 1) >= 450,
                 qPrintable(QStringLiteral("%1 went %2 ms after the request before")
                                .arg(requests.at(i))
                                .arg(sentAt.at(i) - sentAt.at(i - 1))));
    QCOMPARE(account.recentCount(), 4);
    QCOMPARE(m_simulator->jobState(staleMoved), QStringLiteral("active"));
    QCOMPARE(m_simulator->jobState(staleStill), QStringLiteral("cancelled"));
    QCOMPARE(m_simulator->jobState(fresh), QStringLiteral("cancelled"));
    for (const ReceiptLine& line : batch->receipt()) {
        if (line.id == staleMoved)
            QCOMPARE(line.outcomeText(), QStringLiteral("Not sent: now active"));
        else
            QCOMPARE(line.outcomeName(), QStringLiteral("cancelled"));
    }
}

QTEST_GUILESS_MAIN(TestCancelService)
#include "tst_cancelservice.moc"
