#pragma once

#include "history/historystore.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

namespace Alchemyst {

// What the backlog (waiting + delayed) is doing. The issue names three verdicts; the other three are the
// states in which none of them would be true: no history yet, nothing waiting, and jobs completing no
// faster than new ones arrive (saying "draining" there would promise an end that the figures do not show).
enum class DrainVerdict
{
    Unknown,  // too little history (no depth seen, or under Forecast::MinimumMinutes of rates)
    Idle,     // nothing waiting
    Draining, // jobs complete and the backlog shrinks: drainMs says when it is empty
    Holding,  // jobs complete, but about as many arrive: no end in sight (over 30 days)
    Stalled,  // nothing completed in the last 15 minutes while jobs wait
    Growing,  // the backlog rises: more arrive than are worked off
};
QString
drainVerdictName(DrainVerdict verdict); // "unknown", "idle", "draining", "holding", "stalled", "growing"

struct DrainForecast
{
    DrainVerdict verdict = DrainVerdict::Unknown;
    qint64 backlog = -1;              // waiting + delayed as the last pass with depth saw it; -1 unknown
    qint64 backlogAtMs = 0;           // the start of the bucket that backlog comes from
    double throughputPerMinute = 0;   // mean of the window's one-minute completion counts
    double backlogSlopePerMinute = 0; // least-squares slope of the backlog over the window; 0 when unknown
    bool slopeKnown = false;          // at least two complete passes in the window
    double arrivalsPerMinute = 0;     // throughput + slope (what must have arrived), never below 0
    int windowMinutes = 0;            // one-minute buckets the rates come from (at most WindowMinutes)
    qint64 drainMs = -1;              // estimate from the mean rate; -1 when not draining
    qint64 drainLowMs = -1;           // from the 80th percentile rate (the fast end); -1 when not draining
    qint64 drainHighMs = -1;          // from the 20th percentile rate; -1 also when that rate does not drain
    QString sentence; // "Draining: 1,240 waiting, 85 completed a minute — clears in about 15 min"
};

struct PositionEstimate
{
    qint64 ahead = -1;      // jobs ahead of it in the waiting list as last observed; -1 unknown
    qint64 startsInMs = -1; // -1 when it cannot be estimated
    QString text;           // "about 640 ahead of it — starts in ~8 min"
};

// Pure functions over the recorded series. Numbers are grouped by the default QLocale; texts are translated.
class Forecast
{
    Q_DECLARE_TR_FUNCTIONS(Alchemyst::Forecast)

public:
    static constexpr int WindowMinutes = 15;
    static constexpr int MinimumMinutes = 3;
    static constexpr qint64 HoldingBeyondMs = 30 * HistoryStore::DayMs;

    // minutes: consecutive one-minute buckets, oldest first, ending with the last complete minute (the
    // window is the last WindowMinutes of them). The backlog comes from the last bucket with a depth; the
    // slope only from complete passes (an incomplete pass's counts are lower bounds).
    static DrainForecast drain(const QList<HistoryBucket>& minutes);
    // drain() as of nowMs over the store's last hour up to the last whole minute, except that the backlog
    // is the newest pass's, the running minute's included: the verdict beside the counts must say the
    // number of waiting jobs the counts say, not last minute's. What the status bar, Trends and
    // `alchemyst-jobs forecast` read.
    static DrainForecast current(const HistoryStore& store, const QString& environmentKey, qint64 nowMs);
    // ahead: the jobs before it in the waiting list as the last pass listed it (the queue's order, not a
    // promise: priorities and delays can reorder it). throughputPerMinute from drain().
    static PositionEstimate position(qint64 ahead, double throughputPerMinute);

    // "about 15 min", "about 3 h", "about 2 days", "less than a minute".
    static QString aboutText(qint64 ms);
    // "~8 min", "~3 h", "~2 days", "under a minute".
    static QString roughText(qint64 ms);
    // p-th percentile (0..1) of values by linear interpolation between ranks; 0 when empty.
    static double percentile(QList<double> values, double p);

private:
    // latestDepth, when given, is where the backlog comes from instead of the last bucket with a depth.
    static DrainForecast drain(const QList<HistoryBucket>& minutes, const HistoryBucket* latestDepth);
};

} // namespace Alchemyst
