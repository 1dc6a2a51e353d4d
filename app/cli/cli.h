#pragma once

#include <QStringList>
#include <QTextStream>

namespace Alchemyst {

// The command-line tool `alchemyst-jobs`: the front that parses the arguments, finds the command (one class
// each, see command.h), checks the command line against its grammar and the global options, and runs it over
// the same core as the desktop app. run() returns the process exit code (ExitCode in command.h):
// 0 success; 1 the settings could not be written; 2 usage (found before the settings, the keychain or
// the network are touched); 3 a job was running (409); 4 not found; 5 unauthorized, payment required,
// forbidden, no key or a keychain failure; 6 invalid id; 7 server, network, timeout or malformed response.
class Cli
{
public:
    Cli(QTextStream& out, QTextStream& err);
    int run(const QStringList& arguments);

private:
    // Prints "alchemyst-jobs: text" on the error stream, made safe for a terminal, and returns code.
    int fail(int code, const QString& text);

    QTextStream& m_out;
    QTextStream& m_err;
};

} // namespace Alchemyst
