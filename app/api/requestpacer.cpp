#include "requestpacer.h"

#include "api/sharedledger.h"

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
    m_effective = m_max;
    m_usage.setWindowMs(m_windowMs);
}

void RequestPacer::recover(qint64 now)
{
    while (m_effective < m_max && now - m_lastChange >= m_windowMs) {
        m_effective = qMin(m_max, m_effective + qMax(1, m_max / 10));
        m_lastChange += m_windowMs;
    }
}

void RequestPacer::noteRateLimited()
{
    const qint64 time = now();
    recover(time);
    m_effective = qMax(1, m_effective / 2);
    m_lastChange = time;
    if (m_upstream)
        m_upstream->noteRateLimited();
}

int RequestPacer::effectiveMax()
{
    recover(now());
    return m_effective;
}

void RequestPacer::expire(qint64 now)
{
    while (!m_sent.empty() && now - m_sent.front() >= m_windowMs)
        m_sent.pop_front();
}

qint64 RequestPacer::ownDelayMs()
{
    const qint64 time = now();
    expire(time);
    recover(time);
    qint64 wait = 0;
    if (static_cast<int>(m_sent.size()) >= m_effective) {
        // The window is full: the oldest send that must leave it before another may go.
        const qint64 blocking = m_sent.at(m_sent.size() - static_cast<size_t>(m_effective));
        wait = qMax<qint64>(1, blocking + m_windowMs - time);
    }
    if (m_spread && m_last >= 0) {
        const qint64 spacing = m_windowMs / m_effective;
        wait = qMax(wait, m_last + spacing - time);
    }
    return qMax<qint64>(0, wait);
}

qint64 RequestPacer::delayMs()
{
    // Innermost first, and the ledger last: a slot is taken in the machine's budget only when this
    // request would go now as far as every budget of this process is concerned.
    const qint64 own = ownDelayMs();
    if (own > 0)
        return own;
    if (m_upstream) {
        const qint64 above = m_upstream->delayMs();
        if (above > 0)
            return above;
    }
    if (m_ledger && !m_reserved) {
        // The slot is taken in the ledger now, under its lock; record() then only counts it here.
        const qint64 shared = m_ledger->reserve(effectiveMax());
        m_reserved = shared == 0;
        return qMax<qint64>(0, shared); // -1: unreadable, keep to our own budget
    }
    return 0;
}

void RequestPacer::record()
{
    record(m_defaultPurpose);
}

void RequestPacer::record(Purpose purpose)
{
    const qint64 time = now();
    expire(time);
    m_usage.record(purpose, time);
    m_sent.push_back(time);
    m_last = time;
    while (static_cast<int>(m_sent.size()) > m_max)
        m_sent.pop_front();
    if (m_ledger && !m_reserved)
        m_ledger->record();
    m_reserved = false;
    if (m_upstream)
        m_upstream->record(purpose);
}

qint64 RequestPacer::acquire(Purpose purpose)
{
    const qint64 wait = delayMs();
    if (wait == 0)
        record(purpose);
    return wait;
}

int RequestPacer::recentCount()
{
    expire(now());
    return static_cast<int>(m_sent.size());
}

int RequestPacer::recentCount(Purpose purpose)
{
    return m_usage.count(purpose, now());
}

BudgetSnapshot RequestPacer::snapshot()
{
    const qint64 time = now();
    BudgetSnapshot reading;
    reading.share = m_max;
    reading.allowed = effectiveMax();
    for (int i = 0; i < RequestPurposeCount; ++i) {
        const int count = m_usage.count(static_cast<Purpose>(i), time);
        reading.byPurpose.at(static_cast<size_t>(i)) = count;
        reading.spent += count;
    }
    if (m_ledger)
        reading.machine = m_ledger->recentCount();
    return reading;
}

} // namespace Alchemyst
