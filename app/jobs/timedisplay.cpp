#include "timedisplay.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QTimeZone>

namespace Alchemyst::TimeDisplay {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("Alchemyst::TimeDisplay", text);
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

} // namespace Alchemyst::TimeDisplay
