// The cancel journal: lines that are whole JSON objects with every field, appends of two processes at once
// that do not interleave, an entry that survives its writer being killed right after, malformed lines
// skipped and counted, a journal that cannot be written said so before anything is sent, and exports.
// The write-ahead "sending" line and its answer read as one attempt (an unanswered one as such), across the
// monthly files and in bounded memory; links, pipes, devices and loose modes in the journal's place are
// refused or tightened; a failed write says what the system said.
// Second processes are this test binary run again with a --child-* argument.
#include "core/journal.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
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
#include <cerrno>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>
#endif
#ifdef Q_OS_LINUX
#include <sys/sysmacros.h>
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

// Every line of every file of the journal, in reading order.
QList<QByteArray> journalLines(const Journal& journal)
{
    QList<QByteArray> lines;
    for (const QString& path : journal.files())
        lines += fileLines(path);
    return lines;
}

JournalEntry at(JournalEntry entry, const QDateTime& time)
{
    entry.time = time;
    return entry;
}

QDateTime utc(const char* iso)
{
    const QDateTime time = QDateTime::fromString(QString::fromLatin1(iso), Qt::ISODateWithMs);
    Q_ASSERT(time.isValid());
    return time.toUTC();
}

JournalEntry sending(const QString& id, const QString& attempt, const QDateTime& time)
{
    JournalEntry entry = makeEntry(id, sendingOutcomeName());
    entry.time = time;
    entry.httpStatus = 0;
    entry.message.clear();
    entry.attempt = attempt;
    return entry;
}

JournalEntry answer(const JournalEntry& sent, const QString& outcome, const QDateTime& time)
{
    JournalEntry entry = makeEntry(sent.jobId, outcome, sent.environment);
    entry.time = time;
    entry.attempt = sent.attempt;
    entry.message = outcome == QLatin1String("cancelled") ? QStringLiteral("Job cancelled successfully")
                                                          : QStringLiteral("It cannot be cancelled.");
    return entry;
}

const QString UnansweredText =
    QStringLiteral("Sent; no answer was recorded (the program ended or lost the "
                   "connection first): the job may or may not have been cancelled.");

void appendRaw(const QString& path, const QByteArray& bytes)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::Append));
    QCOMPARE(file.write(bytes), bytes.size());
}

#ifdef Q_OS_UNIX
mode_t modeOf(const QString& path)
{
    struct stat status;
    if (::lstat(QFile::encodeName(path).constData(), &status) != 0)
        return 0;
    return status.st_mode & 07777;
}

long maxResidentKiB()
{
    struct rusage usage;
    ::getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss; // KiB on Linux
}
#endif

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

#ifdef Q_OS_UNIX
// --child-fifo <base>: canWrite(), append() and read() over FIFOs in the journal's place; one line each with
// what they said. A call that blocked would keep this process from ending.
int childFifo(const QString& base)
{
    const Journal journal(base);
    QString why;
    const bool writable = journal.canWrite(&why);
    QString appendError;
    const bool appended = journal.append(makeEntry(QStringLiteral("through-a-pipe")), &appendError);
    QString readError;
    const QList<JournalEntry> entries = journal.read({}, nullptr, &readError);
    printf("canWrite:%d:%s\nappend:%d:%s\nread:%d:%s\n", writable, qPrintable(why), appended,
           qPrintable(appendError), static_cast<int>(entries.size()), qPrintable(readError));
    return 0;
}

// --child-file-size-limit <base> <bytes>: appends under RLIMIT_FSIZE, SIGXFSZ ignored, so that write()
// fails with EFBIG part way; prints the error.
int childFileSizeLimit(const QString& base, int bytes)
{
    ::signal(SIGXFSZ, SIG_IGN);
    struct rlimit limit;
    limit.rlim_cur = static_cast<rlim_t>(bytes);
    limit.rlim_max = static_cast<rlim_t>(bytes);
    if (::setrlimit(RLIMIT_FSIZE, &limit) != 0)
        return 3;
    QString error;
    if (Journal(base).append(makeEntry(QStringLiteral("too-big")), &error))
        return 1;
    printf("%s\n", qPrintable(error));
    return 0;
}

// --child-hold-lock <file>: holds the journal's lock until its standard input ends.
int childHoldLock(const QString& path)
{
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0 || ::flock(fd, LOCK_EX) != 0)
        return 1;
    printf("locked\n");
    fflush(stdout);
    char byte;
    while (::read(STDIN_FILENO, &byte, 1) > 0) {
    }
    return 0;
}
#endif

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

    void attemptIsWrittenOnlyWhenSet();
    void newAttemptIdIsSixteenRandomHexDigits();
    void sendingLineWithoutAnswerReadsAsUnanswered();
    void sendingAndOutcomeBecomeOneAttempt();
    void attemptsStreamAcrossMonthFiles();
    void appendGoesToTheMonthFile();
    void legacyFileIsStillRead();
    void symlinkJournalIsRefused();
    void fifoJournalIsRefusedWithoutBlocking();
    void devFullIsRefused();
    void folderInPlaceOfTheJournalIsRefused();
    void failedWriteSaysTheSystemsReason();
    void modeIs0600AndFolder0700();
    void looseModeIsTightened();
    void lockHeldElsewhereTimesOutWithAClearMessage();
    void overlongLineIsSkippedAndCounted();
    void bigJournalStreamsWithBoundedMemory();

private:
    QString journalPath() const { return m_dir->filePath(QStringLiteral("journal/cancel-journal.jsonl")); }
    // The month file of the base journalPath(), e.g. monthPath("2026-01").
    QString monthPath(const char* month) const
    {
        return m_dir->filePath(QStringLiteral("journal/cancel-journal-%1.jsonl").arg(QLatin1String(month)));
    }
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

    const QList<QByteArray> lines = journalLines(journal);
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
        QFile file(monthPath("2026-01"));
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
        QFile file(monthPath("2026-01"));
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

    const QList<QByteArray> lines = journalLines(Journal(journalPath()));
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
    // This month's file, empty; the base file is only ever read.
    const QString month = Journal(path).fileFor(QDateTime::currentDateTimeUtc());
    QVERIFY(QFileInfo(month).isFile());
    QCOMPARE(QFileInfo(month).size(), 0);
    QVERIFY(!QFileInfo::exists(path));
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

void TestJournal::attemptIsWrittenOnlyWhenSet()
{
    JournalEntry entry = makeEntry(QStringLiteral("a"));
    QVERIFY(!Journal::toJsonLine(entry).contains("attempt"));
    entry.attempt = QStringLiteral("0123456789abcdef");
    const QByteArray line = Journal::toJsonLine(entry);
    QVERIFY(!line.contains('\n'));
    QCOMPARE(QJsonDocument::fromJson(line).object().value(QLatin1String("attempt")).toString(),
             entry.attempt);
    Journal journal(journalPath());
    QVERIFY(journal.append(entry));
    QCOMPARE(journal.read(), QList<JournalEntry>{entry});
}

void TestJournal::newAttemptIdIsSixteenRandomHexDigits()
{
    const QRegularExpression hex(QStringLiteral("^[0-9a-f]{16}$"));
    QSet<QString> ids;
    for (int i = 0; i < 1000; ++i) {
        const QString id = Journal::newAttemptId();
        QVERIFY2(hex.match(id).hasMatch(), qPrintable(id));
        ids.insert(id);
    }
    QCOMPARE(ids.size(), 1000);
}

void TestJournal::sendingLineWithoutAnswerReadsAsUnanswered()
{
    Journal journal(journalPath());
    const JournalEntry sent =
        sending(QStringLiteral("job-1"), Journal::newAttemptId(), utc("2026-01-05T10:00:00.000Z"));
    JournalEntry oldSending = sending(QStringLiteral("job-2"), QString(), utc("2026-01-05T10:00:01.000Z"));
    QVERIFY(journal.append({sent, oldSending}));

    // The raw lines are what was written.
    QCOMPARE(journal.read(), (QList<JournalEntry>{sent, oldSending}));

    int malformed = -1;
    QString error;
    const QList<JournalEntry> attempts = journal.attempts({}, &malformed, &error);
    QCOMPARE(malformed, 0);
    QVERIFY(error.isEmpty());
    QCOMPARE(attempts.size(), 2);
    JournalEntry expected = sent;
    expected.outcome = QStringLiteral("unanswered");
    expected.message = UnansweredText;
    QCOMPARE(attempts.at(0), expected); // its time, job, environment, server, state and attempt kept
    QCOMPARE(attempts.at(1).jobId, QStringLiteral("job-2")); // nothing could ever answer it
    QCOMPARE(attempts.at(1).outcome, unansweredOutcomeName());

    JournalFilter filter;
    filter.outcome = QStringLiteral("unanswered");
    QCOMPARE(journal.attempts(filter).size(), 2);
    filter.outcome = sendingOutcomeName();
    QVERIFY(journal.attempts(filter).isEmpty());
    QCOMPARE(journal.read(filter).size(), 2);
}

void TestJournal::sendingAndOutcomeBecomeOneAttempt()
{
    Journal journal(journalPath());
    const JournalEntry sentA =
        sending(QStringLiteral("A"), Journal::newAttemptId(), utc("2026-01-05T10:00:00Z"));
    const JournalEntry sentB =
        sending(QStringLiteral("B"), Journal::newAttemptId(), utc("2026-01-05T10:00:01Z"));
    JournalEntry older = makeEntry(QStringLiteral("C"), QStringLiteral("not-sent")); // no attempt id
    older.time = utc("2026-01-05T10:00:02Z");
    const JournalEntry answerB = answer(sentB, QStringLiteral("running"), utc("2026-01-05T10:00:03Z"));
    JournalEntry answerA = answer(sentA, QStringLiteral("cancelled"), utc("2026-01-05T10:00:04Z"));
    answerA.stateBefore.clear(); // what the answer's line leaves out, the "sending" line knew
    // Each is its own append, as a process writes them around its DELETEs.
    for (const JournalEntry& entry : {sentA, sentB, older, answerB, answerA})
        QVERIFY(journal.append(entry));
    QCOMPARE(journal.read().size(), 5);

    const QList<JournalEntry> attempts = journal.attempts();
    QCOMPARE(attempts.size(), 3); // in the order they were started
    JournalEntry expectedA = answerA;
    expectedA.stateBefore = sentA.stateBefore;
    QCOMPARE(attempts.at(0), expectedA); // the answer's time, outcome, status and message
    QCOMPARE(attempts.at(1), answerB);
    QCOMPARE(attempts.at(2), older);

    JournalFilter filter;
    filter.outcome = QStringLiteral("cancelled");
    QCOMPARE(journal.attempts(filter), QList<JournalEntry>{expectedA});
    filter.outcome.clear();
    filter.since = utc("2026-01-05T10:00:03.500Z"); // after B's answer, before A's: by the attempt's time
    QCOMPARE(journal.attempts(filter), QList<JournalEntry>{expectedA});

    // visit returning false stops the reading there.
    int visits = 0;
    QVERIFY(journal.forEachAttempt({}, [&visits](const JournalEntry&) { return ++visits < 2; }));
    QCOMPARE(visits, 2);
    visits = 0;
    QVERIFY(journal.forEach({}, [&visits](const JournalEntry&) { return ++visits < 3; }));
    QCOMPARE(visits, 3);
}

void TestJournal::attemptsStreamAcrossMonthFiles()
{
    Journal journal(journalPath());
    const JournalEntry sentX =
        sending(QStringLiteral("X"), Journal::newAttemptId(), utc("2026-11-30T23:59:59.900Z"));
    const JournalEntry sentY =
        sending(QStringLiteral("Y"), Journal::newAttemptId(), utc("2026-11-30T23:59:59.950Z"));
    const JournalEntry answerX = answer(sentX, QStringLiteral("cancelled"), utc("2026-12-01T00:00:00.200Z"));
    QVERIFY(journal.append({sentX, sentY}));
    QVERIFY(journal.append(answerX));
    appendRaw(monthPath("2026-11"), "damage\n");
    QCOMPARE(journal.files(), (QStringList{monthPath("2026-11"), monthPath("2026-12")}));

    int malformed = -1;
    QList<JournalEntry> attempts = journal.attempts({}, &malformed);
    QCOMPARE(malformed, 1);
    QCOMPARE(attempts.size(), 2);
    QCOMPARE(attempts.at(0), answerX);
    QCOMPARE(attempts.at(1).jobId, QStringLiteral("Y"));
    QCOMPARE(attempts.at(1).outcome, QStringLiteral("unanswered"));
    QCOMPARE(attempts.at(1).time, sentY.time);

    // Since December: November's file is not even opened (its damaged line is not counted), and X's answer
    // stands for the attempt.
    JournalFilter december;
    december.since = utc("2026-12-01T00:00:00Z");
    attempts = journal.attempts(december, &malformed);
    QCOMPARE(malformed, 0);
    QCOMPARE(attempts, QList<JournalEntry>{answerX});
    QCOMPARE(journal.read(december, &malformed), QList<JournalEntry>{answerX});
    QCOMPARE(malformed, 0);
}

void TestJournal::appendGoesToTheMonthFile()
{
    Journal journal(journalPath());
    const JournalEntry december = at(makeEntry(QStringLiteral("dec")), utc("2026-12-05T08:00:00Z"));
    // 23:30 on New Year's Eve two hours west of Greenwich is January in UTC: the month is UTC's.
    const JournalEntry newYear = at(makeEntry(QStringLiteral("new-year")),
                                    QDateTime(QDate(2026, 12, 31), QTime(23, 30), QTimeZone(-7200)));
    const JournalEntry january = at(makeEntry(QStringLiteral("jan")), utc("2027-01-02T08:00:00Z"));
    QVERIFY(journal.append({december, newYear, january}));

    QCOMPARE(journal.path(), journalPath());
    QCOMPARE(journal.fileFor(newYear.time), monthPath("2027-01"));
    QCOMPARE(journal.files(), (QStringList{monthPath("2026-12"), monthPath("2027-01")}));
    QVERIFY(!QFileInfo::exists(journalPath()));
    QCOMPARE(fileLines(monthPath("2026-12")).size(), 1);
    QCOMPARE(fileLines(monthPath("2027-01")).size(), 2);
    QCOMPARE(journal.read(), (QList<JournalEntry>{december, newYear, january}));
    // A base name without a suffix takes the month at its end.
    QCOMPARE(Journal(m_dir->filePath(QStringLiteral("plain"))).fileFor(january.time),
             m_dir->filePath(QStringLiteral("plain-2027-01")));
}

void TestJournal::legacyFileIsStillRead()
{
    // What versions before the monthly files wrote: the base file, lines without attempt ids.
    QVERIFY(QDir().mkpath(QFileInfo(journalPath()).path()));
    const JournalEntry first = at(makeEntry(QStringLiteral("legacy-1")), utc("2026-03-01T00:00:00Z"));
    const JournalEntry second =
        at(makeEntry(QStringLiteral("legacy-2"), QStringLiteral("running")), utc("2026-03-02T00:00:00Z"));
    appendRaw(journalPath(), Journal::toJsonLine(first) + '\n' + Journal::toJsonLine(second) + '\n');
    Journal journal(journalPath());
    const JournalEntry now = makeEntry(QStringLiteral("new")); // January 2026: before the legacy lines
    QVERIFY(journal.append(now));

    QCOMPARE(journal.files(), (QStringList{journalPath(), monthPath("2026-01")}));
    QCOMPARE(fileLines(journalPath()).size(), 2); // appends never go there
    QCOMPARE(journal.read(), (QList<JournalEntry>{first, second, now}));
    QCOMPARE(journal.attempts(), (QList<JournalEntry>{first, second, now}));
    JournalFilter filter;
    filter.since = utc("2026-03-01T12:00:00Z"); // the base file is read whatever the month
    QCOMPARE(journal.attempts(filter), QList<JournalEntry>{second});
}

void TestJournal::symlinkJournalIsRefused()
{
#ifndef Q_OS_UNIX
    QSKIP("symbolic links of this kind are Unix");
#else
    Journal journal(journalPath());
    QVERIFY(journal.append(makeEntry(QStringLiteral("before"))));
    // A link in this month's place, to a file of someone else's: never written through.
    const QString elsewhere = m_dir->filePath(QStringLiteral("elsewhere.txt"));
    appendRaw(elsewhere, "not the journal\n");
    const QString link = journal.fileFor(QDateTime::currentDateTimeUtc());
    QVERIFY(QFile::link(elsewhere, link));
    QString why;
    QVERIFY(!journal.canWrite(&why));
    QVERIFY2(why.contains(link) && why.contains(QLatin1String(
                                       "is a symbolic link; the journal is never written through a link")),
             qPrintable(why));
    QString error;
    QVERIFY(!journal.append(at(makeEntry(QStringLiteral("x")), QDateTime()), &error));
    QCOMPARE(error, why);
    QCOMPARE(fileLines(elsewhere), QList<QByteArray>{"not the journal"});

    // A dangling link is not followed to create its target either.
    const QString nowhere = m_dir->filePath(QStringLiteral("created-through-a-link"));
    QVERIFY(QFile::link(nowhere, monthPath("2025-02")));
    QVERIFY(!journal.append(at(makeEntry(QStringLiteral("y")), utc("2025-02-10T00:00:00Z")), &error));
    QVERIFY2(error.contains(QLatin1String("symbolic link")), qPrintable(error));
    QVERIFY(!QFileInfo::exists(nowhere));

    // Readers do not follow it, say so, and still read the rest.
    error.clear();
    int malformed = -1;
    bool ok = true;
    QList<JournalEntry> seen;
    ok = journal.forEach(
        {},
        [&seen](const JournalEntry& entry) {
            seen.append(entry);
            return true;
        },
        &malformed, &error);
    QVERIFY(!ok);
    QVERIFY2(error.contains(QLatin1String("is a symbolic link; the journal is never read through a link")),
             qPrintable(error));
    QCOMPARE(seen.size(), 1);
    QCOMPARE(seen.at(0).jobId, QStringLiteral("before"));
#endif
}

void TestJournal::fifoJournalIsRefusedWithoutBlocking()
{
#ifndef Q_OS_UNIX
    QSKIP("named pipes are Unix");
#else
    // Nobody reads these pipes: an open(2) that waited for a reader would never return.
    QVERIFY(QDir().mkpath(QFileInfo(journalPath()).path()));
    const QString current = Journal(journalPath()).fileFor(QDateTime::currentDateTimeUtc());
    for (const QString& path : {current, monthPath("2026-01")}) {
        if (!QFileInfo(path).isSymLink() && !QFileInfo::exists(path))
            QCOMPARE(::mkfifo(QFile::encodeName(path).constData(), 0600), 0);
    }
    QProcess child;
    child.start(QCoreApplication::applicationFilePath(), {QStringLiteral("--child-fifo"), journalPath()});
    if (!child.waitForFinished(15000)) {
        child.kill();
        child.waitForFinished();
        QFAIL("the journal blocked on a named pipe");
    }
    QCOMPARE(child.exitCode(), 0);
    const QStringList lines = QString::fromLocal8Bit(child.readAllStandardOutput()).split(QLatin1Char('\n'));
    QVERIFY2(lines.size() >= 3, qPrintable(lines.join(QLatin1Char('\n'))));
    const QString refused = QStringLiteral("is a named pipe (FIFO), not a regular file");
    QVERIFY2(lines.at(0).startsWith(QLatin1String("canWrite:0:")) && lines.at(0).contains(refused) &&
                 lines.at(0).contains(current),
             qPrintable(lines.at(0)));
    QVERIFY2(lines.at(1).startsWith(QLatin1String("append:0:")) && lines.at(1).contains(refused) &&
                 lines.at(1).contains(monthPath("2026-01")),
             qPrintable(lines.at(1)));
    QVERIFY2(lines.at(2).startsWith(QLatin1String("read:0:")) && lines.at(2).contains(refused),
             qPrintable(lines.at(2)));
#endif
}

void TestJournal::devFullIsRefused()
{
#ifndef Q_OS_UNIX
    QSKIP("/dev/full is Unix");
#else
    if (!QFileInfo::exists(QStringLiteral("/dev/full")))
        QSKIP("no /dev/full here");
    // A link to /dev/full in this month's place: refused as a link, nothing written to the device.
    Journal journal(journalPath());
    QVERIFY(QDir().mkpath(QFileInfo(journalPath()).path()));
    QVERIFY(QFile::link(QStringLiteral("/dev/full"), journal.fileFor(QDateTime::currentDateTimeUtc())));
    QString why;
    QVERIFY(!journal.canWrite(&why));
    QVERIFY2(why.contains(QLatin1String("symbolic link")), qPrintable(why));
    QString error;
    QVERIFY(!journal.read({}, nullptr, &error).size());
    QVERIFY2(error.contains(QLatin1String("symbolic link")), qPrintable(error));

    // /dev/full itself as the base path: the "legacy file" is a device, and reading says so.
    const Journal device(QStringLiteral("/dev/full"));
    QVERIFY(device.files().contains(QStringLiteral("/dev/full")));
    error.clear();
    QVERIFY(!device.forEach(
        {}, [](const JournalEntry&) { return true; }, nullptr, &error));
    QVERIFY2(error.contains(QLatin1String("/dev/full is a character device, not a regular file")),
             qPrintable(error));

#ifdef Q_OS_LINUX
    // The device itself (1,7 is /dev/full on Linux; made here, as root can) in a month's place: refused as
    // a device.
    const QString node = monthPath("2026-01");
    if (::mknod(QFile::encodeName(node).constData(), S_IFCHR | 0600, makedev(1, 7)) != 0) {
        qInfo("no device node could be made here (%s): the link cases stand",
              qPrintable(qt_error_string(errno)));
        return;
    }
    error.clear();
    QVERIFY(!journal.append(makeEntry(QStringLiteral("into-the-device")), &error));
    QVERIFY2(error.contains(node) &&
                 error.contains(QLatin1String("is a character device, not a regular file")),
             qPrintable(error));
#endif
#endif
}

void TestJournal::folderInPlaceOfTheJournalIsRefused()
{
    QVERIFY(QDir().mkpath(monthPath("2026-01")));
    Journal journal(journalPath());
    QString error;
    QVERIFY(!journal.append(makeEntry(QStringLiteral("x")), &error));
    QVERIFY2(error.contains(monthPath("2026-01")) && error.contains(QLatin1String("is a folder")),
             qPrintable(error));
    error.clear();
    QVERIFY(!journal.forEachAttempt(
        {}, [](const JournalEntry&) { return true; }, nullptr, &error));
    QVERIFY2(error.contains(QLatin1String("is a folder")), qPrintable(error));
}

void TestJournal::failedWriteSaysTheSystemsReason()
{
#ifndef Q_OS_UNIX
    QSKIP("RLIMIT_FSIZE is Unix");
#else
    // A disk that fills up cannot be had in a test; a file size limit makes write() fail the same way, part
    // way through the line (the first write() is cut short at the limit, the next one fails with EFBIG).
    QProcess child;
    child.start(QCoreApplication::applicationFilePath(),
                {QStringLiteral("--child-file-size-limit"), journalPath(), QStringLiteral("64")});
    QVERIFY(child.waitForFinished(30000));
    QCOMPARE(child.exitStatus(), QProcess::NormalExit);
    QCOMPARE(child.exitCode(), 0);
    const QString error = QString::fromLocal8Bit(child.readAllStandardOutput()).trimmed();
    const QString expected = QStringLiteral("The journal %1 could not be written: %2")
                                 .arg(QDir::toNativeSeparators(monthPath("2026-01")), qt_error_string(EFBIG));
    QCOMPARE(error, expected); // "File too large"
    QVERIFY(!error.contains(QLatin1String("Unknown error")));
    QCOMPARE(QFileInfo(monthPath("2026-01")).size(), 64);

    // The piece written costs only itself: the next append ends it first.
    Journal journal(journalPath());
    QVERIFY(journal.append(makeEntry(QStringLiteral("after"))));
    int malformed = -1;
    const QList<JournalEntry> entries = journal.read({}, &malformed);
    QCOMPARE(malformed, 1);
    QCOMPARE(entries.size(), 1);
    QCOMPARE(entries.at(0).jobId, QStringLiteral("after"));
#endif
}

void TestJournal::modeIs0600AndFolder0700()
{
#ifndef Q_OS_UNIX
    QSKIP("modes are Unix");
#else
    const mode_t saved = ::umask(022); // the usual one, which would make 0755 folders and 0644 files
    const QString base = m_dir->filePath(QStringLiteral("new/sub/cancel-journal.jsonl"));
    Journal journal(base);
    const bool appended = journal.append(makeEntry(QStringLiteral("a")));
    ::umask(saved);
    QVERIFY(appended);
    QCOMPARE(journal.files().size(), 1);
    QCOMPARE(modeOf(journal.files().at(0)), mode_t(0600));
    QCOMPARE(modeOf(m_dir->filePath(QStringLiteral("new/sub"))), mode_t(0700));
    QCOMPARE(modeOf(m_dir->filePath(QStringLiteral("new"))), mode_t(0700));
#endif
}

void TestJournal::looseModeIsTightened()
{
#ifndef Q_OS_UNIX
    QSKIP("modes are Unix");
#else
    Journal journal(journalPath());
    QVERIFY(journal.append(makeEntry(QStringLiteral("a"))));
    QVERIFY(::chmod(QFile::encodeName(monthPath("2026-01")).constData(), 0666) == 0);
    QVERIFY(journal.append(makeEntry(QStringLiteral("b"))));
    QCOMPARE(modeOf(monthPath("2026-01")), mode_t(0600));

    // canWrite() makes this month's file private too.
    const QString current = journal.fileFor(QDateTime::currentDateTimeUtc());
    QVERIFY(journal.canWrite());
    QVERIFY(::chmod(QFile::encodeName(current).constData(), 0644) == 0);
    QVERIFY(journal.canWrite());
    QCOMPARE(modeOf(current), mode_t(0600));
#endif
}

void TestJournal::lockHeldElsewhereTimesOutWithAClearMessage()
{
#ifndef Q_OS_UNIX
    QSKIP("the lock holder is a Unix child here");
#else
    QVERIFY(QDir().mkpath(QFileInfo(journalPath()).path()));
    QProcess holder;
    holder.start(QCoreApplication::applicationFilePath(),
                 {QStringLiteral("--child-hold-lock"), monthPath("2026-01")});
    QVERIFY(holder.waitForStarted());
    QTRY_VERIFY(holder.canReadLine() || holder.state() != QProcess::Running);
    QCOMPARE(holder.readLine(), QByteArray("locked\n"));

    Journal journal(journalPath());
    journal.setLockTimeout(300);
    QElapsedTimer clock;
    clock.start();
    QString error;
    QVERIFY(!journal.append(makeEntry(QStringLiteral("waits")), &error));
    QVERIFY(clock.elapsed() >= 300);
    QCOMPARE(error, QStringLiteral("The journal %1 stayed locked by another process for 0.3 seconds.")
                        .arg(QDir::toNativeSeparators(monthPath("2026-01"))));
    QVERIFY(journal.read().isEmpty()); // nothing written while it waited

    holder.closeWriteChannel(); // the holder ends, and its lock with it
    QVERIFY(holder.waitForFinished(10000));
    QCOMPARE(holder.exitCode(), 0);
    QVERIFY2(journal.append(makeEntry(QStringLiteral("after")), &error), qPrintable(error));
#endif
}

void TestJournal::overlongLineIsSkippedAndCounted()
{
    // Damage longer than any entry (3 MiB without a line end, then a line end): read past in pieces.
    Journal journal(journalPath());
    QVERIFY(journal.append(makeEntry(QStringLiteral("before"))));
    appendRaw(monthPath("2026-01"), "{\"jobId\":\"" + QByteArray(3 * 1024 * 1024, 'x') + "\"}\n");
    QVERIFY(journal.append(makeEntry(QStringLiteral("after"))));
    int malformed = -1;
    const QList<JournalEntry> entries = journal.read({}, &malformed);
    QCOMPARE(malformed, 1);
    QCOMPARE(entries.size(), 2);
    QCOMPARE(entries.at(1).jobId, QStringLiteral("after"));
}

void TestJournal::bigJournalStreamsWithBoundedMemory()
{
    // 200,001 lines: a "sending" line that is never answered, then 100,000 attempts whose answers come five
    // attempts later. Everything behind the unanswered one waits for it until MaxPendingEntries; it is then
    // given as unanswered and the rest flows.
    constexpr int Attempts = 100000;
    QVERIFY(QDir().mkpath(QFileInfo(journalPath()).path()));
    const QByteArray message = QByteArray(300, 'm');
    const auto line = [&message](const char* outcome, int index, int status, bool withMessage) -> QByteArray {
        return QByteArray("{\"attempt\":\"a") + QByteArray::number(index) +
               "\",\"environment\":\"staging\",\"httpStatus\":" + QByteArray::number(status) +
               ",\"jobId\":\"job-" + QByteArray::number(index) + "\",\"message\":\"" +
               (withMessage ? message : QByteArray()) + "\",\"origin\":\"cli\",\"outcome\":\"" + outcome +
               "\",\"server\":\"https://staging.example.com\",\"stateBefore\":\"waiting\","
               "\"time\":\"2026-03-04T05:06:07.089Z\"}\n";
    };
    {
        QFile file(monthPath("2026-03"));
        QVERIFY(file.open(QIODevice::WriteOnly));
        QByteArray chunk = line("sending", -1, 0, false);
        for (int i = 0; i < Attempts + 5; ++i) {
            if (i < Attempts)
                chunk += line("sending", i, 0, false);
            if (i >= 5)
                chunk += line("cancelled", i - 5, 200, true);
            if (chunk.size() > (1 << 20)) {
                QCOMPARE(file.write(chunk), chunk.size());
                chunk.clear();
            }
        }
        QCOMPARE(file.write(chunk), chunk.size());
    }

#ifdef Q_OS_UNIX
    const long before = maxResidentKiB();
#endif
    QElapsedTimer clock;
    clock.start();
    int count = 0;
    int unanswered = 0;
    bool inOrder = true;
    int malformed = -1;
    QString error;
    const bool ok =
        Journal(journalPath())
            .forEachAttempt(
                {},
                [&](const JournalEntry& entry) {
                    if (count == 0) {
                        inOrder = entry.jobId == QLatin1String("job--1");
                    } else {
                        inOrder = inOrder && entry.jobId == QStringLiteral("job-%1").arg(count - 1) &&
                                  entry.outcome == QLatin1String("cancelled") && entry.message.size() == 300;
                    }
                    unanswered += entry.outcome == QLatin1String("unanswered");
                    ++count;
                    return true;
                },
                &malformed, &error);
    const qint64 elapsed = clock.elapsed();
    QVERIFY2(ok, qPrintable(error));
    QCOMPARE(malformed, 0);
    QCOMPARE(count, Attempts + 1);
    QCOMPARE(unanswered, 1);
    QVERIFY(inOrder);
    qInfo("%d lines read as %d attempts in %lld ms", 2 * Attempts + 1, count, elapsed);
#ifdef Q_OS_UNIX
    // Held whole, the 100,000 answers' 300-character messages alone would be 60 MB.
    const long grownKiB = maxResidentKiB() - before;
    qInfo("peak memory grew by %ld KiB while reading", grownKiB);
#if defined(__SANITIZE_ADDRESS__)
    // AddressSanitizer keeps freed memory in quarantine (256 MB by default): peak RSS measures it, not the
    // reader. The bound is checked by the plain build of the suite.
    qInfo("not bounded under AddressSanitizer");
#else
    QVERIFY2(grownKiB < 30 * 1024, qPrintable(QString::number(grownKiB)));
#endif
#endif
    QCOMPARE(fileLines(monthPath("2026-03")).size(), 2 * Attempts + 1); // after the measure: it holds them
}

int main(int argc, char** argv)
{
    if (argc == 5 && qstrcmp(argv[1], "--child-append") == 0)
        return childAppend(QString::fromLocal8Bit(argv[2]), QString::fromLatin1(argv[3]), atoi(argv[4]));
    if (argc == 3 && qstrcmp(argv[1], "--child-append-and-die") == 0)
        return childAppendAndDie(QString::fromLocal8Bit(argv[2]));
#ifdef Q_OS_UNIX
    if (argc == 3 && qstrcmp(argv[1], "--child-fifo") == 0)
        return childFifo(QString::fromLocal8Bit(argv[2]));
    if (argc == 4 && qstrcmp(argv[1], "--child-file-size-limit") == 0)
        return childFileSizeLimit(QString::fromLocal8Bit(argv[2]), atoi(argv[3]));
    if (argc == 3 && qstrcmp(argv[1], "--child-hold-lock") == 0)
        return childHoldLock(QString::fromLocal8Bit(argv[2]));
#endif
    QCoreApplication app(argc, argv);
    TestJournal test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_journal.moc"
