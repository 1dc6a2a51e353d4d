#include "accessiblenames.h"

#include <QAbstractButton>
#include <QAction>
#include <QCoreApplication>
#include <QLineEdit>
#include <QToolBar>
#include <QToolButton>

namespace Alchemyst {

void nameToolbarExtension(QToolBar* toolbar)
{
    if (!toolbar)
        return;
    auto* button = toolbar->findChild<QAbstractButton*>(QStringLiteral("qt_toolbar_ext_button"));
    if (!button)
        return;
    const QString name = QCoreApplication::translate("AccessibleNames", "More tools");
    button->setAccessibleName(name);
    button->setAccessibleDescription(
        QCoreApplication::translate("AccessibleNames", "The toolbar items that do not fit the window"));
    button->setToolTip(name);
}

void nameClearButton(QLineEdit* edit)
{
    if (!edit)
        return;
    const QString name = QCoreApplication::translate("AccessibleNames", "Clear search");
    // Qt's own clear action (no text of its own) and the button that shows it.
    const QList<QAction*> actions = edit->findChildren<QAction*>(QStringLiteral("_q_qlineeditclearaction"));
    for (QAction* action : actions) {
        action->setText(name);
        action->setToolTip(name);
    }
    const QList<QToolButton*> buttons = edit->findChildren<QToolButton*>();
    for (QToolButton* button : buttons) {
        if (button->defaultAction() && actions.contains(button->defaultAction())) {
            button->setAccessibleName(name);
            button->setToolTip(name);
        }
    }
}

} // namespace Alchemyst
