#pragma once

// What the GUI tests share: settings of their own, a still simulator with the jobs a test adds, the real
// MainWindow connected to it, rows clicked as a person clicks them, modal dialogs answered from inside
// their event loop, screenshots for review.
#include <QApplication>
#include <QHash>
#include <QString>
#include <QTest>
#include <QTimer>
#include <functional>
#include <initializer_list>

class QTableView;
class QTemporaryDir;
class QWidget;

namespace Alchemyst {
class MainWindow;
class Simulator;
class StateList;
} // namespace Alchemyst

namespace GuiFixture {

// Settings of this process alone, whatever the platform keeps them in: a developer's are never touched,
// and neither are those of another run of the same test at the same time (test mode alone gives every run
// the same ~/.qttest file, which one run's init() would clear() under the other's feet). Turns on
// QStandardPaths' test mode and clears ALCHEMYST_AI_API_KEY and ALCHEMYST_AI_BASE_URL. False (and a
// warning) when the settings would not live in dir.
bool isolateSettings(const QTemporaryDir& dir, const QString& applicationName);

// A still simulator with no jobs that accepts the key, listening on loopback; null when it cannot listen.
Alchemyst::Simulator* startSimulator(const QString& key, QObject* parent);
// One job in each state, its file "<state>.pdf"; the ids by state.
QHash<QString, QString> addJobs(Alchemyst::Simulator& simulator, std::initializer_list<const char*> states);

// Connects the window to the simulator under the name, with the key, and waits until the table holds
// expectedRows jobs; false (and a warning) when it does not within QTRY's five seconds.
bool connectWindow(Alchemyst::MainWindow* window, const Alchemyst::Simulator& simulator, const QString& key,
                   int expectedRows, const QString& name = QStringLiteral("Local test"),
                   bool production = false);

// The window's state list, and a click on a state's row there as a person clicks it (StateList codes:
// StateList::AllState, StuckState or a StateCategory as int); false when the list has no such row.
Alchemyst::StateList* stateList(const Alchemyst::MainWindow* window);
bool clickState(const Alchemyst::MainWindow* window, int state);

// Clicks the job's row (its cell in column) after scrolling to it; false when the table shows no such job.
bool selectJob(QTableView* table, const QString& id, int column);
// The job's state in the window's model; empty when the window does not list it.
QString stateInWindow(const Alchemyst::MainWindow* window, const QString& id);
// Closes the message boxes a test left open, before the window goes.
void closeMessageBoxes(QWidget* window);
// With AJM_TEST_SCREENSHOTS=DIR, saves what the operator would see at this point, for review.
void snap(const QString& name, QWidget* widget);

// A modal dialog runs its own event loop: the answer is queued before the click that opens one, and runs
// inside that loop once a Dialog is the active modal widget.
template <typename Dialog>
void answerNextModal(QObject* context, std::function<void(Dialog*)> answer)
{
    QTimer::singleShot(0, context, [answer] {
        QTRY_VERIFY(qobject_cast<Dialog*>(QApplication::activeModalWidget()));
        answer(qobject_cast<Dialog*>(QApplication::activeModalWidget()));
    });
}

} // namespace GuiFixture
