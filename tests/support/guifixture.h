#pragma once

// What the GUI tests share: settings of their own, a still simulator with the jobs a test adds, the real
// MainWindow connected to it (Window: made, shown and deleted in one place), rows clicked as a person
// clicks them, modal dialogs answered from inside their event loop, screenshots for review.
#include <QApplication>
#include <QHash>
#include <QString>
#include <QStringList>
#include <QTest>
#include <QTimer>
#include <functional>
#include <initializer_list>

class QNetworkAccessManager;
class QPushButton;
class QTableView;
class QTemporaryDir;
class QWidget;

namespace Alchemyst {
class MainWindow;
class Simulator;
class StateList;
struct Environment;
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

// The real window of one test function and what it lists: a test keeps one as a member, opens it (in init()
// or at the top of a test function) and closes it in cleanup(). Each call is false (and a warning) when it
// did not come about, for QVERIFY.
class Window
{
public:
    // parent: the test object, which the manager and the simulator belong to until close().
    explicit Window(QObject* parent)
        : m_parent(parent)
    {}
    ~Window() { close(); }
    Window(const Window&) = delete;
    Window& operator=(const Window&) = delete;

    // A still simulator that accepts the key, with one job in each state (addJobs(): ids()).
    bool startSimulator(const QString& key, const QStringList& states);
    // A network manager and a MainWindow over it, journaling to journalPath when one is given, shown and
    // exposed.
    bool open(const QString& journalPath = QString());
    // A new MainWindow over the same manager in place of the first (a restart), neither shown nor journaling.
    Alchemyst::MainWindow* replaceWindow();
    // Connects the window to the environment with the key and waits until the table holds rows jobs; then
    // no refresh from here on (the automatic one stopped, the one on its way ended): every request a server
    // counts after this is the test's doing.
    bool connectQuietly(const Alchemyst::Environment& environment, const QString& key, int rows);
    // The message boxes the test left open closed, then the window, the manager and the simulator deleted.
    void close();

    Alchemyst::MainWindow* window() const { return m_window; }
    QNetworkAccessManager* manager() const { return m_manager; }
    Alchemyst::Simulator* simulator() const { return m_simulator; }
    // The simulator's jobs by state, as startSimulator() added them.
    const QHash<QString, QString>& ids() const { return m_ids; }
    QTableView* table() const;
    QPushButton* cancelButton() const;
    // Clicks the job's row in the table's id column (selectJob()).
    bool selectJob(const QString& id) const;

private:
    QObject* m_parent;
    QNetworkAccessManager* m_manager = nullptr;
    Alchemyst::Simulator* m_simulator = nullptr;
    Alchemyst::MainWindow* m_window = nullptr;
    QHash<QString, QString> m_ids;
};

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
