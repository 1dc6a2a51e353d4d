#include "stuckcommand.h"

#include "api/apiclient.h"
#include "cli/output.h"
#include "cli/terminaltext.h"
#include "triage/duration.h"
#include "triage/triagesession.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace Alchemyst {

QString StuckCommand::description() const
{
    return QStringLiteral("jobs active or waiting for longer than the environment's thresholds");
}

QStringList StuckCommand::synopsis() const
{
    return {QStringLiteral(
        "stuck [--active-over DURATION] [--waiting-over DURATION] [--json | --jsonl] [--exit-code]")};
}

QList<QCommandLineOption> StuckCommand::options() const
{
    return {
        QCommandLineOption(QStringLiteral("active-over"),
                           QStringLiteral("stuck when active for longer (this run only)"),
                           QStringLiteral("DURATION")),
        QCommandLineOption(QStringLiteral("waiting-over"),
                           QStringLiteral("stuck when waiting or delayed (seen) for longer (this run only)"),
                           QStringLiteral("DURATION")),
        jsonOption(),
        jsonlOption(),
        QCommandLineOption(QStringLiteral("exit-code"),
                           QStringLiteral("exit 1 when a job is stuck (for cron and monitoring)")),
    };
}

QString StuckCommand::details() const
{
    return QStringLiteral(
        "The thresholds are the environment's (or these options'); waiting ages count "
        "from the first sighting by this tool or the window (DURATION: 90s, 15m, 2h). Active ages count from "
        "the job's start. The thresholds come from the environment's settings (15 min active, 30 min waiting "
        "by default); the options apply to one run. Oldest first.\n");
}

QString StuckCommand::exitCodes() const
{
    return QStringLiteral(
               "0 success, whatever it finds, unless --exit-code: then 0 when no job is stuck and 1 "
               "when one is; 2 usage; ") +
           networkExitCodes() + QLatin1Char('.');
}

int StuckCommand::readArguments(CommandContext& context)
{
    if (!readDuration(context, QStringLiteral("active-over"), &m_activeOver) ||
        !readDuration(context, QStringLiteral("waiting-over"), &m_waitingOver))
        return ExitCode::Usage;
    if (context.isSet(QStringLiteral("json")) && context.isSet(QStringLiteral("jsonl")))
        return context.usage(QStringLiteral("give --json or --jsonl, not both."));
    return ExitCode::Success;
}

int StuckCommand::executeApi(ApiContext& context)
{
    QTextStream& out = context.out();
    ListResult listed;
    if (const int code = listAll(context, QStringLiteral("all"), listed); code != ExitCode::Success)
        return code;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    TriageSession triage(context.environmentName, context.baseUrl);
    observe(context, triage, listed, true, now);
    // The options apply to this run only: the environment's thresholds are the window's to change.
    StuckThresholds thresholds = triage.thresholds();
    if (m_activeOver)
        thresholds.activeMs = *m_activeOver;
    if (m_waitingOver)
        thresholds.waitingMs = *m_waitingOver;
    triage.setThresholds(thresholds, now);
    QList<std::pair<const Job*, StuckVerdict>> stuck;
    for (const Job& job : std::as_const(listed.jobs)) {
        const StuckVerdict verdict = triage.verdict(job, now, false);
        if (verdict.stuck)
            stuck.append({&job, triage.verdict(job, now)});
    }
    // Oldest first: the ones waiting longest are the ones to look at.
    std::stable_sort(stuck.begin(), stuck.end(),
                     [](const auto& a, const auto& b) { return a.second.ageMs > b.second.ageMs; });
    const bool jsonl = context.command.isSet(QStringLiteral("jsonl"));
    if (jsonl || context.command.isSet(QStringLiteral("json"))) {
        JsonStream json(out, jsonl);
        for (const auto& [job, verdict] : std::as_const(stuck)) {
            json.add(QJsonObject{
                {QStringLiteral("jobId"), job->id},
                {QStringLiteral("status"), job->state},
                {QStringLiteral("ageMs"), verdict.ageMs},
                {QStringLiteral("since"), jsonTimeOrNull(verdict.sinceMs)},
                {QStringLiteral("basis"), verdict.basis == StuckVerdict::Started
                                              ? QStringLiteral("started")
                                              : QStringLiteral("first-seen")},
                {QStringLiteral("text"), verdict.text},
                {QStringLiteral("fileName"), jsonTextOrNull(job->fileName)},
                {QStringLiteral("source"), jsonTextOrNull(job->source)},
            });
        }
    } else if (!stuck.isEmpty()) {
        TextTable table({QStringLiteral("JOB ID"), QStringLiteral("STATE"), QStringLiteral("AGE"),
                         QStringLiteral("FILE / SOURCE")});
        for (const auto& [job, verdict] : std::as_const(stuck)) {
            const QString file = job->fileName.isEmpty() ? job->source : job->fileName;
            table.addRow({terminalSafe(job->id), terminalSafe(job->state), terminalSafe(verdict.text),
                          file.isEmpty() ? QStringLiteral("-") : terminalSafe(file)});
        }
        out << table.text();
        out.flush();
    }
    context.err() << stuck.size() << " stuck of " << counted(listed.jobs.size(), "job", "jobs") << " from "
                  << shown(context.baseUrl) << " (active over " << formatDurationMs(thresholds.activeMs)
                  << ", waiting or delayed over " << formatDurationMs(thresholds.waitingMs)
                  << "; waiting ages count from the first sighting by this tool or the window)\n";
    // For cron and monitoring: "something is stuck" as the exit status, as grep and diff say "found".
    if (context.command.isSet(QStringLiteral("exit-code")) && !stuck.isEmpty())
        return ExitCode::Failure;
    return ExitCode::Success;
}

} // namespace Alchemyst
