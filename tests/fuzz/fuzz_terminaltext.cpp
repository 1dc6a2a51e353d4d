// Any text, as UTF-8 and as raw UTF-16 (lone surrogates included): what terminalSafe() returns can
// never act on a terminal, and text that could not act on one comes back unchanged.
#include "cli/terminaltext.h"
#include "fuzzsupport.h"

#include <cstring>

using namespace Alchemyst;

namespace {

// An oracle written apart from the implementation, from the list in terminaltext.h.
bool actsOnTerminal(char16_t unit, bool multiline)
{
    if (multiline && (unit == u'\n' || unit == u'\t'))
        return false;
    return unit < 0x20 || (unit >= 0x7f && unit <= 0x9f) || (unit >= 0x202a && unit <= 0x202e) ||
           (unit >= 0x2066 && unit <= 0x2069) || unit == 0x200e || unit == 0x200f || unit == 0x061c ||
           unit == 0x2028 || unit == 0x2029;
}

bool inert(const QString& text, bool multiline)
{
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char16_t unit = text.at(i).unicode();
        if (QChar::isHighSurrogate(unit) && i + 1 < text.size() && text.at(i + 1).isLowSurrogate()) {
            ++i;
            continue;
        }
        if (QChar::isSurrogate(unit) || actsOnTerminal(unit, multiline))
            return false;
    }
    return true;
}

void check(const QString& input)
{
    const QString single = terminalSafe(input);
    AJM_FUZZ_CHECK(inert(single, false));
    if (inert(input, false))
        AJM_FUZZ_CHECK(single == input);
    const QString multi = terminalSafeMultiline(input);
    AJM_FUZZ_CHECK(inert(multi, true));
    if (inert(input, true))
        AJM_FUZZ_CHECK(multi == input);
    // Escaping is idempotent on what it produced: nothing in an escape needs escaping again.
    AJM_FUZZ_CHECK(terminalSafe(single) == single);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    check(QString::fromUtf8(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size)));

    QString units(static_cast<qsizetype>(size / 2), Qt::Uninitialized);
    if (!units.isEmpty())
        std::memcpy(units.data(), data, (size / 2) * sizeof(char16_t));
    check(units);
    return 0;
}
