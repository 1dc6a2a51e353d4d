#pragma once

#include <QDialog>

class QMenu;
class QTabWidget;

namespace Alchemyst {

// What this build is: version, the commit and release date CMake recorded (never the build time, so
// that two builds of one commit are identical) and the Qt it was built with and runs on.
QString buildDescription();

// What a bug report needs, as plain text for the clipboard: the build, the platform (OS, CPU, the Qt
// platform plugin and the style) and the language. Never an environment's address or key.
QString versionInformation();

// Help → Keyboard Shortcuts, Copy Version Information, About Alchemyst Job Monitor, About Qt and
// Third-Party Licences…, added to the menu. The shortcuts are read from parent's menu bar when shown,
// so that they are the ones the window really has.
void addHelpActions(QMenu* menu, QWidget* parent);

// Every action of a window's menus that has a shortcut, by menu: "File", "Quit", "Ctrl+Q".
class ShortcutsDialog : public QDialog
{
    Q_OBJECT

public:
    explicit ShortcutsDialog(QWidget* window, QWidget* parent = nullptr);
    struct Entry
    {
        QString menu;
        QString action;
        QString shortcuts; // native text, several separated by ", "
    };
    static QList<Entry> entries(QWidget* window);
};

// The licences of what the packages contain: ours (MIT), Qt's (LGPL-3.0 with where its source is) and
// QtKeychain's (BSD), from the texts compiled into the application.
class LicencesDialog : public QDialog
{
    Q_OBJECT

public:
    explicit LicencesDialog(QWidget* parent = nullptr);
    QTabWidget* tabs() const { return m_tabs; }
    // The text of a bundled licence file (":/licenses/<file>"), empty when it is missing.
    static QString licenceText(const QString& file);

private:
    QTabWidget* m_tabs;
};

} // namespace Alchemyst
