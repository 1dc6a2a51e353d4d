#pragma once

#include "api/apiresult.h"
#include "api/budgetusage.h"
#include "api/listpage.h"
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
class QTimer;

namespace Alchemyst {

class RequestPacer;

struct ListResult
{
    ApiResult result;
    JobList jobs;        // listJobs: every job across pages, each id once (newest data); listPages: empty
    int requests = 0;    // HTTP requests this listing took, retries included
    int pages = 0;       // pages read
    qint64 received = 0; // list entries read, duplicates and unusable ones included
    int skipped = 0;     // list entries without a usable job id
    QString serverNote;  // what the server said on a page it marked "success": false (jobs still given)
};

struct ListProgress
{
    int pages = 0;       // pages read so far
    int requests = 0;    // requests sent so far, retries included
    qint64 received = 0; // entries read so far
};

struct JobResult
{
    ApiResult result;
    std::optional<Job> job;
};

class ApiClient : public QObject
{
    Q_OBJECT

public:
    // A request ends after DefaultTimeoutMs in all, or after InactivityMs without a byte, whichever is
    // first (setTimeout lowers both).
    static constexpr int DefaultTimeoutMs = 60000;
    static constexpr int InactivityMs = 20000;
    static constexpr int MaxRetries = 2;
    // A Retry-After longer than this is not waited for inside a call: the call ends rate limited and
    // the caller decides (the window schedules its next refresh after it).
    static constexpr int MaxRetryWaitSeconds = 120;
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
    void setTimeout(int milliseconds) { m_timeoutMs = qMax(1, milliseconds); }
    int timeout() const { return m_timeoutMs; }
    void setPageSize(int size) { m_pageSize = qMax(1, size); }
    int pageSize() const { return m_pageSize; }
    void setMaxResponseBytes(qint64 bytes) { m_maxResponseBytes = bytes; }
    // GET requests wait for this budget (not owned; nullptr: unpaced). Cancels are never paced.
    void setPacer(RequestPacer* pacer) { m_pacer = pacer; }
    RequestPacer* pacer() const { return m_pacer; }
    // Read ahead (on by default): once a listing has seen a full page, the next page is asked for as soon as
    // the current one has arrived, before it is parsed and handed on, so that the server works on it while
    // this client reads the current one. At most one page ahead, through the pacer like any read. When the
    // page turns out short (the end of the list), the request ahead is aborted and its answer ignored: a
    // listing of n pages then costs at most n + 1 requests (counted in ListResult::requests). No page is
    // read ahead after an answer much smaller than the full pages before it (most likely the last).
    void setReadAhead(bool on) { m_readAhead = on; }
    bool readAhead() const { return m_readAhead; }
    // Backoff before retry n (1-based) when the server named no Retry-After: base * 2^(n-1), +-50%.
    void setRetryBaseDelay(int milliseconds) { m_retryBaseMs = qMax(0, milliseconds); }

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
    // The page is the callback's to take from (its jobs may be moved out).
    using PageCallback = std::function<void(ListPage& page, const ListProgress& progress)>;
    using JobCallback = std::function<void(const JobResult&)>;
    using ResultCallback = std::function<void(const ApiResult&)>;

    // GET /api/v1/context/add-async/status, paging with limit/offset until a short page; each page is
    // handed to onPage as it arrives (the next page is already requested by then). done runs once at the
    // end, with the outcome and counts but no jobs. type: all, active, failed or completed.
    // Returns an id for stopListing.
    int listPages(const QString& type, PageCallback onPage, ListCallback done);
    // Ends a listing early: its reply is aborted and done runs with Outcome::Stopped. False when it
    // had already ended.
    bool stopListing(int id);
    // listPages, with the jobs gathered: each id once, with the newest data seen for it.
    void listJobs(const QString& type, ListCallback done);
    // GET /api/v1/context/add-async/{id}/status
    // purpose: what the pacer counts the GET as (the details pane's fetch is Details); by default its
    // pacer's defaultPurpose().
    void fetchJob(const QString& id, JobCallback done, std::optional<RequestPurpose> purpose = std::nullopt);
    // DELETE /api/v1/context/add-async/{id}/cancel. Never retried, never paced here (CancelBatch paces).
    void cancelJob(const QString& id, ResultCallback done);
    // What cancelJob would refuse locally, before anything is sent (Outcome::Ok when it would send): no key,
    // a URL the key may not go to, an id no path segment can carry.
    ApiResult precheckCancel(const QString& id) const;
    // Why an id given by the operator cannot be a job's id (empty when it can): empty, U+FFFD (bytes that
    // were not UTF-8), a control character (NUL…), or no single path segment can carry it.
    static QString jobIdProblem(const QString& id);
    // Whether a 2xx answer to a cancel of id confirms it: success true or status "cancelled", and its
    // jobId, when it gives one, the id asked for.
    static bool confirmsCancel(const QJsonObject& answer, const QString& id);
    // One small list request (limit 1): does this base URL and key work?
    void checkConnection(ResultCallback done);

    void abortAll();
    bool isListing() const { return !m_lists.isEmpty(); }
    int inFlightCount() const { return m_inFlight.size(); }

    // Exposed for tests: turns one finished reply into a result (status, message, payload).
    static ApiResult resultFromReply(QNetworkReply* reply, const QByteArray& body, bool timedOut,
                                     bool tooLarge);

signals:
    // A request went out (retries too): for progress displays and tests of pacing.
    void requestSent(const QByteArray& verb, const QUrl& url);
    // A GET failed and will be sent again after delayMs (attempt: the retry's number, from 1).
    void retrying(const Alchemyst::ApiResult& failure, int attempt, int delayMs);
    // A page was over the response cap: listings now ask for pages of this size (pageSize()).
    void pageSizeReduced(int pageSize);

private:
    struct ListState;
    struct Request;
    using RawCallback = std::function<void(const ApiResult&)>;

    QUrl endpoint(const QByteArray& encodedPath) const;
    // GETs are paced and retried; anything else is sent once.
    std::shared_ptr<Request> send(const QByteArray& verb, const QUrl& url, RawCallback done,
                                  std::optional<RequestPurpose> purpose = std::nullopt);
    void dispatch(const std::shared_ptr<Request>& request);
    void transmit(const std::shared_ptr<Request>& request);
    void finishRequest(const std::shared_ptr<Request>& request, const ApiResult& result);
    int retryDelayMs(const ApiResult& result, int attempt) const;
    void requestPage(const std::shared_ptr<ListState>& state);
    std::shared_ptr<Request> sendPage(const std::shared_ptr<ListState>& state, int offset, int limit);
    void sendAhead(const std::shared_ptr<ListState>& state, qint64 bytes);
    void nextPage(const std::shared_ptr<ListState>& state);
    void dropAhead(const std::shared_ptr<ListState>& state);
    void dropRequest(std::shared_ptr<Request>& request);
    void onPage(const std::shared_ptr<ListState>& state, const ApiResult& page);
    void finishList(const std::shared_ptr<ListState>& state, const ApiResult& result);
    ApiResult precheck() const;
    // precheck() plus the id as one path segment (in *segment); InvalidId when no segment can carry it.
    ApiResult precheckJob(const QString& id, QByteArray* segment) const;

    QNetworkAccessManager* m_manager;
    QUrl m_baseUrl;
    QString m_apiKey;
    int m_timeoutMs = DefaultTimeoutMs;
    int m_pageSize = DefaultPageSize;
    qint64 m_maxResponseBytes = DefaultMaxResponseBytes;
    int m_retryBaseMs = 500;
    bool m_readAhead = true;
    RequestPacer* m_pacer = nullptr;
    QHash<QNetworkReply*, std::shared_ptr<Request>> m_inFlight;
    QHash<int, std::shared_ptr<ListState>> m_lists;
    int m_nextListId = 0;
    quint64 m_epoch = 0; // bumps on abortAll: retries and paced sends scheduled before it never go
};

// The best human message a body carries, whatever shape the endpoint used (see the contract README):
// {message}, {error: "text"}, {error: {code, message}}, {response}, {statusText}, HTML or plain text.
QString bestMessageFromBody(const QByteArray& body);
QString bestMessageFromObject(const QJsonObject& object);

} // namespace Alchemyst
