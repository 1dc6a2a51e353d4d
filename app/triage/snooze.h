#pragma once

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>
#include <QUrl>
#include <optional>
#include <utility>

namespace Alchemyst {

// A stuck job the operator has looked at: it leaves the Stuck count and the notifications until its state
// changes (a job that moves on and sticks again is news again), or for a time, whichever ends first.
struct Snooze
{
    QString id;
    QString state; // the state it was snoozed in, as the server wrote it
    qint64 snoozedAtMs = 0;
    qint64 untilMs = 0; // 0: until the state changes; else it also ends then

    bool untilStateChanges() const { return untilMs <= 0; }
    // The rule: the job is still in the state it was snoozed in, and the time (when one was given) is not
    // over. Exactly at untilMs the snooze has ended.
    bool covers(const QString& currentState, qint64 nowMs) const;
    bool operator==(const Snooze& other) const
    {
        return id == other.id && state == other.state && snoozedAtMs == other.snoozedAtMs &&
               untilMs == other.untilMs;
    }
};

// The snoozes of one environment, kept under AppLocalDataLocation so that the window and the CLI agree
// and a restart forgets nothing. A small JSON file, written whole through QSaveFile (a kill leaves the
// previous file), the user's alone (0600, its folder 0700).
//
// save() re-reads the file and applies this store's changes since the last load or save to what it finds:
// a snooze made meanwhile by another process is kept. A file that cannot be parsed (cut short, edited by
// hand) or was written by a newer version is moved aside (<file>.damaged / <file>.newer) and never
// overwritten in place; load() then says so and the store starts empty.
class SnoozeStore
{
public:
    static constexpr int FileVersion = 1;
    // The lengths the window offers besides "until its state changes".
    static constexpr qint64 HourMs = 3600 * 1000;

    SnoozeStore() = default; // memory only: load() and save() do nothing
    explicit SnoozeStore(const QString& filePath);

    // <AppLocalDataLocation>/snooze/<triageEnvironmentKey>.json
    static QString defaultFilePath(const QString& environmentName, const QUrl& serverUrl);
    QString filePath() const { return m_filePath; }

    // Replaces the content with the file's; a missing file is an empty store, not an error.
    bool load(QString* error = nullptr);
    // Writes the file when something changed since the last load or save. True when written or when
    // there was nothing to write.
    bool save(QString* error = nullptr);
    bool isDirty() const { return !m_changes.isEmpty(); }
    QString errorString() const { return m_error; }

    // Snoozes the job in its current state: forMs 0 until its state changes, else also for that long.
    // Replaces an earlier snooze of the same job.
    void snooze(const QString& id, const QString& state, qint64 nowMs, qint64 forMs = 0);
    // False when the job was not snoozed.
    bool unsnooze(const QString& id);
    std::optional<Snooze> find(const QString& id) const;

    // The rule, for the Stuck count, the notifications and the "snoozed" mark alike.
    bool isSnoozed(const QString& id, const QString& state, qint64 nowMs) const;
    // Drops the snoozes that no longer cover their job (its state changed, it is gone: stateOf gives "",
    // or the time is over). Returns how many were dropped.
    template <typename StateOf>
    int prune(StateOf stateOf, qint64 nowMs)
    {
        QStringList ended;
        for (const Snooze& snooze : std::as_const(m_entries)) {
            if (!snooze.covers(stateOf(snooze.id), nowMs))
                ended.append(snooze.id);
        }
        for (const QString& id : std::as_const(ended))
            unsnooze(id);
        return static_cast<int>(ended.size());
    }

    // How many snoozed jobs count as stuck now (isStuck(id)) and are still covered: what the Stuck count
    // subtracts. O(snoozes), never O(jobs).
    template <typename StateOf, typename IsStuck>
    int countSnoozed(StateOf stateOf, IsStuck isStuck, qint64 nowMs) const
    {
        int count = 0;
        for (const Snooze& snooze : m_entries) {
            if (isStuck(snooze.id) && snooze.covers(stateOf(snooze.id), nowMs))
                ++count;
        }
        return count;
    }

    QList<Snooze> entries() const { return m_entries.values(); }
    int size() const { return static_cast<int>(m_entries.size()); }
    bool isEmpty() const { return m_entries.isEmpty(); }

private:
    struct Change
    {
        QString id;
        std::optional<Snooze> snooze; // nullopt: removed
    };
    enum class ReadStatus
    {
        Ok,
        Missing,
        Unreadable,
        Damaged,
        Newer,
    };
    ReadStatus read(QHash<QString, Snooze>* entries, QString* why) const;
    bool moveAside(const QString& suffix, QString* movedTo, QString* why) const;
    bool fail(const QString& why, QString* error);

    QString m_filePath;
    QString m_error;
    QHash<QString, Snooze> m_entries;
    QList<Change> m_changes; // since the last load or save, in order
    bool m_keepFile = false; // damaged or newer and could not be moved aside: never replaced
};

} // namespace Alchemyst
