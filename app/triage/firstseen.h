#pragma once

#include "jobs/job.h"

#include <QHash>
#include <QList>
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

// When the app first saw each job in its current state. The API gives waiting and delayed jobs no
// timestamp at all, so the first sighting is the only lower bound on how long one has waited; it must
// survive restarts or every restart would make old jobs look new. One file per environment under
// AppLocalDataLocation, written whole through QSaveFile (a kill leaves the previous file).
//
// A pass: beginPass(), observePage() per page as it arrives, completePass() only when the pass read
// the whole list (it prunes the jobs it did not list; a partial pass prunes nothing), then save().
class FirstSeenStore
{
public:
    // Beyond this many entries the oldest first sightings are dropped (10% at once, so that a store
    // at its cap does not sort on every page). Above the largest queue the window is meant for (a million
    // jobs): a store smaller than the queue forgets jobs every pass, and each comes back as "new".
    static constexpr int DefaultCapacity = 1200000;

    FirstSeenStore() = default; // memory only: load() and save() do nothing
    explicit FirstSeenStore(const QString& filePath);

    // <AppLocalDataLocation>/first-seen/<triageEnvironmentKey>.bin
    static QString defaultFilePath(const QString& environmentName, const QUrl& serverUrl);
    QString filePath() const { return m_filePath; }

    void setCapacity(int capacity);
    int capacity() const { return m_capacity; }

    // Replaces the content with the file's. A missing file is an empty store, not an error. On a
    // damaged file the store is left empty, false is returned and the next save() replaces the file.
    bool load(QString* error = nullptr);
    // Writes the file when something changed since the last load or save; true when there was
    // nothing to write.
    bool save(QString* error = nullptr);
    bool isDirty() const { return m_dirty; }
    QString errorString() const { return m_error; }

    // expectedJobs: as JobModel::beginPass, sizes the id index once instead of growing it mid-pass.
    void beginPass(qsizetype expectedJobs = 0);
    // Records a first sighting for every (id, state) not known yet: a job in a new state gets a new
    // first-seen for that state. Appends what changed to `changes` when given. An active job whose
    // processedOn moved (it was started again) is reported as a change from active to active.
    void observePage(const JobList& jobs, qint64 nowMs, StateChangeList* changes = nullptr);
    void observe(const Job& job, qint64 nowMs, StateChangeList* changes = nullptr);
    // The running pass read the whole list: entries it did not list are dropped and appended to
    // `removed`. O(1) when every known job was listed. Returns how many were dropped.
    int completePass(StateChangeList* removed = nullptr);
    // A job known to be gone outside a pass (a single-job fetch answered 404).
    bool remove(const QString& id, StateChangeList* removed = nullptr);
    void clear();

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
    struct Slot
    {
        QString id; // shares its text with the job's id
        qint64 sinceMs = 0;
        qint64 processedOn = 0;
        quint32 pass = 0;
        quint8 state = 0; // index into m_states
        bool live = false;
    };
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

    QString m_filePath;
    QString m_error;
    // Entries in the order the last passes listed them: a pass lists the jobs in the same order again,
    // so observe() compares with the slot where the next job is expected (memory read in sequence) and
    // asks the hash only when the list moved. 4-10x fewer cache misses than a hash lookup per job.
    std::vector<Slot> m_slots;
    QHash<QString, int> m_index;  // id -> slot
    std::vector<int> m_passOrder; // slots in the order the running pass listed them
    size_t m_cursor = 0;
    int m_live = 0;
    int m_missesInPass = 0;
    QList<QString> m_states;
    QList<quint8> m_stateCategories;
    std::array<int, StateCategoryCount> m_counts{};
    int m_capacity = DefaultCapacity;
    quint32 m_pass = 0;
    int m_seenInPass = 0; // live slots whose pass is m_pass: when it equals m_live, nothing to prune
    quint8 m_lastState = 0;
    bool m_dirty = false;
};

} // namespace Alchemyst
