// alchemyst-jobs history, forecast and stats as processes against the simulator: `list` records each pass
// of every job in the local history, and the three commands read it back — JSON shapes, the Prometheus
// text format, usage errors before anything is read.
#include "simulator/simulator.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#ifdef Q_OS_UNIX
#include <csignal>
#endif

using namespace Alchemyst;

class TestCliHistory : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void listRecordsPassesThatHistoryShows();
    void forecastJsonHasAVerdictAndAnInterval();
    void statsSpeaksPrometheus();
    void usageErrorsBeforeAnythingIsRead();
    void watchJsonlPrintsPassesThenChanges();

private:
    QProcessEnvironment environment() const;
    struct Run
    {
        int code = -1;
        QString out;
        QString err;
    };
    Run run(const QStringList& arguments);

    Simulator* m_simulator = nullptr;
    QTemporaryDir* m_home = nullptr;
};

void TestCliHistory::init()
{
    m_simulator = new Simulator(Simulator::Options::empty(QStringLiteral("cli-key")), this);
    QVERIFY(m_simulator->listen() != 0);
    m_home = new QTemporaryDir;
    for (int i = 0; i < 30; ++i)
        m_simulator->addJob(i % 3 ? QStringLiteral("waiting") : QStringLiteral("active"));
}

void TestCliHistory::cleanup()
{
    delete m_simulator;
    delete m_home;
}

QProcessEnvironment TestCliHistory::environment() const
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("HOME"), m_home->path());
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_home->filePath(QStringLiteral("config")));
    env.insert(QStringLiteral("XDG_DATA_HOME"), m_home->filePath(QStringLiteral("data")));
    env.remove(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"));
    env.insert(QStringLiteral("ALCHEMYST_AI_API_KEY"), QStringLiteral("cli-key"));
    env.insert(QStringLiteral("ALCHEMYST_AI_BASE_URL"), m_simulator->baseUrl().toString());
    return env;
}

TestCliHistory::Run TestCliHistory::run(const QStringList& arguments)
{
    QProcess process;
    process.setProcessEnvironment(environment());
    process.start(QStringLiteral(AJM_CLI_PATH), arguments);
    if (!QTest::qWaitFor([&process] { return process.state() == QProcess::NotRunning; }, 30000)) {
        process.kill();
        process.waitForFinished();
    }
    Run result;
    result.code = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.out = QString::fromUtf8(process.readAllStandardOutput());
    result.err = QString::fromUtf8(process.readAllStandardError());
    return result;
}

void TestCliHistory::listRecordsPassesThatHistoryShows()
{
    QCOMPARE(run({QStringLiteral("list"), QStringLiteral("--json")}).code, 0);
    m_simulator->addJob(QStringLiteral("waiting"));
    QCOMPARE(run({QStringLiteral("list"), QStringLiteral("--json")}).code, 0);
    // One state's listing is not a pass of the queue.
    QCOMPARE(run({QStringLiteral("list"), QStringLiteral("--state"), QStringLiteral("failed")}).code, 0);
    const Run history = run({QStringLiteral("history"), QStringLiteral("--since"), QStringLiteral("10m"),
                             QStringLiteral("--json")});
    QCOMPARE(history.code, 0);
    const QJsonObject object = QJsonDocument::fromJson(history.out.toUtf8()).object();
    const QJsonArray passes = object.value(QLatin1String("passes")).toArray();
    QCOMPARE(passes.size(), 2);
    QVERIFY(passes.at(0)[QLatin1String("complete")].toBool());
    QCOMPARE(passes.at(1)[QLatin1String("jobs")].toInt(), 31);
    const QJsonArray intervals = object.value(QLatin1String("intervals")).toArray();
    QVERIFY(intervals.size() == 10 || intervals.size() == 11); // minutes aligned to the clock
    const QJsonObject last = intervals.last().toObject();
    QCOMPARE(last[QLatin1String("counts")][QLatin1String("waiting")].toInt(), 21);
    QCOMPARE(last[QLatin1String("counts")][QLatin1String("active")].toInt(), 10);
    QVERIFY(!last[QLatin1String("gap")].toBool());
    QVERIFY(intervals.first()[QLatin1String("gap")].toBool()); // not watched then: a gap, not zeros
    QVERIFY(intervals.first()[QLatin1String("counts")][QLatin1String("waiting")].isNull());

    const Run csv = run({QStringLiteral("history"), QStringLiteral("--csv")});
    QCOMPARE(csv.code, 0);
    QVERIFY(
        csv.out.startsWith(QLatin1String("start,waiting,delayed,active,completed,failed,cancelled,other,")));
    const Run text = run({QStringLiteral("history")});
    QCOMPARE(text.code, 0);
    QVERIFY(text.out.contains(QLatin1String("not watched")));
}

void TestCliHistory::forecastJsonHasAVerdictAndAnInterval()
{
    QCOMPARE(run({QStringLiteral("list")}).code, 0);
    const Run forecast = run({QStringLiteral("forecast"), QStringLiteral("--json")});
    QCOMPARE(forecast.code, 0);
    const QJsonObject object = QJsonDocument::fromJson(forecast.out.toUtf8()).object();
    for (const char* key : {"verdict", "backlog", "throughputPerMinute", "drainMs", "drainLowMs",
                            "drainHighMs", "text", "environment"})
        QVERIFY2(object.contains(QLatin1String(key)), key);
    // One pass and nothing completed: not enough to say it drains.
    QVERIFY(object.value(QLatin1String("drainMs")).isNull());
    QVERIFY(QStringList({QStringLiteral("unknown"), QStringLiteral("stalled")})
                .contains(object.value(QLatin1String("verdict")).toString()));
    const Run text = run({QStringLiteral("forecast")});
    QCOMPARE(text.code, 0);
    QVERIFY(!text.out.trimmed().isEmpty());
}

void TestCliHistory::statsSpeaksPrometheus()
{
    QCOMPARE(run({QStringLiteral("list")}).code, 0);
    const Run stats = run({QStringLiteral("stats"), QStringLiteral("--prometheus")});
    QCOMPARE(stats.code, 0);
    QVERIFY(stats.out.contains(QLatin1String("# TYPE alchemyst_jobs gauge")));
    QVERIFY(stats.out.contains(QLatin1String("state=\"waiting\"} 20")));
    QVERIFY(stats.out.contains(QLatin1String("alchemyst_oldest_waiting_seconds{")));
    QVERIFY(stats.out.contains(QLatin1String("alchemyst_last_complete_pass_age_seconds{")));
    // Every sample line: name{labels} value.
    for (const QString& line : stats.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
        if (line.startsWith(QLatin1Char('#')))
            continue;
        QVERIFY2(line.contains(QLatin1String("} ")), qPrintable(line));
        bool ok = false;
        line.section(QLatin1Char(' '), -1).toDouble(&ok);
        QVERIFY2(ok, qPrintable(line));
    }
}

void TestCliHistory::usageErrorsBeforeAnythingIsRead()
{
    const int before = m_simulator->requestCount();
    QCOMPARE(run({QStringLiteral("stats")}).code, 2);
    QCOMPARE(run({QStringLiteral("history"), QStringLiteral("--every"), QStringLiteral("10s")}).code, 2);
    QCOMPARE(run({QStringLiteral("history"), QStringLiteral("--json"), QStringLiteral("--csv")}).code, 2);
    QCOMPARE(run({QStringLiteral("forecast"), QStringLiteral("--csv")}).code, 2);
    QCOMPARE(m_simulator->requestCount(), before); // and history, forecast and stats never send one
    QCOMPARE(run({QStringLiteral("forecast")}).code, 0);
    QCOMPARE(m_simulator->requestCount(), before);
}

void TestCliHistory::watchJsonlPrintsPassesThenChanges()
{
#ifndef Q_OS_UNIX
    QSKIP("signals are Unix's");
#else
    const QString id = m_simulator->addJob(QStringLiteral("waiting"), QStringLiteral("watched.pdf"));
    QProcess watch;
    watch.setProcessEnvironment(environment());
    watch.start(QStringLiteral(AJM_CLI_PATH), {QStringLiteral("watch"), QStringLiteral("--interval"),
                                               QStringLiteral("1s"), QStringLiteral("--jsonl")});
    QList<QJsonObject> events;
    const auto readEvents = [&] {
        while (watch.canReadLine()) {
            const QJsonDocument document = QJsonDocument::fromJson(watch.readLine());
            QVERIFY(document.isObject());
            events.append(document.object());
        }
    };
    QVERIFY(QTest::qWaitFor(
        [&] {
            readEvents();
            return !events.isEmpty();
        },
        15000));
    QCOMPARE(events.first()[QLatin1String("event")].toString(), QStringLiteral("pass"));
    QCOMPARE(events.first()[QLatin1String("counts")][QLatin1String("waiting")].toInt(), 21);
    QVERIFY(events.first()[QLatin1String("complete")].toBool());
    // The first pass's jobs are not changes; a job that starts afterwards is.
    for (const QJsonObject& event : std::as_const(events))
        QVERIFY(event[QLatin1String("event")].toString() != QLatin1String("change"));
    m_simulator->setJobState(id, QStringLiteral("active"));
    QJsonObject change;
    QVERIFY(QTest::qWaitFor(
        [&] {
            readEvents();
            for (const QJsonObject& event : std::as_const(events)) {
                if (event[QLatin1String("event")].toString() == QLatin1String("change") &&
                    event[QLatin1String("jobId")].toString() == id)
                    change = event;
            }
            return !change.isEmpty();
        },
        15000));
    QCOMPARE(change[QLatin1String("from")].toString(), QStringLiteral("waiting"));
    QCOMPARE(change[QLatin1String("to")].toString(), QStringLiteral("active"));
    QVERIFY(change[QLatin1String("observedAt")].toString().endsWith(QLatin1Char('Z')));
    QVERIFY(change.contains(QLatin1String("finishedOn")) && change.contains(QLatin1String("failedReason")));
    ::kill(static_cast<pid_t>(watch.processId()), SIGINT);
    QVERIFY(watch.waitForFinished(10000));
    QCOMPARE(watch.exitStatus(), QProcess::NormalExit);
    QCOMPARE(watch.exitCode(), 0);
    // It recorded like the window: its passes are in the history.
    const Run history = run({QStringLiteral("history"), QStringLiteral("--since"), QStringLiteral("5m"),
                             QStringLiteral("--json")});
    QVERIFY(QJsonDocument::fromJson(history.out.toUtf8())
                .object()
                .value(QLatin1String("passes"))
                .toArray()
                .size() >= 2);
#endif
}

QTEST_GUILESS_MAIN(TestCliHistory)
#include "tst_cli_history.moc"
