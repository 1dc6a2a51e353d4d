#include "historycommand.h"

#include "cli/output.h"
#include "cli/terminaltext.h"
#include "history/forecast.h"
#include "history/historystore.h"
#include "triage/firstseen.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace Alchemyst {

namespace {

QString environmentKeyOf(const ApiContext& context)
{
    return triageEnvironmentKey(context.environmentName, context.baseUrl);
}

// Opens the history, saying on stderr what happened to a file that had to be kept aside.
bool openHistory(ApiContext& context, HistoryStore& store)
{
    if (!store.openProblem().isEmpty())
        context.err() << "alchemyst-jobs: " << terminalSafe(store.openProblem()) << '\n';
    return store.isOpen();
}

QJsonValue msOrNull(qint64 value)
{
    return value >= 0 ? QJsonValue(static_cast<double>(value)) : QJsonValue();
}

QJsonObject forecastJson(const DrainForecast& forecast)
{
    return {
        {QStringLiteral("verdict"), drainVerdictName(forecast.verdict)},
        {QStringLiteral("backlog"),
         forecast.backlog >= 0 ? QJsonValue(static_cast<double>(forecast.backlog)) : QJsonValue()},
        {QStringLiteral("backlogAt"),
         forecast.backlogAtMs > 0 ? QJsonValue(isoUtc(forecast.backlogAtMs)) : QJsonValue()},
        {QStringLiteral("throughputPerMinute"), forecast.throughputPerMinute},
        {QStringLiteral("backlogSlopePerMinute"),
         forecast.slopeKnown ? QJsonValue(forecast.backlogSlopePerMinute) : QJsonValue()},
        {QStringLiteral("arrivalsPerMinute"), forecast.arrivalsPerMinute},
        {QStringLiteral("windowMinutes"), forecast.windowMinutes},
        {QStringLiteral("drainMs"), msOrNull(forecast.drainMs)},
        {QStringLiteral("drainLowMs"), msOrNull(forecast.drainLowMs)},
        {QStringLiteral("drainHighMs"), msOrNull(forecast.drainHighMs)},
        {QStringLiteral("text"), forecast.sentence},
    };
}

} // namespace

QString HistoryCommand::description() const
{
    return QStringLiteral("counts by state and completions per interval, from the local history");
}

QStringList HistoryCommand::synopsis() const
{
    return {QStringLiteral("history [--since DURATION] [--every DURATION] [--json | --csv]")};
}

QList<QCommandLineOption> HistoryCommand::options() const
{
    return {
        QCommandLineOption(QStringLiteral("since"), QStringLiteral("how far back (default 1h)"),
                           QStringLiteral("DURATION")),
        QCommandLineOption(QStringLiteral("every"),
                           QStringLiteral("the interval (default: 1m up to 6h back, then 10m, 1h past 2d)"),
                           QStringLiteral("DURATION")),
        QCommandLineOption(QStringLiteral("json"), QStringLiteral("print JSON")),
        QCommandLineOption(QStringLiteral("csv"), QStringLiteral("print CSV (RFC 4180)")),
    };
}

QString HistoryCommand::details() const
{
    return QStringLiteral(
        "What this machine saw of the environment, pass after pass (the window, watch and list record it; "
        "the API keeps no history). Per interval: the queue's depth by state as the last pass in it saw it "
        "(none when no pass ran: a gap, never interpolated), the jobs completed and failed in it by their "
        "finishedOn, the run time (finishedOn - processedOn) p50 and p95, and its passes (complete or not). "
        "Sends no request.\n");
}

QString HistoryCommand::exitCodes() const
{
    return QStringLiteral("0 success; 1 the history could not be opened; 2 usage.");
}

int HistoryCommand::readArguments(CommandContext& context)
{
    std::optional<qint64> since, every;
    if (!readDuration(context, QStringLiteral("since"), &since) ||
        !readDuration(context, QStringLiteral("every"), &every))
        return ExitCode::Usage;
    if (context.isSet(QStringLiteral("json")) && context.isSet(QStringLiteral("csv")))
        return context.usage(QStringLiteral("give --json or --csv, not both."));
    if (since)
        m_sinceMs = qBound<qint64>(HistoryStore::MinuteMs, *since, HistoryStore::HourRetentionMs);
    if (every) {
        if (*every < HistoryStore::MinuteMs)
            return context.usage(QStringLiteral("--every takes a minute or more."));
        m_everyMs = *every - *every % HistoryStore::MinuteMs;
    }
    return ExitCode::Success;
}

int HistoryCommand::executeApi(ApiContext& context)
{
    HistoryStore store;
    if (!openHistory(context, store))
        return context.fail(ExitCode::Failure,
                            QStringLiteral("the history could not be opened: ") + store.openProblem());
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    qint64 every = m_everyMs;
    if (every == 0)
        every = m_sinceMs <= 6 * HistoryStore::HourMs  ? HistoryStore::MinuteMs
                : m_sinceMs <= 2 * HistoryStore::DayMs ? 10 * HistoryStore::MinuteMs
                                                       : HistoryStore::HourMs;
    const QString environment = environmentKeyOf(context);
    const QList<HistoryBucket> buckets = store.series(environment, now - m_sinceMs, now, every);
    const QList<PassRecord> passes = store.passes(environment, now - m_sinceMs, now);
    const bool json = context.command.isSet(QStringLiteral("json"));
    const bool csv = context.command.isSet(QStringLiteral("csv"));
    QTextStream& out = context.out();
    if (json) {
        QJsonArray intervals;
        for (const HistoryBucket& bucket : buckets) {
            QJsonObject counts;
            for (int i = 0; i < StateCategoryCount; ++i)
                counts.insert(categoryKeys().at(i),
                              bucket.hasDepth() ? QJsonValue(bucket.depth.at(i)) : QJsonValue());
            intervals.append(QJsonObject{
                {QStringLiteral("start"), isoUtc(bucket.startMs)},
                {QStringLiteral("counts"), counts},
                {QStringLiteral("completed"), bucket.completed},
                {QStringLiteral("failed"), bucket.failed},
                {QStringLiteral("runP50Ms"), msOrNull(bucket.runP50Ms)},
                {QStringLiteral("runP95Ms"), msOrNull(bucket.runP95Ms)},
                {QStringLiteral("passes"), bucket.passes},
                {QStringLiteral("incomplete"), bucket.incomplete},
                {QStringLiteral("gap"), bucket.gap},
            });
        }
        QJsonArray passArray;
        for (const PassRecord& pass : passes)
            passArray.append(QJsonObject{{QStringLiteral("started"), isoUtc(pass.startedMs)},
                                         {QStringLiteral("ended"), isoUtc(pass.endedMs)},
                                         {QStringLiteral("complete"), pass.complete},
                                         {QStringLiteral("requests"), pass.requests},
                                         {QStringLiteral("jobs"), static_cast<double>(pass.jobsSeen)}});
        out << terminalSafeJsonText(
                   QJsonDocument(QJsonObject{{QStringLiteral("environment"), context.environmentName},
                                             {QStringLiteral("intervalMs"), static_cast<double>(every)},
                                             {QStringLiteral("intervals"), intervals},
                                             {QStringLiteral("passes"), passArray}})
                       .toJson(QJsonDocument::Compact))
            << '\n';
        return ExitCode::Success;
    }
    if (csv) {
        out << "start," << categoryKeys().join(QLatin1Char(','))
            << ",completed,failed,runP50Ms,runP95Ms,passes,incomplete,gap\r\n";
        for (const HistoryBucket& bucket : buckets) {
            out << isoUtc(bucket.startMs);
            for (int i = 0; i < StateCategoryCount; ++i)
                out << ',' << (bucket.hasDepth() ? QString::number(bucket.depth.at(i)) : QString());
            out << ',' << bucket.completed << ',' << bucket.failed << ','
                << (bucket.runP50Ms >= 0 ? QString::number(bucket.runP50Ms) : QString()) << ','
                << (bucket.runP95Ms >= 0 ? QString::number(bucket.runP95Ms) : QString()) << ','
                << bucket.passes << ',' << (bucket.incomplete ? "true" : "false") << ','
                << (bucket.gap ? "true" : "false") << "\r\n";
        }
        return ExitCode::Success;
    }
    out << QStringLiteral("START").leftJustified(21)
        << "  WAITING  DELAYED   ACTIVE   FAILED  DONE/INT  FAIL/INT\n";
    for (const HistoryBucket& bucket : buckets) {
        const auto cell = [&bucket](StateCategory category) {
            return (bucket.hasDepth() ? QString::number(bucket.depth.at(static_cast<int>(category)))
                                      : QStringLiteral("-"))
                .rightJustified(7);
        };
        out << isoUtc(bucket.startMs).left(19).leftJustified(21) << "  " << cell(StateCategory::Waiting)
            << "  " << cell(StateCategory::Delayed) << "  " << cell(StateCategory::Active) << "  "
            << cell(StateCategory::Failed) << "  " << QString::number(bucket.completed).rightJustified(8)
            << "  " << QString::number(bucket.failed).rightJustified(8)
            << (bucket.gap          ? "  (not watched)"
                : bucket.incomplete ? "  (a pass incomplete)"
                                    : "")
            << '\n';
    }
    int complete = 0;
    for (const PassRecord& pass : passes)
        complete += pass.complete ? 1 : 0;
    context.err() << passes.size() << " pass(es) of " << terminalSafe(context.environmentName)
                  << " in the last " << m_sinceMs / 60000 << " min, " << complete << " complete; history in "
                  << terminalSafe(store.filePath()) << '\n';
    return ExitCode::Success;
}

QString ForecastCommand::description() const
{
    return QStringLiteral("will the backlog clear, and when: from the recorded throughput and backlog");
}

QStringList ForecastCommand::synopsis() const
{
    return {QStringLiteral("forecast [--json]")};
}

QList<QCommandLineOption> ForecastCommand::options() const
{
    return {QCommandLineOption(QStringLiteral("json"), QStringLiteral("print JSON"))};
}

QString ForecastCommand::details() const
{
    return QStringLiteral(
        "From the last 15 one-minute rates of the local history: the backlog (waiting + delayed), the "
        "throughput (completed a minute), the verdict (draining, stalled, growing, holding, idle, unknown) "
        "and, "
        "when draining, the time to clear with an interval from the spread of the rates (null otherwise). "
        "Sends no request; run the window or `watch` to record.\n");
}

QString ForecastCommand::exitCodes() const
{
    return QStringLiteral("0 success; 1 the history could not be opened; 2 usage.");
}

int ForecastCommand::executeApi(ApiContext& context)
{
    HistoryStore store;
    if (!openHistory(context, store))
        return context.fail(ExitCode::Failure,
                            QStringLiteral("the history could not be opened: ") + store.openProblem());
    const DrainForecast forecast =
        Forecast::current(store, environmentKeyOf(context), QDateTime::currentMSecsSinceEpoch());
    if (context.command.isSet(QStringLiteral("json"))) {
        QJsonObject object = forecastJson(forecast);
        object.insert(QStringLiteral("environment"), context.environmentName);
        context.out() << terminalSafeJsonText(QJsonDocument(object).toJson(QJsonDocument::Compact)) << '\n';
    } else {
        context.out() << terminalSafe(forecast.sentence) << '\n';
    }
    return ExitCode::Success;
}

QString StatsCommand::description() const
{
    return QStringLiteral("current counts, rates and ages in the Prometheus text format");
}

QStringList StatsCommand::synopsis() const
{
    return {QStringLiteral("stats --prometheus")};
}

QList<QCommandLineOption> StatsCommand::options() const
{
    return {QCommandLineOption(QStringLiteral("prometheus"),
                               QStringLiteral("the Prometheus text exposition format (the only one)"))};
}

QString StatsCommand::details() const
{
    return QStringLiteral(
        "For node_exporter's textfile collector: `alchemyst-jobs stats --prometheus > "
        "/var/lib/node_exporter/alchemyst.prom.$$ && mv …`. The figures come from the local history and "
        "first "
        "sightings (the last pass the window, watch or list recorded); no request is sent.\n");
}

QString StatsCommand::exitCodes() const
{
    return QStringLiteral("0 success; 1 the history could not be opened; 2 usage.");
}

int StatsCommand::readArguments(CommandContext& context)
{
    if (!context.isSet(QStringLiteral("prometheus")))
        return context.usage(QStringLiteral("stats takes --prometheus (see: alchemyst-jobs stats --help)"));
    return ExitCode::Success;
}

int StatsCommand::executeApi(ApiContext& context)
{
    HistoryStore store;
    if (!openHistory(context, store))
        return context.fail(ExitCode::Failure,
                            QStringLiteral("the history could not be opened: ") + store.openProblem());
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const QString environment = environmentKeyOf(context);
    const DrainForecast forecast = Forecast::current(store, environment, now);
    const QList<PassRecord> passes = store.passes(environment, now - HistoryStore::DayMs, now + 1);
    // Label values escape backslash, quote and newline, as the format asks.
    QString label = context.environmentName;
    label.replace(QLatin1Char('\\'), QStringLiteral("\\\\"))
        .replace(QLatin1Char('"'), QStringLiteral("\\\""))
        .replace(QLatin1Char('\n'), QStringLiteral("\\n"));
    const QString labels = QStringLiteral("{environment=\"%1\"}").arg(label);
    QTextStream& out = context.out();
    out << "# HELP alchemyst_jobs Jobs by state as the last recorded pass listed them.\n"
           "# TYPE alchemyst_jobs gauge\n";
    if (!passes.isEmpty()) {
        const PassRecord& last = passes.constLast();
        for (int i = 0; i < StateCategoryCount; ++i)
            out << "alchemyst_jobs{environment=\"" << label << "\",state=\"" << categoryKeys().at(i) << "\"} "
                << last.counts.at(i) << '\n';
    }
    out << "# HELP alchemyst_completed_per_minute Jobs completed a minute, mean of the last 15 minutes.\n"
           "# TYPE alchemyst_completed_per_minute gauge\n"
        << "alchemyst_completed_per_minute" << labels << ' ' << forecast.throughputPerMinute << '\n';
    out << "# HELP alchemyst_backlog_slope_per_minute Change of waiting + delayed a minute.\n"
           "# TYPE alchemyst_backlog_slope_per_minute gauge\n"
        << "alchemyst_backlog_slope_per_minute" << labels << ' '
        << (forecast.slopeKnown ? forecast.backlogSlopePerMinute : 0.0) << '\n';
    if (forecast.drainMs >= 0)
        out << "# HELP alchemyst_drain_seconds Estimated time until the backlog clears.\n"
               "# TYPE alchemyst_drain_seconds gauge\n"
            << "alchemyst_drain_seconds" << labels << ' ' << forecast.drainMs / 1000.0 << '\n';
    // The oldest waiting job's age: a lower bound, from the first sightings.
    FirstSeenStore sightings(FirstSeenStore::defaultFilePath(context.environmentName, context.baseUrl));
    QString error;
    qint64 oldest = 0;
    if (sightings.load(now, &error)) {
        for (const StateChange& sighting : sightings.asChanges()) {
            const StateCategory category = categoryOf(sighting.to);
            if ((category == StateCategory::Waiting || category == StateCategory::Delayed) &&
                sighting.sinceMs > 0 && (oldest == 0 || sighting.sinceMs < oldest))
                oldest = sighting.sinceMs;
        }
    }
    if (oldest > 0)
        out << "# HELP alchemyst_oldest_waiting_seconds Age of the oldest waiting job (a lower bound: since "
               "first seen).\n"
               "# TYPE alchemyst_oldest_waiting_seconds gauge\n"
            << "alchemyst_oldest_waiting_seconds" << labels << ' ' << (now - oldest) / 1000.0 << '\n';
    const qint64 lastComplete = store.lastCompletePassMs(environment);
    if (lastComplete > 0)
        out << "# HELP alchemyst_last_complete_pass_age_seconds Time since the last complete pass.\n"
               "# TYPE alchemyst_last_complete_pass_age_seconds gauge\n"
            << "alchemyst_last_complete_pass_age_seconds" << labels << ' ' << (now - lastComplete) / 1000.0
            << '\n';
    return ExitCode::Success;
}

} // namespace Alchemyst
