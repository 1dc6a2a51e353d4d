#include "envcommand.h"

#include "cli/output.h"
#include "cli/terminaltext.h"
#include "credentials/secretstore.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <algorithm>

namespace Alchemyst {

namespace {

const QStringList EnvActions = {QStringLiteral("list"), QStringLiteral("add"), QStringLiteral("remove"),
                                QStringLiteral("use")};

} // namespace

QString EnvCommand::description() const
{
    return QStringLiteral("the saved environments: env list, env add, env remove, env use");
}

QStringList EnvCommand::synopsis() const
{
    return {QStringLiteral("env list [--json]"),
            QStringLiteral("env add NAME --base-url URL [--production] [--read-only] [--replace]"),
            QStringLiteral("env remove NAME [--keep-key]"), QStringLiteral("env use NAME")};
}

QList<QCommandLineOption> EnvCommand::options() const
{
    return {
        QCommandLineOption(GlobalOption::BaseUrl, QStringLiteral("env add: the environment's server"),
                           QStringLiteral("URL")),
        QCommandLineOption(QStringLiteral("production"),
                           QStringLiteral("env add: mark the environment as production")),
        QCommandLineOption(GlobalOption::ReadOnly,
                           QStringLiteral("env add: nothing is cancelled there, by the window or this tool")),
        QCommandLineOption(QStringLiteral("replace"),
                           QStringLiteral("env add: replace an environment of that name")),
        QCommandLineOption(QStringLiteral("keep-key"),
                           QStringLiteral("env remove: leave the keychain entry alone")),
        jsonOption(QStringLiteral("env list: print JSON")),
    };
}

QString EnvCommand::details() const
{
    return QStringLiteral(
        "The servers this tool and the window work against, kept in the settings (their keys in the OS "
        "keychain, see login).\n"
        "  env list      every environment under a header: * marks the active one, then its name, URL,\n"
        "                production or not, read-only or not, and whether a key is stored; --json prints\n"
        "                [{name, baseUrl, production, readOnly, active, key}], key one of stored, missing,\n"
        "                locked, unavailable\n"
        "  env add       an existing NAME is replaced only with --replace; it becomes active when none is;\n"
        "                \"Demo (local simulator)\" is reserved\n"
        "  env remove    also removes its API key from the keychain, unless --keep-key\n"
        "  env use       makes NAME the active environment\n"
        "On a production environment a cancel needs --yes, or its name typed on a terminal.\n"
        "On a read-only environment (env add --read-only) nothing is cancelled: the window shows no\n"
        "cancel, and cancel exits 2.\n");
}

QString EnvCommand::exitCodes() const
{
    return QStringLiteral(
        "0 success; 1 the settings could not be written; 2 usage, an unknown or reserved name, or a name "
        "already taken (without --replace); 5 a keychain failure (env remove then keeps the environment, and "
        "env add --replace to another server replaces nothing).");
}

std::optional<Grammar> EnvCommand::grammar(const QStringList& arguments) const
{
    const QString action = arguments.value(0);
    const QString command = QStringLiteral("env ") + action;
    if (action == QLatin1String("list"))
        return Grammar{QStringLiteral("env list [--json]"), command, {QStringLiteral("json")}, 1, 1};
    if (action == QLatin1String("add"))
        return Grammar{QStringLiteral("env add NAME --base-url URL [--production] [--read-only] [--replace]"),
                       command,
                       {GlobalOption::BaseUrl, QStringLiteral("production"), GlobalOption::ReadOnly,
                        QStringLiteral("replace")},
                       2,
                       2};
    if (action == QLatin1String("remove"))
        return Grammar{
            QStringLiteral("env remove NAME [--keep-key]"), command, {QStringLiteral("keep-key")}, 2, 2};
    if (action == QLatin1String("use"))
        return Grammar{QStringLiteral("env use NAME"), command, {}, 2, 2};
    return std::nullopt;
}

QString EnvCommand::noGrammarText(const QStringList& arguments) const
{
    const QString nearest = arguments.isEmpty() ? QString() : nearestName(arguments.constFirst(), EnvActions);
    return QStringLiteral("env takes list, add, remove or use") +
           (nearest.isEmpty() ? QString() : QStringLiteral("; did you mean \"env %1\"?").arg(nearest)) +
           QStringLiteral(" (see: alchemyst-jobs env --help)");
}

int EnvCommand::readArguments(CommandContext& context)
{
    if (context.arguments.constFirst() == QLatin1String("add") && !context.isSet(GlobalOption::BaseUrl))
        return context.usage(QStringLiteral("usage: alchemyst-jobs %1 (see: alchemyst-jobs env --help)")
                                 .arg(synopsis().at(1)));
    return ExitCode::Success;
}

int EnvCommand::execute(CommandContext& context)
{
    EnvironmentStore store;
    SecretStore secrets(QStringLiteral(AJM_APP_ID));
    const QString action = context.arguments.constFirst();
    if (action == QLatin1String("list"))
        return list(context, store, secrets);

    const QString name = context.arguments.value(1).trimmed();
    if (name.isEmpty())
        return context.usage(QStringLiteral("an environment needs a name."));
    if (action == QLatin1String("add"))
        return add(context, name, store, secrets);

    const std::optional<Environment> environment = store.find(name);
    if (!environment)
        return context.usage(
            QStringLiteral("no environment named \"%1\" (see: alchemyst-jobs env list)").arg(name));
    if (action == QLatin1String("remove"))
        return remove(context, name, store, secrets);

    // use
    if (!store.setActiveName(name))
        return context.fail(ExitCode::Failure,
                            QStringLiteral("the active environment was not changed: ") + store.errorString());
    context.out << "Active environment: " << terminalSafe(name) << '\n';
    return ExitCode::Success;
}

int EnvCommand::list(CommandContext& context, EnvironmentStore& store, SecretStore& secrets)
{
    const QList<Environment> list = store.environments();
    const QString active = store.activeName();
    const bool json = context.isSet(QStringLiteral("json"));
    if (list.isEmpty() && !json) {
        context.out << "No environments. Add one: alchemyst-jobs env add NAME --base-url URL\n";
        return ExitCode::Success;
    }
    QJsonArray array;
    // "* " before the active one's name, as before the header came.
    TextTable table({QStringLiteral("  NAME"), QStringLiteral("BASE URL"), QStringLiteral("KIND"),
                     QStringLiteral("CANCELS"), QStringLiteral("KEY")});
    for (const Environment& environment : list) {
        const SecretResult secret =
            secrets.readSync(SecretStore::keyFor(environment.name, environment.baseUrl.toString()));
        const QString keyState = secret.status == SecretResult::Ok         ? QStringLiteral("stored")
                                 : secret.status == SecretResult::NotFound ? QStringLiteral("missing")
                                 : secret.status == SecretResult::Locked   ? QStringLiteral("locked")
                                                                           : QStringLiteral("unavailable");
        const bool isActive = environment.name == active;
        if (json) {
            array.append(QJsonObject{
                {QStringLiteral("name"), environment.name},
                {QStringLiteral("baseUrl"), environment.baseUrl.adjusted(QUrl::RemoveUserInfo).toString()},
                {QStringLiteral("production"), environment.production},
                {QStringLiteral("readOnly"), environment.readOnly},
                {QStringLiteral("active"), isActive},
                {QStringLiteral("key"), keyState},
            });
            continue;
        }
        table.addRow(
            {(isActive ? QStringLiteral("* ") : QStringLiteral("  ")) + terminalSafe(environment.name),
             shown(environment.baseUrl),
             environment.production ? QStringLiteral("production") : QStringLiteral("non-production"),
             environment.readOnly ? QStringLiteral("read-only") : QStringLiteral("allowed"),
             keyState == QLatin1String("stored")    ? QStringLiteral("key stored")
             : keyState == QLatin1String("missing") ? QStringLiteral("no key")
                                                    : QStringLiteral("keychain ") + keyState});
    }
    if (json) {
        context.out << terminalSafeJsonText(QJsonDocument(array).toJson(QJsonDocument::Compact)) << '\n';
        return ExitCode::Success;
    }
    context.out << table.text();
    const bool activeListed =
        std::any_of(list.cbegin(), list.cend(), [&active](const Environment& e) { return e.name == active; });
    if (!activeListed)
        context.out << "No saved environment is active: commands use the default server (alchemyst-jobs env "
                       "use NAME).\n";
    return ExitCode::Success;
}

int EnvCommand::add(CommandContext& context, const QString& name, EnvironmentStore& store,
                    SecretStore& secrets)
{
    const QUrl& url = context.typedUrl;
    const bool production = context.isSet(QStringLiteral("production"));
    const bool readOnly = context.isSet(GlobalOption::ReadOnly);
    const bool replace = context.isSet(QStringLiteral("replace"));
    if (EnvironmentStore::isReservedName(name))
        return context.usage(
            QStringLiteral("\"%1\" is reserved for the built-in demo; choose another name.").arg(name));
    const std::optional<Environment> existing = store.find(name);
    if (existing && !replace)
        return context.usage(
            QStringLiteral("an environment named \"%1\" already exists (%2, %3). Give "
                           "--replace to replace it.")
                .arg(name, shown(existing->baseUrl),
                     existing->production ? QStringLiteral("production") : QStringLiteral("non-production")));
    // The key stored for the old server belongs to it: it must not follow the name to a new one. Removed
    // first, so that a keychain failure leaves everything as it was and can be retried.
    if (existing && existing->baseUrl != url) {
        const SecretResult removed =
            secrets.removeSync(SecretStore::keyFor(existing->name, existing->baseUrl.toString()));
        if (removed.status != SecretResult::Ok)
            return context.fail(
                ExitCode::Auth,
                QStringLiteral("the environment was not replaced: the API key stored for %1 "
                               "could not be removed from the keychain: %2 Try again when the "
                               "keychain is available, or remove the environment with "
                               "--keep-key and add it again.")
                    .arg(shown(existing->baseUrl), removed.message));
    }
    EnvironmentStore::SaveFlags flags = EnvironmentStore::ActivateIfNone;
    if (replace)
        flags |= EnvironmentStore::Replace;
    Environment environment{name, url, production};
    environment.readOnly = readOnly;
    if (!store.save(environment, flags))
        return context.fail(ExitCode::Failure,
                            QStringLiteral("the environment was not saved: ") + store.errorString());
    context.out << (existing ? "Replaced environment " : "Added environment ") << terminalSafe(name) << " ("
                << shown(url) << (production ? ", production" : "") << (readOnly ? ", read-only" : "")
                << ")\n";
    if (existing && existing->baseUrl != url)
        context.out << "The API key stored for " << shown(existing->baseUrl)
                    << " (if any) was removed from the keychain: it belongs to that server. Store one for "
                    << shown(url) << " with: alchemyst-jobs login --env \"" << terminalSafe(name) << "\"\n";
    return ExitCode::Success;
}

int EnvCommand::remove(CommandContext& context, const QString& name, EnvironmentStore& store,
                       SecretStore& secrets)
{
    const bool keepKey = context.isSet(QStringLiteral("keep-key"));
    const std::optional<Environment> environment = store.find(name);
    // The key first: if it cannot go, the environment stays, so that its keychain entry can still be
    // named and removed later, and nobody is told "removed" while the secret is still there.
    if (!keepKey) {
        const SecretResult removed =
            secrets.removeSync(SecretStore::keyFor(environment->name, environment->baseUrl.toString()));
        if (removed.status != SecretResult::Ok)
            return context.fail(
                ExitCode::Auth,
                QStringLiteral("the API key of \"%1\" could not be removed from the keychain: "
                               "%2 The environment was kept; try again when the keychain "
                               "is available, or give --keep-key to remove only the "
                               "environment.")
                    .arg(name, removed.message));
    }
    if (!store.remove(name)) {
        if (store.errorString().isEmpty())
            return context.usage(QStringLiteral("no environment named \"%1\"").arg(name));
        return context.fail(ExitCode::Failure,
                            QStringLiteral("the environment was not removed: ") + store.errorString());
    }
    context.out << "Removed environment " << terminalSafe(name)
                << (keepKey ? " (its keychain entry, if any, was left)" : "") << '\n';
    return ExitCode::Success;
}

} // namespace Alchemyst
