// How the main window is put together: its actions, menus, toolbar and status bar. What the window does
// with them, and the session it shows, is in mainwindow.cpp.
#include "aboutdialog.h"
#include "accessiblenames.h"
#include "actionicons.h"
#include "api/apiclient.h"
#include "appearance.h"
#include "budgetmeter.h"
#include "bulkcanceldialog.h"
#include "cancelcontroller.h"
#include "core/cancelservice.h"
#include "core/jobmonitor.h"
#include "core/jobsession.h"
#include "demomenu.h"
#include "environmentbadge.h"
#include "environmentcontroller.h"
#include "exportfeedback.h"
#include "exportrows.h"
#include "failurespanel.h"
#include "jobs/jobfiltermodel.h"
#include "jobs/jobmodel.h"
#include "jobtablewidget.h"
#include "journalview.h"
#include "mainwindow.h"
#include "messages.h"
#include "preferencesdialog.h"
#include "refreshtexts.h"
#include "statelist.h"
#include "triageview.h"
#include "verdictlabel.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QClipboard>
#include <QCloseEvent>
#include <QComboBox>
#include <QDockWidget>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QMenuBar>
#include <QProgressBar>
#include <QPushButton>
#include <QScreen>
#include <QSettings>
#include <QSpinBox>
#include <QStatusBar>
#include <QTabBar>
#include <QTableView>
#include <QToolBar>
#include <QTreeWidget>

namespace Alchemyst {

void MainWindow::buildActions()
{
    // Tool tips name the shortcut as the platform writes it (F5 here, ⌘R on macOS).
    const auto shortcutText = [](const QAction* action) {
        return action->shortcut().toString(QKeySequence::NativeText);
    };
    m_refreshAction = new QAction(actionIcon(QStringLiteral("view-refresh")), tr("&Refresh"), this);
    m_refreshAction->setObjectName(QStringLiteral("refreshAction"));
    m_refreshAction->setShortcut(QKeySequence::Refresh);
    m_refreshAction->setToolTip(tr("Refresh the job list now (%1)").arg(shortcutText(m_refreshAction)));
    connect(m_refreshAction, &QAction::triggered, this, &MainWindow::refresh);

    m_autoRefreshAction =
        new QAction(actionIcon(QStringLiteral("media-playlist-repeat")), tr("&Auto-refresh"), this);
    m_autoRefreshAction->setObjectName(QStringLiteral("autoRefreshAction"));
    m_autoRefreshAction->setCheckable(true);
    m_autoRefreshAction->setChecked(true);
    m_autoRefreshAction->setToolTip(tr("Refresh the list periodically; uncheck to pause"));
    connect(m_autoRefreshAction, &QAction::toggled, this, [this](bool on) {
        if (JobMonitor* current = monitor())
            current->setAutoRefresh(on);
    });

    m_stopAction = new QAction(actionIcon(QStringLiteral("process-stop")), tr("&Stop Loading"), this);
    m_stopAction->setObjectName(QStringLiteral("stopAction"));
    m_stopAction->setShortcut(QKeySequence(Qt::Key_Escape));
    m_stopAction->setToolTip(
        tr("Stop reading the job list; what was read stays (%1)").arg(shortcutText(m_stopAction)));
    m_stopAction->setEnabled(false);
    connect(m_stopAction, &QAction::triggered, this, &MainWindow::stopRefresh);

    m_cancelAction = new QAction(actionIcon(QStringLiteral("process-stop")), tr("&Cancel Job"), this);
    m_cancelAction->setObjectName(QStringLiteral("cancelAction"));
    m_cancelAction->setShortcut(QKeySequence::Delete);
    m_cancelAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
}

void MainWindow::buildMenus()
{
    // Menus.
    QMenu* fileMenu = menuBar()->addMenu(tr("&File"));
    QAction* addEnv = fileMenu->addAction(actionIcon(QStringLiteral("list-add")), tr("&Add Environment…"),
                                          m_environments, &EnvironmentController::addEnvironment);
    addEnv->setObjectName(QStringLiteral("addEnvironmentAction"));
    QAction* exportRows = fileMenu->addAction(
        actionIcon(QStringLiteral("document-export")), tr("E&xport Visible Jobs…"), this, [this] {
            // Where it went (or that nothing was visible), in the status bar, for a while: a result, not a
            // state, so it does not stay until something else happens to replace it.
            const QString sentence = exportVisibleJobsWithFeedback(this, m_filter);
            if (!sentence.isEmpty())
                statusBar()->showMessage(sentence, 10000);
        });
    exportRows->setObjectName(QStringLiteral("exportVisibleAction"));
    m_editEnvironmentAction =
        fileMenu->addAction(actionIcon(QStringLiteral("document-edit")), tr("&Edit Environment…"),
                            m_environments, &EnvironmentController::editEnvironment);
    m_editEnvironmentAction->setObjectName(QStringLiteral("editEnvironmentAction"));
    m_removeEnvironmentAction = fileMenu->addAction(
        actionIcon(QStringLiteral("list-remove")), tr("&Remove Environment…"), this,
        [this] { m_environments->confirmRemoveEnvironment(m_environments->environment()); });
    m_removeEnvironmentAction->setObjectName(QStringLiteral("removeEnvironmentAction"));
    fileMenu->addSeparator();
    // Quit quits, also when closing the window only hides it to the tray.
    QAction* quitAction = fileMenu->addAction(tr("&Quit"), QKeySequence::Quit, this, [this] {
        m_quitting = true;
        if (close())
            QCoreApplication::quit();
        else
            m_quitting = false;
    });
    quitAction->setObjectName(QStringLiteral("quitAction"));
    buildEditMenu();
    QMenu* jobsMenu = menuBar()->addMenu(tr("&Jobs"));
    jobsMenu->addAction(m_refreshAction);
    jobsMenu->addAction(m_stopAction);
    jobsMenu->addAction(m_autoRefreshAction);
    jobsMenu->addSeparator();
    jobsMenu->addAction(m_cancelAction);
    QAction* journalAction = jobsMenu->addAction(tr("Cancel &Journal…"), this, [this] {
        auto* view = new JournalView(m_journal, m_environments->environment().name, this);
        view->setAttribute(Qt::WA_DeleteOnClose);
        view->open();
    });
    journalAction->setObjectName(QStringLiteral("journalAction"));
    // View → Appearance: follow the system, or Fusion in light or dark; remembered for the next start.
    QMenu* appearanceMenu = menuBar()->addMenu(tr("&View"))->addMenu(tr("&Appearance"));
    appearanceMenu->setObjectName(QStringLiteral("appearanceMenu"));
    auto* appearances = new QActionGroup(appearanceMenu);
    const struct
    {
        Appearance appearance;
        QString text;
        QString objectName;
    } appearanceChoices[] = {
        {Appearance::System, tr("Follow &System"), QStringLiteral("appearanceSystemAction")},
        {Appearance::Light, tr("&Light"), QStringLiteral("appearanceLightAction")},
        {Appearance::Dark, tr("&Dark"), QStringLiteral("appearanceDarkAction")},
    };
    for (const auto& choice : appearanceChoices) {
        QAction* action = appearanceMenu->addAction(choice.text);
        action->setObjectName(choice.objectName);
        action->setCheckable(true);
        action->setChecked(choice.appearance == currentAppearance());
        appearances->addAction(action);
        const Appearance appearance = choice.appearance;
        connect(action, &QAction::triggered, this, [appearance] {
            applyAppearance(appearance);
            storeAppearance(appearance);
        });
    }
    // View → Show Times in UTC (the View menu may already hold Appearance).
    m_utcAction = viewMenu()->addAction(tr("Show Times in &UTC"));
    m_utcAction->setObjectName(QStringLiteral("utcTimesAction"));
    m_utcAction->setCheckable(true);
    m_utcAction->setChecked(QSettings().value(QStringLiteral("view/timesInUtc"), false).toBool());
    m_noJobs->setTimesInUtc(m_utcAction->isChecked());
    connect(m_utcAction, &QAction::toggled, this, [this](bool utc) {
        QSettings().setValue(QStringLiteral("view/timesInUtc"), utc);
        m_noJobs->setTimesInUtc(utc);
        jobModel()->setTimesInUtc(utc);
        updateStatus();
    });
    QMenu* helpMenu = menuBar()->addMenu(tr("&Help"));
    addHelpActions(helpMenu, this);
}

void MainWindow::buildEditMenu()
{
    QMenu* editMenu = menuBar()->addMenu(tr("&Edit"));
    editMenu->setObjectName(QStringLiteral("editMenu"));
    // Ctrl+C, Ctrl+A and Ctrl+F belong to the focused widget (the table copies ids, a line edit its text,
    // the table's own Find focuses the search): here they are named, and act only from the menu.
    m_copyIdAction = editMenu->addAction(tr("Copy Job &ID"), this, &MainWindow::copySelectedIds);
    m_copyIdAction->setObjectName(QStringLiteral("copyIdAction"));
    m_copyIdAction->setShortcut(QKeySequence::Copy);
    m_copyIdAction->setShortcutContext(Qt::WidgetShortcut);
    m_copyMarkdownAction =
        editMenu->addAction(tr("Copy for a &Ticket"), this, &MainWindow::copySelectedAsMarkdown);
    m_copyMarkdownAction->setObjectName(QStringLiteral("copyMarkdownAction"));
    m_copyMarkdownAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
    m_copyMarkdownAction->setToolTip(tr("Copy the selected jobs as a Markdown table, for a support ticket"));
    m_selectAllAction =
        editMenu->addAction(tr("Select &All"), this, [this] { m_jobs->table()->selectAll(); });
    m_selectAllAction->setObjectName(QStringLiteral("selectAllAction"));
    m_selectAllAction->setShortcut(QKeySequence::SelectAll);
    m_selectAllAction->setShortcutContext(Qt::WidgetShortcut);
    QAction* find = editMenu->addAction(tr("&Find"), this, [this] {
        m_jobs->searchBox()->setFocus(Qt::ShortcutFocusReason);
        m_jobs->searchBox()->selectAll();
    });
    find->setObjectName(QStringLiteral("findAction"));
    find->setShortcut(QKeySequence::Find);
    find->setShortcutContext(Qt::WidgetShortcut);
    editMenu->addSeparator();
    QAction* preferences = editMenu->addAction(tr("&Preferences…"), this, &MainWindow::openPreferences);
    preferences->setObjectName(QStringLiteral("preferencesAction"));
    preferences->setShortcut(QKeySequence::Preferences);
    preferences->setMenuRole(QAction::PreferencesRole);
}

void MainWindow::copySelectedIds()
{
    const QString text = m_triageView->selectedIdsText();
    if (!text.isEmpty())
        QGuiApplication::clipboard()->setText(text);
}

void MainWindow::copySelectedAsMarkdown()
{
    const QString markdown = m_triageView->selectedMarkdown();
    if (markdown.isEmpty()) {
        statusBar()->showMessage(tr("Select the jobs to copy first."), 5000);
        return;
    }
    QGuiApplication::clipboard()->setText(markdown);
    const int jobs = static_cast<int>(m_jobs->table()->selectionModel()->selectedRows().size());
    statusBar()->showMessage(tr("Copied %Ln job(s) as Markdown.", nullptr, jobs), 5000);
}

void MainWindow::openPreferences()
{
    auto* dialog = new PreferencesDialog(m_session, m_triageView->tray(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &PreferencesDialog::applied, this, [this](bool) {
        // The spin box is what closeEvent writes back: it takes the new interval, else the old one wins.
        m_intervalSpin->setValue(
            QSettings()
                .value(QLatin1String(PreferencesDialog::IntervalKey), RefreshPolicy::DefaultIntervalSeconds)
                .toInt());
        m_jobs->setAbsoluteTimes(QSettings().value(JobTableWidget::absoluteTimesKey(), false).toBool());
        // Thresholds may have moved: the Stuck view and its count follow.
        m_filter->invalidate();
        m_jobs->table()->viewport()->update();
        updateCounts();
    });
    dialog->open();
}

void MainWindow::buildViewToggles()
{
    // View: a toggle for every dock and for the toolbar (the environment strip cannot be hidden).
    QMenu* view = viewMenu();
    view->addSeparator();
    for (QAction* dock : m_triageView->dockActions())
        view->addAction(dock);
    if (auto* toolbar = findChild<QToolBar*>(QStringLiteral("mainToolbar"))) {
        QAction* toggle = toolbar->toggleViewAction();
        toggle->setText(tr("Tool&bar"));
        toggle->setObjectName(QStringLiteral("toolbarAction"));
        view->addAction(toggle);
    }
    // The details dock allows the bottom area as well as the sides (DetailsDock): saveState() keeps where.
}

QMenu* MainWindow::viewMenu()
{
    for (QAction* action : menuBar()->actions())
        if (action->menu() && action->menu()->title() == tr("&View"))
            return action->menu();
    return menuBar()->addMenu(tr("&View"));
}

void MainWindow::buildToolbar()
{
    // The environment strip, under the menu bar and the whole width of the window: a bar of its own, so
    // that no width sends it into a toolbar's overflow, and one the operator cannot hide.
    auto* strip = new QToolBar(tr("Environment"), this);
    strip->setObjectName(QStringLiteral("environmentStrip"));
    strip->setMovable(false);
    strip->setFloatable(false);
    strip->toggleViewAction()->setVisible(false);
    strip->setContextMenuPolicy(Qt::PreventContextMenu);
    m_badge = new EnvironmentBadge(strip);
    strip->addWidget(m_badge);
    addToolBar(Qt::TopToolBarArea, strip);
    addToolBarBreak(Qt::TopToolBarArea);

    // Toolbar: where we are connected, and what refreshes.
    QToolBar* toolbar = addToolBar(tr("Main"));
    toolbar->setObjectName(QStringLiteral("mainToolbar"));
    nameToolbarExtension(toolbar); // its overflow button gets a name screen readers say
    toolbar->setMovable(false);
    toolbar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    auto* envLabel = new QLabel(tr("&Environment:"), this);
    envLabel->setObjectName(QStringLiteral("environmentLabel"));
    envLabel->setContentsMargins(0, 0, 4, 0);
    toolbar->addWidget(envLabel);
    m_environmentCombo = new EnvironmentChooser(this); // a step onto production by keyboard asks
    m_environmentCombo->setObjectName(QStringLiteral("environmentCombo"));
    envLabel->setBuddy(m_environmentCombo); // Alt+E, and what a screen reader names the chooser by
    m_environmentCombo->setAccessibleName(tr("Environment"));
    m_environmentCombo->setAccessibleDescription(tr("The server whose jobs the window shows"));
    m_environmentCombo->setMinimumContentsLength(22);
    m_environmentCombo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_environmentCombo->setPlaceholderText(tr("Choose an environment"));
    toolbar->addWidget(m_environmentCombo);
    toolbar->addAction(m_editEnvironmentAction);
    toolbar->addSeparator();
    toolbar->addAction(m_refreshAction);
    toolbar->addAction(m_autoRefreshAction);
    m_intervalSpin = new QSpinBox(this);
    m_intervalSpin->setObjectName(QStringLiteral("intervalSpin"));
    m_intervalSpin->setRange(2, 3600);
    m_intervalSpin->setPrefix(tr("every "));
    m_intervalSpin->setSuffix(tr(" s"));
    m_intervalSpin->setAccessibleName(tr("Auto-refresh interval in seconds"));
    m_intervalSpin->setToolTip(
        tr("Auto-refresh interval. With many jobs it is stretched to stay within a third "
           "of the platform's 1000 requests a minute."));
    toolbar->addWidget(m_intervalSpin);
}

void MainWindow::buildStatusBar()
{
    // Left: the busy indicator and transient messages. Right, permanent: what addPermanentStatusWidget()
    // adds, then the refresh status, last.
    m_progressBar = new QProgressBar(this);
    m_progressBar->setObjectName(QStringLiteral("refreshProgress"));
    m_progressBar->setRange(0, 0); // the list has no total: a busy indicator while pages arrive
    m_progressBar->setMaximumWidth(140);
    m_progressBar->setMaximumHeight(14);
    m_progressBar->setTextVisible(false);
    m_progressBar->hide();
    statusBar()->addWidget(m_progressBar);
    m_lastRefreshLabel = new QLabel(this);
    m_lastRefreshLabel->setObjectName(QStringLiteral("lastRefreshLabel"));
    m_lastRefreshLabel->setTextFormat(Qt::PlainText);
    statusBar()->addPermanentWidget(m_lastRefreshLabel);
    m_budgetMeter = new BudgetMeter(this);
    m_budgetMeter->setObjectName(QStringLiteral("budgetMeter"));
    addPermanentStatusWidget(m_budgetMeter);
    m_verdict = new VerdictLabel(this);
    m_verdict->setObjectName(QStringLiteral("verdictLabel"));
    addPermanentStatusWidget(m_verdict);
}

} // namespace Alchemyst
