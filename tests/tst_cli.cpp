// alchemyst-jobs through QProcess against the simulator: output and exit codes.
#include "simulator/simulator.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace Alchemyst;

class TestCli : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void listJsonReturnsEveryJobAcrossPages();
    void listFiltersByClientSideState();
    void listTextTable();
    void statusOfOneJob();
    void cancelExitCodes_data();
    void cancelExitCodes();
    void cancelSeveralHighestCodeWins();
    void conflictMessageIsVerbatim();
    void authFailuresExit5_data();
    void authFailuresExit5();
    void missingKeySaysHowToProvideOne();
    void networkErrorExits7();
    void usageErrorsExit2_data();
    void usageErrorsExit2();
    void versionAndHelp();
    void simulateServesTheApi();

private:
    struct Run
    {
        int code = -1;
        QString out;
        QString err;
    };
    Run run(const QStringList& arguments, const QString& key = QStringLiteral("cli-key"));

    Simulator* m_simulator = nullptr;
    QTemporaryDir* m_home = nullptr;
};

void TestCli::init()
{
    m_simulator = new Simulator(Simulator::Options::empty(QStringLiteral("cli-key")), this);
    QVERIFY(m_simulator->listen() != 0);
    m_home = new QTemporaryDir;
}

void TestCli::cleanup()
{
    delete m_simulator;
    delete m_home;
}

TestCli::Run TestCli::run(const QStringList& arguments, const QString& key)
{
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("HOME"), m_home->path());
    environment.insert(QStringLiteral("XDG_CONFIG_HOME"), m_home->filePath(QStringLiteral("config")));
    environment.remove(QStringLiteral("ALCHEMYST_AI_BASE_URL"));
    environment.remove(QStringLiteral("DBUS_SESSION_BUS_ADDRESS")); // no keychain unless a test wants one
    if (key.isEmpty())
        environment.remove(QStringLiteral("ALCHEMYST_AI_API_KEY"));
    else
        environment.insert(QStringLiteral("ALCHEMYST_AI_API_KEY"), key);
    process.setProcessEnvironment(environment);
    process.start(QStringLiteral(AJM_CLI_PATH), arguments);
    // The simulator lives in this process: keep its event loop turning while the tool runs.
    if (!QTest::qWaitFor([&process] { return process.state() == QProcess::NotRunning; }, 30000)) {
        process.kill();
        process.waitForFinished();
        QTest::qFail("alchemyst-jobs did not finish", __FILE__, __LINE__);
    }
    Run result;
    result.code = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.out = QString::fromUtf8(process.readAllStandardOutput());
    result.err = QString::fromUtf8(process.readAllStandardError());
    return result;
}

void TestCli::listJsonReturnsEveryJobAcrossPages()
{
    for (int i = 0; i < 37; ++i)
        m_simulator->addJob(i % 3 ? QStringLiteral("completed") : QStringLiteral("waiting"),
                            QStringLiteral("doc-%1.pdf").arg(i));
    m_simulator->setMaxPageSize(10); // the server caps pages: the tool must still get all 37
    const Run result = run({QStringLiteral("--base-url"), m_simulator->baseUrl().toString(),
                            QStringLiteral("list"), QStringLiteral("--json")});
    QCOMPARE(result.code, 0);
    const QJsonArray jobs = QJsonDocument::fromJson(result.out.toUtf8()).array();
    QCOMPARE(jobs.size(), 37);
    const QJsonObject first = jobs.first().toObject();
    QStringList keys = first.keys();
    keys.sort();
    QCOMPARE(keys, (QStringList{QStringLiteral("attemptsMade"), QStringLiteral("failedReason"),
                                QStringLiteral("fileName"), QStringLiteral("finishedOn"),
                                QStringLiteral("jobId"), QStringLiteral("processedOn"),
                                QStringLiteral("source"), QStringLiteral("status")}));
    QCOMPARE(first.value(QLatin1String("fileName")).toString(), QStringLiteral("doc-0.pdf"));
    QVERIFY(first.value(QLatin1String("failedReason")).isNull());
    QVERIFY(first.value(QLatin1String("processedOn")).isNull());
}

void TestCli::listFiltersByClientSideState()
{
    m_simulator->addJob(QStringLiteral("waiting"));
    m_simulator->addJob(QStringLiteral("delayed"));
    m_simulator->addJob(QStringLiteral("delayed"));
    m_simulator->addJob(QStringLiteral("failed"));
    const Run delayed =
        run({QStringLiteral("--base-url"), m_simulator->baseUrl().toString(), QStringLiteral("list"),
             QStringLiteral("--state"), QStringLiteral("delayed"), QStringLiteral("--json")});
    QCOMPARE(delayed.code, 0);
    QCOMPARE(QJsonDocument::fromJson(delayed.out.toUtf8()).array().size(), 2);
    const Run failed =
        run({QStringLiteral("--base-url"), m_simulator->baseUrl().toString(), QStringLiteral("list"),
             QStringLiteral("--state"), QStringLiteral("failed"), QStringLiteral("--json")});
    QCOMPARE(QJsonDocument::fromJson(failed.out.toUtf8()).array().size(), 1);
    QVERIFY(m_simulator->lastRawPath().contains("type=failed"));
}

void TestCli::listTextTable()
{
    m_simulator->addJob(QStringLiteral("failed"), QStringLiteral("reports%2Fq3%1.pdf")); // no arg() surprises
    const Run result =
        run({QStringLiteral("--base-url"), m_simulator->baseUrl().toString(), QStringLiteral("list")});
    QCOMPARE(result.code, 0);
    QVERIFY(result.out.startsWith(QLatin1String("JOB ID")));
    QVERIFY2(result.out.contains(QLatin1String("reports%2Fq3%1.pdf")), qPrintable(result.out));
    QVERIFY(result.out.contains(QLatin1String("failed")));
    QVERIFY(result.err.contains(QLatin1String("1 job(s)")));
}

void TestCli::statusOfOneJob()
{
    const QString id = m_simulator->addJob(QStringLiteral("active"));
    const Run text =
        run({QStringLiteral("--base-url"), m_simulator->baseUrl().toString(), QStringLiteral("status"), id});
    QCOMPARE(text.code, 0);
    QVERIFY(text.out.contains(QStringLiteral("State:     active")));
    const Run json = run({QStringLiteral("--base-url"), m_simulator->baseUrl().toString(),
                          QStringLiteral("status"), id, QStringLiteral("--json")});
    QCOMPARE(QJsonDocument::fromJson(json.out.toUtf8()).object().value(QLatin1String("jobId")).toString(),
             id);
    const Run missing = run({QStringLiteral("--base-url"), m_simulator->baseUrl().toString(),
                             QStringLiteral("status"), QStringLiteral("123456789")});
    QCOMPARE(missing.code, 4);
}

void TestCli::cancelExitCodes_data()
{
    QTest::addColumn<QString>("state");
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("output");
    QTest::newRow("waiting") << "waiting" << 0 << ": cancelled — Job cancelled successfully";
    QTest::newRow("delayed") << "delayed" << 0 << ": cancelled";
    QTest::newRow("active") << "active" << 3 << ": running (HTTP 409)";
    QTest::newRow("completed") << "completed" << 4 << ": not-found (HTTP 404)";
    QTest::newRow("invalid id") << "" << 6 << "invalid-id (HTTP 400): Invalid job id";
}

void TestCli::cancelExitCodes()
{
    QFETCH(QString, state);
    QFETCH(int, code);
    QFETCH(QString, output);
    const QString id = state.isEmpty() ? QStringLiteral("a/b") : m_simulator->addJob(state);
    const Run result =
        run({QStringLiteral("--base-url"), m_simulator->baseUrl().toString(), QStringLiteral("cancel"), id});
    QCOMPARE(result.code, code);
    QVERIFY2(result.out.contains(output), qPrintable(result.out));
    QVERIFY(result.out.startsWith(id));
}

void TestCli::cancelSeveralHighestCodeWins()
{
    const QString waiting = m_simulator->addJob(QStringLiteral("waiting"));
    const QString active = m_simulator->addJob(QStringLiteral("active"));
    const QString completed = m_simulator->addJob(QStringLiteral("completed"));
    const Run result = run({QStringLiteral("--base-url"), m_simulator->baseUrl().toString(),
                            QStringLiteral("cancel"), waiting, active, completed});
    QCOMPARE(result.code, 4);
    QCOMPARE(result.out.count(QLatin1Char('\n')), 3);
    QCOMPARE(m_simulator->jobState(waiting), QStringLiteral("cancelled"));
}

void TestCli::conflictMessageIsVerbatim()
{
    const QString id = m_simulator->addJob(QStringLiteral("active"));
    const Run result =
        run({QStringLiteral("--base-url"), m_simulator->baseUrl().toString(), QStringLiteral("cancel"), id});
    QCOMPARE(result.code, 3);
    QVERIFY(result.out.contains(QString::fromLatin1(Simulator::ConflictMessage)));
}

void TestCli::authFailuresExit5_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("words");
    QTest::newRow("401") << "wrong"
                         << "unauthorized (HTTP 401)";
    QTest::newRow("402") << QString::fromLatin1(Simulator::PaymentRequiredToken)
                         << "payment-required (HTTP 402)";
    QTest::newRow("403") << QString::fromLatin1(Simulator::ForbiddenToken) << "forbidden (HTTP 403)";
}

void TestCli::authFailuresExit5()
{
    QFETCH(QString, key);
    QFETCH(QString, words);
    const QString id = m_simulator->addJob(QStringLiteral("waiting"));
    const Run cancel = run(
        {QStringLiteral("--base-url"), m_simulator->baseUrl().toString(), QStringLiteral("cancel"), id}, key);
    QCOMPARE(cancel.code, 5);
    QVERIFY2(cancel.out.contains(words), qPrintable(cancel.out));
    const Run list =
        run({QStringLiteral("--base-url"), m_simulator->baseUrl().toString(), QStringLiteral("list")}, key);
    QCOMPARE(list.code, 5);
    QVERIFY(list.err.contains(words));
}

void TestCli::missingKeySaysHowToProvideOne()
{
    const Run result = run(
        {QStringLiteral("--base-url"), m_simulator->baseUrl().toString(), QStringLiteral("list")}, QString());
    QCOMPARE(result.code, 5);
    QVERIFY2(result.err.contains(QLatin1String("ALCHEMYST_AI_API_KEY")), qPrintable(result.err));
    QCOMPARE(m_simulator->requestCount(), 0);
}

void TestCli::networkErrorExits7()
{
    m_simulator->setLive(false);
    const QString url = QStringLiteral("http://127.0.0.1:1");
    const Run result = run({QStringLiteral("--base-url"), url, QStringLiteral("list")});
    QCOMPARE(result.code, 7);
    QVERIFY(result.err.contains(QLatin1String("network-error")));
    const Run server =
        run({QStringLiteral("--base-url"), m_simulator->baseUrl().toString(), QStringLiteral("list")},
            QString::fromLatin1(Simulator::ServerErrorToken));
    QCOMPARE(server.code, 7);
}

void TestCli::usageErrorsExit2_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::newRow("no command") << QStringList{};
    QTest::newRow("unknown command") << QStringList{QStringLiteral("frobnicate")};
    QTest::newRow("unknown option") << QStringList{QStringLiteral("list"), QStringLiteral("--bogus")};
    QTest::newRow("cancel without ids") << QStringList{QStringLiteral("cancel")};
    QTest::newRow("status without id") << QStringList{QStringLiteral("status")};
    QTest::newRow("plain http elsewhere") << QStringList{
        QStringLiteral("--base-url"), QStringLiteral("http://example.com"), QStringLiteral("list")};
    QTest::newRow("key as an argument is not a thing")
        << QStringList{QStringLiteral("--api-key"), QStringLiteral("x"), QStringLiteral("list")};
}

void TestCli::usageErrorsExit2()
{
    QFETCH(QStringList, arguments);
    if (!arguments.contains(QStringLiteral("--base-url")))
        arguments.prepend(m_simulator->baseUrl().toString()), arguments.prepend(QStringLiteral("--base-url"));
    const Run result = run(arguments);
    QCOMPARE(result.code, 2);
    QVERIFY(!result.err.isEmpty());
}

void TestCli::versionAndHelp()
{
    const Run version = run({QStringLiteral("--version")});
    QCOMPARE(version.code, 0);
    QCOMPARE(version.out.trimmed(), QStringLiteral("alchemyst-jobs " AJM_VERSION));
    const Run help = run({QStringLiteral("--help")});
    QCOMPARE(help.code, 0);
    QVERIFY(help.out.contains(QLatin1String("Exit codes")));
}

void TestCli::simulateServesTheApi()
{
    QProcess simulator;
    simulator.start(QStringLiteral(AJM_CLI_PATH),
                    {QStringLiteral("simulate"), QStringLiteral("--jobs"), QStringLiteral("42"),
                     QStringLiteral("--token"), QStringLiteral("sim-tok")});
    QVERIFY(simulator.waitForStarted());
    QTRY_VERIFY_WITH_TIMEOUT(simulator.canReadLine(), 10000);
    const QString url = QString::fromUtf8(simulator.readLine()).trimmed();
    QVERIFY2(url.startsWith(QLatin1String("http://127.0.0.1:")), qPrintable(url));
    QProcess client;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("ALCHEMYST_AI_API_KEY"), QStringLiteral("sim-tok"));
    environment.insert(QStringLiteral("HOME"), m_home->path());
    environment.insert(QStringLiteral("XDG_CONFIG_HOME"), m_home->filePath(QStringLiteral("config")));
    client.setProcessEnvironment(environment);
    client.start(QStringLiteral(AJM_CLI_PATH),
                 {QStringLiteral("--base-url"), url, QStringLiteral("list"), QStringLiteral("--json")});
    QVERIFY(client.waitForFinished(20000));
    QCOMPARE(client.exitCode(), 0);
    QVERIFY(QJsonDocument::fromJson(client.readAllStandardOutput()).array().size() >= 42);
    simulator.terminate();
    simulator.waitForFinished(5000);
}

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
