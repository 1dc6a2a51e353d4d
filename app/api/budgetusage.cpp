#include "budgetusage.h"

namespace Alchemyst {

BudgetUsage::BudgetUsage(qint64 windowMs)
    : m_windowMs(qMax<qint64>(1, windowMs))
{}

void BudgetUsage::setWindowMs(qint64 windowMs)
{
    m_windowMs = qMax<qint64>(1, windowMs);
}

void BudgetUsage::expire(qint64 now)
{
    for (std::deque<qint64>& times : m_times) {
        while (!times.empty() && now - times.front() >= m_windowMs)
            times.pop_front();
    }
}

void BudgetUsage::record(RequestPurpose purpose, qint64 now)
{
    const auto index = static_cast<size_t>(purpose);
    if (index >= m_times.size())
        return;
    expire(now);
    m_times[index].push_back(now);
}

int BudgetUsage::count(RequestPurpose purpose, qint64 now)
{
    const auto index = static_cast<size_t>(purpose);
    if (index >= m_times.size())
        return 0;
    expire(now);
    return static_cast<int>(m_times[index].size());
}

int BudgetUsage::total(qint64 now)
{
    expire(now);
    int sum = 0;
    for (const std::deque<qint64>& times : m_times)
        sum += static_cast<int>(times.size());
    return sum;
}

} // namespace Alchemyst
