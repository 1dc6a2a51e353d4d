#include "jobfiltermodel.h"

#include "jobs/jobmodel.h"
#include "triage/triagesession.h"

#include <QDateTime>
#include <algorithm>

namespace Alchemyst {

JobFilterModel::JobFilterModel(QObject* parent)
    : QSortFilterProxyModel(parent)
{
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

void JobFilterModel::setStuckOnly(bool on)
{
    if (m_stuckOnly == on)
        return;
    m_stuckOnly = on;
    refilter();
}

void JobFilterModel::setShowSnoozed(bool on)
{
    if (m_showSnoozed == on)
        return;
    m_showSnoozed = on;
    if (m_stuckOnly)
        refilter();
}

void JobFilterModel::snoozesChanged()
{
    if (m_stuckOnly)
        refilter();
}

void JobFilterModel::setFailureGroup(const QString& key)
{
    if (m_failureGroup == key)
        return;
    m_failureGroup = key;
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
    if (m_stuckOnly && !m_model->isStuck(job))
        return false;
    if (m_stuckOnly && !m_showSnoozed) {
        // One emptiness test while nothing is snoozed, a hash lookup per stuck row otherwise.
        const TriageSession* triage = m_model->triage();
        if (triage && !triage->snoozes().isEmpty() &&
            triage->isSnoozed(job, QDateTime::currentMSecsSinceEpoch()))
            return false;
    }
    if (!m_failureGroup.isEmpty() && m_model->triage() &&
        (categoryOf(job.state) != StateCategory::Failed ||
         FailureGrouper::normalize(job.failedReason) != m_failureGroup))
        return false;
    if (m_search.isEmpty())
        return true;
    return job.id.contains(m_search, Qt::CaseInsensitive) ||
           job.fileName.contains(m_search, Qt::CaseInsensitive) ||
           job.source.contains(m_search, Qt::CaseInsensitive) ||
           job.failedReason.contains(m_search, Qt::CaseInsensitive); // "ECONNREFUSED" finds those failures
}

// Numeric ids (BullMQ's default) sort as numbers and before all others, which sort as text: a strict
// weak order even when both kinds are mixed.
static bool isNumericId(const QString& id)
{
    return !id.isEmpty() &&
           std::all_of(id.cbegin(), id.cend(), [](QChar c) { return c.isDigit() && c.unicode() < 128; });
}

static bool idLessThan(const QString& a, const QString& b)
{
    const bool aNumber = isNumericId(a);
    const bool bNumber = isNumericId(b);
    if (aNumber != bNumber)
        return aNumber;
    if (aNumber) {
        // Without leading zeros a shorter number is smaller; equal lengths compare digit by digit.
        QStringView x(a);
        QStringView y(b);
        while (x.size() > 1 && x.front() == QLatin1Char('0'))
            x = x.mid(1);
        while (y.size() > 1 && y.front() == QLatin1Char('0'))
            y = y.mid(1);
        if (x.size() != y.size())
            return x.size() < y.size();
        const int order = x.compare(y);
        return order != 0 ? order < 0 : a.size() < b.size();
    }
    const int order = a.compare(b, Qt::CaseInsensitive);
    return order != 0 ? order < 0 : a < b;
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
    case JobModel::AgeColumn:
        if (const TriageSession* triage = m_model->triage()) {
            const qint64 now = QDateTime::currentMSecsSinceEpoch();
            return triage->verdict(a, now, false).ageMs < triage->verdict(b, now, false).ageMs;
        }
        return false;
    case JobModel::FileColumn:
        return (a.fileName.isEmpty() ? a.source : a.fileName)
                   .compare(b.fileName.isEmpty() ? b.source : b.fileName, Qt::CaseInsensitive) < 0;
    case JobModel::DurationColumn: {
        // Jobs without both times sort before every measured one.
        const auto took = [](const Job& job) {
            return job.processedOn > 0 && job.finishedOn >= job.processedOn ? job.finishedOn - job.processedOn
                                                                            : qint64(-1);
        };
        return took(a) < took(b);
    }
    case JobModel::ReasonColumn:
        return a.failedReason.compare(b.failedReason, Qt::CaseInsensitive) < 0;
    case JobModel::IdColumn:
    default:
        return idLessThan(a.id, b.id);
    }
}

} // namespace Alchemyst
