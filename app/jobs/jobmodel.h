#pragma once

#include "jobs/idindex.h"
#include "jobs/job.h"
#include "jobs/jobdatastore.h"
#include "jobs/timedisplay.h"
#include "triage/stuck.h"

#include <QAbstractTableModel>
#include <QHash>
#include <array>

namespace Alchemyst {

// The job table. A refresh is applied in place, page by page as the pages arrive: changed rows emit
// dataChanged and new rows are appended, so views keep their selection, scroll position and sort. A row
// is removed only when a complete pass did not list it (endPass), never because a pass ended early.
class TriageSession;

class JobModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        IdColumn,
        StateColumn,
        AgeColumn,
        FileColumn,
        AttemptsColumn,
        StartedColumn,
        FinishedColumn,
        ReasonColumn,
        // Finished − started, for finished jobs. Last in the model so that header states saved before it
        // existed keep their columns; the table shows it beside Finished.
        DurationColumn,
        ColumnCount
    };
    enum Role
    {
        JobIdRole = Qt::UserRole + 1,
        StateRole,
        CategoryRole,
        CancellableRole,
        LongRunningRole, // stuck: active, or waiting/delayed, for longer than its threshold
        StuckRole = LongRunningRole,
        ChangedRole, // its state changed in a recent pass (marked for a while)
        UnseenRole,  // new since the operator last looked
    };

    // Above this many separate runs of vanished rows, the removal is applied as one layout change
    // (persistent indexes are still kept) instead of one signal per run.
    static constexpr int MaxRemovalRuns = 64;
    // An active job running longer than this is marked as possibly stuck (there is no progress field).
    static constexpr qint64 LongRunningMs = 15 * 60 * 1000;

    explicit JobModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = QModelIndex()) const override;
    int columnCount(const QModelIndex& parent = QModelIndex()) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // A pass over the whole list starts: rows are marked as seen again as pages arrive. expectedRows: how
    // many the pass will probably list; the id index is sized for it at once, so that it does not grow by
    // doubling mid-pass (each growth rehashes every id in one go: tens of ms on the UI thread past 64k).
    void beginPass(qsizetype expectedRows = 0);
    // One page of the running pass: known rows are updated in place, unknown ones appended.
    void mergePage(const JobList& jobs);
    // The pass read the whole list: the rows it did not list are removed. Returns how many.
    int endPass();
    // Counts the row as listed by the running pass, so that endPass keeps it (a job cancelled here, which
    // the server may stop listing: its trace stays).
    void keepInPass(const QString& id);
    // One complete pass in one call: makes the model hold exactly these jobs, touching only what differs.
    void applySnapshot(const JobList& jobs);
    // One job's new state (after a fetch or a cancel); inserts it when unknown. Fields the answer did not
    // carry (a single-job answer has no data: file and source) keep their last known values.
    void updateJob(const Job& job);
    void removeJob(const QString& id);
    void clear();

    const Job& jobAt(int row) const { return m_jobs.at(row); }
    // -1 when the id is not (or, in the middle of a removal, not yet again) at a known row.
    int rowOf(const QString& id) const
    {
        const int row = m_rows.value(id, -1);
        return row >= 0 && row < m_jobs.size() && m_jobs.at(row).id == id ? row : -1;
    }
    const JobList& jobs() const { return m_jobs; }
    int count(StateCategory category) const { return m_counts.at(static_cast<int>(category)); }
    static bool isLongRunning(const Job& job);
    // Ages, stuck verdicts and change marks come from the monitor's triage (not owned; may be null).
    void setTriage(const TriageSession* triage) { m_triage = triage; }
    const TriageSession* triage() const { return m_triage; }
    bool isStuck(const Job& job) const;
    // The Started and Finished columns in UTC or in the computer's zone, named in their headers.
    void setTimesInUtc(bool utc);
    bool timesInUtc() const { return m_timeZone == TimeDisplay::Zone::Utc; }
    // The `data` kept for rows (bounded; see JobDataStore): a row that goes takes its data with it.
    JobDataStore& dataStore() { return m_data; }
    const JobDataStore& dataStore() const { return m_data; }
    // The job's data was longer than what is kept: the single-job answer may have the rest.
    bool isDataCut(const QString& id) const { return m_data.isCut(id); }
    TimeDisplay::Zone timeZone() const { return m_timeZone; }
    // Started and Finished as "12 min ago", the absolute time and its zone in the tool tip; off (the
    // model's default), as absolute times with the zone in the header.
    void setRelativeTimes(bool relative);
    bool relativeTimes() const { return m_relativeTimes; }

    // The Age column's text for a verdict: "41 min" from a known start, "≥ 25 min" from the app's first
    // sighting, "⚠ " before it when stuck. Empty where there is no age, and while a first sighting is
    // under a minute old: "≥ 0 s" after every start of the app would say nothing.
    static QString ageText(const StuckVerdict& verdict);
    // "15 s ago", "12 min ago", "2 h 5 min ago", "3 days ago"; empty for a missing time (0 or less).
    static QString relativeTimeText(qint64 epochMs, qint64 nowMs);

signals:
    void countsChanged();

private:
    void reindexFrom(int row);
    void adjustCount(const QString& state, int delta);
    void removeRows(const QList<int>& sortedRows);
    void emitChanged(QList<int>& sortedRows);
    void append(const JobList& arrivals);

    const TriageSession* m_triage = nullptr;
    TimeDisplay::Zone m_timeZone = TimeDisplay::Zone::Local;
    bool m_relativeTimes = false;
    JobList m_jobs;
    QList<quint32> m_seenInPass; // per row: the last pass that listed it
    quint32 m_pass = 0;
    IdIndex m_rows; // grows without a pause (a first pass of a million jobs)
    std::array<int, StateCategoryCount> m_counts{};
    JobDataStore m_data;
};

} // namespace Alchemyst
