#pragma once

#include "core/connection.h"
#include "core/jobsession.h"

#include <QComboBox>
#include <QObject>
#include <QPointer>
#include <QUrl>
#include <memory>

class QNetworkAccessManager;
class QWidget;

namespace Alchemyst {

// The toolbar's environment chooser. It tells a step of the keyboard or the wheel (the current item moved
// while the list is closed: arrows, Page Up/Down, Home/End, typing a name) from a choice in the open list,
// so that stepping through the environments never lands on production unasked.
class EnvironmentChooser : public QComboBox
{
    Q_OBJECT

public:
    using QComboBox::QComboBox;
    // True while a key press or a wheel turn on the closed chooser is being handled.
    bool isStepping() const { return m_stepping; }

protected:
    void keyPressEvent(QKeyEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;

private:
    bool m_stepping = false;
};

class JobTableWidget;
class Journal;
class SecretStore;
class Simulator;

// Which environment the window shows, and with which key: the environment chooser, the built-in demo, the
// Add/Edit/Remove dialogs, the keychain entries that move with an edit, and the banner's word on the key.
// Choosing an environment starts a JobSession for it (sessionStarted): the window owns it and replaces the
// previous one, and hands it back with setSession(). The key goes to the session as KeyResolver chooses
// it. Dialogs and message boxes are children of the window given (so that they are the window's). It tells
// the window what changed through its signals; it never reaches into the window.
class EnvironmentController : public QObject
{
    Q_OBJECT

public:
    // journal: where the sessions' cancels are recorded (the window's; it outlives this controller).
    EnvironmentController(QWidget* window, QNetworkAccessManager* manager, const Journal* journal,
                          QObject* parent = nullptr);
    ~EnvironmentController() override;

    // The session shown (null: none yet). Answers about an earlier one (a keychain read, a dialog about its
    // key) are dropped: they were for another environment.
    void setSession(JobSession* session);
    JobSession* session() const { return m_session; }

    // The toolbar's chooser: filled now and whenever the environments change; choosing connects. An
    // EnvironmentChooser's step onto a production environment asks first (switchToProductionQuestion).
    void setChooser(QComboBox* chooser);
    // Where the key's and the connection's problems are shown (the banner).
    void setJobTable(JobTableWidget* jobs);
    // Replaces the keychain access (this controller owns it); for a keychain that is locked or absent.
    void setSecretStore(SecretStore* store);

    const Environment& environment() const { return m_environment; }
    // The environment shown before the current one (empty name: none this run). Remove Environment goes
    // back to it unless it is production.
    const Environment& previousEnvironment() const { return m_previous; }
    // True once the session holds a key for the current environment.
    bool keyAvailable() const;
    Simulator* demoSimulator() const { return m_demo.get(); }
    // The only server ALCHEMYST_AI_API_KEY is sent to: ALCHEMYST_AI_BASE_URL when set, else the default
    // server. The SDKs read the two variables as a pair; the key is never carried to another server.
    static QUrl environmentKeyServer();

public slots:
    // Connects to an environment. The key: sessionKey when given, else ALCHEMYST_AI_API_KEY when the
    // environment is that variable's server (environmentKeyServer()), else the keychain.
    void useEnvironment(const Environment& environment, const QString& sessionKey = QString());
    // Starts the built-in simulator on loopback (once) and connects to it.
    void startDemo();
    // Saves a new environment, stores its key in the keychain (or keeps it for this session when there is
    // no keychain, saying so) and connects.
    void addEnvironmentWithKey(const Environment& environment, const QString& key);
    void addEnvironment();
    void editEnvironment();
    // Asks for a new key for the current environment (why: what the server said); never for the demo.
    void offerNewKey(const QString& why);
    // Asks, naming the environment, then removes it and its API key; never the demo. When it was the one
    // shown, the window goes back to the previous environment, else to another saved one that is not
    // production, else to the demo: never to production on its own.
    void confirmRemoveEnvironment(const Environment& environment);
    // Where the key lives (when it could not be stored: for this session only), in the banner; hides the
    // banner when there is nothing to say. Errors replace it only while they last.
    void showKeyNotice();

signals:
    // A session for the environment chosen (its key not known yet), a child of the window: the window
    // shows it and deletes the previous one.
    void sessionStarted(Alchemyst::JobSession* session);
    // The session has a key for the current environment now.
    void keyApplied();
    // What the status bar and the empty table say may have changed.
    void statusChanged();
    void statusMessage(const QString& text, int timeoutMs);

private:
    void rebuildEnvironmentCombo();
    void onEnvironmentChosen(int index);
    // A keyboard step landed on a production environment: asks before showing it.
    void confirmProductionSwitch(const Environment& environment);
    // Which key goes to the current environment's server: KeyResolver::choose(), the CLI's rule too.
    void resolveKeyAndRefresh(const QString& sessionKey);
    void applyKey(const QString& key, JobSession::KeySource source);
    // Writes the key under the environment's keychain entry and connects with it; replacedEntry (another
    // entry the key used to live under) is removed only once the write has succeeded.
    void storeKeyThenUse(const Environment& environment, const QString& key,
                         const QString& replacedEntry = QString());
    void finishEdit(const Environment& previous, const Environment& environment, const QString& key,
                    bool removeOldKey);
    void removeEnvironment(const Environment& environment);
    void showBanner(const QString& richText);

    QWidget* m_window;
    QNetworkAccessManager* m_manager;
    const Journal* m_journal;
    QPointer<JobSession> m_session;
    SecretStore* m_secrets;
    QComboBox* m_chooser = nullptr;
    JobTableWidget* m_jobs = nullptr;
    std::unique_ptr<Simulator> m_demo;
    Environment m_environment;
    Environment m_previous;
    EnvironmentStore m_store;
    QString m_keyNotice; // set when the key could not be stored and lives in memory only
};

} // namespace Alchemyst
