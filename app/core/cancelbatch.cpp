#include "cancelbatch.h"

#include "api/apiclient.h"
#include "jobs/jobjson.h"

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

    JournalEntry entry(const ReceiptLine& line, const QString& attempt = QString()) const
    {
        JournalEntry entry;
        entry.attempt = attempt;
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
    bool record(const QList<ReceiptLine>& lines, QString* error, const QString& attempt = QString()) const
    {
        if (!journal)
            return true;
        QList<JournalEntry> entries;
        for (const ReceiptLine& line : lines)
            entries.append(entry(line, attempt));
        return journal->append(entries, error);
    }

    // The line written before a DELETE goes: the attempt is known before its answer can be.
    bool recordSending(const ReceiptLine& line, const QString& attempt, QString* error) const
    {
        if (!journal)
            return true;
        JournalEntry sending = entry(line, attempt);
        sending.outcome = sendingOutcomeName();
        sending.httpStatus = 0;
        sending.message.clear();
        return journal->append(sending, error);
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

QString ReceiptLine::outcomeText() const
{
    switch (kind) {
    case Kind::NotSent:
        // The server's word for the state, as the receipt's state column shows it.
        return stateNow.isEmpty() ? CancelBatch::tr("Not sent")
                                  : CancelBatch::tr("Not sent: now %1").arg(stateNow);
    case Kind::Skipped:
        return CancelBatch::tr("Skipped");
    case Kind::Sent:
        break;
    }
    switch (outcome) {
    case Outcome::Ok:
    case Outcome::Cancelled:
        return CancelBatch::tr("Cancelled");
    case Outcome::Conflict:
        return CancelBatch::tr("Refused: running");
    case Outcome::NotFound:
        return CancelBatch::tr("Refused: not found");
    case Outcome::InvalidId:
        return CancelBatch::tr("Refused: invalid id");
    case Outcome::Unauthorized:
        return CancelBatch::tr("Refused: key not accepted");
    case Outcome::PaymentRequired:
        return CancelBatch::tr("Refused: payment required");
    case Outcome::Forbidden:
        return CancelBatch::tr("Refused: forbidden");
    case Outcome::RateLimited:
        return CancelBatch::tr("Refused: rate limited");
    case Outcome::ServerError:
        return CancelBatch::tr("Server error");
    case Outcome::Timeout:
        return CancelBatch::tr("No answer: timeout");
    case Outcome::NetworkError:
        return CancelBatch::tr("No answer: network error");
    case Outcome::MalformedResponse:
        return CancelBatch::tr("Unclear answer");
    case Outcome::InsecureUrl:
        return CancelBatch::tr("Not sent: insecure URL");
    case Outcome::Stopped:
        return CancelBatch::tr("Stopped");
    }
    return outcomeName();
}

QJsonObject ReceiptLine::toJson() const
{
    // The one receipt line of the window's export and of `cancel --json` (app/cli/cancelsend.cpp), in the
    // vocabulary of the other commands (jobs/jobjson.h).
    return {
        {QStringLiteral("jobId"), id},
        {QStringLiteral("status"), jsonTextOrNull(stateBefore)},
        {QStringLiteral("httpStatus"), httpStatus > 0 ? QJsonValue(httpStatus) : QJsonValue()},
        {QStringLiteral("outcome"), outcomeName()},
        {QStringLiteral("message"), jsonTextOrNull(message)},
        // The previous release's names, kept for one release (README: "JSON").
        {QStringLiteral("id"), id},
        {QStringLiteral("stateBefore"), stateBefore},
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
    m_pacer.setSpread(true); // a batch spreads its share of the budget instead of bursting
    m_pacer.setDefaultPurpose(RequestPacer::Purpose::Cancel); // the budget meter says what spent it
    m_paceTimer.setSingleShot(true);
    connect(&m_paceTimer, &QTimer::timeout, this, &CancelBatch::pump);
}

CancelBatch::~CancelBatch()
{
    // The jobs not sent yet are recorded as such; nobody is listening any more.
    if (m_started && !m_finished) {
        blockSignals(true);
        stop();
        // A state check's answer will not come back to a batch that is gone, and no cancel of it went out:
        // recorded as not sent now, like the rest.
        const QList<quint64> checks(m_checks.cbegin(), m_checks.cend());
        for (const quint64 token : checks) {
            const int row = m_pending.take(token);
            ReceiptLine line = m_lines.at(row);
            line.kind = ReceiptLine::Kind::NotSent;
            line.message = CancelBatch::tr("Stopped before it was sent.");
            settleUnsent(row, line);
        }
        m_checks.clear();
    }
}

QString CancelBatch::skipReason(const QString& state)
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
    const CancelPreview preview = CancelBatch::preview(jobs);
    QHash<QString, ReceiptLine> skipped;
    for (const ReceiptLine& line : preview.skippedLines)
        skipped.insert(line.id, line);
    QList<ReceiptLine> lines;
    QList<bool> toSend;
    QSet<QString> seen;
    for (const Job& job : jobs) {
        if (seen.contains(job.id))
            continue;
        seen.insert(job.id);
        const auto it = skipped.constFind(job.id);
        if (it != skipped.constEnd()) {
            lines.append(*it);
            toSend.append(false);
            continue;
        }
        ReceiptLine line;
        line.id = job.id;
        line.stateBefore = job.state;
        line.kind = ReceiptLine::Kind::NotSent;
        lines.append(line);
        toSend.append(true);
    }
    plan(lines, toSend);
    return true;
}

bool CancelBatch::startIds(const QStringList& ids)
{
    if (m_started)
        return false;
    QList<ReceiptLine> lines;
    QList<bool> toSend;
    QSet<QString> seen;
    for (const QString& id : ids) {
        if (seen.contains(id))
            continue;
        seen.insert(id);
        ReceiptLine line;
        line.id = id;
        line.kind = ReceiptLine::Kind::NotSent;
        lines.append(line);
        toSend.append(true);
    }
    plan(lines, toSend);
    return true;
}

void CancelBatch::plan(const QList<ReceiptLine>& lines, const QList<bool>& toSend)
{
    m_started = true;
    for (qsizetype i = 0; i < lines.size(); ++i) {
        if (toSend.at(i)) {
            m_queue.append(static_cast<int>(m_lines.size()));
            m_unsettled.insert(lines.at(i).id);
        }
        m_lines.append(lines.at(i));
    }
    m_total = static_cast<int>(m_queue.size());
    // From the event loop: the caller gets start()'s answer before any signal, also for an empty batch.
    QMetaObject::invokeMethod(this, &CancelBatch::pump, Qt::QueuedConnection);
}

void CancelBatch::stop()
{
    stopWith(QString());
}

void CancelBatch::stopWith(const QString& reason)
{
    if (!m_started || m_finished || m_stopped)
        return;
    m_stopped = true;
    m_stopReason = reason;
    m_paceTimer.stop();
    QList<int> rows = m_ready; // checked, not sent yet
    m_ready.clear();
    for (; m_next < m_queue.size(); ++m_next)
        rows.append(m_queue.at(m_next));
    QList<ReceiptLine> lines;
    for (int row : rows) {
        ReceiptLine line = m_lines.at(row);
        line.kind = ReceiptLine::Kind::NotSent;
        line.message = reason.isEmpty() ? CancelBatch::tr("Stopped before it was sent.") : reason;
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

void CancelBatch::abandonInFlight(const QString& why)
{
    if (!m_stopped)
        stop();
    const QList<quint64> tokens = m_pending.keys();
    for (const quint64 token : tokens) {
        const int row = m_pending.take(token);
        if (m_checks.remove(token)) {
            // Only its state was being asked: no cancel of it went out.
            ReceiptLine line = m_lines.at(row);
            line.kind = ReceiptLine::Kind::NotSent;
            line.message = CancelBatch::tr("Stopped before it was sent.");
            settleUnsent(row, line);
            continue;
        }
        const QString attempt = m_attempts.take(token);
        ReceiptLine line = m_lines.at(row);
        line.kind = ReceiptLine::Kind::Sent;
        line.outcome = Outcome::Stopped;
        line.httpStatus = 0;
        line.message = why;
        QString error;
        if (!m_shared->record({line}, &error, attempt)) {
            ++m_journalFailures;
            emit journalFailed(error);
        }
        settle(row, line);
    }
    maybeFinish();
}

void CancelBatch::pump()
{
    if (!m_client && !m_stopped) {
        stop();
        return;
    }
    while (!m_stopped && m_pending.size() < Concurrency && (!m_ready.isEmpty() || m_next < m_queue.size())) {
        if (isPaused()) {
            m_paceTimer.start(static_cast<int>(qMax<qint64>(1, m_pausedUntil.remainingTime())));
            return;
        }
        const qint64 wait = m_pacer.delayMs();
        if (wait > 0) {
            m_paceTimer.start(static_cast<int>(qMin<qint64>(wait, std::numeric_limits<int>::max())));
            return;
        }
        // A job found still cancellable goes first: its check is as fresh as it will ever be.
        if (!m_ready.isEmpty()) {
            send(m_ready.takeFirst());
            continue;
        }
        const int row = m_queue.at(m_next++);
        if (m_checkFirst.contains(m_lines.at(row).id))
            check(row);
        else
            send(row);
    }
    maybeFinish();
}

void CancelBatch::settleUnsent(int row, const ReceiptLine& line)
{
    QString error;
    if (!m_shared->record({line}, &error)) {
        ++m_journalFailures;
        emit journalFailed(error);
    }
    settle(row, line);
}

void CancelBatch::check(int row)
{
    const QString id = m_lines.at(row).id;
    const quint64 token = ++m_nextToken;
    m_pending.insert(token, row);
    m_checks.insert(token);
    ++m_checkCount;
    m_pacer.record(); // the check is the cancel's cost: the same budget as the DELETEs, and the account's
    const QPointer<CancelBatch> self(this);
    m_client->fetchJob(id, [self, token](const JobResult& answer) {
        if (self)
            self->onChecked(token, answer.result, answer.job);
    });
    // The client retries a GET (MaxRetries) after a timeout: give it that long before giving up.
    QTimer::singleShot((ApiClient::MaxRetries + 1) * m_client->timeout() + m_answerGraceMs, this,
                       [this, token] { onOverdue(token); });
}

void CancelBatch::onChecked(quint64 token, const ApiResult& result, const std::optional<Job>& job)
{
    const auto it = m_pending.find(token);
    if (it == m_pending.end()) {
        pump(); // given up by onOverdue or abandonInFlight already
        return;
    }
    const int row = *it;
    m_pending.erase(it);
    m_checks.remove(token);
    ReceiptLine line = m_lines.at(row);
    line.kind = ReceiptLine::Kind::NotSent;
    if (m_stopped) {
        line.message = m_stopReason.isEmpty() ? CancelBatch::tr("Stopped before it was sent.") : m_stopReason;
        settleUnsent(row, line);
        maybeFinish();
        return;
    }
    if (result.outcome == Outcome::Ok && job) {
        if (skipReason(job->state).isEmpty()) {
            m_ready.append(row); // still waiting or delayed: the DELETE goes, in its turn of the budget
        } else {
            line.stateNow = job->state;
            line.message =
                CancelBatch::tr("Not sent: now %1 (checked first: the row was older than the refresh "
                                "interval).")
                    .arg(job->state);
            settleUnsent(row, line);
        }
        pump();
        return;
    }
    switch (result.outcome) {
    case Outcome::NotFound:
        line.message = CancelBatch::tr("Not sent: the job is no longer on the server (its state was checked "
                                       "first, the row being older than the refresh interval).");
        settleUnsent(row, line);
        break;
    case Outcome::Unauthorized:
    case Outcome::PaymentRequired:
    case Outcome::Forbidden: {
        // As a refused DELETE would: the key or the account cannot cancel, so nothing more is tried.
        const QString reason =
            CancelBatch::tr("Not sent: the server refused a status check of this batch with HTTP %1 (%2).")
                .arg(result.httpStatus)
                .arg(outcomeSentence(result.outcome));
        line.message = reason;
        settleUnsent(row, line);
        m_stopExitCode = exitCodeFor(result.outcome);
        emit refused(result, reason);
        stopWith(reason);
        break;
    }
    default:
        // Without the state the cancel is not sent: it might not be what the operator saw.
        line.message = CancelBatch::tr("Not sent: its state could not be checked first. %1")
                           .arg(result.message.isEmpty() ? outcomeSentence(result.outcome) : result.message)
                           .trimmed();
        settleUnsent(row, line);
        if (result.outcome == Outcome::RateLimited) {
            m_pacer.noteRateLimited();
            const int seconds =
                qBound(1, result.retryAfterSeconds >= 0 ? result.retryAfterSeconds : DefaultPauseSeconds,
                       MaxPauseSeconds);
            const QDeadlineTimer until(seconds * 1000LL);
            if (!isPaused() || until.deadline() > m_pausedUntil.deadline())
                m_pausedUntil = until;
            emit paused(seconds,
                        CancelBatch::tr("Paused by the server for %n s (HTTP 429).", nullptr, seconds));
        }
        break;
    }
    pump();
}

void CancelBatch::send(int row)
{
    const ReceiptLine pending = m_lines.at(row);
    // Refused here (no key, a URL the key may not go to, an id no request can carry): nothing is sent, so
    // nothing is journaled as sent, and the receipt says it was this program, not the server.
    const ApiResult local = m_client->precheckCancel(pending.id);
    if (local.outcome != Outcome::Ok) {
        ReceiptLine line = pending;
        line.kind = ReceiptLine::Kind::NotSent;
        line.message = CancelBatch::tr("Not sent: %1").arg(local.message);
        QString error;
        if (!m_shared->record({line}, &error)) {
            ++m_journalFailures;
            emit journalFailed(error);
        }
        settle(row, line);
        return;
    }
    // Written ahead: a cancel the journal cannot know of is not sent, and neither is the rest.
    const QString attempt = Journal::newAttemptId();
    QString error;
    if (!m_shared->recordSending(pending, attempt, &error)) {
        ++m_journalFailures;
        const QString reason = CancelBatch::tr("Not sent: the journal could not be written (%1).").arg(error);
        ReceiptLine line = pending;
        line.kind = ReceiptLine::Kind::NotSent;
        line.message = reason;
        settle(row, line);
        emit journalFailed(error);
        m_stopExitCode = 1; // the CLI's "settings or the journal could not be written"
        stopWith(reason);
        return;
    }
    const quint64 token = ++m_nextToken;
    m_pending.insert(token, row);
    m_attempts.insert(token, attempt);
    m_pacer.record();
    QPointer<CancelBatch> self(this);
    std::shared_ptr<Shared> shared = m_shared;
    m_client->cancelJob(pending.id, [self, shared, token, pending, attempt](const ApiResult& result) {
        ReceiptLine line = pending;
        line.kind = ReceiptLine::Kind::Sent;
        line.outcome = result.outcome;
        line.httpStatus = result.httpStatus;
        line.message = result.message;
        // Recorded first, whoever is still listening: the journal must not depend on a window.
        QString error;
        const bool recorded = shared->record({line}, &error, attempt);
        if (self)
            self->onAnswer(token, line, recorded, error, result);
    });
    // The client forgets the callbacks of requests it aborts (abortAll): such a cancel must not keep the
    // batch from finishing.
    QTimer::singleShot(m_client->timeout() + m_answerGraceMs, this, [this, token] { onOverdue(token); });
}

void CancelBatch::onAnswer(quint64 token, const ReceiptLine& line, bool recorded, const QString& error,
                           const ApiResult& result)
{
    const auto it = m_pending.find(token);
    if (it == m_pending.end()) {
        // Given up by onOverdue already, the receipt says so; the journal has what the server said too.
        qCWarning(lcBatch) << "late answer to the cancel of" << line.id << line.outcomeName()
                           << line.httpStatus;
        pump();
        return;
    }
    const int row = *it;
    m_pending.erase(it);
    m_attempts.remove(token);
    if (!recorded) {
        ++m_journalFailures;
        emit journalFailed(error);
    }
    settle(row, line);
    switch (result.outcome) {
    case Outcome::RateLimited: {
        // The server asks for a pause: every cancel waits, none answered is sent again.
        const int seconds =
            qBound(1, result.retryAfterSeconds >= 0 ? result.retryAfterSeconds : DefaultPauseSeconds,
                   MaxPauseSeconds);
        m_pacer.noteRateLimited(); // and the account above it: what remains goes at half the rate
        const QDeadlineTimer until(seconds * 1000LL);
        if (!isPaused() || until.deadline() > m_pausedUntil.deadline())
            m_pausedUntil = until;
        emit paused(seconds, CancelBatch::tr("Paused by the server for %n s (HTTP 429).", nullptr, seconds));
        break;
    }
    case Outcome::Unauthorized:
    case Outcome::PaymentRequired:
    case Outcome::Forbidden: {
        const QString reason =
            CancelBatch::tr("Not sent: the server refused an earlier cancel of this batch with HTTP %1 (%2).")
                .arg(result.httpStatus)
                .arg(outcomeSentence(result.outcome));
        m_stopExitCode = exitCodeFor(result.outcome);
        emit refused(result, reason);
        stopWith(reason);
        break;
    }
    default:
        break;
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
    if (m_checks.remove(token)) {
        ReceiptLine line = m_lines.at(row);
        line.kind = ReceiptLine::Kind::NotSent;
        line.message = CancelBatch::tr("Not sent: its state could not be checked first (no answer came).");
        settleUnsent(row, line);
        pump();
        return;
    }
    const QString attempt = m_attempts.take(token);
    ReceiptLine line = m_lines.at(row);
    line.kind = ReceiptLine::Kind::Sent;
    line.outcome = Outcome::Timeout;
    line.httpStatus = 0;
    line.message = CancelBatch::tr(
        "No answer came (the request was abandoned): the job may or may not have been cancelled.");
    QString error;
    if (!m_shared->record({line}, &error, attempt)) {
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
    if (!m_stopped && (m_next < m_queue.size() || !m_ready.isEmpty()))
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
            code = qMax(code, m_stopExitCode >= 0 ? m_stopExitCode : exitCodeFor(Outcome::Stopped));
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
