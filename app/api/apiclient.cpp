#include "apiclient.h"

#include "api/jsonbody.h"
#include "api/requestpacer.h"

#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QLocale>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPointer>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSslCertificate>
#include <QSslError>
#include <QSysInfo>
#include <QTimeZone>
#include <QTimer>
#include <QUrlQuery>
#include <algorithm>

Q_LOGGING_CATEGORY(lcApi, "alchemyst.api", QtWarningMsg)

namespace Alchemyst {

namespace {

const char JobsPath[] = "/api/v1/context/add-async";
constexpr int MaxMessageLength = 2000;

// Keeps the server's words as they were (a 409's integrity message must reach the operator verbatim),
// but drops control characters a hostile body could use against a terminal, and bounds the length.
QString tidy(QString text)
{
    static const QRegularExpression controls(QStringLiteral("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F]"));
    text.remove(controls);
    text = text.trimmed();
    if (text.size() > MaxMessageLength)
        text = text.left(MaxMessageLength) + QStringLiteral("…");
    return text;
}

QString stringField(const QJsonObject& object, QLatin1String key)
{
    const QJsonValue value = object.value(key);
    return value.isString() ? value.toString().trimmed() : QString();
}

QString errorFieldText(const QJsonValue& error)
{
    if (error.isString())
        return error.toString().trimmed();
    if (error.isObject()) {
        const QJsonObject object = error.toObject();
        QString text = stringField(object, QLatin1String("message"));
        if (text.isEmpty())
            text = stringField(object, QLatin1String("code"));
        return text;
    }
    return {};
}

QString networkErrorSentence(QNetworkReply::NetworkError error, const QString& qtText)
{
    switch (error) {
    case QNetworkReply::ConnectionRefusedError:
        return ApiClient::tr("The connection was refused: nothing is listening at that address.");
    case QNetworkReply::RemoteHostClosedError:
        return ApiClient::tr("The server closed the connection before answering.");
    case QNetworkReply::HostNotFoundError:
        return ApiClient::tr("The server's host name could not be found.");
    case QNetworkReply::SslHandshakeFailedError:
        return ApiClient::tr("The secure (TLS) connection could not be established.");
    case QNetworkReply::TemporaryNetworkFailureError:
    case QNetworkReply::NetworkSessionFailedError:
        return ApiClient::tr("The network is not available.");
    case QNetworkReply::ProxyConnectionRefusedError:
    case QNetworkReply::ProxyConnectionClosedError:
    case QNetworkReply::ProxyNotFoundError:
    case QNetworkReply::ProxyTimeoutError:
    case QNetworkReply::ProxyAuthenticationRequiredError:
        return ApiClient::tr("The proxy server failed: %1").arg(qtText);
    case QNetworkReply::InsecureRedirectError:
    case QNetworkReply::TooManyRedirectsError:
        return ApiClient::tr("The server redirected the request elsewhere; it was not followed so that the "
                             "API key stays with this server.");
    default:
        return ApiClient::tr("Network error: %1").arg(qtText);
    }
}

Outcome outcomeForStatus(int status)
{
    switch (status) {
    case 400:
        return Outcome::InvalidId;
    case 401:
        return Outcome::Unauthorized;
    case 402:
        return Outcome::PaymentRequired;
    case 403:
        return Outcome::Forbidden;
    case 404:
        return Outcome::NotFound;
    case 409:
        return Outcome::Conflict;
    case 429:
        return Outcome::RateLimited;
    default:
        return Outcome::ServerError;
    }
}

bool isLoopbackHost(const QString& host)
{
    if (host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0)
        return true;
    const QHostAddress address(host);
    return !address.isNull() && address.isLoopback();
}

} // namespace

QString bestMessageFromObject(const QJsonObject& object)
{
    const QString message = stringField(object, QLatin1String("message"));
    const QString error = errorFieldText(object.value(QLatin1String("error")));
    QString text;
    if (!message.isEmpty() && !error.isEmpty() && message != error)
        text = message + QStringLiteral(": ") + error;
    else if (!error.isEmpty())
        text = error;
    else
        text = message;
    if (text.isEmpty())
        text = stringField(object, QLatin1String("response"));
    if (text.isEmpty())
        text = stringField(object, QLatin1String("statusText"));
    if (text.isEmpty())
        text = stringField(object, QLatin1String("detail"));
    return tidy(text);
}

QString bestMessageFromBody(const QByteArray& body)
{
    const QByteArray trimmed = body.trimmed();
    if (trimmed.isEmpty())
        return {};
    QJsonParseError parseError;
    const QJsonDocument document = parseJsonBody(trimmed, &parseError);
    if (parseError.error == QJsonParseError::NoError) {
        if (document.isObject())
            return bestMessageFromObject(document.object());
        if (document.isArray())
            return {};
    }
    if (trimmed.startsWith('"') && trimmed.endsWith('"') && trimmed.size() > 1) {
        return tidy(QString::fromUtf8(trimmed.mid(1, trimmed.size() - 2)));
    }
    // An HTML error page from a proxy or load balancer: its title says the most.
    const QString text = QString::fromUtf8(trimmed.left(64 * 1024));
    static const QRegularExpression titleExpression(QStringLiteral("<title[^>]*>(.*?)</title>"),
                                                    QRegularExpression::CaseInsensitiveOption |
                                                        QRegularExpression::DotMatchesEverythingOption);
    const QRegularExpressionMatch title = titleExpression.match(text);
    if (title.hasMatch())
        return tidy(title.captured(1));
    if (text.contains(QLatin1Char('<')))
        return {};
    if (text.size() <= 300)
        return tidy(text);
    return {};
}

ApiClient::ApiClient(QNetworkAccessManager* manager, QObject* parent)
    : QObject(parent)
    , m_manager(manager)
{
    Q_ASSERT(m_manager);
}

ApiClient::~ApiClient()
{
    abortAll();
}

void ApiClient::setBaseUrl(const QUrl& url)
{
    m_baseUrl = url;
}

QString ApiClient::checkBaseUrl(const QUrl& url)
{
    if (!url.isValid() || url.host().isEmpty()) {
        // An unparsable QUrl displays as "": name it only when there is something to name.
        const QString shown = url.adjusted(QUrl::RemoveUserInfo).toDisplayString();
        return shown.isEmpty() ? tr("The base URL is not a valid URL.")
                               : tr("The base URL \"%1\" is not a valid URL.").arg(shown);
    }
    // user:password@ in a base URL would be written to the settings, shown in lists, made part of the
    // keychain entry's name, and sent by Qt to a 401 asking for Basic authentication instead of the
    // Bearer key. Refused, in words that repeat neither the user name nor the password.
    if (!url.userInfo().isEmpty())
        return tr("The base URL for %1 contains a user name or password (user:password@). Remove it: "
                  "the API key is the only credential sent, and it is kept in the keychain.")
            .arg(url.adjusted(QUrl::RemoveUserInfo | QUrl::RemovePath | QUrl::RemoveQuery |
                              QUrl::RemoveFragment)
                     .toDisplayString());
    const QString scheme = url.scheme().toLower();
    if (scheme == QLatin1String("https"))
        return {};
    if (scheme == QLatin1String("http")) {
        if (isLoopbackHost(url.host()))
            return {};
        return tr("The base URL %1 uses plain http://, which would send the API key unencrypted. Use "
                  "https:// "
                  "(plain http is allowed only for 127.0.0.1, ::1 and localhost).")
            .arg(url.toDisplayString());
    }
    return tr("The base URL \"%1\" must start with https://.").arg(url.toDisplayString());
}

QByteArray ApiClient::encodeJobId(const QString& id)
{
    // "." and ".." are dot-segments even when percent-encoded (RFC 3986 §6.2.2.2): no encoding keeps
    // them a single segment, so they are refused before anything is sent.
    if (id.isEmpty() || id == QLatin1String(".") || id == QLatin1String(".."))
        return {};
    return QUrl::toPercentEncoding(id);
}

int ApiClient::parseRetryAfterSeconds(const QByteArray& value, const QDateTime& nowUtc)
{
    // RFC 9110 §10.2.3: delay-seconds, or an HTTP-date (IMF-fixdate "Sun, 06 Nov 1994 08:49:37 GMT";
    // the obsolete RFC 850 and asctime forms are accepted too). Bounded: a server cannot park us for
    // longer than MaxRetryAfterSeconds.
    const QByteArray text = value.trimmed();
    if (text.isEmpty() || text.size() > 64)
        return -1;
    bool allDigits = true;
    for (const char c : text)
        allDigits = allDigits && c >= '0' && c <= '9';
    if (allDigits) {
        bool ok = false;
        const qint64 seconds = text.left(12).toLongLong(&ok);
        return ok ? static_cast<int>(qMin<qint64>(seconds, MaxRetryAfterSeconds)) : MaxRetryAfterSeconds;
    }
    QString date = QString::fromLatin1(text);
    // Qt reads RFC 2822 dates with a numeric zone; HTTP dates say GMT (or UTC).
    if (date.endsWith(QLatin1String(" GMT")) || date.endsWith(QLatin1String(" UTC")))
        date = date.left(date.size() - 4) + QStringLiteral(" +0000");
    QDateTime when = QDateTime::fromString(date, Qt::RFC2822Date);
    if (!when.isValid()) {
        // RFC 850 ("Sunday, 06-Nov-94 08:49:37 GMT") and asctime ("Sun Nov  6 08:49:37 1994"), read
        // without the day name: a two-digit year would otherwise be checked against the wrong century.
        const QLocale c = QLocale::c();
        const QString simplified = QString::fromLatin1(text).simplified();
        const QString rest = simplified.mid(simplified.indexOf(QLatin1Char(' ')) + 1);
        for (const QString& format :
             {QStringLiteral("dd-MMM-yy HH:mm:ss 'GMT'"), QStringLiteral("MMM d HH:mm:ss yyyy")}) {
            when = c.toDateTime(rest, format);
            if (when.isValid())
                break;
        }
        if (when.isValid()) {
            if (when.date().year() < 1970)
                when = when.addYears(100);
            when.setTimeZone(QTimeZone::utc());
        }
    }
    if (!when.isValid())
        return -1;
    const qint64 seconds = nowUtc.secsTo(when);
    return static_cast<int>(qBound(qint64(0), seconds, qint64(MaxRetryAfterSeconds)));
}

QByteArray ApiClient::userAgent()
{
    return QByteArrayLiteral("AlchemystJobMonitor/") + QByteArrayLiteral(AJM_VERSION) + " (Qt " + qVersion() +
           "; " + QSysInfo::productType().toUtf8() + ")";
}

QUrl ApiClient::endpoint(const QByteArray& encodedPath) const
{
    QUrl url = m_baseUrl;
    QByteArray basePath = url.path(QUrl::FullyEncoded).toUtf8();
    while (basePath.endsWith('/'))
        basePath.chop(1);
    url.setPath(QString::fromUtf8(basePath + encodedPath), QUrl::StrictMode);
    url.setQuery(QString());
    url.setFragment(QString());
    return url;
}

ApiResult ApiClient::precheck() const
{
    ApiResult result;
    const QString urlProblem = checkBaseUrl(m_baseUrl);
    if (!urlProblem.isEmpty()) {
        result.outcome = Outcome::InsecureUrl;
        result.message = urlProblem;
        return result;
    }
    if (m_apiKey.isEmpty()) {
        result.outcome = Outcome::Unauthorized;
        result.message = tr("No API key is set. Set ALCHEMYST_AI_API_KEY or store a key in Settings.");
        return result;
    }
    result.outcome = Outcome::Ok;
    return result;
}

ApiResult ApiClient::precheckJob(const QString& id, QByteArray* segment) const
{
    ApiResult result = precheck();
    *segment = encodeJobId(id);
    if (result.outcome == Outcome::Ok && segment->isEmpty()) {
        result.outcome = Outcome::InvalidId;
        result.message = tr("The job id \"%1\" cannot be sent as a single path segment.").arg(id);
    }
    return result;
}

struct ApiClient::Request
{
    QByteArray verb;
    QUrl url;
    RawCallback done;
    int attempt = 0;      // retries so far
    bool dropped = false; // stopped by its owner: no callback, no further sends
    bool sent = false;    // went on the wire at least once (admitted by the pacer)
    qint64 bytes = -1;    // the size of the answer's body, once it arrived
    // Runs when a 2xx answer has arrived whole, before it is parsed (a listing reads ahead from here).
    std::function<void(qint64 bytes)> arrived;
    quint64 epoch = 0;
    QPointer<QNetworkReply> reply;
    std::optional<RequestPurpose> purpose; // what the pacer counts it as; its default when unset
};

std::shared_ptr<ApiClient::Request> ApiClient::send(const QByteArray& verb, const QUrl& url, RawCallback done,
                                                    std::optional<RequestPurpose> purpose)
{
    auto request = std::make_shared<Request>();
    request->purpose = purpose;
    request->verb = verb;
    request->url = url;
    request->done = std::move(done);
    request->epoch = m_epoch;
    dispatch(request);
    return request;
}

void ApiClient::dispatch(const std::shared_ptr<Request>& request)
{
    if (request->dropped || request->epoch != m_epoch)
        return;
    // Only reads are paced: a cancel the operator asked for goes at once.
    if (m_pacer && request->verb == "GET") {
        const qint64 wait = m_pacer->delayMs();
        if (wait > 0) {
            QTimer::singleShot(static_cast<int>(qMin<qint64>(wait, 60 * 60 * 1000)), Qt::PreciseTimer, this,
                               [this, request] { dispatch(request); });
            return;
        }
        if (request->purpose)
            m_pacer->record(*request->purpose);
        else
            m_pacer->record();
    }
    transmit(request);
}

void ApiClient::transmit(const std::shared_ptr<Request>& request)
{
    // Announced at the moment the pacer counted it, before the (sometimes slow) hand-over to Qt.
    request->sent = true;
    emit requestSent(request->verb, request->url);
    QNetworkRequest networkRequest(request->url);
    networkRequest.setRawHeader("Authorization", "Bearer " + m_apiKey.toUtf8());
    networkRequest.setRawHeader("Accept", "application/json");
    networkRequest.setHeader(QNetworkRequest::UserAgentHeader, userAgent());
    if (request->verb == "GET") {
        // A redirect to another origin would carry the Authorization header there: never follow one.
        networkRequest.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                                    QNetworkRequest::SameOriginRedirectPolicy);
        networkRequest.setMaximumRedirectsAllowed(5);
    } else {
        // A redirected DELETE may come back as a GET (303), whose answer is not a cancel's: never follow.
        networkRequest.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                                    QNetworkRequest::ManualRedirectPolicy);
    }

    QNetworkReply* reply = m_manager->sendCustomRequest(networkRequest, request->verb);
    request->reply = reply;
    m_inFlight.insert(reply, request);
    qCDebug(lcApi) << request->verb.constData() << request->url.path(QUrl::FullyEncoded);

    // Our own timers rather than transferTimeout, so that a timeout is reported as one: a total deadline,
    // so that a server trickling bytes cannot hold a request open, and an inactivity limit below it.
    const int inactivityMs = qMin(m_timeoutMs, InactivityMs);
    reply->setProperty("ajmTimeoutMs", m_timeoutMs);
    auto* deadline = new QTimer(reply);
    deadline->setTimerType(Qt::PreciseTimer); // a coarse timer may fire 5% early
    deadline->setSingleShot(true);
    deadline->start(m_timeoutMs);
    auto* idle = new QTimer(reply);
    idle->setSingleShot(true);
    idle->start(inactivityMs);
    connect(deadline, &QTimer::timeout, reply, [reply] {
        reply->setProperty("ajmTimedOut", true);
        reply->abort();
    });
    connect(idle, &QTimer::timeout, reply, [reply, inactivityMs] {
        reply->setProperty("ajmTimedOut", true);
        reply->setProperty("ajmIdleMs", inactivityMs);
        reply->abort();
    });
    connect(reply, &QNetworkReply::downloadProgress, reply, [this, reply, idle](qint64 received, qint64) {
        idle->start();
        if (m_maxResponseBytes > 0 && received > m_maxResponseBytes) {
            reply->setProperty("ajmTooLarge", true);
            reply->abort();
        }
    });
#ifndef QT_NO_SSL
    connect(reply, &QNetworkReply::sslErrors, reply, [reply](const QList<QSslError>& errors) {
        // Never ignored: remember what was wrong with the certificate so the operator can see it.
        QStringList lines;
        for (const QSslError& error : errors) {
            const QSslCertificate certificate = error.certificate();
            QString line = error.errorString();
            if (!certificate.isNull()) {
                line += ApiClient::tr(" (subject: %1; issuer: %2)")
                            .arg(certificate.subjectDisplayName(), certificate.issuerDisplayName());
            }
            lines << line;
        }
        reply->setProperty("ajmSslErrors", lines.join(QStringLiteral("; ")));
    });
#endif
    connect(reply, &QNetworkReply::finished, this, [this, reply] {
        reply->deleteLater();
        auto it = m_inFlight.find(reply);
        if (it == m_inFlight.end())
            return; // aborted by abortAll or dropped by its owner
        const std::shared_ptr<Request> request = it.value();
        m_inFlight.erase(it);
        const bool timedOut = reply->property("ajmTimedOut").toBool();
        const bool tooLarge = reply->property("ajmTooLarge").toBool();
        request->bytes = reply->bytesAvailable();
        if (request->arrived && !request->dropped && !timedOut && !tooLarge &&
            reply->error() == QNetworkReply::NoError) {
            const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            if (status >= 200 && status < 300)
                request->arrived(request->bytes);
        }
        const QByteArray body = tooLarge ? QByteArray() : reply->readAll();
        const ApiResult result = resultFromReply(reply, body, timedOut, tooLarge);
        qCInfo(lcApi).noquote() << reply->operation() << reply->url().path(QUrl::FullyEncoded) << "->"
                                << result.httpStatus << outcomeName(result.outcome);
        finishRequest(request, result);
    });
}

void ApiClient::finishRequest(const std::shared_ptr<Request>& request, const ApiResult& result)
{
    request->reply = nullptr;
    // The account's limit was reached: this client's budget (and the account's above it) halves, then
    // creeps back (RequestPacer's AIMD).
    if (result.outcome == Outcome::RateLimited && m_pacer && request->verb == "GET")
        m_pacer->noteRateLimited();
    if (request->verb == "GET" && request->attempt < MaxRetries) {
        const int delay = retryDelayMs(result, request->attempt + 1);
        if (delay >= 0) {
            ++request->attempt;
            emit retrying(result, request->attempt, delay);
            QTimer::singleShot(delay, this, [this, request] { dispatch(request); });
            return;
        }
    }
    if (!request->dropped)
        request->done(result);
}

int ApiClient::retryDelayMs(const ApiResult& result, int attempt) const
{
    // What the official SDKs retry, minus 409 (a running job stays running): transient answers only.
    bool transient = result.outcome == Outcome::Timeout;
    if (result.outcome == Outcome::NetworkError && result.httpStatus == 0) {
        // Refused, reset, unreachable: worth another try. A refused redirect or TLS failure is not.
        transient = !result.message.contains(QLatin1String("redirect")) &&
                    !result.message.contains(QLatin1String("TLS"));
    }
    switch (result.httpStatus) {
    case 408:
    case 429:
    case 500:
    case 502:
    case 503:
    case 504:
        transient = true;
        break;
    default:
        break;
    }
    if (!transient)
        return -1;
    if (result.retryAfterSeconds >= 0) {
        if (result.retryAfterSeconds > MaxRetryWaitSeconds)
            return -1; // longer than a call should hang: the caller schedules it
        return result.retryAfterSeconds * 1000;
    }
    // Exponential with full jitter around it, so that many clients do not come back in step.
    const int base = m_retryBaseMs << qMin(attempt - 1, 10);
    return base / 2 + static_cast<int>(QRandomGenerator::global()->bounded(base + 1));
}

ApiResult ApiClient::resultFromReply(QNetworkReply* reply, const QByteArray& body, bool timedOut,
                                     bool tooLarge)
{
    ApiResult result;
    result.httpStatus = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();

    if (timedOut) {
        result.outcome = Outcome::Timeout;
        const int idleMs = reply->property("ajmIdleMs").toInt();
        result.message = idleMs > 0 ? tr("The server sent nothing for %1 seconds.").arg(idleMs / 1000.0)
                                    : tr("No complete answer within %1 seconds.")
                                          .arg(reply->property("ajmTimeoutMs").toInt() / 1000.0);
        return result;
    }
    if (tooLarge) {
        result.outcome = Outcome::MalformedResponse;
        result.tooLarge = true;
        result.message = tr("The answer was larger than this client accepts; it was discarded.");
        return result;
    }
    if (result.httpStatus == 0) {
        result.outcome = Outcome::NetworkError;
        result.message = networkErrorSentence(reply->error(), reply->errorString());
        const QString sslErrors = reply->property("ajmSslErrors").toString();
        if (!sslErrors.isEmpty())
            result.message += QLatin1Char(' ') + sslErrors;
        return result;
    }

    if (result.httpStatus >= 300 && result.httpStatus < 400) {
        // Same-origin redirects were followed already; this one points elsewhere and keeps the key home.
        const QUrl target = reply->url().resolved(QUrl::fromEncoded(reply->rawHeader("Location")));
        result.outcome = Outcome::NetworkError;
        result.message =
            tr("The server redirected the request to %1; it was not followed, so that the API key is "
               "sent only to the configured server.")
                .arg(target.adjusted(QUrl::RemovePath | QUrl::RemoveQuery).toDisplayString());
        return result;
    }

    // The headers came, then the transfer broke (reset, closed mid-body): say that, not "malformed".
    if (reply->error() != QNetworkReply::NoError && result.httpStatus >= 200 && result.httpStatus < 300) {
        result.outcome = Outcome::NetworkError;
        result.message =
            tr("The answer broke off after %n byte(s): %1", nullptr, static_cast<int>(body.size()))
                .arg(networkErrorSentence(reply->error(), reply->errorString()));
        return result;
    }

    QJsonParseError parseError;
    bool repaired = false;
    const QJsonDocument document = parseJsonBody(body, &parseError, &repaired);
    if (repaired)
        qCWarning(lcApi) << "invalid UTF-8 in the answer replaced by U+FFFD";
    if (parseError.error == QJsonParseError::NoError && document.isObject())
        result.payload = document.object();

    if (result.httpStatus >= 200 && result.httpStatus < 300) {
        if (!document.isObject()) {
            result.outcome = Outcome::MalformedResponse;
            if (body.trimmed().isEmpty())
                result.message = tr("The server answered %1 with an empty body.").arg(result.httpStatus);
            else if (parseError.error != QJsonParseError::NoError)
                result.message = tr("The server answered %1, but: %2")
                                     .arg(result.httpStatus)
                                     .arg(describeJsonError(parseError, body.size()));
            else
                result.message =
                    tr("The server answered %1 with JSON that is not an object.").arg(result.httpStatus);
            return result;
        }
        result.outcome = Outcome::Ok;
        result.message = bestMessageFromObject(result.payload); // parsed once: pages can be large
        return result;
    }

    result.outcome = outcomeForStatus(result.httpStatus);
    result.message = bestMessageFromBody(body);
    if (result.outcome == Outcome::RateLimited)
        result.retryAfterSeconds = parseRetryAfterSeconds(reply->rawHeader("Retry-After"));
    return result;
}

struct ApiClient::ListState
{
    int id = 0;
    QString type;
    int limit = 0;
    int effectiveLimit = 0;
    int offset = 0;
    bool pageSizeKnown = false; // a full page was seen, or a probe showed the server's own page size
    bool probing = false;
    int probeCandidate = 0;
    QString previousFirstId; // the first id of the previous page: the same again means offset is ignored
    ListProgress progress;
    ListResult result;
    std::shared_ptr<Request> current;
    // Read ahead: the page after the current one, asked for when the current one arrived (before it is
    // parsed) on the guess that it is full. Used when the guess was right; dropped otherwise.
    std::shared_ptr<Request> ahead;
    int aheadOffset = -1;
    int aheadLimit = 0;
    std::optional<ApiResult> aheadResult; // the page ahead ended before it became the current one
    qint64 smallestFullPage = -1;         // bytes of the smallest full page so far
    PageCallback onPage;
    ListCallback done;
};

int ApiClient::listPages(const QString& type, PageCallback onPage, ListCallback done)
{
    auto state = std::make_shared<ListState>();
    state->id = ++m_nextListId;
    state->type = type.isEmpty() ? QStringLiteral("all") : type;
    state->limit = m_pageSize;
    state->effectiveLimit = m_pageSize;
    state->onPage = std::move(onPage);
    state->done = std::move(done);
    m_lists.insert(state->id, state);

    const ApiResult check = precheck();
    if (check.outcome != Outcome::Ok) {
        QTimer::singleShot(0, this, [this, state, check] { finishList(state, check); });
        return state->id;
    }
    requestPage(state);
    return state->id;
}

bool ApiClient::stopListing(int id)
{
    const std::shared_ptr<ListState> state = m_lists.value(id);
    if (!state)
        return false;
    dropRequest(state->current);
    dropAhead(state);
    ApiResult stopped;
    stopped.outcome = Outcome::Stopped;
    stopped.message = tr("Stopped after %n page(s).", nullptr, state->progress.pages);
    finishList(state, stopped);
    return true;
}

void ApiClient::finishList(const std::shared_ptr<ListState>& state, const ApiResult& result)
{
    if (m_lists.take(state->id) == nullptr)
        return; // ended already
    if (state->current)
        state->current->dropped = true;
    state->current.reset();
    dropAhead(state);
    state->result.result = result;
    state->result.requests = state->progress.requests;
    state->result.pages = state->progress.pages;
    state->result.received = state->progress.received;
    ListCallback done = std::move(state->done);
    state->onPage = nullptr;
    done(state->result);
}

void ApiClient::requestPage(const std::shared_ptr<ListState>& state)
{
    if (state->progress.requests >= MaxPages) {
        ApiResult tooMany;
        tooMany.outcome = Outcome::MalformedResponse;
        tooMany.httpStatus = 200;
        tooMany.message = tr("The job list did not end after %1 pages.").arg(MaxPages);
        return finishList(state, tooMany);
    }
    ++state->progress.requests;
    state->current = sendPage(state, state->offset, state->limit);
}

std::shared_ptr<ApiClient::Request> ApiClient::sendPage(const std::shared_ptr<ListState>& state, int offset,
                                                        int limit)
{
    QUrl url = endpoint(QByteArray(JobsPath) + "/status");
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("type"), state->type);
    query.addQueryItem(QStringLiteral("limit"), QString::number(limit));
    query.addQueryItem(QStringLiteral("offset"), QString::number(offset));
    url.setQuery(query);
    auto request = std::make_shared<Request>();
    request->verb = "GET";
    request->url = url;
    request->epoch = m_epoch;
    std::weak_ptr<ListState> weak = state;
    std::weak_ptr<Request> self = request;
    request->done = [this, weak, self](const ApiResult& page) {
        const std::shared_ptr<ListState> state = weak.lock();
        const std::shared_ptr<Request> request = self.lock();
        if (!state || !request)
            return;
        if (state->current == request)
            onPage(state, page);
        else if (state->ahead == request)
            state->aheadResult = page; // taken up when this page becomes the current one
    };
    if (m_readAhead) {
        request->arrived = [this, weak, self](qint64 bytes) {
            const std::shared_ptr<ListState> state = weak.lock();
            if (state && state->current && state->current == self.lock())
                sendAhead(state, bytes);
        };
    }
    dispatch(request);
    return request;
}

void ApiClient::sendAhead(const std::shared_ptr<ListState>& state, qint64 bytes)
{
    // Only once a full page has shown the page size (so a list of one page never costs two requests), and
    // never past the page limit. The guess: this page is full, so the next one starts a page further on.
    if (state->ahead || !state->pageSizeKnown || state->probing || state->progress.requests >= MaxPages)
        return;
    // An answer well under the smallest full page's size is most likely the short last page: no guess, so
    // that a pass does not spend a request on the page after the end. A guess this rule lets go wrongly
    // (a short page of large jobs) costs one request; one it holds back wrongly, only the overlap.
    if (state->smallestFullPage > 0 && bytes >= 0 && bytes < state->smallestFullPage / 4 * 3)
        return;
    state->aheadOffset = state->offset + state->effectiveLimit;
    state->aheadLimit = state->limit;
    state->aheadResult.reset();
    state->ahead = sendPage(state, state->aheadOffset, state->aheadLimit);
}

void ApiClient::dropRequest(std::shared_ptr<Request>& request)
{
    if (!request)
        return;
    request->dropped = true;
    if (QNetworkReply* reply = request->reply) {
        m_inFlight.remove(reply);
        reply->disconnect(this);
        reply->abort();
        reply->deleteLater();
    }
    request.reset();
}

void ApiClient::dropAhead(const std::shared_ptr<ListState>& state)
{
    if (!state->ahead)
        return;
    // A guess that went on the wire was still a request the budget paid for: counted. One still waiting
    // for the pacer never goes.
    if (state->ahead->sent)
        state->progress.requests += 1 + state->ahead->attempt;
    dropRequest(state->ahead);
    state->aheadResult.reset();
    state->aheadOffset = -1;
}

void ApiClient::nextPage(const std::shared_ptr<ListState>& state)
{
    if (state->ahead && state->aheadOffset == state->offset && state->aheadLimit == state->limit) {
        // The guess was right: the page ahead is the next one.
        ++state->progress.requests;
        state->current = std::move(state->ahead);
        state->ahead.reset();
        state->aheadOffset = -1;
        if (std::optional<ApiResult> arrived = std::exchange(state->aheadResult, std::nullopt)) {
            std::weak_ptr<ListState> weak = state;
            const ApiResult page = std::move(*arrived);
            QTimer::singleShot(0, this, [this, weak, page] {
                if (const std::shared_ptr<ListState> state = weak.lock())
                    onPage(state, page);
            });
        }
        // Otherwise it is on its way (or waiting for the pacer or a retry): its answer comes to onPage.
        return;
    }
    dropAhead(state);
    requestPage(state);
}

void ApiClient::onPage(const std::shared_ptr<ListState>& state, const ApiResult& page)
{
    qint64 pageBytes = -1;
    if (state->current) {
        state->progress.requests += state->current->attempt; // its retries
        pageBytes = state->current->bytes;
    }
    state->current.reset();
    if (page.tooLarge && state->limit > 1) {
        dropAhead(state);
        // A page over the response cap (jobs with large data): the same offset again with half the page,
        // and the client keeps the size that works, so that the next pass does not fail the same way.
        state->limit = qMax(1, state->limit / 2);
        state->effectiveLimit = qMin(state->effectiveLimit, state->limit);
        m_pageSize = state->limit;
        emit pageSizeReduced(state->limit);
        return requestPage(state);
    }
    if (page.outcome != Outcome::Ok) {
        // A failed probe loses nothing: the list before it ended on a short page and is complete as far as
        // anyone can tell.
        if (state->probing) {
            ApiResult complete;
            complete.outcome = Outcome::Ok;
            complete.httpStatus = 200;
            return finishList(state, complete);
        }
        return finishList(state, page);
    }

    ListPage parsed = parseListPage(page.payload);
    if (!parsed.usable) {
        ApiResult malformed = page;
        malformed.outcome = Outcome::MalformedResponse;
        malformed.message = parsed.problem;
        return finishList(state, malformed);
    }
    if (!parsed.serverNote.isEmpty())
        state->result.serverNote = parsed.serverNote;
    const int received = parsed.received;
    ++state->progress.pages;
    state->progress.received += received;
    state->result.skipped += parsed.skipped;

    // Decide what comes next before handing the page on, so that the next request is on the wire while
    // the caller works through this one.
    bool more = true;
    ApiResult failure;
    if (received == 0) {
        more = false;
    } else {
        if (state->probing) {
            // The probe found more after a short page: the server caps its pages at that page's size.
            state->probing = false;
            state->pageSizeKnown = true;
            state->effectiveLimit = state->probeCandidate;
        }
        state->offset += received;
        const QString firstId = parsed.jobs.isEmpty() ? QString() : parsed.jobs.constFirst().id;
        if (received >= state->effectiveLimit) {
            state->pageSizeKnown = true; // a full page: the next short one is the end
            if (pageBytes > 0 && (state->smallestFullPage < 0 || pageBytes < state->smallestFullPage))
                state->smallestFullPage = pageBytes;
            if (!firstId.isEmpty() && firstId == state->previousFirstId) {
                failure = page;
                failure.outcome = Outcome::MalformedResponse;
                failure.message =
                    tr("The server returned the same jobs again for a later page (offset ignored).");
                more = false;
            }
        } else if (!state->pageSizeKnown && received % 5 == 0) {
            // Shorter than asked before any full page, and a round number: either the end, or a server that
            // caps its pages (servers cap at round sizes: 5, 10, 50, 100…). One more request tells which.
            // Any other short page is the end, as the contract says.
            state->probing = true;
            state->probeCandidate = received;
        } else {
            more = false;
        }
        state->previousFirstId = firstId;
    }
    if (!failure.message.isEmpty())
        return finishList(state, failure);
    if (more)
        nextPage(state);
    else
        dropAhead(state); // a short or empty page: the guess after it is not wanted
    if (state->onPage && !parsed.jobs.isEmpty())
        state->onPage(parsed, state->progress);
    if (!more) {
        ApiResult complete = page;
        complete.payload = QJsonObject(); // the last page's jobs were handed on already
        finishList(state, complete);
    }
}

void ApiClient::listJobs(const QString& type, ListCallback done)
{
    // Gathered in place: one index from id to position, appends that grow geometrically. Linear in the
    // number of jobs, whatever the number of pages.
    struct Gathered
    {
        JobList jobs;
        QHash<QString, qsizetype> index;
    };
    auto gathered = std::make_shared<Gathered>();
    listPages(
        type,
        [gathered](ListPage& page, const ListProgress&) {
            // Sized for a queue's worth once a second page shows there is more than one: growing from
            // nothing rehashes every id at each doubling (a tenth of list --json's time at 100,000 jobs).
            if (gathered->index.size() + page.jobs.size() > gathered->index.capacity() &&
                !gathered->index.isEmpty()) {
                const qsizetype wanted = std::max<qsizetype>(2 * gathered->index.capacity(), 131072);
                gathered->index.reserve(wanted);
                gathered->jobs.reserve(wanted);
            }
            for (Job& job : page.jobs) {
                // Jobs change state while we page, so one can appear on two pages: keep it once, newest data.
                // One hash operation per job: the position is stored plus one, so that 0 says "new".
                qsizetype& position = gathered->index[job.id];
                if (position > 0) {
                    gathered->jobs[position - 1] = std::move(job);
                } else {
                    gathered->jobs.append(std::move(job));
                    position = gathered->jobs.size();
                }
            }
        },
        [gathered, done = std::move(done)](const ListResult& result) {
            ListResult complete = result;
            gathered->index.clear();
            complete.jobs = std::move(gathered->jobs);
            done(complete);
        });
}

void ApiClient::fetchJob(const QString& id, JobCallback done, std::optional<RequestPurpose> purpose)
{
    JobResult failed;
    QByteArray segment;
    failed.result = precheckJob(id, &segment);
    if (failed.result.outcome != Outcome::Ok) {
        QTimer::singleShot(0, this, [failed, done = std::move(done)] { done(failed); });
        return;
    }
    send(
        "GET", endpoint(QByteArray(JobsPath) + '/' + segment + "/status"),
        [id, done](const ApiResult& result) {
            JobResult jobResult;
            jobResult.result = result;
            if (result.outcome == Outcome::Ok) {
                QJsonObject object = result.payload;
                if (!object.value(QLatin1String("jobId")).isString() &&
                    !object.value(QLatin1String("jobId")).isDouble())
                    object.insert(QStringLiteral("jobId"), id);
                if (!object.value(QLatin1String("status")).isString()) {
                    jobResult.result.outcome = Outcome::MalformedResponse;
                    jobResult.result.message = tr("The job's answer has no \"status\".");
                } else {
                    jobResult.job = Job::fromJson(object);
                }
            }
            done(jobResult);
        },
        purpose);
}

ApiResult ApiClient::precheckCancel(const QString& id) const
{
    QByteArray segment;
    return precheckJob(id, &segment);
}

QString ApiClient::jobIdProblem(const QString& id)
{
    if (id.isEmpty())
        return tr("The job id is empty.");
    if (id.contains(QChar(QChar::ReplacementCharacter)))
        return tr("The job id holds bytes that are not UTF-8 (shown as \uFFFD): it cannot be a job's id.");
    for (const QChar c : id) {
        if (c.unicode() < 0x20 || c.unicode() == 0x7f)
            return tr("The job id holds a control character (U+%1).")
                .arg(QString::number(c.unicode(), 16).toUpper().rightJustified(4, QLatin1Char('0')));
    }
    if (encodeJobId(id).isEmpty())
        return tr("The job id \"%1\" cannot be sent as a single path segment.").arg(id);
    return {};
}

bool ApiClient::confirmsCancel(const QJsonObject& answer, const QString& id)
{
    // Cancelled only when the answer says so: success true, or status "cancelled" — and, when it names a
    // job, the job asked for. {}, "success": "false" (a string) or another job's id are no confirmation.
    const QJsonValue success = answer.value(QLatin1String("success"));
    const QJsonValue status = answer.value(QLatin1String("status"));
    if (success == QJsonValue(false))
        return false;
    if (!status.isUndefined() && !status.isNull() && status != QJsonValue(QLatin1String("cancelled")))
        return false;
    if (success != QJsonValue(true) && status != QJsonValue(QLatin1String("cancelled")))
        return false;
    const QJsonValue jobId = answer.value(QLatin1String("jobId"));
    if (jobId.isString())
        return jobId.toString() == id;
    if (jobId.isDouble()) {
        const double number = jobId.toDouble();
        return QString::number(static_cast<qint64>(number)) == id &&
               static_cast<double>(static_cast<qint64>(number)) == number;
    }
    return jobId.isUndefined() || jobId.isNull();
}

void ApiClient::cancelJob(const QString& id, ResultCallback done)
{
    QByteArray segment;
    const ApiResult failed = precheckJob(id, &segment);
    if (failed.outcome != Outcome::Ok) {
        QTimer::singleShot(0, this, [failed, done = std::move(done)] { done(failed); });
        return;
    }
    send("DELETE", endpoint(QByteArray(JobsPath) + '/' + segment + "/cancel"),
         [id, done](const ApiResult& result) {
             ApiResult cancel = result;
             if (cancel.outcome == Outcome::Ok) {
                 if (!confirmsCancel(cancel.payload, id)) {
                     cancel.outcome = Outcome::MalformedResponse;
                     const QString said =
                         cancel.message.isEmpty() ? QString() : QLatin1Char(' ') + cancel.message;
                     cancel.message =
                         tr("The server answered %1 but did not confirm the cancel of this job.%2")
                             .arg(cancel.httpStatus)
                             .arg(said);
                 } else {
                     cancel.outcome = Outcome::Cancelled;
                 }
             }
             done(cancel);
         });
}

void ApiClient::checkConnection(ResultCallback done)
{
    const ApiResult check = precheck();
    if (check.outcome != Outcome::Ok) {
        QTimer::singleShot(0, this, [check, done = std::move(done)] { done(check); });
        return;
    }
    QUrl url = endpoint(QByteArray(JobsPath) + "/status");
    url.setQuery(QStringLiteral("type=all&limit=1&offset=0"));
    send("GET", url, [done](const ApiResult& result) {
        ApiResult checked = result;
        if (checked.outcome == Outcome::Ok) {
            // The listing's own rule, so that a key accepted here is one the listing accepts.
            const ListPage page = parseListPage(checked.payload);
            if (!page.usable) {
                checked.outcome = Outcome::MalformedResponse;
                checked.message = page.problem;
            } else {
                checked.message = page.serverNote;
            }
        }
        done(checked);
    });
}

void ApiClient::abortAll()
{
    ++m_epoch; // retries and paced sends waiting on a timer never go
    m_lists.clear();
    const auto replies = m_inFlight.keys();
    m_inFlight.clear();
    for (QNetworkReply* reply : replies) {
        reply->disconnect(this);
        reply->abort();
        reply->deleteLater();
    }
}

} // namespace Alchemyst
