#pragma once

#include "api/apiresult.h"
#include "cancelcontroller.h"
#include "core/connection.h"
#include "core/journal.h"
#include "environmentcontroller.h"
#include "jobs/job.h"

#include <QDateTime>
#include <QHash>
#include <QMainWindow>
#include <QPointer>
#include <QSet>
#include <QTimer>
#include <memory>
#include <optional>

class QAction;
class QComboBox;
class QLabel;
class QMenu;
class QNetworkAccessManager;
class QProgressBar;
class QSpinBox;

namespace Alchemyst {

class ApiClient;
class BudgetMeter;
class VerdictLabel;
class CancelReceiptDialog;
class EnvironmentBadge;
class JobFilterModel;
class JobModel;
class JobMonitor;
class JobSession;
class JobTableWidget;
class SecretStore;
class Simulator;
class StateList;
class TriageView;

// The shell: menus, toolbar, docks and status bar around the job table, over the current JobSession (one
// per environment: choosing another replaces it), and the parts that do the work, each given the session
// with setSession()/setMonitor(): EnvironmentController (which environment, which key), CancelController
// (what may be cancelled, and the cancels) and TriageView (stuck jobs, details, failures, tray). The states
// are chosen in the StateList on the left (the state tabs of JobTableWidget stay as the hidden model of the
// choice, which TriageView and older code drive); the environment is always in sight in the strip under the
// menu bar and, for production, in the title.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(QNetworkAccessManager* manager, QWidget* parent = nullptr);
    ~MainWindow() override;

    // Connects to an environment. The key: sessionKey when given, else ALCHEMYST_AI_API_KEY when the
    // environment is that variable's server (environmentKeyServer()), else the keychain.
    void useEnvironment(const Environment& environment, const QString& sessionKey = QString())
    {
        m_environments->useEnvironment(environment, sessionKey);
    }
    // Starts the built-in simulator on loopback (once) and connects to it.
    void startDemo() { m_environments->startDemo(); }
    Environment currentEnvironment() const { return m_environments->environment(); }
    // Saves a new environment, stores its key in the keychain (or keeps it for this session when there is
    // no keychain, saying so) and connects.
    void addEnvironmentWithKey(const Environment& environment, const QString& key)
    {
        m_environments->addEnvironmentWithKey(environment, key);
    }
    // Replaces the keychain access (the window owns it); for a keychain that is locked or absent.
    void setSecretStore(SecretStore* store) { m_environments->setSecretStore(store); }
    // The only server ALCHEMYST_AI_API_KEY is sent to: ALCHEMYST_AI_BASE_URL when set, else the default
    // server. The SDKs read the two variables as a pair; the key is never carried to another server.
    static QUrl environmentKeyServer() { return EnvironmentController::environmentKeyServer(); }

    // The current environment's session (null until one is chosen), its monitor and the monitor's client:
    // all three are replaced by a switch of environment.
    JobSession* session() const { return m_session; }
    JobMonitor* monitor() const;
    ApiClient* client() const;
    // The session's jobs, or an empty model while there is none.
    JobModel* jobModel() const;
    JobFilterModel* filterModel() const { return m_filter; }
    Simulator* demoSimulator() const { return m_environments->demoSimulator(); }
    QDateTime lastGoodRefresh() const;
    bool isStale() const;
    int refreshIntervalMs() const;
    TriageView* triageView() const { return m_triageView; }
    JobTableWidget* jobTable() const { return m_jobs; }
    StateList* stateList() const { return m_stateList; }
    // Shows a state (a StateList code: StateList::AllState, StuckState or a StateCategory as int), and under
    // Failed one failure group (empty: every failure). Ctrl+1…Ctrl+9 do it in StateList::stateOrder().
    void showState(int state, const QString& failureGroup = QString());
    int currentState() const;
    // A permanent widget in the status bar, left of the refresh status (a budget meter, a verdict).
    void addPermanentStatusWidget(QWidget* widget, int stretch = 0);
    EnvironmentController* environments() const { return m_environments; }
    CancelController* cancels() const { return m_cancels; }
    // Where cancels are recorded (default: Journal::defaultPath()); single cancels and batches alike, of
    // this session and the next ones.
    void setJournal(const Journal& journal);
    const Journal& journal() const { return m_journal; }
    // The request budget of the batches of cancels from now on (tests: a small one to stop half way).
    void setBatchRequestBudget(int maxRequests, qint64 windowMs)
    {
        m_cancels->setBatchRequestBudget(maxRequests, windowMs);
    }
    // The running or last batch's progress and receipt, while its dialog is open.
    CancelReceiptDialog* cancelReceipt() const { return m_cancels->receipt(); }

    // Edit → Copy Job ID / Copy for a Ticket: the selected jobs' ids, one a line, or their Markdown table
    // (TriageView::selectedMarkdown) on the clipboard.
    void copySelectedIds();
    void copySelectedAsMarkdown();
    // Edit → Preferences…: the settings dialog, non-modal, its changes applied to the window on OK.
    void openPreferences();

public slots:
    void refresh();
    void stopRefresh();
    void cancelSelected() { m_cancels->cancelSelected(); }

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void buildActions();
    void buildMenus();
    void buildEditMenu();
    // View: the docks' and the toolbar's toggles (once the docks exist).
    void buildViewToggles();
    void buildToolbar();
    void buildStatusBar();
    // View, found or made (TriageView and others add to it too).
    QMenu* viewMenu();
    // Shows the session (a child of the window) and deletes the previous one.
    void setSession(JobSession* session);
    void onPassFinished(const ApiResult& result);
    void showRefreshProblem(const ApiResult& result);
    void showHistoryProblem(const QString& sentence);
    void updateCounts();
    void updateStatus();
    void updateBadge();
    void updateEmptyState();
    void updateProgress();
    // The state tab changed, by the list, a shortcut, the tray or a test: the one place that hears of it.
    void onStateTabChanged(int tab);
    // Search text and auto-refresh are the environment's: kept when leaving it, given back on return.
    void keepViewFilters(const QString& environmentName);
    void restoreViewFilters(const QString& environmentName);

    JobSession* m_session = nullptr;
    JobModel* m_noJobs; // what the table shows before the first session
    JobFilterModel* m_filter;
    Journal m_journal;
    EnvironmentController* m_environments = nullptr;
    CancelController* m_cancels = nullptr;
    JobTableWidget* m_jobs = nullptr;
    TriageView* m_triageView = nullptr; // the Stuck tab, details, failures, thresholds, tray
    StateList* m_stateList = nullptr;

    struct ViewFilters
    {
        QString search;
        bool autoRefresh = true;
    };
    QHash<QString, ViewFilters> m_viewFilters; // by environment name, for this run
    QString m_shownEnvironment;                // whose filters the widgets hold now
    bool m_firstSession = true;                // the first environment keeps the stored auto-refresh

    EnvironmentBadge* m_badge = nullptr;
    BudgetMeter* m_budgetMeter = nullptr;
    VerdictLabel* m_verdict = nullptr;
    QLabel* m_lastRefreshLabel = nullptr;
    QComboBox* m_environmentCombo = nullptr;
    QSpinBox* m_intervalSpin = nullptr;
    QAction* m_refreshAction = nullptr;
    QAction* m_autoRefreshAction = nullptr;
    QAction* m_cancelAction = nullptr;
    QAction* m_stopAction = nullptr;
    QAction* m_copyIdAction = nullptr;
    QAction* m_copyMarkdownAction = nullptr;
    QAction* m_selectAllAction = nullptr;
    QAction* m_utcAction = nullptr;
    QAction* m_editEnvironmentAction = nullptr;
    QAction* m_removeEnvironmentAction = nullptr;
    QProgressBar* m_progressBar = nullptr;
    QTimer m_clock;
    bool m_quitting = false; // File → Quit: the close is not intercepted by the tray
};

} // namespace Alchemyst
