#pragma once

#include "core/journal.h"
#include "jobs/job.h"
#include "jobs/jobjson.h" // the JSON vocabulary, isoUtc() and terminalSafeJson(), shared with the window

#include <QByteArray>
#include <QCommandLineOption>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>
#include <QStringList>
#include <QTextStream>
#include <QUrl>
#include <functional>

namespace Alchemyst {

// The JSON and CSV names of the state categories, in StateCategory order: waiting, delayed, active,
// completed, failed, cancelled, other.
const QStringList& categoryKeys();

struct ApiResult;
struct ReceiptLine;
class TriageSession;

// How alchemyst-jobs writes times, failures, receipts, URLs and jobs. Every text made for a terminal passes
// server text through terminalSafe(); JSON is data, exact, with the code points a terminal acts on written
// as \u escapes (terminalSafeJson); CSV neutralises cells that look like formulas (CsvCells).

// A time in a text table: ISO 8601, local; "-" when unknown.
QString isoTime(qint64 epochMs);
// One line about a failed call, safe for a terminal.
QString describe(const ApiResult& result);
// One job of a cancel as the operator reads it: "ID: cancelled — message", "ID: running (HTTP 409): message",
// "ID: skipped — why".
QString receiptText(const ReceiptLine& line);
// A URL as the operator may see it: never a user name or password, never a control character.
QString shown(const QUrl& url);

// "1 job", "2 jobs": the CLI speaks English for scripts and loads no translation (app/cli is outside
// lupdate's sources), so its plurals are made here rather than through tr("%n job(s)").
QString counted(qint64 count, const char* one, const char* many);

// A text table whose columns are as wide as their widest cell, header included (states like
// waiting-children, ids of any length), two spaces apart; the last column is never padded. Cells are
// already safe for a terminal; they are padded by hand and joined, never through chained arg(): server
// text may hold "%1". Widths count UTF-16 code units.
class TextTable
{
public:
    explicit TextTable(const QStringList& header, const QList<bool>& rightAligned = {});
    // Widens the columns for a row without keeping it: for output streamed after a first pass.
    void measure(const QStringList& cells);
    void addRow(const QStringList& cells); // kept, and measured
    QString row(const QStringList& cells) const;
    QString header() const { return row(m_header); }
    // The header and every row kept.
    QString text() const;

private:
    QStringList m_header;
    QList<bool> m_right;
    QList<int> m_widths;
    QList<QStringList> m_rows;
};

// Every command's --json and --jsonl speaks the vocabulary of jobs/jobjson.h (jsonTextOrNull(),
// jsonTimeOrNull(), appendJobJson(): what list --json and status --json print per job).

// --json and --jsonl, for list, stuck, failures and journal.
QCommandLineOption jsonOption(const QString& description = QStringLiteral("print JSON"));
QCommandLineOption jsonlOption();

// Writes JSON objects straight to out's device, in chunks through terminalSafeJson(): as one array with one
// object a line (--json), or one object a line and nothing else (--jsonl, JSON Lines). Never the whole
// output in memory.
class JsonStream
{
public:
    JsonStream(QTextStream& out, bool lines);
    ~JsonStream();
    JsonStream(const JsonStream&) = delete;
    JsonStream& operator=(const JsonStream&) = delete;

    void add(const QByteArray& compactObject);
    void add(const QJsonObject& object);
    // Ends the array (--json) and writes what is left; called by the destructor when not before.
    void finish();

private:
    void write();

    QTextStream& m_out;
    QIODevice* m_device = nullptr;
    QByteArray m_chunk;
    bool m_lines = false;
    bool m_first = true;
    bool m_finished = false;
};

// list --json or --csv: the jobs that match, each with what the triage knows of its age (ageMs, stuck,
// firstSeen), streamed job by job to out's device: never the whole output, its bytes and an encoded copy
// alive at once. CSV cells that look like formulas are neutralised unless cells is CsvCells::Raw
// (--raw-cells); JSON passes through terminalSafeJson().
// With lines (--jsonl), one object a line instead of one array.
enum class JobsFormat
{
    Json,
    JsonLines,
    Csv,
};
void writeJobs(QTextStream& out, const JobList& jobs, const std::function<bool(const Job&)>& matches,
               const TriageSession& triage, qint64 now, JobsFormat format,
               CsvCells cells = CsvCells::Neutralised);

// terminalSafeJson() (jobs/jobjson.h), as text for a QTextStream.
QString terminalSafeJsonText(const QByteArray& json);

} // namespace Alchemyst
