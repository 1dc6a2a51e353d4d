#include "environmentcontroller.h"

#include "api/apiclient.h"
#include "connectiondialog.h"
#include "core/resolvers.h"
#include "credentials/secretstore.h"
#include "jobtablewidget.h"
#include "messages.h"
#include "simulator/simulator.h"

#include <QAbstractButton>
#include <QComboBox>
#include <QKeyEvent>
#include <QMessageBox>
#include <QPushButton>
#include <QWheelEvent>

namespace Alchemyst {

namespace {

const QString DemoKey = QStringLiteral("__demo__");
const QString AddKey = QStringLiteral("__add__");

// Scheme, host and port, the scheme's default port filled in: what a browser would call the origin.
bool sameOrigin(const QUrl& a, const QUrl& b)
{
    const auto port = [](const QUrl& url) {
        const QString scheme = url.scheme().toLower();
        return url.port(scheme == QLatin1String("https") ? 443 : scheme == QLatin1String("http") ? 80 : -1);
    };
    return a.scheme().compare(b.scheme(), Qt::CaseInsensitive) == 0 &&
           a.host().compare(b.host(), Qt::CaseInsensitive) == 0 && port(a) == port(b);
}

} // namespace

void EnvironmentChooser::keyPressEvent(QKeyEvent* event)
{
    // QComboBox moves the current item and emits activated() from inside its key handler.
    m_stepping = true;
    QComboBox::keyPressEvent(event);
    m_stepping = false;
}

void EnvironmentChooser::wheelEvent(QWheelEvent* event)
{
    m_stepping = true;
    QComboBox::wheelEvent(event);
    m_stepping = false;
}

EnvironmentController::EnvironmentController(QWidget* window, QNetworkAccessManager* manager,
                                             const Journal* journal, QObject* parent)
    : QObject(parent)
    , m_window(window)
    , m_manager(manager)
    , m_journal(journal)
    , m_secrets(new SecretStore(QStringLiteral(AJM_APP_ID), this))
{}

EnvironmentController::~EnvironmentController() = default;

QUrl EnvironmentController::environmentKeyServer()
{
    return KeyResolver::variableKeyServer(qEnvironmentVariable(BaseUrlVariable));
}

void EnvironmentController::setSession(JobSession* session)
{
    m_session = session;
}

bool EnvironmentController::keyAvailable() const
{
    return m_session && m_session->hasApiKey();
}

void EnvironmentController::setChooser(QComboBox* chooser)
{
    m_chooser = chooser;
    connect(m_chooser, &QComboBox::activated, this, &EnvironmentController::onEnvironmentChosen);
    rebuildEnvironmentCombo();
}

void EnvironmentController::setJobTable(JobTableWidget* jobs)
{
    m_jobs = jobs;
}

void EnvironmentController::setSecretStore(SecretStore* store)
{
    delete m_secrets;
    m_secrets = store;
    m_secrets->setParent(this);
}

void EnvironmentController::showBanner(const QString& richText)
{
    if (m_jobs)
        m_jobs->showBanner(richText);
}

void EnvironmentController::rebuildEnvironmentCombo()
{
    if (!m_chooser)
        return;
    QSignalBlocker blocker(m_chooser);
    m_chooser->clear();
    m_chooser->addItem(EnvironmentStore::demoName(), DemoKey);
    for (const Environment& environment : m_store.environments())
        m_chooser->addItem(environment.production ? tr("%1 (production)").arg(environment.name)
                                                  : environment.name,
                           environment.name);
    if (!m_environment.name.isEmpty() && m_environment.name != EnvironmentStore::demoName() &&
        !m_store.find(m_environment.name)) {
        m_chooser->addItem(m_environment.name, m_environment.name); // from the command line, unsaved
    }
    m_chooser->insertSeparator(m_chooser->count());
    m_chooser->addItem(tr("Add environment…"), AddKey);
    const int current =
        m_environment.name == EnvironmentStore::demoName() ? 0 : m_chooser->findData(m_environment.name);
    m_chooser->setCurrentIndex(m_environment.name.isEmpty() ? -1 : qMax(0, current));
}

void EnvironmentController::onEnvironmentChosen(int index)
{
    const QString key = m_chooser->itemData(index).toString();
    if (key == AddKey) {
        rebuildEnvironmentCombo(); // put the selection back while the dialog is open
        addEnvironment();
        return;
    }
    if (key == DemoKey) {
        startDemo();
        return;
    }
    if (key == m_environment.name)
        return;
    const std::optional<Environment> environment = m_store.find(key);
    if (!environment)
        return;
    const auto* chooser = qobject_cast<const EnvironmentChooser*>(m_chooser);
    if (environment->production && chooser && chooser->isStepping()) {
        rebuildEnvironmentCombo(); // the chooser shows where the window still is while it asks
        return confirmProductionSwitch(*environment);
    }
    useEnvironment(*environment);
}

void EnvironmentController::confirmProductionSwitch(const Environment& environment)
{
    auto* question = new QMessageBox(
        QMessageBox::Warning, tr("Switch to production?"),
        tr("\"%1\" is a production environment (%2).\n\nShow its jobs? Cancels there act on real work.")
            .arg(environment.name, displayHost(environment.baseUrl)),
        QMessageBox::NoButton, m_window);
    question->setObjectName(QStringLiteral("switchToProductionQuestion"));
    question->setTextFormat(Qt::PlainText);
    question->setInformativeText(
        tr("The arrow keys step through the environments. Open the list (Alt+Down) and press Enter to "
           "switch without this question."));
    QPushButton* stay = question->addButton(
        m_environment.name.isEmpty() ? tr("Stay") : tr("Stay on %1").arg(m_environment.name),
        QMessageBox::RejectRole);
    stay->setObjectName(QStringLiteral("stayButton"));
    QPushButton* go = question->addButton(tr("Switch to Production"), QMessageBox::AcceptRole);
    go->setObjectName(QStringLiteral("switchButton"));
    question->setDefaultButton(stay);
    question->setEscapeButton(stay);
    question->setAttribute(Qt::WA_DeleteOnClose);
    // Void once the operator went elsewhere meanwhile (the session asked from is gone).
    const QPointer<JobSession> asked = m_session;
    connect(question, &QMessageBox::buttonClicked, this,
            [this, go, environment, asked](QAbstractButton* button) {
                if (button == go && asked == m_session)
                    useEnvironment(environment);
            });
    question->open();
}

void EnvironmentController::startDemo()
{
    if (!m_demo) {
        Simulator::Options options;
        m_demo = std::make_unique<Simulator>(options);
        if (m_demo->listen(QHostAddress::LocalHost, 0) == 0) {
            m_demo.reset();
            showMessage(m_window, QStringLiteral("demoErrorDialog"), QMessageBox::Critical, tr("Demo"),
                        tr("The built-in simulator could not listen on 127.0.0.1."));
            return;
        }
    }
    Environment demo{EnvironmentStore::demoName(), m_demo->baseUrl(), false};
    useEnvironment(demo, QString::fromLatin1(Simulator::DemoToken));
}

void EnvironmentController::useEnvironment(const Environment& environment, const QString& sessionKey)
{
    m_keyNotice.clear();
    if (m_jobs)
        m_jobs->hideBanner();
    if (environment.name != m_environment.name)
        m_previous = m_environment;
    m_environment = environment;
    if (environment.name == EnvironmentStore::demoName() || m_store.find(environment.name))
        m_store.setActiveName(environment.name);
    rebuildEnvironmentCombo();
    // A session of its own: the previous one's reads and late answers die with it (its cancels on their
    // way still finish and are journaled). The window takes it over and hands it back (setSession).
    emit sessionStarted(new JobSession(m_manager, environment, *m_journal, CancelOrigin::Window, m_window));

    const QString problem = ApiClient::checkBaseUrl(environment.baseUrl);
    if (!problem.isEmpty()) {
        showBanner(tr("<b>Cannot connect.</b> %1").arg(escaped(problem)));
        emit statusChanged();
        return;
    }
    resolveKeyAndRefresh(sessionKey);
}

void EnvironmentController::resolveKeyAndRefresh(const QString& sessionKey)
{
    // The CLI's rule: a key typed for this session, else ALCHEMYST_AI_API_KEY but only on its own server,
    // else the keychain entry of this environment.
    const bool saved = m_store.find(m_environment.name).has_value();
    const KeyChoice choice = KeyResolver::choose(m_environment, saved, sessionKey, apiKeyFromEnvironment(),
                                                 qEnvironmentVariable(BaseUrlVariable));
    switch (choice.source) {
    case KeyChoice::Source::Session:
        return applyKey(choice.key, JobSession::KeySource::Typed);
    case KeyChoice::Source::Variable:
        return applyKey(choice.key, JobSession::KeySource::Environment);
    case KeyChoice::Source::None:
        emit statusChanged();
        return;
    case KeyChoice::Source::Keychain:
        break;
    }
    // The answer is for this session only: an environment chosen meanwhile has a session of its own.
    const QPointer<JobSession> asked = m_session;
    const QString name = m_environment.name;
    const QString note = choice.variableNote;
    m_secrets->read(choice.keychainEntry, [this, asked, name, note](const SecretResult& result) {
        if (!asked || asked != m_session)
            return;
        if (result.status == SecretResult::Ok && !result.secret.isEmpty())
            return applyKey(result.secret, JobSession::KeySource::Keychain);
        const QString aside = note.isEmpty() ? QString() : QStringLiteral("<br>") + escaped(note);
        if (result.status == SecretResult::NotFound || result.status == SecretResult::Ok) {
            showBanner(tr("<b>No API key</b> is stored for %1. <a href=\"key\">Enter the key…</a> (or start "
                          "with ALCHEMYST_AI_API_KEY set).")
                           .arg(escaped(name)) +
                       aside);
        } else if (result.status == SecretResult::Locked) {
            // Whether a key is stored cannot be told until the keychain is unlocked: never "no key".
            showBanner(tr("<b>Keychain locked.</b> %1 <a href=\"key\">Enter a key for this session only…</a>")
                           .arg(escaped(result.message)) +
                       aside);
        } else {
            showBanner(tr("<b>Keychain unavailable.</b> %1 <a href=\"key\">Enter a key for this session "
                          "only…</a>")
                           .arg(escaped(result.message)) +
                       aside);
        }
        emit statusChanged();
    });
}

void EnvironmentController::applyKey(const QString& key, JobSession::KeySource source)
{
    if (!m_session)
        return;
    if (m_jobs)
        m_jobs->hideBanner();
    m_session->setApiKey(key, source);
    emit keyApplied();
}

void EnvironmentController::showKeyNotice()
{
    showBanner(m_keyNotice);
}

void EnvironmentController::addEnvironmentWithKey(const Environment& environment, const QString& key)
{
    if (!m_store.save(environment)) {
        showMessage(m_window, QStringLiteral("environmentSaveErrorDialog"), QMessageBox::Critical,
                    tr("Environment not saved"), m_store.errorString());
        return;
    }
    storeKeyThenUse(environment, key);
}

void EnvironmentController::storeKeyThenUse(const Environment& environment, const QString& key,
                                            const QString& replacedEntry)
{
    if (key.isEmpty())
        return useEnvironment(environment);
    const QPointer<JobSession> asked = m_session; // null before the first environment
    const QString entry = SecretStore::keyFor(environment.name, environment.baseUrl.toString());
    m_secrets->write(
        entry, key, [this, environment, key, asked, entry, replacedEntry](const SecretResult& stored) {
            // The old entry goes only once the key is known to live under the new one: a failed write
            // must not leave the operator with no stored key at all.
            if (stored.status == SecretResult::Ok && !replacedEntry.isEmpty() && replacedEntry != entry)
                m_secrets->remove(replacedEntry, [](const SecretResult&) {});
            if (asked != m_session)
                return; // the operator went elsewhere meanwhile: stay there
            // Without a keychain the key still serves this session, in memory only.
            useEnvironment(environment, key);
            if (stored.status != SecretResult::Ok) {
                m_keyNotice =
                    tr("<b>The key is used for this session only:</b> %1").arg(escaped(stored.message));
                showKeyNotice();
            }
        });
}

void EnvironmentController::offerNewKey(const QString& why)
{
    if (m_environment.name == EnvironmentStore::demoName() || m_environment.name.isEmpty() || !m_session)
        return;
    auto* dialog = new ConnectionDialog(ConnectionDialog::Edit, m_manager, m_window);
    dialog->setObjectName(QStringLiteral("newKeyDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setEnvironment(m_environment, false);
    dialog->setWindowTitle(tr("Enter a new API key"));
    dialog->setIntro(why.isEmpty() ? tr("Enter the API key for %1.").arg(m_environment.name) : why);
    // A key for this session's environment: when the operator switched meanwhile, the session is gone and
    // so is this connection.
    connect(dialog, &QDialog::accepted, m_session, [this, dialog] {
        const Environment environment = dialog->environment();
        if (m_store.find(m_environment.name) || m_store.find(environment.name))
            m_store.save(environment);
        storeKeyThenUse(environment, dialog->apiKey());
    });
    dialog->open();
}

void EnvironmentController::addEnvironment()
{
    auto* dialog = new ConnectionDialog(ConnectionDialog::Add, m_manager, m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this,
            [this, dialog] { addEnvironmentWithKey(dialog->environment(), dialog->apiKey()); });
    dialog->open();
}

void EnvironmentController::editEnvironment()
{
    if (m_environment.name == EnvironmentStore::demoName() || m_environment.name.isEmpty())
        return addEnvironment();
    auto* dialog = new ConnectionDialog(ConnectionDialog::Edit, m_manager, m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setEnvironment(m_environment, keyAvailable());
    const Environment previous = m_environment;
    dialog->setRemovable(true);
    connect(dialog, &ConnectionDialog::removeRequested, this,
            [this, previous] { confirmRemoveEnvironment(previous); });
    connect(dialog, &QDialog::accepted, this, [this, dialog, previous] {
        const Environment environment = dialog->environment();
        const QString typed = dialog->apiKey();
        const bool removeOldKey = dialog->removeKeyRequested();
        const bool renamed = environment.name != previous.name;
        // The new one is saved before the old name goes, and a rename never overwrites another environment:
        // a refused save leaves everything as it was.
        if (!m_store.save(environment, renamed ? EnvironmentStore::AddOnly : EnvironmentStore::Replace)) {
            showMessage(m_window, QStringLiteral("environmentSaveErrorDialog"), QMessageBox::Critical,
                        tr("Environment not saved"), m_store.errorString());
            return;
        }
        if (renamed)
            m_store.remove(previous.name);
        const bool moved = renamed || environment.baseUrl != previous.baseUrl;
        const JobSession::KeySource source = m_session ? m_session->keySource() : JobSession::KeySource::None;
        const bool keyInUse =
            source == JobSession::KeySource::Keychain || source == JobSession::KeySource::Typed;
        if (!typed.isEmpty() || removeOldKey || !moved || !keyInUse)
            return finishEdit(previous, environment, typed, removeOldKey);
        const QString current = m_session->apiKey();
        if (sameOrigin(previous.baseUrl, environment.baseUrl))
            return finishEdit(previous, environment, current, false); // same server: the key moves along
        // Another server: a key is a credential for one server, and the operator decides whether this one
        // may go to the new one. The default is No, then the window asks for the new server's key.
        auto* question = new QMessageBox(
            QMessageBox::Question, tr("Use the same API key?"),
            tr("The base URL of %1 changed from %2 to %3.\n\nSend the API key used for %2 to %3 as well?")
                .arg(environment.name, displayHost(previous.baseUrl), displayHost(environment.baseUrl)),
            QMessageBox::Yes | QMessageBox::No, m_window);
        question->setObjectName(QStringLiteral("carryKeyQuestion"));
        question->setTextFormat(Qt::PlainText);
        question->setDefaultButton(QMessageBox::No);
        question->setEscapeButton(QMessageBox::No);
        question->setAttribute(Qt::WA_DeleteOnClose);
        // About this session's key: void once the operator went elsewhere (the session is gone).
        connect(
            question, &QMessageBox::finished, m_session, [this, previous, environment, current](int answer) {
                finishEdit(previous, environment, answer == QMessageBox::Yes ? current : QString(), false);
            });
        question->open();
    });
    dialog->open();
}

void EnvironmentController::finishEdit(const Environment& previous, const Environment& environment,
                                       const QString& key, bool removeOldKey)
{
    const QString oldEntry = SecretStore::keyFor(previous.name, previous.baseUrl.toString());
    if (!key.isEmpty()) {
        // Replaces the stored key; the old entry, when the name or URL changed, goes after the write.
        return storeKeyThenUse(
            environment, key,
            oldEntry != SecretStore::keyFor(environment.name, environment.baseUrl.toString()) ? oldEntry
                                                                                              : QString());
    }
    if (!removeOldKey) {
        // Nothing to store: a key not carried to another server stays under its own entry, which is what
        // the old name and URL would find again.
        return useEnvironment(environment);
    }
    const QPointer<JobSession> asked = m_session;
    m_secrets->remove(oldEntry, [this, environment, asked](const SecretResult&) {
        // Connects after the removal, so that the keychain read cannot find the key just removed.
        if (asked == m_session)
            useEnvironment(environment);
    });
}

void EnvironmentController::confirmRemoveEnvironment(const Environment& environment)
{
    if (environment.name.isEmpty() || environment.name == EnvironmentStore::demoName())
        return; // the built-in demo is not saved and cannot be removed
    auto* question = new QMessageBox(
        QMessageBox::Warning, tr("Remove environment"),
        tr("Remove the environment \"%1\" (%2) and delete its API key from the system keychain?\n\n"
           "To use it again you will need to add it and enter the key again.")
            .arg(environment.name, displayHost(environment.baseUrl)),
        QMessageBox::Cancel, m_window);
    question->setObjectName(QStringLiteral("removeEnvironmentQuestion"));
    question->setTextFormat(Qt::PlainText);
    QPushButton* remove = question->addButton(tr("Remove"), QMessageBox::DestructiveRole);
    remove->setObjectName(QStringLiteral("removeButton"));
    question->setDefaultButton(QMessageBox::Cancel);
    question->setEscapeButton(QMessageBox::Cancel);
    question->setAttribute(Qt::WA_DeleteOnClose);
    connect(question, &QMessageBox::buttonClicked, this,
            [this, remove, environment](QAbstractButton* button) {
                if (button == remove)
                    removeEnvironment(environment);
            });
    question->open();
}

void EnvironmentController::removeEnvironment(const Environment& environment)
{
    // The saved entry is the truth (the dialog may have shown edits not saved); the key first, as the
    // CLI's `env remove` does: nobody is told "removed" while the secret is still in the keychain.
    const Environment saved = m_store.find(environment.name).value_or(environment);
    m_secrets->remove(
        SecretStore::keyFor(saved.name, saved.baseUrl.toString()),
        [this, saved](const SecretResult& removed) {
            if (removed.status != SecretResult::Ok) {
                showMessage(
                    m_window, QStringLiteral("environmentRemoveErrorDialog"), QMessageBox::Critical,
                    tr("Environment not removed"),
                    tr("The API key of \"%1\" could not be removed from the keychain, so the environment "
                       "was kept. Try again when the keychain is available.")
                        .arg(saved.name),
                    removed.message);
                return;
            }
            // False with no error: it was not saved (given on the command line); its key is gone all the
            // same.
            if (!m_store.remove(saved.name) && !m_store.errorString().isEmpty()) {
                showMessage(
                    m_window, QStringLiteral("environmentRemoveErrorDialog"), QMessageBox::Critical,
                    tr("Environment not removed"),
                    tr("The API key of \"%1\" was removed from the keychain, but the environment could "
                       "not be removed.")
                        .arg(saved.name),
                    m_store.errorString());
                rebuildEnvironmentCombo();
                return;
            }
            emit statusMessage(tr("Environment \"%1\" and its API key were removed.").arg(saved.name), 10000);
            if (m_previous.name == saved.name)
                m_previous = Environment();
            if (m_environment.name != saved.name)
                return rebuildEnvironmentCombo();
            // It was the one shown: back to the previous one, else to another saved one, else to the demo;
            // never to production unasked (the operator would find cancels there they did not choose).
            const QString demo = EnvironmentStore::demoName();
            if (m_previous.name == demo)
                return startDemo();
            std::optional<Environment> next = m_store.find(m_previous.name);
            if (!next || next->production || next->name == saved.name) {
                next.reset();
                for (const Environment& candidate : m_store.environments()) {
                    if (!candidate.production && candidate.name != saved.name) {
                        next = candidate;
                        break;
                    }
                }
            }
            if (next)
                useEnvironment(*next);
            else
                startDemo();
        });
}

} // namespace Alchemyst
