#include "journalcommand.h"

#include "cli/output.h"
#include "cli/terminaltext.h"
#include "core/journal.h"

#include <QDateTime>
#include <QIODevice>

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
    // Streamed attempt by attempt: a journal of a million lines never sits in memory whole.
    const bool json = context.isSet(QStringLiteral("json"));
    out.flush();
    QIODevice* device = out.device();
    QByteArray chunk = json ? QByteArray("[") : QByteArray();
    const auto flush = [&] {
        if (json)
            chunk = terminalSafeJson(std::move(chunk));
        if (device)
            device->write(chunk);
        else
            out << QString::fromUtf8(chunk);
        chunk.clear();
    };
    qsizetype count = 0;
    journal.forEachAttempt(
        filter,
        [&](const JournalEntry& entry) {
            if (json) {
                chunk += count > 0 ? ",\n" : "\n";
                chunk += Journal::toJsonLine(entry);
            } else {
                // Every field but the time and the status came from a server or a settings file.
                chunk +=
                    (entry.time.toUTC().toString(Qt::ISODateWithMs) + QStringLiteral("  ") +
                     terminalSafe(entry.environment) + QStringLiteral("  ") + terminalSafe(entry.jobId) +
                     QStringLiteral("  ") +
                     (entry.stateBefore.isEmpty() ? QStringLiteral("-") : terminalSafe(entry.stateBefore)) +
                     QStringLiteral("  ") + terminalSafe(entry.outcome) + QStringLiteral("  ") +
                     (entry.httpStatus > 0 ? QString::number(entry.httpStatus) : QStringLiteral("-")) +
                     QStringLiteral("  ") + terminalSafe(entry.origin) + QStringLiteral("  ") +
                     terminalSafe(entry.message) + QLatin1Char('\n'))
                        .toUtf8();
            }
            ++count;
            if (chunk.size() > 256 * 1024)
                flush();
            return true;
        },
        &malformed, &error);
    if (json)
        chunk += count > 0 ? "\n]\n" : "]\n";
    flush();
    if (!error.isEmpty())
        return context.fail(ExitCode::Failure, QStringLiteral("the journal could not be read: ") + error);
    if (!json)
        err << count << " entr" << (count == 1 ? "y" : "ies") << " in " << terminalSafe(journal.path())
            << '\n';
    if (malformed > 0)
        err << "alchemyst-jobs: " << malformed
            << " line(s) of the journal are not entries and were skipped.\n";
    out.flush();
    return ExitCode::Success;
}

} // namespace Alchemyst
