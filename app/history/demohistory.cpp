#include "demohistory.h"

#include <QRandomGenerator>
#include <cmath>

namespace Alchemyst {

bool seedDemoHistory(HistoryStore& store, const QString& environmentKey, qint64 nowMs)
{
    constexpr int Minutes = 6 * 60;
    const qint64 start = nowMs - nowMs % HistoryStore::MinuteMs - Minutes * HistoryStore::MinuteMs;
    if (!store.isRecording() || !store.passes(environmentKey, start, nowMs + 1).isEmpty())
        return false;
    QRandomGenerator random(20261201); // the same demo every time
    QList<ChangeRecord> changes;
    int serial = 0;
    bool ok = true;
    for (int minute = 0; minute < Minutes; ++minute) {
        // Two hours the app was not running, two and a half hours ago: a gap the chart must show as one.
        if (minute >= 180 && minute < 200)
            continue;
        const qint64 at = start + minute * HistoryStore::MinuteMs;
        // A backlog that builds up over the first two hours, then drains as workers catch up.
        const double t = minute / double(Minutes);
        const int backlog = int(40 + 1400 * std::exp(-std::pow((t - 0.35) / 0.22, 2)) + random.bounded(30));
        const int completed = int(6 + 10 * t + random.bounded(5));
        const int failed = random.bounded(10) == 0 ? 1 + random.bounded(3) : 0;
        for (int i = 0; i < completed + failed; ++i) {
            ChangeRecord change;
            change.jobId = QStringLiteral("demo-history-%1").arg(++serial);
            change.from = QStringLiteral("active");
            change.to = i < completed ? QStringLiteral("completed") : QStringLiteral("failed");
            change.finishedOn = at + random.bounded(int(HistoryStore::MinuteMs));
            change.processedOn = change.finishedOn - 20000 - random.bounded(90000);
            change.observedAtMs = change.finishedOn + 2000;
            changes.append(change);
        }
        PassRecord pass;
        pass.startedMs = at + 1000;
        pass.endedMs = at + 1500;
        pass.complete = minute % 97 != 50; // now and then a pass that was stopped part way
        pass.requests = 1 + backlog / 1000;
        pass.counts.at(static_cast<int>(StateCategory::Waiting)) = backlog * 9 / 10;
        pass.counts.at(static_cast<int>(StateCategory::Delayed)) = backlog - backlog * 9 / 10;
        pass.counts.at(static_cast<int>(StateCategory::Active)) = 4 + random.bounded(4);
        pass.counts.at(static_cast<int>(StateCategory::Completed)) = 400;
        pass.counts.at(static_cast<int>(StateCategory::Failed)) = 12 + serial / 400;
        pass.jobsSeen = backlog + 420;
        if (minute % 60 == 59) {
            ok = store.recordChanges(environmentKey, changes) && ok;
            changes.clear();
        }
        ok = store.recordPass(environmentKey, pass) && ok;
    }
    if (!changes.isEmpty())
        ok = store.recordChanges(environmentKey, changes) && ok;
    return ok;
}

} // namespace Alchemyst
