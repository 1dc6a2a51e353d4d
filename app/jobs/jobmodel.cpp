#include "jobmodel.h"

#include <QDateTime>
#include <QLocale>
#include <algorithm>

namespace Alchemyst {

namespace {

QString formatTime(qint64 epochMs)
{
    if (epochMs <= 0)
        return {};
    return QDateTime::fromMSecsSinceEpoch(epochMs).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

QString relativeTime(qint64 epochMs)
{
    if (epochMs <= 0)
        return {};
    const qint64 seconds = (QDateTime::currentMSecsSinceEpoch() - epochMs) / 1000;
    if (seconds < 0)
        return QObject::tr("in the future");
    if (seconds < 60)
        return QObject::tr("%1 s ago").arg(seconds);
    if (seconds < 3600)
        return QObject::tr("%1 min ago").arg(seconds / 60);
    if (seconds < 86400)
        return QObject::tr("%1 h %2 min ago").arg(seconds / 3600).arg((seconds % 3600) / 60);
    return QObject::tr("%1 days ago").arg(seconds / 86400);
}

// Tool tips render anything that looks like markup; server text must show as the text it is.
QString plainToolTip(const QString& text)
{
    if (text.isEmpty())
        return {};
    return QStringLiteral("<p style='white-space:pre-wrap'>%1</p>").arg(text.toHtmlEscaped());
}

QString fileOrSource(const Job& job)
{
    if (!job.fileName.isEmpty() && !job.source.isEmpty())
        return job.fileName + QStringLiteral("  ·  ") + job.source;
    return job.fileName.isEmpty() ? job.source : job.fileName;
}

} // namespace

JobModel::JobModel(QObject* parent)
    : QAbstractTableModel(parent)
{}

int JobModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_jobs.size());
}

int JobModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant JobModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= m_jobs.size())
        return {};
    const Job& job = m_jobs.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case IdColumn:
            return job.id;
        case StateColumn:
            return job.state;
        case FileColumn:
            return fileOrSource(job);
        case AttemptsColumn:
            return job.attempts >= 0 ? QVariant(job.attempts) : QVariant(QStringLiteral("—"));
        case StartedColumn:
            return formatTime(job.processedOn);
        case FinishedColumn:
            return formatTime(job.finishedOn);
        case ReasonColumn:
            return job.failedReason;
        }
        break;
    case Qt::ToolTipRole:
        switch (index.column()) {
        case FileColumn:
            return plainToolTip(fileOrSource(job));
        case StartedColumn:
            if (isLongRunning(job))
                return tr("Running for %1 min: it may be stuck.")
                    .arg((QDateTime::currentMSecsSinceEpoch() - job.processedOn) / 60000);
            return relativeTime(job.processedOn);
        case FinishedColumn:
            return relativeTime(job.finishedOn);
        case ReasonColumn:
            return plainToolTip(job.failedReason);
        case IdColumn:
            return plainToolTip(job.id);
        }
        break;
    case LongRunningRole:
        return isLongRunning(job);
    case Qt::TextAlignmentRole:
        if (index.column() == AttemptsColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        break;
    case JobIdRole:
        return job.id;
    case StateRole:
        return job.state;
    case CategoryRole:
        return static_cast<int>(categoryOf(job.state));
    case CancellableRole:
        return isCancellableState(job.state);
    }
    return {};
}

QVariant JobModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case IdColumn:
        return tr("Job ID");
    case StateColumn:
        return tr("State");
    case FileColumn:
        return tr("File / Source");
    case AttemptsColumn:
        return tr("Attempts");
    case StartedColumn:
        return tr("Started");
    case FinishedColumn:
        return tr("Finished");
    case ReasonColumn:
        return tr("Failure reason");
    }
    return {};
}

bool JobModel::isLongRunning(const Job& job)
{
    return job.processedOn > 0 && job.finishedOn <= 0 && job.state == QLatin1String("active") &&
           QDateTime::currentMSecsSinceEpoch() - job.processedOn > LongRunningMs;
}

void JobModel::adjustCount(const QString& state, int delta)
{
    m_counts[static_cast<int>(categoryOf(state))] += delta;
}

void JobModel::reindexFrom(int row)
{
    for (int i = row; i < m_jobs.size(); ++i)
        m_rows.insert(m_jobs.at(i).id, i);
}

void JobModel::removeRows(const QList<int>& sortedRows)
{
    if (sortedRows.isEmpty())
        return;
    for (int row : sortedRows) {
        adjustCount(m_jobs.at(row).state, -1);
        m_rows.remove(m_jobs.at(row).id);
    }

    // Runs of consecutive rows, last run first so that earlier row numbers stay valid.
    QList<QPair<int, int>> runs;
    for (int row : sortedRows) {
        if (!runs.isEmpty() && runs.last().second + 1 == row)
            runs.last().second = row;
        else
            runs.append({row, row});
    }

    if (runs.size() <= MaxRemovalRuns) {
        for (auto run = runs.crbegin(); run != runs.crend(); ++run) {
            beginRemoveRows(QModelIndex(), run->first, run->second);
            m_jobs.remove(run->first, run->second - run->first + 1);
            endRemoveRows();
        }
    } else {
        // Many scattered removals: one compaction pass, O(n), with persistent indexes moved along.
        emit layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
        QList<int> newRowOf(m_jobs.size(), -1);
        int write = 0;
        int next = 0;
        for (int read = 0; read < m_jobs.size(); ++read) {
            if (next < sortedRows.size() && sortedRows.at(next) == read) {
                ++next;
                continue;
            }
            newRowOf[read] = write;
            if (write != read)
                m_jobs[write] = std::move(m_jobs[read]);
            ++write;
        }
        m_jobs.resize(write);
        const QModelIndexList persistent = persistentIndexList();
        QModelIndexList moved;
        moved.reserve(persistent.size());
        for (const QModelIndex& index : persistent) {
            const int row = newRowOf.value(index.row(), -1);
            moved.append(row < 0 ? QModelIndex() : createIndex(row, index.column()));
        }
        changePersistentIndexList(persistent, moved);
        reindexFrom(sortedRows.first()); // before the signal: its listeners look rows up by id
        emit layoutChanged({}, QAbstractItemModel::VerticalSortHint);
        return;
    }
    reindexFrom(sortedRows.first());
}

void JobModel::emitChanged(const QList<QPair<int, int>>& runs)
{
    // A row's id never changes, so the Job ID column is left out of the signal: a view sorted by id (the
    // default) then needs no re-sort for a refresh, only the changed cells repainted.
    for (const auto& run : runs)
        emit dataChanged(index(run.first, StateColumn), index(run.second, ColumnCount - 1));
}

void JobModel::applySnapshot(const JobList& jobs)
{
    const int oldCount = static_cast<int>(m_jobs.size());
    bool countsDirty = false;

    if (oldCount == 0) {
        // First fill: one insertion, the index built in one pass.
        if (jobs.isEmpty())
            return;
        beginInsertRows(QModelIndex(), 0, static_cast<int>(jobs.size()) - 1);
        m_jobs = jobs;
        m_rows.reserve(jobs.size());
        reindexFrom(0);
        for (const Job& job : std::as_const(m_jobs))
            adjustCount(job.state, +1);
        endInsertRows();
        emit countsChanged();
        return;
    }

    // Fast path: the server usually lists jobs in the same order as last time.
    int aligned = 0;
    const int common = std::min<int>(oldCount, static_cast<int>(jobs.size()));
    int runStart = -1;
    QList<QPair<int, int>> changedRuns;
    auto flushRun = [&runStart, &changedRuns](int end) {
        if (runStart >= 0) {
            changedRuns.append({runStart, end});
            runStart = -1;
        }
    };
    for (; aligned < common; ++aligned) {
        const Job& incoming = jobs.at(aligned);
        Job& current = m_jobs[aligned];
        if (incoming.id != current.id)
            break;
        if (incoming != current) {
            if (incoming.state != current.state) {
                adjustCount(current.state, -1);
                adjustCount(incoming.state, +1);
                countsDirty = true;
            }
            current = incoming;
            if (runStart < 0)
                runStart = aligned;
        } else {
            flushRun(aligned - 1);
        }
    }
    flushRun(aligned - 1);
    emitChanged(changedRuns);

    if (aligned == oldCount && aligned == jobs.size()) {
        if (countsDirty)
            emit countsChanged();
        return;
    }

    // General path for the rest: match by id through the row index.
    QList<bool> seen(oldCount - aligned, false);
    QList<int> changedRows;
    JobList arrivals;
    for (int i = aligned; i < jobs.size(); ++i) {
        const Job& incoming = jobs.at(i);
        const int row = m_rows.value(incoming.id, -1);
        if (row < aligned) { // unknown (-1), or a duplicate of an aligned row
            if (row < 0)
                arrivals.append(incoming);
            continue;
        }
        seen[row - aligned] = true;
        Job& current = m_jobs[row];
        if (incoming != current) {
            if (incoming.state != current.state) {
                adjustCount(current.state, -1);
                adjustCount(incoming.state, +1);
            }
            current = incoming;
            changedRows.append(row);
        }
    }
    std::sort(changedRows.begin(), changedRows.end());
    changedRuns.clear();
    for (int row : std::as_const(changedRows)) {
        if (!changedRuns.isEmpty() && changedRuns.last().second + 1 == row)
            changedRuns.last().second = row;
        else
            changedRuns.append({row, row});
    }
    emitChanged(changedRuns);

    QList<int> vanished;
    for (int i = 0; i < seen.size(); ++i) {
        if (!seen.at(i))
            vanished.append(aligned + i);
    }
    removeRows(vanished);

    if (!arrivals.isEmpty()) {
        const int first = static_cast<int>(m_jobs.size());
        beginInsertRows(QModelIndex(), first, first + static_cast<int>(arrivals.size()) - 1);
        m_jobs.append(arrivals);
        for (const Job& job : std::as_const(arrivals))
            adjustCount(job.state, +1);
        reindexFrom(first);
        endInsertRows();
    }
    emit countsChanged();
}

void JobModel::updateJob(const Job& job)
{
    const int row = rowOf(job.id);
    if (row < 0) {
        const int first = static_cast<int>(m_jobs.size());
        beginInsertRows(QModelIndex(), first, first);
        m_jobs.append(job);
        m_rows.insert(job.id, first);
        adjustCount(job.state, +1);
        endInsertRows();
        emit countsChanged();
        return;
    }
    Job& current = m_jobs[row];
    if (current == job)
        return;
    const bool stateChanged = current.state != job.state;
    adjustCount(current.state, -1);
    adjustCount(job.state, +1);
    current = job;
    emit dataChanged(index(row, StateColumn), index(row, ColumnCount - 1));
    if (stateChanged)
        emit countsChanged();
}

void JobModel::removeJob(const QString& id)
{
    const int row = rowOf(id);
    if (row < 0)
        return;
    removeRows({row});
    emit countsChanged();
}

void JobModel::clear()
{
    if (m_jobs.isEmpty())
        return;
    beginResetModel();
    m_jobs.clear();
    m_rows.clear();
    m_counts.fill(0);
    endResetModel();
    emit countsChanged();
}

} // namespace Alchemyst
