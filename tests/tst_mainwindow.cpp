// The real main window, driven like a person, against the simulator over loopback.
#include "api/apiclient.h"
#include "connectiondialog.h"
#include "core/cancelservice.h"
#include "core/jobsession.h"
#include "core/journal.h"
#include "core/translations.h"
#include "credentials/secretstore.h"
#include "guifixture.h"
#include "jobs/jobfiltermodel.h"
#include "jobs/jobmodel.h"
#include "mainwindow.h"
#include "messages.h"
#include "scriptedapiserver.h"
#include "simulator/simulator.h"
#include "statelist.h"

#include <QAbstractButton>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QStatusBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBlock>
#include <QTextDocument>

using namespace Alchemyst;

namespace {

// What QtKeychain answers on a machine without a Secret Service (the real case is tested in
// tst_secretstore, through the CLI with no D-Bus session): here, how the window shows it.
class AbsentKeychain : public SecretStore
{
public:
    AbsentKeychain()
        : SecretStore(QStringLiteral("absent"))
    {}
    void read(const QString&, Callback done) override { done(absent()); }
    void write(const QString&, const QString&, Callback done) override { done(absent()); }
    void remove(const QString&, Callback done) override { done(absent()); }

private:
    static SecretResult absent()
    {
        SecretResult result;
        result.status = SecretResult::NoBackend;
        result.message =
            QStringLiteral("No system keychain is available: ") + SecretStore::missingBackendAdvice();
        return result;
    }
};

// An in-memory keychain for tests that switch between environments with stored keys.
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

// A keychain that reads and removes but refuses every write, as a locked collection does.
class ReadOnlyKeychain : public MemoryKeychain
{
public:
    void write(const QString&, const QString&, Callback done) override
    {
        SecretResult result;
        result.status = SecretResult::AccessDenied;
        result.message = QStringLiteral("The keychain is locked.");
        done(result);
    }
};

// A keychain that is locked: whether a key is stored cannot be told, and nothing can be written.
class LockedKeychain : public MemoryKeychain
{
public:
    void read(const QString&, Callback done) override { done(locked()); }
    void write(const QString&, const QString&, Callback done) override { done(locked()); }

private:
    static SecretResult locked()
    {
        SecretResult result;
        result.status = SecretResult::Locked;
        result.message = QStringLiteral("The keychain is locked. Unlock it and try again.");
        return result;
    }
};

// True when the label would interpret its text as markup (and so could show a link).
bool rendersMarkup(const QLabel* label)
{
    return label->textFormat() == Qt::RichText ||
           (label->textFormat() == Qt::AutoText && Qt::mightBeRichText(label->text()));
}

// What an operator reads in rich text, and the links in it.
QString renderedText(const QString& html)
{
    QTextDocument document;
    document.setHtml(html);
    return document.toPlainText();
}

QStringList linksIn(const QString& html)
{
    QTextDocument document;
    document.setHtml(html);
    QStringList links;
    for (QTextBlock block = document.begin(); block.isValid(); block = block.next()) {
        for (auto it = block.begin(); !it.atEnd(); ++it) {
            if (it.fragment().charFormat().isAnchor())
                links << it.fragment().charFormat().anchorHref();
        }
    }
    return links;
}

// Every label of a dialog shows server words as they are: none renders markup around them.
void verifyServerTextIsPlain(QWidget* dialog, const QStringList& serverWords)
{
    const auto labels = dialog->findChildren<QLabel*>();
    for (const QString& words : serverWords) {
        bool shown = false;
        for (const QLabel* label : labels) {
            if (!label->text().contains(words))
                continue;
            QVERIFY2(!rendersMarkup(label),
                     qPrintable(label->objectName() + QLatin1String(": ") + label->text()));
            shown = shown || label->isVisible();
        }
        QVERIFY2(shown, qPrintable(QStringLiteral("not shown literally: ") + words));
    }
    for (const QLabel* label : labels)
        QVERIFY2(!rendersMarkup(label) || linksIn(label->text()).isEmpty(), qPrintable(label->text()));
}

} // namespace

class TestMainWindow : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void showsTheJobsAndTheServer();
    void cancelEnabledOnlyForWaitingAndDelayed();
    void cancelAWaitingJob();
    void cancelAJobThatBecameActiveShowsTheVerbatim409();
    void cancelAStaleCompletedJobShows404ThenRefreshes();
    void deleteKeyCancels();
    void failedRefreshKeepsTheListWithoutADialog();
    void rateLimitWaitsAsTheServerSays();
    void refreshKeepsSelectionInPlace();
    void stateFilterAndSearch();
    void productionCancelNeedsTheTypedName();
    void switchingEnvironmentsChangesListAndBadge();
    void firstRunTestConnection();
    void manyPagesStretchTheRefreshInterval();
    void cancelAuthFailures_data();
    void missingKeychainStillWorksForTheSession();
    void keyStoredOnceServesTheNextStart();
    void anOlderListDoesNotUndoACancel();
    void cancelAuthFailures();
    void notFoundDialogShowsServerMarkupAsText();
    void conflictDialogShowsAMarkupIdAsText();
    void bannerAndTestConnectionShowServerMarkupAsText();
    void environmentKeyGoesOnlyToItsServer();
    void editingTheUrlAsksBeforeTheKeyGoesToAnotherServer();
    void editingTheUrlCarriesTheKeyWhenTheOperatorSaysSo();
    void aRefusedKeychainWriteKeepsTheOldKey();
    void theDemoNameIsReservedInTheDialog();
    void cancelButtonShowsTheCoresWhyNot();
    void lockedKeychainSaysLocked();
    void switchingEnvironmentWhileACancelIsInFlightStillJournalsIt();
    void closingTheWindowWaitsForTheCancelsInFlight();
    void entriesWithoutUsableIdAreSaidInTheBanner();
    void aCancelRefusedHereNeverBlamesTheServer();

private:
    // Connects to the scripted server, whose list is these waiting jobs, and selects the first.
    bool openScriptedJob(ScriptedApiServer& server, const QString& id, const QStringList& others = {});
    // File → Edit Environment…, as the operator opens it.
    ConnectionDialog* openEditDialog();
    bool selectJob(const QString& id) { return m_gui.selectJob(id); }
    QPushButton* cancelButton() const { return m_gui.cancelButton(); }
    QTableView* table() const { return m_gui.table(); }
    QLabel* banner() const { return window()->findChild<QLabel*>(QStringLiteral("banner")); }
    QString stateInWindow(const QString& id) const { return GuiFixture::stateInWindow(window(), id); }
    void snap(const QString& name, QWidget* widget = nullptr) const
    {
        GuiFixture::snap(name, widget ? widget : window());
    }
    MainWindow* window() const { return m_gui.window(); }
    Simulator* simulator() const { return m_gui.simulator(); }

    // Settings of this process alone: another run of this test at the same time (two build directories,
    // a CI runner shared by several jobs) would otherwise clear or overwrite them mid-test.
    QTemporaryDir m_settingsDir;
    GuiFixture::Window m_gui{this};
};

void TestMainWindow::initTestCase()
{
    installTranslations(QLocale(QLocale::English)); // as main() does: English, with its plural forms
    QVERIFY(GuiFixture::isolateSettings(m_settingsDir, QStringLiteral("tst_mainwindow")));
}

void TestMainWindow::init()
{
    QSettings().clear();
    QVERIFY(
        m_gui.startSimulator(QStringLiteral("gui-key"),
                             {QStringLiteral("waiting"), QStringLiteral("delayed"), QStringLiteral("active"),
                              QStringLiteral("completed"), QStringLiteral("failed"),
                              QStringLiteral("cancelled"), QStringLiteral("prioritized")}));
    QVERIFY(m_gui.open());
    QVERIFY(GuiFixture::connectWindow(window(), *simulator(), QStringLiteral("gui-key"), 7));
}

void TestMainWindow::cleanup()
{
    qunsetenv("ALCHEMYST_AI_API_KEY");
    qunsetenv("ALCHEMYST_AI_BASE_URL");
    m_gui.close();
}

void TestMainWindow::showsTheJobsAndTheServer()
{
    QVERIFY(window()->windowTitle().contains(QLatin1String("Local test")));
    QVERIFY(window()->windowTitle().contains(simulator()->baseUrl().host()));
    auto* badge = window()->findChild<QLabel*>(QStringLiteral("environmentBadge"));
    QVERIFY(badge->text().contains(QStringLiteral("%1").arg(simulator()->port())));
    QCOMPARE(stateInWindow(m_gui.ids().value(QStringLiteral("prioritized"))), QStringLiteral("prioritized"));
    auto* label = window()->findChild<QLabel*>(QStringLiteral("lastRefreshLabel"));
    QVERIFY2(label->text().contains(QLatin1String("Last refresh")), qPrintable(label->text()));
    StateList* states = GuiFixture::stateList(window());
    QTRY_COMPARE(states->rowText(StateList::AllState), QStringLiteral("All 7"));
    QCOMPARE(states->rowText(static_cast<int>(StateCategory::Waiting)), QStringLiteral("Waiting 1"));
    QCOMPARE(states->rowText(static_cast<int>(StateCategory::Other)), QStringLiteral("Other 1"));
}

void TestMainWindow::cancelEnabledOnlyForWaitingAndDelayed()
{
    QVERIFY(!cancelButton()->isEnabled()); // nothing selected
    for (auto it = m_gui.ids().cbegin(); it != m_gui.ids().cend(); ++it) {
        QVERIFY(selectJob(it.value()));
        const bool expected = it.key() == QLatin1String("waiting") || it.key() == QLatin1String("delayed");
        QVERIFY2(cancelButton()->isEnabled() == expected, qPrintable(it.key()));
    }
}

void TestMainWindow::cancelAWaitingJob()
{
    const QString id = m_gui.ids().value(QStringLiteral("waiting"));
    QVERIFY(selectJob(id));
    QVERIFY(cancelButton()->isEnabled());
    QTest::mouseClick(cancelButton(), Qt::LeftButton);
    QVERIFY(!cancelButton()->isEnabled()); // in flight: no second click
    QTRY_COMPARE(stateInWindow(id), QStringLiteral("cancelled"));
    QCOMPARE(simulator()->jobState(id), QStringLiteral("cancelled"));
    QVERIFY(window()->statusBar()->currentMessage().contains(QLatin1String("cancelled")));
    QVERIFY(!cancelButton()->isEnabled());
    QVERIFY(window()->findChildren<QMessageBox*>().isEmpty());
}

void TestMainWindow::cancelAJobThatBecameActiveShowsTheVerbatim409()
{
    const QString id = m_gui.ids().value(QStringLiteral("waiting"));
    QVERIFY(selectJob(id));
    simulator()->setJobState(id, QStringLiteral("active")); // the worker picked it up since the last refresh
    QTest::mouseClick(cancelButton(), Qt::LeftButton);
    QMessageBox* box = nullptr;
    QTRY_VERIFY((box = window()->findChild<QMessageBox*>(QStringLiteral("cancelConflictDialog"))));
    QCOMPARE(box->text(), QString::fromLatin1(Simulator::ConflictMessage));
    snap(QStringLiteral("conflict-dialog"), box);
    QCOMPARE(box->icon(), QMessageBox::Warning);
    QVERIFY(box->informativeText().contains(QLatin1String("409")));
    QVERIFY(box->isVisible());
    QTRY_COMPARE(stateInWindow(id), QStringLiteral("active")); // the row was refreshed
    QVERIFY(!cancelButton()->isEnabled());
    QTest::mouseClick(box->button(QMessageBox::Ok), Qt::LeftButton);
    QTRY_VERIFY(!window()->findChild<QMessageBox*>(QStringLiteral("cancelConflictDialog")));
}

void TestMainWindow::cancelAStaleCompletedJobShows404ThenRefreshes()
{
    const QString id = m_gui.ids().value(QStringLiteral("delayed"));
    QVERIFY(selectJob(id));
    simulator()->setJobState(id, QStringLiteral("completed")); // the row in the window is stale
    QTest::mouseClick(cancelButton(), Qt::LeftButton);
    QMessageBox* box = nullptr;
    QTRY_VERIFY((box = window()->findChild<QMessageBox*>(QStringLiteral("cancelNotFoundDialog"))));
    QVERIFY(box->text().contains(QLatin1String("not found, or it has already completed or failed")));
    QVERIFY(box->informativeText().contains(QLatin1String("Job not found or already completed")));
    QVERIFY(box->informativeText().contains(QLatin1String("404")));
    snap(QStringLiteral("not-found-dialog"), box);
    QTRY_COMPARE(stateInWindow(id), QStringLiteral("completed"));
}

void TestMainWindow::deleteKeyCancels()
{
    const QString id = m_gui.ids().value(QStringLiteral("delayed"));
    QVERIFY(selectJob(id));
    table()->setFocus();
    QTest::keyClick(table(), Qt::Key_Delete);
    QTRY_COMPARE(simulator()->jobState(id), QStringLiteral("cancelled"));
    QTRY_COMPARE(stateInWindow(id), QStringLiteral("cancelled"));
}

void TestMainWindow::failedRefreshKeepsTheListWithoutADialog()
{
    window()->client()->setApiKey(QString::fromLatin1(Simulator::ServerErrorToken));
    QTest::keyClick(window(), Qt::Key_F5);
    QTRY_VERIFY(banner()->isVisible());
    QVERIFY2(banner()->text().contains(QLatin1String("HTTP 500")), qPrintable(banner()->text()));
    QVERIFY(banner()->text().contains(QLatin1String("stale")));
    QVERIFY(window()->isStale());
    snap(QStringLiteral("stale-banner"));
    QCOMPARE(window()->jobModel()->rowCount(), 7);
    QVERIFY(window()->findChildren<QMessageBox*>().isEmpty());
    auto* label = window()->findChild<QLabel*>(QStringLiteral("lastRefreshLabel"));
    QVERIFY(label->text().contains(QLatin1String("STALE")));

    // Back to a good key: the next refresh clears it.
    window()->client()->setApiKey(QStringLiteral("gui-key"));
    QTest::keyClick(window(), Qt::Key_F5);
    QTRY_VERIFY(!banner()->isVisible());
    QVERIFY(!window()->isStale());
}

void TestMainWindow::rateLimitWaitsAsTheServerSays()
{
    window()->client()->setApiKey(QString::fromLatin1(Simulator::RateLimitedToken));
    QTest::keyClick(window(), Qt::Key_F5);
    QTRY_VERIFY(banner()->isVisible());
    QVERIFY2(banner()->text().contains(QLatin1String("Waiting 2 s before")), qPrintable(banner()->text()));
    auto* label = window()->findChild<QLabel*>(QStringLiteral("lastRefreshLabel"));
    QTRY_VERIFY2(label->text().contains(QLatin1String("Rate limited")), qPrintable(label->text()));
    const int before = simulator()->requestCount();
    QTest::qWait(1000);
    QCOMPARE(simulator()->requestCount(), before); // nothing is sent while waiting
    window()->client()->setApiKey(QStringLiteral("gui-key"));
    QTRY_VERIFY_WITH_TIMEOUT(!banner()->isVisible(), 5000); // it retried by itself after Retry-After
}

void TestMainWindow::refreshKeepsSelectionInPlace()
{
    const QString id = m_gui.ids().value(QStringLiteral("failed"));
    QVERIFY(selectJob(id));
    for (int i = 0; i < 30; ++i)
        simulator()->addJob(QStringLiteral("waiting"));
    simulator()->removeJob(m_gui.ids().value(QStringLiteral("cancelled")));
    QTest::keyClick(window(), Qt::Key_F5);
    QTRY_COMPARE(window()->jobModel()->rowCount(), 36);
    const QModelIndexList rows = table()->selectionModel()->selectedRows();
    QCOMPARE(rows.size(), 1);
    QCOMPARE(rows.first().data(JobModel::JobIdRole).toString(), id);
}

void TestMainWindow::stateFilterAndSearch()
{
    QVERIFY(GuiFixture::clickState(window(), static_cast<int>(StateCategory::Failed)));
    QCOMPARE(table()->model()->rowCount(), 1);
    QCOMPARE(table()->model()->index(0, JobModel::StateColumn).data(JobModel::StateRole).toString(),
             QStringLiteral("failed"));
    QVERIFY(GuiFixture::clickState(window(), StateList::AllState));
    QCOMPARE(table()->model()->rowCount(), 7);
    auto* search = window()->findChild<QLineEdit*>(QStringLiteral("searchBox"));
    QTest::keyClicks(search, QStringLiteral("delayed.pdf"));
    QCOMPARE(table()->model()->rowCount(), 1);
    search->clear();
    QTest::keyClicks(search, m_gui.ids().value(QStringLiteral("active")));
    QCOMPARE(table()->model()->rowCount(), 1);
}

void TestMainWindow::productionCancelNeedsTheTypedName()
{
    window()->useEnvironment({QStringLiteral("Prod EU"), simulator()->baseUrl(), true},
                             QStringLiteral("gui-key"));
    QTRY_COMPARE(window()->jobModel()->rowCount(), 7);
    auto* badge = window()->findChild<QLabel*>(QStringLiteral("environmentBadge"));
    QVERIFY(badge->text().contains(QLatin1String("PRODUCTION")));
    const QString id = m_gui.ids().value(QStringLiteral("waiting"));

    // First: a wrong name keeps the confirm button disabled; Cancel backs out and nothing is sent.
    bool sawDisabled = false;
    snap(QStringLiteral("production-window"));
    GuiFixture::answerNextModal<QWidget>(this, [this, &sawDisabled](QWidget* dialog) {
        QCOMPARE(dialog->objectName(), QStringLiteral("productionConfirmDialog"));
        snap(QStringLiteral("production-confirm"), dialog);
        auto* edit = dialog->findChild<QLineEdit*>(QStringLiteral("confirmEdit"));
        auto* confirm = dialog->findChild<QPushButton*>(QStringLiteral("confirmButton"));
        QTest::keyClicks(edit, QStringLiteral("Prod"));
        sawDisabled = !confirm->isEnabled();
        QTest::keyClick(dialog, Qt::Key_Escape);
    });
    QVERIFY(selectJob(id));
    const int before = simulator()->requestCount();
    QTest::mouseClick(cancelButton(), Qt::LeftButton);
    QVERIFY(sawDisabled);
    QTest::qWait(100);
    QCOMPARE(simulator()->requestCount(), before);
    QCOMPARE(simulator()->jobState(id), QStringLiteral("waiting"));

    // Then: typing the name exactly enables it, and the cancel goes through.
    GuiFixture::answerNextModal<QWidget>(this, [](QWidget* dialog) {
        QTest::keyClicks(dialog->findChild<QLineEdit*>(QStringLiteral("confirmEdit")),
                         QStringLiteral("Prod EU"));
        auto* confirm = dialog->findChild<QPushButton*>(QStringLiteral("confirmButton"));
        QVERIFY(confirm->isEnabled());
        QTest::mouseClick(confirm, Qt::LeftButton);
    });
    QTest::mouseClick(cancelButton(), Qt::LeftButton);
    QTRY_COMPARE(simulator()->jobState(id), QStringLiteral("cancelled"));
}

void TestMainWindow::switchingEnvironmentsChangesListAndBadge()
{
    // Staging's key is in the keychain; ALCHEMYST_AI_API_KEY belongs to ALCHEMYST_AI_BASE_URL's server only
    // and must not be sent to Staging (whose simulator would refuse it with 401).
    Simulator staging(Simulator::Options::empty(QStringLiteral("staging-key")));
    QVERIFY(staging.listen() != 0);
    staging.addJob(QStringLiteral("failed"), QStringLiteral("staging-only.pdf"));
    auto* keychain = new MemoryKeychain;
    keychain->entries.insert(SecretStore::keyFor(QStringLiteral("Staging"), staging.baseUrl().toString()),
                             QStringLiteral("staging-key"));
    window()->setSecretStore(keychain);
    EnvironmentStore store;
    store.save({QStringLiteral("Alpha"), simulator()->baseUrl(), false});
    store.save({QStringLiteral("Staging"), staging.baseUrl(), false});
    qputenv("ALCHEMYST_AI_API_KEY", "gui-key");
    qputenv("ALCHEMYST_AI_BASE_URL", simulator()->baseUrl().toString().toUtf8());
    window()->useEnvironment(*store.find(QStringLiteral("Alpha"))); // the variables' server: their key
    QTRY_COMPARE(window()->jobModel()->rowCount(), 7);

    auto* combo = window()->findChild<QComboBox*>(QStringLiteral("environmentCombo"));
    QCOMPARE(combo->currentText(), QStringLiteral("Alpha"));
    combo->setFocus();
    QTest::keyClick(combo, Qt::Key_Down);
    QCOMPARE(combo->currentText(), QStringLiteral("Staging"));
    QTRY_COMPARE(window()->jobModel()->rowCount(), 1);
    QCOMPARE(window()->jobModel()->jobAt(0).fileName, QStringLiteral("staging-only.pdf"));
    QCOMPARE(window()->client()->apiKey(), QStringLiteral("staging-key"));
    auto* badge = window()->findChild<QLabel*>(QStringLiteral("environmentBadge"));
    QVERIFY(badge->text().contains(QLatin1String("Staging")));
    QVERIFY(badge->text().contains(QString::number(staging.port())));
    QVERIFY(window()->windowTitle().contains(QLatin1String("Staging")));
    QCOMPARE(EnvironmentStore().activeName(), QStringLiteral("Staging"));
}

void TestMainWindow::firstRunTestConnection()
{
    ConnectionDialog dialog(ConnectionDialog::FirstRun, m_gui.manager());
    dialog.show();
    QVERIFY(dialog.findChild<QPushButton*>(QStringLiteral("demoButton")));
    auto* url = dialog.findChild<QLineEdit*>(QStringLiteral("baseUrlEdit"));
    auto* key = dialog.findChild<QLineEdit*>(QStringLiteral("apiKeyEdit"));
    auto* test = dialog.findChild<QPushButton*>(QStringLiteral("testButton"));
    auto* result = dialog.findChild<QLabel*>(QStringLiteral("testResultLabel"));
    QCOMPARE(key->echoMode(), QLineEdit::Password);
    QTest::mouseClick(dialog.findChild<QCheckBox*>(QStringLiteral("showKeyCheck")), Qt::LeftButton);
    QCOMPARE(key->echoMode(), QLineEdit::Normal);
    url->clear();
    QTest::keyClicks(url, simulator()->baseUrl().toString());
    QTest::keyClicks(key, QStringLiteral("wrong-key"));
    QTest::mouseClick(test, Qt::LeftButton);
    QTRY_VERIFY2(result->text().contains(QLatin1String("HTTP 401")), qPrintable(result->text()));
    QVERIFY(result->text().contains(QLatin1String("unauthorized")));
    key->clear();
    QTest::keyClicks(key, QStringLiteral("gui-key"));
    QTest::mouseClick(test, Qt::LeftButton);
    QTRY_VERIFY2(result->text().contains(QLatin1String("Connected")), qPrintable(result->text()));
    snap(QStringLiteral("first-run"), &dialog);

    // No name: nothing is accepted; nothing was saved.
    dialog.accept();
    QVERIFY(dialog.isVisible());
    QVERIFY(dialog.findChild<QLabel*>(QStringLiteral("errorLabel"))->isVisible());
    QVERIFY(EnvironmentStore().environments().isEmpty());
    QTest::keyClicks(dialog.findChild<QLineEdit*>(QStringLiteral("nameEdit")), QStringLiteral("Local"));
    dialog.accept();
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    QCOMPARE(dialog.environment().baseUrl, simulator()->baseUrl());
    QCOMPARE(dialog.apiKey(), QStringLiteral("gui-key"));
}

void TestMainWindow::manyPagesStretchTheRefreshInterval()
{
    QCOMPARE(window()->refreshIntervalMs(), 10000);
    for (int i = 0; i < 60; ++i)
        simulator()->addJob(QStringLiteral("completed"));
    window()->client()->setPageSize(
        1); // 67 jobs: 68 requests a refresh, over a third of 1000 a minute at 10 s
    QTest::keyClick(window(), Qt::Key_F5);
    QTRY_COMPARE(window()->jobModel()->rowCount(), 67);
    QTRY_VERIFY(window()->refreshIntervalMs() > 10000);
    QVERIFY(68 * 60000.0 / window()->refreshIntervalMs() <= RefreshPolicy::RefreshRequestsPerMinute);
    auto* label = window()->findChild<QLabel*>(QStringLiteral("lastRefreshLabel"));
    QTRY_VERIFY2(label->text().contains(QLatin1String("next in 1")), qPrintable(label->text())); // 12 s
}

void TestMainWindow::cancelAuthFailures_data()
{
    QTest::addColumn<QString>("token");
    QTest::addColumn<QString>("dialog");
    QTest::addColumn<QString>("words");
    QTest::newRow("401") << "revoked"
                         << "newKeyDialog"
                         << "";
    QTest::newRow("402") << QString::fromLatin1(Simulator::PaymentRequiredToken) << "cancelErrorDialog"
                         << "out of credits";
    QTest::newRow("403") << QString::fromLatin1(Simulator::ForbiddenToken) << "cancelErrorDialog"
                         << "lacks the scope";
    QTest::newRow("500") << QString::fromLatin1(Simulator::ServerErrorToken) << "cancelErrorDialog"
                         << "internal error";
}

void TestMainWindow::cancelAuthFailures()
{
    QFETCH(QString, token);
    QFETCH(QString, dialog);
    QFETCH(QString, words);
    const QString id = m_gui.ids().value(QStringLiteral("waiting"));
    QVERIFY(selectJob(id));
    window()->session()->cancels()->setApiKey(token); // the cancels' key only: the list stays readable
    QTest::mouseClick(cancelButton(), Qt::LeftButton);
    QWidget* shown = nullptr;
    QTRY_VERIFY((shown = window()->findChild<QWidget*>(dialog)));
    QTRY_VERIFY(shown->isVisible());
    if (auto* box = qobject_cast<QMessageBox*>(shown)) {
        QVERIFY2(box->text().contains(words), qPrintable(box->text()));
        QVERIFY2(box->informativeText().contains(
                     QStringLiteral("HTTP status: %1").arg(QString::fromLatin1(QTest::currentDataTag()))),
                 qPrintable(box->informativeText()));
    } else {
        // 401: the operator is offered to enter a new key for this environment.
        QVERIFY(shown->findChild<QLineEdit*>(QStringLiteral("apiKeyEdit")));
        const auto* intro = shown->findChild<QLabel*>(QStringLiteral("introLabel"));
        QVERIFY2(intro->text().contains(QLatin1String("HTTP 401")), qPrintable(intro->text()));
        shown->close();
    }
    QCOMPARE(window()->jobModel()->rowCount(), 7); // the list stays
    QCOMPARE(simulator()->jobState(id), QStringLiteral("waiting"));
}

void TestMainWindow::missingKeychainStillWorksForTheSession()
{
    window()->setSecretStore(new AbsentKeychain);
    EnvironmentStore().save({QStringLiteral("No keyring"), simulator()->baseUrl(), false});
    window()->useEnvironment(*EnvironmentStore().find(QStringLiteral("No keyring")));
    QTRY_VERIFY(banner()->isVisible());
    QVERIFY2(banner()->text().contains(QLatin1String("Keychain unavailable")), qPrintable(banner()->text()));
    QVERIFY(banner()->text().contains(QLatin1String("gnome-keyring")));
    QCOMPARE(window()->jobModel()->rowCount(), 0);

    // The banner's link: type a key for this session; the keychain refuses it, the window still connects.
    emit banner()->linkActivated(QStringLiteral("key"));
    QWidget* dialog = nullptr;
    QTRY_VERIFY((dialog = window()->findChild<QWidget*>(QStringLiteral("newKeyDialog"))));
    QTest::keyClicks(dialog->findChild<QLineEdit*>(QStringLiteral("apiKeyEdit")), QStringLiteral("gui-key"));
    QTest::mouseClick(
        dialog->findChild<QDialogButtonBox*>(QStringLiteral("buttons"))->button(QDialogButtonBox::Save),
        Qt::LeftButton);
    QTRY_COMPARE(window()->jobModel()->rowCount(), 7);
    QTRY_VERIFY2(banner()->isVisible(), qPrintable(banner()->text()));
    QVERIFY2(banner()->text().contains(QLatin1String("this session only")), qPrintable(banner()->text()));
}

void TestMainWindow::keyStoredOnceServesTheNextStart()
{
    // Only with the throwaway keyring of tests/run-tests.sh: never write into a developer's own keyring.
    if (!qEnvironmentVariableIntValue("AJM_REQUIRE_KEYRING"))
        QSKIP("Needs the private keyring of tests/run-tests.sh.");
    const Environment environment{QStringLiteral("Stored key"), simulator()->baseUrl(), false};
    window()->addEnvironmentWithKey(environment, QStringLiteral("gui-key"));
    QTRY_COMPARE(window()->jobModel()->rowCount(), 7);
    QVERIFY(!banner()->isVisible()); // stored in the keychain: no session-only notice

    // A new window, as after a restart: nothing typed, the keychain has the key.
    m_gui.replaceWindow();
    window()->show();
    window()->useEnvironment(*EnvironmentStore().find(QStringLiteral("Stored key")));
    QTRY_COMPARE(window()->jobModel()->rowCount(), 7);
    QCOMPARE(window()->client()->apiKey(), QStringLiteral("gui-key"));
    SecretStore(QStringLiteral(AJM_APP_ID))
        .removeSync(SecretStore::keyFor(environment.name, environment.baseUrl.toString()));
}

void TestMainWindow::anOlderListDoesNotUndoACancel()
{
    // A slow refresh (one job a page) reads the waiting job first; the cancel answers before the list ends.
    for (int i = 0; i < 150; ++i)
        simulator()->addJob(QStringLiteral("completed"));
    window()->client()->setPageSize(1);
    const QString id = m_gui.ids().value(QStringLiteral("waiting"));
    QVERIFY(selectJob(id));
    QTest::keyClick(window(), Qt::Key_F5);
    QTRY_VERIFY(simulator()->requestCount() > 3); // the list is on its way, past the first page
    QTest::mouseClick(cancelButton(), Qt::LeftButton);
    QTRY_COMPARE(simulator()->jobState(id), QStringLiteral("cancelled"));
    QTRY_COMPARE_WITH_TIMEOUT(window()->jobModel()->rowCount(), 157, 20000); // the older list landed
    QCOMPARE(stateInWindow(id), QStringLiteral("cancelled"));
    QVERIFY(!cancelButton()->isEnabled());
}

bool TestMainWindow::openScriptedJob(ScriptedApiServer& server, const QString& id, const QStringList& others)
{
    const QStringList ids = QStringList{id} + others;
    server.listWaiting(ids);
    window()->useEnvironment({QStringLiteral("Scripted"), QUrl(server.baseUrl()), false},
                             QStringLiteral("any-key"));
    const int rows = static_cast<int>(ids.size());
    return QTest::qWaitFor([this, rows] { return window()->jobModel()->rowCount() == rows; }) &&
           selectJob(id) && cancelButton()->isEnabled();
}

void TestMainWindow::notFoundDialogShowsServerMarkupAsText()
{
    const QString id = QStringLiteral("<b>1</b>");
    const QString message = QStringLiteral("<a href='https://evil/'>Session expired, sign in</a>");
    ScriptedApiServer server;
    server.cancel = ScriptedApiServer::jsonReply(
        404, QJsonDocument(QJsonObject{{QStringLiteral("message"), message}}).toJson());
    QVERIFY(openScriptedJob(server, id));
    QTest::mouseClick(cancelButton(), Qt::LeftButton);
    QMessageBox* box = nullptr;
    QTRY_VERIFY((box = window()->findChild<QMessageBox*>(QStringLiteral("cancelNotFoundDialog"))) &&
                box->isVisible());
    snap(QStringLiteral("hostile-not-found"), box);
    verifyServerTextIsPlain(box, {message, id});
    QVERIFY(box->informativeText().contains(message));
    QTest::mouseClick(box->button(QMessageBox::Ok), Qt::LeftButton);
}

void TestMainWindow::conflictDialogShowsAMarkupIdAsText()
{
    const QString id = QStringLiteral("<a href='https://evil/'>2</a>");
    const QString message = QStringLiteral("Context add is <i>running</i> & cannot be cancelled.");
    ScriptedApiServer server;
    server.cancel = ScriptedApiServer::jsonReply(
        409, QJsonDocument(QJsonObject{{QStringLiteral("error"), message}}).toJson());
    QVERIFY(openScriptedJob(server, id));

    // Before the click, what the window says of the selected job: rich labels, the id in them is text.
    auto* selection = window()->findChild<QLabel*>(QStringLiteral("selectionLabel"));
    QCOMPARE(selection->textFormat(), Qt::RichText);
    QVERIFY2(renderedText(selection->text()).contains(id), qPrintable(selection->text()));
    QVERIFY(linksIn(selection->text()).isEmpty());
    const QString tip = cancelButton()->toolTip();
    QVERIFY2(Qt::mightBeRichText(tip), qPrintable(tip)); // certain, not left to Qt's guess
    QVERIFY2(renderedText(tip).contains(QStringLiteral("Cancel job ") + id), qPrintable(tip));
    QVERIFY(linksIn(tip).isEmpty());

    QTest::mouseClick(cancelButton(), Qt::LeftButton);
    QMessageBox* box = nullptr;
    QTRY_VERIFY((box = window()->findChild<QMessageBox*>(QStringLiteral("cancelConflictDialog"))) &&
                box->isVisible());
    snap(QStringLiteral("hostile-conflict"), box);
    verifyServerTextIsPlain(box, {message, id});
    QCOMPARE(box->text(), message);
    QVERIFY(box->informativeText().contains(id));
    QTest::mouseClick(box->button(QMessageBox::Ok), Qt::LeftButton);
}

void TestMainWindow::bannerAndTestConnectionShowServerMarkupAsText()
{
    const QString message = QStringLiteral("<a href='https://evil/'>Renew & sign in</a>\nthen retry");
    ScriptedApiServer server;
    server.list = ScriptedApiServer::jsonReply(
        403, QJsonDocument(QJsonObject{{QStringLiteral("message"), message}}).toJson());

    // The banner is rich text for its own links; the server's words in it are text.
    window()->useEnvironment({QStringLiteral("Scripted"), QUrl(server.baseUrl()), false},
                             QStringLiteral("any-key"));
    QTRY_VERIFY2(banner()->isVisible() && banner()->text().contains(QLatin1String("HTTP 403")),
                 qPrintable(banner()->text()));
    QVERIFY2(renderedText(banner()->text())
                 .contains(QStringLiteral("<a href='https://evil/'>Renew & sign in</a>")),
             qPrintable(banner()->text()));
    for (const QString& link : linksIn(banner()->text()))
        QVERIFY2(link == QLatin1String("retry") || link == QLatin1String("key"), qPrintable(link));

    // Test connection quotes the server in its result label.
    ConnectionDialog dialog(ConnectionDialog::Add, m_gui.manager());
    dialog.show();
    auto* url = dialog.findChild<QLineEdit*>(QStringLiteral("baseUrlEdit"));
    url->clear();
    QTest::keyClicks(url, server.baseUrl());
    QTest::keyClicks(dialog.findChild<QLineEdit*>(QStringLiteral("apiKeyEdit")), QStringLiteral("any-key"));
    QTest::mouseClick(dialog.findChild<QPushButton*>(QStringLiteral("testButton")), Qt::LeftButton);
    auto* result = dialog.findChild<QLabel*>(QStringLiteral("testResultLabel"));
    // "HTTP 403", not "403": the "Testing http://127.0.0.1:PORT" shown meanwhile may hold those digits.
    QTRY_VERIFY2(result->text().contains(QLatin1String("HTTP 403")), qPrintable(result->text()));
    verifyServerTextIsPlain(&dialog, {QStringLiteral("<a href='https://evil/'>Renew & sign in</a>")});
}

void TestMainWindow::environmentKeyGoesOnlyToItsServer()
{
    // ALCHEMYST_AI_API_KEY without ALCHEMYST_AI_BASE_URL belongs to the default server. A new session whose
    // first environment is elsewhere (the simulator) must not send it there, first or not.
    qputenv("ALCHEMYST_AI_API_KEY", "gui-key");
    m_gui.replaceWindow();
    window()->setSecretStore(new MemoryKeychain);
    window()->show();
    EnvironmentStore().save({QStringLiteral("Elsewhere"), simulator()->baseUrl(), false});
    const int requests = simulator()->requestCount();
    window()->useEnvironment(*EnvironmentStore().find(QStringLiteral("Elsewhere")));
    QTRY_VERIFY(banner()->isVisible());
    QVERIFY2(banner()->text().contains(QLatin1String("No API key")), qPrintable(banner()->text()));
    QVERIFY(window()->client()->apiKey().isEmpty());
    QCOMPARE(simulator()->requestCount(), requests);

    // Bound to this server by ALCHEMYST_AI_BASE_URL: now it is the variable's server, and its key goes.
    qputenv("ALCHEMYST_AI_BASE_URL", simulator()->baseUrl().toString().toUtf8());
    window()->useEnvironment(*EnvironmentStore().find(QStringLiteral("Elsewhere")));
    QTRY_COMPARE(window()->jobModel()->rowCount(), 7);
    QCOMPARE(window()->client()->apiKey(), QStringLiteral("gui-key"));
    QCOMPARE(MainWindow::environmentKeyServer(), simulator()->baseUrl());
    qunsetenv("ALCHEMYST_AI_BASE_URL");
    QCOMPARE(MainWindow::environmentKeyServer(), defaultBaseUrl());
}

ConnectionDialog* TestMainWindow::openEditDialog()
{
    window()->findChild<QAction*>(QStringLiteral("editEnvironmentAction"))->trigger();
    ConnectionDialog* dialog = nullptr;
    const bool shown = QTest::qWaitFor([&] {
        return (dialog = window()->findChild<ConnectionDialog*>(QStringLiteral("connectionDialog"))) &&
               dialog->isVisible();
    });
    return shown ? dialog : nullptr;
}

void TestMainWindow::editingTheUrlAsksBeforeTheKeyGoesToAnotherServer()
{
    // The other server would accept the key: only the operator's No keeps it from going there.
    Simulator other(Simulator::Options::empty(QStringLiteral("gui-key")));
    QVERIFY(other.listen() != 0);
    auto* keychain = new MemoryKeychain;
    const QString oldEntry = SecretStore::keyFor(QStringLiteral("Alpha"), simulator()->baseUrl().toString());
    const QString newEntry = SecretStore::keyFor(QStringLiteral("Alpha"), other.baseUrl().toString());
    keychain->entries.insert(oldEntry, QStringLiteral("gui-key"));
    window()->setSecretStore(keychain);
    EnvironmentStore().save({QStringLiteral("Alpha"), simulator()->baseUrl(), false});
    window()->useEnvironment(*EnvironmentStore().find(QStringLiteral("Alpha")));
    QTRY_COMPARE(window()->jobModel()->rowCount(), 7);

    ConnectionDialog* dialog = openEditDialog();
    QVERIFY(dialog);
    auto* url = dialog->findChild<QLineEdit*>(QStringLiteral("baseUrlEdit"));
    url->clear();
    QTest::keyClicks(url, other.baseUrl().toString());
    QTest::mouseClick(
        dialog->findChild<QDialogButtonBox*>(QStringLiteral("buttons"))->button(QDialogButtonBox::Save),
        Qt::LeftButton);
    QMessageBox* question = nullptr;
    QTRY_VERIFY((question = window()->findChild<QMessageBox*>(QStringLiteral("carryKeyQuestion"))) &&
                question->isVisible());
    QCOMPARE(question->defaultButton(), question->button(QMessageBox::No));
    QVERIFY(question->text().contains(displayHost(other.baseUrl())));
    snap(QStringLiteral("carry-key-question"), question);
    QTest::keyClick(question, Qt::Key_Return); // the default: No

    QTRY_VERIFY(banner()->isVisible());
    QVERIFY2(banner()->text().contains(QLatin1String("No API key")), qPrintable(banner()->text()));
    QVERIFY(window()->client()->apiKey().isEmpty());
    QCOMPARE(other.requestCount(), 0);
    QCOMPARE(window()->currentEnvironment().baseUrl, other.baseUrl());
    QCOMPARE(EnvironmentStore().find(QStringLiteral("Alpha"))->baseUrl, other.baseUrl());
    QVERIFY(!keychain->entries.contains(newEntry));
    QCOMPARE(keychain->entries.value(oldEntry), QStringLiteral("gui-key")); // still the old server's
}

void TestMainWindow::editingTheUrlCarriesTheKeyWhenTheOperatorSaysSo()
{
    Simulator other(Simulator::Options::empty(QStringLiteral("gui-key")));
    QVERIFY(other.listen() != 0);
    other.addJob(QStringLiteral("failed"), QStringLiteral("beta-only.pdf"));
    auto* keychain = new MemoryKeychain;
    const QString oldEntry = SecretStore::keyFor(QStringLiteral("Alpha"), simulator()->baseUrl().toString());
    const QString newEntry = SecretStore::keyFor(QStringLiteral("Beta"), other.baseUrl().toString());
    keychain->entries.insert(oldEntry, QStringLiteral("gui-key"));
    window()->setSecretStore(keychain);
    EnvironmentStore().save({QStringLiteral("Alpha"), simulator()->baseUrl(), false});
    window()->useEnvironment(*EnvironmentStore().find(QStringLiteral("Alpha")));
    QTRY_COMPARE(window()->jobModel()->rowCount(), 7);

    ConnectionDialog* dialog = openEditDialog();
    QVERIFY(dialog);
    auto* name = dialog->findChild<QLineEdit*>(QStringLiteral("nameEdit"));
    name->clear();
    QTest::keyClicks(name, QStringLiteral("Beta"));
    auto* url = dialog->findChild<QLineEdit*>(QStringLiteral("baseUrlEdit"));
    url->clear();
    QTest::keyClicks(url, other.baseUrl().toString());
    QTest::mouseClick(
        dialog->findChild<QDialogButtonBox*>(QStringLiteral("buttons"))->button(QDialogButtonBox::Save),
        Qt::LeftButton);
    QMessageBox* question = nullptr;
    QTRY_VERIFY((question = window()->findChild<QMessageBox*>(QStringLiteral("carryKeyQuestion"))) &&
                question->isVisible());
    QTest::mouseClick(question->button(QMessageBox::Yes), Qt::LeftButton);

    QTRY_COMPARE(window()->jobModel()->rowCount(), 1);
    QCOMPARE(window()->jobModel()->jobAt(0).fileName, QStringLiteral("beta-only.pdf"));
    QCOMPARE(window()->client()->apiKey(), QStringLiteral("gui-key"));
    QCOMPARE(keychain->entries.value(newEntry), QStringLiteral("gui-key"));
    QVERIFY(!keychain->entries.contains(oldEntry)); // moved, after the write succeeded
    QVERIFY(!EnvironmentStore().find(QStringLiteral("Alpha")));
    QCOMPARE(EnvironmentStore().activeName(), QStringLiteral("Beta"));
}

void TestMainWindow::aRefusedKeychainWriteKeepsTheOldKey()
{
    // A rename on the same server moves the key to a new entry; the keychain refuses the write. The old
    // entry must still be there: it was removed before the write used to be known to succeed.
    auto* keychain = new ReadOnlyKeychain;
    const QString oldEntry = SecretStore::keyFor(QStringLiteral("Alpha"), simulator()->baseUrl().toString());
    keychain->entries.insert(oldEntry, QStringLiteral("gui-key"));
    window()->setSecretStore(keychain);
    EnvironmentStore().save({QStringLiteral("Alpha"), simulator()->baseUrl(), false});
    window()->useEnvironment(*EnvironmentStore().find(QStringLiteral("Alpha")));
    QTRY_COMPARE(window()->jobModel()->rowCount(), 7);

    ConnectionDialog* dialog = openEditDialog();
    QVERIFY(dialog);
    auto* name = dialog->findChild<QLineEdit*>(QStringLiteral("nameEdit"));
    name->clear();
    QTest::keyClicks(name, QStringLiteral("Alpha EU"));
    QTest::mouseClick(
        dialog->findChild<QDialogButtonBox*>(QStringLiteral("buttons"))->button(QDialogButtonBox::Save),
        Qt::LeftButton);
    QTRY_VERIFY2(banner()->isVisible() && banner()->text().contains(QLatin1String("this session only")),
                 qPrintable(banner()->text()));
    QVERIFY(
        !window()->findChild<QMessageBox*>(QStringLiteral("carryKeyQuestion"))); // same server: no question
    QCOMPARE(keychain->entries.value(oldEntry), QStringLiteral("gui-key"));
    QTRY_COMPARE(window()->jobModel()->rowCount(), 7); // the key still serves this session
    QCOMPARE(window()->currentEnvironment().name, QStringLiteral("Alpha EU"));
}

void TestMainWindow::theDemoNameIsReservedInTheDialog()
{
    ConnectionDialog dialog(ConnectionDialog::Add, m_gui.manager());
    dialog.show();
    auto* name = dialog.findChild<QLineEdit*>(QStringLiteral("nameEdit"));
    auto* save =
        dialog.findChild<QDialogButtonBox*>(QStringLiteral("buttons"))->button(QDialogButtonBox::Save);
    auto* error = dialog.findChild<QLabel*>(QStringLiteral("errorLabel"));
    QTest::keyClicks(dialog.findChild<QLineEdit*>(QStringLiteral("apiKeyEdit")), QStringLiteral("a-key"));
    QVERIFY(save->isEnabled());
    QTest::keyClicks(name, EnvironmentStore::demoName().toUpper());
    QVERIFY(!save->isEnabled());
    QVERIFY(error->isVisible());
    QVERIFY2(error->text().contains(EnvironmentStore::demoName()), qPrintable(error->text()));
    snap(QStringLiteral("reserved-name"), &dialog);
    dialog.accept(); // as Enter would
    QVERIFY(dialog.isVisible());
    QCOMPARE(dialog.result(), int(QDialog::Rejected));

    name->clear();
    QTest::keyClicks(name, QStringLiteral("Staging"));
    QVERIFY(save->isEnabled());
    QVERIFY(!error->isVisible());
}

void TestMainWindow::cancelButtonShowsTheCoresWhyNot()
{
    CancelService* cancels = window()->session()->cancels();
    const QString active = m_gui.ids().value(QStringLiteral("active"));
    QVERIFY(selectJob(active));
    const QString whyNot = cancels->whyNot(active);
    QVERIFY(!whyNot.isEmpty());
    QVERIFY(!cancelButton()->isEnabled());
    QCOMPARE(cancelButton()->toolTip(), plainToolTip(whyNot));

    const QString waiting = m_gui.ids().value(QStringLiteral("waiting"));
    QVERIFY(selectJob(waiting));
    QVERIFY(cancels->whyNot(waiting).isEmpty());
    QVERIFY(cancelButton()->isEnabled());
    // The rule changes in core (a read-only environment): the button says what core says now.
    cancels->setReadOnly(true);
    window()->cancels()->updateSelection();
    QVERIFY(!cancelButton()->isEnabled());
    QVERIFY(!window()->findChild<QAction*>(QStringLiteral("cancelAction"))->isEnabled());
    QCOMPARE(cancelButton()->toolTip(), plainToolTip(cancels->whyNot(waiting)));
}

void TestMainWindow::lockedKeychainSaysLocked()
{
    window()->setSecretStore(new LockedKeychain);
    EnvironmentStore().save({QStringLiteral("Locked"), simulator()->baseUrl(), false});
    const int requests = simulator()->requestCount();
    window()->useEnvironment(*EnvironmentStore().find(QStringLiteral("Locked")));
    QTRY_VERIFY(banner()->isVisible());
    QVERIFY2(banner()->text().contains(QLatin1String("<b>Keychain locked.</b>")),
             qPrintable(banner()->text()));
    QVERIFY2(!banner()->text().contains(QLatin1String("No API key")), qPrintable(banner()->text()));
    QCOMPARE(linksIn(banner()->text()), QStringList{QStringLiteral("key")});
    QVERIFY(renderedText(banner()->text()).contains(QLatin1String("Enter a key for this session only")));
    QVERIFY(!window()->session()->hasApiKey());
    QCOMPARE(simulator()->requestCount(), requests);
    snap(QStringLiteral("keychain-locked"));

    // The link: a key for this session, which the locked keychain cannot keep.
    emit banner()->linkActivated(QStringLiteral("key"));
    ConnectionDialog* dialog = nullptr;
    QTRY_VERIFY((dialog = window()->findChild<ConnectionDialog*>(QStringLiteral("newKeyDialog"))) &&
                dialog->isVisible());
    QTest::keyClicks(dialog->findChild<QLineEdit*>(QStringLiteral("apiKeyEdit")), QStringLiteral("gui-key"));
    QTest::mouseClick(
        dialog->findChild<QDialogButtonBox*>(QStringLiteral("buttons"))->button(QDialogButtonBox::Save),
        Qt::LeftButton);
    QTRY_COMPARE(window()->jobModel()->rowCount(), 7);
    QTRY_VERIFY2(banner()->isVisible() && banner()->text().contains(QLatin1String("this session only")),
                 qPrintable(banner()->text()));
}

void TestMainWindow::switchingEnvironmentWhileACancelIsInFlightStillJournalsIt()
{
    QTemporaryDir dir;
    const Journal journal(dir.filePath(QStringLiteral("journal.jsonl")));
    window()->setJournal(journal);
    ScriptedApiServer server;
    server.cancel = ScriptedApiServer::jsonReply(
        200,
        QByteArrayLiteral("{\"success\":true,\"jobId\":\"7\",\"status\":\"cancelled\",\"message\":\"ok\"}"));
    server.holdCancels = true;
    QVERIFY(openScriptedJob(server, QStringLiteral("7")));
    QTest::mouseClick(cancelButton(), Qt::LeftButton);
    QTRY_COMPARE(server.heldCancels(), 1); // the DELETE is there; its answer is not on its way yet
    const QPointer<JobSession> scripted = window()->session();
    const QPointer<CancelService> service = scripted->cancels();

    window()->startDemo();
    QVERIFY(!scripted); // replaced: its reads and answers went with it
    QCOMPARE(window()->currentEnvironment().name, EnvironmentStore::demoName());
    QVERIFY(service); // but not its cancel on its way
    QCOMPARE(journal.attempts().size(), 1);
    QCOMPARE(journal.attempts().constFirst().outcome, unansweredOutcomeName());

    server.releaseCancels();
    QTRY_COMPARE(journal.attempts().value(0).outcome, QStringLiteral("cancelled"));
    const QList<JournalEntry> attempts = journal.attempts();
    QCOMPARE(attempts.size(), 1);
    QCOMPARE(attempts.constFirst().jobId, QStringLiteral("7"));
    QCOMPARE(attempts.constFirst().environment, QStringLiteral("Scripted"));
    QCOMPARE(attempts.constFirst().origin, QStringLiteral("window"));
    QTRY_VERIFY(!service); // its work done, the service went by itself
    // The demo's window says nothing of the other environment's job.
    QVERIFY(window()->findChildren<QMessageBox*>().isEmpty());
    QVERIFY(GuiFixture::stateInWindow(window(), QStringLiteral("7")).isEmpty());
}

void TestMainWindow::closingTheWindowWaitsForTheCancelsInFlight()
{
    QTemporaryDir dir;
    const Journal journal(dir.filePath(QStringLiteral("journal.jsonl")));
    window()->setJournal(journal);
    ScriptedApiServer server;
    server.cancel = ScriptedApiServer::jsonReply(
        200, QByteArrayLiteral("{\"success\":true,\"message\":\"Job cancelled\"}"));
    server.holdCancels = true;
    QVERIFY(openScriptedJob(server, QStringLiteral("7"), {QStringLiteral("8")}));
    QTest::mouseClick(cancelButton(), Qt::LeftButton);
    QTRY_COMPARE(server.heldCancels(), 1);
    QVERIFY(selectJob(QStringLiteral("8")));
    QTest::mouseClick(cancelButton(), Qt::LeftButton);
    QTRY_COMPARE(server.heldCancels(), 2);

    // The answer to 7 comes while the window waits; the one to 8 never does.
    QTimer::singleShot(300, &server, [&server] { server.releaseCancels(1); });
    QVERIFY(window()->close());
    QHash<QString, JournalEntry> byJob;
    for (const JournalEntry& entry : journal.attempts())
        byJob.insert(entry.jobId, entry);
    QCOMPARE(byJob.size(), 2);
    QCOMPARE(byJob.value(QStringLiteral("7")).outcome, QStringLiteral("cancelled"));
    const JournalEntry unknown = byJob.value(QStringLiteral("8"));
    QVERIFY2(unknown.outcome != unansweredOutcomeName() && unknown.outcome != QLatin1String("cancelled"),
             qPrintable(unknown.outcome));
    QVERIFY2(unknown.message.contains(QLatin1String("window was closed before the answer came")),
             qPrintable(unknown.message));
}

void TestMainWindow::entriesWithoutUsableIdAreSaidInTheBanner()
{
    // Two jobs and two entries that cannot be rows (a fraction, no id): never dropped without a word.
    ScriptedApiServer server;
    server.list =
        ScriptedApiServer::jsonReply(200, R"({"success":true,"jobs":[{"jobId":"1","status":"waiting"},)"
                                          R"({"jobId":1.5,"status":"waiting"},{"status":"failed"},)"
                                          R"({"id":"2","status":"waiting"}]})");
    window()->useEnvironment({QStringLiteral("Scripted"), QUrl(server.baseUrl()), false},
                             QStringLiteral("any-key"));
    QTRY_COMPARE(window()->jobModel()->rowCount(), 2);
    QTRY_VERIFY2(banner()->isVisible() && banner()->text().contains(QLatin1String(
                                              "2 list entries without a usable job id were skipped.")),
                 qPrintable(banner()->text()));
}

void TestMainWindow::aCancelRefusedHereNeverBlamesTheServer()
{
    // "." can be listed but no request can carry it: the cancel is refused here, and says so.
    ScriptedApiServer server;
    server.holdCancels = true;
    QVERIFY(openScriptedJob(server, QStringLiteral(".")));
    QTest::mouseClick(cancelButton(), Qt::LeftButton);
    QTRY_VERIFY2(window()->statusBar()->currentMessage().contains(QLatin1String("Job . was not cancelled")),
                 qPrintable(window()->statusBar()->currentMessage()));
    const QString said = window()->statusBar()->currentMessage();
    QVERIFY2(!said.contains(QLatin1String("Server:")), qPrintable(said));
    QVERIFY2(!said.contains(QLatin1String("server rejected"), Qt::CaseInsensitive), qPrintable(said));
    for (const QMessageBox* box : window()->findChildren<QMessageBox*>())
        QVERIFY2(!box->isVisible(), qPrintable(box->text() + box->informativeText()));
    QCOMPARE(server.heldCancels(), 0); // nothing was sent
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
