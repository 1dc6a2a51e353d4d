// The history (HistoryStore) on real SQLite files: passes and changes stored and read back, completions per
// minute from finishedOn, gaps left as gaps, retention and down-sampling under an injected clock, two
// processes writing one file at once, damaged and newer files kept aside, a full disk (SQLite's
// max_page_count) stopping the recording with a sentence, and the files' permissions.
// The second writers are this test binary run again with --child.
#include "history/historystore.h"
#include "history/recorder.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <cstdio>

#ifdef Q_OS_UNIX
#include <sys/stat.h>
#endif

using namespace Alchemyst;

namespace {

constexpr qint64 T0 = 1767225600000; // 2026-01-01T00:00:00Z
constexpr qint64 Minute = HistoryStore::MinuteMs;
constexpr qint64 Hour = HistoryStore::HourMs;
constexpr qint64 Day = HistoryStore::DayMs;

const QString EnvA = QStringLiteral("env-a");
const QString EnvB = QStringLiteral("env-b");

PassRecord makePass(qint64 started, qint64 ended, bool complete = true, int waiting = 40)
{
    PassRecord pass;
    pass.startedMs = started;
    pass.endedMs = ended;
    pass.complete = complete;
    pass.requests = 3;
    pass.jobsSeen = waiting + 60;
    pass.counts = {waiting, 5, 3, 50, 2, 0, 0};
    return pass;
}

ChangeRecord change(const QString& id, const QString& from, const QString& to, qint64 observed,
                    qint64 processed = 0, qint64 finished = 0)
{
    return ChangeRecord{id, from, to, observed, processed, finished};
}

ChangeRecord completion(const QString& id, qint64 observed, qint64 processed, qint64 finished,
                        const QString& to = QStringLiteral("completed"))
{
    return change(id, QStringLiteral("active"), to, observed, processed, finished);
}

int modeOf(const QString& path)
{
#ifdef Q_OS_UNIX
    struct stat info;
    if (::stat(QFile::encodeName(path).constData(), &info) != 0)
        return -1;
    return static_cast<int>(info.st_mode & 0777);
#else
    Q_UNUSED(path)
    return -1;
#endif
}

int sumCompleted(const QList<HistoryBucket>& buckets)
{
    int sum = 0;
    for (const HistoryBucket& bucket : buckets)
        sum += bucket.completed;
    return sum;
}

// The child of twoWritersAtOnce: opens the file, says "ready", waits for "go" on stdin, then writes
// 200 transactions (100 passes, 100 batches of 3 completions) as fast as it can.
int runChild(const QString& path, const QString& label)
{
    HistoryStore store(path);
    if (!store.isRecording()) {
        std::fprintf(stderr, "child %s: %s\n", qPrintable(label), qPrintable(store.openProblem()));
        return 2;
    }
    store.setClock([] { return T0 + Hour; });
    std::printf("ready\n");
    std::fflush(stdout);
    char line[16] = {};
    if (!std::fgets(line, sizeof line, stdin))
        return 3;
    for (int i = 0; i < 200; ++i) {
        bool ok = false;
        if (i % 2 == 0) {
            ok = store.recordPass(EnvA, makePass(T0 + i * 1000, T0 + i * 1000 + 500));
        } else {
            QList<ChangeRecord> batch;
            for (int j = 0; j < 3; ++j) {
                const QString id = QStringLiteral("%1-%2-%3").arg(label).arg(i).arg(j);
                batch.append(completion(id, T0 + 30 * Minute, T0 + 5 * Minute, T0 + 10 * Minute + i * 100));
            }
            ok = store.recordChanges(EnvA, batch);
        }
        if (!ok) {
            std::fprintf(stderr, "child %s, transaction %d: %s\n", qPrintable(label), i,
                         qPrintable(store.writeProblem()));
            return 4;
        }
    }
    return 0;
}

} // namespace

class TestHistory : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void passesAndChangesAreStored();
    void completionsPerMinuteComeFromFinishedOn();
    void gapsAreNotInterpolated();
    void retentionDownsamplesWithAnInjectedClock();
    void twoWritersAtOnce();
    void damagedFileIsKeptAside_data();
    void damagedFileIsKeptAside();
    void newerVersionIsKeptAside();
    void fullDiskStopsRecordingWithAProblem();
    void permissionsAre0600();
    void recorderRecordsAFirstPassWithoutItsChanges();

private:
    QString path() const { return m_dir->path() + QStringLiteral("/data/history.sqlite"); }
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestHistory::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestHistory::passesAndChangesAreStored()
{
    const QString odd = QStringLiteral("a'b\"c\\d\u00e9");
    {
        HistoryStore store(path());
        QVERIFY2(store.isRecording(), qPrintable(store.openProblem()));
        QVERIFY(store.openProblem().isEmpty());
        store.setClock([] { return T0 + 10 * Minute; });
        QVERIFY(store.recordPass(EnvA, makePass(T0, T0 + 30000, true)));
        QVERIFY(store.recordPass(EnvA, makePass(T0 + Minute, T0 + Minute + 30000, false, 41)));
        QVERIFY(store.recordPass(EnvB, makePass(T0, T0 + 20000, true, 7)));
        QVERIFY(store.recordChanges(
            EnvA, {change(QStringLiteral("42"), QString(), QStringLiteral("waiting"), T0 + 30000),
                   change(QStringLiteral("42"), QStringLiteral("waiting"), QStringLiteral("active"),
                          T0 + 90000, T0 + 80000),
                   change(odd, QString(), QStringLiteral("prioritized"), T0 + 30000),
                   change(QStringLiteral("007"), QString(), QStringLiteral("waiting"), T0 + 30000)}));
        QVERIFY(store.recordChanges(
            EnvA, {completion(QStringLiteral("42"), T0 + 150000, T0 + 80000, T0 + 140000),
                   change(QStringLiteral("42"), QStringLiteral("completed"), QString(), T0 + 210000)}));
        QVERIFY(store.recordChanges(EnvB, {change(QStringLiteral("42"), QString(), QStringLiteral("failed"),
                                                  T0 + 20000, T0 + 1000, T0 + 2000)}));
    }

    // A new instance reads what the first one wrote.
    HistoryStore store(path());
    QVERIFY2(store.isRecording(), qPrintable(store.openProblem()));
    const QList<PassRecord> passes = store.passes(EnvA, T0, T0 + Hour);
    QCOMPARE(passes.size(), 2);
    QCOMPARE(passes.at(0), makePass(T0, T0 + 30000, true));
    QCOMPARE(passes.at(1), makePass(T0 + Minute, T0 + Minute + 30000, false, 41));
    QCOMPARE(store.passes(EnvB, T0, T0 + Hour).size(), 1);
    QCOMPARE(store.passes(EnvB, T0, T0 + Hour).at(0).counts[0], 7);
    QVERIFY(store.passes(QStringLiteral("nowhere"), T0, T0 + Hour).isEmpty());
    QCOMPARE(store.lastCompletePassMs(EnvA), T0 + 30000); // the later pass was incomplete
    QCOMPARE(store.lastCompletePassMs(QStringLiteral("nowhere")), 0);

    const QList<ChangeRecord> timeline = store.changesOf(EnvA, QStringLiteral("42"));
    const QList<ChangeRecord> expected = {
        change(QStringLiteral("42"), QString(), QStringLiteral("waiting"), T0 + 30000),
        change(QStringLiteral("42"), QStringLiteral("waiting"), QStringLiteral("active"), T0 + 90000,
               T0 + 80000),
        completion(QStringLiteral("42"), T0 + 150000, T0 + 80000, T0 + 140000),
        change(QStringLiteral("42"), QStringLiteral("completed"), QString(), T0 + 210000),
    };
    QCOMPARE(timeline, expected);
    // Environments keep their own timelines; ids are kept as written, whatever they hold.
    QCOMPARE(store.changesOf(EnvB, QStringLiteral("42")).size(), 1);
    QCOMPARE(store.changesOf(EnvA, odd).size(), 1);
    QCOMPARE(store.changesOf(EnvA, odd).at(0).to, QStringLiteral("prioritized"));
    QCOMPARE(store.changesOf(EnvA, QStringLiteral("007")).size(), 1);
    QVERIFY(store.changesOf(EnvA, QStringLiteral("7")).isEmpty());
    QVERIFY(store.changesOf(EnvA, QStringLiteral("43")).isEmpty());
    QCOMPARE(store.environments(), QStringList({EnvA, EnvB}));
}

void TestHistory::completionsPerMinuteComeFromFinishedOn()
{
    HistoryStore store(path());
    QVERIFY2(store.isRecording(), qPrintable(store.openProblem()));
    store.setClock([] { return T0 + Hour; });
    // One pass at minute 10 sees jobs that finished at minutes 1, 3 and 7: they count where they finished.
    const QList<ChangeRecord> seen = {
        completion(QStringLiteral("1"), T0 + 10 * Minute, T0 + 1 * Minute - 10000, T0 + 1 * Minute + 5000),
        completion(QStringLiteral("2"), T0 + 10 * Minute, T0 + 1 * Minute - 20000, T0 + 1 * Minute + 59999),
        completion(QStringLiteral("3"), T0 + 10 * Minute, T0 + 2 * Minute, T0 + 3 * Minute),
        completion(QStringLiteral("4"), T0 + 10 * Minute, T0 + 2 * Minute, T0 + 3 * Minute + 30000),
        completion(QStringLiteral("5"), T0 + 10 * Minute, T0 + 6 * Minute, T0 + 7 * Minute,
                   QStringLiteral("failed")),
        // finishedOn unknown: the minute it was seen in is the best there is.
        completion(QStringLiteral("6"), T0 + 10 * Minute, 0, 0),
        // Not a completion: no count.
        change(QStringLiteral("7"), QStringLiteral("waiting"), QStringLiteral("active"), T0 + 10 * Minute,
               T0 + 9 * Minute),
    };
    QVERIFY(store.recordChanges(EnvA, seen));
    QVERIFY(store.recordPass(EnvA, makePass(T0 + 10 * Minute, T0 + 10 * Minute + 20000)));

    const QList<HistoryBucket> series = store.series(EnvA, T0, T0 + 11 * Minute);
    QCOMPARE(series.size(), 11);
    QCOMPARE(series.at(0).startMs, T0);
    QCOMPARE(series.at(1).completed, 2);
    QCOMPARE(series.at(3).completed, 2);
    QCOMPARE(series.at(7).completed, 0);
    QCOMPARE(series.at(7).failed, 1);
    QCOMPARE(series.at(10).completed, 1); // job 6
    QCOMPARE(sumCompleted(series), 5);
    for (int minute : {0, 2, 4, 5, 6, 8, 9})
        QCOMPARE(series.at(minute).completed + series.at(minute).failed, 0);
    // Run times 15 s and 80 s in minute 1: the median is the first by nearest rank, the 95th the second,
    // each within the histogram's ±9%.
    QVERIFY2(qAbs(series.at(1).runP50Ms - 15000) <= 1500, qPrintable(QString::number(series.at(1).runP50Ms)));
    QVERIFY2(qAbs(series.at(1).runP95Ms - 79999) <= 8000, qPrintable(QString::number(series.at(1).runP95Ms)));
    QCOMPARE(series.at(2).runP50Ms, -1);
    QCOMPARE(series.at(10).runP50Ms, -1); // no processedOn

    // A second process watching the same environment sees the same completions: not counted twice.
    {
        HistoryStore other(path());
        QVERIFY(other.recordChanges(
            EnvA, {completion(QStringLiteral("1"), T0 + 11 * Minute, T0 + 1 * Minute - 10000,
                              T0 + 1 * Minute + 5000),
                   completion(QStringLiteral("8"), T0 + 11 * Minute, T0 + Minute, T0 + 1 * Minute + 10)}));
    }
    const QList<HistoryBucket> again = store.series(EnvA, T0, T0 + 11 * Minute);
    QCOMPARE(again.at(1).completed, 3); // job 8 is new, job 1 is not
    QCOMPARE(store.changesOf(EnvA, QStringLiteral("1")).size(), 1);

    // Wider buckets add up their minutes.
    const QList<HistoryBucket> fives = store.series(EnvA, T0, T0 + 15 * Minute, 5 * Minute);
    QCOMPARE(fives.size(), 3);
    QCOMPARE(fives.at(0).completed, 5);
    QCOMPARE(fives.at(1).failed, 1);
    QCOMPARE(fives.at(2).completed, 1);
}

void TestHistory::gapsAreNotInterpolated()
{
    HistoryStore store(path());
    QVERIFY2(store.isRecording(), qPrintable(store.openProblem()));
    store.setClock([] { return T0 + Hour; });
    QVERIFY(store.recordPass(EnvA, makePass(T0, T0 + 30000, true, 100)));
    QVERIFY(store.recordPass(EnvA, makePass(T0 + 10 * Minute, T0 + 10 * Minute + 30000, true, 200)));
    // A long pass: running through minutes 20 and 21, ending in 22 without having read the whole list.
    QVERIFY(store.recordPass(EnvA, makePass(T0 + 20 * Minute + 10000, T0 + 22 * Minute + 30000, false, 300)));

    const QList<HistoryBucket> series = store.series(EnvA, T0, T0 + 25 * Minute);
    QCOMPARE(series.size(), 25);
    QVERIFY(!series.at(0).gap);
    QCOMPARE(series.at(0).depth[0], 100);
    QCOMPARE(series.at(0).backlog(), 105);
    QCOMPARE(series.at(0).passes, 1);
    for (int minute = 1; minute <= 9; ++minute) {
        QVERIFY2(series.at(minute).gap, qPrintable(QString::number(minute)));
        QVERIFY(!series.at(minute).hasDepth()); // not 100, not 150, not 200: nothing was seen
        QCOMPARE(series.at(minute).depth[0], -1);
        QCOMPARE(series.at(minute).backlog(), -1);
    }
    QCOMPARE(series.at(10).depth[0], 200);
    QVERIFY(!series.at(10).incomplete);
    for (int minute = 11; minute <= 19; ++minute)
        QVERIFY(series.at(minute).gap);
    // Watched while the pass ran, but no pass ended there: no depth, and no gap either.
    for (int minute : {20, 21}) {
        QVERIFY(!series.at(minute).gap);
        QVERIFY(!series.at(minute).hasDepth());
    }
    QCOMPARE(series.at(22).depth[0], 300);
    QVERIFY(series.at(22).incomplete);
    QVERIFY(series.at(23).gap);
    QVERIFY(series.at(24).gap);

    // Five-minute buckets: the depth of the last pass ending in each, gaps stay gaps.
    const QList<HistoryBucket> fives = store.series(EnvA, T0, T0 + 25 * Minute, 5 * Minute);
    QCOMPARE(fives.size(), 5);
    QCOMPARE(fives.at(0).depth[0], 100);
    QVERIFY(fives.at(1).gap);
    QCOMPARE(fives.at(2).depth[0], 200);
    QVERIFY(fives.at(3).gap);
    QCOMPARE(fives.at(4).depth[0], 300);
    QVERIFY(fives.at(4).incomplete);

    // An environment never recorded is one long gap.
    const QList<HistoryBucket> none = store.series(EnvB, T0, T0 + 3 * Minute);
    QCOMPARE(none.size(), 3);
    for (const HistoryBucket& bucket : none)
        QVERIFY(bucket.gap && !bucket.hasDepth() && bucket.completed == 0);
}

void TestHistory::retentionDownsamplesWithAnInjectedClock()
{
    HistoryStore store(path());
    QVERIFY2(store.isRecording(), qPrintable(store.openProblem()));
    qint64 now = T0 + 2 * Hour;
    store.setClock([&now] { return now; });
    QVERIFY(store.recordPass(EnvA, makePass(T0 + 10 * Minute, T0 + 10 * Minute + 30000, true, 100)));
    QVERIFY(store.recordPass(EnvA, makePass(T0 + 50 * Minute, T0 + 50 * Minute + 30000, true, 120)));
    QVERIFY(store.recordPass(EnvA, makePass(T0 + 70 * Minute, T0 + 70 * Minute + 30000, true, 90)));
    QVERIFY(store.recordChanges(
        EnvA, {completion(QStringLiteral("1"), T0 + 11 * Minute, T0 + Minute, T0 + 2 * Minute),
               completion(QStringLiteral("2"), T0 + 11 * Minute, T0 + Minute, T0 + 3 * Minute),
               completion(QStringLiteral("3"), T0 + 11 * Minute, T0 + Minute, T0 + 3 * Minute + 10),
               completion(QStringLiteral("4"), T0 + 71 * Minute, T0 + 60 * Minute, T0 + 65 * Minute)}));
    QCOMPARE(store.series(EnvA, T0, T0 + 2 * Hour).at(3).completed, 2);

    // Eight days later a pass is recorded: more than an hour since the last prune, so it prunes. The first
    // day's minutes are now hours: an hourly series has them; a minute series puts each hour's figures in the
    // bucket where the hour starts and its depth where its last pass ended.
    now = T0 + 8 * Day + Hour;
    QVERIFY(store.recordPass(EnvA, makePass(now - 30000, now)));
    const QList<HistoryBucket> hours = store.series(EnvA, T0, T0 + 2 * Hour, Hour);
    QCOMPARE(hours.size(), 2);
    QCOMPARE(hours.at(0).completed, 3);
    QCOMPARE(hours.at(0).depth[0], 120); // the last pass that ended in that hour
    QCOMPARE(hours.at(0).passes, 2);
    QVERIFY(hours.at(0).runP50Ms > 0);
    QCOMPARE(hours.at(1).completed, 1);
    QCOMPARE(hours.at(1).depth[0], 90);
    const QList<HistoryBucket> minutes = store.series(EnvA, T0, T0 + 2 * Hour);
    QCOMPARE(minutes.at(0).completed, 3);
    QCOMPARE(minutes.at(3).completed, 0);
    QCOMPARE(minutes.at(50).depth[0], 120);
    QVERIFY(!minutes.at(10).hasDepth()); // the hour keeps only its last pass's depth
    QVERIFY(minutes.at(10).gap);
    QCOMPARE(minutes.at(60).completed, 1);
    QCOMPARE(store.changesOf(EnvA, QStringLiteral("1")).size(), 1); // changes stay 30 days

    // At most once an hour: a cap of 2 rows is applied by the next prune, not by a pass half an hour later.
    store.setChangeRowCap(2);
    QVERIFY(
        store.recordChanges(EnvA, {change(QStringLiteral("10"), QString(), QStringLiteral("waiting"), now)}));
    now += 30 * Minute;
    QVERIFY(store.recordPass(EnvA, makePass(now - 30000, now)));
    QCOMPARE(store.changeRowCount(), 5);
    now += 31 * Minute;
    QVERIFY(store.recordPass(EnvA, makePass(now - 30000, now)));
    QCOMPARE(store.changeRowCount(), 2); // the newest two
    QVERIFY(store.changesOf(EnvA, QStringLiteral("1")).isEmpty());
    QCOMPARE(store.changesOf(EnvA, QStringLiteral("10")).size(), 1);

    QCOMPARE(store.changesOf(EnvA, QStringLiteral("4")).size(), 1);
    store.setChangeRowCap(HistoryStore::DefaultChangeRowCap);

    // 31 days: the first day's changes go (the newer one stays), hours stay.
    now = T0 + 31 * Day;
    QVERIFY(store.prune());
    QVERIFY(store.changesOf(EnvA, QStringLiteral("4")).isEmpty());
    QCOMPARE(store.changesOf(EnvA, QStringLiteral("10")).size(), 1); // 23 days old
    QCOMPARE(store.series(EnvA, T0, T0 + 2 * Hour, Hour).at(0).completed, 3);
    QCOMPARE(store.passes(EnvA, T0, T0 + 2 * Hour).size(), 3);

    // 91 days: the hours and passes of the first day go too.
    now = T0 + 91 * Day;
    QVERIFY(store.prune());
    const QList<HistoryBucket> gone = store.series(EnvA, T0, T0 + 2 * Hour, Hour);
    QCOMPARE(gone.at(0).completed, 0);
    QVERIFY(gone.at(0).gap);
    QVERIFY(!gone.at(0).hasDepth());
    QVERIFY(store.passes(EnvA, T0, T0 + 2 * Hour).isEmpty());
    QCOMPARE(store.passes(EnvA, T0 + 8 * Day, T0 + 9 * Day).size(), 3); // 83 days old: kept
}

void TestHistory::twoWritersAtOnce()
{
    {
        HistoryStore store(path()); // created before, so that the children race on writes, not on creation
        QVERIFY(store.isRecording());
    }
    QProcess first, second;
    for (auto [process, label] : {std::pair<QProcess*, QString>(&first, QStringLiteral("one")),
                                  std::pair<QProcess*, QString>(&second, QStringLiteral("two"))}) {
        process->setProcessChannelMode(QProcess::ForwardedErrorChannel);
        process->start(QCoreApplication::applicationFilePath(), {QStringLiteral("--child"), path(), label});
    }
    for (QProcess* process : {&first, &second}) {
        QVERIFY(process->waitForStarted(10000));
        QTRY_VERIFY_WITH_TIMEOUT(process->canReadLine() || process->state() != QProcess::Running, 10000);
        QCOMPARE(process->readLine().trimmed(), QByteArray("ready"));
    }
    // Both are open; both start writing at once.
    first.write("go\n");
    second.write("go\n");
    for (QProcess* process : {&first, &second}) {
        QVERIFY(process->waitForFinished(60000));
        QCOMPARE(process->exitStatus(), QProcess::NormalExit);
        QCOMPARE(process->exitCode(), 0);
    }

    HistoryStore store(path());
    QVERIFY(store.isRecording());
    QCOMPARE(store.passes(EnvA, T0, T0 + Hour).size(), 200);
    QCOMPARE(store.changeRowCount(), 600);
    QCOMPARE(sumCompleted(store.series(EnvA, T0, T0 + Hour)), 600);
    QCOMPARE(store.environments(), QStringList({EnvA})); // one id for the key, whoever inserted it first
}

void TestHistory::damagedFileIsKeptAside_data()
{
    QTest::addColumn<QString>("kind");
    QTest::newRow("not a database") << QStringLiteral("garbage");
    QTest::newRow("a damaged page") << QStringLiteral("page");
    // The daily check: a file last checked two days ago is checked at open without being asked to.
    QTest::newRow("a damaged page, checked two days ago") << QStringLiteral("page-daily");
    QTest::newRow("another program's database") << QStringLiteral("foreign");
}

void TestHistory::damagedFileIsKeptAside()
{
    QFETCH(QString, kind);
    QDir().mkpath(QFileInfo(path()).absolutePath());
    if (kind == QLatin1String("garbage")) {
        QFile file(path());
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(
            QByteArray("this is not a database, only some text that happens to be here.\n").repeated(200));
    } else if (kind.startsWith(QLatin1String("page"))) {
        {
            HistoryStore store(path());
            store.setClock([] { return T0 + Day; });
            QList<ChangeRecord> many;
            for (int i = 0; i < 3000; ++i)
                many.append(
                    change(QStringLiteral("job-%1").arg(i), QString(), QStringLiteral("waiting"), T0));
            QVERIFY(store.recordChanges(EnvA, many));
        } // the last connection closes: the WAL is checkpointed into the file
        if (kind == QLatin1String("page-daily")) {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("age"));
            db.setDatabaseName(path());
            QVERIFY(db.open());
            const qint64 twoDaysAgo = QDateTime::currentMSecsSinceEpoch() - 2 * Day;
            QVERIFY(QSqlQuery(db).exec(
                QStringLiteral("UPDATE meta SET value = %1 WHERE key = 'lastCheck'").arg(twoDaysAgo)));
            db.close();
            db = QSqlDatabase();
            QSqlDatabase::removeDatabase(QStringLiteral("age"));
        }
        QFile file(path());
        QVERIFY(file.size() > 8 * 4096);
        QVERIFY(file.open(QIODevice::ReadWrite));
        QVERIFY(file.seek(5 * 4096));
        file.write(QByteArray(4096, '\xa5'));
    } else {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("foreign"));
        db.setDatabaseName(path());
        QVERIFY(db.open());
        QVERIFY(QSqlQuery(db).exec(QStringLiteral("CREATE TABLE photos(name TEXT)")));
        db.close();
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(QStringLiteral("foreign"));
    }
    QFile original(path());
    QVERIFY(original.open(QIODevice::ReadOnly));
    const QByteArray bytes = original.readAll();
    original.close();

    HistoryStore store(path(), kind == QLatin1String("page-daily") ? HistoryStore::IntegrityCheck::Daily
                                                                   : HistoryStore::IntegrityCheck::Always);
    QVERIFY2(store.isRecording(), qPrintable(store.openProblem()));
    const QString problem = store.openProblem();
    QVERIFY2(problem.contains(QStringLiteral("damaged")) && problem.contains(QStringLiteral("kept aside")) &&
                 problem.contains(QStringLiteral("new history was started")),
             qPrintable(problem));
    const QStringList aside = QDir(QFileInfo(path()).absolutePath())
                                  .entryList({QStringLiteral("history.sqlite.damaged-*")}, QDir::Files);
    QCOMPARE(aside.size(), 1);
    QVERIFY2(problem.contains(aside.at(0)), qPrintable(problem));
    // Kept as it was, byte for byte: never overwritten.
    QFile kept(QFileInfo(path()).absolutePath() + QLatin1Char('/') + aside.at(0));
    QVERIFY(kept.open(QIODevice::ReadOnly));
    QCOMPARE(kept.readAll(), bytes);
    // The new one works, is empty, and is the user's alone like the first.
#ifdef Q_OS_UNIX
    QCOMPARE(modeOf(path()), 0600);
#endif
    store.setClock([] { return T0 + Hour; });
    QVERIFY(store.changesOf(EnvA, QStringLiteral("job-1")).isEmpty());
    QVERIFY(store.recordPass(EnvA, makePass(T0, T0 + 1000)));
    QCOMPARE(store.passes(EnvA, T0, T0 + Hour).size(), 1);
}

void TestHistory::newerVersionIsKeptAside()
{
    QDir().mkpath(QFileInfo(path()).absolutePath());
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("newer"));
        db.setDatabaseName(path());
        QVERIFY(db.open());
        QVERIFY(QSqlQuery(db).exec(QStringLiteral("CREATE TABLE future(x)")));
        QVERIFY(QSqlQuery(db).exec(QStringLiteral("PRAGMA user_version = 7")));
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("newer"));

    HistoryStore store(path());
    QVERIFY2(store.isRecording(), qPrintable(store.openProblem()));
    const QString problem = store.openProblem();
    QVERIFY2(problem.contains(QStringLiteral("newer version")) &&
                 problem.contains(QStringLiteral("schema 7")) &&
                 problem.contains(QStringLiteral("kept aside")),
             qPrintable(problem));
    const QStringList aside = QDir(QFileInfo(path()).absolutePath())
                                  .entryList({QStringLiteral("history.sqlite.newer-*")}, QDir::Files);
    QCOMPARE(aside.size(), 1);
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("aside"));
        db.setDatabaseName(QFileInfo(path()).absolutePath() + QLatin1Char('/') + aside.at(0));
        QVERIFY(db.open());
        QSqlQuery query(db);
        QVERIFY(query.exec(QStringLiteral("PRAGMA user_version")) && query.next());
        QCOMPARE(query.value(0).toInt(), 7); // the newer app's file, as it left it
        query.finish();
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("aside"));
    store.setClock([] { return T0 + Hour; });
    QVERIFY(store.recordPass(EnvA, makePass(T0, T0 + 1000)));

    // Opened again by this version: its own file, no problem.
    HistoryStore again(path());
    QVERIFY(again.openProblem().isEmpty());
    QCOMPARE(again.passes(EnvA, T0, T0 + Hour).size(), 1);
}

void TestHistory::fullDiskStopsRecordingWithAProblem()
{
    HistoryStore store(path());
    QVERIFY2(store.isRecording(), qPrintable(store.openProblem()));
    store.setClock([] { return T0 + Hour; });
    // SQLite answers SQLITE_FULL once the file would pass max_page_count, as it does on a full disk.
    QVERIFY(store.setSizeLimit(QFileInfo(path()).size() + 8 * 4096));
    int stored = 0;
    bool failed = false;
    for (int batch = 0; batch < 200 && !failed; ++batch) {
        QList<ChangeRecord> changes;
        for (int i = 0; i < 100; ++i)
            changes.append(change(QStringLiteral("job-%1-%2").arg(batch).arg(i), QString(),
                                  QStringLiteral("waiting"), T0 + batch));
        if (store.recordChanges(EnvA, changes))
            stored += 100;
        else
            failed = true;
    }
    QVERIFY(failed);
    QVERIFY(stored > 0);
    QVERIFY(!store.isRecording());
    const QString problem = store.writeProblem();
    QVERIFY2(problem.contains(QStringLiteral("full")) &&
                 problem.contains(QStringLiteral("Recording has stopped")),
             qPrintable(problem));
    // Stopped: nothing is tried until retry(), and what was recorded before is whole (the failed batch left
    // nothing behind).
    QVERIFY(!store.recordPass(EnvA, makePass(T0, T0 + 1000)));
    QVERIFY(
        !store.recordChanges(EnvA, {change(QStringLiteral("x"), QString(), QStringLiteral("waiting"), T0)}));
    QCOMPARE(store.writeProblem(), problem);
    QCOMPARE(store.changeRowCount(), stored);
    QCOMPARE(store.changesOf(EnvA, QStringLiteral("job-0-0")).size(), 1);

    // Space again: retry() resumes.
    QVERIFY(store.setSizeLimit(0));
    QVERIFY(store.retry());
    QVERIFY(store.writeProblem().isEmpty());
    QVERIFY(store.recordPass(EnvA, makePass(T0, T0 + 1000)));
    QCOMPARE(store.passes(EnvA, T0, T0 + Hour).size(), 1);
}

void TestHistory::permissionsAre0600()
{
#ifndef Q_OS_UNIX
    QSKIP("POSIX modes");
#else
    HistoryStore store(path()); // the folder "data" does not exist yet
    QVERIFY2(store.isRecording(), qPrintable(store.openProblem()));
    QVERIFY(store.recordPass(EnvA, makePass(T0, T0 + 1000)));
    QCOMPARE(modeOf(QFileInfo(path()).absolutePath()), 0700);
    QCOMPARE(modeOf(path()), 0600);
    QCOMPARE(modeOf(path() + QStringLiteral("-wal")), 0600);
    QCOMPARE(modeOf(path() + QStringLiteral("-shm")), 0600);

    // A file someone loosened is the user's alone again once opened (its folder, not made by the store, is
    // left as it was).
    const QString other = m_dir->path() + QStringLiteral("/loose/history.sqlite");
    QDir().mkpath(QFileInfo(other).absolutePath());
    {
        QFile file(other);
        QVERIFY(file.open(QIODevice::WriteOnly));
    }
    QVERIFY(::chmod(QFile::encodeName(other).constData(), 0644) == 0);
    HistoryStore loose(other);
    QVERIFY(loose.isRecording());
    QCOMPARE(modeOf(other), 0600);
    QCOMPARE(modeOf(other + QStringLiteral("-wal")), 0600);
#endif
}

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    if (argc == 4 && QByteArray(argv[1]) == "--child")
        return runChild(QString::fromLocal8Bit(argv[2]), QString::fromLocal8Bit(argv[3]));
    TestHistory test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_history.moc"

void TestHistory::recorderRecordsAFirstPassWithoutItsChanges()
{
    HistoryStore store(path());
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const auto job = [](const QString& id, const QString& state, qint64 processedOn, qint64 finishedOn) {
        Job j;
        j.id = id;
        j.state = state;
        j.processedOn = processedOn;
        j.finishedOn = finishedOn;
        return j;
    };
    const JobList jobs = {job(QStringLiteral("1"), QStringLiteral("completed"), now - 120000, now - 60000),
                          job(QStringLiteral("2"), QStringLiteral("completed"), now - 3 * HistoryStore::DayMs,
                              now - 2 * HistoryStore::DayMs),
                          job(QStringLiteral("3"), QStringLiteral("waiting"), 0, 0),
                          job(QStringLiteral("4"), QStringLiteral("failed"), now - 50000, now - 30000)};
    StateChangeList appeared;
    for (const Job& j : jobs)
        appeared.append(StateChange{j.id, QString(), j.state, now, j.processedOn});
    // The first pass over an empty first-seen store: everything "appeared", which says nothing: only the
    // pass is recorded.
    HistoryRecorder recorder(store, QStringLiteral("env"));
    recorder.beginPass(now, true);
    recorder.addPage(jobs, appeared, now);
    QVERIFY(recorder.endPass(true, 1, jobs.size(), HistoryRecorder::countsOf(jobs), now));
    for (const Job& j : jobs)
        QVERIFY(store.changesOf(QStringLiteral("env"), j.id).isEmpty());
    QCOMPARE(store.passes(QStringLiteral("env"), now - 1, now + 1).size(), 1);
    // A later pass keeps every change, with the job's own times.
    const JobList later = {job(QStringLiteral("3"), QStringLiteral("active"), now + 1000, 0)};
    recorder.beginPass(now + 2000);
    recorder.addPage(later,
                     {StateChange{QStringLiteral("3"), QStringLiteral("waiting"), QStringLiteral("active"),
                                  now + 2000, now + 1000}},
                     now + 2000);
    QVERIFY(recorder.endPass(true, 1, 4, HistoryRecorder::countsOf(later), now + 2000));
    const QList<ChangeRecord> timeline = store.changesOf(QStringLiteral("env"), QStringLiteral("3"));
    QCOMPARE(timeline.size(), 1);
    QCOMPARE(timeline.first().from, QStringLiteral("waiting"));
    QCOMPARE(timeline.first().processedOn, now + 1000);
    QCOMPARE(store.passes(QStringLiteral("env"), now - 1, now + 3000).size(), 2);
}
