#pragma once

#include "jobs/idindex.h"
#include "jobs/job.h"

#include <QHash>
#include <QList>
#include <QSet>
#include <QString>
#include <QUrl>
#include <array>
#include <vector>

namespace Alchemyst {

// One job's state as a pass saw it change. Produced by FirstSeenStore, consumed by ChangeTracker and
// StuckWatch, so that everything after the store costs O(changes), not O(jobs).
struct StateChange
{
    QString id;
    QString from;           // empty: the job was not known before (new, or first pass)
    QString to;             // empty: the job is gone (not listed by a complete pass)
    qint64 sinceMs = 0;     // first sighting in `to`
    qint64 processedOn = 0; // the job's processedOn when it was seen (0 unknown or gone)
};
using StateChangeList = QList<StateChange>;

// A name for one environment (name + server URL) that is safe as a file name and as a QSettings group:
// the same environment always maps to the same key, two servers under one name never share one.
QString triageEnvironmentKey(const QString& environmentName, const QUrl& serverUrl);

struct FirstSeenFile; // a store file as read (firstseen.cpp)

// When the app first saw each job in its current state. The API gives waiting and delayed jobs no
// timestamp at all, so the first sighting is the only lower bound on how long one has waited; it must
// survive restarts or every restart would make old jobs look new. One file per environment under
// AppLocalDataLocation, shared by the window and the CLI.
//
// A pass: beginPass(), observePage() per page as it arrives, completePass() only when the pass read
// the whole list (it prunes the jobs it did not list; a partial pass prunes nothing), then save().
//
// Saving merges: under an exclusive lock of a file beside the store (flock, which the kernel drops when
// a holder dies), the file is read as it is now, what other processes recorded since this one last
// read or wrote it is merged in (see save()), and the result is written whole through QSaveFile (a kill
// leaves the previous file). The store's files are the user's alone (0600, folders created 0700).
class FirstSeenStore
{
public:
    // The store keeps at least this many entries, and at least 1.5 times the largest listing it has seen
    // (effectiveCapacity()): a store smaller than the queue would forget jobs every pass, and each would
    // come back as "new". Beyond it, what neither the running nor the last pass listed goes first;
    // what the running pass listed never goes.
    static constexpr int DefaultCapacity = 1200000;
    // How long save() waits for another process's save before it gives up with an error.
    static constexpr int LockTimeoutMs = 10000;

    FirstSeenStore() = default; // memory only: load() and save() do nothing
    explicit FirstSeenStore(const QString& filePath);

    // <AppLocalDataLocation>/first-seen/<triageEnvironmentKey>.bin
    static QString defaultFilePath(const QString& environmentName, const QUrl& serverUrl);
    QString filePath() const { return m_filePath; }
    // The file save() locks: <filePath>.lock. Left in place (removing a lock file others may hold open
    // would let two writers in at once).
    QString lockFilePath() const;

    // The floor of the capacity (tests set a small one instead of listing a million jobs).
    void setCapacity(int capacity);
    int capacity() const { return m_capacity; }
    // max(capacity(), 1.5 x the largest listing seen, 1.5 x what the running pass listed so far).
    qint64 effectiveCapacity() const;
    // The most jobs one pass listed (a loaded file counts as one listing of what it holds).
    int largestPass() const { return m_largestPass; }

    // Replaces the content with the file's. A missing file is an empty store, not an error. Sightings
    // later than nowMs (written while the clock was ahead) count from nowMs. A damaged file, or one
    // written by a newer version, is moved aside (<file>.damaged / <file>.newer, with a time added when
    // that name is taken) and never overwritten; the store is then empty and false is returned with the
    // reason and the new name in *error. When it cannot be moved aside, or cannot be read at all (its
    // mode, say), it is left alone and save() refuses to replace it.
    bool load(qint64 nowMs, QString* error = nullptr);
    bool load(QString* error = nullptr); // nowMs: the clock
    // Writes the file when something changed since the last load or save; true when there was nothing
    // to write. Under the lock, the file's current content is merged in first: a job only the file knows
    // is added (unless this store dropped it since), the earliest sighting of a job in one state wins (of
    // an active job started again, the newer run's), and of a job known in two states, the state the
    // running pass listed it in, else the later sighting (the more recent change). What the merge changed
    // here is in takeCorrections(). A file written meanwhile by a newer version is left as it is and
    // nothing is saved; a damaged one is moved aside as by load() and replaced, and false is returned
    // with a sentence saying so (the sightings were written).
    bool save(QString* error = nullptr);
    bool isDirty() const { return m_dirty; }
    QString errorString() const { return m_error; }

    // expectedJobs: as JobModel::beginPass, sizes the id index once instead of growing it mid-pass.
    void beginPass(qsizetype expectedJobs = 0);
    // Records a first sighting for every (id, state) not known yet: a job in a new state gets a new
    // first-seen for that state. Appends what changed to `changes` when given. An active job whose
    // processedOn moved (it was started again) is reported as a change from active to active. A known
    // sighting later than nowMs (the clock went back) is set to nowMs, as a correction.
    void observePage(const JobList& jobs, qint64 nowMs, StateChangeList* changes = nullptr);
    void observe(const Job& job, qint64 nowMs, StateChangeList* changes = nullptr);
    // The running pass read the whole list: entries it did not list are dropped and appended to
    // `removed`. O(1) when every known job was listed. Returns how many were dropped.
    int completePass(StateChangeList* removed = nullptr);
    // A job known to be gone outside a pass (a single-job fetch answered 404).
    bool remove(const QString& id, StateChangeList* removed = nullptr);
    // Forgets everything; the next save() replaces the file instead of merging it in.
    void clear();

    // Sightings whose time or state changed without this store observing a change of the job: merged
    // from the file by save(), or clamped to now by observe(). Not news for the operator, but the stuck
    // watch must hear of them (TriageSession applies them). Emptied by the call and by load().
    StateChangeList takeCorrections();

    // The first sighting of `id` in `state`, 0 when unknown or when the job is now in another state.
    qint64 firstSeen(const QString& id, const QString& state) const;
    // The first sighting of `id` in the state it was last seen in; 0 when unknown.
    qint64 firstSeen(const QString& id) const;
    QString stateOf(const QString& id) const;
    bool contains(const QString& id) const { return m_index.contains(id); }
    int size() const { return m_live; }
    int count(StateCategory category) const { return m_counts.at(static_cast<int>(category)); }
    // Every entry as if it had just appeared (from empty): feeds a StuckWatch after load().
    StateChangeList asChanges() const;

private:
    // Sizes the index and the slot vectors for this many jobs (no shrinking).
    void reserveFor(qsizetype expectedJobs);
    struct Slot
    {
        QString id; // shares its text with the job's id
        qint64 sinceMs = 0;
        qint64 processedOn = 0;
        quint32 pass = 0; // the pass that last listed it; 0: none (merged in from the file)
        quint8 state = 0; // index into m_states
        bool live = false;
    };
    // What a file on disk was when this store last read or wrote it: a save that finds it unchanged
    // has nothing to merge (the window saves every minute; reading 40 MB each time for nothing would
    // cost more than the write).
    struct FileStamp
    {
        bool exists = false;
        qint64 size = 0;
        qint64 modifiedNs = 0;
        quint64 inode = 0;
        quint64 device = 0;
        bool operator==(const FileStamp& other) const
        {
            return exists == other.exists && size == other.size && modifiedNs == other.modifiedNs &&
                   inode == other.inode && device == other.device;
        }
        bool operator!=(const FileStamp& other) const { return !(*this == other); }
    };
    static FileStamp stampOf(const QString& path);
    // States are an open string: at most this many distinct ones are kept apart, the rest share the
    // last slot (a change between two such exotic states goes unnoticed).
    static constexpr int MaxStates = 255;

    quint8 stateIndex(const QString& state);
    void adjustCount(quint8 state, int delta);
    int slotOf(const QString& id) const { return m_index.value(id, -1); }
    void kill(int slot);
    void trimToCapacity();
    // Rewrites m_slots in `order` (slot indices, live ones, each once) and the index to match.
    void compact(const std::vector<int>& order);
    void compactInPassOrder();
    void resetContent();
    void mergeFrom(const FirstSeenFile& file, qint64 nowMs);
    // Moves the file to <file>.<suffix> under a name nothing has (the lock is held); the new name in
    // *movedTo, or false and why not.
    bool moveAside(const QString& suffix, QString* movedTo, QString* why) const;

    QString m_filePath;
    QString m_error;
    // Entries in the order the last passes listed them: a pass lists the jobs in the same order again,
    // so observe() compares with the slot where the next job is expected (memory read in sequence) and
    // asks the hash only when the list moved. 4-10x fewer cache misses than a hash lookup per job.
    std::vector<Slot> m_slots;
    IdIndex m_index;              // id -> slot; grows without a pause
    std::vector<int> m_passOrder; // slots in the order the running pass listed them
    size_t m_cursor = 0;
    int m_live = 0;
    int m_missesInPass = 0;
    QList<QString> m_states;
    QList<quint8> m_stateCategories;
    std::array<int, StateCategoryCount> m_counts{};
    int m_capacity = DefaultCapacity;
    int m_largestPass = 0;
    quint32 m_pass = 1;
    int m_seenInPass = 0; // live slots whose pass is m_pass: when it equals m_live, nothing to prune
    quint8 m_lastState = 0;
    bool m_dirty = false;
    // Ids dropped since the file was last read or written: the merge must not bring them back.
    QSet<QString> m_dropped;
    StateChangeList m_corrections;
    FileStamp m_fileStamp;
    bool m_keepFile = false;    // the file is damaged or newer and could not be moved aside
    bool m_replaceFile = false; // clear(): the next save writes without merging
};

} // namespace Alchemyst
