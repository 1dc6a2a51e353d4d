#pragma once

#include "core/connection.h"

#include <QDialog>

class QCheckBox;
class QLabel;
class QLineEdit;
class QNetworkAccessManager;
class QPushButton;
class QSpinBox;

namespace Alchemyst {

// Adds or edits a connection: name, base URL, production flag, request budget (the account's limit and
// this monitor's share of it) and API key, with Test connection.
// Nothing is saved by the dialog itself: the caller stores what the operator accepted.
class ConnectionDialog : public QDialog
{
    Q_OBJECT

public:
    enum Mode
    {
        FirstRun, // also offers "Try the demo"
        Add,
        Edit,
    };

    ConnectionDialog(Mode mode, QNetworkAccessManager* manager, QWidget* parent = nullptr);

    void setEnvironment(const Environment& environment, bool keyStored);
    // A sentence above the form: why the dialog is shown (for example, the key was refused).
    void setIntro(const QString& text);
    Environment environment() const;
    QString apiKey() const; // empty: keep what is stored
    bool removeKeyRequested() const { return m_removeKey; }
    bool demoRequested() const { return m_demo; }
    // Edit mode: offers "Remove Environment…", which closes the dialog and emits removeRequested (the
    // window asks for confirmation and removes it with its key).
    void setRemovable(bool removable);

    void accept() override;

signals:
    void removeRequested();

private:
    void testConnection();
    void updateState();
    QString reservedNameProblem() const;
    QString problem() const; // what keeps Save from saving while typing, empty when nothing does

    Mode m_mode;
    QLabel* m_intro;
    QNetworkAccessManager* m_manager;
    int m_testSerial = 0; // the answer of an earlier Test connection is not this one's
    QLineEdit* m_name;
    QLineEdit* m_baseUrl;
    QCheckBox* m_production;
    QCheckBox* m_readOnly; // Environment::readOnly
    QSpinBox* m_accountLimit;
    QSpinBox* m_share;
    int m_lastAccountLimit = Environment::DefaultAccountLimitPerMinute; // for the share that follows it
    QLineEdit* m_key;
    QCheckBox* m_showKey;
    QPushButton* m_test;
    QPushButton* m_save = nullptr;
    QPushButton* m_removeKeyButton = nullptr;
    QPushButton* m_removeEnvironmentButton = nullptr;
    QLabel* m_testResult;
    QLabel* m_error;
    bool m_keyStored = false;
    bool m_removeKey = false;
    bool m_demo = false;
};

} // namespace Alchemyst
