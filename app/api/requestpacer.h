#pragma once

#include <QElapsedTimer>
#include <deque>

namespace Alchemyst {

// A sliding-window request budget: at most maxRequests in any window of windowMs. The client asks it
// before every paced request, so a long listing is spread out instead of spending the account's rate
// limit in a burst (the platform allows 1000 requests a minute; refreshes keep to a third of it).
class RequestPacer
{
public:
    RequestPacer(int maxRequests, qint64 windowMs);

    void setLimit(int maxRequests, qint64 windowMs);
    int maxRequests() const { return m_max; }
    qint64 windowMs() const { return m_windowMs; }

    // How long to wait before the next request may go; 0 when it may go now.
    qint64 delayMs();
    // A request went out now.
    void record();
    // Requests sent within the last window.
    int recentCount();

private:
    void expire(qint64 now);

    int m_max;
    qint64 m_windowMs;
    QElapsedTimer m_clock;
    std::deque<qint64> m_sent; // send times (ms on m_clock), oldest first, at most m_max kept
};

} // namespace Alchemyst
