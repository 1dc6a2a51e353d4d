#pragma once

#include "jobs/job.h"

#include <QCoreApplication>
#include <QHash>
#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <array>
#include <functional>
#include <memory>

class QSqlError;

namespace Alchemyst {

// One pass over an environment's list, as the refresh loop saw it.
struct PassRecord
{
    qint64 startedMs = 0;
    qint64 endedMs = 0;
    bool complete = false; // the pass read the whole list (its counts are exact, not lower bounds)
    int requests = 0;      // requests the pass spent
    qint64 jobsSeen = 0;
    std::array<int, StateCategoryCount> counts{}; // by StateCategory

    bool operator==(const PassRecord& other) const
    {
        return startedMs == other.startedMs && endedMs == other.endedMs && complete == other.complete &&
               requests == other.requests && jobsSeen == other.jobsSeen && counts == other.counts;
    }
};

// One observed change of one job (a StateChange of the first-seen store, with the job's times).
struct ChangeRecord
{
    QString jobId;
    QString from; // empty: the job was not known before
    QString to;   // empty: the job is gone
    qint64 observedAtMs = 0;
    qint64 processedOn = 0; // epoch ms, 0 unknown
    qint64 finishedOn = 0;  // epoch ms, 0 unknown

    bool operator==(const ChangeRecord& other) const
    {
        return jobId == other.jobId && from == other.from && to == other.to &&
               observedAtMs == other.observedAtMs && processedOn == other.processedOn &&
               finishedOn == other.finishedOn;
    }
};

// One interval of a series (one minute in the common case, any width on request).
struct HistoryBucket
{
    qint64 startMs = 0;
    // Queue depth by StateCategory from the last pass that ended in the bucket; -1 each when no pass ended
    // in it. Never carried over from a neighbour: the chart draws what was seen.
    std::array<int, StateCategoryCount> depth{-1, -1, -1, -1, -1, -1, -1};
    int completed = 0;    // jobs whose finishedOn falls in the bucket and that were seen completed
    int failed = 0;       // the same for failed
    qint64 runP50Ms = -1; // finishedOn − processedOn of those jobs; -1 unknown
    qint64 runP95Ms = -1;
    int passes = 0;          // passes that ended in it
    bool incomplete = false; // a pass that ended in it did not read the whole list
    bool gap = true;         // no pass ran during any part of it (the app was not watching)

    bool hasDepth() const { return depth[0] >= 0; }
    int backlog() const; // waiting + delayed, -1 without depth
};
using MinuteBucket = HistoryBucket;

// The local history of every pass of every environment: one SQLite file per user, shared by the window and
// the CLI (two processes may write at once: WAL, a busy timeout, and every write in BEGIN IMMEDIATE so that
// a writer queues instead of failing on a lock upgrade).
//
// What it keeps, and for how long (prune(), run from recordPass at most once an hour):
//   passes       one row per pass, 90 days
//   changes      one row per observed change, 30 days and at most changeRowCap() rows (oldest dropped first)
//   minutes      per environment and minute: completions and failures by finishedOn, a run-time histogram,
//                the depth of the last pass that ended in it, whether a pass covered it; 7 days
//   hours        the minutes down-sampled, 90 days
// Size and cost measured by tests/bench_history on this project's 2-core machine (Qt 6.4, SQLite 3.40):
// 1,000,000 jobs listed, 10% of them changing an hour (100,000 changes an hour, four per job: appears,
// starts, finishes, goes), one pass a minute, FIFO numeric ids as BullMQ hands them out, the clock injected:
//   file after a simulated week                        179.5 MB (3.57 M change rows kept; the rest minutes,
//                                                       hours, passes, and a WAL cut back to 16 MB at most)
//   a pass of 10,000 changes + its pass row            28.8 ms on a fresh file; 49 ms (fastest 33) on the
//                                                       full file, where each row recorded costs one dropped
//   a pass of 1,667 changes (the week's passes)        median 5.9 ms, 99th percentile 26 ms, slowest 42 ms
//   series() over 7 days of minutes (10,080 buckets)   15 ms
//   opening: 1 ms; with the daily quick_check 0.6 s
// A change row takes ~48 bytes with its index entry, so at that churn the file would pass 200 MB after
// about two days: the cap of 3,500,000 change rows (≈ 170 MB) is what bounds it, and it then keeps ~35 hours
// of per-job timelines. At up to ~4,800 changes an hour the 30 days fit under the cap.
//
// The rows of a batch go to SQLite as one JSON array read by json_each (SQLite ≥ 3.38): Qt's bindValue
// costs ~400 ns a value, which bound row by row was most of the 60 ms a 10,000-row pass first took.
//
// Not thread-safe: one instance per thread (a QSqlDatabase connection is bound to its thread). Never throws;
// a failed write stops recording until retry() and says why in writeProblem().
class HistoryStore
{
    Q_DECLARE_TR_FUNCTIONS(Alchemyst::HistoryStore)

public:
    static constexpr int SchemaVersion = 1;
    static constexpr qint64 MinuteMs = 60 * 1000;
    static constexpr qint64 HourMs = 60 * MinuteMs;
    static constexpr qint64 DayMs = 24 * HourMs;
    static constexpr qint64 MinuteRetentionMs = 7 * DayMs;
    static constexpr qint64 HourRetentionMs = 90 * DayMs;
    static constexpr qint64 PassRetentionMs = 90 * DayMs;
    static constexpr qint64 ChangeRetentionMs = 30 * DayMs;
    static constexpr qint64 DefaultChangeRowCap = 3500000;
    static constexpr qint64 PruneIntervalMs = HourMs;
    static constexpr qint64 PruneChunkRows = 5000;
    static constexpr int BusyTimeoutMs = 5000;

    static constexpr qint64 CheckIntervalMs = DayMs;

    // When opening runs SQLite's quick_check, which reads the whole file (~0.5 s at 200 MB). The cheap
    // checks (a database at all, its schema readable, its version) run at every open.
    enum class IntegrityCheck
    {
        Daily,  // when the last check is over a day old, or a write met damage since
        Always, // at every open
    };

    // <AppLocalDataLocation>/history.sqlite
    static QString defaultFilePath();

    // Opens (creating when missing) the database at filePath. A file that is not a database, fails its
    // check, or has a newer schema than this code knows is renamed aside and a new one started;
    // openProblem() says so.
    explicit HistoryStore(const QString& filePath = defaultFilePath(),
                          IntegrityCheck check = IntegrityCheck::Daily);
    ~HistoryStore();
    HistoryStore(const HistoryStore&) = delete;
    HistoryStore& operator=(const HistoryStore&) = delete;

    QString filePath() const { return m_filePath; }
    bool isOpen() const { return m_open; }
    // Empty when the file opened as it was; else a sentence for the operator (kept aside, could not open).
    QString openProblem() const { return m_openProblem; }
    // Empty while recording; else why recording stopped (disk full, …). The listing is not affected.
    QString writeProblem() const { return m_writeProblem; }
    bool isRecording() const { return m_open && m_writeProblem.isEmpty(); }
    // Clears writeProblem() (reopening the file when it could not be opened) so that the next write tries
    // again; returns isRecording().
    bool retry();

    // The clock for retention (tests move it); the default is the wall clock.
    void setClock(std::function<qint64()> clock);
    // A bound on the file (SQLite's max_page_count): past it writes fail as on a full disk. 0: none.
    // Cannot go below the file's current size.
    bool setSizeLimit(qint64 bytes);
    void setChangeRowCap(qint64 rows) { m_changeRowCap = rows > 0 ? rows : DefaultChangeRowCap; }
    qint64 changeRowCap() const { return m_changeRowCap; }

    // One transaction each; false (with writeProblem() set, or while it is) when nothing was recorded.
    bool recordPass(const QString& environmentKey, const PassRecord& pass);
    // Changes into completed or failed count as completions/failures of the minute of their finishedOn (of
    // their observedAt when finishedOn is unknown), and give a run-time sample when processedOn is known too.
    // A completion already recorded (same job, state and finishedOn: another process watching the same
    // environment) is neither stored nor counted again.
    bool recordChanges(const QString& environmentKey, const QList<ChangeRecord>& changes);

    // Passes that ended in [sinceMs, untilMs), oldest first.
    QList<PassRecord> passes(const QString& environmentKey, qint64 sinceMs, qint64 untilMs) const;
    // Buckets of bucketMs (aligned to multiples of it since the epoch) covering [sinceMs, untilMs). Where
    // only hourly data is left (older than 7 days) a bucket narrower than an hour gets the hour's figures in
    // the bucket holding the hour's start.
    QList<HistoryBucket> series(const QString& environmentKey, qint64 sinceMs, qint64 untilMs,
                                qint64 bucketMs = MinuteMs) const;
    // A job's observed timeline, oldest first; the same sighting recorded by two processes appears once.
    QList<ChangeRecord> changesOf(const QString& environmentKey, const QString& jobId) const;
    // The end of the last complete pass, 0 when none.
    qint64 lastCompletePassMs(const QString& environmentKey) const;
    QStringList environments() const;
    qint64 changeRowCount() const;

    // Applies retention: minutes older than 7 days into hours, hours and passes older than 90 days and
    // changes older than 30 days (or beyond the cap) dropped. One transaction. recordPass does the same at
    // most once an hour, dropping old changes a chunk a pass (a few ms each) until none is left.
    bool prune();

private:
    struct Statements;
    struct Bucket;

    void open();
    void close();
    bool ensureFile();
    bool openAndCheck(QString* why, int* foundVersion);
    bool migrate(int fromVersion, QString* error);
    bool prepareStatements();
    QString keepAside(const QString& suffix, QString* why);
    QString checkMarkerPath() const { return m_filePath + QStringLiteral(".check"); }
    bool begin();
    bool commit();
    void fail(const QString& what, const QSqlError& error);
    int environmentId(const QString& key, bool create) const;
    int stateId(const QString& state);
    QString stateName(int id) const;
    void loadStates() const;
    bool maybePrune();
    bool pruneSome(qint64 nowMs, qint64 maxChangeRows);
    qint64 pruneChunk() const;
    bool downsample(qint64 cutoffMs);
    qint64 now() const { return m_clock(); }

    QString m_filePath;
    QString m_connectionName;
    QSqlDatabase m_db;
    std::unique_ptr<Statements> m_statements;
    std::function<qint64()> m_clock;
    QString m_openProblem;
    QString m_writeProblem;
    mutable QHash<QString, int> m_environmentIds;
    mutable QHash<QString, int> m_stateIds;
    mutable QHash<int, QString> m_stateNames;
    qint64 m_changeRowCap = DefaultChangeRowCap;
    qint64 m_lastPruneMs = 0;
    qint64 m_lastBatchRows = 0;
    bool m_pruneUnfinished = false;
    qint64 m_sizeLimit = 0;
    IntegrityCheck m_check = IntegrityCheck::Daily;
    bool m_open = false;
};

} // namespace Alchemyst
