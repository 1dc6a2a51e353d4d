#pragma once

class QMenuBar;
class QWidget;

namespace Alchemyst {

class Simulator;

// The Demo menu: makes the built-in simulator's next cancel meet a running job (409, the contract's
// message) or find the job gone (404), so that a demo can show every outcome without racing the life
// cycle. Shown only while the demo is the environment: call it whenever the session changes, with the
// demo's simulator when the demo is shown and nullptr otherwise (the menu is then hidden). Made once
// (objectName "demoMenu") and reused; window: where "the next cancel will…" is said (its status bar,
// when it is a QMainWindow).
void addDemoMenu(QMenuBar* menuBar, Simulator* simulator, QWidget* window);

} // namespace Alchemyst
