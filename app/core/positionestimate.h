#pragma once

#include "history/forecast.h"

#include <QString>
#include <QStringList>

namespace Alchemyst {

class FirstSeenStore;
class HistoryStore;
class JobMonitor;

// The order the server lists waiting jobs in. BullMQ's getWaiting (LRANGE of the wait list, LPUSHed)
// gives the newest first, and so does the Alchemyst API; the oldest is the next to start.
enum class WaitingListOrder
{
    NewestFirst,
    OldestFirst,
};

// Where a waiting job stands, from the order the last complete pass listed the waiting jobs in: the jobs
// listed as older than it that are still waiting as far as the first-seen store knows (jobs that started
// since are not ahead any more). An estimate, not a promise: a pass reads pages one after another while
// the queue moves, and priorities, delays and retries can reorder a queue.
//
// waitingInListOrder: TriageSession::lastWaitingOrder(). store (may be null): drops jobs no longer
// waiting. -1 when the job is not in the list (first seen since that pass, or no complete pass yet).
qint64 waitingJobsAhead(const QStringList& waitingInListOrder, const QString& id,
                        WaitingListOrder order = WaitingListOrder::NewestFirst,
                        const FirstSeenStore* store = nullptr);

// The forecast as of now from the history (the last hour of minutes, as Trends and `forecast` read it):
// verdict, sentence ("Draining: 1,240 waiting, 85 completed a minute — clears in about 15 min"),
// throughput. A forecast with DrainVerdict::Unknown when there is no history.
DrainForecast currentForecast(const HistoryStore* history, const QString& environmentKey, qint64 nowMs);

// For the details pane: "about 640 ahead of it — starts in ~8 min" for a waiting job of this monitor's
// list; "its place in the waiting list is not known yet" when it was not in the last complete pass; empty
// when the job is not waiting (or there is no monitor). nowMs 0: the wall clock. Costs one scan of the
// waiting list and one read of the last hour of history (~1 ms for 100,000 waiting jobs).
PositionEstimate waitingPosition(const JobMonitor* monitor, const QString& id, qint64 nowMs = 0);
QString positionText(const JobMonitor* monitor, const QString& id);

} // namespace Alchemyst
