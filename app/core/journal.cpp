#include "journal.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QRandomGenerator>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QLoggingCategory>
#include <QStandardPaths>
#include <QThread>

#ifdef Q_OS_WIN
#include <io.h>
#include <windows.h>
#else
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/file.h>
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

QString systemError()
{
#ifdef Q_OS_WIN
    return qt_error_string(static_cast<int>(GetLastError()));
#else
    return qt_error_string(errno);
#endif
}

// An exclusive lock of the whole file, held until destroyed. The kernel drops it when the holder dies, so
// a killed writer never blocks the others (a lock file beside the journal would stay behind).
class FileLock
{
public:
    explicit FileLock(QFile& file)
        : m_file(file)
    {}
    ~FileLock()
    {
        if (!m_locked)
            return;
#ifdef Q_OS_WIN
        OVERLAPPED overlapped = {};
        UnlockFileEx(handle(), 0, MAXDWORD, MAXDWORD, &overlapped);
#else
        ::flock(m_file.handle(), LOCK_UN);
#endif
    }
    FileLock(const FileLock&) = delete;
    FileLock& operator=(const FileLock&) = delete;

    // Polls rather than blocks, so that a holder stuck on a slow disk costs a clear error, not a hang.
    bool lock(int timeoutMs, QString* error)
    {
        QDeadlineTimer deadline(timeoutMs);
        for (;;) {
#ifdef Q_OS_WIN
            OVERLAPPED overlapped = {};
            if (LockFileEx(handle(), LOCKFILE_EXCLUSIVE_LOCK | LOCKFILE_FAIL_IMMEDIATELY, 0, MAXDWORD,
                           MAXDWORD, &overlapped)) {
                m_locked = true;
                return true;
            }
            const bool busy = GetLastError() == ERROR_LOCK_VIOLATION;
#else
            if (::flock(m_file.handle(), LOCK_EX | LOCK_NB) == 0) {
                m_locked = true;
                return true;
            }
            const bool busy = errno == EWOULDBLOCK || errno == EINTR;
#endif
            if (!busy) {
                *error = Journal::tr("Could not lock the journal %1: %2")
                             .arg(QDir::toNativeSeparators(m_file.fileName()), systemError());
                return false;
            }
            if (deadline.hasExpired()) {
                *error = Journal::tr("The journal %1 stayed locked by another process for %2 seconds.")
                             .arg(QDir::toNativeSeparators(m_file.fileName()))
                             .arg(timeoutMs / 1000.0);
                return false;
            }
            QThread::msleep(2);
        }
    }

private:
#ifdef Q_OS_WIN
    HANDLE handle() const
    {
        return reinterpret_cast<HANDLE>(_get_osfhandle(m_file.handle()));
    }
#endif

    QFile& m_file;
    bool m_locked = false;
};

// Data the kernel holds for the file reaches the disk: what survives a kill is then also what survives a
// power cut.
bool syncFile(QFile& file)
{
#ifdef Q_OS_WIN
    return FlushFileBuffers(reinterpret_cast<HANDLE>(_get_osfhandle(file.handle()))) != 0;
#else
    int result;
    do {
        result = ::fsync(file.handle());
    } while (result != 0 && errno == EINTR);
    return result == 0;
#endif
}

// A new file's name is in its directory only once the directory is synced too.
void syncDirectory(const QString& directory)
{
#ifdef Q_OS_WIN
    Q_UNUSED(directory)
#else
    const int fd = ::open(QFile::encodeName(directory).constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return;
    ::fsync(fd);
    ::close(fd);
#endif
}

// Opens (creating directory and file when missing) for appending; reading too, for the last byte.
bool openForAppend(QFile& file, QString* error)
{
    const QFileInfo info(file.fileName());
    const QString directory = info.absolutePath();
    if (!QDir().mkpath(directory)) {
        *error = Journal::tr("The journal's folder %1 could not be created.")
                     .arg(QDir::toNativeSeparators(directory));
        return false;
    }
    const bool existed = info.exists();
    // The journal says which jobs of which servers were cancelled: the user's alone.
    if (!file.open(QIODevice::ReadWrite | QIODevice::Append | QIODevice::Unbuffered,
                   QFileDevice::ReadOwner | QFileDevice::WriteOwner)) {
        *error = Journal::tr("The journal %1 could not be opened for appending: %2")
                     .arg(QDir::toNativeSeparators(file.fileName()), file.errorString());
        return false;
    }
    if (!existed)
        syncDirectory(directory);
    return true;
}

QString jsonString(const QJsonObject& object, QLatin1String key)
{
    return object.value(key).toString();
}

} // namespace

QString sendingOutcomeName() { return QStringLiteral("sending"); }
QString unansweredOutcomeName() { return QStringLiteral("unanswered"); }
QString Journal::newAttemptId() { return QString::number(QRandomGenerator::system()->generate64(), 16); }

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

QJsonObject JournalEntry::toJson() const
{
    QString text = message;
    if (text.size() > MaxMessageLength)
        text = text.left(MaxMessageLength - 1) + QChar(0x2026);
    return {
        {TimeKey, time.toUTC().toString(Qt::ISODateWithMs)},
        {EnvironmentKey, environment},
        {ServerKey, server},
        {JobIdKey, jobId},
        {StateBeforeKey, stateBefore},
        {HttpStatusKey, httpStatus},
        {OutcomeKey, outcome},
        {MessageKey, text},
        {OriginKey, origin},
        {QStringLiteral("attempt"), attempt},
    };
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
    entry.environment = jsonString(object, EnvironmentKey);
    entry.server = jsonString(object, ServerKey);
    entry.stateBefore = jsonString(object, StateBeforeKey);
    entry.httpStatus = object.value(HttpStatusKey).toInt();
    entry.message = jsonString(object, MessageKey);
    entry.origin = jsonString(object, OriginKey);
    entry.attempt = object.value(QLatin1String("attempt")).toString();
    return entry;
}

bool JournalEntry::operator==(const JournalEntry& other) const
{
    return time == other.time && environment == other.environment && server == other.server &&
           jobId == other.jobId && stateBefore == other.stateBefore && httpStatus == other.httpStatus &&
           outcome == other.outcome && message == other.message && origin == other.origin;
}

QByteArray csvField(const QString& value)
{
    QByteArray bytes = value.toUtf8();
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

Journal::Journal()
    : m_path(defaultPath())
{}

Journal::Journal(const QString& path)
    : m_path(path)
{}

bool Journal::canWrite(QString* why) const
{
    QString reason;
    if (m_path.isEmpty()) {
        reason = Journal::tr("There is no place for the journal (no writable application data folder).");
    } else {
        QFile file(m_path);
        if (openForAppend(file, &reason))
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
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QByteArray line;
    for (const JournalEntry& entry : entries) {
        JournalEntry stamped = entry;
        if (!stamped.time.isValid())
            stamped.time = now;
        // Compact JSON escapes CR and LF inside strings: an entry is one line whatever the server said.
        line += QJsonDocument(stamped.toJson()).toJson(QJsonDocument::Compact);
        line += '\n';
    }

    QString reason;
    const auto fail = [&](const QString& why) {
        qCWarning(lcJournal).noquote() << why;
        if (error)
            *error = why;
        return false;
    };
    if (m_path.isEmpty())
        return fail(Journal::tr("There is no place for the journal (no writable application data folder)."));
    QFile file(m_path);
    if (!openForAppend(file, &reason))
        return fail(reason);
    FileLock lock(file);
    if (!lock.lock(m_lockTimeoutMs, &reason))
        return fail(reason);

    // A last line without its end (a writer cut off by a power loss) is ended first, in the same write,
    // so that only it is lost and not this one too.
    const qint64 size = file.size();
    if (size > 0 && file.seek(size - 1)) {
        char last = '\n';
        if (file.getChar(&last) && last != '\n')
            line.prepend('\n');
    }
    // O_APPEND puts the write at the end on Unix; Windows has no such flag, the lock makes this seek safe.
    file.seek(file.size());
    const qint64 written = file.write(line);
    if (written != line.size()) {
        return fail(Journal::tr("The journal %1 could not be written: %2")
                        .arg(QDir::toNativeSeparators(m_path), file.errorString()));
    }
    if (!syncFile(file)) {
        return fail(Journal::tr("The journal %1 was written but could not be flushed to disk: %2")
                        .arg(QDir::toNativeSeparators(m_path), systemError()));
    }
    return true;
}

QList<JournalEntry> Journal::read(const JournalFilter& filter, int* malformed, QString* error) const
{
    QList<JournalEntry> entries;
    int bad = 0;
    if (malformed)
        *malformed = 0;
    QFile file(m_path);
    if (!file.exists())
        return entries;
    if (!file.open(QIODevice::ReadOnly)) {
        if (error) {
            *error = Journal::tr("The journal %1 could not be read: %2")
                         .arg(QDir::toNativeSeparators(m_path), file.errorString());
        }
        return entries;
    }
    const QDateTime since = filter.since.isValid() ? filter.since.toUTC() : QDateTime();
    while (!file.atEnd()) {
        const QByteArray line = file.readLine().trimmed();
        if (line.isEmpty())
            continue;
        QJsonParseError parseError;
        const QJsonDocument document = QJsonDocument::fromJson(line, &parseError);
        const std::optional<JournalEntry> entry =
            parseError.error == QJsonParseError::NoError && document.isObject()
                ? JournalEntry::fromJson(document.object())
                : std::nullopt;
        if (!entry) {
            ++bad;
            continue;
        }
        if (since.isValid() && entry->time < since)
            continue;
        if (!filter.environment.isEmpty() && entry->environment != filter.environment)
            continue;
        if (!filter.outcome.isEmpty() && entry->outcome != filter.outcome)
            continue;
        entries.append(*entry);
    }
    if (bad > 0)
        qCWarning(lcJournal) << "skipped" << bad << "malformed lines of" << m_path;
    if (malformed)
        *malformed = bad;
    return entries;
}

QList<JournalEntry> Journal::attempts(const JournalFilter& filter, int* malformed, QString* error) const
{
    QList<JournalEntry> out;
    QHash<QString, qsizetype> open;
    for (const JournalEntry& entry : read(filter, malformed, error)) {
        if (!entry.attempt.isEmpty() && entry.outcome == sendingOutcomeName()) {
            open.insert(entry.attempt, out.size());
            out.append(entry);
        } else if (!entry.attempt.isEmpty() && open.contains(entry.attempt)) {
            out[open.take(entry.attempt)] = entry;
        } else {
            out.append(entry);
        }
    }
    for (JournalEntry& entry : out)
        if (entry.outcome == sendingOutcomeName())
            entry.outcome = unansweredOutcomeName();
    return out;
}

QByteArray Journal::toJson(const QList<JournalEntry>& entries)
{
    QJsonArray array;
    for (const JournalEntry& entry : entries)
        array.append(entry.toJson());
    return QJsonDocument(array).toJson(QJsonDocument::Indented);
}

QByteArray Journal::toCsv(const QList<JournalEntry>& entries)
{
    QByteArray out = "time,environment,server,jobId,stateBefore,httpStatus,outcome,message,origin\r\n";
    for (const JournalEntry& entry : entries) {
        const QJsonObject object = entry.toJson();
        out += csvField(object.value(TimeKey).toString()) + ',' + csvField(entry.environment) + ',' +
               csvField(entry.server) + ',' + csvField(entry.jobId) + ',' + csvField(entry.stateBefore) +
               ',' + QByteArray::number(entry.httpStatus) + ',' + csvField(entry.outcome) + ',' +
               csvField(object.value(MessageKey).toString()) + ',' + csvField(entry.origin) + "\r\n";
    }
    return out;
}

} // namespace Alchemyst
