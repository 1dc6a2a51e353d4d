#include "terminal.h"

#include "cli/output.h"
#include "cli/terminaltext.h"

#include <QFile>
#include <cstdio>

#ifdef Q_OS_UNIX
#include <csignal>
#include <termios.h>
#include <unistd.h>
#endif
#ifdef Q_OS_WIN
#include <windows.h>
#endif

namespace Alchemyst {

namespace {

#ifdef Q_OS_UNIX
// What a signal handler restores: echo is off only while a key is read, and a Ctrl+C (or a kill) in
// that moment must not leave the operator's terminal silent. Only async-signal-safe calls below.
termios g_savedTerminal{};
volatile sig_atomic_t g_terminalSaved = 0;
constexpr int RestoringSignals[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT};

void restoreTerminalThenDie(int signalNumber)
{
    if (g_terminalSaved)
        tcsetattr(STDIN_FILENO, TCSANOW, &g_savedTerminal);
    // Die of the same signal, so that the shell sees what happened (exit status 130 for Ctrl+C).
    std::signal(signalNumber, SIG_DFL);
    std::raise(signalNumber);
}
#endif

} // namespace

bool stdinIsTerminal()
{
#ifdef Q_OS_UNIX
    return isatty(STDIN_FILENO);
#else
    return false;
#endif
}

bool stdoutIsTerminal()
{
#ifdef Q_OS_UNIX
    return isatty(STDOUT_FILENO);
#else
    return false;
#endif
}

QString readSecretFromStdin(bool* interactive, QTextStream& prompt, const QString& promptText)
{
    QString line;
#ifdef Q_OS_UNIX
    *interactive = isatty(STDIN_FILENO);
    if (*interactive)
        prompt << promptText << Qt::flush;
    struct sigaction previous[std::size(RestoringSignals)] = {};
    bool installed[std::size(RestoringSignals)] = {};
    if (*interactive && tcgetattr(STDIN_FILENO, &g_savedTerminal) == 0) {
        g_terminalSaved = 1;
        struct sigaction restore = {};
        restore.sa_handler = restoreTerminalThenDie;
        sigemptyset(&restore.sa_mask);
        for (size_t i = 0; i < std::size(RestoringSignals); ++i) {
            // A signal the caller ignores (nohup's SIGHUP) stays ignored.
            if (sigaction(RestoringSignals[i], nullptr, &previous[i]) == 0 &&
                previous[i].sa_handler == SIG_DFL)
                installed[i] = sigaction(RestoringSignals[i], &restore, nullptr) == 0;
        }
        termios quiet = g_savedTerminal;
        quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
        tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
    }
#elif defined(Q_OS_WIN)
    HANDLE input = GetStdHandle(STD_INPUT_HANDLE);
    DWORD mode = 0;
    *interactive = GetConsoleMode(input, &mode);
    if (*interactive)
        prompt << promptText << Qt::flush;
    if (*interactive)
        SetConsoleMode(input, mode & ~ENABLE_ECHO_INPUT);
#else
    *interactive = false;
#endif
    QFile in;
    if (in.open(stdin, QIODevice::ReadOnly))
        line = QString::fromUtf8(in.readLine(64 * 1024)).trimmed();
#ifdef Q_OS_UNIX
    if (g_terminalSaved) {
        tcsetattr(STDIN_FILENO, TCSANOW, &g_savedTerminal);
        g_terminalSaved = 0;
        for (size_t i = 0; i < std::size(RestoringSignals); ++i) {
            if (installed[i])
                sigaction(RestoringSignals[i], &previous[i], nullptr);
        }
    }
#elif defined(Q_OS_WIN)
    if (*interactive)
        SetConsoleMode(input, mode);
#endif
    return line;
}

bool confirmProduction(QTextStream& err, const QString& environmentName, qsizetype count)
{
    // Only reached on a terminal (checked before the keychain and the network): the name is read back
    // from it, so that a cancel on production is never one keystroke away.
    err << "\"" << terminalSafe(environmentName) << "\" is a production environment. To cancel "
        << counted(count, "job", "jobs") << " there, type its name: " << Qt::flush;
    QFile in;
    QString typed;
    if (in.open(stdin, QIODevice::ReadOnly))
        typed = QString::fromUtf8(in.readLine(4096)).trimmed();
    if (typed == environmentName)
        return true;
    err << "alchemyst-jobs: "
        << terminalSafeMultiline(
               QStringLiteral("the name typed is not \"%1\": nothing was sent.").arg(environmentName))
        << '\n';
    return false;
}

} // namespace Alchemyst
