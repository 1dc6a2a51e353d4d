#include "journalcommand.h"

#include "cli/terminaltext.h"
#include "core/journal.h"

#include <QDateTime>

namespace Alchemyst {

QString JournalCommand::description() const
{
    return QStringLiteral("the local record of cancel attempts (window and CLI)");
}

QStringList JournalCommand::synopsis() const
{
    return {QStringLiteral("journal [--since DURATION] [--env NAME] [--json]")};
}

QList<QCommandLineOption> JournalCommand::options() const
{
    return {
        QCommandLineOption(QStringLiteral("since"), QStringLiteral("only the entries of this last while"),
                           QStringLiteral("DURATION")),
        QCommandLineOption(GlobalOption::Env, QStringLiteral("only the entries of this environment"),
                           QStringLiteral("NAME")),
        QCommandLineOption(QStringLiteral("json"), QStringLiteral("print JSON")),
    };
}

QString JournalCommand::details() const
{
    return QStringLiteral("One line per attempt, in the order written: time (UTC), environment, job id, "
                          "state before, outcome, HTTP "
                          "status, origin (the window or the CLI) and the server's message; the count and "
                          "the journal's file on "
                          "stderr. Reads a local file only: no server, no key.\n");
}

QString JournalCommand::exitCodes() const
{
    return QStringLiteral("0 success; 1 the journal could not be read; 2 usage.");
}

int JournalCommand::readArguments(CommandContext& context)
{
    return readDuration(context, QStringLiteral("since"), &m_since) ? ExitCode::Success : ExitCode::Usage;
}

int JournalCommand::execute(CommandContext& context)
{
    QTextStream& out = context.out;
    QTextStream& err = context.err;
    const Journal journal;
    JournalFilter filter;
    if (m_since)
        filter.since = QDateTime::currentDateTimeUtc().addMSecs(-*m_since);
    filter.environment = context.value(GlobalOption::Env).trimmed();
    int malformed = 0;
    QString error;
    const QList<JournalEntry> entries = journal.attempts(filter, &malformed, &error);
    if (!error.isEmpty())
        return context.fail(ExitCode::Failure, QStringLiteral("the journal could not be read: ") + error);
    if (context.isSet(QStringLiteral("json"))) {
        out << QString::fromUtf8(Journal::toJson(entries));
    } else {
        // One line per attempt; every field but the time and the status came from a server or a settings
        // file.
        for (const JournalEntry& entry : entries) {
            out << entry.time.toUTC().toString(Qt::ISODateWithMs) << "  " << terminalSafe(entry.environment)
                << "  " << terminalSafe(entry.jobId) << "  "
                << (entry.stateBefore.isEmpty() ? QStringLiteral("-") : terminalSafe(entry.stateBefore))
                << "  " << terminalSafe(entry.outcome) << "  "
                << (entry.httpStatus > 0 ? QString::number(entry.httpStatus) : QStringLiteral("-")) << "  "
                << terminalSafe(entry.origin) << "  " << terminalSafe(entry.message) << '\n';
        }
        err << entries.size() << " entr" << (entries.size() == 1 ? "y" : "ies") << " in "
            << terminalSafe(journal.path()) << '\n';
    }
    if (malformed > 0)
        err << "alchemyst-jobs: " << malformed
            << " line(s) of the journal are not entries and were skipped.\n";
    out.flush();
    return ExitCode::Success;
}

} // namespace Alchemyst
