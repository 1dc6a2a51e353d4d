#pragma once

#include <QString>

namespace Alchemyst {

// One request budget for every process of this user on this machine that talks to one environment: the
// window and any CLI commands running beside it spend one share between them, instead of each its own.
//
// A small file of request times (ms since the epoch, 8 bytes each, the last window's worth) under the
// user's runtime folder, read and rewritten under an exclusive lock for each request (flock: the kernel
// drops it when a holder dies, so a killed process never blocks the others). A ledger that cannot be used
// (no folder, a lock held too long) costs nothing but the sharing: each process then keeps to its own
// budget, and errorString() says why.
class SharedLedger
{
public:
    static constexpr int LockTimeoutMs = 2000;

    // path: the ledger's file; windowMs: the budget's window (a minute).
    SharedLedger(const QString& path, qint64 windowMs);

    // The runtime folder's ledger for an environment (a key safe as a file name: triageEnvironmentKey()).
    static QString pathFor(const QString& environmentKey);

    QString path() const { return m_path; }
    // How long until one more request keeps every process within maxRequests in the window: 0 now, -1
    // when the ledger cannot be read (the caller then keeps to its own budget).
    qint64 delayMs(int maxRequests);
    // Records one request now, for every process to see. False when it could not be written.
    bool record();
    // Atomically: when fewer than maxRequests are in the window, records one now and answers 0; else the
    // wait until one would fit. -1 when the ledger cannot be used. Checking and recording under one lock is
    // what keeps two processes from both taking the last slot.
    qint64 reserve(int maxRequests);
    // Requests recorded within the window by every process; -1 when unreadable.
    int recentCount();
    QString errorString() const { return m_error; }

private:
    template <typename Work>
    bool withLockedTimes(Work work);

    QString m_path;
    qint64 m_windowMs;
    QString m_error;
};

} // namespace Alchemyst
