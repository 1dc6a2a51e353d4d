#pragma once

#include "core/connection.h"

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QUrl>

namespace Alchemyst {

// Which environment a start of the window or a command of the CLI means, decided in one place: both
// used to decide it each on their own, differently (exact URL equality, first or last match), so that a
// production server spelled http://host:80 instead of http://host passed the production guard. Pure
// logic over the saved environments; no settings, keychain or network.
class EnvironmentResolver
{
public:
    // The saved environments on one server, however each spells it.
    struct ServerMatch
    {
        QList<Environment> matches;
        bool production = false; // any of them is production: a server is production if one says so
    };

    struct Resolution
    {
        enum class Source
        {
            Demo,     // --demo, or the window's active environment is the demo
            Option,   // --base-url
            Named,    // --env
            Variable, // ALCHEMYST_AI_BASE_URL
            Active,   // the active saved environment
            First,    // the window only: the first saved environment
            Default,  // the default server (defaultBaseUrl())
            None,     // the window only: nothing configured, a first run
        };
        Source source = Source::None;
        // What was meant. A saved environment as saved (its own spelling of the URL), else an unsaved one
        // named after the server (displayHost()) with the URL as given. production is true when any saved
        // environment on that server is production, whatever this one says. Filled even with a problem
        // about its URL, so that the window can show the environment with it; empty for Demo and None.
        Environment environment;
        bool saved = false; // environment is one of the saved ones (its keychain entry is under its name)
        // More than one saved environment is on the server a URL named and none was named: the caller
        // refuses (the CLI: naming them, "give --env NAME") or asks (the window). environment is then the
        // unsaved one, production as above.
        QList<Environment> ambiguous;
        // A usage error (both --base-url and --env, no such environment, a URL that cannot be used); empty
        // when there is none.
        QString problem;
    };

    // What the operator gave. An empty text means "not given": the callers refuse an option given empty.
    struct Request
    {
        QString envName;         // --env
        QString baseUrlText;     // --base-url as typed
        QString variableUrlText; // ALCHEMYST_AI_BASE_URL
        bool demo = false;       // --demo (the window)
        // The window falls back to the first saved environment (and to the demo when that is the active
        // one), the CLI to the default server.
        bool window = false;
        // ALCHEMYST_AI_API_KEY is set: with nothing saved, the window opens the default server instead of
        // the first-run dialog.
        bool haveVariableKey = false;
    };

    EnvironmentResolver(const QList<Environment>& environments, const QString& activeName);

    ServerMatch environmentsOn(const QUrl& server) const;
    // Precedence, the CLI: --base-url, --env, ALCHEMYST_AI_BASE_URL, the active environment, the default
    // server. The window: --demo, --base-url, --env, ALCHEMYST_AI_BASE_URL, the active environment (or the
    // demo), the first saved one, the default server when ALCHEMYST_AI_API_KEY is set, else a first run.
    Resolution resolve(const Request& request) const;

private:
    Resolution forUrl(Resolution::Source source, const QUrl& url) const;
    Resolution forSaved(Resolution::Source source, const Environment& environment) const;

    QList<Environment> m_environments;
    QString m_activeName;
};

// Which API key goes to a server, decided in one place for the window and the CLI.
struct KeyChoice
{
    enum class Source
    {
        None,     // no key can be chosen (no server)
        Session,  // typed for this session
        Variable, // ALCHEMYST_AI_API_KEY
        Keychain, // to be read from keychainEntry
    };
    Source source = Source::None;
    QString key;           // with Session and Variable
    QString keychainEntry; // with Keychain: the SecretStore entry to read
    // ALCHEMYST_AI_API_KEY is set but does not go to this server: why, and what to do, in a sentence or
    // two; empty otherwise.
    QString variableNote;
};

class KeyResolver
{
    Q_DECLARE_TR_FUNCTIONS(Alchemyst::KeyResolver)

public:
    // A key typed for this session wins; else ALCHEMYST_AI_API_KEY, but only on its own server (that of
    // ALCHEMYST_AI_BASE_URL, else the default server, as in the official SDKs): sent anywhere else, a
    // production key would reach a staging or third-party server. Else the keychain: a saved environment's
    // entry is under its name, an unsaved server's under "default", both with the environment's URL.
    static KeyChoice choose(const Environment& environment, bool saved, const QString& sessionKey,
                            const QString& variableKey, const QString& variableUrlText);
    // The server ALCHEMYST_AI_API_KEY belongs to, given ALCHEMYST_AI_BASE_URL as set (empty: unset).
    static QUrl variableKeyServer(const QString& variableUrlText);
    // The keychain entry of an environment: SecretStore::keyFor() under its name when saved, "default"
    // when not.
    static QString keychainEntry(const Environment& environment, bool saved);
};

} // namespace Alchemyst
