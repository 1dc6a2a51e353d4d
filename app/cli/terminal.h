#pragma once

#include <QString>
#include <QTextStream>

namespace Alchemyst {

// What alchemyst-jobs asks of the terminal it runs on.

// Whether standard input (output) is a terminal; false where that cannot be told (not POSIX).
bool stdinIsTerminal();
bool stdoutIsTerminal();

// One line from standard input, trimmed. On a terminal, *interactive is set, promptText is written to prompt
// and echo is off while the line is read; a signal in that moment (Ctrl+C, a kill) restores the terminal
// before the process dies of it.
QString readSecretFromStdin(bool* interactive, QTextStream& prompt, const QString& promptText);

// On a terminal: asks for the production environment's name; false (and says so on err) unless it was typed.
bool confirmProduction(QTextStream& err, const QString& environmentName, qsizetype count);

} // namespace Alchemyst
