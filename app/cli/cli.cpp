#include "cli.h"

#include "api/apiclient.h"
#include "api/requestpacer.h"
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
#include <cstdio>

#ifdef Q_OS_UNIX
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
        "  env list | env add NAME --base-url URL [--production] | env remove NAME | env use NAME\n"
        "  login [--env NAME]              store the API key read from standard input in the keychain\n"
        "  logout [--env NAME]             remove the stored API key\n"
        "\n"
        "Options: --timeout SECONDS (per request, in all; default 60), --requests-per-minute N (pace\n"
        "requests; default 1000, the platform's limit; 0 does not pace). Failed reads (408, 429, 5xx,\n"
        "timeouts, network errors) are retried twice; a cancel is never retried.\n"
        "\n"
        "The API key comes from ALCHEMYST_AI_API_KEY or the OS keychain (see login), never from an\n"
        "argument. The base URL: --base-url, else --env, else ALCHEMYST_AI_BASE_URL, else the active\n"
        "environment, else https://platform-backend.getalchemystai.com.\n"
        "\n"
        "Exit codes: 0 success; 2 usage; 3 a job is running (409); 4 not found (404);\n"
        "5 unauthorized, payment required, forbidden or no key; 6 invalid id (400);\n"
        "7 server error, network error, timeout or malformed response.\n");
}

QString isoTime(qint64 epochMs)
{
    return epochMs > 0 ? QDateTime::fromMSecsSinceEpoch(epochMs).toString(Qt::ISODate) : QStringLiteral("-");
}

QString describe(const ApiResult& result)
{
    QString text = outcomeName(result.outcome);
    if (result.httpStatus > 0)
        text += QStringLiteral(" (HTTP %1)").arg(result.httpStatus);
    text += QStringLiteral(": ");
    text += result.message.isEmpty() ? outcomeSentence(result.outcome) : result.message;
    return text;
}

QString readSecretFromStdin(bool* interactive, QTextStream& prompt, const QString& promptText)
{
    QString line;
#ifdef Q_OS_UNIX
    *interactive = isatty(STDIN_FILENO);
    if (*interactive)
        prompt << promptText << Qt::flush;
    termios saved{};
    if (*interactive) {
        tcgetattr(STDIN_FILENO, &saved);
        termios quiet = saved;
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
    if (*interactive)
        tcsetattr(STDIN_FILENO, TCSANOW, &saved);
#elif defined(Q_OS_WIN)
    if (*interactive)
        SetConsoleMode(input, mode);
#endif
    return line;
}

} // namespace

Cli::Cli(QTextStream& out, QTextStream& err)
    : m_out(out)
    , m_err(err)
{}

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
    parser.addOptions({helpOption, versionOption, baseUrlOption, envOption, stateOption, jsonOption,
                       timeoutOption, portOption, tokenOption, jobsOption, productionOption, stillOption,
                       paceOption});
    parser.addPositionalArgument(QStringLiteral("command"),
                                 QStringLiteral("list, status, cancel, simulate, env, "
                                                "login or logout"));

    if (!parser.parse(arguments)) {
        m_err << "alchemyst-jobs: " << parser.errorText() << "\n\n" << usageText();
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
    auto usage = [this](const QString& text) {
        m_err << "alchemyst-jobs: " << text << '\n';
        return Usage;
    };

    if (command == QLatin1String("simulate")) {
        Simulator::Options options;
        bool ok = true;
        if (parser.isSet(jobsOption)) {
            options.initialJobs = parser.value(jobsOption).toInt(&ok);
            if (!ok || options.initialJobs < 0 || options.initialJobs > 1000000)
                return usage(QStringLiteral("--jobs takes a number from 0 to 1000000."));
        }
        if (parser.isSet(tokenOption))
            options.token = parser.value(tokenOption);
        if (parser.isSet(stillOption))
            options.live = false;
        quint16 port = 0;
        if (parser.isSet(portOption)) {
            const uint value = parser.value(portOption).toUInt(&ok);
            if (!ok || value > 65535)
                return usage(QStringLiteral("--port takes a number from 0 to 65535."));
            port = static_cast<quint16>(value);
        }
        options.retainFinished = qMax(options.retainFinished, options.initialJobs);
        Simulator simulator(options);
        if (simulator.listen(QHostAddress::LocalHost, port) == 0) {
            m_err << "alchemyst-jobs: the simulator could not listen on 127.0.0.1:" << port << '\n';
            return Failure;
        }
        m_out << simulator.baseUrl().toString() << Qt::endl;
        m_err << "Simulator of the Alchemyst job API with " << simulator.jobCount()
              << " jobs. Use it with ALCHEMYST_AI_BASE_URL=" << simulator.baseUrl().toString()
              << " and the token given with --token (default demo-key). Ctrl+C stops it." << Qt::endl;
        return QCoreApplication::exec();
    }

    EnvironmentStore store;
    SecretStore secrets(QStringLiteral(AJM_APP_ID));

    if (command == QLatin1String("env")) {
        const QString action = positional.value(0);
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
                                             : QStringLiteral("keychain unavailable");
                m_out << (environment.name == active ? "* " : "  ") << environment.name << '\t'
                      << environment.baseUrl.toString() << '\t'
                      << (environment.production ? "production" : "non-production") << '\t' << keyState
                      << '\n';
            }
            return Success;
        }
        if (action == QLatin1String("add")) {
            const QString name = positional.value(1).trimmed();
            if (name.isEmpty() || !parser.isSet(baseUrlOption))
                return usage(QStringLiteral("env add NAME --base-url URL [--production]"));
            const QUrl url = parseBaseUrl(parser.value(baseUrlOption));
            const QString problem = ApiClient::checkBaseUrl(url);
            if (!problem.isEmpty())
                return usage(problem);
            store.save({name, url, parser.isSet(productionOption)});
            if (store.activeName().isEmpty())
                store.setActiveName(name);
            m_out << "Added environment " << name << " (" << url.toString() << ")\n";
            return Success;
        }
        if (action == QLatin1String("remove")) {
            const QString name = positional.value(1);
            const std::optional<Environment> environment = store.find(name);
            if (!environment)
                return usage(QStringLiteral("no environment named \"%1\"").arg(name));
            secrets.removeSync(SecretStore::keyFor(environment->name, environment->baseUrl.toString()));
            store.remove(name);
            m_out << "Removed environment " << name << '\n';
            return Success;
        }
        if (action == QLatin1String("use")) {
            const QString name = positional.value(1);
            if (!store.find(name))
                return usage(QStringLiteral("no environment named \"%1\"").arg(name));
            store.setActiveName(name);
            m_out << "Active environment: " << name << '\n';
            return Success;
        }
        return usage(QStringLiteral("env takes list, add, remove or use"));
    }

    // Which server, and which keychain entry belongs to it.
    std::optional<Environment> environment;
    if (parser.isSet(envOption)) {
        environment = store.find(parser.value(envOption));
        if (!environment)
            return usage(QStringLiteral("no environment named \"%1\" (see: alchemyst-jobs env list)")
                             .arg(parser.value(envOption)));
    }
    QUrl baseUrl;
    if (parser.isSet(baseUrlOption))
        baseUrl = parseBaseUrl(parser.value(baseUrlOption));
    else if (environment)
        baseUrl = environment->baseUrl;
    else if (!baseUrlFromEnvironment().isEmpty())
        baseUrl = baseUrlFromEnvironment();
    else if ((environment = store.find(store.activeName())))
        baseUrl = environment->baseUrl;
    else
        baseUrl = defaultBaseUrl();
    if (!environment) {
        for (const Environment& candidate : store.environments()) {
            if (candidate.baseUrl == baseUrl)
                environment = candidate;
        }
    }
    const QString urlProblem = ApiClient::checkBaseUrl(baseUrl);
    if (!urlProblem.isEmpty()) {
        m_err << "alchemyst-jobs: " << urlProblem << '\n';
        return Usage;
    }
    const QString keychainKey =
        SecretStore::keyFor(environment ? environment->name : QStringLiteral("default"), baseUrl.toString());

    if (command == QLatin1String("logout")) {
        const SecretResult removed = secrets.removeSync(keychainKey);
        if (removed.status != SecretResult::Ok) {
            m_err << "alchemyst-jobs: " << removed.message << '\n';
            return Auth;
        }
        m_out << "Removed the stored API key for " << baseUrl.toString() << '\n';
        return Success;
    }

    QNetworkAccessManager manager;
    ApiClient client(&manager);
    client.setBaseUrl(baseUrl);
    if (parser.isSet(timeoutOption)) {
        bool ok = false;
        const double seconds = parser.value(timeoutOption).toDouble(&ok);
        if (!ok || seconds <= 0 || seconds > 3600)
            return usage(QStringLiteral("--timeout takes seconds, from 0.1 to 3600."));
        client.setTimeout(static_cast<int>(seconds * 1000));
    }
    RequestPacer pacer(RefreshPolicy::PlatformRequestsPerMinute, 60 * 1000);
    if (parser.isSet(paceOption)) {
        bool ok = false;
        const int perMinute = parser.value(paceOption).toInt(&ok);
        if (!ok || perMinute < 0 || perMinute > 100000)
            return usage(QStringLiteral("--requests-per-minute takes a number from 0 to 100000."));
        pacer.setLimit(perMinute, 60 * 1000);
        if (perMinute > 0)
            client.setPacer(&pacer);
    } else {
        client.setPacer(&pacer);
    }
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
        const QString key = readSecretFromStdin(&interactive, m_err,
                                                QStringLiteral("API key for %1: ").arg(baseUrl.toString()));
        if (interactive)
            m_err << Qt::endl;
        if (key.isEmpty()) {
            m_err << "alchemyst-jobs: no API key was given on standard input.\n";
            return Usage;
        }
        client.setApiKey(key);
        ApiResult verified;
        wait([&](std::function<void()> finished) {
            client.checkConnection([&, finished](const ApiResult& result) {
                verified = result;
                finished();
            });
        });
        if (!verified.isSuccess()) {
            m_err << "alchemyst-jobs: the key was not stored: " << describe(verified) << '\n';
            return exitCodeFor(verified.outcome);
        }
        const SecretResult stored = secrets.writeSync(keychainKey, key);
        if (stored.status != SecretResult::Ok) {
            m_err << "alchemyst-jobs: " << stored.message << '\n';
            return Auth;
        }
        m_out << "Stored the API key for " << baseUrl.toString() << " in the keychain; it works.\n";
        return Success;
    }

    // The key: the environment variable for this run, else the keychain.
    QString key = apiKeyFromEnvironment();
    if (key.isEmpty()) {
        const SecretResult secret = secrets.readSync(keychainKey);
        if (secret.status == SecretResult::Ok) {
            key = secret.secret;
        } else if (secret.status == SecretResult::NotFound) {
            m_err << "alchemyst-jobs: no API key for " << baseUrl.toString()
                  << ". Set ALCHEMYST_AI_API_KEY, or store one with: alchemyst-jobs login\n";
            return Auth;
        } else {
            m_err << "alchemyst-jobs: " << secret.message
                  << " Alternatively set ALCHEMYST_AI_API_KEY for this run.\n";
            return Auth;
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
        if (!listed.result.isSuccess()) {
            m_err << "alchemyst-jobs: " << describe(listed.result) << '\n';
            return exitCodeFor(listed.result.outcome);
        }
        const auto matches = [&state](const Job& job) {
            return state.isEmpty() || state == QLatin1String("all") || job.state == state ||
                   (state == QLatin1String("other") && categoryOf(job.state) == StateCategory::Other);
        };
        if (!listed.serverNote.isEmpty())
            m_err << "alchemyst-jobs: the server marked its answer as failed but listed jobs; they are "
                     "shown. It "
                     "said: "
                  << listed.serverNote << '\n';
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
        } else {
            // Padded by hand and joined, never through chained arg(): server text may hold "%1".
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
            qsizetype shown = 0;
            for (const Job& job : std::as_const(listed.jobs)) {
                if (!matches(job))
                    continue;
                ++shown;
                const QString file = job.fileName.isEmpty() ? job.source : job.fileName;
                QString rest = file.isEmpty() ? QStringLiteral("-") : file;
                if (!job.failedReason.isEmpty())
                    rest += QStringLiteral("  ") + job.failedReason;
                m_out << row(job.id, job.state,
                             job.attempts >= 0 ? QString::number(job.attempts) : QStringLiteral("-"),
                             isoTime(job.processedOn), isoTime(job.finishedOn), rest);
            }
            m_out.flush();
            m_err << shown << " job(s) from " << baseUrl.toString() << " in " << listed.requests
                  << " request(s)\n";
        }
        return Success;
    }

    if (command == QLatin1String("status")) {
        if (positional.size() != 1)
            return usage(QStringLiteral("status takes one job id"));
        JobResult fetched;
        wait([&](std::function<void()> finished) {
            client.fetchJob(positional.constFirst(), [&, finished](const JobResult& result) {
                fetched = result;
                finished();
            });
        });
        if (!fetched.result.isSuccess() || !fetched.job) {
            m_err << "alchemyst-jobs: " << positional.constFirst() << ": " << describe(fetched.result)
                  << '\n';
            return exitCodeFor(fetched.result.isSuccess() ? Outcome::MalformedResponse
                                                          : fetched.result.outcome);
        }
        const Job& job = *fetched.job;
        if (parser.isSet(jsonOption)) {
            m_out << QString::fromUtf8(QJsonDocument(job.toJson()).toJson(QJsonDocument::Compact)) << '\n';
        } else {
            m_out << "Job ID:    " << job.id << '\n'
                  << "State:     " << job.state << '\n'
                  << "Attempts:  "
                  << (job.attempts >= 0 ? QString::number(job.attempts) : QStringLiteral("-")) << '\n'
                  << "Started:   " << isoTime(job.processedOn) << '\n'
                  << "Finished:  " << isoTime(job.finishedOn) << '\n';
            if (!job.failedReason.isEmpty())
                m_out << "Reason:    " << job.failedReason << '\n';
        }
        return Success;
    }

    if (command == QLatin1String("cancel")) {
        if (positional.isEmpty())
            return usage(QStringLiteral("cancel takes one or more job ids"));
        int worst = Success;
        for (const QString& id : std::as_const(positional)) {
            ApiResult cancelled;
            wait([&](std::function<void()> finished) {
                client.cancelJob(id, [&, finished](const ApiResult& result) {
                    cancelled = result;
                    finished();
                });
            });
            if (cancelled.isSuccess()) {
                m_out << id << ": cancelled"
                      << (cancelled.message.isEmpty() ? QString() : QStringLiteral(" — ") + cancelled.message)
                      << '\n';
            } else {
                // A 409's message is the server's integrity message: printed exactly as sent.
                m_out << id << ": " << describe(cancelled) << '\n';
            }
            worst = qMax(worst, exitCodeFor(cancelled.outcome));
        }
        m_out.flush();
        return worst;
    }

    return usage(QStringLiteral("unknown command \"%1\"").arg(command));
}

} // namespace Alchemyst
