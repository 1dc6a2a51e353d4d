#include "logincommand.h"

#include "api/apiclient.h"
#include "cli/output.h"
#include "cli/terminal.h"
#include "credentials/secretstore.h"

namespace Alchemyst {

QString LoginCommand::description() const
{
    return QStringLiteral("store the API key read from standard input in the keychain");
}

QStringList LoginCommand::synopsis() const
{
    return {QStringLiteral("login [--env NAME | --base-url URL]")};
}

QString LoginCommand::details() const
{
    return QStringLiteral(
        "Reads the key from standard input (on a terminal it asks, without echo), tries it on the server and "
        "stores it in the OS keychain entry of the environment only when the server accepts it. The key is "
        "never an argument.\n");
}

QString LoginCommand::exitCodes() const
{
    return QStringLiteral(
        "0 the key works and was stored; 2 usage, or no key on standard input; 5 the key "
        "was refused (401, 402, 403) or the keychain failed; 7 server error, rate limited (429), "
        "network error, "
        "timeout or malformed response.");
}

int LoginCommand::executeApi(ApiContext& context)
{
    bool interactive = false;
    const QString key = readSecretFromStdin(&interactive, context.err(),
                                            QStringLiteral("API key for %1: ").arg(shown(context.baseUrl)));
    if (interactive)
        context.err() << Qt::endl;
    if (key.isEmpty())
        return context.fail(ExitCode::Usage, QStringLiteral("no API key was given on standard input."));
    context.client->setApiKey(key);
    ApiResult verified;
    wait([&](std::function<void()> finished) {
        context.client->checkConnection([&, finished](const ApiResult& result) {
            verified = result;
            finished();
        });
    });
    if (!verified.isSuccess())
        return context.fail(exitCodeFor(verified.outcome),
                            QStringLiteral("the key was not stored: ") + describe(verified));
    const SecretResult stored = context.secrets.writeSync(context.keychainKey, key);
    if (stored.status != SecretResult::Ok)
        return context.fail(ExitCode::Auth, stored.message);
    context.out() << "Stored the API key for " << shown(context.baseUrl) << " in the keychain; it works.\n";
    return ExitCode::Success;
}

QString LogoutCommand::description() const
{
    return QStringLiteral("remove the stored API key");
}

QStringList LogoutCommand::synopsis() const
{
    return {QStringLiteral("logout [--env NAME | --base-url URL]")};
}

QString LogoutCommand::exitCodes() const
{
    return QStringLiteral("0 removed (or there was none); 2 usage; 5 a keychain failure.");
}

int LogoutCommand::executeApi(ApiContext& context)
{
    const SecretResult removed = context.secrets.removeSync(context.keychainKey);
    if (removed.status != SecretResult::Ok)
        return context.fail(ExitCode::Auth, removed.message);
    context.out() << "Removed the stored API key for " << shown(context.baseUrl) << '\n';
    return ExitCode::Success;
}

} // namespace Alchemyst
