#include "resolvers.h"

#include "api/apiclient.h"
#include "credentials/secretstore.h"

namespace Alchemyst {

namespace {

using Source = EnvironmentResolver::Resolution::Source;

// The option names and the CLI's own command are in these texts: they are command-line usage errors, in
// English like the rest of the CLI's usage and the window's start-up errors on standard error.
QString unknownEnvironment(const QString& name)
{
    return QStringLiteral("no environment named \"%1\" (see: alchemyst-jobs env list)").arg(name);
}

// A URL as the operator may see it: never a user name or password.
QString shownUrl(const QUrl& url)
{
    return url.adjusted(QUrl::RemoveUserInfo).toString();
}

} // namespace

EnvironmentResolver::EnvironmentResolver(const QList<Environment>& environments, const QString& activeName)
    : m_environments(environments)
    , m_activeName(activeName)
{}

EnvironmentResolver::ServerMatch EnvironmentResolver::environmentsOn(const QUrl& server) const
{
    ServerMatch match;
    for (const Environment& environment : m_environments) {
        if (sameServer(environment.baseUrl, server)) {
            match.matches.append(environment);
            match.production = match.production || environment.production;
        }
    }
    return match;
}

EnvironmentResolver::Resolution EnvironmentResolver::forUrl(Source source, const QUrl& url) const
{
    Resolution resolution;
    resolution.source = source;
    const ServerMatch match = environmentsOn(url);
    if (match.matches.size() == 1) {
        resolution.environment = match.matches.constFirst();
        resolution.saved = true;
    } else {
        // Not saved, or saved more than once: named after the server (one name however it is spelled,
        // since first sightings and journal lines go under it).
        const QString name = displayHost(normalizedServer(url));
        resolution.environment = {name.isEmpty() ? url.toString() : name, url, false};
        if (match.matches.size() > 1)
            resolution.ambiguous = match.matches;
    }
    resolution.environment.production = match.production;
    return resolution;
}

EnvironmentResolver::Resolution EnvironmentResolver::forSaved(Source source,
                                                              const Environment& environment) const
{
    Resolution resolution;
    resolution.source = source;
    resolution.environment = environment;
    resolution.saved = true;
    // Named, it is the one meant; but a server one environment calls production is production under
    // every other name too.
    resolution.environment.production =
        environment.production || environmentsOn(environment.baseUrl).production;
    resolution.problem = ApiClient::checkBaseUrl(environment.baseUrl);
    return resolution;
}

EnvironmentResolver::Resolution EnvironmentResolver::resolve(const Request& request) const
{
    const QString envName = request.envName.trimmed();
    const QString baseUrlText = request.baseUrlText.trimmed();
    const QString variableUrlText = request.variableUrlText.trimmed();

    if (request.demo) {
        Resolution demo;
        demo.source = Source::Demo;
        demo.environment.name = EnvironmentStore::demoName();
        return demo;
    }
    if (!baseUrlText.isEmpty() && !envName.isEmpty()) {
        Resolution both;
        both.source = Source::Option;
        both.problem = QStringLiteral("give --base-url or --env, not both.");
        return both;
    }
    if (!baseUrlText.isEmpty()) {
        const QUrl url = parseBaseUrl(baseUrlText);
        Resolution resolution = forUrl(Source::Option, url);
        resolution.problem = baseUrlProblem(baseUrlText, url);
        return resolution;
    }
    if (!envName.isEmpty()) {
        for (const Environment& environment : m_environments) {
            if (environment.name == envName)
                return forSaved(Source::Named, environment);
        }
        Resolution unknown;
        unknown.source = Source::Named;
        unknown.problem = unknownEnvironment(envName);
        return unknown;
    }
    if (!variableUrlText.isEmpty()) {
        const QUrl url = parseBaseUrl(variableUrlText);
        Resolution resolution = forUrl(Source::Variable, url);
        const QString problem = baseUrlProblem(variableUrlText, url);
        if (!problem.isEmpty())
            resolution.problem = QString::fromLatin1(BaseUrlVariable) + QStringLiteral(": ") + problem;
        return resolution;
    }
    if (request.window && !m_activeName.isEmpty() && m_activeName == EnvironmentStore::demoName()) {
        Resolution demo;
        demo.source = Source::Demo;
        demo.environment.name = EnvironmentStore::demoName();
        return demo;
    }
    if (!m_activeName.isEmpty()) {
        for (const Environment& environment : m_environments) {
            if (environment.name == m_activeName)
                return forSaved(Source::Active, environment);
        }
    }
    if (request.window) {
        if (!m_environments.isEmpty())
            return forSaved(Source::First, m_environments.constFirst());
        if (!request.haveVariableKey) {
            Resolution firstRun;
            firstRun.source = Source::None;
            return firstRun;
        }
    }
    return forUrl(Source::Default, defaultBaseUrl());
}

QUrl KeyResolver::variableKeyServer(const QString& variableUrlText)
{
    const QString text = variableUrlText.trimmed();
    return text.isEmpty() ? defaultBaseUrl() : parseBaseUrl(text);
}

QString KeyResolver::keychainEntry(const Environment& environment, bool saved)
{
    // "default" for a server no environment has: the entry `alchemyst-jobs login --base-url URL` stores.
    return SecretStore::keyFor(saved ? environment.name : QStringLiteral("default"),
                               environment.baseUrl.toString());
}

KeyChoice KeyResolver::choose(const Environment& environment, bool saved, const QString& sessionKey,
                              const QString& variableKey, const QString& variableUrlText)
{
    KeyChoice choice;
    if (!sessionKey.isEmpty()) {
        choice.source = KeyChoice::Source::Session;
        choice.key = sessionKey;
        return choice;
    }
    if (!environment.baseUrl.isValid() || environment.baseUrl.host().isEmpty())
        return choice; // no server to choose a key for
    const QUrl keyServer = variableKeyServer(variableUrlText);
    if (!variableKey.isEmpty()) {
        if (sameServer(environment.baseUrl, keyServer)) {
            choice.source = KeyChoice::Source::Variable;
            choice.key = variableKey;
            return choice;
        }
        const QString variable = QString::fromLatin1(ApiKeyVariable);
        const QString urlVariable = QString::fromLatin1(BaseUrlVariable);
        const QString here = shownUrl(environment.baseUrl);
        choice.variableNote =
            variableUrlText.trimmed().isEmpty()
                ? tr("%1 is set but was not used: it belongs to %2 (%3 is unset: the default server), not to "
                     "%4. To use it here, set %3=%4.")
                      .arg(variable, shownUrl(keyServer), urlVariable, here)
                : tr("%1 is set but was not used: it belongs to %2 (%3), not to %4. To use it here, set "
                     "%3=%4.")
                      .arg(variable, shownUrl(keyServer), urlVariable, here);
    }
    choice.source = KeyChoice::Source::Keychain;
    choice.keychainEntry = keychainEntry(environment, saved);
    return choice;
}

} // namespace Alchemyst
