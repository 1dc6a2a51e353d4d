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
// look alive. Both live in one folder that is this user's alone: $XDG_RUNTIME_DIR when it is a folder of
// this user that nobody else may enter, else <GenericCacheLocation>/<id>/run, created 0700 and checked
// the same way (never a shared temporary folder, where another user could create the folder or the
// socket first and receive the next start's command line). A socket path too long for sockaddr_un
// becomes a name in Linux's abstract namespace, which has no file at all; such a name, and a Windows
// pipe's, ends in a random part the primary keeps in a token file beside the lock, so that nobody else
// can take the name first. Either side checks that the other end belongs to this user (SO_PEERCRED,
// getpeereid) before it trusts a message or an answer.
class SingleInstance : public QObject
{
    Q_OBJECT

public:
    enum class Role
    {
        Undecided,   // tryBecomePrimary() not called yet
        Primary,     // holds the lock; listens unless errorString() says otherwise
        Secondary,   // a live process holds the lock
        Unavailable, // no private folder, or the lock file could not be created; errorString() says why
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
    // not be listening yet. Nothing is sent to a listener of another user (errorString() says so).
    bool notifyPrimary(const QByteArray& message, int timeoutMs);

    Role role() const { return m_role; }
    bool isPrimary() const { return m_role == Role::Primary; }
    QString errorString() const { return m_errorString; }
    // The private folder of the lock and the socket; empty when there is none (role Unavailable).
    QString directory() const { return m_directory; }
    QString lockFilePath() const { return m_lockFilePath; }
    // What QLocalServer::listen() and QLocalSocket::connectToServer() are given: a full socket path
    // beside the lock where it fits, else a name in the abstract namespace (isAbstractName()) ending in
    // the primary's token (empty while there is none).
    QString serverName() const;
    bool isAbstractName() const { return m_abstract; }
    // The PID of the process holding the lock, 0 when unknown.
    qint64 primaryPid() const;

    // The user id of the process at the other end of a connected socket; -1 when the system does not
    // tell (Windows, where the pipe's access list admits this user only).
    static qint64 peerUserId(const QLocalSocket& socket);
    // The user id a peer must have: this process's effective one. Tests set another to see both sides
    // refuse a stranger, which cannot be staged without a second account.
    void setTrustedUserId(qint64 uid) { m_trustedUid = uid; }

signals:
    // In the primary: another start asked this one to come forward; message is what it sent.
    void activationRequested(const QByteArray& message);

private:
    void acceptConnections();
    void readMessage(QLocalSocket* socket);
    bool isTrusted(const QLocalSocket& socket) const;

    Role m_role = Role::Undecided;
    QString m_directory;
    QString m_baseName;
    QString m_lockFilePath;
    QString m_serverName;
    QString m_errorString;
    QString m_locationError; // why there is no private folder
    bool m_abstract = false;
    bool m_tokenized = false; // the name ends in the token the primary keeps in the private folder
    qint64 m_trustedUid = -1;
    std::unique_ptr<QLockFile> m_lock;
    std::unique_ptr<QLocalServer> m_server;
};

} // namespace Alchemyst
