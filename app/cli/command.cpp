#include "command.h"

#include "cli/apicommand.h"
#include "cli/cancelcommand.h"
#include "cli/envcommand.h"
#include "cli/historycommand.h"
#include "cli/journalcommand.h"
#include "cli/listcommand.h"
#include "cli/logincommand.h"
#include "cli/simulatecommand.h"
#include "cli/statuscommand.h"
#include "cli/stuckcommand.h"
#include "cli/terminaltext.h"
#include "cli/watchcommand.h"
#include "triage/duration.h"

#include <algorithm>

namespace Alchemyst {

namespace {

constexpr int PageWidth = 100;

// Lines longer than the page are wrapped at spaces, their continuations indented as the line itself is.
QString wrapped(const QString& text)
{
    QString result;
    const QStringList lines = text.split(QLatin1Char('\n'));
    for (qsizetype n = 0; n < lines.size(); ++n) {
        QString line = lines.at(n);
        qsizetype indent = 0;
        while (indent < line.size() && line.at(indent) == QLatin1Char(' '))
            ++indent;
        while (line.size() > PageWidth) {
            qsizetype cut = line.lastIndexOf(QLatin1Char(' '), PageWidth);
            if (cut <= indent)
                break;
            result += line.left(cut) + QLatin1Char('\n');
            line = QString(indent, QLatin1Char(' ')) + line.mid(cut + 1);
        }
        result += line;
        if (n + 1 < lines.size())
            result += QLatin1Char('\n');
    }
    return result;
}

// Edits from one to the other, a swap of neighbours counting as one (optimal string alignment).
int editDistance(const QString& a, const QString& b)
{
    const qsizetype n = a.size(), m = b.size();
    std::vector<std::vector<int>> d(n + 1, std::vector<int>(m + 1));
    for (qsizetype i = 0; i <= n; ++i)
        d[i][0] = int(i);
    for (qsizetype j = 0; j <= m; ++j)
        d[0][j] = int(j);
    for (qsizetype i = 1; i <= n; ++i) {
        for (qsizetype j = 1; j <= m; ++j) {
            const int cost = a.at(i - 1) == b.at(j - 1) ? 0 : 1;
            d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
            if (i > 1 && j > 1 && a.at(i - 1) == b.at(j - 2) && a.at(i - 2) == b.at(j - 1))
                d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
        }
    }
    return d[n][m];
}

} // namespace

QStringList GlobalOption::network()
{
    return {BaseUrl, Env, Timeout, RequestsPerMinute, ReadOnly};
}

QList<QCommandLineOption> GlobalOption::all()
{
    return {
        QCommandLineOption(BaseUrl, QStringLiteral("the server's base URL (not with --env)"),
                           QStringLiteral("URL")),
        QCommandLineOption(Env, QStringLiteral("a saved environment: its server and its key (see: env list)"),
                           QStringLiteral("NAME")),
        QCommandLineOption(Timeout, QStringLiteral("per request, in all; 0.1 to 3600; default 60"),
                           QStringLiteral("SECONDS")),
        QCommandLineOption(
            RequestsPerMinute,
            QStringLiteral("pace requests; default: the environment's share (a third of the account's 1000), "
                           "shared with the window and other commands on this machine; 0 does not pace"),
            QStringLiteral("N")),
        QCommandLineOption(ReadOnly,
                           QStringLiteral("cancel nothing in this run, whatever the environment says")),
        QCommandLineOption({QStringLiteral("h"), QStringLiteral("help")},
                           QStringLiteral("this overview; with a command, that command's page")),
        QCommandLineOption(QStringLiteral("version"), QStringLiteral("the version")),
    };
}

int CommandContext::fail(int code, const QString& text) const
{
    // Our own words, but they quote what was typed, settings and server text: made safe once, here.
    err << "alchemyst-jobs: " << terminalSafeMultiline(text) << '\n';
    return code;
}

Command::~Command() = default;

std::optional<Grammar> Command::grammar(const QStringList&) const
{
    return Grammar{synopsis().value(0), name(), optionNames() + globalOptions(), 0, 0};
}

QString Command::noGrammarText(const QStringList&) const
{
    return QStringLiteral("usage: alchemyst-jobs %1").arg(synopsis().value(0));
}

QStringList Command::optionNames() const
{
    QStringList names;
    for (const QCommandLineOption& option : options())
        names += option.names();
    return names;
}

bool Command::readDuration(const CommandContext& context, const QString& option, std::optional<qint64>* value)
{
    if (!context.isSet(option))
        return true;
    *value = parseDurationMs(context.value(option).trimmed());
    if (*value)
        return true;
    context.usage(QStringLiteral("--%1 takes a duration with its unit, like 90s, 15m, 2h or 1d (not \"%2\").")
                      .arg(option, context.value(option)));
    return false;
}

QString Command::help() const
{
    QString page;
    const QStringList forms = synopsis();
    for (qsizetype i = 0; i < forms.size(); ++i)
        page += (i == 0 ? QStringLiteral("Usage: ") : QStringLiteral("       ")) +
                QStringLiteral("alchemyst-jobs ") + forms.at(i) + QLatin1Char('\n');
    QString summary = description();
    if (!summary.isEmpty())
        summary[0] = summary.at(0).toUpper();
    page += QLatin1Char('\n') + summary + QStringLiteral(".\n");
    if (const QString more = details(); !more.isEmpty())
        page += QLatin1Char('\n') + wrapped(more);
    if (const QList<QCommandLineOption> own = options(); !own.isEmpty())
        page += QStringLiteral("\nOptions:\n") + optionLines(own);
    QList<QCommandLineOption> globals;
    for (const QCommandLineOption& option : GlobalOption::all()) {
        if (globalOptions().contains(option.names().constFirst()))
            globals.append(option);
    }
    if (!globals.isEmpty())
        page += QStringLiteral("\nGlobal options (before or after the command):\n") + optionLines(globals);
    if (const QString notes = familyNotes(); !notes.isEmpty())
        page += QLatin1Char('\n') + wrapped(notes);
    page += QLatin1Char('\n') + wrapped(QStringLiteral("Exit codes: ") + exitCodes() + QLatin1Char('\n'));
    return page;
}

QString Command::overview(const std::vector<std::unique_ptr<Command>>& commands)
{
    QString page = QStringLiteral("Usage: alchemyst-jobs [--base-url URL | --env NAME] COMMAND [OPTIONS]\n"
                                  "\n"
                                  "Alchemyst context-add jobs from the command line.\n"
                                  "\n"
                                  "Commands:\n");
    QStringList paced;
    for (const auto& command : commands) {
        page += QStringLiteral("  ") + command->name().leftJustified(10) + command->description() +
                QLatin1Char('\n');
        if (command->globalOptions().contains(GlobalOption::Timeout))
            paced += command->name();
    }
    page += QStringLiteral("  ") + QStringLiteral("help").leftJustified(10) +
            QStringLiteral("help COMMAND prints that command's page, as COMMAND --help does\n");
    page += QStringLiteral("\nGlobal options:\n") + optionLines(GlobalOption::all());
    const QString last = paced.isEmpty() ? QString() : paced.takeLast();
    page +=
        QLatin1Char('\n') +
        wrapped(QStringLiteral(
                    "--timeout and --requests-per-minute apply to %1 and %2. Failed reads (408, 429, 5xx, "
                    "timeouts, network errors) are retried twice; a cancel is never retried.\n")
                    .arg(paced.join(QStringLiteral(", ")), last));
    page += QLatin1Char('\n') + wrapped(ApiCommand::serverAndKeyText());
    page += QStringLiteral(
        "\n"
        "Exit codes: 0 success (failures and stuck too, whatever they find, unless stuck --exit-code; list\n"
        "and stuck also when the first-seen store could not be written, which they say on stderr); 1 the\n"
        "settings, the journal or the history could not be written or read, or stuck --exit-code found a\n"
        "stuck job; 2 usage, a production cancel not confirmed, or a cancel on a read-only environment (or\n"
        "with --read-only); 3 a job is running (409); 4 not found\n"
        "(404); 5 unauthorized, payment required, forbidden, no key, or a keychain failure; 6 invalid id\n"
        "(400); 7 server error, rate limited (429) after the retries, network error, timeout or malformed\n"
        "response. For several cancels the highest code wins.\n"
        "\n"
        "alchemyst-jobs COMMAND --help (or: alchemyst-jobs help COMMAND) for a command's options.\n");
    return page;
}

std::vector<std::unique_ptr<Command>> Command::all()
{
    std::vector<std::unique_ptr<Command>> commands;
    commands.push_back(std::make_unique<ListCommand>());
    commands.push_back(std::make_unique<StatusCommand>());
    commands.push_back(std::make_unique<StuckCommand>());
    commands.push_back(std::make_unique<FailuresCommand>());
    commands.push_back(std::make_unique<CancelCommand>());
    commands.push_back(std::make_unique<JournalCommand>());
    commands.push_back(std::make_unique<HistoryCommand>());
    commands.push_back(std::make_unique<ForecastCommand>());
    commands.push_back(std::make_unique<StatsCommand>());
    commands.push_back(std::make_unique<WatchCommand>());
    commands.push_back(std::make_unique<SimulateCommand>());
    commands.push_back(std::make_unique<EnvCommand>());
    commands.push_back(std::make_unique<LoginCommand>());
    commands.push_back(std::make_unique<LogoutCommand>());
    return commands;
}

QString nearestName(const QString& typed, const QStringList& candidates)
{
    const QString word = typed.toLower();
    if (word.size() >= 2) {
        QStringList prefixed;
        for (const QString& candidate : candidates) {
            if (candidate.startsWith(word))
                prefixed += candidate;
        }
        if (prefixed.size() == 1)
            return prefixed.constFirst();
    }
    QString best;
    int bestDistance = 3; // two edits at most
    for (const QString& candidate : candidates) {
        const int distance = editDistance(word, candidate);
        // "x" is one edit from "ax" and two from anything of three letters: that is no resemblance.
        if (distance < bestDistance && distance < word.size()) {
            best = candidate;
            bestDistance = distance;
        }
    }
    return best;
}

QString optionLines(const QList<QCommandLineOption>& options)
{
    QStringList left;
    qsizetype width = 0;
    for (const QCommandLineOption& option : options) {
        QStringList names;
        for (const QString& name : option.names())
            names += (name.size() == 1 ? QStringLiteral("-") : QStringLiteral("--")) + name;
        QString text = QStringLiteral("  ") + names.join(QStringLiteral(", "));
        if (!option.valueName().isEmpty())
            text += QLatin1Char(' ') + option.valueName();
        width = qMax(width, text.size());
        left += text;
    }
    width = qMin<qsizetype>(width, 34) + 2;
    QString lines;
    for (qsizetype i = 0; i < options.size(); ++i) {
        const QString& text = left.at(i);
        const QString gap = text.size() < width ? QString(width - text.size(), QLatin1Char(' '))
                                                : QLatin1Char('\n') + QString(width, QLatin1Char(' '));
        lines += text + gap + options.at(i).description() + QLatin1Char('\n');
    }
    return lines;
}

} // namespace Alchemyst
