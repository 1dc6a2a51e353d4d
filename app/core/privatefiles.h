#pragma once

#include <QFileDevice>
#include <QString>

namespace Alchemyst {

// What the program keeps under its data folder (the journal, the first sightings, the snoozes, the history)
// is the operator's alone: which jobs of which servers exist and what was done to them. These are the
// pieces every such store is written with, so that each keeps the same rules.
namespace PrivateFiles {

inline constexpr QFileDevice::Permissions FileMode = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
inline constexpr QFileDevice::Permissions FolderMode =
    QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner;

// Creates the folders of `path` that are missing, each 0700 whatever the umask (never wider for a moment),
// and makes `path` itself 0700 even when an older version created it with the umask's mode. False when
// the folder is not there afterwards.
bool makeFolder(const QString& path);

// The system's words for the last error (errno, or GetLastError on Windows); never "Unknown error" for
// the absence of one.
QString systemError();
QString errorText(int error); // the same for an error number

// An exclusive lock of a whole open file, held until released or destroyed. The kernel drops it when the
// holder dies (flock on Unix, LockFileEx on Windows), so a killed writer never blocks the others, which a
// lock file whose mere existence meant "locked" would.
class FileLock
{
public:
    enum class Result
    {
        Locked,
        Failed,   // the system refused (the reason in systemError() at the time)
        TimedOut, // another process held it for the whole time
    };

    explicit FileLock(int fd = -1)
        : m_fd(fd)
    {}
    ~FileLock() { release(); }
    FileLock(const FileLock&) = delete;
    FileLock& operator=(const FileLock&) = delete;

    void setDescriptor(int fd) { m_fd = fd; }
    // Polls rather than blocks, every pollMs, so that a holder stuck on a slow disk costs a clear error,
    // not a hang. On Failed, *why (when given) has the system's reason.
    Result lock(int timeoutMs, int pollMs = 2, QString* why = nullptr);
    void release();
    bool isLocked() const { return m_locked; }

private:
    int m_fd;
    bool m_locked = false;
};

} // namespace PrivateFiles

} // namespace Alchemyst
