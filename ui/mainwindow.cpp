#include "mainwindow.h"

#include "aboutdialog.h"
#include "actionicons.h"
#include "api/apiclient.h"
#include "appearance.h"
#include "bulkcanceldialog.h"
#include "connectiondialog.h"
#include "core/jobmonitor.h"
#include "credentials/secretstore.h"
#include "exportrows.h"
#include "jobs/jobfiltermodel.h"
#include "jobs/jobmodel.h"
#include "journalview.h"
#include "simulator/simulator.h"
#include "statestyle.h"
#include "triageview.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QClipboard>
#include <QCloseEvent>
#include <QComboBox>
#include <QContextMenuEvent>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QScreen>
#include <QSettings>
#include <QSpinBox>
#include <QStatusBar>
#include <QTabBar>
#include <QTableView>
#include <QToolBar>
#include <QVBoxLayout>

namespace Alchemyst {

namespace {

const QString DemoKey = QStringLiteral("__demo__");
const QString AddKey = QStringLiteral("__add__");

// Server text is plain text everywhere in the window. Labels that mix it with our own markup are set
// to Qt::RichText explicitly (never AutoText, whose guess an escaped "&lt;" or a bare "&" would fool) and
// get the text through here; labels that show it alone are Qt::PlainText.
QString escaped(const QString& text)
{
    return text.toHtmlEscaped().replace(QLatin1Char('\n'), QStringLiteral("<br>"));
}

// Tool tips have no text format: Qt guesses with Qt::mightBeRichText(). An explicit paragraph makes the
// guess certain, and the escaping makes server text inside it read as typed.
QString plainToolTip(const QString& text)
{
    return QStringLiteral("<p style='white-space:pre-wrap'>%1</p>").arg(text.toHtmlEscaped());
}

// Scheme, host and port, the scheme's default port filled in: what a browser would call the origin.
bool sameOrigin(const QUrl& a, const QUrl& b)
{
    const auto port = [](const QUrl& url) {
        const QString scheme = url.scheme().toLower();
        return url.port(scheme == QLatin1String("https") ? 443 : scheme == QLatin1String("http") ? 80 : -1);
    };
    return a.scheme().compare(b.scheme(), Qt::CaseInsensitive) == 0 &&
           a.host().compare(b.host(), Qt::CaseInsensitive) == 0 && port(a) == port(b);
}

} // namespace

MainWindow::MainWindow(QNetworkAccessManager* manager, QWidget* parent)
    : QMainWindow(parent)
    , m_manager(manager)
    , m_monitor(new JobMonitor(manager, this))
    , m_secrets(new SecretStore(QStringLiteral(AJM_APP_ID), this))
    , m_model(m_monitor->model())
    , m_filter(new JobFilterModel(this))
{
    setObjectName(QStringLiteral("mainWindow"));
    m_filter->setJobModel(m_model);
    m_monitor->setJournal(&m_journal);
    buildActions();
    buildUi();

    connect(m_monitor, &JobMonitor::statusChanged, this, &MainWindow::updateStatus);
    connect(m_monitor, &JobMonitor::passStarted, this, &MainWindow::updateProgress);
    connect(m_monitor, &JobMonitor::progressChanged, this, &MainWindow::updateProgress);
    connect(m_monitor, &JobMonitor::passFinished, this, &MainWindow::onPassFinished);
    connect(m_monitor, &JobMonitor::cancellingChanged, this, &MainWindow::updateSelection);
    connect(m_monitor, &JobMonitor::cancelFinished, this, &MainWindow::handleCancelResult);
    connect(m_monitor, &JobMonitor::journalFailed, this, [this](const QString& reason) {
        statusBar()->showMessage(tr("The cancel was not recorded in the journal: %1").arg(reason), 15000);
    });
    m_clock.setInterval(1000);
    connect(&m_clock, &QTimer::timeout, this, &MainWindow::updateStatus);
    m_clock.start();

    connect(m_model, &JobModel::countsChanged, this, &MainWindow::updateCounts);
    connect(m_model, &QAbstractItemModel::dataChanged, this, &MainWindow::updateSelection);
    // Queued: a refresh emits these mid-way; the selection is read once the model is whole again.
    connect(m_filter, &QAbstractItemModel::rowsRemoved, this, &MainWindow::updateSelection,
            Qt::QueuedConnection);
    connect(m_filter, &QAbstractItemModel::layoutChanged, this, &MainWindow::updateSelection,
            Qt::QueuedConnection);
    connect(m_filter, &QAbstractItemModel::modelReset, this, &MainWindow::updateSelection);

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
    m_table->horizontalHeader()->restoreState(settings.value(QStringLiteral("window/header")).toByteArray());
    m_intervalSpin->setValue(
        settings.value(QStringLiteral("refresh/intervalSeconds"), RefreshPolicy::DefaultIntervalSeconds)
            .toInt());
    m_monitor->setIntervalSeconds(m_intervalSpin->value());
    connect(m_intervalSpin, &QSpinBox::valueChanged, m_monitor, &JobMonitor::setIntervalSeconds);
    m_autoRefreshAction->setChecked(settings.value(QStringLiteral("refresh/auto"), true).toBool());
    m_monitor->setAutoRefresh(m_autoRefreshAction->isChecked());

    m_triageView = new TriageView(this, m_monitor, m_table, m_filter, m_stateTabs);
    rebuildEnvironmentCombo();
    updateCounts();
    updateSelection();
    updateBadge();
    updateStatus();
}

MainWindow::~MainWindow()
{
    // A running batch stops now, while the window it reports to is still whole.
    delete m_receipt;
    // Replies must not call back into a half-destroyed window.
    m_monitor->client()->abortAll();
}

QUrl MainWindow::environmentKeyServer()
{
    const QUrl fromEnvironment = baseUrlFromEnvironment();
    return fromEnvironment.isEmpty() ? defaultBaseUrl() : fromEnvironment;
}

ApiClient* MainWindow::client() const
{
    return m_monitor->client();
}

QDateTime MainWindow::lastGoodRefresh() const
{
    return m_monitor->lastGoodRefresh();
}

bool MainWindow::isStale() const
{
    return m_monitor->isStale();
}

int MainWindow::refreshIntervalMs() const
{
    return m_monitor->nextIntervalMs();
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
    connect(m_autoRefreshAction, &QAction::toggled, this, [this](bool on) { m_monitor->setAutoRefresh(on); });

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
    connect(m_cancelAction, &QAction::triggered, this, &MainWindow::cancelSelected);
}

void MainWindow::buildUi()
{
    // Menus.
    QMenu* fileMenu = menuBar()->addMenu(tr("&File"));
    QAction* addEnv = fileMenu->addAction(actionIcon(QStringLiteral("list-add")), tr("&Add Environment…"),
                                          this, &MainWindow::addEnvironment);
    addEnv->setObjectName(QStringLiteral("addEnvironmentAction"));
    QAction* exportRows =
        fileMenu->addAction(actionIcon(QStringLiteral("document-export")), tr("E&xport Visible Jobs…"), this,
                            [this] { exportVisibleJobs(this, m_filter); });
    exportRows->setObjectName(QStringLiteral("exportVisibleAction"));
    QAction* editEnv = fileMenu->addAction(actionIcon(QStringLiteral("document-edit")),
                                           tr("&Edit Environment…"), this, &MainWindow::editEnvironment);
    editEnv->setObjectName(QStringLiteral("editEnvironmentAction"));
    m_removeEnvironmentAction =
        fileMenu->addAction(actionIcon(QStringLiteral("list-remove")), tr("&Remove Environment…"), this,
                            [this] { confirmRemoveEnvironment(m_environment); });
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
    QMenu* jobsMenu = menuBar()->addMenu(tr("&Jobs"));
    jobsMenu->addAction(m_refreshAction);
    jobsMenu->addAction(m_stopAction);
    jobsMenu->addAction(m_autoRefreshAction);
    jobsMenu->addSeparator();
    jobsMenu->addAction(m_cancelAction);
    QAction* journalAction = jobsMenu->addAction(tr("Cancel &Journal…"), this, [this] {
        auto* view = new JournalView(m_journal, m_environment.name, this);
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
    QMenu* viewMenu = nullptr;
    for (QAction* action : menuBar()->actions())
        if (action->menu() && action->menu()->title() == tr("&View"))
            viewMenu = action->menu();
    if (!viewMenu)
        viewMenu = menuBar()->addMenu(tr("&View"));
    QAction* utcAction = viewMenu->addAction(tr("Show Times in &UTC"));
    utcAction->setObjectName(QStringLiteral("utcTimesAction"));
    utcAction->setCheckable(true);
    utcAction->setChecked(QSettings().value(QStringLiteral("view/timesInUtc"), false).toBool());
    m_model->setTimesInUtc(utcAction->isChecked());
    connect(utcAction, &QAction::toggled, this, [this](bool utc) {
        QSettings().setValue(QStringLiteral("view/timesInUtc"), utc);
        m_model->setTimesInUtc(utc);
        updateStatus();
    });
    QMenu* helpMenu = menuBar()->addMenu(tr("&Help"));
    addHelpActions(helpMenu, this);

    // Toolbar: where we are connected, and what refreshes.
    QToolBar* toolbar = addToolBar(tr("Main"));
    toolbar->setObjectName(QStringLiteral("mainToolbar"));
    toolbar->setMovable(false);
    toolbar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    auto* envLabel = new QLabel(tr("&Environment:"), this);
    envLabel->setObjectName(QStringLiteral("environmentLabel"));
    envLabel->setContentsMargins(0, 0, 4, 0);
    toolbar->addWidget(envLabel);
    m_environmentCombo = new QComboBox(this);
    m_environmentCombo->setObjectName(QStringLiteral("environmentCombo"));
    envLabel->setBuddy(m_environmentCombo); // Alt+E, and what a screen reader names the chooser by
    m_environmentCombo->setAccessibleName(tr("Environment"));
    m_environmentCombo->setAccessibleDescription(tr("The server whose jobs the window shows"));
    m_environmentCombo->setMinimumContentsLength(22);
    m_environmentCombo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_environmentCombo->setPlaceholderText(tr("Choose an environment"));
    toolbar->addWidget(m_environmentCombo);
    connect(m_environmentCombo, &QComboBox::activated, this, &MainWindow::onEnvironmentChosen);
    toolbar->addAction(editEnv);
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
    auto* spacer = new QWidget(this);
    spacer->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    toolbar->addWidget(spacer);
    m_badge = new QLabel(this);
    m_badge->setObjectName(QStringLiteral("environmentBadge"));
    m_badge->setTextFormat(Qt::PlainText);
    m_badge->setAccessibleName(tr("Connected environment"));
    toolbar->addWidget(m_badge);

    auto* central = new QWidget(this);
    auto* layout = new QVBoxLayout(central);
    layout->setContentsMargins(10, 8, 10, 8);
    layout->setSpacing(8);

    m_banner = new QLabel(central);
    m_banner->setObjectName(QStringLiteral("banner"));
    m_banner->setWordWrap(true);
    m_banner->setTextFormat(Qt::RichText);
    m_banner->setTextInteractionFlags(Qt::TextBrowserInteraction);
    styleBanner(m_banner);
    m_banner->hide();
    connect(m_banner, &QLabel::linkActivated, this, [this](const QString& link) {
        if (link == QLatin1String("key"))
            offerNewKey(QString());
        else if (link == QLatin1String("retry"))
            refresh();
    });
    layout->addWidget(m_banner);

    auto* filterRow = new QHBoxLayout;
    m_stateTabs = new QTabBar(central);
    m_stateTabs->setObjectName(QStringLiteral("stateFilter"));
    // Each tab's name is its text: the state and its count, never told by the tab's colour alone.
    m_stateTabs->setAccessibleName(tr("Filter jobs by state"));
    m_stateTabs->setDrawBase(false);
    m_stateTabs->setExpanding(false);
    m_stateTabs->addTab(tr("All"));
    m_stateTabs->setTabData(0, -1);
    for (int i = 0; i < StateCategoryCount; ++i) {
        const int tab = m_stateTabs->addTab(categoryName(static_cast<StateCategory>(i)));
        m_stateTabs->setTabData(tab, i);
        setTabTone(m_stateTabs, tab, toneOf(static_cast<StateCategory>(i)));
    }
    connect(m_stateTabs, &QTabBar::currentChanged, this, [this](int tab) {
        const int category = m_stateTabs->tabData(tab).toInt();
        m_filter->setCategory(
            category < 0 ? std::nullopt : std::optional<StateCategory>(static_cast<StateCategory>(category)));
        updateSelection();
    });
    filterRow->addWidget(m_stateTabs);
    filterRow->addStretch(1);
    m_search = new QLineEdit(central);
    m_search->setObjectName(QStringLiteral("searchBox"));
    m_search->setPlaceholderText(
        tr("Search job id, file or source (%1)")
            .arg(QKeySequence(QKeySequence::Find).toString(QKeySequence::NativeText)));
    m_search->setAccessibleName(tr("Search jobs"));
    m_search->setAccessibleDescription(tr("Filters the table by job id, file name or source"));
    m_search->setClearButtonEnabled(true);
    m_search->setMinimumWidth(240);
    connect(m_search, &QLineEdit::textChanged, m_filter, &JobFilterModel::setSearchText);
    auto* findAction = new QAction(this);
    findAction->setShortcut(QKeySequence::Find);
    connect(findAction, &QAction::triggered, m_search, [this] {
        m_search->setFocus();
        m_search->selectAll();
    });
    addAction(findAction);
    filterRow->addWidget(m_search);
    layout->addLayout(filterRow);

    m_table = new QTableView(central);
    m_table->setObjectName(QStringLiteral("jobTable"));
    m_table->setAccessibleName(tr("Jobs"));
    m_table->setTabKeyNavigation(false); // Tab goes on to the next control; the arrows move in the table
    m_table->setModel(m_filter);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    // Several rows for a batch of cancels; Ctrl+A selects what the filter shows.
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setAlternatingRowColors(true);
    m_table->setSortingEnabled(true);
    m_table->setWordWrap(false);
    m_table->setTextElideMode(Qt::ElideMiddle);
    m_table->setContextMenuPolicy(Qt::CustomContextMenu);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 10);
    m_table->horizontalHeader()->setHighlightSections(false);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setItemDelegateForColumn(JobModel::StateColumn, new StateDelegate(m_table));
    m_table->setItemDelegateForColumn(JobModel::StartedColumn, new StartedDelegate(m_table));
    const QFontMetrics metrics = m_table->fontMetrics();
    const auto widthOf = [&metrics](const QString& sample) { return metrics.horizontalAdvance(sample) + 28; };
    m_table->setColumnWidth(JobModel::IdColumn, widthOf(QStringLiteral("0000000000")));
    m_table->setColumnWidth(JobModel::StateColumn, widthOf(QStringLiteral("waiting-children")));
    m_table->setColumnWidth(JobModel::FileColumn,
                            widthOf(QStringLiteral("slack-export-eng-2026-11.json  ·  support-inbox")));
    m_table->setColumnWidth(JobModel::AttemptsColumn, widthOf(tr("Attempts")));
    m_table->setColumnWidth(JobModel::StartedColumn, widthOf(QStringLiteral("2026-11-29 00:00:00")));
    m_table->setColumnWidth(JobModel::FinishedColumn, widthOf(QStringLiteral("2026-11-29 00:00:00")));
    m_table->sortByColumn(JobModel::IdColumn, Qt::DescendingOrder);
    m_table->addAction(m_cancelAction);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &MainWindow::updateSelection);
    connect(m_table, &QWidget::customContextMenuRequested, this,
            [this](const QPoint& position) { showJobMenu(m_table->indexAt(position), position); });
    // The menu from the keyboard (the Menu key, Shift+F10): the current row's, beside it.
    m_table->installEventFilter(this);
    layout->addWidget(m_table, 1);

    // What the table shows when it has no rows: why, and what to do.
    m_emptyLabel = new QLabel(m_table->viewport());
    m_emptyLabel->setObjectName(QStringLiteral("emptyStateLabel"));
    m_emptyLabel->setTextFormat(Qt::PlainText);
    m_emptyLabel->setAlignment(Qt::AlignCenter);
    m_emptyLabel->setWordWrap(true);
    m_emptyLabel->setStyleSheet(QStringLiteral("font-size: 11pt;"));
    setTextTone(m_emptyLabel, Tone::Secondary);
    m_emptyLabel->setAttribute(Qt::WA_TransparentForMouseEvents);
    m_table->viewport()->installEventFilter(this);
    for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(m_filter, signal, this, &MainWindow::updateEmptyState);
    connect(m_filter, &QAbstractItemModel::layoutChanged, this, &MainWindow::updateEmptyState);
    connect(m_filter, &QAbstractItemModel::modelReset, this, &MainWindow::updateEmptyState);

    auto* actionRow = new QHBoxLayout;
    m_selectionLabel = new QLabel(central);
    followPalette(m_selectionLabel, [this] { updateSelection(); }); // its state is coloured for the palette
    m_selectionLabel->setObjectName(QStringLiteral("selectionLabel"));
    m_selectionLabel->setTextFormat(Qt::RichText);
    actionRow->addWidget(m_selectionLabel, 1);
    m_cancelButton = new QPushButton(tr("Cancel Job"), central);
    m_cancelButton->setObjectName(QStringLiteral("cancelButton"));
    m_cancelButton->setIcon(actionIcon(QStringLiteral("process-stop")));
    m_cancelButton->setMinimumWidth(130);
    connect(m_cancelButton, &QPushButton::clicked, this, &MainWindow::cancelSelected);
    actionRow->addWidget(m_cancelButton);
    layout->addLayout(actionRow);

    setCentralWidget(central);
    // Keyboard order: where we are, what is shown, the jobs, then what to do with them. The table has the
    // focus when the window opens.
    QWidget::setTabOrder(m_environmentCombo, m_intervalSpin);
    QWidget::setTabOrder(m_intervalSpin, m_stateTabs);
    QWidget::setTabOrder(m_stateTabs, m_search);
    QWidget::setTabOrder(m_search, m_table);
    QWidget::setTabOrder(m_table, m_cancelButton);
    m_table->setFocus();

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
}

void MainWindow::rebuildEnvironmentCombo()
{
    QSignalBlocker blocker(m_environmentCombo);
    m_environmentCombo->clear();
    m_environmentCombo->addItem(EnvironmentStore::demoName(), DemoKey);
    for (const Environment& environment : m_store.environments())
        m_environmentCombo->addItem(environment.production ? tr("%1 (production)").arg(environment.name)
                                                           : environment.name,
                                    environment.name);
    if (!m_environment.name.isEmpty() && m_environment.name != EnvironmentStore::demoName() &&
        !m_store.find(m_environment.name)) {
        m_environmentCombo->addItem(m_environment.name, m_environment.name); // from the command line, unsaved
    }
    m_environmentCombo->insertSeparator(m_environmentCombo->count());
    m_environmentCombo->addItem(tr("Add environment…"), AddKey);
    const int current = m_environment.name == EnvironmentStore::demoName()
                            ? 0
                            : m_environmentCombo->findData(m_environment.name);
    m_environmentCombo->setCurrentIndex(m_environment.name.isEmpty() ? -1 : qMax(0, current));
}

void MainWindow::onEnvironmentChosen(int index)
{
    const QString key = m_environmentCombo->itemData(index).toString();
    if (key == AddKey) {
        rebuildEnvironmentCombo(); // put the selection back while the dialog is open
        addEnvironment();
        return;
    }
    if (key == DemoKey) {
        startDemo();
        return;
    }
    if (key == m_environment.name)
        return;
    if (const std::optional<Environment> environment = m_store.find(key))
        useEnvironment(*environment);
}

void MainWindow::startDemo()
{
    if (!m_demo) {
        Simulator::Options options;
        m_demo = std::make_unique<Simulator>(options);
        if (m_demo->listen(QHostAddress::LocalHost, 0) == 0) {
            m_demo.reset();
            showMessage(QStringLiteral("demoErrorDialog"), QMessageBox::Critical, tr("Demo"),
                        tr("The built-in simulator could not listen on 127.0.0.1."));
            return;
        }
    }
    Environment demo{EnvironmentStore::demoName(), m_demo->baseUrl(), false};
    useEnvironment(demo, QString::fromLatin1(Simulator::DemoToken));
}

void MainWindow::useEnvironment(const Environment& environment, const QString& sessionKey)
{
    ++m_generation;
    m_monitor->setServer(environment.baseUrl, environment.name);
    m_keyAvailable = false;
    m_keyNotice.clear();
    m_banner->hide();

    m_environment = environment;
    m_keySource = KeySource::None;
    if (environment.name == EnvironmentStore::demoName() || m_store.find(environment.name))
        m_store.setActiveName(environment.name);
    rebuildEnvironmentCombo();
    updateBadge();
    updateSelection();

    const QString problem = ApiClient::checkBaseUrl(environment.baseUrl);
    if (!problem.isEmpty()) {
        m_banner->setText(tr("<b>Cannot connect.</b> %1").arg(escaped(problem)));
        m_banner->show();
        updateStatus();
        return;
    }
    resolveKeyAndRefresh(sessionKey);
}

void MainWindow::resolveKeyAndRefresh(const QString& sessionKey)
{
    if (!sessionKey.isEmpty())
        return applyKey(sessionKey, KeySource::Typed);
    // ALCHEMYST_AI_API_KEY goes only to its own server (environmentKeyServer()), whichever environment the
    // session opened first; every other environment uses its keychain entry.
    const QString fromEnvironment = apiKeyFromEnvironment();
    if (!fromEnvironment.isEmpty() && sameServer(m_environment.baseUrl, environmentKeyServer()))
        return applyKey(fromEnvironment, KeySource::Environment);
    const int generation = m_generation;
    const QString name = m_environment.name;
    m_secrets->read(
        SecretStore::keyFor(name, m_environment.baseUrl.toString()),
        [this, generation, name](const SecretResult& result) {
            if (generation != m_generation)
                return;
            if (result.status == SecretResult::Ok && !result.secret.isEmpty())
                return applyKey(result.secret, KeySource::Keychain);
            if (result.status == SecretResult::NotFound) {
                m_banner->setText(tr("<b>No API key</b> is stored for %1. <a href=\"key\">Enter the "
                                     "key…</a> (or start with ALCHEMYST_AI_API_KEY set).")
                                      .arg(escaped(name)));
            } else {
                m_banner->setText(tr("<b>Keychain unavailable.</b> %1 <a href=\"key\">Enter a key for "
                                     "this session only…</a>")
                                      .arg(escaped(result.message)));
            }
            m_banner->show();
            updateStatus();
        });
}

void MainWindow::applyKey(const QString& key, KeySource source)
{
    m_keySource = source;
    m_keyAvailable = true;
    m_banner->hide();
    updateSelection();
    m_monitor->setApiKey(key);
}

void MainWindow::refresh()
{
    m_monitor->refresh();
}

void MainWindow::stopRefresh()
{
    m_monitor->stop();
}

void MainWindow::updateProgress()
{
    const bool running = m_monitor->isRefreshing();
    m_refreshAction->setEnabled(!running);
    m_stopAction->setEnabled(running);
    m_progressBar->setVisible(running);
    updateStatus();
}

void MainWindow::onPassFinished(const ApiResult& result)
{
    updateProgress();
    if (result.isSuccess()) {
        if (m_monitor->serverNote().isEmpty()) {
            showKeyNotice();
        } else {
            m_banner->setText(tr("<b>The server flagged its answer:</b> %1 The jobs it listed are shown.")
                                  .arg(escaped(m_monitor->serverNote())));
            m_banner->show();
        }
        updateSelection();
        return;
    }
    showRefreshProblem(result);
}

void MainWindow::showRefreshProblem(const ApiResult& result)
{
    // Never a dialog for a refresh: the banner says what went wrong and what was read stays.
    const int jobs = m_model->rowCount();
    QString text;
    if (result.outcome == Outcome::Stopped) {
        text =
            tr("<b>Loading stopped.</b> Showing the %n job(s) read so far; none was removed.", nullptr, jobs);
    } else {
        text = tr("<b>Refresh failed.</b> %1").arg(escaped(outcomeSentence(result.outcome)));
        if (result.httpStatus > 0)
            text += QLatin1Char(' ') + tr("(HTTP %1)").arg(result.httpStatus);
        if (!result.message.isEmpty())
            text += QStringLiteral(" — ") + escaped(result.message);
        if (jobs > 0)
            text += QStringLiteral("<br>") + tr("Showing what was read so far; none was removed (stale).");
    }
    if (result.outcome == Outcome::RateLimited) {
        const int seconds = result.retryAfterSeconds >= 0 ? result.retryAfterSeconds : 60;
        text += QStringLiteral("<br>") +
                tr("Waiting %1 s before the next refresh, as the server asked.").arg(seconds);
    } else if (result.outcome == Outcome::Unauthorized) {
        text += QStringLiteral(" <a href=\"key\">") + tr("Enter a new key…") + QStringLiteral("</a>");
    } else {
        text += QStringLiteral(" <a href=\"retry\">") +
                (result.outcome == Outcome::Stopped ? tr("Load again") : tr("Retry now")) +
                QStringLiteral("</a>");
    }
    m_banner->setText(text);
    m_banner->show();
    updateStatus();
}

void MainWindow::updateCounts()
{
    if (m_triageView)
        return m_triageView->updateTabTexts(); // with the changes since the operator last looked
    int total = 0;
    for (int i = 0; i < StateCategoryCount; ++i) {
        const int count = m_model->count(static_cast<StateCategory>(i));
        total += count;
        m_stateTabs->setTabText(
            i + 1, QStringLiteral("%1  %2").arg(categoryName(static_cast<StateCategory>(i))).arg(count));
    }
    m_stateTabs->setTabText(0, QStringLiteral("%1  %2").arg(tr("All")).arg(total));
}

QString MainWindow::selectedJobId() const
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    return rows.isEmpty() ? QString() : rows.constFirst().data(JobModel::JobIdRole).toString();
}

void MainWindow::updateSelection()
{
    m_cancelButton->setText(tr("Cancel Job"));
    if (m_table->selectionModel()->selectedRows().size() > 1)
        return updateSeveralSelected();
    const QString id = selectedJobId();
    const int row = id.isEmpty() ? -1 : m_model->rowOf(id);
    if (row < 0) {
        m_selectionLabel->setText(m_model->rowCount() > 0
                                      ? tr("Select a job to cancel it. Only waiting and delayed "
                                           "jobs can be cancelled.")
                                      : QString());
        m_cancelButton->setEnabled(false);
        m_cancelAction->setEnabled(false);
        m_cancelButton->setToolTip(QString());
        return;
    }
    const Job& job = m_model->jobAt(row);
    const bool cancellable = isCancellableState(job.state);
    const bool inFlight = cancelInFlight(job.id);
    QString summary =
        tr("Job <b>%1</b> is <span style=\"color:%2; font-weight:600\">%3</span>")
            .arg(escaped(job.id), stateColor(categoryOf(job.state), m_selectionLabel->palette()).name(),
                 escaped(job.state));
    const QString file = job.fileName.isEmpty() ? job.source : job.fileName;
    if (!file.isEmpty())
        summary += QStringLiteral(" · ") + escaped(file);
    if (inFlight)
        summary += QStringLiteral(" · ") + tr("cancelling…");
    m_selectionLabel->setText(summary);
    const bool enabled = cancellable && !inFlight && m_keyAvailable;
    m_cancelButton->setEnabled(enabled);
    m_cancelAction->setEnabled(enabled);
    m_cancelButton->setToolTip(plainToolTip(
        cancellable ? tr("Cancel job %1 (%2)")
                          .arg(job.id, m_cancelAction->shortcut().toString(QKeySequence::NativeText))
                    : tr("Only waiting or delayed jobs can be cancelled; this one is %1.").arg(job.state)));
}

void MainWindow::updateStatus()
{
    QStringList parts;
    const QDateTime lastGood = m_monitor->lastGoodRefresh();
    const QDateTime next = m_monitor->nextRefreshAt();
    const QDateTime now = QDateTime::currentDateTime();
    if (m_monitor->isRefreshing()) {
        const JobMonitor::Progress progress = m_monitor->progress();
        parts << (progress.pages == 0
                      ? tr("Loading jobs…")
                      : tr("Loading %Ln job(s)… page %1", nullptr, static_cast<int>(progress.received))
                            .arg(progress.pages));
    } else if (lastGood.isValid()) {
        const qint64 ago = lastGood.secsTo(now);
        parts << (m_monitor->isStale() ? tr("STALE — last good refresh %1 (%2 s ago)")
                                       : tr("Last refresh %1 (%2 s ago)"))
                     .arg((m_model->timesInUtc() ? lastGood.toUTC().toString(QStringLiteral("HH:mm:ss 'UTC'"))
                                                 : lastGood.toString(QStringLiteral("HH:mm:ss"))))
                     .arg(ago);
    } else {
        parts << tr("Not refreshed yet");
    }
    const QString waiting = m_monitor->waitingReason();
    if (!waiting.isEmpty() && next.isValid() && !m_monitor->isRefreshing()) {
        parts << tr("%1 (%2 s left)").arg(waiting).arg(qMax<qint64>(0, now.secsTo(next)));
    } else if (!waiting.isEmpty()) {
        parts << waiting;
    } else if (!m_autoRefreshAction->isChecked()) {
        parts << tr("auto-refresh paused");
    } else if (next.isValid()) {
        parts << tr("next in %1 s").arg(qMax<qint64>(0, now.secsTo(next)));
    }
    const int jobs = m_model->rowCount();
    parts << tr("%Ln job(s)", nullptr, jobs);
    // Style before text, so that the label is measured in the font it is drawn with.
    setTextTone(m_lastRefreshLabel, m_monitor->isStale() ? std::optional<Tone>(WarningTone) : std::nullopt);
    QFont statusFont = m_lastRefreshLabel->font();
    statusFont.setBold(m_monitor->isStale());
    m_lastRefreshLabel->setFont(statusFont);
    m_lastRefreshLabel->setText(parts.join(QStringLiteral("  ·  ")));
    updateEmptyState();
}

void MainWindow::updateBadge()
{
    const bool demo = m_environment.name == EnvironmentStore::demoName();
    Tone tone = Tone::Teal;
    QString label = m_environment.name;
    if (m_environment.name.isEmpty()) {
        label = tr("Not connected");
        tone = Tone::Grey;
    } else if (demo) {
        label = tr("DEMO · simulator");
        tone = Tone::Purple;
    } else if (m_environment.production) {
        label = tr("PRODUCTION · %1").arg(m_environment.name);
        tone = Tone::Red;
    }
    const QString host = displayHost(m_environment.baseUrl);
    m_badge->setText(host.isEmpty() || host == label ? QStringLiteral("  %1  ").arg(label)
                                                     : QStringLiteral("  %1  —  %2  ").arg(label, host));
    m_badge->setProperty("production", m_environment.production);
    m_badge->setStyleSheet(
        QStringLiteral("QLabel#environmentBadge { background: %1; color: %2; font-weight: 600; "
                       "border-radius: 4px; padding: 3px 6px; }")
            .arg(solidBadge(tone, palette()).background.name(),
                 solidBadge(tone, palette()).foreground.name()));
    m_badge->setToolTip(plainToolTip(m_environment.baseUrl.toDisplayString()));
    m_badge->setAccessibleDescription(m_badge->text().trimmed());
    m_removeEnvironmentAction->setEnabled(!m_environment.name.isEmpty() && !demo);
    setWindowTitle(m_environment.name.isEmpty() ? QStringLiteral(AJM_APP_NAME)
                                                : QStringLiteral("%1 — %2 (%3)")
                                                      .arg(QStringLiteral(AJM_APP_NAME), m_environment.name,
                                                           displayHost(m_environment.baseUrl)));
}

bool MainWindow::confirmProductionCancel(const QString& jobId)
{
    QDialog dialog(this);
    dialog.setObjectName(QStringLiteral("productionConfirmDialog"));
    dialog.setWindowTitle(tr("Cancel a job on production"));
    dialog.setMinimumWidth(440);
    auto* layout = new QVBoxLayout(&dialog);
    auto* text =
        new QLabel(tr("You are about to cancel job <b>%1</b> on the production environment <b>%2</b>.<br>"
                      "Type the environment name to confirm:")
                       .arg(escaped(jobId), escaped(m_environment.name)),
                   &dialog);
    text->setTextFormat(Qt::RichText);
    text->setWordWrap(true);
    layout->addWidget(text);
    auto* edit = new QLineEdit(&dialog);
    edit->setObjectName(QStringLiteral("confirmEdit"));
    edit->setPlaceholderText(m_environment.name);
    layout->addWidget(edit);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, &dialog);
    QPushButton* confirm = buttons->addButton(tr("Cancel Job"), QDialogButtonBox::AcceptRole);
    confirm->setObjectName(QStringLiteral("confirmButton"));
    confirm->setEnabled(false);
    layout->addWidget(buttons);
    connect(edit, &QLineEdit::textChanged, confirm,
            [this, confirm](const QString& typed) { confirm->setEnabled(typed == m_environment.name); });
    connect(buttons, &QDialogButtonBox::accepted, &dialog, [&dialog, edit, this] {
        if (edit->text() == m_environment.name)
            dialog.accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    return dialog.exec() == QDialog::Accepted && edit->text() == m_environment.name;
}

void MainWindow::cancelSelected()
{
    if (m_table->selectionModel()->selectedRows().size() > 1)
        return cancelSeveral(selectedJobs());
    const QString id = selectedJobId();
    const int row = id.isEmpty() ? -1 : m_model->rowOf(id);
    if (row < 0 || cancelInFlight(id) || !m_keyAvailable)
        return;
    if (!isCancellableState(m_model->jobAt(row).state))
        return;
    if (m_environment.production) {
        const int before = m_generation;
        if (!confirmProductionCancel(id))
            return;
        // The confirmation was modal while refreshes ran: the monitor checks the job's state again, and a
        // switch of environment meanwhile voids it.
        if (before != m_generation)
            return;
    }
    const int asked = m_generation;
    if (!journalReadyOrAccepted() || asked != m_generation)
        return;
    if (m_monitor->cancel(id))
        statusBar()->showMessage(tr("Cancelling job %1…").arg(id));
}

void MainWindow::handleCancelResult(const QString& id, const ApiResult& result)
{
    const QString server = result.message.isEmpty() ? QString() : tr("Server: %1").arg(result.message);
    const QString status = result.httpStatus > 0 ? tr("HTTP status: %1").arg(result.httpStatus)
                                                 : tr("HTTP status: none (no answer from the server)");
    switch (result.outcome) {
    case Outcome::Cancelled:
        statusBar()->showMessage(tr("Job %1 cancelled.").arg(id), 8000);
        return;
    case Outcome::Conflict:
        // The server's integrity message, verbatim: it is the operator's explanation.
        showMessage(QStringLiteral("cancelConflictDialog"), QMessageBox::Warning, tr("Job is running"),
                    result.message.isEmpty() ? outcomeSentence(result.outcome) : result.message,
                    tr("Job %1 could not be cancelled. %2").arg(id, status));
        statusBar()->showMessage(tr("Job %1 is running and was not cancelled.").arg(id), 8000);
        return;
    case Outcome::NotFound:
        showMessage(QStringLiteral("cancelNotFoundDialog"), QMessageBox::Information, tr("Job not found"),
                    tr("Job %1 was not found, or it has already completed or failed.").arg(id),
                    QStringList{server, status}.join(QLatin1Char('\n')).trimmed());
        return;
    case Outcome::Unauthorized:
        offerNewKey(tr("The server did not accept the API key while cancelling job %1 (HTTP 401). %2")
                        .arg(id, server));
        return;
    default:
        showMessage(QStringLiteral("cancelErrorDialog"), QMessageBox::Critical,
                    tr("Could not cancel the job"),
                    tr("Job %1 was not cancelled. %2").arg(id, outcomeSentence(result.outcome)),
                    QStringList{status, server}.join(QLatin1Char('\n')).trimmed());
        return;
    }
}

void MainWindow::showMessage(const QString& objectName, int icon, const QString& title, const QString& text,
                             const QString& details)
{
    auto* box = new QMessageBox(static_cast<QMessageBox::Icon>(icon), title, text, QMessageBox::Ok, this);
    box->setObjectName(objectName);
    // Server words are shown as text, never interpreted as markup. setTextFormat() covers the main label
    // only: Qt 6.4 shows the informative text in an AutoText label with external links enabled, so a 404
    // body "<a href=…>Session expired, sign in</a>" would be a clickable link. That label is made plain
    // as soon as it exists. The detailed text is not used.
    box->setTextFormat(Qt::PlainText);
    if (!details.isEmpty()) {
        box->setInformativeText(details);
        if (auto* informative = box->findChild<QLabel*>(QStringLiteral("qt_msgbox_informativelabel"))) {
            informative->setTextFormat(Qt::PlainText);
            informative->setOpenExternalLinks(false);
        } else {
            // Another Qt may name it otherwise: the details then join the main label, which is plain.
            box->setInformativeText(QString());
            box->setText(text + QStringLiteral("\n\n") + details);
        }
    }
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

void MainWindow::addEnvironmentWithKey(const Environment& environment, const QString& key)
{
    if (!m_store.save(environment)) {
        showMessage(QStringLiteral("environmentSaveErrorDialog"), QMessageBox::Critical,
                    tr("Environment not saved"), m_store.errorString());
        return;
    }
    storeKeyThenUse(environment, key);
}

void MainWindow::showKeyNotice()
{
    // Where the key lives is worth knowing for the whole session; errors replace it only while they last.
    m_banner->setText(m_keyNotice);
    m_banner->setVisible(!m_keyNotice.isEmpty());
}

void MainWindow::setSecretStore(SecretStore* store)
{
    delete m_secrets;
    m_secrets = store;
    m_secrets->setParent(this);
}

void MainWindow::storeKeyThenUse(const Environment& environment, const QString& key,
                                 const QString& replacedEntry)
{
    if (key.isEmpty())
        return useEnvironment(environment);
    const int generation = m_generation;
    const QString entry = SecretStore::keyFor(environment.name, environment.baseUrl.toString());
    m_secrets->write(
        entry, key, [this, environment, key, generation, entry, replacedEntry](const SecretResult& stored) {
            // The old entry goes only once the key is known to live under the new one: a failed write
            // must not leave the operator with no stored key at all.
            if (stored.status == SecretResult::Ok && !replacedEntry.isEmpty() && replacedEntry != entry)
                m_secrets->remove(replacedEntry, [](const SecretResult&) {});
            if (generation != m_generation)
                return; // the operator went elsewhere meanwhile: stay there
            // Without a keychain the key still serves this session, in memory only.
            useEnvironment(environment, key);
            if (stored.status != SecretResult::Ok) {
                m_keyNotice =
                    tr("<b>The key is used for this session only:</b> %1").arg(escaped(stored.message));
                showKeyNotice();
            }
        });
}

void MainWindow::offerNewKey(const QString& why)
{
    if (m_environment.name == EnvironmentStore::demoName() || m_environment.name.isEmpty())
        return;
    auto* dialog = new ConnectionDialog(ConnectionDialog::Edit, m_manager, this);
    dialog->setObjectName(QStringLiteral("newKeyDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setEnvironment(m_environment, false);
    dialog->setWindowTitle(tr("Enter a new API key"));
    dialog->setIntro(why.isEmpty() ? tr("Enter the API key for %1.").arg(m_environment.name) : why);
    const int generation = m_generation;
    connect(dialog, &QDialog::accepted, this, [this, dialog, generation] {
        if (generation != m_generation)
            return;
        const Environment environment = dialog->environment();
        if (m_store.find(m_environment.name) || m_store.find(environment.name))
            m_store.save(environment);
        storeKeyThenUse(environment, dialog->apiKey());
    });
    dialog->open();
}

void MainWindow::addEnvironment()
{
    auto* dialog = new ConnectionDialog(ConnectionDialog::Add, m_manager, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this,
            [this, dialog] { addEnvironmentWithKey(dialog->environment(), dialog->apiKey()); });
    dialog->open();
}

void MainWindow::editEnvironment()
{
    if (m_environment.name == EnvironmentStore::demoName() || m_environment.name.isEmpty())
        return addEnvironment();
    auto* dialog = new ConnectionDialog(ConnectionDialog::Edit, m_manager, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setEnvironment(m_environment, m_keyAvailable);
    const Environment previous = m_environment;
    dialog->setRemovable(true);
    connect(dialog, &ConnectionDialog::removeRequested, this,
            [this, previous] { confirmRemoveEnvironment(previous); });
    connect(dialog, &QDialog::accepted, this, [this, dialog, previous] {
        const Environment environment = dialog->environment();
        const QString typed = dialog->apiKey();
        const bool removeOldKey = dialog->removeKeyRequested();
        const bool renamed = environment.name != previous.name;
        // The new one is saved before the old name goes, and a rename never overwrites another environment:
        // a refused save leaves everything as it was.
        if (!m_store.save(environment, renamed ? EnvironmentStore::AddOnly : EnvironmentStore::Replace)) {
            showMessage(QStringLiteral("environmentSaveErrorDialog"), QMessageBox::Critical,
                        tr("Environment not saved"), m_store.errorString());
            return;
        }
        if (renamed)
            m_store.remove(previous.name);
        const bool moved = renamed || environment.baseUrl != previous.baseUrl;
        const bool keyInUse = m_keySource == KeySource::Keychain || m_keySource == KeySource::Typed;
        if (!typed.isEmpty() || removeOldKey || !moved || !keyInUse)
            return finishEdit(previous, environment, typed, removeOldKey);
        const QString current = client()->apiKey();
        if (sameOrigin(previous.baseUrl, environment.baseUrl))
            return finishEdit(previous, environment, current, false); // same server: the key moves along
        // Another server: a key is a credential for one server, and the operator decides whether this one
        // may go to the new one. The default is No, then the window asks for the new server's key.
        auto* question = new QMessageBox(
            QMessageBox::Question, tr("Use the same API key?"),
            tr("The base URL of %1 changed from %2 to %3.\n\nSend the API key used for %2 to %3 as well?")
                .arg(environment.name, displayHost(previous.baseUrl), displayHost(environment.baseUrl)),
            QMessageBox::Yes | QMessageBox::No, this);
        question->setObjectName(QStringLiteral("carryKeyQuestion"));
        question->setTextFormat(Qt::PlainText);
        question->setDefaultButton(QMessageBox::No);
        question->setEscapeButton(QMessageBox::No);
        question->setAttribute(Qt::WA_DeleteOnClose);
        const int asked = m_generation;
        connect(question, &QMessageBox::finished, this,
                [this, previous, environment, current, asked](int answer) {
                    if (asked == m_generation)
                        finishEdit(previous, environment, answer == QMessageBox::Yes ? current : QString(),
                                   false);
                });
        question->open();
    });
    dialog->open();
}

void MainWindow::finishEdit(const Environment& previous, const Environment& environment, const QString& key,
                            bool removeOldKey)
{
    const QString oldEntry = SecretStore::keyFor(previous.name, previous.baseUrl.toString());
    if (!key.isEmpty()) {
        // Replaces the stored key; the old entry, when the name or URL changed, goes after the write.
        return storeKeyThenUse(
            environment, key,
            oldEntry != SecretStore::keyFor(environment.name, environment.baseUrl.toString()) ? oldEntry
                                                                                              : QString());
    }
    if (!removeOldKey) {
        // Nothing to store: a key not carried to another server stays under its own entry, which is what
        // the old name and URL would find again.
        return useEnvironment(environment);
    }
    const int generation = m_generation;
    m_secrets->remove(oldEntry, [this, environment, generation](const SecretResult&) {
        // Connects after the removal, so that the keychain read cannot find the key just removed.
        if (generation == m_generation)
            useEnvironment(environment);
    });
}

void MainWindow::updateEmptyState()
{
    if (m_filter->rowCount() > 0) {
        m_emptyLabel->hide();
        return;
    }
    QString text;
    if (m_environment.name.isEmpty())
        text = tr("Not connected.\nAdd an environment (File → Add Environment…) or choose the demo.");
    else if (m_model->rowCount() > 0)
        text = tr("No jobs match the filter.");
    else if (m_monitor->isRefreshing() ||
             (!m_monitor->lastGoodRefresh().isValid() && m_keyAvailable && m_banner->isHidden()))
        text = tr("Loading jobs from %1…").arg(displayHost(m_environment.baseUrl));
    else if (m_monitor->lastGoodRefresh().isValid())
        text = tr("No context-add jobs on %1.").arg(displayHost(m_environment.baseUrl));
    else
        text = tr("No jobs to show. See the message above.");
    m_emptyLabel->setText(text);
    m_emptyLabel->setGeometry(m_table->viewport()->rect().adjusted(20, 20, -20, -20));
    m_emptyLabel->show();
}

bool MainWindow::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_table && event->type() == QEvent::KeyPress) {
        const auto* key = static_cast<QKeyEvent*>(event);
        if (key->key() == Qt::Key_Menu ||
            (key->key() == Qt::Key_F10 && key->modifiers() == Qt::ShiftModifier)) {
            showJobMenu(m_table->currentIndex(), QPoint(), true);
            return true;
        }
    }
    if (watched == m_table && event->type() == QEvent::ContextMenu &&
        static_cast<QContextMenuEvent*>(event)->reason() == QContextMenuEvent::Keyboard) {
        showJobMenu(m_table->currentIndex(), QPoint(), true);
        return true;
    }
    if (watched == m_table->viewport() && event->type() == QEvent::Resize)
        m_emptyLabel->setGeometry(m_table->viewport()->rect().adjusted(20, 20, -20, -20));
    return QMainWindow::eventFilter(watched, event);
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/header"), m_table->horizontalHeader()->saveState());
    settings.setValue(QStringLiteral("refresh/intervalSeconds"), m_intervalSpin->value());
    settings.setValue(QStringLiteral("refresh/auto"), m_autoRefreshAction->isChecked());
    if (!m_quitting && m_triageView && m_triageView->keepRunningOnClose()) {
        event->ignore();
        hide();
        return;
    }
    QMainWindow::closeEvent(event);
}

} // namespace Alchemyst
