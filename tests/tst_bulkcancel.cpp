// Cancelling several jobs from the real main window, against the simulator over loopback: the preview,
// the batch with its progress and Stop, the receipt, the journal and its view, the export of visible rows.
#include "api/apiclient.h"
#include "bulkcanceldialog.h"
#include "connectiondialog.h"
#include "core/cancelbatch.h"
#include "core/cancelservice.h"
#include "core/jobmonitor.h"
#include "core/jobsession.h"
#include "core/journal.h"
#include "core/translations.h"
#include "exportrows.h"
#include "guifixture.h"
#include "jobs/jobexport.h"
#include "jobs/jobfiltermodel.h"
#include "jobs/jobmodel.h"
#include "journalview.h"
#include "mainwindow.h"
#include "simulator/simulator.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QNetworkAccessManager>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QTabBar>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace Alchemyst;

class TestBulkCancel : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void mixedSelectionPreviewSendAndReceipt();
    void stopHalfWayLeavesTheRestUntouched();
    void productionNameIsTypedOncePerBatch();
    void unwritableJournalAsksBeforeSending();
    void singleCancelsAreJournaled();
    void receiptSaysWhenTheServerPausesOrStopsTheBatch();
    void journalViewFiltersAndExports();
    void exportWritesTheVisibleRows();

private:
    // Adds the jobs to the simulator, then connects and waits for the list.
    void connectWith(int waiting, int delayed, int active, int completed, bool production = false);
    void selectAll();
    bool selectJob(const QString& id) { return GuiFixture::selectJob(table(), id, JobModel::IdColumn); }
    QTableView* table() const { return m_window->findChild<QTableView*>(QStringLiteral("jobTable")); }
    QPushButton* cancelButton() const
    {
        return m_window->findChild<QPushButton*>(QStringLiteral("cancelButton"));
    }
    QString stateInWindow(const QString& id) const { return GuiFixture::stateInWindow(m_window, id); }
    // Answers the preview that the next click opens: checks are left to `inspect`, then Send (or Back).
    void answerPreview(std::function<void(QDialog*)> inspect, bool send = true);
    CancelReceiptDialog* waitForReceipt();
    void snap(const QString& name, QWidget* widget) const { GuiFixture::snap(name, widget); }

    QTemporaryDir m_settingsDir;
    QTemporaryDir m_dataDir;
    QNetworkAccessManager* m_manager = nullptr;
    Simulator* m_simulator = nullptr;
    MainWindow* m_window = nullptr;
    QStringList m_waiting, m_delayed, m_active, m_completed;
    QString m_journalPath;
};

void TestBulkCancel::initTestCase()
{
    installTranslations(QLocale(QLocale::English)); // as main() does: English, with its plural forms
    QVERIFY(m_dataDir.isValid());
    QVERIFY(GuiFixture::isolateSettings(m_settingsDir, QStringLiteral("tst_bulkcancel")));
}

void TestBulkCancel::init()
{
    QSettings().clear();
    static int run = 0;
    m_journalPath = m_dataDir.filePath(QStringLiteral("journal-%1.jsonl").arg(++run));
    QVERIFY((m_simulator = GuiFixture::startSimulator(QStringLiteral("bulk-key"), this)));
    m_manager = new QNetworkAccessManager(this);
    m_window = new MainWindow(m_manager);
    m_window->setJournal(Journal(m_journalPath));
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window));
    m_waiting.clear();
    m_delayed.clear();
    m_active.clear();
    m_completed.clear();
}

void TestBulkCancel::cleanup()
{
    setSaveFileNameProvider({});
    delete m_window;
    delete m_manager;
    delete m_simulator;
}

void TestBulkCancel::connectWith(int waiting, int delayed, int active, int completed, bool production)
{
    const auto add = [this](QStringList& ids, int count, const char* state) {
        for (int i = 0; i < count; ++i)
            ids << m_simulator->addJob(QString::fromLatin1(state),
                                       QStringLiteral("%1-%2.pdf").arg(QLatin1String(state)).arg(i));
    };
    add(m_waiting, waiting, "waiting");
    add(m_delayed, delayed, "delayed");
    add(m_active, active, "active");
    add(m_completed, completed, "completed");
    QVERIFY(GuiFixture::connectWindow(
        m_window, *m_simulator, QStringLiteral("bulk-key"), waiting + delayed + active + completed,
        production ? QStringLiteral("Prod EU") : QStringLiteral("Local test"), production));
    // The rows are in once the page is merged; the pass ends a moment later. Refresh is disabled until then,
    // so a test that refreshes must not race it (under the sanitizers the moment is long).
    QTRY_VERIFY(!m_window->monitor()->isRefreshing());
}

void TestBulkCancel::selectAll()
{
    table()->setFocus();
    QTest::keyClick(table(), Qt::Key_A, Qt::ControlModifier);
}

void TestBulkCancel::answerPreview(std::function<void(QDialog*)> inspect, bool send)
{
    GuiFixture::answerNextModal<QDialog>(this, [inspect, send](QDialog* dialog) {
        QCOMPARE(dialog->objectName(), QStringLiteral("bulkCancelPreview"));
        inspect(dialog);
        if (!send) {
            dialog->reject();
            return;
        }
        auto* confirm = dialog->findChild<QPushButton*>(QStringLiteral("confirmButton"));
        QVERIFY(confirm->isEnabled());
        QTest::mouseClick(confirm, Qt::LeftButton);
    });
}

CancelReceiptDialog* TestBulkCancel::waitForReceipt()
{
    CancelReceiptDialog* receipt = nullptr;
    [&] { QTRY_VERIFY((receipt = m_window->cancelReceipt())); }();
    return receipt;
}

void TestBulkCancel::mixedSelectionPreviewSendAndReceipt()
{
    connectWith(20, 10, 10, 10);
    m_window->setBatchRequestBudget(60000, 60000); // not spread over a minute: the test is not about pacing
    selectAll();
    QCOMPARE(table()->selectionModel()->selectedRows().size(), 50);
    QVERIFY(cancelButton()->isEnabled());
    const QString turnsActive = m_waiting.first();

    bool inspected = false;
    answerPreview([&](QDialog* dialog) {
        const QString send = dialog->findChild<QLabel*>(QStringLiteral("previewSendLabel"))->text();
        QVERIFY2(send.startsWith(QLatin1String("30 will be sent")), qPrintable(send));
        const QString skip = dialog->findChild<QLabel*>(QStringLiteral("previewSkipLabel"))->text();
        QVERIFY2(skip.startsWith(QLatin1String("20 skipped")), qPrintable(skip));
        QVERIFY2(skip.contains(QStringLiteral("10 — running: the server would refuse with 409")),
                 qPrintable(skip));
        QVERIFY2(skip.contains(QStringLiteral("10 — nothing to cancel: already completed")),
                 qPrintable(skip));
        auto* byState = dialog->findChild<QTableWidget*>(QStringLiteral("previewByState"));
        QCOMPARE(byState->rowCount(), 4);
        QHash<QString, QPair<int, int>> states;
        for (int row = 0; row < byState->rowCount(); ++row)
            states.insert(byState->item(row, 0)->text(),
                          {byState->item(row, 1)->text().toInt(), byState->item(row, 2)->text().toInt()});
        QCOMPARE(states.value(QStringLiteral("waiting")), qMakePair(20, 20));
        QCOMPARE(states.value(QStringLiteral("delayed")), qMakePair(10, 10));
        QCOMPARE(states.value(QStringLiteral("active")), qMakePair(10, 0));
        QCOMPARE(states.value(QStringLiteral("completed")), qMakePair(10, 0));
        auto* bySource = dialog->findChild<QTableWidget*>(QStringLiteral("previewBySource"));
        int sourceTotal = 0;
        for (int row = 0; row < bySource->rowCount(); ++row)
            sourceTotal += bySource->item(row, 1)->text().toInt();
        QCOMPARE(sourceTotal, 50);
        QVERIFY(!dialog->findChild<QLineEdit*>(QStringLiteral("confirmEdit"))); // not production
        snap(QStringLiteral("bulk-preview"), dialog);
        // The worker picks one up between the preview and the send.
        m_simulator->setJobState(turnsActive, QStringLiteral("active"));
        inspected = true;
    });
    QTest::mouseClick(cancelButton(), Qt::LeftButton);
    QVERIFY(inspected);

    CancelReceiptDialog* receipt = waitForReceipt();
    QVERIFY(receipt);
    QCOMPARE(receipt->objectName(), QStringLiteral("cancelReceipt"));
    QTRY_VERIFY_WITH_TIMEOUT(receipt->batch()->isFinished(), 15000);

    // The receipt: every selected job, the 409 in the server's words.
    const QList<ReceiptLine> lines = receipt->batch()->receipt();
    QCOMPARE(lines.size(), 50);
    auto* receiptTable = receipt->findChild<QTableWidget*>(QStringLiteral("receiptTable"));
    QCOMPARE(receiptTable->rowCount(), 50);
    int cancelled = 0, skipped = 0;
    for (int row = 0; row < receiptTable->rowCount(); ++row) {
        const QString id = receiptTable->item(row, 0)->text();
        const QString outcome = receiptTable->item(row, 3)->text();
        if (id == turnsActive) {
            QCOMPARE(receiptTable->item(row, 1)->text(), QStringLiteral("waiting"));
            QCOMPARE(receiptTable->item(row, 2)->text(), QStringLiteral("409"));
            QCOMPARE(outcome, QStringLiteral("Refused: running"));
            QCOMPARE(receiptTable->item(row, 4)->text(), QString::fromLatin1(Simulator::ConflictMessage));
        } else if (outcome == QLatin1String("Cancelled")) {
            ++cancelled;
            QCOMPARE(receiptTable->item(row, 2)->text(), QStringLiteral("200"));
        } else {
            QCOMPARE(outcome, QStringLiteral("Skipped"));
            ++skipped;
        }
    }
    QCOMPARE(cancelled, 29);
    QCOMPARE(skipped, 20);
    snap(QStringLiteral("receipt"), receipt);

    // The server and the table agree; the skipped jobs were never touched.
    for (const QString& id : m_waiting.mid(1) + m_delayed) {
        QCOMPARE(m_simulator->jobState(id), QStringLiteral("cancelled"));
        QTRY_COMPARE(stateInWindow(id), QStringLiteral("cancelled"));
    }
    QCOMPARE(m_simulator->jobState(turnsActive), QStringLiteral("active"));
    QTRY_COMPARE(stateInWindow(turnsActive), QStringLiteral("active")); // the 409 refreshed the row
    for (const QString& id : m_active)
        QCOMPARE(m_simulator->jobState(id), QStringLiteral("active"));
    for (const QString& id : m_completed)
        QCOMPARE(m_simulator->jobState(id), QStringLiteral("completed"));

    // The journal: one attempt per cancel sent (a "sending" line, then its outcome), the 409's message
    // verbatim.
    QCOMPARE(Journal(m_journalPath).read().size(), 60);
    const QList<JournalEntry> entries = Journal(m_journalPath).attempts();
    QCOMPARE(entries.size(), 30);
    int conflicts = 0;
    for (const JournalEntry& entry : entries) {
        QCOMPARE(entry.environment, QStringLiteral("Local test"));
        QCOMPARE(entry.origin, QStringLiteral("window"));
        if (entry.jobId == turnsActive) {
            ++conflicts;
            QCOMPARE(entry.httpStatus, 409);
            QCOMPARE(entry.message, QString::fromLatin1(Simulator::ConflictMessage));
        } else {
            QCOMPARE(entry.outcome, QStringLiteral("cancelled"));
        }
    }
    QCOMPARE(conflicts, 1);

    // Save as CSV and as JSON, where the operator chose.
    const QString csvPath = m_dataDir.filePath(QStringLiteral("receipt.csv"));
    const QString jsonPath = m_dataDir.filePath(QStringLiteral("receipt.json"));
    QString asked;
    setSaveFileNameProvider([&](QWidget*, const QString&, const QString& suggested, const QString&) {
        asked = suggested;
        return suggested.endsWith(QLatin1String(".csv")) ? csvPath : jsonPath;
    });
    QTest::mouseClick(receipt->findChild<QPushButton*>(QStringLiteral("saveCsvButton")), Qt::LeftButton);
    QVERIFY(asked.endsWith(QLatin1String(".csv")));
    QFile csv(csvPath);
    QVERIFY(csv.open(QIODevice::ReadOnly));
    QCOMPARE(csv.readAll(), receipt->batch()->receiptCsv());
    QTest::mouseClick(receipt->findChild<QPushButton*>(QStringLiteral("saveJsonButton")), Qt::LeftButton);
    QFile json(jsonPath);
    QVERIFY(json.open(QIODevice::ReadOnly));
    const QJsonArray array = QJsonDocument::fromJson(json.readAll()).array();
    QCOMPARE(array.size(), 50);
    QTest::mouseClick(receipt->findChild<QPushButton*>(QStringLiteral("copyReceiptButton")), Qt::LeftButton);
    QCOMPARE(QGuiApplication::clipboard()->text().toUtf8(), receipt->batch()->receiptCsv());
}

void TestBulkCancel::stopHalfWayLeavesTheRestUntouched()
{
    connectWith(40, 0, 0, 0);
    // The batch spreads its budget over the window: one goes out now, the next in a minute.
    m_window->setBatchRequestBudget(1, 60000);
    selectAll();
    answerPreview([](QDialog*) {});
    QTest::mouseClick(cancelButton(), Qt::LeftButton);
    CancelReceiptDialog* receipt = waitForReceipt();
    QVERIFY(receipt);
    QTRY_COMPARE_WITH_TIMEOUT(receipt->batch()->doneCount(), 1, 10000);
    QTest::qWait(200); // nothing more goes out while the budget is spent
    QCOMPARE(receipt->batch()->doneCount(), 1);
    // A job the batch has yet to send cannot be cancelled on its own meanwhile: the two would race.
    QString queued;
    for (const ReceiptLine& line : receipt->batch()->receipt()) {
        if (line.kind == ReceiptLine::Kind::NotSent) {
            queued = line.id;
            break;
        }
    }
    QVERIFY(receipt->batch()->isUnsettled(queued));
    QVERIFY(selectJob(queued));
    const QString said = m_window->findChild<QLabel*>(QStringLiteral("selectionLabel"))->text();
    QVERIFY2(said.contains(queued) && said.contains(QLatin1String("cancelling")), qPrintable(said));
    QVERIFY(!cancelButton()->isEnabled());
    QVERIFY(!m_window->findChild<QAction*>(QStringLiteral("cancelAction"))->isEnabled());
    auto* stop = receipt->findChild<QPushButton*>(QStringLiteral("bulkStopButton"));
    QVERIFY(stop->isVisible());
    QVERIFY(!receipt->findChild<QPushButton*>(QStringLiteral("closeReceiptButton"))->isEnabled());
    QTest::mouseClick(stop, Qt::LeftButton);
    QTRY_VERIFY(receipt->batch()->isFinished());
    // Stopped: it will not be sent, so it may be cancelled on its own again.
    QVERIFY(!receipt->batch()->isUnsettled(queued));
    QTRY_VERIFY(cancelButton()->isEnabled());

    int cancelledOnServer = 0;
    for (const QString& id : m_waiting)
        cancelledOnServer += m_simulator->jobState(id) == QLatin1String("cancelled") ? 1 : 0;
    QCOMPARE(cancelledOnServer, 1);
    int notSent = 0;
    for (const ReceiptLine& line : receipt->batch()->receipt()) {
        if (line.kind == ReceiptLine::Kind::NotSent) {
            ++notSent;
            QCOMPARE(m_simulator->jobState(line.id), QStringLiteral("waiting"));
            QCOMPARE(stateInWindow(line.id), QStringLiteral("waiting"));
        }
    }
    QCOMPARE(notSent, 39);
    auto* receiptTable = receipt->findChild<QTableWidget*>(QStringLiteral("receiptTable"));
    int notSentRows = 0;
    for (int row = 0; row < receiptTable->rowCount(); ++row)
        notSentRows += receiptTable->item(row, 3)->text() == QLatin1String("Not sent") ? 1 : 0;
    QCOMPARE(notSentRows, 39);
    const QString summary = receipt->findChild<QLabel*>(QStringLiteral("receiptSummary"))->text();
    QVERIFY2(summary.contains(QLatin1String("39 not sent")), qPrintable(summary));

    // One attempt sent, thirty-nine recorded as not sent.
    const QList<JournalEntry> entries = Journal(m_journalPath).attempts();
    QCOMPARE(entries.size(), 40);
    JournalFilter filter;
    filter.outcome = QStringLiteral("not-sent");
    QCOMPARE(Journal(m_journalPath).attempts(filter).size(), 39);
    QVERIFY(receipt->findChild<QPushButton*>(QStringLiteral("closeReceiptButton"))->isEnabled());
}

void TestBulkCancel::productionNameIsTypedOncePerBatch()
{
    connectWith(3, 0, 0, 0, true);
    selectAll();
    answerPreview([](QDialog* dialog) {
        auto* edit = dialog->findChild<QLineEdit*>(QStringLiteral("confirmEdit"));
        QVERIFY(edit);
        auto* confirm = dialog->findChild<QPushButton*>(QStringLiteral("confirmButton"));
        QVERIFY(!confirm->isEnabled());
        QTest::keyClicks(edit, QStringLiteral("Prod"));
        QVERIFY(!confirm->isEnabled());
        QTest::keyClicks(edit, QStringLiteral(" EU"));
    });
    QTest::mouseClick(cancelButton(), Qt::LeftButton);
    CancelReceiptDialog* receipt = waitForReceipt();
    QVERIFY(receipt);
    QTRY_VERIFY(receipt->batch()->isFinished());
    for (const QString& id : m_waiting)
        QCOMPARE(m_simulator->jobState(id), QStringLiteral("cancelled"));
    QVERIFY(!m_window->findChild<QDialog*>(QStringLiteral("productionConfirmDialog")));
}

void TestBulkCancel::unwritableJournalAsksBeforeSending()
{
    // A file where the journal's directory should be: nothing can be appended.
    const QString blocker = m_dataDir.filePath(QStringLiteral("not-a-directory"));
    QFile file(blocker);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.close();
    m_window->setJournal(Journal(blocker + QStringLiteral("/journal.jsonl")));
    connectWith(3, 0, 0, 0);

    const auto answer = [this](QMessageBox::StandardButton button, bool* seen) {
        GuiFixture::answerNextModal<QMessageBox>(this, [button, seen](QMessageBox* box) {
            QCOMPARE(box->objectName(), QStringLiteral("journalUnwritableQuestion"));
            QVERIFY(box->text().contains(QLatin1String("not-a-directory")));
            *seen = true;
            QTest::mouseClick(box->button(button), Qt::LeftButton);
        });
    };

    // One job: the operator declines, nothing is sent.
    const int before = m_simulator->requestCount();
    QVERIFY(selectJob(m_waiting.at(0)));
    bool seen = false;
    answer(QMessageBox::No, &seen);
    QTest::mouseClick(cancelButton(), Qt::LeftButton);
    QVERIFY(seen);
    QTest::qWait(100);
    QCOMPARE(m_simulator->jobState(m_waiting.at(0)), QStringLiteral("waiting"));
    QVERIFY(m_simulator->requestCount() - before <= 1); // at most a refresh, no cancel

    // Then accepts: the single cancel goes out.
    seen = false;
    answer(QMessageBox::Yes, &seen);
    QTest::mouseClick(cancelButton(), Qt::LeftButton);
    QVERIFY(seen);
    QTRY_COMPARE(m_simulator->jobState(m_waiting.at(0)), QStringLiteral("cancelled"));

    // A batch asks after its preview, the same way.
    table()->selectionModel()->clearSelection();
    QVERIFY(selectJob(m_waiting.at(1)));
    QTest::mouseClick(table()->viewport(), Qt::LeftButton, Qt::ControlModifier,
                      table()
                          ->visualRect(table()->model()->index(
                              [this] {
                                  for (int row = 0; row < table()->model()->rowCount(); ++row)
                                      if (table()->model()->index(row, 0).data(JobModel::JobIdRole) ==
                                          m_waiting.at(2))
                                          return row;
                                  return -1;
                              }(),
                              0))
                          .center());
    QCOMPARE(table()->selectionModel()->selectedRows().size(), 2);
    seen = false;
    answerPreview([&](QDialog*) { answer(QMessageBox::Yes, &seen); });
    QTest::mouseClick(cancelButton(), Qt::LeftButton);
    QVERIFY(seen);
    CancelReceiptDialog* receipt = waitForReceipt();
    QVERIFY(receipt);
    QTRY_VERIFY(receipt->batch()->isFinished());
    QCOMPARE(m_simulator->jobState(m_waiting.at(1)), QStringLiteral("cancelled"));
    QCOMPARE(m_simulator->jobState(m_waiting.at(2)), QStringLiteral("cancelled"));
}

void TestBulkCancel::singleCancelsAreJournaled()
{
    connectWith(1, 0, 1, 0);
    QVERIFY(selectJob(m_waiting.first()));
    QTest::mouseClick(cancelButton(), Qt::LeftButton);
    QTRY_COMPARE(stateInWindow(m_waiting.first()), QStringLiteral("cancelled"));
    QVERIFY(m_window->findChildren<QMessageBox*>().isEmpty()); // one job: today's flow, no preview
    QTRY_COMPARE(Journal(m_journalPath).attempts().value(0).outcome, QStringLiteral("cancelled"));
    QCOMPARE(Journal(m_journalPath).attempts().size(), 1);
    const JournalEntry entry = Journal(m_journalPath).attempts().first();
    QCOMPARE(entry.jobId, m_waiting.first());
    QCOMPARE(entry.outcome, QStringLiteral("cancelled"));
    QCOMPARE(entry.stateBefore, QStringLiteral("waiting"));
}

void TestBulkCancel::receiptSaysWhenTheServerPausesOrStopsTheBatch()
{
    connectWith(4, 0, 0, 0);
    m_window->setBatchRequestBudget(60000, 60000);
    CancelService* cancels = m_window->session()->cancels();

    // A 429: the batch waits as long as the server asked, and the receipt says so.
    cancels->setApiKey(QString::fromLatin1(Simulator::RateLimitedToken));
    selectAll();
    answerPreview([](QDialog*) {});
    QTest::mouseClick(cancelButton(), Qt::LeftButton);
    CancelReceiptDialog* receipt = waitForReceipt();
    QVERIFY(receipt);
    auto* paused = receipt->findChild<QLabel*>(QStringLiteral("receiptPauseLabel"));
    QTRY_VERIFY(paused->isVisible());
    QCOMPARE(paused->text(), QStringLiteral("Paused by the server for 2 s (HTTP 429)."));
    snap(QStringLiteral("receipt-paused"), receipt);
    QTest::mouseClick(receipt->findChild<QPushButton*>(QStringLiteral("bulkStopButton")), Qt::LeftButton);
    QTRY_VERIFY(receipt->batch()->isFinished());
    QVERIFY(!paused->isVisible());
    QVERIFY(
        !receipt->findChild<QLabel*>(QStringLiteral("receiptStopReason"))->isVisible()); // stopped by hand
    receipt->close();

    // A 401: the batch stops by itself, says why, and the window offers a new key.
    cancels->setApiKey(QStringLiteral("revoked"));
    selectAll();
    answerPreview([](QDialog*) {});
    QTest::mouseClick(cancelButton(), Qt::LeftButton);
    QTRY_VERIFY((receipt = m_window->cancelReceipt()) && receipt->batch()->isFinished());
    auto* reason = receipt->findChild<QLabel*>(QStringLiteral("receiptStopReason"));
    QVERIFY(reason->isVisible());
    QVERIFY2(reason->text().contains(QLatin1String("HTTP 401")), qPrintable(reason->text()));
    QVERIFY(reason->text().contains(receipt->batch()->stopReason()));
    int notSent = 0;
    for (const ReceiptLine& line : receipt->receipt())
        notSent += line.kind == ReceiptLine::Kind::NotSent ? 1 : 0;
    QVERIFY(notSent > 0);
    for (const QString& id : m_waiting)
        QCOMPARE(m_simulator->jobState(id), QStringLiteral("waiting"));
    ConnectionDialog* newKey = nullptr;
    QTRY_VERIFY((newKey = m_window->findChild<ConnectionDialog*>(QStringLiteral("newKeyDialog"))) &&
                newKey->isVisible());
    snap(QStringLiteral("receipt-refused"), receipt);
    newKey->close();
}

void TestBulkCancel::journalViewFiltersAndExports()
{
    connectWith(4, 0, 0, 0);
    m_window->setBatchRequestBudget(1, 60000); // one now, the next in a minute
    selectAll();
    answerPreview([](QDialog*) {});
    QTest::mouseClick(cancelButton(), Qt::LeftButton);
    CancelReceiptDialog* receipt = waitForReceipt();
    QVERIFY(receipt);
    QTRY_COMPARE(receipt->batch()->doneCount(), 1);
    QTest::mouseClick(receipt->findChild<QPushButton*>(QStringLiteral("bulkStopButton")), Qt::LeftButton);
    QTRY_VERIFY(receipt->batch()->isFinished());
    receipt->close();

    auto* action = m_window->findChild<QAction*>(QStringLiteral("journalAction"));
    QVERIFY(action);
    action->trigger();
    JournalView* view = nullptr;
    QTRY_VERIFY((view = m_window->findChild<JournalView*>(QStringLiteral("journalView"))));
    auto* journalTable = view->findChild<QTableView*>(QStringLiteral("journalTable"));
    QTRY_COMPARE(journalTable->model()->rowCount(), 4); // one per attempt, read on a worker thread
    auto* outcome = view->findChild<QComboBox*>(QStringLiteral("journalOutcomeFilter"));
    outcome->setCurrentIndex(outcome->findData(QStringLiteral("not-sent")));
    QCOMPARE(journalTable->model()->rowCount(), 3);
    auto* environment = view->findChild<QComboBox*>(QStringLiteral("journalEnvironmentFilter"));
    QCOMPARE(environment->currentData().toString(), QStringLiteral("Local test"));
    environment->setCurrentIndex(0); // any
    QCOMPARE(journalTable->model()->rowCount(), 3);

    const QString path = m_dataDir.filePath(QStringLiteral("journal-export.csv"));
    setSaveFileNameProvider([&](QWidget*, const QString&, const QString&, const QString&) { return path; });
    QTest::mouseClick(view->findChild<QPushButton*>(QStringLiteral("journalExportCsvButton")),
                      Qt::LeftButton);
    QFile csv(path);
    QVERIFY(csv.open(QIODevice::ReadOnly));
    const QByteArray written = csv.readAll();
    QCOMPARE(written, Journal::toCsv(view->entries()));
    QCOMPARE(written.count("\r\n"), 4); // header + the three not-sent lines
    view->close();
}

void TestBulkCancel::exportWritesTheVisibleRows()
{
    connectWith(3, 0, 0, 2);
    // A file name with a comma and a quote: RFC 4180 quoting.
    const QString odd = m_simulator->addJob(QStringLiteral("waiting"), QStringLiteral("q3, \"final\".pdf"));
    m_window->findChild<QAction*>(QStringLiteral("refreshAction"))->trigger(); // Jobs → Refresh
    QTRY_COMPARE(m_window->jobModel()->rowCount(), 6);
    auto* tabs = m_window->findChild<QTabBar*>(QStringLiteral("stateFilter"));
    QTest::mouseClick(tabs, Qt::LeftButton, {}, tabs->tabRect(1).center()); // Waiting
    QCOMPARE(table()->model()->rowCount(), 4);

    const QString path = m_dataDir.filePath(QStringLiteral("visible.csv"));
    setSaveFileNameProvider([&](QWidget*, const QString&, const QString&, const QString&) { return path; });
    auto* action = m_window->findChild<QAction*>(QStringLiteral("exportVisibleAction"));
    QVERIFY(action);
    action->trigger();
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray csv = file.readAll();
    const QList<QByteArray> lines = csv.split('\n');
    QCOMPARE(lines.size(), 6); // header, 4 rows, the empty piece after the last CRLF
    QCOMPARE(lines.first(),
             QByteArray("jobId,status,attemptsMade,processedOn,finishedOn,failedReason,fileName,source\r"));
    QVERIFY(lines.last().isEmpty());
    // The rows in the order the table shows them, the odd name quoted with its quotes doubled.
    for (int row = 0; row < 4; ++row) {
        const QString id = table()->model()->index(row, 0).data(JobModel::JobIdRole).toString();
        QVERIFY2(lines.at(row + 1).startsWith(QByteArray(id.toUtf8() + ",waiting,")),
                 lines.at(row + 1).constData());
        QVERIFY(lines.at(row + 1).endsWith('\r'));
        if (id == odd)
            QVERIFY2(lines.at(row + 1).contains("\"q3, \"\"final\"\".pdf\""), lines.at(row + 1).constData());
    }
    for (const QString& id : m_completed)
        QVERIFY(!csv.contains(id.toUtf8()));

    // JSON: the same rows.
    const QString jsonPath = m_dataDir.filePath(QStringLiteral("visible.json"));
    setSaveFileNameProvider(
        [&](QWidget*, const QString&, const QString&, const QString&) { return jsonPath; });
    action->trigger();
    QFile json(jsonPath);
    QVERIFY(json.open(QIODevice::ReadOnly));
    const QJsonArray array = QJsonDocument::fromJson(json.readAll()).array();
    QCOMPARE(array.size(), 4);
    QCOMPARE(array.at(0).toObject().value(QStringLiteral("status")).toString(), QStringLiteral("waiting"));
}

QTEST_MAIN(TestBulkCancel)
#include "tst_bulkcancel.moc"
