#include "apicommand.h"

#include "api/apiclient.h"
#include "api/requestpacer.h"
#include "api/sharedledger.h"
#include "cli/output.h"
#include "cli/terminaltext.h"
#include "core/resolvers.h"
#include "credentials/secretstore.h"
#include "history/historystore.h"
#include "history/recorder.h"
#include "triage/firstseen.h"
#include "triage/triagesession.h"

#include <QDateTime>
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
        "error, rate limited (429) after the retries, network error, timeout or malformed response");
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
    // The page size that worked for this server before (its pages were over the response cap), as the
    // window keeps it.
    EnvironmentStore::usePageSizeMemory(&client, context.baseUrl);
    // The environment's share, which this command spends together with the window and any other command
    // on this machine (the ledger below); --requests-per-minute overrides it for this run.
    RequestPacer pacer(budgetPerMinute(context), 60 * 1000);
    if (command.perMinute != 0) {
        client.setPacer(&pacer);
        // One budget per machine and environment: the window and other commands running beside this one
        // spend from the same ledger.
        pacer.setLedger(std::make_shared<SharedLedger>(
            SharedLedger::pathFor(triageEnvironmentKey(context.environmentName, context.baseUrl)),
            60 * 1000));
    }
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
    context.manager = &manager;
    context.pacer = command.perMinute != 0 ? &pacer : nullptr;
    if (needs() == Needs::Key) {
        QString key;
        if (const int code = resolveKey(context, &key); code != ExitCode::Success)
            return code;
        client.setApiKey(key);
    }
    return executeApi(context);
}

int ApiCommand::budgetPerMinute(const ApiContext& context)
{
    if (context.command.perMinute > 0)
        return context.command.perMinute;
    return context.environment ? context.environment->budgetPerMinute() : Environment().budgetPerMinute();
}

int ApiCommand::resolveServer(ApiContext& context)
{
    // The one rule of which environment a command means, shared with the window (core/resolvers).
    const CommandContext& command = context.command;
    const EnvironmentResolver resolver(context.store.environments(), context.store.activeName());
    EnvironmentResolver::Request request;
    request.envName = command.isSet(GlobalOption::Env) ? command.value(GlobalOption::Env) : QString();
    request.baseUrlText =
        command.isSet(GlobalOption::BaseUrl) ? command.value(GlobalOption::BaseUrl) : QString();
    request.variableUrlText = qEnvironmentVariable(BaseUrlVariable).trimmed();
    const EnvironmentResolver::Resolution resolution = resolver.resolve(request);
    if (!resolution.problem.isEmpty())
        return command.usage(resolution.problem);
    if (!resolution.ambiguous.isEmpty()) {
        QStringList names;
        for (const Environment& environment : resolution.ambiguous)
            names.append(QLatin1Char('"') + environment.name + QLatin1Char('"'));
        return command.usage(
            QStringLiteral("%1 is the server of several environments (%2): give --env NAME to "
                           "say which one is meant.")
                .arg(shown(resolution.environment.baseUrl), names.join(QStringLiteral(", "))));
    }
    context.baseUrl = resolution.environment.baseUrl;
    context.saved = resolution.saved;
    // Saved or not, production when any environment on that server is: the guard follows the server.
    context.environment = resolution.environment;
    context.keychainKey = KeyResolver::keychainEntry(resolution.environment, resolution.saved);
    // The name first sightings, thresholds and journal entries go under: the environment's, as the window
    // keeps them, else the server's host (a --base-url or ALCHEMYST_AI_BASE_URL that no environment has).
    context.environmentName = resolution.environment.name;
    return ExitCode::Success;
}

int ApiCommand::resolveKey(ApiContext& context, QString* key)
{
    // The one rule of which key goes to which server, shared with the window (core/resolvers): a key in
    // ALCHEMYST_AI_API_KEY goes only to its own server, every other one uses its keychain entry.
    const QString variableUrlText = qEnvironmentVariable(BaseUrlVariable).trimmed();
    const QString variableKey = apiKeyFromEnvironment();
    const KeyChoice choice =
        KeyResolver::choose(*context.environment, context.saved, QString(), variableKey, variableUrlText);
    if (choice.source == KeyChoice::Source::Variable || choice.source == KeyChoice::Source::Session) {
        *key = choice.key;
        return ExitCode::Success;
    }
    const QString unused = choice.variableNote.isEmpty() ? QString() : QLatin1Char(' ') + choice.variableNote;
    const QString loginHint =
        context.saved ? QStringLiteral("alchemyst-jobs login --env \"%1\"").arg(context.environmentName)
                      : QStringLiteral("alchemyst-jobs --base-url %1 login").arg(shown(context.baseUrl));
    const SecretResult secret = context.secrets.readSync(choice.keychainEntry);
    if (secret.status == SecretResult::Ok) {
        *key = secret.secret;
        return ExitCode::Success;
    }
    if (secret.status == SecretResult::NotFound)
        return context.fail(
            ExitCode::Auth,
            QStringLiteral("no API key for %1 in the keychain.").arg(shown(context.baseUrl)) + unused +
                (variableKey.isEmpty() ? QStringLiteral(" Set %1, or store one with: %2")
                                             .arg(QString::fromLatin1(ApiKeyVariable), loginHint)
                                       : QStringLiteral(" Or store a key for it with: %1").arg(loginHint)));
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
    reportSkipped(context, listed.skipped);
    return ExitCode::Success;
}

void ApiCommand::reportSkipped(const ApiContext& context, qsizetype skipped)
{
    // The contract never drops a row without a word: an entry whose id is refused is not shown, so say so.
    if (skipped > 0)
        context.err() << "alchemyst-jobs: " << skipped << (skipped == 1 ? " entry" : " entries")
                      << " without a usable id " << (skipped == 1 ? "was" : "were") << " skipped\n";
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
    const bool baseline = session.store().size() == 0;
    session.beginPass();
    const StateChangeList changes = session.observePage(listed.jobs, now);
    const PassSummary summary = session.endPass(complete, now);
    if (!summary.saveError.isEmpty())
        context.err() << "alchemyst-jobs: the first sightings could not be saved: "
                      << terminalSafe(summary.saveError) << '\n';
    if (!complete)
        return; // one state's listing is not a pass of the queue
    // A listing of every job is a pass the history keeps, as the window's are: trends and the forecast
    // then know of it. The history failing never fails the listing.
    HistoryStore history;
    if (!history.openProblem().isEmpty())
        context.err() << "alchemyst-jobs: " << terminalSafe(history.openProblem()) << '\n';
    HistoryRecorder recorder(history, triageEnvironmentKey(context.environmentName, context.baseUrl));
    recorder.beginPass(now, baseline);
    recorder.addPage(listed.jobs, changes, now);
    if (!recorder.endPass(true, listed.requests, listed.received, HistoryRecorder::countsOf(listed.jobs),
                          QDateTime::currentMSecsSinceEpoch()) &&
        !history.writeProblem().isEmpty())
        context.err() << "alchemyst-jobs: the history was not recorded: "
                      << terminalSafe(history.writeProblem()) << '\n';
}

} // namespace Alchemyst
