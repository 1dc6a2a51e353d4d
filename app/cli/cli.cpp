#include "cli.h"

#include "api/apiclient.h"
#include "api/requestpacer.h"
#include "cli/terminaltext.h"
#include "core/connection.h"
#include "credentials/secretstore.h"
#include "simulator/simulator.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QEventLoop>
#include <QFile>
#include <QJsonDocument>
#include <QNetworkAccessManager>
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
        "  list [--state STATE] [--json]   every job, paging through; STATE is waiting, delayed,\n"
        "                                  active, completed, failed, cancelled or any other state\n"
        "  status ID [--json]              one job\n"
        "  cancel ID [ID...]               cancel waiting or delayed jobs\n"
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
        "Exit codes: 0 success; 1 the settings could not be written; 2 usage; 3 a job is running (409);\n"
        "4 not found (404); 5 unauthorized, payment required, forbidden, no key, or a keychain failure;\n"
        "6 invalid id (400); 7 server error, network error, timeout or malformed response.\n");
}

QString isoTime(qint64 epochMs)
{
    return epochMs > 0 ? QDateTime::fromMSecsSinceEpoch(epochMs).toString(Qt::ISODate) : QStringLiteral("-");
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
        return Grammar{QStringLiteral("list [--state STATE] [--json]"),
                       network + QStringList{QStringLiteral("state"), QStringLiteral("json")}, 0, 0};
    if (command == QLatin1String("status"))
        return Grammar{QStringLiteral("status ID [--json]"), network + QStringList{QStringLiteral("json")}, 1,
                       1};
    if (command == QLatin1String("cancel"))
        return Grammar{QStringLiteral("cancel ID [ID...]"), network, 1, -1};
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
    parser.addOptions({helpOption, versionOption, baseUrlOption, envOption, stateOption, jsonOption,
                       timeoutOption, portOption, tokenOption, jobsOption, productionOption, stillOption,
                       paceOption, replaceOption, keepKeyOption});
    parser.addPositionalArgument(QStringLiteral("command"),
                                 QStringLiteral("list, status, cancel, simulate, env, "
                                                "login or logout"));

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

    if (command == QLatin1String("list")) {
        QString state = parser.value(stateOption).trimmed().toLower();
        const QString type = ServerTypes.contains(state) ? (state.isEmpty() ? QStringLiteral("all") : state)
                                                         : QStringLiteral("all");
        ListResult listed;
        wait([&](std::function<void()> finished) {
            client.listJobs(type, [&, finished](const ListResult& result) {
                listed = result;
                finished();
            });
        });
        if (!listed.result.isSuccess())
            return fail(exitCodeFor(listed.result.outcome), describe(listed.result));
        const auto matches = [&state](const Job& job) {
            return state.isEmpty() || state == QLatin1String("all") || job.state == state ||
                   (state == QLatin1String("other") && categoryOf(job.state) == StateCategory::Other);
        };
        if (!listed.serverNote.isEmpty())
            m_err << "alchemyst-jobs: the server marked its answer as failed but listed jobs; they are "
                     "shown. It said: "
                  << terminalSafe(listed.serverNote) << '\n';
        // Streamed job by job: never the whole output, its bytes and an encoded copy alive at once.
        if (parser.isSet(jsonOption)) {
            // Bytes straight to the device in chunks, without a QString round trip per job.
            m_out.flush();
            QIODevice* device = m_out.device();
            QByteArray chunk = "[";
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
                if (!first)
                    chunk += ',';
                first = false;
                job.appendJson(chunk);
                if (chunk.size() > 256 * 1024)
                    write();
            }
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
    int worst = Success;
    for (const QString& id : std::as_const(positional)) {
        ApiResult cancelled;
        wait([&](std::function<void()> finished) {
            client.cancelJob(id, [&, finished](const ApiResult& result) {
                cancelled = result;
                finished();
            });
        });
        // A 409's message is the server's integrity message: its words are printed as sent, but a
        // carriage return or escape in it cannot overwrite the id in front of it.
        if (cancelled.isSuccess()) {
            m_out << terminalSafe(id) << ": cancelled"
                  << (cancelled.message.isEmpty() ? QString()
                                                  : QStringLiteral(" — ") + terminalSafe(cancelled.message))
                  << '\n';
        } else {
            m_out << terminalSafe(id) << ": " << describe(cancelled) << '\n';
        }
        worst = qMax(worst, exitCodeFor(cancelled.outcome));
    }
    m_out.flush();
    return worst;
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
