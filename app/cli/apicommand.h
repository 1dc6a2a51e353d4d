#pragma once

#include "cli/command.h"
#include "core/connection.h"

#include <functional>

class QNetworkAccessManager;

namespace Alchemyst {

class ApiClient;
class RequestPacer;
class SecretStore;
class TriageSession;
struct ListResult;

// What a command that talks to a server works with, once ApiCommand has resolved the server and the key.
struct ApiContext
{
    ApiContext(CommandContext& commandContext, EnvironmentStore& environments, SecretStore& keychain)
        : command(commandContext)
        , store(environments)
        , secrets(keychain)
    {}

    CommandContext& command;
    EnvironmentStore& store;
    SecretStore& secrets;

    // Set by resolveServer():
    QUrl baseUrl;
    // The one named, active or on the same server (saved), else the server named after its host; production
    // when any environment on that server is.
    std::optional<Environment> environment;
    bool saved = false;  // environment is a saved one
    QString keychainKey; // the keychain entry of the server's key
    // The name first sightings, thresholds and journal entries go under.
    QString environmentName;

    // Set up with the key (Needs::Key) or without (Needs::Client); nullptr for Needs::Server.
    ApiClient* client = nullptr;
    QNetworkAccessManager* manager = nullptr;
    // The budget (--requests-per-minute, else the environment's share: a third of the account's 1000 a
    // minute by default), shared through the machine's ledger: reads and cancels alike. nullptr when
    // unpaced (--requests-per-minute 0).
    RequestPacer* pacer = nullptr;

    QTextStream& out() const { return command.out; }
    QTextStream& err() const { return command.err; }
    bool production() const { return environment && environment->production; }
    int fail(int code, const QString& text) const { return command.fail(code, text); }
};

// The base of the commands that talk to a server (KeePassXC's DatabaseCommand): execute() resolves the
// server once, lets the command refuse before the keychain or the network (a production cancel without
// --yes), builds the client (with its pacer and the retry messages) and reads the key, then calls
// executeApi().
class ApiCommand : public Command
{
public:
    QStringList globalOptions() const override { return GlobalOption::network(); }
    int execute(CommandContext& context) final;

    // How the base URL and the key are found: the help pages of these commands and the overview say it.
    static QString serverAndKeyText();

protected:
    enum class Needs
    {
        Server, // the server and its keychain entry only (logout)
        Client, // and a client without a key (login brings its own)
        Key,    // and a client with the key
    };
    virtual Needs needs() const { return Needs::Key; }
    // Checks that need the server but must cost no keychain read nor request: Success or the exit code.
    virtual int beforeKeychain(ApiContext&) { return ExitCode::Success; }
    virtual int executeApi(ApiContext& context) = 0;

    QString familyNotes() const override;
    // The requests a minute this run may spend: --requests-per-minute when given (above 0), else the
    // environment's share. Commands that build their own session (watch) give it to
    // JobSession::setBudgetPerMinute().
    static int budgetPerMinute(const ApiContext& context);
    // "5 unauthorized, …; 7 server error, …": the exit codes of a call to the server, for exitCodes().
    static QString networkExitCodes();

    // Runs start(finished) and turns the event loop until finished() is called.
    static void wait(const std::function<void(std::function<void()>)>& start);
    // One listing, read whole; on failure the exit code (after saying why), else Success.
    static int listAll(ApiContext& context, const QString& type, ListResult& listed);
    // "alchemyst-jobs: N entries without a usable id were skipped" on stderr, when there were any.
    static void reportSkipped(const ApiContext& context, qsizetype skipped);
    // The listing feeds the first sightings the window keeps for this environment, and they are saved.
    static void observe(ApiContext& context, TriageSession& session, const ListResult& listed, bool complete,
                        qint64 now);

private:
    // Which server, and which keychain entry belongs to it: sets baseUrl, environment, keychainKey and
    // environmentName. Success, or a usage error (an unknown --env, a bad base URL) already said.
    // Self-contained on purpose: EnvironmentResolver (core) is to replace its body.
    int resolveServer(ApiContext& context);
    // The key for context.baseUrl: from ALCHEMYST_AI_API_KEY when it belongs to that server, else from the
    // keychain. Success with *key set, or Auth already said. Self-contained: KeyResolver is to replace it.
    int resolveKey(ApiContext& context, QString* key);
};

} // namespace Alchemyst
