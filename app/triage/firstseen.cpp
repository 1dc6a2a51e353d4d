#include "firstseen.h"

#include "core/privatefiles.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDataStream>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QStandardPaths>
#include <QtEndian>
#include <algorithm>
#include <limits>
#include <tuple>
#include <vector>

#ifdef Q_OS_WIN
#include <io.h>
#include <windows.h>
#else
#include <cerrno>
#include <sys/stat.h>
#endif

namespace Alchemyst {

// A store file as read: its states and its entries, in its order.
struct FirstSeenFile
{
    struct Entry
    {
        QString id;
        quint8 state = 0; // index into states
        qint64 sinceMs = 0;
        qint64 processedOn = 0;
    };
    QList<QString> states;
    std::vector<Entry> entries;
};

namespace {

constexpr quint32 FileMagic = 0x414a4653; // "AJFS"
constexpr quint16 FileVersion = 1;

constexpr QFileDevice::Permissions PrivateFile = PrivateFiles::FileMode;

// A class for the context, so that lupdate files the texts under the one the runtime looks them up in.
struct Seen
{
    Q_DECLARE_TR_FUNCTIONS(Alchemyst::FirstSeenStore)
};

enum class ReadStatus
{
    Ok,
    Missing,
    Unreadable, // exists, but could not be opened or read: left alone
    Damaged,    // not a store, cut short, or inconsistent
    Newer,      // a version this one does not know
};

// An exclusive lock of the file beside the store (PrivateFiles::FileLock: the kernel drops it when the
// holder dies, so a killed writer never blocks the others), with the store's words for a failure.
class StoreLock
{
public:
    explicit StoreLock(const QString& path)
        : m_file(path)
    {}

    bool lock(int timeoutMs, QString* error)
    {
        if (!m_file.open(QIODevice::ReadWrite, PrivateFile)) {
            *error = Seen::tr("its lock file %1 cannot be opened: %2")
                         .arg(QDir::toNativeSeparators(m_file.fileName()), m_file.errorString());
            return false;
        }
        // QFile::open applies the umask to a new file's mode; the lock is the user's alone either way.
        m_file.setPermissions(PrivateFile);
        m_lock.setDescriptor(m_file.handle());
        QString why;
        switch (m_lock.lock(timeoutMs, 5, &why)) {
        case PrivateFiles::FileLock::Result::Locked:
            return true;
        case PrivateFiles::FileLock::Result::Failed:
            *error = Seen::tr("its lock file %1 cannot be locked: %2")
                         .arg(QDir::toNativeSeparators(m_file.fileName()), why);
            return false;
        case PrivateFiles::FileLock::Result::TimedOut:
            break;
        }
        *error = Seen::tr("another process kept it locked for %1 seconds").arg(timeoutMs / 1000.0);
        return false;
    }

private:
    QFile m_file; // declared first: closed only after the lock below is released
    PrivateFiles::FileLock m_lock;
};

// Parses a whole store file. The file's own state indices are kept; the caller maps them.
ReadStatus parseStore(const QByteArray& bytes, FirstSeenFile& out, QString* why)
{
    QDataStream in(bytes);
    in.setVersion(QDataStream::Qt_6_4);
    quint32 magic = 0;
    quint16 version = 0;
    quint32 stateCount = 0;
    in >> magic >> version;
    if (in.status() != QDataStream::Ok || magic != FileMagic) {
        *why = Seen::tr("it is not a first-seen file");
        return ReadStatus::Damaged;
    }
    // Only a later version knows what it changed: its file is kept for it, never read as this one's.
    if (version > FileVersion) {
        *why = Seen::tr("it was written by a newer version of the program (file version %1)").arg(version);
        return ReadStatus::Newer;
    }
    const auto damaged = [why] {
        *why = Seen::tr("it is damaged");
        return ReadStatus::Damaged;
    };
    if (version != FileVersion)
        return damaged();
    in >> stateCount;
    if (in.status() != QDataStream::Ok || stateCount > 255)
        return damaged();
    for (quint32 i = 0; i < stateCount; ++i) {
        QByteArray state;
        in >> state;
        if (in.status() != QDataStream::Ok || state.isEmpty() || state.size() > Job::MaxStateLength)
            return damaged();
        out.states.append(QString::fromUtf8(state));
    }
    quint32 count = 0;
    in >> count;
    // Each entry takes at least 21 bytes: a count the file cannot hold is damage, not a reason to
    // reserve gigabytes.
    if (in.status() != QDataStream::Ok || count > static_cast<quint32>(bytes.size() / 21))
        return damaged();
    out.entries.reserve(count);
    // The entries as QDataStream wrote them (a quint32 length and the id's bytes, quint8, two qint64,
    // big-endian), read in place: a QDataStream read per field costs three times as much, and a million
    // entries are read at every start of the CLI.
    const char* at = bytes.constData() + in.device()->pos();
    const char* const end = bytes.constData() + bytes.size();
    for (quint32 i = 0; i < count; ++i) {
        if (end - at < 4)
            return damaged();
        const quint32 length = qFromBigEndian<quint32>(at);
        at += 4;
        // 0xffffffff is a null array, 0xfffffffe announces a 64-bit length: neither is an id.
        if (length == 0 || length > 4 * Job::MaxIdLength || end - at < qint64(length) + 17)
            return damaged();
        FirstSeenFile::Entry entry;
        entry.id = QString::fromUtf8(at, length);
        at += length;
        entry.state = static_cast<quint8>(*at++);
        entry.sinceMs = qFromBigEndian<qint64>(at);
        entry.processedOn = qFromBigEndian<qint64>(at + 8);
        at += 16;
        if (entry.state >= out.states.size() || entry.sinceMs <= 0 || entry.sinceMs >= Job::MaxEpochMs ||
            entry.processedOn < 0 || entry.processedOn >= Job::MaxEpochMs)
            return damaged();
        out.entries.push_back(std::move(entry));
    }
    if (at != end)
        return damaged();
    return ReadStatus::Ok;
}

ReadStatus readStore(const QString& path, FirstSeenFile& out, QString* why)
{
    QFile file(path);
    if (!file.exists())
        return ReadStatus::Missing;
    if (!file.open(QIODevice::ReadOnly)) {
        *why = file.errorString();
        return file.exists() ? ReadStatus::Unreadable : ReadStatus::Missing;
    }
    const QByteArray bytes = file.readAll();
    if (file.error() != QFileDevice::NoError) {
        *why = file.errorString();
        return ReadStatus::Unreadable;
    }
    return parseStore(bytes, out, why);
}

QString shown(const QString& path)
{
    return QDir::toNativeSeparators(path);
}

} // namespace

QString triageEnvironmentKey(const QString& environmentName, const QUrl& serverUrl)
{
    // A hash rather than the name itself: names and URLs hold characters that neither file systems
    // nor QSettings groups ('/') take as they are. 20 hex digits keep collisions out of reach.
    // "https://host/" and "https://host" are one server; StripTrailingSlash keeps a lone "/".
    QUrl server = serverUrl.adjusted(QUrl::StripTrailingSlash | QUrl::NormalizePathSegments);
    if (server.path() == QLatin1String("/"))
        server.setPath(QString());
    const QByteArray material =
        environmentName.toUtf8() + '\n' + server.toString(QUrl::FullyEncoded).toUtf8();
    return QString::fromLatin1(QCryptographicHash::hash(material, QCryptographicHash::Sha1).toHex().left(20));
}

FirstSeenStore::FirstSeenStore(const QString& filePath)
    : m_filePath(filePath)
{}

QString FirstSeenStore::defaultFilePath(const QString& environmentName, const QUrl& serverUrl)
{
    return QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation) +
           QStringLiteral("/first-seen/") + triageEnvironmentKey(environmentName, serverUrl) +
           QStringLiteral(".bin");
}

QString FirstSeenStore::lockFilePath() const
{
    return m_filePath.isEmpty() ? QString() : m_filePath + QStringLiteral(".lock");
}

void FirstSeenStore::setCapacity(int capacity)
{
    m_capacity = std::max(capacity, 10);
    trimToCapacity();
}

qint64 FirstSeenStore::effectiveCapacity() const
{
    const qint64 listed = std::max(m_largestPass, m_seenInPass);
    return std::min<qint64>(std::max<qint64>(m_capacity, listed + listed / 2),
                            std::numeric_limits<int>::max() / 2);
}

FirstSeenStore::FileStamp FirstSeenStore::stampOf(const QString& path)
{
    FileStamp stamp;
#ifdef Q_OS_UNIX
    struct stat status = {};
    if (::stat(QFile::encodeName(path).constData(), &status) != 0)
        return stamp;
    stamp.exists = true;
    stamp.size = static_cast<qint64>(status.st_size);
    stamp.inode = static_cast<quint64>(status.st_ino);
    stamp.device = static_cast<quint64>(status.st_dev);
#if defined(Q_OS_DARWIN)
    stamp.modifiedNs = qint64(status.st_mtimespec.tv_sec) * 1000000000 + status.st_mtimespec.tv_nsec;
#else
    stamp.modifiedNs = qint64(status.st_mtim.tv_sec) * 1000000000 + status.st_mtim.tv_nsec;
#endif
#else
    // QSaveFile replaces the file, so a write shows in its creation time as well as its modification.
    const QFileInfo info(path);
    if (!info.exists())
        return stamp;
    stamp.exists = true;
    stamp.size = info.size();
    stamp.modifiedNs = info.lastModified().toMSecsSinceEpoch() * 1000000;
    stamp.inode = static_cast<quint64>(info.birthTime().toMSecsSinceEpoch());
#endif
    return stamp;
}

quint8 FirstSeenStore::stateIndex(const QString& state)
{
    // Pages are mostly runs of one state: the last answer is usually the right one.
    if (m_lastState < m_states.size() && m_states.at(m_lastState) == state)
        return m_lastState;
    for (qsizetype i = 0; i < m_states.size(); ++i) {
        if (m_states.at(i) == state) {
            m_lastState = static_cast<quint8>(i);
            return m_lastState;
        }
    }
    if (m_states.size() >= MaxStates)
        return static_cast<quint8>(MaxStates - 1);
    m_states.append(state);
    m_stateCategories.append(static_cast<quint8>(categoryOf(state)));
    m_lastState = static_cast<quint8>(m_states.size() - 1);
    return m_lastState;
}

void FirstSeenStore::adjustCount(quint8 state, int delta)
{
    m_counts[m_stateCategories.at(state)] += delta;
}

void FirstSeenStore::reserveFor(qsizetype expectedJobs)
{
    if (expectedJobs > m_index.capacity())
        m_index.reserve(expectedJobs);
    // The vectors too: growing them moves every slot at once (14 ms at 64k). Untouched reserved memory
    // costs address space, not RAM.
    if (static_cast<size_t>(expectedJobs) > m_slots.capacity())
        m_slots.reserve(static_cast<size_t>(expectedJobs));
    if (static_cast<size_t>(expectedJobs) > m_passOrder.capacity())
        m_passOrder.reserve(static_cast<size_t>(expectedJobs));
}

void FirstSeenStore::beginPass(qsizetype expectedJobs)
{
    reserveFor(expectedJobs);
    m_largestPass = std::max(m_largestPass, m_seenInPass);
    ++m_pass;
    m_seenInPass = 0;
    m_cursor = 0;
    m_missesInPass = 0;
    m_passOrder.clear();
}

void FirstSeenStore::kill(int slot)
{
    Slot& entry = m_slots[static_cast<size_t>(slot)];
    adjustCount(entry.state, -1);
    if (entry.pass == m_pass)
        --m_seenInPass;
    // Only a store with a file merges: a memory-only one has nothing to keep out.
    if (!m_filePath.isEmpty())
        m_dropped.insert(entry.id);
    m_index.remove(entry.id);
    entry.live = false;
    entry.id = QString();
    --m_live;
    m_dirty = true;
}

void FirstSeenStore::observe(const Job& job, qint64 nowMs, StateChangeList* changes)
{
    if (job.id.isEmpty())
        return;
    const quint8 state = stateIndex(job.state);
    while (m_cursor < m_slots.size() && !m_slots[m_cursor].live)
        ++m_cursor;
    int slot = -1;
    if (m_cursor < m_slots.size() && m_slots[m_cursor].id == job.id) {
        slot = static_cast<int>(m_cursor++);
    } else {
        ++m_missesInPass;
        slot = slotOf(job.id);
        if (slot >= 0)
            m_cursor = static_cast<size_t>(slot) + 1;
    }
    if (slot < 0) {
        // New jobs are appended without moving the cursor: the known ones after them stay in sequence.
        slot = static_cast<int>(m_slots.size());
        m_slots.push_back(Slot{job.id, nowMs, job.processedOn, m_pass, state, true});
        m_index.insert(job.id, slot);
        if (!m_dropped.isEmpty())
            m_dropped.remove(job.id);
        m_passOrder.push_back(slot);
        ++m_live;
        adjustCount(state, +1);
        ++m_seenInPass;
        m_dirty = true;
        if (changes)
            changes->append(StateChange{job.id, QString(), m_states.at(state), nowMs, job.processedOn});
        return;
    }
    Slot& entry = m_slots[static_cast<size_t>(slot)];
    if (entry.pass != m_pass) {
        entry.pass = m_pass;
        ++m_seenInPass;
        m_passOrder.push_back(slot);
    }
    if (entry.state != state) {
        const quint8 previous = entry.state;
        adjustCount(previous, -1);
        adjustCount(state, +1);
        entry.state = state;
        entry.sinceMs = nowMs;
        entry.processedOn = job.processedOn;
        m_dirty = true;
        if (changes)
            changes->append(
                StateChange{job.id, m_states.at(previous), m_states.at(state), nowMs, job.processedOn});
    } else if (entry.processedOn != job.processedOn) {
        // A stalled job that the queue picked up again stays "active" between two passes; only its
        // start time tells that it is a new run, whose age must not carry the old one's.
        const bool restarted = m_stateCategories.at(state) == static_cast<quint8>(StateCategory::Active) &&
                               entry.processedOn > 0 && job.processedOn > 0;
        entry.processedOn = job.processedOn;
        m_dirty = true;
        if (restarted) {
            entry.sinceMs = nowMs;
            if (changes)
                changes->append(
                    StateChange{job.id, m_states.at(state), m_states.at(state), nowMs, job.processedOn});
        }
    }
    if (entry.sinceMs > nowMs) {
        // Seen while the clock was ahead (a resumed VM, an NTP step back): a sighting from the future
        // would keep the job from ever looking stuck until the clock caught up.
        entry.sinceMs = nowMs;
        m_dirty = true;
        m_corrections.append(
            StateChange{job.id, m_states.at(state), m_states.at(state), nowMs, entry.processedOn});
    }
}

void FirstSeenStore::observePage(const JobList& jobs, qint64 nowMs, StateChangeList* changes)
{
    // A list as large as what is known already (the CLI observes its whole listing at once; a first run
    // knows nothing): sized once, instead of growing the index through every doubling as its ids come in.
    // Pages of a pass the window sized in beginPass never get here, and a small page never rehashes a
    // large index.
    const qsizetype wanted = static_cast<qsizetype>(m_live) + jobs.size();
    if (jobs.size() >= static_cast<qsizetype>(m_live) && wanted > m_index.capacity())
        reserveFor(wanted);
    for (const Job& job : jobs)
        observe(job, nowMs, changes);
    trimToCapacity();
}

int FirstSeenStore::completePass(StateChangeList* removed)
{
    m_largestPass = std::max(m_largestPass, m_seenInPass);
    int dropped = 0;
    if (m_seenInPass < m_live) {
        for (size_t i = 0; i < m_slots.size(); ++i) {
            const Slot& entry = m_slots[i];
            if (!entry.live || entry.pass == m_pass)
                continue;
            if (removed)
                removed->append(StateChange{entry.id, m_states.at(entry.state), QString(), 0, 0});
            kill(static_cast<int>(i));
            ++dropped;
        }
    }
    // Put the slots back in listing order when the list moved enough that the next pass would miss
    // often (new jobs listed first, removals), or when dead slots take room. Amortised: O(n) at most
    // once per 1% of the list that moved.
    const size_t dead = m_slots.size() - static_cast<size_t>(m_live);
    if (m_missesInPass > std::max(64, m_live / 100) || dead > static_cast<size_t>(m_live) / 4 + 64)
        compactInPassOrder();
    return dropped;
}

void FirstSeenStore::compactInPassOrder()
{
    // Already in listing order (a first pass appends every job as it is listed): nothing to move, and no
    // index to rewrite (tens of ms at 100k).
    if (m_live == static_cast<int>(m_slots.size()) && m_passOrder.size() == m_slots.size()) {
        bool inOrder = true;
        for (size_t i = 0; i < m_passOrder.size() && inOrder; ++i)
            inOrder = m_passOrder[i] == static_cast<int>(i);
        if (inOrder) {
            m_passOrder.clear();
            m_cursor = 0;
            return;
        }
    }
    // m_passOrder holds every live slot once after a complete pass; slots it lacks (a partial pass,
    // or entries listed by no pass yet) keep their relative order after it.
    std::vector<int> order;
    order.reserve(static_cast<size_t>(m_live));
    std::vector<bool> taken(m_slots.size(), false);
    for (const int slot : m_passOrder) {
        if (m_slots[static_cast<size_t>(slot)].live && !taken[static_cast<size_t>(slot)]) {
            taken[static_cast<size_t>(slot)] = true;
            order.push_back(slot);
        }
    }
    for (size_t i = 0; i < m_slots.size(); ++i) {
        if (m_slots[i].live && !taken[i])
            order.push_back(static_cast<int>(i));
    }
    compact(order);
}

void FirstSeenStore::compact(const std::vector<int>& order)
{
    std::vector<Slot> ordered;
    ordered.reserve(order.size());
    for (const int slot : order)
        ordered.push_back(std::move(m_slots[static_cast<size_t>(slot)]));
    m_slots = std::move(ordered);
    for (size_t i = 0; i < m_slots.size(); ++i)
        m_index.insert(m_slots[i].id, static_cast<int>(i));
    m_passOrder.clear();
    m_cursor = 0;
}

bool FirstSeenStore::remove(const QString& id, StateChangeList* removed)
{
    const int slot = slotOf(id);
    if (slot < 0)
        return false;
    if (removed)
        removed->append(
            StateChange{id, m_states.at(m_slots[static_cast<size_t>(slot)].state), QString(), 0, 0});
    kill(slot);
    return true;
}

void FirstSeenStore::resetContent()
{
    m_slots.clear();
    m_index.clear();
    m_passOrder.clear();
    m_cursor = 0;
    m_live = 0;
    m_counts.fill(0);
    m_seenInPass = 0;
    m_missesInPass = 0;
}

void FirstSeenStore::clear()
{
    m_dirty = m_dirty || m_live > 0;
    resetContent();
    m_dropped.clear();
    m_replaceFile = true;
}

void FirstSeenStore::trimToCapacity()
{
    const qint64 capacity = effectiveCapacity();
    if (m_live <= capacity)
        return;
    // Down to 90% of the cap, so that the selection is paid once per 10% growth, not on every page.
    const qint64 target = capacity - capacity / 10;
    // The oldest sightings are the jobs waiting longest, the ones the Stuck view exists for: what goes is
    // what the fewest recent passes listed (first what neither this pass nor the last one did: gone, or
    // listed only by a partial pass long ago), and of those the newest sightings. What the running pass
    // listed stays, whatever the cap.
    std::vector<int> candidates;
    for (size_t i = 0; i < m_slots.size(); ++i) {
        const Slot& entry = m_slots[i];
        if (entry.live && entry.pass != m_pass)
            candidates.push_back(static_cast<int>(i));
    }
    if (candidates.empty())
        return;
    const size_t excess = std::min(static_cast<size_t>(m_live - target), candidates.size());
    const auto evictFirst = [this](int a, int b) {
        const Slot& x = m_slots[static_cast<size_t>(a)];
        const Slot& y = m_slots[static_cast<size_t>(b)];
        return std::make_tuple(x.pass, -x.sinceMs, a) < std::make_tuple(y.pass, -y.sinceMs, b);
    };
    if (excess < candidates.size())
        std::nth_element(candidates.begin(), candidates.begin() + static_cast<std::ptrdiff_t>(excess),
                         candidates.end(), evictFirst);
    for (size_t i = 0; i < excess; ++i)
        kill(candidates[i]);

    // Keep the listing order, and the pass order collected so far, which refers to the old slots.
    std::vector<int> order;
    std::vector<int> renumbered(m_slots.size(), -1);
    order.reserve(static_cast<size_t>(m_live));
    for (size_t i = 0; i < m_slots.size(); ++i) {
        if (m_slots[i].live) {
            renumbered[i] = static_cast<int>(order.size());
            order.push_back(static_cast<int>(i));
        }
    }
    std::vector<int> passOrder;
    passOrder.reserve(m_passOrder.size());
    for (const int slot : m_passOrder) {
        if (renumbered[static_cast<size_t>(slot)] >= 0)
            passOrder.push_back(renumbered[static_cast<size_t>(slot)]);
    }
    const size_t cursorSlot = m_cursor;
    size_t newCursor = 0;
    for (size_t i = 0; i < order.size() && static_cast<size_t>(order[i]) < cursorSlot; ++i)
        newCursor = i + 1;
    compact(order);
    m_passOrder = std::move(passOrder);
    m_cursor = newCursor;
}

qint64 FirstSeenStore::firstSeen(const QString& id, const QString& state) const
{
    const int slot = slotOf(id);
    if (slot < 0)
        return 0;
    const Slot& entry = m_slots[static_cast<size_t>(slot)];
    return m_states.at(entry.state) == state ? entry.sinceMs : 0;
}

qint64 FirstSeenStore::firstSeen(const QString& id) const
{
    const int slot = slotOf(id);
    return slot < 0 ? 0 : m_slots[static_cast<size_t>(slot)].sinceMs;
}

QString FirstSeenStore::stateOf(const QString& id) const
{
    const int slot = slotOf(id);
    return slot < 0 ? QString() : m_states.at(m_slots[static_cast<size_t>(slot)].state);
}

StateChangeList FirstSeenStore::asChanges() const
{
    StateChangeList changes;
    changes.reserve(m_live);
    for (const Slot& entry : m_slots) {
        if (entry.live)
            changes.append(
                StateChange{entry.id, QString(), m_states.at(entry.state), entry.sinceMs, entry.processedOn});
    }
    return changes;
}

StateChangeList FirstSeenStore::takeCorrections()
{
    StateChangeList corrections;
    corrections.swap(m_corrections);
    return corrections;
}

bool FirstSeenStore::moveAside(const QString& suffix, QString* movedTo, QString* why) const
{
    // An earlier one of the same kind is kept too: the time tells them apart.
    QString target = m_filePath + QLatin1Char('.') + suffix;
    const QString stamp = QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMdd-HHmmss"));
    for (int n = 1; QFileInfo::exists(target) && n < 1000; ++n) {
        target = m_filePath + QLatin1Char('.') + suffix + QLatin1Char('-') + stamp +
                 (n > 1 ? QLatin1Char('-') + QString::number(n) : QString());
    }
    QFile file(m_filePath);
    // QFile::rename never replaces an existing file.
    if (!file.rename(target)) {
        *why = file.errorString();
        return false;
    }
    QFile::setPermissions(target, PrivateFile);
    *movedTo = target;
    return true;
}

void FirstSeenStore::mergeFrom(const FirstSeenFile& file, qint64 nowMs)
{
    std::vector<quint8> states;
    states.reserve(static_cast<size_t>(file.states.size()));
    for (const QString& state : file.states)
        states.push_back(stateIndex(state));
    for (const FirstSeenFile::Entry& theirs : file.entries) {
        if (!m_dropped.isEmpty() && m_dropped.contains(theirs.id))
            continue; // dropped here since: gone, pruned by a complete pass, or evicted
        const quint8 state = states[theirs.state];
        const qint64 since = std::min(theirs.sinceMs, nowMs);
        const int slot = slotOf(theirs.id);
        if (slot < 0) {
            // Seen only by another process: listed by no pass of this one yet.
            m_index.insert(theirs.id, static_cast<int>(m_slots.size()));
            m_slots.push_back(Slot{theirs.id, since, theirs.processedOn, 0, state, true});
            ++m_live;
            adjustCount(state, +1);
            m_corrections.append(
                StateChange{theirs.id, QString(), m_states.at(state), since, theirs.processedOn});
            continue;
        }
        Slot& ours = m_slots[static_cast<size_t>(slot)];
        if (ours.state == state) {
            const bool twoRuns = m_stateCategories.at(state) == static_cast<quint8>(StateCategory::Active) &&
                                 ours.processedOn > 0 && theirs.processedOn > 0 &&
                                 ours.processedOn != theirs.processedOn;
            // Of an active job started again, the sighting of the later run is the one that counts.
            const bool take = twoRuns ? theirs.processedOn > ours.processedOn : since < ours.sinceMs;
            if (!take)
                continue;
            ours.sinceMs = since;
            if (twoRuns || ours.processedOn == 0)
                ours.processedOn = theirs.processedOn;
            m_corrections.append(
                StateChange{ours.id, m_states.at(state), m_states.at(state), ours.sinceMs, ours.processedOn});
        } else if (ours.pass != m_pass && since > ours.sinceMs) {
            // Two states: the one this pass listed it in is current; else the later change is.
            const quint8 previous = ours.state;
            adjustCount(previous, -1);
            adjustCount(state, +1);
            ours.state = state;
            ours.sinceMs = since;
            ours.processedOn = theirs.processedOn;
            m_corrections.append(
                StateChange{ours.id, m_states.at(previous), m_states.at(state), since, theirs.processedOn});
        }
    }
}

bool FirstSeenStore::save(QString* error)
{
    m_error.clear();
    if (m_filePath.isEmpty() || !m_dirty)
        return true;
    const auto fail = [&](const QString& why) {
        m_error = Seen::tr("Could not save the first-seen times to %1: %2").arg(shown(m_filePath), why);
        if (error)
            *error = m_error;
        return false;
    };
    if (m_keepFile)
        return fail(Seen::tr("the file there could not be read or moved aside when it was loaded, and is "
                             "kept as it is"));
    if (!PrivateFiles::makeFolder(QFileInfo(m_filePath).absolutePath()))
        return fail(Seen::tr("the folder cannot be created"));

    StoreLock lock(lockFilePath());
    QString why;
    if (!lock.lock(LockTimeoutMs, &why))
        return fail(why);
    // Another process (the CLI, or a window of the same environment) may have saved since this store last
    // read or wrote the file: what it recorded is merged in, not written over.
    QString notice;
    const FileStamp current = stampOf(m_filePath);
    if (current.exists && current != m_fileStamp && !m_replaceFile) {
        FirstSeenFile theirs;
        switch (readStore(m_filePath, theirs, &why)) {
        case ReadStatus::Missing:
            break;
        case ReadStatus::Ok:
            mergeFrom(theirs, QDateTime::currentMSecsSinceEpoch());
            break;
        case ReadStatus::Unreadable:
            return fail(Seen::tr("the file there cannot be read to merge with (%1)").arg(why));
        case ReadStatus::Newer:
            // The newer version that wrote it is in use: its file is left for it.
            return fail(
                Seen::tr("%1 meanwhile; it is left as it is and these sightings are not saved").arg(why));
        case ReadStatus::Damaged: {
            QString movedTo;
            QString moveError;
            if (!moveAside(QStringLiteral("damaged"), &movedTo, &moveError))
                return fail(
                    Seen::tr("the file there is damaged and cannot be moved aside (%1)").arg(moveError));
            notice = Seen::tr("The first-seen file %1 was damaged (%2); it was kept as %3 and written anew.")
                         .arg(shown(m_filePath), why, shown(movedTo));
            break;
        }
        }
        trimToCapacity();
    }

    QByteArray bytes;
    bytes.reserve(64 + static_cast<qsizetype>(m_live) * 32);
    {
        QDataStream out(&bytes, QIODevice::WriteOnly);
        out.setVersion(QDataStream::Qt_6_4);
        out << FileMagic << FileVersion << static_cast<quint32>(m_states.size());
        for (const QString& state : std::as_const(m_states))
            out << state.toUtf8();
        // In listing order, so that the first pass after a restart finds the jobs where it expects them.
        out << static_cast<quint32>(m_live);
        for (const Slot& entry : m_slots) {
            if (entry.live)
                out << entry.id.toUtf8() << entry.state << entry.sinceMs << entry.processedOn;
        }
    }
    QSaveFile file(m_filePath);
    if (!file.open(QIODevice::WriteOnly))
        return fail(file.errorString());
    // QSaveFile gives a new file the umask's mode and a replacement the old file's: neither is private.
    if (!file.setPermissions(PrivateFile))
        return fail(file.errorString());
    if (file.write(bytes) != bytes.size())
        return fail(file.errorString());
    if (!file.commit())
        return fail(file.errorString());
    m_fileStamp = stampOf(m_filePath);
    m_dropped.clear();
    m_replaceFile = false;
    m_dirty = false;
    if (!notice.isEmpty()) {
        m_error = notice;
        if (error)
            *error = notice;
        return false;
    }
    return true;
}

bool FirstSeenStore::load(QString* error)
{
    return load(QDateTime::currentMSecsSinceEpoch(), error);
}

bool FirstSeenStore::load(qint64 nowMs, QString* error)
{
    m_error.clear();
    resetContent();
    m_states.clear();
    m_stateCategories.clear();
    m_corrections.clear();
    m_dropped.clear();
    m_fileStamp = FileStamp();
    m_keepFile = false;
    m_replaceFile = false;
    m_lastState = 0;
    m_dirty = false;
    m_largestPass = 0;
    // Loaded entries count as listed by the pass before the next one: the first complete pass prunes
    // those it does not list, and until then none of them is the first to go when the store is full.
    m_pass = 1;
    if (m_filePath.isEmpty())
        return true;
    const auto fail = [&](const QString& why) {
        resetContent();
        m_states.clear();
        m_stateCategories.clear();
        m_error = Seen::tr("Could not read the first-seen times from %1: %2").arg(shown(m_filePath), why);
        if (error)
            *error = m_error;
        return false;
    };

    FirstSeenStore::FileStamp stamp = stampOf(m_filePath);
    FirstSeenFile file;
    QString why;
    ReadStatus status = readStore(m_filePath, file, &why);
    if (status == ReadStatus::Ok) {
        for (const QString& state : std::as_const(file.states)) {
            m_states.append(state);
            m_stateCategories.append(static_cast<quint8>(categoryOf(state)));
        }
        m_slots.reserve(file.entries.size());
        m_index.reserve(static_cast<qsizetype>(file.entries.size()));
        for (FirstSeenFile::Entry& entry : file.entries) {
            // One hash operation per entry: a duplicate id replaces the value and leaves the size.
            const qsizetype before = m_index.size();
            m_index.insert(entry.id, static_cast<int>(m_slots.size()));
            if (m_index.size() == before) {
                why = Seen::tr("it is damaged");
                status = ReadStatus::Damaged;
                break;
            }
            if (entry.sinceMs > nowMs) {
                // Written while the clock was ahead: counted from now, or the job would not look stuck
                // until the clock caught up.
                entry.sinceMs = nowMs;
                m_dirty = true;
            }
            m_slots.push_back(
                Slot{std::move(entry.id), entry.sinceMs, entry.processedOn, m_pass, entry.state, true});
            ++m_live;
            adjustCount(entry.state, +1);
        }
    }
    switch (status) {
    case ReadStatus::Missing:
        return true;
    case ReadStatus::Ok:
        m_seenInPass = m_live;
        m_largestPass = m_live;
        m_fileStamp = stamp;
        return true;
    case ReadStatus::Unreadable:
        // Not damage: it may be fine for the process that can read it. A save must not replace it.
        m_keepFile = true;
        return fail(why);
    case ReadStatus::Damaged:
    case ReadStatus::Newer:
        break;
    }
    // Kept aside under the lock, and only when it is still the file that was read: a writer may have
    // replaced it meanwhile with a good one.
    const QString suffix = status == ReadStatus::Newer ? QStringLiteral("newer") : QStringLiteral("damaged");
    StoreLock lock(lockFilePath());
    QString lockError;
    QString movedTo;
    if (!lock.lock(LockTimeoutMs, &lockError)) {
        m_keepFile = true;
        return fail(Seen::tr("%1; it is kept as it is (%2)").arg(why, lockError));
    }
    if (stampOf(m_filePath) != stamp)
        return fail(Seen::tr("%1; another process has replaced it since").arg(why));
    if (!moveAside(suffix, &movedTo, &lockError)) {
        m_keepFile = true;
        return fail(Seen::tr("%1; it cannot be moved aside (%2) and is kept as it is").arg(why, lockError));
    }
    return fail(
        Seen::tr("%1; it was kept as %2 and the first sightings start again").arg(why, shown(movedTo)));
}

} // namespace Alchemyst
