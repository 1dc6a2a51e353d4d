#pragma once

#include "api/apiresult.h"
#include "jobs/job.h"

#include <QDateTime>
#include <QHash>
#include <QObject>
#include <QPointer>
#include <QUrl>
#include <functional>
#include <optional>

class QNetworkAccessManager;
class QNetworkReply;
class QNetworkRequest;

namespace Alchemyst {

struct ListResult
{
    ApiResult result;
    JobList jobs;     // every job across pages, each id once
    int requests = 0; // HTTP requests this listing took
    int skipped = 0;  // list entries without a usable job id
};

struct JobResult
{
    ApiResult result;
    std::optional<Job> job;
};

// The Alchemyst context-add job endpoints over one injected QNetworkAccessManager.
// Every call ends in exactly one callback with one result value. Callbacks never run after the
// client is destroyed: its in-flight replies are aborted silently.
class ApiClient : public QObject
{
    Q_OBJECT

public:
    static constexpr int DefaultTimeoutMs = 20000;
    static constexpr int DefaultPageSize = 1000;
    static constexpr qint64 DefaultMaxResponseBytes = 256LL * 1024 * 1024;
    static constexpr int MaxPages = 5000;

    explicit ApiClient(QNetworkAccessManager* manager, QObject* parent = nullptr);
    ~ApiClient() override;

    void setBaseUrl(const QUrl& url);
    QUrl baseUrl() const { return m_baseUrl; }
    void setApiKey(const QString& key) { m_apiKey = key; }
    bool hasApiKey() const { return !m_apiKey.isEmpty(); }
    QString apiKey() const { return m_apiKey; }
    void setTimeout(int milliseconds) { m_timeoutMs = milliseconds; }
    int timeout() const { return m_timeoutMs; }
    void setPageSize(int size) { m_pageSize = qMax(1, size); }
    int pageSize() const { return m_pageSize; }
    void setMaxResponseBytes(qint64 bytes) { m_maxResponseBytes = bytes; }

    // Empty when the URL may carry the key; otherwise why not. https is required except for loopback.
    static QString checkBaseUrl(const QUrl& url);
    // The id as exactly one percent-encoded path segment; empty when no segment can carry it.
    static QByteArray encodeJobId(const QString& id);
    static QByteArray userAgent();
    // Retry-After (RFC 9110): seconds, or an HTTP date (IMF-fixdate with GMT, RFC 850, asctime), as
    // seconds from nowUtc, bounded to [0, MaxRetryAfterSeconds]; -1 when absent or unreadable.
    static constexpr int MaxRetryAfterSeconds = 600;
    static int parseRetryAfterSeconds(const QByteArray& value,
                                      const QDateTime& nowUtc = QDateTime::currentDateTimeUtc());

    using ListCallback = std::function<void(const ListResult&)>;
    using JobCallback = std::function<void(const JobResult&)>;
    using ResultCallback = std::function<void(const ApiResult&)>;

    // GET /api/v1/context/add-async/status, paging with limit/offset until a short page.
    // type: all, active, failed or completed.
    void listJobs(const QString& type, ListCallback done);
    // GET /api/v1/context/add-async/{id}/status
    void fetchJob(const QString& id, JobCallback done);
    // DELETE /api/v1/context/add-async/{id}/cancel. Never retried.
    void cancelJob(const QString& id, ResultCallback done);
    // One small list request (limit 1): does this base URL and key work?
    void checkConnection(ResultCallback done);

    void abortAll();
    int inFlightCount() const { return m_inFlight.size(); }

    // Exposed for tests: turns one finished reply into a result (status, message, payload).
    static ApiResult resultFromReply(QNetworkReply* reply, const QByteArray& body, bool timedOut,
                                     bool tooLarge);

private:
    struct ListState;
    using RawCallback = std::function<void(const ApiResult&)>;

    QUrl endpoint(const QByteArray& encodedPath) const;
    void send(const QByteArray& verb, const QUrl& url, RawCallback done);
    void requestPage(const std::shared_ptr<ListState>& state);
    ApiResult precheck() const;
    // precheck() plus the id as one path segment (in *segment); InvalidId when no segment can carry it.
    ApiResult precheckJob(const QString& id, QByteArray* segment) const;

    QNetworkAccessManager* m_manager;
    QUrl m_baseUrl;
    QString m_apiKey;
    int m_timeoutMs = DefaultTimeoutMs;
    int m_pageSize = DefaultPageSize;
    qint64 m_maxResponseBytes = DefaultMaxResponseBytes;
    QHash<QNetworkReply*, RawCallback> m_inFlight;
};

// The best human message a body carries, whatever shape the endpoint used (see the contract README):
// {message}, {error: "text"}, {error: {code, message}}, {response}, {statusText}, HTML or plain text.
QString bestMessageFromBody(const QByteArray& body);
QString bestMessageFromObject(const QJsonObject& object);

} // namespace Alchemyst
