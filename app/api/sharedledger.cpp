#include "sharedledger.h"

#include "core/privatefiles.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>
#include <QVector>
#include <algorithm>

#ifdef Q_OS_UNIX
#include <cerrno>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#endif

namespace Alchemyst {

SharedLedger::SharedLedger(const QString& path, qint64 windowMs)
    : m_path(path)
    , m_windowMs(qMax<qint64>(1, windowMs))
{}

QString SharedLedger::pathFor(const QString& environmentKey)
{
    QString folder;
#ifdef Q_OS_LINUX
    // Qt warns on stderr when XDG_RUNTIME_DIR is unset and makes one in /tmp: the CLI's output stays clean,
    // and no folder another user may have made is used.
    if (!qEnvironmentVariableIsEmpty("XDG_RUNTIME_DIR"))
        folder = QStandardPaths::writableLocation(QStandardPaths::RuntimeLocation);
#else
    folder = QStandardPaths::writableLocation(QStandardPaths::RuntimeLocation);
#endif
    if (folder.isEmpty())
        folder =
            QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation) + QStringLiteral("/run");
    return folder + QStringLiteral("/alchemyst-budget-") + environmentKey + QStringLiteral(".ledger");
}

template <typename Work>
bool SharedLedger::withLockedTimes(Work work)
{
#ifdef Q_OS_UNIX
    const QFileInfo info(m_path);
    // Under the data folder when there is no runtime folder: 0700, as every folder the program keeps there.
    if (!PrivateFiles::makeFolder(info.absolutePath())) {
        m_error = QStringLiteral("the folder %1 could not be created").arg(info.absolutePath());
        return false;
    }
    const QByteArray name = QFile::encodeName(m_path);
    const int fd = ::open(name.constData(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (fd < 0) {
        m_error = QStringLiteral("%1: %2").arg(m_path, qt_error_string(errno));
        return false;
    }
    struct stat status = {};
    if (::fstat(fd, &status) != 0 || !S_ISREG(status.st_mode) || status.st_uid != ::getuid()) {
        m_error = QStringLiteral("%1 is not a file of this user").arg(m_path);
        ::close(fd);
        return false;
    }
    PrivateFiles::FileLock lock(fd);
    if (lock.lock(LockTimeoutMs, 1) != PrivateFiles::FileLock::Result::Locked) {
        m_error = QStringLiteral("%1 stayed locked").arg(m_path);
        ::close(fd);
        return false;
    }
    // Its size as it is now, under the lock: another process may have written it since the open.
    if (::fstat(fd, &status) != 0) {
        m_error = QStringLiteral("%1: %2").arg(m_path, qt_error_string(errno));
        lock.release();
        ::close(fd);
        return false;
    }
    QVector<qint64> times(static_cast<qsizetype>(status.st_size / static_cast<off_t>(sizeof(qint64))));
    const ssize_t wanted = static_cast<ssize_t>(times.size() * static_cast<qsizetype>(sizeof(qint64)));
    bool ok = times.isEmpty() || ::pread(fd, times.data(), static_cast<size_t>(wanted), 0) == wanted;
    if (ok) {
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        // Gone out of the window (or from a clock that stepped): dropped before anyone counts them.
        times.erase(std::remove_if(times.begin(), times.end(),
                                   [&](qint64 t) { return now - t >= m_windowMs || t > now + m_windowMs; }),
                    times.end());
        const bool changed = work(times, now);
        if (changed) {
            const ssize_t size = static_cast<ssize_t>(times.size() * static_cast<qsizetype>(sizeof(qint64)));
            ok = ::ftruncate(fd, 0) == 0 &&
                 (times.isEmpty() || ::pwrite(fd, times.constData(), static_cast<size_t>(size), 0) == size);
        }
    }
    if (!ok)
        m_error = QStringLiteral("%1: %2").arg(m_path, qt_error_string(errno));
    lock.release();
    ::close(fd);
    return ok;
#else
    Q_UNUSED(work)
    m_error = QStringLiteral("not available on this platform");
    return false;
#endif
}

qint64 SharedLedger::delayMs(int maxRequests)
{
    qint64 delay = -1;
    const int max = qMax(1, maxRequests);
    withLockedTimes([&](QVector<qint64>& times, qint64 now) {
        if (times.size() < max) {
            delay = 0;
        } else {
            std::sort(times.begin(), times.end());
            const qint64 blocking = times.at(times.size() - max);
            delay = qMax<qint64>(1, blocking + m_windowMs - now);
        }
        return false;
    });
    return delay;
}

qint64 SharedLedger::reserve(int maxRequests)
{
    qint64 delay = -1;
    const int max = qMax(1, maxRequests);
    withLockedTimes([&](QVector<qint64>& times, qint64 now) {
        if (times.size() < max) {
            times.append(now);
            delay = 0;
            return true;
        }
        std::sort(times.begin(), times.end());
        delay = qMax<qint64>(1, times.at(times.size() - max) + m_windowMs - now);
        return false;
    });
    return delay;
}

bool SharedLedger::record()
{
    return withLockedTimes([](QVector<qint64>& times, qint64 now) {
        times.append(now);
        return true;
    });
}

int SharedLedger::recentCount()
{
    int count = -1;
    withLockedTimes([&count](QVector<qint64>& times, qint64) {
        count = static_cast<int>(times.size());
        return false;
    });
    return count;
}

} // namespace Alchemyst
