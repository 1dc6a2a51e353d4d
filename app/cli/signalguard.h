#pragma once

#include <QObject>

class QSocketNotifier;

namespace Alchemyst {

// Turns SIGINT and SIGTERM into a signal on the event loop while it lives (a self-pipe: the handler only
// writes a byte), so that a cancel interrupted by Ctrl+C or a kill stops sending, waits a bounded time for
// the answers in flight and records them before the process ends. The previous handlers come back when it
// is destroyed. A signal the caller ignores (nohup) stays ignored. No-op off Unix.
class SignalGuard : public QObject
{
    Q_OBJECT

public:
    explicit SignalGuard(QObject* parent = nullptr);
    ~SignalGuard() override;

    // The first signal caught (SIGINT, SIGTERM), 0 while none was.
    int caught() const { return m_caught; }
    // The exit status a shell expects after that signal: 128 + its number (130, 143); 0 when none.
    int exitStatus() const { return m_caught ? 128 + m_caught : 0; }

signals:
    void interrupted(int signalNumber);

private:
    void onReadable();

    QSocketNotifier* m_notifier = nullptr;
    int m_caught = 0;
    bool m_installed = false;
};

} // namespace Alchemyst
