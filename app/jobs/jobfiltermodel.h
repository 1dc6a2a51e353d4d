#pragma once

#include "jobs/job.h"

#include <QSortFilterProxyModel>
#include <optional>

namespace Alchemyst {

class JobModel;

// Filters the job table by state category and by a search text over job id, file name, source and
// failure reason;
// sorts by comparing the jobs directly (no QVariant per comparison).
class JobFilterModel : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    explicit JobFilterModel(QObject* parent = nullptr);

    void setJobModel(JobModel* model);
    JobModel* jobModel() const { return m_model; }

    // nullopt shows every state.
    void setCategory(std::optional<StateCategory> category);
    std::optional<StateCategory> category() const { return m_category; }
    // Only the jobs the triage calls stuck (any state).
    void setStuckOnly(bool on);
    bool stuckOnly() const { return m_stuckOnly; }
    // With stuckOnly, whether the jobs the operator snoozed (TriageSession::snoozes()) are listed too
    // (off, the default: a snoozed job leaves the Stuck view as it leaves the count).
    void setShowSnoozed(bool on);
    bool showSnoozed() const { return m_showSnoozed; }
    // The snoozes changed: the Stuck view filters again.
    void snoozesChanged();
    // Only the failed jobs whose reason falls into this failure group (FailureGrouper key); empty: all.
    void setFailureGroup(const QString& key);
    QString failureGroup() const { return m_failureGroup; }
    void setSearchText(const QString& text);
    QString searchText() const { return m_search; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;
    bool lessThan(const QModelIndex& left, const QModelIndex& right) const override;

private:
    void refilter();

    JobModel* m_model = nullptr;
    std::optional<StateCategory> m_category;
    QString m_search;
    QString m_failureGroup;
    bool m_stuckOnly = false;
    bool m_showSnoozed = false;
};

} // namespace Alchemyst
