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
    MainWindow* window() const { return m_gui.window(); }
    Simulator* simulator() const { return m_gui.simulator(); }
    QString idOf(const QString& state) const { return m_gui.ids().value(state); }
    bool selectJob(const QString& id) { return m_gui.selectJob(id); }
    QTableView* table() const { return m_gui.table(); }
    QPushButton* cancelButton() const { return m_gui.cancelButton(); }
    QLabel* selectionLabel() const { return window()->findChild<QLabel*>(QStringLiteral("selectionLabel")); }
    int deletes() const { return simulator()->requestCount() - m_requestsBefore; }

    QTemporaryDir m_settingsDir;
    QTemporaryDir m_dataDir;
    GuiFixture::Window m_gui{this};
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
    QVERIFY(m_gui.startSimulator(Key, states));
    QVERIFY(m_gui.open(m_dataDir.filePath(
        QStringLiteral("journal-%1.jsonl").arg(QLatin1String(QTest::currentTestFunction())))));
    Environment environment{QStringLiteral("Local test"), simulator()->baseUrl(), production};
    environment.readOnly = readOnly;
    // No refresh from here on: every request the simulator counts is the test's doing.
    QVERIFY(m_gui.connectQuietly(environment, Key, static_cast<int>(states.size())));
    m_requestsBefore = simulator()->requestCount();
}

void TestCancelFlow::cleanup()
{
    m_gui.close();
}

void TestCancelFlow::undoOfASingleCancelSendsNothing()
{
    open({QStringLiteral("waiting"), QStringLiteral("active")});
    const QString id = idOf(QStringLiteral("waiting"));
    QVERIFY(selectJob(id));
    QTest::mouseClick(cancelButton(), Qt::LeftButton);
    UndoToast* toast = window()->cancels()->undoToast();
    QVERIFY(toast->isVisible());
    QCOMPARE(toast->key(), id);
    QVERIFY(toast->textLabel()->text().contains(id));
    QVERIFY(!cancelButton()->isEnabled()); // no second cancel meanwhile
    GuiFixture::snap(QStringLiteral("undo-toast"), window());
    QTest::mouseClick(toast->undoButton(), Qt::LeftButton);
    QVERIFY(!toast->isVisible());
    QVERIFY(window()->statusBar()->currentMessage().contains(QLatin1String("undone")));
    QVERIFY(cancelButton()->isEnabled());
    // Absence cannot be waited for with QTRY: the Undo time passes, and more.
    QTest::qWait(1500);
    QCOMPARE(deletes(), 0);
    QCOMPARE(simulator()->jobState(id), QStringLiteral("waiting"));
    QVERIFY(window()->session()->cancels()->journal().read().isEmpty());
}

void TestCancelFlow::aSingleCancelGoesWhenTheToastTimesOut()
{
    open({QStringLiteral("waiting")});
    const QString id = idOf(QStringLiteral("waiting"));
    QVERIFY(selectJob(id));
    QTest::mouseClick(cancelButton(), Qt::LeftButton);
    QCOMPARE(deletes(), 0); // nothing before the toast times out
    QTRY_COMPARE(simulator()->jobState(id), QStringLiteral("cancelled"));
    QTRY_VERIFY(!window()->cancels()->undoToast()->isVisible());
    QTRY_COMPARE(GuiFixture::stateInWindow(window(), id), QStringLiteral("cancelled"));
    QCOMPARE(window()->session()->cancels()->journal().attempts().size(), 1);
}

void TestCancelFlow::confirmEveryCancelAsksWithKeepJob()
{
    open({QStringLiteral("waiting")});
    CancelController::setConfirmEveryCancel(true);
    const QString id = idOf(QStringLiteral("waiting"));
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
    QVERIFY(!window()->cancels()->undoToast()->isVisible());
    QTest::qWait(200);
    QCOMPARE(deletes(), 0);
    // Confirmed: sent at once, without an Undo.
    GuiFixture::answerNextModal<QMessageBox>(
        this, [](QMessageBox* box) { box->button(QMessageBox::Yes)->click(); });
    QTest::mouseClick(cancelButton(), Qt::LeftButton);
    QVERIFY(!window()->cancels()->undoToast()->isVisible());
    QTRY_COMPARE(simulator()->jobState(id), QStringLiteral("cancelled"));
}

void TestCancelFlow::productionConfirmationNamesKeepJob()
{
    open({QStringLiteral("waiting")}, true);
    const QString id = idOf(QStringLiteral("waiting"));
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
    QVERIFY(!window()->cancels()->undoToast()->isVisible()); // production: no Undo, the typed name instead
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
    window()->cancelSelected();
    QVERIFY(asked);
    QCOMPARE(deletes(), 0);
}

void TestCancelFlow::conflictDialogTitleIsOursBodyIsTheServers()
{
    open({QStringLiteral("waiting")});
    QSettings().setValue(QLatin1String(CancelController::UndoSecondsKey), 0);
    const QString id = idOf(QStringLiteral("waiting"));
    QVERIFY(selectJob(id));
    simulator()->setJobState(id, QStringLiteral("active")); // since the last refresh, which is fresh
    QTest::mouseClick(cancelButton(), Qt::LeftButton);
    QMessageBox* box = nullptr;
    QTRY_VERIFY((box = window()->findChild<QMessageBox*>(QStringLiteral("cancelConflictDialog"))));
    QCOMPARE(box->windowTitle(), QStringLiteral("Job %1 is running and could not be cancelled").arg(id));
    QCOMPARE(box->text(), QString::fromLatin1(Simulator::ConflictMessage));
    QVERIFY(box->informativeText().contains(QLatin1String("409")));
}

void TestCancelFlow::receiptSaysRefusedRunning()
{
    open({QStringLiteral("waiting"), QStringLiteral("delayed")});
    simulator()->setJobState(idOf(QStringLiteral("delayed")), QStringLiteral("active"));
    table()->selectAll();
    GuiFixture::answerNextModal<BulkCancelPreviewDialog>(this, [](BulkCancelPreviewDialog* dialog) {
        dialog->findChild<QPushButton*>(QStringLiteral("confirmButton"))->click();
    });
    window()->cancelSelected();
    CancelReceiptDialog* receipt = nullptr;
    QTRY_VERIFY((receipt = window()->cancels()->receipt()));
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
    const QString id = idOf(QStringLiteral("waiting"));
    QVERIFY(selectJob(id));
    QVERIFY(!cancelButton()->isVisible());
    auto* action = window()->findChild<QAction*>(QStringLiteral("cancelAction"));
    QVERIFY(action);
    QVERIFY(!action->isVisible());
    QVERIFY(!action->isEnabled());
    QVERIFY(selectionLabel()->text().contains(QLatin1String("Read-only")));
    QCOMPARE(window()->session()->cancels()->whyNot(id), CancelService::readOnlyReason());
    window()->cancelSelected();
    QTest::qWait(200);
    QCOMPARE(deletes(), 0);
    QVERIFY(!window()->cancels()->undoToast()->isVisible());
}

void TestCancelFlow::runningJobSaysWhatCanBeDone()
{
    open({QStringLiteral("active"), QStringLiteral("waiting")});
    QVERIFY(selectJob(idOf(QStringLiteral("active"))));
    QVERIFY(!cancelButton()->isEnabled());
    QVERIFY2(selectionLabel()->text().contains(QLatin1String(
                 "The server refuses to cancel a running job: wait for it to finish, or contact "
                 "support.")),
             qPrintable(selectionLabel()->text()));
    GuiFixture::snap(QStringLiteral("running-job-cancel-area"), window());
    QVERIFY(selectJob(idOf(QStringLiteral("waiting"))));
    QVERIFY(!selectionLabel()->text().contains(QLatin1String("contact support")));
}

void TestCancelFlow::preferencesReadAndWriteTheSettings()
{
    open({QStringLiteral("waiting")});
    QSettings().setValue(QStringLiteral("refresh/intervalSeconds"), 25);
    QSettings().setValue(JobTableWidget::absoluteTimesKey(), true); // the key the table reads
    PreferencesDialog dialog(window()->session(), window()->findChild<TrayIcon*>(), window());
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
    QCOMPARE(window()->session()->monitor()->intervalSeconds(), 40);
    QCOMPARE(window()->session()->monitor()->triage().thresholds().activeMs, 20 * 60000LL);
}

void TestCancelFlow::exportSaysWhereAndWarnsWhenEmpty()
{
    open({QStringLiteral("waiting"), QStringLiteral("failed")});
    auto* filter = qobject_cast<JobFilterModel*>(table()->model());
    QVERIFY(filter);
    const QString path = m_dataDir.filePath(QStringLiteral("jobs.csv"));
    setSaveFileNameProvider(
        [path](QWidget*, const QString&, const QString&, const QString&) { return path; });
    const QString said = exportVisibleJobsWithFeedback(window(), filter);
    QCOMPARE(said, exportedSentence(2, path)); // "Exported 2 jobs to …" once the English plurals hold it
    QVERIFY(said.contains(QDir::toNativeSeparators(path)));
    QVERIFY(QFile::exists(path));
    QFile::remove(path);
    filter->setSearchText(QStringLiteral("no-such-job-anywhere"));
    QCOMPARE(filter->rowCount(), 0);
    QVERIFY(exportVisibleJobsWithFeedback(window(), filter).isEmpty());
    QMessageBox* box = nullptr;
    QTRY_VERIFY((box = window()->findChild<QMessageBox*>(QStringLiteral("emptyExportDialog"))));
    QCOMPARE(box->text(), emptyExportSentence());
    QVERIFY(!QFile::exists(path)); // nothing asked, nothing written
    setSaveFileNameProvider({});
}

QTEST_MAIN(TestCancelFlow)
#include "tst_cancelflow.moc"
