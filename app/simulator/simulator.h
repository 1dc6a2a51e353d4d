#pragma once

#include <QByteArray>
#include <QElapsedTimer>
#include <QHash>
#include <QHostAddress>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QRandomGenerator>
#include <QSet>
#include <QStringList>
#include <QTimer>
#include <QUrl>
#include <deque>
#include <memory>
#include <optional>
#include <vector>

class QHttpServer;
class QHttpServerRequest;
class QHttpServerResponse;
class QHttpServerResponder;

namespace Alchemyst {

// A local stand-in for the Alchemyst platform's async context-add endpoints, on Qt HTTP Server.
// It speaks the contract of ../shared/api: the same paths, string limit/offset paging, bearer auth,
// and every documented status with its documented body shape. Jobs live a BullMQ-like life:
// waiting -> active -> completed | failed, delayed -> waiting, and new jobs keep arriving.
// It holds a million jobs in about 150 bytes each and serves any page in time proportional to the page,
// so that the client's paging can be tried at the size of a real backlog.
//
// Order, as BullMQ's getJobs(…, asc=false) gives it (the contract says nothing): each state's list is
// newest first, newest meaning the job that entered the state last (finished last for completed and
// failed, started last for active, queued last for waiting); type=all is the queue newest created first.
// The first page of a list is where what just changed shows up.
class Simulator : public QObject
{
    Q_OBJECT

public:
    // Bearer tokens with a fixed answer, so that every auth outcome can be shown without an account.
    static constexpr char DemoToken[] = "demo-key"; // what the built-in demo connects with
    static constexpr char PaymentRequiredToken[] = "sim-payment-required";
    static constexpr char ForbiddenToken[] = "sim-forbidden";
    static constexpr char RateLimitedToken[] = "sim-rate-limited";
    static constexpr char ServerErrorToken[] = "sim-server-error";
    static constexpr char ConflictMessage[] =
        "Context add is running, it cannot be cancelled. You can delete it "
        "after it has finished uploading, to preserve the integrity of data.";

    struct Options
    {
        QString token = QString::fromLatin1(DemoToken);
        int initialJobs = 150;
        bool live = true; // advance the life cycle on a timer
        int tickMs = 1000;
        quint32 seed = 20261129;
        int maxPageSize = 0; // >0: pages are capped at this size whatever limit asks
        // >0: every list answer goes this many ms after its request came, as a real server's page costs
        // it time (BullMQ over Redis: about 30 ms for 1000 jobs). Answered from a timer: other clients,
        // and other requests of the same client, are served meanwhile.
        int pageLatencyMs = 0;
        int maxActive = 4;        // BullMQ worker concurrency
        int retainFinished = 400; // finished jobs kept before the oldest are dropped
        // The queue's capacity: POST beyond it is refused and live arrivals pause. Room above the
        // largest demo (1,000,000 jobs) so that a full demo still accepts new work.
        int maxJobs = 1100000;
        // An account's rate limit shared by every client of this simulator: once they together have had
        // this many requests answered within a minute, the next ones get 429 with the Retry-After until
        // the oldest leaves the minute (0: no limit). Several monitors can be tested against one account.
        int accountLimit = 0;
        // false: every list oldest first (the order before BullMQ's was modelled), for testing a client's
        // check of the order.
        bool newestFirst = true;
        // The control endpoints (/_simulator/change, /_simulator/stats, /_simulator/token) for benchmarks
        // in another process; also on when AJM_SIMULATOR_CONTROL=1 is in the environment.
        bool control = false;

        // A still simulator with no jobs that accepts this token: tests add the jobs they need.
        static Options empty(const QString& token)
        {
            Options options;
            options.token = token;
            options.initialJobs = 0;
            options.live = false;
            return options;
        }
    };

    explicit Simulator(QObject* parent = nullptr);
    explicit Simulator(const Options& options, QObject* parent = nullptr);
    ~Simulator() override;

    // Listens on the address; port 0 picks a free one. Returns the port, 0 on failure.
    quint16 listen(const QHostAddress& address = QHostAddress::LocalHost, quint16 port = 0);
    quint16 port() const { return m_port; }
    QUrl baseUrl() const;

    // Control for tests and demos.
    void setLive(bool live);
    void advance(); // one step of the life cycle
    QString addJob(const QString& state, const QString& fileName = QString(), const QString& id = QString());
    void setJobState(const QString& id, const QString& state);
    void removeJob(const QString& id);
    void clearJobs();
    bool hasJob(const QString& id) const { return m_index.contains(id); }
    QString jobState(const QString& id) const;
    int jobCount() const { return static_cast<int>(m_jobs.size()); }
    void setMaxPageSize(int size) { m_options.maxPageSize = size; }
    void setPageLatencyMs(int milliseconds) { m_options.pageLatencyMs = qMax(0, milliseconds); }
    int pageLatencyMs() const { return m_options.pageLatencyMs; }
    // List requests whose delayed answer could not be sent: the client had gone (aborted or closed).
    int listAnswersDropped() const { return m_listAnswersDropped; }
    void setMaxJobs(int count) { m_options.maxJobs = count; }
    void setAccountLimit(int perMinute) { m_options.accountLimit = qMax(0, perMinute); }
    void setNewestFirst(bool newestFirst) { m_options.newestFirst = newestFirst; }
    // Sets a job's times without changing its place in the lists (tests of a client's order check).
    void setJobTimes(const QString& id, qint64 processedOn, qint64 finishedOn);
    // The oldest waiting job starts (it goes to the front of the active list); its id, empty when none.
    QString startNext();
    // A running job fails now (a random one of those not stalled, else the oldest waiting job, started
    // and failed at once); its id, empty when there is none.
    QString failOne();
    // Another bearer token accepted like the main one; the account limit counts it with the others,
    // and /_simulator/stats gives its own counts (several monitors as several operators).
    void addToken(const QString& token) { m_extraTokens.insert(token); }
    // Requests refused with 429 by the account limit so far.
    int accountLimitedCount() const { return m_accountLimited; }
    // Redirect every request to this origin with 307 (for testing that a client keeps its key home).
    void setRedirectTarget(const QUrl& origin) { m_redirectTarget = origin; }
    // The next `times` list requests for this offset answer `status` with the body the contract gives
    // that code (and Retry-After when given); then the offset answers normally again.
    void injectListFault(int offset, int status, int times, const QByteArray& retryAfter = QByteArray());

    // What came in, for tests: the raw request path and the decoded job id of the last call.
    QByteArray lastRawPath() const { return m_lastRawPath; }
    QString lastJobId() const { return m_lastJobId; }
    QByteArray lastUserAgent() const { return m_lastUserAgent; }
    int requestCount() const { return m_requestCount; }
    int listRequestCount() const { return m_listRequestCount; } // list requests, whatever they answered

    static bool isValidJobId(const QString& id);

    // What the next cancel (of a valid id, after auth) meets, whatever the job's state: the outcomes a demo
    // could otherwise only provoke by racing the life cycle. Running: the job has just started (it is
    // active now) and the answer is the contract's 409 {"error": ConflictMessage}; Gone: the job has
    // vanished (removed) and the answer is 404. One cancel uses it, then cancels answer as the job's
    // state says again (Normal). Also /_simulator/next-cancel?outcome=running|gone|normal.
    enum class CancelOutcome
    {
        Normal,
        Running,
        Gone,
    };
    Q_ENUM(CancelOutcome)
    void setNextCancelOutcome(CancelOutcome outcome);
    CancelOutcome nextCancelOutcome() const { return m_nextCancel; }
    // "running", "gone", "normal" (as simulate --next-cancel and the control endpoint take them).
    static std::optional<CancelOutcome> cancelOutcomeFromName(const QString& name);
    int cancelRequestCount() const { return m_cancelRequestCount; } // DELETE …/cancel, whatever they answered

signals:
    // setNextCancelOutcome, or a cancel that used the outcome (back to Normal).
    void nextCancelOutcomeChanged(Alchemyst::Simulator::CancelOutcome outcome);

private:
    struct TokenCounts
    {
        int listRequests = 0;
        int rateLimited = 0;
    };
    QSet<QString> m_extraTokens;
    QHash<QString, TokenCounts> m_tokenCounts; // the main token's and the extra ones'
    QString m_lastToken;                       // the token of the request being answered (after gate)
    QHttpServerResponse handleControl(const QString& action, const QHttpServerRequest& request);
    quint64 m_enterSerial = 0; // what a job's `entered` is taken from: the order within its state's list
    void sortStateLists();

    // The account limit: Retry-After seconds when this request is over it (and counts it when not), -1.
    int accountRetryAfter();
    QElapsedTimer m_accountClock;
    std::deque<qint64> m_accountAnswered; // times (ms on m_accountClock) of the requests answered
    int m_accountLimited = 0;
    int m_listAnswersDropped = 0;

    // One job in about 80 bytes: what the list shows is made from these fields on demand, since a
    // QJsonObject per job would cost more than the rest of the job together at a million jobs.
    struct SimJob
    {
        QString id;
        qint64 processedOn = 0;
        qint64 finishedOn = 0;
        qint64 readyAt = 0;     // delayed: when it becomes waiting; active: when it finishes
        QJsonObject customData; // data that came from outside (POST, a test's file name); else built
        quint64 entered = 0;    // when it entered its state, as a serial: its state's list is sorted by it
        quint32 fileSize = 0;
        quint32 reasonDetail = 0; // the two numbers of a failure reason, 16 bits each
        quint16 attemptsMade = 0;
        quint8 state = 0; // index into m_stateNames
        quint8 fileName = 0;
        quint8 source = 0;
        quint8 reason = 0; // index into the failure reasons, when failed
        quint8 modifiedDaysAgo = 0;
        bool hasMetadata = false;
        bool willFail = false;
        bool stalled = false; // its worker is gone: it stays active and holds no worker slot
    };

    struct ListFault
    {
        int status = 0;
        int remaining = 0;
        QByteArray retryAfter;
    };

    void seed(int count);
    SimJob makeJob(quint8 state);
    void append(SimJob&& job);
    void changeState(int row, quint8 state);
    void moveRows(const std::vector<int>& rows, quint8 from, quint8 to); // rows: sorted, all in `from`
    quint8 stateCode(const QString& name);
    void pickFailure(SimJob& job);
    QString failedReason(const SimJob& job) const;
    void writeData(QByteArray& out, const SimJob& job) const;
    QJsonObject jobData(const SimJob& job) const;
    void writeEntry(QByteArray& out, const SimJob& job) const; // one job as the list shows it
    QString nextId();
    void retire();
    void reindex();
    void setup();
    // Writes a list answer now, or after pageLatencyMs from a timer.
    void respondLater(QHttpServerResponse&& response, QHttpServerResponder&& responder);

    bool hostAllowed(const QHttpServerRequest& request) const;
    // Returns an error response when the request may not proceed (host, auth, special tokens, redirect).
    std::unique_ptr<QHttpServerResponse> gate(const QHttpServerRequest& request, int endpoint);
    QHttpServerResponse handleList(const QHttpServerRequest& request);
    QHttpServerResponse handleStatus(const QString& rawId, const QHttpServerRequest& request);
    QHttpServerResponse handleCancel(const QString& rawId, const QHttpServerRequest& request);
    QHttpServerResponse handleAdd(const QHttpServerRequest& request);
    void note(const QHttpServerRequest& request, const QString& id);

    Options m_options;
    std::unique_ptr<QHttpServer> m_server;
    quint16 m_port = 0;
    QHostAddress m_address;
    QList<SimJob> m_jobs;
    QHash<QString, int> m_index;
    // Per state, the rows holding it, oldest entry first (sorted by SimJob::entered): a typed list page is
    // a slice of one of these, read from the back.
    std::vector<std::vector<int>> m_rowsByState;
    QStringList m_stateNames;
    QStringList m_modifiedDates; // lastModified for 0..29 days ago, made once
    QHash<int, ListFault> m_listFaults;
    QRandomGenerator m_random;
    QTimer m_tick;
    qint64 m_nextId = 48211;
    QUrl m_redirectTarget;
    QByteArray m_lastRawPath;
    QString m_lastJobId;
    QByteArray m_lastUserAgent;
    int m_requestCount = 0;
    int m_listRequestCount = 0;
    int m_cancelRequestCount = 0;
    CancelOutcome m_nextCancel = CancelOutcome::Normal;
};

} // namespace Alchemyst
