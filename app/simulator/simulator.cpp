#include "simulator.h"

#include <QDateTime>
#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponse>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QRegularExpression>
#include <QTcpServer>
#include <QUrlQuery>
#include <optional>

Q_LOGGING_CATEGORY(lcSimulator, "alchemyst.simulator", QtInfoMsg)

namespace Alchemyst {

namespace {

enum Endpoint
{
    ListEndpoint,
    StatusEndpoint,
    CancelEndpoint,
    AddEndpoint,
};

using Status = QHttpServerResponder::StatusCode;

QHttpServerResponse json(const QJsonObject& body, int status)
{
    return QHttpServerResponse(body, static_cast<Status>(status));
}

qint64 now()
{
    return QDateTime::currentMSecsSinceEpoch();
}

// {success:false, message, status}: the cancel and add endpoints' error shape.
QJsonObject plainError(const QString& message, int status)
{
    return {{QStringLiteral("success"), false},
            {QStringLiteral("message"), message},
            {QStringLiteral("status"), status}};
}

// components/schemas/ErrorResponse: the single-job endpoint's error shape.
QJsonObject errorResponse(const QString& message, int status, const QString& code)
{
    QJsonObject error{{QStringLiteral("code"), code}, {QStringLiteral("message"), message}};
    return {{QStringLiteral("success"), false},
            {QStringLiteral("message"), message},
            {QStringLiteral("status"), status},
            {QStringLiteral("error"), error}};
}

QJsonObject serverError(const QString& details)
{
    return {{QStringLiteral("success"), false},
            {QStringLiteral("message"), QStringLiteral("Internal server error")},
            {QStringLiteral("error"), details}};
}

// The body an endpoint documents for an auth-type failure (401/402/403/429/500).
QHttpServerResponse gateFailure(int endpoint, int status, const QString& message, const QString& code)
{
    if (status == 500) {
        if (endpoint == StatusEndpoint)
            return json(errorResponse(message, status, code), status);
        return json(serverError(message), status);
    }
    switch (endpoint) {
    case ListEndpoint:
        return json({{QStringLiteral("success"), false}}, status);
    case StatusEndpoint:
        return json(errorResponse(message, status, code), status);
    default:
        return json(plainError(message, status), status);
    }
}

const QStringList& fileNames()
{
    static const QStringList names = {
        QStringLiteral("Q3-board-deck.pdf"),
        QStringLiteral("support_thread_TCK-1234.txt"),
        QStringLiteral("onboarding-guide.md"),
        QStringLiteral("pricing-faq.docx"),
        QStringLiteral("release-notes-v2.4.md"),
        QStringLiteral("contract-ACME-2026.pdf"),
        QStringLiteral("slack-export-eng-2026-11.json"),
        QStringLiteral("customer-call-0413.vtt"),
        QStringLiteral("api-reference.html"),
        QStringLiteral("invoice-88213.pdf"),
        QStringLiteral("security-whitepaper.pdf"),
        QStringLiteral("churn-analysis-2026.xlsx"),
        QStringLiteral("runbook-ingestion.md"),
        QStringLiteral("meeting-notes-2026-11-27.md"),
        QStringLiteral("product-roadmap-H1.pptx"),
        QStringLiteral("gdpr-dpa-signed.pdf"),
    };
    return names;
}

const QStringList& sources()
{
    static const QStringList list = {
        QStringLiteral("support-inbox"), QStringLiteral("google-drive"), QStringLiteral("notion"),
        QStringLiteral("slack"),         QStringLiteral("confluence"),   QStringLiteral("github"),
        QStringLiteral("zendesk"),       QStringLiteral("upload"),
    };
    return list;
}

const QStringList& failureReasons()
{
    static const QStringList reasons = {
        QStringLiteral("Document exceeds the 25 MB limit"),
        QStringLiteral("Unsupported file type: application/x-msdownload"),
        QStringLiteral("Embedding service timed out after 3 attempts"),
        QStringLiteral("Rate limited by upstream embedding provider"),
        QStringLiteral("Invalid UTF-8 sequence in document 3"),
        QStringLiteral("Context quota exceeded for organisation"),
    };
    return reasons;
}

QString mimeFor(const QString& fileName)
{
    const QString suffix = fileName.section(QLatin1Char('.'), -1).toLower();
    if (suffix == QLatin1String("pdf"))
        return QStringLiteral("application/pdf");
    if (suffix == QLatin1String("json"))
        return QStringLiteral("application/json");
    if (suffix == QLatin1String("html"))
        return QStringLiteral("text/html");
    if (suffix == QLatin1String("md"))
        return QStringLiteral("text/markdown");
    return QStringLiteral("text/plain");
}

} // namespace

Simulator::Simulator(QObject* parent)
    : Simulator(Options(), parent)
{}

Simulator::Simulator(const Options& options, QObject* parent)
    : QObject(parent)
    , m_options(options)
    , m_server(std::make_unique<QHttpServer>())
    , m_random(options.seed)
{
    seed(options.initialJobs);
    setup();
    m_tick.setInterval(qMax(10, options.tickMs));
    connect(&m_tick, &QTimer::timeout, this, &Simulator::advance);
    setLive(options.live);
}

Simulator::~Simulator() = default;

quint16 Simulator::listen(const QHostAddress& address, quint16 port)
{
    m_address = address;
    m_port = m_server->listen(address, port);
    if (m_port == 0)
        qCWarning(lcSimulator) << "could not listen on" << address << port;
    return m_port;
}

QUrl Simulator::baseUrl() const
{
    QUrl url;
    url.setScheme(QStringLiteral("http"));
    url.setHost(m_address.toString()); // QUrl brackets an IPv6 address itself
    url.setPort(m_port);
    return url;
}

void Simulator::setLive(bool live)
{
    if (live)
        m_tick.start();
    else
        m_tick.stop();
}

bool Simulator::isValidJobId(const QString& id)
{
    static const QRegularExpression valid(QStringLiteral("^[A-Za-z0-9_.:\\-]{1,128}$"));
    return valid.match(id).hasMatch();
}

QString Simulator::nextId()
{
    QString id;
    do {
        id = QString::number(m_nextId++);
    } while (m_index.contains(id));
    return id;
}

Simulator::SimJob Simulator::makeJob(const QString& state)
{
    SimJob job;
    job.id = nextId();
    job.state = state;
    const QString fileName = fileNames().at(m_random.bounded(fileNames().size()));
    const QString source = sources().at(m_random.bounded(sources().size()));
    QJsonObject data{{QStringLiteral("source"), source},
                     {QStringLiteral("context_type"), QStringLiteral("resource")},
                     {QStringLiteral("scope"), QStringLiteral("internal")}};
    // One job in ten has no metadata at all: clients must never assume it.
    if (m_random.bounded(10) != 0) {
        QJsonArray groups{source == QLatin1String("support-inbox") ? QStringLiteral("support")
                                                                   : QStringLiteral("knowledge-base")};
        data.insert(
            QStringLiteral("metadata"),
            QJsonObject{
                {QStringLiteral("fileName"), fileName},
                {QStringLiteral("fileType"), mimeFor(fileName)},
                {QStringLiteral("groupName"), groups},
                {QStringLiteral("lastModified"),
                 QDateTime::currentDateTimeUtc().addDays(-m_random.bounded(30)).toString(Qt::ISODate)},
                {QStringLiteral("fileSize"), 1024 + m_random.bounded(8 * 1024 * 1024)}});
    }
    job.data = data;
    job.willFail = m_random.bounded(100) < 15;
    return job;
}

void Simulator::seed(int count)
{
    const qint64 t = now();
    for (int i = 0; i < count; ++i) {
        // Older jobs are finished; the newest are still queued, like a real queue's history.
        const double position = count > 1 ? static_cast<double>(i) / (count - 1) : 1.0;
        QString state;
        const int roll = m_random.bounded(100);
        if (position < 0.8)
            state = roll < 84   ? QStringLiteral("completed")
                    : roll < 97 ? QStringLiteral("failed")
                                : QStringLiteral("cancelled");
        else
            state = roll < 55   ? QStringLiteral("waiting")
                    : roll < 80 ? QStringLiteral("delayed")
                                : QStringLiteral("active");
        SimJob job = makeJob(state);
        const qint64 age = static_cast<qint64>((1.0 - position) * 36 * 3600 * 1000) + m_random.bounded(60000);
        if (state == QLatin1String("completed") || state == QLatin1String("failed")) {
            job.attemptsMade = state == QLatin1String("failed") ? 1 + m_random.bounded(3) : 1;
            job.processedOn = t - age;
            job.finishedOn = job.processedOn + 800 + m_random.bounded(30000);
            if (state == QLatin1String("failed"))
                job.failedReason = failureReasons().at(m_random.bounded(failureReasons().size()));
        } else if (state == QLatin1String("cancelled")) {
            job.finishedOn = t - age;
        } else if (state == QLatin1String("active")) {
            job.attemptsMade = 1;
            job.processedOn = t - m_random.bounded(4000);
            job.readyAt = t + 3000 + m_random.bounded(12000);
        } else if (state == QLatin1String("delayed")) {
            job.readyAt = t + 5000 + m_random.bounded(60000);
        }
        m_index.insert(job.id, static_cast<int>(m_jobs.size()));
        m_jobs.append(job);
    }
    if (count >= 40) {
        // BullMQ can report states this client does not know by name; they must show as they come.
        SimJob prioritized = makeJob(QStringLiteral("prioritized"));
        m_index.insert(prioritized.id, static_cast<int>(m_jobs.size()));
        m_jobs.append(prioritized);
        // And one job that has been active for far too long: what an operator is here to find.
        SimJob stuck = makeJob(QStringLiteral("active"));
        stuck.attemptsMade = 1;
        stuck.processedOn = t - 41 * 60 * 1000;
        stuck.readyAt = t + 24LL * 3600 * 1000;
        stuck.willFail = false;
        m_index.insert(stuck.id, static_cast<int>(m_jobs.size()));
        m_jobs.append(stuck);
    }
}

QString Simulator::addJob(const QString& state, const QString& fileName, const QString& id)
{
    SimJob job = makeJob(state);
    if (!id.isEmpty())
        job.id = id;
    if (!fileName.isEmpty()) {
        QJsonObject metadata = job.data.value(QLatin1String("metadata")).toObject();
        metadata.insert(QStringLiteral("fileName"), fileName);
        job.data.insert(QStringLiteral("metadata"), metadata);
    }
    job.willFail = false;
    const qint64 t = now();
    if (state == QLatin1String("active")) {
        job.attemptsMade = 1;
        job.processedOn = t;
        job.readyAt = t + 3600 * 1000;
    } else if (state == QLatin1String("completed") || state == QLatin1String("failed")) {
        job.attemptsMade = 1;
        job.processedOn = t - 2000;
        job.finishedOn = t;
        if (state == QLatin1String("failed"))
            job.failedReason = failureReasons().constFirst();
    } else if (state == QLatin1String("delayed")) {
        job.readyAt = t + 3600 * 1000;
    }
    if (m_index.contains(job.id))
        removeJob(job.id);
    m_index.insert(job.id, static_cast<int>(m_jobs.size()));
    m_jobs.append(job);
    return job.id;
}

void Simulator::setJobState(const QString& id, const QString& state)
{
    const int row = m_index.value(id, -1);
    if (row < 0)
        return;
    SimJob& job = m_jobs[row];
    job.state = state;
    const qint64 t = now();
    if (state == QLatin1String("active")) {
        job.processedOn = t;
        job.attemptsMade = qMax(1, job.attemptsMade + 1);
        job.readyAt = t + 3600 * 1000;
    } else if (state == QLatin1String("completed") || state == QLatin1String("failed") ||
               state == QLatin1String("cancelled")) {
        job.finishedOn = t;
    }
}

QString Simulator::jobState(const QString& id) const
{
    const int row = m_index.value(id, -1);
    return row < 0 ? QString() : m_jobs.at(row).state;
}

void Simulator::reindex()
{
    m_index.clear();
    for (int i = 0; i < m_jobs.size(); ++i)
        m_index.insert(m_jobs.at(i).id, i);
}

void Simulator::removeJob(const QString& id)
{
    const int row = m_index.value(id, -1);
    if (row < 0)
        return;
    m_jobs.removeAt(row);
    reindex();
}

void Simulator::clearJobs()
{
    m_jobs.clear();
    m_index.clear();
}

void Simulator::retire()
{
    int finished = 0;
    for (const SimJob& job : std::as_const(m_jobs)) {
        if (job.finishedOn > 0)
            ++finished;
    }
    int excess = finished - m_options.retainFinished;
    if (excess <= 0)
        return;
    QList<SimJob> kept;
    kept.reserve(m_jobs.size());
    for (SimJob& job : m_jobs) {
        if (excess > 0 && job.finishedOn > 0) {
            --excess;
            continue;
        }
        kept.append(std::move(job));
    }
    m_jobs = std::move(kept);
    reindex();
}

void Simulator::advance()
{
    const qint64 t = now();
    int active = 0;
    for (SimJob& job : m_jobs) {
        if (job.state == QLatin1String("active") && job.readyAt > 0 && job.readyAt <= t) {
            job.finishedOn = t;
            if (job.willFail) {
                job.state = QStringLiteral("failed");
                job.failedReason = failureReasons().at(m_random.bounded(failureReasons().size()));
            } else {
                job.state = QStringLiteral("completed");
            }
        } else if (job.state == QLatin1String("delayed") && job.readyAt > 0 && job.readyAt <= t) {
            job.state = QStringLiteral("waiting");
        }
        if (job.state == QLatin1String("active"))
            ++active;
    }
    for (SimJob& job : m_jobs) {
        if (active >= m_options.maxActive)
            break;
        if (job.state == QLatin1String("waiting")) {
            job.state = QStringLiteral("active");
            job.processedOn = t;
            ++job.attemptsMade;
            job.readyAt = t + 2000 + m_random.bounded(10000);
            ++active;
        }
    }
    // New work keeps arriving, sometimes in bursts.
    const int roll = m_random.bounded(100);
    const int arrivals = roll < 45 ? 0 : roll < 90 ? 1 : 3;
    for (int i = 0; i < arrivals; ++i) {
        const bool delayed = m_random.bounded(100) < 20;
        SimJob job = makeJob(delayed ? QStringLiteral("delayed") : QStringLiteral("waiting"));
        if (delayed)
            job.readyAt = t + 5000 + m_random.bounded(40000);
        m_index.insert(job.id, static_cast<int>(m_jobs.size()));
        m_jobs.append(job);
    }
    retire();
}

QJsonObject Simulator::listEntry(const SimJob& job) const
{
    QJsonObject entry{{QStringLiteral("jobId"), job.id},
                      {QStringLiteral("status"), job.state},
                      {QStringLiteral("attemptsMade"), job.attemptsMade},
                      {QStringLiteral("data"), job.data}};
    if (!job.failedReason.isEmpty())
        entry.insert(QStringLiteral("failedReason"), job.failedReason);
    if (job.processedOn > 0)
        entry.insert(QStringLiteral("processedOn"), static_cast<double>(job.processedOn));
    if (job.finishedOn > 0)
        entry.insert(QStringLiteral("finishedOn"), static_cast<double>(job.finishedOn));
    return entry;
}

void Simulator::note(const QHttpServerRequest& request, const QString& id)
{
    qCDebug(lcSimulator) << request.url().toEncoded() << id;
    ++m_requestCount;
    m_lastRawPath = request.url().toEncoded(QUrl::RemoveScheme | QUrl::RemoveAuthority);
    m_lastJobId = id;
    m_lastUserAgent = request.value("User-Agent");
}

std::unique_ptr<QHttpServerResponse> Simulator::gate(const QHttpServerRequest& request, int endpoint)
{
    if (m_redirectTarget.isValid()) {
        QUrl target = m_redirectTarget;
        target.setPath(request.url().path(QUrl::FullyEncoded), QUrl::StrictMode);
        target.setQuery(request.url().query(QUrl::FullyEncoded), QUrl::StrictMode);
        auto response = std::make_unique<QHttpServerResponse>(Status::TemporaryRedirect);
        response->setHeader("Location", target.toEncoded());
        return response;
    }
    const QByteArray authorization = request.value("Authorization");
    const QByteArray prefix = "Bearer ";
    const QString token = authorization.startsWith(prefix)
                              ? QString::fromUtf8(authorization.mid(prefix.size())).trimmed()
                              : QString();
    auto fail = [endpoint](int status, const QString& message, const QString& code) {
        return std::make_unique<QHttpServerResponse>(gateFailure(endpoint, status, message, code));
    };
    if (token == QLatin1String(PaymentRequiredToken))
        return fail(402, QStringLiteral("Payment Required"), QStringLiteral("PAYMENT_REQUIRED"));
    if (token == QLatin1String(ForbiddenToken))
        return fail(403, QStringLiteral("Forbidden: insufficient scope"), QStringLiteral("FORBIDDEN"));
    if (token == QLatin1String(ServerErrorToken))
        return fail(500, QStringLiteral("Simulated failure in the job store"), QStringLiteral("INTERNAL"));
    if (token == QLatin1String(RateLimitedToken)) {
        auto response = std::make_unique<QHttpServerResponse>(
            json(plainError(QStringLiteral("Too many requests"), 429), 429));
        response->setHeader("Retry-After", "2");
        return response;
    }
    if (token.isEmpty() || token != m_options.token)
        return fail(401, QStringLiteral("Unauthorized"), QStringLiteral("UNAUTHORIZED"));
    return nullptr;
}

QHttpServerResponse Simulator::handleList(const QHttpServerRequest& request)
{
    note(request, QString());
    if (auto failure = gate(request, ListEndpoint))
        return std::move(*failure);
    const QUrlQuery query = request.query();
    const QString type = query.queryItemValue(QStringLiteral("type"));
    bool ok = false;
    int limit = query.queryItemValue(QStringLiteral("limit")).toInt(&ok);
    if (!ok || limit <= 0)
        limit = 100;
    if (m_options.maxPageSize > 0)
        limit = qMin(limit, m_options.maxPageSize);
    int offset = query.queryItemValue(QStringLiteral("offset")).toInt(&ok);
    if (!ok || offset < 0)
        offset = 0;

    const bool all = type.isEmpty() || type == QLatin1String("all");
    QJsonArray jobs;
    int matched = 0;
    for (const SimJob& job : std::as_const(m_jobs)) {
        if (!all && job.state != type)
            continue;
        if (matched++ < offset)
            continue;
        if (jobs.size() >= limit)
            break;
        jobs.append(listEntry(job));
    }
    return json({{QStringLiteral("success"), true}, {QStringLiteral("jobs"), jobs}}, 200);
}

// The job id as the client sent it: the one encoded path segment between the prefix and the suffix,
// decoded once. The router's own argument is decoded already and cannot tell "a%2Fb" from "a/b".
static std::optional<QString> jobIdFromPath(const QHttpServerRequest& request, QByteArrayView suffix)
{
    const QByteArray path = request.url().path(QUrl::FullyEncoded).toUtf8();
    const QByteArray prefix = "/api/v1/context/add-async/";
    if (!path.startsWith(prefix) || !path.endsWith(suffix))
        return std::nullopt;
    const QByteArray segment = path.mid(prefix.size(), path.size() - prefix.size() - suffix.size());
    if (segment.isEmpty() || segment.contains('/'))
        return std::nullopt;
    return QUrl::fromPercentEncoding(segment);
}

static QHttpServerResponse noSuchPath()
{
    return QHttpServerResponse(QHttpServerResponder::StatusCode::NotFound);
}

QHttpServerResponse Simulator::handleStatus(const QString&, const QHttpServerRequest& request)
{
    const std::optional<QString> segment = jobIdFromPath(request, "/status");
    if (!segment)
        return noSuchPath();
    const QString id = *segment;
    note(request, id);
    if (auto failure = gate(request, StatusEndpoint))
        return std::move(*failure);
    if (!isValidJobId(id))
        return json(errorResponse(QStringLiteral("Invalid job id"), 400, QStringLiteral("INVALID_JOB_ID")),
                    400);
    const int row = m_index.value(id, -1);
    if (row < 0)
        return json(errorResponse(QStringLiteral("Job not found"), 404, QStringLiteral("NOT_FOUND")), 404);
    const SimJob& job = m_jobs.at(row);
    QJsonObject body = listEntry(job);
    body.remove(QStringLiteral("data"));
    body.insert(QStringLiteral("success"), true);
    if (job.state == QLatin1String("completed"))
        body.insert(QStringLiteral("result"), QJsonObject{{QStringLiteral("documentsAdded"), 1}});
    return json(body, 200);
}

QHttpServerResponse Simulator::handleCancel(const QString&, const QHttpServerRequest& request)
{
    const std::optional<QString> segment = jobIdFromPath(request, "/cancel");
    if (!segment)
        return noSuchPath();
    const QString id = *segment;
    note(request, id);
    if (auto failure = gate(request, CancelEndpoint))
        return std::move(*failure);
    if (!isValidJobId(id))
        return json(plainError(QStringLiteral("Invalid job id"), 400), 400);
    const int row = m_index.value(id, -1);
    if (row < 0)
        return json(plainError(QStringLiteral("Job not found"), 404), 404);
    SimJob& job = m_jobs[row];
    if (job.state == QLatin1String("active") || job.state == QLatin1String("waiting-children"))
        return json({{QStringLiteral("error"), QString::fromLatin1(ConflictMessage)}}, 409);
    if (job.state == QLatin1String("completed") || job.state == QLatin1String("failed"))
        return json(plainError(QStringLiteral("Job not found or already %1").arg(job.state), 404), 404);
    if (job.state == QLatin1String("cancelled"))
        return json(plainError(QStringLiteral("Job not found or already cancelled"), 404), 404);
    job.state = QStringLiteral("cancelled");
    job.finishedOn = now();
    return json({{QStringLiteral("success"), true},
                 {QStringLiteral("jobId"), job.id},
                 {QStringLiteral("status"), QStringLiteral("cancelled")},
                 {QStringLiteral("message"), QStringLiteral("Job cancelled successfully")}},
                200);
}

QHttpServerResponse Simulator::handleAdd(const QHttpServerRequest& request)
{
    note(request, QString());
    if (auto failure = gate(request, AddEndpoint))
        return std::move(*failure);
    const QJsonDocument document = QJsonDocument::fromJson(request.body());
    const QJsonObject body = document.object();
    const QString contextType = body.value(QLatin1String("context_type")).toString();
    const QString scope = body.value(QLatin1String("scope")).toString(QStringLiteral("internal"));
    if (!document.isObject() || !body.value(QLatin1String("documents")).isArray() ||
        !body.value(QLatin1String("source")).isString() ||
        !QStringList{QStringLiteral("resource"), QStringLiteral("conversation"),
                     QStringLiteral("instruction")}
             .contains(contextType) ||
        !QStringList{QStringLiteral("internal"), QStringLiteral("external")}.contains(scope)) {
        return json(plainError(QStringLiteral("documents, source, context_type and scope are required"), 400),
                    400);
    }
    SimJob job = makeJob(QStringLiteral("waiting"));
    QJsonObject data = body;
    data.remove(QStringLiteral("documents")); // the payload can be large; the queue keeps a reference
    job.data = data;
    m_index.insert(job.id, static_cast<int>(m_jobs.size()));
    m_jobs.append(job);
    return json({{QStringLiteral("queued"), true}, {QStringLiteral("jobId"), job.id}}, 201);
}

void Simulator::setup()
{
    using Method = QHttpServerRequest::Method;
    // Job ids may hold any character, "/" included once decoded: let <arg> take all of it.
    m_server->router()->addConverter(QMetaType::fromType<QString>(), QLatin1String(".+"));
    m_server->route(QStringLiteral("/api/v1/context/add-async/status"), Method::Get,
                    [this](const QHttpServerRequest& request) { return handleList(request); });
    m_server->route(
        QStringLiteral("/api/v1/context/add-async/<arg>/status"), Method::Get,
        [this](const QString& id, const QHttpServerRequest& request) { return handleStatus(id, request); });
    m_server->route(
        QStringLiteral("/api/v1/context/add-async/<arg>/cancel"), Method::Delete,
        [this](const QString& id, const QHttpServerRequest& request) { return handleCancel(id, request); });
    m_server->route(QStringLiteral("/api/v1/context/add-async"), Method::Post,
                    [this](const QHttpServerRequest& request) { return handleAdd(request); });
}

} // namespace Alchemyst
