// Removing an environment from the window, as the CLI's `env remove` does: the saved entry and its API
// key in the system keychain (a real Secret Service: gnome-keyring under dbus-run-session, see
// tests/run-tests.sh), confirmed by name, refused for the demo, and kept when the keychain fails.
#include "connectiondialog.h"
#include "core/connection.h"
#include "credentials/secretstore.h"
#include "guifixture.h"
#include "jobs/jobmodel.h"
#include "mainwindow.h"
#include "simulator/simulator.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QMessageBox>
#include <QNetworkAccessManager>
#include <QPushButton>
#include <QSettings>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

using namespace Alchemyst;

// QSKIP returns from the function it is in: the test's own, not a helper's.
#define REQUIRE_KEYRING()                                                                                    \
    if (!m_haveKeyring)                                                                                      \
    QSKIP("No Secret Service here: run the suite through tests/run-tests.sh (dbus-run-session + "            \
          "gnome-keyring).")

namespace {

const QString Service = QStringLiteral("com.getalchemystai.JobMonitor.test");

// A keychain that reads and writes but cannot remove, as a locked collection answers.
class LockedKeychain : public SecretStore
{
public:
    LockedKeychain()
        : SecretStore(QStringLiteral("locked"))
    {}
    void read(const QString&, Callback done) override
    {
        SecretResult result;
        result.status = SecretResult::Ok;
        result.secret = QStringLiteral("removal-key");
        done(result);
    }
    void write(const QString&, const QString&, Callback done) override
    {
        SecretResult result;
        result.status = SecretResult::Ok;
        done(result);
    }
    void remove(const QString&, Callback done) override
    {
        SecretResult result;
        result.status = SecretResult::AccessDenied;
        result.message = QStringLiteral("The keychain is locked.");
        done(result);
    }
};

} // namespace

class TestEnvironmentRemoval : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void removesTheEnvironmentAndItsKey();
    void cancellingKeepsEverything();
    void keychainFailureKeepsTheEnvironment();
    void theDemoCannotBeRemoved();

private:
    // File → Edit Environment…, then the dialog's Remove Environment… button; returns the question.
    QMessageBox* askToRemove();

    QTemporaryDir m_settingsDir;
    bool m_haveKeyring = false;
    QNetworkAccessManager* m_manager = nullptr;
    Simulator* m_simulator = nullptr;
    MainWindow* m_window = nullptr;
    QString m_key;
};

void TestEnvironmentRemoval::initTestCase()
{
    QVERIFY(GuiFixture::isolateSettings(m_settingsDir, QStringLiteral("tst_environmentremoval")));
#ifdef Q_OS_LINUX
    // Only the throwaway keyring of tests/run-tests.sh is written to, never a developer's own.
    if (qEnvironmentVariableIntValue("AJM_REQUIRE_KEYRING") &&
        !qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS")) {
        SecretStore probe(Service);
        m_haveKeyring =
            probe.writeSync(QStringLiteral("probe"), QStringLiteral("x")).status == SecretResult::Ok;
        probe.removeSync(QStringLiteral("probe"));
    }
    if (!m_haveKeyring && qEnvironmentVariableIntValue("AJM_REQUIRE_KEYRING"))
        QFAIL("AJM_REQUIRE_KEYRING is set but no Secret Service answered");
#endif
}

void TestEnvironmentRemoval::init()
{
    QSettings().clear();
    m_key = QStringLiteral("sk-test-") + QUuid::createUuid().toString(QUuid::Id128);
    QVERIFY((m_simulator = GuiFixture::startSimulator(m_key, this)));
    m_simulator->addJob(QStringLiteral("waiting"), QStringLiteral("a.pdf"));
    m_manager = new QNetworkAccessManager(this);
    m_window = new MainWindow(m_manager);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window));
}

void TestEnvironmentRemoval::cleanup()
{
    GuiFixture::closeMessageBoxes(m_window);
    delete m_window;
    delete m_manager;
    delete m_simulator;
}

QMessageBox* TestEnvironmentRemoval::askToRemove()
{
    m_window->findChild<QAction*>(QStringLiteral("editEnvironmentAction"))->trigger();
    ConnectionDialog* dialog = nullptr;
    if (!QTest::qWaitFor(
            [&] { return (dialog = m_window->findChild<ConnectionDialog*>()) && dialog->isVisible(); }))
        return nullptr;
    auto* remove = dialog->findChild<QPushButton*>(QStringLiteral("removeEnvironmentButton"));
    if (!remove || !remove->isVisible())
        return nullptr;
    QTest::mouseClick(remove, Qt::LeftButton);
    QMessageBox* question = nullptr;
    const bool asked = QTest::qWaitFor([&] {
        return (question = m_window->findChild<QMessageBox*>(QStringLiteral("removeEnvironmentQuestion")));
    });
    return asked ? question : nullptr;
}

void TestEnvironmentRemoval::removesTheEnvironmentAndItsKey()
{
    REQUIRE_KEYRING();
    m_window->setSecretStore(new SecretStore(Service));
    const Environment staging{QStringLiteral("Staging"), m_simulator->baseUrl(), false};
    const Environment other{QStringLiteral("Other"), m_simulator->baseUrl(), false};
    QVERIFY(EnvironmentStore().save(other));
    // Saved and its key written to the keychain by the window, as File → Add Environment does.
    m_window->addEnvironmentWithKey(staging, m_key);
    QTRY_COMPARE(m_window->jobModel()->rowCount(), 1);
    QCOMPARE(m_window->currentEnvironment().name, staging.name);
    SecretStore keychain(Service);
    const QString entry = SecretStore::keyFor(staging.name, staging.baseUrl.toString());
    QCOMPARE(keychain.readSync(entry).secret, m_key);

    QMessageBox* question = askToRemove();
    QVERIFY(question);
    QVERIFY2(question->text().contains(QLatin1String("\"Staging\"")), qPrintable(question->text()));
    QCOMPARE(question->defaultButton(), question->button(QMessageBox::Cancel));
    QTest::mouseClick(question->findChild<QPushButton*>(QStringLiteral("removeButton")), Qt::LeftButton);

    QTRY_VERIFY(!EnvironmentStore().find(staging.name).has_value());
    QCOMPARE(keychain.readSync(entry).status, SecretResult::NotFound);
    // It was the environment shown: the window went to the other one, and the chooser no longer offers it.
    QTRY_COMPARE(m_window->currentEnvironment().name, other.name);
    auto* combo = m_window->findChild<QComboBox*>(QStringLiteral("environmentCombo"));
    QCOMPARE(combo->findData(staging.name), -1);
    QVERIFY(m_window->statusBar()->currentMessage().contains(QLatin1String("Staging")));
    QVERIFY(!m_window->statusBar()->currentMessage().contains(m_key));
}

void TestEnvironmentRemoval::cancellingKeepsEverything()
{
    REQUIRE_KEYRING();
    m_window->setSecretStore(new SecretStore(Service));
    const Environment staging{QStringLiteral("Kept"), m_simulator->baseUrl(), false};
    m_window->addEnvironmentWithKey(staging, m_key);
    QTRY_COMPARE(m_window->jobModel()->rowCount(), 1);
    QMessageBox* question = askToRemove();
    QVERIFY(question);
    QTest::mouseClick(question->button(QMessageBox::Cancel), Qt::LeftButton);
    QTRY_VERIFY(!m_window->findChild<QMessageBox*>(QStringLiteral("removeEnvironmentQuestion")));
    QVERIFY(EnvironmentStore().find(staging.name).has_value());
    SecretStore keychain(Service);
    const QString entry = SecretStore::keyFor(staging.name, staging.baseUrl.toString());
    QCOMPARE(keychain.readSync(entry).secret, m_key);
    QCOMPARE(m_window->currentEnvironment().name, staging.name);
    keychain.removeSync(entry);
}

void TestEnvironmentRemoval::keychainFailureKeepsTheEnvironment()
{
    m_window->setSecretStore(new LockedKeychain);
    const Environment locked{QStringLiteral("Locked"), m_simulator->baseUrl(), false};
    QVERIFY(EnvironmentStore().save(locked));
    m_window->useEnvironment(locked);
    QTRY_COMPARE(m_window->currentEnvironment().name, locked.name);
    QMessageBox* question = askToRemove();
    QVERIFY(question);
    QTest::mouseClick(question->findChild<QPushButton*>(QStringLiteral("removeButton")), Qt::LeftButton);
    QMessageBox* error = nullptr;
    QTRY_VERIFY((error = m_window->findChild<QMessageBox*>(QStringLiteral("environmentRemoveErrorDialog"))));
    QVERIFY2(error->text().contains(QLatin1String("was kept")), qPrintable(error->text()));
    QVERIFY2(error->informativeText().contains(QLatin1String("locked")),
             qPrintable(error->informativeText()));
    QVERIFY(EnvironmentStore().find(locked.name).has_value());
    QCOMPARE(m_window->currentEnvironment().name, locked.name);
}

void TestEnvironmentRemoval::theDemoCannotBeRemoved()
{
    m_window->startDemo();
    QTRY_COMPARE(m_window->currentEnvironment().name, EnvironmentStore::demoName());
    auto* remove = m_window->findChild<QAction*>(QStringLiteral("removeEnvironmentAction"));
    QVERIFY(remove);
    QVERIFY(!remove->isEnabled());
    // Edit on the demo offers to add an environment: there is nothing to remove in it.
    m_window->findChild<QAction*>(QStringLiteral("editEnvironmentAction"))->trigger();
    ConnectionDialog* dialog = nullptr;
    QTRY_VERIFY((dialog = m_window->findChild<ConnectionDialog*>()) && dialog->isVisible());
    auto* button = dialog->findChild<QPushButton*>(QStringLiteral("removeEnvironmentButton"));
    QVERIFY(!button || !button->isVisible());
    dialog->reject();
    QCOMPARE(m_window->currentEnvironment().name, EnvironmentStore::demoName());
}

QTEST_MAIN(TestEnvironmentRemoval)
#include "tst_environmentremoval.moc"
