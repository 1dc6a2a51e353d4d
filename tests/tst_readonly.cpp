// Read-only end to end: an environment flagged read-only (env add --read-only, the dialog's checkbox) or a
// run given --read-only cancels nothing. The CLI refuses `cancel` with exit 2 before the journal or the
// network (the simulator counts no DELETE), `env list` says it, the window shows no cancel, and the
// environment dialog keeps the flag.
#include "cancelcontroller.h"
#include "connectiondialog.h"
#include "core/cancelservice.h"
#include "core/jobmonitor.h"
#include "core/jobsession.h"
#include "guifixture.h"
#include "jobs/jobmodel.h"
#include "mainwindow.h"
#include "simulator/simulator.h"

#include <QAction>
#include <QCheckBox>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QPushButton>
#include <QSettings>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace Alchemyst;

namespace {
const QString Key = QStringLiteral("ro-key");
} // namespace

class TestReadOnly : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void cliCancelOnAReadOnlyEnvironmentExits2AndSendsNothing();
    void cliReadOnlyOptionRefusesForOneRun();
    void envListShowsReadOnly();
    void windowWithReadOnlyShowsNoCancel();
    void dialogRoundTripsTheFlag();

private:
    struct Run
    {
        int code = -1;
        QString out;
        QString err;
    };
    Run run(const QStringList& arguments);

    QTemporaryDir m_settingsDir;
    QTemporaryDir* m_home = nullptr;
    Simulator* m_simulator = nullptr;
};

void TestReadOnly::initTestCase()
{
    QVERIFY(GuiFixture::isolateSettings(m_settingsDir, QStringLiteral("tst_readonly")));
}

void TestReadOnly::init()
{
    QVERIFY((m_simulator = GuiFixture::startSimulator(Key, this)));
    m_home = new QTemporaryDir;
}

void TestReadOnly::cleanup()
{
    JobSession::setForceReadOnly(false);
    delete m_simulator;
    m_simulator = nullptr;
    delete m_home;
    m_home = nullptr;
}

TestReadOnly::Run TestReadOnly::run(const QStringList& arguments)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("HOME"), m_home->path());
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_home->filePath(QStringLiteral("config")));
    env.insert(QStringLiteral("XDG_DATA_HOME"), m_home->filePath(QStringLiteral("data")));
    env.remove(QStringLiteral("DBUS_SESSION_BUS_ADDRESS")); // no keychain: the key comes from the variable
    env.insert(QStringLiteral("ALCHEMYST_AI_API_KEY"), Key);
    env.insert(QStringLiteral("ALCHEMYST_AI_BASE_URL"), m_simulator->baseUrl().toString());
    QProcess process;
    process.setProcessEnvironment(env);
    process.start(QStringLiteral(AJM_CLI_PATH), arguments);
    // The simulator answers in this process: the event loop turns while the tool runs.
    if (!QTest::qWaitFor([&process] { return process.state() == QProcess::NotRunning; }, 60000)) {
        process.kill();
        process.waitForFinished();
    }
    Run result;
    result.code = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.out = QString::fromUtf8(process.readAllStandardOutput());
    result.err = QString::fromUtf8(process.readAllStandardError());
    return result;
}

void TestReadOnly::cliCancelOnAReadOnlyEnvironmentExits2AndSendsNothing()
{
    const QString id = m_simulator->addJob(QStringLiteral("waiting"), QStringLiteral("a.pdf"));
    const QString other = m_simulator->addJob(QStringLiteral("waiting"), QStringLiteral("b.pdf"));
    const QString url = m_simulator->baseUrl().toString();
    Run added = run({QStringLiteral("env"), QStringLiteral("add"), QStringLiteral("Viewer"),
                     QStringLiteral("--base-url"), url, QStringLiteral("--read-only")});
    QCOMPARE(added.code, 0);
    QVERIFY2(added.out.contains(QLatin1String("read-only")), qPrintable(added.out));

    const int before = m_simulator->cancelRequestCount();
    const Run refused =
        run({QStringLiteral("cancel"), QStringLiteral("--env"), QStringLiteral("Viewer"), id});
    QCOMPARE(refused.code, 2);
    QVERIFY2(refused.err.contains(CancelService::readOnlyReason()), qPrintable(refused.err));
    QVERIFY2(refused.err.contains(QLatin1String("Viewer")), qPrintable(refused.err));
    // Selectors and a dry run are refused the same way.
    QCOMPARE(run({QStringLiteral("cancel"), QStringLiteral("--env"), QStringLiteral("Viewer"),
                  QStringLiteral("--state"), QStringLiteral("waiting"), QStringLiteral("--yes")})
                 .code,
             2);
    QCOMPARE(m_simulator->cancelRequestCount(), before);
    QCOMPARE(m_simulator->jobState(id), QStringLiteral("waiting"));
    // Nothing journaled either.
    const QString journal = m_home->filePath(QStringLiteral("data/Alchemyst AI/Alchemyst Job Monitor"));
    QDir journalDir(journal);
    QVERIFY(journalDir.entryList({QStringLiteral("*journal*")}, QDir::Files).isEmpty());

    // The same server through an environment that is not read-only: the cancel goes (the count works).
    QCOMPARE(run({QStringLiteral("env"), QStringLiteral("add"), QStringLiteral("Operator"),
                  QStringLiteral("--base-url"), url})
                 .code,
             0);
    const Run sent =
        run({QStringLiteral("cancel"), QStringLiteral("--env"), QStringLiteral("Operator"), other});
    QVERIFY2(sent.code == 0, qPrintable(sent.err));
    QCOMPARE(m_simulator->cancelRequestCount(), before + 1);
    QCOMPARE(m_simulator->jobState(other), QStringLiteral("cancelled"));
}

void TestReadOnly::cliReadOnlyOptionRefusesForOneRun()
{
    const QString id = m_simulator->addJob(QStringLiteral("waiting"));
    const int before = m_simulator->cancelRequestCount();
    const Run refused = run({QStringLiteral("cancel"), QStringLiteral("--read-only"), id});
    QCOMPARE(refused.code, 2);
    QVERIFY2(refused.err.contains(CancelService::readOnlyReason()), qPrintable(refused.err));
    QVERIFY2(refused.err.contains(QLatin1String("--read-only")), qPrintable(refused.err));
    QCOMPARE(m_simulator->cancelRequestCount(), before);
    QCOMPARE(m_simulator->jobState(id), QStringLiteral("waiting"));
    // Reading is what a read-only run is for.
    const Run listed = run({QStringLiteral("list"), QStringLiteral("--read-only")});
    QVERIFY2(listed.code == 0, qPrintable(listed.err));
    QVERIFY(listed.out.contains(id));
}

void TestReadOnly::envListShowsReadOnly()
{
    const QString url = m_simulator->baseUrl().toString();
    QCOMPARE(run({QStringLiteral("env"), QStringLiteral("add"), QStringLiteral("Wall"),
                  QStringLiteral("--base-url"), url, QStringLiteral("--read-only")})
                 .code,
             0);
    QCOMPARE(run({QStringLiteral("env"), QStringLiteral("add"), QStringLiteral("Desk"),
                  QStringLiteral("--base-url"), QStringLiteral("http://127.0.0.1:1/")})
                 .code,
             0);
    const Run table = run({QStringLiteral("env"), QStringLiteral("list")});
    QCOMPARE(table.code, 0);
    const QStringList lines = table.out.split(QLatin1Char('\n'));
    bool wall = false, desk = false;
    for (const QString& line : lines) {
        if (line.contains(QLatin1String("Wall"))) {
            wall = true;
            QVERIFY2(line.contains(QLatin1String("read-only")), qPrintable(line));
        }
        if (line.contains(QLatin1String("Desk"))) {
            desk = true;
            QVERIFY2(!line.contains(QLatin1String("read-only")), qPrintable(line));
        }
    }
    QVERIFY(wall && desk);
    const Run json = run({QStringLiteral("env"), QStringLiteral("list"), QStringLiteral("--json")});
    QCOMPARE(json.code, 0);
    const QJsonArray array = QJsonDocument::fromJson(json.out.toUtf8()).array();
    QCOMPARE(array.size(), 2);
    for (const QJsonValue& value : array) {
        const QJsonObject object = value.toObject();
        QVERIFY(object.contains(QLatin1String("readOnly")));
        QCOMPARE(object.value(QLatin1String("readOnly")).toBool(),
                 object.value(QLatin1String("name")).toString() == QLatin1String("Wall"));
    }
}

void TestReadOnly::windowWithReadOnlyShowsNoCancel()
{
    // What main() does for --read-only, before the window: an environment that is not read-only is.
    JobSession::setForceReadOnly(true);
    const QString id = m_simulator->addJob(QStringLiteral("waiting"), QStringLiteral("w.pdf"));
    QNetworkAccessManager manager;
    MainWindow window(&manager);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.useEnvironment(Environment{QStringLiteral("Local test"), m_simulator->baseUrl(), false}, Key);
    QTRY_COMPARE(window.jobModel()->rowCount(), 1);
    QVERIFY(!window.session()->environment().readOnly);
    QVERIFY(window.session()->isReadOnly());
    auto* table = window.findChild<QTableView*>(QStringLiteral("jobTable"));
    QVERIFY(GuiFixture::selectJob(table, id, JobModel::IdColumn));
    auto* button = window.findChild<QPushButton*>(QStringLiteral("cancelButton"));
    QVERIFY(button);
    QTRY_VERIFY(!button->isVisible());
    auto* action = window.findChild<QAction*>(QStringLiteral("cancelAction"));
    QVERIFY(action);
    QVERIFY(!action->isVisible());
    const int before = m_simulator->cancelRequestCount();
    window.cancelSelected();
    QTest::qWait(200); // absence: nothing to wait for
    QCOMPARE(m_simulator->cancelRequestCount(), before);
    QCOMPARE(m_simulator->jobState(id), QStringLiteral("waiting"));
    GuiFixture::closeMessageBoxes(&window);
}

void TestReadOnly::dialogRoundTripsTheFlag()
{
    QNetworkAccessManager manager;
    ConnectionDialog dialog(ConnectionDialog::Edit, &manager);
    auto* check = dialog.findChild<QCheckBox*>(QStringLiteral("readOnlyCheck"));
    QVERIFY(check);
    QCOMPARE(check->text(), QStringLiteral("Read-only (no cancels from this machine)"));
    Environment environment{QStringLiteral("Wall"), QUrl(QStringLiteral("https://example.test")), true};
    environment.readOnly = true;
    dialog.setEnvironment(environment, false);
    QVERIFY(check->isChecked());
    QCOMPARE(dialog.environment().readOnly, true);
    QCOMPARE(dialog.environment().production, true);
    check->click();
    QCOMPARE(dialog.environment().readOnly, false);
    environment.readOnly = false;
    dialog.setEnvironment(environment, false);
    QVERIFY(!check->isChecked());
    check->click();
    QCOMPARE(dialog.environment().readOnly, true);
}

QTEST_MAIN(TestReadOnly)
#include "tst_readonly.moc"
