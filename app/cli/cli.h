#pragma once

#include <QStringList>
#include <QTextStream>
#include <QUrl>
#include <optional>

namespace Alchemyst {

class EnvironmentStore;
class SecretStore;

// The command-line tool `alchemyst-jobs`. run() parses the arguments, does the work over the same
// core as the desktop app, and returns the process exit code:
// 0 success; 1 the settings could not be written; 2 usage (found before the settings, the keychain or
// the network are touched); 3 a job was running (409); 4 not found; 5 unauthorized, payment required,
// forbidden, no key or a keychain failure; 6 invalid id; 7 server, network, timeout or malformed response.
class Cli
{
public:
    enum ExitCode
    {
        Success = 0,
        Failure = 1,
        Usage = 2,
        Running = 3,
        NotFound = 4,
        Auth = 5,
        InvalidId = 6,
        Server = 7,
    };

    Cli(QTextStream& out, QTextStream& err);
    int run(const QStringList& arguments);

private:
    // Prints "alchemyst-jobs: text" on the error stream, made safe for a terminal, and returns code.
    int fail(int code, const QString& text);
    // On a terminal: asks for the production environment's name; false (and says so) unless it was typed.
    bool confirmProduction(const QString& environmentName, qsizetype count);
    int runJournal(const std::optional<qint64>& since, const QString& environmentName, bool json);
    int runEnv(const QString& action, const QString& name, const QUrl& url, bool production, bool replace,
               bool keepKey, EnvironmentStore& store, SecretStore& secrets);

    QTextStream& m_out;
    QTextStream& m_err;
};

} // namespace Alchemyst
