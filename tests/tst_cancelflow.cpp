// The window's cancel flow around the core's doors, driven as an operator drives it against the simulator:
// the Undo of a single cancel (no DELETE sent), "Confirm every cancel", the safe buttons named "Keep Job",
// the bulk preview's focus on Back, the 409 dialog's title and body, the receipt's "Refused: running", a
// read-only environment without any cancel, the line for a running job, Preferences and Export's feedback.
#include "bulkcanceldialog.h"
#include "cancelcontroller.h"
#include "core/cancelservice.h"
#include "core/jobmonitor.h"
#include "core/jobsession.h"
#include "core/translations.h"
#include "exportfeedback.h"
#include "exportrows.h"
#include "guifixture.h"
#include "jobs/jobfiltermodel.h"
#include "jobs/jobmodel.h"
#include "jobtablewidget.h"
#include "mainwindow.h"
#include "preferencesdialog.h"
#include "productionconfirmdialog.h"
#include "simulator/simulator.h"
#include "trayicon.h"
#include "undotoast.h"

#include <QAction>
#include <QCheckBox>
#include <QDir>
#include <QFile>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QNetworkAccessManager>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QStatusBar>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace Alchemyst;

namespace {
const QString Key = QStringLiteral("gui-key");
}

class TestCancelFlow : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanup();

    void undoOfASingleCancelSendsNothing();
    void aSingleCancelGoesWhenTheToastTimesOut();
    void confirmEveryCancelAsksWithKeepJob();
    void productionConfirmationNamesKeepJob();
    void bulkPreviewStartsOnBack();
    void conflictDialogTitleIsOursBodyIsTheServers();
    void receiptSaysRefusedRunning();
    void readOnlyEnvironmentShowsNoCancel();
    void runningJobSaysWhatCanBeDone();
    void preferencesReadAndWriteTheSettings();
    void exportSaysWhereAndWarnsWhenEmpty();

private:
    void open(const QStringList& states, bool production = false, bool readOnly = false);
    bool selectJob(const QString& id) { return GuiFixture::selectJob(table(), id, JobModel::IdColumn); }
    QTableView* table() const { return m_window->findChild<QTableView*>(QStringLiteral("jobTable")); }
    QPushButton* cancelButton() const
    {
        return m_window->findChild<QPushButton*>(QStringLiteral("cancelButton"));
    }
    QLabel* selectionLabel() const { return m_window->findChild<QLabel*>(QStringLiteral("selectionLabel")); }
    int deletes() const { return m_simulator->requestCount() - m_requestsBefore; }

    QTemporaryDir m_settingsDir;
    QTemporaryDir m_dataDir;
    QNetworkAccessManager* m_manager = nullptr;
    Simulator* m_simulator = nullptr;
    MainWindow* m_window = nullptr;
    QHash<QString, QString> m_ids;
    int m_requestsBefore = 0;
};

void TestCancelFlow::initTestCase()
{
    installTranslations(QLocale(QLocale::English)); // as main() does: English, with its plural forms
    QVERIFY(GuiFixture::isolateSettings(m_settingsDir, QStringLiteral("tst_cancelflow")));
}

void TestCancelFlow::open(const QStringList& states, bool production, bool readOnly)
{
    QSettings().clear();
    QSettings().setValue(QLatin1String(CancelController::UndoSecondsKey), 1);
    QVERIFY((m_simulator = GuiFixture::startSimulator(Key, this)));
    for (const QString& state : states)
        m_ids.insert(state, m_simulator->addJob(state, state + QStringLiteral(".pdf")));
    m_manager = new QNetworkAccessManager(this);
    m_window = new MainWindow(m_manager);
    m_window->setJournal(Journal(m_dataDir.filePath(
        QStringLiteral("journal-%1.jsonl").arg(QLatin1String(QTest::currentTestFunction())))));
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window));
    Environment environment{QStringLiteral("Local test"), m_simulator->baseUrl(), production};
    environment.readOnly = readOnly;
    m_window->useEnvironment(environment, Key);
    QTRY_COMPARE(m_window->jobModel()->rowCount(), static_cast<int>(states.size()));
    // No refresh from here on: every request the simulator counts is the test's doing.
    m_window->session()->monitor()->setAutoRefresh(false);
    QTRY_VERIFY(!m_window->session()->monitor()->isRefreshing());
    m_requestsBefore = m_simulator->requestCount();
}

void TestCancelFlow::cleanup()
{
    if (m_window)
        GuiFixture::closeMessageBoxes(m_window);
    delete m_window;
    m_window = nullptr;
    delete m_manager;
    m_manager = nullptr;
    delete m_simulator;
    m_simulator = nullptr;
    m_ids.clear();
}

void TestCancelFlow::undoOfASingleCancelSendsNothing()
{
    open({QStringLiteral("waiting"), QStringLiteral("active")});
    const QString id = m_ids.value(QStringLiteral("waiting"));
    QVERIFY(selectJob(id));
    QTest::mouseClick(cancelButton(), Qt::LeftButton);
    UndoToast* toast = m_window->cancels()->undoToast();
    QVERIFY(toast->isVisible());
    QCOMPARE(toast->key(), id);
    QVERIFY(toast->textLabel()->text().contains(id));
    QVERIFY(!cancelButton()->isEnabled()); // no second cancel meanwhile
    GuiFixture::snap(QStringLiteral("undo-toast"), m_window);
    QTest::mouseClick(toast->undoButton(), Qt::LeftButton);
    QVERIFY(!toast->isVisible());
    QVERIFY(m_window->statusBar()->currentMessage().contains(QLatin1String("undone")));
    QVERIFY(cancelButton()->isEnabled());
    // Absence cannot be waited for with QTRY: the Undo time passes, and more.
    QTest::qWait(1500);
    QCOMPARE(deletes(), 0);
    QCOMPARE(m_simulator->jobState(id), QStringLiteral("waiting"));
    QVERIFY(m_window->session()->cancels()->journal().read().isEmpty());
}

void TestCancelFlow::aSingleCancelGoesWhenTheToastTimesOut()
{
    open({QStringLiteral("waiting")});
    const QString id = m_ids.value(QStringLiteral("waiting"));
    QVERIFY(selectJob(id));
    QTest::mouseClick(cancelButton(), Qt::LeftButton);
    QCOMPARE(deletes(), 0); // nothing before the toast times out
    QTRY_COMPARE(m_simulator->jobState(id), QStringLiteral("cancelled"));
    QTRY_VERIFY(!m_window->cancels()->undoToast()->isVisible());
    QTRY_COMPARE(GuiFixture::stateInWindow(m_window, id), QStringLiteral("cancelled"));
    QCOMPARE(m_window->session()->cancels()->journal().attempts().size(), 1);
}

void TestCancelFlow::confirmEveryCancelAsksWithKeepJob()
{
    open({QStringLiteral("waiting")});
    CancelController::setConfirmEveryCancel(true);
    const QString id = m_ids.value(QStringLiteral("waiting"));
    QVERIFY(selectJob(id));
    bool asked = false;
    GuiFixture::answerNextModal<QMessageBox>(this, [&asked](QMessageBox* box) {
        asked = true;
        QCOMPARE(box->objectName(), QStringLiteral("cancelConfirmDialog"));
        QCOMPARE(box->button(QMessageBox::Yes)->text(), QStringLiteral("Cancel Job"));
        QCOMPARE(box->button(QMessageBox::No)->text(), QStringLiteral("Keep Job"));
        QCOMPARE(box->defaultButton(), box->button(QMessageBox::No));
        box->button(QMessageBox::No)->click();
    });
    QTest::mouseClick(cancelButton(), Qt::LeftButton);
    QVERIFY(asked);
    QVERIFY(!m_window->cancels()->undoToast()->isVisible());
    QTest::qWait(200);
    QCOMPARE(deletes(), 0);
    // Confirmed: sent at once, without an Undo.
    GuiFixture::answerNextModal<QMessageBox>(
        this, [](QMessageBox* box) { box->button(QMessageBox::Yes)->click(); });
    QTest::mouseClick(cancelButton(), Qt::LeftButton);
    QVERIFY(!m_window->cancels()->undoToast()->isVisible());
    QTRY_COMPARE(m_simulator->jobState(id), QStringLiteral("cancelled"));
}

void TestCancelFlow::productionConfirmationNamesKeepJob()
{
    open({QStringLiteral("waiting")}, true);
    const QString id = m_ids.value(QStringLiteral("waiting"));
    QVERIFY(selectJob(id));
    bool asked = false;
    GuiFixture::answerNextModal<ProductionConfirmDialog>(this, [&asked](ProductionConfirmDialog* dialog) {
        asked = true;
        auto* keep = dialog->findChild<QPushButton*>(QStringLiteral("keepButton"));
        QVERIFY(keep);
        QCOMPARE(keep->text(), QStringLiteral("Keep Job"));
        const auto buttons = dialog->findChildren<QPushButton*>();
        for (QPushButton* button : buttons)
            QVERIFY2(button->text() != QLatin1String("Cancel"), "a button named Cancel beside Cancel Job");
        keep->click();
    });
    QTest::mouseClick(cancelButton(), Qt::LeftButton);
    QVERIFY(asked);
    QVERIFY(!m_window->cancels()->undoToast()->isVisible()); // production: no Undo, the typed name instead
    QTest::qWait(200);
    QCOMPARE(deletes(), 0);
}

void TestCancelFlow::bulkPreviewStartsOnBack()
{
    open({QStringLiteral("waiting"), QStringLiteral("delayed")}, true);
    table()->selectAll();
    bool asked = false;
    GuiFixture::answerNextModal<BulkCancelPreviewDialog>(this, [&asked](BulkCancelPreviewDialog* dialog) {
        asked = true;
        auto* back = dialog->findChild<QPushButton*>(QStringLiteral("backButton"));
        QVERIFY(back);
        QTRY_COMPARE(QApplication::focusWidget(), back);
        QVERIFY(back->isDefault());
        dialog->reject();
    });
    m_window->cancelSelected();
    QVERIFY(asked);
    QCOMPARE(deletes(), 0);
}

void TestCancelFlow::conflictDialogTitleIsOursBodyIsTheServers()
{
    open({QStringLiteral("waiting")});
    QSettings().setValue(QLatin1String(CancelController::UndoSecondsKey), 0);
    const QString id = m_ids.value(QStringLiteral("waiting"));
    QVERIFY(selectJob(id));
    m_simulator->setJobState(id, QStringLiteral("active")); // since the last refresh, which is fresh
    QTest::mouseClick(cancelButton(), Qt::LeftButton);
    QMessageBox* box = nullptr;
    QTRY_VERIFY((box = m_window->findChild<QMessageBox*>(QStringLiteral("cancelConflictDialog"))));
    QCOMPARE(box->windowTitle(), QStringLiteral("Job %1 is running and could not be cancelled").arg(id));
    QCOMPARE(box->text(), QString::fromLatin1(Simulator::ConflictMessage));
    QVERIFY(box->informativeText().contains(QLatin1String("409")));
}

void TestCancelFlow::receiptSaysRefusedRunning()
{
    open({QStringLiteral("waiting"), QStringLiteral("delayed")});
    m_simulator->setJobState(m_ids.value(QStringLiteral("delayed")), QStringLiteral("active"));
    table()->selectAll();
    GuiFixture::answerNextModal<BulkCancelPreviewDialog>(this, [](BulkCancelPreviewDialog* dialog) {
        dialog->findChild<QPushButton*>(QStringLiteral("confirmButton"))->click();
    });
    m_window->cancelSelected();
    CancelReceiptDialog* receipt = nullptr;
    QTRY_VERIFY((receipt = m_window->cancels()->receipt()));
    QTRY_VERIFY(!receipt->isBatchRunning());
    auto* lines = receipt->findChild<QTableWidget*>();
    QVERIFY(lines);
    QStringList outcomes;
    for (int row = 0; row < lines->rowCount(); ++row)
        outcomes << lines->item(row, 3)->text();
    outcomes.sort();
    QCOMPARE(outcomes, (QStringList{QStringLiteral("Cancelled"), QStringLiteral("Refused: running")}));
    // The files keep the machine's words.
    QVERIFY(QString::fromUtf8(receipt->batch() ? receipt->batch()->receiptCsv()
                                               : CancelBatch::receiptToCsv(receipt->receipt()))
                .contains(QLatin1String(",running,")));
    receipt->close();
}

void TestCancelFlow::readOnlyEnvironmentShowsNoCancel()
{
    open({QStringLiteral("waiting")}, false, true);
    const QString id = m_ids.value(QStringLiteral("waiting"));
    QVERIFY(selectJob(id));
    QVERIFY(!cancelButton()->isVisible());
    auto* action = m_window->findChild<QAction*>(QStringLiteral("cancelAction"));
    QVERIFY(action);
    QVERIFY(!action->isVisible());
    QVERIFY(!action->isEnabled());
    QVERIFY(selectionLabel()->text().contains(QLatin1String("Read-only")));
    QCOMPARE(m_window->session()->cancels()->whyNot(id), CancelService::readOnlyReason());
    m_window->cancelSelected();
    QTest::qWait(200);
    QCOMPARE(deletes(), 0);
    QVERIFY(!m_window->cancels()->undoToast()->isVisible());
}

void TestCancelFlow::runningJobSaysWhatCanBeDone()
{
    open({QStringLiteral("active"), QStringLiteral("waiting")});
    QVERIFY(selectJob(m_ids.value(QStringLiteral("active"))));
    QVERIFY(!cancelButton()->isEnabled());
    QVERIFY2(selectionLabel()->text().contains(QLatin1String(
                 "The server refuses to cancel a running job: wait for it to finish, or contact "
                 "support.")),
             qPrintable(selectionLabel()->text()));
    GuiFixture::snap(QStringLiteral("running-job-cancel-area"), m_window);
    QVERIFY(selectJob(m_ids.value(QStringLiteral("waiting"))));
    QVERIFY(!selectionLabel()->text().contains(QLatin1String("contact support")));
}

void TestCancelFlow::preferencesReadAndWriteTheSettings()
{
    open({QStringLiteral("waiting")});
    QSettings().setValue(QStringLiteral("refresh/intervalSeconds"), 25);
    QSettings().setValue(JobTableWidget::absoluteTimesKey(), true); // the key the table reads
    PreferencesDialog dialog(m_window->session(), m_window->findChild<TrayIcon*>(), m_window);
    QCOMPARE(dialog.findChild<QSpinBox*>(QStringLiteral("intervalSpin"))->value(), 25);
    QVERIFY(!dialog.findChild<QCheckBox*>(QStringLiteral("relativeTimesCheck"))->isChecked());
    QCOMPARE(dialog.findChild<QSpinBox*>(QStringLiteral("undoSecondsSpin"))->value(), 1);
    QCOMPARE(dialog.findChild<QSpinBox*>(QStringLiteral("stuckActiveSpin"))->value(), 15);
    dialog.findChild<QSpinBox*>(QStringLiteral("intervalSpin"))->setValue(40);
    dialog.findChild<QCheckBox*>(QStringLiteral("relativeTimesCheck"))->setChecked(true);
    dialog.findChild<QCheckBox*>(QStringLiteral("confirmEveryCheck"))->setChecked(true);
    dialog.findChild<QSpinBox*>(QStringLiteral("stuckActiveSpin"))->setValue(20);
    QVERIFY(dialog.findChild<QWidget*>(QStringLiteral("budgetGroup")));
    dialog.apply();
    QCOMPARE(QSettings().value(QStringLiteral("refresh/intervalSeconds")).toInt(), 40);
    QCOMPARE(QSettings().value(JobTableWidget::absoluteTimesKey()).toBool(), false);
    QVERIFY(CancelController::confirmEveryCancel());
    QCOMPARE(m_window->session()->monitor()->intervalSeconds(), 40);
    QCOMPARE(m_window->session()->monitor()->triage().thresholds().activeMs, 20 * 60000LL);
}

void TestCancelFlow::exportSaysWhereAndWarnsWhenEmpty()
{
    open({QStringLiteral("waiting"), QStringLiteral("failed")});
    auto* filter = qobject_cast<JobFilterModel*>(table()->model());
    QVERIFY(filter);
    const QString path = m_dataDir.filePath(QStringLiteral("jobs.csv"));
    setSaveFileNameProvider(
        [path](QWidget*, const QString&, const QString&, const QString&) { return path; });
    const QString said = exportVisibleJobsWithFeedback(m_window, filter);
    QCOMPARE(said, exportedSentence(2, path)); // "Exported 2 jobs to …" once the English plurals hold it
    QVERIFY(said.contains(QDir::toNativeSeparators(path)));
    QVERIFY(QFile::exists(path));
    QFile::remove(path);
    filter->setSearchText(QStringLiteral("no-such-job-anywhere"));
    QCOMPARE(filter->rowCount(), 0);
    QVERIFY(exportVisibleJobsWithFeedback(m_window, filter).isEmpty());
    QMessageBox* box = nullptr;
    QTRY_VERIFY((box = m_window->findChild<QMessageBox*>(QStringLiteral("emptyExportDialog"))));
    QCOMPARE(box->text(), emptyExportSentence());
    QVERIFY(!QFile::exists(path)); // nothing asked, nothing written
    setSaveFileNameProvider({});
}

QTEST_MAIN(TestCancelFlow)
#include "tst_cancelflow.moc"
