#pragma once

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QList>
#include <QStringList>
#include <QTextStream>
#include <QUrl>
#include <memory>
#include <optional>
#include <vector>

namespace Alchemyst {

// The process exit codes of alchemyst-jobs (the overview's "Exit codes" says what each means).
namespace ExitCode {
inline constexpr int Success = 0;
inline constexpr int Failure = 1;
inline constexpr int Usage = 2;
inline constexpr int Running = 3;
inline constexpr int NotFound = 4;
inline constexpr int Auth = 5;
inline constexpr int InvalidId = 6;
inline constexpr int Server = 7;
} // namespace ExitCode

// The names of the options the front parses and judges for every command that accepts them.
namespace GlobalOption {
inline const QString BaseUrl = QStringLiteral("base-url");
inline const QString Env = QStringLiteral("env");
inline const QString Timeout = QStringLiteral("timeout");
inline const QString RequestsPerMinute = QStringLiteral("requests-per-minute");
// No cancel in this run, whatever the environment says (a shared terminal, an on-call viewer).
inline const QString ReadOnly = QStringLiteral("read-only");
// The five above: what a command that talks to a server accepts.
QStringList network();
// Every global option, --help and --version included, as the overview lists them.
QList<QCommandLineOption> all();
} // namespace GlobalOption

// What a command runs with: the streams, the parsed command line and the global options, checked.
struct CommandContext
{
    CommandContext(QTextStream& output, QTextStream& errors, const QCommandLineParser& commandLine,
                   const QStringList& positional)
        : out(output)
        , err(errors)
        , parser(commandLine)
        , arguments(positional)
    {}

    QTextStream& out;
    QTextStream& err;
    const QCommandLineParser& parser;
    QStringList arguments; // the positional arguments after the command's name (for env: the action first)

    QUrl typedUrl;         // --base-url as parsed; empty when not given
    int timeoutMs = 0;     // --timeout; 0: the client's default
    int perMinute = -1;    // --requests-per-minute; -1: the default pace
    bool readOnly = false; // --read-only: this run cancels nothing

    bool isSet(const QString& option) const { return parser.isSet(option); }
    QString value(const QString& option) const { return parser.value(option); }
    // Prints "alchemyst-jobs: text" on the error stream, made safe for a terminal, and returns code.
    int fail(int code, const QString& text) const;
    int usage(const QString& text) const { return fail(ExitCode::Usage, text); }
};

// What a command accepts on its command line: everything else is a usage error, found before the settings,
// the keychain or the network are touched.
struct Grammar
{
    QString form;        // as usage errors quote it: "status ID [--json]"
    QString command;     // what "does not apply to" names: "status", "env list"
    QStringList options; // option names accepted, global ones included
    int minArguments = 0;
    int maxArguments = 0; // -1: no limit
};

// One command of alchemyst-jobs: its name, its help page, its grammar and its work. The front (Cli) finds the
// command, checks the command line against grammar(), lets readArguments() judge the values, then calls
// execute(); a usage error costs nothing but a line on stderr.
class Command
{
public:
    virtual ~Command();

    virtual QString name() const = 0;
    // One line for the overview.
    virtual QString description() const = 0;
    // The forms after "alchemyst-jobs", one a line, for the help page.
    virtual QStringList synopsis() const = 0;
    // Its own options, with one line of description each.
    virtual QList<QCommandLineOption> options() const { return {}; }
    // The names of the global options it accepts (those in options() are its own, whatever their name).
    virtual QStringList globalOptions() const { return {}; }
    // What the help page says after the description: what it does and prints; may be empty.
    virtual QString details() const { return {}; }
    // Paragraphs a family of commands shares, after the options (ApiCommand: how the server is found).
    virtual QString familyNotes() const { return {}; }
    // The exit codes particular to it, as one sentence for its help page.
    virtual QString exitCodes() const = 0;

    // The grammar of the command line given (for env: of its action); nullopt when there is none (an unknown
    // env action). By default: the synopsis' first form, options() and globalOptions(), no argument.
    virtual std::optional<Grammar> grammar(const QStringList& arguments) const;
    // A usage error when the arguments name no grammar (env: "env takes list, add, remove or use").
    virtual QString noGrammarText(const QStringList& arguments) const;

    // Judges the values of its options and arguments, keeping what it needs: Success, or a usage error
    // already said. Reads no settings, keychain or network (a --from-file, yes).
    virtual int readArguments(CommandContext&) { return ExitCode::Success; }
    virtual int execute(CommandContext& context) = 0;

    // The page "alchemyst-jobs NAME --help" prints.
    QString help() const;

    // Every command, in the overview's order; new objects on every call.
    static std::vector<std::unique_ptr<Command>> all();
    // The overview "alchemyst-jobs --help" prints.
    static QString overview(const std::vector<std::unique_ptr<Command>>& commands);

protected:
    // Reads a DURATION option ("90s", "15m"): true when not given or valid, else says why and false.
    static bool readDuration(const CommandContext& context, const QString& option,
                             std::optional<qint64>* value);
    // The options' names, for a grammar.
    QStringList optionNames() const;
};

// The candidate nearest to what was typed, for "did you mean": a unique prefix or a close spelling (two
// edits at most, a swap of neighbours counting as one); empty when none is close enough.
QString nearestName(const QString& typed, const QStringList& candidates);

// Lines "  --name VALUE   description", aligned, for a help page.
QString optionLines(const QList<QCommandLineOption>& options);

} // namespace Alchemyst
