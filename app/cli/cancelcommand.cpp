#include "cancelcommand.h"

#include "api/apiclient.h"
#include "cli/output.h"
#include "cli/terminal.h"
#include "cli/terminaltext.h"
#include "core/cancelbatch.h"
#include "core/cancelservice.h"
#include "triage/triagesession.h"

#include <QDateTime>
#include <QFile>
#include <QSet>
#include <cstdio>

namespace Alchemyst {

QString CancelCommand::description() const
{
    return QStringLiteral("cancel waiting or delayed jobs, by id or by selectors");
}

QStringList CancelCommand::synopsis() const
{
    // The continuation lines up under "cancel" on the page ("Usage: alchemyst-jobs ").
    return {QStringLiteral("cancel ID [ID...]                [--dry-run] [--yes] [--no-journal] [--json]"),
            QStringLiteral("cancel --from-file FILE|-        [--dry-run] [--yes] [--no-journal] [--json]"),
            QStringLiteral("cancel [--state waiting|delayed] [--source S] [--file-name GLOB]\n"
                           "                             [--waiting-over DURATION] [--dry-run] [--yes] "
                           "[--no-journal] [--json]")};
}

QList<QCommandLineOption> CancelCommand::options() const
{
    return {
        QCommandLineOption(QStringLiteral("from-file"),
                           QStringLiteral("job ids, one a line, # comments (- for standard input)"),
                           QStringLiteral("FILE")),
        QCommandLineOption(QStringLiteral("state"), QStringLiteral("selector: waiting or delayed"),
                           QStringLiteral("STATE")),
        QCommandLineOption(QStringLiteral("source"), QStringLiteral("selector: jobs of this data.source"),
                           QStringLiteral("S")),
        QCommandLineOption(QStringLiteral("file-name"),
                           QStringLiteral("selector: jobs whose file name matches the wildcard"),
                           QStringLiteral("GLOB")),
        QCommandLineOption(QStringLiteral("waiting-over"),
                           QStringLiteral("selector: waiting or delayed for longer, since first seen"),
                           QStringLiteral("DURATION")),
        QCommandLineOption(QStringLiteral("dry-run"),
                           QStringLiteral("print what would be sent and skipped; send nothing")),
        QCommandLineOption(QStringLiteral("yes"),
                           QStringLiteral("cancel on a production environment without asking")),
        QCommandLineOption(QStringLiteral("no-journal"),
                           QStringLiteral("cancel without writing the journal")),
        QCommandLineOption(QStringLiteral("json"),
                           QStringLiteral("print the receipt as JSON ({id, stateBefore, httpStatus, outcome, "
                                          "message} a job)")),
    };
}

QString CancelCommand::details() const
{
    return QStringLiteral(
        "Ids are sent as given (their state is not looked up: the server "
        "answers 409 or 404). SELECTORS list the jobs once and pick, all of them applying: --state "
        "waiting|delayed, --source S, --file-name GLOB, --waiting-over DURATION (since first seen); the jobs "
        "picked that are not waiting or delayed are skipped, with the reason. One line a job: the server's "
        "message verbatim.\n"
        "\n"
        "--dry-run prints what would be sent and skipped, and sends nothing. On a production "
        "environment a cancel needs --yes, or its name typed on a terminal. Every attempt is written to the "
        "journal; when it cannot be, nothing is sent unless --no-journal is given (no record then).\n");
}

QString CancelCommand::exitCodes() const
{
    return QStringLiteral(
        "0 every job cancelled (or nothing to send, or a dry run); 1 the journal could not be written; 2 "
        "usage, a production cancel not confirmed, or read-only (--read-only or the environment's flag); 3 a "
        "job is running (409); 4 not found (404); 5 "
        "unauthorized, payment required, forbidden, no key, or a keychain failure; 6 invalid id (400); 7 "
        "server error, rate limited (429), network error, timeout or malformed response. For several cancels "
        "the highest code "
        "wins.");
}

std::optional<Grammar> CancelCommand::grammar(const QStringList& arguments) const
{
    std::optional<Grammar> result = ApiCommand::grammar(arguments);
    result->form = QStringLiteral("cancel ID [ID...] | --from-file FILE|- | [--state waiting|delayed] "
                                  "[--source S] [--file-name GLOB] [--waiting-over DURATION]; "
                                  "[--dry-run] [--yes] [--no-journal] [--json]");
    result->maxArguments = -1;
    return result;
}

int CancelCommand::readArguments(CommandContext& context)
{
    const QString state = context.value(QStringLiteral("state")).trimmed().toLower();
    if (context.isSet(QStringLiteral("state")) && state.isEmpty())
        return context.usage(QStringLiteral("--state takes a state name."));
    if (!readDuration(context, QStringLiteral("waiting-over"), &m_waitingOver))
        return ExitCode::Usage;
    if (context.isSet(QStringLiteral("source")) &&
        context.value(QStringLiteral("source")).trimmed().isEmpty())
        return context.usage(QStringLiteral("--source takes a source name."));
    if (context.isSet(QStringLiteral("file-name"))) {
        const QString glob = context.value(QStringLiteral("file-name"));
        m_fileNamePattern = QRegularExpression(QRegularExpression::wildcardToRegularExpression(glob));
        if (glob.isEmpty() || !m_fileNamePattern.isValid())
            return context.usage(
                QStringLiteral("--file-name takes a wildcard pattern, like \"invoice-*.pdf\"."));
    }
    m_selecting = context.isSet(QStringLiteral("state")) || context.isSet(QStringLiteral("source")) ||
                  context.isSet(QStringLiteral("file-name")) || context.isSet(QStringLiteral("waiting-over"));
    // Argument ids are trimmed like the file's; an id that cannot be one is refused, naming where it came
    // from.
    m_ids.clear();
    for (qsizetype i = 0; i < context.arguments.size(); ++i) {
        const QString id = context.arguments.at(i).trimmed();
        if (const QString problem = ApiClient::jobIdProblem(id); !problem.isEmpty())
            return context.usage(QStringLiteral("argument %1: %2").arg(i + 1).arg(problem));
        m_ids.append(id);
    }
    if (context.isSet(QStringLiteral("from-file"))) {
        const QString path = context.value(QStringLiteral("from-file"));
        m_idsFromStdin = path == QLatin1String("-");
        QFile file;
        const bool opened = m_idsFromStdin ? file.open(stdin, QIODevice::ReadOnly)
                                           : (file.setFileName(path), file.open(QIODevice::ReadOnly));
        if (!opened)
            return context.usage(
                QStringLiteral("--from-file: %1 cannot be read: %2").arg(path, file.errorString()));
        // One id a line; blank lines and lines starting with # are ignored.
        const QByteArray content = file.readAll();
        const QString source = m_idsFromStdin ? QStringLiteral("standard input") : path;
        int number = 0;
        for (const QByteArray& raw : content.split('\n')) {
            ++number;
            const QString line = QString::fromUtf8(raw).trimmed();
            if (line.isEmpty() || line.startsWith(QLatin1Char('#')))
                continue;
            if (const QString problem = ApiClient::jobIdProblem(line); !problem.isEmpty())
                return context.usage(
                    QStringLiteral("--from-file: %1, line %2: %3").arg(source).arg(number).arg(problem));
            m_ids.append(line);
        }
        if (m_ids.isEmpty() && !m_selecting)
            return context.usage(QStringLiteral("--from-file: no job ids in %1.")
                                     .arg(m_idsFromStdin ? QStringLiteral("standard input") : path));
    }
    if (!m_ids.isEmpty() && m_selecting)
        return context.usage(QStringLiteral("give job ids (arguments or --from-file) or selectors (--state, "
                                            "--source, --file-name, --waiting-over), not both."));
    if (m_ids.isEmpty() && !m_selecting)
        return context.usage(QStringLiteral("usage: alchemyst-jobs %1 (see: alchemyst-jobs cancel --help)")
                                 .arg(grammar(context.arguments)->form));
    if (context.isSet(QStringLiteral("state")) && state != QLatin1String("waiting") &&
        state != QLatin1String("delayed"))
        return context.usage(
            QStringLiteral("cancel --state takes waiting or delayed: only those can be cancelled."));
    return ExitCode::Success;
}

int CancelCommand::beforeKeychain(ApiContext& context)
{
    const CommandContext& command = context.command;
    // Read-only (--read-only, or the environment's flag): refused before the keychain, the journal or the
    // network, a dry run included: nothing here is to be cancelled from this machine.
    if (command.readOnly || (context.environment && context.environment->readOnly))
        return command.usage(CancelService::readOnlyReason() + QLatin1Char(' ') +
                             (command.readOnly
                                  ? QStringLiteral("Nothing was sent (--read-only).")
                                  : QStringLiteral("Nothing was sent (\"%1\" is marked read-only).")
                                        .arg(context.environment->name)));
    if (command.isSet(QStringLiteral("dry-run")))
        return ExitCode::Success;
    // Refused before the keychain or the network: nothing can confirm it later in this run.
    if (context.production() && !command.isSet(QStringLiteral("yes")) &&
        (!stdinIsTerminal() || m_idsFromStdin))
        return command.usage(
            QStringLiteral("\"%1\" is a production environment: nothing was sent. Give --yes "
                           "to cancel there, or run on a terminal (ids not on standard input) "
                           "and type the environment's name when asked.")
                .arg(context.environment->name));
    // A first look; the real check is the "sending" line written before each cancel.
    QString why;
    if (!command.isSet(QStringLiteral("no-journal")) && !m_journal.canWrite(&why))
        return command.fail(ExitCode::Failure,
                            QStringLiteral("the cancel journal cannot be written (%1): nothing "
                                           "was sent. Give --no-journal to cancel without a "
                                           "record.")
                                .arg(why));
    return ExitCode::Success;
}

int CancelCommand::executeApi(ApiContext& context)
{
    const CommandContext& command = context.command;
    QTextStream& out = context.out();
    const bool dryRun = command.isSet(QStringLiteral("dry-run"));
    const bool json = command.isSet(QStringLiteral("json"));
    const bool journaling = !command.isSet(QStringLiteral("no-journal"));
    const bool confirmed = !context.production() || command.isSet(QStringLiteral("yes"));
    if (!journaling && !dryRun)
        context.err() << "alchemyst-jobs: --no-journal: these cancels are not recorded in the journal.\n";

    if (!m_ids.isEmpty()) {
        // Ids as given are sent as given, one after the other: their state is not looked up (a status
        // request each, or a whole listing, to learn what the server's answer says anyway), so the journal
        // and the receipt record it as unknown (""), and a running job gets its 409 verbatim.
        QStringList ids;
        QSet<QString> seen;
        for (const QString& id : std::as_const(m_ids)) {
            if (!seen.contains(id)) {
                seen.insert(id);
                ids.append(id);
            }
        }
        if (dryRun)
            return dryRunIds(context, ids, json);
        if (!confirmed && !confirmProduction(context.err(), context.environment->name, ids.size()))
            return ExitCode::Usage;
        return send(context, ids, {}, journaling, json);
    }

    // Selectors: the list is read once (and feeds the first sightings, which --waiting-over reads), the
    // jobs that match every selector are the selection, and those that can be cancelled are sent.
    ListResult listed;
    if (const int code = listAll(context, QStringLiteral("all"), listed); code != ExitCode::Success)
        return code;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    TriageSession triage(context.environmentName, context.baseUrl);
    observe(context, triage, listed, true, now);
    const JobList selection = select(context, listed.jobs, triage, now);
    const CancelPreview plan = CancelBatch::preview(selection);
    if (dryRun)
        return dryRunSelection(context, plan, json);
    if (plan.toSend > 0 && !confirmed &&
        !confirmProduction(context.err(), context.environment->name, plan.toSend))
        return ExitCode::Usage;

    const int code = send(context, {}, selection, journaling, json);
    if (!json) {
        for (const CancelPreview::Group& reason : std::as_const(plan.reasons))
            out << "Skipped: " << reason.total << " × " << terminalSafe(reason.name) << '\n';
        if (plan.total == 0)
            context.err() << "alchemyst-jobs: no job matches the selection; nothing was sent.\n";
    }
    out.flush();
    return code;
}

JobList CancelCommand::select(ApiContext& context, const JobList& jobs, const TriageSession& triage,
                              qint64 now) const
{
    const QString wantedState = context.command.value(QStringLiteral("state")).trimmed().toLower();
    const QString wantedSource = context.command.value(QStringLiteral("source")).trimmed();
    const bool byFileName = context.command.isSet(QStringLiteral("file-name"));
    JobList selection;
    for (const Job& job : jobs) {
        if (!wantedState.isEmpty() && job.state != wantedState)
            continue;
        if (!wantedSource.isEmpty() && job.source != wantedSource)
            continue;
        if (byFileName && !m_fileNamePattern.match(job.fileName).hasMatch())
            continue;
        if (m_waitingOver) {
            const qint64 firstSeen = triage.store().firstSeen(job.id, job.state);
            if (firstSeen <= 0 || now - firstSeen <= *m_waitingOver)
                continue;
        }
        selection.append(job);
    }
    return selection;
}

} // namespace Alchemyst
