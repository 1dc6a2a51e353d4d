#include "triageview.h"

#include "appearance.h"
#include "core/jobmonitor.h"
#include "detailsdock.h"
#include "failurespanel.h"
#include "jobs/jobexport.h"
#include "jobs/jobfiltermodel.h"
#include "jobs/jobmodel.h"
#include "monitorbinding.h"
#include "snoozemenu.h"
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
#include <QHelpEvent>
#include <QKeyEvent>
#include <QLocale>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>
#include <QSettings>
#include <QStatusBar>
#include <QTabBar>
#include <QTableView>
#include <QToolTip>

namespace Alchemyst {

void JobIdDelegate::initStyleOption(QStyleOptionViewItem* option, const QModelIndex& index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    if (index.data(JobModel::UnseenRole).toBool())
        option->text = QStringLiteral("● ") + option->text;
    if (index.data(JobModel::ChangedRole).toBool())
        option->font.setBold(true);
}

SnoozeMarkDelegate::SnoozeMarkDelegate(std::function<QString(const QModelIndex&)> note, QObject* parent)
    : QStyledItemDelegate(parent)
    , m_note(std::move(note))
{}

void SnoozeMarkDelegate::initStyleOption(QStyleOptionViewItem* option, const QModelIndex& index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    if (!m_note || m_note(index).isEmpty())
        return;
    // Not a warning while snoozed: the ⚠ gives way to "zz" (text, not colour alone), in italics, within
    // the column's width; the snooze itself is in the tool tip.
    QString age = option->text;
    if (age.startsWith(QStringLiteral("⚠ ")))
        age = age.mid(2);
    option->text = tr("zz %1", "a snoozed job's Age cell").arg(age);
    option->font.setItalic(true);
}

bool SnoozeMarkDelegate::helpEvent(QHelpEvent* event, QAbstractItemView* view,
                                   const QStyleOptionViewItem& option, const QModelIndex& index)
{
    const QString note = m_note && event && event->type() == QEvent::ToolTip ? m_note(index) : QString();
    if (note.isEmpty())
        return QStyledItemDelegate::helpEvent(event, view, option, index);
    const QString tip = index.data(Qt::ToolTipRole).toString();
    QToolTip::showText(event->globalPos(), tip.isEmpty() ? note : tip + QLatin1Char('\n') + note, view);
    return true;
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
    m_table->setItemDelegateForColumn(
        JobModel::AgeColumn,
        new SnoozeMarkDelegate([this](const QModelIndex& index) { return snoozeNote(index); }, m_table));
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
    // Closed until asked for (Enter, double-click, View → Job Details), then as the operator left it: at
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

    // The docks' toggles: the window puts them under View (dockActions()).
    QAction* details = m_details->toggleViewAction();
    details->setText(tr("Job &Details"));
    details->setObjectName(QStringLiteral("detailsAction"));
    QAction* trends = m_trends->toggleViewAction();
    trends->setText(tr("&Trends"));
    trends->setObjectName(QStringLiteral("trendsAction"));
    trends->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_T));
    QAction* failures = m_failuresDock->toggleViewAction();
    failures->setText(tr("&Failures by Reason"));
    failures->setObjectName(QStringLiteral("failuresAction"));

    // Snoozed jobs leave the Stuck view with the count; this brings them back, marked.
    m_showSnoozedAction = new QAction(tr("Show Sn&oozed"), this);
    m_showSnoozedAction->setObjectName(QStringLiteral("showSnoozedAction"));
    m_showSnoozedAction->setCheckable(true);
    m_showSnoozedAction->setToolTip(
        tr("List the stuck jobs you snoozed in the Stuck view, marked as snoozed"));
    connect(m_showSnoozedAction, &QAction::toggled, this, [this](bool on) {
        m_filter->setShowSnoozed(on);
        m_table->viewport()->update();
    });

    if (QMenu* menu = jobsMenu()) {
        menu->addSeparator();
        QAction* seen = menu->addAction(tr("&Mark All as Seen"), this, &TriageView::markAllSeen);
        seen->setObjectName(QStringLiteral("markSeenAction"));
        QAction* thresholds =
            menu->addAction(tr("Stuck &Thresholds…"), this, &TriageView::openThresholdsDialog);
        thresholds->setObjectName(QStringLiteral("stuckThresholdsAction"));
        menu->addAction(m_showSnoozedAction);
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
    if (!rebindMonitor(this, m_monitor, monitor))
        return;
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

QList<QAction*> TriageView::dockActions() const
{
    return {m_details->toggleViewAction(), m_trends->toggleViewAction(), m_failuresDock->toggleViewAction()};
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
    m_tabs->setTabText(0, tr("All %1").arg(QLocale().toString(total)));
    m_tabs->setTabText(
        m_stuckTab,
        tr("⚠ Stuck %1").arg(QLocale().toString(m_monitor ? m_monitor->triage().stuckCount() : 0)));
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

JobList TriageView::selectedJobs() const
{
    JobList jobs;
    JobModel* model = m_filter->jobModel();
    if (!model)
        return jobs;
    QModelIndexList rows = m_table->selectionModel()->selectedRows();
    std::sort(rows.begin(), rows.end(),
              [](const QModelIndex& a, const QModelIndex& b) { return a.row() < b.row(); });
    for (const QModelIndex& row : rows) {
        const QModelIndex source = m_filter->mapToSource(row);
        if (source.isValid() && source.row() < model->rowCount())
            jobs.append(model->jobAt(source.row()));
    }
    return jobs;
}

QString TriageView::selectedMarkdown() const
{
    const JobList jobs = selectedJobs();
    if (jobs.isEmpty())
        return QString();
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (!m_monitor)
        return jobsToMarkdown(jobs, now);
    const TriageSession& triage = m_monitor->triage();
    // The age as the Age column says it ("waiting ≥ 25 min, overtaken by 140 later jobs"), in UTC as the
    // Started column of the ticket is.
    return jobsToMarkdown(jobs, now, [&triage, now](const Job& job) {
        return triage.verdict(job, now, true, TimeDisplay::Zone::Utc).text;
    });
}

QString TriageView::snoozeNote(const QModelIndex& index) const
{
    if (!m_monitor || !index.isValid())
        return QString();
    const SnoozeStore& snoozes = m_monitor->triage().snoozes();
    if (snoozes.isEmpty())
        return QString();
    const QString id = index.data(JobModel::JobIdRole).toString();
    const std::optional<Snooze> snooze = snoozes.find(id);
    if (!snooze ||
        !snooze->covers(index.data(JobModel::StateRole).toString(), QDateTime::currentMSecsSinceEpoch()))
        return QString();
    if (snooze->untilStateChanges())
        return tr("Snoozed until its state changes");
    const QDateTime until = QDateTime::fromMSecsSinceEpoch(snooze->untilMs);
    return tr("Snoozed until %1 or until its state changes")
        .arg(m_filter->jobModel() && m_filter->jobModel()->timesInUtc()
                 ? until.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm 'UTC'"))
                 : until.toString(QStringLiteral("yyyy-MM-dd HH:mm")));
}

void TriageView::addRowMenuActions(QMenu* menu)
{
    if (!menu || !m_monitor || m_tabs->currentIndex() != m_stuckTab)
        return;
    menu->addSeparator();
    addSnoozeActions(menu, &m_monitor->triage().snoozes(), selectedJobs(),
                     [this](const QString& error) { onSnoozesChanged(error); });
    menu->addAction(m_showSnoozedAction);
}

void TriageView::onSnoozesChanged(const QString& error)
{
    if (!m_monitor)
        return;
    m_monitor->triage().snoozesChanged(QDateTime::currentMSecsSinceEpoch());
    m_filter->snoozesChanged();
    m_table->viewport()->update();
    updateTabTexts();
    emit snoozesChanged();
    if (!error.isEmpty())
        m_window->statusBar()->showMessage(tr("The snooze could not be saved: %1").arg(error));
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
