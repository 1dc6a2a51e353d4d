#include "duration.h"

#include <limits>

namespace Alchemyst {

namespace {

struct Unit
{
    const char16_t* name;
    qint64 ms;
};

// Longest name first where one is a prefix of another ("ms" before "m").
constexpr Unit Units[] = {
    {u"d", 24LL * 3600 * 1000}, {u"h", 3600LL * 1000}, {u"ms", 1}, {u"m", 60LL * 1000}, {u"s", 1000},
};

int rankOf(qint64 unitMs)
{
    // Largest first: d > h > m > s > ms.
    switch (unitMs) {
    case 24LL * 3600 * 1000:
        return 0;
    case 3600LL * 1000:
        return 1;
    case 60LL * 1000:
        return 2;
    case 1000:
        return 3;
    default:
        return 4;
    }
}

bool isDigit(QChar c)
{
    return c.unicode() >= '0' && c.unicode() <= '9';
}

} // namespace

std::optional<qint64> parseDurationMs(const QString& input)
{
    const QString text = input.trimmed();
    if (text.isEmpty())
        return std::nullopt;
    qint64 total = 0;
    int lastRank = -1;
    qsizetype i = 0;
    const qsizetype size = text.size();
    while (i < size) {
        if (text.at(i).isSpace()) {
            ++i;
            continue;
        }
        // Digits only: signs, "nan", "inf" and exponents ("1e3s") are refused below.
        qint64 whole = 0;
        const qsizetype start = i;
        while (i < size && isDigit(text.at(i))) {
            if (qMulOverflow(whole, qint64(10), &whole) ||
                qAddOverflow(whole, qint64(text.at(i).unicode() - '0'), &whole))
                return std::nullopt;
            ++i;
        }
        if (i == start)
            return std::nullopt; // no leading digit: "-5m", ".5h", "h", a stray character
        // Fraction kept exact as digits over a power of ten; beyond 9 digits they cannot matter.
        qint64 fraction = 0;
        qint64 scale = 1;
        if (i < size && text.at(i) == QLatin1Char('.')) {
            ++i;
            const qsizetype fractionStart = i;
            while (i < size && isDigit(text.at(i))) {
                if (scale < 1000000000LL) {
                    fraction = fraction * 10 + (text.at(i).unicode() - '0');
                    scale *= 10;
                }
                ++i;
            }
            if (i == fractionStart)
                return std::nullopt; // "1.h"
        }
        const Unit* unit = nullptr;
        for (const Unit& candidate : Units) {
            const QStringView name(candidate.name);
            if (QStringView(text).mid(i).startsWith(name)) {
                unit = &candidate;
                break;
            }
        }
        if (!unit)
            return std::nullopt; // a bare number or an unknown unit
        i += QStringView(unit->name).size();
        const int rank = rankOf(unit->ms);
        if (rank <= lastRank)
            return std::nullopt; // "30m1h", "1h1h"
        lastRank = rank;

        qint64 part = 0;
        if (qMulOverflow(whole, unit->ms, &part))
            return std::nullopt;
        // fraction / scale of a unit, rounded down to the millisecond; unit->ms * fraction fits
        // (< 8.64e7 * 1e9).
        if (qAddOverflow(part, unit->ms * fraction / scale, &part) || qAddOverflow(total, part, &total))
            return std::nullopt;
        if (total > MaxDurationMs)
            return std::nullopt;
        if (i < size && !text.at(i).isSpace() && !isDigit(text.at(i)))
            return std::nullopt; // "15min", "2hours"
    }
    return total;
}

QString formatDurationMs(qint64 ms)
{
    if (ms == 0)
        return QStringLiteral("0s");
    QString out;
    // Magnitude as unsigned: -2^63 has no positive qint64.
    quint64 rest = ms < 0 ? 0 - static_cast<quint64>(ms) : static_cast<quint64>(ms);
    if (ms < 0)
        out += QLatin1Char('-');
    const std::pair<quint64, char16_t> parts[] = {
        {24ULL * 3600 * 1000, u'd'}, {3600ULL * 1000, u'h'}, {60ULL * 1000, u'm'}, {1000ULL, u's'}};
    for (const auto& [unitMs, name] : parts) {
        if (rest >= unitMs) {
            out += QString::number(rest / unitMs) + QChar(name);
            rest %= unitMs;
        }
    }
    if (rest > 0)
        out += QString::number(rest) + QStringLiteral("ms");
    return out;
}

} // namespace Alchemyst
