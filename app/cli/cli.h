#pragma once

#include <QStringList>
#include <QTextStream>

namespace Alchemyst {

// The command-line tool `alchemyst-jobs`. run() parses the arguments, does the work over the same
// core as the desktop app, and returns the process exit code:
// 0 success; 2 usage; 3 a job was running (409); 4 not found; 5 unauthorized, payment required,
// forbidden or no key; 6 invalid id; 7 server, network, timeout or malformed response.
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
    QTextStream& m_out;
    QTextStream& m_err;
};

} // namespace Alchemyst
