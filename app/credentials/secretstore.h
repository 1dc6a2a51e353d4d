#pragma once

#include <QObject>
#include <QString>
#include <functional>

namespace Alchemyst {

struct SecretResult
{
    enum Status
    {
        Ok,
        NotFound,     // no secret stored under that key
        NoBackend,    // no keychain / Secret Service on this machine
        AccessDenied, // the keychain refused access, or the user did
        // The keychain is locked: whether a secret is stored cannot be told until it is unlocked. Never
        // to be taken for NotFound ("no key") nor, for a removal, for done.
        Locked,
        Error,
    };
    Status status = Error;
    QString secret;  // only with Ok on a read
    QString message; // what went wrong, for the operator; never contains the secret
};

// The OS keychain (QtKeychain) behind a small async interface. Never falls back to plain text.
class SecretStore : public QObject
{
    Q_OBJECT

public:
    using Callback = std::function<void(const SecretResult&)>;

    explicit SecretStore(const QString& service, QObject* parent = nullptr);

    QString service() const { return m_service; }

    // Virtual so that a window can be shown what a locked or absent keychain answers. A read or a removal
    // on a locked keychain answers Locked (QtKeychain says "not found" there: on Linux the Secret Service's
    // default collection is asked whether it is locked).
    virtual void read(const QString& key, Callback done);
    virtual void write(const QString& key, const QString& secret, Callback done);
    virtual void remove(const QString& key, Callback done);

    // Blocking helpers for the command-line tool (spin a local event loop).
    SecretResult readSync(const QString& key);
    SecretResult writeSync(const QString& key, const QString& secret);
    SecretResult removeSync(const QString& key);

    // The keychain key of a connection: profile name and base URL, so two servers never share a key.
    static QString keyFor(const QString& profile, const QString& baseUrl);
    // What to install or unlock when the keychain is missing, in words.
    static QString missingBackendAdvice();

private:
    QString m_service;
};

} // namespace Alchemyst
