#include "firstseen.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDataStream>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QStandardPaths>
#include <algorithm>
#include <vector>

namespace Alchemyst {

namespace {

constexpr quint32 FileMagic = 0x414a4653; // "AJFS"
constexpr quint16 FileVersion = 1;

// A class for the context, so that lupdate files the texts under the one the runtime looks them up in.
struct Seen
{
    Q_DECLARE_TR_FUNCTIONS(Alchemyst::FirstSeenStore)
};

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

void FirstSeenStore::setCapacity(int capacity)
{
    m_capacity = std::max(capacity, 10);
    trimToCapacity();
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

void FirstSeenStore::beginPass(qsizetype expectedJobs)
{
    if (expectedJobs > m_index.capacity())
        m_index.reserve(expectedJobs);
    // The vectors too: growing them moves every slot at once (14 ms at 64k). Untouched reserved memory
    // costs address space, not RAM.
    if (static_cast<size_t>(expectedJobs) > m_slots.capacity())
        m_slots.reserve(static_cast<size_t>(expectedJobs));
    if (static_cast<size_t>(expectedJobs) > m_passOrder.capacity())
        m_passOrder.reserve(static_cast<size_t>(expectedJobs));
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
}

void FirstSeenStore::observePage(const JobList& jobs, qint64 nowMs, StateChangeList* changes)
{
    for (const Job& job : jobs)
        observe(job, nowMs, changes);
    trimToCapacity();
}

int FirstSeenStore::completePass(StateChangeList* removed)
{
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
        m_index[m_slots[i].id] = static_cast<int>(i);
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
}

void FirstSeenStore::trimToCapacity()
{
    if (m_live <= m_capacity)
        return;
    // Down to 90% of the cap, so that the sort is paid once per 10% growth, not on every page.
    const int target = m_capacity - m_capacity / 10;
    const int excess = m_live - target;
    std::vector<qint64> since;
    since.reserve(static_cast<size_t>(m_live));
    for (const Slot& entry : m_slots) {
        if (entry.live)
            since.push_back(entry.sinceMs);
    }
    std::nth_element(since.begin(), since.begin() + (excess - 1), since.end());
    const qint64 cutoff = since.at(static_cast<size_t>(excess - 1));
    int toDrop = excess;
    // Strictly older first, then as many of the cutoff's equals as still needed.
    for (int round = 0; round < 2 && toDrop > 0; ++round) {
        for (size_t i = 0; i < m_slots.size() && toDrop > 0; ++i) {
            const Slot& entry = m_slots[i];
            if (entry.live && (entry.sinceMs < cutoff || (round == 1 && entry.sinceMs == cutoff))) {
                kill(static_cast<int>(i));
                --toDrop;
            }
        }
    }
    // Keep the listing order; the pass order collected so far refers to the old slots.
    std::vector<int> order;
    order.reserve(static_cast<size_t>(m_live));
    for (size_t i = 0; i < m_slots.size(); ++i) {
        if (m_slots[i].live)
            order.push_back(static_cast<int>(i));
    }
    const size_t cursorSlot = m_cursor;
    size_t newCursor = 0;
    for (size_t i = 0; i < order.size() && static_cast<size_t>(order[i]) < cursorSlot; ++i)
        newCursor = i + 1;
    compact(order);
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

bool FirstSeenStore::save(QString* error)
{
    m_error.clear();
    if (m_filePath.isEmpty() || !m_dirty)
        return true;
    const auto fail = [&](const QString& why) {
        m_error = Seen::tr("Could not save the first-seen times to %1: %2")
                      .arg(QDir::toNativeSeparators(m_filePath), why);
        if (error)
            *error = m_error;
        return false;
    };
    if (!QDir().mkpath(QFileInfo(m_filePath).absolutePath()))
        return fail(Seen::tr("the folder cannot be created"));

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
    if (file.write(bytes) != bytes.size())
        return fail(file.errorString());
    if (!file.commit())
        return fail(file.errorString());
    m_dirty = false;
    return true;
}

bool FirstSeenStore::load(QString* error)
{
    m_error.clear();
    resetContent();
    m_states.clear();
    m_stateCategories.clear();
    m_lastState = 0;
    m_dirty = false;
    // Loaded entries belong to no pass: the first complete pass prunes those it does not list.
    m_pass = 1;
    if (m_filePath.isEmpty())
        return true;
    const auto fail = [&](const QString& why) {
        resetContent();
        m_states.clear();
        m_stateCategories.clear();
        m_error = Seen::tr("Could not read the first-seen times from %1: %2")
                      .arg(QDir::toNativeSeparators(m_filePath), why);
        if (error)
            *error = m_error;
        return false;
    };

    QFile file(m_filePath);
    if (!file.exists())
        return true;
    if (!file.open(QIODevice::ReadOnly))
        return fail(file.errorString());
    const QByteArray bytes = file.readAll();
    QDataStream in(bytes);
    in.setVersion(QDataStream::Qt_6_4);
    quint32 magic = 0;
    quint16 version = 0;
    quint32 stateCount = 0;
    in >> magic >> version >> stateCount;
    if (in.status() != QDataStream::Ok || magic != FileMagic)
        return fail(Seen::tr("it is not a first-seen file"));
    if (version != FileVersion)
        return fail(Seen::tr("it was written by another version (%1)").arg(version));
    if (stateCount > MaxStates)
        return fail(Seen::tr("it is damaged"));
    for (quint32 i = 0; i < stateCount; ++i) {
        QByteArray state;
        in >> state;
        if (in.status() != QDataStream::Ok || state.isEmpty() || state.size() > Job::MaxStateLength)
            return fail(Seen::tr("it is damaged"));
        m_states.append(QString::fromUtf8(state));
        m_stateCategories.append(static_cast<quint8>(categoryOf(m_states.constLast())));
    }
    quint32 count = 0;
    in >> count;
    // Each entry takes at least 21 bytes: a count the file cannot hold is damage, not a reason to
    // reserve gigabytes.
    if (in.status() != QDataStream::Ok || count > static_cast<quint32>(bytes.size() / 21))
        return fail(Seen::tr("it is damaged"));
    m_slots.reserve(count);
    m_index.reserve(count);
    for (quint32 i = 0; i < count; ++i) {
        QByteArray id;
        quint8 state = 0;
        qint64 since = 0;
        qint64 processedOn = 0;
        in >> id >> state >> since >> processedOn;
        if (in.status() != QDataStream::Ok || id.isEmpty() || id.size() > 4 * Job::MaxIdLength ||
            state >= m_states.size() || since <= 0 || since >= Job::MaxEpochMs || processedOn < 0 ||
            processedOn >= Job::MaxEpochMs)
            return fail(Seen::tr("it is damaged"));
        const QString key = QString::fromUtf8(id);
        if (m_index.contains(key))
            return fail(Seen::tr("it is damaged"));
        m_index.insert(key, static_cast<int>(m_slots.size()));
        m_slots.push_back(Slot{key, since, processedOn, 0, state, true});
        ++m_live;
        adjustCount(state, +1);
    }
    if (!in.atEnd())
        return fail(Seen::tr("it is damaged"));
    trimToCapacity();
    return true;
}

} // namespace Alchemyst
