// Triage: first sightings that survive a restart and are pruned only by complete passes, stuck rules at
// their edges, failure reasons grouped across numbers and ids, what a pass changed, durations typed on the
// command line. The store's file as two processes share it: second processes are this test binary run
// again with a --child-* argument.
#include "triage/changetracker.h"
#include "triage/duration.h"
#include "triage/failuregroups.h"
#include "triage/firstseen.h"
#include "triage/stuck.h"
#include "triage/triagesession.h"

#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QTimeZone>
#include <cstdio>

#ifdef Q_OS_UNIX
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>
#endif

using namespace Alchemyst;

namespace {

constexpr qint64 Minute = 60 * 1000;
constexpr qint64 T0 = 1767225600000; // 2026-01-01T00:00:00Z

Job job(const QString& id, const QString& state, qint64 processedOn = 0, const QString& reason = QString())
{
    Job j;
    j.id = id;
    j.state = state;
    j.processedOn = processedOn;
    j.failedReason = reason;
    j.attempts = 0;
    return j;
}

QString s(const char* text)
{
    return QString::fromUtf8(text);
}

QByteArray readAll(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

bool writeAll(const QString& path, const QByteArray& bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(bytes) == bytes.size();
}

// The files beside a store: what load() kept aside, the lock.
QStringList besides(const QString& path)
{
    const QFileInfo info(path);
    return QDir(info.absolutePath()).entryList({info.fileName() + s(".*")}, QDir::Files, QDir::Name);
}

#ifdef Q_OS_UNIX
int modeOf(const QString& path)
{
    struct stat status = {};
    if (::stat(QFile::encodeName(path).constData(), &status) != 0)
        return -1;
    return static_cast<int>(status.st_mode & 07777);
}
#endif

// The round (1-based) in which a child that lists `count * round / rounds` of its jobs first lists job i.
int firstRoundOf(int i, int count, int rounds)
{
    for (int round = 1; round <= rounds; ++round) {
        if (i < count * round / rounds)
            return round;
    }
    return -1;
}

// --child-observe <store> <prefix> <count> <rounds> <go>: as the window does, loads the store once, then
// per round lists more of its own jobs (a partial pass, so the other's are not pruned) and saves. Starts
// when <go> exists, so that two children save at the same time.
int childObserve(const QString& path, const QString& prefix, int count, int rounds, const QString& go)
{
    QElapsedTimer waited;
    waited.start();
    while (!QFile::exists(go) && waited.elapsed() < 20000)
        QThread::msleep(1);
    FirstSeenStore store(path);
    QString error;
    if (!store.load(&error)) {
        std::fprintf(stderr, "load: %s\n", qPrintable(error));
        return 2;
    }
    for (int round = 1; round <= rounds; ++round) {
        JobList page;
        for (int i = 0; i < count * round / rounds; ++i)
            page.append(job(prefix + QString::number(i), s("waiting")));
        store.beginPass();
        store.observePage(page, T0 + round * Minute);
        if (!store.save(&error)) {
            std::fprintf(stderr, "save: %s\n", qPrintable(error));
            return 3;
        }
    }
    return 0;
}

#ifdef Q_OS_UNIX
// --child-hold-lock <lock file>: takes the store's lock as a save does, says so, and waits to be killed.
int childHoldLock(const QString& lockPath)
{
    QFile file(lockPath);
    if (!file.open(QIODevice::ReadWrite) || ::flock(file.handle(), LOCK_EX) != 0)
        return 2;
    std::printf("locked\n");
    std::fflush(stdout);
    for (;;)
        QThread::sleep(1);
}
#endif

} // namespace

class TestTriage : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();

    void firstSeenKeepsTheFirstSighting();
    void stateChangeResetsFirstSeen();
    void agesSurviveARestart();
    void storeIsPerEnvironment();
    void damagedFileIsReportedAndReplaced();
    void pruneOnlyAfterCompletePass();
    void savesOnlyWhenDirty();
    void boundedSize();
    void storeOverCapacityKeepsTheAgesOfListedJobs();
    void fullStoreEvictsWhatNoRecentPassListedFirst();
    void capacityFollowsTheLargestListing();
    void overTheDefaultCapacityEveryListedJobKeepsItsAge();

    void saveMergesWhatAnotherProcessRecorded();
    void saveKeepsWhatThisStoreDropped();
    void mergedSightingsReachTheStuckWatch();
    void twoProcessesSavingKeepBothSetsOfSightings();
    void aKilledSaverDoesNotBlockTheNextSave();

    void sightingsFromTheFutureCountFromNow();
    void damagedStoreIsKeptAside();
    void newerStoreIsNeverOverwritten();
    void unreadableStoreIsNotReplaced();
    void storeFilesArePrivate();
    void restartedActiveJobIsAChange();
    void listingOrderMoves();

    void thresholdEdges();
    void thresholdEdges_data();
    void stuckTexts();
    void thresholdsPerEnvironment();
    void stuckWatchReportsOnlyNewlyStuck();

    void normalizeReasons_data();
    void normalizeReasons();
    void groupSimilarReasons();
    void groupsSortedAndFiltered();

    void changeDeltas();
    void baselinePassIsNotNews();
    void marksExpire();
    void sessionAcrossRestart();

    void parseDurations_data();
    void parseDurations();
    void formatDurations();
};

void TestTriage::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("AlchemystTriageTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_triage"));
}

void TestTriage::init()
{
    QDir(QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation)).removeRecursively();
    QSettings().clear();
}

void TestTriage::firstSeenKeepsTheFirstSighting()
{
    FirstSeenStore store;
    store.beginPass();
    StateChangeList changes;
    store.observePage({job(s("a"), s("waiting")), job(s("b"), s("delayed"))}, T0, &changes);
    QCOMPARE(changes.size(), 2);
    QVERIFY(changes.at(0).from.isEmpty());
    QCOMPARE(changes.at(0).to, s("waiting"));
    store.completePass();

    store.beginPass();
    changes.clear();
    store.observePage({job(s("a"), s("waiting")), job(s("b"), s("delayed"))}, T0 + 10 * Minute, &changes);
    QVERIFY(changes.isEmpty());
    QCOMPARE(store.firstSeen(s("a"), s("waiting")), T0);
    QCOMPARE(store.firstSeen(s("b"), s("delayed")), T0);
    QCOMPARE(store.firstSeen(s("a"), s("delayed")), 0);
    QCOMPARE(store.firstSeen(s("nobody"), s("waiting")), 0);
    QCOMPARE(store.count(StateCategory::Waiting), 1);
    QCOMPARE(store.count(StateCategory::Delayed), 1);
}

void TestTriage::stateChangeResetsFirstSeen()
{
    FirstSeenStore store;
    store.beginPass();
    store.observePage({job(s("a"), s("delayed"))}, T0);
    store.beginPass();
    StateChangeList changes;
    store.observePage({job(s("a"), s("waiting"))}, T0 + 5 * Minute, &changes);
    QCOMPARE(changes.size(), 1);
    QCOMPARE(changes.at(0).from, s("delayed"));
    QCOMPARE(changes.at(0).to, s("waiting"));
    QCOMPARE(changes.at(0).sinceMs, T0 + 5 * Minute);
    QCOMPARE(store.firstSeen(s("a"), s("waiting")), T0 + 5 * Minute);
    QCOMPARE(store.firstSeen(s("a"), s("delayed")), 0);
    QCOMPARE(store.count(StateCategory::Delayed), 0);
    QCOMPARE(store.count(StateCategory::Waiting), 1);

    // Back to a state it was in before: a new stint, a new first sighting.
    store.observePage({job(s("a"), s("delayed"))}, T0 + 9 * Minute);
    QCOMPARE(store.firstSeen(s("a"), s("delayed")), T0 + 9 * Minute);
}

void TestTriage::agesSurviveARestart()
{
    const QString environment = s("production");
    const QUrl server(s("https://platform-backend.getalchemystai.com"));
    {
        FirstSeenStore store(FirstSeenStore::defaultFilePath(environment, server));
        QVERIFY(store.load());
        store.beginPass();
        store.observePage({job(s("w1"), s("waiting")), job(s("x"), s("completed"))}, T0);
        store.completePass();
        QString error;
        QVERIFY2(store.save(&error), qPrintable(error));
        QVERIFY(!store.isDirty());
    }
    QVERIFY(QFile::exists(FirstSeenStore::defaultFilePath(environment, server)));
    QVERIFY(FirstSeenStore::defaultFilePath(environment, server)
                .startsWith(QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation)));

    // A new process: the job is still waiting an hour later and its age counts from the first sighting.
    FirstSeenStore store(FirstSeenStore::defaultFilePath(environment, server));
    QString error;
    QVERIFY2(store.load(&error), qPrintable(error));
    QCOMPARE(store.size(), 2);
    store.beginPass();
    store.observePage({job(s("w1"), s("waiting")), job(s("x"), s("completed"))}, T0 + 60 * Minute);
    store.completePass();
    QCOMPARE(store.firstSeen(s("w1"), s("waiting")), T0);
    const StuckVerdict verdict =
        evaluateStuck(job(s("w1"), s("waiting")), store, T0 + 60 * Minute, StuckThresholds());
    QVERIFY(verdict.stuck);
    QCOMPARE(verdict.ageMs, 60 * Minute);
}

void TestTriage::storeIsPerEnvironment()
{
    const QUrl server(s("https://a.example"));
    QVERIFY(FirstSeenStore::defaultFilePath(s("prod"), server) !=
            FirstSeenStore::defaultFilePath(s("prod"), QUrl(s("https://b.example"))));
    QVERIFY(FirstSeenStore::defaultFilePath(s("prod"), server) !=
            FirstSeenStore::defaultFilePath(s("staging"), server));
    // A trailing slash is the same server.
    QCOMPARE(triageEnvironmentKey(s("prod"), QUrl(s("https://a.example/"))),
             triageEnvironmentKey(s("prod"), QUrl(s("https://a.example"))));

    FirstSeenStore prod(FirstSeenStore::defaultFilePath(s("prod"), server));
    prod.observePage({job(s("a"), s("waiting"))}, T0);
    QVERIFY(prod.save());
    FirstSeenStore staging(FirstSeenStore::defaultFilePath(s("staging"), server));
    QVERIFY(staging.load());
    QCOMPARE(staging.size(), 0);
}

void TestTriage::damagedFileIsReportedAndReplaced()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(s("fs.bin"));
    {
        FirstSeenStore store(path);
        store.observePage({job(s("a"), s("waiting")), job(s("b"), s("active"), T0)}, T0);
        QVERIFY(store.save());
    }
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadWrite));
    const QByteArray whole = file.readAll();
    // Cut short, as a full disk would leave a file written without QSaveFile.
    QVERIFY(file.resize(whole.size() - 5));
    file.close();

    FirstSeenStore store(path);
    QString error;
    QVERIFY(!store.load(&error));
    QVERIFY(error.contains(s("damaged")));
    QCOMPARE(store.size(), 0);
    store.observePage({job(s("c"), s("waiting"))}, T0);
    QVERIFY(store.save());
    FirstSeenStore again(path);
    QVERIFY(again.load());
    QCOMPARE(again.size(), 1);

    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write("not a store at all");
    file.close();
    QVERIFY(!again.load(&error));
    QVERIFY(error.contains(s("not a first-seen file")));
}

void TestTriage::pruneOnlyAfterCompletePass()
{
    FirstSeenStore store;
    store.beginPass();
    store.observePage({job(s("a"), s("waiting")), job(s("b"), s("waiting")), job(s("c"), s("failed"))}, T0);
    QCOMPARE(store.completePass(), 0);

    // A pass that stopped after its first page: b and c were not listed, yet nothing is dropped.
    store.beginPass();
    store.observePage({job(s("a"), s("waiting"))}, T0 + Minute);
    QCOMPARE(store.size(), 3);

    // The next pass reads everything but b.
    store.beginPass();
    store.observePage({job(s("a"), s("waiting"))}, T0 + 2 * Minute);
    store.observePage({job(s("c"), s("failed"))}, T0 + 2 * Minute);
    StateChangeList removed;
    QCOMPARE(store.completePass(&removed), 1);
    QCOMPARE(removed.size(), 1);
    QCOMPARE(removed.at(0).id, s("b"));
    QCOMPARE(removed.at(0).from, s("waiting"));
    QVERIFY(removed.at(0).to.isEmpty());
    QVERIFY(!store.contains(s("b")));
    QCOMPARE(store.firstSeen(s("a"), s("waiting")), T0);
    QCOMPARE(store.count(StateCategory::Waiting), 1);

    // A job that comes back is new again.
    store.beginPass();
    store.observePage({job(s("b"), s("waiting"))}, T0 + 3 * Minute);
    QCOMPARE(store.firstSeen(s("b"), s("waiting")), T0 + 3 * Minute);
}

void TestTriage::savesOnlyWhenDirty()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(s("fs.bin"));
    FirstSeenStore store(path);
    QVERIFY(store.save());
    QVERIFY(!QFile::exists(path)); // nothing to write yet
    store.beginPass();
    store.observePage({job(s("a"), s("waiting"))}, T0);
    store.completePass();
    QVERIFY(store.isDirty());
    QVERIFY(store.save());
    const QDateTime written = QFileInfo(path).lastModified();
    QFile::remove(path);
    store.beginPass();
    store.observePage({job(s("a"), s("waiting"))}, T0 + Minute);
    store.completePass();
    QVERIFY(!store.isDirty()); // the same list again changes nothing
    QVERIFY(store.save());
    QVERIFY(!QFile::exists(path));
    Q_UNUSED(written);
}

void TestTriage::boundedSize()
{
    // What no pass lists any more goes once the store is full; what the running pass lists stays.
    FirstSeenStore store;
    store.setCapacity(1000);
    for (int round = 0; round < 3; ++round) {
        store.beginPass();
        for (int i = 0; i < 500; ++i)
            store.observe(job(s("r%1-%2").arg(round).arg(i), s("completed")), T0 + round * Minute);
        store.observePage({}, T0 + round * Minute);
    }
    QVERIFY(store.size() <= 1000);
    QVERIFY(store.size() >= 900);
    for (int i = 0; i < 500; ++i)
        QVERIFY(store.contains(s("r2-%1").arg(i)));
    QVERIFY(!store.contains(s("r0-0")));
    QCOMPARE(store.count(StateCategory::Completed), store.size());

    // A file holds what its writer kept: loading it keeps it whole, whatever the cap.
    QTemporaryDir dir;
    FirstSeenStore saved(dir.filePath(s("fs.bin")));
    saved.observePage({job(s("1"), s("waiting")), job(s("2"), s("waiting")), job(s("3"), s("waiting"))}, T0);
    QVERIFY(saved.save());
    FirstSeenStore loaded(dir.filePath(s("fs.bin")));
    loaded.setCapacity(10);
    QVERIFY(loaded.load());
    QCOMPARE(loaded.size(), 3);
}

void TestTriage::storeOverCapacityKeepsTheAgesOfListedJobs()
{
    // The issue's 1.3 million waiting jobs over a cap of 1.2 million, to scale: each run of the CLI loaded
    // the store, dropped the oldest 10% and gave them a new first sighting, so that after three runs most
    // of the jobs waiting longest looked as if they had just arrived.
    QTemporaryDir dir;
    const QString path = dir.filePath(s("fs.bin"));
    JobList waiting;
    for (int i = 0; i < 130; ++i)
        waiting.append(job(s("w%1").arg(i), s("waiting")));
    for (int run = 0; run < 3; ++run) {
        const qint64 now = T0 + run * Minute;
        FirstSeenStore store(path);
        store.setCapacity(120);
        QString error;
        QVERIFY2(store.load(now, &error), qPrintable(error));
        QCOMPARE(store.size(), run == 0 ? 0 : 130);
        store.beginPass();
        // In pages, as the window reads them: the cap is checked after each.
        for (qsizetype at = 0; at < waiting.size(); at += 10)
            store.observePage(waiting.mid(at, 10), now);
        store.completePass();
        QVERIFY2(store.save(&error), qPrintable(error));
    }
    FirstSeenStore store(path);
    QVERIFY(store.load(T0 + 3 * Minute));
    QCOMPARE(store.size(), 130);
    for (const Job& listed : std::as_const(waiting))
        QCOMPARE(store.firstSeen(listed.id, s("waiting")), T0);
}

void TestTriage::fullStoreEvictsWhatNoRecentPassListedFirst()
{
    FirstSeenStore store;
    store.setCapacity(100);
    const auto list = [&store](const QString& prefix, qint64 now) {
        store.beginPass();
        JobList page;
        for (int i = 0; i < 80; ++i)
            page.append(job(prefix + QString::number(i), s("waiting")));
        store.observePage(page, now);
        // Partial passes (say, `list --state waiting` runs): nothing is pruned, only the cap applies.
    };
    const auto countOf = [&store](const QString& prefix) {
        int n = 0;
        for (int i = 0; i < 80; ++i)
            n += store.contains(prefix + QString::number(i)) ? 1 : 0;
        return n;
    };
    list(s("a"), T0);
    list(s("b"), T0 + Minute);
    QCOMPARE(store.effectiveCapacity(), 120);
    // 160 over 120: down to 108, all of it taken from a, the pass before; b, listed now, is whole.
    QCOMPARE(countOf(s("b")), 80);
    QCOMPARE(countOf(s("a")), 28);
    list(s("c"), T0 + 2 * Minute);
    // a was listed two passes ago: it goes before b, which the last pass listed; c is whole.
    QCOMPARE(countOf(s("c")), 80);
    QCOMPARE(countOf(s("a")), 0);
    QCOMPARE(countOf(s("b")), 28);
    QCOMPARE(store.size(), 108);
    // Within one pass, the newest sightings go first: the jobs waiting longest are worth most.
    for (int i = 0; i < 80; ++i)
        QCOMPARE(store.firstSeen(s("c%1").arg(i), s("waiting")), T0 + 2 * Minute);
}

void TestTriage::capacityFollowsTheLargestListing()
{
    FirstSeenStore store;
    store.setCapacity(100);
    QCOMPARE(store.effectiveCapacity(), 100);
    store.beginPass();
    for (qsizetype at = 0; at < 300; at += 25) {
        JobList page;
        for (qsizetype i = at; i < at + 25; ++i)
            page.append(job(s("j%1").arg(i), s("waiting")));
        store.observePage(page, T0 + at);
        // Grows with the pass that is running: never below what it listed so far.
        QCOMPARE(store.effectiveCapacity(), qMax<qint64>(100, (at + 25) * 3 / 2));
    }
    store.completePass();
    QCOMPARE(store.size(), 300);
    QCOMPARE(store.largestPass(), 300);
    QCOMPARE(store.firstSeen(s("j0"), s("waiting")), T0);

    // The next pass starts small (a first page) yet the cap stays that of the largest listing: the jobs
    // the pass has not reached yet keep their sightings.
    store.beginPass();
    store.observePage({job(s("new"), s("waiting"))}, T0 + Minute);
    QCOMPARE(store.effectiveCapacity(), 450);
    QCOMPARE(store.size(), 301);
    QCOMPARE(store.firstSeen(s("j299"), s("waiting")), T0 + 275);
}

void TestTriage::overTheDefaultCapacityEveryListedJobKeepsItsAge()
{
    // At the real size: 1.3 million jobs listed twice in pages, over the default cap of 1.2 million (the
    // old store dropped a tenth of them in the middle of the first pass, and they came back as new). The
    // load and save of a store over its cap are tested above at a small cap; here, ~2 s.
    constexpr int Jobs = 1300000;
    QVERIFY(Jobs > FirstSeenStore::DefaultCapacity);
    QElapsedTimer elapsed;
    elapsed.start();
    FirstSeenStore store;
    for (const qint64 now : {T0, T0 + Minute}) {
        store.beginPass(Jobs);
        JobList page;
        page.reserve(10000);
        for (int i = 0; i < Jobs; ++i) {
            page.append(job(QString::number(i), s("waiting")));
            if (page.size() == 10000) {
                store.observePage(page, now);
                page.clear();
            }
        }
        store.observePage(page, now);
        QCOMPARE(store.completePass(), 0);
        QCOMPARE(store.size(), Jobs);
    }
    QCOMPARE(store.count(StateCategory::Waiting), Jobs);
    for (int i = 0; i < Jobs; i += 997)
        QCOMPARE(store.firstSeen(QString::number(i), s("waiting")), T0);
    QCOMPARE(store.firstSeen(QString::number(Jobs - 1), s("waiting")), T0);
    qInfo("1.3 million jobs listed twice in %lld ms", elapsed.elapsed());
}

void TestTriage::saveMergesWhatAnotherProcessRecorded()
{
    // The window loads once and saves every minute; the CLI runs between two of its saves.
    QTemporaryDir dir;
    const QString path = dir.filePath(s("fs.bin"));
    FirstSeenStore window(path);
    QVERIFY(window.load(T0));
    window.beginPass();
    window.observePage(
        {job(s("both"), s("waiting")), job(s("moved"), s("waiting")), job(s("stays"), s("waiting"))},
        T0 + 2 * Minute);
    window.completePass();
    QVERIFY(window.save());

    {
        FirstSeenStore cli(path);
        QVERIFY(cli.load(T0 + 3 * Minute));
        cli.beginPass();
        // The CLI saw "both" first (an earlier run of it, say); "cli-only" only it saw; "moved" and
        // "stays" changed state after the window's pass.
        cli.observePage({job(s("cli-only"), s("delayed")), job(s("moved"), s("active"), T0 + 3 * Minute),
                         job(s("stays"), s("failed"))},
                        T0 + 3 * Minute);
        QVERIFY(cli.save());
        FirstSeenStore earlier(path);
        QVERIFY(earlier.load(T0 + 3 * Minute));
        earlier.beginPass();
        earlier.observePage({job(s("both"), s("waiting"))}, T0 + 3 * Minute);
        QVERIFY(earlier.save());
    }
    // Rewrite the CLI's "both" as seen at T0, as an older run would have.
    {
        FirstSeenStore rewrite(path);
        QVERIFY(rewrite.load(T0 + 3 * Minute));
        rewrite.remove(s("both"));
        rewrite.beginPass();
        rewrite.observePage({job(s("both"), s("waiting"))}, T0);
        QVERIFY(rewrite.save());
    }

    // The window's next pass lists "stays" as waiting still (the CLI's failed is older than this pass);
    // "moved" is not listed by it yet.
    window.beginPass();
    window.observePage({job(s("stays"), s("waiting")), job(s("new"), s("waiting"))}, T0 + 4 * Minute);
    QString error;
    QVERIFY2(window.save(&error), qPrintable(error));

    FirstSeenStore after(path);
    QVERIFY(after.load(T0 + 5 * Minute));
    QCOMPARE(after.firstSeen(s("cli-only"), s("delayed")), T0 + 3 * Minute); // only the CLI saw it
    QCOMPARE(after.firstSeen(s("both"), s("waiting")), T0);                  // the earliest sighting
    QCOMPARE(after.firstSeen(s("moved"), s("active")), T0 + 3 * Minute);     // the later change
    QCOMPARE(after.firstSeen(s("stays"), s("waiting")), T0 + 2 * Minute);    // as the running pass listed it
    QCOMPARE(after.firstSeen(s("new"), s("waiting")), T0 + 4 * Minute);
    QCOMPARE(after.size(), 5);
    // The window's own copy learnt the same.
    QCOMPARE(window.firstSeen(s("both"), s("waiting")), T0);
    QCOMPARE(window.firstSeen(s("cli-only"), s("delayed")), T0 + 3 * Minute);
    QCOMPARE(window.stateOf(s("moved")), s("active"));
    QCOMPARE(window.count(StateCategory::Active), 1);
    QCOMPARE(window.count(StateCategory::Waiting), 3);

    // Nobody wrote since: the next save writes without reading, and changes nothing of the others'.
    window.takeCorrections();
    window.observePage({job(s("later"), s("waiting"))}, T0 + 6 * Minute);
    QVERIFY(window.save());
    QVERIFY(window.takeCorrections().isEmpty());
}

void TestTriage::saveKeepsWhatThisStoreDropped()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(s("fs.bin"));
    FirstSeenStore window(path);
    QVERIFY(window.load(T0));
    window.beginPass();
    window.observePage({job(s("gone"), s("waiting")), job(s("404"), s("waiting")), job(s("k"), s("waiting"))},
                       T0);
    window.completePass();
    QVERIFY(window.save());

    // The CLI saves (from its copy, which still has every job) while the window's pass finds "gone" gone
    // and a single fetch answers 404 for "404".
    FirstSeenStore cli(path);
    QVERIFY(cli.load(T0 + Minute));
    cli.observePage({job(s("cli"), s("waiting"))}, T0 + Minute);
    QVERIFY(cli.save());
    window.beginPass();
    window.observePage({job(s("k"), s("waiting")), job(s("404"), s("waiting"))}, T0 + 2 * Minute);
    QCOMPARE(window.completePass(), 1);
    QVERIFY(window.remove(s("404")));
    QVERIFY(window.save());

    FirstSeenStore after(path);
    QVERIFY(after.load(T0 + 3 * Minute));
    QVERIFY(!after.contains(s("gone")));
    QVERIFY(!after.contains(s("404")));
    QVERIFY(after.contains(s("k")));
    QVERIFY(after.contains(s("cli")));

    // clear() replaces the file instead of merging it back.
    window.clear();
    QVERIFY(window.save());
    FirstSeenStore cleared(path);
    QVERIFY(cleared.load(T0 + 3 * Minute));
    QCOMPARE(cleared.size(), 0);
}

void TestTriage::mergedSightingsReachTheStuckWatch()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(s("fs.bin"));
    TriageSession window(path);
    window.setSaveAfterPass(false);
    QVERIFY(window.load(T0 + 20 * Minute));
    window.beginPass();
    window.observePage({job(s("w"), s("waiting"))}, T0 + 20 * Minute);
    window.endPass(true, T0 + 20 * Minute);

    // The CLI had seen the job twenty minutes before the window did.
    FirstSeenStore cli(path);
    QVERIFY(cli.load(T0));
    cli.observePage({job(s("w"), s("waiting"))}, T0);
    QVERIFY(cli.save());

    QVERIFY(window.save());
    QCOMPARE(window.store().firstSeen(s("w"), s("waiting")), T0);
    window.beginPass();
    window.observePage({job(s("w"), s("waiting"))}, T0 + 31 * Minute);
    const PassSummary summary = window.endPass(true, T0 + 31 * Minute);
    QCOMPARE(summary.newlyStuck, QStringList{s("w")}); // 31 minutes from the CLI's sighting, not 11
}

void TestTriage::twoProcessesSavingKeepBothSetsOfSightings()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(s("fs.bin"));
    const QString go = dir.filePath(s("go"));
    constexpr int Count = 3000;
    constexpr int Rounds = 40;
    QProcess first;
    QProcess second;
    for (QProcess* child : {&first, &second}) {
        child->setProcessChannelMode(QProcess::ForwardedErrorChannel);
        child->start(QCoreApplication::applicationFilePath(),
                     {s("--child-observe"), path, child == &first ? s("A") : s("B"), QString::number(Count),
                      QString::number(Rounds), go});
        QVERIFY(child->waitForStarted());
    }
    QVERIFY(writeAll(go, "go"));
    for (QProcess* child : {&first, &second}) {
        QVERIFY(child->waitForFinished(60000));
        QCOMPARE(child->exitStatus(), QProcess::NormalExit);
        QCOMPARE(child->exitCode(), 0);
    }

    FirstSeenStore store(path);
    QString error;
    QVERIFY2(store.load(&error), qPrintable(error));
    QCOMPARE(store.size(), 2 * Count);
    for (const QString& prefix : {s("A"), s("B")}) {
        for (int i = 0; i < Count; ++i) {
            const qint64 expected = T0 + firstRoundOf(i, Count, Rounds) * Minute;
            const qint64 seen = store.firstSeen(prefix + QString::number(i), s("waiting"));
            if (seen != expected)
                QFAIL(qPrintable(
                    s("%1%2: first seen %3, expected %4").arg(prefix).arg(i).arg(seen).arg(expected)));
        }
    }
}

void TestTriage::aKilledSaverDoesNotBlockTheNextSave()
{
#ifndef Q_OS_UNIX
    QSKIP("The child holds the lock with flock");
#else
    QTemporaryDir dir;
    FirstSeenStore store(dir.filePath(s("fs.bin")));
    QVERIFY(store.load(T0));
    QProcess holder;
    holder.start(QCoreApplication::applicationFilePath(), {s("--child-hold-lock"), store.lockFilePath()});
    QVERIFY(holder.waitForStarted());
    QTRY_VERIFY_WITH_TIMEOUT(holder.canReadLine() || holder.state() == QProcess::NotRunning, 10000);
    QCOMPARE(holder.readLine(), QByteArray("locked\n"));
    holder.kill(); // SIGKILL: no chance to unlock
    QVERIFY(holder.waitForFinished(10000));

    store.observePage({job(s("a"), s("waiting"))}, T0);
    QElapsedTimer elapsed;
    elapsed.start();
    QString error;
    QVERIFY2(store.save(&error), qPrintable(error));
    QVERIFY2(elapsed.elapsed() < FirstSeenStore::LockTimeoutMs / 2,
             qPrintable(QString::number(elapsed.elapsed())));
#endif
}

void TestTriage::sightingsFromTheFutureCountFromNow()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(s("fs.bin"));
    const qint64 ahead = T0 + 24 * 60 * Minute; // the clock a day ahead when the file was written
    {
        FirstSeenStore store(path);
        store.observePage({job(s("a"), s("waiting"))}, ahead);
        QVERIFY(store.save());
    }
    FirstSeenStore store(path);
    QVERIFY(store.load(T0));
    QCOMPARE(store.firstSeen(s("a"), s("waiting")), T0);
    QVERIFY(store.isDirty()); // the clamped sighting is saved as such

    // Observed while ahead, then the clock steps back: the sighting follows it, as a correction.
    store.observePage({job(s("b"), s("waiting"))}, ahead);
    store.takeCorrections();
    store.observePage({job(s("b"), s("waiting"))}, T0 + Minute);
    QCOMPARE(store.firstSeen(s("b"), s("waiting")), T0 + Minute);
    const StateChangeList corrections = store.takeCorrections();
    QCOMPARE(corrections.size(), 1);
    QCOMPARE(corrections.at(0).id, s("b"));
    QCOMPARE(corrections.at(0).sinceMs, T0 + Minute);

    // And the session's stuck watch counts from the corrected time: stuck 31 minutes after now.
    TriageSession session;
    session.beginPass();
    session.observePage({job(s("c"), s("waiting"))}, ahead);
    session.endPass(true, ahead);
    session.beginPass();
    session.observePage({job(s("c"), s("waiting"))}, T0);
    QVERIFY(session.endPass(true, T0).newlyStuck.isEmpty());
    session.beginPass();
    session.observePage({job(s("c"), s("waiting"))}, T0 + 31 * Minute);
    QCOMPARE(session.endPass(true, T0 + 31 * Minute).newlyStuck, QStringList{s("c")});
}

void TestTriage::damagedStoreIsKeptAside()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(s("fs.bin"));
    {
        FirstSeenStore store(path);
        store.observePage({job(s("a"), s("waiting"))}, T0);
        QVERIFY(store.save());
    }
    const QByteArray whole = readAll(path);
    QVERIFY(writeAll(path, whole.left(whole.size() - 5)));

    FirstSeenStore store(path);
    QString error;
    QVERIFY(!store.load(&error));
    QVERIFY2(error.contains(s("damaged")) && error.contains(s("fs.bin.damaged")), qPrintable(error));
    QCOMPARE(readAll(path + s(".damaged")), whole.left(whole.size() - 5));
    QVERIFY(!QFile::exists(path));
    store.observePage({job(s("b"), s("waiting"))}, T0);
    QVERIFY(store.save());
    QCOMPARE(readAll(path + s(".damaged")), whole.left(whole.size() - 5)); // not written over

    // Damaged again: the first copy stays, the second gets a name with the time.
    QVERIFY(writeAll(path, "not a store at all"));
    QVERIFY(!store.load(&error));
    QVERIFY2(error.contains(s("not a first-seen file")), qPrintable(error));
    const QStringList aside = besides(path);
    QCOMPARE(aside.size(), 3); // .damaged, .damaged-<time>, .lock
    QVERIFY(aside.at(1).startsWith(s("fs.bin.damaged-")));
    QCOMPARE(readAll(dir.filePath(aside.at(1))), QByteArray("not a store at all"));
    QCOMPARE(readAll(path + s(".damaged")), whole.left(whole.size() - 5));

    // Damaged between this store's load and its save: kept aside too, and said so.
    QVERIFY(store.load());
    store.observePage({job(s("c"), s("waiting"))}, T0);
    QVERIFY(writeAll(path, "damaged meanwhile"));
    QVERIFY(!store.save(&error));
    QVERIFY2(error.contains(s("was damaged")) && error.contains(s("written anew")), qPrintable(error));
    FirstSeenStore again(path);
    QVERIFY(again.load());
    QVERIFY(again.contains(s("c")));
    QCOMPARE(besides(path).size(), 4);
}

void TestTriage::newerStoreIsNeverOverwritten()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(s("fs.bin"));
    // What a later version might write: the same magic, a version this one does not know, anything after.
    QByteArray newer;
    {
        QDataStream out(&newer, QIODevice::WriteOnly);
        out << quint32(0x414a4653) << quint16(2) << QByteArray("a format to come");
    }
    QVERIFY(writeAll(path, newer));

    FirstSeenStore store(path);
    QString error;
    QVERIFY(!store.load(&error));
    QVERIFY2(error.contains(s("newer version")) && error.contains(s("fs.bin.newer")), qPrintable(error));
    QCOMPARE(readAll(path + s(".newer")), newer);
    store.observePage({job(s("a"), s("waiting"))}, T0);
    QVERIFY(store.save());
    QCOMPARE(readAll(path + s(".newer")), newer);

    // The newer version saves while this one runs: its file is left as it is, this one's save refused.
    QVERIFY(writeAll(path, newer));
    store.observePage({job(s("b"), s("waiting"))}, T0);
    QVERIFY(!store.save(&error));
    QVERIFY2(error.contains(s("newer version")) && error.contains(s("not saved")), qPrintable(error));
    QCOMPARE(readAll(path), newer);
}

void TestTriage::unreadableStoreIsNotReplaced()
{
#ifdef Q_OS_UNIX
    if (::geteuid() == 0)
        QSKIP("root reads every file");
#endif
    QTemporaryDir dir;
    const QString path = dir.filePath(s("fs.bin"));
    {
        FirstSeenStore store(path);
        store.observePage({job(s("a"), s("waiting"))}, T0);
        QVERIFY(store.save());
    }
    const QByteArray before = readAll(path);
    QVERIFY(QFile::setPermissions(path, QFileDevice::WriteOwner));
    FirstSeenStore store(path);
    QString error;
    QVERIFY(!store.load(&error));
    store.observePage({job(s("b"), s("waiting"))}, T0);
    QVERIFY(!store.save(&error));
    QVERIFY(QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner));
    QCOMPARE(readAll(path), before);
}

void TestTriage::storeFilesArePrivate()
{
#ifndef Q_OS_UNIX
    QSKIP("POSIX modes");
#else
    // init() removed the data folder: the save creates it, with a umask that would leave all of it open.
    const QString data = QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation);
    QVERIFY(!QFileInfo::exists(data));
    const QString path = FirstSeenStore::defaultFilePath(s("prod"), QUrl(s("https://a.example")));
    const mode_t saved = ::umask(0);
    FirstSeenStore store(path);
    QVERIFY(store.load(T0));
    store.observePage({job(s("a"), s("waiting"))}, T0);
    QString error;
    const bool ok = store.save(&error);
    ::umask(saved);
    QVERIFY2(ok, qPrintable(error));
    QCOMPARE(modeOf(path), 0600);
    QCOMPARE(modeOf(store.lockFilePath()), 0600);
    QCOMPARE(modeOf(QFileInfo(path).absolutePath()), 0700);
    QCOMPARE(modeOf(data), 0700);

    // A store an older version left readable by everyone (and its folder) is the user's alone after a save.
    QVERIFY(QFile::setPermissions(path, QFileDevice::Permissions(0x6644)));
    QVERIFY(QFile::setPermissions(QFileInfo(path).absolutePath(), QFileDevice::Permissions(0x7755)));
    QCOMPARE(modeOf(path), 0644);
    store.observePage({job(s("b"), s("waiting"))}, T0);
    QVERIFY(store.save());
    QCOMPARE(modeOf(path), 0600);
    QCOMPARE(modeOf(QFileInfo(path).absolutePath()), 0700);

    // And what load() keeps aside.
    QVERIFY(QFile::setPermissions(path, QFileDevice::Permissions(0x6644)));
    QVERIFY(writeAll(path, "damaged"));
    FirstSeenStore damaged(path);
    QVERIFY(!damaged.load());
    QCOMPARE(modeOf(path + s(".damaged")), 0600);
#endif
}

void TestTriage::restartedActiveJobIsAChange()
{
    FirstSeenStore store;
    store.beginPass();
    store.observePage({job(s("a"), s("active"), T0)}, T0);
    StateChangeList changes;
    store.beginPass();
    store.observePage({job(s("a"), s("active"), T0 + 20 * Minute)}, T0 + 21 * Minute, &changes);
    QCOMPARE(changes.size(), 1);
    QCOMPARE(changes.at(0).from, s("active"));
    QCOMPARE(changes.at(0).to, s("active"));
    QCOMPARE(changes.at(0).processedOn, T0 + 20 * Minute);
}

void TestTriage::listingOrderMoves()
{
    // New jobs listed first, the rest reversed, some gone: the store follows whatever order comes.
    FirstSeenStore store;
    JobList first;
    for (int i = 0; i < 3000; ++i)
        first.append(job(QString::number(i), s("waiting")));
    store.beginPass();
    store.observePage(first, T0);
    store.completePass();
    for (int round = 1; round <= 3; ++round) {
        JobList next;
        for (int i = 0; i < 200; ++i)
            next.append(job(s("new-%1-%2").arg(round).arg(i), s("waiting")));
        for (int i = 2999; i >= 0; --i) {
            if (i % 7 != round)
                next.append(job(QString::number(i), s("waiting")));
        }
        store.beginPass();
        for (qsizetype at = 0; at < next.size(); at += 100)
            store.observePage(next.mid(at, 100), T0 + round * Minute);
        store.completePass();
        QCOMPARE(store.size(), next.size());
        for (const Job& listed : std::as_const(next)) {
            const qint64 expected = listed.id.startsWith(s("new-%1").arg(round)) ? T0 + round * Minute : -1;
            if (expected > 0)
                QCOMPARE(store.firstSeen(listed.id, s("waiting")), expected);
            else
                QVERIFY(store.firstSeen(listed.id, s("waiting")) > 0);
        }
        QCOMPARE(store.firstSeen(s("0"), s("waiting")), T0);
    }
    QCOMPARE(store.asChanges().size(), store.size());
}

void TestTriage::thresholdEdges_data()
{
    QTest::addColumn<QString>("state");
    QTest::addColumn<qint64>("processedOn");
    QTest::addColumn<qint64>("firstSeen");
    QTest::addColumn<qint64>("now");
    QTest::addColumn<bool>("stuck");
    QTest::addColumn<qint64>("age");

    const qint64 active = StuckThresholds::DefaultActiveMs;
    const qint64 waiting = StuckThresholds::DefaultWaitingMs;
    QTest::newRow("active below") << s("active") << T0 << qint64(0) << T0 + active - 1 << false << active - 1;
    QTest::newRow("active at") << s("active") << T0 << qint64(0) << T0 + active << false << active;
    QTest::newRow("active 1 ms over")
        << s("active") << T0 << qint64(0) << T0 + active + 1 << true << active + 1;
    QTest::newRow("active, first-seen ignored")
        << s("active") << T0 << T0 + active << T0 + active + 1 << true << active + 1;
    QTest::newRow("active no start, first-seen")
        << s("active") << qint64(0) << T0 << T0 + active + 1 << true << active + 1;
    QTest::newRow("waiting at") << s("waiting") << qint64(0) << T0 << T0 + waiting << false << waiting;
    QTest::newRow("waiting 1 ms over")
        << s("waiting") << qint64(0) << T0 << T0 + waiting + 1 << true << waiting + 1;
    QTest::newRow("delayed 1 ms over")
        << s("delayed") << qint64(0) << T0 << T0 + waiting + 1 << true << waiting + 1;
    QTest::newRow("waiting never seen")
        << s("waiting") << qint64(0) << qint64(0) << T0 << false << qint64(-1);
    QTest::newRow("failed") << s("failed") << T0 << T0 << T0 + 100 * waiting << false << qint64(-1);
    QTest::newRow("prioritized") << s("prioritized") << qint64(0) << T0 << T0 + 100 * waiting << false
                                 << qint64(-1);
    QTest::newRow("clock behind the server")
        << s("active") << T0 + Minute << qint64(0) << T0 << false << qint64(0);
}

void TestTriage::thresholdEdges()
{
    QFETCH(QString, state);
    QFETCH(qint64, processedOn);
    QFETCH(qint64, firstSeen);
    QFETCH(qint64, now);
    QFETCH(bool, stuck);
    QFETCH(qint64, age);
    const StuckVerdict verdict =
        evaluateStuck(job(s("j"), state, processedOn), firstSeen, now, StuckThresholds());
    QCOMPARE(verdict.stuck, stuck);
    QCOMPARE(verdict.ageMs, age);
    QCOMPARE(verdict.text.isEmpty(), age < 0);
    const StuckVerdict quiet =
        evaluateStuck(job(s("j"), state, processedOn), firstSeen, now, StuckThresholds(), false);
    QCOMPARE(quiet.stuck, stuck);
    QCOMPARE(quiet.ageMs, age);
    QVERIFY(quiet.text.isEmpty());

    // The watch agrees with evaluate at the same edge.
    if (age >= 0) {
        StuckWatch watch;
        watch.apply(StateChange{s("j"), QString(), state, firstSeen, processedOn});
        QCOMPARE(watch.poll(now).size(), stuck ? 1 : 0);
        QCOMPARE(watch.isStuck(s("j")), stuck);
    }
}

void TestTriage::stuckTexts()
{
    const StuckThresholds thresholds;
    StuckVerdict verdict =
        evaluateStuck(job(s("j"), s("active"), T0), 0, T0 + 41 * Minute + 5000, thresholds);
    QCOMPARE(verdict.text, s("running 41 min"));
    QCOMPARE(verdict.basis, StuckVerdict::Started);

    const qint64 seen = QDateTime(QDate(2026, 3, 2), QTime(9, 14)).toMSecsSinceEpoch();
    verdict = evaluateStuck(job(s("j"), s("waiting")), seen, seen + 125 * Minute, thresholds);
    QCOMPARE(verdict.text, s("waiting ≥ 2 h (seen since 09:14)"));
    QCOMPARE(verdict.basis, StuckVerdict::FirstSeen);
    verdict = evaluateStuck(job(s("j"), s("delayed")), seen, seen + 3 * Minute, thresholds);
    QCOMPARE(verdict.text, s("delayed ≥ 3 min (seen since 09:14)"));
    QVERIFY(!verdict.stuck);
    verdict = evaluateStuck(job(s("j"), s("active")), seen, seen + 20 * Minute, thresholds);
    QCOMPARE(verdict.text, s("running ≥ 20 min (seen since 09:14)"));
    // Another day: the date is given too.
    verdict = evaluateStuck(job(s("j"), s("waiting")), seen, seen + 3 * 24 * 60 * Minute, thresholds);
    QCOMPARE(verdict.text, s("waiting ≥ 3 d (seen since 2026-03-02 09:14)"));

    // Times in UTC (View → Show Times in UTC): the sighting is written in UTC and says so, whatever the
    // computer's zone.
    const qint64 seenUtc = QDateTime(QDate(2026, 3, 2), QTime(9, 14), QTimeZone::utc()).toMSecsSinceEpoch();
    verdict = evaluateStuck(job(s("j"), s("waiting")), seenUtc, seenUtc + 125 * Minute, thresholds, true,
                            TimeDisplay::Zone::Utc);
    QCOMPARE(verdict.text, s("waiting ≥ 2 h (seen since 09:14 UTC)"));
    verdict = evaluateStuck(job(s("j"), s("waiting")), seenUtc, seenUtc + 3 * 24 * 60 * Minute, thresholds,
                            true, TimeDisplay::Zone::Utc);
    QCOMPARE(verdict.text, s("waiting ≥ 3 d (seen since 2026-03-02 09:14 UTC)"));
}

void TestTriage::thresholdsPerEnvironment()
{
    const QUrl server(s("https://a.example"));
    QCOMPARE(StuckThresholds::load(s("prod"), server), StuckThresholds());
    StuckThresholds prod;
    prod.activeMs = 5 * Minute;
    prod.waitingMs = 90 * Minute;
    prod.save(s("prod"), server);
    QCOMPARE(StuckThresholds::load(s("prod"), server), prod);
    QCOMPARE(StuckThresholds::load(s("staging"), server), StuckThresholds());

    // Nonsense in the settings file falls back to the default, per value.
    QSettings settings;
    settings.setValue(StuckThresholds::settingsGroup(s("prod"), server) + s("/stuckActiveMs"), s("soon"));
    settings.setValue(StuckThresholds::settingsGroup(s("prod"), server) + s("/stuckWaitingMs"), -5);
    QCOMPARE(StuckThresholds::load(s("prod"), server), StuckThresholds());
}

void TestTriage::stuckWatchReportsOnlyNewlyStuck()
{
    StuckWatch watch;
    watch.apply({StateChange{s("a"), QString(), s("waiting"), T0, 0},
                 StateChange{s("b"), QString(), s("active"), T0, T0 - 20 * Minute}});
    QCOMPARE(watch.poll(T0), QStringList{s("b")}); // started 20 min before: over 15 at once
    QVERIFY(watch.poll(T0 + 10 * Minute).isEmpty());
    QCOMPARE(watch.poll(T0 + 31 * Minute), QStringList{s("a")});
    QVERIFY(watch.poll(T0 + 60 * Minute).isEmpty()); // reported once
    QCOMPARE(watch.stuckCount(), 2);

    // A job that moves on before its deadline is never reported, and stops counting as stuck.
    watch.apply(StateChange{s("c"), QString(), s("waiting"), T0 + 60 * Minute, 0});
    watch.apply(StateChange{s("c"), s("waiting"), s("active"), T0 + 70 * Minute, T0 + 70 * Minute});
    QVERIFY(watch.poll(T0 + 84 * Minute).isEmpty()); // its waiting deadline (90) is stale, active is 85
    watch.apply(StateChange{s("a"), s("waiting"), s("completed"), T0 + 84 * Minute, T0 + 83 * Minute});
    QCOMPARE(watch.stuckCount(), 1);
    QVERIFY(!watch.isStuck(s("a")));

    // Lower thresholds: c (active 14 min) is over them but that is no news.
    StuckThresholds tight;
    tight.activeMs = 10 * Minute;
    watch.setThresholds(tight, T0 + 84 * Minute);
    QVERIFY(watch.isStuck(s("c")));
    QCOMPARE(watch.stuckCount(), 2);
    QVERIFY(watch.poll(T0 + 96 * Minute).isEmpty());
}

void TestTriage::normalizeReasons_data()
{
    QTest::addColumn<QString>("reason");
    QTest::addColumn<QString>("key");
    QTest::newRow("numbers") << s("Document 4411 exceeds the 25 MB limit (31 MB)")
                             << s("Document # exceeds the # MB limit (# MB)");
    QTest::newRow("units glued") << s("took 1.5s, limit 30s") << s("took #s, limit #s");
    QTest::newRow("uuid") << s("Job 3f2a9c1e-0b4d-4e8f-9a7c-1d2e3f4a5b6c not found")
                          << s("Job <uuid> not found");
    QTest::newRow("hex id") << s("object 5f9c2ab31e not in bucket") << s("object <id> not in bucket");
    QTest::newRow("quoted") << s("File 'report-2024.pdf' could not be parsed")
                            << s("File '<id>' could not be parsed");
    QTest::newRow("quoted phrase kept")
        << s("Scope \"not allowed\" for this key") << s("Scope \"not allowed\" for this key");
    QTest::newRow("apostrophe") << s("can't parse 12 pages") << s("can't parse # pages");
    QTest::newRow("whitespace") << s("  Timed   out\n after 3 attempts ") << s("Timed out after # attempts");
    QTest::newRow("words only") << s("Embedding service unavailable") << s("Embedding service unavailable");
    QTest::newRow("thousands") << s("Too many tokens: 12,400 > 8,192") << s("Too many tokens: # > #");
    QTest::newRow("empty") << QString() << QString();
}

void TestTriage::normalizeReasons()
{
    QFETCH(QString, reason);
    QFETCH(QString, key);
    QCOMPARE(FailureGrouper::normalize(reason), key);
}

void TestTriage::groupSimilarReasons()
{
    const JobList jobs{
        job(s("1"), s("failed"), T0, s("Document 4411 exceeds the 25 MB limit (31 MB)")),
        job(s("2"), s("failed"), T0, s("Document 77 exceeds the 25 MB limit (40 MB)")),
        job(s("3"), s("failed"), T0, s("Document 77 exceeds the 25 MB limit (40 MB)")),
        job(s("4"), s("failed"), T0, s("Embedding service unavailable")),
        job(s("5"), s("failed"), T0, s("Embedding service timed out after 30s")),
        job(s("6"), s("waiting"), 0, s("Document 9 exceeds the 25 MB limit (26 MB)")), // not failed
        job(s("7"), s("failed"), T0, QString()),
    };
    FailureGrouper grouper;
    const FailureGroupList groups = grouper.group(jobs);
    QCOMPARE(groups.size(), 4);
    QCOMPARE(groups.at(0).count, 3);
    QCOMPARE(groups.at(0).variants, 2);
    QCOMPARE(groups.at(0).reason, s("Document 77 exceeds the 25 MB limit (40 MB)")); // the most frequent
    QCOMPARE(groups.at(0).jobIds, (QStringList{s("1"), s("2"), s("3")}));
    // Distinct reasons stay apart; equal counts sort by text.
    QCOMPARE(groups.at(1).reason, QString());
    QCOMPARE(groups.at(2).reason, s("Embedding service timed out after 30s"));
    QCOMPARE(groups.at(3).reason, s("Embedding service unavailable"));
    for (const FailureGroup& group : groups)
        QCOMPARE(group.count, group.jobIds.size());

    // On a tie the first text listed represents the group.
    const FailureGroupList tie = grouper.group({job(s("1"), s("failed"), T0, s("Quota 10 exceeded")),
                                                job(s("2"), s("failed"), T0, s("Quota 20 exceeded"))});
    QCOMPARE(tie.size(), 1);
    QCOMPARE(tie.at(0).reason, s("Quota 10 exceeded"));

    // Learnt page by page during a pass (the reasons normalised ahead), the grouping is the same.
    FailureGrouper learnt;
    learnt.learn(jobs.mid(0, 3));
    learnt.learn(jobs.mid(3));
    const FailureGroupList again = learnt.group(jobs);
    QCOMPARE(again.size(), groups.size());
    for (qsizetype i = 0; i < groups.size(); ++i) {
        QCOMPARE(again.at(i).key, groups.at(i).key);
        QCOMPARE(again.at(i).label, groups.at(i).label);
        QCOMPARE(again.at(i).reason, groups.at(i).reason);
        QCOMPARE(again.at(i).jobIds, groups.at(i).jobIds);
        QCOMPARE(again.at(i).variants, groups.at(i).variants);
    }
}

void TestTriage::groupsSortedAndFiltered()
{
    JobList jobs;
    for (int i = 0; i < 5; ++i)
        jobs.append(job(QString::number(i), s("failed"), T0, s("Timeout after %1 ms").arg(100 + i)));
    jobs.append(job(s("x"), s("failed"), T0, s("Bad request")));
    jobs.append(job(s("y"), s("completed"), T0, s("Timeout after 3 ms")));
    FailureGrouper grouper;
    const FailureGroupList groups = grouper.group(jobs);
    QCOMPARE(groups.size(), 2);
    QCOMPARE(groups.at(0).count, 5);
    QVERIFY(grouper.matches(jobs.at(0), groups.at(0).key));
    QVERIFY(!grouper.matches(jobs.at(5), groups.at(0).key));
    QVERIFY(!grouper.matches(jobs.at(6), groups.at(0).key)); // same reason but not failed
    QVERIFY(grouper.matches(jobs.at(5), groups.at(1).key));
    QCOMPARE(grouper.keyOf(s("Timeout after 9 ms")), groups.at(0).key);
}

void TestTriage::changeDeltas()
{
    TriageSession session;
    session.beginPass();
    session.observePage(
        {job(s("a"), s("waiting")), job(s("b"), s("active"), T0), job(s("c"), s("failed"), T0)}, T0);
    PassSummary summary = session.endPass(true, T0);
    QVERIFY(summary.baseline);
    QCOMPARE(summary.deltaOf(StateCategory::Waiting), 1);
    QVERIFY(summary.appeared.isEmpty()); // the starting point is not news
    session.changes().markAllSeen();

    // a fails, b completes, d appears waiting, c is gone.
    session.beginPass();
    const StateChangeList& page = session.observePage(
        {job(s("a"), s("failed"), T0, s("boom")), job(s("b"), s("completed"), T0), job(s("d"), s("waiting"))},
        T0 + Minute);
    QCOMPARE(page.size(), 3);
    QVERIFY(session.changes().isMarked(s("a"), T0 + Minute)); // marked while the pass still runs
    summary = session.endPass(true, T0 + Minute);
    QVERIFY(!summary.baseline);
    QVERIFY(summary.complete);
    QCOMPARE(summary.changed, (QStringList{s("a"), s("b")}));
    QCOMPARE(summary.appeared, QStringList{s("d")});
    QCOMPARE(summary.gone, QStringList{s("c")});
    QCOMPARE(summary.newlyFailed, QStringList{s("a")});
    QVERIFY(summary.failedChanged);
    QCOMPARE(summary.deltaOf(StateCategory::Failed), 0); // a in, c out
    QCOMPARE(summary.deltaOf(StateCategory::Waiting), 0);
    QCOMPARE(summary.deltaOf(StateCategory::Active), -1);
    QCOMPARE(summary.deltaOf(StateCategory::Completed), 1);
    QCOMPARE(summary.notificationText(), s("1 job(s) failed"));
    QCOMPARE(session.changes().unseenCount(), 3);
    QVERIFY(session.changes().isUnseen(s("d")));
    QVERIFY(!session.changes().isUnseen(s("c")));

    // Nothing new: an empty summary, and the "since seen" deltas accumulate until markAllSeen.
    session.beginPass();
    session.observePage({job(s("a"), s("failed"), T0, s("boom")), job(s("b"), s("completed"), T0),
                         job(s("d"), s("failed"), T0, s("boom"))},
                        T0 + 2 * Minute);
    summary = session.endPass(true, T0 + 2 * Minute);
    QCOMPARE(summary.changed, QStringList{s("d")});
    QCOMPARE(session.changes().deltaSinceSeen(StateCategory::Failed), 1);
    QCOMPARE(ChangeTracker::countText(StateCategory::Failed, 2,
                                      session.changes().deltaSinceSeen(StateCategory::Failed)),
             s("Failed 2 (+1)"));
    QCOMPARE(ChangeTracker::countText(StateCategory::Active, 0, -1), s("Active 0 (\u22121)"));
    QCOMPARE(ChangeTracker::countText(StateCategory::Waiting, 4, 0), s("Waiting 4"));
    session.changes().markAllSeen();
    QCOMPARE(session.changes().unseenCount(), 0);
    QCOMPARE(session.changes().deltaSinceSeen(StateCategory::Failed), 0);

    // A partial pass reports its changes but removes nobody.
    session.beginPass();
    session.observePage({job(s("a"), s("waiting"))}, T0 + 3 * Minute);
    summary = session.endPass(false, T0 + 3 * Minute);
    QVERIFY(!summary.complete);
    QCOMPARE(summary.changed, QStringList{s("a")});
    QVERIFY(summary.gone.isEmpty());
    QCOMPARE(session.store().size(), 3);
}

void TestTriage::baselinePassIsNotNews()
{
    TriageSession session;
    session.beginPass();
    session.observePage({job(s("old"), s("active"), T0 - 60 * Minute), job(s("f"), s("failed"), T0)}, T0);
    PassSummary summary = session.endPass(true, T0);
    QVERIFY(summary.baseline);
    QVERIFY(summary.newlyFailed.isEmpty());
    QVERIFY(summary.newlyStuck.isEmpty()); // stuck already: not news
    QVERIFY(session.stuckWatch().isStuck(s("old")));
    QVERIFY(!session.changes().isMarked(s("f"), T0));

    // Later a waiting job appears and crosses its threshold between two passes.
    session.beginPass();
    session.observePage({job(s("old"), s("active"), T0 - 60 * Minute), job(s("f"), s("failed"), T0),
                         job(s("w"), s("waiting"))},
                        T0 + Minute);
    QVERIFY(session.endPass(true, T0 + Minute).newlyStuck.isEmpty());
    session.beginPass();
    session.observePage({job(s("old"), s("active"), T0 - 60 * Minute), job(s("f"), s("failed"), T0),
                         job(s("w"), s("waiting"))},
                        T0 + 40 * Minute);
    summary = session.endPass(true, T0 + 40 * Minute);
    QCOMPARE(summary.newlyStuck, QStringList{s("w")});
    QCOMPARE(summary.notificationText(), s("1 became stuck"));
    QVERIFY(summary.changed.isEmpty());
}

void TestTriage::marksExpire()
{
    ChangeTracker tracker;
    tracker.setMarkDurationMs(5 * Minute);
    tracker.beginPass();
    tracker.addChanges({StateChange{s("a"), s("waiting"), s("active"), T0, T0}}, T0);
    tracker.endPass(true, T0);
    QCOMPARE(tracker.markedUntil(s("a")), T0 + 5 * Minute);
    QVERIFY(tracker.isMarked(s("a"), T0 + 5 * Minute - 1));
    QVERIFY(!tracker.isMarked(s("a"), T0 + 5 * Minute));

    // Marked again before the first mark expires: the later mark holds.
    tracker.beginPass();
    tracker.addChanges({StateChange{s("a"), s("active"), s("failed"), T0 + 4 * Minute, 0}}, T0 + 4 * Minute);
    tracker.endPass(true, T0 + 6 * Minute);
    QVERIFY(tracker.isMarked(s("a"), T0 + 6 * Minute));
    tracker.expireMarks(T0 + 9 * Minute);
    QCOMPARE(tracker.markedCount(), 0);
}

void TestTriage::sessionAcrossRestart()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(s("fs.bin"));
    {
        TriageSession session(path);
        QVERIFY(session.load(T0));
        session.beginPass();
        session.observePage({job(s("w"), s("waiting")), job(s("s"), s("waiting"))}, T0);
        const PassSummary summary = session.endPass(true, T0);
        QVERIFY(summary.saveError.isEmpty());
    }
    // Restarted 20 minutes later: not a baseline (the store knows the jobs), ages continue.
    TriageSession session(path);
    QVERIFY(session.load(T0 + 20 * Minute));
    session.beginPass();
    session.observePage({job(s("w"), s("waiting")), job(s("s"), s("active"), T0 + 19 * Minute)},
                        T0 + 20 * Minute);
    PassSummary summary = session.endPass(true, T0 + 20 * Minute);
    QVERIFY(!summary.baseline);
    QCOMPARE(summary.changed, QStringList{s("s")}); // changed while the app was closed
    session.beginPass();
    session.observePage({job(s("w"), s("waiting")), job(s("s"), s("active"), T0 + 19 * Minute)},
                        T0 + 31 * Minute);
    summary = session.endPass(true, T0 + 31 * Minute);
    QCOMPARE(summary.newlyStuck, QStringList{s("w")});
    const StuckVerdict verdict = session.verdict(job(s("w"), s("waiting")), T0 + 31 * Minute);
    QVERIFY(verdict.stuck);
    QCOMPARE(verdict.sinceMs, T0);
}

void TestTriage::parseDurations_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<qint64>("ms"); // -1: refused
    const qint64 s1 = 1000;
    QTest::newRow("seconds") << s("90s") << 90 * s1;
    QTest::newRow("minutes") << s("15m") << 15 * Minute;
    QTest::newRow("hours") << s("2h") << 120 * Minute;
    QTest::newRow("day") << s("1d") << 24 * 60 * Minute;
    QTest::newRow("compound") << s("1h30m") << 90 * Minute;
    QTest::newRow("compound spaced") << s(" 1d 2h ") << 26 * 60 * Minute;
    QTest::newRow("all units") << s("1d1h1m1s1ms") << (24 * 60 + 61) * Minute + s1 + 1;
    QTest::newRow("fraction") << s("1.5h") << 90 * Minute;
    QTest::newRow("ms") << s("250ms") << qint64(250);
    QTest::newRow("zero") << s("0s") << qint64(0);
    QTest::newRow("bare number") << s("15") << qint64(-1);
    QTest::newRow("empty") << QString() << qint64(-1);
    QTest::newRow("blank") << s("   ") << qint64(-1);
    QTest::newRow("negative") << s("-5m") << qint64(-1);
    QTest::newRow("plus") << s("+5m") << qint64(-1);
    QTest::newRow("nan") << s("nan") << qint64(-1);
    QTest::newRow("nan unit") << s("nanm") << qint64(-1);
    QTest::newRow("inf") << s("infh") << qint64(-1);
    QTest::newRow("exponent") << s("1e3s") << qint64(-1);
    QTest::newRow("overflow") << s("99999999999999999999s") << qint64(-1);
    QTest::newRow("overflow by product") << s("9223372036854775807d") << qint64(-1);
    QTest::newRow("beyond a century") << s("36600d") << qint64(-1);
    QTest::newRow("wrong order") << s("30m1h") << qint64(-1);
    QTest::newRow("repeated unit") << s("1h1h") << qint64(-1);
    QTest::newRow("unknown unit") << s("2w") << qint64(-1);
    QTest::newRow("word unit") << s("15min") << qint64(-1);
    QTest::newRow("upper case") << s("15M") << qint64(-1);
    QTest::newRow("dot without digits") << s("1.h") << qint64(-1);
    QTest::newRow("leading dot") << s(".5h") << qint64(-1);
    QTest::newRow("trailing number") << s("1h30") << qint64(-1);
}

void TestTriage::parseDurations()
{
    QFETCH(QString, text);
    QFETCH(qint64, ms);
    const std::optional<qint64> parsed = parseDurationMs(text);
    if (ms < 0) {
        QVERIFY2(!parsed, qPrintable(QString::number(parsed.value_or(-1))));
    } else {
        QVERIFY(parsed);
        QCOMPARE(*parsed, ms);
    }
}

void TestTriage::formatDurations()
{
    QCOMPARE(formatDurationMs(0), s("0s"));
    QCOMPARE(formatDurationMs(90 * Minute), s("1h30m"));
    QCOMPARE(formatDurationMs(45000), s("45s"));
    QCOMPARE(formatDurationMs(1500), s("1s500ms"));
    QCOMPARE(formatDurationMs(-2 * Minute), s("-2m"));
    QVERIFY(formatDurationMs(std::numeric_limits<qint64>::min()).startsWith(QLatin1Char('-')));
    for (const qint64 ms : {qint64(1), qint64(61000), 26 * 60 * Minute + 5, MaxDurationMs})
        QCOMPARE(parseDurationMs(formatDurationMs(ms)), std::optional<qint64>(ms));
}

int main(int argc, char** argv)
{
    if (argc == 7 && qstrcmp(argv[1], "--child-observe") == 0)
        return childObserve(QString::fromLocal8Bit(argv[2]), QString::fromLatin1(argv[3]), atoi(argv[4]),
                            atoi(argv[5]), QString::fromLocal8Bit(argv[6]));
#ifdef Q_OS_UNIX
    if (argc == 3 && qstrcmp(argv[1], "--child-hold-lock") == 0)
        return childHoldLock(QString::fromLocal8Bit(argv[2]));
#endif
    QCoreApplication app(argc, argv);
    TestTriage test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}
#include "tst_triage.moc"
