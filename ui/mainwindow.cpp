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
