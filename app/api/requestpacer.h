#pragma once

#include "api/budgetusage.h"

#include <QElapsedTimer>
#include <deque>
#include <functional>
#include <memory>

namespace Alchemyst {

// A sliding-window request budget: at most maxRequests in any window of windowMs. The client asks it
// before every paced request, so a long listing is spread out instead of spending the account's rate
// limit in a burst (the platform allows 1000 requests a minute; refreshes keep to a third of it).
//
// Budgets nest: a pacer with an upstream (the session's account budget) lets a request go only when both
// have room, and a request it records counts in both. So reads and cancels of one session share one
// account budget while each keeps its own share of it.
class SharedLedger;

class RequestPacer
{
public:
    // What a request was for (RequestPurpose): each pacer counts the last window's requests by purpose,
    // and passes the purpose up with the request, so the account's budget says what spent it.
    using Purpose = RequestPurpose;

    RequestPacer(int maxRequests, qint64 windowMs);

    void setLimit(int maxRequests, qint64 windowMs);
    int maxRequests() const { return m_max; }
    qint64 windowMs() const { return m_windowMs; }
    // Spread: requests are also spaced at least windowMs / maxRequests apart, instead of going in a burst
    // until the window is full (a batch of cancels spreads its share over the window).
    void setSpread(bool spread) { m_spread = spread; }
    bool isSpread() const { return m_spread; }
    // Not owned; must outlive this pacer (nullptr: none).
    void setUpstream(RequestPacer* upstream) { m_upstream = upstream; }
    RequestPacer* upstream() const { return m_upstream; }

    // How long to wait before the next request may go; 0 when it may go now.
    qint64 delayMs();
    // A request went out now (counted upstream too), for purpose; without one, for defaultPurpose().
    void record();
    void record(Purpose purpose);
    // delayMs() and, when it is 0, record(purpose): 0 when the request may go now and is counted, else the
    // wait before asking again.
    qint64 acquire(Purpose purpose);
    // The purpose record() without one counts (Pass unless set): a cancel batch's pacer counts Cancel.
    void setDefaultPurpose(Purpose purpose) { m_defaultPurpose = purpose; }
    Purpose defaultPurpose() const { return m_defaultPurpose; }
    // Requests sent within the last window: all of them, or those of one purpose.
    int recentCount();
    int recentCount(Purpose purpose);
    // The meter's reading: the share, what it allows now (less after a 429), what was spent in the last
    // window by purpose, and what every process on the shared ledger spent (-1 without one).
    BudgetSnapshot snapshot();

    // Shares this budget with the other processes of this user on the environment (the window and CLI
    // commands beside it): a request may go only when the ledger too has room under this pacer's limit,
    // and every request is written to it. A ledger that fails costs only the sharing.
    void setLedger(std::shared_ptr<SharedLedger> ledger) { m_ledger = std::move(ledger); }
    SharedLedger* ledger() const { return m_ledger.get(); }

    // A 429: the server says the account's limit is reached. The rate this pacer allows halves (not below
    // one a window), upstream too, then creeps back by a tenth of the limit each window that passes
    // without another: additive increase, multiplicative decrease, so that monitors sharing an account
    // settle under its limit instead of each waiting and bursting again.
    void noteRateLimited();
    // What the pacer allows now: maxRequests(), or less after a 429.
    int effectiveMax();
    // Tests: the time source (ms, monotonic). Default: an elapsed timer started with the pacer.
    void setClock(std::function<qint64()> clock) { m_now = std::move(clock); }

private:
    void expire(qint64 now);
    qint64 ownDelayMs();
    qint64 now() const { return m_now ? m_now() : m_clock.elapsed(); }
    void recover(qint64 now);

    int m_max;
    qint64 m_windowMs;
    bool m_spread = false;
    RequestPacer* m_upstream = nullptr;
    QElapsedTimer m_clock;
    qint64 m_last = -1;      // the last send (ms on m_clock), for spreading
    int m_effective = 0;     // the rate allowed now (≤ m_max); m_max unless a 429 lowered it
    qint64 m_lastChange = 0; // when m_effective last changed
    std::function<qint64()> m_now;
    std::shared_ptr<SharedLedger> m_ledger;
    Purpose m_defaultPurpose = Purpose::Pass;
    BudgetUsage m_usage;
    bool m_reserved = false;   // delayMs() took a slot in the ledger that record() has not used yet
    std::deque<qint64> m_sent; // send times (ms on m_clock), oldest first, at most m_max kept
};

} // namespace Alchemyst
