#include "cancelbatch.h"

#include "api/apiclient.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QPointer>
#include <QSet>
#include <algorithm>
#include <limits>

namespace Alchemyst {

Q_LOGGING_CATEGORY(lcBatch, "alchemyst.batch", QtWarningMsg)

namespace {

const QLatin1String NotSentName("not-sent");
const QLatin1String SkippedName("skipped");

// Why a job of this state is not sent; empty when it is.
QString skipReason(const QString& state)
{
    switch (categoryOf(state)) {
    case StateCategory::Waiting:
    case StateCategory::Delayed:
        return {};
    case StateCategory::Active:
        return CancelBatch::tr("running: the server would refuse with 409");
    case StateCategory::Completed:
    case StateCategory::Failed:
    case StateCategory::Cancelled:
        return CancelBatch::tr("nothing to cancel: already %1").arg(state);
    case StateCategory::Other:
        break;
    }
    // Not "already": prioritized or waiting-children are not over, the server just does not cancel them.
    if (state.isEmpty())
        return CancelBatch::tr("not cancellable: the state is unknown");
    return CancelBatch::tr("not cancellable: only waiting and delayed jobs are, this one is %1").arg(state);
}

// Adds one job to the group of that name, kept in first-seen order.
void count(QList<CancelPreview::Group>& groups, QHash<QString, qsizetype>& index, const QString& name,
           bool toSend)
{
    auto it = index.constFind(name);
    if (it == index.constEnd()) {
        it = index.insert(name, groups.size());
        groups.append(CancelPreview::Group{name, 0, 0});
    }
    CancelPreview::Group& group = groups[*it];
    ++group.total;
    if (toSend)
        ++group.toSend;
}

void mostFrequentFirst(QList<CancelPreview::Group>& groups)
{
    std::stable_sort(
        groups.begin(), groups.end(),
        [](const CancelPreview::Group& a, const CancelPreview::Group& b) { return a.total > b.total; });
}

} // namespace

// What an answer needs to be journaled, shared with the callbacks in flight so that an answer arriving
// after the batch was destroyed is still recorded.
struct CancelBatch::Shared
{
    std::optional<Journal> journal;
    QString environment;
    QString server;
    QString origin;

    JournalEntry entry(const ReceiptLine& line) const
    {
        JournalEntry entry;
        entry.time = QDateTime::currentDateTimeUtc();
        entry.environment = environment;
        entry.server = server;
        entry.jobId = line.id;
        entry.stateBefore = line.stateBefore;
        entry.httpStatus = line.httpStatus;
        entry.outcome = line.outcomeName();
        entry.message = line.message;
        entry.origin = origin;
        return entry;
    }

    // True when recorded, or when there is no journal by the operator's choice.
    bool record(const QList<ReceiptLine>& lines, QString* error) const
    {
        if (!journal)
            return true;
        QList<JournalEntry> entries;
        for (const ReceiptLine& line : lines)
            entries.append(entry(line));
        return journal->append(entries, error);
    }
};

QString ReceiptLine::outcomeName() const
{
    switch (kind) {
    case Kind::Sent:
        return Alchemyst::outcomeName(outcome);
    case Kind::NotSent:
        return NotSentName;
    case Kind::Skipped:
        return SkippedName;
    }
    return NotSentName;
}

QJsonObject ReceiptLine::toJson() const
{
    return {
        {QStringLiteral("id"), id},
        {QStringLiteral("stateBefore"), stateBefore},
        {QStringLiteral("httpStatus"), httpStatus},
        {QStringLiteral("outcome"), outcomeName()},
        {QStringLiteral("message"), message},
    };
}

CancelBatch::CancelBatch(ApiClient* client, const Journal* journal, const QString& environment,
                         const QString& server, CancelOrigin origin, QObject* parent)
    : QObject(parent)
    , m_client(client)
    , m_shared(std::make_shared<Shared>())
    , m_pacer(DefaultRequestsPerWindow, DefaultWindowMs)
{
    Q_ASSERT(client);
    if (journal)
        m_shared->journal = *journal;
    m_shared->environment = environment;
    m_shared->server = server;
    m_shared->origin = originName(origin);
    m_paceTimer.setSingleShot(true);
    connect(&m_paceTimer, &QTimer::timeout, this, &CancelBatch::pump);
}

CancelBatch::~CancelBatch()
{
    // The jobs not sent yet are recorded as such; nobody is listening any more.
    if (m_started && !m_finished) {
        blockSignals(true);
        stop();
    }
}

CancelPreview CancelBatch::preview(const JobList& selection)
{
    CancelPreview preview;
    QSet<QString> seen;
    QHash<QString, qsizetype> reasonIndex;
    QHash<QString, qsizetype> stateIndex;
    QHash<QString, qsizetype> sourceIndex;
    for (const Job& job : selection) {
        if (seen.contains(job.id))
            continue;
        seen.insert(job.id);
        ++preview.total;
        const QString reason = skipReason(job.state);
        const bool toSend = reason.isEmpty();
        count(preview.byState, stateIndex, job.state, toSend);
        count(preview.bySource, sourceIndex, job.source, toSend);
        if (toSend) {
            ++preview.toSend;
            preview.sendList.append(job);
            continue;
        }
        ++preview.skipped;
        count(preview.reasons, reasonIndex, reason, false);
        ReceiptLine line;
        line.id = job.id;
        line.stateBefore = job.state;
        line.kind = ReceiptLine::Kind::Skipped;
        line.message = reason;
        preview.skippedLines.append(line);
    }
    mostFrequentFirst(preview.reasons);
    mostFrequentFirst(preview.byState);
    mostFrequentFirst(preview.bySource);
    return preview;
}

bool CancelBatch::start(const JobList& jobs)
{
    if (m_started)
        return false;
    m_started = true;
    const CancelPreview plan = preview(jobs);
    QHash<QString, ReceiptLine> skipped;
    for (const ReceiptLine& line : plan.skippedLines)
        skipped.insert(line.id, line);
    QSet<QString> seen;
    for (const Job& job : jobs) {
        if (seen.contains(job.id))
            continue;
        seen.insert(job.id);
        const auto it = skipped.constFind(job.id);
        if (it != skipped.constEnd()) {
            m_lines.append(*it);
            continue;
        }
        ReceiptLine line;
        line.id = job.id;
        line.stateBefore = job.state;
        line.kind = ReceiptLine::Kind::NotSent;
        m_queue.append(static_cast<int>(m_lines.size()));
        m_unsettled.insert(job.id);
        m_lines.append(line);
    }
    m_total = static_cast<int>(m_queue.size());
    // From the event loop: the caller gets start()'s answer before any signal, also for an empty batch.
    QMetaObject::invokeMethod(this, &CancelBatch::pump, Qt::QueuedConnection);
    return true;
}

void CancelBatch::stop()
{
    if (!m_started || m_finished)
        return;
    m_stopped = true;
    m_paceTimer.stop();
    QList<int> rows;
    for (; m_next < m_queue.size(); ++m_next)
        rows.append(m_queue.at(m_next));
    QList<ReceiptLine> lines;
    for (int row : rows) {
        ReceiptLine line = m_lines.at(row);
        line.kind = ReceiptLine::Kind::NotSent;
        line.message = CancelBatch::tr("Stopped before it was sent.");
        lines.append(line);
    }
    if (!lines.isEmpty()) {
        // All in one append: a stop must not cost one disk sync per job left.
        QString error;
        if (!m_shared->record(lines, &error)) {
            ++m_journalFailures;
            emit journalFailed(error);
        }
        for (qsizetype i = 0; i < rows.size(); ++i)
            settle(rows.at(i), lines.at(i));
    }
    // Later, not now: stop() is often called from a slot of jobFinished, and finished() must come after
    // the signals of that answer, not in the middle of them.
    QMetaObject::invokeMethod(this, &CancelBatch::maybeFinish, Qt::QueuedConnection);
}

void CancelBatch::pump()
{
    if (!m_client && !m_stopped) {
        stop();
        return;
    }
    while (!m_stopped && m_pending.size() < Concurrency && m_next < m_queue.size()) {
        const qint64 wait = m_pacer.delayMs();
        if (wait > 0) {
            m_paceTimer.start(static_cast<int>(qMin<qint64>(wait, std::numeric_limits<int>::max())));
            return;
        }
        send(m_queue.at(m_next++));
    }
    maybeFinish();
}

void CancelBatch::send(int row)
{
    const quint64 token = ++m_nextToken;
    m_pending.insert(token, row);
    m_pacer.record();
    const ReceiptLine pending = m_lines.at(row);
    QPointer<CancelBatch> self(this);
    std::shared_ptr<Shared> shared = m_shared;
    m_client->cancelJob(pending.id, [self, shared, token, pending](const ApiResult& result) {
        ReceiptLine line = pending;
        line.kind = ReceiptLine::Kind::Sent;
        line.outcome = result.outcome;
        line.httpStatus = result.httpStatus;
        line.message = result.message;
        if (self)
            self->onAnswer(token, line);
        else // the batch is gone (its window closed): the answer still goes into the journal
            shared->record({line}, nullptr);
    });
    // The client forgets the callbacks of requests it aborts (abortAll): such a cancel must not keep the
    // batch from finishing.
    QTimer::singleShot(m_client->timeout() + m_answerGraceMs, this, [this, token] { onOverdue(token); });
}

void CancelBatch::onAnswer(quint64 token, const ReceiptLine& line)
{
    QString error;
    const bool recorded = m_shared->record({line}, &error);
    const auto it = m_pending.find(token);
    if (it == m_pending.end()) {
        // Given up by onOverdue already, the receipt says so; the journal gets what the server said too.
        qCWarning(lcBatch) << "late answer to the cancel of" << line.id << line.outcomeName()
                           << line.httpStatus;
    } else {
        const int row = *it;
        m_pending.erase(it);
        if (!recorded) {
            ++m_journalFailures;
            emit journalFailed(error);
        }
        settle(row, line);
    }
    pump();
}

void CancelBatch::onOverdue(quint64 token)
{
    const auto it = m_pending.find(token);
    if (it == m_pending.end())
        return;
    const int row = *it;
    m_pending.erase(it);
    ReceiptLine line = m_lines.at(row);
    line.kind = ReceiptLine::Kind::Sent;
    line.outcome = Outcome::Timeout;
    line.httpStatus = 0;
    line.message = CancelBatch::tr(
        "No answer came (the request was abandoned): the job may or may not have been cancelled.");
    QString error;
    if (!m_shared->record({line}, &error)) {
        ++m_journalFailures;
        emit journalFailed(error);
    }
    settle(row, line);
    pump();
}

void CancelBatch::settle(int row, const ReceiptLine& line)
{
    m_lines[row] = line;
    m_unsettled.remove(line.id);
    ++m_done;
    emit jobFinished(line.id, line);
    emit progressChanged(m_done, m_total);
}

void CancelBatch::maybeFinish()
{
    if (!m_started || m_finished || !m_pending.isEmpty())
        return;
    if (!m_stopped && m_next < m_queue.size())
        return;
    m_finished = true;
    emit finished();
}

int CancelBatch::exitCode() const
{
    int code = 0;
    for (const ReceiptLine& line : m_lines) {
        if (line.kind == ReceiptLine::Kind::Sent)
            code = qMax(code, exitCodeFor(line.outcome));
        else if (line.kind == ReceiptLine::Kind::NotSent)
            code = qMax(code, exitCodeFor(Outcome::Stopped));
    }
    return code;
}

QByteArray CancelBatch::receiptToCsv(const QList<ReceiptLine>& lines)
{
    QByteArray out = "id,stateBefore,httpStatus,outcome,message\r\n";
    for (const ReceiptLine& line : lines) {
        out += csvField(line.id) + ',' + csvField(line.stateBefore) + ',' +
               QByteArray::number(line.httpStatus) + ',' + csvField(line.outcomeName()) + ',' +
               csvField(line.message) + "\r\n";
    }
    return out;
}

QByteArray CancelBatch::receiptToJson(const QList<ReceiptLine>& lines)
{
    QJsonArray array;
    for (const ReceiptLine& line : lines)
        array.append(line.toJson());
    return QJsonDocument(array).toJson(QJsonDocument::Indented);
}

} // namespace Alchemyst
