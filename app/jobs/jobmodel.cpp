#include "jobmodel.h"

#include "jobs/statenames.h"
#include "triage/triagesession.h"

#include <QDateTime>
#include <QLocale>
#include <algorithm>
#include <climits>

namespace Alchemyst {

namespace {

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

QString JobModel::relativeTimeText(qint64 epochMs, qint64 nowMs)
{
    if (epochMs <= 0)
        return {};
    const qint64 seconds = (nowMs - epochMs) / 1000;
    // A clock a little behind the server's is "just now", not the future.
    if (seconds < -60)
        return tr("in the future");
    // Seconds under two minutes, as every duration in the window: "0 min ago" says too little.
    if (seconds < 120)
        return tr("%1 s ago").arg(std::max<qint64>(seconds, 0));
    if (seconds < 7200)
        return tr("%1 min ago").arg(seconds / 60);
    if (seconds < 86400)
        return tr("%1 h %2 min ago").arg(seconds / 3600).arg((seconds % 3600) / 60);
    return tr("%n day(s) ago", nullptr, static_cast<int>(std::min<qint64>(seconds / 86400, INT_MAX)));
}

QString JobModel::ageText(const StuckVerdict& verdict)
{
    if (verdict.basis == StuckVerdict::NotApplicable || verdict.ageMs < 0)
        return {};
    const bool lowerBound = verdict.basis == StuckVerdict::FirstSeen;
    QString age = lowerBound && verdict.ageMs < 60 * 1000 ? QString()
                                                          : (lowerBound ? QStringLiteral("≥ ") : QString()) +
                                                                TimeDisplay::durationText(verdict.ageMs);
    // Overtaken is why such a job is stuck whatever its age: the cell says it, not only the tool tip.
    if (verdict.overtaken)
        age += (age.isEmpty() ? QString() : QStringLiteral(" · ")) + overtakenText(verdict.overtakenBy);
    if (age.isEmpty())
        return {};
    // A text marker, so that stuck is not told by colour alone.
    return verdict.stuck ? QStringLiteral("⚠ ") + age : age;
}

void JobModel::setRelativeTimes(bool relative)
{
    if (relative == m_relativeTimes)
        return;
    m_relativeTimes = relative;
    emit headerDataChanged(Qt::Horizontal, StartedColumn, FinishedColumn);
    if (!m_jobs.isEmpty())
        emit dataChanged(index(0, StartedColumn), index(rowCount() - 1, FinishedColumn),
                         {Qt::DisplayRole, Qt::ToolTipRole});
}

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
            return stateDisplayName(job.state);
        case AgeColumn:
            // The compact form needs no sentence: the verdict without its text is much cheaper.
            return m_triage ? ageText(m_triage->verdict(job, QDateTime::currentMSecsSinceEpoch(), false))
                            : QString();
        case FileColumn:
            return fileOrSource(job);
        case AttemptsColumn:
            return job.attempts >= 0 ? QVariant(job.attempts) : QVariant(QStringLiteral("—"));
        case StartedColumn:
            return m_relativeTimes ? relativeTimeText(job.processedOn, QDateTime::currentMSecsSinceEpoch())
                                   : TimeDisplay::format(job.processedOn, m_timeZone);
        case FinishedColumn:
            return m_relativeTimes ? relativeTimeText(job.finishedOn, QDateTime::currentMSecsSinceEpoch())
                                   : TimeDisplay::format(job.finishedOn, m_timeZone);
        case ReasonColumn:
            return job.failedReason;
        case DurationColumn:
            if (job.processedOn > 0 && job.finishedOn >= job.processedOn)
                return TimeDisplay::durationText(job.finishedOn - job.processedOn);
            return {};
        }
        break;
    case Qt::ToolTipRole:
        switch (index.column()) {
        case FileColumn:
            return plainToolTip(fileOrSource(job));
        case StateColumn:
            // The server's own word, as exports and the command line write it.
            return tr("State on the server: %1").arg(job.state);
        case AgeColumn:
            if (m_triage) {
                // The whole sentence the compact cell stands for: "waiting ≥ 25 min (seen since 09:14)".
                const StuckVerdict verdict =
                    m_triage->verdict(job, QDateTime::currentMSecsSinceEpoch(), true, m_timeZone);
                if (verdict.basis == StuckVerdict::NotApplicable)
                    break;
                QString tip =
                    verdict.stuck
                        ? tr("Stuck: %1. Over the threshold for %2 jobs.").arg(verdict.text, job.state)
                        : verdict.text;
                if (verdict.basis == StuckVerdict::FirstSeen)
                    tip += QLatin1Char('\n') +
                           tr("The API gives no time for waiting jobs: this is how long this app has seen it "
                              "in this state.");
                return tip;
            }
            break;
        case StartedColumn: {
            const qint64 now = QDateTime::currentMSecsSinceEpoch();
            // The cell's other form: the absolute time with its zone beside a relative one, and back.
            QString tip = m_relativeTimes ? TimeDisplay::formatWithZone(job.processedOn, m_timeZone)
                                          : relativeTimeText(job.processedOn, now);
            // The same rule as the amber marker and the Age column: the environment's threshold.
            if (job.processedOn > 0 && job.state == QLatin1String("active") && isStuck(job))
                tip += QLatin1Char('\n') +
                       tr("Running for %1 min: it may be stuck.").arg((now - job.processedOn) / 60000);
            return tip;
        }
        case FinishedColumn:
            return m_relativeTimes ? TimeDisplay::formatWithZone(job.finishedOn, m_timeZone)
                                   : relativeTimeText(job.finishedOn, QDateTime::currentMSecsSinceEpoch());
        case DurationColumn:
            if (job.processedOn > 0 && job.finishedOn >= job.processedOn)
                return tr("From %1 to %2")
                    .arg(TimeDisplay::formatWithZone(job.processedOn, m_timeZone),
                         TimeDisplay::formatWithZone(job.finishedOn, m_timeZone));
            break;
        case ReasonColumn:
            return plainToolTip(job.failedReason);
        case IdColumn:
            return plainToolTip(job.id);
        }
        break;
    case Qt::AccessibleDescriptionRole:
        // The ● and the bold the id cell is drawn with, in words for assistive technology.
        if (index.column() == IdColumn && m_triage) {
            QStringList marks;
            if (m_triage->changes().isUnseen(job.id))
                marks << tr("New since you last looked");
            if (m_triage->changes().isMarked(job.id, QDateTime::currentMSecsSinceEpoch()))
                marks << tr("State changed in a recent refresh");
            if (!marks.isEmpty())
                return marks.join(QStringLiteral(". "));
        }
        break;
    case LongRunningRole:
        return isStuck(job);
    case ChangedRole:
        return m_triage && m_triage->changes().isMarked(job.id, QDateTime::currentMSecsSinceEpoch());
    case UnseenRole:
        return m_triage && m_triage->changes().isUnseen(job.id);
    case Qt::TextAlignmentRole:
        if (index.column() == AttemptsColumn || index.column() == DurationColumn)
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
    const bool timeColumn = section == StartedColumn || section == FinishedColumn;
    if (orientation == Qt::Horizontal && role == Qt::ToolTipRole && timeColumn)
        return TimeDisplay::zoneDescription(m_timeZone, QDateTime::currentMSecsSinceEpoch());
    // A row is named by its job, not by its place in the list: a sorted view would otherwise read the
    // rows' numbers in the model's order ("50, 49, 48…") to a screen reader.
    if (orientation == Qt::Vertical && (role == Qt::AccessibleTextRole || role == Qt::DisplayRole) &&
        section >= 0 && section < m_jobs.size())
        return tr("Job %1").arg(m_jobs.at(section).id);
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    // The zone, in the header of each time column: "Started (CET)", "Started (UTC)". Relative times need
    // none (their tool tips name it).
    if (m_relativeTimes && timeColumn)
        return section == StartedColumn ? tr("Started") : tr("Finished");
    const QString zone = TimeDisplay::zoneLabel(m_timeZone, QDateTime::currentMSecsSinceEpoch());
    switch (section) {
    case IdColumn:
        return tr("Job ID");
    case StateColumn:
        return tr("State");
    case AgeColumn:
        return tr("Age");
    case FileColumn:
        return tr("File / Source");
    case AttemptsColumn:
        return tr("Attempts");
    case StartedColumn:
        return tr("Started (%1)").arg(zone);
    case FinishedColumn:
        return tr("Finished (%1)").arg(zone);
    case ReasonColumn:
        return tr("Failure reason");
    case DurationColumn:
        return tr("Duration");
    }
    return {};
}

void JobModel::setTimesInUtc(bool utc)
{
    const TimeDisplay::Zone zone = utc ? TimeDisplay::Zone::Utc : TimeDisplay::Zone::Local;
    if (zone == m_timeZone)
        return;
    m_timeZone = zone;
    emit headerDataChanged(Qt::Horizontal, StartedColumn, FinishedColumn);
    if (!m_jobs.isEmpty())
        emit dataChanged(index(0, AgeColumn), index(rowCount() - 1, FinishedColumn), {Qt::DisplayRole});
}

bool JobModel::isStuck(const Job& job) const
{
    if (!m_triage)
        return isLongRunning(job);
    return m_triage->verdict(job, QDateTime::currentMSecsSinceEpoch(), false).stuck;
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
        m_data.remove(m_jobs.at(row).id);
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
            m_seenInPass.remove(run->first, run->second - run->first + 1);
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
            if (write != read) {
                m_jobs[write] = std::move(m_jobs[read]);
                m_seenInPass[write] = m_seenInPass[read];
            }
            ++write;
        }
        m_jobs.resize(write);
        m_seenInPass.resize(write);
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

void JobModel::emitChanged(QList<int>& rows)
{
    // A row's id never changes, so the Job ID column is left out of the signal: a view sorted by id (the
    // default) then needs no re-sort for a refresh, only the changed cells repainted.
    std::sort(rows.begin(), rows.end());
    int first = -1;
    int last = -1;
    for (int row : std::as_const(rows)) {
        if (first >= 0 && row == last + 1) {
            last = row;
            continue;
        }
        if (first >= 0)
            emit dataChanged(index(first, StateColumn), index(last, ColumnCount - 1));
        first = last = row;
    }
    if (first >= 0)
        emit dataChanged(index(first, StateColumn), index(last, ColumnCount - 1));
}

void JobModel::append(const JobList& arrivals)
{
    if (arrivals.isEmpty())
        return;
    const int first = static_cast<int>(m_jobs.size());
    beginInsertRows(QModelIndex(), first, first + static_cast<int>(arrivals.size()) - 1);
    m_jobs.append(arrivals);
    m_seenInPass.resize(m_jobs.size(), m_pass);
    for (const Job& job : arrivals)
        adjustCount(job.state, +1);
    reindexFrom(first);
    endInsertRows();
}

void JobModel::beginPass(qsizetype expectedRows)
{
    ++m_pass;
    if (expectedRows > m_rows.capacity())
        m_rows.reserve(expectedRows);
    // The rows too: a large allocation is mapped, not touched, until rows fill it.
    if (expectedRows > m_jobs.capacity())
        m_jobs.reserve(expectedRows);
    if (expectedRows > m_seenInPass.capacity())
        m_seenInPass.reserve(expectedRows);
}

void JobModel::mergePage(const JobList& jobs)
{
    bool countsDirty = false;
    QList<int> changedRows;
    JobList arrivals;
    QHash<QString, int> arrivalIndex; // an id twice on one page: once, newest data
    for (const Job& incoming : jobs) {
        const int row = rowOf(incoming.id);
        if (row < 0) {
            const auto existing = arrivalIndex.constFind(incoming.id);
            if (existing != arrivalIndex.constEnd()) {
                arrivals[existing.value()] = incoming;
            } else {
                arrivalIndex.insert(incoming.id, static_cast<int>(arrivals.size()));
                arrivals.append(incoming);
            }
            continue;
        }
        m_seenInPass[row] = m_pass;
        Job& current = m_jobs[row];
        if (incoming != current) {
            if (incoming.state != current.state) {
                adjustCount(current.state, -1);
                adjustCount(incoming.state, +1);
                countsDirty = true;
            }
            current = incoming;
            changedRows.append(row);
        }
    }
    emitChanged(changedRows);
    append(arrivals);
    if (countsDirty || !arrivals.isEmpty())
        emit countsChanged();
}

void JobModel::keepInPass(const QString& id)
{
    const int row = rowOf(id);
    if (row >= 0)
        m_seenInPass[row] = m_pass;
}

int JobModel::endPass()
{
    QList<int> vanished;
    for (int row = 0; row < m_seenInPass.size(); ++row) {
        if (m_seenInPass.at(row) != m_pass)
            vanished.append(row);
    }
    removeRows(vanished);
    if (!vanished.isEmpty())
        emit countsChanged();
    return static_cast<int>(vanished.size());
}

void JobModel::applySnapshot(const JobList& jobs)
{
    beginPass();
    mergePage(jobs);
    endPass();
}

void JobModel::updateJob(const Job& answer)
{
    const int row = rowOf(answer.id);
    if (row < 0) {
        append({answer});
        emit countsChanged();
        return;
    }
    Job& current = m_jobs[row];
    Job job = answer;
    if (job.fileName.isEmpty())
        job.fileName = current.fileName;
    if (job.source.isEmpty())
        job.source = current.source;
    if (job.attempts < 0)
        job.attempts = current.attempts;
    if (job.processedOn <= 0)
        job.processedOn = current.processedOn;
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
    m_seenInPass.clear();
    m_rows.clear();
    m_data.clear();
    m_counts.fill(0);
    endResetModel();
    emit countsChanged();
}

} // namespace Alchemyst
