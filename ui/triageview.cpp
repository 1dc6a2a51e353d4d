#include "triageview.h"

#include "appearance.h"
#include "core/jobmonitor.h"
#include "detailsdock.h"
#include "failurespanel.h"
#include "jobs/jobfiltermodel.h"
#include "jobs/jobmodel.h"
#include "statestyle.h"
#include "trayicon.h"
#include "trendsdock.h"
#include "triagesettingsdialog.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QDateTime>
#include <QDockWidget>
#include <QHeaderView>
#include <QKeyEvent>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>
#include <QSettings>
#include <QTabBar>
#include <QTableView>

namespace Alchemyst {

void JobIdDelegate::initStyleOption(QStyleOptionViewItem* option, const QModelIndex& index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    if (index.data(JobModel::UnseenRole).toBool())
        option->text = QStringLiteral("● ") + option->text;
    if (index.data(JobModel::ChangedRole).toBool())
        option->font.setBold(true);
}

TriageView::TriageView(QMainWindow* window, QTableView* table, JobFilterModel* filter, QTabBar* stateTabs)
    : QObject(window)
    , m_window(window)
    , m_table(table)
    , m_filter(filter)
    , m_tabs(stateTabs)
{
    // The Stuck tab, after the states: it cuts across them (active and waiting jobs alike).
    m_stuckTab = m_tabs->addTab(tr("Stuck"));
    m_tabs->setTabData(m_stuckTab, -2);
    setTabTone(m_tabs, m_stuckTab, StuckTone);
    m_tabs->setTabToolTip(m_stuckTab, tr("Jobs over their stuck threshold (Jobs → Stuck Thresholds…), and "
                                         "waiting jobs overtaken by %L1 or more jobs first seen after them")
                                          .arg(StuckThresholds::DefaultOvertakenJobs));
    connect(m_tabs, &QTabBar::currentChanged, this, &TriageView::onTabChanged);

    m_table->setItemDelegateForColumn(JobModel::IdColumn, new JobIdDelegate(m_table));
    QHeaderView* header = m_table->horizontalHeader();
    header->showSection(JobModel::AgeColumn);
    const int ageWidth =
        m_table->fontMetrics().horizontalAdvance(QStringLiteral("⚠ waiting ≥ 25 min (seen since 09:14)")) +
        16;
    // Unless the operator sized it (the header state is saved at exit), the Age column fits its text.
    if (!QSettings().contains(QStringLiteral("window/header")) ||
        header->sectionSize(JobModel::AgeColumn) < 40)
        m_table->setColumnWidth(JobModel::AgeColumn, ageWidth);
    const int idWidth = m_table->fontMetrics().horizontalAdvance(QStringLiteral("● 0000000000")) + 28;
    if (header->sectionSize(JobModel::IdColumn) < idWidth)
        m_table->setColumnWidth(JobModel::IdColumn, idWidth);
    m_table->installEventFilter(this);
    m_window->installEventFilter(this);

    // Details, beside the table.
    m_details = new DetailsDock(m_window);
    m_details->setView(m_table); // follows the selection, and clears when its job leaves the view
    m_window->addDockWidget(Qt::RightDockWidgetArea, m_details);
    // Closed until asked for (Enter, double-click, Jobs → Job Details), then as the operator left it: at
    // the default width the table and the tabs need the room.
    m_details->setVisible(QSettings().value(QStringLiteral("details/visible"), false).toBool());
    connect(m_details->toggleViewAction(), &QAction::toggled, this,
            [](bool on) { QSettings().setValue(QStringLiteral("details/visible"), on); });
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &TriageView::onCurrentRowChanged);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &TriageView::onCurrentRowChanged);
    connect(m_table, &QAbstractItemView::activated, this, [this] {
        onCurrentRowChanged();
        m_details->show();
        m_details->raise();
    });

    // Trends below the table: how the queue moved and whether it will clear. Closed until asked for.
    m_trends = new TrendsDock(m_window);
    m_window->addDockWidget(Qt::BottomDockWidgetArea, m_trends);
    m_trends->setVisible(QSettings().value(QStringLiteral("trends/visible"), false).toBool());
    connect(m_trends->toggleViewAction(), &QAction::toggled, this, [this](bool on) {
        QSettings().setValue(QStringLiteral("trends/visible"), on);
        if (on)
            m_trends->reload();
    });

    // The failures breakdown with counts and the whole template of each group. The state list already
    // nests the groups under Failed, so this is a view the operator opens (remembered), not one that takes
    // the reasons' room each time Failed is chosen.
    m_failuresDock = new QDockWidget(tr("Failures by Reason"), m_window);
    m_failuresDock->setObjectName(QStringLiteral("failuresDock"));
    m_failuresDock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetClosable);
    m_failures = new FailuresPanel(m_filter, m_failuresDock);
    m_failuresDock->setWidget(m_failures);
    m_failuresDock->setMinimumWidth(220);
    m_window->addDockWidget(Qt::LeftDockWidgetArea, m_failuresDock);
    m_failuresDock->setVisible(QSettings().value(QStringLiteral("failures/visible"), false).toBool());
    connect(m_failuresDock->toggleViewAction(), &QAction::toggled, this,
            [](bool on) { QSettings().setValue(QStringLiteral("failures/visible"), on); });

    m_tray = new TrayIcon(m_window, this);
    connect(m_tray, &TrayIcon::showRequested, this, &TriageView::showWindowOn);

    if (QMenu* menu = jobsMenu()) {
        menu->addSeparator();
        QAction* details = m_details->toggleViewAction();
        details->setText(tr("Job &Details"));
        details->setObjectName(QStringLiteral("detailsAction"));
        menu->addAction(details);
        QAction* trends = m_trends->toggleViewAction();
        trends->setText(tr("&Trends"));
        trends->setObjectName(QStringLiteral("trendsAction"));
        trends->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_T));
        menu->addAction(trends);
        QAction* failures = m_failuresDock->toggleViewAction();
        failures->setText(tr("&Failures by Reason"));
        failures->setObjectName(QStringLiteral("failuresAction"));
        menu->addAction(failures);
        QAction* seen = menu->addAction(tr("&Mark All as Seen"), this, &TriageView::markAllSeen);
        seen->setObjectName(QStringLiteral("markSeenAction"));
        QAction* thresholds =
            menu->addAction(tr("Stuck &Thresholds…"), this, &TriageView::openThresholdsDialog);
        thresholds->setObjectName(QStringLiteral("stuckThresholdsAction"));
        menu->addSeparator();
        menu->addAction(m_tray->notifyAction());
        menu->addAction(m_tray->keepRunningAction());
    }

    // Marks of changed rows fade after a few minutes: drop the expired ones and repaint now and then.
    m_markTimer.setInterval(15 * 1000);
    connect(&m_markTimer, &QTimer::timeout, this, [this] {
        if (!m_monitor)
            return;
        m_monitor->triage().changes().expireMarks(QDateTime::currentMSecsSinceEpoch());
        m_table->viewport()->update();
    });
    m_markTimer.start();
    updateTabTexts();
}

void TriageView::setMonitor(JobMonitor* monitor)
{
    if (m_monitor == monitor)
        return;
    if (m_monitor) {
        m_monitor->disconnect(this);
        m_monitor->model()->disconnect(this);
    }
    m_monitor = monitor;
    m_details->setMonitor(monitor);
    m_trends->setMonitor(monitor);
    m_failures->setMonitor(monitor);
    m_tray->setMonitor(monitor);
    if (m_monitor) {
        connect(m_monitor, &JobMonitor::triageUpdated, this, [this] {
            // The first pass over an environment finds every job new: none of it is news to mark.
            if (m_monitor->lastSummary().baseline)
                m_monitor->triage().changes().markAllSeen();
            updateTabTexts();
        });
        connect(m_monitor->model(), &JobModel::countsChanged, this, &TriageView::updateTabTexts);
    }
    updateTabTexts();
}

QMenu* TriageView::jobsMenu() const
{
    // The menu that holds the window's Refresh action.
    auto* refresh = m_window->findChild<QAction*>(QStringLiteral("refreshAction"));
    if (refresh) {
        for (QObject* object : refresh->associatedObjects())
            if (auto* menu = qobject_cast<QMenu*>(object))
                return menu;
    }
    return m_window->menuBar()->addMenu(tr("&Jobs"));
}

void TriageView::updateTabTexts()
{
    int total = 0;
    for (int i = 0; i < StateCategoryCount; ++i) {
        const auto category = static_cast<StateCategory>(i);
        const int count = m_monitor ? m_monitor->model()->count(category) : 0;
        const int delta = m_monitor ? m_monitor->triage().changes().deltaSinceSeen(category) : 0;
        total += count;
        m_tabs->setTabText(i + 1, ChangeTracker::countText(category, count, delta));
    }
    m_tabs->setTabText(0, tr("All %1").arg(total));
    m_tabs->setTabText(m_stuckTab, tr("⚠ Stuck %1").arg(m_monitor ? m_monitor->triage().stuckCount() : 0));
}

void TriageView::onTabChanged(int tab)
{
    m_filter->setStuckOnly(tab == m_stuckTab);
    const bool failed = m_tabs->tabData(tab).toInt() == static_cast<int>(StateCategory::Failed);
    if (!failed)
        m_failures->clearFilter();
}

void TriageView::onCurrentRowChanged()
{
    QModelIndex current = m_table->selectionModel()->currentIndex();
    if (!current.isValid() || !m_table->selectionModel()->isRowSelected(current.row(), current.parent())) {
        const QModelIndexList rows = m_table->selectionModel()->selectedRows();
        current = rows.isEmpty() ? QModelIndex() : rows.constFirst();
    }
    if (current.isValid())
        m_details->showJob(current.data(JobModel::JobIdRole).toString());
}

QString TriageView::selectedIdsText() const
{
    QModelIndexList rows = m_table->selectionModel()->selectedRows();
    std::sort(rows.begin(), rows.end(),
              [](const QModelIndex& a, const QModelIndex& b) { return a.row() < b.row(); });
    QStringList ids;
    for (const QModelIndex& row : rows)
        ids << row.data(JobModel::JobIdRole).toString();
    return ids.join(QLatin1Char('\n'));
}

bool TriageView::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_table &&
        (event->type() == QEvent::KeyPress || event->type() == QEvent::ShortcutOverride)) {
        auto* key = static_cast<QKeyEvent*>(event);
        if (key->matches(QKeySequence::Copy)) {
            // The ids of the selected jobs, one per line, not the current cell's text.
            if (event->type() == QEvent::KeyPress) {
                const QString text = selectedIdsText();
                if (!text.isEmpty())
                    QGuiApplication::clipboard()->setText(text);
            }
            event->accept();
            return true;
        }
    }
    if (watched == m_window && event->type() == QEvent::WindowDeactivate) {
        // The operator had the window in front and leaves it: what was new has been seen.
        markAllSeen();
    }
    return QObject::eventFilter(watched, event);
}

void TriageView::markAllSeen()
{
    if (!m_monitor)
        return;
    m_monitor->triage().changes().markAllSeen();
    updateTabTexts();
    m_table->viewport()->update();
}

bool TriageView::keepRunningOnClose()
{
    return m_tray->interceptClose();
}

void TriageView::openThresholdsDialog()
{
    if (!m_monitor)
        return;
    JobMonitor* monitor = m_monitor;
    auto* dialog =
        new TriageSettingsDialog(monitor->environmentName(), monitor->triage().thresholds(), m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    // The thresholds are this monitor's environment's: when the operator switched meanwhile, the monitor
    // is gone and so is this connection.
    connect(dialog, &QDialog::accepted, monitor, [this, dialog, monitor] {
        StuckThresholds thresholds = dialog->thresholds();
        // The dialog sets the ages; the overtaken count is a setting it does not show: keep it.
        thresholds.overtakenJobs = monitor->triage().thresholds().overtakenJobs;
        monitor->triage().setThresholds(thresholds, QDateTime::currentMSecsSinceEpoch());
        monitor->triage().saveThresholds();
        m_filter->invalidate();
        m_table->viewport()->update();
        updateTabTexts();
    });
    dialog->open();
}

void TriageView::showWindowOn(bool stuck)
{
    m_window->show();
    m_window->setWindowState((m_window->windowState() & ~Qt::WindowMinimized) | Qt::WindowActive);
    m_window->raise();
    m_window->activateWindow();
    m_tabs->setCurrentIndex(stuck ? m_stuckTab : 1 + static_cast<int>(StateCategory::Failed));
}

} // namespace Alchemyst
