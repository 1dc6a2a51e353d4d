#pragma once

#include "api/apiresult.h"
#include "api/requestpacer.h"
#include "core/journal.h"
#include "jobs/job.h"

#include <QByteArray>
#include <QDeadlineTimer>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QMetaType>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QString>
#include <QTimer>
#include <memory>
#include <optional>

namespace Alchemyst {

class ApiClient;

// What became of one job of a batch: a line of the receipt.
struct ReceiptLine
{
    enum class Kind
    {
        Sent,    // outcome, httpStatus and message are the answer (or why none came)
        NotSent, // meant to be sent, but the batch was stopped first
        Skipped, // not cancellable as selected: never meant to be sent
    };

    QString id;
    QString stateBefore; // the state the selection showed
    // The state a check before sending found, when it kept the cancel from going (the row was older than
    // the refresh interval and the job had moved on: "active"); empty otherwise.
    QString stateNow;
    Kind kind = Kind::NotSent;
    Outcome outcome = Outcome::Stopped; // meaningful when Sent
    int httpStatus = 0;                 // 0 when no HTTP answer arrived
    QString message;                    // Sent: the server's words verbatim; otherwise why not sent

    bool wasSent() const { return kind == Kind::Sent; }
    // outcomeName(outcome) when sent ("cancelled", "running", "not-found"…), else "not-sent" or
    // "skipped".
    QString outcomeName() const;
    // The receipt's words for the operator, translated: "Cancelled", "Refused: running" (a 409), "Refused:
    // not found", "No answer: timeout", "Not sent", "Not sent: now active" (a check found it moved),
    // "Skipped"… Files and JSON keep outcomeName().
    QString outcomeText() const;
    // In the command line's JSON vocabulary (`cancel --json`): {jobId, status, httpStatus, outcome,
    // message}, null where a value is not known (no state, no HTTP answer, no message); the previous names
    // id and stateBefore ("" when unknown) are kept beside them for one release.
    QJsonObject toJson() const;
};

// Selected jobs by what a cancel would do, before anything is sent: for the confirmation the window shows
// and the CLI prints.
struct CancelPreview
{
    struct Group
    {
        QString name; // a state as the server wrote it, a source ("" when unknown), or a skip reason
        int total = 0;
        int toSend = 0;
    };

    int total = 0;        // distinct jobs selected
    int toSend = 0;       // waiting or delayed: a cancel goes out for each
    int skipped = 0;      // everything else (an id selected twice counts once)
    QList<Group> reasons; // why jobs are skipped: name = reason, total = how many; most frequent first
    QList<Group> byState; // every state selected, most frequent first
    // By data.source, most frequent first; "" gathers the jobs whose source is unknown.
    QList<Group> bySource;
    JobList sendList;                // the jobs a start() would send, in selection order
    QList<ReceiptLine> skippedLines; // the receipt lines of the others (Kind::Skipped, reason in message)
};

// A batch of cancels, for the window and the CLI alike (CancelService makes them; a single cancel is a
// batch of one): sends the cancellable jobs of a selection in the background, two at a time, spread over
// its request budget and within the session's account budget, and keeps a receipt. Nothing is retried:
// ApiClient::cancelJob never retries, and neither does the batch.
//
// The journal is written ahead: before each DELETE a "sending" line is appended and synced, after the
// answer the outcome line (same attempt id). When the "sending" line cannot be written, that cancel is not
// sent and the batch stops (journalFailed): nothing goes out that the journal does not know of. A kill at
// any moment leaves at worst a "sending" line without its outcome, which readers show as "unanswered".
//
// The server steers the batch: a 429 pauses it for the Retry-After named (bounded), then it resumes; a 401,
// 402 or 403 stops it, the rest recorded as not sent with the reason. Answers are never retried.
//
// One object per batch: start() once, then watch the signals until finished(). Stopping sends nothing
// more; what is in flight completes and is recorded; the rest is recorded as "not-sent", in the receipt
// and the journal. Destroying a running batch stops it that way too (answers still in flight are journaled
// when they come, as long as the client lives).
class CancelBatch : public QObject
{
    Q_OBJECT

public:
    static constexpr int Concurrency = 2;
    // The platform allows 1000 requests a minute; refreshes keep to a third, cancels get the rest but a
    // margin for other tools on the same key.
    static constexpr int DefaultRequestsPerWindow = 600;
    static constexpr qint64 DefaultWindowMs = 60000;
    // An answer the client never delivers (its requests were aborted by abortAll) is given up after the
    // client's timeout plus this, so that a batch always finishes.
    static constexpr int DefaultAnswerGraceMs = 10000;
    // A 429 pauses the batch for its Retry-After, at least this and at most MaxPauseSeconds; without one,
    // DefaultPauseSeconds.
    static constexpr int DefaultPauseSeconds = 10;
    static constexpr int MaxPauseSeconds = 120;

    // journal: copied (a path); nullptr only when the operator accepted cancelling without a record.
    // environment and server are what the journal says the cancels went to.
    CancelBatch(ApiClient* client, const Journal* journal, const QString& environment, const QString& server,
                CancelOrigin origin, QObject* parent = nullptr);
    ~CancelBatch() override;

    static CancelPreview preview(const JobList& selection);
    // Why a job in this state is not sent ("running: the server would refuse with 409"); empty for waiting
    // and delayed. The state half of CancelService::whyNot() and the preview's skip reasons alike.
    static QString skipReason(const QString& state);

    // The request budget of the cancels (default 600 a minute, spread over the window). Set before start().
    void setRequestBudget(int maxRequests, qint64 windowMs) { m_pacer.setLimit(maxRequests, windowMs); }
    RequestPacer& pacer() { return m_pacer; }
    // The session's account budget, shared with its reads (not owned; must outlive the batch's sends).
    void setAccountPacer(RequestPacer* account) { m_pacer.setUpstream(account); }
    // How long after the client's timeout a cancel without an answer is given up (recorded as a timeout
    // whose result is unknown).
    void setAnswerGrace(int milliseconds) { m_answerGraceMs = qMax(0, milliseconds); }
    // Cancel only what the operator saw: the jobs of these ids (rows older than the refresh interval) are
    // checked with one GET of their status before their DELETE, in the same budget and concurrency as the
    // DELETEs. A job the server still has waiting or delayed is sent; one that moved on (active, finished)
    // or is gone is not, and its line says so ("Not sent: now active", journaled as not-sent); one whose
    // state could not be read is not sent either. Set before start().
    void setCheckFirst(const QSet<QString>& ids) { m_checkFirst = ids; }
    // State checks sent so far (GETs), beside the DELETEs.
    int checkCount() const { return m_checkCount; }

    // Sends a cancel for every cancellable job of the list (see preview()), from the next turn of the event
    // loop on; the others go into the receipt as skipped at once (no jobFinished for them, and no journal
    // entry: nothing was attempted). False (and nothing done) when already started.
    bool start(const JobList& jobs);
    // Ids as the operator gave them, their state unknown (""): every distinct one is sent (the server
    // answers 409 or 404 for those that cannot be cancelled). Ids no request can carry are recorded as not
    // sent, with the reason, and never reach the network.
    bool startIds(const QStringList& ids);
    // Nothing more is sent; answers in flight still come and are recorded; the jobs not sent are recorded
    // as "not-sent" now. finished() follows once nothing is in flight.
    void stop();
    // The process is ending (an interrupt, a quit that waited long enough): the cancels still awaiting
    // their answer are recorded now as sent with the answer unknown, and the batch finishes. Only after
    // stop(); what is still queued was recorded as not sent by it.
    void abandonInFlight(const QString& why);

    bool isStarted() const { return m_started; }
    bool isRunning() const { return m_started && !m_finished; }
    bool isStopped() const { return m_stopped; }
    bool isFinished() const { return m_finished; }
    // Paused by a 429 until then (invalid when not paused).
    bool isPaused() const { return !m_pausedUntil.hasExpired(); }
    // Why the batch stopped on its own (the server refused the key, the journal could not be written):
    // empty when it did not, or was stopped by stop().
    QString stopReason() const { return m_stopReason; }
    int inFlight() const { return static_cast<int>(m_pending.size()); }
    int doneCount() const { return m_done; }   // sent jobs answered, plus jobs recorded as not sent
    int totalCount() const { return m_total; } // jobs to send
    int journalFailures() const { return m_journalFailures; }
    // Whether the job is one this batch is to send and has not settled yet (queued or awaiting its answer):
    // a second cancel of it from elsewhere would race this one.
    bool isUnsettled(const QString& id) const { return m_unsettled.contains(id); }

    // One line per distinct job given to start(), in the order given, skipped ones included. A line of a
    // job still waiting for its turn or its answer reads "not-sent" until it is settled.
    QList<ReceiptLine> receipt() const { return m_lines; }
    // The CLI's exit status: the highest exitCodeFor() over the jobs sent, with the ones stopped before
    // being sent counting as Outcome::Stopped, or as what stopped the batch (1 for the journal, the refusal's
    // code for a 401/402/403); 0 when all of them were cancelled (or none was to be sent).
    int exitCode() const;

    static QByteArray receiptToCsv(const QList<ReceiptLine>& lines);  // RFC 4180, header line, CRLF
    static QByteArray receiptToJson(const QList<ReceiptLine>& lines); // array of ReceiptLine::toJson()
    QByteArray receiptCsv() const { return receiptToCsv(m_lines); }
    QByteArray receiptJson() const { return receiptToJson(m_lines); }

signals:
    // A job to send is settled: answered, or recorded as not sent. Already journaled (or journalFailed came
    // just before).
    void jobFinished(const QString& id, const Alchemyst::ReceiptLine& line);
    void progressChanged(int done, int total);
    // Writing the journal failed: the answer is in the receipt but not on disk. The caller decides whether
    // to stop().
    void journalFailed(const QString& reason);
    // A 429 paused the batch: nothing is sent for seconds; it resumes by itself.
    void paused(int seconds, const QString& message);
    // A 401 (key refused), 402 or 403 stopped the batch; reason is a sentence for the operator.
    void refused(const Alchemyst::ApiResult& result, const QString& reason);
    // Nothing is in flight and nothing more will be sent.
    void finished();

private:
    struct Shared;

    void plan(const QList<ReceiptLine>& lines, const QList<bool>& toSend);
    void pump();
    void send(int row);
    void check(int row);
    void onChecked(quint64 token, const ApiResult& result, const std::optional<Job>& job);
    // A job meant to be sent is settled unsent: journaled as not-sent, then settled.
    void settleUnsent(int row, const ReceiptLine& line);
    void stopWith(const QString& reason);
    void settle(int row, const ReceiptLine& line);
    void onAnswer(quint64 token, const ReceiptLine& line, bool recorded, const QString& error,
                  const ApiResult& result);
    void onOverdue(quint64 token);
    void maybeFinish();

    QPointer<ApiClient> m_client;     // a client deleted mid-batch ends it as a stop would
    std::shared_ptr<Shared> m_shared; // what late answers need to be journaled after the batch is gone
    RequestPacer m_pacer;
    QTimer m_paceTimer;
    QDeadlineTimer m_pausedUntil;
    QString m_stopReason;
    int m_stopExitCode = -1; // what the jobs not sent count as when the batch stopped itself
    QList<ReceiptLine> m_lines;
    QList<int> m_queue;         // rows of m_lines still to send, in order
    QList<int> m_ready;         // rows whose check found them cancellable: sent before the queue's next
    QSet<QString> m_checkFirst; // ids checked before they are sent
    QSet<quint64> m_checks;     // tokens in m_pending that are state checks, not DELETEs
    int m_checkCount = 0;
    qsizetype m_next = 0;
    QHash<quint64, int> m_pending;      // request token -> row
    QHash<quint64, QString> m_attempts; // request token -> the journal's attempt id
    QSet<QString> m_unsettled;          // ids to send, until settle()
    quint64 m_nextToken = 0;
    int m_total = 0;
    int m_done = 0;
    int m_journalFailures = 0;
    int m_answerGraceMs = DefaultAnswerGraceMs;
    bool m_started = false;
    bool m_stopped = false;
    bool m_finished = false;
};

} // namespace Alchemyst

Q_DECLARE_METATYPE(Alchemyst::ReceiptLine)
