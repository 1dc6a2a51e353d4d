// CancelService's doors beyond a plain cancel, over real HTTP to the simulator: a cancel held for Undo
// (nothing sent and nothing journaled when undone), the state check of a row older than the refresh
// interval (no DELETE when the job moved; its GET waits for the account's budget like the DELETE), and a
// read-only environment that refuses every cancel.
#include "api/apiclient.h"
#include "api/requestpacer.h"
#include "core/cancelservice.h"
#include "core/connection.h"
#include "core/journal.h"
#include "simulator/simulator.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QNetworkAccessManager>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Alchemyst;

namespace {
const QString Key = QStringLiteral("test-key");
}

class TestCancelUndo : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void undoSendsNothingAndJournalsNothing();
    void scheduledCancelGoesWhenItsTimeIsOver();
    void scheduledCancelAsksTheRuleAgain();
    void stopAllDropsScheduledCancels();
    void staleRowIsCheckedAndNotSentWhenItMoved();
    void staleRowStillAsShownIsSent();
    void staleRowCheckWaitsForTheAccountBudget();
    void freshRowIsSentWithoutACheck();
    void goneJobIsNotSent();
    void staleRule();
    void readOnlyRefusesEveryDoor();

private:
    CancelService* makeService();
    // The table as the window saw it.
    void show(const QString& id, const QString& state) { m_shown.insert(id, state); }

    QNetworkAccessManager* m_manager = nullptr;
    Simulator* m_simulator = nullptr;
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_journalPath;
    QHash<QString, QString> m_shown;
};

void TestCancelUndo::init()
{
    m_simulator = new Simulator(Simulator::Options::empty(Key), this);
    QVERIFY(m_simulator->listen() != 0);
    m_manager = new QNetworkAccessManager(this);
    m_dir = std::make_unique<QTemporaryDir>();
    m_journalPath = m_dir->filePath(QStringLiteral("journal.jsonl"));
    m_shown.clear();
}

void TestCancelUndo::cleanup()
{
    delete m_manager;
    m_manager = nullptr;
    delete m_simulator;
    m_simulator = nullptr;
    m_dir.reset();
}

CancelService* TestCancelUndo::makeService()
{
    auto* service = new CancelService(m_manager, CancelOrigin::Window, m_manager);
    service->setTarget(QStringLiteral("staging"), m_simulator->baseUrl());
    service->setApiKey(Key);
    service->setJournal(Journal(m_journalPath));
    service->setJobLookup([this](const QString& id) -> std::optional<Job> {
        if (!m_shown.contains(id))
            return std::nullopt;
        Job job;
        job.id = id;
        job.state = m_shown.value(id);
        return job;
    });
    return service;
}

void TestCancelUndo::undoSendsNothingAndJournalsNothing()
{
    const QString id = m_simulator->addJob(QStringLiteral("waiting"));
    show(id, QStringLiteral("waiting"));
    CancelService* service = makeService();
    QSignalSpy ended(service, &CancelService::scheduledCancelEnded);
    QSignalSpy started(service, &CancelService::batchStarted);
    QVERIFY(service->scheduleCancel(id, 300));
    QVERIFY(service->isScheduled(id));
    QVERIFY(service->isInFlight(id)); // no second cancel meanwhile
    QVERIFY(service->whyNot(id).contains(QLatin1String("undone")));
    QVERIFY(!service->scheduleCancel(id, 300));
    QVERIFY(service->scheduledRemainingMs(id) > 0);
    QVERIFY(service->undoScheduled(id));
    QVERIFY(!service->isScheduled(id));
    QVERIFY(service->whyNot(id).isEmpty());
    QCOMPARE(ended.count(), 1);
    QCOMPARE(ended.at(0).at(1).toBool(), false);
    // Absence cannot be waited for: the Undo time passes, and then some.
    QTest::qWait(500);
    QCOMPARE(m_simulator->requestCount(), 0);
    QCOMPARE(started.count(), 0);
    QCOMPARE(m_simulator->jobState(id), QStringLiteral("waiting"));
    QVERIFY(Journal(m_journalPath).read().isEmpty());
    QVERIFY(!service->undoScheduled(id)); // nothing left to undo
}

void TestCancelUndo::scheduledCancelGoesWhenItsTimeIsOver()
{
    const QString id = m_simulator->addJob(QStringLiteral("waiting"));
    show(id, QStringLiteral("waiting"));
    CancelService* service = makeService();
    QSignalSpy ended(service, &CancelService::scheduledCancelEnded);
    QSignalSpy settled(service, &CancelService::jobSettled);
    QVERIFY(service->scheduleCancel(id, 100));
    QCOMPARE(m_simulator->requestCount(), 0); // nothing before the time is over
    QTRY_COMPARE(settled.count(), 1);
    QCOMPARE(ended.count(), 1);
    QCOMPARE(ended.at(0).at(1).toBool(), true);
    QCOMPARE(m_simulator->jobState(id), QStringLiteral("cancelled"));
    const QList<JournalEntry> attempts = Journal(m_journalPath).attempts();
    QCOMPARE(attempts.size(), 1);
    QCOMPARE(attempts.constFirst().outcome, QStringLiteral("cancelled"));
}

void TestCancelUndo::scheduledCancelAsksTheRuleAgain()
{
    const QString id = m_simulator->addJob(QStringLiteral("waiting"));
    show(id, QStringLiteral("waiting"));
    CancelService* service = makeService();
    QSignalSpy refused(service, &CancelService::cancelRefused);
    QVERIFY(service->scheduleCancel(id, 100));
    show(id, QStringLiteral("active")); // a refresh during the Undo time saw it start
    QTRY_COMPARE(refused.count(), 1);
    QVERIFY2(refused.at(0).at(1).toString().contains(QLatin1String("running")),
             qPrintable(refused.at(0).at(1).toString()));
    QCOMPARE(m_simulator->requestCount(), 0);
    QVERIFY(Journal(m_journalPath).read().isEmpty());
}

void TestCancelUndo::stopAllDropsScheduledCancels()
{
    const QString id = m_simulator->addJob(QStringLiteral("waiting"));
    show(id, QStringLiteral("waiting"));
    CancelService* service = makeService();
    QVERIFY(service->scheduleCancel(id, 100));
    service->stopAll();
    QVERIFY(!service->isScheduled(id));
    QTest::qWait(300);
    QCOMPARE(m_simulator->requestCount(), 0);
}

void TestCancelUndo::staleRowIsCheckedAndNotSentWhenItMoved()
{
    const QString id = m_simulator->addJob(QStringLiteral("waiting"));
    show(id, QStringLiteral("waiting"));
    m_simulator->setJobState(id, QStringLiteral("active")); // it started after the row was refreshed
    CancelService* service = makeService();
    const qint64 refreshed = QDateTime::currentMSecsSinceEpoch() - 60'000;
    service->setRowFreshness([refreshed](const QString&) { return refreshed; },
                             [] { return qint64(10'000); });
    QSignalSpy refused(service, &CancelService::cancelRefused);
    QSignalSpy started(service, &CancelService::batchStarted);
    QVERIFY(service->requestCancel(id));
    QVERIFY(service->isChecking(id));
    QVERIFY(!service->whyNot(id).isEmpty()); // one cancel per job, the check included
    QTRY_COMPARE(refused.count(), 1);
    QCOMPARE(refused.at(0).at(1).toString(), QStringLiteral("Job %1 is now active: not cancelled.").arg(id));
    QCOMPARE(m_simulator->requestCount(), 1); // the GET, and no DELETE
    QCOMPARE(m_simulator->lastRawPath(),
             QByteArray("/api/v1/context/add-async/") + id.toUtf8() + QByteArray("/status"));
    QCOMPARE(started.count(), 0);
    QVERIFY(!service->isChecking(id));
    QVERIFY(Journal(m_journalPath).read().isEmpty());
}

void TestCancelUndo::staleRowStillAsShownIsSent()
{
    const QString id = m_simulator->addJob(QStringLiteral("waiting"));
    show(id, QStringLiteral("waiting"));
    CancelService* service = makeService();
    service->setRowFreshness([](const QString&) { return qint64(0); }, [] { return qint64(10'000); });
    QSignalSpy settled(service, &CancelService::jobSettled);
    QVERIFY(service->requestCancel(id));
    QTRY_COMPARE(settled.count(), 1);
    QCOMPARE(m_simulator->requestCount(), 2); // GET, then DELETE
    QCOMPARE(m_simulator->jobState(id), QStringLiteral("cancelled"));
}

void TestCancelUndo::staleRowCheckWaitsForTheAccountBudget()
{
    const QString id = m_simulator->addJob(QStringLiteral("waiting"));
    show(id, QStringLiteral("waiting"));
    CancelService* service = makeService();
    service->setRowFreshness([](const QString&) { return qint64(0); }, [] { return qint64(10'000); });
    // The reads have just spent the account's budget: two requests in any 1.5 s.
    RequestPacer account(2, 1500);
    account.record(RequestPacer::Purpose::Pass);
    account.record(RequestPacer::Purpose::Pass);
    service->setAccountPacer(&account);
    QElapsedTimer clock;
    clock.start();
    qint64 checkedAt = -1;
    connect(service->client(), &ApiClient::requestSent, this, [&](const QByteArray& verb, const QUrl&) {
        if (verb == "GET" && checkedAt < 0)
            checkedAt = clock.elapsed();
    });
    QSignalSpy settled(service, &CancelService::jobSettled);
    QVERIFY(service->requestCancel(id));
    QVERIFY(service->isChecking(id)); // waiting for the budget is being on its way: one cancel per job
    QVERIFY(!service->whyNot(id).isEmpty());
    // Absence cannot be waited for with QTRY: a third of the window passes, and nothing went.
    QTest::qWait(500);
    QCOMPARE(m_simulator->requestCount(), 0);
    QCOMPARE(checkedAt, qint64(-1));
    QTRY_COMPARE_WITH_TIMEOUT(settled.count(), 1, 5000);
    QVERIFY2(checkedAt >= 1400, qPrintable(QStringLiteral("the check went after %1 ms").arg(checkedAt)));
    QCOMPARE(m_simulator->requestCount(), 2); // GET, then DELETE
    QCOMPARE(m_simulator->jobState(id), QStringLiteral("cancelled"));
    // Both counted in the account as the cancel's, as a batch's check and DELETE are.
    QCOMPARE(account.recentCount(RequestPacer::Purpose::Cancel), 2);
}

void TestCancelUndo::freshRowIsSentWithoutACheck()
{
    const QString id = m_simulator->addJob(QStringLiteral("waiting"));
    show(id, QStringLiteral("waiting"));
    CancelService* service = makeService();
    service->setRowFreshness([](const QString&) { return QDateTime::currentMSecsSinceEpoch(); },
                             [] { return qint64(10'000); });
    QSignalSpy settled(service, &CancelService::jobSettled);
    QVERIFY(service->requestCancel(id));
    QVERIFY(!service->isChecking(id));
    QTRY_COMPARE(settled.count(), 1);
    QCOMPARE(m_simulator->requestCount(), 1); // the DELETE only
}

void TestCancelUndo::goneJobIsNotSent()
{
    const QString id = m_simulator->addJob(QStringLiteral("waiting"));
    show(id, QStringLiteral("waiting"));
    m_simulator->removeJob(id);
    CancelService* service = makeService();
    service->setRowFreshness([](const QString&) { return qint64(0); }, [] { return qint64(10'000); });
    QSignalSpy refused(service, &CancelService::cancelRefused);
    QVERIFY(service->requestCancel(id));
    QTRY_COMPARE(refused.count(), 1);
    QVERIFY(refused.at(0).at(1).toString().contains(QLatin1String("no longer on the server")));
    QCOMPARE(m_simulator->requestCount(), 1);
}

void TestCancelUndo::staleRule()
{
    QVERIFY(!CancelService::needsStateCheck(1000, 1000 + 10'000, 10'000)); // exactly the interval: fresh
    QVERIFY(CancelService::needsStateCheck(1000, 1000 + 10'001, 10'000));
    QVERIFY(CancelService::needsStateCheck(0, 5, 10'000)); // never refreshed
}

void TestCancelUndo::readOnlyRefusesEveryDoor()
{
    const QString id = m_simulator->addJob(QStringLiteral("waiting"));
    show(id, QStringLiteral("waiting"));
    CancelService* service = makeService();
    service->setReadOnly(true);
    QCOMPARE(service->whyNot(id), CancelService::readOnlyReason());
    QVERIFY(!service->cancel(id));
    QVERIFY(!service->requestCancel(id));
    QVERIFY(!service->scheduleCancel(id, 10));
    Job job;
    job.id = id;
    job.state = QStringLiteral("waiting");
    QVERIFY(!service->startBatch({job}));
    QVERIFY(!service->startIds({id}));
    QTest::qWait(100);
    QCOMPARE(m_simulator->requestCount(), 0);
    QVERIFY(Journal(m_journalPath).read().isEmpty());
    // The flag travels with the environment and is stored with it.
    Environment environment;
    environment.name = QStringLiteral("viewer");
    environment.baseUrl = m_simulator->baseUrl();
    environment.readOnly = true;
    Environment other = environment;
    other.readOnly = false;
    QVERIFY(!(environment == other));
    QTemporaryDir settingsDir;
    QStandardPaths::setTestModeEnabled(true);
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, settingsDir.path());
    QCoreApplication::setOrganizationName(QStringLiteral("AlchemystJobMonitorTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_cancelundo"));
    QVERIFY(QSettings().fileName().startsWith(settingsDir.path()));
    EnvironmentStore store;
    QVERIFY2(store.save(environment), qPrintable(store.errorString()));
    other.name = QStringLiteral("writer");
    QVERIFY(store.save(other));
    QCOMPARE(store.find(QStringLiteral("viewer"))->readOnly, true);
    QCOMPARE(store.find(QStringLiteral("writer"))->readOnly, false);
}

QTEST_GUILESS_MAIN(TestCancelUndo)
#include "tst_cancelundo.moc"
