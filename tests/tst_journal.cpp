// The cancel journal: lines that are whole JSON objects with every field, appends of two processes at once
// that do not interleave, an entry that survives its writer being killed right after, malformed lines
// skipped and counted, a journal that cannot be written said so before anything is sent, and exports.
// Second processes are this test binary run again with a --child-* argument.
#include "core/journal.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>
#include <csignal>

#ifdef Q_OS_UNIX
#include <unistd.h>
#endif

using namespace Alchemyst;

namespace {

const QStringList AllKeys = {
    QStringLiteral("environment"), QStringLiteral("httpStatus"),  QStringLiteral("jobId"),
    QStringLiteral("message"),     QStringLiteral("origin"),      QStringLiteral("outcome"),
    QStringLiteral("server"),      QStringLiteral("stateBefore"), QStringLiteral("time"),
};

JournalEntry makeEntry(const QString& id, const QString& outcome = QStringLiteral("cancelled"),
                       const QString& environment = QStringLiteral("staging"))
{
    JournalEntry entry;
    entry.time = QDateTime::fromMSecsSinceEpoch(1767225600123, Qt::UTC); // 2026-01-01T00:00:00.123Z
    entry.environment = environment;
    entry.server = QStringLiteral("https://staging.example.com");
    entry.jobId = id;
    entry.stateBefore = QStringLiteral("waiting");
    entry.httpStatus = outcome == QLatin1String("cancelled") ? 200 : 409;
    entry.outcome = outcome;
    entry.message = QStringLiteral("Job cancelled successfully");
    entry.origin = QStringLiteral("cli");
    return entry;
}

// A message long enough that two writers' lines would visibly mix if writes were split or interleaved.
QString childMessage(const QString& label, int index)
{
    return QStringLiteral("%1-%2:").arg(label).arg(index) + QString(3000, label.at(0));
}

QList<QByteArray> fileLines(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QList<QByteArray> lines = file.readAll().split('\n');
    if (!lines.isEmpty() && lines.constLast().isEmpty())
        lines.removeLast();
    return lines;
}

// --child-append <path> <label> <count>: appends count entries, one append() each.
int childAppend(const QString& path, const QString& label, int count)
{
    Journal journal(path);
    for (int i = 0; i < count; ++i) {
        JournalEntry entry = makeEntry(QStringLiteral("%1-%2").arg(label).arg(i));
        entry.time = QDateTime();
        entry.message = childMessage(label, i);
        QString error;
        if (!journal.append(entry, &error)) {
            fprintf(stderr, "%s\n", qPrintable(error));
            return 1;
        }
    }
    return 0;
}

// --child-append-and-die <path>: appends one entry and is killed as soon as append() returns.
int childAppendAndDie(const QString& path)
{
    JournalEntry entry = makeEntry(QStringLiteral("last-words"));
    entry.message = QStringLiteral("written, then SIGKILL");
    if (!Journal(path).append(entry))
        return 1;
#ifdef Q_OS_UNIX
    ::kill(::getpid(), SIGKILL);
#endif
    return 2;
}

} // namespace

class TestJournal : public QObject
{
    Q_OBJECT

private slots:
    void init();

    void linesAreWholeJsonObjectsWithEveryField();
    void readFiltersAndSkipsMalformedLines();
    void lineCutShortByACrashCostsOnlyItself();
    void missingJournalReadsEmpty();
    void twoProcessesAppendingAtOnceDoNotInterleave();
    void entrySurvivesSigkillRightAfterAppend();
    void canWriteCreatesTheFolder();
    void unwritableFolderIsRefusedWithAReason();
    void readOnlyFolderIsRefusedWithAReason();
    void csvQuotesCommaQuoteAndNewline();
    void jsonExportIsAnArrayOfEntries();
    void defaultPathIsInAppLocalData();

private:
    QString journalPath() const { return m_dir->filePath(QStringLiteral("journal/cancel-journal.jsonl")); }
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestJournal::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestJournal::linesAreWholeJsonObjectsWithEveryField()
{
    Journal journal(journalPath());
    JournalEntry conflict = makeEntry(QStringLiteral("job-2"), QStringLiteral("running"));
    conflict.message =
        QStringLiteral("Context add is running, it cannot be cancelled.\nLine two \"quoted\" é");
    JournalEntry unstamped = makeEntry(QStringLiteral("job-3"), QStringLiteral("not-sent"));
    unstamped.time = QDateTime();
    unstamped.httpStatus = 0;
    unstamped.origin = QStringLiteral("window");

    const QDateTime before = QDateTime::currentDateTimeUtc().addMSecs(-1);
    QString error;
    QVERIFY2(journal.append(makeEntry(QStringLiteral("job-1")), &error), qPrintable(error));
    QVERIFY2(journal.append(conflict, &error), qPrintable(error));
    QVERIFY2(journal.append(unstamped, &error), qPrintable(error));

    const QList<QByteArray> lines = fileLines(journalPath());
    QCOMPARE(lines.size(), 3);
    for (const QByteArray& line : lines) {
        QJsonParseError parseError;
        const QJsonDocument document = QJsonDocument::fromJson(line, &parseError);
        QCOMPARE(parseError.error, QJsonParseError::NoError);
        QVERIFY(document.isObject());
        QStringList keys = document.object().keys();
        keys.sort();
        QCOMPARE(keys, AllKeys);
        // UTC with milliseconds, e.g. 2026-01-01T00:00:00.123Z
        const QString time = document.object().value(QLatin1String("time")).toString();
        QVERIFY2(QRegularExpression(QStringLiteral("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z$"))
                     .match(time)
                     .hasMatch(),
                 qPrintable(time));
    }
    QCOMPARE(QJsonDocument::fromJson(lines.at(0)).object().value(QLatin1String("time")).toString(),
             QStringLiteral("2026-01-01T00:00:00.123Z"));

    int malformed = -1;
    const QList<JournalEntry> entries = journal.read({}, &malformed);
    QCOMPARE(malformed, 0);
    QCOMPARE(entries.size(), 3);
    QCOMPARE(entries.at(0), makeEntry(QStringLiteral("job-1")));
    QCOMPARE(entries.at(1), conflict); // the message verbatim, newline and quotes included
    QVERIFY(entries.at(2).time >= before && entries.at(2).time <= QDateTime::currentDateTimeUtc());
    QCOMPARE(entries.at(2).outcome, QStringLiteral("not-sent"));
    QCOMPARE(entries.at(2).httpStatus, 0);
    QCOMPARE(entries.at(2).origin, QStringLiteral("window"));
}

void TestJournal::readFiltersAndSkipsMalformedLines()
{
    Journal journal(journalPath());
    JournalEntry old = makeEntry(QStringLiteral("old"));
    old.time = QDateTime(QDate(2025, 6, 1), QTime(12, 0), Qt::UTC);
    QVERIFY(journal.append(old));
    QVERIFY(journal.append(makeEntry(QStringLiteral("a"))));
    {
        QFile file(journalPath());
        QVERIFY(file.open(QIODevice::Append));
        file.write("not json at all\n");
        file.write("[1,2,3]\n");
        file.write("{\"time\":\"2026-01-01T00:00:00.000Z\",\"outcome\":\"cancelled\"}\n"); // no jobId
        file.write("{\"time\":\"yesterday\",\"jobId\":\"x\",\"outcome\":\"cancelled\"}\n");
        file.write("\n"); // blank: not an entry, not malformed either
    }
    QVERIFY(journal.append(makeEntry(QStringLiteral("b"), QStringLiteral("running"))));
    QVERIFY(
        journal.append(makeEntry(QStringLiteral("c"), QStringLiteral("cancelled"), QStringLiteral("prod"))));

    int malformed = -1;
    QString error;
    QList<JournalEntry> entries = journal.read({}, &malformed, &error);
    QVERIFY(error.isEmpty());
    QCOMPARE(malformed, 4);
    QCOMPARE(entries.size(), 4);

    JournalFilter filter;
    filter.since = QDateTime(QDate(2025, 12, 31), QTime(0, 0), Qt::UTC);
    entries = journal.read(filter);
    QCOMPARE(entries.size(), 3);
    QCOMPARE(entries.at(0).jobId, QStringLiteral("a"));

    filter.environment = QStringLiteral("staging");
    entries = journal.read(filter);
    QCOMPARE(entries.size(), 2);

    filter.outcome = QStringLiteral("running");
    entries = journal.read(filter);
    QCOMPARE(entries.size(), 1);
    QCOMPARE(entries.at(0).jobId, QStringLiteral("b"));

    JournalFilter prod;
    prod.environment = QStringLiteral("prod");
    entries = journal.read(prod);
    QCOMPARE(entries.size(), 1);
    QCOMPARE(entries.at(0).jobId, QStringLiteral("c"));
}

void TestJournal::lineCutShortByACrashCostsOnlyItself()
{
    Journal journal(journalPath());
    QVERIFY(journal.append(makeEntry(QStringLiteral("before"))));
    {
        QFile file(journalPath());
        QVERIFY(file.open(QIODevice::Append));
        file.write("{\"time\":\"2026-01-01T00:00:00.000Z\",\"jobId\":\"torn\",\"outc");
    }
    QVERIFY(journal.append(makeEntry(QStringLiteral("after"))));
    int malformed = -1;
    const QList<JournalEntry> entries = journal.read({}, &malformed);
    QCOMPARE(malformed, 1);
    QCOMPARE(entries.size(), 2);
    QCOMPARE(entries.at(0).jobId, QStringLiteral("before"));
    QCOMPARE(entries.at(1).jobId, QStringLiteral("after"));
}

void TestJournal::missingJournalReadsEmpty()
{
    Journal journal(journalPath());
    int malformed = -1;
    QString error;
    QVERIFY(journal.read({}, &malformed, &error).isEmpty());
    QCOMPARE(malformed, 0);
    QVERIFY(error.isEmpty());
    QVERIFY(!QFile::exists(journalPath()));
}

void TestJournal::twoProcessesAppendingAtOnceDoNotInterleave()
{
    constexpr int PerProcess = 200;
    const QString program = QCoreApplication::applicationFilePath();
    QProcess first;
    QProcess second;
    first.start(program, {QStringLiteral("--child-append"), journalPath(), QStringLiteral("A"),
                          QString::number(PerProcess)});
    second.start(program, {QStringLiteral("--child-append"), journalPath(), QStringLiteral("B"),
                           QString::number(PerProcess)});
    QVERIFY(first.waitForFinished(60000));
    QVERIFY(second.waitForFinished(60000));
    QCOMPARE(first.exitStatus(), QProcess::NormalExit);
    QCOMPARE(second.exitStatus(), QProcess::NormalExit);
    QVERIFY2(first.exitCode() == 0, first.readAllStandardError().constData());
    QVERIFY2(second.exitCode() == 0, second.readAllStandardError().constData());

    const QList<QByteArray> lines = fileLines(journalPath());
    QCOMPARE(lines.size(), 2 * PerProcess);
    QSet<QString> ids;
    for (const QByteArray& line : lines) {
        QJsonParseError parseError;
        const QJsonObject object = QJsonDocument::fromJson(line, &parseError).object();
        QVERIFY2(parseError.error == QJsonParseError::NoError, line.left(200).constData());
        const QString id = object.value(QLatin1String("jobId")).toString();
        const QStringList parts = id.split(QLatin1Char('-'));
        QCOMPARE(parts.size(), 2);
        // The whole message of that very entry: no piece of the other writer's line inside.
        QCOMPARE(object.value(QLatin1String("message")).toString(),
                 childMessage(parts.at(0), parts.at(1).toInt()));
        ids.insert(id);
    }
    QCOMPARE(ids.size(), 2 * PerProcess);
    int switches = 0;
    for (qsizetype i = 1; i < lines.size(); ++i)
        switches += lines.at(i).contains("\"jobId\":\"A-") != lines.at(i - 1).contains("\"jobId\":\"A-");
    qInfo("the two writers took turns %d times", switches);
    int malformed = -1;
    QCOMPARE(Journal(journalPath()).read({}, &malformed).size(), 2 * PerProcess);
    QCOMPARE(malformed, 0);
}

void TestJournal::entrySurvivesSigkillRightAfterAppend()
{
#ifndef Q_OS_UNIX
    QSKIP("SIGKILL is Unix");
#else
    Journal journal(journalPath());
    QVERIFY(journal.append(makeEntry(QStringLiteral("earlier"))));
    QProcess child;
    child.start(QCoreApplication::applicationFilePath(),
                {QStringLiteral("--child-append-and-die"), journalPath()});
    QVERIFY(child.waitForFinished(30000));
    QCOMPARE(child.exitStatus(), QProcess::CrashExit); // it really died by the signal, not by returning
    int malformed = -1;
    const QList<JournalEntry> entries = journal.read({}, &malformed);
    QCOMPARE(malformed, 0);
    QCOMPARE(entries.size(), 2);
    QCOMPARE(entries.at(1).jobId, QStringLiteral("last-words"));
    QCOMPARE(entries.at(1).message, QStringLiteral("written, then SIGKILL"));
    // The lock died with it: the next append is not held up.
    QString error;
    QVERIFY2(journal.append(makeEntry(QStringLiteral("next")), &error), qPrintable(error));
#endif
}

void TestJournal::canWriteCreatesTheFolder()
{
    const QString path = m_dir->filePath(QStringLiteral("a/b/c/cancel-journal.jsonl"));
    QString why = QStringLiteral("unchanged");
    QVERIFY(Journal(path).canWrite(&why));
    QCOMPARE(why, QStringLiteral("unchanged"));
    QVERIFY(QFileInfo(path).isFile());
    QCOMPARE(QFileInfo(path).size(), 0);
}

void TestJournal::unwritableFolderIsRefusedWithAReason()
{
    // A folder that cannot be made whoever runs the test (root included): its parent is a file.
    const QString blocker = m_dir->filePath(QStringLiteral("not-a-folder"));
    {
        QFile file(blocker);
        QVERIFY(file.open(QIODevice::WriteOnly));
    }
    Journal journal(blocker + QStringLiteral("/sub/cancel-journal.jsonl"));
    QString why;
    QVERIFY(!journal.canWrite(&why));
    QVERIFY2(why.contains(QStringLiteral("folder")) && why.contains(QStringLiteral("not-a-folder")),
             qPrintable(why));
    QString error;
    QVERIFY(!journal.append(makeEntry(QStringLiteral("x")), &error));
    QCOMPARE(error, why);
}

void TestJournal::readOnlyFolderIsRefusedWithAReason()
{
#ifndef Q_OS_UNIX
    QSKIP("permissions of this kind are Unix");
#else
    if (::geteuid() == 0)
        QSKIP("root writes into read-only folders; the read-only case needs another user");
    const QString readOnly = m_dir->filePath(QStringLiteral("read-only"));
    QVERIFY(QDir().mkpath(readOnly));
    QVERIFY(QFile::setPermissions(readOnly, QFileDevice::ReadOwner | QFileDevice::ExeOwner));
    Journal locked(readOnly + QStringLiteral("/cancel-journal.jsonl"));
    QString why;
    QVERIFY(!locked.canWrite(&why));
    QVERIFY2(why.contains(QStringLiteral("could not be opened for appending")), qPrintable(why));
    QFile::setPermissions(readOnly, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
#endif
}

void TestJournal::csvQuotesCommaQuoteAndNewline()
{
    QCOMPARE(csvField(QStringLiteral("plain")), QByteArray("plain"));
    QCOMPARE(csvField(QStringLiteral("a,b")), QByteArray("\"a,b\""));
    QCOMPARE(csvField(QStringLiteral("say \"hi\"")), QByteArray("\"say \"\"hi\"\"\""));
    QCOMPARE(csvField(QStringLiteral("cr\rhere")), QByteArray("\"cr\rhere\""));
    QCOMPARE(csvField(QString()), QByteArray());

    JournalEntry entry = makeEntry(QStringLiteral("job-1"), QStringLiteral("running"));
    entry.message = QStringLiteral("Refused, \"running\"\nretry later");
    const QByteArray csv = Journal::toCsv({entry});
    QCOMPARE(csv, QByteArray("time,environment,server,jobId,stateBefore,httpStatus,outcome,message,origin\r\n"
                             "2026-01-01T00:00:00.123Z,staging,https://staging.example.com,job-1,waiting,409,"
                             "running,\"Refused, \"\"running\"\"\nretry later\",cli\r\n"));
}

void TestJournal::jsonExportIsAnArrayOfEntries()
{
    const QList<JournalEntry> entries = {makeEntry(QStringLiteral("a")),
                                         makeEntry(QStringLiteral("b"), QStringLiteral("running"))};
    const QJsonArray array = QJsonDocument::fromJson(Journal::toJson(entries)).array();
    QCOMPARE(array.size(), 2);
    QCOMPARE(JournalEntry::fromJson(array.at(1).toObject()), std::optional<JournalEntry>(entries.at(1)));
}

void TestJournal::defaultPathIsInAppLocalData()
{
    QStandardPaths::setTestModeEnabled(true);
    const QString expected = QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation) +
                             QStringLiteral("/cancel-journal.jsonl");
    QCOMPARE(Journal::defaultPath(), expected);
    QCOMPARE(Journal().path(), expected);
}

int main(int argc, char** argv)
{
    if (argc == 5 && qstrcmp(argv[1], "--child-append") == 0)
        return childAppend(QString::fromLocal8Bit(argv[2]), QString::fromLatin1(argv[3]), atoi(argv[4]));
    if (argc == 3 && qstrcmp(argv[1], "--child-append-and-die") == 0)
        return childAppendAndDie(QString::fromLocal8Bit(argv[2]));
    QCoreApplication app(argc, argv);
    TestJournal test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_journal.moc"
