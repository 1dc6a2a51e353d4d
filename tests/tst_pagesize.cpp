// The page size that worked for a server whose pages were over the response cap is kept for it, so that
// the next start of the window's session, or of a command, begins there instead of failing or halving
// again: a halving in one session is found by the next one, and by the CLI (a real process).
#include "api/apiclient.h"
#include "core/connection.h"
#include "core/jobmonitor.h"
#include "core/jobsession.h"
#include "core/journal.h"
#include "guifixture.h"
#include "jobs/jobmodel.h"
#include "simulator/simulator.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Alchemyst;

class TestPageSize : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void aHalvedPageSizeIsKeptForTheNextSession();
    void theCommandLineStartsAtTheRememberedSize();
    void anotherServerKeepsTheDefault();

private:
    QTemporaryDir m_dir;
    Simulator* m_simulator = nullptr;
    QNetworkAccessManager* m_manager = nullptr;
};

void TestPageSize::initTestCase()
{
    QVERIFY(GuiFixture::isolateSettings(m_dir, QStringLiteral("tst_pagesize")));
    qputenv("XDG_RUNTIME_DIR", QFile::encodeName(m_dir.path()));
    QFile::setPermissions(m_dir.path(), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    m_simulator = GuiFixture::startSimulator(QStringLiteral("page-key"), this);
    QVERIFY(m_simulator);
    for (int i = 0; i < 60; ++i)
        m_simulator->addJob(QStringLiteral("waiting"),
                            QStringLiteral("document-%1-with-a-long-name.pdf").arg(i));
    m_manager = new QNetworkAccessManager(this);
}

void TestPageSize::cleanupTestCase()
{
    delete m_manager;
    delete m_simulator;
}

void TestPageSize::aHalvedPageSizeIsKeptForTheNextSession()
{
    const Environment environment{QStringLiteral("Large Data"), m_simulator->baseUrl(), false};
    QCOMPARE(EnvironmentStore().rememberedPageSize(environment.baseUrl), 0);
    {
        JobSession session(m_manager, environment, Journal(m_dir.filePath(QStringLiteral("j.jsonl"))),
                           CancelOrigin::Window);
        ApiClient* client = session.monitor()->client();
        QCOMPARE(client->pageSize(), ApiClient::DefaultPageSize);
        // 60 jobs in one page are over this cap; 15 are not.
        client->setMaxResponseBytes(8 * 1024);
        session.monitor()->setAutoRefresh(false);
        QSignalSpy finished(session.monitor(), &JobMonitor::passFinished);
        session.setApiKey(QStringLiteral("page-key"), JobSession::KeySource::Environment);
        QVERIFY(finished.wait(15000));
        QCOMPARE(session.monitor()->model()->rowCount(), 60);
        QVERIFY2(client->pageSize() < 60, qPrintable(QString::number(client->pageSize())));
        QCOMPARE(EnvironmentStore().rememberedPageSize(environment.baseUrl), client->pageSize());
    }
    // The next session for this server starts at that size, however the server is spelled.
    QUrl spelled = m_simulator->baseUrl();
    spelled.setPath(QStringLiteral("/"));
    const int remembered = EnvironmentStore().rememberedPageSize(spelled);
    QVERIFY(remembered > 0);
    JobSession next(m_manager, {QStringLiteral("Large Data"), spelled, false}, Journal(),
                    CancelOrigin::Window);
    QCOMPARE(next.monitor()->client()->pageSize(), remembered);
}

void TestPageSize::theCommandLineStartsAtTheRememberedSize()
{
    // Written where the command's own settings live (its organisation and name, under its config home).
    QTemporaryDir home;
    QVERIFY(home.isValid());
    const QString config = home.filePath(QStringLiteral("config"));
    {
        const QString organization = QCoreApplication::organizationName();
        const QString application = QCoreApplication::applicationName();
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, config);
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, config);
        QCoreApplication::setOrganizationName(QStringLiteral(AJM_ORG_NAME));
        QCoreApplication::setApplicationName(QStringLiteral("Alchemyst Job Monitor"));
        QVERIFY(EnvironmentStore().rememberPageSize(m_simulator->baseUrl(), 7));
        QCoreApplication::setOrganizationName(organization);
        QCoreApplication::setApplicationName(application);
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_dir.path());
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_dir.path());
    }
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("HOME"), home.path());
    environment.insert(QStringLiteral("XDG_CONFIG_HOME"), config);
    environment.insert(QStringLiteral("XDG_DATA_HOME"), home.filePath(QStringLiteral("data")));
    environment.insert(QStringLiteral("XDG_RUNTIME_DIR"), home.path());
    environment.remove(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"));
    environment.insert(QStringLiteral("ALCHEMYST_AI_BASE_URL"), m_simulator->baseUrl().toString());
    environment.insert(QStringLiteral("ALCHEMYST_AI_API_KEY"), QStringLiteral("page-key"));
    QFile::setPermissions(home.path(), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    const int before = m_simulator->listRequestCount();
    QProcess process;
    process.setProcessEnvironment(environment);
    process.start(QStringLiteral(AJM_CLI_PATH), {QStringLiteral("list"), QStringLiteral("--json")});
    QVERIFY(QTest::qWaitFor([&process] { return process.state() == QProcess::NotRunning; }, 30000));
    QCOMPARE(process.exitCode(), 0);
    QCOMPARE(QJsonDocument::fromJson(process.readAllStandardOutput()).array().size(), 60);
    // 60 jobs in pages of 7: 9 list requests (the last one short), where the default size takes one.
    QCOMPARE(m_simulator->listRequestCount() - before, 9);
}

void TestPageSize::anotherServerKeepsTheDefault()
{
    EnvironmentStore store;
    QVERIFY(store.rememberPageSize(QUrl(QStringLiteral("https://one.example")), 250));
    QCOMPARE(store.rememberedPageSize(QUrl(QStringLiteral("https://ONE.example:443/"))), 250);
    QCOMPARE(store.rememberedPageSize(QUrl(QStringLiteral("https://two.example"))), 0);
    QVERIFY(!store.rememberPageSize(QUrl(QStringLiteral("https://two.example")), 0));
    QCOMPARE(store.rememberedPageSize(QUrl(QStringLiteral("https://two.example"))), 0);
    JobSession session(m_manager, {QStringLiteral("Two"), QUrl(QStringLiteral("https://two.example")), false},
                       Journal(), CancelOrigin::Window);
    QCOMPARE(session.monitor()->client()->pageSize(), ApiClient::DefaultPageSize);
}

QTEST_MAIN(TestPageSize)
#include "tst_pagesize.moc"
