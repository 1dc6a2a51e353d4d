#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <functional>
#include <optional>

namespace Alchemyst {

// Where a cancel was asked for.
enum class CancelOrigin
{
    Window,
    Cli,
};
QString originName(CancelOrigin origin); // "window" or "cli"

// The outcome of the line written before a DELETE goes out, so that a cancel sent by a process that died
// before the answer (or lost the connection) still leaves a trace.
QString sendingOutcomeName(); // "sending"
// The outcome Journal::forEachAttempt() gives an attempt whose "sending" line has no answer line.
QString unansweredOutcomeName(); // "unanswered"

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
    QString outcome;     // outcomeName() of the answer, "not-sent", or sendingOutcomeName()
    QString message;     // the server's words, verbatim
    QString origin;      // originName(): "window" or "cli"
    // Pairs the "sending" line written before a DELETE with the line of its answer (Journal::newAttemptId());
    // empty in lines of older versions and in lines that were never sent.
    QString attempt;

    // Keys: time (ISO 8601, UTC, ms), environment, server, jobId, stateBefore, httpStatus, outcome,
    // message, origin, and attempt when it is not empty.
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
    QString outcome; // exact outcome name ("cancelled", "running", "not-sent", "unanswered"…); empty: any

    bool matches(const JournalEntry& entry) const;
};

// What a CSV writer does with text that a spreadsheet would run as a formula.
enum class CsvCells
{
    // A text cell starting with =, +, -, @, TAB or CR gets a leading ' (OWASP): the spreadsheets operators
    // open these files in run such a cell (=HYPERLINK(...) carries other cells away), and any API user
    // chooses a file name. Every export and the clipboard use it.
    Neutralised,
    // As the server wrote it: only for scripts that ask for it by name (list --csv --raw-cells).
    Raw,
};

// One text field of RFC 4180 CSV (server text, never a number the program writes itself): neutralised
// (see CsvCells), then quoted when it holds a comma, a double quote, CR or LF, with its double quotes
// doubled; as it is otherwise.
QByteArray csvField(const QString& value, CsvCells cells = CsvCells::Neutralised);

// The local record of every cancel attempt, shared by the window and the CLI: JSON Lines under
// AppLocalDataLocation, only ever appended to, one file per month (UTC) of the entries' times beside the
// base path: cancel-journal.jsonl names cancel-journal-2026-12.jsonl, cancel-journal-2027-01.jsonl… so that
// old months can be archived or removed as whole files. The base file itself is only read: versions before
// the monthly files wrote there.
//
// Each append is one write of whole lines on a descriptor opened for append (O_APPEND), under an exclusive
// lock of the file (flock on Unix, LockFileEx on Windows; the kernel drops it when a holder dies, so a
// killed process never leaves the journal locked), followed by fsync. So an append that returned true
// survives the process being killed right after, and lines of processes appending at once never
// interleave. A line cut short by a crash elsewhere (power loss) is ended before the next one is written,
// so that it costs only itself; readers skip and count such lines.
//
// On Unix the journal is only ever a regular file of its own: a symbolic link, a named pipe, a device or a
// folder in its place is refused with a message saying so (never followed, never blocked on), the file is
// made 0600 and a folder created for it 0700.
//
// A Journal is a path and settings, cheap to copy; it keeps no file open between calls.
class Journal
{
    Q_DECLARE_TR_FUNCTIONS(Journal)

public:
    static constexpr int DefaultLockTimeoutMs = 10000;
    // forEachAttempt() holds at most this many entries behind the oldest unanswered "sending" line; past
    // it that attempt is given as unanswered, so that memory stays bounded whatever the journal holds.
    static constexpr int MaxPendingEntries = 10000;

    // AppLocalDataLocation/cancel-journal.jsonl (the application and organisation names must be set).
    static QString defaultPath();
    // 16 random hex digits for JournalEntry::attempt.
    static QString newAttemptId();

    Journal();
    explicit Journal(const QString& path);

    // The base path given; appends go to fileFor() of each entry's time.
    QString path() const { return m_path; }
    // The month file an entry of this time goes to: base name + "-YYYY-MM" (UTC) + suffix.
    QString fileFor(const QDateTime& time) const;
    // The journal's files that exist, in reading order: the base file (older versions), then the month
    // files, oldest first.
    QStringList files() const;
    // How long append() waits for another process's append to end before giving up.
    void setLockTimeout(int milliseconds) { m_lockTimeoutMs = qMax(0, milliseconds); }

    // Whether an append could be made now: the folder exists or can be made, and this month's file can be
    // opened for appending and is a regular file (it is created, empty, when missing). False with the reason
    // in *why. Check it before a batch starts, so that no cancel is sent without a record unless the
    // operator accepted that.
    bool canWrite(QString* why = nullptr) const;
    // Appends one entry as one line and makes it durable. False with the reason in *error; then nothing
    // was written, or (disk full mid-line) a partial line that readers skip.
    bool append(const JournalEntry& entry, QString* error = nullptr) const;
    // Several entries at once: one line each, in one write and one sync per month file (a stopped batch
    // records hundreds).
    bool append(const QList<JournalEntry>& entries, QString* error = nullptr) const;

    // Every line that is an entry and passes the filter, in reading order (files(), then file order), one
    // at a time: the journal is never held in memory. Lines that are not a journal entry are skipped and
    // counted in *malformed. With filter.since, month files wholly before its month are not opened. Stops
    // when visit returns false. A missing journal is empty, not an error; false when a file could not be
    // read (its reason in *error; the other files are still read).
    bool forEach(const JournalFilter& filter, const std::function<bool(const JournalEntry&)>& visit,
                 int* malformed = nullptr, QString* error = nullptr) const;
    // As forEach(), but one entry per attempt, in the order the attempts were started: a "sending" line and
    // the later line with its attempt id (in any file) are the answer's entry; a "sending" line without one
    // is an "unanswered" entry; lines without an attempt id are as they are. The filter applies to these
    // entries. Holds only the entries behind the oldest unanswered "sending" line (MaxPendingEntries).
    bool forEachAttempt(const JournalFilter& filter, const std::function<bool(const JournalEntry&)>& visit,
                        int* malformed = nullptr, QString* error = nullptr) const;

    // The lines that pass the filter, in reading order (forEach() into a list).
    QList<JournalEntry> read(const JournalFilter& filter = {}, int* malformed = nullptr,
                             QString* error = nullptr) const;
    // The attempts that pass the filter (forEachAttempt() into a list).
    QList<JournalEntry> attempts(const JournalFilter& filter = {}, int* malformed = nullptr,
                                 QString* error = nullptr) const;

    // Exports: a JSON array with one toJsonLine() object per line, and RFC 4180 CSV with a header line and
    // CRLF line ends, columns time, environment, server, jobId, stateBefore, httpStatus, outcome, message,
    // origin.
    static QByteArray toJson(const QList<JournalEntry>& entries);
    static QByteArray toCsv(const QList<JournalEntry>& entries);
    // The same piece by piece, for writers that stream: one compact JSON object without a line end; the CSV
    // header line and one CSV record, each ending in CRLF.
    static QByteArray toJsonLine(const JournalEntry& entry);
    static QByteArray csvHeader();
    static QByteArray toCsvRow(const JournalEntry& entry);

private:
    QStringList filesSince(const QDateTime& since) const;

    QString m_path;
    int m_lockTimeoutMs = DefaultLockTimeoutMs;
};

} // namespace Alchemyst
