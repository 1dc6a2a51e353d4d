// Waiting jobs over time: the overtaken rule as the triage session applies it (one epoch a pass, whatever
// the order of the pages; after a restart; beside the age rule, counted once; on the Stuck tab's rows and
// their Age text), and where a waiting job stands (jobs ahead of it in the list as observed, the start
// estimate from the throughput, the "position unknown" cases).
#include "core/positionestimate.h"
#include "history/forecast.h"
#include "jobs/jobfiltermodel.h"
#include "jobs/jobmodel.h"
#include "triage/stuck.h"
#include "triage/triagesession.h"

#include <QDateTime>
#include <QLocale>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

using namespace Alchemyst;

namespace {

constexpr qint64 Second = 1000;
constexpr qint64 Minute = 60 * Second;
constexpr qint64 T0 = 1767225600000; // 2026-01-01T00:00:00Z

Job job(const QString& id, const QString& state)
{
    Job j;
    j.id = id;
    j.state = state;
    j.attempts = 0;
    if (state == QLatin1String("active") || state == QLatin1String("completed"))
        j.processedOn = T0;
    return j;
}

QString id(const char* prefix, int i)
{
    return QLatin1String(prefix) + QString::number(i);
}

// Ids prefix0..prefix(count-1) in one state, newest (highest number) first, as BullMQ lists them.
JobList newestFirst(const char* prefix, int from, int count, const QString& state)
{
    JobList jobs;
    for (int i = from + count - 1; i >= from; --i)
        jobs.append(job(id(prefix, i), state));
    return jobs;
}

void pass(TriageSession& session, const QList<JobList>& pages, qint64 nowMs)
{
    session.beginPass();
    qint64 at = nowMs;
    for (const JobList& page : pages)
        session.observePage(page, at += Second); // pages come a second apart
    session.endPass(true, at);
}

} // namespace

class TestWaiting : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();

    void laterJobsFinishingFirstOvertakeAWaitingJob();
    void onePassIsOneEpochWhateverThePageOrder();
    void overtakenAndOverItsAgeCountsOnce();
    void overtakenAfterARestart();
    void stuckTabRowsSayOvertaken();
    void thresholdIsASetting();

    void jobsAheadInTheListedOrder();
    void startEstimateFromTheThroughput();
};

void TestWaiting::initTestCase()
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
}

void TestWaiting::laterJobsFinishingFirstOvertakeAWaitingJob()
{
    TriageSession session; // K = 100
    QCOMPARE(session.thresholds().overtakenJobs, 100);
    pass(session, {newestFirst("w", 0, 3, QStringLiteral("waiting"))}, T0);
    QCOMPARE(session.stuckCount(), 0);

    // 99 jobs nobody saw waiting appear already completed: queued after w0..w2, done before them.
    JobList page = newestFirst("w", 0, 3, QStringLiteral("waiting"));
    page += newestFirst("c", 0, 99, QStringLiteral("completed"));
    pass(session, {page}, T0 + Minute);
    QCOMPARE(session.overtakenBy(QStringLiteral("w0")), 99);
    StuckVerdict verdict = session.verdict(job(QStringLiteral("w0"), QStringLiteral("waiting")), T0 + Minute);
    QVERIFY(!verdict.stuck);
    QVERIFY(!verdict.overtaken);
    QCOMPARE(session.stuckCount(), 0);

    // Jobs first seen waiting after them start: the 100th later job to start tips them over.
    page = newestFirst("w", 0, 3, QStringLiteral("waiting"));
    page += newestFirst("x", 0, 1141, QStringLiteral("waiting"));
    pass(session, {page}, T0 + 2 * Minute);
    page = newestFirst("w", 0, 3, QStringLiteral("waiting"));
    page += newestFirst("x", 0, 1141, QStringLiteral("active"));
    session.beginPass();
    session.observePage(page, T0 + 3 * Minute);
    // News for the tray, once: the three became stuck in this pass.
    QStringList newly = session.endPass(true, T0 + 3 * Minute).newlyStuck;
    newly.sort();
    QCOMPARE(newly, QStringList({QStringLiteral("w0"), QStringLiteral("w1"), QStringLiteral("w2")}));
    page = newestFirst("w", 0, 3, QStringLiteral("waiting"));
    page += newestFirst("x", 0, 1141, QStringLiteral("active"));
    session.beginPass();
    session.observePage(page, T0 + 3 * Minute + Second);
    QVERIFY(session.endPass(true, T0 + 3 * Minute + Second).newlyStuck.isEmpty());
    QCOMPARE(session.overtakenBy(QStringLiteral("w2")), 1240);
    verdict = session.verdict(job(QStringLiteral("w2"), QStringLiteral("waiting")), T0 + 3 * Minute);
    QVERIFY(verdict.stuck);
    QVERIFY(verdict.overtaken);
    QCOMPARE(verdict.overtakenBy, 1240);
    QVERIFY2(verdict.text.endsWith(QStringLiteral(", overtaken by 1,240 later jobs")),
             qPrintable(verdict.text));
    QVERIFY2(verdict.text.startsWith(QStringLiteral("waiting ≥ 2 min (seen since ")),
             qPrintable(verdict.text));
    // The filter's form (no text) says the same.
    QVERIFY(
        session.verdict(job(QStringLiteral("w2"), QStringLiteral("waiting")), T0 + 3 * Minute, false).stuck);
    QCOMPARE(session.stuckCount(), 3);
    // The overtakers are not waiting: nothing to flag; a job in another state is never overtaken.
    QCOMPARE(session.overtakenBy(QStringLiteral("x5")), 0);
    QVERIFY(!session.verdict(job(QStringLiteral("x5"), QStringLiteral("active")), T0 + 3 * Minute).overtaken);

    // Once it starts it is no longer stuck by this rule.
    page = newestFirst("w", 1, 2, QStringLiteral("waiting"));
    page += job(QStringLiteral("w0"), QStringLiteral("active"));
    pass(session, {page}, T0 + 4 * Minute);
    QCOMPARE(session.overtakenBy(QStringLiteral("w0")), 0);
    QCOMPARE(session.stuckCount(), 2);
}

void TestWaiting::onePassIsOneEpochWhateverThePageOrder()
{
    // 200 waiting jobs listed newest first over four pages: the newest are sighted first. Working them off
    // oldest first (FIFO) overtakes nobody — it would, were each page its own epoch.
    TriageSession session;
    const JobList all = newestFirst("w", 0, 200, QStringLiteral("waiting"));
    pass(session, {all.mid(0, 50), all.mid(50, 50), all.mid(100, 50), all.mid(150, 50)}, T0);
    JobList second = newestFirst("w", 150, 50, QStringLiteral("waiting"));
    second += newestFirst("w", 0, 150, QStringLiteral("completed"));
    pass(session, {second.mid(0, 50), second.mid(50, 50), second.mid(100, 50), second.mid(150, 50)},
         T0 + Minute);
    QCOMPARE(session.overtakenBy(QStringLiteral("w199")), 0);
    QCOMPARE(session.overtakenBy(QStringLiteral("w150")), 0);
    QCOMPARE(session.stuckCount(), 0);
}

void TestWaiting::overtakenAndOverItsAgeCountsOnce()
{
    TriageSession session;
    StuckThresholds thresholds;
    thresholds.waitingMs = 30 * Second;
    session.setThresholds(thresholds, T0);
    pass(session, {newestFirst("w", 0, 3, QStringLiteral("waiting"))}, T0);
    JobList page = newestFirst("w", 0, 3, QStringLiteral("waiting"));
    page += newestFirst("c", 0, 150, QStringLiteral("completed"));
    pass(session, {page}, T0 + Minute);
    // Over 30 s waiting and overtaken by 150: three jobs, stuck by both rules, counted once.
    QCOMPARE(session.stuckWatch().stuckCount(), 3);
    QCOMPARE(session.stuckCount(), 3);
    const StuckVerdict verdict =
        session.verdict(job(QStringLiteral("w1"), QStringLiteral("waiting")), T0 + Minute);
    QVERIFY(verdict.stuck && verdict.overtaken);
    QVERIFY2(verdict.text.startsWith(QStringLiteral("waiting ≥ 59 s (seen since ")) &&
                 verdict.text.endsWith(QStringLiteral("), overtaken by 150 later jobs")),
             qPrintable(verdict.text));
}

void TestWaiting::overtakenAfterARestart()
{
    QTemporaryDir dir;
    const QString store = dir.filePath(QStringLiteral("first-seen.bin"));
    {
        TriageSession session(store);
        QVERIFY(session.load(T0));
        pass(session, {newestFirst("w", 0, 3, QStringLiteral("waiting"))}, T0);
        QVERIFY(session.save());
    }
    // A new start: the jobs known from the file are one epoch; jobs seen since can overtake them.
    TriageSession session(store);
    QVERIFY(session.load(T0 + Minute));
    QCOMPARE(session.overtakenWatch().waitingCount(), 3);
    JobList page = newestFirst("w", 0, 3, QStringLiteral("waiting"));
    page += newestFirst("c", 0, 120, QStringLiteral("failed"));
    pass(session, {page}, T0 + 2 * Minute);
    QCOMPARE(session.overtakenBy(QStringLiteral("w0")), 120);
    QCOMPARE(session.stuckCount(), 3);
}

void TestWaiting::stuckTabRowsSayOvertaken()
{
    // The model reads the clock: passes of ten minutes ago, under the 30 min of the age rule.
    const qint64 start = QDateTime::currentMSecsSinceEpoch() - 10 * Minute;
    TriageSession session;
    pass(session, {newestFirst("w", 0, 3, QStringLiteral("waiting"))}, start);
    JobList page = newestFirst("w", 0, 3, QStringLiteral("waiting"));
    page += newestFirst("c", 0, 140, QStringLiteral("completed"));
    page += job(QStringLiteral("later"), QStringLiteral("waiting"));
    pass(session, {page}, start + Minute);

    JobModel model;
    model.setTriage(&session);
    model.mergePage(page);
    JobFilterModel filter;
    filter.setJobModel(&model);
    filter.setStuckOnly(true); // the Stuck tab
    QCOMPARE(filter.rowCount(), 3);
    for (int row = 0; row < filter.rowCount(); ++row) {
        const QString age = filter.index(row, JobModel::AgeColumn).data().toString();
        QVERIFY2(age.startsWith(QStringLiteral("⚠ ")) &&
                     age.endsWith(QStringLiteral("overtaken by 140 later jobs")),
                 qPrintable(age));
        QVERIFY(filter.index(row, 0).data(JobModel::StuckRole).toBool());
    }
    // The job first seen with them is not overtaken: its Age has no such words.
    const int later = model.rowOf(QStringLiteral("later"));
    QVERIFY(!model.index(later, JobModel::AgeColumn).data().toString().contains(QStringLiteral("overtaken")));
}

void TestWaiting::thresholdIsASetting()
{
    TriageSession session;
    pass(session, {newestFirst("w", 0, 3, QStringLiteral("waiting"))}, T0);
    JobList page = newestFirst("w", 0, 3, QStringLiteral("waiting"));
    page += newestFirst("c", 0, 140, QStringLiteral("completed"));
    pass(session, {page}, T0 + Minute);
    QCOMPARE(session.stuckCount(), 3);
    StuckThresholds thresholds = session.thresholds();
    thresholds.overtakenJobs = 200;
    session.setThresholds(thresholds, T0 + Minute);
    QCOMPARE(session.stuckCount(), 0);
    QVERIFY(!session.verdict(job(QStringLiteral("w0"), QStringLiteral("waiting")), T0 + Minute).stuck);
    QCOMPARE(session.overtakenBy(QStringLiteral("w0")), 140); // the count stays; only the flag moved

    // Saved and read back with the other thresholds; a value out of range reads as the default.
    QTemporaryDir dir;
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, dir.path());
    const QUrl server(QStringLiteral("https://example.invalid"));
    thresholds.save(QStringLiteral("prod"), server);
    QCOMPARE(StuckThresholds::load(QStringLiteral("prod"), server).overtakenJobs, 200);
    QSettings settings;
    settings.setValue(StuckThresholds::settingsGroup(QStringLiteral("prod"), server) +
                          QStringLiteral("/stuckOvertakenJobs"),
                      0);
    settings.sync();
    QCOMPARE(StuckThresholds::load(QStringLiteral("prod"), server).overtakenJobs,
             StuckThresholds::DefaultOvertakenJobs);
}

void TestWaiting::jobsAheadInTheListedOrder()
{
    // As BullMQ lists them: newest first, so the ones ahead of w4 are listed after it.
    const QStringList listed = {QStringLiteral("w5"), QStringLiteral("w4"), QStringLiteral("w3"),
                                QStringLiteral("w2"), QStringLiteral("w1")};
    QCOMPARE(waitingJobsAhead(listed, QStringLiteral("w4")), 3);
    QCOMPARE(waitingJobsAhead(listed, QStringLiteral("w1")), 0);
    QCOMPARE(waitingJobsAhead(listed, QStringLiteral("w5")), 4);
    QCOMPARE(waitingJobsAhead(listed, QStringLiteral("w4"), WaitingListOrder::OldestFirst), 1);
    QCOMPARE(waitingJobsAhead(listed, QStringLiteral("new")), -1); // not in the last complete pass
    QCOMPARE(waitingJobsAhead({}, QStringLiteral("w4")), -1);

    // Jobs that started since that pass are no longer ahead of it (as the first-seen store knows them).
    TriageSession session;
    pass(session, {newestFirst("w", 1, 5, QStringLiteral("waiting"))}, T0);
    QCOMPARE(session.lastWaitingOrder(), listed);
    QCOMPARE(session.lastWaitingOrderMs(), T0 + Second);
    session.beginPass();
    session.observePage({job(QStringLiteral("w1"), QStringLiteral("active"))}, T0 + Minute);
    session.endPass(false, T0 + Minute); // incomplete: the order of the last complete pass stays
    QCOMPARE(session.lastWaitingOrder(), listed);
    QCOMPARE(waitingJobsAhead(session.lastWaitingOrder(), QStringLiteral("w4"), WaitingListOrder::NewestFirst,
                              &session.store()),
             2);
}

void TestWaiting::startEstimateFromTheThroughput()
{
    PositionEstimate estimate = Forecast::position(640, 80);
    QCOMPARE(estimate.ahead, 640);
    QCOMPARE(estimate.startsInMs, 8 * Minute);
    QCOMPARE(estimate.text, QStringLiteral("about 640 ahead of it — starts in ~8 min"));
    QCOMPARE(Forecast::position(12400, 85).text, QStringLiteral("about 12,400 ahead of it — starts in ~2 h"));
    QCOMPARE(Forecast::position(0, 85).text, QStringLiteral("next in line — starts in under a minute"));
    estimate = Forecast::position(640, 0);
    QCOMPARE(estimate.startsInMs, -1);
    QCOMPARE(estimate.text, QStringLiteral("about 640 ahead of it — no start time while nothing completes"));
    estimate = Forecast::position(-1, 85);
    QCOMPARE(estimate.startsInMs, -1);
    QCOMPARE(estimate.text, QStringLiteral("its place in the waiting list is not known yet"));
    // Without a monitor there is nothing to say.
    QVERIFY(positionText(nullptr, QStringLiteral("w1")).isEmpty());
}

QTEST_GUILESS_MAIN(TestWaiting)
#include "tst_waiting.moc"
