#pragma once

#include "api/apiresult.h"
#include "core/connection.h"
#include "core/journal.h"
#include "jobs/job.h"

#include <QDateTime>
#include <QMainWindow>
#include <QPointer>
#include <QSet>
#include <QTimer>
#include <memory>
#include <optional>

class QAction;
class QComboBox;
class QLabel;
class QLineEdit;
class QModelIndex;
class QNetworkAccessManager;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTabBar;
class QTableView;
class QToolButton;

namespace Alchemyst {

class ApiClient;
class CancelReceiptDialog;
class JobFilterModel;
class JobModel;
class JobMonitor;
class SecretStore;
class Simulator;
class TriageView;

class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(QNetworkAccessManager* manager, QWidget* parent = nullptr);
    ~MainWindow() override;

    // Connects to an environment. The key: sessionKey when given, else ALCHEMYST_AI_API_KEY when the
    // environment is that variable's server (environmentKeyServer()), else the keychain.
    void useEnvironment(const Environment& environment, const QString& sessionKey = QString());
    // Starts the built-in simulator on loopback (once) and connects to it.
    void startDemo();
    Environment currentEnvironment() const { return m_environment; }
    // Saves a new environment, stores its key in the keychain (or keeps it for this session when there is
    // no keychain, saying so) and connects.
    void addEnvironmentWithKey(const Environment& environment, const QString& key);
    // Replaces the keychain access (the window owns it); for a keychain that is locked or absent.
    void setSecretStore(SecretStore* store);
    // The only server ALCHEMYST_AI_API_KEY is sent to: ALCHEMYST_AI_BASE_URL when set, else the default
    // server. The SDKs read the two variables as a pair; the key is never carried to another server.
    static QUrl environmentKeyServer();

    JobMonitor* monitor() const { return m_monitor; }
    ApiClient* client() const;
    JobModel* jobModel() const { return m_model; }
    JobFilterModel* filterModel() const { return m_filter; }
    Simulator* demoSimulator() const { return m_demo.get(); }
    QDateTime lastGoodRefresh() const;
    bool isStale() const;
    int refreshIntervalMs() const;
    TriageView* triageView() const { return m_triageView; }
    // Where cancels are recorded (default: Journal::defaultPath()); single cancels and batches alike.
    void setJournal(const Journal& journal);
    const Journal& journal() const { return m_journal; }
    // The request budget of the next batches of cancels (tests: a small one to stop half way).
    void setBatchRequestBudget(int maxRequests, qint64 windowMs);
    // The running or last batch's progress and receipt, while its dialog is open.
    CancelReceiptDialog* cancelReceipt() const;

public slots:
    void refresh();
    void stopRefresh();
    void cancelSelected();

protected:
    void closeEvent(QCloseEvent* event) override;
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void buildUi();
    void buildActions();
    void rebuildEnvironmentCombo();
    void onEnvironmentChosen(int index);
    void addEnvironment();
    void editEnvironment();
    enum class KeySource
    {
        None,
        Typed,       // entered in a dialog or given by the caller, for this session
        Environment, // ALCHEMYST_AI_API_KEY
        Keychain,
    };
    void applyKey(const QString& key, KeySource source);
    void resolveKeyAndRefresh(const QString& sessionKey);
    void onPassFinished(const ApiResult& result);
    void updateCounts();
    void updateSelection();
    void updateStatus();
    void updateBadge();
    void updateEmptyState();
    void updateProgress();
    void showRefreshProblem(const ApiResult& result);
    void handleCancelResult(const QString& id, const ApiResult& result);
    // The one way a message box is shown: every text in it is plain, whatever the server put in it.
    void showMessage(const QString& objectName, int icon, const QString& title, const QString& text,
                     const QString& details = QString());
    void offerNewKey(const QString& why);
    // Writes the key under the environment's keychain entry and connects with it; replacedEntry (another
    // entry the key used to live under) is removed only once the write has succeeded.
    void storeKeyThenUse(const Environment& environment, const QString& key,
                         const QString& replacedEntry = QString());
    void finishEdit(const Environment& previous, const Environment& environment, const QString& key,
                    bool removeOldKey);
    void showKeyNotice();
    bool confirmProductionCancel(const QString& jobId);
    QString selectedJobId() const;
    JobList selectedJobs() const;
    void updateSeveralSelected();
    void cancelSeveral(const JobList& jobs);
    bool cancelInFlight(const QString& id) const;
    // False when the journal cannot be written and the operator would rather not cancel without a record.
    bool journalReadyOrAccepted();
    // The row's menu (Cancel, Copy Job ID, Refresh This Job) at a point of the viewport, or beside the
    // current row when opened from the keyboard (ui/mainwindowactions.cpp).
    void showJobMenu(const QModelIndex& index, const QPoint& viewportPosition, bool fromKeyboard = false);
    // Asks, naming the environment, then removes it and its API key; never the demo.
    void confirmRemoveEnvironment(const Environment& environment);
    void removeEnvironment(const Environment& environment);

    QNetworkAccessManager* m_manager;
    JobMonitor* m_monitor;
    SecretStore* m_secrets;
    JobModel* m_model;
    JobFilterModel* m_filter;
    std::unique_ptr<Simulator> m_demo;
    Environment m_environment;
    EnvironmentStore m_store;

    QTableView* m_table = nullptr;
    QTabBar* m_stateTabs = nullptr;
    QLineEdit* m_search = nullptr;
    QLabel* m_banner = nullptr;
    QLabel* m_badge = nullptr;
    QLabel* m_lastRefreshLabel = nullptr;
    QLabel* m_selectionLabel = nullptr;
    QLabel* m_emptyLabel = nullptr;
    QPushButton* m_cancelButton = nullptr;
    QComboBox* m_environmentCombo = nullptr;
    QSpinBox* m_intervalSpin = nullptr;
    QAction* m_refreshAction = nullptr;
    QAction* m_autoRefreshAction = nullptr;
    QAction* m_cancelAction = nullptr;
    QAction* m_stopAction = nullptr;
    QAction* m_removeEnvironmentAction = nullptr;
    QProgressBar* m_progressBar = nullptr;

    QTimer m_clock;
    QString m_keyNotice; // set when the key could not be stored and lives in memory only
    bool m_keyAvailable = false;
    int m_generation = 0; // bumps on every environment switch: late answers of the old one are ignored
    KeySource m_keySource = KeySource::None;
    TriageView* m_triageView = nullptr; // the Stuck tab, details, failures, thresholds, tray
    Journal m_journal;
    int m_batchMaxRequests = 0; // 0: CancelBatch's default budget
    qint64 m_batchWindowMs = 0;
    QPointer<CancelReceiptDialog> m_receipt;
    bool m_quitting = false; // File → Quit: the close is not intercepted by the tray
};

} // namespace Alchemyst
