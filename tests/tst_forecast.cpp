// The drain forecast (Forecast) on synthetic one-minute series — draining, stalled, growing, holding, noisy
// rates widening the interval — the per-job start estimate, and the overtaken rule (OvertakenWatch).
#include "core/positionestimate.h"
#include "history/forecast.h"
#include "history/overtaken.h"

#include <QElapsedTimer>
#include <QLocale>
#include <QTemporaryDir>
#include <QTest>

using namespace Alchemyst;

namespace {

constexpr qint64 T0 = 1767225600000; // 2026-01-01T00:00:00Z
constexpr qint64 Minute = HistoryStore::MinuteMs;

// Minutes oldest first: completed[i] completions in minute i, and a complete pass in it that saw backlog[i]
// (waiting; delayed kept at 0) when backlog[i] >= 0.
QList<HistoryBucket> series(const QList<int>& completed, const QList<int>& backlog)
{
    QList<HistoryBucket> out;
    for (qsizetype i = 0; i < completed.size(); ++i) {
        HistoryBucket bucket;
        bucket.startMs = T0 + i * Minute;
        bucket.completed = completed.at(i);
        bucket.gap = false;
        if (backlog.at(i) >= 0) {
            bucket.depth = {backlog.at(i), 0, 4, 1000, 10, 0, 0};
            bucket.passes = 1;
        }
        out.append(bucket);
    }
    return out;
}

QList<int> constant(int value, int count)
{
    return QList<int>(count, value);
}

// A backlog that falls by perMinute each minute (rises when negative) and ends at last.
QList<int> line(int last, int perMinute, int count)
{
    QList<int> values;
    for (int i = 0; i < count; ++i)
        values.append(last + perMinute * (count - 1 - i));
    return values;
}

StateChange sighting(const QString& id, const QString& from, const QString& to, qint64 since)
{
    StateChange change;
    change.id = id;
    change.from = from;
    change.to = to;
    change.sinceMs = since;
    return change;
}

const QString Waiting = QStringLiteral("waiting");
const QString Active = QStringLiteral("active");
const QString Completed = QStringLiteral("completed");

} // namespace

class TestForecast : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void draining();
    void stalled();
    void growing();
    void holding();
    void noisy();
    void positionEstimate();
    void overtakenRule();
    void overtakenStagedPageByPageIsTheSame();
    void overtakenStaysSmall();
    void currentTakesTheBacklogOfTheNewestPass();
};

void TestForecast::initTestCase()
{
    // Digit grouping as the sentences in the issue write it.
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
}

void TestForecast::draining()
{
    // 85 a minute, nothing arriving: the backlog falls by 85 a minute to 1,240.
    const DrainForecast forecast = Forecast::drain(series(constant(85, 20), line(1240, 85, 20)));
    QCOMPARE(forecast.verdict, DrainVerdict::Draining);
    QCOMPARE(drainVerdictName(forecast.verdict), QStringLiteral("draining"));
    QCOMPARE(forecast.backlog, 1240);
    QCOMPARE(forecast.windowMinutes, 15);
    QCOMPARE(forecast.throughputPerMinute, 85.0);
    QVERIFY(forecast.slopeKnown);
    QVERIFY(qAbs(forecast.backlogSlopePerMinute + 85) < 1e-6);
    QVERIFY(qAbs(forecast.arrivalsPerMinute) < 1e-6);
    QCOMPARE(forecast.drainMs, qint64(std::llround(1240.0 / 85 * Minute)));
    // Every minute the same: the interval has no width.
    QCOMPARE(forecast.drainLowMs, forecast.drainMs);
    QCOMPARE(forecast.drainHighMs, forecast.drainMs);
    QCOMPARE(forecast.sentence,
             QStringLiteral("Draining: 1,240 waiting, 85 completed a minute — clears in about 15 min"));

    // With arrivals the end comes later: 85 done, 60 arriving, the backlog falls by 25 a minute.
    const DrainForecast slower = Forecast::drain(series(constant(85, 15), line(1240, 25, 15)));
    QCOMPARE(slower.verdict, DrainVerdict::Draining);
    QVERIFY(qAbs(slower.arrivalsPerMinute - 60) < 1e-6);
    QCOMPARE(slower.drainMs, qint64(std::llround(1240.0 / 25 * Minute)));
    QVERIFY2(slower.sentence.endsWith(QStringLiteral("clears in about 50 min")), qPrintable(slower.sentence));

    // Only the last 15 minutes count: a slow start an hour ago does not.
    QList<int> rates = constant(1, 30) + constant(85, 15);
    const DrainForecast recent = Forecast::drain(series(rates, line(1240, 85, 45)));
    QCOMPARE(recent.throughputPerMinute, 85.0);

    // Too little history for a verdict.
    const DrainForecast young = Forecast::drain(series(constant(85, 2), line(1240, 85, 2)));
    QCOMPARE(young.verdict, DrainVerdict::Unknown);
    QCOMPARE(young.drainMs, -1);
    QCOMPARE(Forecast::drain({}).verdict, DrainVerdict::Unknown);
    // Nothing waiting.
    const DrainForecast idle = Forecast::drain(series(constant(5, 15), constant(0, 15)));
    QCOMPARE(idle.verdict, DrainVerdict::Idle);
    QCOMPARE(idle.drainMs, -1);
}

void TestForecast::stalled()
{
    const DrainForecast forecast = Forecast::drain(series(constant(0, 15), constant(1240, 15)));
    QCOMPARE(forecast.verdict, DrainVerdict::Stalled);
    QCOMPARE(drainVerdictName(forecast.verdict), QStringLiteral("stalled"));
    QCOMPARE(forecast.sentence, QStringLiteral("Stalled: nothing completed in 15 min while 1,240 wait"));
    QCOMPARE(forecast.drainMs, -1);
    QCOMPARE(forecast.drainLowMs, -1);
    QCOMPARE(forecast.drainHighMs, -1);

    // Growing and nothing completing is stalled first: the queue is not being worked at all.
    const DrainForecast worse = Forecast::drain(series(constant(0, 15), line(1240, -10, 15)));
    QCOMPARE(worse.verdict, DrainVerdict::Stalled);

    // A completion 14 minutes ago is not a stall.
    QList<int> rates = constant(0, 15);
    rates[1] = 1;
    QVERIFY(Forecast::drain(series(rates, constant(1240, 15))).verdict != DrainVerdict::Stalled);

    // Ten minutes of nothing are not yet fifteen: no verdict.
    const DrainForecast early = Forecast::drain(series(constant(0, 10), constant(1240, 10)));
    QCOMPARE(early.verdict, DrainVerdict::Unknown);
}

void TestForecast::growing()
{
    // 20 done a minute while the backlog rises by 40 a minute: 60 arrive.
    const DrainForecast forecast = Forecast::drain(series(constant(20, 15), line(1240, -40, 15)));
    QCOMPARE(forecast.verdict, DrainVerdict::Growing);
    QCOMPARE(drainVerdictName(forecast.verdict), QStringLiteral("growing"));
    QVERIFY(qAbs(forecast.backlogSlopePerMinute - 40) < 1e-6);
    QVERIFY(qAbs(forecast.arrivalsPerMinute - 60) < 1e-6);
    QVERIFY2(forecast.sentence.startsWith(QStringLiteral("Growing: +40 a minute")),
             qPrintable(forecast.sentence));
    QCOMPARE(forecast.drainMs, -1);

    // Passes every few minutes, and incomplete ones ignored for the slope (their counts are lower bounds).
    QList<int> backlog = line(1240, -40, 15);
    for (int i = 0; i < 15; ++i) {
        if (i % 3 != 0)
            backlog[i] = -1;
    }
    QList<HistoryBucket> sparse = series(constant(20, 15), backlog);
    sparse[6].incomplete = true;
    sparse[6].depth[0] = 5; // would drag the slope down if it counted
    const DrainForecast fewer = Forecast::drain(sparse);
    QCOMPARE(fewer.verdict, DrainVerdict::Growing);
    QVERIFY(qAbs(fewer.backlogSlopePerMinute - 40) < 1e-6);
}

void TestForecast::holding()
{
    // As many arrive as complete: no end to promise.
    const DrainForecast forecast = Forecast::drain(series(constant(85, 15), constant(1240, 15)));
    QCOMPARE(forecast.verdict, DrainVerdict::Holding);
    QCOMPARE(forecast.drainMs, -1);
    QVERIFY2(forecast.sentence.startsWith(QStringLiteral("Holding: 1,240 waiting, 85 completed a minute")),
             qPrintable(forecast.sentence));
}

void TestForecast::noisy()
{
    // The same mean (85) as a steady queue, minute rates between 20 and 150: the estimate is the same, the
    // interval wide; the steady one has none.
    const QList<int> steadyRates = constant(85, 15);
    const QList<int> noisyRates = {20, 150, 40, 130, 85, 60, 110, 20, 150, 85, 30, 140, 70, 100, 85};
    int sum = 0;
    for (int rate : noisyRates)
        sum += rate;
    QCOMPARE(sum, 85 * 15);
    const DrainForecast steady = Forecast::drain(series(steadyRates, line(1240, 85, 15)));
    const DrainForecast noisy = Forecast::drain(series(noisyRates, line(1240, 85, 15)));
    QCOMPARE(noisy.verdict, DrainVerdict::Draining);
    QCOMPARE(noisy.drainMs, steady.drainMs);
    QVERIFY(noisy.drainLowMs < noisy.drainMs);
    QVERIFY(noisy.drainHighMs > noisy.drainMs);
    QVERIFY(noisy.drainHighMs - noisy.drainLowMs > steady.drainHighMs - steady.drainLowMs);
    // From the 80th and 20th percentile rates: 1,240 / 132 and 1,240 / 38 minutes.
    QCOMPARE(Forecast::percentile({20, 150, 40, 130, 85, 60, 110, 20, 150, 85, 30, 140, 70, 100, 85}, 0.8),
             132.0);
    QCOMPARE(Forecast::percentile({20, 150, 40, 130, 85, 60, 110, 20, 150, 85, 30, 140, 70, 100, 85}, 0.2),
             38.0);
    QCOMPARE(noisy.drainLowMs, qint64(std::llround(1240.0 / 132 * Minute)));
    QCOMPARE(noisy.drainHighMs, qint64(std::llround(1240.0 / 38 * Minute)));

    // So noisy that a slow minute does not drain at all (the 20th percentile is below the arrivals): the
    // interval has no upper end.
    const QList<int> wild = {0, 0, 0, 0, 0, 200, 200, 200, 0, 0, 0, 200, 0, 200, 200};
    const DrainForecast open = Forecast::drain(series(wild, line(1240, 20, 15)));
    QCOMPARE(open.verdict, DrainVerdict::Draining);
    QVERIFY(open.drainMs > 0);
    QCOMPARE(open.drainHighMs, -1);
}

void TestForecast::positionEstimate()
{
    PositionEstimate estimate = Forecast::position(640, 80);
    QCOMPARE(estimate.text, QStringLiteral("about 640 ahead of it — starts in ~8 min"));
    QCOMPARE(estimate.startsInMs, 8 * Minute);
    QCOMPARE(estimate.ahead, 640);

    estimate = Forecast::position(12400, 85);
    QCOMPARE(estimate.text, QStringLiteral("about 12,400 ahead of it — starts in ~2 h"));

    estimate = Forecast::position(0, 85);
    QCOMPARE(estimate.text, QStringLiteral("next in line — starts in under a minute"));
    QCOMPARE(estimate.startsInMs, 0);

    estimate = Forecast::position(640, 0);
    QCOMPARE(estimate.startsInMs, -1);
    QCOMPARE(estimate.text, QStringLiteral("about 640 ahead of it — no start time while nothing completes"));

    estimate = Forecast::position(-1, 85);
    QCOMPARE(estimate.startsInMs, -1);
    QVERIFY(estimate.text.contains(QStringLiteral("not known")));

    QCOMPARE(Forecast::aboutText(3 * HistoryStore::DayMs), QStringLiteral("about 3 days"));
    QCOMPARE(Forecast::aboutText(30000), QStringLiteral("less than a minute"));
}

void TestForecast::overtakenStagedPageByPageIsTheSame()
{
    // A pass's changes staged a page at a time and given their epoch at the end count as the whole pass
    // applied at once: the same epochs, the same starts, the same answers for every job.
    const auto pass = [](int n) {
        StateChangeList changes;
        for (int i = 0; i < 40; ++i) {
            const QString id = QStringLiteral("j%1").arg(i);
            if (n == 1)
                changes.append(sighting(id, QString(), Waiting, T0 + i));
            else if (n == 2 && i % 3 == 0)
                changes.append(sighting(id, Waiting, Active, T0 + Minute + i));
            else if (n == 2 && i % 7 == 0)
                changes.append(sighting(id, Waiting, QString(), T0 + Minute + i)); // gone
        }
        for (int i = 0; i < 30; ++i) {
            const QString id = QStringLiteral("p%1s%2").arg(n).arg(i);
            changes.append(sighting(id, QString(), i % 4 == 0 ? Completed : Waiting, T0 + n * Minute + i));
        }
        if (n == 2) // entered and left within this pass: a start at its epoch
            changes.append(sighting(QStringLiteral("p2s1"), Waiting, Active, T0 + 2 * Minute + 50));
        return changes;
    };
    OvertakenWatch whole(5);
    OvertakenWatch staged(5);
    for (int n = 1; n <= 3; ++n) {
        const StateChangeList changes = pass(n);
        whole.apply(changes);
        for (qsizetype at = 0; at < changes.size(); at += 7)
            staged.stage(changes.mid(at, 7));
        if (n == 2) { // between pages the staged jobs read as not waiting yet
            QCOMPARE(staged.epochMsOf(QStringLiteral("p2s2")), -1);
            QCOMPARE(staged.overtakenBy(QStringLiteral("p2s2")), 0);
        }
        staged.finishStaged();
        QCOMPARE(staged.waitingCount(), whole.waitingCount());
        QCOMPARE(staged.epochCount(), whole.epochCount());
        QCOMPARE(staged.overtakenCutoffMs(), whole.overtakenCutoffMs());
        for (int p = 1; p <= n; ++p) {
            for (int i = 0; i < 40; ++i) {
                for (const QString& id :
                     {QStringLiteral("j%1").arg(i), QStringLiteral("p%1s%2").arg(p).arg(i)}) {
                    QCOMPARE(staged.epochMsOf(id), whole.epochMsOf(id));
                    QCOMPARE(staged.overtakenBy(id), whole.overtakenBy(id));
                }
            }
        }
    }
    QVERIFY(whole.overtakenCutoffMs() >= 0); // the rule did fire, so the comparison meant something
}

void TestForecast::overtakenRule()
{
    OvertakenWatch watch; // K = 100
    QCOMPARE(watch.threshold(), 100);
    // The first pass: three waiting, some running; first sightings within one pass say nothing about order.
    StateChangeList first = {sighting(QStringLiteral("w1"), QString(), Waiting, T0),
                             sighting(QStringLiteral("w2"), QString(), Waiting, T0 + 10),
                             sighting(QStringLiteral("w3"), QString(), Waiting, T0 + 20),
                             sighting(QStringLiteral("a1"), QString(), Active, T0 + 30)};
    watch.seed(first);
    QCOMPARE(watch.waitingCount(), 3);
    QCOMPARE(watch.overtakenBy(QStringLiteral("w1")), 0);

    // The second pass: 150 new jobs waiting.
    StateChangeList second;
    for (int i = 0; i < 150; ++i)
        second.append(sighting(QStringLiteral("n%1").arg(i), QString(), Waiting, T0 + Minute));
    watch.apply(second);
    QCOMPARE(watch.waitingCount(), 153);

    // The third: 99 of the new ones start, and w3 starts too: seen in the same pass as w1 and w2, it is not
    // later than them, and earlier than the new ones.
    StateChangeList third;
    for (int i = 0; i < 99; ++i)
        third.append(sighting(QStringLiteral("n%1").arg(i), Waiting, Active, T0 + 2 * Minute));
    third.append(sighting(QStringLiteral("w3"), Waiting, Active, T0 + 2 * Minute));
    watch.apply(third);
    QCOMPARE(watch.overtakenBy(QStringLiteral("w1")), 99);
    QCOMPARE(watch.overtakenBy(QStringLiteral("w2")), 99);
    QVERIFY(!watch.isOvertaken(QStringLiteral("w1")));
    QCOMPARE(watch.overtakenBy(QStringLiteral("n120")),
             0); // the ones started were first seen with it, not after
    QCOMPARE(watch.overtakenBy(QStringLiteral("w3")), 0); // not waiting
    QCOMPARE(watch.overtakenCutoffMs(), -1);

    // One more: a job that appeared and finished between passes was queued after everything waiting.
    watch.apply({sighting(QStringLiteral("quick"), QString(), Completed, T0 + 3 * Minute)});
    QCOMPARE(watch.overtakenBy(QStringLiteral("w1")), 100);
    QVERIFY(watch.isOvertaken(QStringLiteral("w1")));
    QVERIFY(watch.isOvertaken(QStringLiteral("w2")));
    QCOMPARE(watch.overtakenBy(QStringLiteral("n120")), 1);
    QVERIFY(!watch.isOvertaken(QStringLiteral("n120")));
    // The first pass's jobs (one epoch, its latest sighting) are overtaken; the second pass's are not.
    QCOMPARE(watch.overtakenCutoffMs(), T0 + 20);

    // Counted once: active → completed is not a second start. Leaving for delayed, being cancelled or
    // disappearing is not a start at all.
    StateChangeList fourth;
    for (int i = 0; i < 99; ++i)
        fourth.append(sighting(QStringLiteral("n%1").arg(i), Active, Completed, T0 + 4 * Minute));
    fourth.append(sighting(QStringLiteral("n100"), Waiting, QStringLiteral("delayed"), T0 + 4 * Minute));
    fourth.append(sighting(QStringLiteral("n101"), Waiting, QStringLiteral("cancelled"), T0 + 4 * Minute));
    fourth.append(sighting(QStringLiteral("n102"), Waiting, QString(), T0 + 4 * Minute));
    fourth.append(sighting(QStringLiteral("d1"), QStringLiteral("delayed"), Active, T0 + 4 * Minute));
    watch.apply(fourth);
    QCOMPARE(watch.overtakenBy(QStringLiteral("w1")), 100);
    QCOMPARE(watch.waitingCount(), 2 + 150 - 99 - 3);

    // w1 finally starts: no longer waiting, no longer flagged.
    watch.apply({sighting(QStringLiteral("w1"), Waiting, Active, T0 + 5 * Minute)});
    QCOMPARE(watch.overtakenBy(QStringLiteral("w1")), 0);
    QVERIFY(watch.isOvertaken(QStringLiteral("w2")));

    // A lower threshold flags more; the count itself does not change.
    watch.setThreshold(1);
    QVERIFY(watch.isOvertaken(QStringLiteral("n120")));
    QCOMPARE(watch.overtakenCutoffMs(), T0 + Minute);
}

void TestForecast::overtakenStaysSmall()
{
    // 200,000 waiting jobs seeded, then 2,000 passes each bringing 50 new jobs (a new epoch each) and
    // starting the 50 oldest: the epochs follow the waiting list, not the number of passes, and the answers
    // hold.
    OvertakenWatch watch;
    StateChangeList seed;
    for (int i = 0; i < 200000; ++i)
        seed.append(sighting(QString::number(i), QString(), Waiting, T0));
    QElapsedTimer timer;
    timer.start();
    watch.seed(seed);
    int next = 200000;
    int oldest = 0;
    for (int pass = 1; pass <= 2000; ++pass) {
        StateChangeList changes;
        for (int i = 0; i < 50; ++i)
            changes.append(sighting(QString::number(next++), QString(), Waiting, T0 + pass * Minute));
        for (int i = 0; i < 50; ++i)
            changes.append(sighting(QString::number(oldest++), Waiting, Active, T0 + pass * Minute));
        watch.apply(changes);
    }
    qInfo("200,000 seeded + 2,000 passes of 100 changes: %lld ms, %d epochs",
          static_cast<long long>(timer.elapsed()), watch.epochCount());
    QCOMPARE(watch.waitingCount(), 200000);
    QVERIFY2(watch.epochCount() <= 2 * 2001 + 1024 + 1, qPrintable(QString::number(watch.epochCount())));
    // Worked in order: nobody overtaken.
    QCOMPARE(watch.overtakenBy(QString::number(oldest)), 0);
    QCOMPARE(watch.overtakenCutoffMs(), -1);
    // Now the newest 150 start first: every older one is overtaken by 150.
    StateChangeList jump;
    for (int i = 1; i <= 150; ++i)
        jump.append(sighting(QString::number(next - i), Waiting, Active, T0 + 2001 * Minute));
    watch.apply(jump);
    QCOMPARE(watch.overtakenBy(QString::number(oldest)), 150);
    QCOMPARE(watch.overtakenBy(QString::number(next - 151)), 150); // first seen a pass before those 150
    QCOMPARE(watch.overtakenBy(QString::number(next - 201)), 150);
    QCOMPARE(watch.overtakenCutoffMs(), T0 + 1997 * Minute); // the newest pass that still has a job waiting
}

// The verdict beside the counts names the backlog the newest pass saw, also one that ended in the running
// minute; the rates still come from whole minutes only (the demo's first minute said "64 waiting" from its
// generated past while its list showed 33).
void TestForecast::currentTakesTheBacklogOfTheNewestPass()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    HistoryStore store(dir.filePath(QStringLiteral("history.sqlite")));
    QVERIFY(store.isRecording());
    const QString key = QStringLiteral("test|http://127.0.0.1:1");
    constexpr int Minutes = 15;
    QList<ChangeRecord> completions;
    for (int minute = 0; minute < Minutes; ++minute) {
        PassRecord pass;
        pass.startedMs = T0 + minute * Minute + 1000;
        pass.endedMs = pass.startedMs + 500;
        pass.complete = true;
        pass.requests = 2;
        pass.counts = {1240 - 85 * minute, 0, 4, 1000, 10, 0, 0};
        pass.jobsSeen = 2000;
        QVERIFY(store.recordPass(key, pass));
        for (int i = 0; i < 85; ++i) {
            const qint64 finished = T0 + minute * Minute + 2000 + i * 100;
            completions.append(ChangeRecord{QStringLiteral("job-%1-%2").arg(minute).arg(i),
                                            QStringLiteral("active"), QStringLiteral("completed"),
                                            finished + 500, finished - 20000, finished});
        }
    }
    QVERIFY(store.recordChanges(key, completions));
    const qint64 running = T0 + Minutes * Minute;

    // No pass in the running minute yet: the last whole minute's backlog.
    const DrainForecast before = Forecast::current(store, key, running + 20000);
    QCOMPARE(before.backlog, 1240 - 85 * (Minutes - 1));
    QCOMPARE(before.verdict, DrainVerdict::Draining);
    QCOMPARE(before.throughputPerMinute, 85.0);

    // A pass in the running minute: its backlog, and the same rates (its minute's completions so far are
    // not a minute's worth).
    PassRecord now;
    now.startedMs = running + 5000;
    now.endedMs = running + 6000;
    now.complete = true;
    now.counts = {30, 3, 4, 1000, 10, 0, 0};
    QVERIFY(store.recordPass(key, now));
    QVERIFY(store.recordChanges(
        key, {ChangeRecord{QStringLiteral("late"), QStringLiteral("active"), QStringLiteral("completed"),
                           running + 5500, running + 1000, running + 5000}}));
    const DrainForecast after = Forecast::current(store, key, running + 20000);
    QCOMPARE(after.backlog, 33);
    QCOMPARE(after.backlogAtMs, running);
    QCOMPARE(after.throughputPerMinute, 85.0);
    QVERIFY2(after.sentence.contains(QLatin1String("33 waiting")), qPrintable(after.sentence));

    // Read back by the rule the window and the CLI share.
    QCOMPARE(currentForecast(&store, key, running + 20000).backlog, 33);
}

QTEST_GUILESS_MAIN(TestForecast)
#include "tst_forecast.moc"
