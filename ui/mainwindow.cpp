#include "mainwindow.h"

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

MainWindow::MainWindow(QNetworkAccessManager* manager, QWidget* parent)
    : QMainWindow(parent)
    , m_noJobs(new JobModel(this))
    , m_filter(new JobFilterModel(this))
{
    setObjectName(QStringLiteral("mainWindow"));
    m_filter->setJobModel(m_noJobs);
    m_environments = new EnvironmentController(this, manager, &m_journal, this);
    buildActions();
    buildMenus();
    buildToolbar();

    m_jobs = new JobTableWidget(m_filter, m_cancelAction, this);
    connect(m_jobs, &JobTableWidget::bannerLinkActivated, this, [this](const QString& link) {
        if (link == QLatin1String("key"))
            m_environments->offerNewKey(QString());
        else if (link == QLatin1String("retry"))
            refresh();
        else if (link == QLatin1String("retry-history") && m_session)
            m_session->retryHistory();
    });
    connect(m_jobs, &JobTableWidget::refreshJobRequested, this, [this](const QString& id) {
        if (JobMonitor* current = monitor())
            current->refreshJob(id);
    });
    for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(m_filter, signal, this, &MainWindow::updateEmptyState);
    connect(m_filter, &QAbstractItemModel::layoutChanged, this, &MainWindow::updateEmptyState);
    connect(m_filter, &QAbstractItemModel::modelReset, this, &MainWindow::updateEmptyState);
    // The states on the left of the table, at a fixed width; the tab row they replace stays hidden as the
    // model of the choice (TriageView and the tray drive it).
    m_stateList = new StateList(this);
    m_jobs->stateTabs()->hide();
    // Beside the list, the sentence under the table wraps rather than make the window wider than 800 px.
    m_jobs->selectionLabel()->setWordWrap(true);
    auto* central = new QWidget(this);
    central->setObjectName(QStringLiteral("centralArea"));
    auto* centralLayout = new QHBoxLayout(central);
    centralLayout->setContentsMargins(0, 0, 0, 0);
    centralLayout->setSpacing(0);
    centralLayout->addWidget(m_stateList);
    centralLayout->addWidget(m_jobs, 1);
    setCentralWidget(central);
    // Keyboard order: where we are, what is shown, the jobs, then what to do with them. The table has the
    // focus when the window opens.
    QWidget::setTabOrder(m_environmentCombo, m_intervalSpin);
    QWidget::setTabOrder(m_intervalSpin, m_stateList->tree());
    QWidget::setTabOrder(m_stateList->tree(), m_jobs->searchBox());
    QWidget::setTabOrder(m_jobs->searchBox(), m_jobs->table());
    QWidget::setTabOrder(m_jobs->table(), m_jobs->cancelButton());
    m_jobs->table()->setFocus();
    buildStatusBar();

    m_environments->setChooser(m_environmentCombo);
    m_environments->setJobTable(m_jobs);
    m_cancels = new CancelController(this, m_jobs, m_cancelAction, this);
    connect(m_environments, &EnvironmentController::sessionStarted, this, &MainWindow::setSession);
    connect(m_environments, &EnvironmentController::keyApplied, m_cancels,
            &CancelController::updateSelection);
    connect(m_environments, &EnvironmentController::statusChanged, this, &MainWindow::updateStatus);
    connect(m_environments, &EnvironmentController::statusMessage, statusBar(), &QStatusBar::showMessage);
    connect(m_cancels, &CancelController::statusMessage, statusBar(), &QStatusBar::showMessage);
    connect(m_cancels, &CancelController::keyRejected, m_environments, &EnvironmentController::offerNewKey);
    m_clock.setInterval(1000);
    connect(&m_clock, &QTimer::timeout, this, &MainWindow::updateStatus);
    m_clock.start();

    QSettings settings;
    restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
    if (!settings.value(QStringLiteral("window/geometry")).isValid()) {
        // Wide enough for every state tab with its counts and news (German's are the longest) beside the
        // search box, bounded by the screen.
        QSize size(1320, 760);
        if (const QScreen* screen = QGuiApplication::primaryScreen())
            size = size.boundedTo(screen->availableGeometry().size() - QSize(40, 60));
        resize(size);
    }
    m_jobs->table()->horizontalHeader()->restoreState(
        settings.value(QStringLiteral("window/header")).toByteArray());
    m_intervalSpin->setValue(
        settings.value(QStringLiteral("refresh/intervalSeconds"), RefreshPolicy::DefaultIntervalSeconds)
            .toInt());
    connect(m_intervalSpin, &QSpinBox::valueChanged, this, [this](int seconds) {
        if (JobMonitor* current = monitor())
            current->setIntervalSeconds(seconds);
    });
    m_autoRefreshAction->setChecked(settings.value(QStringLiteral("refresh/auto"), true).toBool());

    m_triageView = new TriageView(this, m_jobs->table(), m_filter, m_jobs->stateTabs());
    // Connected after the table's and the triage's own handlers: the filter is set when the list follows.
    connect(m_jobs->stateTabs(), &QTabBar::currentChanged, this, &MainWindow::onStateTabChanged);
    connect(m_stateList, &StateList::stateChosen, this, &MainWindow::showState);
    if (auto* reasons = m_triageView->failuresPanel()->findChild<QListWidget*>(QStringLiteral("failureList")))
        connect(reasons, &QListWidget::itemSelectionChanged, this, [this] {
            m_stateList->setCurrentState(static_cast<int>(StateCategory::Failed), m_filter->failureGroup());
        });
    // The reasons in full go beside the table, on the right with the details: the left is the states'.
    if (auto* failuresDock = findChild<QDockWidget*>(QStringLiteral("failuresDock")))
        addDockWidget(Qt::RightDockWidgetArea, failuresDock);
    // View → States: Ctrl+1…Ctrl+9 in the list's order, wherever the focus is in the window.
    QMenu* statesMenu = viewMenu()->addMenu(tr("&States"));
    statesMenu->setObjectName(QStringLiteral("statesMenu"));
    const QList<int> order = StateList::stateOrder();
    for (int i = 0; i < order.size() && i < 9; ++i) {
        const int state = order.at(i);
        QAction* action = statesMenu->addAction(StateList::stateName(state));
        action->setObjectName(QStringLiteral("showStateAction%1").arg(i + 1));
        action->setShortcut(QKeySequence(Qt::CTRL | static_cast<Qt::Key>(Qt::Key_1 + i)));
        connect(action, &QAction::triggered, this, [this, state] { showState(state); });
    }
    buildViewToggles();
    connect(m_triageView, &TriageView::snoozesChanged, m_stateList, &StateList::refresh);
    // The row menu: Copy for a Ticket for every state, the snoozes on Stuck.
    connect(m_jobs, &JobTableWidget::jobMenuAboutToShow, this, [this](QMenu* menu) {
        menu->addAction(m_copyMarkdownAction);
        menu->addAction(m_selectAllAction);
        m_triageView->addRowMenuActions(menu);
    });
    // Where the docks and the toolbar were, and which were open, as the operator left them (after the
    // docks exist: restoreState() places only what is there).
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
    updateCounts();
    m_cancels->updateSelection();
    updateBadge();
    updateStatus();
}

MainWindow::~MainWindow()
{
    // Not closed first (the process is ending): nothing more is sent, and what is in flight is journaled
    // now, while the window the batches report to is still whole.
    m_cancels->finishBeforeQuit(0);
    m_cancels->abortAnswersInFlight();
    m_filter->setJobModel(m_noJobs);
    m_triageView->setMonitor(nullptr);
    m_cancels->setSession(nullptr);
    m_environments->setSession(nullptr);
    m_budgetMeter->setSession(nullptr);
    m_verdict->setSession(nullptr);
    delete m_session; // its reads die with it
}

void MainWindow::setSession(JobSession* session)
{
    JobSession* previous = m_session;
    m_session = session;
    session->setParent(this);
    JobMonitor* current = session->monitor();
    // The operator's settings, not the environment's: every monitor gets them.
    current->setIntervalSeconds(m_intervalSpin->value());
    current->model()->setTimesInUtc(m_utcAction->isChecked());
    // Filters are the environment's: another one starts from its own (empty search, refreshing), not
    // from what the operator typed or paused elsewhere.
    if (!m_firstSession)
        keepViewFilters(m_shownEnvironment);
    m_shownEnvironment = session->environment().name;
    if (!m_firstSession)
        restoreViewFilters(m_shownEnvironment);
    m_firstSession = false;
    current->setAutoRefresh(m_autoRefreshAction->isChecked());
    if (!m_filter->failureGroup().isEmpty())
        m_filter->setFailureGroup(QString()); // another environment's failures fall into other groups
    connect(current, &JobMonitor::statusChanged, this, &MainWindow::updateStatus);
    connect(current, &JobMonitor::freshnessChanged, this, &MainWindow::updateStatus);
    connect(current, &JobMonitor::passStarted, this, &MainWindow::updateProgress);
    connect(current, &JobMonitor::progressChanged, this, &MainWindow::updateProgress);
    connect(current, &JobMonitor::passFinished, this, &MainWindow::onPassFinished);
    connect(current->model(), &JobModel::countsChanged, this, &MainWindow::updateCounts);
    m_filter->setJobModel(current->model());
    m_triageView->setMonitor(current);
    m_stateList->setMonitor(current);
    m_budgetMeter->setSession(session);
    m_verdict->setSession(session);
    // The demo can show every answer on demand (a 409, a 404): its menu only with the demo.
    addDemoMenu(menuBar(),
                session->environment().name == EnvironmentStore::demoName() ? demoSimulator() : nullptr,
                this);
    // History that cannot be written stops the recording, never the listing: a banner of its own says so.
    connect(session, &JobSession::historyProblem, this, &MainWindow::showHistoryProblem);
    showHistoryProblem(session->historyProblemText());
    connect(session, &JobSession::lastListRestored, this, &MainWindow::updateStatus);
    // Start from what is known: the last complete list recorded for this environment, marked with its
    // time, before the key is given and the first pass merges into it.
    session->restoreLastList();
    m_environments->setSession(session);
    m_cancels->setSession(session);
    // The previous environment's reads and answers die with its session; its cancels on their way are
    // handed to its CancelService, which finishes and journals them by itself.
    delete previous;
    updateBadge();
    updateCounts();
    updateProgress();
}

JobMonitor* MainWindow::monitor() const
{
    return m_session ? m_session->monitor() : nullptr;
}

ApiClient* MainWindow::client() const
{
    return m_session ? m_session->monitor()->client() : nullptr;
}

JobModel* MainWindow::jobModel() const
{
    return m_session ? m_session->monitor()->model() : m_noJobs;
}

QDateTime MainWindow::lastGoodRefresh() const
{
    return m_session ? m_session->monitor()->lastGoodRefresh() : QDateTime();
}

bool MainWindow::isStale() const
{
    return m_session && m_session->monitor()->isStale();
}

int MainWindow::refreshIntervalMs() const
{
    return m_session ? m_session->monitor()->nextIntervalMs() : RefreshPolicy::DefaultIntervalSeconds * 1000;
}

void MainWindow::keepViewFilters(const QString& environmentName)
{
    m_viewFilters.insert(environmentName, {m_jobs->searchBox()->text(), m_autoRefreshAction->isChecked()});
}

void MainWindow::restoreViewFilters(const QString& environmentName)
{
    const ViewFilters filters = m_viewFilters.value(environmentName);
    m_jobs->searchBox()->setText(filters.search);
    m_autoRefreshAction->setChecked(filters.autoRefresh);
}

void MainWindow::showState(int state, const QString& failureGroup)
{
    QTabBar* tabs = m_jobs->stateTabs();
    for (int tab = 0; tab < tabs->count(); ++tab) {
        if (tabs->tabData(tab).toInt() != state)
            continue;
        if (tabs->currentIndex() != tab)
            tabs->setCurrentIndex(tab); // the filter, the Stuck view, the failures dock: onStateTabChanged
        break;
    }
    if (state == static_cast<int>(StateCategory::Failed) && m_filter->failureGroup() != failureGroup) {
        m_filter->setFailureGroup(failureGroup);
        m_triageView->failuresPanel()->rebuild(); // its list shows the same choice
    }
    m_stateList->setCurrentState(state, failureGroup);
}

int MainWindow::currentState() const
{
    const QTabBar* tabs = m_jobs->stateTabs();
    return tabs->tabData(tabs->currentIndex()).toInt();
}

void MainWindow::onStateTabChanged(int tab)
{
    const int state = m_jobs->stateTabs()->tabData(tab).toInt();
    m_stateList->setCurrentState(state, m_filter->failureGroup());
    // state context: every change of the selected state passes here (the list, Ctrl+1…9, the tray, code
    // and tests that set the hidden tabs), so a per-state view setting follows from this one call.
}

void MainWindow::addPermanentStatusWidget(QWidget* widget, int stretch)
{
    // Left of the refresh status, which stays last (rightmost): the widgets come in the order added.
    statusBar()->addPermanentWidget(widget, stretch);
    statusBar()->removeWidget(m_lastRefreshLabel); // hides it
    statusBar()->addPermanentWidget(m_lastRefreshLabel);
    m_lastRefreshLabel->show();
}

void MainWindow::setJournal(const Journal& journal)
{
    m_journal = journal;
    if (m_session)
        m_session->cancels()->setJournal(journal);
}

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
            // Where it went (or that nothing was visible), in the status bar.
            const QString sentence = exportVisibleJobsWithFeedback(this, m_filter);
            if (!sentence.isEmpty())
                statusBar()->showMessage(sentence);
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

void MainWindow::showHistoryProblem(const QString& sentence)
{
    if (m_jobs)
        m_jobs->showRecordsBanner(RefreshTexts::historyProblem(sentence));
}

void MainWindow::refresh()
{
    if (JobMonitor* current = monitor())
        current->refresh();
}

void MainWindow::stopRefresh()
{
    if (JobMonitor* current = monitor())
        current->stop();
}

void MainWindow::updateProgress()
{
    const bool running = monitor() && monitor()->isRefreshing();
    m_refreshAction->setEnabled(!running);
    m_stopAction->setEnabled(running);
    m_progressBar->setVisible(running);
    updateStatus();
}

void MainWindow::onPassFinished(const ApiResult& result)
{
    updateProgress();
    if (!result.isSuccess())
        return showRefreshProblem(result);
    const QString note = RefreshTexts::passNote(monitor()->serverNote(), monitor()->lastSkipped());
    if (note.isEmpty())
        m_environments->showKeyNotice();
    else
        m_jobs->showBanner(note);
    m_cancels->updateSelection();
}

void MainWindow::showRefreshProblem(const ApiResult& result)
{
    m_jobs->showBanner(RefreshTexts::refreshProblem(result, jobModel()->rowCount()));
    updateStatus();
}

void MainWindow::updateCounts()
{
    if (m_triageView)
        return m_triageView->updateTabTexts(); // with the changes since the operator last looked
    int total = 0;
    for (int i = 0; i < StateCategoryCount; ++i) {
        const int count = jobModel()->count(static_cast<StateCategory>(i));
        total += count;
        m_jobs->stateTabs()->setTabText(
            i + 1, QStringLiteral("%1  %2").arg(categoryName(static_cast<StateCategory>(i))).arg(count));
    }
    m_jobs->stateTabs()->setTabText(0, QStringLiteral("%1  %2").arg(tr("All")).arg(total));
}

void MainWindow::updateStatus()
{
    const bool stale = isStale();
    // Style before text, so that the label is measured in the font it is drawn with.
    setTextTone(m_lastRefreshLabel, stale ? std::optional<Tone>(WarningTone) : std::nullopt);
    QFont statusFont = m_lastRefreshLabel->font();
    statusFont.setBold(stale);
    m_lastRefreshLabel->setFont(statusFont);
    m_lastRefreshLabel->setText(RefreshTexts::status(m_session, m_autoRefreshAction->isChecked(),
                                                     jobModel()->rowCount(), jobModel()->timesInUtc()));
    if (m_stateList)
        m_stateList->refresh(); // the age of the last complete pass, every second
    updateEmptyState();
}

void MainWindow::updateBadge()
{
    const Environment& environment = m_environments->environment();
    m_badge->setEnvironment(environment);
    m_removeEnvironmentAction->setEnabled(!environment.name.isEmpty() &&
                                          environment.name != EnvironmentStore::demoName());
    // Production first: a task bar or a window switcher that cuts the title keeps its start.
    const QString app = QStringLiteral(AJM_APP_NAME);
    if (environment.name.isEmpty())
        setWindowTitle(app);
    else if (environment.production)
        setWindowTitle(
            tr("PRODUCTION — %1 (%2) — %3").arg(environment.name, displayHost(environment.baseUrl), app));
    else
        setWindowTitle(
            QStringLiteral("%1 — %2 (%3)").arg(app, environment.name, displayHost(environment.baseUrl)));
}

void MainWindow::updateEmptyState()
{
    if (m_filter->rowCount() > 0)
        return m_jobs->showEmptyState(QString());
    const Environment& environment = m_environments->environment();
    QString text;
    if (environment.name.isEmpty())
        text = tr("Not connected.\nAdd an environment (File → Add Environment…) or choose the demo.");
    else if (jobModel()->rowCount() > 0)
        text = tr("No jobs match the filter.");
    else if ((monitor() && monitor()->isRefreshing()) ||
             (!lastGoodRefresh().isValid() && m_environments->keyAvailable() && !m_jobs->isBannerShown()))
        text = tr("Loading jobs from %1…").arg(displayHost(environment.baseUrl));
    else if (lastGoodRefresh().isValid())
        text = tr("No context-add jobs on %1.").arg(displayHost(environment.baseUrl));
    else
        text = tr("No jobs to show. See the message above.");
    m_jobs->showEmptyState(text);
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/header"), m_jobs->table()->horizontalHeader()->saveState());
    settings.setValue(QStringLiteral("window/state"), saveState());
    settings.setValue(QStringLiteral("refresh/intervalSeconds"), m_intervalSpin->value());
    settings.setValue(QStringLiteral("refresh/auto"), m_autoRefreshAction->isChecked());
    if (!m_quitting && m_triageView && m_triageView->keepRunningOnClose()) {
        event->ignore();
        hide();
        return;
    }
    // For good: nothing more is sent, the answers on their way get a moment, and every cancel sent is
    // journaled, answered or not. A switch of environment stops nothing; this does.
    m_cancels->finishBeforeQuit(CancelController::QuitWaitMs);
    QMainWindow::closeEvent(event);
}

} // namespace Alchemyst
