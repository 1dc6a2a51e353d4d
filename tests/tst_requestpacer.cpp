// RequestPacer: the sliding window, spreading, nested budgets (a session's reads and cancels within one
// account budget), and AIMD on 429 — all with an injected clock, so that minutes pass in microseconds.
#include "api/requestpacer.h"
#include "api/sharedledger.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <cstdio>
#include <cstring>
#include <memory>

#ifdef Q_OS_UNIX
#include <sys/stat.h>
#endif

using namespace Alchemyst;

class TestRequestPacer : public QObject
{
    Q_OBJECT

private slots:
    void windowAllowsAtMostTheLimit();
    void spreadSpacesRequestsEvenly();
    void upstreamBudgetIsSharedByItsChildren();
    void aRateLimitHalvesTheRateAndItCreepsBack();
    void aRateLimitLowersTheAccountToo();
    void ledgerIsSharedByEveryPacerOnIt();
    void twoProcessesShareOneBudget();
    void ledgerThatCannotBeUsedCostsOnlyTheSharing();
};

// The child of twoProcessesShareOneBudget: for up to 3 s, sends (records) whenever its pacer lets it, at
// most 10 a minute through the ledger given; prints how many it sent.
static int runChild(const QString& ledgerPath)
{
    RequestPacer pacer(10, 60000);
    pacer.setLedger(std::make_shared<SharedLedger>(ledgerPath, 60000));
    QElapsedTimer clock;
    clock.start();
    int sent = 0;
    while (clock.elapsed() < 3000) {
        if (pacer.delayMs() == 0) {
            pacer.record();
            ++sent;
        } else {
            QThread::msleep(5);
        }
    }
    std::printf("%d\n", sent);
    return 0;
}

void TestRequestPacer::windowAllowsAtMostTheLimit()
{
    qint64 now = 0;
    RequestPacer pacer(3, 1000);
    pacer.setClock([&now] { return now; });
    for (int i = 0; i < 3; ++i) {
        QCOMPARE(pacer.delayMs(), 0);
        pacer.record();
    }
    QCOMPARE(pacer.delayMs(), 1000); // a burst fills the window; the oldest must leave it first
    now = 1000;
    QCOMPARE(pacer.delayMs(), 0);
}

void TestRequestPacer::spreadSpacesRequestsEvenly()
{
    qint64 now = 0;
    RequestPacer pacer(600, 60000); // one every 100 ms
    pacer.setSpread(true);
    pacer.setClock([&now] { return now; });
    QCOMPARE(pacer.delayMs(), 0);
    pacer.record();
    QCOMPARE(pacer.delayMs(), 100);
    now = 60;
    QCOMPARE(pacer.delayMs(), 40);
    now = 100;
    QCOMPARE(pacer.delayMs(), 0);
}

void TestRequestPacer::upstreamBudgetIsSharedByItsChildren()
{
    qint64 now = 0;
    RequestPacer account(4, 1000);
    account.setClock([&now] { return now; });
    RequestPacer reads(3, 1000);
    reads.setClock([&now] { return now; });
    reads.setUpstream(&account);
    RequestPacer cancels(10, 1000);
    cancels.setClock([&now] { return now; });
    cancels.setUpstream(&account);
    for (int i = 0; i < 3; ++i)
        reads.record();
    QVERIFY(reads.delayMs() > 0);   // its own share is spent
    QCOMPARE(cancels.delayMs(), 0); // the account has room for one more
    cancels.record();
    QVERIFY(cancels.delayMs() > 0); // the account is spent: the cancels wait for it
    QCOMPARE(account.recentCount(), 4);
}

void TestRequestPacer::aRateLimitHalvesTheRateAndItCreepsBack()
{
    qint64 now = 0;
    RequestPacer pacer(300, 60000);
    pacer.setClock([&now] { return now; });
    QCOMPARE(pacer.effectiveMax(), 300);
    pacer.noteRateLimited();
    QCOMPARE(pacer.effectiveMax(), 150);
    pacer.noteRateLimited();
    QCOMPARE(pacer.effectiveMax(), 75);
    now = 59999;
    QCOMPARE(pacer.effectiveMax(), 75);
    now = 60000;
    QCOMPARE(pacer.effectiveMax(), 105); // +10% of the share a window
    now = 5 * 60000;
    QCOMPARE(pacer.effectiveMax(), 225);
    now = 60 * 60000;
    QCOMPARE(pacer.effectiveMax(), 300); // never above the share
    // The lowered rate is what the window admits.
    pacer.noteRateLimited();
    for (int i = 0; i < 150; ++i)
        pacer.record();
    QVERIFY(pacer.delayMs() > 0);
    for (int i = 0; i < 20; ++i)
        pacer.noteRateLimited();
    QCOMPARE(pacer.effectiveMax(), 1); // never below one a window
}

void TestRequestPacer::aRateLimitLowersTheAccountToo()
{
    qint64 now = 0;
    RequestPacer account(1000, 60000);
    account.setClock([&now] { return now; });
    RequestPacer reads(333, 60000);
    reads.setClock([&now] { return now; });
    reads.setUpstream(&account);
    reads.noteRateLimited();
    QCOMPARE(reads.effectiveMax(), 166);
    QCOMPARE(account.effectiveMax(), 500);
}

void TestRequestPacer::ledgerIsSharedByEveryPacerOnIt()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("run/budget.ledger"));
    RequestPacer window(5, 60000);
    window.setLedger(std::make_shared<SharedLedger>(path, 60000));
    RequestPacer cli(5, 60000);
    cli.setLedger(std::make_shared<SharedLedger>(path, 60000));
    for (int i = 0; i < 3; ++i)
        window.record();
    QCOMPARE(cli.delayMs(), 0);
    cli.record();
    cli.record();
    QVERIFY(cli.delayMs() > 0); // its own window holds 2, but the machine's holds 5
    QVERIFY(window.delayMs() > 0);
    QCOMPARE(window.ledger()->recentCount(), 5);
#ifdef Q_OS_UNIX
    struct stat status = {};
    QCOMPARE(::stat(QFile::encodeName(path).constData(), &status), 0);
    QCOMPARE(status.st_mode & 0777, 0600u);
    // Its folder, made for it (under the data folder when there is no runtime folder), is 0700 whatever
    // the umask, as every folder the program keeps there.
    QCOMPARE(::stat(QFile::encodeName(dir.filePath(QStringLiteral("run"))).constData(), &status), 0);
    QCOMPARE(status.st_mode & 0777, 0700u);
#endif
}

void TestRequestPacer::twoProcessesShareOneBudget()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("budget.ledger"));
    QList<QProcess*> children;
    for (int i = 0; i < 2; ++i) {
        auto* child = new QProcess(this);
        child->start(QCoreApplication::applicationFilePath(), {QStringLiteral("--child-ledger"), path});
        children.append(child);
    }
    int total = 0;
    for (QProcess* child : children) {
        QVERIFY(child->waitForFinished(15000));
        QCOMPARE(child->exitCode(), 0);
        total += child->readAllStandardOutput().trimmed().toInt();
    }
    // Each would send 10 on its own budget; sharing the machine's, both together send 10.
    QCOMPARE(total, 10);
    QCOMPARE(SharedLedger(path, 60000).recentCount(), 10);
}

void TestRequestPacer::ledgerThatCannotBeUsedCostsOnlyTheSharing()
{
    QTemporaryDir dir;
    QFile blocker(dir.filePath(QStringLiteral("file")));
    QVERIFY(blocker.open(QIODevice::WriteOnly));
    blocker.close();
    auto ledger = std::make_shared<SharedLedger>(dir.filePath(QStringLiteral("file/budget.ledger")), 60000);
    RequestPacer pacer(2, 60000);
    pacer.setLedger(ledger);
    QCOMPARE(pacer.delayMs(), 0);
    pacer.record();
    pacer.record();
    QVERIFY(pacer.delayMs() > 0); // its own budget still holds
    QVERIFY(!ledger->errorString().isEmpty());
}

int main(int argc, char** argv)
{
    if (argc == 3 && std::strcmp(argv[1], "--child-ledger") == 0) {
        QCoreApplication app(argc, argv);
        return runChild(QString::fromLocal8Bit(argv[2]));
    }
    QCoreApplication app(argc, argv);
    TestRequestPacer test;
    return QTest::qExec(&test, argc, argv);
}
#if 0
QTEST_GUILESS_MAIN(TestRequestPacer)
#endif
#include "tst_requestpacer.moc"
