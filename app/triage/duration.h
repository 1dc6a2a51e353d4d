#pragma once

#include <QString>
#include <optional>

namespace Alchemyst {

// Durations as an operator types them on the command line: "90s", "15m", "2h", "1d", "1h30m",
// "1d 2h", "1.5h". Units d, h, m, s (lower case; "ms" for milliseconds), each at most once, largest
// first. A bare number is refused: "--stuck-after 15" could mean seconds or minutes, and guessing
// wrong by a factor of 60 is worse than asking for a unit. Refused too: empty text, signs, NaN/inf,
// a fraction finer than a millisecond is rounded down, anything beyond MaxDurationMs.
inline constexpr qint64 MaxDurationMs = 100LL * 365 * 24 * 3600 * 1000; // a century

std::optional<qint64> parseDurationMs(const QString& text);
// The compact form parseDurationMs reads back: "1h30m", "45s", "2d3h", "0s"; milliseconds only when
// the duration is under a second or not whole seconds ("1s500ms"). Negative durations get a "-".
QString formatDurationMs(qint64 ms);

} // namespace Alchemyst
