#pragma once

class QLineEdit;
class QToolBar;

namespace Alchemyst {

// Names for the buttons Qt makes by itself, which assistive technology otherwise reads as "button" only.

// The toolbar's overflow button (objectName "qt_toolbar_ext_button", shown when the toolbar is too narrow
// for its items): named "More tools". Call once the toolbar is made.
void nameToolbarExtension(QToolBar* toolbar);
// A line edit's clear button (setClearButtonEnabled(true) first): named "Clear search", with that tool tip.
void nameClearButton(QLineEdit* edit);

} // namespace Alchemyst
