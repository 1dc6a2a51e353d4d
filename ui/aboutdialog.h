#pragma once

#include <QDialog>

class QMenu;
class QTabWidget;

namespace Alchemyst {

// What this build is: version, the commit and release date CMake recorded (never the build time, so
// that two builds of one commit are identical) and the Qt it was built with and runs on.
QString buildDescription();

// Help → About Alchemyst Job Monitor, About Qt and Third-Party Licences…, added to the menu.
void addHelpActions(QMenu* menu, QWidget* parent);

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
