#include "simulator.h"

#include "api/jsonbody.h"

#include <QDateTime>
#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QHttpServerResponse>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QPointer>
#include <QRegularExpression>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>
#include <QUrlQuery>
#include <algorithm>
#include <array>
#include <iterator>
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

// Failure reasons with the spread a real queue shows: a few dominate, and many differ only in the ids
// and numbers inside them, which is what a triage view has to group. %1 and %2 take numbers drawn from
// the ranges beside them.
struct FailureReason
{
    const char* text;
    int weight;
    quint16 min1, max1, min2, max2;
};

constexpr FailureReason failureReasons[] = {
    {"Document %1 exceeds the 25 MB limit (%2 MB)", 22, 1000, 9999, 26, 180},
    {"Embedding service timed out after 3 attempts", 18, 0, 0, 0, 0},
    {"Rate limited by upstream embedding provider, retry after %1 s", 12, 5, 120, 0, 0},
    {"job stalled more than allowable limit", 10, 0, 0, 0, 0}, // BullMQ's own words
    {"Invalid UTF-8 sequence in document %1 at byte %2", 9, 1, 40, 100, 60000},
    {"Unsupported file type: application/x-msdownload", 8, 0, 0, 0, 0},
    {"Source fetch failed: HTTP 403 for object drive-%1", 8, 10000, 65000, 0, 0},
    {"Context quota exceeded for organisation", 6, 0, 0, 0, 0},
    {"PDF parse error: unexpected end of stream in object %1", 4, 1, 900, 0, 0},
    {"connect ECONNREFUSED 10.0.%1.%2:6379", 3, 1, 9, 2, 250},
};
constexpr int failureReasonCount = static_cast<int>(std::size(failureReasons));

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

// The states every simulator knows, in the order of their codes; others are added as they are met.
enum StateCode : quint8
{
    Waiting,
    Delayed,
    Active,
    Completed,
    Failed,
    Cancelled,
    Prioritized,
};

QStringList knownStates()
{
    return {QStringLiteral("waiting"),    QStringLiteral("delayed"), QStringLiteral("active"),
            QStringLiteral("completed"),  QStringLiteral("failed"),  QStringLiteral("cancelled"),
            QStringLiteral("prioritized")};
}

bool isFinal(quint8 state)
{
    return state == Completed || state == Failed || state == Cancelled;
}

const QStringList& fileTypes()
{
    static const QStringList types = [] {
        QStringList list;
        for (const QString& name : fileNames())
            list << mimeFor(name);
        return list;
    }();
    return types;
}

QString reasonPhrase(int status)
{
    switch (status) {
    case 400:
        return QStringLiteral("Bad request");
    case 404:
        return QStringLiteral("Not found");
    case 408:
        return QStringLiteral("Request timeout");
    case 409:
        return QStringLiteral("Conflict");
    case 429:
        return QStringLiteral("Too many requests");
    case 500:
        return QStringLiteral("Internal server error");
    case 502:
        return QStringLiteral("Bad gateway");
    case 503:
        return QStringLiteral("Service unavailable");
    case 504:
        return QStringLiteral("Gateway timeout");
    default:
        return QStringLiteral("Simulated fault");
    }
}

// An injected list failure with the body the contract gives that code on the list endpoint: bare
// {success:false} for the auth codes, the 500 shape for every 5xx, {success,message,status} otherwise
// (the shape the platform's 429 has).
QHttpServerResponse listFault(int status)
{
    if (status == 401 || status == 402 || status == 403)
        return json({{QStringLiteral("success"), false}}, status);
    if (status >= 500) {
        return json({{QStringLiteral("success"), false},
                     {QStringLiteral("message"), reasonPhrase(status)},
                     {QStringLiteral("error"), QStringLiteral("Simulated fault")}},
                    status);
    }
    return json(plainError(reasonPhrase(status), status), status);
}

QHttpServerResponse misdirected(quint16 port)
{
    const QString message =
        QStringLiteral("Misdirected request: this server answers only to 127.0.0.1:%1, localhost:%1 and "
                       "[::1]:%1")
            .arg(port);
    return json({{QStringLiteral("success"), false}, {QStringLiteral("message"), message}}, 421);
}

} // namespace

Simulator::Simulator(QObject* parent)
    : Simulator(Options(), parent)
{}

Simulator::Simulator(const Options& options, QObject* parent)
    : QObject(parent)
    , m_options(options)
    , m_server(std::make_unique<QHttpServer>())
    , m_stateNames(knownStates())
    , m_random(options.seed)
{
    m_rowsByState.resize(m_stateNames.size());
    const QDateTime today = QDateTime::currentDateTimeUtc();
    for (int days = 0; days < 30; ++days)
        m_modifiedDates << today.addDays(-days).toString(Qt::ISODate);
    seed(options.initialJobs);
    setup();
    m_tick.setInterval(qMax(10, options.tickMs));
    connect(&m_tick, &QTimer::timeout, this, &Simulator::advance);
    setLive(options.live);
    if (qEnvironmentVariableIntValue("AJM_SIMULATOR_CONTROL") == 1)
        m_options.control = true;
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

void Simulator::injectListFault(int offset, int status, int times, const QByteArray& retryAfter)
{
    if (times <= 0) {
        m_listFaults.remove(offset);
        return;
    }
    m_listFaults.insert(offset, ListFault{status, times, retryAfter});
}

QString Simulator::nextId()
{
    QString id;
    do {
        id = QString::number(m_nextId++);
    } while (m_index.contains(id));
    return id;
}

quint8 Simulator::stateCode(const QString& name)
{
    qsizetype code = m_stateNames.indexOf(name);
    if (code >= 0)
        return static_cast<quint8>(code);
    // A code is one byte; a test inventing hundreds of states shares the last one.
    if (m_stateNames.size() >= 255)
        return 254;
    m_stateNames << name;
    m_rowsByState.emplace_back();
    return static_cast<quint8>(m_stateNames.size() - 1);
}

Simulator::SimJob Simulator::makeJob(quint8 state)
{
    SimJob job;
    job.id = nextId();
    job.state = state;
    job.fileName = static_cast<quint8>(m_random.bounded(fileNames().size()));
    job.source = static_cast<quint8>(m_random.bounded(sources().size()));
    // One job in ten has no metadata at all: clients must never assume it.
    job.hasMetadata = m_random.bounded(10) != 0;
    job.modifiedDaysAgo = static_cast<quint8>(m_random.bounded(m_modifiedDates.size()));
    job.fileSize = 1024 + m_random.bounded(8 * 1024 * 1024);
    job.willFail = m_random.bounded(100) < 15;
    return job;
}

void Simulator::pickFailure(SimJob& job)
{
    static const int total = [] {
        int sum = 0;
        for (const FailureReason& reason : failureReasons)
            sum += reason.weight;
        return sum;
    }();
    int roll = m_random.bounded(total);
    int index = 0;
    while (roll >= failureReasons[index].weight) {
        roll -= failureReasons[index].weight;
        ++index;
    }
    const FailureReason& reason = failureReasons[index];
    const quint32 first = reason.min1 + m_random.bounded(reason.max1 - reason.min1 + 1);
    const quint32 second = reason.min2 + m_random.bounded(reason.max2 - reason.min2 + 1);
    job.reason = static_cast<quint8>(index);
    job.reasonDetail = (first << 16) | second;
}

QString Simulator::failedReason(const SimJob& job) const
{
    if (job.state != Failed || job.reason >= failureReasonCount)
        return QString();
    const FailureReason& reason = failureReasons[job.reason];
    QString text = QString::fromLatin1(reason.text);
    if (reason.max1 > 0)
        text = text.arg(job.reasonDetail >> 16);
    if (reason.max2 > 0)
        text = text.arg(job.reasonDetail & 0xffff);
    return text;
}

void Simulator::append(SimJob&& job)
{
    const int row = static_cast<int>(m_jobs.size());
    m_index.insert(job.id, row);
    job.entered = ++m_enterSerial;
    m_rowsByState[job.state].push_back(row); // the newest entry: the list stays sorted
    m_jobs.append(std::move(job));
}

void Simulator::changeState(int row, quint8 state)
{
    SimJob& job = m_jobs[row];
    if (job.state == state)
        return;
    std::vector<int>& from = m_rowsByState[job.state];
    const auto at = std::lower_bound(from.begin(), from.end(), job.entered, [this](int r, quint64 entered) {
        return m_jobs.at(r).entered < entered;
    });
    if (at != from.end() && *at == row)
        from.erase(at);
    job.entered = ++m_enterSerial;
    m_rowsByState[state].push_back(row); // it entered last: the front of the list as served
    job.state = state;
}

// A batch of state changes in one pass over each list: with tens of thousands of delayed jobs coming
// due together, one removal at a time would move the list's tail for every job.
// rows: in the order of the `from` list.
void Simulator::moveRows(const std::vector<int>& rows, quint8 from, quint8 to)
{
    if (rows.empty() || from == to)
        return;
    std::vector<int> kept;
    kept.reserve(m_rowsByState[from].size());
    size_t next = 0;
    for (const int row : m_rowsByState[from]) {
        if (next < rows.size() && rows[next] == row)
            ++next;
        else
            kept.push_back(row);
    }
    m_rowsByState[from] = std::move(kept);
    std::vector<int>& target = m_rowsByState[to];
    for (const int row : rows) {
        m_jobs[row].state = to;
        m_jobs[row].entered = ++m_enterSerial;
        target.push_back(row);
    }
}

// Seeded history is made in creation order with random run times: BullMQ keeps the finished lists by
// finishedOn and the active list by start, so the seeded lists are put in that order once.
void Simulator::sortStateLists()
{
    for (size_t state = 0; state < m_rowsByState.size(); ++state) {
        std::vector<int>& rows = m_rowsByState[state];
        const auto key = [this, state](int row) -> qint64 {
            const SimJob& job = m_jobs.at(row);
            if (isFinal(static_cast<quint8>(state)))
                return job.finishedOn;
            if (state == Active)
                return job.processedOn;
            return static_cast<qint64>(job.entered);
        };
        std::stable_sort(rows.begin(), rows.end(), [&key](int a, int b) { return key(a) < key(b); });
    }
    // Serials in that order, every list after the other: each list stays sorted by `entered`.
    for (std::vector<int>& rows : m_rowsByState) {
        for (const int row : rows)
            m_jobs[row].entered = ++m_enterSerial;
    }
}

void Simulator::seed(int count)
{
    if (count <= 0)
        return;
    const qint64 t = now();
    // One exact reservation for what seeding adds, instead of the geometric growth's copies and slack.
    const qsizetype expected = m_jobs.size() + count + 8;
    m_jobs.reserve(expected);
    m_index.reserve(expected);
    int active = 0;
    for (int i = 0; i < count; ++i) {
        // Older jobs are finished; the newest are still queued, like a real queue's history.
        const double position = count > 1 ? static_cast<double>(i) / (count - 1) : 1.0;
        quint8 state;
        const int roll = m_random.bounded(100);
        if (position < 0.8)
            state = roll < 84 ? Completed : roll < 97 ? Failed : Cancelled;
        else
            state = roll < 55 ? Waiting : roll < 80 ? Delayed : Active;
        // No more running at once than there are workers, however large the queue.
        if (state == Active && active >= m_options.maxActive)
            state = Waiting;
        SimJob job = makeJob(state);
        const qint64 age = static_cast<qint64>((1.0 - position) * 36 * 3600 * 1000) + m_random.bounded(60000);
        if (state == Completed || state == Failed) {
            job.attemptsMade = state == Failed ? 1 + m_random.bounded(3) : 1;
            job.processedOn = t - age;
            job.finishedOn = job.processedOn + 800 + m_random.bounded(30000);
            if (state == Failed)
                pickFailure(job);
        } else if (state == Cancelled) {
            job.finishedOn = t - age;
        } else if (state == Active) {
            ++active;
            job.attemptsMade = 1;
            job.processedOn = t - m_random.bounded(4000);
            job.readyAt = t + 3000 + m_random.bounded(12000);
        } else if (state == Delayed) {
            job.readyAt = t + 5000 + m_random.bounded(60000);
        }
        append(std::move(job));
    }
    if (count >= 40) {
        // BullMQ can report states this client does not know by name; they must show as they come.
        append(makeJob(Prioritized));
        // And a few jobs that have been active for far too long: what an operator is here to find.
        // Their workers are gone, so they stay active for good and leave the live ones their slots.
        for (const int minutes : {23, 41, 58, 87}) {
            SimJob stuck = makeJob(Active);
            stuck.attemptsMade = 1;
            stuck.processedOn = t - minutes * 60 * 1000 - m_random.bounded(60000);
            stuck.willFail = false;
            stuck.stalled = true;
            append(std::move(stuck));
        }
    }
    sortStateLists();
}

// JSON written straight into the page: a page of a thousand jobs made through QJsonObject cost tens of
// milliseconds, most of it in building and sorting objects that are serialised at once.
static void writeString(QByteArray& out, QStringView text)
{
    appendJsonString(out, text);
}

static void writeLatin1(QByteArray& out, const char* text) // for the fixed texts, which need no escapes
{
    out += '"';
    out += text;
    out += '"';
}

void Simulator::writeData(QByteArray& out, const SimJob& job) const
{
    if (!job.customData.isEmpty()) {
        out += QJsonDocument(job.customData).toJson(QJsonDocument::Compact);
        return;
    }
    const QString& source = sources().at(job.source);
    out += "{\"context_type\":\"resource\",\"scope\":\"internal\",\"source\":";
    writeString(out, source);
    if (job.hasMetadata) {
        out += ",\"metadata\":{\"fileName\":";
        writeString(out, fileNames().at(job.fileName));
        out += ",\"fileType\":";
        writeString(out, fileTypes().at(job.fileName));
        out += ",\"groupName\":[";
        writeLatin1(out, source == QLatin1String("support-inbox") ? "support" : "knowledge-base");
        out += "],\"lastModified\":";
        writeString(out, m_modifiedDates.at(job.modifiedDaysAgo));
        out += ",\"fileSize\":";
        out += QByteArray::number(job.fileSize);
        out += '}';
    }
    out += '}';
}

QJsonObject Simulator::jobData(const SimJob& job) const
{
    QByteArray out;
    writeData(out, job);
    return QJsonDocument::fromJson(out).object();
}

QString Simulator::addJob(const QString& state, const QString& fileName, const QString& id)
{
    const quint8 code = stateCode(state);
    SimJob job = makeJob(code);
    if (!id.isEmpty())
        job.id = id;
    if (!fileName.isEmpty()) {
        QJsonObject data = jobData(job);
        QJsonObject metadata = data.value(QLatin1String("metadata")).toObject();
        metadata.insert(QStringLiteral("fileName"), fileName);
        data.insert(QStringLiteral("metadata"), metadata);
        job.customData = data;
    }
    job.willFail = false;
    const qint64 t = now();
    if (code == Active) {
        job.attemptsMade = 1;
        job.processedOn = t;
        job.readyAt = t + 3600 * 1000;
    } else if (code == Completed || code == Failed) {
        job.attemptsMade = 1;
        job.processedOn = t - 2000;
        job.finishedOn = t;
        if (code == Failed) {
            job.reason = 0; // "Document 4411 exceeds the 25 MB limit (31 MB)"
            job.reasonDetail = (4411u << 16) | 31u;
        }
    } else if (code == Delayed) {
        job.readyAt = t + 3600 * 1000;
    }
    if (m_index.contains(job.id))
        removeJob(job.id);
    const QString added = job.id;
    append(std::move(job));
    return added;
}

void Simulator::setJobState(const QString& id, const QString& state)
{
    const int row = m_index.value(id, -1);
    if (row < 0)
        return;
    const quint8 code = stateCode(state);
    SimJob& job = m_jobs[row];
    job.stalled = false;
    const qint64 t = now();
    if (code == Active) {
        job.processedOn = t;
        job.attemptsMade = qMax(1, job.attemptsMade + 1);
        job.readyAt = t + 3600 * 1000;
    } else if (isFinal(code)) {
        job.finishedOn = t;
        if (code == Failed && job.reason == 0 && job.reasonDetail == 0)
            job.reasonDetail = (4411u << 16) | 31u;
    }
    changeState(row, code);
}

void Simulator::setJobTimes(const QString& id, qint64 processedOn, qint64 finishedOn)
{
    const int row = m_index.value(id, -1);
    if (row < 0)
        return;
    m_jobs[row].processedOn = processedOn;
    m_jobs[row].finishedOn = finishedOn;
}

QString Simulator::startNext()
{
    if (m_rowsByState[Waiting].empty())
        return QString();
    const int row = m_rowsByState[Waiting].front(); // FIFO: the oldest waiting job
    SimJob& job = m_jobs[row];
    job.processedOn = now();
    ++job.attemptsMade;
    job.readyAt = job.processedOn + 3600 * 1000; // a control's job runs until a control ends it
    job.willFail = false;
    changeState(row, Active);
    return job.id;
}

QString Simulator::failOne()
{
    std::vector<int> running;
    for (const int row : m_rowsByState[Active]) {
        if (!m_jobs.at(row).stalled)
            running.push_back(row);
    }
    if (running.empty()) {
        const QString started = startNext();
        if (started.isEmpty())
            return QString();
        running.push_back(m_index.value(started));
    }
    const int row = running.at(m_random.bounded(static_cast<quint32>(running.size())));
    SimJob& job = m_jobs[row];
    job.finishedOn = now();
    if (job.processedOn <= 0)
        job.processedOn = job.finishedOn;
    pickFailure(job);
    changeState(row, Failed);
    return job.id;
}

QString Simulator::jobState(const QString& id) const
{
    const int row = m_index.value(id, -1);
    return row < 0 ? QString() : m_stateNames.at(m_jobs.at(row).state);
}

void Simulator::reindex()
{
    m_index.clear();
    m_index.reserve(m_jobs.size());
    for (std::vector<int>& rows : m_rowsByState)
        rows.clear();
    for (int i = 0; i < m_jobs.size(); ++i) {
        m_index.insert(m_jobs.at(i).id, i);
        m_rowsByState[m_jobs.at(i).state].push_back(i);
    }
    for (std::vector<int>& rows : m_rowsByState)
        std::sort(rows.begin(), rows.end(),
                  [this](int a, int b) { return m_jobs.at(a).entered < m_jobs.at(b).entered; });
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
    for (std::vector<int>& rows : m_rowsByState)
        rows.clear();
}

void Simulator::retire()
{
    const qsizetype finished =
        m_rowsByState[Completed].size() + m_rowsByState[Failed].size() + m_rowsByState[Cancelled].size();
    qsizetype excess = finished - m_options.retainFinished;
    // Retiring rewrites the whole queue, so it waits for a batch instead of running on every tick that
    // finishes a job: with a million jobs that is the difference between idle and busy.
    if (excess <= 0 || excess <= m_options.retainFinished / 16)
        return;
    // The ones that finished first go, as BullMQ's removeOnComplete/removeOnFail keep the newest: taken
    // from the fronts of the finished lists (each oldest entry first), the oldest entry of the three first.
    std::vector<char> drop(static_cast<size_t>(m_jobs.size()), 0);
    std::array<size_t, 3> next{};
    const std::array<quint8, 3> finals{Completed, Failed, Cancelled};
    for (qsizetype left = excess; left > 0; --left) {
        int pick = -1;
        for (int f = 0; f < 3; ++f) {
            const std::vector<int>& rows = m_rowsByState[finals[f]];
            if (next[f] < rows.size() &&
                (pick < 0 || m_jobs.at(rows[next[f]]).entered <
                                 m_jobs.at(m_rowsByState[finals[pick]][next[pick]]).entered))
                pick = f;
        }
        if (pick < 0)
            break;
        drop[static_cast<size_t>(m_rowsByState[finals[pick]][next[pick]++])] = 1;
    }
    QList<SimJob> kept;
    kept.reserve(m_jobs.size() - excess);
    for (qsizetype i = 0; i < m_jobs.size(); ++i) {
        if (!drop[static_cast<size_t>(i)])
            kept.append(std::move(m_jobs[i]));
    }
    m_jobs = std::move(kept);
    reindex();
}

void Simulator::advance()
{
    const qint64 t = now();
    int busy = 0;
    const std::vector<int> active = m_rowsByState[Active]; // a copy: finishing edits the list
    for (const int row : active) {
        SimJob& job = m_jobs[row];
        if (job.stalled)
            continue;
        if (job.readyAt > 0 && job.readyAt <= t) {
            job.finishedOn = t;
            if (job.willFail)
                pickFailure(job);
            changeState(row, job.willFail ? Failed : Completed);
        } else {
            ++busy;
        }
    }
    std::vector<int> due;
    for (const int row : m_rowsByState[Delayed]) {
        const SimJob& job = m_jobs.at(row);
        if (job.readyAt > 0 && job.readyAt <= t)
            due.push_back(row);
    }
    moveRows(due, Delayed, Waiting);
    // The oldest waiting job goes first, as in a FIFO queue.
    while (busy < m_options.maxActive && !m_rowsByState[Waiting].empty()) {
        const int row = m_rowsByState[Waiting].front();
        SimJob& job = m_jobs[row];
        job.processedOn = t;
        ++job.attemptsMade;
        job.readyAt = t + 2000 + m_random.bounded(10000);
        changeState(row, Active);
        ++busy;
    }
    // New work keeps arriving, sometimes in bursts, as long as the queue has room.
    const int roll = m_random.bounded(100);
    const int arrivals = roll < 45 ? 0 : roll < 90 ? 1 : 3;
    for (int i = 0; i < arrivals && m_jobs.size() < m_options.maxJobs; ++i) {
        const bool delay = m_random.bounded(100) < 20;
        SimJob job = makeJob(delay ? Delayed : Waiting);
        if (delay)
            job.readyAt = t + 5000 + m_random.bounded(40000);
        append(std::move(job));
    }
    retire();
}

void Simulator::writeEntry(QByteArray& out, const SimJob& job) const
{
    out += "{\"jobId\":";
    writeString(out, job.id);
    out += ",\"status\":";
    writeString(out, m_stateNames.at(job.state));
    out += ",\"attemptsMade\":";
    out += QByteArray::number(job.attemptsMade);
    const QString reason = failedReason(job);
    if (!reason.isEmpty()) {
        out += ",\"failedReason\":";
        writeString(out, reason);
    }
    if (job.processedOn > 0) {
        out += ",\"processedOn\":";
        out += QByteArray::number(job.processedOn);
    }
    if (job.finishedOn > 0) {
        out += ",\"finishedOn\":";
        out += QByteArray::number(job.finishedOn);
    }
    out += ",\"data\":";
    writeData(out, job);
    out += '}';
}

void Simulator::note(const QHttpServerRequest& request, const QString& id)
{
    qCDebug(lcSimulator) << request.url().toEncoded() << id;
    ++m_requestCount;
    m_lastRawPath = request.url().toEncoded(QUrl::RemoveScheme | QUrl::RemoveAuthority);
    m_lastJobId = id;
    m_lastUserAgent = request.value("User-Agent");
}

// Bound to 127.0.0.1 the server is out of other machines' reach, but not out of a web page's: a page
// whose own name is rebound to 127.0.0.1 can send requests here, and its browser will name that page's
// host in Host. Only requests that name this server as loopback are its caller's.
bool Simulator::hostAllowed(const QHttpServerRequest& request) const
{
    QByteArray host;
    int count = 0;
    const auto headers = request.headers();
    for (const auto& header : headers) {
        if (header.first.compare("host", Qt::CaseInsensitive) == 0) {
            host = header.second.trimmed().toLower();
            ++count;
        }
    }
    if (count != 1)
        return false;
    QByteArray name = host;
    const QByteArray port = ':' + QByteArray::number(m_port);
    if (host.endsWith(port))
        name.chop(port.size());
    else if (m_port != 80) // a client leaves out only the scheme's default port
        return false;
    return name == "127.0.0.1" || name == "localhost" || name == "[::1]";
}

int Simulator::accountRetryAfter()
{
    if (m_options.accountLimit <= 0)
        return -1;
    if (!m_accountClock.isValid())
        m_accountClock.start();
    const qint64 now = m_accountClock.elapsed();
    constexpr qint64 Minute = 60 * 1000;
    while (!m_accountAnswered.empty() && now - m_accountAnswered.front() >= Minute)
        m_accountAnswered.pop_front();
    if (static_cast<int>(m_accountAnswered.size()) >= m_options.accountLimit) {
        ++m_accountLimited;
        const qint64 blocking =
            m_accountAnswered.at(m_accountAnswered.size() - static_cast<size_t>(m_options.accountLimit));
        return static_cast<int>(qMax<qint64>(1, (blocking + Minute - now + 999) / 1000));
    }
    m_accountAnswered.push_back(now);
    return -1;
}

std::unique_ptr<QHttpServerResponse> Simulator::gate(const QHttpServerRequest& request, int endpoint)
{
    {
        const QByteArray authorization = request.value("Authorization");
        m_lastToken = authorization.startsWith("Bearer ") ? QString::fromUtf8(authorization.mid(7)).trimmed()
                                                          : QString();
        if (m_lastToken == m_options.token || m_extraTokens.contains(m_lastToken))
            m_tokenCounts[m_lastToken]; // counted from now on
    }
    if (const int retryAfter = accountRetryAfter(); retryAfter >= 0) {
        const auto counts = m_tokenCounts.find(m_lastToken);
        if (counts != m_tokenCounts.end())
            ++counts->rateLimited;
        auto response = std::make_unique<QHttpServerResponse>(
            json(plainError(QStringLiteral("Too many requests: the account's limit of %1 a minute is reached")
                                .arg(m_options.accountLimit),
                            429),
                 429));
        response->setHeader("Retry-After", QByteArray::number(retryAfter));
        return response;
    }
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
    if (token.isEmpty() || (token != m_options.token && !m_extraTokens.contains(token)))
        return fail(401, QStringLiteral("Unauthorized"), QStringLiteral("UNAUTHORIZED"));
    return nullptr;
}

QHttpServerResponse Simulator::handleList(const QHttpServerRequest& request)
{
    note(request, QString());
    ++m_listRequestCount;
    if (!hostAllowed(request))
        return misdirected(m_port);
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

    const auto fault = m_listFaults.find(offset);
    if (fault != m_listFaults.end()) {
        const ListFault injected = fault.value();
        if (--fault.value().remaining <= 0)
            m_listFaults.erase(fault);
        QHttpServerResponse response = listFault(injected.status);
        if (!injected.retryAfter.isEmpty())
            response.setHeader("Retry-After", injected.retryAfter);
        return response;
    }

    // A page is a slice: of the queue itself for all, of the state's rows for one type. Never a walk
    // from the start, which made listing a million jobs take quadratic time.
    const std::vector<int>* rows = nullptr;
    qsizetype available = m_jobs.size();
    if (!type.isEmpty() && type != QLatin1String("all")) {
        const qsizetype code = m_stateNames.indexOf(type);
        rows = code >= 0 ? &m_rowsByState[code] : nullptr;
        available = rows ? static_cast<qsizetype>(rows->size()) : 0;
    }
    if (!m_lastToken.isEmpty()) {
        const auto counts = m_tokenCounts.find(m_lastToken);
        if (counts != m_tokenCounts.end())
            ++counts->listRequests;
    }
    // Newest first (BullMQ's asc=false): position i from the back of the queue or of the state's list.
    const bool newestFirst = m_options.newestFirst;
    QByteArray page = "{\"success\":true,\"jobs\":[";
    for (qsizetype i = offset; i < available && i < qsizetype(offset) + limit; ++i) {
        if (i > offset)
            page += ',';
        const qsizetype at = newestFirst ? available - 1 - i : i;
        writeEntry(page, m_jobs.at(rows ? rows->at(at) : at));
    }
    page += "]}";
    return QHttpServerResponse(QByteArrayLiteral("application/json"), page);
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
    if (!hostAllowed(request))
        return misdirected(m_port);
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
    QByteArray entry;
    writeEntry(entry, job);
    QJsonObject body = QJsonDocument::fromJson(entry).object();
    body.remove(QStringLiteral("data"));
    body.insert(QStringLiteral("success"), true);
    if (job.state == Completed)
        body.insert(QStringLiteral("result"), QJsonObject{{QStringLiteral("documentsAdded"), 1}});
    return json(body, 200);
}

void Simulator::setNextCancelOutcome(CancelOutcome outcome)
{
    if (m_nextCancel == outcome)
        return;
    m_nextCancel = outcome;
    emit nextCancelOutcomeChanged(outcome);
}

std::optional<Simulator::CancelOutcome> Simulator::cancelOutcomeFromName(const QString& name)
{
    if (name == QLatin1String("running"))
        return CancelOutcome::Running;
    if (name == QLatin1String("gone"))
        return CancelOutcome::Gone;
    if (name == QLatin1String("normal"))
        return CancelOutcome::Normal;
    return std::nullopt;
}

QHttpServerResponse Simulator::handleCancel(const QString&, const QHttpServerRequest& request)
{
    if (!hostAllowed(request))
        return misdirected(m_port);
    const std::optional<QString> segment = jobIdFromPath(request, "/cancel");
    if (!segment)
        return noSuchPath();
    const QString id = *segment;
    note(request, id);
    ++m_cancelRequestCount;
    if (auto failure = gate(request, CancelEndpoint))
        return std::move(*failure);
    if (!isValidJobId(id))
        return json(plainError(QStringLiteral("Invalid job id"), 400), 400);
    if (m_nextCancel != CancelOutcome::Normal) {
        // The demo's outcome on demand, made true of the job too: a look-up after the answer agrees.
        const CancelOutcome outcome = m_nextCancel;
        setNextCancelOutcome(CancelOutcome::Normal);
        if (outcome == CancelOutcome::Running) {
            if (hasJob(id))
                setJobState(id, QStringLiteral("active"));
            return json({{QStringLiteral("error"), QString::fromLatin1(ConflictMessage)}}, 409);
        }
        removeJob(id);
        return json(plainError(QStringLiteral("Job not found"), 404), 404);
    }
    const int row = m_index.value(id, -1);
    if (row < 0)
        return json(plainError(QStringLiteral("Job not found"), 404), 404);
    SimJob& job = m_jobs[row];
    const QString state = m_stateNames.at(job.state);
    if (job.state == Active || state == QLatin1String("waiting-children"))
        return json({{QStringLiteral("error"), QString::fromLatin1(ConflictMessage)}}, 409);
    if (job.state == Completed || job.state == Failed)
        return json(plainError(QStringLiteral("Job not found or already %1").arg(state), 404), 404);
    if (job.state == Cancelled)
        return json(plainError(QStringLiteral("Job not found or already cancelled"), 404), 404);
    job.finishedOn = now();
    changeState(row, Cancelled);
    return json({{QStringLiteral("success"), true},
                 {QStringLiteral("jobId"), job.id},
                 {QStringLiteral("status"), QStringLiteral("cancelled")},
                 {QStringLiteral("message"), QStringLiteral("Job cancelled successfully")}},
                200);
}

QHttpServerResponse Simulator::handleAdd(const QHttpServerRequest& request)
{
    note(request, QString());
    if (!hostAllowed(request))
        return misdirected(m_port);
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
    // A full queue answers 429 with Retry-After: the contract documents no 503 anywhere, while 429 is
    // the platform's documented answer to a caller asking for more than it may (README: limits), and
    // every client already waits and retries on it. Its body takes the shape of this endpoint's errors.
    if (m_jobs.size() >= m_options.maxJobs) {
        QHttpServerResponse response =
            json(plainError(
                     QStringLiteral("Queue is full: %1 jobs are queued. Try again later.").arg(m_jobs.size()),
                     429),
                 429);
        response.setHeader("Retry-After", "30");
        return response;
    }
    SimJob job = makeJob(Waiting);
    QJsonObject data = body;
    data.remove(QStringLiteral("documents")); // the payload can be large; the queue keeps a reference
    job.customData = data;
    const QString id = job.id;
    append(std::move(job));
    return json({{QStringLiteral("queued"), true}, {QStringLiteral("jobId"), id}}, 201);
}

// For benchmarks that run the simulator in another process: make changes at moments they choose and read
// what the simulator counted. Not part of the contract; off unless asked for (Options::control).
QHttpServerResponse Simulator::handleControl(const QString& action, const QHttpServerRequest& request)
{
    if (!hostAllowed(request))
        return misdirected(m_port);
    if (!m_options.control || request.value("Authorization") != "Bearer " + m_options.token.toUtf8())
        return noSuchPath();
    const QUrlQuery query = request.query();
    if (action == QLatin1String("change")) {
        const QString to = query.queryItemValue(QStringLiteral("to"));
        const int count = qBound(1, query.queryItemValue(QStringLiteral("count")).toInt(), 1000);
        QJsonArray changes;
        for (int i = 0; i < count; ++i) {
            const bool fail =
                to == QLatin1String("failed") || (to != QLatin1String("active") && m_random.bounded(2) == 0);
            const QString id = fail ? failOne() : startNext();
            if (id.isEmpty())
                continue;
            changes.append(QJsonObject{{QStringLiteral("jobId"), id},
                                       {QStringLiteral("to"), jobState(id)},
                                       {QStringLiteral("at"), static_cast<double>(now())}});
        }
        return json({{QStringLiteral("changes"), changes}}, 200);
    }
    if (action == QLatin1String("next-cancel")) {
        const std::optional<CancelOutcome> outcome =
            cancelOutcomeFromName(query.queryItemValue(QStringLiteral("outcome")));
        if (!outcome)
            return json(plainError(QStringLiteral("outcome=running|gone|normal is required"), 400), 400);
        setNextCancelOutcome(*outcome);
        return json({{QStringLiteral("success"), true}}, 200);
    }
    if (action == QLatin1String("token")) {
        const QString token = query.queryItemValue(QStringLiteral("add"));
        if (token.isEmpty())
            return json(plainError(QStringLiteral("add=TOKEN is required"), 400), 400);
        addToken(token);
        return json({{QStringLiteral("success"), true}}, 200);
    }
    if (action == QLatin1String("stats")) {
        QJsonObject tokens;
        for (auto it = m_tokenCounts.cbegin(); it != m_tokenCounts.cend(); ++it)
            tokens.insert(it.key(), QJsonObject{{QStringLiteral("listRequests"), it->listRequests},
                                                {QStringLiteral("rateLimited"), it->rateLimited}});
        return json({{QStringLiteral("requests"), m_requestCount},
                     {QStringLiteral("listRequests"), m_listRequestCount},
                     {QStringLiteral("accountLimited"), m_accountLimited},
                     {QStringLiteral("jobs"), jobCount()},
                     {QStringLiteral("now"), static_cast<double>(now())},
                     {QStringLiteral("tokens"), tokens}},
                    200);
    }
    return noSuchPath();
}

void Simulator::respondLater(QHttpServerResponse&& response, QHttpServerResponder&& responder)
{
    if (m_options.pageLatencyMs <= 0) {
        response.write(std::move(responder));
        return;
    }
    // The page is read now (the state at the request's arrival) and sent later from a timer, so that the
    // wait blocks nothing: Qt 6.4's QHttpServer lets a handler keep its responder and write it afterwards.
    // A client that went meanwhile (an aborted read ahead) has its socket deleted: nothing is written then.
    struct Pending
    {
        QHttpServerResponse response;
        QHttpServerResponder responder;
        QPointer<QTcpSocket> socket;
    };
    auto pending = std::make_shared<Pending>(Pending{std::move(response), std::move(responder), nullptr});
    pending->socket = pending->responder.socket();
    QTimer::singleShot(m_options.pageLatencyMs, Qt::PreciseTimer, this, [this, pending] {
        if (pending->socket && pending->socket->state() == QAbstractSocket::ConnectedState)
            pending->response.write(std::move(pending->responder));
        else
            ++m_listAnswersDropped;
    });
}

void Simulator::setup()
{
    using Method = QHttpServerRequest::Method;
    // Job ids may hold any character, "/" included once decoded: let <arg> take all of it.
    m_server->router()->addConverter(QMetaType::fromType<QString>(), QLatin1String(".+"));
    m_server->route(QStringLiteral("/api/v1/context/add-async/status"), Method::Get,
                    [this](const QHttpServerRequest& request, QHttpServerResponder&& responder) {
                        respondLater(handleList(request), std::move(responder));
                    });
    m_server->route(
        QStringLiteral("/api/v1/context/add-async/<arg>/status"), Method::Get,
        [this](const QString& id, const QHttpServerRequest& request) { return handleStatus(id, request); });
    m_server->route(
        QStringLiteral("/api/v1/context/add-async/<arg>/cancel"), Method::Delete,
        [this](const QString& id, const QHttpServerRequest& request) { return handleCancel(id, request); });
    m_server->route(QStringLiteral("/api/v1/context/add-async"), Method::Post,
                    [this](const QHttpServerRequest& request) { return handleAdd(request); });
    m_server->route(QStringLiteral("/_simulator/<arg>"), Method::Post | Method::Get,
                    [this](const QString& action, const QHttpServerRequest& request) {
                        return handleControl(action, request);
                    });
    // Every other request, too, is refused unless it names this server.
    m_server->setMissingHandler([this](const QHttpServerRequest& request, QHttpServerResponder&& responder) {
        if (!hostAllowed(request))
            misdirected(m_port).write(std::move(responder));
        else
            responder.write(QHttpServerResponder::StatusCode::NotFound);
    });
}

} // namespace Alchemyst
