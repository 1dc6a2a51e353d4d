#include "requestpacer.h"

#include <QtGlobal>

namespace Alchemyst {

RequestPacer::RequestPacer(int maxRequests, qint64 windowMs)
{
    setLimit(maxRequests, windowMs);
    m_clock.start();
}

void RequestPacer::setLimit(int maxRequests, qint64 windowMs)
{
    m_max = qMax(1, maxRequests);
    m_windowMs = qMax<qint64>(1, windowMs);
}

void RequestPacer::expire(qint64 now)
{
    while (!m_sent.empty() && now - m_sent.front() >= m_windowMs)
        m_sent.pop_front();
}

qint64 RequestPacer::ownDelayMs()
{
    const qint64 now = m_clock.elapsed();
    expire(now);
    qint64 wait = 0;
    if (static_cast<int>(m_sent.size()) >= m_max) {
        // The window is full: the oldest send that must leave it before another may go.
        const qint64 blocking = m_sent.at(m_sent.size() - static_cast<size_t>(m_max));
        wait = qMax<qint64>(1, blocking + m_windowMs - now);
    }
    if (m_spread && m_last >= 0) {
        const qint64 spacing = m_windowMs / m_max;
        wait = qMax(wait, m_last + spacing - now);
    }
    return qMax<qint64>(0, wait);
}

qint64 RequestPacer::delayMs()
{
    const qint64 own = ownDelayMs();
    return m_upstream ? qMax(own, m_upstream->delayMs()) : own;
}

void RequestPacer::record()
{
    const qint64 now = m_clock.elapsed();
    expire(now);
    m_sent.push_back(now);
    m_last = now;
    while (static_cast<int>(m_sent.size()) > m_max)
        m_sent.pop_front();
    if (m_upstream)
        m_upstream->record();
}

int RequestPacer::recentCount()
{
    expire(m_clock.elapsed());
    return static_cast<int>(m_sent.size());
}

} // namespace Alchemyst
