#include "watchcommand.h"

#include "api/apiclient.h"
#include "cli/output.h"
#include "cli/signalguard.h"
#include "cli/terminaltext.h"
#include "core/jobmonitor.h"
#include "core/jobsession.h"
#include "jobs/jobmodel.h"

#include <QDateTime>
#include <QEventLoop>
#include <QJsonDocument>
#include <QJsonObject>

namespace Alchemyst {

namespace {

QJsonValue timeOrNull(qint64 ms)
{
    return ms > 0 ? QJsonValue(isoUtc(ms)) : QJsonValue();
}

QJsonValue textOrNull(const QString& text)
{
    return text.isEmpty() ? QJsonValue() : QJsonValue(text);
}

} // namespace

QString WatchCommand::description() const
{
    return QStringLiteral("the refresh loop headless, until interrupted: every change as it is seen");
}

QStringList WatchCommand::synopsis() const
{
    return {QStringLiteral("watch [--interval DURATION] [--jsonl] [--initial]")};
}

QList<QCommandLineOption> WatchCommand::options() const
{
    return {
        QCommandLineOption(
            QStringLiteral("interval"),
            QStringLiteral("between polls of the top of the lists and between passes (default 10s; "
                           "stretched to keep within the budget)"),
            QStringLiteral("DURATION")),
        QCommandLineOption(QStringLiteral("jsonl"), QStringLiteral("one JSON object a line")),
        QCommandLineOption(QStringLiteral("initial"),
                           QStringLiteral("also print the first pass's jobs (as changes from nothing)")),
    };
}

QString WatchCommand::details() const
{
    return QStringLiteral(
        "The window's refresh loop without the window: pass after pass within the request budget, recording "
        "the first sightings and the history as the window does. Between and during passes, every interval, "
        "it reads the first page of active (all of it), failed, completed and all, which the server lists "
        "newest first: a job that fails, starts, finishes or arrives is printed within about one interval "
        "however long a pass takes. With --jsonl: {\"event\":\"pass\", counts, "
        "complete, requests, jobs, startedAt, endedAt} after each pass and {\"event\":\"change\", jobId, "
        "from, "
        "to, observedAt, processedOn, finishedOn, failedReason} for every change after the first pass; "
        "{\"event\":\"error\", outcome, httpStatus, message} when a pass fails (the loop goes on). Without "
        "it, one readable line per change. Ctrl+C or SIGTERM ends it (exit 0).\n");
}

QString WatchCommand::exitCodes() const
{
    return QStringLiteral("0 interrupted; 2 usage; 5 unauthorized, payment required, forbidden, no key, or a "
                          "keychain failure (the loop ends on them).");
}

int WatchCommand::readArguments(CommandContext& context)
{
    std::optional<qint64> interval;
    if (!readDuration(context, QStringLiteral("interval"), &interval))
        return ExitCode::Usage;
    if (interval) {
        if (*interval < 1000 || *interval > 24 * 3600 * 1000LL)
            return context.usage(QStringLiteral("--interval takes 1s to 24h."));
        m_intervalSeconds = static_cast<int>(*interval / 1000);
    }
    return ExitCode::Success;
}

int WatchCommand::executeApi(ApiContext& context)
{
    const CommandContext& command = context.command;
    const bool jsonl = command.isSet(QStringLiteral("jsonl"));
    const bool initial = command.isSet(QStringLiteral("initial"));
    QTextStream& out = context.out();
    JobSession session(context.manager, *context.environment, Journal(), CancelOrigin::Cli);
    // The environment's share, or --requests-per-minute for this run; 0 does not pace.
    if (command.perMinute == 0)
        session.setBudgetPerMinute(100000000);
    else
        session.setBudgetPerMinute(budgetPerMinute(context));
    JobMonitor* monitor = session.monitor();
    if (command.timeoutMs > 0)
        monitor->client()->setTimeout(command.timeoutMs);
    monitor->setIntervalSeconds(m_intervalSeconds);
    int passes = 0;
    int exitCode = ExitCode::Success;
    QEventLoop loop;
    const auto line = [&out](const QJsonObject& object) {
        out << terminalSafeJsonText(QJsonDocument(object).toJson(QJsonDocument::Compact)) << '\n'
            << Qt::flush;
    };
    QObject::connect(
        monitor, &JobMonitor::changesObserved, &loop, [&](const StateChangeList& changes, qint64 observedAt) {
            if (passes == 0 && !initial)
                return; // the first pass lists what is there; what changes comes after
            for (const StateChange& change : changes) {
                const int row = monitor->model()->rowOf(change.id);
                const Job job = row >= 0 ? monitor->model()->jobAt(row) : Job();
                if (jsonl) {
                    line(QJsonObject{{QStringLiteral("event"), QStringLiteral("change")},
                                     {QStringLiteral("jobId"), change.id},
                                     {QStringLiteral("from"), textOrNull(change.from)},
                                     {QStringLiteral("to"), textOrNull(change.to)},
                                     {QStringLiteral("observedAt"), isoUtc(observedAt)},
                                     {QStringLiteral("processedOn"), timeOrNull(job.processedOn)},
                                     {QStringLiteral("finishedOn"), timeOrNull(job.finishedOn)},
                                     {QStringLiteral("failedReason"), textOrNull(job.failedReason)}});
                    continue;
                }
                const QString file = job.fileName.isEmpty() ? job.source : job.fileName;
                out << isoUtc(observedAt).left(19) << "  " << terminalSafe(change.id).leftJustified(14)
                    << "  " << (change.from.isEmpty() ? QStringLiteral("new") : terminalSafe(change.from))
                    << " -> " << terminalSafe(change.to) << "  "
                    << (file.isEmpty() ? QStringLiteral("-") : terminalSafe(file))
                    << (job.failedReason.isEmpty() ? QString()
                                                   : QStringLiteral("  ") + terminalSafe(job.failedReason))
                    << '\n'
                    << Qt::flush;
            }
        });
    QObject::connect(monitor, &JobMonitor::passFinished, &loop, [&](const ApiResult& result) {
        ++passes;
        if (!result.isSuccess() && result.outcome != Outcome::Stopped) {
            if (jsonl)
                line(QJsonObject{{QStringLiteral("event"), QStringLiteral("error")},
                                 {QStringLiteral("outcome"), outcomeName(result.outcome)},
                                 {QStringLiteral("httpStatus"), result.httpStatus},
                                 {QStringLiteral("message"), result.message}});
            else
                context.err() << "alchemyst-jobs: the pass failed: " << describe(result) << '\n' << Qt::flush;
            if (result.outcome == Outcome::Unauthorized || result.outcome == Outcome::PaymentRequired ||
                result.outcome == Outcome::Forbidden) {
                exitCode = exitCodeFor(result.outcome);
                loop.quit();
            }
            return;
        }
        reportSkipped(context, monitor->lastSkipped());
        if (!jsonl)
            return;
        const JobMonitor::Progress progress = monitor->progress();
        QJsonObject counts;
        for (int i = 0; i < StateCategoryCount; ++i)
            counts.insert(categoryKeys().at(i), monitor->model()->count(static_cast<StateCategory>(i)));
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        line(QJsonObject{{QStringLiteral("event"), QStringLiteral("pass")},
                         {QStringLiteral("counts"), counts},
                         {QStringLiteral("complete"), result.isSuccess()},
                         {QStringLiteral("requests"), progress.requests},
                         {QStringLiteral("jobs"), static_cast<double>(progress.received)},
                         {QStringLiteral("startedAt"), isoUtc(now - progress.elapsedMs)},
                         {QStringLiteral("endedAt"), isoUtc(now)}});
    });
    SignalGuard interrupt;
    QObject::connect(&interrupt, &SignalGuard::interrupted, &loop, &QEventLoop::quit);
    session.setApiKey(context.client->apiKey(), JobSession::KeySource::Environment);
    loop.exec();
    monitor->stop();
    return exitCode;
}

} // namespace Alchemyst
