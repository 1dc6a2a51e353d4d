#include "journal.h"

#include "core/privatefiles.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QLoggingCategory>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QStandardPaths>
#include <algorithm>
#include <cctype>
#include <deque>

#ifdef Q_OS_WIN
#include <io.h>
#include <windows.h>
#else
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#endif

namespace Alchemyst {

Q_LOGGING_CATEGORY(lcJournal, "alchemyst.journal", QtWarningMsg)

namespace {

const QLatin1String TimeKey("time");
const QLatin1String EnvironmentKey("environment");
const QLatin1String ServerKey("server");
const QLatin1String JobIdKey("jobId");
const QLatin1String StateBeforeKey("stateBefore");
const QLatin1String HttpStatusKey("httpStatus");
const QLatin1String OutcomeKey("outcome");
const QLatin1String MessageKey("message");
const QLatin1String OriginKey("origin");
const QLatin1String AttemptKey("attempt");

// A line longer than any entry the journal writes (messages are cut at 16 KiB, at most six bytes each once
// escaped) is damage: it is skipped without being held whole.
constexpr qint64 MaxLineBytes = 1024 * 1024;

QString native(const QString& path)
{
    return QDir::toNativeSeparators(path);
}

using PrivateFiles::errorText;
using PrivateFiles::systemError;

QString noPlaceMessage()
{
    return Journal::tr("There is no place for the journal (no writable application data folder).");
}

// The base path's parts: cancel-journal.jsonl is "cancel-journal" and ".jsonl" in its folder.
struct BaseName
{
    QString folder;
    QString stem;
    QString suffix;

    explicit BaseName(const QString& path)
    {
        const QFileInfo info(path);
        folder = info.path();
        const QString name = info.fileName();
        const qsizetype dot = name.lastIndexOf(QLatin1Char('.'));
        stem = dot > 0 ? name.left(dot) : name;
        suffix = dot > 0 ? name.mid(dot) : QString();
    }
};

#ifndef Q_OS_WIN
// What a path is when it is not a regular file, in words.
QString kindOf(mode_t mode)
{
    if (S_ISFIFO(mode))
        return Journal::tr("a named pipe (FIFO)");
    if (S_ISCHR(mode))
        return Journal::tr("a character device");
    if (S_ISBLK(mode))
        return Journal::tr("a block device");
    if (S_ISDIR(mode))
        return Journal::tr("a folder");
    if (S_ISSOCK(mode))
        return Journal::tr("a socket");
    if (S_ISLNK(mode))
        return Journal::tr("a symbolic link");
    return Journal::tr("a special file");
}

QString notRegularMessage(const QString& path, mode_t mode)
{
    return Journal::tr(
               "The journal %1 is %2, not a regular file; the journal is only kept in a regular file.")
        .arg(native(path), kindOf(mode));
}

// Why open(2) of a journal file failed, as the operator needs it: a link or a special file in the
// journal's place is named as such (a FIFO without a reader fails with ENXIO, a folder with EISDIR).
QString openFailureMessage(const QString& path, int error, bool forWriting)
{
    struct stat status;
    if (::lstat(QFile::encodeName(path).constData(), &status) == 0) {
        if (S_ISLNK(status.st_mode)) {
            return forWriting
                       ? Journal::tr(
                             "The journal %1 is a symbolic link; the journal is never written through "
                             "a link.")
                             .arg(native(path))
                       : Journal::tr("The journal %1 is a symbolic link; the journal is never read through a "
                                     "link.")
                             .arg(native(path));
        }
        if (!S_ISREG(status.st_mode))
            return notRegularMessage(path, status.st_mode);
    }
    return forWriting
               ? Journal::tr("The journal %1 could not be opened for appending: %2")
                     .arg(native(path), errorText(error))
               : Journal::tr("The journal %1 could not be read: %2").arg(native(path), errorText(error));
}

// Opens without following a link in the last place and without blocking on a FIFO, then checks that what
// was opened is a regular file. -1 with the reason in *error; *missing when there is no such file.
int openRegularFile(const QString& path, int flags, bool forWriting, QString* error, bool* missing = nullptr)
{
    const QByteArray name = QFile::encodeName(path);
    int fd;
    do {
        fd = ::open(name.constData(), flags | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK, 0600);
    } while (fd < 0 && errno == EINTR);
    if (fd < 0) {
        const int openError = errno;
        if (missing && openError == ENOENT) {
            *missing = true;
            return -1;
        }
        *error = openFailureMessage(path, openError, forWriting);
        return -1;
    }
    struct stat status;
    if (::fstat(fd, &status) != 0) {
        const int statError = errno;
        ::close(fd);
        *error =
            Journal::tr("The journal %1 could not be examined: %2").arg(native(path), errorText(statError));
        return -1;
    }
    if (!S_ISREG(status.st_mode)) {
        ::close(fd);
        *error = notRegularMessage(path, status.st_mode);
        return -1;
    }
    // Non-blocking was only for the open (a FIFO would wait for a reader); writes must not be cut short.
    const int current = ::fcntl(fd, F_GETFL);
    if (current != -1)
        ::fcntl(fd, F_SETFL, current & ~O_NONBLOCK);
    // Only its owner reads the journal: it says which jobs of which servers were cancelled. A file left
    // readable by others (an older version, a copy) is made private; not being able to is no reason to stop.
    if (forWriting && (status.st_mode & 077) != 0 && ::fchmod(fd, 0600) != 0) {
        const QString why = errorText(errno);
        qCWarning(lcJournal).noquote() << "could not make" << path << "private:" << why;
    }
    return fd;
}

// 0 when the folder exists or was made, else the errno: folders made for the journal are 0700 (it says
// which jobs of which servers were cancelled); existing ones are left as they are.
int makeFolder(const QByteArray& folder)
{
    struct stat status;
    if (::stat(folder.constData(), &status) == 0)
        return S_ISDIR(status.st_mode) ? 0 : ENOTDIR;
    if (errno != ENOENT)
        return errno;
    const qsizetype slash = folder.lastIndexOf('/');
    if (slash > 0) {
        if (const int error = makeFolder(folder.left(slash)))
            return error;
    }
    if (::mkdir(folder.constData(), 0700) != 0 && errno != EEXIST)
        return errno;
    return 0;
}
#endif

// An exclusive lock of the whole journal file (PrivateFiles::FileLock: the kernel drops it when the holder
// dies, so a killed writer never blocks the others), with the journal's words for a failure.
class FileLock
{
public:
    FileLock(int fd, const QString& path)
        : m_lock(fd)
        , m_path(path)
    {}

    bool lock(int timeoutMs, QString* error)
    {
        QString why;
        switch (m_lock.lock(timeoutMs, 2, &why)) {
        case PrivateFiles::FileLock::Result::Locked:
            return true;
        case PrivateFiles::FileLock::Result::Failed:
            *error = Journal::tr("Could not lock the journal %1: %2").arg(native(m_path), why);
            return false;
        case PrivateFiles::FileLock::Result::TimedOut:
            break;
        }
        *error = Journal::tr("The journal %1 stayed locked by another process for %2 seconds.")
                     .arg(native(m_path))
                     .arg(timeoutMs / 1000.0);
        return false;
    }

private:
    PrivateFiles::FileLock m_lock;
    QString m_path;
};

// A new file's name is in its folder only once the folder is synced too.
void syncFolder(const QString& folder)
{
#ifdef Q_OS_WIN
    Q_UNUSED(folder)
#else
    const int fd = ::open(QFile::encodeName(folder).constData(), O_RDONLY | O_CLOEXEC | O_DIRECTORY);
    if (fd < 0)
        return;
    ::fsync(fd);
    ::close(fd);
#endif
}

// One month file opened for appending (creating the folder and the file when missing), for the time of
// one append or one check.
class AppendFile
{
public:
    explicit AppendFile(const QString& path)
        : m_path(path)
#ifdef Q_OS_WIN
        , m_file(path)
#endif
    {}
    ~AppendFile()
    {
#ifndef Q_OS_WIN
        if (m_fd >= 0)
            ::close(m_fd);
#endif
    }
    AppendFile(const AppendFile&) = delete;
    AppendFile& operator=(const AppendFile&) = delete;

    bool open(QString* error)
    {
        const QString folder = QFileInfo(m_path).path();
#ifdef Q_OS_WIN
        if (!QDir().mkpath(folder)) {
            *error = Journal::tr("The journal's folder %1 could not be created.").arg(native(folder));
            return false;
        }
        const QFileInfo info(m_path);
        if (info.isSymLink()) {
            *error =
                Journal::tr("The journal %1 is a symbolic link; the journal is never written through a link.")
                    .arg(native(m_path));
            return false;
        }
        const bool existed = info.exists();
        if (!m_file.open(QIODevice::ReadWrite | QIODevice::Append | QIODevice::Unbuffered,
                         QFileDevice::ReadOwner | QFileDevice::WriteOwner)) {
            *error = Journal::tr("The journal %1 could not be opened for appending: %2")
                         .arg(native(m_path), m_file.errorString());
            return false;
        }
#else
        if (const int folderError = makeFolder(QFile::encodeName(QDir::cleanPath(folder)))) {
            *error = Journal::tr("The journal's folder %1 could not be created: %2")
                         .arg(native(folder), errorText(folderError));
            return false;
        }
        struct stat status;
        const bool existed = ::lstat(QFile::encodeName(m_path).constData(), &status) == 0;
        // Read and write: the last byte tells whether a line cut short by a crash must be ended first.
        m_fd = openRegularFile(m_path, O_RDWR | O_APPEND | O_CREAT, true, error);
        if (m_fd < 0)
            return false;
#endif
        if (!existed)
            syncFolder(folder);
        return true;
    }

    int handle() const
    {
#ifdef Q_OS_WIN
        return m_file.handle();
#else
        return m_fd;
#endif
    }

    // Whether the file ends inside a line (its writer was cut off by a power loss). Under the lock.
    bool endsInsideALine()
    {
        char last = '\n';
#ifdef Q_OS_WIN
        const qint64 size = m_file.size();
        if (size > 0 && m_file.seek(size - 1))
            m_file.getChar(&last);
        // Windows has no O_APPEND: the lock makes this seek safe.
        m_file.seek(m_file.size());
#else
        struct stat status;
        if (::fstat(m_fd, &status) == 0 && status.st_size > 0) {
            ssize_t got;
            do {
                got = ::pread(m_fd, &last, 1, status.st_size - 1);
            } while (got < 0 && errno == EINTR);
        }
#endif
        return last != '\n';
    }

    bool write(const QByteArray& bytes, QString* error)
    {
#ifdef Q_OS_WIN
        if (m_file.write(bytes) != bytes.size()) {
            *error = Journal::tr("The journal %1 could not be written: %2")
                         .arg(native(m_path), m_file.errorString());
            return false;
        }
#else
        // O_APPEND puts every piece at the end; the lock keeps other writers out between pieces.
        const char* next = bytes.constData();
        qsizetype left = bytes.size();
        while (left > 0) {
            const ssize_t written = ::write(m_fd, next, static_cast<size_t>(left));
            if (written < 0 && errno == EINTR)
                continue;
            if (written <= 0) {
                const int writeError = written < 0 ? errno : 0;
                *error = Journal::tr("The journal %1 could not be written: %2")
                             .arg(native(m_path), errorText(writeError));
                return false;
            }
            next += written;
            left -= written;
        }
#endif
        return true;
    }

    // Data the kernel holds for the file reaches the disk: what survives a kill is then also what survives
    // a power cut.
    bool sync(QString* error)
    {
#ifdef Q_OS_WIN
        const bool synced = FlushFileBuffers(reinterpret_cast<HANDLE>(_get_osfhandle(m_file.handle()))) != 0;
#else
        int result;
        do {
            result = ::fsync(m_fd);
        } while (result != 0 && errno == EINTR);
        const bool synced = result == 0;
#endif
        if (!synced) {
            const QString why = systemError(); // before anything else can change errno
            *error = Journal::tr("The journal %1 was written but could not be flushed to disk: %2")
                         .arg(native(m_path), why);
        }
        return synced;
    }

private:
    QString m_path;
#ifdef Q_OS_WIN
    QFile m_file;
#else
    int m_fd = -1;
#endif
};

// Opens one journal file for reading, refusing links and special files as appends do. False without an
// error when the file is missing.
bool openForReading(const QString& path, QFile& file, QString* error)
{
#ifdef Q_OS_WIN
    const QFileInfo info(path);
    if (info.isSymLink()) {
        *error = Journal::tr("The journal %1 is a symbolic link; the journal is never read through a link.")
                     .arg(native(path));
        return false;
    }
    if (!info.exists())
        return false;
    file.setFileName(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = Journal::tr("The journal %1 could not be read: %2").arg(native(path), file.errorString());
        return false;
    }
    return true;
#else
    bool missing = false;
    const int fd = openRegularFile(path, O_RDONLY, false, error, &missing);
    if (fd < 0)
        return false;
    file.setFileName(path);
    if (!file.open(fd, QIODevice::ReadOnly, QFileDevice::AutoCloseHandle)) {
        ::close(fd);
        *error = Journal::tr("The journal %1 could not be read: %2").arg(native(path), file.errorString());
        return false;
    }
    return true;
#endif
}

// Every entry of one file, in file order; false from visit stops. Malformed lines are counted.
enum class ScanResult
{
    Done,
    Stopped,
    Failed,
};

ScanResult scanFile(const QString& path, const std::function<bool(JournalEntry&&)>& visit, int* malformed,
                    QString* error)
{
    QFile file;
    QString reason;
    if (!openForReading(path, file, &reason)) {
        if (reason.isEmpty())
            return ScanResult::Done; // gone since it was listed
        *error = reason;
        return ScanResult::Failed;
    }
    // One buffer for every line: readLine(maxSize) would allocate maxSize for each.
    QByteArray buffer(MaxLineBytes, Qt::Uninitialized);
    for (;;) {
        const qint64 got = file.readLine(buffer.data(), buffer.size());
        if (got <= 0)
            break; // the end, or a read error (below)
        const char* begin = buffer.constData();
        const char* end = begin + got;
        if (end[-1] != '\n' && !file.atEnd()) {
            // Longer than any entry: the rest of it is read past, a piece at a time.
            for (;;) {
                const qint64 more = file.readLine(buffer.data(), buffer.size());
                if (more <= 0 || buffer.at(more - 1) == '\n')
                    break;
            }
            ++*malformed;
            continue;
        }
        while (begin < end && std::isspace(static_cast<unsigned char>(*begin)))
            ++begin;
        while (end > begin && std::isspace(static_cast<unsigned char>(end[-1])))
            --end;
        if (begin == end)
            continue;
        const QByteArray line = QByteArray::fromRawData(begin, end - begin);
        QJsonParseError parseError;
        const QJsonDocument document = QJsonDocument::fromJson(line, &parseError);
        std::optional<JournalEntry> entry =
            parseError.error == QJsonParseError::NoError && document.isObject()
                ? JournalEntry::fromJson(document.object())
                : std::nullopt;
        if (!entry) {
            ++*malformed;
            continue;
        }
        if (!visit(std::move(*entry)))
            return ScanResult::Stopped;
    }
    if (file.error() != QFileDevice::NoError) {
        *error = Journal::tr("The journal %1 could not be read: %2").arg(native(path), file.errorString());
        return ScanResult::Failed;
    }
    return ScanResult::Done;
}

// Every entry of the files, in order. False when a file could not be read (the others are read all the
// same, the first reason is kept).
bool scanFiles(const QStringList& files, const std::function<bool(JournalEntry&&)>& visit, int* malformed,
               QString* error)
{
    int bad = 0;
    bool ok = true;
    for (const QString& path : files) {
        QString reason;
        const ScanResult result = scanFile(path, visit, &bad, &reason);
        if (result == ScanResult::Stopped)
            break;
        if (result == ScanResult::Failed) {
            qCWarning(lcJournal).noquote() << reason;
            if (ok && error)
                *error = reason;
            ok = false;
        }
    }
    if (bad > 0)
        qCWarning(lcJournal) << "skipped" << bad << "malformed lines of the journal";
    if (malformed)
        *malformed = bad;
    return ok;
}

const QString& unansweredMessage()
{
    static const QString message = QStringLiteral(
        "Sent; no answer was recorded (the program ended or lost the connection first): the job may or may "
        "not have been cancelled.");
    return message;
}

void markUnanswered(JournalEntry& entry)
{
    entry.outcome = unansweredOutcomeName();
    entry.message = unansweredMessage();
    entry.httpStatus = 0;
}

// Pairs "sending" lines with their answers while the lines stream by. Entries leave in the order their
// attempts started, so everything behind the oldest unanswered "sending" waits in the queue; past
// Journal::MaxPendingEntries that one leaves as unanswered.
class AttemptQueue
{
public:
    AttemptQueue(const JournalFilter& filter, const std::function<bool(const JournalEntry&)>& visit)
        : m_filter(filter)
        , m_visit(visit)
    {}

    // False once visit asked to stop.
    bool add(JournalEntry&& entry)
    {
        if (entry.outcome == sendingOutcomeName()) {
            if (entry.attempt.isEmpty()) {
                markUnanswered(entry); // nothing could ever answer it
                return pass(std::move(entry));
            }
            const auto earlier = m_pending.constFind(entry.attempt);
            if (earlier != m_pending.constEnd()) { // the same id twice: the first stays without an answer
                Slot& slot = at(earlier.value());
                markUnanswered(slot.entry);
                slot.waiting = false;
                m_pending.erase(earlier);
            }
            m_pending.insert(entry.attempt, m_first + static_cast<qint64>(m_queue.size()));
            m_queue.push_back({std::move(entry), true});
            return flush();
        }
        if (!entry.attempt.isEmpty()) {
            const auto sent = m_pending.constFind(entry.attempt);
            if (sent != m_pending.constEnd()) {
                Slot& slot = at(sent.value());
                // The answer's line is the attempt; what it left empty the "sending" line knew.
                for (auto field : {&JournalEntry::environment, &JournalEntry::server,
                                   &JournalEntry::stateBefore, &JournalEntry::origin}) {
                    if ((entry.*field).isEmpty())
                        entry.*field = slot.entry.*field;
                }
                slot.entry = std::move(entry);
                slot.waiting = false;
                m_pending.erase(sent);
                return flush();
            }
        }
        return pass(std::move(entry));
    }

    // The attempts still waiting have no answer: the journal ends here.
    bool finish()
    {
        while (!m_queue.empty()) {
            Slot& front = m_queue.front();
            if (front.waiting)
                markUnanswered(front.entry);
            const JournalEntry entry = std::move(front.entry);
            m_queue.pop_front();
            ++m_first;
            if (!deliver(entry))
                return false;
        }
        m_pending.clear();
        return true;
    }

private:
    struct Slot
    {
        JournalEntry entry;
        bool waiting; // a "sending" line without its answer yet
    };

    Slot& at(qint64 index) { return m_queue[static_cast<size_t>(index - m_first)]; }

    bool pass(JournalEntry&& entry)
    {
        if (m_queue.empty())
            return deliver(entry);
        m_queue.push_back({std::move(entry), false});
        return flush();
    }

    bool flush()
    {
        while (!m_queue.empty()) {
            Slot& front = m_queue.front();
            if (front.waiting) {
                if (m_queue.size() <= static_cast<size_t>(Journal::MaxPendingEntries))
                    return true;
                m_pending.remove(front.entry.attempt);
                markUnanswered(front.entry);
            }
            const JournalEntry entry = std::move(front.entry);
            m_queue.pop_front();
            ++m_first;
            if (!deliver(entry))
                return false;
        }
        return true;
    }

    bool deliver(const JournalEntry& entry) { return !m_filter.matches(entry) || m_visit(entry); }

    const JournalFilter& m_filter;
    const std::function<bool(const JournalEntry&)>& m_visit;
    std::deque<Slot> m_queue;
    qint64 m_first = 0;               // the index of the queue's front since the start
    QHash<QString, qint64> m_pending; // attempt id → index of its "sending" line
};

} // namespace

QString originName(CancelOrigin origin)
{
    switch (origin) {
    case CancelOrigin::Window:
        return QStringLiteral("window");
    case CancelOrigin::Cli:
        return QStringLiteral("cli");
    }
    return QStringLiteral("unknown");
}

QString sendingOutcomeName()
{
    return QStringLiteral("sending");
}

QString unansweredOutcomeName()
{
    return QStringLiteral("unanswered");
}

QJsonObject JournalEntry::toJson() const
{
    QString text = message;
    if (text.size() > MaxMessageLength)
        text = text.left(MaxMessageLength - 1) + QChar(0x2026);
    QJsonObject object{
        {TimeKey, time.toUTC().toString(Qt::ISODateWithMs)},
        {EnvironmentKey, environment},
        {ServerKey, server},
        {JobIdKey, jobId},
        {StateBeforeKey, stateBefore},
        {HttpStatusKey, httpStatus},
        {OutcomeKey, outcome},
        {MessageKey, text},
        {OriginKey, origin},
    };
    if (!attempt.isEmpty())
        object.insert(AttemptKey, attempt);
    return object;
}

std::optional<JournalEntry> JournalEntry::fromJson(const QJsonObject& object)
{
    JournalEntry entry;
    const QJsonValue time = object.value(TimeKey);
    const QJsonValue jobId = object.value(JobIdKey);
    const QJsonValue outcome = object.value(OutcomeKey);
    if (!time.isString() || !jobId.isString() || !outcome.isString())
        return std::nullopt;
    entry.time = QDateTime::fromString(time.toString(), Qt::ISODateWithMs).toUTC();
    entry.jobId = jobId.toString();
    entry.outcome = outcome.toString();
    if (!entry.time.isValid() || entry.jobId.isEmpty() || entry.outcome.isEmpty())
        return std::nullopt;
    entry.environment = object.value(EnvironmentKey).toString();
    entry.server = object.value(ServerKey).toString();
    entry.stateBefore = object.value(StateBeforeKey).toString();
    entry.httpStatus = object.value(HttpStatusKey).toInt();
    entry.message = object.value(MessageKey).toString();
    entry.origin = object.value(OriginKey).toString();
    entry.attempt = object.value(AttemptKey).toString();
    return entry;
}

bool JournalEntry::operator==(const JournalEntry& other) const
{
    return time == other.time && environment == other.environment && server == other.server &&
           jobId == other.jobId && stateBefore == other.stateBefore && httpStatus == other.httpStatus &&
           outcome == other.outcome && message == other.message && origin == other.origin &&
           attempt == other.attempt;
}

bool JournalFilter::matches(const JournalEntry& entry) const
{
    if (since.isValid() && entry.time < since)
        return false;
    if (!environment.isEmpty() && entry.environment != environment)
        return false;
    return outcome.isEmpty() || entry.outcome == outcome;
}

QByteArray csvField(const QString& value, CsvCells cells)
{
    QByteArray bytes = value.toUtf8();
    if (cells == CsvCells::Neutralised && !bytes.isEmpty()) {
        switch (bytes.at(0)) {
        case '=':
        case '+':
        case '-':
        case '@':
        case '\t':
        case '\r':
            bytes.prepend('\'');
            break;
        default:
            break;
        }
    }
    if (bytes.contains(',') || bytes.contains('"') || bytes.contains('\r') || bytes.contains('\n')) {
        bytes.replace("\"", "\"\"");
        bytes.prepend('"');
        bytes.append('"');
    }
    return bytes;
}

QString Journal::defaultPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation) +
           QStringLiteral("/cancel-journal.jsonl");
}

QString Journal::newAttemptId()
{
    return QStringLiteral("%1").arg(QRandomGenerator::system()->generate64(), 16, 16, QLatin1Char('0'));
}

Journal::Journal()
    : m_path(defaultPath())
{}

Journal::Journal(const QString& path)
    : m_path(path)
{}

QString Journal::fileFor(const QDateTime& time) const
{
    if (m_path.isEmpty())
        return {};
    const BaseName base(m_path);
    const QDateTime when = time.isValid() ? time.toUTC() : QDateTime::currentDateTimeUtc();
    return QDir(base.folder)
        .filePath(base.stem + QLatin1Char('-') + when.toString(QStringLiteral("yyyy-MM")) + base.suffix);
}

QStringList Journal::files() const
{
    return filesSince({});
}

QStringList Journal::filesSince(const QDateTime& since) const
{
    QStringList result;
    if (m_path.isEmpty())
        return result;
    const QFileInfo legacy(m_path);
    if (legacy.exists() || legacy.isSymLink())
        result.append(m_path);
    const BaseName base(m_path);
    const QRegularExpression monthFile(
        QStringLiteral("^%1-(\\d{4}-\\d{2})%2$")
            .arg(QRegularExpression::escape(base.stem), QRegularExpression::escape(base.suffix)));
    const QString firstMonth =
        since.isValid() ? since.toUTC().toString(QStringLiteral("yyyy-MM")) : QString();
    const QDir folder(base.folder);
    // System: FIFOs, devices and dangling links are listed too, so that reading them is refused out loud.
    QStringList names =
        folder.entryList(QDir::AllEntries | QDir::System | QDir::Hidden | QDir::NoDotAndDotDot, QDir::NoSort);
    std::sort(names.begin(), names.end());
    for (const QString& name : std::as_const(names)) {
        const QRegularExpressionMatch match = monthFile.match(name);
        if (match.hasMatch() && match.captured(1) >= firstMonth)
            result.append(folder.filePath(name));
    }
    return result;
}

bool Journal::canWrite(QString* why) const
{
    QString reason;
    if (m_path.isEmpty()) {
        reason = noPlaceMessage();
    } else {
        AppendFile file(fileFor(QDateTime::currentDateTimeUtc()));
        if (file.open(&reason))
            return true;
    }
    if (why)
        *why = reason;
    return false;
}

bool Journal::append(const JournalEntry& entry, QString* error) const
{
    return append(QList<JournalEntry>{entry}, error);
}

bool Journal::append(const QList<JournalEntry>& entries, QString* error) const
{
    if (entries.isEmpty())
        return true;
    const auto fail = [&](const QString& why) {
        qCWarning(lcJournal).noquote() << why;
        if (error)
            *error = why;
        return false;
    };
    if (m_path.isEmpty())
        return fail(noPlaceMessage());

    // Consecutive entries of one month are one write and one sync of its file.
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QList<std::pair<QString, QByteArray>> writes;
    for (const JournalEntry& entry : entries) {
        JournalEntry stamped = entry;
        if (!stamped.time.isValid())
            stamped.time = now;
        const QString path = fileFor(stamped.time);
        if (writes.isEmpty() || writes.constLast().first != path)
            writes.append({path, QByteArray()});
        // Compact JSON escapes CR and LF inside strings: an entry is one line whatever the server said.
        writes.last().second += toJsonLine(stamped) + '\n';
    }

    for (auto& [path, lines] : writes) {
        QString reason;
        AppendFile file(path);
        if (!file.open(&reason))
            return fail(reason);
        FileLock lock(file.handle(), path);
        if (!lock.lock(m_lockTimeoutMs, &reason))
            return fail(reason);
        // A last line without its end (a writer cut off by a power loss) is ended first, in the same write,
        // so that only it is lost and not this one too.
        if (file.endsInsideALine())
            lines.prepend('\n');
        if (!file.write(lines, &reason) || !file.sync(&reason))
            return fail(reason);
    }
    return true;
}

bool Journal::forEach(const JournalFilter& filter, const std::function<bool(const JournalEntry&)>& visit,
                      int* malformed, QString* error) const
{
    return scanFiles(
        filesSince(filter.since),
        [&](JournalEntry&& entry) { return !filter.matches(entry) || visit(entry); }, malformed, error);
}

bool Journal::forEachAttempt(const JournalFilter& filter,
                             const std::function<bool(const JournalEntry&)>& visit, int* malformed,
                             QString* error) const
{
    // Month files wholly before since's month hold only entries before it: an answer after since whose
    // "sending" line is in them stands alone, which is the same attempt with the same time.
    AttemptQueue queue(filter, visit);
    bool stopped = false;
    const bool ok = scanFiles(
        filesSince(filter.since),
        [&](JournalEntry&& entry) {
            stopped = !queue.add(std::move(entry));
            return !stopped;
        },
        malformed, error);
    if (!stopped)
        queue.finish();
    return ok;
}

QList<JournalEntry> Journal::read(const JournalFilter& filter, int* malformed, QString* error) const
{
    QList<JournalEntry> entries;
    forEach(
        filter,
        [&entries](const JournalEntry& entry) {
            entries.append(entry);
            return true;
        },
        malformed, error);
    return entries;
}

QList<JournalEntry> Journal::attempts(const JournalFilter& filter, int* malformed, QString* error) const
{
    QList<JournalEntry> entries;
    forEachAttempt(
        filter,
        [&entries](const JournalEntry& entry) {
            entries.append(entry);
            return true;
        },
        malformed, error);
    return entries;
}

QByteArray Journal::toJsonLine(const JournalEntry& entry)
{
    return QJsonDocument(entry.toJson()).toJson(QJsonDocument::Compact);
}

QByteArray Journal::csvHeader()
{
    return QByteArrayLiteral(
        "time,environment,server,jobId,stateBefore,httpStatus,outcome,message,origin\r\n");
}

QByteArray Journal::toCsvRow(const JournalEntry& entry)
{
    const QJsonObject object = entry.toJson(); // the time and the message exactly as the journal has them
    return csvField(object.value(TimeKey).toString()) + ',' + csvField(entry.environment) + ',' +
           csvField(entry.server) + ',' + csvField(entry.jobId) + ',' + csvField(entry.stateBefore) + ',' +
           QByteArray::number(entry.httpStatus) + ',' + csvField(entry.outcome) + ',' +
           csvField(object.value(MessageKey).toString()) + ',' + csvField(entry.origin) + "\r\n";
}

QByteArray Journal::toJson(const QList<JournalEntry>& entries)
{
    if (entries.isEmpty())
        return QByteArrayLiteral("[]\n");
    QByteArray out = "[\n";
    for (qsizetype i = 0; i < entries.size(); ++i) {
        out += "    " + toJsonLine(entries.at(i));
        out += i + 1 < entries.size() ? ",\n" : "\n";
    }
    out += "]\n";
    return out;
}

QByteArray Journal::toCsv(const QList<JournalEntry>& entries)
{
    QByteArray out = csvHeader();
    for (const JournalEntry& entry : entries)
        out += toCsvRow(entry);
    return out;
}

} // namespace Alchemyst
