// The window's triage menus, driven like a person against the simulator over loopback: snoozing a stuck
// job from the Stuck view's row menu (it leaves the count and the view, Show Snoozed brings it back marked,
// a change of state ends the snooze), Edit → Copy for a Ticket, Edit → Preferences… applied to the window,
// File → Export saying where it wrote, the View toggles and the window state kept for the next window.
#include "core/jobmonitor.h"
#include "core/translations.h"
#include "exportfeedback.h"
#include "exportrows.h"
#include "guifixture.h"
#include "jobs/jobexport.h"
#include "jobs/jobfiltermodel.h"
#include "jobs/jobmodel.h"
#include "jobtablewidget.h"
#include "mainwindow.h"
#include "preferencesdialog.h"
#include "simulator/simulator.h"
#include "statelist.h"
#include "triage/changetracker.h"
#include "triageview.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QDockWidget>
#include <QFile>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QNetworkAccessManager>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStatusBar>
#include <QTabBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QToolBar>

using namespace Alchemyst;

class TestTriageWindow : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void snoozedJobLeavesTheStuckCountAndTheView();
    void showSnoozedBringsItBackMarkedAndAStateChangeEndsIt();
    void snoozesSurviveANewWindow();
    void copyForATicketPutsTheSelectedJobsAsMarkdown();
    void editMenuSitsBetweenFileAndJobs();
    void preferencesApplyToTheWindow();
    void exportSaysWhereItWrote();
    void viewTogglesAndTheWindowStateSurviveANewWindow();
    void countsHaveDigitGrouping();

private:
    void openWindow();
    bool passOnce();
    QTableView* table() const { return m_window->findChild<QTableView*>(QStringLiteral("jobTable")); }
    QTabBar* tabs() const { return m_window->findChild<QTabBar*>(QStringLiteral("stateFilter")); }
    QAction* action(const char* name) const { return m_window->findChild<QAction*>(QLatin1String(name)); }
    QString stuckTabText() const { return tabs()->tabText(m_window->triageView()->stuckTab()); }
    // Opens the row menu of the job from the keyboard (the Menu key) and triggers its action.
    bool triggerInRowMenu(const QString& id, const char* actionName);
    void makeStuck(const QString& id) { m_simulator->setJobTimes(id, m_hourAgo, 0); }

    QTemporaryDir m_settingsDir;
    QTemporaryDir m_dataDir;
    QNetworkAccessManager* m_manager = nullptr;
    Simulator* m_simulator = nullptr;
    MainWindow* m_window = nullptr;
    QString m_first; // two active jobs, started an hour ago: stuck at once
    QString m_second;
    QHash<QString, QString> m_ids;
    qint64 m_hourAgo = 0;
};

void TestTriageWindow::initTestCase()
{
    installTranslations(QLocale(QLocale::English)); // as main() does: English, with its plural forms
    QVERIFY(GuiFixture::isolateSettings(m_settingsDir, QStringLiteral("tst_triagewindow")));
}

void TestTriageWindow::init()
{
    QSettings().clear();
    QVERIFY((m_simulator = GuiFixture::startSimulator(QStringLiteral("gui-key"), this)));
    m_ids = GuiFixture::addJobs(*m_simulator, {"waiting", "completed", "failed"});
    m_hourAgo = QDateTime::currentMSecsSinceEpoch() - 3600 * 1000;
    m_first = m_simulator->addJob(QStringLiteral("active"), QStringLiteral("first.pdf"));
    m_second = m_simulator->addJob(QStringLiteral("active"), QStringLiteral("second.pdf"));
    makeStuck(m_first);
    makeStuck(m_second);
    m_manager = new QNetworkAccessManager(this);
    openWindow();
}

void TestTriageWindow::openWindow()
{
    m_window = new MainWindow(m_manager);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window));
    QVERIFY(GuiFixture::connectWindow(m_window, *m_simulator, QStringLiteral("gui-key"), 5));
    QTRY_VERIFY(m_window->monitor()->lastGoodRefresh().isValid() && !m_window->monitor()->isRefreshing());
    m_window->monitor()->setAutoRefresh(false); // the tests say when a pass runs
}

void TestTriageWindow::cleanup()
{
    GuiFixture::closeMessageBoxes(m_window);
    if (m_window && m_window->monitor())
        QFile::remove(m_window->monitor()->triage().snoozes().filePath()); // the next run starts clean
    delete m_window;
    m_window = nullptr;
    delete m_manager;
    delete m_simulator;
}

bool TestTriageWindow::passOnce()
{
    QSignalSpy passes(m_window->monitor(), &JobMonitor::passFinished);
    QSignalSpy triage(m_window->monitor(), &JobMonitor::triageUpdated);
    m_window->refresh();
    return passes.wait(10000) && (triage.count() > 0 || triage.wait(2000));
}

bool TestTriageWindow::triggerInRowMenu(const QString& id, const char* actionName)
{
    if (!GuiFixture::selectJob(table(), id, JobModel::StateColumn))
        return false;
    bool triggered = false;
    // The row menu runs its own event loop: the choice is made from inside it.
    QTimer::singleShot(0, this, [&triggered, actionName] {
        QMenu* menu = nullptr;
        QTRY_VERIFY((menu = qobject_cast<QMenu*>(QApplication::activePopupWidget())));
        // Its own entries and the ones it shows of others (Show Snoozed is the Jobs menu's too).
        QList<QAction*> actions = menu->findChildren<QAction*>();
        actions += menu->actions();
        for (QAction* chosen : actions) {
            if (!triggered && chosen->objectName() == QLatin1String(actionName)) {
                chosen->trigger();
                triggered = true;
            }
        }
        menu->close();
    });
    QTest::keyClick(table(), Qt::Key_Menu);
    return triggered;
}

void TestTriageWindow::snoozedJobLeavesTheStuckCountAndTheView()
{
    QVERIFY(GuiFixture::clickState(m_window, StateList::StuckState));
    QTRY_COMPARE(table()->model()->rowCount(), 2);
    QCOMPARE(m_window->monitor()->triage().stuckCount(), 2);
    QVERIFY2(stuckTabText().endsWith(QLatin1String("Stuck 2")), qPrintable(stuckTabText()));
    QTRY_COMPARE(GuiFixture::stateList(m_window)->countText(StateList::StuckState), QStringLiteral("2"));

    QVERIFY(triggerInRowMenu(m_first, "snoozeUntilChangeAction"));
    QTRY_COMPARE(table()->model()->rowCount(), 1);
    QCOMPARE(table()->model()->index(0, 0).data(JobModel::JobIdRole).toString(), m_second);
    QCOMPARE(m_window->monitor()->triage().stuckCount(), 1);
    QVERIFY2(stuckTabText().endsWith(QLatin1String("Stuck 1")), qPrintable(stuckTabText()));
    QCOMPARE(GuiFixture::stateList(m_window)->countText(StateList::StuckState),
             QStringLiteral("1")); // at once
    // Kept on disk for this environment.
    QVERIFY(QFile::exists(m_window->monitor()->triage().snoozes().filePath()));

    // A pass keeps it out, and it is no news.
    QVERIFY(passOnce());
    QCOMPARE(m_window->monitor()->triage().stuckCount(), 1);
    QVERIFY(!m_window->monitor()->lastSummary().newlyStuck.contains(m_first));
    QCOMPARE(table()->model()->rowCount(), 1);

    // Outside Stuck the row menu has no snooze.
    QVERIFY(GuiFixture::clickState(m_window, StateList::AllState));
    QVERIFY(!triggerInRowMenu(m_second, "snoozeUntilChangeAction"));
}

void TestTriageWindow::showSnoozedBringsItBackMarkedAndAStateChangeEndsIt()
{
    QVERIFY(GuiFixture::clickState(m_window, StateList::StuckState));
    QTRY_COMPARE(table()->model()->rowCount(), 2);
    QVERIFY(triggerInRowMenu(m_first, "snoozeUntilChangeAction"));
    QTRY_COMPARE(table()->model()->rowCount(), 1);

    // Show Snoozed, from the same menu: back, and marked.
    QVERIFY(triggerInRowMenu(m_second, "showSnoozedAction"));
    QVERIFY(action("showSnoozedAction")->isChecked());
    QTRY_COMPARE(table()->model()->rowCount(), 2);
    QCOMPARE(m_window->monitor()->triage().stuckCount(), 1); // shown is not counted
    int snoozedRow = -1;
    for (int row = 0; row < table()->model()->rowCount(); ++row) {
        const QModelIndex age = table()->model()->index(row, JobModel::AgeColumn);
        const QString note = m_window->triageView()->snoozeNote(age);
        if (age.data(JobModel::JobIdRole).toString() == m_first) {
            snoozedRow = row;
            QCOMPARE(note, QStringLiteral("Snoozed until its state changes"));
        } else {
            QVERIFY2(note.isEmpty(), qPrintable(note));
        }
    }
    QVERIFY(snoozedRow >= 0);
    GuiFixture::snap(QStringLiteral("stuck-show-snoozed"), m_window);
    QVERIFY(triggerInRowMenu(m_first, "showSnoozedAction")); // off again
    QTRY_COMPARE(table()->model()->rowCount(), 1);

    // It moves on: the snooze ends. Stuck again later, it is news again and counts.
    m_simulator->setJobState(m_first, QStringLiteral("waiting"));
    QVERIFY(passOnce());
    QVERIFY(!m_window->monitor()->triage().snoozes().find(m_first));
    m_simulator->setJobState(m_first, QStringLiteral("active"));
    makeStuck(m_first);
    QVERIFY(passOnce());
    QVERIFY2(m_window->monitor()->lastSummary().newlyStuck.contains(m_first),
             qPrintable(m_window->monitor()->lastSummary().newlyStuck.join(QLatin1Char(','))));
    QCOMPARE(m_window->monitor()->triage().stuckCount(), 2);
    QTRY_COMPARE(table()->model()->rowCount(), 2);
    QVERIFY2(stuckTabText().endsWith(QLatin1String("Stuck 2")), qPrintable(stuckTabText()));
}

void TestTriageWindow::snoozesSurviveANewWindow()
{
    QVERIFY(GuiFixture::clickState(m_window, StateList::StuckState));
    QTRY_COMPARE(table()->model()->rowCount(), 2);
    QVERIFY(triggerInRowMenu(m_second, "snoozeFor4hAction"));
    QTRY_COMPARE(m_window->monitor()->triage().stuckCount(), 1);
    delete m_window;
    openWindow();
    QCOMPARE(m_window->monitor()->triage().stuckCount(), 1);
    const std::optional<Snooze> snooze = m_window->monitor()->triage().snoozes().find(m_second);
    QVERIFY(snooze);
    QVERIFY(!snooze->untilStateChanges());
    QVERIFY(GuiFixture::clickState(m_window, StateList::StuckState));
    QTRY_COMPARE(table()->model()->rowCount(), 1);
    QCOMPARE(table()->model()->index(0, 0).data(JobModel::JobIdRole).toString(), m_first);
    // Unsnooze from the row menu (with Show Snoozed on, the snoozed row can be chosen).
    action("showSnoozedAction")->setChecked(true);
    QTRY_COMPARE(table()->model()->rowCount(), 2);
    QVERIFY(triggerInRowMenu(m_second, "unsnoozeAction"));
    QTRY_COMPARE(m_window->monitor()->triage().stuckCount(), 2);
}

void TestTriageWindow::copyForATicketPutsTheSelectedJobsAsMarkdown()
{
    QGuiApplication::clipboard()->clear();
    const QString failed = m_ids.value(QStringLiteral("failed"));
    QVERIFY(GuiFixture::selectJob(table(), m_first, JobModel::StateColumn));
    // Both rows: the failed one joins with Ctrl.
    QModelIndex failedIndex;
    for (int row = 0; row < table()->model()->rowCount(); ++row)
        if (table()->model()->index(row, 0).data(JobModel::JobIdRole).toString() == failed)
            failedIndex = table()->model()->index(row, JobModel::StateColumn);
    QVERIFY(failedIndex.isValid());
    QTest::mouseClick(table()->viewport(), Qt::LeftButton, Qt::ControlModifier,
                      table()->visualRect(failedIndex).center());
    QCOMPARE(table()->selectionModel()->selectedRows().size(), 2);

    action("copyMarkdownAction")->trigger();
    const QString markdown = QGuiApplication::clipboard()->text();
    const QStringList lines = markdown.trimmed().split(QLatin1Char('\n'));
    QCOMPARE(lines.size(), 4); // header, rule, two jobs
    QVERIFY2(lines.at(0).contains(QLatin1String("ID")) && lines.at(0).contains(QLatin1String("Reason")),
             qPrintable(lines.at(0)));
    // The jobs in the table's order, each as jobsToMarkdown writes it, the verdict's text as age.
    QStringList rows;
    for (int row = 0; row < table()->model()->rowCount(); ++row) {
        const QString id = table()->model()->index(row, 0).data(JobModel::JobIdRole).toString();
        if (id == failed || id == m_first)
            rows << id;
    }
    QVERIFY(lines.at(2).contains(markdownCell(rows.at(0))));
    QVERIFY(lines.at(3).contains(markdownCell(rows.at(1))));
    const int activeLine = lines.at(2).contains(markdownCell(m_first)) ? 2 : 3;
    QVERIFY2(lines.at(activeLine).contains(QLatin1String("active")), qPrintable(lines.at(activeLine)));
    // The age is the triage verdict's ("running 60 min"), not a bare duration.
    QVERIFY2(lines.at(activeLine).contains(QLatin1String("running")), qPrintable(lines.at(activeLine)));
    QVERIFY2(lines.at(5 - activeLine).contains(QLatin1String("failed")),
             qPrintable(lines.at(5 - activeLine)));
    // "Copied 2 jobs as Markdown." once the English plurals hold the sentence.
    QVERIFY2(m_window->statusBar()->currentMessage().startsWith(QLatin1String("Copied 2 job")) &&
                 m_window->statusBar()->currentMessage().endsWith(QLatin1String("as Markdown.")),
             qPrintable(m_window->statusBar()->currentMessage()));

    // Copy Job ID: the ids, one a line.
    action("copyIdAction")->trigger();
    QCOMPARE(QGuiApplication::clipboard()->text(), rows.join(QLatin1Char('\n')));
}

void TestTriageWindow::editMenuSitsBetweenFileAndJobs()
{
    QStringList titles;
    QMenu* edit = nullptr;
    for (QAction* title : m_window->menuBar()->actions()) {
        titles << title->text();
        if (title->text() == QLatin1String("&Edit"))
            edit = title->menu();
    }
    QVERIFY2(titles.indexOf(QLatin1String("&Edit")) == titles.indexOf(QLatin1String("&File")) + 1 &&
                 titles.indexOf(QLatin1String("&Jobs")) == titles.indexOf(QLatin1String("&Edit")) + 1,
             qPrintable(titles.join(QLatin1Char('|'))));
    QVERIFY(edit);
    QStringList items;
    for (QAction* item : edit->actions())
        if (!item->isSeparator())
            items << item->objectName();
    QCOMPARE(items, (QStringList{QStringLiteral("copyIdAction"), QStringLiteral("copyMarkdownAction"),
                                 QStringLiteral("selectAllAction"), QStringLiteral("findAction"),
                                 QStringLiteral("preferencesAction")}));
    QCOMPARE(action("findAction")->shortcut(), QKeySequence(QKeySequence::Find));
    QCOMPARE(action("preferencesAction")->shortcut(), QKeySequence(QKeySequence::Preferences));
    QCOMPARE(action("preferencesAction")->menuRole(), QAction::PreferencesRole);

    action("selectAllAction")->trigger();
    QCOMPARE(table()->selectionModel()->selectedRows().size(), 5);
    table()->setFocus();
    action("findAction")->trigger();
    QTRY_VERIFY(m_window->jobTable()->searchBox()->hasFocus());
}

void TestTriageWindow::preferencesApplyToTheWindow()
{
    action("preferencesAction")->trigger();
    PreferencesDialog* dialog = nullptr;
    QTRY_VERIFY((dialog = m_window->findChild<PreferencesDialog*>()));
    QVERIFY(dialog->testAttribute(Qt::WA_DeleteOnClose));
    QVERIFY(!m_window->jobTable()->absoluteTimes());
    auto* relative = dialog->findChild<QCheckBox*>(QStringLiteral("relativeTimesCheck"));
    QVERIFY(relative && relative->isChecked()); // the table's default: relative
    dialog->findChild<QSpinBox*>(QStringLiteral("intervalSpin"))->setValue(45);
    relative->setChecked(false);
    dialog->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok)->click();
    QTRY_VERIFY(!m_window->findChild<PreferencesDialog*>());

    // The window follows: its interval, and the table's times, read from the key the table reads.
    QCOMPARE(m_window->findChild<QSpinBox*>(QStringLiteral("intervalSpin"))->value(), 45);
    QCOMPARE(m_window->monitor()->intervalSeconds(), 45);
    QVERIFY(m_window->jobTable()->absoluteTimes());
    QCOMPARE(QSettings().value(JobTableWidget::absoluteTimesKey()).toBool(), true);
    QVERIFY(!m_window->jobModel()->relativeTimes());
    // Closing the window writes the spin box's value: the new one.
    m_window->close();
    QCOMPARE(QSettings().value(QStringLiteral("refresh/intervalSeconds")).toInt(), 45);
}

void TestTriageWindow::exportSaysWhereItWrote()
{
    const QString path = m_dataDir.filePath(QStringLiteral("visible.csv"));
    setSaveFileNameProvider(
        [path](QWidget*, const QString&, const QString&, const QString&) { return path; });
    action("exportVisibleAction")->trigger();
    setSaveFileNameProvider({});
    QVERIFY(QFile::exists(path));
    QCOMPARE(m_window->statusBar()->currentMessage(), exportedSentence(5, path));
    QFile::remove(path);
}

void TestTriageWindow::viewTogglesAndTheWindowStateSurviveANewWindow()
{
    QMenu* view = nullptr;
    for (QAction* title : m_window->menuBar()->actions())
        if (title->text() == QLatin1String("&View"))
            view = title->menu();
    QVERIFY(view);
    QStringList items;
    for (QAction* item : view->actions())
        items << item->objectName();
    for (const char* name : {"detailsAction", "trendsAction", "failuresAction", "toolbarAction"})
        QVERIFY2(items.contains(QLatin1String(name)), qPrintable(items.join(QLatin1Char('|'))));

    auto* details = m_window->findChild<QDockWidget*>(QStringLiteral("detailsDock"));
    auto* toolbar = m_window->findChild<QToolBar*>(QStringLiteral("mainToolbar"));
    QVERIFY(details && toolbar);
    QVERIFY(details->allowedAreas().testFlag(Qt::BottomDockWidgetArea));
    action("detailsAction")->trigger();
    QTRY_VERIFY(details->isVisible());
    m_window->addDockWidget(Qt::BottomDockWidgetArea, details); // where the operator dragged it
    action("toolbarAction")->trigger();
    QTRY_VERIFY(!toolbar->isVisible());
    QVERIFY(m_window->close());

    delete m_window;
    openWindow();
    details = m_window->findChild<QDockWidget*>(QStringLiteral("detailsDock"));
    toolbar = m_window->findChild<QToolBar*>(QStringLiteral("mainToolbar"));
    QTRY_VERIFY(details->isVisible());
    QCOMPARE(m_window->dockWidgetArea(details), Qt::BottomDockWidgetArea);
    QVERIFY(!toolbar->isVisible());
    QVERIFY(!action("toolbarAction")->isChecked());
}

void TestTriageWindow::countsHaveDigitGrouping()
{
    const QLocale before;
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    QCOMPARE(ChangeTracker::countText(StateCategory::Waiting, 50007, 0), QStringLiteral("Waiting 50,007"));
    QCOMPARE(ChangeTracker::countText(StateCategory::Failed, 12345, 1200),
             QStringLiteral("Failed 12,345 (+1,200)"));
    QCOMPARE(ChangeTracker::countText(StateCategory::Failed, 12345, -1200),
             QStringLiteral("Failed 12,345 (\u22121,200)"));
    QLocale::setDefault(before);
}

QTEST_MAIN(TestTriageWindow)
#include "tst_triagewindow.moc"
