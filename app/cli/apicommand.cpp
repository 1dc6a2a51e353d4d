#include "apicommand.h"

#include "api/apiclient.h"
#include "api/requestpacer.h"
#include "cli/output.h"
#include "cli/terminaltext.h"
#include "credentials/secretstore.h"
#include "triage/triagesession.h"

#include <QEventLoop>
#include <QNetworkAccessManager>

namespace Alchemyst {

QString ApiCommand::serverAndKeyText()
{
    return QStringLiteral(
        "The base URL: --base-url, else --env, else ALCHEMYST_AI_BASE_URL, else the active environment,\n"
        "else https://platform-backend.getalchemystai.com. The API key is never an argument: it comes\n"
        "from ALCHEMYST_AI_API_KEY when the base URL is that of ALCHEMYST_AI_BASE_URL (the default\n"
        "server when that is unset), else from the OS keychain entry of the environment (see login).\n");
}

QString ApiCommand::familyNotes() const
{
    if (needs() == Needs::Server)
        return serverAndKeyText();
    return serverAndKeyText() + QStringLiteral("\nFailed reads (408, 429, 5xx, timeouts, network errors) are "
                                               "retried twice; a cancel is never retried.\n");
}

QString ApiCommand::networkExitCodes()
{
    return QStringLiteral(
        "5 unauthorized, payment required, forbidden, no key, or a keychain failure; 7 server "
        "error, network error, timeout or malformed response");
}

int ApiCommand::execute(CommandContext& command)
{
    EnvironmentStore store;
    SecretStore secrets(QStringLiteral(AJM_APP_ID));
    ApiContext context{command, store, secrets};
    if (const int code = resolveServer(context); code != ExitCode::Success)
        return code;
    if (const int code = beforeKeychain(context); code != ExitCode::Success)
        return code;
    if (needs() == Needs::Server)
        return executeApi(context);

    QNetworkAccessManager manager;
    ApiClient client(&manager);
    client.setBaseUrl(context.baseUrl);
    if (command.timeoutMs > 0)
        client.setTimeout(command.timeoutMs);
    RequestPacer pacer(RefreshPolicy::PlatformRequestsPerMinute, 60 * 1000);
    if (command.perMinute >= 0)
        pacer.setLimit(command.perMinute, 60 * 1000);
    if (command.perMinute != 0)
        client.setPacer(&pacer);
    // A read that failed for a passing reason is tried again; say so, so that a wait is not a hang.
    QTextStream& err = command.err;
    QObject::connect(
        &client, &ApiClient::retrying, &client, [&err](const ApiResult& failure, int attempt, int delayMs) {
            err << "alchemyst-jobs: " << describe(failure) << " — "
                << (failure.outcome == Outcome::RateLimited && failure.retryAfterSeconds >= 0
                        ? QStringLiteral("waiting %1 s as the server asked").arg(failure.retryAfterSeconds)
                        : QStringLiteral("trying again in %1 s").arg(delayMs / 1000.0))
                << " (retry " << attempt << " of " << ApiClient::MaxRetries << ")\n"
                << Qt::flush;
        });
    context.client = &client;
    if (needs() == Needs::Key) {
        QString key;
        if (const int code = resolveKey(context, &key); code != ExitCode::Success)
            return code;
        client.setApiKey(key);
    }
    return executeApi(context);
}

int ApiCommand::resolveServer(ApiContext& context)
{
    const CommandContext& command = context.command;
    EnvironmentStore& store = context.store;
    std::optional<Environment> environment;
    if (command.isSet(GlobalOption::Env)) {
        environment = store.find(command.value(GlobalOption::Env));
        if (!environment)
            return command.usage(QStringLiteral("no environment named \"%1\" (see: alchemyst-jobs env list)")
                                     .arg(command.value(GlobalOption::Env)));
    }
    const QString variableUrlText = qEnvironmentVariable(BaseUrlVariable).trimmed();
    QUrl baseUrl;
    QString urlProblem;
    if (command.isSet(GlobalOption::BaseUrl)) {
        baseUrl = command.typedUrl;
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
        return command.usage(urlProblem);
    if (!environment) {
        for (const Environment& candidate : store.environments()) {
            if (candidate.baseUrl == baseUrl)
                environment = candidate;
        }
    }
    context.baseUrl = baseUrl;
    context.environment = environment;
    context.keychainKey =
        SecretStore::keyFor(environment ? environment->name : QStringLiteral("default"), baseUrl.toString());
    // The name first sightings, thresholds and journal entries go under: the environment's, as the window
    // keeps them, else the server's host (a --base-url or ALCHEMYST_AI_BASE_URL that no environment has).
    context.environmentName = environment ? environment->name : displayHost(baseUrl);
    return ExitCode::Success;
}

int ApiCommand::resolveKey(ApiContext& context, QString* key)
{
    // ALCHEMYST_AI_API_KEY belongs to the server of ALCHEMYST_AI_BASE_URL, or to the default server when
    // that is unset, as in the official SDKs: sent anywhere else (the active environment, a --base-url), a
    // production key would reach a staging or third-party server.
    const QUrl& baseUrl = context.baseUrl;
    const QString variableUrlText = qEnvironmentVariable(BaseUrlVariable).trimmed();
    const QString variableKey = apiKeyFromEnvironment();
    const QUrl variableKeyServer =
        variableUrlText.isEmpty() ? defaultBaseUrl() : parseBaseUrl(variableUrlText);
    if (!variableKey.isEmpty() && sameServer(baseUrl, variableKeyServer)) {
        *key = variableKey;
        return ExitCode::Success;
    }
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
    const SecretResult secret = context.secrets.readSync(context.keychainKey);
    if (secret.status == SecretResult::Ok) {
        *key = secret.secret;
        return ExitCode::Success;
    }
    if (secret.status == SecretResult::NotFound)
        return context.fail(ExitCode::Auth,
                            QStringLiteral("no API key for %1 in the keychain.").arg(shown(baseUrl)) +
                                unused +
                                (variableKey.isEmpty()
                                     ? QStringLiteral(" Set %1, or store one with: alchemyst-jobs login")
                                           .arg(QString::fromLatin1(ApiKeyVariable))
                                     : QStringLiteral(" Or store a key for it with: alchemyst-jobs login")));
    return context.fail(ExitCode::Auth,
                        secret.message + (unused.isEmpty()
                                              ? QStringLiteral(" Alternatively set %1 for this run.")
                                                    .arg(QString::fromLatin1(ApiKeyVariable))
                                              : unused));
}

void ApiCommand::wait(const std::function<void(std::function<void()>)>& start)
{
    QEventLoop loop;
    bool done = false;
    start([&] {
        done = true;
        loop.quit();
    });
    if (!done)
        loop.exec();
}

int ApiCommand::listAll(ApiContext& context, const QString& type, ListResult& listed)
{
    wait([&](std::function<void()> finished) {
        context.client->listJobs(type, [&, finished](const ListResult& result) {
            listed = result;
            finished();
        });
    });
    if (!listed.result.isSuccess())
        return context.fail(exitCodeFor(listed.result.outcome), describe(listed.result));
    if (!listed.serverNote.isEmpty())
        context.err() << "alchemyst-jobs: the server marked its answer as failed but listed jobs; they are "
                         "used. It said: "
                      << terminalSafe(listed.serverNote) << '\n';
    return ExitCode::Success;
}

void ApiCommand::observe(ApiContext& context, TriageSession& session, const ListResult& listed, bool complete,
                         qint64 now)
{
    // Ages here and in the window count from the same moment. Only a listing of every job prunes the jobs
    // it did not show (a --state failed listing says nothing about the waiting ones).
    QString error;
    if (!session.load(now, &error))
        context.err() << "alchemyst-jobs: the first sightings could not be read (" << terminalSafe(error)
                      << "); ages start again from now.\n";
    session.beginPass();
    session.observePage(listed.jobs, now);
    const PassSummary summary = session.endPass(complete, now);
    if (!summary.saveError.isEmpty())
        context.err() << "alchemyst-jobs: the first sightings could not be saved: "
                      << terminalSafe(summary.saveError) << '\n';
}

} // namespace Alchemyst
