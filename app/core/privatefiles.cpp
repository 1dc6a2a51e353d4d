#include "privatefiles.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QDir>
#include <QFileInfo>
#include <QStringList>
#include <QThread>

#ifdef Q_OS_WIN
#include <io.h>
#include <windows.h>
#else
#include <cerrno>
#include <sys/file.h>
#endif

namespace Alchemyst {

namespace PrivateFiles {

namespace {
// A class for the context, so that lupdate files the texts under the one the runtime looks them up in.
struct Texts
{
    Q_DECLARE_TR_FUNCTIONS(Alchemyst::PrivateFiles)
};
} // namespace

bool makeFolder(const QString& path)
{
    const QString absolute = QDir::cleanPath(QDir(path).absolutePath());
    QStringList missing;
    for (QString at = absolute; !QFileInfo::exists(at);) {
        missing.prepend(at);
        const QString up = QFileInfo(at).absolutePath();
        if (up == at)
            break;
        at = up;
    }
    for (const QString& folder : std::as_const(missing)) {
        // Created 0700, then set so, for the umask may have taken some of it.
        if (!QDir().mkdir(folder, FolderMode) && !QFileInfo(folder).isDir())
            return false;
        QFile::setPermissions(folder, FolderMode);
    }
    if (!QFileInfo(absolute).isDir())
        return false;
    QFile::setPermissions(absolute, FolderMode);
    return true;
}

QString errorText(int error)
{
    if (error == 0)
        return Texts::tr("the system gave no reason");
    return qt_error_string(error);
}

QString systemError()
{
#ifdef Q_OS_WIN
    return qt_error_string(static_cast<int>(GetLastError()));
#else
    return errorText(errno);
#endif
}

FileLock::Result FileLock::lock(int timeoutMs, int pollMs, QString* why)
{
    if (m_locked)
        return Result::Locked;
    QDeadlineTimer deadline(timeoutMs);
    for (;;) {
#ifdef Q_OS_WIN
        const HANDLE handle = reinterpret_cast<HANDLE>(_get_osfhandle(m_fd));
        OVERLAPPED overlapped = {};
        if (LockFileEx(handle, LOCKFILE_EXCLUSIVE_LOCK | LOCKFILE_FAIL_IMMEDIATELY, 0, MAXDWORD, MAXDWORD,
                       &overlapped)) {
            m_locked = true;
            return Result::Locked;
        }
        const bool busy = GetLastError() == ERROR_LOCK_VIOLATION;
#else
        if (::flock(m_fd, LOCK_EX | LOCK_NB) == 0) {
            m_locked = true;
            return Result::Locked;
        }
        const bool busy = errno == EWOULDBLOCK || errno == EINTR;
#endif
        if (!busy) {
            if (why)
                *why = systemError();
            return Result::Failed;
        }
        if (deadline.hasExpired())
            return Result::TimedOut;
        QThread::msleep(static_cast<unsigned long>(qMax(1, pollMs)));
    }
}

void FileLock::release()
{
    if (!m_locked)
        return;
#ifdef Q_OS_WIN
    OVERLAPPED overlapped = {};
    UnlockFileEx(reinterpret_cast<HANDLE>(_get_osfhandle(m_fd)), 0, MAXDWORD, MAXDWORD, &overlapped);
#else
    ::flock(m_fd, LOCK_UN);
#endif
    m_locked = false;
}

} // namespace PrivateFiles

} // namespace Alchemyst
