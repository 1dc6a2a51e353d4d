// The real main window's navigation, driven like a person against the simulator over loopback: the state
// list (rows that stay put, Ctrl+1…Ctrl+9, counts that say how complete they are), production in sight at
// any size, the environment chooser's keyboard guard, where Remove Environment goes, filters per
// environment.
#include "core/jobmonitor.h"
#include "core/translations.h"
#include "credentials/secretstore.h"
#include "environmentcontroller.h"
#include "guifixture.h"
#include "jobs/jobfiltermodel.h"
#include "jobs/jobmodel.h"
#include "mainwindow.h"
#include "simulator/simulator.h"
#include "statelist.h"
#include "verdictlabel.h"

#include <QAction>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QNetworkAccessManager>
#include <QPushButton>
#include <QSettings>
#include <QStatusBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QToolBar>
#include <QTreeWidget>

using namespace Alchemyst;

namespace {

// Keys in memory: the environments a test switches between find theirs, and a removal succeeds.
class MemoryKeychain : public SecretStore
{
public:
    MemoryKeychain()
        : SecretStore(QStringLiteral("memory"))
    {}
    QHash<QString, QString> entries;
    void read(const QString& key, Callback done) override
    {
        SecretResult result;
        result.status = entries.contains(key) ? SecretResult::Ok : SecretResult::NotFound;
        result.secret = entries.value(key);
        done(result);
    }
    void write(const QString& key, const QString& secret, Callback done) override
    {
        entries.insert(key, secret);
        SecretResult result;
        result.status = SecretResult::Ok;
        done(result);
    }
    void remove(const QString& key, Callback done) override
    {
        entries.remove(key);
        SecretResult result;
        result.status = SecretResult::Ok;
        done(result);
    }
};

constexpr int Waiting = static_cast<int>(StateCategory::Waiting);
constexpr int Failed = static_cast<int>(StateCategory::Failed);
constexpr int Completed = static_cast<int>(StateCategory::Completed);

} // namespace

class TestMainWindowNav : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void stateRowsStayInPlaceWhenCountsChange();
    void clickingAStateFiltersAndFailureGroupsNestUnderFailed();
    void ctrlNumberSelectsStates();
    void countsSayTheyAreIncompleteDuringAPass();
    void countsSayTheirAgeWhenPassesStopCompleting();
    void productionIsInSightAt800x500AndInTheTitle();
    void keyboardStepOntoProductionAsks();
    void removingTheShownEnvironmentNeverLandsOnProduction();
    void filtersArePerEnvironment();

private:
    StateList* list() const { return GuiFixture::stateList(m_window); }
    QTableView* table() const { return m_window->findChild<QTableView*>(QStringLiteral("jobTable")); }
    QComboBox* chooser() const { return m_window->findChild<QComboBox*>(QStringLiteral("environmentCombo")); }
    QLineEdit* searchBox() const { return m_window->findChild<QLineEdit*>(QStringLiteral("searchBox")); }
    QAction* autoRefresh() const
    {
        return m_window->findChild<QAction*>(QStringLiteral("autoRefreshAction"));
    }
    // The saved environments' keys in a keychain of the test's.
    MemoryKeychain* useMemoryKeychain();

    QTemporaryDir m_settingsDir;
    QNetworkAccessManager* m_manager = nullptr;
    Simulator* m_simulator = nullptr;
    MainWindow* m_window = nullptr;
    QHash<QString, QString> m_ids;
};

void TestMainWindowNav::initTestCase()
{
    installTranslations(QLocale(QLocale::English));
    QVERIFY(GuiFixture::isolateSettings(m_settingsDir, QStringLiteral("tst_mainwindow_nav")));
}

void TestMainWindowNav::init()
{
    QSettings().clear();
    QVERIFY((m_simulator = GuiFixture::startSimulator(QStringLiteral("gui-key"), this)));
    m_ids = GuiFixture::addJobs(
        *m_simulator, {"waiting", "delayed", "active", "completed", "failed", "cancelled", "prioritized"});
    m_manager = new QNetworkAccessManager(this);
    m_window = new MainWindow(m_manager);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window));
    QVERIFY(GuiFixture::connectWindow(m_window, *m_simulator, QStringLiteral("gui-key"), 7));
    QVERIFY(list());
}

void TestMainWindowNav::cleanup()
{
    GuiFixture::closeMessageBoxes(m_window);
    delete m_window;
    delete m_manager;
    delete m_simulator;
}

MemoryKeychain* TestMainWindowNav::useMemoryKeychain()
{
    auto* keychain = new MemoryKeychain;
    m_window->setSecretStore(keychain);
    return keychain;
}

void TestMainWindowNav::stateRowsStayInPlaceWhenCountsChange()
{
    QTRY_COMPARE(list()->countText(StateList::AllState), QStringLiteral("7"));
    QCOMPARE(list()->rowText(Waiting), QStringLiteral("Waiting 1"));
    QCOMPARE(list()->rowText(StateList::StuckState), QStringLiteral("⚠ Stuck 0"));
    QMap<int, QRect> before;
    for (const int state : StateList::stateOrder())
        before.insert(state, list()->rowRect(state));
    const int width = list()->width();
    // Stuck first, Failed last; every row where the one before it ends.
    QVERIFY(before.value(StateList::StuckState).top() < before.value(StateList::AllState).top());
    QVERIFY(before.value(StateList::AllState).top() < before.value(Waiting).top());
    QVERIFY(before.value(static_cast<int>(StateCategory::Other)).top() < before.value(Failed).top());

    // Counts of four and five figures, a change of +1,499, three failure groups where there was one.
    for (int i = 0; i < 1499; ++i)
        m_simulator->addJob(QStringLiteral("waiting"));
    for (int i = 0; i < 120; ++i)
        m_simulator->addJob(QStringLiteral("completed"));
    const QString failedId = m_ids.value(QStringLiteral("failed"));
    m_simulator->setJobState(m_ids.value(QStringLiteral("delayed")), QStringLiteral("failed"));
    m_simulator->setJobState(m_ids.value(QStringLiteral("active")), QStringLiteral("failed"));
    m_window->refresh();
    QTRY_COMPARE(m_window->jobModel()->rowCount(), 7 + 1499 + 120);
    QTRY_VERIFY(!m_window->monitor()->isRefreshing());
    QTRY_COMPARE(list()->countText(Waiting), QStringLiteral("1,500")); // digit grouping
    QCOMPARE(list()->countText(StateList::AllState), QStringLiteral("1,626"));
    QVERIFY2(list()->rowText(Waiting).startsWith(QLatin1String("Waiting 1,500 (+1,499)")),
             qPrintable(list()->rowText(Waiting)));

    // The same state at the same place, in a list of the same width.
    for (const int state : StateList::stateOrder())
        QCOMPARE(list()->rowRect(state), before.value(state));
    QCOMPARE(list()->width(), width);
    GuiFixture::snap(QStringLiteral("state-list-after-growth"), m_window);
}

void TestMainWindowNav::clickingAStateFiltersAndFailureGroupsNestUnderFailed()
{
    QVERIFY(GuiFixture::clickState(m_window, Failed));
    QCOMPARE(m_window->currentState(), Failed);
    QCOMPARE(table()->model()->rowCount(), 1);
    QCOMPARE(table()->model()->index(0, JobModel::StateColumn).data(JobModel::StateRole).toString(),
             QStringLiteral("failed"));

    // A second reason: two groups under Failed, and choosing one lists only its jobs.
    m_simulator->setJobState(m_ids.value(QStringLiteral("waiting")), QStringLiteral("failed"));
    m_window->refresh();
    QTRY_COMPARE(m_window->jobModel()->count(StateCategory::Failed), 2);
    QTRY_VERIFY(!m_window->monitor()->isRefreshing());
    const FailureGroupList groups = list()->failureGroups();
    QVERIFY2(!groups.isEmpty(), "no failure groups under Failed");
    QTreeWidgetItem* failedItem = list()->tree()->topLevelItem(StateList::stateOrder().indexOf(Failed));
    QCOMPARE(failedItem->childCount(), int(groups.size()));
    QTreeWidgetItem* first = failedItem->child(0);
    QVERIFY2(!groups.constFirst().key.isEmpty(), "the simulator's failures should carry a reason");
    QTest::mouseClick(list()->tree()->viewport(), Qt::LeftButton, {},
                      list()->tree()->visualItemRect(first).center());
    QCOMPARE(m_window->filterModel()->failureGroup(), groups.constFirst().key);
    QCOMPARE(list()->currentFailureGroup(), groups.constFirst().key);
    QCOMPARE(table()->model()->rowCount(), groups.constFirst().count);

    // Another state clears the group; All lists every job again.
    QVERIFY(GuiFixture::clickState(m_window, StateList::AllState));
    QCOMPARE(m_window->filterModel()->failureGroup(), QString());
    QCOMPARE(table()->model()->rowCount(), 7);
}

void TestMainWindowNav::ctrlNumberSelectsStates()
{
    table()->setFocus();
    const QList<int> order = StateList::stateOrder();
    QCOMPARE(order.size(), 9);
    QTest::keyClick(m_window, Qt::Key_3, Qt::ControlModifier); // Waiting
    QCOMPARE(m_window->currentState(), Waiting);
    QCOMPARE(list()->currentState(), Waiting);
    QCOMPARE(table()->model()->rowCount(), 1);
    QTest::keyClick(m_window, Qt::Key_9, Qt::ControlModifier); // Failed, last
    QCOMPARE(list()->currentState(), Failed);
    QCOMPARE(table()->model()->index(0, JobModel::StateColumn).data(JobModel::StateRole).toString(),
             QStringLiteral("failed"));
    QTest::keyClick(m_window, Qt::Key_1, Qt::ControlModifier); // Stuck, first
    QCOMPARE(list()->currentState(), StateList::StuckState);
    QVERIFY(m_window->filterModel()->stuckOnly());
    QTest::keyClick(m_window, Qt::Key_2, Qt::ControlModifier); // All
    QCOMPARE(list()->currentState(), StateList::AllState);
    QCOMPARE(table()->model()->rowCount(), 7);
    // Also with the focus in the search box: the shortcuts are the window's.
    searchBox()->setFocus();
    QTest::keyClick(searchBox(), Qt::Key_6, Qt::ControlModifier); // Completed
    QCOMPARE(list()->currentState(), Completed);
    QCOMPARE(searchBox()->text(), QString());
}

void TestMainWindowNav::countsSayTheyAreIncompleteDuringAPass()
{
    QTRY_VERIFY(!m_window->monitor()->isRefreshing());
    QCOMPARE(list()->countText(StateList::AllState), QStringLiteral("7"));
    QVERIFY2(list()->freshnessLabel()->text().startsWith(QLatin1String("Complete at")),
             qPrintable(list()->freshnessLabel()->text()));
    // One job a page, and the fourth page answered 429 for a second: the pass holds after three pages.
    m_window->client()->setPageSize(1);
    m_simulator->injectListFault(3, 429, 1, "1");
    m_window->refresh();
    QTRY_VERIFY(m_window->monitor()->progress().pages >= 3);
    QVERIFY(m_window->monitor()->isRefreshing());
    QVERIFY2(list()->countText(StateList::AllState).startsWith(QStringLiteral("≥ ")),
             qPrintable(list()->countText(StateList::AllState)));
    QVERIFY2(list()->rowText(Waiting).startsWith(QStringLiteral("Waiting ≥ ")),
             qPrintable(list()->rowText(Waiting)));
    QVERIFY2(list()->freshnessLabel()->text().contains(QLatin1String("page 3")),
             qPrintable(list()->freshnessLabel()->text()));
    GuiFixture::snap(QStringLiteral("state-list-during-pass"), m_window);
    // The pass ends whole: the counts are exact again.
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->monitor()->isRefreshing(), 8000);
    QCOMPARE(list()->countText(StateList::AllState), QStringLiteral("7"));
    QVERIFY(list()->freshnessLabel()->text().startsWith(QLatin1String("Complete at")));
}

void TestMainWindowNav::countsSayTheirAgeWhenPassesStopCompleting()
{
    QTRY_VERIFY(!m_window->monitor()->isRefreshing());
    // Every try of the first page fails: the pass ends without the list, which stays, stale.
    m_simulator->injectListFault(0, 500, 3);
    m_window->refresh();
    QTRY_VERIFY_WITH_TIMEOUT(m_window->isStale(), 10000);
    const QString line = list()->freshnessLabel()->text();
    QVERIFY2(line.startsWith(QLatin1String("Last complete pass")) && line.contains(QLatin1String(" ago")),
             qPrintable(line));
    QVERIFY(list()->freshnessLabel()->isVisible());
    QVERIFY2(list()->tree()->topLevelItem(1)->toolTip(0).contains(QLatin1String("last complete pass")),
             qPrintable(list()->tree()->topLevelItem(1)->toolTip(0)));
}

void TestMainWindowNav::productionIsInSightAt800x500AndInTheTitle()
{
    m_window->resize(800, 500);
    m_window->useEnvironment({QStringLiteral("Prod EU"), m_simulator->baseUrl(), true},
                             QStringLiteral("gui-key"));
    QTRY_COMPARE(m_window->jobModel()->rowCount(), 7);
    QTRY_COMPARE(m_window->size(), QSize(800, 500));
    QVERIFY2(m_window->windowTitle().startsWith(QStringLiteral("PRODUCTION — Prod EU")),
             qPrintable(m_window->windowTitle()));
    auto* badge = m_window->findChild<QLabel*>(QStringLiteral("environmentBadge"));
    QVERIFY(badge);
    QVERIFY(badge->text().startsWith(QStringLiteral("PRODUCTION · Prod EU")));
    QTRY_VERIFY(badge->isVisible());
    // Inside the window, not clipped to nothing, and wide enough for its words: no overflow menu hides it.
    const QRect inWindow(badge->mapTo(m_window, QPoint(0, 0)), badge->size());
    QVERIFY2(m_window->rect().contains(inWindow), qPrintable(QStringLiteral("%1,%2 %3x%4")
                                                                 .arg(inWindow.x())
                                                                 .arg(inWindow.y())
                                                                 .arg(inWindow.width())
                                                                 .arg(inWindow.height())));
    QVERIFY(badge->width() >= badge->fontMetrics().horizontalAdvance(badge->text()));
    QVERIFY(!badge->visibleRegion().isEmpty());
    // The strip cannot be hidden from the toolbars' menu.
    auto* strip = m_window->findChild<QToolBar*>(QStringLiteral("environmentStrip"));
    QVERIFY(strip && strip->isVisible());
    QVERIFY(!strip->toggleViewAction()->isVisible());
    // The status bar at this width: a long verdict gives way (elided, whole in its tool tip); the refresh
    // status and the budget are shown whole and nothing reaches past the bar's edge.
    auto* verdict = m_window->findChild<VerdictLabel*>(QStringLiteral("verdictLabel"));
    QVERIFY(verdict);
    verdict->setMonitor(nullptr); // the sentence below stays: no pass replaces it meanwhile
    verdict->setText(QStringLiteral("Draining: 12,400 waiting, 85 completed a minute and about as many "
                                    "arriving — clears in about 2 h 25 min"));
    verdict->show();
    auto* refresh = m_window->findChild<QLabel*>(QStringLiteral("lastRefreshLabel"));
    QVERIFY(refresh);
    QTRY_VERIFY(verdict->isElided());
    QStatusBar* bar = m_window->statusBar();
    for (QWidget* widget : bar->findChildren<QWidget*>(QString(), Qt::FindDirectChildrenOnly)) {
        if (!widget->isVisible() || widget->objectName().startsWith(QLatin1String("qt_")))
            continue;
        QVERIFY2(bar->rect().contains(widget->geometry()), qPrintable(widget->objectName()));
    }
    QVERIFY2(refresh->width() >= refresh->fontMetrics().horizontalAdvance(refresh->text()),
             qPrintable(refresh->text()));
    auto* meter = m_window->findChild<QWidget*>(QStringLiteral("budgetMeter"));
    QVERIFY(meter && meter->width() >= meter->minimumSizeHint().width());
    GuiFixture::snap(QStringLiteral("window-800x500-production"), m_window);

    // And not production: the strip says which, and the title does not cry wolf.
    m_window->startDemo();
    QTRY_COMPARE(m_window->currentEnvironment().name, EnvironmentStore::demoName());
    QVERIFY(!m_window->windowTitle().contains(QLatin1String("PRODUCTION")));
    QVERIFY(badge->text().startsWith(QLatin1String("DEMO")));
}

void TestMainWindowNav::keyboardStepOntoProductionAsks()
{
    MemoryKeychain* keychain = useMemoryKeychain();
    EnvironmentStore store;
    const Environment alpha{QStringLiteral("Alpha"), m_simulator->baseUrl(), false};
    const Environment prod{QStringLiteral("Beta Prod"), m_simulator->baseUrl(), true};
    QVERIFY(store.save(alpha));
    QVERIFY(store.save(prod));
    for (const Environment& environment : {alpha, prod})
        keychain->entries.insert(SecretStore::keyFor(environment.name, environment.baseUrl.toString()),
                                 QStringLiteral("gui-key"));
    m_window->useEnvironment(alpha);
    QTRY_COMPARE(m_window->jobModel()->rowCount(), 7);
    QComboBox* combo = chooser();
    QVERIFY(qobject_cast<EnvironmentChooser*>(combo));
    QCOMPARE(combo->currentText(), QStringLiteral("Alpha"));
    QCOMPARE(combo->findData(prod.name), combo->currentIndex() + 1);

    // Down lands on production: asked, and nothing switched meanwhile.
    combo->setFocus();
    QTest::keyClick(combo, Qt::Key_Down);
    QMessageBox* question = nullptr;
    QTRY_VERIFY((question = m_window->findChild<QMessageBox*>(QStringLiteral("switchToProductionQuestion"))));
    QCOMPARE(m_window->currentEnvironment().name, alpha.name);
    QCOMPARE(combo->currentText(), QStringLiteral("Alpha"));
    QVERIFY2(question->text().contains(QLatin1String("\"Beta Prod\"")), qPrintable(question->text()));
    // The safe answer is the default: Enter or Escape stays.
    QCOMPARE(question->defaultButton()->objectName(), QStringLiteral("stayButton"));
    QTest::keyClick(question, Qt::Key_Escape);
    QTRY_VERIFY(!m_window->findChild<QMessageBox*>(QStringLiteral("switchToProductionQuestion")));
    QCOMPARE(m_window->currentEnvironment().name, alpha.name);

    // Asked again, and switching said in so many words.
    QTest::keyClick(combo, Qt::Key_Down);
    QTRY_VERIFY((question = m_window->findChild<QMessageBox*>(QStringLiteral("switchToProductionQuestion"))));
    QTest::mouseClick(question->findChild<QPushButton*>(QStringLiteral("switchButton")), Qt::LeftButton);
    QTRY_COMPARE(m_window->currentEnvironment().name, prod.name);
    QCOMPARE(combo->currentText(), QStringLiteral("Beta Prod (production)"));
    QVERIFY(m_window->windowTitle().startsWith(QLatin1String("PRODUCTION")));

    // Up onto a non-production environment switches at once, as before.
    QTRY_VERIFY(!m_window->findChild<QMessageBox*>(QStringLiteral("switchToProductionQuestion")));
    QTest::keyClick(combo, Qt::Key_Up);
    QTRY_COMPARE(m_window->currentEnvironment().name, alpha.name);
    QVERIFY(!m_window->findChild<QMessageBox*>(QStringLiteral("switchToProductionQuestion")));

    // Chosen in the open list (a deliberate choice, not a step): no question.
    combo->showPopup();
    QTRY_VERIFY(combo->view()->isVisible());
    combo->view()->setCurrentIndex(combo->model()->index(combo->findData(prod.name), 0));
    QTest::keyClick(combo->view(), Qt::Key_Return);
    QTRY_COMPARE(m_window->currentEnvironment().name, prod.name);
    QVERIFY(!m_window->findChild<QMessageBox*>(QStringLiteral("switchToProductionQuestion")));
}

void TestMainWindowNav::removingTheShownEnvironmentNeverLandsOnProduction()
{
    MemoryKeychain* keychain = useMemoryKeychain();
    EnvironmentStore store;
    // Production is the first saved one: the old rule ("the first of the rest") went there.
    const Environment prod{QStringLiteral("A Prod"), m_simulator->baseUrl(), true};
    const Environment staging{QStringLiteral("Staging"), m_simulator->baseUrl(), false};
    const Environment qa{QStringLiteral("QA"), m_simulator->baseUrl(), false};
    for (const Environment& environment : {prod, staging, qa}) {
        QVERIFY(store.save(environment));
        keychain->entries.insert(SecretStore::keyFor(environment.name, environment.baseUrl.toString()),
                                 QStringLiteral("gui-key"));
    }
    const auto removeShown = [this] {
        m_window->findChild<QAction*>(QStringLiteral("removeEnvironmentAction"))->trigger();
        QMessageBox* question = nullptr;
        QTRY_VERIFY(
            (question = m_window->findChild<QMessageBox*>(QStringLiteral("removeEnvironmentQuestion"))));
        QTest::mouseClick(question->findChild<QPushButton*>(QStringLiteral("removeButton")), Qt::LeftButton);
        QTRY_VERIFY(!m_window->findChild<QMessageBox*>(QStringLiteral("removeEnvironmentQuestion")));
    };

    // QA, then Staging; removing Staging goes back to QA.
    m_window->useEnvironment(qa);
    QTRY_COMPARE(m_window->jobModel()->rowCount(), 7);
    m_window->useEnvironment(staging);
    QTRY_COMPARE(m_window->currentEnvironment().name, staging.name);
    removeShown();
    QTRY_VERIFY(!EnvironmentStore().find(staging.name));
    QTRY_COMPARE(m_window->currentEnvironment().name, qa.name);

    // Production, then QA: removing QA does not go back to production; no other is saved: the demo.
    m_window->useEnvironment(prod);
    QTRY_COMPARE(m_window->currentEnvironment().name, prod.name);
    m_window->useEnvironment(qa);
    QTRY_COMPARE(m_window->currentEnvironment().name, qa.name);
    removeShown();
    QTRY_VERIFY(!EnvironmentStore().find(qa.name));
    QTRY_COMPARE(m_window->currentEnvironment().name, EnvironmentStore::demoName());
    QVERIFY(!m_window->windowTitle().contains(QLatin1String("PRODUCTION")));
    QVERIFY(EnvironmentStore().find(prod.name)); // still saved, just not shown
}

void TestMainWindowNav::filtersArePerEnvironment()
{
    Simulator staging(Simulator::Options::empty(QStringLiteral("staging-key")));
    QVERIFY(staging.listen() != 0);
    staging.addJob(QStringLiteral("waiting"), QStringLiteral("staging-only.pdf"));
    staging.addJob(QStringLiteral("failed"), QStringLiteral("staging-failed.pdf"));

    // On the first environment: a search, and auto-refresh paused.
    QTest::keyClicks(searchBox(), QStringLiteral("waiting.pdf"));
    QCOMPARE(table()->model()->rowCount(), 1);
    autoRefresh()->trigger();
    QVERIFY(!autoRefresh()->isChecked());
    QVERIFY(!m_window->monitor()->autoRefresh());

    // Another environment starts with neither: every one of its jobs shown, refreshing on its own.
    m_window->useEnvironment({QStringLiteral("Staging"), staging.baseUrl(), false},
                             QStringLiteral("staging-key"));
    QTRY_COMPARE(m_window->jobModel()->rowCount(), 2);
    QCOMPARE(searchBox()->text(), QString());
    QCOMPARE(table()->model()->rowCount(), 2);
    QVERIFY(autoRefresh()->isChecked());
    QVERIFY(m_window->monitor()->autoRefresh());
    QCOMPARE(list()->countText(StateList::AllState), QStringLiteral("2"));

    // Back: its search and its pause are given back.
    m_window->useEnvironment({QStringLiteral("Local test"), m_simulator->baseUrl(), false},
                             QStringLiteral("gui-key"));
    QTRY_COMPARE(m_window->jobModel()->rowCount(), 7);
    QCOMPARE(searchBox()->text(), QStringLiteral("waiting.pdf"));
    QCOMPARE(table()->model()->rowCount(), 1);
    QVERIFY(!autoRefresh()->isChecked());
    QVERIFY(!m_window->monitor()->autoRefresh());
}

QTEST_MAIN(TestMainWindowNav)
#include "tst_mainwindow_nav.moc"
