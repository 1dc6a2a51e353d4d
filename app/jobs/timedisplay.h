#pragma once

#include <QDateTime>
#include <QString>

namespace Alchemyst {

// How job times are shown: in the computer's zone or in UTC, always with the zone named (in the column
// header, the tool tip or beside the time). Exports keep their own ISO 8601 UTC format.
namespace TimeDisplay {

enum class Zone
{
    Local,
    Utc,
};

// The moment in the zone.
QDateTime dateTime(qint64 epochMs, Zone zone);
// "yyyy-MM-dd HH:mm:ss" in the zone; empty for a missing time (0 or less).
QString format(qint64 epochMs, Zone zone);
// The same followed by the zone's offset: "2026-11-29 09:14:00 UTC+01:00", or "… UTC" in UTC.
QString formatWithOffset(qint64 epochMs, Zone zone);
// The zone's short name at that moment, for a column header: "UTC", "CET", or "UTC+05:30" where the
// system has no abbreviation for it.
QString zoneLabel(Zone zone, qint64 atEpochMs);
// A sentence for the header's tool tip: which zone, and its offset from UTC at that moment.
QString zoneDescription(Zone zone, qint64 atEpochMs);
// "UTC", "UTC+01:00", "UTC-03:30".
QString offsetText(int offsetSeconds);
// For a tool tip beside a relative time: "2026-11-29 09:14:00 CET (UTC+01:00)", "… UTC" in UTC; empty for
// a missing time.
QString formatWithZone(qint64 epochMs, Zone zone);

// How long something took or has lasted, as the operator reads it: "15 s" under two minutes (never
// "0 min" for a quick job), "41 min" under two hours, "5 h" under two days, then "3 d". Translated;
// negative durations read as 0 s. The one wording of a duration in the window (the Age and Duration
// columns, the details); the command line's "1h30m" is formatDurationMs (triage/duration.h).
QString durationText(qint64 ms);

} // namespace TimeDisplay

} // namespace Alchemyst
