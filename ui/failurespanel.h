#pragma once

#include "triage/failuregroups.h"

#include <QPointer>
#include <QWidget>

class QLabel;
class QListWidget;

namespace Alchemyst {

class JobFilterModel;
class JobMonitor;

// The Failed tab's breakdown: "7 × Document ‹n› exceeds the 25 MB limit (‹n› MB)", largest first. Choosing a
// reason filters the table to its group; "All failures" clears that. Rebuilt only when a pass changed the
// failed jobs (or when shown after one did), never on every refresh.
class FailuresPanel : public QWidget
{
    Q_OBJECT

public:
    explicit FailuresPanel(JobFilterModel* filter, QWidget* parent = nullptr);

    // The monitor whose failures are grouped (null: none); rebuilt when next shown.
    void setMonitor(JobMonitor* monitor);

    const FailureGroupList& groups() const { return m_groups; }
    // Clears the reason filter (leaving the Failed tab).
    void clearFilter();
    void rebuild();

protected:
    void showEvent(QShowEvent* event) override;

private:
    void onTriageUpdated();
    void onChosen();

    QPointer<JobMonitor> m_monitor;
    JobFilterModel* m_filter;
    FailureGroupList m_groups;
    bool m_dirty = true;
    QLabel* m_heading = nullptr;
    QListWidget* m_list = nullptr;
};

} // namespace Alchemyst
