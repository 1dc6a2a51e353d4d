#include "jobfiltermodel.h"

#include "jobs/jobmodel.h"

namespace Alchemyst {

JobFilterModel::JobFilterModel(QObject* parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(JobModel::SortRole);
    setSortCaseSensitivity(Qt::CaseInsensitive);
}

void JobFilterModel::setJobModel(JobModel* model)
{
    m_model = model;
    setSourceModel(model);
}

void JobFilterModel::setCategory(std::optional<StateCategory> category)
{
    if (m_category == category)
        return;
    m_category = category;
    refilter();
}

void JobFilterModel::setSearchText(const QString& text)
{
    const QString trimmed = text.trimmed();
    if (m_search == trimmed)
        return;
    m_search = trimmed;
    refilter();
}

void JobFilterModel::refilter()
{
    // invalidateFilter() announces every run of rows that leaves or returns one by one: with a state filter
    // over 100,000 jobs that is tens of thousands of signals. One layout change does it in one pass and
    // still keeps the selection through persistent indexes.
    invalidate();
}

bool JobFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const
{
    if (!m_model || sourceParent.isValid())
        return true;
    const Job& job = m_model->jobAt(sourceRow);
    if (m_category && categoryOf(job.state) != *m_category)
        return false;
    if (m_search.isEmpty())
        return true;
    return job.id.contains(m_search, Qt::CaseInsensitive) ||
           job.fileName.contains(m_search, Qt::CaseInsensitive) ||
           job.source.contains(m_search, Qt::CaseInsensitive);
}

bool JobFilterModel::lessThan(const QModelIndex& left, const QModelIndex& right) const
{
    if (!m_model)
        return QSortFilterProxyModel::lessThan(left, right);
    const Job& a = m_model->jobAt(left.row());
    const Job& b = m_model->jobAt(right.row());
    switch (left.column()) {
    case JobModel::AttemptsColumn:
        return a.attempts < b.attempts;
    case JobModel::StartedColumn:
        return a.processedOn < b.processedOn;
    case JobModel::FinishedColumn:
        return a.finishedOn < b.finishedOn;
    case JobModel::StateColumn:
        return a.state.compare(b.state, Qt::CaseInsensitive) < 0;
    case JobModel::FileColumn:
        return (a.fileName.isEmpty() ? a.source : a.fileName)
                   .compare(b.fileName.isEmpty() ? b.source : b.fileName, Qt::CaseInsensitive) < 0;
    case JobModel::ReasonColumn:
        return a.failedReason.compare(b.failedReason, Qt::CaseInsensitive) < 0;
    case JobModel::IdColumn:
    default:
        // Numeric ids (BullMQ's default) sort as numbers; others as text.
        if (a.id.size() != b.id.size()) {
            bool aNumber = false;
            bool bNumber = false;
            const qlonglong an = a.id.toLongLong(&aNumber);
            const qlonglong bn = b.id.toLongLong(&bNumber);
            if (aNumber && bNumber)
                return an < bn;
        }
        return a.id.compare(b.id, Qt::CaseInsensitive) < 0;
    }
}

} // namespace Alchemyst
