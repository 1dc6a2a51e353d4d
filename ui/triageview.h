#pragma once

#include <QObject>
#include <QPointer>
#include <QStyledItemDelegate>
#include <QTimer>

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
    // The ids of the selected rows, one per line: what Ctrl+C in the table copies.
    QString selectedIdsText() const;
    void openThresholdsDialog();
    void markAllSeen();
    // The window is being closed: true when it should stay in the tray instead (the operator's setting).
    bool keepRunningOnClose();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void onTabChanged(int tab);
    void onCurrentRowChanged();
    void showWindowOn(bool stuck);
    QMenu* jobsMenu() const;

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
    QTimer m_markTimer;
};

} // namespace Alchemyst
