// alchemyst-jobs through QProcess against a loopback server that answers what each case needs: every
// documented exit code, and what leaves the program (CSV cells, JSON, skipped entries, local refusals).
#include "core/cancelbatch.h"
#include "core/journal.h"
#include "jobs/jobexport.h"
#include "rawhttpserver.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace Alchemyst;

namespace {

RawHttpServer::Reply jsonReply(int status, const QJsonObject& body)
{
    RawHttpServer::Reply reply;
    reply.status = status;
    reply.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    return reply;
}

QJsonObject job(const QString& id, const QString& status, const QString& fileName = QString())
{
    QJsonObject object{{QStringLiteral("jobId"), id}, {QStringLiteral("status"), status}};
    if (!fileName.isEmpty())
        object.insert(
            QStringLiteral("data"),
            QJsonObject{{QStringLiteral("metadata"), QJsonObject{{QStringLiteral("fileName"), fileName}}}});
    return object;
}

QJsonObject page(const QJsonArray& jobs)
{
    return {{QStringLiteral("success"), true}, {QStringLiteral("jobs"), jobs}};
}

// The code points a terminal may act on that JSON may carry raw: none may reach the output as they are.
QString firstTerminalControl(const QString& text)
{
    for (const QChar c : text) {
        const char16_t u = c.unicode();
        if ((u >= 0x7f && u <= 0x9f) || u == 0x2028 || u == 0x2029 || (u >= 0x202a && u <= 0x202e) ||
            (u >= 0x2066 && u <= 0x2069))
            return QStringLiteral("U+%1").arg(QString::number(u, 16));
    }
    return {};
}

} // namespace

class TestCliExitCodes : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    // Item 10: every code the help pages document, at least once per command.
    void documentedExitCodes_data();
    void documentedExitCodes();
    void helpPagesStateTheCodesTheyUse();

    // Item 1: formula cells.
    void csvExportsNeutraliseFormulaCells();
    void listCsvNeutralisesFormulaCellsUnlessRawCellsAsked();

    // Item 2: JSON and the terminal.
    void jsonOutputCannotDriveTheTerminal();

    // Item 3: no job vanishes without a word.
    void skippedEntriesAreCountedOnStderr();

    // Item 4: a cancel refused here is never the server's.
    void locallyRefusedCancelNeverBlamesTheServer();

private:
    struct Run
    {
        int code = -1;
        QByteArray out;
        QString err;
    };
    Run run(const QStringList& arguments, const QString& key = QStringLiteral("cli-key"),
            const QList<QPair<QString, QString>>& extra = {});

    RawHttpServer* m_server = nullptr;
    QTemporaryDir* m_home = nullptr;
};

void TestCliExitCodes::init()
{
    m_server = new RawHttpServer(this);
    QVERIFY(m_server->start() != 0);
    m_home = new QTemporaryDir;
}

void TestCliExitCodes::cleanup()
{
    delete m_server;
    delete m_home;
}

TestCliExitCodes::Run TestCliExitCodes::run(const QStringList& arguments, const QString& key,
                                            const QList<QPair<QString, QString>>& extra)
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("HOME"), m_home->path());
    environment.insert(QStringLiteral("XDG_CONFIG_HOME"), m_home->filePath(QStringLiteral("config")));
    environment.insert(QStringLiteral("XDG_DATA_HOME"), m_home->filePath(QStringLiteral("data")));
    environment.remove(QStringLiteral("DBUS_SESSION_BUS_ADDRESS")); // no keychain
    environment.insert(QStringLiteral("ALCHEMYST_AI_BASE_URL"), m_server->baseUrl());
    if (key.isEmpty())
        environment.remove(QStringLiteral("ALCHEMYST_AI_API_KEY"));
    else
        environment.insert(QStringLiteral("ALCHEMYST_AI_API_KEY"), key);
    for (const auto& [name, value] : extra)
        environment.insert(name, value);
    QProcess process;
    process.setProcessEnvironment(environment);
    process.start(QStringLiteral(AJM_CLI_PATH), arguments);
    // The server lives in this process: keep its event loop turning while the tool runs.
    if (!QTest::qWaitFor([&process] { return process.state() == QProcess::NotRunning; }, 30000)) {
        process.kill();
        process.waitForFinished();
        QTest::qFail("alchemyst-jobs did not finish", __FILE__, __LINE__);
    }
    Run result;
    result.code = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.out = process.readAllStandardOutput();
    result.err = QString::fromUtf8(process.readAllStandardError());
    return result;
}

void TestCliExitCodes::documentedExitCodes_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<int>("status"); // the server's answer to every request; 0: none needed
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("unwritable"); // "data" or "config": that folder is a file
    QTest::addColumn<bool>("withKey");
    QTest::addColumn<int>("expected");
    QTest::addColumn<QString>("stderrSays");

    const QByteArray listed = QJsonDocument(page({job(QStringLiteral("5"), QStringLiteral("waiting"))}))
                                  .toJson(QJsonDocument::Compact);
    const QByteArray one = QJsonDocument(QJsonObject{{QStringLiteral("success"), true},
                                                     {QStringLiteral("jobId"), QStringLiteral("5")},
                                                     {QStringLiteral("status"), QStringLiteral("waiting")}})
                               .toJson(QJsonDocument::Compact);
    const QByteArray said = R"({"success":false,"message":"no"})";
    const QByteArray cancelled = R"({"success":true})";
    const QStringList list{QStringLiteral("list"), QStringLiteral("--requests-per-minute"),
                           QStringLiteral("0")};
    const QStringList status{QStringLiteral("status"), QStringLiteral("5")};
    const QStringList cancel{QStringLiteral("cancel"), QStringLiteral("5")};
    const QStringList stuck{QStringLiteral("stuck"), QStringLiteral("--requests-per-minute"),
                            QStringLiteral("0")};

    QTest::newRow("list 0") << list << 200 << listed << QString() << true << 0 << QString();
    QTest::newRow("list 0, first-seen store not written")
        << list << 200 << listed << QStringLiteral("data") << true << 0
        << QStringLiteral("first sightings could not be saved");
    QTest::newRow("list 2") << QStringList{QStringLiteral("list"), QStringLiteral("--json"),
                                           QStringLiteral("--csv")}
                            << 0 << QByteArray() << QString() << true << 2 << QString();
    QTest::newRow("list 2 raw-cells alone")
        << QStringList{QStringLiteral("list"), QStringLiteral("--raw-cells")} << 0 << QByteArray()
        << QString() << true << 2 << QStringLiteral("--raw-cells goes with --csv");
    QTest::newRow("list 5 no key") << list << 0 << QByteArray() << QString() << false << 5 << QString();
    QTest::newRow("list 5 401") << list << 401 << said << QString() << true << 5 << QString();
    QTest::newRow("list 5 403") << list << 403 << said << QString() << true << 5 << QString();
    QTest::newRow("list 7 500") << list << 500 << said << QString() << true << 7 << QString();
    QTest::newRow("list 7 429") << list << 429 << said << QString() << true << 7 << QString();
    QTest::newRow("list 7 malformed")
        << list << 200 << QByteArray("[1,") << QString() << true << 7 << QString();

    QTest::newRow("status 0") << status << 200 << one << QString() << true << 0 << QString();
    QTest::newRow("status 2") << QStringList{QStringLiteral("status")} << 0 << QByteArray() << QString()
                              << true << 2 << QString();
    QTest::newRow("status 4") << status << 404 << said << QString() << true << 4 << QString();
    QTest::newRow("status 5") << status << 401 << said << QString() << true << 5 << QString();
    QTest::newRow("status 6") << status << 400 << said << QString() << true << 6 << QString();
    QTest::newRow("status 7") << status << 502 << said << QString() << true << 7 << QString();

    QTest::newRow("cancel 0") << cancel << 200 << cancelled << QString() << true << 0 << QString();
    QTest::newRow("cancel 1 journal")
        << cancel << 200 << cancelled << QStringLiteral("data") << true << 1 << QStringLiteral("journal");
    QTest::newRow("cancel 2") << QStringList{QStringLiteral("cancel")} << 0 << QByteArray() << QString()
                              << true << 2 << QString();
    QTest::newRow("cancel 3") << cancel << 409 << said << QString() << true << 3 << QString();
    QTest::newRow("cancel 4") << cancel << 404 << said << QString() << true << 4 << QString();
    QTest::newRow("cancel 5") << cancel << 401 << said << QString() << true << 5 << QString();
    QTest::newRow("cancel 6") << cancel << 400 << said << QString() << true << 6 << QString();
    QTest::newRow("cancel 7") << cancel << 500 << said << QString() << true << 7 << QString();
    QTest::newRow("cancel 7 429") << cancel << 429 << said << QString() << true << 7 << QString();

    QTest::newRow("stuck 0") << stuck << 200 << listed << QString() << true << 0 << QString();
    QTest::newRow("stuck 2") << QStringList{QStringLiteral("stuck"), QStringLiteral("--waiting-over"),
                                            QStringLiteral("soon")}
                             << 0 << QByteArray() << QString() << true << 2 << QString();
    QTest::newRow("stuck 5") << stuck << 401 << said << QString() << true << 5 << QString();
    QTest::newRow("stuck 7") << stuck << 500 << said << QString() << true << 7 << QString();

    QTest::newRow("journal 0") << QStringList{QStringLiteral("journal")} << 0 << QByteArray() << QString()
                               << false << 0 << QString();
    QTest::newRow("journal 2") << QStringList{QStringLiteral("journal"), QStringLiteral("--since"),
                                              QStringLiteral("yesterday")}
                               << 0 << QByteArray() << QString() << false << 2 << QString();

    QTest::newRow("env 0") << QStringList{QStringLiteral("env"), QStringLiteral("list")} << 0 << QByteArray()
                           << QString() << false << 0 << QString();
    QTest::newRow("env 1") << QStringList{QStringLiteral("env"), QStringLiteral("add"),
                                          QStringLiteral("Second"), QStringLiteral("--base-url"),
                                          QStringLiteral("https://second.example.com")}
                           << 0 << QByteArray() << QStringLiteral("config") << false << 1
                           << QStringLiteral("not saved");
    QTest::newRow("env 2") << QStringList{QStringLiteral("env"), QStringLiteral("add"),
                                          QStringLiteral("Third")}
                           << 0 << QByteArray() << QString() << false << 2 << QString();
}

void TestCliExitCodes::documentedExitCodes()
{
    QFETCH(QStringList, arguments);
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(QString, unwritable);
    QFETCH(bool, withKey);
    QFETCH(int, expected);
    QFETCH(QString, stderrSays);
    RawHttpServer::Reply reply;
    reply.status = status > 0 ? status : 500;
    reply.body = body;
    if (status == 429)
        reply.headers.append({QByteArrayLiteral("Retry-After"), QByteArrayLiteral("0")});
    m_server->setReply(reply);
    QList<QPair<QString, QString>> extra;
    if (!unwritable.isEmpty()) {
        // A file where the folder must be: holds for root too, which ignores permission bits.
        const QString notAFolder = m_home->filePath(unwritable);
        QFile file(notAFolder);
        QVERIFY(file.open(QIODevice::WriteOnly));
        extra.append({unwritable == QLatin1String("data") ? QStringLiteral("XDG_DATA_HOME")
                                                          : QStringLiteral("XDG_CONFIG_HOME"),
                      notAFolder});
    }
    const Run result = run(arguments, withKey ? QStringLiteral("cli-key") : QString(), extra);
    QVERIFY2(result.code == expected, qPrintable(QStringLiteral("exit %1, expected %2; stderr: %3")
                                                     .arg(result.code)
                                                     .arg(expected)
                                                     .arg(result.err)));
    if (!stderrSays.isEmpty())
        QVERIFY2(result.err.contains(stderrSays), qPrintable(result.err));
    if (status == 0 && withKey)
        QVERIFY2(m_server->requests().isEmpty(), "a usage error or a missing key sent a request");
}

void TestCliExitCodes::helpPagesStateTheCodesTheyUse()
{
    const Run overview = run({QStringLiteral("--help")});
    QCOMPARE(overview.code, 0);
    const QString text = QString::fromUtf8(overview.out).simplified();
    // A 429 that ends a command is 7, and the first-seen store failing is no exit code of its own.
    QVERIFY2(text.contains(QLatin1String("7 server error, rate limited (429)")), qPrintable(text));
    QVERIFY2(!text.contains(QLatin1String("first-seen store could not be written;")), qPrintable(text));
    QVERIFY2(text.contains(QLatin1String("first-seen store")), qPrintable(text));
    const Run list = run({QStringLiteral("list"), QStringLiteral("--help")});
    const QString listText = QString::fromUtf8(list.out).simplified();
    QVERIFY2(listText.contains(QLatin1String("rate limited (429)")), qPrintable(listText));
    QVERIFY2(listText.contains(QLatin1String("--raw-cells")), qPrintable(listText));
    const Run cancel = run({QStringLiteral("cancel"), QStringLiteral("--help")});
    QVERIFY2(QString::fromUtf8(cancel.out).simplified().contains(QLatin1String("rate limited (429)")),
             cancel.out.constData());
}

void TestCliExitCodes::csvExportsNeutraliseFormulaCells()
{
    // Each of the six leading characters, in every writer; the program's own numbers stay numbers.
    const QStringList formulas{QStringLiteral("=HYPERLINK(\"http://x\";\"y\")"),
                               QStringLiteral("+1"),
                               QStringLiteral("-2+3"),
                               QStringLiteral("@SUM(A1)"),
                               QStringLiteral("\tx"),
                               QStringLiteral("\rx")};
    for (const QString& formula : formulas) {
        const QByteArray cell = csvField(formula);
        QVERIFY2(cell.startsWith("'") || cell.startsWith("\"'"), cell.constData());
        QCOMPARE(csvField(formula, CsvCells::Raw).contains('\''), false);
    }
    QCOMPARE(csvField(QStringLiteral("a,b")), QByteArray("\"a,b\""));
    QCOMPARE(csvField(QStringLiteral("=a,b")), QByteArray("\"'=a,b\""));
    QCOMPARE(csvField(QStringLiteral("report.pdf")), QByteArray("report.pdf"));

    Job hostile;
    hostile.id = QStringLiteral("7");
    hostile.state = QStringLiteral("failed");
    hostile.attempts = 2;
    hostile.fileName = QStringLiteral("=cmd|'/c calc'!A1");
    hostile.failedReason = QStringLiteral("@evil");
    hostile.source = QStringLiteral("-x");
    const QByteArray jobs = jobsToCsv({hostile});
    QVERIFY2(jobs.contains(",'@evil,'=cmd|'/c calc'!A1,'-x\r\n"), jobs.constData());
    QVERIFY2(jobs.contains("\r\n7,failed,2,"), jobs.constData());

    JournalEntry entry;
    entry.time = QDateTime::currentDateTimeUtc();
    entry.environment = QStringLiteral("+env");
    entry.jobId = QStringLiteral("=1+1");
    entry.httpStatus = 409;
    entry.outcome = QStringLiteral("running");
    entry.message = QStringLiteral("-boom");
    const QByteArray row = Journal::toCsvRow(entry);
    QVERIFY2(row.contains(",'+env,"), row.constData());
    QVERIFY2(row.contains(",'=1+1,"), row.constData());
    QVERIFY2(row.contains(",409,"), row.constData());
    QVERIFY2(row.contains(",'-boom,"), row.constData());

    ReceiptLine line;
    line.id = QStringLiteral("@5");
    line.kind = ReceiptLine::Kind::Sent;
    line.outcome = Outcome::Conflict;
    line.httpStatus = 409;
    line.message = QStringLiteral("=IMPORTXML(1)");
    const QByteArray receipt = CancelBatch::receiptToCsv({line});
    QVERIFY2(receipt.contains("\r\n'@5,"), receipt.constData());
    QVERIFY2(receipt.contains(",409,"), receipt.constData());
    QVERIFY2(receipt.contains(",'=IMPORTXML(1)\r\n"), receipt.constData());
}

void TestCliExitCodes::listCsvNeutralisesFormulaCellsUnlessRawCellsAsked()
{
    m_server->setReply(jsonReply(
        200, page({job(QStringLiteral("-1"), QStringLiteral("waiting"), QStringLiteral("=HYPERLINK(1)")),
                   job(QStringLiteral("8"), QStringLiteral("waiting"), QStringLiteral("plain.txt"))})));
    const Run csv = run({QStringLiteral("list"), QStringLiteral("--csv")});
    QCOMPARE(csv.code, 0);
    QVERIFY2(csv.out.contains("\r\n'-1,waiting,"), csv.out.constData());
    QVERIFY2(csv.out.contains(",'=HYPERLINK(1),"), csv.out.constData());
    QVERIFY2(csv.out.contains("\r\n8,waiting,,,,,plain.txt,,"), csv.out.constData());
    // The ages are the program's numbers: never prefixed.
    QVERIFY2(!csv.out.contains(",'0,") && !csv.out.contains(",'false"), csv.out.constData());
    const Run raw = run({QStringLiteral("list"), QStringLiteral("--csv"), QStringLiteral("--raw-cells")});
    QCOMPARE(raw.code, 0);
    QVERIFY2(raw.out.contains("\r\n-1,waiting,"), raw.out.constData());
    QVERIFY2(raw.out.contains(",=HYPERLINK(1),"), raw.out.constData());
}

void TestCliExitCodes::jsonOutputCannotDriveTheTerminal()
{
    const QString hostile = QStringLiteral("a") + QChar(0x9b) + QStringLiteral("2J") + QChar(0x7f) +
                            QChar(0x202e) + QChar(0x2028) + QChar(0x2066) + QChar(0x85) +
                            QStringLiteral("é—€.pdf");
    QJsonObject failed = job(QStringLiteral("9"), QStringLiteral("failed"), hostile);
    failed.insert(QStringLiteral("failedReason"), hostile);
    m_server->setReply(jsonReply(200, page({failed})));
    const QList<QStringList> commands{
        {QStringLiteral("list"), QStringLiteral("--json")},
        {QStringLiteral("stuck"), QStringLiteral("--json"), QStringLiteral("--active-over"),
         QStringLiteral("1s")},
        {QStringLiteral("failures"), QStringLiteral("--json")},
    };
    for (const QStringList& arguments : commands) {
        const Run result = run(arguments);
        QCOMPARE(result.code, 0);
        const QString text = QString::fromUtf8(result.out);
        QVERIFY2(
            firstTerminalControl(text).isEmpty(),
            qPrintable(arguments.join(QLatin1Char(' ')) + QLatin1Char(' ') + firstTerminalControl(text)));
        QJsonParseError error;
        QJsonDocument::fromJson(result.out, &error);
        QCOMPARE(error.error, QJsonParseError::NoError);
        if (arguments.first() == QLatin1String("list")) {
            QCOMPARE(QJsonDocument::fromJson(result.out)
                         .array()
                         .first()
                         .toObject()
                         .value(QLatin1String("fileName")),
                     QJsonValue(hostile));
            QVERIFY2(result.out.contains("\\u009b2J\\u007f\\u202e\\u2028\\u2066\\u0085é—€.pdf"),
                     result.out.constData());
        }
    }
    QJsonObject single = failed;
    single.insert(QStringLiteral("success"), true);
    m_server->setReply(jsonReply(200, single));
    const Run status = run({QStringLiteral("status"), QStringLiteral("9"), QStringLiteral("--json")});
    QCOMPARE(status.code, 0);
    QVERIFY2(firstTerminalControl(QString::fromUtf8(status.out)).isEmpty(), status.out.constData());
    QCOMPARE(QJsonDocument::fromJson(status.out).object().value(QLatin1String("failedReason")),
             QJsonValue(hostile));

    // The receipt carries the server's message; the journal keeps it.
    m_server->setReply(
        jsonReply(409, {{QStringLiteral("success"), false}, {QStringLiteral("message"), hostile}}));
    const Run cancel = run({QStringLiteral("cancel"), QStringLiteral("9"), QStringLiteral("--json")});
    QCOMPARE(cancel.code, 3);
    QVERIFY2(firstTerminalControl(QString::fromUtf8(cancel.out)).isEmpty(), cancel.out.constData());
    QVERIFY2(QString::fromUtf8(cancel.out).contains(QLatin1String("\\u009b")), cancel.out.constData());
    const Run journal = run({QStringLiteral("journal"), QStringLiteral("--json")});
    QCOMPARE(journal.code, 0);
    QVERIFY2(firstTerminalControl(QString::fromUtf8(journal.out)).isEmpty(), journal.out.constData());
    QVERIFY2(journal.out.contains("\\u202e"), journal.out.constData());
    QJsonParseError error;
    QJsonDocument::fromJson(journal.out, &error);
    QCOMPARE(error.error, QJsonParseError::NoError);
}

void TestCliExitCodes::skippedEntriesAreCountedOnStderr()
{
    // Refused ids: U+FFFD, a fraction, too large a number, none; usable jobs between them (one keyed "id",
    // which Job::fromJson reads too).
    const QJsonObject waiting{{QStringLiteral("status"), QStringLiteral("waiting")}};
    const auto with = [&waiting](const QString& key, const QJsonValue& id) {
        QJsonObject object = waiting;
        object.insert(key, id);
        return object;
    };
    const QJsonArray entries{
        with(QStringLiteral("jobId"), QString(QChar(QChar::ReplacementCharacter))),
        with(QStringLiteral("jobId"), 1.5),
        with(QStringLiteral("jobId"), 1e20),
        job(QStringLiteral("6"), QStringLiteral("waiting")),
        job(QStringLiteral("7"), QStringLiteral("failed")),
        waiting,
        with(QStringLiteral("id"), QStringLiteral("8")),
    };
    m_server->setReply(jsonReply(200, page(entries)));
    const QString said = QStringLiteral("alchemyst-jobs: 4 entries without a usable id were skipped");
    for (const QStringList& arguments :
         QList<QStringList>{{QStringLiteral("list")},
                            {QStringLiteral("list"), QStringLiteral("--json")},
                            {QStringLiteral("stuck")},
                            {QStringLiteral("failures")},
                            {QStringLiteral("cancel"), QStringLiteral("--state"), QStringLiteral("waiting"),
                             QStringLiteral("--dry-run")}}) {
        const Run result = run(arguments);
        QVERIFY2(result.code == 0, qPrintable(result.err));
        QVERIFY2(result.err.contains(said),
                 qPrintable(arguments.join(QLatin1Char(' ')) + QStringLiteral(": ") + result.err));
    }
    m_server->setReply(jsonReply(200, page({job(QStringLiteral("6"), QStringLiteral("waiting"))})));
    const Run clean = run({QStringLiteral("list")});
    QCOMPARE(clean.code, 0);
    QVERIFY2(!clean.err.contains(QLatin1String("skipped")), qPrintable(clean.err));
}

void TestCliExitCodes::locallyRefusedCancelNeverBlamesTheServer()
{
    m_server->setReply(jsonReply(200, {{QStringLiteral("success"), true}}));
    for (const QString& id : {QStringLiteral("."), QStringLiteral("..")}) {
        const Run result = run({QStringLiteral("cancel"), id});
        const QString all = QString::fromUtf8(result.out) + result.err;
        // Refused with the argument's number before anything is sent: a usage error, in this program's words.
        QVERIFY2(result.code == 2, qPrintable(all));
        QVERIFY2(all.contains(QLatin1String("cannot be sent")), qPrintable(all));
        QVERIFY2(!all.contains(QLatin1String("Server:")), qPrintable(all));
        QVERIFY2(!all.contains(QLatin1String("server rejected"), Qt::CaseInsensitive), qPrintable(all));
    }
    QVERIFY2(m_server->requests().isEmpty(), "a cancel refused here was sent");
}

QTEST_GUILESS_MAIN(TestCliExitCodes)
#include "tst_cli_exitcodes.moc"
