#include "statuscommand.h"

#include "api/apiclient.h"
#include "cli/output.h"
#include "cli/terminaltext.h"
#include "triage/triagesession.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace Alchemyst {

QString StatusCommand::description() const
{
    return QStringLiteral("one job");
}

QStringList StatusCommand::synopsis() const
{
    return {QStringLiteral("status ID [--json]")};
}

QList<QCommandLineOption> StatusCommand::options() const
{
    return {jsonOption()};
}

QString StatusCommand::details() const
{
    return QStringLiteral(
        "The job's state, attempts, start and end, file or source and failure reason; --json "
        "prints the job's object as list --json does, without the ages.\n");
}

QString StatusCommand::exitCodes() const
{
    return QStringLiteral(
        "0 success; 2 usage; 4 not found (404); 5 unauthorized, payment required, forbidden, "
        "no key, or a keychain failure; 6 invalid id (400); 7 server error, rate limited (429) "
        "after the retries, network error, "
        "timeout or malformed response.");
}

std::optional<Grammar> StatusCommand::grammar(const QStringList& arguments) const
{
    std::optional<Grammar> result = ApiCommand::grammar(arguments);
    result->minArguments = result->maxArguments = 1;
    return result;
}

int StatusCommand::executeApi(ApiContext& context)
{
    QTextStream& out = context.out();
    const QString id = context.command.arguments.constFirst();
    JobResult fetched;
    wait([&](std::function<void()> finished) {
        context.client->fetchJob(id, [&, finished](const JobResult& result) {
            fetched = result;
            finished();
        });
    });
    if (!fetched.result.isSuccess() || !fetched.job)
        return context.fail(
            exitCodeFor(fetched.result.isSuccess() ? Outcome::MalformedResponse : fetched.result.outcome),
            terminalSafe(id) + QStringLiteral(": ") + describe(fetched.result));
    const Job& job = *fetched.job;
    if (context.command.isSet(QStringLiteral("json"))) {
        QByteArray json;
        appendJobJson(json, job);
        out << terminalSafeJsonText(json) << '\n';
        return ExitCode::Success;
    }
    out << "Job ID:    " << terminalSafe(job.id) << '\n'
        << "State:     " << terminalSafe(job.state) << '\n'
        << "Attempts:  " << (job.attempts >= 0 ? QString::number(job.attempts) : QStringLiteral("-")) << '\n'
        << "Started:   " << isoTime(job.processedOn) << '\n'
        << "Finished:  " << isoTime(job.finishedOn) << '\n';
    if (!job.fileName.isEmpty())
        out << "File:      " << terminalSafe(job.fileName) << '\n';
    if (!job.source.isEmpty())
        out << "Source:    " << terminalSafe(job.source) << '\n';
    if (!job.failedReason.isEmpty())
        out << "Reason:    " << terminalSafe(job.failedReason) << '\n';
    return ExitCode::Success;
}

QString FailuresCommand::description() const
{
    return QStringLiteral("failed jobs grouped by reason, largest group first");
}

QStringList FailuresCommand::synopsis() const
{
    return {QStringLiteral("failures [--json | --jsonl]")};
}

QList<QCommandLineOption> FailuresCommand::options() const
{
    return {jsonOption(), jsonlOption()};
}

int FailuresCommand::readArguments(CommandContext& context)
{
    if (context.isSet(QStringLiteral("json")) && context.isSet(QStringLiteral("jsonl")))
        return context.usage(QStringLiteral("give --json or --jsonl, not both."));
    return ExitCode::Success;
}

QString FailuresCommand::details() const
{
    return QStringLiteral(
        "Groups read like \"7 × Document exceeds the 25 MB limit\"; reasons that differ "
        "only in numbers, ids or quoted names fall "
        "together. --json gives each group's reason (null when none was given), key, count, variants and "
        "jobIds; --jsonl the same objects one a line.\n");
}

QString FailuresCommand::exitCodes() const
{
    return QStringLiteral("0 success, whatever it finds; 2 usage; ") + networkExitCodes() + QLatin1Char('.');
}

int FailuresCommand::executeApi(ApiContext& context)
{
    QTextStream& out = context.out();
    ListResult listed;
    if (const int code = listAll(context, QStringLiteral("failed"), listed); code != ExitCode::Success)
        return code;
    TriageSession triage;
    const FailureGroupList groups = triage.groupFailures(listed.jobs);
    const bool jsonl = context.command.isSet(QStringLiteral("jsonl"));
    if (jsonl || context.command.isSet(QStringLiteral("json"))) {
        JsonStream json(out, jsonl);
        for (const FailureGroup& group : groups)
            json.add(QJsonObject{{QStringLiteral("reason"), jsonTextOrNull(group.reason)},
                                 {QStringLiteral("key"), group.key},
                                 {QStringLiteral("count"), group.count},
                                 {QStringLiteral("variants"), group.variants},
                                 {QStringLiteral("jobIds"), QJsonArray::fromStringList(group.jobIds)}});
        return ExitCode::Success;
    }
    int failed = 0;
    for (const FailureGroup& group : groups) {
        failed += group.count;
        out << QString::number(group.count).rightJustified(6) << " × "
            << (group.reason.isEmpty() ? QStringLiteral("(no reason given)") : terminalSafe(group.reason));
        if (group.variants > 1)
            out << "  (" << group.variants << " variants)";
        out << '\n';
    }
    out.flush();
    context.err() << counted(failed, "failed job", "failed jobs") << " in "
                  << counted(groups.size(), "group", "groups") << " from " << shown(context.baseUrl) << '\n';
    return ExitCode::Success;
}

} // namespace Alchemyst
