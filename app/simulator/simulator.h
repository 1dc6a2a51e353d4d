#pragma once

#include <QElapsedTimer>
#include <QHash>
#include <QHostAddress>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QRandomGenerator>
#include <QTimer>
#include <QUrl>
#include <memory>

class QHttpServer;
class QHttpServerRequest;
class QHttpServerResponse;

namespace Alchemyst {

// A local stand-in for the Alchemyst platform's async context-add endpoints, on Qt HTTP Server.
// It speaks the contract of ../shared/api: the same paths, string limit/offset paging, bearer auth,
// and every documented status with its documented body shape. Jobs live a BullMQ-like life:
// waiting -> active -> completed | failed, delayed -> waiting, and new jobs keep arriving.
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
        int maxPageSize = 0;      // >0: pages are capped at this size whatever limit asks
        int maxActive = 4;        // BullMQ worker concurrency
        int retainFinished = 400; // finished jobs kept before the oldest are dropped

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

    struct SimJob
    {
        QString id;
        QString state;
        int attemptsMade = 0;
        qint64 processedOn = 0;
        qint64 finishedOn = 0;
        qint64 readyAt = 0; // delayed: when it becomes waiting; active: when it finishes
        QString failedReason;
        QJsonObject data;
        bool willFail = false;
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
    // Redirect every request to this origin with 307 (for testing that a client keeps its key home).
    void setRedirectTarget(const QUrl& origin) { m_redirectTarget = origin; }

    // What came in, for tests: the raw request path and the decoded job id of the last call.
    QByteArray lastRawPath() const { return m_lastRawPath; }
    QString lastJobId() const { return m_lastJobId; }
    QByteArray lastUserAgent() const { return m_lastUserAgent; }
    int requestCount() const { return m_requestCount; }

    static bool isValidJobId(const QString& id);

private:
    void seed(int count);
    SimJob makeJob(const QString& state);
    QJsonObject listEntry(const SimJob& job) const;
    QString nextId();
    void retire();
    void reindex();
    void setup();

    // Returns an error response when the request may not proceed (auth, special tokens, redirect).
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
    QRandomGenerator m_random;
    QTimer m_tick;
    qint64 m_nextId = 48211;
    QUrl m_redirectTarget;
    QByteArray m_lastRawPath;
    QString m_lastJobId;
    QByteArray m_lastUserAgent;
    int m_requestCount = 0;
};

} // namespace Alchemyst
