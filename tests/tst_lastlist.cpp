// Start from what is known: the last complete list of an environment, written after a pass against the
// simulator and read back by the next session before any answer of the server; merged by the first pass;
// a damaged, cut or newer file refused whole; the time from a new session to 100,000 rows in its model.
// And what the session says when the history stops recording, and where a waiting job of a real pass
// stands.
#include "core/jobmonitor.h"
#include "core/jobsession.h"
#include "core/positionestimate.h"
#include "history/historystore.h"
#include "history/lastlist.h"
#include "jobs/jobmodel.h"
#include "simulator/simulator.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <ctime>

using namespace Alchemyst;

namespace {

// The thread's CPU time: on a machine shared with other builds the wall clock says more about them.
double cpuMs()
{
#ifdef Q_OS_UNIX
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return double(t.tv_sec) * 1e3 + double(t.tv_nsec) / 1e6;
#else
    return 0;
#endif
}

const QString Key = QStringLiteral("test-key");

Job sample(int i)
{
    Job job;
    job.id = QStringLiteral("job-%1").arg(i);
    job.state = i % 3 == 0 ? QStringLiteral("completed") : QStringLiteral("waiting");
    job.fileName = QStringLiteral("report-%1.pdf").arg(i);
    job.source = i % 2 ? QStringLiteral("uploader") : QStringLiteral("crawler ✓");
    job.failedReason = i % 5 == 0 ? QStringLiteral("timeout after %1 ms").arg(i) : QString();
    job.processedOn = i % 3 == 0 ? 1767225600000 + i : 0;
    job.finishedOn = i % 3 == 0 ? 1767225601000 + i : 0;
    job.attempts = i % 4;
    job.reasonTruncated = i % 7 == 0;
    return job;
}

} // namespace

class TestLastList : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void roundTrip();
    void damagedCutOrNewerFilesAreRefused();
    void nextSessionShowsTheLastListBeforeAnyAnswer();
    void restoringIntoAListedModelDoesNothing();
    void hundredThousandRowsFromSessionToModel();
    void theFirstPassReplacesARestoreStillGoingIn();
    void historyProblemIsSignalled();
    void positionOfAWaitingJobOfAPass();

private:
    JobSession* newSession();
    ApiResult runPass(JobSession* session);

    QNetworkAccessManager* m_manager = nullptr;
    Simulator* m_simulator = nullptr;
    QTemporaryDir m_dir;
};

void TestLastList::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TestLastList::init()
{
    QDir(QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation)).removeRecursively();
    m_simulator = new Simulator(Simulator::Options::empty(Key), this);
    QVERIFY(m_simulator->listen() != 0);
    m_manager = new QNetworkAccessManager(this);
}

void TestLastList::cleanup()
{
    delete m_simulator;
    m_simulator = nullptr;
    delete m_manager;
    m_manager = nullptr;
}

JobSession* TestLastList::newSession()
{
    const Environment environment{QStringLiteral("staging"), m_simulator->baseUrl(), false};
    auto* session =
        new JobSession(m_manager, environment, Journal(m_dir.filePath(QStringLiteral("journal.jsonl"))),
                       CancelOrigin::Window, this);
    session->monitor()->setAutoRefresh(false);
    session->monitor()->client()->setPageSize(20);
    return session;
}

ApiResult TestLastList::runPass(JobSession* session)
{
    QSignalSpy finished(session->monitor(), &JobMonitor::passFinished);
    if (!session->hasApiKey())
        session->setApiKey(Key, JobSession::KeySource::Typed); // starts a pass
    else
        session->monitor()->refresh();
    if (!finished.wait(20000))
        return {};
    return finished.constFirst().constFirst().value<ApiResult>();
}

void TestLastList::roundTrip()
{
    JobList jobs;
    for (int i = 0; i < 500; ++i)
        jobs.append(sample(i));
    const QString path = m_dir.filePath(QStringLiteral("a/b/list.bin"));
    QString error;
    QVERIFY2(LastListStore::write(path, jobs, 1767225600123, &error), qPrintable(error));
    QCOMPARE(QFileInfo(path).permissions() & (QFileDevice::ReadOther | QFileDevice::ReadGroup),
             QFileDevice::Permissions());
    const LastListStore::Snapshot snapshot = LastListStore::read(path);
    QVERIFY2(snapshot.problem.isEmpty(), qPrintable(snapshot.problem));
    QCOMPARE(snapshot.asOfMs, 1767225600123);
    QCOMPARE(snapshot.jobs.size(), jobs.size());
    for (qsizetype i = 0; i < jobs.size(); ++i) {
        QCOMPARE(snapshot.jobs.at(i), jobs.at(i));
        QCOMPARE(snapshot.jobs.at(i).reasonTruncated, jobs.at(i).reasonTruncated);
    }
    // Shared states and sources keep the file small: well under 100 bytes a job here.
    QVERIFY2(QFileInfo(path).size() < 100 * jobs.size(), qPrintable(QString::number(QFileInfo(path).size())));
    // No file: nothing, and nothing wrong.
    const LastListStore::Snapshot none = LastListStore::read(m_dir.filePath(QStringLiteral("none.bin")));
    QVERIFY(none.jobs.isEmpty() && none.problem.isEmpty() && none.asOfMs == 0);
}

void TestLastList::damagedCutOrNewerFilesAreRefused()
{
    JobList jobs;
    for (int i = 0; i < 50; ++i)
        jobs.append(sample(i));
    const QByteArray good = LastListStore::encode(jobs, 1767225600000);
    QCOMPARE(LastListStore::decode(good).jobs.size(), 50);

    QByteArray flipped = good;
    flipped[flipped.size() / 2] = static_cast<char>(flipped.at(flipped.size() / 2) ^ 0x20);
    LastListStore::Snapshot snapshot = LastListStore::decode(flipped);
    QVERIFY(snapshot.jobs.isEmpty());
    QVERIFY2(snapshot.problem.contains(QStringLiteral("damaged")), qPrintable(snapshot.problem));

    snapshot = LastListStore::decode(good.left(good.size() - 100));
    QVERIFY(snapshot.jobs.isEmpty());
    QVERIFY(!snapshot.problem.isEmpty());
    QVERIFY(LastListStore::decode(QByteArray()).jobs.isEmpty());
    QVERIFY(!LastListStore::decode(QByteArrayLiteral("{\"jobs\":[]}")).problem.isEmpty());

    // A newer format: refused, and said so (the file is left for that version).
    QByteArray newer = good;
    newer[8] = 2; // the version, after the eight bytes of the magic
    const QString path = m_dir.filePath(QStringLiteral("newer.bin"));
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(newer);
    }
    snapshot = LastListStore::read(path);
    QVERIFY(snapshot.jobs.isEmpty());
    QVERIFY2(snapshot.problem.contains(QDir::toNativeSeparators(path)) &&
                 snapshot.problem.contains(QStringLiteral("another version")),
             qPrintable(snapshot.problem));
    QVERIFY(QFileInfo::exists(path));
}

void TestLastList::nextSessionShowsTheLastListBeforeAnyAnswer()
{
    QStringList ids;
    for (int i = 0; i < 45; ++i)
        ids << m_simulator->addJob(i % 3 ? QStringLiteral("waiting") : QStringLiteral("completed"),
                                   QStringLiteral("file-%1.txt").arg(i));
    QDateTime asOf;
    {
        JobSession* first = newSession();
        QVERIFY(!first->restoreLastList().isValid()); // nothing recorded yet
        const QDateTime before = QDateTime::currentDateTime();
        QCOMPARE(runPass(first).outcome, Outcome::Ok);
        QVERIFY(LastListStore::waitForWrites(10000));
        QVERIFY(QFileInfo::exists(first->lastListPath()));
        QVERIFY(first->lastListPath().startsWith(
            QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation)));
        // A second pass within the minute writes nothing new.
        const QDateTime written = QFileInfo(first->lastListPath()).lastModified();
        QCOMPARE(runPass(first).outcome, Outcome::Ok);
        QVERIFY(LastListStore::waitForWrites(10000));
        QCOMPARE(QFileInfo(first->lastListPath()).lastModified(), written);
        delete first;
        asOf = LastListStore::read(LastListStore::defaultFilePath(triageEnvironmentKey(
                                       QStringLiteral("staging"), m_simulator->baseUrl())))
                           .asOfMs > 0
                   ? before
                   : QDateTime();
        QVERIFY(asOf.isValid());
    }

    // The server moves on while the app is closed.
    m_simulator->setJobState(ids.at(1), QStringLiteral("active"));
    m_simulator->removeJob(ids.at(2));
    const QString added = m_simulator->addJob(QStringLiteral("waiting"));

    JobSession* next = newSession();
    const int requestsBefore = m_simulator->requestCount();
    const QDateTime restored = next->restoreLastList();
    QVERIFY(restored.isValid());
    QVERIFY(restored >= asOf.addSecs(-1) && restored <= QDateTime::currentDateTime());
    QCOMPARE(next->restoredAsOf(), restored);
    JobModel* model = next->monitor()->model();
    // At once, without a request: the list as it was.
    QCOMPARE(m_simulator->requestCount(), requestsBefore);
    QCOMPARE(model->rowCount(), 45);
    const int row = model->rowOf(ids.at(4));
    QVERIFY(row >= 0);
    QCOMPARE(model->jobAt(row).fileName, QStringLiteral("file-4.txt"));
    QCOMPARE(model->jobAt(model->rowOf(ids.at(1))).state, QStringLiteral("waiting"));
    QCOMPARE(model->count(StateCategory::Waiting), 30);
    QVERIFY(JobSession::asOfText(restored).startsWith(QStringLiteral("as of ")));
    QVERIFY(JobSession::asOfText(restored).endsWith(QStringLiteral(", refreshing…")));

    // The first pass merges into it: updated in place, the vanished one gone, the new one added.
    QCOMPARE(runPass(next).outcome, Outcome::Ok);
    QCOMPARE(model->rowCount(), 45);
    QCOMPARE(model->jobAt(model->rowOf(ids.at(1))).state, QStringLiteral("active"));
    QCOMPARE(model->rowOf(ids.at(2)), -1);
    QVERIFY(model->rowOf(added) >= 0);
    QVERIFY(!next->restoredAsOf().isValid());
    delete next;
    QVERIFY(LastListStore::waitForWrites(10000));
}

void TestLastList::restoringIntoAListedModelDoesNothing()
{
    for (int i = 0; i < 5; ++i)
        m_simulator->addJob(QStringLiteral("waiting"));
    JobSession* first = newSession();
    QCOMPARE(runPass(first).outcome, Outcome::Ok);
    QVERIFY(LastListStore::waitForWrites(10000));
    // Once the model has the server's rows, an older list must not be mixed in.
    QVERIFY(!first->restoreLastList().isValid());
    QCOMPARE(first->monitor()->model()->rowCount(), 5);
    delete first;
}

void TestLastList::hundredThousandRowsFromSessionToModel()
{
    constexpr int Count = 100000;
    JobList jobs;
    jobs.reserve(Count);
    for (int i = 0; i < Count; ++i)
        jobs.append(sample(i));
    const QString path = LastListStore::defaultFilePath(
        triageEnvironmentKey(QStringLiteral("staging"), m_simulator->baseUrl()));
    QElapsedTimer encode;
    encode.start();
    QVERIFY(LastListStore::write(path, jobs, QDateTime::currentMSecsSinceEpoch()));
    const qint64 writeMs = encode.elapsed();

    QElapsedTimer clock;
    clock.start();
    const double cpu = cpuMs();
    JobSession* session = newSession();
    const qint64 constructed = clock.elapsed();
    QVERIFY(session->restoreLastList().isValid());
    const qint64 firstRows = clock.elapsed();
    const double firstCpu = cpuMs() - cpu;
    JobModel* model = session->monitor()->model();
    QCOMPARE(model->rowCount(), JobSession::RestoreSlice);
    QVERIFY(session->isRestoring());
    // The rest a slice per turn of the event loop.
    QSignalSpy restored(session, &JobSession::lastListRestored);
    QVERIFY(restored.wait(20000));
    const qint64 allRows = clock.elapsed();
    QCOMPARE(model->rowCount(), Count);
    QVERIFY(!session->isRestoring());
    QCOMPARE(model->jobAt(model->rowOf(QStringLiteral("job-99999"))), jobs.constLast());
    // A figure, not a timed assertion (machines and sanitizers differ): the target is < 100 ms.
    qInfo("100,000 jobs: file %.1f MB written in %lld ms; from the session's creation: %lld ms to create it, "
          "%lld ms to the first %lld rows in the model (%.0f ms of CPU), %lld ms to all of them",
          double(QFileInfo(path).size()) / 1e6, writeMs, constructed, firstRows,
          static_cast<long long>(JobSession::RestoreSlice), firstCpu, allRows);
    delete session;
}

void TestLastList::theFirstPassReplacesARestoreStillGoingIn()
{
    // 20,000 jobs the server no longer has; it lists five.
    JobList jobs;
    for (int i = 0; i < 20000; ++i)
        jobs.append(sample(i));
    QVERIFY(LastListStore::write(LastListStore::defaultFilePath(
                                     triageEnvironmentKey(QStringLiteral("staging"), m_simulator->baseUrl())),
                                 jobs, QDateTime::currentMSecsSinceEpoch()));
    for (int i = 0; i < 5; ++i)
        m_simulator->addJob(QStringLiteral("waiting"));
    JobSession* session = newSession();
    QVERIFY(session->restoreLastList().isValid());
    QVERIFY(session->isRestoring());
    // The key starts a pass: the restore is finished first, so the pass's end removes every old row.
    QCOMPARE(runPass(session).outcome, Outcome::Ok);
    QVERIFY(!session->isRestoring());
    QCOMPARE(session->monitor()->model()->rowCount(), 5);
    delete session;
    QVERIFY(LastListStore::waitForWrites(10000));
}

void TestLastList::historyProblemIsSignalled()
{
    for (int i = 0; i < 600; ++i)
        m_simulator->addJob(QStringLiteral("waiting"));
    JobSession* session = newSession();
    session->monitor()->client()->setPageSize(200);
    QSignalSpy problems(session, &JobSession::historyProblem);
    QCOMPARE(runPass(session).outcome, Outcome::Ok); // the baseline: its pass is recorded
    QVERIFY(session->historyProblemText().isEmpty());
    QCOMPARE(problems.size(), 0);

    // The disk fills up (SQLite answers as it does on a full disk past max_page_count).
    HistoryStore* history = session->history();
    QVERIFY(history->setSizeLimit(QFileInfo(history->filePath()).size() + 4096));
    for (int round = 0; round < 6 && problems.isEmpty(); ++round) {
        for (int i = 0; i < 600; ++i)
            m_simulator->addJob(QStringLiteral("completed"));
        QCOMPARE(runPass(session).outcome, Outcome::Ok); // the listing goes on
    }
    QCOMPARE(problems.size(), 1);
    const QString sentence = problems.constFirst().constFirst().toString();
    QVERIFY2(sentence.contains(QStringLiteral("full")) &&
                 sentence.contains(QStringLiteral("Recording has stopped")),
             qPrintable(sentence));
    QCOMPARE(session->historyProblemText(), sentence);
    // Said once, not after every pass.
    QCOMPARE(runPass(session).outcome, Outcome::Ok);
    QCOMPARE(problems.size(), 1);

    // Space again: the operator retries, the banner goes.
    QVERIFY(history->setSizeLimit(0));
    QVERIFY(session->retryHistory());
    QCOMPARE(problems.size(), 2);
    QVERIFY(problems.at(1).constFirst().toString().isEmpty());
    QVERIFY(session->historyProblemText().isEmpty());
    delete session;
    QVERIFY(LastListStore::waitForWrites(10000));
}

void TestLastList::positionOfAWaitingJobOfAPass()
{
    QStringList ids;
    for (int i = 0; i < 30; ++i)
        ids << m_simulator->addJob(QStringLiteral("waiting"));
    const QString done = m_simulator->addJob(QStringLiteral("completed"));
    JobSession* session = newSession();
    const QString unseen = ids.constFirst();
    QVERIFY(waitingPosition(session->monitor(), unseen).text.isEmpty()); // not in the model yet
    QCOMPARE(runPass(session).outcome, Outcome::Ok);
    JobMonitor* monitor = session->monitor();
    // Every waiting job has a place: the 30 of them take the places 0..29 once each.
    QList<int> places;
    for (const QString& id : ids) {
        const PositionEstimate estimate = waitingPosition(monitor, id);
        QVERIFY2(estimate.ahead >= 0 && estimate.ahead < 30, qPrintable(estimate.text));
        places << static_cast<int>(estimate.ahead);
        // Nothing completed in the recorded history: a place, no start time.
        QVERIFY2(estimate.text.endsWith(QStringLiteral(" — no start time while nothing completes")),
                 qPrintable(estimate.text));
    }
    std::sort(places.begin(), places.end());
    for (int i = 0; i < 30; ++i)
        QCOMPARE(places.at(i), i);
    QVERIFY(positionText(monitor, done).isEmpty()); // not waiting: nothing to say
    delete session;
    QVERIFY(LastListStore::waitForWrites(10000));
}

QTEST_GUILESS_MAIN(TestLastList)
#include "tst_lastlist.moc"
