#pragma once

#include <QString>

namespace Alchemyst {

// A state as the window names it, in the operator's language: "waiting" is "Waiting" in English and
// "Wartend" in German, the word the state filter uses for it. States the app does not know ("prioritized",
// "waiting-children", whatever the server sends next) are shown as they came. Exports, the command line
// and the tool tips keep the server's own word (Job::state).
QString stateDisplayName(const QString& state);

} // namespace Alchemyst
