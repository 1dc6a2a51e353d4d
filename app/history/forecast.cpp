#include "forecast.h"

#include <QLocale>
#include <algorithm>
#include <cmath>
#include <optional>

namespace Alchemyst {

namespace {

constexpr qint64 MinuteMs = HistoryStore::MinuteMs;

QString count(qint64 value)
{
    return QLocale().toString(value);
}

// 85 → "85", 8.5 → "8.5", 0.4 → "0.4": a rate under ten keeps one significant decimal.
QString rate(double value)
{
    if (value >= 10)
        return QLocale().toString(std::llround(value));
    return QLocale().toString(value, 'g', 2);
}

qint64 minutesToMs(double minutes)
{
    return std::llround(minutes * MinuteMs);
}

} // namespace

QString drainVerdictName(DrainVerdict verdict)
{
    switch (verdict) {
    case DrainVerdict::Unknown:
        return QStringLiteral("unknown");
    case DrainVerdict::Idle:
        return QStringLiteral("idle");
    case DrainVerdict::Draining:
        return QStringLiteral("draining");
    case DrainVerdict::Holding:
        return QStringLiteral("holding");
    case DrainVerdict::Stalled:
        return QStringLiteral("stalled");
    case DrainVerdict::Growing:
        return QStringLiteral("growing");
    }
    return QStringLiteral("unknown");
}

double Forecast::percentile(QList<double> values, double p)
{
    if (values.isEmpty())
        return 0;
    std::sort(values.begin(), values.end());
    const double position = std::clamp(p, 0.0, 1.0) * static_cast<double>(values.size() - 1);
    const auto lower = static_cast<qsizetype>(std::floor(position));
    const auto upper = std::min<qsizetype>(lower + 1, values.size() - 1);
    const double fraction = position - static_cast<double>(lower);
    return values.at(lower) + (values.at(upper) - values.at(lower)) * fraction;
}

// Minutes under two hours, hours under two days, then days: a forecast is not more precise than that. No
// %n plurals: the unit abbreviations do not change with the number, and days start at two.
QString Forecast::aboutText(qint64 ms)
{
    if (ms < MinuteMs)
        return tr("less than a minute");
    const qint64 minutes = std::llround(static_cast<double>(ms) / MinuteMs);
    if (minutes < 120)
        return tr("about %1 min").arg(minutes);
    const qint64 hours = std::llround(static_cast<double>(ms) / HistoryStore::HourMs);
    if (hours < 48)
        return tr("about %1 h").arg(hours);
    return tr("about %1 days").arg(std::llround(static_cast<double>(ms) / HistoryStore::DayMs));
}

QString Forecast::roughText(qint64 ms)
{
    if (ms < MinuteMs)
        return tr("under a minute");
    const qint64 minutes = std::llround(static_cast<double>(ms) / MinuteMs);
    if (minutes < 120)
        return tr("~%1 min").arg(minutes);
    const qint64 hours = std::llround(static_cast<double>(ms) / HistoryStore::HourMs);
    if (hours < 48)
        return tr("~%1 h").arg(hours);
    return tr("~%1 days").arg(std::llround(static_cast<double>(ms) / HistoryStore::DayMs));
}

DrainForecast Forecast::current(const HistoryStore& store, const QString& environmentKey, qint64 nowMs)
{
    const qint64 minuteEnd = nowMs - nowMs % HistoryStore::MinuteMs;
    QList<HistoryBucket> minutes = store.series(environmentKey, minuteEnd - 60 * HistoryStore::MinuteMs,
                                                minuteEnd + HistoryStore::MinuteMs);
    // The running minute gives its depth only: its completions are still being counted.
    std::optional<HistoryBucket> running;
    if (!minutes.isEmpty() && minutes.constLast().startMs >= minuteEnd)
        running = minutes.takeLast();
    return drain(minutes, running && running->hasDepth() ? &*running : nullptr);
}

DrainForecast Forecast::drain(const QList<HistoryBucket>& minutes)
{
    return drain(minutes, nullptr);
}

DrainForecast Forecast::drain(const QList<HistoryBucket>& minutes, const HistoryBucket* latestDepth)
{
    DrainForecast result;
    if (latestDepth) {
        result.backlog = latestDepth->backlog();
        result.backlogAtMs = latestDepth->startMs;
    }
    for (qsizetype i = minutes.size() - 1; i >= 0 && !latestDepth; --i) {
        if (minutes.at(i).hasDepth()) {
            result.backlog = minutes.at(i).backlog();
            result.backlogAtMs = minutes.at(i).startMs;
            break;
        }
    }
    const qsizetype windowStart = std::max<qsizetype>(0, minutes.size() - WindowMinutes);
    const QList<HistoryBucket> window = minutes.mid(windowStart);
    result.windowMinutes = static_cast<int>(window.size());

    QList<double> rates;
    double sum = 0;
    for (const HistoryBucket& bucket : window) {
        rates.append(bucket.completed);
        sum += bucket.completed;
    }
    result.throughputPerMinute = window.isEmpty() ? 0 : sum / static_cast<double>(window.size());

    // Least squares over the complete passes' backlogs: a pass a minute or one every five, the slope is
    // per minute either way.
    double n = 0, sx = 0, sy = 0, sxx = 0, sxy = 0;
    for (const HistoryBucket& bucket : window) {
        if (!bucket.hasDepth() || bucket.incomplete)
            continue;
        const double x = static_cast<double>(bucket.startMs - window.constFirst().startMs) / MinuteMs;
        const double y = bucket.backlog();
        n += 1;
        sx += x;
        sy += y;
        sxx += x * x;
        sxy += x * y;
    }
    const double denominator = n * sxx - sx * sx;
    if (n >= 2 && denominator > 0) {
        result.slopeKnown = true;
        result.backlogSlopePerMinute = (n * sxy - sx * sy) / denominator;
    }
    result.arrivalsPerMinute =
        result.slopeKnown ? std::max(0.0, result.throughputPerMinute + result.backlogSlopePerMinute) : 0.0;

    const QString backlog = count(result.backlog);
    const QString throughput = rate(result.throughputPerMinute);
    if (result.backlog < 0) {
        result.sentence = tr("No forecast yet: no pass has been recorded.");
        return result;
    }
    if (result.backlog == 0) {
        result.verdict = DrainVerdict::Idle;
        result.sentence = tr("Idle: nothing waiting, %1 completed a minute").arg(throughput);
        return result;
    }
    if (sum == 0) {
        if (result.windowMinutes >= WindowMinutes) {
            result.verdict = DrainVerdict::Stalled;
            result.sentence =
                tr("Stalled: nothing completed in %1 min while %2 wait").arg(WindowMinutes).arg(backlog);
        } else {
            result.sentence =
                tr("No forecast yet: nothing completed in the %1 min watched so far while %2 wait")
                    .arg(result.windowMinutes)
                    .arg(backlog);
        }
        return result;
    }
    if (result.windowMinutes < MinimumMinutes) {
        result.sentence = tr("No forecast yet: %1 waiting, watching for a few minutes").arg(backlog);
        return result;
    }
    const qint64 rise = std::llround(result.backlogSlopePerMinute);
    if (result.slopeKnown && rise >= 1) {
        result.verdict = DrainVerdict::Growing;
        result.sentence = tr("Growing: +%1 a minute — %2 waiting, %3 completed a minute")
                              .arg(count(rise), backlog, throughput);
        return result;
    }

    const double arrivals = result.arrivalsPerMinute;
    const double drainRate = result.throughputPerMinute - arrivals;
    const double backlogJobs = static_cast<double>(result.backlog);
    if (drainRate <= 0 || backlogJobs / drainRate * MinuteMs > HoldingBeyondMs) {
        result.verdict = DrainVerdict::Holding;
        result.sentence = tr("Holding: %1 waiting, %2 completed a minute and about as many arriving")
                              .arg(backlog, throughput);
        return result;
    }
    result.verdict = DrainVerdict::Draining;
    result.drainMs = minutesToMs(backlogJobs / drainRate);
    // The spread of the window's rates, not a confidence interval: what the backlog would take at the pace
    // of a fast minute (80th percentile) and of a slow one (20th).
    const double fast = percentile(rates, 0.80) - arrivals;
    const double slow = percentile(rates, 0.20) - arrivals;
    result.drainLowMs = std::min(result.drainMs, fast > 0 ? minutesToMs(backlogJobs / fast) : result.drainMs);
    result.drainHighMs = slow > 0 ? std::max(result.drainMs, minutesToMs(backlogJobs / slow)) : -1;
    result.sentence = tr("Draining: %1 waiting, %2 completed a minute — clears in %3")
                          .arg(backlog, throughput, aboutText(result.drainMs));
    return result;
}

PositionEstimate Forecast::position(qint64 ahead, double throughputPerMinute)
{
    PositionEstimate estimate;
    estimate.ahead = ahead;
    if (ahead < 0) {
        estimate.text = tr("its place in the waiting list is not known yet");
        return estimate;
    }
    const QString place = ahead == 0 ? tr("next in line") : tr("about %1 ahead of it").arg(count(ahead));
    if (throughputPerMinute <= 0) {
        estimate.text = tr("%1 — no start time while nothing completes").arg(place);
        return estimate;
    }
    estimate.startsInMs = minutesToMs(static_cast<double>(ahead) / throughputPerMinute);
    estimate.text = tr("%1 — starts in %2").arg(place, roughText(estimate.startsInMs));
    return estimate;
}

} // namespace Alchemyst
