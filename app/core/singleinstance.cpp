#include "singleinstance.h"

#include <QCryptographicHash>
#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QLocalServer>
#include <QLocalSocket>
#include <QLoggingCategory>
#include <QPointer>
#include <QRandomGenerator>
#include <QSaveFile>
#include <QStandardPaths>
#include <QTimer>
#include <QtEndian>

#ifndef Q_OS_WIN
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>
#endif

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

#ifndef Q_OS_WIN
constexpr QFileDevice::Permissions OwnerOnlyFolder =
    QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner;
#endif

struct Location
{
    QString directory; // empty: none that is private
    QString error;     // why, when empty
};

#ifndef Q_OS_WIN
// A folder this user owns, that is a folder and not a link to one, and that nobody else may enter:
// nothing in it was put there by someone else, and nobody else can put anything there.
bool isPrivateFolder(const QString& path, QString* why)
{
    struct stat status = {};
    if (::lstat(QFile::encodeName(path).constData(), &status) != 0) {
        *why = SingleInstance::tr("it does not exist");
        return false;
    }
    if (!S_ISDIR(status.st_mode)) {
        *why = S_ISLNK(status.st_mode) ? SingleInstance::tr("it is a symbolic link")
                                       : SingleInstance::tr("it is not a folder");
        return false;
    }
    if (status.st_uid != ::geteuid()) {
        *why = SingleInstance::tr("it belongs to user %1").arg(status.st_uid);
        return false;
    }
    if ((status.st_mode & 077) != 0) {
        *why = SingleInstance::tr("others may use it (mode %1)")
                   .arg(QString::number(status.st_mode & 0777, 8).rightJustified(4, QLatin1Char('0')));
        return false;
    }
    return true;
}

// Creates the missing folders of `path` 0700, whatever the umask (created so, never wider for a moment).
// One that exists is left as it is: the check after says whether it will do.
void makeOwnerOnlyPath(const QString& path)
{
    QStringList missing;
    for (QString at = QDir::cleanPath(QDir(path).absolutePath()); !QFileInfo::exists(at);) {
        missing.prepend(at);
        const QString up = QFileInfo(at).absolutePath();
        if (up == at)
            break;
        at = up;
    }
    for (const QString& folder : std::as_const(missing)) {
        if (QDir().mkdir(folder, OwnerOnlyFolder))
            QFile::setPermissions(folder, OwnerOnlyFolder); // the umask may have taken some of it
    }
}
#endif

Location location(const QString& id)
{
#ifdef Q_OS_WIN
    // The local application data folder is in the user's profile, which other users cannot read.
    Q_UNUSED(id)
    const QString directory = QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation);
    if (directory.isEmpty())
        return {QString(), SingleInstance::tr("There is no folder for local application data.")};
    QDir().mkpath(directory);
    return {directory, QString()};
#else
    // The runtime folder is per user and per session, cleared at logout: the right home for a lock, when
    // it is what it should be. Not QStandardPaths::RuntimeLocation: without XDG_RUNTIME_DIR that is
    // /tmp/runtime-<user>, which any user can create first.
    QString why;
    const QString runtime = qEnvironmentVariable("XDG_RUNTIME_DIR");
    if (!runtime.isEmpty()) {
        if (isPrivateFolder(runtime, &why))
            return {runtime, QString()};
        qCWarning(lcInstance).noquote()
            << "not using XDG_RUNTIME_DIR" << runtime << "for the instance lock:" << why;
    }
    const QString cache = QStandardPaths::writableLocation(QStandardPaths::GenericCacheLocation);
    if (cache.isEmpty())
        return {QString(), SingleInstance::tr("There is no runtime folder and no cache folder.")};
    const QString own = QDir(cache).filePath(id + QStringLiteral("/run"));
    makeOwnerOnlyPath(own);
    if (!isPrivateFolder(own, &why))
        return {QString(), SingleInstance::tr("The folder %1 is not this user's alone: %2.").arg(own, why)};
    return {own, QString()};
#endif
}

QString hashOf(const QString& text)
{
    return QString::fromLatin1(
        QCryptographicHash::hash(text.toUtf8(), QCryptographicHash::Sha256).toHex().left(16));
}

// Pipe names and abstract socket names are one namespace for every user, and the first to create a
// name owns it: a random part that only the user's private folder holds keeps others from taking it
// first (the peer check would refuse such a squatter, but this start could not be reached either).
QString readToken(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return QString();
    return QString::fromLatin1(file.read(64)).trimmed();
}

} // namespace

SingleInstance::SingleInstance(const QString& id, QObject* parent)
    : QObject(parent)
{
    const Location where = location(id);
    m_directory = where.directory;
    m_locationError = where.error;
    m_baseName = id;
#ifndef Q_OS_WIN
    m_trustedUid = static_cast<qint64>(::geteuid());
#endif
    if (!m_directory.isEmpty()) {
        m_lockFilePath = QDir(m_directory).filePath(id + QStringLiteral(".lock"));
        const QString socketPath = QDir(m_directory).filePath(id + QStringLiteral(".socket"));
#ifdef Q_OS_WIN
        m_serverName = id + QLatin1Char('-') + hashOf(socketPath);
        m_tokenized = true;
#else
        if (QFile::encodeName(socketPath).size() < MaxSocketPathBytes) {
            m_serverName = socketPath;
        } else {
#ifdef Q_OS_LINUX
            // Too long for a path: a name with no file, derived from the private folder (different
            // runtime folders never meet) and made unguessable by the token.
            m_serverName = id + QLatin1Char('-') + hashOf(socketPath);
            m_abstract = true;
            m_tokenized = true;
#else
            // No abstract namespace: a short private folder of this user's in the temporary folder.
            const QString shortFolder =
                QDir::temp().filePath(QStringLiteral("ajm-%1").arg(static_cast<qint64>(::geteuid())));
            makeOwnerOnlyPath(shortFolder);
            QString why;
            if (isPrivateFolder(shortFolder, &why))
                m_serverName = QDir(shortFolder).filePath(hashOf(socketPath));
            else
                m_locationError = tr("The folder %1 is not this user's alone: %2.").arg(shortFolder, why);
#endif
        }
#endif
    }
    m_lock = std::make_unique<QLockFile>(m_lockFilePath);
    // The lock is held for the life of the application, so its age says nothing: staleness is left to
    // QLockFile's check of the holder's PID, process name and boot id (and, on Unix, its flock).
    m_lock->setStaleLockTime(0);
}

SingleInstance::~SingleInstance()
{
    // The server goes before the lock, so a new primary never removes a socket we still listen on.
    m_server.reset();
    m_lock->unlock();
}

QString SingleInstance::serverName() const
{
    if (!m_tokenized)
        return m_serverName;
    // The primary writes the token once it holds the lock; until then there is no one to reach.
    const QString token = readToken(QDir(m_directory).filePath(m_baseName + QStringLiteral(".token")));
    return token.isEmpty() || m_serverName.isEmpty() ? QString() : m_serverName + QLatin1Char('-') + token;
}

bool SingleInstance::tryBecomePrimary()
{
    if (m_role == Role::Primary)
        return true;
    m_errorString.clear();
    if (m_lockFilePath.isEmpty()) {
        m_role = Role::Unavailable;
        m_errorString = m_locationError;
        return false;
    }
    if (!m_lock->tryLock(0)) {
        if (m_lock->error() == QLockFile::LockFailedError) {
            m_role = Role::Secondary;
            const qint64 pid = primaryPid();
            m_errorString = pid > 0
                                ? tr("Another instance (process %1) holds %2.").arg(pid).arg(m_lockFilePath)
                                : tr("Another instance holds %1.").arg(m_lockFilePath);
        } else {
            m_role = Role::Unavailable;
            m_errorString = m_lock->error() == QLockFile::PermissionError
                                ? tr("Cannot create %1: permission denied.").arg(m_lockFilePath)
                                : tr("Cannot create %1.").arg(m_lockFilePath);
        }
        return false;
    }
    m_role = Role::Primary;
    QFile::setPermissions(m_lockFilePath, QFileDevice::ReadOwner | QFileDevice::WriteOwner);

    if (m_tokenized) {
        // A new one at every start: a name a crashed primary once used says nothing about this one's.
        QSaveFile token(QDir(m_directory).filePath(m_baseName + QStringLiteral(".token")));
        const QByteArray value = QByteArray::number(QRandomGenerator::system()->generate64(), 16) +
                                 QByteArray::number(QRandomGenerator::system()->generate64(), 16);
        if (!token.open(QIODevice::WriteOnly) ||
            !token.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner) ||
            token.write(value) != value.size() || !token.commit()) {
            m_errorString = tr("Cannot write %1: %2").arg(token.fileName(), token.errorString());
            qCWarning(lcInstance).noquote() << m_errorString;
            return true;
        }
    }
    const QString name = serverName();
    if (name.isEmpty()) {
        m_errorString = m_locationError;
        qCWarning(lcInstance).noquote() << m_errorString;
        return true;
    }
    // Only the lock holder may clear a socket left by a crashed primary: anyone else could be removing
    // the live primary's socket and make it unreachable. An abstract name has no file to leave behind.
    if (!m_abstract)
        QLocalServer::removeServer(name);
    m_server = std::make_unique<QLocalServer>();
    m_server->setSocketOptions(m_abstract ? QLocalServer::AbstractNamespaceOption
                                          : QLocalServer::UserAccessOption);
    connect(m_server.get(), &QLocalServer::newConnection, this, &SingleInstance::acceptConnections);
    if (!m_server->listen(name)) {
        // Still primary: the lock alone keeps a second poller out; later starts just cannot reach us.
        m_errorString = tr("Cannot listen on %1: %2").arg(name, m_server->errorString());
        qCWarning(lcInstance).noquote() << m_errorString;
    }
    return true;
}

qint64 SingleInstance::peerUserId(const QLocalSocket& socket)
{
#ifdef Q_OS_WIN
    Q_UNUSED(socket)
    return -1;
#else
    const int fd = static_cast<int>(socket.socketDescriptor());
    if (fd < 0)
        return -1;
#ifdef Q_OS_LINUX
    struct ucred credentials = {};
    socklen_t length = sizeof(credentials);
    if (::getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &credentials, &length) != 0 ||
        length != sizeof(credentials))
        return -1;
    return static_cast<qint64>(credentials.uid);
#else
    uid_t uid = 0;
    gid_t gid = 0;
    if (::getpeereid(fd, &uid, &gid) != 0)
        return -1;
    return static_cast<qint64>(uid);
#endif
#endif
}

bool SingleInstance::isTrusted(const QLocalSocket& socket) const
{
#ifdef Q_OS_WIN
    // The pipe admits this user only (UserAccessOption) and its name is secret: nothing more to check.
    Q_UNUSED(socket)
    return true;
#else
    // A peer whose user cannot be told is not trusted either.
    const qint64 uid = peerUserId(socket);
    return uid >= 0 && uid == m_trustedUid;
#endif
}

qint64 SingleInstance::primaryPid() const
{
    qint64 pid = 0;
    if (!m_lock->getLockInfo(&pid, nullptr, nullptr))
        return 0;
    return pid;
}

void SingleInstance::acceptConnections()
{
    while (QLocalSocket* socket = m_server->nextPendingConnection()) {
        if (!isTrusted(*socket)) {
            // Another user's process: what it says must not raise, or configure, this user's window.
            qCWarning(lcInstance).noquote()
                << QStringLiteral("refusing a connection from another user (uid %1)")
                       .arg(peerUserId(*socket));
            socket->abort();
            socket->deleteLater();
            continue;
        }
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
    if (m_abstract)
        socket.setSocketOptions(QLocalSocket::AbstractNamespaceOption);
    QTimer retry;
    retry.setSingleShot(true);
    QTimer giveUp;
    giveUp.setSingleShot(true);
    bool acknowledged = false;
    bool refused = false;
    QByteArray reply;
    m_errorString.clear();

    connect(&giveUp, &QTimer::timeout, &loop, &QEventLoop::quit);
    connect(&retry, &QTimer::timeout, &loop, [&] {
        socket.abort();
        socket.connectToServer(serverName());
    });
    connect(&socket, &QLocalSocket::connected, &loop, [&] {
        // The command line may name servers and environments: it goes to this user's primary only. One
        // of another user will not turn into ours by trying again.
        if (!isTrusted(socket)) {
            m_errorString = tr("The process listening on %1 belongs to another user (uid %2); nothing was "
                               "sent to it.")
                                .arg(socket.serverName())
                                .arg(peerUserId(socket));
            qCWarning(lcInstance).noquote() << m_errorString;
            refused = true;
            loop.quit();
            return;
        }
        socket.write(frame);
    });
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
        qCDebug(lcInstance) << "connecting to" << socket.serverName() << "failed:" << error;
        if (!acknowledged && !refused && !retry.isActive())
            retry.start(RetryMs);
    });

    giveUp.start(qMax(0, timeoutMs));
    socket.connectToServer(serverName());
    if (!refused)
        loop.exec();
    socket.abort();
    return acknowledged;
}

} // namespace Alchemyst
