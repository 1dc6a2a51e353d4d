#pragma once

#include "jobs/job.h"

#include <QAbstractTableModel>
#include <QHash>
#include <array>

namespace Alchemyst {

// The job table. A refresh is applied in place: changed rows emit dataChanged, vanished rows are
// removed and new rows inserted individually, so views keep their selection and scroll position.
class JobModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        IdColumn,
        StateColumn,
        FileColumn,
        AttemptsColumn,
        StartedColumn,
        FinishedColumn,
        ReasonColumn,
        ColumnCount
    };
    enum Role
    {
        JobIdRole = Qt::UserRole + 1,
        StateRole,
        CategoryRole,
        CancellableRole,
        LongRunningRole, // active for longer than LongRunningMs
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

    // Makes the model hold exactly these jobs (ids unique), touching only what differs.
    void applySnapshot(const JobList& jobs);
    // One job's new state (after a fetch or a cancel); inserts it when unknown.
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

signals:
    void countsChanged();

private:
    void reindexFrom(int row);
    void adjustCount(const QString& state, int delta);
    void removeRows(const QList<int>& sortedRows);
    void emitChanged(const QList<QPair<int, int>>& runs);

    JobList m_jobs;
    QHash<QString, int> m_rows;
    std::array<int, StateCategoryCount> m_counts{};
};

} // namespace Alchemyst
