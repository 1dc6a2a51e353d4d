#include "connectiondialog.h"

#include "api/apiclient.h"
#include "appearance.h"
#include "core/jobsession.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace Alchemyst {

ConnectionDialog::ConnectionDialog(Mode mode, QNetworkAccessManager* manager, QWidget* parent)
    : QDialog(parent)
    , m_mode(mode)
    , m_manager(manager)
{
    setObjectName(QStringLiteral("connectionDialog"));
    setWindowTitle(mode == FirstRun ? tr("Connect to Alchemyst")
                   : mode == Add    ? tr("Add environment")
                                    : tr("Edit environment"));
    setMinimumWidth(560);

    auto* layout = new QVBoxLayout(this);
    m_intro = new QLabel(this);
    m_intro->setObjectName(QStringLiteral("introLabel"));
    m_intro->setWordWrap(true);
    layout->addWidget(m_intro);
    if (mode == FirstRun) {
        m_intro->setText(tr("<b>Welcome.</b> Connect to the Alchemyst platform with an API key to see your "
                            "context-add jobs, or try the demo against a simulator on this computer."));
    } else {
        m_intro->hide();
    }

    auto* form = new QFormLayout;
    m_name = new QLineEdit(this);
    m_name->setObjectName(QStringLiteral("nameEdit"));
    m_name->setPlaceholderText(tr("e.g. Production, Staging"));
    m_baseUrl = new QLineEdit(defaultBaseUrl().toString(), this);
    m_baseUrl->setObjectName(QStringLiteral("baseUrlEdit"));
    m_production = new QCheckBox(tr("Production: every cancel asks for the environment's name"), this);
    m_production->setObjectName(QStringLiteral("productionCheck"));
    // For a shared screen or an on-call viewer: the window shows no cancel and the CLI refuses one.
    m_readOnly = new QCheckBox(tr("Read-only (no cancels from this machine)"), this);
    m_readOnly->setObjectName(QStringLiteral("readOnlyCheck"));
    // The request budget: spinboxes refuse what is not a number in range; the share over the limit is
    // said below the form, like the other problems.
    const Environment defaults;
    m_accountLimit = new QSpinBox(this);
    m_accountLimit->setObjectName(QStringLiteral("accountLimitSpin"));
    m_accountLimit->setRange(1, Environment::MaxPerMinute);
    m_accountLimit->setValue(defaults.accountLimitPerMinute);
    m_accountLimit->setSuffix(tr(" requests a minute"));
    m_accountLimit->setToolTip(tr("What the platform allows this account, for every client together."));
    m_share = new QSpinBox(this);
    m_share->setObjectName(QStringLiteral("shareSpin"));
    m_share->setRange(1, Environment::MaxPerMinute);
    m_share->setValue(defaults.sharePerMinute);
    m_share->setSuffix(tr(" requests a minute"));
    m_share->setToolTip(tr("What this monitor spends: the window and the command-line tool on this "
                           "computer together. A third of the account by default, so that other "
                           "operators and the platform's own clients keep the rest; after a 429 it is "
                           "halved for a while."));
    m_key = new QLineEdit(this);
    m_key->setObjectName(QStringLiteral("apiKeyEdit"));
    m_key->setEchoMode(QLineEdit::Password);
    m_key->setPlaceholderText(tr("Paste the API key"));
    m_showKey = new QCheckBox(tr("Show"), this);
    m_showKey->setObjectName(QStringLiteral("showKeyCheck"));
    auto* keyRow = new QHBoxLayout;
    keyRow->addWidget(m_key, 1);
    keyRow->addWidget(m_showKey);
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("&Base URL:"), m_baseUrl);
    form->addRow(QString(), m_production);
    form->addRow(QString(), m_readOnly);
    form->addRow(tr("Account's &limit:"), m_accountLimit);
    form->addRow(tr("This monitor's &share:"), m_share);
    auto* keyLabel = new QLabel(tr("API &key:"), this);
    keyLabel->setBuddy(m_key);
    form->addRow(keyLabel, keyRow);
    layout->addLayout(form);

    auto* note =
        new QLabel(tr("The key is stored in the system keychain only, never in a settings file."), this);
    note->setWordWrap(true);
    note->setEnabled(false);
    layout->addWidget(note);

    auto* testRow = new QHBoxLayout;
    m_test = new QPushButton(tr("&Test connection"), this);
    m_test->setObjectName(QStringLiteral("testButton"));
    m_testResult = new QLabel(this);
    m_testResult->setObjectName(QStringLiteral("testResultLabel"));
    m_testResult->setTextFormat(Qt::PlainText); // it quotes the server: never markup, never a link
    m_testResult->setWordWrap(true);
    m_testResult->setTextInteractionFlags(Qt::TextSelectableByMouse);
    testRow->addWidget(m_test);
    testRow->addWidget(m_testResult, 1);
    layout->addLayout(testRow);

    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("errorLabel"));
    m_error->setTextFormat(Qt::PlainText);
    m_error->setWordWrap(true);
    setTextTone(m_error, ErrorTone);
    m_error->hide();
    layout->addWidget(m_error);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    buttons->setObjectName(QStringLiteral("buttons"));
    m_save = buttons->button(QDialogButtonBox::Save);
    if (mode == Edit) {
        m_removeKeyButton = buttons->addButton(tr("Remove stored key"), QDialogButtonBox::ResetRole);
        m_removeKeyButton->setObjectName(QStringLiteral("removeKeyButton"));
        connect(m_removeKeyButton, &QPushButton::clicked, this, [this] {
            m_removeKey = true;
            m_key->clear();
            m_keyStored = false;
            updateState();
        });
        m_removeEnvironmentButton =
            buttons->addButton(tr("Remove &Environment…"), QDialogButtonBox::ResetRole);
        m_removeEnvironmentButton->setObjectName(QStringLiteral("removeEnvironmentButton"));
        m_removeEnvironmentButton->hide();
        connect(m_removeEnvironmentButton, &QPushButton::clicked, this, [this] {
            reject();
            emit removeRequested();
        });
    }
    if (mode == FirstRun) {
        QPushButton* demo = buttons->addButton(tr("Try the &demo"), QDialogButtonBox::ActionRole);
        demo->setObjectName(QStringLiteral("demoButton"));
        connect(demo, &QPushButton::clicked, this, [this] {
            m_demo = true;
            QDialog::accept();
        });
    }
    layout->addWidget(buttons);

    connect(buttons, &QDialogButtonBox::accepted, this, &ConnectionDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &ConnectionDialog::reject);
    connect(m_showKey, &QCheckBox::toggled, this,
            [this](bool show) { m_key->setEchoMode(show ? QLineEdit::Normal : QLineEdit::Password); });
    connect(m_test, &QPushButton::clicked, this, &ConnectionDialog::testConnection);
    connect(m_name, &QLineEdit::textChanged, this, &ConnectionDialog::updateState);
    connect(m_baseUrl, &QLineEdit::textChanged, this, &ConnectionDialog::updateState);
    connect(m_key, &QLineEdit::textChanged, this, &ConnectionDialog::updateState);
    connect(m_accountLimit, qOverload<int>(&QSpinBox::valueChanged), this, [this](int limit) {
        // A share left at a third of the old limit stays a third of the new one; one set by hand stays.
        if (m_share->value() == qMax(1, m_lastAccountLimit / 3))
            m_share->setValue(qMax(1, limit / 3));
        m_lastAccountLimit = limit;
        updateState();
    });
    connect(m_share, qOverload<int>(&QSpinBox::valueChanged), this, &ConnectionDialog::updateState);
    updateState();
}

void ConnectionDialog::setRemovable(bool removable)
{
    if (m_removeEnvironmentButton)
        m_removeEnvironmentButton->setVisible(removable);
}

void ConnectionDialog::setIntro(const QString& text)
{
    m_intro->setTextFormat(Qt::PlainText);
    m_intro->setText(text);
    m_intro->setVisible(!text.isEmpty());
}

void ConnectionDialog::setEnvironment(const Environment& environment, bool keyStored)
{
    m_name->setText(environment.name);
    m_baseUrl->setText(environment.baseUrl.toString());
    m_production->setChecked(environment.production);
    m_readOnly->setChecked(environment.readOnly);
    m_lastAccountLimit = environment.accountLimitPerMinute;
    {
        const QSignalBlocker blocker(m_accountLimit); // the share given is kept, not made a third
        m_accountLimit->setValue(environment.accountLimitPerMinute);
    }
    m_share->setValue(environment.sharePerMinute);
    m_keyStored = keyStored;
    if (keyStored)
        m_key->setPlaceholderText(tr("A key is stored; type a new one to replace it"));
    updateState();
}

Environment ConnectionDialog::environment() const
{
    Environment environment;
    environment.name = m_name->text().trimmed();
    environment.baseUrl = parseBaseUrl(m_baseUrl->text());
    environment.production = m_production->isChecked();
    environment.readOnly = m_readOnly->isChecked();
    environment.accountLimitPerMinute = m_accountLimit->value();
    environment.sharePerMinute = m_share->value();
    return environment;
}

QString ConnectionDialog::apiKey() const
{
    return m_key->text().trimmed();
}

void ConnectionDialog::updateState()
{
    m_test->setEnabled(!apiKey().isEmpty() && !m_baseUrl->text().trimmed().isEmpty());
    if (m_removeKeyButton)
        m_removeKeyButton->setEnabled(m_keyStored);
    // Said while typing, not only on Save: an environment under the demo's name would read as the harmless
    // demo in the badge and the menu while it talks to a real server with a real key.
    const QString problem = this->problem();
    m_save->setEnabled(problem.isEmpty());
    if (!problem.isEmpty()) {
        m_error->setText(problem);
        m_error->show();
    } else {
        m_error->hide();
    }
}

QString ConnectionDialog::problem() const
{
    if (EnvironmentStore::isReservedName(m_name->text()))
        return reservedNameProblem();
    return Environment::budgetProblem(m_accountLimit->value(), m_share->value());
}

QString ConnectionDialog::reservedNameProblem() const
{
    return tr("\"%1\" is the built-in demo's name; give this environment another one.")
        .arg(EnvironmentStore::demoName());
}

void ConnectionDialog::testConnection()
{
    const QUrl url = parseBaseUrl(m_baseUrl->text());
    const int serial = ++m_testSerial;
    m_test->setEnabled(false);
    setTextTone(m_testResult, std::nullopt);
    m_testResult->setText(tr("Testing %1 …").arg(url.toDisplayString()));
    // The core's check (one small list request); its answer is dropped when the dialog is gone by then.
    JobSession::testConnection(m_manager, url, apiKey(), this, [this, serial](const ApiResult& result) {
        if (serial != m_testSerial)
            return; // tested again since: that answer is the one to show
        m_test->setEnabled(true);
        if (result.isSuccess()) {
            setTextTone(m_testResult, OkTone);
            m_testResult->setText(tr("Connected: the server accepted the key and listed jobs."));
            return;
        }
        QString text = outcomeSentence(result.outcome);
        if (result.httpStatus > 0)
            text += QLatin1Char(' ') + tr("(HTTP %1)").arg(result.httpStatus);
        if (!result.message.isEmpty())
            text += QStringLiteral(" — ") + result.message;
        setTextTone(m_testResult, ErrorTone);
        m_testResult->setText(text);
    });
}

void ConnectionDialog::accept()
{
    const Environment env = environment();
    QString problem;
    if (env.name.isEmpty())
        problem = tr("Give the environment a name.");
    else if (EnvironmentStore::isReservedName(env.name))
        problem = reservedNameProblem();
    else
        problem = ApiClient::checkBaseUrl(env.baseUrl);
    if (problem.isEmpty())
        problem = Environment::budgetProblem(env.accountLimitPerMinute, env.sharePerMinute);
    if (problem.isEmpty() && m_mode == FirstRun && apiKey().isEmpty())
        problem = tr("Paste the API key, or try the demo.");
    if (!problem.isEmpty()) {
        m_error->setText(problem);
        m_error->show();
        return;
    }
    QDialog::accept();
}

} // namespace Alchemyst
