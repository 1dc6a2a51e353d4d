// The top of the lists between full passes: the monitor polls the first page of active (all of it),
// failed, completed and all, merges what they show in place, and a later full pass agrees; a list that is
// not newest first turns the polls off; the polls keep within the share. Real HTTP over loopback against
// the simulator, which lists each state newest first as BullMQ does; `watch` gets the polls too.
#include "api/apiclient.h"
#include "core/jobmonitor.h"
#include "jobs/jobmodel.h"
#include "simulator/simulator.h"
#include "triage/firstseen.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <deque>
#include <signal.h>

using namespace Alchemyst;

namespace {
const QString Key = QStringLiteral("top-key");
constexpr int PageSize = 5;
} // namespace

class TestTopList : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void simulatorListsNewestFirst();
    void aChangeBetweenPassesIsSeenByAPollFirst();
    void aPollRemovesNothingAndALaterPassAgrees();
    void aPollReadsOnlyTheFirstPages();
    void aListOldestFirstTurnsThePollsOff();
    void aMissingNewerJobTurnsThePollsOffOnlyWhenItExists();
    void pollsAndPassesKeepWithinTheShare();
    void freshnessTextSaysBothAges();
    void watchPrintsAChangeOnlyAPollCouldSee();

private:
    // A list of 60 jobs (13 pages of 5): old completed ones, then failed, active and waiting ones.
    void fill();
    void startMonitor(int intervalSeconds);
    QString stateIn(const QString& id) const;

    QNetworkAccessManager* m_manager = nullptr;
    Simulator* m_simulator = nullptr;
    JobMonitor* m_monitor = nullptr;
    QStringList m_completed, m_failed, m_active, m_waiting;
};

void TestTopList::init()
{
    m_simulator = new Simulator(Simulator::Options::empty(Key), this);
    QVERIFY(m_simulator->listen() != 0);
    m_manager = new QNetworkAccessManager(this);
    fill();
}

void TestTopList::cleanup()
{
    delete m_monitor;
    m_monitor = nullptr;
    delete m_simulator;
    m_simulator = nullptr;
    delete m_manager;
    m_manager = nullptr;
    m_completed.clear();
    m_failed.clear();
    m_active.clear();
    m_waiting.clear();
}

void TestTopList::fill()
{
    const qint64 t = QDateTime::currentMSecsSinceEpoch() - 3600 * 1000;
    // Finished a minute apart, oldest first: each list's order is unambiguous by its times.
    for (int i = 0; i < 40; ++i) {
        m_completed << m_simulator->addJob(QStringLiteral("completed"));
        m_simulator->setJobTimes(m_completed.last(), t + i * 60000 - 2000, t + i * 60000);
    }
    for (int i = 0; i < 6; ++i) {
        m_failed << m_simulator->addJob(QStringLiteral("failed"));
        m_simulator->setJobTimes(m_failed.last(), t + i * 60000 - 1000, t + i * 60000);
    }
    for (int i = 0; i < 7; ++i) // more than a page: the poll of active reads all of it
        m_active << m_simulator->addJob(QStringLiteral("active"));
    for (int i = 0; i < 7; ++i)
        m_waiting << m_simulator->addJob(QStringLiteral("waiting"));
}

void TestTopList::startMonitor(int intervalSeconds)
{
    m_monitor = new JobMonitor(m_manager, m_simulator->baseUrl(), QString(), this);
    m_monitor->client()->setPageSize(PageSize);
    m_monitor->client()->setTimeout(10000);
    m_monitor->client()->setRetryBaseDelay(20);
    m_monitor->setIntervalSeconds(intervalSeconds);
    QSignalSpy finished(m_monitor, &JobMonitor::passFinished);
    m_monitor->setApiKey(Key); // the first pass, at once
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 10000);
    QVERIFY(finished.first().first().value<ApiResult>().isSuccess());
    QCOMPARE(m_monitor->model()->rowCount(), m_simulator->jobCount());
    QVERIFY(m_monitor->isPolling());
}

QString TestTopList::stateIn(const QString& id) const
{
    const int row = m_monitor->model()->rowOf(id);
    return row < 0 ? QString() : m_monitor->model()->jobAt(row).state;
}

void TestTopList::simulatorListsNewestFirst()
{
    ApiClient client(m_manager);
    client.setBaseUrl(m_simulator->baseUrl());
    client.setApiKey(Key);
    client.setPageSize(1000);
    const auto ids = [&client](const QString& type) {
        QStringList listed;
        bool done = false;
        client.listJobs(type, [&](const ListResult& result) {
            for (const Job& job : result.jobs)
                listed << job.id;
            done = true;
        });
        if (!QTest::qWaitFor([&done] { return done; }, 5000))
            return QStringList{QStringLiteral("timed out")};
        return listed;
    };
    QStringList newestFirst = m_completed;
    std::reverse(newestFirst.begin(), newestFirst.end());
    QCOMPARE(ids(QStringLiteral("completed")), newestFirst);
    // A job that finishes now goes to the front of its list; all is the queue newest created first.
    m_simulator->setJobState(m_active.first(), QStringLiteral("completed"));
    QCOMPARE(ids(QStringLiteral("completed")).first(), m_active.first());
    const QStringList all = ids(QStringLiteral("all"));
    QCOMPARE(all.first(), m_waiting.last());
    QCOMPARE(all.last(), m_completed.first());
    // The oldest waiting job starts first and becomes the newest active one.
    const QString started = m_simulator->startNext();
    QCOMPARE(started, m_waiting.first());
    QCOMPARE(ids(QStringLiteral("active")).first(), started);
    m_simulator->setNewestFirst(false);
    QCOMPARE(ids(QStringLiteral("completed")).first(), m_completed.first());
}

void TestTopList::aChangeBetweenPassesIsSeenByAPollFirst()
{
    startMonitor(60); // the next pass is a minute away: only a poll can show the changes below
    QSignalSpy started(m_monitor, &JobMonitor::passStarted);
    std::deque<StateChange> observed;
    connect(m_monitor, &JobMonitor::changesObserved, this, [&](const StateChangeList& changes, qint64) {
        observed.insert(observed.end(), changes.begin(), changes.end());
    });
    QSignalSpy fresh(m_monitor, &JobMonitor::freshnessChanged);
    const QDateTime fullPass = m_monitor->lastFullPassAt();

    const QString failing = m_active.at(2);
    m_simulator->setJobState(failing, QStringLiteral("failed"));
    const QString starting = m_simulator->startNext();
    const QString arrived = m_simulator->addJob(QStringLiteral("waiting"), QStringLiteral("new.pdf"));
    const QString finishing = m_active.at(4);
    m_simulator->setJobState(finishing, QStringLiteral("completed"));
    m_monitor->pollNow();

    QTRY_COMPARE_WITH_TIMEOUT(stateIn(failing), QStringLiteral("failed"), 5000);
    QTRY_COMPARE_WITH_TIMEOUT(stateIn(starting), QStringLiteral("active"), 5000);
    QTRY_COMPARE_WITH_TIMEOUT(stateIn(arrived), QStringLiteral("waiting"), 5000);
    QTRY_COMPARE_WITH_TIMEOUT(stateIn(finishing), QStringLiteral("completed"), 5000);
    QCOMPARE(started.size(), 0); // no pass ran: the polls saw it
    QCOMPARE(m_monitor->model()->count(StateCategory::Failed), 7);
    // The same path as a pass: the first-seen store and changesObserved know the new states.
    QCOMPARE(m_monitor->triage().store().stateOf(failing), QStringLiteral("failed"));
    QCOMPARE(m_monitor->triage().store().stateOf(arrived), QStringLiteral("waiting"));
    const auto seen = [&observed](const QString& id, const QString& from, const QString& to) {
        return std::any_of(observed.begin(), observed.end(), [&](const StateChange& change) {
            return change.id == id && change.from == from && change.to == to;
        });
    };
    QVERIFY(seen(failing, QStringLiteral("active"), QStringLiteral("failed")));
    QVERIFY(seen(starting, QStringLiteral("waiting"), QStringLiteral("active")));
    QVERIFY(seen(arrived, QString(), QStringLiteral("waiting")));
    QVERIFY(seen(finishing, QStringLiteral("active"), QStringLiteral("completed")));
    QVERIFY(m_monitor->triage().changes().isMarked(failing, QDateTime::currentMSecsSinceEpoch()));
    QTRY_VERIFY(!fresh.isEmpty());
    QVERIFY(m_monitor->lastChangesAt() >= fullPass);
    QCOMPARE(m_monitor->lastFullPassAt(), fullPass);
    QVERIFY(!m_monitor->pollsDisabled());
}

void TestTopList::aPollRemovesNothingAndALaterPassAgrees()
{
    startMonitor(60);
    m_monitor->pollNow(); // the first pages as they are now
    QTRY_COMPARE_WITH_TIMEOUT(m_monitor->pollsRunning(), 0, 5000);
    QCOMPARE(m_monitor->pollRequests(), 5);
    const int rows = m_monitor->model()->rowCount();
    // Gone from the server: one deep in the lists, and the newest completed job, on the first page.
    m_simulator->removeJob(m_completed.at(3));
    m_simulator->removeJob(m_completed.last());
    m_simulator->setJobState(m_active.first(), QStringLiteral("failed"));
    const int before = m_simulator->listRequestCount();
    m_monitor->pollNow();
    QTRY_COMPARE_WITH_TIMEOUT(stateIn(m_active.first()), QStringLiteral("failed"), 5000);
    QTRY_COMPARE_WITH_TIMEOUT(m_monitor->pollsRunning(), 0, 5000);
    QCOMPARE(m_simulator->listRequestCount() - before, 5);
    QTRY_VERIFY(m_monitor->client()->inFlightCount() == 0); // the question about the missing job
    QCOMPARE(m_simulator->lastJobId(), m_completed.last());
    QCOMPARE(m_monitor->model()->rowCount(), rows); // a partial read removes nothing
    QVERIFY(m_monitor->model()->rowOf(m_completed.at(3)) >= 0);
    QVERIFY(m_monitor->model()->rowOf(m_completed.last()) >= 0);
    // The newest completed job is missing from the top while older ones are there: the monitor asked,
    // heard it is gone, and kept polling.
    QVERIFY(!m_monitor->pollsDisabled());

    QSignalSpy finished(m_monitor, &JobMonitor::passFinished);
    m_monitor->refresh();
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 10000);
    QCOMPARE(m_monitor->model()->rowCount(), m_simulator->jobCount());
    for (int row = 0; row < m_monitor->model()->rowCount(); ++row) {
        const Job& job = m_monitor->model()->jobAt(row);
        QCOMPARE(job.state, m_simulator->jobState(job.id));
    }
    QCOMPARE(m_monitor->model()->rowOf(m_completed.at(3)), -1);
    QCOMPARE(stateIn(m_active.first()), QStringLiteral("failed"));
}

void TestTopList::aPollReadsOnlyTheFirstPages()
{
    startMonitor(60);
    QTRY_VERIFY(m_monitor->client()->inFlightCount() == 0);
    const int listed = m_simulator->listRequestCount();
    const int counted = m_monitor->pacer().recentCount();
    const int sent = m_monitor->pollRequests();
    m_monitor->pollNow();
    // active (7 jobs: two pages), failed, completed, all (one page each); no page more is asked for,
    // not even one the budget counts and the wire never sees.
    QTRY_COMPARE_WITH_TIMEOUT(m_monitor->pollsRunning(), 0, 5000);
    QTest::qWait(200); // what else would have gone meanwhile
    QCOMPARE(m_simulator->listRequestCount() - listed, 5);
    QCOMPARE(m_monitor->pollRequests() - sent, 5);
    QCOMPARE(m_monitor->pacer().recentCount() - counted, 5);
    QCOMPARE(m_monitor->pollRounds(), 1);
}

void TestTopList::aListOldestFirstTurnsThePollsOff()
{
    startMonitor(60);
    m_simulator->setNewestFirst(false); // failed and completed now come oldest first by finishedOn
    QTest::ignoreMessage(QtWarningMsg,
                         QRegularExpression(QStringLiteral("top-of-list polls are off .*not newest first")));
    m_monitor->pollNow();
    QTRY_VERIFY_WITH_TIMEOUT(m_monitor->pollsDisabled(), 5000);
    QVERIFY(m_monitor->pollsDisabledReason().contains(QLatin1String("type=")));
    QVERIFY(!m_monitor->isPolling());
    // Full passes only: they get the whole share back, and the ticks send nothing.
    QCOMPARE(m_monitor->passPacer().maxRequests(), m_monitor->pacer().effectiveMax());
    QTRY_COMPARE(m_monitor->pollsRunning(), 0);
    const int listed = m_simulator->listRequestCount();
    m_monitor->pollNow();
    QTest::qWait(200);
    QCOMPARE(m_simulator->listRequestCount(), listed);
    // And a full pass still keeps the list.
    m_simulator->setJobState(m_active.first(), QStringLiteral("failed"));
    QSignalSpy finished(m_monitor, &JobMonitor::passFinished);
    m_monitor->refresh();
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 10000);
    QCOMPARE(stateIn(m_active.first()), QStringLiteral("failed"));
}

void TestTopList::aMissingNewerJobTurnsThePollsOffOnlyWhenItExists()
{
    // Seven completed jobs finished within the tolerance: their times cannot tell the order, what the
    // first page lists from one poll to the next does.
    m_simulator->clearJobs();
    m_completed.clear();
    for (int i = 0; i < 7; ++i)
        m_completed << m_simulator->addJob(QStringLiteral("completed"));
    for (int i = 0; i < 20; ++i)
        m_waiting << m_simulator->addJob(QStringLiteral("waiting"));
    startMonitor(60);
    m_monitor->pollNow(); // the first pages as they are: newest first
    QTRY_COMPARE_WITH_TIMEOUT(m_monitor->pollsRunning(), 0, 5000);
    QCOMPARE(m_monitor->pollRequests(), 4);
    QVERIFY(!m_monitor->pollsDisabled());
    // Oldest first, the first page of completed no longer has the two newest, but has older ones: they are
    // still on the server, so the order is wrong.
    m_simulator->setNewestFirst(false);
    QTest::ignoreMessage(QtWarningMsg,
                         QRegularExpression(QStringLiteral(
                             "top-of-list polls are off .*type=(completed|all) no longer lists")));
    m_monitor->pollNow();
    QTRY_VERIFY_WITH_TIMEOUT(m_monitor->pollsDisabled(), 5000);
}

void TestTopList::pollsAndPassesKeepWithinTheShare()
{
    // A share of 24 requests in a window of 3 s: polls every second (4 a round, 12 a window: half), the
    // passes (13 requests each) the rest. Every request any client of the monitor sends is timed.
    m_monitor = new JobMonitor(m_manager, m_simulator->baseUrl(), QString(), this);
    m_monitor->pacer().setLimit(24, 3000);
    m_monitor->client()->setPageSize(PageSize);
    m_monitor->setIntervalSeconds(1);
    QCOMPARE(m_monitor->pollIntervalMs(), 1000);
    QElapsedTimer clock;
    clock.start();
    QList<qint64> sends;
    QList<qint64> pollSends;
    const QList<ApiClient*> clients = m_monitor->findChildren<ApiClient*>();
    QCOMPARE(clients.size(), 5); // passes and single jobs, and one per polled list
    for (ApiClient* client : clients) {
        connect(client, &ApiClient::requestSent, this, [&, client] {
            sends.append(clock.elapsed());
            if (client != m_monitor->client())
                pollSends.append(clock.elapsed());
        });
    }
    QSignalSpy finished(m_monitor, &JobMonitor::passFinished);
    m_monitor->setApiKey(Key);
    QTRY_VERIFY_WITH_TIMEOUT(finished.size() >= 2 && m_monitor->pollRounds() >= 4, 15000);
    const auto mostInAWindow = [](const QList<qint64>& times, qint64 windowMs) {
        int most = 0;
        for (qsizetype i = 0; i < times.size(); ++i) {
            qsizetype j = i;
            while (j < times.size() && times.at(j) - times.at(i) < windowMs)
                ++j;
            most = std::max(most, static_cast<int>(j - i));
        }
        return most;
    };
    QVERIFY(!pollSends.isEmpty());
    // The pacer admits at most 24 in any 3 s; the times taken here are when each client said it sent, which
    // the event loop delays by a varying few ms (much more under the sanitizers). So the check allows for
    // that latency: never 25 within 2.5 s, and never more than 24 + one round's 5 within the full 3 s.
    QVERIFY2(mostInAWindow(sends, 2500) <= 24, qPrintable(QString::number(mostInAWindow(sends, 2500))));
    QVERIFY2(mostInAWindow(sends, 3000) <= 24 + 5, qPrintable(QString::number(mostInAWindow(sends, 3000))));
    // At most a round per interval (five requests: active is two pages), however the window made them wait.
    QVERIFY(m_monitor->pollRounds() <= clock.elapsed() / 1000 + 1);
    QVERIFY2(pollSends.size() <= 5 * m_monitor->pollRounds(), qPrintable(QString::number(pollSends.size())));
    // The passes leave the polls their part: 24 less a round a second and one to spare.
    QCOMPARE(m_monitor->passPacer().maxRequests(), 24 - 13);
    for (const QList<QVariant>& result : std::as_const(finished))
        QVERIFY(result.first().value<ApiResult>().isSuccess());
}

void TestTopList::freshnessTextSaysBothAges()
{
    const QDateTime now = QDateTime::currentDateTime();
    QCOMPARE(JobMonitor::freshnessText(now.addSecs(-4), now.addSecs(-125), now),
             QStringLiteral("changes 4 s ago · full list 2 min ago"));
    QCOMPARE(JobMonitor::freshnessText(now.addSecs(-1), QDateTime(), now),
             QStringLiteral("changes 1 s ago · no full list yet"));
    QCOMPARE(JobMonitor::freshnessText(QDateTime(), QDateTime(), now), QStringLiteral("no list read yet"));
    // Without polls the changes are as fresh as the last full pass.
    QCOMPARE(JobMonitor::freshnessText(QDateTime(), now.addSecs(-7200), now),
             QStringLiteral("changes 2 h ago · full list 2 h ago"));
    startMonitor(60);
    QCOMPARE(m_monitor->freshnessText(), QStringLiteral("changes 0 s ago · full list 0 s ago"));
}

void TestTopList::watchPrintsAChangeOnlyAPollCouldSee()
{
#ifndef Q_OS_UNIX
    QSKIP("signals are Unix's");
#else
    // watch reads pages of 1000: 5,000 jobs make a pass of six pages, long enough for polls. The oldest
    // waiting job is the 2,000th newest: on the second page of all.
    m_simulator->clearJobs();
    for (int i = 0; i < 5000; ++i)
        m_simulator->addJob(i < 3000 ? QStringLiteral("completed") : QStringLiteral("waiting"));
    QTemporaryDir home;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("HOME"), home.path());
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), home.filePath(QStringLiteral("config")));
    env.insert(QStringLiteral("XDG_DATA_HOME"), home.filePath(QStringLiteral("data")));
    env.insert(QStringLiteral("XDG_RUNTIME_DIR"), home.path());
    env.remove(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"));
    env.insert(QStringLiteral("ALCHEMYST_AI_API_KEY"), Key);
    env.insert(QStringLiteral("ALCHEMYST_AI_BASE_URL"), m_simulator->baseUrl().toString());
    QProcess watch;
    watch.setProcessEnvironment(env);
    watch.start(QStringLiteral(AJM_CLI_PATH), {QStringLiteral("watch"), QStringLiteral("--interval"),
                                               QStringLiteral("1s"), QStringLiteral("--jsonl")});
    QList<QJsonObject> events;
    const auto readEvents = [&] {
        while (watch.canReadLine())
            events.append(QJsonDocument::fromJson(watch.readLine()).object());
    };
    QVERIFY(QTest::qWaitFor(
        [&] {
            readEvents();
            return !events.isEmpty();
        },
        15000));
    QCOMPARE(events.first()[QLatin1String("event")].toString(), QStringLiteral("pass"));
    // From now on no pass gets past its second page (each try of it answers 503), so only a poll can
    // see the oldest waiting job start: it is not on the first page of all, which is the newest jobs.
    m_simulator->injectListFault(1000, 503, 1000000);
    const QString started = m_simulator->startNext();
    QJsonObject change;
    QVERIFY(QTest::qWaitFor(
        [&] {
            readEvents();
            for (const QJsonObject& event : std::as_const(events)) {
                if (event[QLatin1String("event")].toString() == QLatin1String("change") &&
                    event[QLatin1String("jobId")].toString() == started)
                    change = event;
            }
            return !change.isEmpty();
        },
        15000));
    QCOMPARE(change[QLatin1String("from")].toString(), QStringLiteral("waiting"));
    QCOMPARE(change[QLatin1String("to")].toString(), QStringLiteral("active"));
    ::kill(static_cast<pid_t>(watch.processId()), SIGINT);
    QVERIFY(watch.waitForFinished(10000));
    QCOMPARE(watch.exitCode(), 0);
#endif
}

QTEST_MAIN(TestTopList)
#include "tst_toplist.moc"
