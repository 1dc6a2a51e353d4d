#include "cli.h"

#include "cli/command.h"
#include "cli/terminaltext.h"
#include "core/connection.h"

#include <cmath>

namespace Alchemyst {

namespace {

// The global options' values, judged for every command that accepts them: Success or a usage error said.
int readGlobalOptions(CommandContext& context)
{
    if (context.isSet(GlobalOption::Timeout)) {
        bool ok = false;
        const double seconds = context.value(GlobalOption::Timeout).toDouble(&ok);
        // nan compares false with everything: without isfinite it would pass as "no timeout at all".
        if (!ok || !std::isfinite(seconds) || seconds < 0.1 || seconds > 3600)
            return context.usage(QStringLiteral("--timeout takes seconds, from 0.1 to 3600."));
        context.timeoutMs = static_cast<int>(std::lround(seconds * 1000));
    }
    if (context.isSet(GlobalOption::RequestsPerMinute)) {
        bool ok = false;
        context.perMinute = context.value(GlobalOption::RequestsPerMinute).toInt(&ok);
        if (!ok || context.perMinute < 0 || context.perMinute > 100000)
            return context.usage(QStringLiteral("--requests-per-minute takes a number from 0 to 100000."));
    }
    context.readOnly = context.isSet(GlobalOption::ReadOnly);
    if (context.isSet(GlobalOption::Env) && context.value(GlobalOption::Env).trimmed().isEmpty())
        return context.usage(QStringLiteral("--env takes an environment name."));
    if (context.isSet(GlobalOption::BaseUrl) && context.isSet(GlobalOption::Env))
        return context.usage(QStringLiteral("give --base-url or --env, not both."));
    if (context.isSet(GlobalOption::BaseUrl)) {
        context.typedUrl = parseBaseUrl(context.value(GlobalOption::BaseUrl));
        const QString problem = baseUrlProblem(context.value(GlobalOption::BaseUrl), context.typedUrl);
        if (!problem.isEmpty())
            return context.usage(problem);
    }
    return ExitCode::Success;
}

// Every command's options are known to the parser: one typed for another command is then "does not apply"
// with the page to read, not "unknown". Returns the long option names, for "did you mean".
QStringList addOptions(QCommandLineParser& parser, const std::vector<std::unique_ptr<Command>>& commands)
{
    QStringList names;
    const auto add = [&](const QCommandLineOption& option) {
        if (names.contains(option.names().constFirst()))
            return;
        names += option.names();
        parser.addOption(option);
    };
    for (const QCommandLineOption& option : GlobalOption::all())
        add(option);
    for (const auto& command : commands) {
        for (const QCommandLineOption& option : command->options())
            add(option);
    }
    QStringList longNames;
    for (const QString& name : std::as_const(names)) {
        if (name.size() > 1)
            longNames += name;
    }
    return longNames;
}

// What the parser could not make sense of (an unknown option, a missing value), with the nearest option and
// the page to read.
QString parseErrorText(const QCommandLineParser& parser, const QStringList& optionNames,
                       const Command* command)
{
    QString text = terminalSafe(parser.errorText());
    const QStringList unknown = parser.unknownOptionNames();
    if (unknown.size() == 1) {
        if (const QString nearest = nearestName(unknown.constFirst(), optionNames); !nearest.isEmpty())
            text += QStringLiteral(" Did you mean --%1?").arg(nearest);
    }
    return text + QStringLiteral(" (see: alchemyst-jobs %1--help)")
                      .arg(command ? command->name() + QLatin1Char(' ') : QString());
}

} // namespace

Cli::Cli(QTextStream& out, QTextStream& err)
    : m_out(out)
    , m_err(err)
{}

int Cli::fail(int code, const QString& text)
{
    // Our own words, but they quote what was typed: made safe once, here.
    m_err << "alchemyst-jobs: " << terminalSafeMultiline(text) << '\n';
    return code;
}

int Cli::run(const QStringList& arguments)
{
    const std::vector<std::unique_ptr<Command>> commands = Command::all();
    QStringList commandNames;
    for (const auto& command : commands)
        commandNames += command->name();
    const auto find = [&commands](const QString& name) -> Command* {
        for (const auto& command : commands) {
            if (command->name() == name)
                return command.get();
        }
        return nullptr;
    };
    QCommandLineParser parser;
    const QStringList optionNames = addOptions(parser, commands);
    if (!parser.parse(arguments))
        return fail(ExitCode::Usage,
                    parseErrorText(parser, optionNames, find(parser.positionalArguments().value(0))));

    QStringList positional = parser.positionalArguments();
    bool help = parser.isSet(QStringLiteral("help"));
    if (positional.value(0) == QLatin1String("help")) {
        // "help COMMAND [ACTION]": the page COMMAND --help prints.
        if (positional.size() > (positional.value(1) == QLatin1String("env") ? 3 : 2))
            return fail(ExitCode::Usage, QStringLiteral("usage: alchemyst-jobs help [COMMAND]"));
        positional.removeFirst();
        help = true;
    }
    if (help && positional.isEmpty()) {
        m_out << Command::overview(commands);
        return ExitCode::Success;
    }
    if (parser.isSet(QStringLiteral("version"))) {
        m_out << "alchemyst-jobs " << QStringLiteral(AJM_VERSION) << '\n';
        return ExitCode::Success;
    }
    if (positional.isEmpty())
        return fail(ExitCode::Usage, QStringLiteral("a command is required (see: alchemyst-jobs --help)"));
    const QString name = positional.takeFirst();
    Command* command = find(name);
    if (!command) {
        const QString nearest = nearestName(name, commandNames + QStringList{QStringLiteral("help")});
        return fail(
            ExitCode::Usage,
            QStringLiteral("unknown command \"%1\"").arg(name) +
                (nearest.isEmpty() ? QString() : QStringLiteral("; did you mean \"%1\"?").arg(nearest)) +
                QStringLiteral(" (see: alchemyst-jobs --help)"));
    }
    if (help) {
        m_out << command->help();
        return ExitCode::Success;
    }

    // The command line is judged whole before anything else happens: a typo must cost nothing, not a
    // keychain prompt or a request to a server.
    const std::optional<Grammar> grammar = command->grammar(positional);
    if (!grammar)
        return fail(ExitCode::Usage, command->noGrammarText(positional));
    const QString page = QStringLiteral("(see: alchemyst-jobs %1 --help)").arg(command->name());
    if (positional.size() < grammar->minArguments ||
        (grammar->maxArguments >= 0 && positional.size() > grammar->maxArguments))
        return fail(ExitCode::Usage, QStringLiteral("usage: alchemyst-jobs %1 %2").arg(grammar->form, page));
    for (const QString& option : parser.optionNames()) {
        if (!grammar->options.contains(option))
            return fail(
                ExitCode::Usage,
                QStringLiteral("--%1 does not apply to \"%2\" %3").arg(option, grammar->command, page));
    }
    CommandContext context{m_out, m_err, parser, positional};
    if (const int code = readGlobalOptions(context); code != ExitCode::Success)
        return code;
    if (const int code = command->readArguments(context); code != ExitCode::Success)
        return code;
    return command->execute(context);
}

} // namespace Alchemyst
