// alchemyst-jobs through QProcess against the simulator: output and exit codes.
#include "api/apiclient.h"
#include "core/connection.h"
#include "rawhttpserver.h"
#include "simulator/simulator.h"

#include <QDirIterator>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocalServer>
#include <QLocalSocket>
#include <QProcess>
#include <QRegularExpression>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

#ifdef Q_OS_UNIX
#include <csignal>
#include <fcntl.h>
#include <stdlib.h>
#include <termios.h>
#include <unistd.h>
#endif

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
    void commandHelpPrintsOnlyThatCommand();
    void mistypedCommandSuggestsTheNearest_data();
    void mistypedCommandSuggestsTheNearest();
    void optionOfAnotherCommandPointsToItsHelp_data();
    void optionOfAnotherCommandPointsToItsHelp();
    void helpCommandForm();
    void overviewListsEveryCommand();
    void simulateServesTheApi();

    // Security review: server text, argument checks, credentials in URLs, key binding, settings
    // writes, environments' names, keychain failures, terminal echo.
    void serverTextCannotDriveTheTerminal();
    void cancelMessagesCannotOverwriteTheirPrefix();
    void commandLineIsCheckedBeforeKeychainOrNetwork_data();
    void commandLineIsCheckedBeforeKeychainOrNetwork();
    void keychainProbeSeesAKeychainRead();
    void baseUrlIsNeverRewrittenAndReportedAsTyped();
    void credentialsInBaseUrlAreRefusedUnechoed();
    void apiKeyVariableGoesOnlyToItsServer();
    void concurrentEnvAddsKeepEveryEnvironment();
    void unwritableSettingsFailTheCommand_data();
    void unwritableSettingsFailTheCommand();
    void envAddNeverReplacesSilently();
    void demoNameIsReserved();
    void envRemoveReportsKeychainFailure();
    void loginRestoresEchoOnSignal_data();
    void loginRestoresEchoOnSignal();

private:
    struct Run
    {
        int code = -1;
        QString out;
        QString err;
    };
    // The key given goes with ALCHEMYST_AI_BASE_URL set to the simulator, the server it belongs to.
    // extra: more variables; a null value removes one.
    Run run(const QStringList& arguments, const QString& key = QStringLiteral("cli-key"),
            const QList<QPair<QString, QString>>& extra = {});
    QProcessEnvironment environmentFor(const QString& key, const QList<QPair<QString, QString>>& extra) const;
    QString settingsFile() const;

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

QProcessEnvironment TestCli::environmentFor(const QString& key,
                                            const QList<QPair<QString, QString>>& extra) const
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("HOME"), m_home->path());
    environment.insert(QStringLiteral("XDG_CONFIG_HOME"), m_home->filePath(QStringLiteral("config")));
    environment.remove(QStringLiteral("ALCHEMYST_AI_BASE_URL"));
    environment.remove(QStringLiteral("DBUS_SESSION_BUS_ADDRESS")); // no keychain unless a test wants one
    if (key.isEmpty()) {
        environment.remove(QStringLiteral("ALCHEMYST_AI_API_KEY"));
    } else {
        environment.insert(QStringLiteral("ALCHEMYST_AI_API_KEY"), key);
        environment.insert(QStringLiteral("ALCHEMYST_AI_BASE_URL"), m_simulator->baseUrl().toString());
    }
    for (const auto& [name, value] : extra) {
        if (value.isNull())
            environment.remove(name);
        else
            environment.insert(name, value);
    }
    return environment;
}

QString TestCli::settingsFile() const
{
    QDirIterator files(m_home->filePath(QStringLiteral("config")), {QStringLiteral("*.conf")}, QDir::Files,
                       QDirIterator::Subdirectories);
    return files.hasNext() ? files.next() : QString();
}

TestCli::Run TestCli::run(const QStringList& arguments, const QString& key,
                          const QList<QPair<QString, QString>>& extra)
{
    QProcess process;
    process.setProcessEnvironment(environmentFor(key, extra));
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
    QCOMPARE(
        keys,
        (QStringList{QStringLiteral("ageMs"), QStringLiteral("attemptsMade"), QStringLiteral("failedReason"),
                     QStringLiteral("fileName"), QStringLiteral("finishedOn"), QStringLiteral("firstSeen"),
                     QStringLiteral("jobId"), QStringLiteral("processedOn"), QStringLiteral("source"),
                     QStringLiteral("status"), QStringLiteral("stuck")}));
    QCOMPARE(first.value(QLatin1String("fileName")).toString(), QStringLiteral("doc-36.pdf")); // newest first
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
    QVERIFY(result.err.contains(QLatin1String("1 job from")));
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
    const Run result = run({QStringLiteral("--base-url"), url, QStringLiteral("list")},
                           QStringLiteral("cli-key"), {{QStringLiteral("ALCHEMYST_AI_BASE_URL"), url}});
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

void TestCli::commandHelpPrintsOnlyThatCommand()
{
    // No key, no settings, no keychain (no session bus): a help page needs none of them.
    const Run cancel = run({QStringLiteral("cancel"), QStringLiteral("--help")}, QString());
    QCOMPARE(cancel.code, 0);
    QVERIFY(cancel.err.isEmpty());
    QVERIFY2(cancel.out.startsWith(QLatin1String("Usage: alchemyst-jobs cancel ")), qPrintable(cancel.out));
    for (const char* own : {"--from-file", "--dry-run", "--no-journal", "--yes", "--waiting-over",
                            "--timeout", "Exit codes", "For several cancels"})
        QVERIFY2(cancel.out.contains(QLatin1String(own)), own);
    QVERIFY(!cancel.out.contains(QLatin1String("--csv")));
    QVERIFY(!cancel.out.contains(QLatin1String("--active-over")));

    const Run list = run({QStringLiteral("list"), QStringLiteral("--help")}, QString());
    QCOMPARE(list.code, 0);
    QVERIFY(list.out.startsWith(QLatin1String("Usage: alchemyst-jobs list ")));
    QVERIFY(list.out.contains(QLatin1String("--csv")));
    QVERIFY(!list.out.contains(QLatin1String("--from-file")));

    // journal reads a file: its page offers none of the network options.
    const Run journal = run({QStringLiteral("journal"), QStringLiteral("--help")}, QString());
    QCOMPARE(journal.code, 0);
    QVERIFY(journal.out.contains(QLatin1String("--since")));
    QVERIFY(!journal.out.contains(QLatin1String("--timeout")));
    QVERIFY(!journal.out.contains(QLatin1String("--base-url")));

    // --help wins over the rest of the command line, even what would be a usage error.
    const Run withOthers =
        run({QStringLiteral("cancel"), QStringLiteral("--csv"), QStringLiteral("-h")}, QString());
    QCOMPARE(withOthers.code, 0);
    QCOMPARE(withOthers.out, cancel.out);
    QCOMPARE(m_simulator->requestCount(), 0);
    QVERIFY(settingsFile().isEmpty());
}

void TestCli::mistypedCommandSuggestsTheNearest_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("expected");
    QTest::newRow("lsit") << QStringList{QStringLiteral("lsit")}
                          << "unknown command \"lsit\"; did you mean \"list\"? (see: alchemyst-jobs --help)";
    QTest::newRow("stauts 1") << QStringList{QStringLiteral("stauts"), QStringLiteral("1")}
                              << "unknown command \"stauts\"; did you mean \"status\"?";
    QTest::newRow("cancle") << QStringList{QStringLiteral("cancle"), QStringLiteral("1")}
                            << "did you mean \"cancel\"?";
    QTest::newRow("prefix") << QStringList{QStringLiteral("jour")} << "did you mean \"journal\"?";
    QTest::newRow("env lsit") << QStringList{QStringLiteral("env"), QStringLiteral("lsit")}
                              << "env takes list, add, remove or use; did you mean \"env list\"?";
    QTest::newRow("option") << QStringList{QStringLiteral("list"), QStringLiteral("--jsno")}
                            << "Did you mean --json? (see: alchemyst-jobs list --help)";
    QTest::newRow("nothing near") << QStringList{QStringLiteral("frobnicate")}
                                  << "unknown command \"frobnicate\" (see: alchemyst-jobs --help)";
}

void TestCli::mistypedCommandSuggestsTheNearest()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, expected);
    const Run result = run(arguments, QString());
    QCOMPARE(result.code, 2);
    QVERIFY2(result.err.contains(expected), qPrintable(result.err));
    QCOMPARE(result.err.count(QLatin1Char('\n')), 1);
    QVERIFY(result.out.isEmpty());
    if (QTest::currentDataTag() == QByteArrayLiteral("nothing near"))
        QVERIFY(!result.err.contains(QLatin1String("did you mean")));
    QVERIFY(settingsFile().isEmpty());
}

void TestCli::optionOfAnotherCommandPointsToItsHelp_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("expected");
    QTest::newRow("--csv on status")
        << QStringList{QStringLiteral("status"), QStringLiteral("1"), QStringLiteral("--csv")}
        << "alchemyst-jobs: --csv does not apply to \"status\" (see: alchemyst-jobs status --help)\n";
    QTest::newRow("--active-over on cancel")
        << QStringList{QStringLiteral("cancel"), QStringLiteral("1"), QStringLiteral("--active-over"),
                       QStringLiteral("5m")}
        << "alchemyst-jobs: --active-over does not apply to \"cancel\" (see: alchemyst-jobs cancel --help)\n";
    QTest::newRow("--base-url on journal, before the command")
        << QStringList{QStringLiteral("--base-url"), QStringLiteral("https://example.com"),
                       QStringLiteral("journal")}
        << "alchemyst-jobs: --base-url does not apply to \"journal\" (see: alchemyst-jobs journal --help)\n";
    QTest::newRow("--keep-key on env add")
        << QStringList{QStringLiteral("env"),
                       QStringLiteral("add"),
                       QStringLiteral("X"),
                       QStringLiteral("--base-url"),
                       QStringLiteral("https://x.example.com"),
                       QStringLiteral("--keep-key")}
        << "alchemyst-jobs: --keep-key does not apply to \"env add\" (see: alchemyst-jobs env --help)\n";
}

void TestCli::optionOfAnotherCommandPointsToItsHelp()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, expected);
    const Run result = run(arguments);
    QCOMPARE(result.code, 2);
    QCOMPARE(result.err, expected);
    QVERIFY(result.out.isEmpty());
    QCOMPARE(m_simulator->requestCount(), 0);
    QVERIFY(settingsFile().isEmpty());
    // The page it points to exists.
    const QString command =
        expected.section(QLatin1String("(see: alchemyst-jobs "), 1).section(QLatin1Char(' '), 0, 0);
    const Run page = run({command, QStringLiteral("--help")}, QString());
    QCOMPARE(page.code, 0);
    QVERIFY(page.out.startsWith(QLatin1String("Usage: alchemyst-jobs ") + command + QLatin1Char(' ')));
}

void TestCli::helpCommandForm()
{
    const Run page = run({QStringLiteral("help"), QStringLiteral("cancel")}, QString());
    QCOMPARE(page.code, 0);
    QCOMPARE(page.out, run({QStringLiteral("cancel"), QStringLiteral("--help")}, QString()).out);
    QVERIFY(page.out.contains(QLatin1String("--from-file")));
    const Run envAction =
        run({QStringLiteral("help"), QStringLiteral("env"), QStringLiteral("add")}, QString());
    QCOMPARE(envAction.code, 0);
    QCOMPARE(envAction.out, run({QStringLiteral("env"), QStringLiteral("--help")}, QString()).out);
    const Run overview = run({QStringLiteral("help")}, QString());
    QCOMPARE(overview.code, 0);
    QCOMPARE(overview.out, run({QStringLiteral("--help")}, QString()).out);
    const Run unknown = run({QStringLiteral("help"), QStringLiteral("cancle")}, QString());
    QCOMPARE(unknown.code, 2);
    QVERIFY2(unknown.err.contains(QLatin1String("did you mean \"cancel\"?")), qPrintable(unknown.err));
    QVERIFY(unknown.out.isEmpty());
}

void TestCli::overviewListsEveryCommand()
{
    const QStringList commands{QStringLiteral("list"),     QStringLiteral("status"),
                               QStringLiteral("stuck"),    QStringLiteral("failures"),
                               QStringLiteral("cancel"),   QStringLiteral("journal"),
                               QStringLiteral("simulate"), QStringLiteral("env"),
                               QStringLiteral("login"),    QStringLiteral("logout")};
    const Run overview = run({QStringLiteral("--help")}, QString());
    QCOMPARE(overview.code, 0);
    QString everything = overview.out;
    for (const QString& command : commands) {
        QVERIFY2(overview.out.contains(QLatin1String("\n  ") + command + QLatin1Char(' ')),
                 qPrintable(command));
        const Run page = run({command, QStringLiteral("--help")}, QString());
        QCOMPARE(page.code, 0);
        QVERIFY2(page.out.startsWith(QLatin1String("Usage: alchemyst-jobs ") + command + QLatin1Char(' ')),
                 qPrintable(page.out));
        QVERIFY(page.out.contains(QLatin1String("Exit codes: ")));
        everything += page.out;
    }
    // Short: the global options, the exit codes and where the rest is; no command's own options.
    for (const char* part :
         {"--base-url URL", "--env NAME", "--timeout SECONDS", "--requests-per-minute N", "--version",
          "Exit codes: 0 success", "alchemyst-jobs COMMAND --help (or: alchemyst-jobs help COMMAND)"})
        QVERIFY2(overview.out.contains(QLatin1String(part)), part);
    for (const char* other : {"--from-file", "--csv", "--keep-key", "--since"})
        QVERIFY2(!overview.out.contains(QLatin1String(other)), other);
    // What the single manual said before the pages, each still said somewhere.
    for (const char* said :
         {"STATE is waiting, delayed,", "--json adds ageMs, stuck and firstSeen", "(DURATION: 90s, 15m, 2h)",
          "largest group first", "the server\n    answers 409 or 404", "the local record of cancel attempts",
          "an existing NAME is replaced only with --replace", "unless --keep-key",
          "store the API key read from standard input", "retried twice; a cancel is never retried",
          "else from the OS keychain entry of the environment", "nothing is sent unless --no-journal",
          "or its name typed on a terminal", "For several cancels the highest code wins"}) {
        QString wanted = QString::fromUtf8(said);
        wanted.replace(QLatin1String("\n    "), QLatin1String(" "));
        QString flat = everything;
        flat.replace(QLatin1Char('\n'), QLatin1Char(' '));
        while (flat.contains(QLatin1String("  ")))
            flat.replace(QLatin1String("  "), QLatin1String(" "));
        QVERIFY2(flat.contains(wanted), said);
    }
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
    environment.insert(QStringLiteral("ALCHEMYST_AI_BASE_URL"), url);
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

namespace {

// The first code point a terminal or the bidi algorithm would act on, other than the line feeds that end
// the tool's own lines; empty when there is none.
QString firstUnsafe(const QString& text)
{
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char16_t c = text.at(i).unicode();
        if (c == u'\n')
            continue;
        if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || (c >= 0x202a && c <= 0x202e) ||
            (c >= 0x2066 && c <= 0x2069) || c == 0x200e || c == 0x200f || c == 0x061c || c == 0x2028 ||
            c == 0x2029)
            return QStringLiteral("U+%1 at %2 in: %3")
                .arg(uint(c), 4, 16, QLatin1Char('0'))
                .arg(i)
                .arg(text.left(300).toHtmlEscaped());
    }
    return {};
}

const QString Hostile = QStringLiteral("a") + QStringLiteral("\x1b]0;pwned\x07") +
                        QStringLiteral("\x1b]52;c;ZXZpbA==\x07") + QStringLiteral("\r\n999 forged") +
                        QChar(0x202e) + QStringLiteral("fdp.exe");

RawHttpServer::Reply jsonReply(int status, const QJsonObject& body)
{
    RawHttpServer::Reply reply;
    reply.status = status;
    reply.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    return reply;
}

} // namespace

void TestCli::serverTextCannotDriveTheTerminal()
{
    RawHttpServer server;
    QVERIFY(server.start() != 0);
    const QList<QPair<QString, QString>> toServer{
        {QStringLiteral("ALCHEMYST_AI_BASE_URL"), server.baseUrl()}};
    const QJsonObject hostileJob{
        {QStringLiteral("jobId"), QStringLiteral("\x1b[2J42")},
        {QStringLiteral("status"), QStringLiteral("failed\x1b[31m")},
        {QStringLiteral("attemptsMade"), 1},
        {QStringLiteral("failedReason"), Hostile},
        {QStringLiteral("data"),
         QJsonObject{{QStringLiteral("metadata"), QJsonObject{{QStringLiteral("fileName"), Hostile}}}}}};
    const QJsonObject sourceOnly{{QStringLiteral("jobId"), QStringLiteral("43")},
                                 {QStringLiteral("status"), QStringLiteral("waiting")},
                                 {QStringLiteral("data"), QJsonObject{{QStringLiteral("source"), Hostile}}}};
    server.setReply(jsonReply(200, {{QStringLiteral("success"), true},
                                    {QStringLiteral("jobs"), QJsonArray{hostileJob, sourceOnly}}}));
    const Run list = run({QStringLiteral("list")}, QStringLiteral("cli-key"), toServer);
    QCOMPARE(list.code, 0);
    QVERIFY2(firstUnsafe(list.out).isEmpty(), qPrintable(firstUnsafe(list.out)));
    QVERIFY2(firstUnsafe(list.err).isEmpty(), qPrintable(firstUnsafe(list.err)));
    QCOMPARE(list.out.count(QLatin1Char('\n')), 3); // the header and two rows: nothing forged
    QVERIFY(!list.out.contains(QLatin1String("\n999 forged")));
    // Shown, as visible escapes: the operator still sees what the server sent.
    QVERIFY2(list.out.contains(
                 QLatin1String("a\\x1b]0;pwned\\x07\\x1b]52;c;ZXZpbA==\\x07\\r\\n999 forged\\u202efdp.exe")),
             qPrintable(list.out));
    // JSON output was already escaped correctly and stays exact.
    const Run json =
        run({QStringLiteral("list"), QStringLiteral("--json")}, QStringLiteral("cli-key"), toServer);
    QCOMPARE(QJsonDocument::fromJson(json.out.toUtf8())
                 .array()
                 .first()
                 .toObject()
                 .value(QLatin1String("fileName"))
                 .toString(),
             Hostile);

    QJsonObject single = hostileJob;
    single.insert(QStringLiteral("success"), true);
    single.insert(QStringLiteral("status"), Hostile);
    server.setReply(jsonReply(200, single));
    const Run status =
        run({QStringLiteral("status"), QStringLiteral("42")}, QStringLiteral("cli-key"), toServer);
    QCOMPARE(status.code, 0);
    QVERIFY2(firstUnsafe(status.out).isEmpty(), qPrintable(firstUnsafe(status.out)));
    QVERIFY(status.out.contains(QLatin1String("Reason:    a\\x1b]0;pwned")));

    // Error lines carry the server's message: made safe too.
    server.setReply(
        jsonReply(500, {{QStringLiteral("success"), false}, {QStringLiteral("message"), Hostile}}));
    const Run failed =
        run({QStringLiteral("list"), QStringLiteral("--requests-per-minute"), QStringLiteral("0")},
            QStringLiteral("cli-key"), toServer);
    QCOMPARE(failed.code, 7);
    QVERIFY2(firstUnsafe(failed.err).isEmpty(), qPrintable(firstUnsafe(failed.err)));
    QVERIFY2(failed.err.contains(QLatin1String("pwned")), qPrintable(failed.err));
}

void TestCli::cancelMessagesCannotOverwriteTheirPrefix()
{
    RawHttpServer server;
    QVERIFY(server.start() != 0);
    const QList<QPair<QString, QString>> toServer{
        {QStringLiteral("ALCHEMYST_AI_BASE_URL"), server.baseUrl()}};
    server.setReply(jsonReply(409, {{QStringLiteral("error"), QStringLiteral("Context add is running\rOK: "
                                                                             "cancelled\x1b[K")}}));
    const Run conflict =
        run({QStringLiteral("cancel"), QStringLiteral("7")}, QStringLiteral("cli-key"), toServer);
    QCOMPARE(conflict.code, 3);
    QVERIFY2(firstUnsafe(conflict.out).isEmpty(), qPrintable(firstUnsafe(conflict.out)));
    QVERIFY2(conflict.out.startsWith(QLatin1String("7: running (HTTP 409): Context add is running\\rOK")),
             qPrintable(conflict.out));

    server.setReply(
        jsonReply(404, {{QStringLiteral("success"), false},
                        {QStringLiteral("message"), QStringLiteral("gone\x1b]0;title\x07\n8: cancelled")}}));
    const Run missing =
        run({QStringLiteral("cancel"), QStringLiteral("8")}, QStringLiteral("cli-key"), toServer);
    QCOMPARE(missing.code, 4);
    QVERIFY2(firstUnsafe(missing.out).isEmpty(), qPrintable(firstUnsafe(missing.out)));
    QCOMPARE(missing.out.count(QLatin1Char('\n')), 1);
}

void TestCli::commandLineIsCheckedBeforeKeychainOrNetwork_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("words");
    QTest::newRow("timeout nan") << QStringList{QStringLiteral("list"), QStringLiteral("--timeout"),
                                                QStringLiteral("nan")}
                                 << "--timeout";
    QTest::newRow("timeout inf") << QStringList{QStringLiteral("list"), QStringLiteral("--timeout"),
                                                QStringLiteral("inf")}
                                 << "--timeout";
    QTest::newRow("timeout 0.0001") << QStringList{QStringLiteral("list"), QStringLiteral("--timeout"),
                                                   QStringLiteral("0.0001")}
                                    << "--timeout";
    QTest::newRow("timeout 0") << QStringList{QStringLiteral("list"), QStringLiteral("--timeout"),
                                              QStringLiteral("0")}
                               << "--timeout";
    QTest::newRow("timeout 3601") << QStringList{QStringLiteral("list"), QStringLiteral("--timeout"),
                                                 QStringLiteral("3601")}
                                  << "--timeout";
    QTest::newRow("timeout words") << QStringList{QStringLiteral("status"), QStringLiteral("1"),
                                                  QStringLiteral("--timeout"), QStringLiteral("soon")}
                                   << "--timeout";
    QTest::newRow("unknown command") << QStringList{QStringLiteral("frobnicate")} << "unknown command";
    QTest::newRow("status 1 2") << QStringList{QStringLiteral("status"), QStringLiteral("1"),
                                               QStringLiteral("2")}
                                << "status ID";
    QTest::newRow("list with an argument")
        << QStringList{QStringLiteral("list"), QStringLiteral("waiting")} << "list [--state";
    QTest::newRow("login with an argument")
        << QStringList{QStringLiteral("login"), QStringLiteral("key")} << "login";
    QTest::newRow("--replace on list") << QStringList{QStringLiteral("list"), QStringLiteral("--replace")}
                                       << "--replace does not apply to \"list\"";
    QTest::newRow("--csv on cancel") << QStringList{QStringLiteral("cancel"), QStringLiteral("1"),
                                                    QStringLiteral("--csv")}
                                     << "--csv does not apply";
    QTest::newRow("ids and selectors") << QStringList{QStringLiteral("cancel"), QStringLiteral("1"),
                                                      QStringLiteral("--state"), QStringLiteral("waiting")}
                                       << "not both";
    QTest::newRow("cancel --state active")
        << QStringList{QStringLiteral("cancel"), QStringLiteral("--state"), QStringLiteral("active")}
        << "waiting or delayed";
    QTest::newRow("duration without unit")
        << QStringList{QStringLiteral("stuck"), QStringLiteral("--waiting-over"), QStringLiteral("15")}
        << "with its unit";
    QTest::newRow("json and csv") << QStringList{QStringLiteral("list"), QStringLiteral("--json"),
                                                 QStringLiteral("--csv")}
                                  << "give one of --json, --jsonl and --csv";
    QTest::newRow("--yes on stuck") << QStringList{QStringLiteral("stuck"), QStringLiteral("--yes")}
                                    << "--yes does not apply";
    QTest::newRow("--timeout on logout")
        << QStringList{QStringLiteral("logout"), QStringLiteral("--timeout"), QStringLiteral("5")}
        << "--timeout does not apply";
    QTest::newRow("--port on list") << QStringList{QStringLiteral("list"), QStringLiteral("--port"),
                                                   QStringLiteral("5")}
                                    << "--port does not apply";
    QTest::newRow("--jsonl on env list")
        << QStringList{QStringLiteral("env"), QStringLiteral("list"), QStringLiteral("--jsonl")}
        << "--jsonl does not apply to \"env list\"";
    QTest::newRow("env add without url")
        << QStringList{QStringLiteral("env"), QStringLiteral("add"), QStringLiteral("X")}
        << "env add NAME --base-url";
    QTest::newRow("env remove two") << QStringList{QStringLiteral("env"), QStringLiteral("remove"),
                                                   QStringLiteral("A"), QStringLiteral("B")}
                                    << "env remove NAME";
    QTest::newRow("env frob") << QStringList{QStringLiteral("env"), QStringLiteral("frob")} << "env takes";
    QTest::newRow("pace -1") << QStringList{QStringLiteral("list"), QStringLiteral("--requests-per-minute"),
                                            QStringLiteral("-1")}
                             << "--requests-per-minute";
    QTest::newRow("empty --env") << QStringList{QStringLiteral("list"), QStringLiteral("--env"), QString()}
                                 << "--env";
}

void TestCli::commandLineIsCheckedBeforeKeychainOrNetwork()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, words);
    // A session bus that counts who comes: reading or writing the keychain connects to it.
    QLocalServer bus;
    const QString busPath = m_home->filePath(QStringLiteral("bus"));
    QVERIFY(bus.listen(busPath));
    int connections = 0;
    connect(&bus, &QLocalServer::newConnection, &bus, [&] {
        while (QLocalSocket* socket = bus.nextPendingConnection()) {
            ++connections;
            socket->abort();
            socket->deleteLater();
        }
    });
    // No key in the environment: a run that got past the arguments would read the keychain.
    const Run result =
        run(arguments, QString(),
            {{QStringLiteral("DBUS_SESSION_BUS_ADDRESS"), QStringLiteral("unix:path=") + busPath},
             {QStringLiteral("ALCHEMYST_AI_BASE_URL"), m_simulator->baseUrl().toString()}});
    QCOMPARE(result.code, 2);
    QVERIFY2(result.err.contains(words), qPrintable(result.err));
    QCoreApplication::processEvents();
    QCOMPARE(connections, 0);
    QCOMPARE(m_simulator->requestCount(), 0);
    QVERIFY(settingsFile().isEmpty()); // nor the settings written
}

void TestCli::keychainProbeSeesAKeychainRead()
{
    // The probe of the test above works: a valid command without a key does reach the bus.
    QLocalServer bus;
    const QString busPath = m_home->filePath(QStringLiteral("bus"));
    QVERIFY(bus.listen(busPath));
    int connections = 0;
    connect(&bus, &QLocalServer::newConnection, &bus, [&] {
        while (QLocalSocket* socket = bus.nextPendingConnection()) {
            ++connections;
            socket->abort();
            socket->deleteLater();
        }
    });
    const Run result =
        run({QStringLiteral("list")}, QString(),
            {{QStringLiteral("DBUS_SESSION_BUS_ADDRESS"), QStringLiteral("unix:path=") + busPath},
             {QStringLiteral("ALCHEMYST_AI_BASE_URL"), m_simulator->baseUrl().toString()}});
    QCOMPARE(result.code, 5);
    QTRY_VERIFY(connections > 0);
}

void TestCli::baseUrlIsNeverRewrittenAndReportedAsTyped()
{
    QVERIFY(parseBaseUrl(QStringLiteral("http://")).host().isEmpty());
    QVERIFY(parseBaseUrl(QStringLiteral("https://")).host().isEmpty());
    QVERIFY(parseBaseUrl(QStringLiteral("http:")).host().isEmpty());
    QVERIFY(parseBaseUrl(QStringLiteral("http:/example.com")).host().isEmpty());
    QCOMPARE(parseBaseUrl(QStringLiteral("example.com/")), QUrl(QStringLiteral("https://example.com")));
    QCOMPARE(parseBaseUrl(QStringLiteral("example.com:8443")),
             QUrl(QStringLiteral("https://example.com:8443")));
    QCOMPARE(parseBaseUrl(QStringLiteral("http://127.0.0.1:8080//")),
             QUrl(QStringLiteral("http://127.0.0.1:8080")));
    for (const QString& typed :
         {QStringLiteral("http://"), QStringLiteral("ht tp://x"), QStringLiteral("https://exa%mple.com")}) {
        const Run result = run({QStringLiteral("--base-url"), typed, QStringLiteral("list")});
        QCOMPARE(result.code, 2);
        QVERIFY2(result.err.contains(QLatin1Char('"') + typed + QLatin1Char('"')), qPrintable(result.err));
        QVERIFY2(!result.err.contains(QLatin1String("https://http")), qPrintable(result.err));
    }
    QCOMPARE(m_simulator->requestCount(), 0);
}

void TestCli::credentialsInBaseUrlAreRefusedUnechoed()
{
    const QString password = QStringLiteral("s3cretPW");
    QUrl withUser = m_simulator->baseUrl();
    withUser.setUserName(QStringLiteral("admin"));
    withUser.setPassword(password);
    QVERIFY(!ApiClient::checkBaseUrl(withUser).isEmpty());
    QVERIFY(!ApiClient::checkBaseUrl(withUser).contains(password));
    QVERIFY(!ApiClient::checkBaseUrl(QUrl(QStringLiteral("https://admin@example.com"))).isEmpty());
    const QList<QStringList> attempts{
        {QStringLiteral("--base-url"), withUser.toString(), QStringLiteral("list")},
        {QStringLiteral("env"), QStringLiteral("add"), QStringLiteral("Staging"),
         QStringLiteral("--base-url"), QStringLiteral("https://admin:%1@staging.example.com").arg(password)},
        {QStringLiteral("--base-url"), QStringLiteral("https://admin:%1@exa%mple.com").arg(password),
         QStringLiteral("list")}, // invalid too: reported as typed, without the password
    };
    for (const QStringList& arguments : attempts) {
        const Run result = run(arguments, QStringLiteral("cli-key"),
                               {{QStringLiteral("ALCHEMYST_AI_BASE_URL"), withUser.toString()}});
        QCOMPARE(result.code, 2);
        QVERIFY2(!result.err.contains(password) && !result.out.contains(password), qPrintable(result.err));
    }
    // From the environment variable as well, and nothing was sent anywhere nor saved.
    const Run fromVariable = run({QStringLiteral("list")}, QStringLiteral("cli-key"),
                                 {{QStringLiteral("ALCHEMYST_AI_BASE_URL"), withUser.toString()}});
    QCOMPARE(fromVariable.code, 2);
    QVERIFY(!fromVariable.err.contains(password));
    QCOMPARE(m_simulator->requestCount(), 0);
    QVERIFY(settingsFile().isEmpty());
}

void TestCli::apiKeyVariableGoesOnlyToItsServer()
{
    Simulator staging(Simulator::Options::empty(QStringLiteral("production-key")));
    QVERIFY(staging.listen() != 0);
    QCOMPARE(run({QStringLiteral("env"), QStringLiteral("add"), QStringLiteral("Staging"),
                  QStringLiteral("--base-url"), staging.baseUrl().toString()})
                 .code,
             0);
    const QList<QPair<QString, QString>> unset{{QStringLiteral("ALCHEMYST_AI_BASE_URL"), QString()}};

    // The active environment is Staging; the variable's key belongs to the default server.
    const Run toActive = run({QStringLiteral("list")}, QStringLiteral("production-key"), unset);
    QCOMPARE(toActive.code, 5);
    QVERIFY2(toActive.err.contains(QLatin1String("ALCHEMYST_AI_API_KEY is set but was not used")),
             qPrintable(toActive.err));
    QVERIFY(toActive.err.contains(QLatin1String("platform-backend.getalchemystai.com")));
    QVERIFY(!toActive.err.contains(QLatin1String("production-key")));
    // Nor to a --base-url elsewhere.
    const Run toOther =
        run({QStringLiteral("--base-url"), staging.baseUrl().toString(), QStringLiteral("list")},
            QStringLiteral("production-key"), unset);
    QCOMPARE(toOther.code, 5);
    QCOMPARE(staging.requestCount(), 0); // the key never left

    // Bound by ALCHEMYST_AI_BASE_URL, it is used there, whatever way the same server is named.
    const QList<QPair<QString, QString>> bound{
        {QStringLiteral("ALCHEMYST_AI_BASE_URL"), staging.baseUrl().toString()}};
    QCOMPARE(run({QStringLiteral("list")}, QStringLiteral("production-key"), bound).code, 0);
    QCOMPARE(run({QStringLiteral("--base-url"), staging.baseUrl().toString() + QStringLiteral("/"),
                  QStringLiteral("list")},
                 QStringLiteral("production-key"), bound)
                 .code,
             0);
    QCOMPARE(run({QStringLiteral("--env"), QStringLiteral("Staging"), QStringLiteral("list")},
                 QStringLiteral("production-key"), bound)
                 .code,
             0);
    // ... and there only.
    const Run elsewhere =
        run({QStringLiteral("--base-url"), m_simulator->baseUrl().toString(), QStringLiteral("list")},
            QStringLiteral("production-key"), bound);
    QCOMPARE(elsewhere.code, 5);
    QCOMPARE(m_simulator->requestCount(), 0);
}

void TestCli::concurrentEnvAddsKeepEveryEnvironment()
{
    constexpr int Count = 8;
    std::vector<std::unique_ptr<QProcess>> processes;
    for (int i = 1; i <= Count; ++i) {
        auto process = std::make_unique<QProcess>();
        process->setProcessEnvironment(environmentFor(QString(), {}));
        process->start(QStringLiteral(AJM_CLI_PATH),
                       {QStringLiteral("env"), QStringLiteral("add"), QStringLiteral("E%1").arg(i),
                        QStringLiteral("--base-url"), QStringLiteral("https://e%1.example.com").arg(i)});
        processes.push_back(std::move(process));
    }
    for (const auto& process : processes) {
        QVERIFY(process->waitForFinished(30000));
        QCOMPARE(process->exitCode(), 0);
    }
    QSettings settings(settingsFile(), QSettings::IniFormat);
    QCOMPARE(settings.value(QStringLiteral("environments/size")).toInt(), Count);
    QVERIFY(!settings.contains(QStringLiteral("environments/%1/name").arg(Count + 1)));
    QStringList names;
    for (int i = 1; i <= Count; ++i)
        names << settings.value(QStringLiteral("environments/%1/name").arg(i)).toString();
    names.sort();
    QStringList expected;
    for (int i = 1; i <= Count; ++i)
        expected << QStringLiteral("E%1").arg(i);
    QCOMPARE(names, expected);
    QVERIFY(names.contains(settings.value(QStringLiteral("activeEnvironment")).toString()));
    const Run list = run({QStringLiteral("env"), QStringLiteral("list")});
    QCOMPARE(list.out.count(QLatin1Char('\n')), Count + 1); // and the header
    QCOMPARE(list.out.count(QLatin1String("* E")), 1);
}

void TestCli::unwritableSettingsFailTheCommand_data()
{
    QTest::addColumn<bool>("fileForFolder");
    QTest::newRow("settings folder cannot be made") << true;
    QTest::newRow("settings file cannot be written") << false;
}

void TestCli::unwritableSettingsFailTheCommand()
{
    QFETCH(bool, fileForFolder);
    // Both hold for root as well, which ignores permission bits.
    QList<QPair<QString, QString>> extra;
    if (fileForFolder) {
        const QString notAFolder = m_home->filePath(QStringLiteral("config-file"));
        QFile file(notAFolder);
        QVERIFY(file.open(QIODevice::WriteOnly));
        extra << qMakePair(QStringLiteral("XDG_CONFIG_HOME"), notAFolder);
    } else {
        QCOMPARE(run({QStringLiteral("env"), QStringLiteral("add"), QStringLiteral("First"),
                      QStringLiteral("--base-url"), QStringLiteral("https://first.example.com")})
                     .code,
                 0);
        const QString file = settingsFile();
        QVERIFY(QFile::remove(file));
        QVERIFY(QDir().mkdir(file)); // where the file must go, a folder
    }
    const Run add = run({QStringLiteral("env"), QStringLiteral("add"), QStringLiteral("Second"),
                         QStringLiteral("--base-url"), QStringLiteral("https://second.example.com")},
                        QString(), extra);
    QVERIFY2(add.code != 0, qPrintable(add.out));
    QVERIFY(!add.out.contains(QLatin1String("Added")));
    QVERIFY2(add.err.contains(QLatin1String("not saved")), qPrintable(add.err));
}

void TestCli::envAddNeverReplacesSilently()
{
    const QStringList add{QStringLiteral("env"),
                          QStringLiteral("add"),
                          QStringLiteral("Prod"),
                          QStringLiteral("--base-url"),
                          QStringLiteral("https://prod.example.com"),
                          QStringLiteral("--production")};
    QCOMPARE(run(add).code, 0);
    const Run again = run({QStringLiteral("env"), QStringLiteral("add"), QStringLiteral("Prod"),
                           QStringLiteral("--base-url"), QStringLiteral("https://other.example.com")});
    QCOMPARE(again.code, 2);
    QVERIFY2(again.err.contains(QLatin1String("--replace")), qPrintable(again.err));
    Run list = run({QStringLiteral("env"), QStringLiteral("list")});
    QVERIFY2(
        list.out.contains(QRegularExpression(QStringLiteral("https://prod\\.example\\.com +production"))),
        qPrintable(list.out));
    // --replace takes what is given, --production included.
    const Run replaced = run({QStringLiteral("env"), QStringLiteral("add"), QStringLiteral("Prod"),
                              QStringLiteral("--base-url"), QStringLiteral("https://prod.example.com"),
                              QStringLiteral("--replace")});
    QCOMPARE(replaced.code, 0);
    QVERIFY(replaced.out.contains(QLatin1String("Replaced")));
    list = run({QStringLiteral("env"), QStringLiteral("list")});
    QVERIFY2(
        list.out.contains(QRegularExpression(QStringLiteral("https://prod\\.example\\.com +non-production"))),
        qPrintable(list.out));
    QCOMPARE(list.out.count(QLatin1Char('\n')), 2); // the header and the one environment
    // To another server, the old server's key must go first; without a keychain here it cannot, and
    // nothing changes.
    const Run moved = run({QStringLiteral("env"), QStringLiteral("add"), QStringLiteral("Prod"),
                           QStringLiteral("--base-url"), QStringLiteral("https://other.example.com"),
                           QStringLiteral("--replace")});
    QCOMPARE(moved.code, 5);
    QVERIFY2(moved.err.contains(QLatin1String("not replaced")), qPrintable(moved.err));
    QVERIFY(run({QStringLiteral("env"), QStringLiteral("list")})
                .out.contains(QLatin1String("https://prod.example.com")));
}

void TestCli::demoNameIsReserved()
{
    for (const QString& name : {EnvironmentStore::demoName(), EnvironmentStore::demoName().toUpper(),
                                QStringLiteral("  demo (local simulator) ")}) {
        for (const bool replace : {false, true}) {
            QStringList arguments{QStringLiteral("env"), QStringLiteral("add"), name,
                                  QStringLiteral("--base-url"), QStringLiteral("https://evil.example.com")};
            if (replace)
                arguments << QStringLiteral("--replace");
            const Run result = run(arguments);
            QCOMPARE(result.code, 2);
            QVERIFY2(result.err.contains(QLatin1String("reserved")), qPrintable(result.err));
        }
    }
    QVERIFY(settingsFile().isEmpty());
    EnvironmentStore store; // the core refuses it too, for the window's sake
    QVERIFY(!store.save(
        {EnvironmentStore::demoName().toLower(), QUrl(QStringLiteral("https://x.example.com")), false}));
    QVERIFY(!store.errorString().isEmpty());
}

void TestCli::envRemoveReportsKeychainFailure()
{
    QCOMPARE(run({QStringLiteral("env"), QStringLiteral("add"), QStringLiteral("Kept"),
                  QStringLiteral("--base-url"), QStringLiteral("https://kept.example.com")})
                 .code,
             0);
    // No keychain here: whether a secret is stored cannot be known, so nothing is reported removed.
    const Run remove = run({QStringLiteral("env"), QStringLiteral("remove"), QStringLiteral("Kept")});
    QCOMPARE(remove.code, 5);
    QVERIFY(!remove.out.contains(QLatin1String("Removed")));
    QVERIFY2(remove.err.contains(QLatin1String("could not be removed from the keychain")),
             qPrintable(remove.err));
    QVERIFY(run({QStringLiteral("env"), QStringLiteral("list")}).out.contains(QLatin1String("Kept")));
    const Run keepKey = run({QStringLiteral("env"), QStringLiteral("remove"), QStringLiteral("Kept"),
                             QStringLiteral("--keep-key")});
    QCOMPARE(keepKey.code, 0);
    QVERIFY(
        run({QStringLiteral("env"), QStringLiteral("list")}).out.contains(QLatin1String("No environments")));
}

void TestCli::loginRestoresEchoOnSignal_data()
{
    QTest::addColumn<int>("signalNumber");
#ifdef Q_OS_UNIX
    QTest::newRow("Ctrl+C (SIGINT)") << int(SIGINT);
    QTest::newRow("SIGTERM") << int(SIGTERM);
    QTest::newRow("SIGHUP") << int(SIGHUP);
    QTest::newRow("a key typed") << 0;
#endif
}

void TestCli::loginRestoresEchoOnSignal()
{
#ifndef Q_OS_UNIX
    QSKIP("POSIX terminals only");
#else
    QFETCH(int, signalNumber);
    // A pseudo-terminal as the tool's standard input: it prompts, turns echo off, and must turn it on
    // again whatever ends the prompt.
    const int master = posix_openpt(O_RDWR | O_NOCTTY);
    QVERIFY(master >= 0);
    QVERIFY(grantpt(master) == 0 && unlockpt(master) == 0);
    const QString slavePath = QString::fromLocal8Bit(ptsname(master));
    const int slave = ::open(ptsname(master), O_RDWR | O_NOCTTY);
    QVERIFY(slave >= 0);
    const auto echoing = [slave] {
        termios state{};
        tcgetattr(slave, &state);
        return (state.c_lflag & ECHO) != 0;
    };
    QVERIFY(echoing());

    QProcess process;
    process.setProcessEnvironment(environmentFor(QString(), {}));
    process.setStandardInputFile(slavePath);
    process.start(QStringLiteral(AJM_CLI_PATH),
                  {QStringLiteral("--base-url"), m_simulator->baseUrl().toString(), QStringLiteral("login")});
    QVERIFY(process.waitForStarted());
    QByteArray err;
    QTRY_VERIFY_WITH_TIMEOUT((err += process.readAllStandardError()).contains("API key for"), 10000);
    QTRY_VERIFY_WITH_TIMEOUT(!echoing(), 5000); // the handlers are in place before echo goes off
    if (signalNumber != 0) {
        ::kill(static_cast<pid_t>(process.processId()), signalNumber);
        QTRY_VERIFY_WITH_TIMEOUT(process.state() == QProcess::NotRunning, 10000);
        QCOMPARE(process.exitStatus(), QProcess::CrashExit); // died of the signal, as the shell expects
    } else {
        QCOMPARE(::write(master, "cli-key\n", 8), ssize_t(8));
        QTRY_VERIFY_WITH_TIMEOUT(process.state() == QProcess::NotRunning, 20000);
    }
    QVERIFY2(echoing(), "the terminal was left without echo");
    ::close(slave);
    ::close(master);
#endif
}

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
