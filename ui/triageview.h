#pragma once

#include "jobs/job.h"

#include <QObject>
#include <QPointer>
#include <QStyledItemDelegate>
#include <QTimer>
#include <functional>

class QAction;
class QDockWidget;
class QMainWindow;
class QMenu;
class QTabBar;
class QTableView;

namespace Alchemyst {

class DetailsDock;
class TrendsDock;
class FailuresPanel;
class JobFilterModel;
class JobMonitor;
class TrayIcon;

// The Job ID column: "●" before jobs new since the operator last looked, bold while a row's state
// changed recently. Text and weight, not colour alone.
class JobIdDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    using QStyledItemDelegate::QStyledItemDelegate;

protected:
    void initStyleOption(QStyleOptionViewItem* option, const QModelIndex& index) const override;
};

// The Age column of a snoozed job (shown with Show Snoozed): "snoozed · " before the age, and the snooze
// ("Snoozed until its state changes") added to the tool tip. note gives a row's snooze sentence, empty
// when the row is not snoozed.
class SnoozeMarkDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    SnoozeMarkDelegate(std::function<QString(const QModelIndex&)> note, QObject* parent);
    bool helpEvent(QHelpEvent* event, QAbstractItemView* view, const QStyleOptionViewItem& option,
                   const QModelIndex& index) override;

protected:
    void initStyleOption(QStyleOptionViewItem* option, const QModelIndex& index) const override;

private:
    std::function<QString(const QModelIndex&)> m_note;
};

// Wires the triage views into the main window: the Stuck tab and the tab counts with their changes, the
// row marks, the details dock, the failures breakdown, the thresholds dialog and the tray. The window
// creates it once its own widgets exist; everything here observes the current session's monitor, given
// with setMonitor() on every switch of environment.
class TriageView : public QObject
{
    Q_OBJECT

public:
    TriageView(QMainWindow* window, QTableView* table, JobFilterModel* filter, QTabBar* stateTabs);

    // The monitor shown (null: none), passed on to the details, the failures and the tray.
    void setMonitor(JobMonitor* monitor);

    // The state tabs' titles: "Failed 18 (+3)", and the Stuck tab's count.
    void updateTabTexts();
    int stuckTab() const { return m_stuckTab; }
    DetailsDock* detailsDock() const { return m_details; }
    TrendsDock* trendsDock() const { return m_trends; }
    FailuresPanel* failuresPanel() const { return m_failures; }
    TrayIcon* tray() const { return m_tray; }
    // The toggles of the docks (Job Details, Trends, Failures by Reason), for the View menu.
    QList<QAction*> dockActions() const;
    // The ids of the selected rows, one per line: what Ctrl+C in the table copies.
    QString selectedIdsText() const;
    // The selected jobs in the table's order.
    JobList selectedJobs() const;
    // "Copy for a Ticket": the selected jobs as Markdown (jobsToMarkdown), the Age column's verdict as age.
    QString selectedMarkdown() const;
    // The row menu's triage entries: on the Stuck view the snooze choices for the selected jobs and Show
    // Snoozed.
    void addRowMenuActions(QMenu* menu);
    // Show Snoozed (Jobs menu and the Stuck view's row menu): snoozed jobs listed on Stuck, marked.
    QAction* showSnoozedAction() const { return m_showSnoozedAction; }
    // "Snoozed until its state changes" / "Snoozed until 14:05" for a row of the table; empty when not.
    QString snoozeNote(const QModelIndex& index) const;
    void openThresholdsDialog();
    void markAllSeen();
    // The window is being closed: true when it should stay in the tray instead (the operator's setting).
    bool keepRunningOnClose();

signals:
    // The operator snoozed or unsnoozed jobs: the Stuck count changed (the state list shows it too).
    void snoozesChanged();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void onTabChanged(int tab);
    void onCurrentRowChanged();
    void showWindowOn(bool stuck);
    QMenu* jobsMenu() const;
    // The snoozes changed (the row menu): recount Stuck, filter again, repaint; error from their save.
    void onSnoozesChanged(const QString& error);

    QMainWindow* m_window;
    QPointer<JobMonitor> m_monitor;
    QTableView* m_table;
    JobFilterModel* m_filter;
    QTabBar* m_tabs;
    int m_stuckTab = -1;
    TrendsDock* m_trends = nullptr;
    DetailsDock* m_details = nullptr;
    QDockWidget* m_failuresDock = nullptr;
    FailuresPanel* m_failures = nullptr;
    TrayIcon* m_tray = nullptr;
    QAction* m_showSnoozedAction = nullptr;
    QTimer m_markTimer;
};

} // namespace Alchemyst
