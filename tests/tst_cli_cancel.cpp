// alchemyst-jobs cancel as a process, against the simulator or a raw server: the regressions of the review
// of the cancel paths. A kill or an interrupt while an answer is pending leaves the attempt in the journal;
// a production server spelled another way is still production; cancels keep to --requests-per-minute; a
// 429 pauses a batch and a 401 stops it; an unwritable journal (a symlink to /dev/full, a FIFO, a file
// too large to grow) sends nothing and exits 1; ids with bytes that are not UTF-8 or NUL are refused.
#include "core/connection.h"
#include "rawhttpserver.h"
#include "simulator/simulator.h"

#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#ifdef Q_OS_UNIX
#include <csignal>
#include <sys/stat.h>
#include <unistd.h>
#endif

using namespace Alchemyst;

namespace {
const QString Key = QStringLiteral("cli-key");
} // namespace

class TestCliCancel : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void killDuringAnInFlightCancelLeavesItInTheJournal();
    void interruptWaitsForTheAnswerAndRecordsIt_data();
    void interruptWaitsForTheAnswerAndRecordsIt();
    void productionServerSpelledFourWaysStillNeedsYes_data();
    void productionServerSpelledFourWaysStillNeedsYes();
    void cancelsKeepToRequestsPerMinute();
    void aRateLimitMidBatchPausesIt();
    void anUnauthorizedAnswerStopsTheBatch();
    void unwritableJournalSendsNothingAndExits1_data();
    void unwritableJournalSendsNothingAndExits1();
    void idsThatCannotBeJobIdsAreRefusedWithTheirLine();

private:
    struct Run
    {
        int code = -1;
        QString out;
        QString err;
    };
    QProcessEnvironment environment(const QUrl& keyServer) const;
    Run run(const QStringList& arguments, const QUrl& keyServer, const QByteArray& input = {});
    QProcess* start(const QStringList& arguments, const QUrl& keyServer);
    QString journalDirectory() const
    {
        return m_home->filePath(QStringLiteral("data/Alchemyst AI/Alchemyst Job Monitor"));
    }
    QJsonArray journalAttempts(const QUrl& keyServer);

    Simulator* m_simulator = nullptr;
    QTemporaryDir* m_home = nullptr;
};

void TestCliCancel::init()
{
    m_simulator = new Simulator(Simulator::Options::empty(Key), this);
    QVERIFY(m_simulator->listen() != 0);
    m_home = new QTemporaryDir;
}

void TestCliCancel::cleanup()
{
    delete m_simulator;
    delete m_home;
}

QProcessEnvironment TestCliCancel::environment(const QUrl& keyServer) const
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("HOME"), m_home->path());
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_home->filePath(QStringLiteral("config")));
    env.insert(QStringLiteral("XDG_DATA_HOME"), m_home->filePath(QStringLiteral("data")));
    env.remove(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"));
    env.insert(QStringLiteral("ALCHEMYST_AI_API_KEY"), Key);
    env.insert(QStringLiteral("ALCHEMYST_AI_BASE_URL"), keyServer.toString());
    return env;
}

TestCliCancel::Run TestCliCancel::run(const QStringList& arguments, const QUrl& keyServer,
                                      const QByteArray& input)
{
    QProcess process;
    process.setProcessEnvironment(environment(keyServer));
    process.start(QStringLiteral(AJM_CLI_PATH), arguments);
    if (!input.isNull()) {
        process.write(input);
        process.closeWriteChannel();
    }
    if (!QTest::qWaitFor([&process] { return process.state() == QProcess::NotRunning; }, 60000)) {
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

QProcess* TestCliCancel::start(const QStringList& arguments, const QUrl& keyServer)
{
    auto* process = new QProcess(this);
    process->setProcessEnvironment(environment(keyServer));
    process->start(QStringLiteral(AJM_CLI_PATH), arguments);
    return process;
}

QJsonArray TestCliCancel::journalAttempts(const QUrl& keyServer)
{
    const Run journal = run({QStringLiteral("journal"), QStringLiteral("--json")}, keyServer);
    [&] { QCOMPARE(journal.code, 0); }();
    return QJsonDocument::fromJson(journal.out.toUtf8()).array();
}

void TestCliCancel::killDuringAnInFlightCancelLeavesItInTheJournal()
{
    // The regression: `cancel 1 2 3` killed while the answer to job 2 was pending: the server had
    // received DELETE …/2/cancel, the journal had only job 1.
    RawHttpServer server;
    QVERIFY(server.start() != 0);
    RawHttpServer::Reply ok;
    ok.body = R"({"success":true,"status":"cancelled","message":"Job cancelled successfully"})";
    RawHttpServer::Reply never;
    never.neverAnswer = true;
    server.setReplies({ok, never});
    const QUrl url(server.baseUrl());
    QProcess* process =
        start({QStringLiteral("--requests-per-minute"), QStringLiteral("0"), QStringLiteral("cancel"),
               QStringLiteral("1"), QStringLiteral("2"), QStringLiteral("3")},
              url);
    // Two at a time: job 1 answered, jobs 2 and 3 sent and waiting for their answers.
    QTRY_COMPARE_WITH_TIMEOUT(server.countOf("DELETE"), 3, 15000);
    process->kill(); // SIGKILL: nothing can be done on the way out
    QVERIFY(process->waitForFinished(5000));
    const QJsonArray attempts = journalAttempts(url);
    QMap<QString, QString> outcomes;
    for (const QJsonValue& value : attempts)
        outcomes.insert(value[QLatin1String("jobId")].toString(), value[QLatin1String("outcome")].toString());
    QCOMPARE(outcomes.value(QStringLiteral("1")), QStringLiteral("cancelled"));
    QCOMPARE(outcomes.value(QStringLiteral("2")), QStringLiteral("unanswered")); // sent, answer unknown
    QCOMPARE(outcomes.value(QStringLiteral("3")), QStringLiteral("unanswered"));
    const Run text = run({QStringLiteral("journal")}, url);
    QVERIFY2(text.out.contains(QLatin1String("unanswered")), qPrintable(text.out));
}

void TestCliCancel::interruptWaitsForTheAnswerAndRecordsIt_data()
{
    QTest::addColumn<int>("signalNumber");
    QTest::addColumn<int>("exitCode");
    QTest::newRow("SIGINT") << int(SIGINT) << 130;
    QTest::newRow("SIGTERM") << int(SIGTERM) << 143;
}

void TestCliCancel::interruptWaitsForTheAnswerAndRecordsIt()
{
#ifndef Q_OS_UNIX
    QSKIP("signals are Unix's");
#else
    QFETCH(int, signalNumber);
    QFETCH(int, exitCode);
    RawHttpServer server;
    QVERIFY(server.start() != 0);
    RawHttpServer::Reply never;
    never.neverAnswer = true;
    server.setReply(never);
    const QUrl url(server.baseUrl());
    QProcess* process =
        start({QStringLiteral("--requests-per-minute"), QStringLiteral("60"), QStringLiteral("cancel"),
               QStringLiteral("1"), QStringLiteral("2"), QStringLiteral("3"), QStringLiteral("4")},
              url);
    QTRY_COMPARE_WITH_TIMEOUT(server.countOf("DELETE"), 1, 15000);
    ::kill(static_cast<pid_t>(process->processId()), signalNumber);
    QElapsedTimer clock;
    clock.start();
    QVERIFY(process->waitForFinished(15000));
    QCOMPARE(process->exitStatus(), QProcess::NormalExit);
    QCOMPARE(process->exitCode(), exitCode);
    QVERIFY2(clock.elapsed() < 10000, "the wait for the answers in flight is bounded");
    QCOMPARE(server.countOf("DELETE"), 1); // nothing more was sent after the signal
    const QJsonArray attempts = journalAttempts(url);
    QCOMPARE(attempts.size(), 4);
    QCOMPARE(attempts.at(0)[QLatin1String("jobId")].toString(), QStringLiteral("1"));
    QCOMPARE(attempts.at(0)[QLatin1String("outcome")].toString(), QStringLiteral("stopped"));
    for (int i = 1; i < 4; ++i)
        QCOMPARE(attempts.at(i)[QLatin1String("outcome")].toString(), QStringLiteral("not-sent"));
    const QString err = QString::fromUtf8(process->readAllStandardError());
    QVERIFY2(err.contains(QLatin1String("interrupted")), qPrintable(err));
#endif
}

void TestCliCancel::productionServerSpelledFourWaysStillNeedsYes_data()
{
    QTest::addColumn<QString>("spelling");
    QTest::newRow("as saved") << QString();
    QTest::newRow("upper-case scheme") << QStringLiteral("UPPER");
    QTest::newRow("trailing slash") << QStringLiteral("SAME/");
    QTest::newRow("dot segment") << QStringLiteral("SAME/./");
}

void TestCliCancel::productionServerSpelledFourWaysStillNeedsYes()
{
    QFETCH(QString, spelling);
    const QString saved = m_simulator->baseUrl().toString();
    QString typed = saved;
    if (spelling == QLatin1String("UPPER"))
        typed = QStringLiteral("HTTP://127.0.0.1:%1").arg(m_simulator->port());
    else if (spelling.startsWith(QLatin1String("SAME")))
        typed = saved + spelling.mid(4);
    const QString id = m_simulator->addJob(QStringLiteral("waiting"));
    QCOMPARE(run({QStringLiteral("env"), QStringLiteral("add"), QStringLiteral("Production"),
                  QStringLiteral("--base-url"), saved, QStringLiteral("--production")},
                 m_simulator->baseUrl())
                 .code,
             0);
    // The key belongs to the server as typed; the guard must see that it is the production one.
    const Run refused = run({QStringLiteral("cancel"), id}, QUrl(typed), QByteArray(""));
    QCOMPARE(refused.code, 2);
    QVERIFY2(refused.err.contains(QLatin1String("production")), qPrintable(refused.err));
    QCOMPARE(m_simulator->jobState(id), QStringLiteral("waiting"));
    const Run confirmed =
        run({QStringLiteral("cancel"), id, QStringLiteral("--yes")}, QUrl(typed), QByteArray(""));
    QCOMPARE(confirmed.code, 0);
    // Filed under the environment's name, however the server was written.
    const Run journal = run({QStringLiteral("journal"), QStringLiteral("--env"), QStringLiteral("Production"),
                             QStringLiteral("--json")},
                            QUrl(typed));
    QCOMPARE(QJsonDocument::fromJson(journal.out.toUtf8()).array().size(), 1);
}

void TestCliCancel::cancelsKeepToRequestsPerMinute()
{
    QStringList ids;
    for (int i = 0; i < 4; ++i)
        ids.append(m_simulator->addJob(QStringLiteral("waiting")));
    QElapsedTimer clock;
    clock.start();
    const Run result = run(QStringList{QStringLiteral("--requests-per-minute"), QStringLiteral("120"),
                                       QStringLiteral("cancel")} +
                               ids,
                           m_simulator->baseUrl());
    QCOMPARE(result.code, 0);
    // 120 a minute, spread: one every 500 ms, so four take at least 1.5 s instead of a burst.
    QVERIFY2(clock.elapsed() >= 1400, qPrintable(QString::number(clock.elapsed())));
}

void TestCliCancel::aRateLimitMidBatchPausesIt()
{
    RawHttpServer server;
    QVERIFY(server.start() != 0);
    RawHttpServer::Reply ok;
    ok.body = R"({"success":true,"status":"cancelled","message":"Job cancelled successfully"})";
    RawHttpServer::Reply limited;
    limited.status = 429;
    limited.body = R"({"error":"Too many requests"})";
    limited.headers = {{"Retry-After", "2"}};
    server.setReplies({ok, ok, ok, ok, limited, ok});
    QStringList ids;
    for (int i = 1; i <= 10; ++i)
        ids.append(QString::number(i));
    QElapsedTimer clock;
    clock.start();
    const Run result = run(QStringList{QStringLiteral("--requests-per-minute"), QStringLiteral("0"),
                                       QStringLiteral("cancel"), QStringLiteral("--json")} +
                               ids,
                           QUrl(server.baseUrl()));
    QVERIFY(clock.elapsed() >= 1900);
    QVERIFY2(result.err.contains(QLatin1String("aused by the server")), qPrintable(result.err));
    const QJsonArray receipt = QJsonDocument::fromJson(result.out.toUtf8()).array();
    QCOMPARE(receipt.size(), 10);
    int limitedCount = 0;
    for (const QJsonValue& line : receipt)
        limitedCount += line[QLatin1String("httpStatus")].toInt() == 429 ? 1 : 0;
    QCOMPARE(limitedCount, 1);
    QCOMPARE(server.countOf("DELETE"), 10);
}

void TestCliCancel::anUnauthorizedAnswerStopsTheBatch()
{
    QStringList ids;
    for (int i = 0; i < 20; ++i)
        ids.append(m_simulator->addJob(QStringLiteral("waiting")));
    const int before = m_simulator->requestCount();
    QProcess process;
    QProcessEnvironment env = environment(m_simulator->baseUrl());
    env.insert(QStringLiteral("ALCHEMYST_AI_API_KEY"), QStringLiteral("wrong-key"));
    process.setProcessEnvironment(env);
    process.start(QStringLiteral(AJM_CLI_PATH), QStringList{QStringLiteral("--requests-per-minute"),
                                                            QStringLiteral("0"), QStringLiteral("cancel")} +
                                                    ids);
    QVERIFY(QTest::qWaitFor([&process] { return process.state() == QProcess::NotRunning; }, 30000));
    QCOMPARE(process.exitCode(), 5);
    QVERIFY(m_simulator->requestCount() - before <= 2);
    const QString out = QString::fromUtf8(process.readAllStandardOutput());
    QVERIFY2(out.count(QLatin1String("not sent")) >= 18, qPrintable(out));
}

void TestCliCancel::unwritableJournalSendsNothingAndExits1_data()
{
    QTest::addColumn<QString>("kind");
    QTest::newRow("symlink to /dev/full") << QStringLiteral("devfull");
    QTest::newRow("fifo") << QStringLiteral("fifo");
    QTest::newRow("folder is a file") << QStringLiteral("file");
}

void TestCliCancel::unwritableJournalSendsNothingAndExits1()
{
#ifndef Q_OS_UNIX
    QSKIP("Unix files");
#else
    QFETCH(QString, kind);
    const QString id = m_simulator->addJob(QStringLiteral("waiting"));
    const QString directory = journalDirectory();
    if (kind == QLatin1String("file")) {
        QVERIFY(QDir().mkpath(QFileInfo(directory).absolutePath()));
        QFile file(directory);
        QVERIFY(file.open(QIODevice::WriteOnly));
    } else {
        QVERIFY(QDir().mkpath(directory));
        const QString month = QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyy-MM"));
        const QByteArray path =
            QFile::encodeName(directory + QStringLiteral("/cancel-journal-%1.jsonl").arg(month));
        if (kind == QLatin1String("devfull"))
            QCOMPARE(::symlink("/dev/full", path.constData()), 0);
        else
            QCOMPARE(::mkfifo(path.constData(), 0600), 0);
    }
    const int before = m_simulator->requestCount();
    const Run result = run({QStringLiteral("cancel"), id}, m_simulator->baseUrl());
    QCOMPARE(result.code, 1);
    QCOMPARE(m_simulator->requestCount(), before);
    QCOMPARE(m_simulator->jobState(id), QStringLiteral("waiting"));
    QVERIFY2(result.err.contains(QLatin1String("journal")), qPrintable(result.err));
    QVERIFY2(!result.err.contains(QLatin1String("Unknown error")), qPrintable(result.err));
#endif
}

void TestCliCancel::idsThatCannotBeJobIdsAreRefusedWithTheirLine()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("ids.txt"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("# ids\n12\n\xff\xfe\n");
    file.close();
    const int before = m_simulator->requestCount();
    const Run result =
        run({QStringLiteral("cancel"), QStringLiteral("--from-file"), path}, m_simulator->baseUrl());
    QCOMPARE(result.code, 2);
    QVERIFY2(result.err.contains(QLatin1String("line 3")), qPrintable(result.err));
    QCOMPARE(m_simulator->requestCount(), before);
    // Argument ids are trimmed like the file's.
    const QString id = m_simulator->addJob(QStringLiteral("waiting"));
    const Run trimmed =
        run({QStringLiteral("cancel"), QStringLiteral(" %1 ").arg(id)}, m_simulator->baseUrl());
    QCOMPARE(trimmed.code, 0);
    QCOMPARE(m_simulator->jobState(id), QStringLiteral("cancelled"));
}

QTEST_GUILESS_MAIN(TestCliCancel)
#include "tst_cli_cancel.moc"
