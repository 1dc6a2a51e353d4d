#include "cli.h"

#include "api/apiclient.h"
#include "api/requestpacer.h"
#include "cli/terminaltext.h"
#include "core/cancelbatch.h"
#include "core/connection.h"
#include "core/journal.h"
#include "credentials/secretstore.h"
#include "jobs/jobexport.h"
#include "simulator/simulator.h"
#include "triage/duration.h"
#include "triage/triagesession.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QRegularExpression>
#include <QSet>
#include <cmath>
#include <cstdio>

#ifdef Q_OS_UNIX
#include <csignal>
#include <termios.h>
#include <unistd.h>
#endif
#ifdef Q_OS_WIN
#include <windows.h>
#endif

namespace Alchemyst {

namespace {

const QStringList ServerTypes = {QStringLiteral("all"), QStringLiteral("active"), QStringLiteral("failed"),
                                 QStringLiteral("completed")};

QString usageText()
{
    return QStringLiteral(
        "Usage: alchemyst-jobs [--base-url URL | --env NAME] COMMAND [OPTIONS]\n"
        "\n"
        "Commands:\n"
        "  list [--state STATE] [--json | --csv]\n"
        "                                  every job, paging through; STATE is waiting, delayed,\n"
        "                                  active, completed, failed, cancelled or any other state.\n"
        "                                  --json adds ageMs, stuck and firstSeen; --csv is RFC 4180\n"
        "  status ID [--json]              one job\n"
        "  stuck [--active-over DURATION] [--waiting-over DURATION] [--json]\n"
        "                                  jobs active or waiting for longer than the environment's\n"
        "                                  thresholds (or these); waiting ages count from the first\n"
        "                                  sighting by this tool or the window (DURATION: 90s, 15m, 2h)\n"
        "  failures [--json]               failed jobs grouped by reason, largest group first\n"
        "  cancel ID [ID...] | --from-file FILE|- | SELECTORS\n"
        "         [--dry-run] [--yes] [--no-journal] [--json]\n"
        "                                  cancel waiting or delayed jobs. Ids are sent as given (their\n"
        "                                  state is not looked up: the server answers 409 or 404).\n"
        "                                  SELECTORS list the jobs once and pick, all of them applying:\n"
        "                                  --state waiting|delayed, --source S, --file-name GLOB,\n"
        "                                  --waiting-over DURATION (since first seen); the jobs picked\n"
        "                                  that are not waiting or delayed are skipped, with the reason\n"
        "  journal [--since DURATION] [--env NAME] [--json]\n"
        "                                  the local record of cancel attempts (window and CLI)\n"
        "  simulate [--port N] [--token T] [--jobs N] [--still]\n"
        "                                  run the built-in simulator of the API in the foreground\n"
        "  env list\n"
        "  env add NAME --base-url URL [--production] [--replace]\n"
        "                                  an existing NAME is replaced only with --replace\n"
        "  env remove NAME [--keep-key]    also removes its API key from the keychain, unless --keep-key\n"
        "  env use NAME\n"
        "  login [--env NAME]              store the API key read from standard input in the keychain\n"
        "  logout [--env NAME]             remove the stored API key\n"
        "\n"
        "Options: --timeout SECONDS (per request, in all; 0.1 to 3600; default 60),\n"
        "--requests-per-minute N (pace requests; default 1000, the platform's limit; 0 does not pace),\n"
        "for list, status, cancel and login. Failed reads (408, 429, 5xx, timeouts, network errors) are\n"
        "retried twice; a cancel is never retried.\n"
        "\n"
        "The base URL: --base-url, else --env, else ALCHEMYST_AI_BASE_URL, else the active environment,\n"
        "else https://platform-backend.getalchemystai.com. The API key is never an argument: it comes\n"
        "from ALCHEMYST_AI_API_KEY when the base URL is that of ALCHEMYST_AI_BASE_URL (the default\n"
        "server when that is unset), else from the OS keychain entry of the environment (see login).\n"
        "\n"
        "cancel: --dry-run prints what would be sent and skipped, and sends nothing. On a production\n"
        "environment a cancel needs --yes, or its name typed on a terminal. Every attempt is written to\n"
        "the journal; when it cannot be, nothing is sent unless --no-journal is given (no record then).\n"
        "\n"
        "Exit codes: 0 success (stuck and failures too, whatever they find); 1 the settings, the journal\n"
        "or the first-seen store could not be written; 2 usage, or a production cancel not confirmed;\n"
        "3 a job is running (409); 4 not found (404); 5 unauthorized, payment required, forbidden, no key,\n"
        "or a keychain failure; 6 invalid id (400); 7 server error, network error, timeout or malformed\n"
        "response. For several cancels the highest code wins.\n");
}

QString isoTime(qint64 epochMs)
{
    return epochMs > 0 ? QDateTime::fromMSecsSinceEpoch(epochMs).toString(Qt::ISODate) : QStringLiteral("-");
}

// A time for JSON and CSV: ISO 8601 in UTC with milliseconds; empty when unknown.
QString isoUtc(qint64 epochMs)
{
    return epochMs > 0 ? QDateTime::fromMSecsSinceEpoch(epochMs, Qt::UTC).toString(Qt::ISODateWithMs)
                       : QString();
}

// One line about a failed call. The message is the server's (or TLS's: certificate subjects and issuers
// end up there): it never reaches the terminal as it came.
QString describe(const ApiResult& result)
{
    QString text = outcomeName(result.outcome);
    if (result.httpStatus > 0)
        text += QStringLiteral(" (HTTP %1)").arg(result.httpStatus);
    text += QStringLiteral(": ");
    text += result.message.isEmpty() ? outcomeSentence(result.outcome) : result.message;
    return terminalSafe(text);
}

// One job of a cancel as the operator reads it: "ID: cancelled — message", "ID: running (HTTP 409): message",
// "ID: skipped — why". The server's words are verbatim, made safe for the terminal.
QString receiptText(const ReceiptLine& line)
{
    QString text = terminalSafe(line.id) + QStringLiteral(": ");
    switch (line.kind) {
    case ReceiptLine::Kind::Skipped:
        return text + QStringLiteral("skipped — ") + terminalSafe(line.message);
    case ReceiptLine::Kind::NotSent:
        return text + QStringLiteral("not sent — ") + terminalSafe(line.message);
    case ReceiptLine::Kind::Sent:
        break;
    }
    if (line.outcome == Outcome::Ok || line.outcome == Outcome::Cancelled)
        return text + QStringLiteral("cancelled") +
               (line.message.isEmpty() ? QString() : QStringLiteral(" — ") + terminalSafe(line.message));
    text += outcomeName(line.outcome);
    if (line.httpStatus > 0)
        text += QStringLiteral(" (HTTP %1)").arg(line.httpStatus);
    return text + QStringLiteral(": ") +
           terminalSafe(line.message.isEmpty() ? outcomeSentence(line.outcome) : line.message);
}

// A URL as the operator may see it: never a user name or password, never a control character.
QString shown(const QUrl& url)
{
    return terminalSafe(url.adjusted(QUrl::RemoveUserInfo).toString());
}

#ifdef Q_OS_UNIX
// What a signal handler restores: echo is off only while a key is read, and a Ctrl+C (or a kill) in
// that moment must not leave the operator's terminal silent. Only async-signal-safe calls below.
termios g_savedTerminal{};
volatile sig_atomic_t g_terminalSaved = 0;
constexpr int RestoringSignals[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT};

void restoreTerminalThenDie(int signalNumber)
{
    if (g_terminalSaved)
        tcsetattr(STDIN_FILENO, TCSANOW, &g_savedTerminal);
    // Die of the same signal, so that the shell sees what happened (exit status 130 for Ctrl+C).
    std::signal(signalNumber, SIG_DFL);
    std::raise(signalNumber);
}
#endif

QString readSecretFromStdin(bool* interactive, QTextStream& prompt, const QString& promptText)
{
    QString line;
#ifdef Q_OS_UNIX
    *interactive = isatty(STDIN_FILENO);
    if (*interactive)
        prompt << promptText << Qt::flush;
    struct sigaction previous[std::size(RestoringSignals)] = {};
    bool installed[std::size(RestoringSignals)] = {};
    if (*interactive && tcgetattr(STDIN_FILENO, &g_savedTerminal) == 0) {
        g_terminalSaved = 1;
        struct sigaction restore = {};
        restore.sa_handler = restoreTerminalThenDie;
        sigemptyset(&restore.sa_mask);
        for (size_t i = 0; i < std::size(RestoringSignals); ++i) {
            // A signal the caller ignores (nohup's SIGHUP) stays ignored.
            if (sigaction(RestoringSignals[i], nullptr, &previous[i]) == 0 &&
                previous[i].sa_handler == SIG_DFL)
                installed[i] = sigaction(RestoringSignals[i], &restore, nullptr) == 0;
        }
        termios quiet = g_savedTerminal;
        quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
        tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
    }
#elif defined(Q_OS_WIN)
    HANDLE input = GetStdHandle(STD_INPUT_HANDLE);
    DWORD mode = 0;
    *interactive = GetConsoleMode(input, &mode);
    if (*interactive)
        prompt << promptText << Qt::flush;
    if (*interactive)
        SetConsoleMode(input, mode & ~ENABLE_ECHO_INPUT);
#else
    *interactive = false;
#endif
    QFile in;
    if (in.open(stdin, QIODevice::ReadOnly))
        line = QString::fromUtf8(in.readLine(64 * 1024)).trimmed();
#ifdef Q_OS_UNIX
    if (g_terminalSaved) {
        tcsetattr(STDIN_FILENO, TCSANOW, &g_savedTerminal);
        g_terminalSaved = 0;
        for (size_t i = 0; i < std::size(RestoringSignals); ++i) {
            if (installed[i])
                sigaction(RestoringSignals[i], &previous[i], nullptr);
        }
    }
#elif defined(Q_OS_WIN)
    if (*interactive)
        SetConsoleMode(input, mode);
#endif
    return line;
}

// What a command accepts: everything else on the command line is a usage error, found before the
// settings, the keychain or the network are touched.
struct Grammar
{
    QString form;
    QStringList options;
    int minArguments = 0; // positional arguments after the command (for env: after env)
    int maxArguments = 0; // -1: no limit
};

std::optional<Grammar> grammarOf(const QString& command, const QString& action)
{
    const QStringList network = {QStringLiteral("base-url"), QStringLiteral("env"), QStringLiteral("timeout"),
                                 QStringLiteral("requests-per-minute")};
    if (command == QLatin1String("list"))
        return Grammar{
            QStringLiteral("list [--state STATE] [--json | --csv]"),
            network + QStringList{QStringLiteral("state"), QStringLiteral("json"), QStringLiteral("csv")}, 0,
            0};
    if (command == QLatin1String("stuck"))
        return Grammar{QStringLiteral("stuck [--active-over DURATION] [--waiting-over DURATION] [--json]"),
                       network + QStringList{QStringLiteral("active-over"), QStringLiteral("waiting-over"),
                                             QStringLiteral("json")},
                       0, 0};
    if (command == QLatin1String("failures"))
        return Grammar{QStringLiteral("failures [--json]"), network + QStringList{QStringLiteral("json")}, 0,
                       0};
    if (command == QLatin1String("journal"))
        return Grammar{QStringLiteral("journal [--since DURATION] [--env NAME] [--json]"),
                       {QStringLiteral("since"), QStringLiteral("env"), QStringLiteral("json")},
                       0,
                       0};
    if (command == QLatin1String("status"))
        return Grammar{QStringLiteral("status ID [--json]"), network + QStringList{QStringLiteral("json")}, 1,
                       1};
    if (command == QLatin1String("cancel"))
        return Grammar{QStringLiteral("cancel ID [ID...] | --from-file FILE|- | [--state waiting|delayed] "
                                      "[--source S] [--file-name GLOB] [--waiting-over DURATION]; "
                                      "[--dry-run] [--yes] [--no-journal] [--json]"),
                       network + QStringList{QStringLiteral("from-file"), QStringLiteral("state"),
                                             QStringLiteral("source"), QStringLiteral("file-name"),
                                             QStringLiteral("waiting-over"), QStringLiteral("dry-run"),
                                             QStringLiteral("yes"), QStringLiteral("no-journal"),
                                             QStringLiteral("json")},
                       0, -1};
    if (command == QLatin1String("login"))
        return Grammar{QStringLiteral("login [--env NAME | --base-url URL]"), network, 0, 0};
    if (command == QLatin1String("logout"))
        return Grammar{QStringLiteral("logout [--env NAME | --base-url URL]"),
                       {QStringLiteral("base-url"), QStringLiteral("env")},
                       0,
                       0};
    if (command == QLatin1String("simulate"))
        return Grammar{QStringLiteral("simulate [--port N] [--token T] [--jobs N] [--still]"),
                       {QStringLiteral("port"), QStringLiteral("token"), QStringLiteral("jobs"),
                        QStringLiteral("still")},
                       0,
                       0};
    if (command == QLatin1String("env")) {
        if (action == QLatin1String("list"))
            return Grammar{QStringLiteral("env list"), {}, 1, 1};
        if (action == QLatin1String("add"))
            return Grammar{
                QStringLiteral("env add NAME --base-url URL [--production] [--replace]"),
                {QStringLiteral("base-url"), QStringLiteral("production"), QStringLiteral("replace")},
                2,
                2};
        if (action == QLatin1String("remove"))
            return Grammar{
                QStringLiteral("env remove NAME [--keep-key]"), {QStringLiteral("keep-key")}, 2, 2};
        if (action == QLatin1String("use"))
            return Grammar{QStringLiteral("env use NAME"), {}, 2, 2};
    }
    return std::nullopt;
}

} // namespace

Cli::Cli(QTextStream& out, QTextStream& err)
    : m_out(out)
    , m_err(err)
{}

int Cli::fail(int code, const QString& text)
{
    // Our own words, but they quote what was typed, settings and server text: made safe once, here.
    m_err << "alchemyst-jobs: " << terminalSafeMultiline(text) << '\n';
    return code;
}

int Cli::run(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Alchemyst context-add jobs from the command line."));
    const QCommandLineOption helpOption({QStringLiteral("h"), QStringLiteral("help")},
                                        QStringLiteral("Show help."));
    const QCommandLineOption versionOption(QStringLiteral("version"), QStringLiteral("Show the version."));
    const QCommandLineOption baseUrlOption(QStringLiteral("base-url"), QStringLiteral("Server base URL."),
                                           QStringLiteral("URL"));
    const QCommandLineOption envOption(QStringLiteral("env"), QStringLiteral("Environment name."),
                                       QStringLiteral("NAME"));
    const QCommandLineOption stateOption(QStringLiteral("state"), QStringLiteral("Only jobs in this state."),
                                         QStringLiteral("STATE"));
    const QCommandLineOption jsonOption(QStringLiteral("json"), QStringLiteral("Print JSON."));
    const QCommandLineOption timeoutOption(QStringLiteral("timeout"), QStringLiteral("Seconds per request."),
                                           QStringLiteral("SECONDS"));
    const QCommandLineOption portOption(QStringLiteral("port"), QStringLiteral("Simulator port."),
                                        QStringLiteral("N"));
    const QCommandLineOption tokenOption(QStringLiteral("token"), QStringLiteral("Simulator token."),
                                         QStringLiteral("T"));
    const QCommandLineOption jobsOption(QStringLiteral("jobs"), QStringLiteral("Simulator jobs."),
                                        QStringLiteral("N"));
    const QCommandLineOption stillOption(QStringLiteral("still"),
                                         QStringLiteral("Simulator: jobs do not change on their own."));
    const QCommandLineOption paceOption(QStringLiteral("requests-per-minute"),
                                        QStringLiteral("At most N requests a minute (0: unpaced)."),
                                        QStringLiteral("N"));
    const QCommandLineOption productionOption(QStringLiteral("production"),
                                              QStringLiteral("Mark the environment as production."));
    const QCommandLineOption replaceOption(QStringLiteral("replace"),
                                           QStringLiteral("env add: replace an environment of that name."));
    const QCommandLineOption keepKeyOption(QStringLiteral("keep-key"),
                                           QStringLiteral("env remove: leave the keychain entry alone."));
    const QCommandLineOption csvOption(QStringLiteral("csv"), QStringLiteral("Print CSV (RFC 4180)."));
    const QCommandLineOption activeOverOption(QStringLiteral("active-over"),
                                              QStringLiteral("Stuck when active for longer."),
                                              QStringLiteral("DURATION"));
    const QCommandLineOption waitingOverOption(QStringLiteral("waiting-over"),
                                               QStringLiteral("Waiting or delayed (seen) for longer."),
                                               QStringLiteral("DURATION"));
    const QCommandLineOption sinceOption(
        QStringLiteral("since"), QStringLiteral("Entries of this last while."), QStringLiteral("DURATION"));
    const QCommandLineOption sourceOption(QStringLiteral("source"),
                                          QStringLiteral("Jobs of this data.source."), QStringLiteral("S"));
    const QCommandLineOption fileNameOption(QStringLiteral("file-name"),
                                            QStringLiteral("Jobs whose file name matches the wildcard."),
                                            QStringLiteral("GLOB"));
    const QCommandLineOption fromFileOption(QStringLiteral("from-file"),
                                            QStringLiteral("Job ids, one a line (- for standard input)."),
                                            QStringLiteral("FILE"));
    const QCommandLineOption dryRunOption(QStringLiteral("dry-run"), QStringLiteral("Send nothing."));
    const QCommandLineOption yesOption(QStringLiteral("yes"),
                                       QStringLiteral("Cancel on a production environment without asking."));
    const QCommandLineOption noJournalOption(QStringLiteral("no-journal"),
                                             QStringLiteral("Cancel without writing the journal."));
    parser.addOptions(
        {helpOption,       versionOption,    baseUrlOption,     envOption,     stateOption,
         jsonOption,       timeoutOption,    portOption,        tokenOption,   jobsOption,
         productionOption, stillOption,      paceOption,        replaceOption, keepKeyOption,
         csvOption,        activeOverOption, waitingOverOption, sinceOption,   sourceOption,
         fileNameOption,   fromFileOption,   dryRunOption,      yesOption,     noJournalOption});
    parser.addPositionalArgument(QStringLiteral("command"),
                                 QStringLiteral("list, status, stuck, failures, cancel, journal, "
                                                "simulate, env, login or logout"));

    if (!parser.parse(arguments)) {
        m_err << "alchemyst-jobs: " << terminalSafe(parser.errorText()) << "\n\n" << usageText();
        return Usage;
    }
    if (parser.isSet(helpOption)) {
        m_out << usageText();
        return Success;
    }
    if (parser.isSet(versionOption)) {
        m_out << "alchemyst-jobs " << QStringLiteral(AJM_VERSION) << '\n';
        return Success;
    }
    QStringList positional = parser.positionalArguments();
    if (positional.isEmpty()) {
        m_err << "alchemyst-jobs: a command is required.\n\n" << usageText();
        return Usage;
    }
    const QString command = positional.takeFirst();
    auto usage = [this](const QString& text) { return fail(Usage, text); };

    // The command line is judged whole before anything else happens: a typo must cost nothing, not a
    // keychain prompt or a request to a server.
    const QString action = command == QLatin1String("env") ? positional.value(0) : QString();
    const std::optional<Grammar> grammar = grammarOf(command, action);
    if (!grammar) {
        if (command == QLatin1String("env"))
            return usage(QStringLiteral("env takes list, add, remove or use"));
        return usage(QStringLiteral("unknown command \"%1\" (see: alchemyst-jobs --help)").arg(command));
    }
    if (positional.size() < grammar->minArguments ||
        (grammar->maxArguments >= 0 && positional.size() > grammar->maxArguments))
        return usage(QStringLiteral("usage: alchemyst-jobs %1").arg(grammar->form));
    for (const QString& name : parser.optionNames()) {
        if (!grammar->options.contains(name))
            return usage(QStringLiteral("--%1 does not apply to \"%2\" (usage: alchemyst-jobs %3)")
                             .arg(name, command + (action.isEmpty() ? QString() : QLatin1Char(' ') + action),
                                  grammar->form));
    }
    int timeoutMs = 0;
    if (parser.isSet(timeoutOption)) {
        bool ok = false;
        const double seconds = parser.value(timeoutOption).toDouble(&ok);
        // nan compares false with everything: without isfinite it would pass as "no timeout at all".
        if (!ok || !std::isfinite(seconds) || seconds < 0.1 || seconds > 3600)
            return usage(QStringLiteral("--timeout takes seconds, from 0.1 to 3600."));
        timeoutMs = static_cast<int>(std::lround(seconds * 1000));
    }
    int perMinute = -1;
    if (parser.isSet(paceOption)) {
        bool ok = false;
        perMinute = parser.value(paceOption).toInt(&ok);
        if (!ok || perMinute < 0 || perMinute > 100000)
            return usage(QStringLiteral("--requests-per-minute takes a number from 0 to 100000."));
    }
    int initialJobs = -1;
    if (parser.isSet(jobsOption)) {
        bool ok = false;
        initialJobs = parser.value(jobsOption).toInt(&ok);
        if (!ok || initialJobs < 0 || initialJobs > 1000000)
            return usage(QStringLiteral("--jobs takes a number from 0 to 1000000."));
    }
    quint16 port = 0;
    if (parser.isSet(portOption)) {
        bool ok = false;
        const uint value = parser.value(portOption).toUInt(&ok);
        if (!ok || value > 65535)
            return usage(QStringLiteral("--port takes a number from 0 to 65535."));
        port = static_cast<quint16>(value);
    }
    if (parser.isSet(stateOption) && parser.value(stateOption).trimmed().isEmpty())
        return usage(QStringLiteral("--state takes a state name."));
    if (parser.isSet(envOption) && parser.value(envOption).trimmed().isEmpty())
        return usage(QStringLiteral("--env takes an environment name."));
    if (parser.isSet(baseUrlOption) && parser.isSet(envOption))
        return usage(QStringLiteral("give --base-url or --env, not both."));
    QUrl typedUrl;
    if (parser.isSet(baseUrlOption)) {
        typedUrl = parseBaseUrl(parser.value(baseUrlOption));
        const QString problem = baseUrlProblem(parser.value(baseUrlOption), typedUrl);
        if (!problem.isEmpty())
            return usage(problem);
    }
    if (command == QLatin1String("env") && action == QLatin1String("add") && !parser.isSet(baseUrlOption))
        return usage(QStringLiteral("usage: alchemyst-jobs %1").arg(grammar->form));

    // Durations, formats and what a cancel is to act on: all judged here too.
    std::optional<qint64> activeOver, waitingOver, since;
    const std::pair<const QCommandLineOption*, std::optional<qint64>*> durations[] = {
        {&activeOverOption, &activeOver}, {&waitingOverOption, &waitingOver}, {&sinceOption, &since}};
    for (const auto& [option, value] : durations) {
        if (!parser.isSet(*option))
            continue;
        *value = parseDurationMs(parser.value(*option).trimmed());
        if (!*value)
            return usage(
                QStringLiteral("--%1 takes a duration with its unit, like 90s, 15m, 2h or 1d (not \"%2\").")
                    .arg(option->names().constFirst(), parser.value(*option)));
    }
    if (parser.isSet(jsonOption) && parser.isSet(csvOption))
        return usage(QStringLiteral("give --json or --csv, not both."));
    if (parser.isSet(sourceOption) && parser.value(sourceOption).trimmed().isEmpty())
        return usage(QStringLiteral("--source takes a source name."));
    QRegularExpression fileNamePattern;
    if (parser.isSet(fileNameOption)) {
        const QString glob = parser.value(fileNameOption);
        fileNamePattern = QRegularExpression(QRegularExpression::wildcardToRegularExpression(glob));
        if (glob.isEmpty() || !fileNamePattern.isValid())
            return usage(QStringLiteral("--file-name takes a wildcard pattern, like \"invoice-*.pdf\"."));
    }
    QStringList cancelIds;
    const bool selecting = parser.isSet(stateOption) || parser.isSet(sourceOption) ||
                           parser.isSet(fileNameOption) || parser.isSet(waitingOverOption);
    const bool idsFromStdin = parser.value(fromFileOption) == QLatin1String("-");
    if (command == QLatin1String("cancel")) {
        cancelIds = positional;
        if (parser.isSet(fromFileOption)) {
            const QString path = parser.value(fromFileOption);
            QFile file;
            const bool opened = idsFromStdin ? file.open(stdin, QIODevice::ReadOnly)
                                             : (file.setFileName(path), file.open(QIODevice::ReadOnly));
            if (!opened)
                return usage(
                    QStringLiteral("--from-file: %1 cannot be read: %2").arg(path, file.errorString()));
            // One id a line; blank lines and lines starting with # are ignored.
            const QByteArray content = file.readAll();
            for (const QByteArray& raw : content.split('\n')) {
                const QString line = QString::fromUtf8(raw).trimmed();
                if (!line.isEmpty() && !line.startsWith(QLatin1Char('#')))
                    cancelIds.append(line);
            }
            if (cancelIds.isEmpty() && !selecting)
                return usage(QStringLiteral("--from-file: no job ids in %1.")
                                 .arg(idsFromStdin ? QStringLiteral("standard input") : path));
        }
        if (!cancelIds.isEmpty() && selecting)
            return usage(
                QStringLiteral("give job ids (arguments or --from-file) or selectors (--state, --source, "
                               "--file-name, --waiting-over), not both."));
        if (cancelIds.isEmpty() && !selecting)
            return usage(QStringLiteral("usage: alchemyst-jobs %1").arg(grammar->form));
        if (parser.isSet(stateOption)) {
            const QString state = parser.value(stateOption).trimmed().toLower();
            if (state != QLatin1String("waiting") && state != QLatin1String("delayed"))
                return usage(
                    QStringLiteral("cancel --state takes waiting or delayed: only those can be cancelled."));
        }
    }

    if (command == QLatin1String("simulate")) {
        Simulator::Options options;
        if (initialJobs >= 0)
            options.initialJobs = initialJobs;
        if (parser.isSet(tokenOption))
            options.token = parser.value(tokenOption);
        if (parser.isSet(stillOption))
            options.live = false;
        options.retainFinished = qMax(options.retainFinished, options.initialJobs);
        Simulator simulator(options);
        if (simulator.listen(QHostAddress::LocalHost, port) == 0)
            return fail(Failure, QStringLiteral("the simulator could not listen on 127.0.0.1:%1").arg(port));
        m_out << simulator.baseUrl().toString() << Qt::endl;
        m_err << "Simulator of the Alchemyst job API with " << simulator.jobCount()
              << " jobs. Use it with ALCHEMYST_AI_BASE_URL=" << simulator.baseUrl().toString()
              << " and the token given with --token (default demo-key). Ctrl+C stops it." << Qt::endl;
        return QCoreApplication::exec();
    }

    if (command == QLatin1String("journal"))
        return runJournal(since, parser.value(envOption).trimmed(), parser.isSet(jsonOption));

    EnvironmentStore store;
    SecretStore secrets(QStringLiteral(AJM_APP_ID));

    if (command == QLatin1String("env"))
        return runEnv(action, positional.value(1), typedUrl, parser.isSet(productionOption),
                      parser.isSet(replaceOption), parser.isSet(keepKeyOption), store, secrets);

    // Which server, and which keychain entry belongs to it.
    std::optional<Environment> environment;
    if (parser.isSet(envOption)) {
        environment = store.find(parser.value(envOption));
        if (!environment)
            return usage(QStringLiteral("no environment named \"%1\" (see: alchemyst-jobs env list)")
                             .arg(parser.value(envOption)));
    }
    const QString variableUrlText = qEnvironmentVariable(BaseUrlVariable).trimmed();
    QUrl baseUrl;
    QString urlProblem;
    if (parser.isSet(baseUrlOption)) {
        baseUrl = typedUrl;
    } else if (environment) {
        baseUrl = environment->baseUrl;
        urlProblem = ApiClient::checkBaseUrl(baseUrl);
    } else if (!variableUrlText.isEmpty()) {
        baseUrl = parseBaseUrl(variableUrlText);
        urlProblem = baseUrlProblem(variableUrlText, baseUrl);
        if (!urlProblem.isEmpty())
            urlProblem = QString::fromLatin1(BaseUrlVariable) + QStringLiteral(": ") + urlProblem;
    } else if ((environment = store.find(store.activeName()))) {
        baseUrl = environment->baseUrl;
        urlProblem = ApiClient::checkBaseUrl(baseUrl);
    } else {
        baseUrl = defaultBaseUrl();
    }
    if (!urlProblem.isEmpty())
        return usage(urlProblem);
    if (!environment) {
        for (const Environment& candidate : store.environments()) {
            if (candidate.baseUrl == baseUrl)
                environment = candidate;
        }
    }
    const QString keychainKey =
        SecretStore::keyFor(environment ? environment->name : QStringLiteral("default"), baseUrl.toString());
    // The name first sightings, thresholds and journal entries go under: the environment's, as the window
    // keeps them, else the server's host (a --base-url or ALCHEMYST_AI_BASE_URL that no environment has).
    const QString environmentName = environment ? environment->name : displayHost(baseUrl);

    const bool dryRun = parser.isSet(dryRunOption);
    const bool production = environment && environment->production;
    Journal journal;
    if (command == QLatin1String("cancel") && !dryRun) {
        // Refused before the keychain or the network: nothing can confirm it later in this run.
        if (production && !parser.isSet(yesOption)) {
            bool terminal = false;
#ifdef Q_OS_UNIX
            terminal = isatty(STDIN_FILENO);
#endif
            if (!terminal || idsFromStdin)
                return usage(
                    QStringLiteral("\"%1\" is a production environment: nothing was sent. Give --yes "
                                   "to cancel there, or run on a terminal (ids not on standard input) "
                                   "and type the environment's name when asked.")
                        .arg(environment->name));
        }
        QString why;
        if (!parser.isSet(noJournalOption) && !journal.canWrite(&why))
            return fail(Failure,
                        QStringLiteral("the cancel journal cannot be written (%1): nothing was sent. "
                                       "Give --no-journal to cancel without a record.")
                            .arg(why));
    }

    if (command == QLatin1String("logout")) {
        const SecretResult removed = secrets.removeSync(keychainKey);
        if (removed.status != SecretResult::Ok)
            return fail(Auth, removed.message);
        m_out << "Removed the stored API key for " << shown(baseUrl) << '\n';
        return Success;
    }

    QNetworkAccessManager manager;
    ApiClient client(&manager);
    client.setBaseUrl(baseUrl);
    if (timeoutMs > 0)
        client.setTimeout(timeoutMs);
    RequestPacer pacer(RefreshPolicy::PlatformRequestsPerMinute, 60 * 1000);
    if (perMinute >= 0)
        pacer.setLimit(perMinute, 60 * 1000);
    if (perMinute != 0)
        client.setPacer(&pacer);
    // A read that failed for a passing reason is tried again; say so, so that a wait is not a hang.
    QObject::connect(
        &client, &ApiClient::retrying, &client, [this](const ApiResult& failure, int attempt, int delayMs) {
            m_err << "alchemyst-jobs: " << describe(failure) << " — "
                  << (failure.outcome == Outcome::RateLimited && failure.retryAfterSeconds >= 0
                          ? QStringLiteral("waiting %1 s as the server asked").arg(failure.retryAfterSeconds)
                          : QStringLiteral("trying again in %1 s").arg(delayMs / 1000.0))
                  << " (retry " << attempt << " of " << ApiClient::MaxRetries << ")\n"
                  << Qt::flush;
        });
    auto wait = [](const std::function<void(std::function<void()>)>& start) {
        QEventLoop loop;
        bool done = false;
        start([&] {
            done = true;
            loop.quit();
        });
        if (!done)
            loop.exec();
    };

    if (command == QLatin1String("login")) {
        bool interactive = false;
        const QString key =
            readSecretFromStdin(&interactive, m_err, QStringLiteral("API key for %1: ").arg(shown(baseUrl)));
        if (interactive)
            m_err << Qt::endl;
        if (key.isEmpty())
            return fail(Usage, QStringLiteral("no API key was given on standard input."));
        client.setApiKey(key);
        ApiResult verified;
        wait([&](std::function<void()> finished) {
            client.checkConnection([&, finished](const ApiResult& result) {
                verified = result;
                finished();
            });
        });
        if (!verified.isSuccess())
            return fail(exitCodeFor(verified.outcome),
                        QStringLiteral("the key was not stored: ") + describe(verified));
        const SecretResult stored = secrets.writeSync(keychainKey, key);
        if (stored.status != SecretResult::Ok)
            return fail(Auth, stored.message);
        m_out << "Stored the API key for " << shown(baseUrl) << " in the keychain; it works.\n";
        return Success;
    }

    // The key. ALCHEMYST_AI_API_KEY belongs to the server of ALCHEMYST_AI_BASE_URL, or to the default
    // server when that is unset, as in the official SDKs: sent anywhere else (the active environment, a
    // --base-url), a production key would reach a staging or third-party server.
    const QString variableKey = apiKeyFromEnvironment();
    const QUrl variableKeyServer =
        variableUrlText.isEmpty() ? defaultBaseUrl() : parseBaseUrl(variableUrlText);
    QString key;
    if (!variableKey.isEmpty() && sameServer(baseUrl, variableKeyServer)) {
        key = variableKey;
    } else {
        const QString unused =
            variableKey.isEmpty()
                ? QString()
                : QStringLiteral(" %1 is set but was not used: it belongs to %2 (%3%4), not to %5. To use it "
                                 "here, set %3=%5.")
                      .arg(QString::fromLatin1(ApiKeyVariable), shown(variableKeyServer),
                           QString::fromLatin1(BaseUrlVariable),
                           variableUrlText.isEmpty() ? QStringLiteral(" is unset: the default server")
                                                     : QString(),
                           shown(baseUrl));
        const SecretResult secret = secrets.readSync(keychainKey);
        if (secret.status == SecretResult::Ok) {
            key = secret.secret;
        } else if (secret.status == SecretResult::NotFound) {
            return fail(Auth, QStringLiteral("no API key for %1 in the keychain.").arg(shown(baseUrl)) +
                                  unused +
                                  (variableKey.isEmpty() ? QStringLiteral(" Set %1, or store one with: "
                                                                          "alchemyst-jobs login")
                                                               .arg(QString::fromLatin1(ApiKeyVariable))
                                                         : QStringLiteral(" Or store a key for it with: "
                                                                          "alchemyst-jobs login")));
        } else {
            return fail(Auth, secret.message + (unused.isEmpty()
                                                    ? QStringLiteral(" Alternatively set %1 for this run.")
                                                          .arg(QString::fromLatin1(ApiKeyVariable))
                                                    : unused));
        }
    }
    client.setApiKey(key);

    // One listing, read whole; on failure the exit code (after saying why), else Success.
    const auto listAll = [&](const QString& type, ListResult& listed) -> int {
        wait([&](std::function<void()> finished) {
            client.listJobs(type, [&, finished](const ListResult& result) {
                listed = result;
                finished();
            });
        });
        if (!listed.result.isSuccess())
            return fail(exitCodeFor(listed.result.outcome), describe(listed.result));
        if (!listed.serverNote.isEmpty())
            m_err << "alchemyst-jobs: the server marked its answer as failed but listed jobs; they are "
                     "used. It said: "
                  << terminalSafe(listed.serverNote) << '\n';
        return Success;
    };
    // The listing feeds the first sightings the window keeps for this environment, and they are saved:
    // ages here and there count from the same moment. Only a listing of every job prunes the jobs it did
    // not show (a --state failed listing says nothing about the waiting ones).
    const auto observe = [&](TriageSession& session, const ListResult& listed, bool complete, qint64 now) {
        QString error;
        if (!session.load(now, &error))
            m_err << "alchemyst-jobs: the first sightings could not be read (" << terminalSafe(error)
                  << "); ages start again from now.\n";
        session.beginPass();
        session.observePage(listed.jobs, now);
        const PassSummary summary = session.endPass(complete, now);
        if (!summary.saveError.isEmpty())
            m_err << "alchemyst-jobs: the first sightings could not be saved: "
                  << terminalSafe(summary.saveError) << '\n';
    };

    if (command == QLatin1String("list")) {
        QString state = parser.value(stateOption).trimmed().toLower();
        const QString type = ServerTypes.contains(state) ? (state.isEmpty() ? QStringLiteral("all") : state)
                                                         : QStringLiteral("all");
        ListResult listed;
        if (const int code = listAll(type, listed); code != Success)
            return code;
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        TriageSession triage(environmentName, baseUrl);
        observe(triage, listed, type == QLatin1String("all"), now);
        const auto matches = [&state](const Job& job) {
            return state.isEmpty() || state == QLatin1String("all") || job.state == state ||
                   (state == QLatin1String("other") && categoryOf(job.state) == StateCategory::Other);
        };
        // Streamed job by job: never the whole output, its bytes and an encoded copy alive at once.
        if (parser.isSet(jsonOption) || parser.isSet(csvOption)) {
            const bool csv = parser.isSet(csvOption);
            // CSV is data, exact as the server wrote it; only on a terminal are its cells made safe to show.
            bool safeCells = false;
#ifdef Q_OS_UNIX
            safeCells = csv && isatty(STDOUT_FILENO);
#endif
            // Bytes straight to the device in chunks, without a QString round trip per job.
            m_out.flush();
            QIODevice* device = m_out.device();
            QByteArray chunk =
                csv ? QByteArray(jobsCsvHeader().chopped(2)).append(",ageMs,stuck,firstSeen\r\n")
                    : QByteArray("[");
            bool first = true;
            const auto write = [&] {
                if (device)
                    device->write(chunk);
                else
                    m_out << QString::fromUtf8(chunk);
                chunk.clear();
            };
            for (const Job& job : std::as_const(listed.jobs)) {
                if (!matches(job))
                    continue;
                const StuckVerdict verdict = triage.verdict(job, now, false);
                const qint64 firstSeen = triage.store().firstSeen(job.id, job.state);
                const QByteArray age = verdict.ageMs >= 0 ? QByteArray::number(verdict.ageMs) : QByteArray();
                const QByteArray stuck =
                    verdict.stuck ? QByteArrayLiteral("true") : QByteArrayLiteral("false");
                const QByteArray seen = isoUtc(firstSeen).toLatin1();
                if (csv) {
                    // The job's columns as the window exports them, then what this tool knows about its age.
                    if (safeCells) {
                        Job shown = job;
                        for (QString* text :
                             {&shown.id, &shown.state, &shown.fileName, &shown.source, &shown.failedReason})
                            *text = terminalSafe(*text);
                        appendJobCsv(chunk, shown);
                    } else {
                        appendJobCsv(chunk, job);
                    }
                    chunk.chop(2); // its CRLF
                    chunk += ',';
                    chunk += age;
                    chunk += ',';
                    chunk += stuck;
                    chunk += ',';
                    chunk += seen;
                    chunk += "\r\n";
                } else {
                    if (!first)
                        chunk += ',';
                    first = false;
                    job.appendJson(chunk);
                    // The job's own object, then what this tool knows about its age.
                    if (chunk.endsWith('}')) {
                        chunk.chop(1);
                        chunk += ",\"ageMs\":";
                        chunk += age.isEmpty() ? QByteArrayLiteral("null") : age;
                        chunk += ",\"stuck\":";
                        chunk += stuck;
                        chunk += ",\"firstSeen\":";
                        if (seen.isEmpty()) {
                            chunk += "null";
                        } else {
                            chunk += '"';
                            chunk += seen;
                            chunk += '"';
                        }
                        chunk += '}';
                    }
                }
                if (chunk.size() > 256 * 1024)
                    write();
            }
            if (!csv)
                chunk += "]\n";
            write();
        } else {
            // Padded by hand and joined, never through chained arg(): server text may hold "%1". Every
            // cell is server text made safe, so that none can end the row or act on the terminal.
            const auto row = [](const QString& id, const QString& state, const QString& attempts,
                                const QString& started, const QString& finished,
                                const QString& rest) -> QString {
                return id.leftJustified(14) + QStringLiteral("  ") + state.leftJustified(10) +
                       QStringLiteral("  ") + attempts.rightJustified(3) + QStringLiteral("  ") +
                       started.leftJustified(19) + QStringLiteral("  ") + finished.leftJustified(19) +
                       QStringLiteral("  ") + rest + QLatin1Char('\n');
            };
            m_out << row(QStringLiteral("JOB ID"), QStringLiteral("STATE"), QStringLiteral("ATT"),
                         QStringLiteral("STARTED"), QStringLiteral("FINISHED"),
                         QStringLiteral("FILE / SOURCE  REASON"));
            qsizetype count = 0;
            for (const Job& job : std::as_const(listed.jobs)) {
                if (!matches(job))
                    continue;
                ++count;
                const QString file = job.fileName.isEmpty() ? job.source : job.fileName;
                QString rest = file.isEmpty() ? QStringLiteral("-") : terminalSafe(file);
                if (!job.failedReason.isEmpty())
                    rest += QStringLiteral("  ") + terminalSafe(job.failedReason);
                m_out << row(terminalSafe(job.id), terminalSafe(job.state),
                             job.attempts >= 0 ? QString::number(job.attempts) : QStringLiteral("-"),
                             isoTime(job.processedOn), isoTime(job.finishedOn), rest);
            }
            m_out.flush();
            m_err << count << " job(s) from " << shown(baseUrl) << " in " << listed.requests
                  << " request(s)\n";
        }
        return Success;
    }

    if (command == QLatin1String("stuck")) {
        ListResult listed;
        if (const int code = listAll(QStringLiteral("all"), listed); code != Success)
            return code;
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        TriageSession triage(environmentName, baseUrl);
        observe(triage, listed, true, now);
        // The options apply to this run only: the environment's thresholds are the window's to change.
        StuckThresholds thresholds = triage.thresholds();
        if (activeOver)
            thresholds.activeMs = *activeOver;
        if (waitingOver)
            thresholds.waitingMs = *waitingOver;
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
        if (parser.isSet(jsonOption)) {
            QJsonArray array;
            for (const auto& [job, verdict] : std::as_const(stuck)) {
                array.append(QJsonObject{
                    {QStringLiteral("jobId"), job->id},
                    {QStringLiteral("status"), job->state},
                    {QStringLiteral("ageMs"), verdict.ageMs},
                    {QStringLiteral("since"), isoUtc(verdict.sinceMs)},
                    {QStringLiteral("basis"), verdict.basis == StuckVerdict::Started
                                                  ? QStringLiteral("started")
                                                  : QStringLiteral("first-seen")},
                    {QStringLiteral("text"), verdict.text},
                    {QStringLiteral("fileName"),
                     job->fileName.isEmpty() ? QJsonValue() : QJsonValue(job->fileName)},
                    {QStringLiteral("source"),
                     job->source.isEmpty() ? QJsonValue() : QJsonValue(job->source)},
                });
            }
            m_out << QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Compact)) << '\n';
        } else {
            if (!stuck.isEmpty())
                m_out << QStringLiteral("JOB ID").leftJustified(14) << "  "
                      << QStringLiteral("STATE").leftJustified(10) << "  "
                      << QStringLiteral("AGE").leftJustified(40) << "  FILE / SOURCE\n";
            for (const auto& [job, verdict] : std::as_const(stuck)) {
                const QString file = job->fileName.isEmpty() ? job->source : job->fileName;
                m_out << terminalSafe(job->id).leftJustified(14) << "  "
                      << terminalSafe(job->state).leftJustified(10) << "  "
                      << terminalSafe(verdict.text).leftJustified(40) << "  "
                      << (file.isEmpty() ? QStringLiteral("-") : terminalSafe(file)) << '\n';
            }
            m_out.flush();
        }
        m_err << stuck.size() << " stuck of " << listed.jobs.size() << " job(s) from " << shown(baseUrl)
              << " (active over " << formatDurationMs(thresholds.activeMs) << ", waiting or delayed over "
              << formatDurationMs(thresholds.waitingMs)
              << "; waiting ages count from the first sighting by this tool or the window)\n";
        return Success;
    }

    if (command == QLatin1String("failures")) {
        ListResult listed;
        if (const int code = listAll(QStringLiteral("failed"), listed); code != Success)
            return code;
        TriageSession triage;
        const FailureGroupList groups = triage.groupFailures(listed.jobs);
        if (parser.isSet(jsonOption)) {
            QJsonArray array;
            for (const FailureGroup& group : groups)
                array.append(
                    QJsonObject{{QStringLiteral("reason"), group.reason},
                                {QStringLiteral("key"), group.key},
                                {QStringLiteral("count"), group.count},
                                {QStringLiteral("variants"), group.variants},
                                {QStringLiteral("jobIds"), QJsonArray::fromStringList(group.jobIds)}});
            m_out << QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Compact)) << '\n';
        } else {
            int failed = 0;
            for (const FailureGroup& group : groups) {
                failed += group.count;
                m_out << QString::number(group.count).rightJustified(6) << " × "
                      << (group.reason.isEmpty() ? QStringLiteral("(no reason given)")
                                                 : terminalSafe(group.reason));
                if (group.variants > 1)
                    m_out << "  (" << group.variants << " variants)";
                m_out << '\n';
            }
            m_out.flush();
            m_err << failed << " failed job(s) in " << groups.size() << " group(s) from " << shown(baseUrl)
                  << '\n';
        }
        return Success;
    }

    if (command == QLatin1String("status")) {
        JobResult fetched;
        wait([&](std::function<void()> finished) {
            client.fetchJob(positional.constFirst(), [&, finished](const JobResult& result) {
                fetched = result;
                finished();
            });
        });
        if (!fetched.result.isSuccess() || !fetched.job)
            return fail(
                exitCodeFor(fetched.result.isSuccess() ? Outcome::MalformedResponse : fetched.result.outcome),
                terminalSafe(positional.constFirst()) + QStringLiteral(": ") + describe(fetched.result));
        const Job& job = *fetched.job;
        if (parser.isSet(jsonOption)) {
            m_out << QString::fromUtf8(QJsonDocument(job.toJson()).toJson(QJsonDocument::Compact)) << '\n';
        } else {
            m_out << "Job ID:    " << terminalSafe(job.id) << '\n'
                  << "State:     " << terminalSafe(job.state) << '\n'
                  << "Attempts:  "
                  << (job.attempts >= 0 ? QString::number(job.attempts) : QStringLiteral("-")) << '\n'
                  << "Started:   " << isoTime(job.processedOn) << '\n'
                  << "Finished:  " << isoTime(job.finishedOn) << '\n';
            if (!job.fileName.isEmpty())
                m_out << "File:      " << terminalSafe(job.fileName) << '\n';
            if (!job.source.isEmpty())
                m_out << "Source:    " << terminalSafe(job.source) << '\n';
            if (!job.failedReason.isEmpty())
                m_out << "Reason:    " << terminalSafe(job.failedReason) << '\n';
        }
        return Success;
    }

    // cancel (the grammar admits nothing else here)
    const bool json = parser.isSet(jsonOption);
    const bool journaling = !parser.isSet(noJournalOption);
    if (!journaling && !dryRun)
        m_err << "alchemyst-jobs: --no-journal: these cancels are not recorded in the journal.\n";
    const auto printLine = [this](const ReceiptLine& line) {
        m_out << receiptText(line) << '\n' << Qt::flush;
    };

    if (!cancelIds.isEmpty()) {
        // Ids as given are sent as given, one after the other, as before: their state is not looked up (a
        // status request each, or a whole listing, to learn what the server's answer says anyway), so the
        // journal and the receipt record it as unknown (""), and a running job gets its 409 verbatim.
        QStringList ids;
        QSet<QString> seen;
        for (const QString& id : std::as_const(cancelIds)) {
            if (!seen.contains(id)) {
                seen.insert(id);
                ids.append(id);
            }
        }
        if (dryRun) {
            if (json) {
                QJsonArray send;
                for (const QString& id : std::as_const(ids))
                    send.append(
                        QJsonObject{{QStringLiteral("id"), id}, {QStringLiteral("stateBefore"), QString()}});
                m_out << QString::fromUtf8(QJsonDocument(QJsonObject{{QStringLiteral("dryRun"), true},
                                                                     {QStringLiteral("send"), send},
                                                                     {QStringLiteral("skip"), QJsonArray()}})
                                               .toJson(QJsonDocument::Compact))
                      << '\n';
            } else {
                m_out << "Dry run: nothing was sent. Would send a cancel for " << ids.size() << " job(s) to "
                      << terminalSafe(environmentName) << " (" << shown(baseUrl)
                      << "); their states were not looked up, the server answers for each:\n";
                for (const QString& id : std::as_const(ids))
                    m_out << "  " << terminalSafe(id) << '\n';
            }
            return Success;
        }
        if (production && !parser.isSet(yesOption) && !confirmProduction(environment->name, ids.size()))
            return Usage;
        QList<ReceiptLine> lines;
        QString journalError;
        for (const QString& id : std::as_const(ids)) {
            ReceiptLine line;
            line.id = id;
            if (!journalError.isEmpty()) {
                line.kind = ReceiptLine::Kind::NotSent;
                line.message = QStringLiteral("Not sent: the journal could not be written.");
                lines.append(line);
                continue;
            }
            ApiResult cancelled;
            wait([&](std::function<void()> finished) {
                client.cancelJob(id, [&, finished](const ApiResult& result) {
                    cancelled = result;
                    finished();
                });
            });
            line.kind = ReceiptLine::Kind::Sent;
            line.outcome = cancelled.outcome;
            line.httpStatus = cancelled.httpStatus;
            line.message = cancelled.message;
            lines.append(line);
            if (journaling) {
                JournalEntry entry;
                entry.environment = environmentName;
                entry.server = baseUrl.toString();
                entry.jobId = id;
                entry.httpStatus = line.httpStatus;
                entry.outcome = line.outcomeName();
                entry.message = line.message;
                entry.origin = originName(CancelOrigin::Cli);
                if (!journal.append(entry, &journalError))
                    m_err << "alchemyst-jobs: the journal could not be written ("
                          << terminalSafe(journalError)
                          << "): nothing more is sent. Give --no-journal to cancel without a record.\n";
            }
            if (!json)
                printLine(line);
        }
        int worst = Success;
        for (const ReceiptLine& line : std::as_const(lines)) {
            if (!json && line.kind == ReceiptLine::Kind::NotSent)
                printLine(line);
            worst = qMax(worst, line.wasSent() ? exitCodeFor(line.outcome) : exitCodeFor(Outcome::Stopped));
        }
        if (json)
            m_out << QString::fromUtf8(CancelBatch::receiptToJson(lines)) << Qt::flush;
        m_out.flush();
        return worst;
    }

    // Selectors: the list is read once (and feeds the first sightings, which --waiting-over reads), the
    // jobs that match every selector are the selection, and CancelBatch sends those that can be cancelled.
    ListResult listed;
    if (const int code = listAll(QStringLiteral("all"), listed); code != Success)
        return code;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    TriageSession triage(environmentName, baseUrl);
    observe(triage, listed, true, now);
    const QString wantedState = parser.value(stateOption).trimmed().toLower();
    const QString wantedSource = parser.value(sourceOption).trimmed();
    JobList selection;
    for (const Job& job : std::as_const(listed.jobs)) {
        if (!wantedState.isEmpty() && job.state != wantedState)
            continue;
        if (!wantedSource.isEmpty() && job.source != wantedSource)
            continue;
        if (parser.isSet(fileNameOption) && !fileNamePattern.match(job.fileName).hasMatch())
            continue;
        if (waitingOver) {
            const qint64 firstSeen = triage.store().firstSeen(job.id, job.state);
            if (firstSeen <= 0 || now - firstSeen <= *waitingOver)
                continue;
        }
        selection.append(job);
    }
    const CancelPreview plan = CancelBatch::preview(selection);
    if (dryRun) {
        if (json) {
            QJsonArray send;
            for (const Job& job : std::as_const(plan.sendList))
                send.append(
                    QJsonObject{{QStringLiteral("id"), job.id}, {QStringLiteral("stateBefore"), job.state}});
            QJsonArray skip;
            for (const ReceiptLine& line : std::as_const(plan.skippedLines))
                skip.append(QJsonObject{{QStringLiteral("id"), line.id},
                                        {QStringLiteral("stateBefore"), line.stateBefore},
                                        {QStringLiteral("reason"), line.message}});
            m_out << QString::fromUtf8(QJsonDocument(QJsonObject{{QStringLiteral("dryRun"), true},
                                                                 {QStringLiteral("send"), send},
                                                                 {QStringLiteral("skip"), skip}})
                                           .toJson(QJsonDocument::Compact))
                  << '\n';
            return Success;
        }
        m_out << "Dry run: nothing was sent. " << plan.total << " job(s) selected on "
              << terminalSafe(environmentName) << " (" << shown(baseUrl) << "): would cancel " << plan.toSend
              << ", would skip " << plan.skipped << ".\n";
        for (const Job& job : std::as_const(plan.sendList))
            m_out << "  send  " << terminalSafe(job.id).leftJustified(14) << "  "
                  << terminalSafe(job.state).leftJustified(10) << "  "
                  << (job.fileName.isEmpty() ? QStringLiteral("-") : terminalSafe(job.fileName)) << '\n';
        for (const ReceiptLine& line : std::as_const(plan.skippedLines))
            m_out << "  skip  " << terminalSafe(line.id).leftJustified(14) << "  "
                  << terminalSafe(line.stateBefore).leftJustified(10) << "  " << terminalSafe(line.message)
                  << '\n';
        for (const CancelPreview::Group& reason : std::as_const(plan.reasons))
            m_out << "Skipped: " << reason.total << " × " << terminalSafe(reason.name) << '\n';
        m_out.flush();
        return Success;
    }
    if (plan.toSend > 0 && production && !parser.isSet(yesOption) &&
        !confirmProduction(environment->name, plan.toSend))
        return Usage;

    CancelBatch batch(&client, journaling ? &journal : nullptr, environmentName, baseUrl.toString(),
                      CancelOrigin::Cli);
    QEventLoop loop;
    QObject::connect(&batch, &CancelBatch::finished, &loop, &QEventLoop::quit);
    if (!json)
        QObject::connect(&batch, &CancelBatch::jobFinished, &loop,
                         [&printLine](const QString&, const ReceiptLine& line) { printLine(line); });
    QObject::connect(&batch, &CancelBatch::journalFailed, &loop, [this, &batch](const QString& reason) {
        m_err << "alchemyst-jobs: the journal could not be written (" << terminalSafe(reason)
              << "): nothing more is sent. Give --no-journal to cancel without a record.\n";
        batch.stop();
    });
    batch.start(selection);
    if (!batch.isFinished())
        loop.exec();
    if (json) {
        m_out << QString::fromUtf8(batch.receiptJson()) << Qt::flush;
    } else {
        for (const CancelPreview::Group& reason : std::as_const(plan.reasons))
            m_out << "Skipped: " << reason.total << " × " << terminalSafe(reason.name) << '\n';
        if (plan.total == 0)
            m_err << "alchemyst-jobs: no job matches the selection; nothing was sent.\n";
    }
    m_out.flush();
    return batch.exitCode();
}

bool Cli::confirmProduction(const QString& environmentName, qsizetype count)
{
    // Only reached on a terminal (checked before the keychain and the network): the name is read back
    // from it, so that a cancel on production is never one keystroke away.
    m_err << "\"" << terminalSafe(environmentName) << "\" is a production environment. To cancel " << count
          << " job(s) there, type its name: " << Qt::flush;
    QFile in;
    QString typed;
    if (in.open(stdin, QIODevice::ReadOnly))
        typed = QString::fromUtf8(in.readLine(4096)).trimmed();
    if (typed == environmentName)
        return true;
    fail(Usage, QStringLiteral("the name typed is not \"%1\": nothing was sent.").arg(environmentName));
    return false;
}

int Cli::runJournal(const std::optional<qint64>& since, const QString& environmentName, bool json)
{
    const Journal journal;
    JournalFilter filter;
    if (since)
        filter.since = QDateTime::currentDateTimeUtc().addMSecs(-*since);
    filter.environment = environmentName;
    int malformed = 0;
    QString error;
    const QList<JournalEntry> entries = journal.read(filter, &malformed, &error);
    if (!error.isEmpty())
        return fail(Failure, QStringLiteral("the journal could not be read: ") + error);
    if (json) {
        m_out << QString::fromUtf8(Journal::toJson(entries));
    } else {
        // One line per attempt; every field but the time and the status came from a server or a settings
        // file.
        for (const JournalEntry& entry : entries) {
            m_out << entry.time.toUTC().toString(Qt::ISODateWithMs) << "  " << terminalSafe(entry.environment)
                  << "  " << terminalSafe(entry.jobId) << "  "
                  << (entry.stateBefore.isEmpty() ? QStringLiteral("-") : terminalSafe(entry.stateBefore))
                  << "  " << terminalSafe(entry.outcome) << "  "
                  << (entry.httpStatus > 0 ? QString::number(entry.httpStatus) : QStringLiteral("-")) << "  "
                  << terminalSafe(entry.origin) << "  " << terminalSafe(entry.message) << '\n';
        }
        m_err << entries.size() << " entr" << (entries.size() == 1 ? "y" : "ies") << " in "
              << terminalSafe(journal.path()) << '\n';
    }
    if (malformed > 0)
        m_err << "alchemyst-jobs: " << malformed
              << " line(s) of the journal are not entries and were skipped.\n";
    m_out.flush();
    return Success;
}

int Cli::runEnv(const QString& action, const QString& name, const QUrl& url, bool production, bool replace,
                bool keepKey, EnvironmentStore& store, SecretStore& secrets)
{
    if (action == QLatin1String("list")) {
        const QList<Environment> list = store.environments();
        const QString active = store.activeName();
        if (list.isEmpty())
            m_out << "No environments. Add one: alchemyst-jobs env add NAME --base-url URL\n";
        for (const Environment& environment : list) {
            const SecretResult secret =
                secrets.readSync(SecretStore::keyFor(environment.name, environment.baseUrl.toString()));
            const QString keyState = secret.status == SecretResult::Ok ? QStringLiteral("key stored")
                                     : secret.status == SecretResult::NotFound
                                         ? QStringLiteral("no key")
                                         : QStringLiteral("keychain "
                                                          "unavailable");
            m_out << (environment.name == active ? "* " : "  ") << terminalSafe(environment.name) << '\t'
                  << shown(environment.baseUrl) << '\t'
                  << (environment.production ? "production" : "non-production") << '\t' << keyState << '\n';
        }
        return Success;
    }

    const QString trimmed = name.trimmed();
    if (trimmed.isEmpty())
        return fail(Usage, QStringLiteral("an environment needs a name."));

    if (action == QLatin1String("add")) {
        if (EnvironmentStore::isReservedName(trimmed))
            return fail(Usage,
                        QStringLiteral("\"%1\" is reserved for the built-in demo; choose another name.")
                            .arg(trimmed));
        const std::optional<Environment> existing = store.find(trimmed);
        if (existing && !replace)
            return fail(Usage, QStringLiteral("an environment named \"%1\" already exists (%2, %3). Give "
                                              "--replace to replace it.")
                                   .arg(trimmed, shown(existing->baseUrl),
                                        existing->production ? QStringLiteral("production")
                                                             : QStringLiteral("non-production")));
        // The key stored for the old server belongs to it: it must not follow the name to a new one. Removed
        // first, so that a keychain failure leaves everything as it was and can be retried.
        if (existing && existing->baseUrl != url) {
            const SecretResult removed =
                secrets.removeSync(SecretStore::keyFor(existing->name, existing->baseUrl.toString()));
            if (removed.status != SecretResult::Ok)
                return fail(Auth,
                            QStringLiteral("the environment was not replaced: the API key stored for %1 "
                                           "could not be removed from the keychain: %2 Try again when the "
                                           "keychain is available, or remove the environment with "
                                           "--keep-key and add it again.")
                                .arg(shown(existing->baseUrl), removed.message));
        }
        EnvironmentStore::SaveFlags flags = EnvironmentStore::ActivateIfNone;
        if (replace)
            flags |= EnvironmentStore::Replace;
        if (!store.save({trimmed, url, production}, flags))
            return fail(Failure, QStringLiteral("the environment was not saved: ") + store.errorString());
        m_out << (existing ? "Replaced environment " : "Added environment ") << terminalSafe(trimmed) << " ("
              << shown(url) << (production ? ", production" : "") << ")\n";
        return Success;
    }

    const std::optional<Environment> environment = store.find(trimmed);
    if (!environment)
        return fail(
            Usage, QStringLiteral("no environment named \"%1\" (see: alchemyst-jobs env list)").arg(trimmed));

    if (action == QLatin1String("remove")) {
        // The key first: if it cannot go, the environment stays, so that its keychain entry can still be
        // named and removed later, and nobody is told "removed" while the secret is still there.
        if (!keepKey) {
            const SecretResult removed =
                secrets.removeSync(SecretStore::keyFor(environment->name, environment->baseUrl.toString()));
            if (removed.status != SecretResult::Ok)
                return fail(Auth,
                            QStringLiteral("the API key of \"%1\" could not be removed from the keychain: "
                                           "%2 The environment was kept; try again when the keychain "
                                           "is available, or give --keep-key to remove only the "
                                           "environment.")
                                .arg(trimmed, removed.message));
        }
        if (!store.remove(trimmed)) {
            if (store.errorString().isEmpty())
                return fail(Usage, QStringLiteral("no environment named \"%1\"").arg(trimmed));
            return fail(Failure, QStringLiteral("the environment was not removed: ") + store.errorString());
        }
        m_out << "Removed environment " << terminalSafe(trimmed)
              << (keepKey ? " (its keychain entry, if any, was left)" : "") << '\n';
        return Success;
    }

    // use
    if (!store.setActiveName(trimmed))
        return fail(Failure,
                    QStringLiteral("the active environment was not changed: ") + store.errorString());
    m_out << "Active environment: " << terminalSafe(trimmed) << '\n';
    return Success;
}

} // namespace Alchemyst
