#include "secretstore.h"

#include <QEventLoop>
#include <QLoggingCategory>
#include <QPointer>
#include <algorithm>
#include <iterator>
#include <qt6keychain/keychain.h>

#ifdef AJM_SECRET_SERVICE
#include <QDBusConnection>
#include <QDBusMessage>
#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>
#include <QDBusVariant>
#endif

Q_LOGGING_CATEGORY(lcSecrets, "alchemyst.secrets", QtInfoMsg)

namespace Alchemyst {

namespace {

SecretResult resultOf(QKeychain::Job* job)
{
    SecretResult result;
    switch (job->error()) {
    case QKeychain::NoError:
        result.status = SecretResult::Ok;
        break;
    case QKeychain::EntryNotFound:
        result.status = SecretResult::NotFound;
        result.message = SecretStore::tr("No API key is stored in the keychain for this connection.");
        break;
    case QKeychain::NoBackendAvailable:
        result.status = SecretResult::NoBackend;
        result.message =
            SecretStore::tr("No system keychain is available: %1").arg(SecretStore::missingBackendAdvice());
        break;
    case QKeychain::AccessDenied:
    case QKeychain::AccessDeniedByUser:
        result.status = SecretResult::AccessDenied;
        result.message =
            SecretStore::tr("The system keychain refused access (it may be locked): %1. Unlock it and "
                            "try again.")
                .arg(job->errorString());
        break;
    default:
        result.status = SecretResult::Error;
        result.message = SecretStore::tr("The system keychain reported an error: %1").arg(job->errorString());
        break;
    }
    // QtKeychain reports a missing session bus or Secret Service as OtherError with D-Bus's own words.
    static const char* const missingBackendWords[] = {
        "org.freedesktop.secrets", "ServiceUnknown", "No such interface", "D-Bus", "DBus",
        "Could not connect",       "autolaunch"};
    const QString errorText = job->errorString();
    const bool soundsMissing = std::any_of(
        std::begin(missingBackendWords), std::end(missingBackendWords), [&errorText](const char* words) {
            return errorText.contains(QLatin1String(words), Qt::CaseInsensitive);
        });
    if (result.status == SecretResult::Error && soundsMissing) {
        result.status = SecretResult::NoBackend;
        result.message = SecretStore::tr("No system keychain is available (%1): %2")
                             .arg(job->errorString(), SecretStore::missingBackendAdvice());
    }
    return result;
}

template <typename JobType>
JobType* prepare(const QString& service, const QString& key)
{
    auto* job = new JobType(service);
    job->setAutoDelete(true);
    job->setKey(key);
    job->setInsecureFallback(false); // never a plain-text file instead of the keychain
    return job;
}

SecretResult lockedResult()
{
    SecretResult result;
    result.status = SecretResult::Locked;
    result.message = SecretStore::tr("The keychain is locked. Unlock it (for example by logging in to the "
                                     "desktop, or with your keyring's unlock prompt) and try again.");
    return result;
}

// The answers behind which a locked collection may hide (NoBackend cannot: there is no collection).
bool mayBeLocked(SecretResult::Status status)
{
    return status == SecretResult::NotFound || status == SecretResult::AccessDenied ||
           status == SecretResult::Error;
}

// QtKeychain 0.13 does not say when the Secret Service's collection is locked (and its unlock prompt was
// dismissed or could not be shown): a read answers "not found", a removal "done" without removing
// anything, a write "access denied". The operator would be told there is no key, or that it is gone,
// while it is there, locked away. So for those answers the default collection, where QtKeychain keeps its
// entries, is asked whether it is locked: Locked if it is, else `otherwise`, also when the question
// fails (no such service or collection).
void lockedOr(QObject* context, const SecretResult& otherwise, SecretStore::Callback done)
{
#ifdef AJM_SECRET_SERVICE
    QDBusConnection bus = QDBusConnection::sessionBus();
    if (!bus.isConnected())
        return done(otherwise);
    QDBusMessage call = QDBusMessage::createMethodCall(
        QStringLiteral("org.freedesktop.secrets"), QStringLiteral("/org/freedesktop/secrets/aliases/default"),
        QStringLiteral("org.freedesktop.DBus.Properties"), QStringLiteral("Get"));
    call << QStringLiteral("org.freedesktop.Secret.Collection") << QStringLiteral("Locked");
    // Only a service that is running is asked: with KWallet's own backend, say, there is none, and asking
    // must not start a gnome-keyring that nobody uses.
    call.setAutoStartService(false);
    auto* watcher = new QDBusPendingCallWatcher(bus.asyncCall(call, 10 * 1000), context);
    QObject::connect(watcher, &QDBusPendingCallWatcher::finished, context,
                     [watcher, otherwise, done = std::move(done)] {
                         watcher->deleteLater();
                         const QDBusPendingReply<QDBusVariant> reply = *watcher;
                         const bool locked = !reply.isError() && reply.value().variant().toBool();
                         qCDebug(lcSecrets) << "default collection locked:" << locked
                                            << (reply.isError() ? reply.error().name() : QString());
                         done(locked ? lockedResult() : otherwise);
                     });
#else
    Q_UNUSED(context)
    done(otherwise);
#endif
}

SecretResult runSync(const std::function<void(SecretStore::Callback)>& start)
{
    SecretResult out;
    QEventLoop loop;
    bool finished = false;
    start([&](const SecretResult& result) {
        out = result;
        finished = true;
        loop.quit();
    });
    if (!finished)
        loop.exec();
    return out;
}

} // namespace

SecretStore::SecretStore(const QString& service, QObject* parent)
    : QObject(parent)
    , m_service(service)
{}

QString SecretStore::keyFor(const QString& profile, const QString& baseUrl)
{
    return profile + QStringLiteral(" @ ") + baseUrl;
}

QString SecretStore::missingBackendAdvice()
{
#if defined(Q_OS_LINUX) || defined(Q_OS_FREEBSD)
    return SecretStore::tr(
        "install and start a Secret Service provider such as GNOME Keyring (gnome-keyring) "
        "or KWallet, make sure a D-Bus session is running, and unlock the keyring.");
#elif defined(Q_OS_MACOS)
    return SecretStore::tr("unlock the login keychain in Keychain Access.");
#else
    return SecretStore::tr("make sure the Windows Credential Manager is available.");
#endif
}

void SecretStore::read(const QString& key, Callback done)
{
    auto* job = prepare<QKeychain::ReadPasswordJob>(m_service, key);
    connect(job, &QKeychain::Job::finished, this, [this, job, done = std::move(done)]() mutable {
        SecretResult result = resultOf(job);
        if (result.status == SecretResult::Ok)
            result.secret = job->textData();
        qCDebug(lcSecrets) << "read" << result.status;
        if (mayBeLocked(result.status))
            return lockedOr(this, result, std::move(done));
        done(result);
    });
    job->start();
}

void SecretStore::write(const QString& key, const QString& secret, Callback done)
{
    auto* job = prepare<QKeychain::WritePasswordJob>(m_service, key);
    job->setTextData(secret);
    connect(job, &QKeychain::Job::finished, this, [this, job, done = std::move(done)]() mutable {
        const SecretResult result = resultOf(job);
        qCDebug(lcSecrets) << "write" << result.status;
        if (mayBeLocked(result.status))
            return lockedOr(this, result, std::move(done));
        done(result);
    });
    job->start();
}

void SecretStore::remove(const QString& key, Callback done)
{
    auto* job = prepare<QKeychain::DeletePasswordJob>(m_service, key);
    connect(job, &QKeychain::Job::finished, this, [this, job, done = std::move(done)]() mutable {
        const SecretResult result = resultOf(job);
        qCDebug(lcSecrets) << "remove" << result.status;
        if (result.status == SecretResult::Ok || result.status == SecretResult::NotFound) {
            // Removing what is not there leaves the wanted state; but a locked keychain only looks empty,
            // and QtKeychain says "removed" there too.
            SecretResult removed;
            removed.status = SecretResult::Ok;
            return lockedOr(this, removed, std::move(done));
        }
        if (mayBeLocked(result.status))
            return lockedOr(this, result, std::move(done));
        done(result);
    });
    job->start();
}

SecretResult SecretStore::readSync(const QString& key)
{
    return runSync([this, key](Callback done) { read(key, std::move(done)); });
}

SecretResult SecretStore::writeSync(const QString& key, const QString& secret)
{
    return runSync([this, key, secret](Callback done) { write(key, secret, std::move(done)); });
}

SecretResult SecretStore::removeSync(const QString& key)
{
    return runSync([this, key](Callback done) { remove(key, std::move(done)); });
}

} // namespace Alchemyst
