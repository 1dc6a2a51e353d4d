// RequestPacer: the sliding window, spreading, nested budgets (a session's reads and cancels within one
// account budget), and AIMD on 429 — all with an injected clock, so that minutes pass in microseconds.
#include "api/requestpacer.h"

#include <QTest>

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
};

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

QTEST_GUILESS_MAIN(TestRequestPacer)
#include "tst_requestpacer.moc"
