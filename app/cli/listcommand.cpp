#include "listcommand.h"

#include "api/apiclient.h"
#include "cli/output.h"
#include "cli/terminaltext.h"
#include "triage/triagesession.h"

#include <QDateTime>

namespace Alchemyst {

namespace {

// The states the server filters by itself; any other is filtered here, from a listing of every job.
const QStringList ServerTypes = {QStringLiteral("all"), QStringLiteral("active"), QStringLiteral("failed"),
                                 QStringLiteral("completed")};

} // namespace

QString ListCommand::description() const
{
    return QStringLiteral("every job, paging through");
}

QStringList ListCommand::synopsis() const
{
    return {QStringLiteral("list [--state STATE] [--json | --jsonl | --csv [--raw-cells]]")};
}

QList<QCommandLineOption> ListCommand::options() const
{
    return {
        QCommandLineOption(QStringLiteral("state"), QStringLiteral("only the jobs in this state"),
                           QStringLiteral("STATE")),
        jsonOption(QStringLiteral("print JSON, with ageMs, stuck and firstSeen")),
        jsonlOption(),
        QCommandLineOption(QStringLiteral("csv"), QStringLiteral("print CSV (RFC 4180), with the same ages")),
        QCommandLineOption(QStringLiteral("raw-cells"),
                           QStringLiteral("with --csv: server text as it came, even cells that look like "
                                          "formulas (for scripts)")),
    };
}

QString ListCommand::details() const
{
    return QStringLiteral(
        "Pages through the whole list; STATE is waiting, delayed, active, completed, failed, cancelled or "
        "any "
        "other state (other: any state but these). --json adds ageMs, stuck and firstSeen (times in ISO 8601 "
        "UTC, null where unknown); --jsonl prints the same objects one a line; --csv "
        "is RFC 4180 (the window's export columns, then the ages). A CSV text cell that starts with =, +, "
        "-, @, a tab or a carriage return gets a leading ' so that no spreadsheet runs it as a formula; "
        "--raw-cells writes the server's text as it came (for scripts, never for a spreadsheet). Entries "
        "without a usable job id are counted on stderr. The listing records when each job was "
        "first seen in its state, in the store the window keeps for the environment; when that store "
        "cannot be written the error is printed and the listing still exits 0.\n");
}

QString ListCommand::exitCodes() const
{
    return QStringLiteral(
               "0 success (also when the first-seen store could not be written: said on stderr); 2 "
               "usage; ") +
           networkExitCodes() + QLatin1Char('.');
}

int ListCommand::readArguments(CommandContext& context)
{
    if (context.isSet(QStringLiteral("state")) && context.value(QStringLiteral("state")).trimmed().isEmpty())
        return context.usage(QStringLiteral("--state takes a state name."));
    const int formats = int(context.isSet(QStringLiteral("json"))) +
                        int(context.isSet(QStringLiteral("jsonl"))) +
                        int(context.isSet(QStringLiteral("csv")));
    if (formats > 1)
        return context.usage(QStringLiteral("give one of --json, --jsonl and --csv."));
    if (context.isSet(QStringLiteral("raw-cells")) && !context.isSet(QStringLiteral("csv")))
        return context.usage(QStringLiteral("--raw-cells goes with --csv."));
    return ExitCode::Success;
}

int ListCommand::executeApi(ApiContext& context)
{
    const CommandContext& command = context.command;
    QTextStream& out = context.out();
    const QString state = command.value(QStringLiteral("state")).trimmed().toLower();
    const QString type = ServerTypes.contains(state) ? (state.isEmpty() ? QStringLiteral("all") : state)
                                                     : QStringLiteral("all");
    ListResult listed;
    if (const int code = listAll(context, type, listed); code != ExitCode::Success)
        return code;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    TriageSession triage(context.environmentName, context.baseUrl);
    observe(context, triage, listed, type == QLatin1String("all"), now);
    const auto matches = [&state](const Job& job) {
        return state.isEmpty() || state == QLatin1String("all") || job.state == state ||
               (state == QLatin1String("other") && categoryOf(job.state) == StateCategory::Other);
    };
    if (command.isSet(QStringLiteral("json")) || command.isSet(QStringLiteral("jsonl")) ||
        command.isSet(QStringLiteral("csv"))) {
        const JobsFormat format = command.isSet(QStringLiteral("csv"))     ? JobsFormat::Csv
                                  : command.isSet(QStringLiteral("jsonl")) ? JobsFormat::JsonLines
                                                                           : JobsFormat::Json;
        writeJobs(out, listed.jobs, matches, triage, now, format,
                  command.isSet(QStringLiteral("raw-cells")) ? CsvCells::Raw : CsvCells::Neutralised);
        return ExitCode::Success;
    }
    // Every cell is server text made safe, so that none can end the row or act on the terminal. A first
    // pass measures the columns, so that a state like waiting-children or a long id keeps them aligned;
    // the rows are then streamed.
    const auto cells = [](const Job& job) {
        const QString file = job.fileName.isEmpty() ? job.source : job.fileName;
        QString rest = file.isEmpty() ? QStringLiteral("-") : terminalSafe(file);
        if (!job.failedReason.isEmpty())
            rest += QStringLiteral("  ") + terminalSafe(job.failedReason);
        return QStringList{terminalSafe(job.id),
                           terminalSafe(job.state),
                           job.attempts >= 0 ? QString::number(job.attempts) : QStringLiteral("-"),
                           isoTime(job.processedOn),
                           isoTime(job.finishedOn),
                           rest};
    };
    TextTable table({QStringLiteral("JOB ID"), QStringLiteral("STATE"), QStringLiteral("ATT"),
                     QStringLiteral("STARTED"), QStringLiteral("FINISHED"),
                     QStringLiteral("FILE / SOURCE  REASON")},
                    {false, false, true});
    qsizetype count = 0;
    for (const Job& job : std::as_const(listed.jobs)) {
        if (!matches(job))
            continue;
        ++count;
        // The columns that vary in width; the last one is never padded.
        table.measure({terminalSafe(job.id), terminalSafe(job.state),
                       job.attempts >= 0 ? QString::number(job.attempts) : QStringLiteral("-"),
                       isoTime(job.processedOn), isoTime(job.finishedOn)});
    }
    out << table.header();
    for (const Job& job : std::as_const(listed.jobs)) {
        if (matches(job))
            out << table.row(cells(job));
    }
    out.flush();
    context.err() << counted(count, "job", "jobs") << " from " << shown(context.baseUrl) << " in "
                  << counted(listed.requests, "request", "requests") << '\n';
    return ExitCode::Success;
}

} // namespace Alchemyst
