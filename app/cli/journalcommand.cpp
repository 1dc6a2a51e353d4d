#include "journalcommand.h"

#include "cli/output.h"
#include "cli/terminaltext.h"
#include "core/journal.h"

#include <QDateTime>
#include <QIODevice>
#include <QJsonObject>
#include <optional>

namespace Alchemyst {

QString JournalCommand::description() const
{
    return QStringLiteral("the local record of cancel attempts (window and CLI)");
}

QStringList JournalCommand::synopsis() const
{
    return {QStringLiteral("journal [--since DURATION] [--env NAME] [--json | --jsonl]")};
}

QList<QCommandLineOption> JournalCommand::options() const
{
    return {
        QCommandLineOption(QStringLiteral("since"), QStringLiteral("only the entries of this last while"),
                           QStringLiteral("DURATION")),
        QCommandLineOption(GlobalOption::Env, QStringLiteral("only the entries of this environment"),
                           QStringLiteral("NAME")),
        jsonOption(),
        jsonlOption(),
    };
}

QString JournalCommand::details() const
{
    return QStringLiteral(
        "One line per attempt, in the order written: time (UTC), environment, job id, state before, outcome, "
        "HTTP status, origin (the window or the CLI) and the server's message; the count and the journal's "
        "file on stderr. --json prints them as an array (one object a line), --jsonl one object a line: "
        "time, environment, server, jobId, status (the state before; null when not looked up), httpStatus "
        "(null when no answer came), outcome, message, origin, attempt; stateBefore is kept for one "
        "release. Reads a local file only: no server, no key.\n");
}

QString JournalCommand::exitCodes() const
{
    return QStringLiteral("0 success; 1 the journal could not be read; 2 usage.");
}

int JournalCommand::readArguments(CommandContext& context)
{
    if (context.isSet(QStringLiteral("json")) && context.isSet(QStringLiteral("jsonl")))
        return context.usage(QStringLiteral("give --json or --jsonl, not both."));
    return readDuration(context, QStringLiteral("since"), &m_since) ? ExitCode::Success : ExitCode::Usage;
}

namespace {

// An entry in the vocabulary of the other commands' JSON (jobId, status, null where unknown), from the
// journal's own line; the journal's stateBefore stays for one release, for scripts that read it.
QJsonObject entryJson(const JournalEntry& entry)
{
    QJsonObject object = entry.toJson(); // the time and the message exactly as the journal has them
    object.insert(QStringLiteral("status"), jsonTextOrNull(entry.stateBefore));
    if (entry.httpStatus <= 0)
        object.insert(QStringLiteral("httpStatus"), QJsonValue());
    if (entry.message.isEmpty())
        object.insert(QStringLiteral("message"), QJsonValue());
    if (entry.environment.isEmpty())
        object.insert(QStringLiteral("environment"), QJsonValue());
    if (entry.server.isEmpty())
        object.insert(QStringLiteral("server"), QJsonValue());
    if (!object.contains(QStringLiteral("attempt")))
        object.insert(QStringLiteral("attempt"), QJsonValue());
    return object;
}

} // namespace

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
    const bool jsonl = context.isSet(QStringLiteral("jsonl"));
    const bool json = jsonl || context.isSet(QStringLiteral("json"));
    std::optional<JsonStream> stream;
    if (json)
        stream.emplace(out, jsonl);
    out.flush();
    QIODevice* device = out.device();
    QByteArray chunk;
    const auto flush = [&] {
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
            ++count;
            if (json) {
                stream->add(entryJson(entry));
                return true;
            }
            // Every field but the time and the status came from a server or a settings file.
            chunk += (entry.time.toUTC().toString(Qt::ISODateWithMs) + QStringLiteral("  ") +
                      terminalSafe(entry.environment) + QStringLiteral("  ") + terminalSafe(entry.jobId) +
                      QStringLiteral("  ") +
                      (entry.stateBefore.isEmpty() ? QStringLiteral("-") : terminalSafe(entry.stateBefore)) +
                      QStringLiteral("  ") + terminalSafe(entry.outcome) + QStringLiteral("  ") +
                      (entry.httpStatus > 0 ? QString::number(entry.httpStatus) : QStringLiteral("-")) +
                      QStringLiteral("  ") + terminalSafe(entry.origin) + QStringLiteral("  ") +
                      terminalSafe(entry.message) + QLatin1Char('\n'))
                         .toUtf8();
            if (chunk.size() > 256 * 1024)
                flush();
            return true;
        },
        &malformed, &error);
    if (stream)
        stream->finish();
    flush();
    if (!error.isEmpty())
        return context.fail(ExitCode::Failure, QStringLiteral("the journal could not be read: ") + error);
    if (!json)
        err << counted(count, "entry", "entries") << " in " << terminalSafe(journal.path()) << '\n';
    if (malformed > 0)
        err << "alchemyst-jobs: " << counted(malformed, "line", "lines") << " of the journal "
            << (malformed == 1 ? "is not an entry and was" : "are not entries and were") << " skipped.\n";
    out.flush();
    return ExitCode::Success;
}

} // namespace Alchemyst
