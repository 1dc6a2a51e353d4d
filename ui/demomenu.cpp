#include "demomenu.h"

#include "simulator/simulator.h"

#include <QAction>
#include <QActionGroup>
#include <QCoreApplication>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>
#include <QPointer>
#include <QStatusBar>

namespace Alchemyst {

namespace {

// The menu's items follow the simulator: checked while that outcome waits for the next cancel.
void showOutcome(QMenu* menu, Simulator::CancelOutcome outcome)
{
    const QList<QAction*> actions = menu->actions();
    for (QAction* action : actions) {
        if (action->isCheckable())
            action->setChecked(action->data().toInt() == static_cast<int>(outcome));
    }
}

} // namespace

void addDemoMenu(QMenuBar* menuBar, Simulator* simulator, QWidget* window)
{
    if (!menuBar)
        return;
    auto* menu = menuBar->findChild<QMenu*>(QStringLiteral("demoMenu"));
    if (!menu) {
        menu = new QMenu(QCoreApplication::translate("DemoMenu", "&Demo"), menuBar);
        menu->setObjectName(QStringLiteral("demoMenu"));
        // Before Help, where the menu bar ends as the desktops have it.
        const QList<QAction*> items = menuBar->actions();
        if (items.isEmpty())
            menuBar->addMenu(menu);
        else
            menuBar->insertMenu(items.constLast(), menu);
        const auto add = [menu](const QString& text, Simulator::CancelOutcome outcome, const char* name) {
            QAction* action = menu->addAction(text);
            action->setObjectName(QString::fromLatin1(name));
            action->setCheckable(true);
            action->setData(static_cast<int>(outcome));
        };
        add(QCoreApplication::translate("DemoMenu", "Next Cancel Meets a Running Job"),
            Simulator::CancelOutcome::Running, "demoNextCancelRunning");
        add(QCoreApplication::translate("DemoMenu", "Next Cancel Finds the Job Gone"),
            Simulator::CancelOutcome::Gone, "demoNextCancelGone");
    }
    // The previous follower's connections end with it, at once (not later: they would fire beside new ones).
    delete menu->findChild<QObject*>(QStringLiteral("demoMenuFollower"), Qt::FindDirectChildrenOnly);
    const QList<QAction*> actions = menu->actions();
    menu->menuAction()->setVisible(simulator != nullptr);
    if (!simulator)
        return;
    // Tied to this object: it goes with the simulator or with the next call.
    auto* follower = new QObject(menu);
    follower->setObjectName(QStringLiteral("demoMenuFollower"));
    QObject::connect(simulator, &QObject::destroyed, follower, &QObject::deleteLater);
    QObject::connect(simulator, &Simulator::nextCancelOutcomeChanged, follower,
                     [menu](Simulator::CancelOutcome outcome) { showOutcome(menu, outcome); });
    const QPointer<Simulator> target = simulator;
    const QPointer<QWidget> said = window;
    for (QAction* action : actions) {
        QObject::connect(action, &QAction::triggered, follower, [action, target, said](bool checked) {
            if (!target)
                return;
            const auto outcome = checked ? static_cast<Simulator::CancelOutcome>(action->data().toInt())
                                         : Simulator::CancelOutcome::Normal;
            target->setNextCancelOutcome(outcome);
            auto* main = qobject_cast<QMainWindow*>(said.data());
            if (!main)
                return;
            const QString text =
                outcome == Simulator::CancelOutcome::Running
                    ? QCoreApplication::translate(
                          "DemoMenu", "The next cancel will meet a running job: the server answers 409.")
                : outcome == Simulator::CancelOutcome::Gone
                    ? QCoreApplication::translate(
                          "DemoMenu", "The next cancel will find its job gone: the server answers 404.")
                    : QCoreApplication::translate("DemoMenu",
                                                  "The next cancel is answered as its job's state says.");
            main->statusBar()->showMessage(text, 8000);
        });
    }
    showOutcome(menu, simulator->nextCancelOutcome());
}

} // namespace Alchemyst
