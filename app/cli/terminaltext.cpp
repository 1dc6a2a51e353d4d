#include "terminaltext.h"

namespace Alchemyst {

namespace {

enum class Lines
{
    Single,
    Multi,
};

void appendEscape(QString& out, char32_t codePoint)
{
    switch (codePoint) {
    case U'\t':
        out += QLatin1String("\\t");
        return;
    case U'\n':
        out += QLatin1String("\\n");
        return;
    case U'\r':
        out += QLatin1String("\\r");
        return;
    default:
        break;
    }
    // \xHH for the Latin-1 range keeps the familiar spelling of ESC (\x1b) and of the C1 CSI (\x9b);
    // four hex digits above it, which also covers a lone surrogate (\ud800).
    if (codePoint < 0x100)
        out +=
            QLatin1String("\\x") + QString::number(uint(codePoint), 16).rightJustified(2, QLatin1Char('0'));
    else
        out +=
            QLatin1String("\\u") + QString::number(uint(codePoint), 16).rightJustified(4, QLatin1Char('0'));
}

bool keptInMultiline(char32_t codePoint)
{
    return codePoint == U'\n' || codePoint == U'\t';
}

QString makeSafe(const QString& text, Lines lines)
{
    const auto needsEscape = [lines](char32_t codePoint) {
        return isTerminalUnsafe(codePoint) && !(lines == Lines::Multi && keptInMultiline(codePoint));
    };

    // Nearly every string is clean: find the first unsafe unit before building anything, so that the
    // common case hands back the implicitly shared input without a copy.
    const qsizetype size = text.size();
    const QChar* data = text.constData();
    qsizetype first = 0;
    for (; first < size; ++first) {
        const QChar unit = data[first];
        if (unit.isHighSurrogate() && first + 1 < size && data[first + 1].isLowSurrogate()) {
            ++first; // a valid pair: no code point above U+FFFF is escaped
            continue;
        }
        if (unit.isSurrogate() || needsEscape(unit.unicode()))
            break;
    }
    if (first >= size)
        return text;

    QString out;
    out.reserve(size + 16); // once, before the loop; append grows geometrically from here
    out.append(data, first);
    for (qsizetype i = first; i < size; ++i) {
        const QChar unit = data[i];
        if (unit.isHighSurrogate() && i + 1 < size && data[i + 1].isLowSurrogate()) {
            out.append(data + i, 2);
            ++i;
        } else if (unit.isSurrogate() || needsEscape(unit.unicode())) {
            appendEscape(out, unit.unicode());
        } else {
            out.append(unit);
        }
    }
    return out;
}

} // namespace

bool isTerminalUnsafe(char32_t codePoint)
{
    if (codePoint < 0x20 || (codePoint >= 0x7f && codePoint <= 0x9f))
        return true;
    if (codePoint >= 0x202a && codePoint <= 0x202e) // LRE, RLE, PDF, LRO, RLO
        return true;
    if (codePoint >= 0x2066 && codePoint <= 0x2069) // LRI, RLI, FSI, PDI
        return true;
    switch (codePoint) {
    case 0x200e: // LRM
    case 0x200f: // RLM
    case 0x061c: // ALM
    case 0x2028: // LINE SEPARATOR: a line break to some renderers, so it could forge a row
    case 0x2029: // PARAGRAPH SEPARATOR: likewise
        return true;
    default:
        return false;
    }
}

QString terminalSafe(const QString& text)
{
    return makeSafe(text, Lines::Single);
}

QString terminalSafeMultiline(const QString& text)
{
    return makeSafe(text, Lines::Multi);
}

} // namespace Alchemyst
