#include "singleinstance.h"

#include <QCryptographicHash>
#include <QDir>
#include <QEventLoop>
#include <QLocalServer>
#include <QLocalSocket>
#include <QLoggingCategory>
#include <QPointer>
#include <QStandardPaths>
#include <QTimer>
#include <QtEndian>

namespace Alchemyst {

Q_LOGGING_CATEGORY(lcInstance, "alchemyst.instance", QtInfoMsg)

namespace {

// A message is a 4-byte big-endian length and that many bytes; the primary answers Ack once it has
// acted on it. The length bounds what a stray client can make the primary buffer.
constexpr int HeaderBytes = 4;
constexpr quint32 MaxMessageBytes = 64 * 1024;
constexpr char Ack[] = "ok\n";
// A client that connects and never finishes its message must not keep a connection open for ever.
constexpr int ClientTimeoutMs = 5000;
// Between connection attempts while the primary may still be starting: short next to any timeout.
constexpr int RetryMs = 100;
// sockaddr_un::sun_path is 108 bytes on Linux and 104 on macOS, terminator included.
constexpr int MaxSocketPathBytes = 100;

QString userName()
{
    QString name = qEnvironmentVariable("USER");
    if (name.isEmpty())
        name = qEnvironmentVariable("USERNAME");
    return name;
}

struct Location
{
    QString directory;
    QString baseName;
};

// The runtime directory is per user and per session and cleared at logout, the right home for a
// lock; the other two are only fallbacks. The temporary directory may be shared by every user, so there
// the user's name goes into the file names.
Location location(const QString& id)
{
    QString directory = QStandardPaths::writableLocation(QStandardPaths::RuntimeLocation);
    if (directory.isEmpty())
        directory = QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation);
    if (!directory.isEmpty())
        return {directory, id};
    const QString user = userName();
    return {QStandardPaths::writableLocation(QStandardPaths::TempLocation),
            user.isEmpty() ? id : id + QLatin1Char('-') + user};
}

QString serverNameFor(const Location& where)
{
    const QString path = QDir(where.directory).filePath(where.baseName + QStringLiteral(".socket"));
#ifndef Q_OS_WIN
    if (path.toLocal8Bit().size() < MaxSocketPathBytes)
        return path;
#endif
    // Windows pipe names and sockets in the temporary directory are shared by all users and sessions:
    // derive the name from the per-user path so that different users and runtime directories never meet.
    const QByteArray hash = QCryptographicHash::hash(path.toUtf8(), QCryptographicHash::Sha256).toHex();
    return where.baseName + QLatin1Char('-') + QString::fromLatin1(hash.left(16));
}

} // namespace

SingleInstance::SingleInstance(const QString& id, QObject* parent)
    : QObject(parent)
    , m_lockFilePath(QDir(location(id).directory).filePath(location(id).baseName + QStringLiteral(".lock")))
    , m_serverName(serverNameFor(location(id)))
    , m_lock(m_lockFilePath)
{
    // The lock is held for the life of the application, so its age says nothing: staleness is left to
    // QLockFile's check of the holder's PID, process name and boot id (and, on Unix, its flock).
    m_lock.setStaleLockTime(0);
}

SingleInstance::~SingleInstance()
{
    // The server goes before the lock, so a new primary never removes a socket we still listen on.
    m_server.reset();
    m_lock.unlock();
}

bool SingleInstance::tryBecomePrimary()
{
    if (m_role == Role::Primary)
        return true;
    m_errorString.clear();
    QDir().mkpath(QFileInfo(m_lockFilePath).absolutePath());
    if (!m_lock.tryLock(0)) {
        if (m_lock.error() == QLockFile::LockFailedError) {
            m_role = Role::Secondary;
            const qint64 pid = primaryPid();
            m_errorString = pid > 0
                                ? tr("Another instance (process %1) holds %2.").arg(pid).arg(m_lockFilePath)
                                : tr("Another instance holds %1.").arg(m_lockFilePath);
        } else {
            m_role = Role::Unavailable;
            m_errorString = m_lock.error() == QLockFile::PermissionError
                                ? tr("Cannot create %1: permission denied.").arg(m_lockFilePath)
                                : tr("Cannot create %1.").arg(m_lockFilePath);
        }
        return false;
    }
    m_role = Role::Primary;

    // Only the lock holder may clear a socket left by a crashed primary: anyone else could be removing
    // the live primary's socket and make it unreachable.
    QLocalServer::removeServer(m_serverName);
    m_server = std::make_unique<QLocalServer>();
    m_server->setSocketOptions(QLocalServer::UserAccessOption);
    connect(m_server.get(), &QLocalServer::newConnection, this, &SingleInstance::acceptConnections);
    if (!m_server->listen(m_serverName)) {
        // Still primary: the lock alone keeps a second poller out; later starts just cannot reach us.
        m_errorString = tr("Cannot listen on %1: %2").arg(m_serverName, m_server->errorString());
        qCWarning(lcInstance).noquote() << m_errorString;
    }
    return true;
}

qint64 SingleInstance::primaryPid() const
{
    qint64 pid = 0;
    if (!m_lock.getLockInfo(&pid, nullptr, nullptr))
        return 0;
    return pid;
}

void SingleInstance::acceptConnections()
{
    while (QLocalSocket* socket = m_server->nextPendingConnection()) {
        connect(socket, &QLocalSocket::disconnected, socket, &QObject::deleteLater);
        connect(socket, &QLocalSocket::readyRead, this, [this, socket] { readMessage(socket); });
        QTimer::singleShot(ClientTimeoutMs, socket, [socket] {
            qCDebug(lcInstance) << "dropping a client that did not finish its message";
            socket->abort();
            socket->deleteLater();
        });
        if (socket->bytesAvailable() > 0)
            readMessage(socket);
    }
}

void SingleInstance::readMessage(QLocalSocket* socket)
{
    if (socket->bytesAvailable() < HeaderBytes)
        return;
    const QByteArray header = socket->peek(HeaderBytes);
    const quint32 length = qFromBigEndian<quint32>(header.constData());
    if (length > MaxMessageBytes) {
        qCWarning(lcInstance) << "dropping a client that announced a message of" << length << "bytes";
        socket->abort();
        socket->deleteLater();
        return;
    }
    if (socket->bytesAvailable() < HeaderBytes + qint64(length))
        return;
    socket->skip(HeaderBytes);
    const QByteArray message = socket->read(length);

    // The signal may run arbitrary slots; the socket must still be there to answer.
    const QPointer<QLocalSocket> guard(socket);
    emit activationRequested(message);
    // The acknowledgement comes after the slots ran, so "acknowledged" means "acted on".
    if (guard) {
        socket->write(Ack);
        socket->flush();
    }
}

bool SingleInstance::notifyPrimary(const QByteArray& message, int timeoutMs)
{
    if (quint32(message.size()) > MaxMessageBytes)
        return false;
    QByteArray frame(HeaderBytes, Qt::Uninitialized);
    qToBigEndian<quint32>(quint32(message.size()), frame.data());
    frame += message;

    // An event loop, not the waitFor* calls: the primary may live in this very thread (the tests), and
    // the retries need timers.
    QEventLoop loop;
    QLocalSocket socket;
    QTimer retry;
    retry.setSingleShot(true);
    QTimer giveUp;
    giveUp.setSingleShot(true);
    bool acknowledged = false;
    QByteArray reply;

    connect(&giveUp, &QTimer::timeout, &loop, &QEventLoop::quit);
    connect(&retry, &QTimer::timeout, &loop, [&] {
        socket.abort();
        socket.connectToServer(m_serverName);
    });
    connect(&socket, &QLocalSocket::connected, &loop, [&] { socket.write(frame); });
    connect(&socket, &QLocalSocket::readyRead, &loop, [&] {
        reply += socket.readAll();
        if (reply.size() >= qsizetype(sizeof(Ack) - 1)) {
            acknowledged = reply.startsWith(Ack);
            loop.quit();
        }
    });
    // Not there yet (the primary takes the lock a moment before it listens) or gone before answering:
    // try again until the time is up. A resent message only activates the window once more.
    connect(&socket, &QLocalSocket::errorOccurred, &loop, [&](QLocalSocket::LocalSocketError error) {
        qCDebug(lcInstance) << "connecting to" << m_serverName << "failed:" << error;
        if (!acknowledged && !retry.isActive())
            retry.start(RetryMs);
    });

    giveUp.start(qMax(0, timeoutMs));
    socket.connectToServer(m_serverName);
    loop.exec();
    socket.abort();
    return acknowledged;
}

} // namespace Alchemyst
