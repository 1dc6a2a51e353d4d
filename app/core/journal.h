#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <optional>

namespace Alchemyst {

QString sendingOutcomeName(); // TEMP shim
QString unansweredOutcomeName(); // TEMP shim

// Where a cancel was asked for.
enum class CancelOrigin
{
    Window,
    Cli,
};
QString originName(CancelOrigin origin); // "window" or "cli"

// One cancel attempt as the journal keeps it: one JSON object on one line.
struct JournalEntry
{
    // Longer messages are cut (keeping their start, ending in '…'): one line must stay one write, and a
    // server that answers a cancel with megabytes must not grow the journal by megabytes per job.
    static constexpr qsizetype MaxMessageLength = 16384;

    QDateTime time;      // UTC; append() fills in the current time when invalid
    QString environment; // the environment's name as the operator knows it
    QString server;      // base URL
    QString jobId;
    QString stateBefore; // the state the operator saw when asking
    int httpStatus = 0;  // 0 when no HTTP answer arrived
    QString outcome;     // outcomeName() of the answer, or "not-sent"
    QString message;     // the server's words, verbatim
    QString origin;      // originName(): "window" or "cli"
    QString attempt;     // TEMP shim until the journal work lands

    // Keys: time (ISO 8601, UTC, ms), environment, server, jobId, stateBefore, httpStatus, outcome,
    // message, origin.
    QJsonObject toJson() const;
    // nullopt when a field the journal always writes (time, jobId, outcome) is missing or unreadable.
    static std::optional<JournalEntry> fromJson(const QJsonObject& object);

    bool operator==(const JournalEntry& other) const;
    bool operator!=(const JournalEntry& other) const { return !(*this == other); }
};

struct JournalFilter
{
    QDateTime since;     // entries at or after it; invalid: from the start
    QString environment; // exact name; empty: any
    QString outcome;     // exact outcome name ("cancelled", "running", "not-sent"…); empty: any
};

// One field of RFC 4180 CSV: quoted when it holds a comma, a double quote, CR or LF, with its double
// quotes doubled; as it is otherwise.
QByteArray csvField(const QString& value);

// The local record of every cancel attempt, shared by the window and the CLI: JSON Lines at
// AppLocalDataLocation/cancel-journal.jsonl, only ever appended to.
//
// Each append is one write() of a whole line on a descriptor opened for append (O_APPEND), under an
// exclusive lock of the file (flock on Unix, LockFileEx on Windows; the kernel drops it when a holder
// dies, so a killed process never leaves the journal locked), followed by fsync. So an append that
// returned true survives the process being killed right after, and lines of processes appending at once
// never interleave. A line cut short by a crash elsewhere (power loss) is ended before the next one is
// written, so that it costs only itself; readers skip and count such lines.
//
// A Journal is a path and settings, cheap to copy; it keeps no file open between calls.
class Journal
{
    Q_DECLARE_TR_FUNCTIONS(Journal)

public:
    static constexpr int DefaultLockTimeoutMs = 10000;

    // AppLocalDataLocation/cancel-journal.jsonl (the application and organisation names must be set).
    static QString defaultPath();
    static QString newAttemptId(); // TEMP shim

    Journal();
    explicit Journal(const QString& path);

    QString path() const { return m_path; }
    // How long append() waits for another process's append to end before giving up.
    void setLockTimeout(int milliseconds) { m_lockTimeoutMs = qMax(0, milliseconds); }

    // Whether an append could be made now: the directory exists or can be made, and the file can be opened
    // for appending (it is created, empty, when missing). False with the reason in *why. Check it before a
    // batch starts, so that no cancel is sent without a record unless the operator accepted that.
    bool canWrite(QString* why = nullptr) const;
    // Appends one entry as one line and makes it durable. False with the reason in *error; then nothing
    // was written, or (disk full mid-line) a partial line that readers skip.
    bool append(const JournalEntry& entry, QString* error = nullptr) const;
    // Several entries at once: one line each, in one write and one sync (a stopped batch records hundreds).
    bool append(const QList<JournalEntry>& entries, QString* error = nullptr) const;
    // The entries that pass the filter, in file order. Lines that are not a journal entry are skipped and
    // counted in *malformed. A missing journal is empty, not an error; an unreadable one is empty with
    // the reason in *error.
    QList<JournalEntry> read(const JournalFilter& filter = {}, int* malformed = nullptr,
                             QString* error = nullptr) const;

    // Exports: a JSON array of toJson() objects (indented), and RFC 4180 CSV with a header line and CRLF
    // line ends, columns in the order of the JSON keys above.
    QList<JournalEntry> attempts(const JournalFilter& filter = {}, int* malformed = nullptr,
                                 QString* error = nullptr) const; // TEMP shim
    static QByteArray toJson(const QList<JournalEntry>& entries);
    static QByteArray toCsv(const QList<JournalEntry>& entries);

private:
    QString m_path;
    int m_lockTimeoutMs = DefaultLockTimeoutMs;
};

} // namespace Alchemyst
