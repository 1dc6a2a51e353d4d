#include "signalguard.h"

#include <QSocketNotifier>

#ifdef Q_OS_UNIX
#include <cerrno>
#include <csignal>
#include <fcntl.h>
#include <unistd.h>
#endif

namespace Alchemyst {

#ifdef Q_OS_UNIX
namespace {
int g_pipe[2] = {-1, -1};
struct sigaction g_previous[2] = {};
bool g_replaced[2] = {};
constexpr int Guarded[2] = {SIGINT, SIGTERM};

void onSignal(int signalNumber)
{
    // Async-signal-safe only: one byte names the signal; the event loop does the rest.
    const unsigned char byte = static_cast<unsigned char>(signalNumber);
    const int saved = errno;
    [[maybe_unused]] const ssize_t written = ::write(g_pipe[1], &byte, 1);
    errno = saved;
}
} // namespace
#endif

SignalGuard::SignalGuard(QObject* parent)
    : QObject(parent)
{
#ifdef Q_OS_UNIX
    if (g_pipe[0] >= 0 || ::pipe(g_pipe) != 0)
        return; // one guard at a time; without a pipe the default handling stays
    for (int fd : g_pipe) {
        ::fcntl(fd, F_SETFD, FD_CLOEXEC);
        ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);
    }
    struct sigaction action = {};
    action.sa_handler = onSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    for (int i = 0; i < 2; ++i) {
        g_replaced[i] = false;
        if (sigaction(Guarded[i], nullptr, &g_previous[i]) == 0 && g_previous[i].sa_handler != SIG_IGN)
            g_replaced[i] = sigaction(Guarded[i], &action, nullptr) == 0;
    }
    m_installed = true;
    m_notifier = new QSocketNotifier(g_pipe[0], QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, &SignalGuard::onReadable);
#endif
}

SignalGuard::~SignalGuard()
{
#ifdef Q_OS_UNIX
    if (!m_installed)
        return;
    for (int i = 0; i < 2; ++i) {
        if (g_replaced[i])
            sigaction(Guarded[i], &g_previous[i], nullptr);
    }
    delete m_notifier;
    ::close(g_pipe[0]);
    ::close(g_pipe[1]);
    g_pipe[0] = g_pipe[1] = -1;
#endif
}

void SignalGuard::onReadable()
{
#ifdef Q_OS_UNIX
    unsigned char byte = 0;
    while (::read(g_pipe[0], &byte, 1) == 1) {
        if (m_caught == 0) {
            m_caught = byte;
            emit interrupted(byte);
        }
    }
#endif
}

} // namespace Alchemyst
