// Every cancel outcome on demand, for the demo: the simulator's next cancel meets a running job (409, the
// contract's body) or finds its job gone (404), through the core's CancelService and in the real window
// (its dialogs say the server's words verbatim); the Demo menu sets it. And the details pane in the real
// window: it follows the selection, clears when its job leaves the view, and says short durations in
// seconds.
#include "cancelcontroller.h"
#include "core/cancelbatch.h"
#include "core/cancelservice.h"
#include "core/jobmonitor.h"
#include "core/jobsession.h"
#include "demomenu.h"
#include "detailsdock.h"
#include "guifixture.h"
#include "jobs/jobmodel.h"
#include "mainwindow.h"
#include "simulator/simulator.h"

#include <QAction>
#include <QDateTime>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace Alchemyst;

namespace {
const QString Key = QStringLiteral("demo-outcome-key");
} // namespace

class TestDemoOutcomes : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanup();

    void nextCancelMeetsARunningJob();
    void nextCancelFindsTheJobGone();
    void simulateRefusesAnUnknownOutcome();
    void windowDialogsSayTheServersWords();
    void demoMenuSetsTheNextOutcome();
    void detailsFollowTheSelectionAndLeaveWithTheJob();

private:
    // The outcome of one cancel through the core's door.
    ReceiptLine cancelThroughService(const QString& id);
    void openWindow();
    QTableView* table() const { return m_window->findChild<QTableView*>(QStringLiteral("jobTable")); }

    QTemporaryDir m_settingsDir;
    QNetworkAccessManager* m_manager = nullptr;
    Simulator* m_simulator = nullptr;
    MainWindow* m_window = nullptr;
};

void TestDemoOutcomes::initTestCase()
{
    QVERIFY(GuiFixture::isolateSettings(m_settingsDir, QStringLiteral("tst_demooutcomes")));
}

void TestDemoOutcomes::cleanup()
{
    if (m_window)
        GuiFixture::closeMessageBoxes(m_window);
    delete m_window;
    m_window = nullptr;
    delete m_manager;
    m_manager = nullptr;
    delete m_simulator;
    m_simulator = nullptr;
}

ReceiptLine TestDemoOutcomes::cancelThroughService(const QString& id)
{
    QNetworkAccessManager manager;
    CancelService service(&manager, CancelOrigin::Cli);
    service.setTarget(QStringLiteral("Local test"), m_simulator->baseUrl());
    service.setApiKey(Key);
    ReceiptLine settled;
    bool done = false;
    connect(&service, &CancelService::jobSettled, this, [&](const QString&, const ReceiptLine& line) {
        settled = line;
        done = true;
    });
    service.setBatchBudget(1000, 60 * 1000);
    // Ids as given, as the CLI sends them: the state is the server's to say.
    if (!service.startIds({id}, false))
        qWarning("the cancel was not started");
    if (!QTest::qWaitFor([&done] { return done; }, 5000))
        qWarning("no answer to the cancel");
    return settled;
}

void TestDemoOutcomes::nextCancelMeetsARunningJob()
{
    QVERIFY((m_simulator = GuiFixture::startSimulator(Key, this)));
    const QString id = m_simulator->addJob(QStringLiteral("waiting"));
    const QString next = m_simulator->addJob(QStringLiteral("waiting"));
    QSignalSpy changed(m_simulator, &Simulator::nextCancelOutcomeChanged);
    m_simulator->setNextCancelOutcome(Simulator::CancelOutcome::Running);
    const ReceiptLine line = cancelThroughService(id);
    QCOMPARE(line.httpStatus, 409);
    QCOMPARE(line.outcome, Outcome::Conflict);
    QCOMPARE(line.message, QString::fromLatin1(Simulator::ConflictMessage));
    // True of the job too: a look-up after the answer finds it running.
    QCOMPARE(m_simulator->jobState(id), QStringLiteral("active"));
    // One cancel used it: the next is answered as its job's state says.
    QCOMPARE(m_simulator->nextCancelOutcome(), Simulator::CancelOutcome::Normal);
    QCOMPARE(changed.size(), 2);
    QCOMPARE(cancelThroughService(next).httpStatus, 200);
    QCOMPARE(m_simulator->jobState(next), QStringLiteral("cancelled"));
}

void TestDemoOutcomes::nextCancelFindsTheJobGone()
{
    QVERIFY((m_simulator = GuiFixture::startSimulator(Key, this)));
    const QString id = m_simulator->addJob(QStringLiteral("delayed"));
    m_simulator->setNextCancelOutcome(Simulator::CancelOutcome::Gone);
    const ReceiptLine line = cancelThroughService(id);
    QCOMPARE(line.httpStatus, 404);
    QCOMPARE(line.outcome, Outcome::NotFound);
    QCOMPARE(line.message, QStringLiteral("Job not found"));
    QVERIFY(!m_simulator->hasJob(id));
    QCOMPARE(m_simulator->nextCancelOutcome(), Simulator::CancelOutcome::Normal);
}

void TestDemoOutcomes::simulateRefusesAnUnknownOutcome()
{
    QProcess process;
    process.start(QStringLiteral(AJM_CLI_PATH),
                  {QStringLiteral("simulate"), QStringLiteral("--next-cancel"), QStringLiteral("sideways")});
    QVERIFY(process.waitForFinished(10000));
    QCOMPARE(process.exitCode(), 2);
    QVERIFY(QString::fromUtf8(process.readAllStandardError()).contains(QLatin1String("running or gone")));
}

void TestDemoOutcomes::openWindow()
{
    QSettings().clear();
    QSettings().setValue(QLatin1String(CancelController::UndoSecondsKey), 0); // sent at once
    m_manager = new QNetworkAccessManager(this);
    m_window = new MainWindow(m_manager);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window));
    m_window->useEnvironment(Environment{QStringLiteral("Local test"), m_simulator->baseUrl(), false}, Key);
    QTRY_COMPARE(m_window->jobModel()->rowCount(), m_simulator->jobCount());
    m_window->session()->monitor()->setAutoRefresh(false);
    QTRY_VERIFY(!m_window->session()->monitor()->isRefreshing());
}

void TestDemoOutcomes::windowDialogsSayTheServersWords()
{
    QVERIFY((m_simulator = GuiFixture::startSimulator(Key, this)));
    const QString running = m_simulator->addJob(QStringLiteral("waiting"), QStringLiteral("r.pdf"));
    const QString gone = m_simulator->addJob(QStringLiteral("waiting"), QStringLiteral("g.pdf"));
    openWindow();
    auto* cancel = m_window->findChild<QPushButton*>(QStringLiteral("cancelButton"));
    QVERIFY(cancel);

    m_simulator->setNextCancelOutcome(Simulator::CancelOutcome::Running);
    QVERIFY(GuiFixture::selectJob(table(), running, JobModel::IdColumn));
    QTRY_VERIFY(cancel->isEnabled());
    QTest::mouseClick(cancel, Qt::LeftButton);
    QMessageBox* box = nullptr;
    QTRY_VERIFY((box = m_window->findChild<QMessageBox*>(QStringLiteral("cancelConflictDialog"))));
    QCOMPARE(box->text(), QString::fromLatin1(Simulator::ConflictMessage));
    QVERIFY(box->informativeText().contains(QLatin1String("409")));
    GuiFixture::closeMessageBoxes(m_window);

    m_simulator->setNextCancelOutcome(Simulator::CancelOutcome::Gone);
    QVERIFY(GuiFixture::selectJob(table(), gone, JobModel::IdColumn));
    QTRY_VERIFY(cancel->isEnabled());
    QTest::mouseClick(cancel, Qt::LeftButton);
    QTRY_VERIFY((box = m_window->findChild<QMessageBox*>(QStringLiteral("cancelNotFoundDialog"))));
    QVERIFY2(box->informativeText().contains(QLatin1String("Job not found")),
             qPrintable(box->informativeText()));
    QVERIFY(box->informativeText().contains(QLatin1String("404")));
}

void TestDemoOutcomes::demoMenuSetsTheNextOutcome()
{
    QVERIFY((m_simulator = GuiFixture::startSimulator(Key, this)));
    openWindow();
    QMenuBar* bar = m_window->menuBar();
    addDemoMenu(bar, m_simulator, m_window);
    auto* menu = bar->findChild<QMenu*>(QStringLiteral("demoMenu"));
    QVERIFY(menu);
    QVERIFY(menu->menuAction()->isVisible());
    auto* running = menu->findChild<QAction*>(QStringLiteral("demoNextCancelRunning"));
    auto* gone = menu->findChild<QAction*>(QStringLiteral("demoNextCancelGone"));
    QVERIFY(running && gone);
    QCOMPARE(running->text(), QStringLiteral("Next Cancel Meets a Running Job"));
    QCOMPARE(gone->text(), QStringLiteral("Next Cancel Finds the Job Gone"));
    running->trigger();
    QCOMPARE(m_simulator->nextCancelOutcome(), Simulator::CancelOutcome::Running);
    QVERIFY(running->isChecked());
    gone->trigger();
    QCOMPARE(m_simulator->nextCancelOutcome(), Simulator::CancelOutcome::Gone);
    QVERIFY(gone->isChecked() && !running->isChecked());
    // A cancel uses it: the menu follows.
    m_simulator->setNextCancelOutcome(Simulator::CancelOutcome::Normal);
    QVERIFY(!gone->isChecked());
    // Called again (another session): one menu, one connection.
    addDemoMenu(bar, m_simulator, m_window);
    QCOMPARE(bar->findChildren<QMenu*>(QStringLiteral("demoMenu")).size(), 1);
    running->trigger();
    QCOMPARE(m_simulator->nextCancelOutcome(), Simulator::CancelOutcome::Running);
    // Not the demo: hidden.
    addDemoMenu(bar, nullptr, m_window);
    QVERIFY(!menu->menuAction()->isVisible());
}

void TestDemoOutcomes::detailsFollowTheSelectionAndLeaveWithTheJob()
{
    QVERIFY((m_simulator = GuiFixture::startSimulator(Key, this)));
    const QString waiting = m_simulator->addJob(QStringLiteral("waiting"), QStringLiteral("w.pdf"));
    const QString quick = m_simulator->addJob(QStringLiteral("completed"), QStringLiteral("q.pdf"));
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    m_simulator->setJobTimes(quick, now - 60000, now - 45000); // took 15 s
    openWindow();
    auto* dock = m_window->findChild<DetailsDock*>();
    QVERIFY(dock);
    dock->setView(table()); // TriageView's call; again here is harmless
    dock->show();

    QVERIFY(GuiFixture::selectJob(table(), quick, JobModel::IdColumn));
    QTRY_COMPARE(dock->jobId(), quick);
    bool took = false;
    const QList<QLabel*> labels = dock->findChildren<QLabel*>();
    for (const QLabel* label : labels) {
        if (label->text().contains(QLatin1String("Took:"))) {
            took = true;
            QVERIFY2(label->text().contains(QLatin1String("Took: 15 s")), qPrintable(label->text()));
        }
    }
    QVERIFY(took);

    QVERIFY(GuiFixture::selectJob(table(), waiting, JobModel::IdColumn));
    QTRY_COMPARE(dock->jobId(), waiting);
    // Another state: the waiting job is no longer in the view, so the pane no longer speaks of it.
    QVERIFY(GuiFixture::clickState(m_window, static_cast<int>(StateCategory::Failed)));
    QTRY_VERIFY(dock->jobId().isEmpty());
    // Back to All, a job selected again: shown again.
    QVERIFY(GuiFixture::clickState(m_window, -1));
    QVERIFY(GuiFixture::selectJob(table(), waiting, JobModel::IdColumn));
    QTRY_COMPARE(dock->jobId(), waiting);
    table()->clearSelection();
    QTRY_VERIFY(dock->jobId().isEmpty());
}

QTEST_MAIN(TestDemoOutcomes)
#include "tst_demooutcomes.moc"
