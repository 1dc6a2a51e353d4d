#pragma once

#include <QByteArray>
#include <QLockFile>
#include <QObject>
#include <QString>
#include <memory>

class QLocalServer;
class QLocalSocket;

namespace Alchemyst {

// One running instance per user and id: a second start hands its request to the first one and leaves,
// so two pollers never spend the same API key's request budget twice.
//
// The lock file decides who is primary (QLockFile detects a crashed holder by its PID, process name and
// boot id); the local server only carries messages, so a leftover socket can never make a dead instance
// look alive. Both live in the same per-user directory, so instances with different XDG_RUNTIME_DIR
// (or HOME, where that is the fallback) never see each other.
class SingleInstance : public QObject
{
    Q_OBJECT

public:
    enum class Role
    {
        Undecided,   // tryBecomePrimary() not called yet
        Primary,     // holds the lock; listens unless errorString() says otherwise
        Secondary,   // a live process holds the lock
        Unavailable, // the lock file could not be created at all; errorString() says why
    };
    Q_ENUM(Role)

    explicit SingleInstance(const QString& id, QObject* parent = nullptr);
    ~SingleInstance() override;

    // Takes the lock and starts listening. False when another live process holds the lock, or when
    // the lock cannot be created (role() tells which). May be called again, e.g. after the primary
    // that notifyPrimary() failed to reach has exited.
    bool tryBecomePrimary();
    // Sends message to the primary and waits until the primary confirms it has read it. Blocks for at
    // most timeoutMs, retrying the connection meanwhile: a primary that has just taken the lock may
    // not be listening yet.
    bool notifyPrimary(const QByteArray& message, int timeoutMs);

    Role role() const { return m_role; }
    bool isPrimary() const { return m_role == Role::Primary; }
    QString errorString() const { return m_errorString; }
    QString lockFilePath() const { return m_lockFilePath; }
    // What QLocalServer::listen() and QLocalSocket::connectToServer() are given: a full socket path
    // beside the lock where it fits, else a name derived from that path.
    QString serverName() const { return m_serverName; }
    // The PID of the process holding the lock, 0 when unknown.
    qint64 primaryPid() const;

signals:
    // In the primary: another start asked this one to come forward; message is what it sent.
    void activationRequested(const QByteArray& message);

private:
    void acceptConnections();
    void readMessage(QLocalSocket* socket);

    Role m_role = Role::Undecided;
    QString m_lockFilePath;
    QString m_serverName;
    QString m_errorString;
    QLockFile m_lock;
    std::unique_ptr<QLocalServer> m_server;
};

} // namespace Alchemyst
