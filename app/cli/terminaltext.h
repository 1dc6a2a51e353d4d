#pragma once

#include <QString>

namespace Alchemyst {

// Server-supplied text made safe to print on a terminal: every code point that a terminal or the
// Unicode bidi algorithm acts on instead of showing is replaced by a visible escape (\x1b, \r,
// \u202e, ...), so that a job id, state, file name or message can never move the cursor, clear the
// screen, set the window title, write the clipboard (OSC 52), forge table rows or reorder the text
// around it. Everything else, ordinary Unicode and emoji included, passes unchanged.
//
// Escaped: C0 controls U+0000-U+001F, DEL U+007F, C1 controls U+0080-U+009F (a lone 0x9b is a CSI
// on some terminals), the bidi embeddings, overrides and isolates U+202A-U+202E and U+2066-U+2069,
// the marks U+200E, U+200F and U+061C, the line and paragraph separators U+2028 and U+2029, and
// lone surrogates. A backslash is left as it is: file names with Windows paths stay readable, at
// the price that a literal "\x1b" in the input reads the same as an escaped ESC.

// For one table cell or any one-line field: tab, line feed and carriage return are escaped too.
QString terminalSafe(const QString& text);

// For a message that may span lines: line feeds and tabs are kept, everything else as above.
QString terminalSafeMultiline(const QString& text);

// True when terminalSafe() escapes the code point (surrogates are judged by the caller).
bool isTerminalUnsafe(char32_t codePoint);

} // namespace Alchemyst
