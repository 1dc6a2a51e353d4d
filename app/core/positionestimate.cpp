#include "positionestimate.h"

#include "core/jobmonitor.h"
#include "history/historystore.h"
#include "jobs/jobmodel.h"
#include "triage/firstseen.h"

#include <QDateTime>

namespace Alchemyst {

qint64 waitingJobsAhead(const QStringList& waitingInListOrder, const QString& id, WaitingListOrder order,
                        const FirstSeenStore* store)
{
    const qsizetype index = waitingInListOrder.indexOf(id);
    if (index < 0)
        return -1;
    // Newest first: the older jobs, the ones ahead, are listed after it.
    const qsizetype begin = order == WaitingListOrder::NewestFirst ? index + 1 : 0;
    const qsizetype end = order == WaitingListOrder::NewestFirst ? waitingInListOrder.size() : index;
    if (!store)
        return end - begin;
    qint64 ahead = 0;
    for (qsizetype i = begin; i < end; ++i) {
        const QString state = store->stateOf(waitingInListOrder.at(i));
        // Unknown to the store (pruned by its capacity): still counted, the list said it waits.
        if (state.isEmpty() || categoryOf(state) == StateCategory::Waiting)
            ++ahead;
    }
    return ahead;
}

DrainForecast currentForecast(const HistoryStore* history, const QString& environmentKey, qint64 nowMs)
{
    if (!history || !history->isOpen() || environmentKey.isEmpty())
        return Forecast::drain({});
    return Forecast::current(*history, environmentKey, nowMs);
}

PositionEstimate waitingPosition(const JobMonitor* monitor, const QString& id, qint64 nowMs)
{
    if (!monitor)
        return {};
    const JobModel* model = monitor->model();
    const int row = model->rowOf(id);
    if (row < 0 || categoryOf(model->jobAt(row).state) != StateCategory::Waiting)
        return {};
    if (nowMs <= 0)
        nowMs = QDateTime::currentMSecsSinceEpoch();
    const TriageSession& triage = monitor->triage();
    const qint64 ahead =
        waitingJobsAhead(triage.lastWaitingOrder(), id, WaitingListOrder::NewestFirst, &triage.store());
    const DrainForecast forecast = currentForecast(monitor->history(), monitor->historyKey(), nowMs);
    return Forecast::position(ahead, forecast.throughputPerMinute);
}

QString positionText(const JobMonitor* monitor, const QString& id)
{
    return waitingPosition(monitor, id).text;
}

} // namespace Alchemyst
