#include "timedisplay.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QTimeZone>
#include <algorithm>
#include <limits>

namespace Alchemyst::TimeDisplay {

namespace {

QString tr(const char* text, int n = -1)
{
    return QCoreApplication::translate("Alchemyst::TimeDisplay", text, nullptr, n);
}

} // namespace

QDateTime dateTime(qint64 epochMs, Zone zone)
{
    return zone == Zone::Utc ? QDateTime::fromMSecsSinceEpoch(epochMs, QTimeZone::utc())
                             : QDateTime::fromMSecsSinceEpoch(epochMs);
}

QString offsetText(int offsetSeconds)
{
    if (offsetSeconds == 0)
        return QStringLiteral("UTC");
    const int minutes = qAbs(offsetSeconds) / 60;
    return QStringLiteral("UTC%1%2:%3")
        .arg(offsetSeconds < 0 ? QLatin1Char('-') : QLatin1Char('+'))
        .arg(minutes / 60, 2, 10, QLatin1Char('0'))
        .arg(minutes % 60, 2, 10, QLatin1Char('0'));
}

QString format(qint64 epochMs, Zone zone)
{
    if (epochMs <= 0)
        return {};
    return dateTime(epochMs, zone).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

QString formatWithOffset(qint64 epochMs, Zone zone)
{
    if (epochMs <= 0)
        return {};
    const QDateTime time = dateTime(epochMs, zone);
    return time.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")) + QLatin1Char(' ') +
           offsetText(zone == Zone::Utc ? 0 : time.offsetFromUtc());
}

QString zoneLabel(Zone zone, qint64 atEpochMs)
{
    if (zone == Zone::Utc)
        return QStringLiteral("UTC");
    const QDateTime time = dateTime(atEpochMs, zone);
    const QString abbreviation = time.timeZoneAbbreviation();
    // Where the zone database has no name for the zone it gives a bare offset ("+04", "-0330"): the
    // offset then says it better.
    const bool named = !abbreviation.isEmpty() && abbreviation.at(0).isLetter();
    return named ? abbreviation : offsetText(time.offsetFromUtc());
}

QString zoneDescription(Zone zone, qint64 atEpochMs)
{
    if (zone == Zone::Utc)
        return tr("Times in UTC (View → Show Times in UTC).");
    const QDateTime time = dateTime(atEpochMs, zone);
    return tr("Times in this computer's time zone, %1 (%2). View → Show Times in UTC shows them in UTC.")
        .arg(zoneLabel(zone, atEpochMs), offsetText(time.offsetFromUtc()));
}

QString formatWithZone(qint64 epochMs, Zone zone)
{
    if (epochMs <= 0)
        return {};
    const QString offset = offsetText(zone == Zone::Utc ? 0 : dateTime(epochMs, zone).offsetFromUtc());
    const QString label = zoneLabel(zone, epochMs);
    const QString text = format(epochMs, zone) + QLatin1Char(' ') + label;
    // "UTC+05:30 (UTC+05:30)" says nothing twice.
    return label == offset ? text : text + QStringLiteral(" (%1)").arg(offset);
}

QString durationText(qint64 ms)
{
    const qint64 seconds = std::max<qint64>(ms, 0) / 1000;
    if (seconds < 120)
        return tr("%n s", static_cast<int>(seconds));
    // The minutes, hours and days of the stuck ages (Alchemyst::Stuck), so that both read alike and
    // share their translations.
    const qint64 minutes = seconds / 60;
    if (minutes < 120)
        return QCoreApplication::translate("Alchemyst::Stuck", "%n min", nullptr, static_cast<int>(minutes));
    const qint64 hours = minutes / 60;
    if (hours < 48)
        return QCoreApplication::translate("Alchemyst::Stuck", "%n h", nullptr, static_cast<int>(hours));
    return QCoreApplication::translate(
        "Alchemyst::Stuck", "%n d", nullptr,
        static_cast<int>(std::min<qint64>(hours / 24, std::numeric_limits<int>::max())));
}

} // namespace Alchemyst::TimeDisplay
