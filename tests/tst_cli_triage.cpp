// alchemyst-jobs stuck, failures, journal, list --csv and the cancel selection, through QProcess against
// the simulator: output, exit codes, what was sent and what was kept between processes.
#include "jobs/jobexport.h"
#include "simulator/simulator.h"

#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using namespace Alchemyst;

class TestCliTriage : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void dryRunSendsNothing();
    void productionRefusesWithoutYes();
    void productionCancelsWithYes();
    void selectsByStateAndFileName();
    void selectsBySource();
    void idsFromStandardInput();
    void receiptJsonKeepsTheConflictMessage();
    void journalJsonShowsTheEntries();
    void concurrentCancelsKeepTheJournalWellFormed();
    void stuckUsesFirstSightingsAcrossRuns();
    void failuresGroupSimilarReasons();
    void listCsvQuotes();

private:
    struct Run
    {
        int code = -1;
        QString out;
        QString err;
    };
    QProcess* start(const QStringList& arguments, const QByteArray& input = QByteArray());
    Run finish(QProcess* process);
    Run run(const QStringList& arguments, const QByteArray& input = QByteArray());
    QStringList base() const { return {QStringLiteral("--base-url"), m_simulator->baseUrl().toString()}; }
    QJsonArray jsonOf(const Run& result) { return QJsonDocument::fromJson(result.out.toUtf8()).array(); }
    QString journalFile() const;

    Simulator* m_simulator = nullptr;
    QTemporaryDir* m_home = nullptr;
};

void TestCliTriage::init()
{
    m_simulator = new Simulator(Simulator::Options::empty(QStringLiteral("cli-key")), this);
    QVERIFY(m_simulator->listen() != 0);
    m_home = new QTemporaryDir;
}

void TestCliTriage::cleanup()
{
    delete m_simulator;
    delete m_home;
}

QProcess* TestCliTriage::start(const QStringList& arguments, const QByteArray& input)
{
    // Settings, keyring and local data (first sightings, journal) all under a home of this test's own.
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("HOME"), m_home->path());
    environment.insert(QStringLiteral("XDG_CONFIG_HOME"), m_home->filePath(QStringLiteral("config")));
    environment.insert(QStringLiteral("XDG_DATA_HOME"), m_home->filePath(QStringLiteral("data")));
    environment.remove(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"));
    environment.insert(QStringLiteral("ALCHEMYST_AI_API_KEY"), QStringLiteral("cli-key"));
    environment.insert(QStringLiteral("ALCHEMYST_AI_BASE_URL"), m_simulator->baseUrl().toString());
    auto* process = new QProcess(this);
    process->setProcessEnvironment(environment);
    process->start(QStringLiteral(AJM_CLI_PATH), arguments);
    process->write(input);
    process->closeWriteChannel();
    return process;
}

TestCliTriage::Run TestCliTriage::finish(QProcess* process)
{
    // The simulator lives in this process: keep its event loop turning while the tool runs.
    if (!QTest::qWaitFor([process] { return process->state() == QProcess::NotRunning; }, 60000))
        process->kill();
    process->waitForFinished();
    Run result;
    result.code = process->exitStatus() == QProcess::NormalExit ? process->exitCode() : -1;
    result.out = QString::fromUtf8(process->readAllStandardOutput());
    result.err = QString::fromUtf8(process->readAllStandardError());
    delete process;
    return result;
}

TestCliTriage::Run TestCliTriage::run(const QStringList& arguments, const QByteArray& input)
{
    return finish(start(arguments, input));
}

QString TestCliTriage::journalFile() const
{
    QDirIterator files(m_home->path(), {QStringLiteral("cancel-journal*.jsonl")}, QDir::Files | QDir::Hidden,
                       QDirIterator::Subdirectories);
    return files.hasNext() ? files.next() : QString();
}

void TestCliTriage::dryRunSendsNothing()
{
    const QString waiting = m_simulator->addJob(QStringLiteral("waiting"), QStringLiteral("a.pdf"));
    const QString active = m_simulator->addJob(QStringLiteral("active"), QStringLiteral("b.pdf"));
    const int requests = m_simulator->requestCount();
    const int lists = m_simulator->listRequestCount();
    const Run result = run(base() + QStringList{QStringLiteral("cancel"), QStringLiteral("--file-name"),
                                                QStringLiteral("*.pdf"), QStringLiteral("--dry-run")});
    QCOMPARE(result.code, 0);
    QVERIFY2(result.out.contains(QLatin1String("nothing was sent")), qPrintable(result.out));
    QVERIFY(result.out.contains(QLatin1String("send  ") + waiting));
    QVERIFY(result.out.contains(QLatin1String("skip  ") + active));
    QVERIFY(result.out.contains(QLatin1String("running: the server would refuse with 409")));
    // The listing only: not one cancel.
    QCOMPARE(m_simulator->requestCount() - requests, m_simulator->listRequestCount() - lists);
    QCOMPARE(m_simulator->jobState(waiting), QStringLiteral("waiting"));
    QVERIFY(journalFile().isEmpty() || QFile(journalFile()).size() == 0);

    const Run ids = run(base() + QStringList{QStringLiteral("cancel"), waiting, QStringLiteral("--dry-run"),
                                             QStringLiteral("--json")});
    QCOMPARE(ids.code, 0);
    const QJsonObject plan = QJsonDocument::fromJson(ids.out.toUtf8()).object();
    QCOMPARE(plan.value(QLatin1String("send")).toArray().size(), 1);
    QCOMPARE(m_simulator->jobState(waiting), QStringLiteral("waiting"));
}

void TestCliTriage::productionRefusesWithoutYes()
{
    const QString waiting = m_simulator->addJob(QStringLiteral("waiting"));
    QCOMPARE(
        run({QStringLiteral("env"), QStringLiteral("add"), QStringLiteral("prod"),
             QStringLiteral("--base-url"), m_simulator->baseUrl().toString(), QStringLiteral("--production")})
            .code,
        0);
    const int requests = m_simulator->requestCount();
    const Run selected = run({QStringLiteral("--env"), QStringLiteral("prod"), QStringLiteral("cancel"),
                              QStringLiteral("--state"), QStringLiteral("waiting")});
    QCOMPARE(selected.code, 2);
    QVERIFY2(selected.err.contains(QLatin1String("production")), qPrintable(selected.err));
    QVERIFY(selected.err.contains(QLatin1String("--yes")));
    const Run byId =
        run({QStringLiteral("--env"), QStringLiteral("prod"), QStringLiteral("cancel"), waiting});
    QCOMPARE(byId.code, 2);
    // The active environment is production too when reached through its URL.
    const Run byUrl = run({QStringLiteral("cancel"), waiting});
    QCOMPARE(byUrl.code, 2);
    QCOMPARE(m_simulator->requestCount(), requests);
    QCOMPARE(m_simulator->jobState(waiting), QStringLiteral("waiting"));
}

void TestCliTriage::productionCancelsWithYes()
{
    const QString waiting = m_simulator->addJob(QStringLiteral("waiting"));
    QCOMPARE(
        run({QStringLiteral("env"), QStringLiteral("add"), QStringLiteral("prod"),
             QStringLiteral("--base-url"), m_simulator->baseUrl().toString(), QStringLiteral("--production")})
            .code,
        0);
    const Run result = run({QStringLiteral("--env"), QStringLiteral("prod"), QStringLiteral("cancel"),
                            QStringLiteral("--state"), QStringLiteral("waiting"), QStringLiteral("--yes")});
    QCOMPARE(result.code, 0);
    QVERIFY2(result.out.contains(waiting + QLatin1String(": cancelled")), qPrintable(result.out));
    QCOMPARE(m_simulator->jobState(waiting), QStringLiteral("cancelled"));
}

void TestCliTriage::selectsByStateAndFileName()
{
    const QString a1 = m_simulator->addJob(QStringLiteral("waiting"), QStringLiteral("a-1.pdf"));
    const QString a2 = m_simulator->addJob(QStringLiteral("waiting"), QStringLiteral("a-2.pdf"));
    const QString b1 = m_simulator->addJob(QStringLiteral("waiting"), QStringLiteral("b-1.pdf"));
    const QString a3 = m_simulator->addJob(QStringLiteral("delayed"), QStringLiteral("a-3.pdf"));
    const Run result = run(base() + QStringList{QStringLiteral("cancel"), QStringLiteral("--state"),
                                                QStringLiteral("waiting"), QStringLiteral("--file-name"),
                                                QStringLiteral("a-*")});
    QCOMPARE(result.code, 0);
    QCOMPARE(m_simulator->jobState(a1), QStringLiteral("cancelled"));
    QCOMPARE(m_simulator->jobState(a2), QStringLiteral("cancelled"));
    QCOMPARE(m_simulator->jobState(b1), QStringLiteral("waiting"));
    QCOMPARE(m_simulator->jobState(a3), QStringLiteral("delayed"));
    QCOMPARE(result.out.count(QLatin1Char('\n')), 2);
}

void TestCliTriage::selectsBySource()
{
    for (int i = 0; i < 24; ++i)
        m_simulator->addJob(i % 2 ? QStringLiteral("waiting") : QStringLiteral("completed"));
    const QJsonArray jobs =
        jsonOf(run(base() + QStringList{QStringLiteral("list"), QStringLiteral("--json")}));
    QCOMPARE(jobs.size(), 24);
    QString source;
    for (const QJsonValue& job : jobs) {
        if (job[QLatin1String("status")] == QLatin1String("waiting") &&
            job[QLatin1String("source")].isString()) {
            source = job[QLatin1String("source")].toString();
            break;
        }
    }
    QVERIFY(!source.isEmpty());
    QSet<QString> expected, skipped;
    for (const QJsonValue& job : jobs) {
        if (job[QLatin1String("source")].toString() != source)
            continue;
        (job[QLatin1String("status")] == QLatin1String("waiting") ? expected : skipped)
            .insert(job[QLatin1String("jobId")].toString());
    }
    const Run result = run(base() + QStringList{QStringLiteral("cancel"), QStringLiteral("--source"), source,
                                                QStringLiteral("--json")});
    QCOMPARE(result.code, 0);
    QSet<QString> cancelled, notSent;
    for (const QJsonValue& line : jsonOf(result))
        (line[QLatin1String("outcome")] == QLatin1String("cancelled") ? cancelled : notSent)
            .insert(line[QLatin1String("id")].toString());
    QCOMPARE(cancelled, expected);
    QCOMPARE(notSent, skipped); // the completed ones: in the receipt as skipped, never sent
    for (const QString& id : expected)
        QCOMPARE(m_simulator->jobState(id), QStringLiteral("cancelled"));
}

void TestCliTriage::idsFromStandardInput()
{
    const QString one = m_simulator->addJob(QStringLiteral("waiting"));
    const QString two = m_simulator->addJob(QStringLiteral("delayed"));
    const QString kept = m_simulator->addJob(QStringLiteral("waiting"));
    const QByteArray input =
        "# ids to cancel\n\n" + one.toUtf8() + "\n  " + two.toUtf8() + "  \r\n#" + kept.toUtf8() + "\n";
    const Run result = run(
        base() + QStringList{QStringLiteral("cancel"), QStringLiteral("--from-file"), QStringLiteral("-")},
        input);
    QCOMPARE(result.code, 0);
    QCOMPARE(m_simulator->jobState(one), QStringLiteral("cancelled"));
    QCOMPARE(m_simulator->jobState(two), QStringLiteral("cancelled"));
    QCOMPARE(m_simulator->jobState(kept), QStringLiteral("waiting"));
    const Run empty = run(
        base() + QStringList{QStringLiteral("cancel"), QStringLiteral("--from-file"), QStringLiteral("-")},
        "# nothing\n\n");
    QCOMPARE(empty.code, 2);
}

void TestCliTriage::receiptJsonKeepsTheConflictMessage()
{
    const QString active = m_simulator->addJob(QStringLiteral("active"));
    const QString waiting = m_simulator->addJob(QStringLiteral("waiting"));
    const Run result =
        run(base() + QStringList{QStringLiteral("cancel"), active, waiting, QStringLiteral("--json")});
    QCOMPARE(result.code, 3);
    const QJsonArray receipt = jsonOf(result);
    QCOMPARE(receipt.size(), 2);
    const QJsonObject conflict = receipt.at(0).toObject();
    QStringList keys = conflict.keys();
    keys.sort();
    // jobId and status as list has them; id and stateBefore kept one release for older scripts.
    QCOMPARE(keys, (QStringList{QStringLiteral("httpStatus"), QStringLiteral("id"), QStringLiteral("jobId"),
                                QStringLiteral("message"), QStringLiteral("outcome"),
                                QStringLiteral("stateBefore"), QStringLiteral("status")}));
    QCOMPARE(conflict.value(QLatin1String("id")).toString(), active);
    QCOMPARE(conflict.value(QLatin1String("httpStatus")).toInt(), 409);
    QCOMPARE(conflict.value(QLatin1String("outcome")).toString(), QStringLiteral("running"));
    QCOMPARE(conflict.value(QLatin1String("message")).toString(),
             QString::fromLatin1(Simulator::ConflictMessage));
    QCOMPARE(receipt.at(1).toObject().value(QLatin1String("outcome")).toString(),
             QStringLiteral("cancelled"));
}

void TestCliTriage::journalJsonShowsTheEntries()
{
    const QString active = m_simulator->addJob(QStringLiteral("active"));
    const QString waiting = m_simulator->addJob(QStringLiteral("waiting"));
    QCOMPARE(run(base() +
                 QStringList{QStringLiteral("cancel"), QStringLiteral("--state"), QStringLiteral("waiting")})
                 .code,
             0);
    QCOMPARE(run(base() + QStringList{QStringLiteral("cancel"), active}).code, 3);
    const Run journal = run({QStringLiteral("journal"), QStringLiteral("--json"), QStringLiteral("--since"),
                             QStringLiteral("1h")});
    QCOMPARE(journal.code, 0);
    const QJsonArray entries = jsonOf(journal);
    QCOMPARE(entries.size(), 2);
    const QJsonObject first = entries.at(0).toObject();
    QCOMPARE(first.value(QLatin1String("jobId")).toString(), waiting);
    QCOMPARE(first.value(QLatin1String("stateBefore")).toString(), QStringLiteral("waiting"));
    QCOMPARE(first.value(QLatin1String("outcome")).toString(), QStringLiteral("cancelled"));
    QCOMPARE(first.value(QLatin1String("origin")).toString(), QStringLiteral("cli"));
    QCOMPARE(first.value(QLatin1String("server")).toString(), m_simulator->baseUrl().toString());
    const QJsonObject second = entries.at(1).toObject();
    QCOMPARE(second.value(QLatin1String("httpStatus")).toInt(), 409);
    QCOMPARE(second.value(QLatin1String("message")).toString(),
             QString::fromLatin1(Simulator::ConflictMessage));
    QCOMPARE(second.value(QLatin1String("stateBefore")).toString(),
             QString()); // an id as given: not looked up

    const QString environment = first.value(QLatin1String("environment")).toString();
    QCOMPARE(jsonOf(run({QStringLiteral("journal"), QStringLiteral("--json"), QStringLiteral("--env"),
                         environment}))
                 .size(),
             2);
    QCOMPARE(jsonOf(run({QStringLiteral("journal"), QStringLiteral("--json"), QStringLiteral("--env"),
                         QStringLiteral("elsewhere")}))
                 .size(),
             0);
    const Run text = run({QStringLiteral("journal")});
    QCOMPARE(text.code, 0);
    QCOMPARE(text.out.count(QLatin1Char('\n')), 2);
    QVERIFY(text.out.contains(QString::fromLatin1(Simulator::ConflictMessage)));
}

void TestCliTriage::concurrentCancelsKeepTheJournalWellFormed()
{
    QSet<QString> ids;
    for (int i = 0; i < 40; ++i)
        ids.insert(m_simulator->addJob(
            QStringLiteral("waiting"),
            QStringLiteral("%1-%2.pdf").arg(i % 2 ? QLatin1Char('a') : QLatin1Char('b')).arg(i)));
    QProcess* a = start(
        base() + QStringList{QStringLiteral("cancel"), QStringLiteral("--file-name"), QStringLiteral("a-*")});
    QProcess* b = start(
        base() + QStringList{QStringLiteral("cancel"), QStringLiteral("--file-name"), QStringLiteral("b-*")});
    const Run first = finish(a);
    const Run second = finish(b);
    QCOMPARE(first.code, 0);
    QCOMPARE(second.code, 0);
    QFile file(journalFile());
    QVERIFY(file.open(QIODevice::ReadOnly));
    QSet<QString> journaled;
    int lines = 0;
    for (const QByteArray& line : file.readAll().split('\n')) {
        if (line.isEmpty())
            continue;
        ++lines;
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson(line, &error);
        QVERIFY2(error.error == QJsonParseError::NoError && document.isObject(), line.constData());
        // Written ahead: a "sending" line before each DELETE, then its outcome under the same attempt.
        const QString outcome = document.object().value(QLatin1String("outcome")).toString();
        QVERIFY2(outcome == QLatin1String("sending") || outcome == QLatin1String("cancelled"),
                 line.constData());
        if (outcome == QLatin1String("cancelled"))
            journaled.insert(document.object().value(QLatin1String("jobId")).toString());
    }
    QCOMPARE(lines, 80);
    QCOMPARE(journaled, ids);
}

void TestCliTriage::stuckUsesFirstSightingsAcrossRuns()
{
    const QString waiting = m_simulator->addJob(QStringLiteral("waiting"));
    const QString delayed = m_simulator->addJob(QStringLiteral("delayed"));
    m_simulator->addJob(QStringLiteral("completed"));
    const QStringList stuck = base() + QStringList{QStringLiteral("stuck"), QStringLiteral("--waiting-over"),
                                                   QStringLiteral("1ms"), QStringLiteral("--json")};
    // First sighting: nothing has waited yet as far as anyone here knows.
    const Run first = run(stuck);
    QCOMPARE(first.code, 0);
    QCOMPARE(jsonOf(first).size(), 0);
    const QJsonArray listed =
        jsonOf(run(base() + QStringList{QStringLiteral("list"), QStringLiteral("--json")}));
    QString firstSeen;
    for (const QJsonValue& job : listed) {
        if (job[QLatin1String("jobId")] == waiting) {
            firstSeen = job[QLatin1String("firstSeen")].toString();
            QVERIFY(job[QLatin1String("ageMs")].toInteger() > 0);
            QCOMPARE(job[QLatin1String("stuck")].toBool(), false); // 30 min by default
        }
    }
    QVERIFY(!firstSeen.isEmpty());
    // Another process, later: the sightings of the first are on disk.
    QTRY_VERIFY(jsonOf(run(stuck)).size() == 2);
    const QJsonArray second = jsonOf(run(stuck));
    QSet<QString> ids;
    for (const QJsonValue& job : second) {
        ids.insert(job[QLatin1String("jobId")].toString());
        QCOMPARE(job[QLatin1String("basis")].toString(), QStringLiteral("first-seen"));
        QVERIFY(job[QLatin1String("ageMs")].toInteger() > 1);
    }
    QCOMPARE(ids, (QSet<QString>{waiting, delayed}));
    const Run text = run(base() + QStringList{QStringLiteral("stuck"), QStringLiteral("--waiting-over"),
                                              QStringLiteral("1ms")});
    QCOMPARE(text.code, 0);
    QVERIFY2(text.out.contains(QString::fromUtf8("waiting ≥")), qPrintable(text.out));
    // The same first sighting as before: not renewed by later runs.
    for (const QJsonValue& job :
         jsonOf(run(base() + QStringList{QStringLiteral("list"), QStringLiteral("--json")}))) {
        if (job[QLatin1String("jobId")] == waiting)
            QCOMPARE(job[QLatin1String("firstSeen")].toString(), firstSeen);
    }
    // Defaults (30 min) leave them alone.
    QCOMPARE(jsonOf(run(base() + QStringList{QStringLiteral("stuck"), QStringLiteral("--json")})).size(), 0);
}

void TestCliTriage::failuresGroupSimilarReasons()
{
    delete m_simulator;
    Simulator::Options options;
    options.token = QStringLiteral("cli-key");
    options.initialJobs = 400;
    options.live = false;
    m_simulator = new Simulator(options, this);
    QVERIFY(m_simulator->listen() != 0);
    const int failed = jsonOf(run(base() + QStringList{QStringLiteral("list"), QStringLiteral("--state"),
                                                       QStringLiteral("failed"), QStringLiteral("--json")}))
                           .size();
    QVERIFY(failed > 5);
    const Run result = run(base() + QStringList{QStringLiteral("failures"), QStringLiteral("--json")});
    QCOMPARE(result.code, 0);
    const QJsonArray groups = jsonOf(result);
    QVERIFY(groups.size() < failed);
    int total = 0;
    int previous = INT_MAX;
    bool merged = false;
    for (const QJsonValue& group : groups) {
        const int count = group[QLatin1String("count")].toInt();
        QVERIFY(count <= previous); // largest first
        previous = count;
        total += count;
        QCOMPARE(group[QLatin1String("jobIds")].toArray().size(), count);
        merged = merged || group[QLatin1String("variants")].toInt() > 1;
    }
    QCOMPARE(total, failed);
    QVERIFY(merged); // "Document 4411 exceeds …" and "Document 77 exceeds …" are one group
    const Run text = run(base() + QStringList{QStringLiteral("failures")});
    QCOMPARE(text.code, 0);
    const QString top = QString::number(groups.at(0)[QLatin1String("count")].toInt()) +
                        QStringLiteral(" × ") + groups.at(0)[QLatin1String("reason")].toString();
    QVERIFY2(text.out.section(QLatin1Char('\n'), 0, 0).trimmed() == top, qPrintable(text.out));
}

void TestCliTriage::listCsvQuotes()
{
    const QString plain = m_simulator->addJob(QStringLiteral("waiting"), QStringLiteral("plain.pdf"));
    const QString odd = m_simulator->addJob(QStringLiteral("waiting"), QStringLiteral("a,\"b\"\nc.pdf"));
    m_simulator->addJob(QStringLiteral("completed"), QStringLiteral("done.pdf"));
    const Run result = run(base() + QStringList{QStringLiteral("list"), QStringLiteral("--csv"),
                                                QStringLiteral("--state"), QStringLiteral("waiting")});
    QCOMPARE(result.code, 0);
    // The window's export columns (jobexport), then the ages.
    QVERIFY2(
        result.out.startsWith(QString::fromUtf8(jobsCsvHeader().chopped(2) + ",ageMs,stuck,firstSeen\r\n")),
        qPrintable(result.out));
    QVERIFY2(result.out.contains(QLatin1String("\r\n") + odd + QLatin1Char(',')), qPrintable(result.out));
    QVERIFY(result.out.contains(QLatin1String(",\"a,\"\"b\"\"\nc.pdf\",")));
    QVERIFY(result.out.contains(QLatin1String("\r\n") + plain + QLatin1Char(',')));
    QVERIFY(result.out.contains(QLatin1String(",plain.pdf,")));
    QVERIFY(!result.out.contains(QLatin1String("done.pdf")));
    QCOMPARE(result.out.count(QLatin1String("\r\n")), 3);
}

QTEST_GUILESS_MAIN(TestCliTriage)
#include "tst_cli_triage.moc"
