#pragma once

#include "triage/failuregroups.h"

#include <QPointer>
#include <QWidget>

class QLabel;
class QTreeWidget;
class QTreeWidgetItem;

namespace Alchemyst {

class JobMonitor;

// The states on the left, as qBittorrent's filter sidebar: one row per state with its count and its change
// since the operator last looked, Stuck on top, Failed last with its failure groups under it. The list has
// a fixed width and every state a fixed row, whatever the counts: a row never moves under the pointer
// (tabs did, as their texts grew and shrank every refresh). Failed comes last so that its groups, which
// come and go, move no other state. Under the list a line says how complete and how fresh the counts are.
//
// States are named by the codes the state tabs' data uses: AllState, StuckState, or a StateCategory as int.
class StateList : public QWidget
{
    Q_OBJECT

public:
    static constexpr int AllState = -1;
    static constexpr int StuckState = -2;
    // Failure groups shown under Failed, largest first; the rest are in Failures by Reason.
    static constexpr int MaxGroupsShown = 25;

    explicit StateList(QWidget* parent = nullptr);

    // The monitor whose counts are shown (null: none, every count 0).
    void setMonitor(JobMonitor* monitor);

    // Stuck, All, Waiting, Delayed, Active, Completed, Cancelled, Other, Failed: the rows' order, and
    // Ctrl+1…Ctrl+9's.
    static QList<int> stateOrder();
    // The state's name as the list shows it ("⚠ Stuck", "All", "Waiting"…).
    static QString stateName(int state);

    int currentState() const;
    // The failure group chosen under Failed; empty when Failed itself (or another state) is.
    QString currentFailureGroup() const;
    // Selects the row without emitting stateChosen (the caller already applied it).
    void setCurrentState(int state, const QString& failureGroup = QString());

    // The row's text as read out: "Waiting ≥ 1,212 (+4)"; the count alone: "≥ 1,212".
    QString rowText(int state) const;
    QString countText(int state) const;
    // Where the state's row is, in the tree's viewport (tests click there).
    QRect rowRect(int state) const;
    QTreeWidget* tree() const { return m_tree; }
    QLabel* freshnessLabel() const { return m_freshness; }
    // The failure groups listed under Failed (after the last pass that changed the failures).
    const FailureGroupList& failureGroups() const { return m_groups; }

public slots:
    // Counts, changes, progress and the freshness line from the monitor now.
    void refresh();
    // Groups the failed jobs again (the failures changed) and refreshes.
    void rebuildGroups();

signals:
    // The operator chose a state (failureGroup: a group under Failed, empty for the state itself).
    void stateChosen(int state, const QString& failureGroup);

private:
    void onCurrentItemChanged(QTreeWidgetItem* current);
    QTreeWidgetItem* itemOf(int state) const;
    QString freshnessText(bool* warn, QString* toolTip) const;

    QPointer<JobMonitor> m_monitor;
    QTreeWidget* m_tree = nullptr;
    QLabel* m_freshness = nullptr;
    FailureGroupList m_groups;
    bool m_updating = false;
};

} // namespace Alchemyst
