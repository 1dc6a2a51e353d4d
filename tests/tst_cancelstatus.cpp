// The status bar of the real window, driven by Qt Test, around cancels: a line that says "Cancelling job…"
// (or "Waiting…") ends when its result arrives, whatever the result (200, 404, 409, 401, 402, 403, 500, a
// timeout, a refused connection, a journal that fails, a stale row whose state moved, Undo), and every
// result line times out. A bulk cancel of rows older than the refresh interval checks each first: the
// preview says so and the receipt says "Not sent: now active".
#include "bulkcanceldialog.h"
#include "cancelcontroller.h"
#include "core/cancelservice.h"
#include "core/jobmonitor.h"
#include "core/jobsession.h"
#include "core/translations.h"
#include "guifixture.h"
#include "mainwindow.h"
#include "scriptedapiserver.h"
#include "simulator/simulator.h"
#include "undotoast.h"

#include <QDir>
#include <QFile>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <memory>

using namespace Alchemyst;

namespace {

const QString Key = QStringLiteral("gui-key");
const QString JobId = QStringLiteral("4711");

// The server of these tests has one waiting job, and answers every GET with that list, the job's own too.
void listOneWaitingJob(ScriptedApiServer& server)
{
    server.listWaiting({JobId});
    server.job = server.list;
}

} // namespace

class TestCancelStatus : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void cancellingEndsWithEveryAnswer_data();
    void cancellingEndsWithEveryAnswer();
    void aJournalFailureIsToldWithTheResult();
    void aStaleRowThatMovedEndsCancelling();
    void undoEndsTheMessage();
    void switchingEnvironmentEndsCancelling();
    void closingEndsWaitingForTheAnswers();
    void staleRowsOfABulkCancelAreCheckedFirst();

private:
    void openScripted(ScriptedApiServer& server);
    void openSimulator(const QStringList& states);
    MainWindow* window() const { return m_gui.window(); }
    QString message() const { return window()->statusBar()->currentMessage(); }
    QTableView* table() const { return m_gui.table(); }
    void clickCancel(const QString& id);
    // Every "…" line of the controller was followed by a line that ended it, and every result times out.
    void verifyEveryProgressLineEnded() const;

    QTemporaryDir m_settingsDir;
    std::unique_ptr<QTemporaryDir> m_dataDir;
    GuiFixture::Window m_gui{this};
    std::unique_ptr<QSignalSpy> m_messages;
};

void TestCancelStatus::initTestCase()
{
    installTranslations(QLocale(QLocale::English));
    QVERIFY(GuiFixture::isolateSettings(m_settingsDir, QStringLiteral("tst_cancelstatus")));
}

void TestCancelStatus::init()
{
    QSettings().clear();
    QSettings().setValue(QLatin1String(CancelController::UndoSecondsKey), 0); // sent at once
    m_dataDir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dataDir->isValid());
    QVERIFY(m_gui.open(m_dataDir->filePath(QStringLiteral("journal/cancel-journal.jsonl"))));
    m_messages = std::make_unique<QSignalSpy>(window()->cancels(), &CancelController::statusMessage);
}

void TestCancelStatus::cleanup()
{
    m_messages.reset();
    m_gui.close();
    m_dataDir.reset();
}

void TestCancelStatus::openScripted(ScriptedApiServer& server)
{
    listOneWaitingJob(server);
    QVERIFY(m_gui.connectQuietly({QStringLiteral("Scripted"), QUrl(server.baseUrl()), false}, Key, 1));
}

void TestCancelStatus::openSimulator(const QStringList& states)
{
    QVERIFY(m_gui.startSimulator(Key, states));
    QVERIFY(m_gui.connectQuietly({QStringLiteral("Local test"), m_gui.simulator()->baseUrl(), false}, Key,
                                 static_cast<int>(states.size())));
}

void TestCancelStatus::clickCancel(const QString& id)
{
    QVERIFY(m_gui.selectJob(id));
    QPushButton* button = m_gui.cancelButton();
    QVERIFY(button && button->isEnabled());
    m_messages->clear();
    QTest::mouseClick(button, Qt::LeftButton);
}

void TestCancelStatus::verifyEveryProgressLineEnded() const
{
    QVERIFY(!m_messages->isEmpty());
    for (const QList<QVariant>& emitted : std::as_const(*m_messages)) {
        const QString text = emitted.at(0).toString();
        const int timeout = emitted.at(1).toInt();
        // "Cancelling job 42…" stays until its result; nothing else stays for good.
        QVERIFY2(text.endsWith(QChar(0x2026)) == (timeout == 0),
                 qPrintable(QStringLiteral("\"%1\" with timeout %2").arg(text).arg(timeout)));
    }
    const QList<QVariant> last = m_messages->constLast();
    QVERIFY2(last.at(1).toInt() > 0, qPrintable(last.at(0).toString()));
    QVERIFY(!message().endsWith(QChar(0x2026)));
}

void TestCancelStatus::cancellingEndsWithEveryAnswer_data()
{
    QTest::addColumn<int>("status"); // 0: no answer
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("how"); // "answer", "timeout", "refused"
    QTest::addColumn<QString>("says");
    QTest::newRow("200") << 200 << QByteArray(R"({"success":true,"status":"cancelled"})")
                         << QStringLiteral("answer") << QStringLiteral("Job 4711 cancelled.");
    QTest::newRow("404") << 404 << QByteArray(R"({"message":"Job not found"})") << QStringLiteral("answer")
                         << QStringLiteral("not found");
    QTest::newRow("409") << 409 << QByteArray(R"({"error":"Context add is running"})")
                         << QStringLiteral("answer") << QStringLiteral("is running");
    QTest::newRow("401") << 401 << QByteArray(R"({"message":"Invalid key"})") << QStringLiteral("answer")
                         << QStringLiteral("API key");
    QTest::newRow("402") << 402 << QByteArray(R"({"message":"Payment required"})") << QStringLiteral("answer")
                         << QStringLiteral("was not cancelled");
    QTest::newRow("403") << 403 << QByteArray(R"({"message":"Forbidden"})") << QStringLiteral("answer")
                         << QStringLiteral("was not cancelled");
    QTest::newRow("500") << 500 << QByteArray(R"({"message":"Internal error"})") << QStringLiteral("answer")
                         << QStringLiteral("was not cancelled");
    QTest::newRow("timeout") << 0 << QByteArray() << QStringLiteral("timeout") << QStringLiteral("in time");
    QTest::newRow("refused") << 0 << QByteArray() << QStringLiteral("refused")
                             << QStringLiteral("could not be reached");
}

void TestCancelStatus::cancellingEndsWithEveryAnswer()
{
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(QString, how);
    QFETCH(QString, says);
    ScriptedApiServer server;
    server.cancel.status = status;
    server.cancel.body = body;
    server.holdCancels = true; // the "Cancelling" line can be seen before the answer
    openScripted(server);
    if (how == QLatin1String("timeout"))
        window()->session()->cancels()->client()->setTimeout(300);
    if (how == QLatin1String("refused"))
        server.close(); // nobody listens any more: the connection is refused
    clickCancel(JobId);
    if (how != QLatin1String("refused")) {
        QTRY_COMPARE(server.heldCancels(), 1);
        QCOMPARE(message(), QStringLiteral("Cancelling job %1…").arg(JobId));
    }
    if (how == QLatin1String("answer"))
        server.releaseCancels();
    QTRY_VERIFY2(!message().contains(QLatin1String("Cancelling")), qPrintable(message()));
    QVERIFY2(message().contains(JobId) && message().contains(says), qPrintable(message()));
    verifyEveryProgressLineEnded();
    QTRY_VERIFY(!window()->session()->cancels()->isInFlight(JobId));
}

void TestCancelStatus::aJournalFailureIsToldWithTheResult()
{
    ScriptedApiServer server;
    server.cancel = ScriptedApiServer::jsonReply(200, R"({"success":true,"status":"cancelled"})");
    server.holdCancels = true;
    openScripted(server);
    clickCancel(JobId);
    QTRY_COMPARE(server.heldCancels(), 1);
    // The "sending" line is on disk; the answer's line cannot be: its file is a folder now.
    const Journal journal = window()->session()->cancels()->journal();
    QStringList files = journal.files();
    QCOMPARE(files.size(), 1);
    QVERIFY(QFile::remove(files.constFirst()));
    QVERIFY(QDir().mkpath(files.constFirst()));
    server.releaseCancels();
    QTRY_VERIFY2(!message().contains(QLatin1String("Cancelling")), qPrintable(message()));
    // The result, and that it was not recorded: one line, neither replacing the other.
    QVERIFY2(message().contains(QStringLiteral("Job %1 cancelled.").arg(JobId)), qPrintable(message()));
    QVERIFY2(message().contains(QLatin1String("not recorded in the journal")), qPrintable(message()));
    verifyEveryProgressLineEnded();
}

void TestCancelStatus::aStaleRowThatMovedEndsCancelling()
{
    openSimulator({QStringLiteral("waiting")});
    const QString id = m_gui.ids().value(QStringLiteral("waiting"));
    // The list was last refreshed long ago (as when refreshes fail): the row is older than allowed.
    window()->session()->cancels()->setRowFreshness([](const QString&) { return qint64(1); },
                                                    [] { return qint64(60 * 1000); });
    m_gui.simulator()->setJobState(id, QStringLiteral("active"));
    const int cancelsBefore = m_gui.simulator()->cancelRequestCount();
    clickCancel(id);
    QCOMPARE(message(), QStringLiteral("Cancelling job %1…").arg(id));
    QTRY_VERIFY2(!message().contains(QLatin1String("Cancelling")), qPrintable(message()));
    QCOMPARE(message(), QStringLiteral("Job %1 is now active: not cancelled.").arg(id));
    QCOMPARE(m_gui.simulator()->cancelRequestCount(), cancelsBefore); // checked, and nothing sent
    verifyEveryProgressLineEnded();
}

void TestCancelStatus::undoEndsTheMessage()
{
    QSettings().setValue(QLatin1String(CancelController::UndoSecondsKey), 5);
    openSimulator({QStringLiteral("waiting")});
    const QString id = m_gui.ids().value(QStringLiteral("waiting"));
    clickCancel(id);
    UndoToast* toast = window()->cancels()->undoToast();
    QTRY_VERIFY(toast->isVisible());
    QVERIFY2(message().contains(QLatin1String("in a moment")), qPrintable(message()));
    QCOMPARE(m_messages->constLast().at(1).toInt(), 5000); // gone when the Undo time is over
    QTest::mouseClick(toast->undoButton(), Qt::LeftButton);
    QCOMPARE(message(), QStringLiteral("Job %1 was not cancelled: undone, nothing was sent.").arg(id));
    QCOMPARE(m_gui.simulator()->cancelRequestCount(), 0);
    verifyEveryProgressLineEnded();
}

void TestCancelStatus::switchingEnvironmentEndsCancelling()
{
    ScriptedApiServer server;
    server.cancel = ScriptedApiServer::jsonReply(200, R"({"success":true,"status":"cancelled"})");
    server.holdCancels = true;
    openScripted(server);
    clickCancel(JobId);
    QTRY_COMPARE(server.heldCancels(), 1);
    QCOMPARE(message(), QStringLiteral("Cancelling job %1…").arg(JobId));
    // Another environment: this window will never show that answer, so the line must not wait for it.
    ScriptedApiServer other;
    listOneWaitingJob(other);
    window()->useEnvironment({QStringLiteral("Other"), QUrl(other.baseUrl()), false}, Key);
    QTRY_VERIFY2(!message().contains(QLatin1String("Cancelling")), qPrintable(message()));
    QVERIFY2(message().contains(QLatin1String("journal")), qPrintable(message()));
    verifyEveryProgressLineEnded();
    server.releaseCancels();
}

void TestCancelStatus::closingEndsWaitingForTheAnswers()
{
    ScriptedApiServer server;
    server.cancel = ScriptedApiServer::jsonReply(200, R"({"success":true,"status":"cancelled"})");
    server.holdCancels = true;
    openScripted(server);
    clickCancel(JobId);
    QTRY_COMPARE(server.heldCancels(), 1);
    // The answer comes while the closing window waits for it.
    QTimer::singleShot(200, &server, [&server] { server.releaseCancels(); });
    window()->close();
    QStringList texts;
    for (const QList<QVariant>& emitted : std::as_const(*m_messages))
        texts << emitted.at(0).toString();
    QVERIFY2(texts.contains(QStringLiteral("Waiting for the answers to the cancels already sent…")),
             qPrintable(texts.join(QLatin1Char('|'))));
    QCOMPARE(texts.constLast(), QStringLiteral("The answers to the cancels already sent have come."));
    verifyEveryProgressLineEnded();
}

void TestCancelStatus::staleRowsOfABulkCancelAreCheckedFirst()
{
    openSimulator({QStringLiteral("waiting"), QStringLiteral("delayed")});
    const QString moved = m_gui.ids().value(QStringLiteral("waiting"));
    const QString still = m_gui.ids().value(QStringLiteral("delayed"));
    window()->session()->cancels()->setRowFreshness([](const QString&) { return qint64(1); },
                                                    [] { return qint64(60 * 1000); });
    m_gui.simulator()->setJobState(moved, QStringLiteral("active"));
    table()->selectAll();
    QString checkText;
    GuiFixture::answerNextModal<BulkCancelPreviewDialog>(this, [&checkText](BulkCancelPreviewDialog* dialog) {
        auto* label = dialog->findChild<QLabel*>(QStringLiteral("previewCheckLabel"));
        if (label && label->isVisible())
            checkText = label->text();
        GuiFixture::snap(QStringLiteral("bulk-preview-checked-first"), dialog);
        dialog->findChild<QPushButton*>(QStringLiteral("confirmButton"))->click();
    });
    m_messages->clear();
    window()->cancelSelected();
    QVERIFY2(checkText.startsWith(QLatin1String("2 of them were last refreshed")), qPrintable(checkText));
    CancelReceiptDialog* receipt = nullptr;
    QTRY_VERIFY((receipt = window()->cancels()->receipt()));
    QTRY_VERIFY(!receipt->isBatchRunning());
    QCOMPARE(m_gui.simulator()->jobState(moved), QStringLiteral("active"));
    QCOMPARE(m_gui.simulator()->jobState(still), QStringLiteral("cancelled"));
    QCOMPARE(m_gui.simulator()->cancelRequestCount(), 1);
    auto* lines = receipt->findChild<QTableWidget*>();
    QVERIFY(lines);
    QStringList outcomes;
    for (int row = 0; row < lines->rowCount(); ++row)
        outcomes << lines->item(row, 0)->text() + QLatin1Char(' ') + lines->item(row, 3)->text();
    outcomes.sort();
    QStringList expected{moved + QStringLiteral(" Not sent: now active"),
                         still + QStringLiteral(" Cancelled")};
    expected.sort();
    QCOMPARE(outcomes, expected);
    GuiFixture::snap(QStringLiteral("receipt-not-sent-now-active"), receipt);
    auto* summary = receipt->findChild<QLabel*>(QStringLiteral("receiptSummary"));
    QVERIFY(summary);
    QVERIFY2(summary->text().contains(QLatin1String("1 not sent (no longer waiting or delayed")),
             qPrintable(summary->text()));
    QTRY_COMPARE(message(), QStringLiteral("The batch of cancels has ended; see its receipt."));
    verifyEveryProgressLineEnded();
    receipt->close();
}

QTEST_MAIN(TestCancelStatus)
#include "tst_cancelstatus.moc"
