// alchemyst-jobs' output formats through QProcess against the simulator: --jsonl, the one JSON vocabulary,
// the window's JSON export as list --json's objects, stuck --exit-code, env list (header, active mark,
// --json), tables that fit their content, English plurals, the 401's next step; the window's --help and
// --version without a display; the shell completions against the commands' own help pages.
#include "jobs/jobexport.h"
#include "rawhttpserver.h"
#include "simulator/simulator.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace Alchemyst;

namespace {

const QString Key = QStringLiteral("formats-key");
const QRegularExpression IsoUtc(QStringLiteral("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z$"));

} // namespace

class TestCliFormats : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void listJsonlIsOneObjectALine();
    void jsonTimesAreIsoUtcAndMissingIsNull();
    void windowExportEqualsListJson();
    void jsonAndJsonlTogetherAreAUsageError_data();
    void jsonAndJsonlTogetherAreAUsageError();
    void stuckJsonlAndExitCode();
    void failuresJsonl();
    void journalJsonlSpeaksTheListVocabulary();
    void receiptSpeaksTheListVocabularyAndKeepsTheOldNames();
    void receiptJsonIsPinnedByteForByte();
    void envListHasAHeaderMarksTheActiveAndHasJson();
    void tablesFitLongStatesAndIds();
    void pluralsAreEnglish();
    void unauthorizedNamesTheLoginCommand();
    void unauthorizedWithTheServersWordsStillNamesTheCommand();
    void windowHelpAndVersionNeedNoDisplay_data();
    void windowHelpAndVersionNeedNoDisplay();
    void completionsKnowEveryCommandAndOption();

private:
    struct Run
    {
        int code = -1;
        QString out;
        QString err;
    };
    // With ALCHEMYST_AI_BASE_URL set to the simulator (or baseUrl) and the key given (the server the key
    // belongs to).
    Run run(const QStringList& arguments, const QString& key = Key, const QString& baseUrl = QString());
    static QList<QJsonObject> jsonLines(const QString& text);

    Simulator* m_simulator = nullptr;
    QTemporaryDir* m_home = nullptr;
};

void TestCliFormats::init()
{
    m_simulator = new Simulator(Simulator::Options::empty(Key), this);
    QVERIFY(m_simulator->listen() != 0);
    m_home = new QTemporaryDir;
    QVERIFY(m_home->isValid());
}

void TestCliFormats::cleanup()
{
    delete m_simulator;
    m_simulator = nullptr;
    delete m_home;
    m_home = nullptr;
}

TestCliFormats::Run TestCliFormats::run(const QStringList& arguments, const QString& key,
                                        const QString& baseUrl)
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("HOME"), m_home->path());
    environment.insert(QStringLiteral("XDG_CONFIG_HOME"), m_home->filePath(QStringLiteral("config")));
    environment.insert(QStringLiteral("XDG_DATA_HOME"), m_home->filePath(QStringLiteral("data")));
    environment.remove(QStringLiteral("DBUS_SESSION_BUS_ADDRESS")); // no keychain: none is needed here
    environment.insert(QStringLiteral("ALCHEMYST_AI_BASE_URL"),
                       baseUrl.isEmpty() ? m_simulator->baseUrl().toString() : baseUrl);
    environment.insert(QStringLiteral("ALCHEMYST_AI_API_KEY"), key);
    QProcess process;
    process.setProcessEnvironment(environment);
    process.start(QStringLiteral(AJM_CLI_PATH), arguments);
    // The simulator lives in this process: keep its event loop turning while the tool runs.
    Run result;
    if (!QTest::qWaitFor([&process] { return process.state() == QProcess::NotRunning; }, 30000)) {
        process.kill();
        process.waitForFinished();
        return result;
    }
    result.code = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.out = QString::fromUtf8(process.readAllStandardOutput());
    result.err = QString::fromUtf8(process.readAllStandardError());
    return result;
}

QList<QJsonObject> TestCliFormats::jsonLines(const QString& text)
{
    // JSON Lines: every line one object, nothing else; the last line ends too.
    QList<QJsonObject> objects;
    if (text.isEmpty())
        return objects;
    if (!text.endsWith(QLatin1Char('\n')))
        return {QJsonObject{{QStringLiteral("unterminated"), text}}};
    const QStringList lines = text.chopped(1).split(QLatin1Char('\n'));
    for (const QString& line : lines) {
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson(line.toUtf8(), &error);
        if (error.error != QJsonParseError::NoError || !document.isObject())
            return {QJsonObject{{QStringLiteral("notAnObject"), line}}};
        objects.append(document.object());
    }
    return objects;
}

void TestCliFormats::listJsonlIsOneObjectALine()
{
    m_simulator->addJob(QStringLiteral("waiting"), QStringLiteral("a.pdf"));
    m_simulator->addJob(QStringLiteral("completed"), QStringLiteral("b.pdf"));
    m_simulator->addJob(QStringLiteral("failed"), QStringLiteral("c.pdf"));
    const Run lines = run({QStringLiteral("list"), QStringLiteral("--jsonl")});
    QCOMPARE(lines.code, 0);
    const QList<QJsonObject> objects = jsonLines(lines.out);
    QCOMPARE(objects.size(), 3);
    // The same objects as --json's array, in the same order.
    const Run array = run({QStringLiteral("list"), QStringLiteral("--json")});
    QCOMPARE(array.code, 0);
    const QJsonArray jobs = QJsonDocument::fromJson(array.out.toUtf8()).array();
    QCOMPARE(jobs.size(), 3);
    for (int i = 0; i < 3; ++i) {
        QJsonObject listed = jobs.at(i).toObject();
        QJsonObject line = objects.at(i);
        QCOMPARE(line.value(QLatin1String("jobId")), listed.value(QLatin1String("jobId")));
        // firstSeen is the same sighting; ageMs moves with the clock between the two runs.
        listed.remove(QStringLiteral("ageMs"));
        line.remove(QStringLiteral("ageMs"));
        QCOMPARE(line, listed);
    }
    // Newest first, as BullMQ (and the simulator) list.
    QCOMPARE(objects.at(0).value(QLatin1String("fileName")).toString(), QStringLiteral("c.pdf"));
}

void TestCliFormats::jsonTimesAreIsoUtcAndMissingIsNull()
{
    m_simulator->addJob(QStringLiteral("completed"), QStringLiteral("done.pdf"));
    m_simulator->addJob(QStringLiteral("waiting"));
    const Run result = run({QStringLiteral("list"), QStringLiteral("--jsonl")});
    QCOMPARE(result.code, 0);
    const QList<QJsonObject> objects = jsonLines(result.out);
    QCOMPARE(objects.size(), 2);
    const bool doneFirst =
        objects.at(0).value(QLatin1String("status")).toString() == QLatin1String("completed");
    const QJsonObject done = objects.at(doneFirst ? 0 : 1);
    const QJsonObject waiting = objects.at(doneFirst ? 1 : 0);
    QCOMPARE(done.value(QLatin1String("status")).toString(), QStringLiteral("completed"));
    for (const char* key : {"processedOn", "finishedOn", "firstSeen"})
        QVERIFY2(IsoUtc.match(done.value(QLatin1String(key)).toString()).hasMatch(), key);
    // Unknown is null, never "" and never 0.
    QVERIFY(waiting.value(QLatin1String("processedOn")).isNull());
    QVERIFY(waiting.value(QLatin1String("finishedOn")).isNull());
    QVERIFY(waiting.value(QLatin1String("failedReason")).isNull());

    // status --json: the same object as list's, without the ages.
    const Run status = run(
        {QStringLiteral("status"), done.value(QLatin1String("jobId")).toString(), QStringLiteral("--json")});
    QCOMPARE(status.code, 0);
    const QJsonObject one = QJsonDocument::fromJson(status.out.toUtf8()).object();
    QCOMPARE(one.value(QLatin1String("processedOn")), done.value(QLatin1String("processedOn")));
    QCOMPARE(one.value(QLatin1String("status")).toString(), QStringLiteral("completed"));
}

void TestCliFormats::windowExportEqualsListJson()
{
    // One page as a server may send it, read by the window (Job::fromJson, as its model does) and by
    // list --json: a job with every field, one with nothing known, one with odd text and a reason past the
    // cap.
    const QString odd = QStringLiteral("\x1b]0;t\x07\r\n\"q\"\\ \x7f\u009b\u2028\u202e\u2066 é ✓ 😀");
    const QJsonObject data{{QStringLiteral("source"), odd},
                           {QStringLiteral("metadata"), QJsonObject{{QStringLiteral("fileName"), odd}}}};
    const QJsonArray page{
        QJsonObject{{QStringLiteral("jobId"), QStringLiteral("j1")},
                    {QStringLiteral("status"), QStringLiteral("failed")},
                    {QStringLiteral("attemptsMade"), 3},
                    {QStringLiteral("processedOn"), 1712345678900.0},
                    {QStringLiteral("finishedOn"), 1712345678901.0},
                    {QStringLiteral("failedReason"), QStringLiteral("Embedding service timed out")},
                    {QStringLiteral("data"),
                     QJsonObject{{QStringLiteral("source"), QStringLiteral("google-drive")},
                                 {QStringLiteral("metadata"),
                                  QJsonObject{{QStringLiteral("fileName"), QStringLiteral("report.pdf")}}}}}},
        QJsonObject{{QStringLiteral("jobId"), 42}, {QStringLiteral("status"), QStringLiteral("waiting")}},
        QJsonObject{{QStringLiteral("jobId"), QStringLiteral("j\u202e3")},
                    {QStringLiteral("status"), QStringLiteral("failed\u009b")},
                    {QStringLiteral("failedReason"), QString(QString(3000, QLatin1Char('x')) + odd)},
                    {QStringLiteral("data"), data}}};
    RawHttpServer server;
    QVERIFY(server.start() != 0);
    RawHttpServer::Reply reply;
    reply.body = QJsonDocument(QJsonObject{{QStringLiteral("success"), true}, {QStringLiteral("jobs"), page}})
                     .toJson(QJsonDocument::Compact);
    server.setReply(reply);
    const Run list = run({QStringLiteral("list"), QStringLiteral("--json")}, Key, server.baseUrl());
    QCOMPARE(list.code, 0);

    JobList jobs;
    for (const QJsonValue& value : page) {
        const std::optional<Job> job = Job::fromJson(value.toObject());
        QVERIFY(job);
        jobs.append(*job);
    }
    QVERIFY(jobs.last().reasonTruncated);
    const QList<QByteArray> exported = jobsToJson(jobs).split('\n');
    const QList<QByteArray> listed = list.out.toUtf8().split('\n');
    // "[", three objects, "]" and the empty rest after the last line end: the same framing.
    QCOMPARE(listed.size(), 6);
    QCOMPARE(exported.size(), listed.size());
    QCOMPARE(exported.first(), listed.first());
    QCOMPARE(exported.at(4), listed.at(4));
    for (int i = 1; i <= 3; ++i) {
        QByteArray mine = exported.at(i);
        QByteArray cli = listed.at(i);
        if (i < 3) {
            QVERIFY(mine.endsWith(',') && cli.endsWith(','));
            mine.chop(1);
            cli.chop(1);
        }
        // Byte for byte the same object, to which the CLI adds what it knows of the job's age.
        const QByteArray shared = mine.chopped(1) + ",\"ageMs\":";
        QVERIFY2(cli.startsWith(shared), cli.constData());
        QJsonObject extra = QJsonDocument::fromJson(cli).object();
        for (const QString& key : QJsonDocument::fromJson(mine).object().keys())
            extra.remove(key);
        QCOMPARE(extra.keys(), (QStringList{QStringLiteral("ageMs"), QStringLiteral("firstSeen"),
                                            QStringLiteral("stuck")}));
    }
    // The odd text left both escaped alike, and reads back as the server sent it.
    QVERIFY(exported.at(3).contains("\\u202e") && exported.at(3).contains("\\u009b"));
    const QJsonObject third = QJsonDocument::fromJson(exported.at(3)).object();
    QCOMPARE(third.value(QLatin1String("fileName")).toString(), odd);
    QCOMPARE(third.value(QLatin1String("jobId")).toString(), QStringLiteral("j\u202e3"));
}

void TestCliFormats::jsonAndJsonlTogetherAreAUsageError_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::newRow("list") << QStringList{QStringLiteral("list"), QStringLiteral("--json"),
                                         QStringLiteral("--jsonl")};
    QTest::newRow("list csv") << QStringList{QStringLiteral("list"), QStringLiteral("--csv"),
                                             QStringLiteral("--jsonl")};
    QTest::newRow("stuck") << QStringList{QStringLiteral("stuck"), QStringLiteral("--json"),
                                          QStringLiteral("--jsonl")};
    QTest::newRow("failures") << QStringList{QStringLiteral("failures"), QStringLiteral("--json"),
                                             QStringLiteral("--jsonl")};
    QTest::newRow("journal") << QStringList{QStringLiteral("journal"), QStringLiteral("--json"),
                                            QStringLiteral("--jsonl")};
}

void TestCliFormats::jsonAndJsonlTogetherAreAUsageError()
{
    QFETCH(QStringList, arguments);
    const Run result = run(arguments);
    QCOMPARE(result.code, 2);
    QVERIFY2(result.err.contains(QLatin1String("--jsonl")), qPrintable(result.err));
    QCOMPARE(m_simulator->requestCount(), 0); // found before any request
}

void TestCliFormats::stuckJsonlAndExitCode()
{
    m_simulator->addJob(QStringLiteral("completed"));
    // Nothing stuck: 0, with or without --exit-code.
    QCOMPARE(run({QStringLiteral("stuck"), QStringLiteral("--exit-code")}).code, 0);
    const QString waiting = m_simulator->addJob(QStringLiteral("waiting"), QStringLiteral("slow.pdf"));
    // Waiting since its first sighting (the run above did not see it): stuck over 0 s at the second look.
    QCOMPARE(run({QStringLiteral("stuck"), QStringLiteral("--waiting-over"), QStringLiteral("1h")}).code, 0);
    QTest::qWait(20); // the first sighting must lie in the past for an age over 0 s
    const QStringList stuck{QStringLiteral("stuck"), QStringLiteral("--waiting-over"), QStringLiteral("1ms")};
    const Run plain = run(stuck);
    QCOMPARE(plain.code, 0); // without --exit-code, whatever it finds
    const Run flagged = run(stuck + QStringList{QStringLiteral("--exit-code"), QStringLiteral("--jsonl")});
    QCOMPARE(flagged.code, 1);
    const QList<QJsonObject> objects = jsonLines(flagged.out);
    QCOMPARE(objects.size(), 1);
    QCOMPARE(objects.at(0).value(QLatin1String("jobId")).toString(), waiting);
    QCOMPARE(objects.at(0).value(QLatin1String("status")).toString(), QStringLiteral("waiting"));
    QCOMPARE(objects.at(0).value(QLatin1String("basis")).toString(), QStringLiteral("first-seen"));
    QVERIFY(IsoUtc.match(objects.at(0).value(QLatin1String("since")).toString()).hasMatch());
    QCOMPARE(objects.at(0).value(QLatin1String("fileName")).toString(), QStringLiteral("slow.pdf"));
    // The help page says what the exit status means.
    const Run help = run({QStringLiteral("stuck"), QStringLiteral("--help")});
    QVERIFY2(help.out.contains(QLatin1String("--exit-code")), qPrintable(help.out));
}

void TestCliFormats::failuresJsonl()
{
    const QString first = m_simulator->addJob(QStringLiteral("failed"), QStringLiteral("big.pdf"));
    const QString second = m_simulator->addJob(QStringLiteral("failed"), QStringLiteral("bigger.pdf"));
    const Run result = run({QStringLiteral("failures"), QStringLiteral("--jsonl")});
    QCOMPARE(result.code, 0);
    const QList<QJsonObject> groups = jsonLines(result.out);
    QVERIFY(!groups.isEmpty());
    int count = 0;
    QStringList ids;
    for (const QJsonObject& group : groups) {
        QVERIFY(group.contains(QLatin1String("reason")));
        count += group.value(QLatin1String("count")).toInt();
        for (const QJsonValue& id : group.value(QLatin1String("jobIds")).toArray())
            ids.append(id.toString());
    }
    QCOMPARE(count, 2);
    ids.sort();
    QStringList expected{first, second};
    expected.sort();
    QCOMPARE(ids, expected);
    QCOMPARE(QJsonDocument::fromJson(run({QStringLiteral("failures"), QStringLiteral("--json")}).out.toUtf8())
                 .array()
                 .size(),
             groups.size());
}

void TestCliFormats::journalJsonlSpeaksTheListVocabulary()
{
    const QString byState = m_simulator->addJob(QStringLiteral("waiting"));
    QCOMPARE(run({QStringLiteral("cancel"), QStringLiteral("--state"), QStringLiteral("waiting")}).code, 0);
    const QString byId = m_simulator->addJob(QStringLiteral("waiting"));
    QCOMPARE(run({QStringLiteral("cancel"), byId}).code, 0);
    const Run result = run({QStringLiteral("journal"), QStringLiteral("--jsonl")});
    QCOMPARE(result.code, 0);
    const QList<QJsonObject> entries = jsonLines(result.out);
    QCOMPARE(entries.size(), 2);
    QCOMPARE(entries.at(0).value(QLatin1String("jobId")).toString(), byState);
    QCOMPARE(entries.at(0).value(QLatin1String("status")).toString(), QStringLiteral("waiting"));
    QCOMPARE(entries.at(0).value(QLatin1String("httpStatus")).toInt(), 200);
    QVERIFY(IsoUtc.match(entries.at(0).value(QLatin1String("time")).toString()).hasMatch());
    // An id as given was not looked up: its state is null; the old name keeps its old "".
    QCOMPARE(entries.at(1).value(QLatin1String("jobId")).toString(), byId);
    QVERIFY(entries.at(1).value(QLatin1String("status")).isNull());
    QCOMPARE(entries.at(1).value(QLatin1String("stateBefore")), QJsonValue(QString()));
    // --json: the same entries as one array.
    const QJsonArray array =
        QJsonDocument::fromJson(run({QStringLiteral("journal"), QStringLiteral("--json")}).out.toUtf8())
            .array();
    QCOMPARE(array.size(), 2);
    QCOMPARE(array.at(1).toObject(), entries.at(1));
}

void TestCliFormats::receiptSpeaksTheListVocabularyAndKeepsTheOldNames()
{
    const QString waiting = m_simulator->addJob(QStringLiteral("waiting"), QStringLiteral("x.pdf"));
    const QString done = m_simulator->addJob(QStringLiteral("completed"), QStringLiteral("x.pdf"));
    const Run result = run({QStringLiteral("cancel"), QStringLiteral("--file-name"), QStringLiteral("x.pdf"),
                            QStringLiteral("--json")});
    QCOMPARE(result.code, 0);
    const QJsonArray receipt = QJsonDocument::fromJson(result.out.toUtf8()).array();
    QCOMPARE(receipt.size(), 2);
    QJsonObject sent, skipped;
    for (const QJsonValue& line : receipt)
        (line[QLatin1String("jobId")].toString() == waiting ? sent : skipped) = line.toObject();
    QCOMPARE(sent.value(QLatin1String("status")).toString(), QStringLiteral("waiting"));
    QCOMPARE(sent.value(QLatin1String("httpStatus")).toInt(), 200);
    QCOMPARE(sent.value(QLatin1String("outcome")).toString(), QStringLiteral("cancelled"));
    QCOMPARE(skipped.value(QLatin1String("jobId")).toString(), done);
    QCOMPARE(skipped.value(QLatin1String("outcome")).toString(), QStringLiteral("skipped"));
    QVERIFY(skipped.value(QLatin1String("httpStatus")).isNull()); // nothing was sent: no status, not 0
    // The previous release's names, for one release.
    QCOMPARE(sent.value(QLatin1String("id")).toString(), waiting);
    QCOMPARE(sent.value(QLatin1String("stateBefore")).toString(), QStringLiteral("waiting"));

    // A dry run of ids: their state is not looked up, so it is null.
    const Run dry = run({QStringLiteral("cancel"), QStringLiteral("123"), QStringLiteral("--dry-run"),
                         QStringLiteral("--json")});
    QCOMPARE(dry.code, 0);
    const QJsonObject plan = QJsonDocument::fromJson(dry.out.toUtf8()).object();
    const QJsonObject line = plan.value(QLatin1String("send")).toArray().at(0).toObject();
    QCOMPARE(line.value(QLatin1String("jobId")).toString(), QStringLiteral("123"));
    QVERIFY(line.value(QLatin1String("status")).isNull());
}

void TestCliFormats::receiptJsonIsPinnedByteForByte()
{
    // What scripts read, to the byte: the keys in this order, indented by four, nulls and the old names.
    // The window's receipt export writes the same objects (ReceiptLine::toJson).
    const QString line = QStringLiteral("    {\n"
                                        "        \"httpStatus\": %1,\n"
                                        "        \"id\": \"%2\",\n"
                                        "        \"jobId\": \"%2\",\n"
                                        "        \"message\": \"%3\",\n"
                                        "        \"outcome\": \"%4\",\n"
                                        "        \"stateBefore\": \"%5\",\n"
                                        "        \"status\": %6\n"
                                        "    }");
    const auto receipt = [](const QStringList& lines) -> QString {
        return QStringLiteral("[\n") + lines.join(QStringLiteral(",\n")) + QStringLiteral("\n]\n");
    };
    const QString delayed = m_simulator->addJob(QStringLiteral("delayed"), QStringLiteral("d.pdf"));
    const QString done = m_simulator->addJob(QStringLiteral("completed"), QStringLiteral("c.pdf"));

    // Selected by state: the state before is known.
    const Run selected = run({QStringLiteral("cancel"), QStringLiteral("--state"), QStringLiteral("delayed"),
                              QStringLiteral("--json")});
    QCOMPARE(selected.code, 0);
    QCOMPARE(selected.out,
             receipt({line.arg(QStringLiteral("200"), delayed, QStringLiteral("Job cancelled successfully"),
                               QStringLiteral("cancelled"), QStringLiteral("delayed"),
                               QStringLiteral("\"delayed\""))}));
    // Skipped: nothing was sent, so no HTTP status.
    const Run skipped = run({QStringLiteral("cancel"), QStringLiteral("--file-name"), QStringLiteral("c.pdf"),
                             QStringLiteral("--json")});
    QCOMPARE(skipped.code, 0);
    QCOMPARE(skipped.out,
             receipt({line.arg(
                 QStringLiteral("null"), done, QStringLiteral("nothing to cancel: already completed"),
                 QStringLiteral("skipped"), QStringLiteral("completed"), QStringLiteral("\"completed\""))}));
    // Ids given: their state is not looked up (null, and "" under the old name); a 404 keeps the server's
    // words.
    const Run byId = run({QStringLiteral("cancel"), done, QStringLiteral("99999"), QStringLiteral("--json")});
    QCOMPARE(byId.code, 4);
    QCOMPARE(
        byId.out,
        receipt({line.arg(QStringLiteral("404"), done, QStringLiteral("Job not found or already completed"),
                          QStringLiteral("not-found"), QString(), QStringLiteral("null")),
                 line.arg(QStringLiteral("404"), QStringLiteral("99999"), QStringLiteral("Job not found"),
                          QStringLiteral("not-found"), QString(), QStringLiteral("null"))}));
}

void TestCliFormats::envListHasAHeaderMarksTheActiveAndHasJson()
{
    const QString url = m_simulator->baseUrl().toString();
    QCOMPARE(run({QStringLiteral("env"), QStringLiteral("add"), QStringLiteral("Staging"),
                  QStringLiteral("--base-url"), url})
                 .code,
             0);
    QCOMPARE(run({QStringLiteral("env"), QStringLiteral("add"), QStringLiteral("Production"),
                  QStringLiteral("--base-url"), QStringLiteral("https://platform-backend.getalchemystai.com"),
                  QStringLiteral("--production")})
                 .code,
             0);
    QCOMPARE(run({QStringLiteral("env"), QStringLiteral("use"), QStringLiteral("Production")}).code, 0);

    const Run text = run({QStringLiteral("env"), QStringLiteral("list")});
    QCOMPARE(text.code, 0);
    const QStringList lines = text.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 3);
    QVERIFY2(lines.at(0).contains(QLatin1String("NAME")) && lines.at(0).contains(QLatin1String("BASE URL")),
             qPrintable(text.out));
    QVERIFY2(lines.at(2).startsWith(QLatin1String("* Production")), qPrintable(text.out));
    QVERIFY2(lines.at(1).startsWith(QLatin1String("  Staging")), qPrintable(text.out));
    // The columns line up: the URL starts at the header's BASE URL in every row.
    const qsizetype column = lines.at(0).indexOf(QLatin1String("BASE URL"));
    QCOMPARE(lines.at(1).indexOf(url), column);
    QCOMPARE(lines.at(2).indexOf(QLatin1String("https://")), column);

    const Run json = run({QStringLiteral("env"), QStringLiteral("list"), QStringLiteral("--json")});
    QCOMPARE(json.code, 0);
    const QJsonArray environments = QJsonDocument::fromJson(json.out.toUtf8()).array();
    QCOMPARE(environments.size(), 2);
    QJsonObject staging = environments.at(0).toObject();
    QJsonObject production = environments.at(1).toObject();
    if (staging.value(QLatin1String("name")) != QLatin1String("Staging"))
        std::swap(staging, production);
    QCOMPARE(staging.value(QLatin1String("name")).toString(), QStringLiteral("Staging"));
    QCOMPARE(staging.value(QLatin1String("baseUrl")).toString(), url);
    QCOMPARE(staging.value(QLatin1String("active")).toBool(), false);
    QCOMPARE(staging.value(QLatin1String("production")).toBool(), false);
    QCOMPARE(production.value(QLatin1String("active")).toBool(), true);
    QCOMPARE(production.value(QLatin1String("production")).toBool(), true);
    // No keychain in this test's session: said as such, never "stored".
    QVERIFY(QStringList({QStringLiteral("missing"), QStringLiteral("unavailable"), QStringLiteral("locked")})
                .contains(production.value(QLatin1String("key")).toString()));
}

void TestCliFormats::tablesFitLongStatesAndIds()
{
    const QString longId = QStringLiteral("job-with-a-rather-long-identifier-0001");
    m_simulator->addJob(QStringLiteral("waiting-children"), QStringLiteral("parent.pdf"), longId);
    m_simulator->addJob(QStringLiteral("completed"), QStringLiteral("short.pdf"), QStringLiteral("7"));
    const Run result = run({QStringLiteral("list")});
    QCOMPARE(result.code, 0);
    const QStringList lines = result.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 3);
    const QString& header = lines.at(0);
    const qsizetype state = header.indexOf(QLatin1String("STATE"));
    const qsizetype file = header.indexOf(QLatin1String("FILE / SOURCE"));
    QVERIFY(state > longId.size()); // the id column is as wide as its widest id
    for (const QString& line : lines.mid(1)) {
        // Every row's state and file start where the header says, and nothing runs into the next column.
        QVERIFY2(line.mid(state).startsWith(QLatin1String("waiting-children  ")) ||
                     line.mid(state).startsWith(QLatin1String("completed ")),
                 qPrintable(result.out));
        QVERIFY2(line.mid(file).startsWith(QLatin1String("parent.pdf")) ||
                     line.mid(file).startsWith(QLatin1String("short.pdf")),
                 qPrintable(result.out));
        QVERIFY(!line.endsWith(QLatin1Char(' ')));
    }
}

void TestCliFormats::pluralsAreEnglish()
{
    m_simulator->addJob(QStringLiteral("failed"));
    const Run one = run({QStringLiteral("list")});
    QCOMPARE(one.code, 0);
    QVERIFY2(one.err.contains(QLatin1String("1 job from")) && one.err.contains(QLatin1String(" 1 request\n")),
             qPrintable(one.err));
    m_simulator->addJob(QStringLiteral("failed"));
    const Run two = run({QStringLiteral("list")});
    QVERIFY2(two.err.contains(QLatin1String("2 jobs from")), qPrintable(two.err));
    const Run failures = run({QStringLiteral("failures")});
    QVERIFY2(failures.err.contains(QLatin1String("2 failed jobs in ")), qPrintable(failures.err));
    QVERIFY2(!QString(one.err + two.err + failures.err).contains(QLatin1String("(s)")), "no \"job(s)\"");
}

void TestCliFormats::unauthorizedNamesTheLoginCommand()
{
    const Run result = run({QStringLiteral("list")}, QStringLiteral("not-the-key"));
    QCOMPARE(result.code, 5);
    QVERIFY2(result.err.contains(QLatin1String("(HTTP 401)")), qPrintable(result.err));
    QVERIFY2(result.err.contains(QLatin1String("Check the key with `alchemyst-jobs login --env NAME`.")),
             qPrintable(result.err));
    QVERIFY2(!result.err.contains(QLatin1String("Settings")), qPrintable(result.err)); // neither tool has it
}

void TestCliFormats::unauthorizedWithTheServersWordsStillNamesTheCommand()
{
    // A server that explains its 401: its words verbatim, then what to do here.
    RawHttpServer server;
    QVERIFY(server.start() != 0);
    RawHttpServer::Reply reply;
    reply.status = 401;
    reply.body = R"({"success":false,"message":"API key revoked on 2026-11-30"})";
    server.setReply(reply);
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("HOME"), m_home->path());
    environment.insert(QStringLiteral("XDG_CONFIG_HOME"), m_home->filePath(QStringLiteral("config")));
    environment.insert(QStringLiteral("XDG_DATA_HOME"), m_home->filePath(QStringLiteral("data")));
    environment.remove(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"));
    environment.insert(QStringLiteral("ALCHEMYST_AI_BASE_URL"), server.baseUrl());
    environment.insert(QStringLiteral("ALCHEMYST_AI_API_KEY"), Key);
    QProcess process;
    process.setProcessEnvironment(environment);
    process.start(QStringLiteral(AJM_CLI_PATH), {QStringLiteral("status"), QStringLiteral("42")});
    QVERIFY(QTest::qWaitFor([&process] { return process.state() == QProcess::NotRunning; }, 30000));
    const QString err = QString::fromUtf8(process.readAllStandardError());
    QCOMPARE(process.exitCode(), 5);
    QVERIFY2(err.contains(QLatin1String("API key revoked on 2026-11-30")), qPrintable(err));
    QVERIFY2(err.contains(QLatin1String("Check the key with `alchemyst-jobs login --env NAME`.")),
             qPrintable(err));
}

void TestCliFormats::windowHelpAndVersionNeedNoDisplay_data()
{
    QTest::addColumn<QString>("option");
    QTest::addColumn<QString>("expected");
    QTest::newRow("--version") << QStringLiteral("--version") << QStringLiteral(AJM_VERSION);
    QTest::newRow("-v") << QStringLiteral("-v") << QStringLiteral(AJM_VERSION);
    QTest::newRow("--help") << QStringLiteral("--help") << QStringLiteral("--demo");
    QTest::newRow("-h") << QStringLiteral("-h") << QStringLiteral("--base-url <URL>");
}

void TestCliFormats::windowHelpAndVersionNeedNoDisplay()
{
    QFETCH(QString, option);
    QFETCH(QString, expected);
    // No display of any kind: QApplication would abort ("could not connect to display").
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    for (const char* name : {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"})
        environment.remove(QString::fromLatin1(name));
    environment.insert(QStringLiteral("HOME"), m_home->path());
    environment.insert(QStringLiteral("XDG_RUNTIME_DIR"), m_home->path()); // no single-instance socket shared
    QProcess process;
    process.setProcessEnvironment(environment);
    process.start(QStringLiteral(AJM_GUI_PATH), {option});
    QVERIFY(process.waitForFinished(15000));
    const QString out = QString::fromUtf8(process.readAllStandardOutput());
    const QString err = QString::fromUtf8(process.readAllStandardError());
    QCOMPARE(process.exitStatus(), QProcess::NormalExit);
    QVERIFY2(process.exitCode() == 0, qPrintable(err));
    QVERIFY2(out.contains(expected), qPrintable(out));
    QVERIFY2(!err.contains(QLatin1String("display")), qPrintable(err));
}

void TestCliFormats::completionsKnowEveryCommandAndOption()
{
    QFile bashFile(QStringLiteral(AJM_SOURCE_DIR "/packaging/completion/alchemyst-jobs.bash"));
    QFile zshFile(QStringLiteral(AJM_SOURCE_DIR "/packaging/completion/_alchemyst-jobs"));
    QVERIFY(bashFile.open(QIODevice::ReadOnly));
    QVERIFY(zshFile.open(QIODevice::ReadOnly));
    const QString bash = QString::fromUtf8(bashFile.readAll());
    const QString zsh = QString::fromUtf8(zshFile.readAll());

    // The commands the overview lists, and each one's options as its own page lists them.
    const Run overview = run({QStringLiteral("--help")});
    QCOMPARE(overview.code, 0);
    const QString commandsPart =
        overview.out.section(QStringLiteral("Commands:\n"), 1).section(QStringLiteral("\n\n"), 0, 0);
    QStringList commands;
    for (const QString& line : commandsPart.split(QLatin1Char('\n'), Qt::SkipEmptyParts))
        commands.append(line.trimmed().section(QLatin1Char(' '), 0, 0));
    QVERIFY(commands.size() >= 10);
    const QRegularExpression optionLine(QStringLiteral("^\\s+(?:-\\w, )?(--[a-z][a-z-]*)"),
                                        QRegularExpression::MultilineOption);
    for (const QString& command : std::as_const(commands)) {
        QVERIFY2(bash.contains(QLatin1Char(' ') + command), qPrintable(command));
        QVERIFY2(zsh.contains(QLatin1Char('\'') + command + QLatin1Char(':')), qPrintable(command));
        if (command == QLatin1String("help"))
            continue;
        const Run page = run({command, QStringLiteral("--help")});
        QCOMPARE(page.code, 0);
        // The bash case for the command lists its options (on its own line: "    list) options=...").
        const QRegularExpression bashCase(
            QStringLiteral("\\n\\s+%1\\) options=\"([^\"]*)\"").arg(QRegularExpression::escape(command)));
        const QString bashOptions = bashCase.match(bash).captured(1).replace(
            QLatin1String("$network"),
            QLatin1String("--base-url --env --timeout --requests-per-minute --read-only"));
        for (auto match = optionLine.globalMatch(page.out); match.hasNext();) {
            const QString option = match.next().captured(1);
            if (option == QLatin1String("--help"))
                continue;
            if (command != QLatin1String("env"))
                QVERIFY2(bashOptions.split(QLatin1Char(' ')).contains(option),
                         qPrintable(command + QLatin1Char(' ') + option));
            else
                QVERIFY2(bash.contains(option), qPrintable(command + QLatin1Char(' ') + option));
            QVERIFY2(zsh.contains(option + QLatin1Char('[')),
                     qPrintable(command + QLatin1Char(' ') + option));
        }
    }
}

QTEST_GUILESS_MAIN(TestCliFormats)
#include "tst_cli_formats.moc"
