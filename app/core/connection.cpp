#include "connection.h"

#include "api/apiclient.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLockFile>
#include <QRegularExpression>
#include <QSettings>
#include <algorithm>
#include <functional>

namespace Alchemyst {

namespace {

// A class for the context, so that lupdate files the texts under the one the runtime looks them up in.
struct Store
{
    Q_DECLARE_TR_FUNCTIONS(Alchemyst::EnvironmentStore)
};

// The active demo is stored under this fixed key, never under its translated name, so that a change of
// language keeps it. It is the English name, reserved like the translated one, which is also what
// versions before translations stored.
QString demoKey()
{
    return QStringLiteral("Demo (local simulator)");
}

} // namespace

int Environment::budgetPerMinute() const
{
    return qBound(1, sharePerMinute, qBound(1, accountLimitPerMinute, MaxPerMinute));
}

QString Environment::budgetProblem(int accountLimitPerMinute, int sharePerMinute)
{
    if (accountLimitPerMinute < 1 || accountLimitPerMinute > MaxPerMinute)
        return Store::tr("The account's limit must be between 1 and %1 requests a minute.").arg(MaxPerMinute);
    if (sharePerMinute < 1)
        return Store::tr("This monitor's share must be at least 1 request a minute.");
    if (sharePerMinute > accountLimitPerMinute)
        return Store::tr("This monitor's share (%1 a minute) cannot be more than the account's limit (%2 a "
                         "minute).")
            .arg(sharePerMinute)
            .arg(accountLimitPerMinute);
    return {};
}

QUrl defaultBaseUrl()
{
    return QUrl(QStringLiteral("https://platform-backend.getalchemystai.com"));
}

QString apiKeyFromEnvironment()
{
    return qEnvironmentVariable(ApiKeyVariable).trimmed();
}

QUrl baseUrlFromEnvironment()
{
    const QString value = qEnvironmentVariable(BaseUrlVariable).trimmed();
    return value.isEmpty() ? QUrl() : parseBaseUrl(value);
}

QUrl parseBaseUrl(const QString& text)
{
    QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return {};
    // "http:", "http:/host" or "https:" carry a scheme too: only a bare host or "host:port" gets https://
    // in front, or "http://" would become the host "http" of https://http: and so on.
    static const QRegularExpression schemeThenRest(QStringLiteral("^([A-Za-z][A-Za-z0-9+.-]*):(.*)$"),
                                                   QRegularExpression::DotMatchesEverythingOption);
    static const QRegularExpression portThenPath(QStringLiteral("^[0-9]+(/.*)?$"),
                                                 QRegularExpression::DotMatchesEverythingOption);
    bool hasScheme = trimmed.contains(QLatin1String("://"));
    if (!hasScheme) {
        const QRegularExpressionMatch match = schemeThenRest.match(trimmed);
        if (match.hasMatch()) {
            const QString head = match.captured(1).toLower();
            hasScheme = head == QLatin1String("http") || head == QLatin1String("https") ||
                        !portThenPath.match(match.captured(2)).hasMatch();
        }
    }
    // Trailing slashes of the path go, never the "//" that opens the authority.
    const qsizetype separator = trimmed.indexOf(QLatin1String("://"));
    const qsizetype keep = separator >= 0 ? separator + 3 : 0;
    while (trimmed.size() > keep && trimmed.endsWith(QLatin1Char('/')))
        trimmed.chop(1);
    if (!hasScheme)
        trimmed.prepend(QStringLiteral("https://"));
    return QUrl(trimmed, QUrl::StrictMode);
}

QString redactUserInfo(const QString& typed)
{
    QString text = typed;
    const qsizetype separator = text.indexOf(QLatin1String("://"));
    const qsizetype start = separator >= 0 ? separator + 3 : 0;
    qsizetype end = start;
    while (end < text.size() && text.at(end) != QLatin1Char('/') && text.at(end) != QLatin1Char('?') &&
           text.at(end) != QLatin1Char('#'))
        ++end;
    // The last "@" of the authority ends the user info: a password may itself hold "@".
    const qsizetype at = end > start ? text.lastIndexOf(QLatin1Char('@'), end - 1) : -1;
    if (at >= start)
        text.replace(start, at - start, QStringLiteral("***"));
    return text;
}

QString baseUrlProblem(const QString& typed, const QUrl& parsed)
{
    if (!parsed.isValid() || parsed.host().isEmpty())
        return Store::tr("The base URL \"%1\" is not a valid URL; give it as https://host or "
                         "https://host:port.")
            .arg(redactUserInfo(typed.trimmed()));
    return ApiClient::checkBaseUrl(parsed);
}

QUrl normalizedServer(const QUrl& url)
{
    if (!url.isValid() || url.host().isEmpty())
        return {};
    QUrl server = url.adjusted(QUrl::RemoveUserInfo | QUrl::RemoveQuery | QUrl::RemoveFragment |
                               QUrl::NormalizePathSegments);
    const QString scheme = server.scheme().toLower();
    server.setScheme(scheme);
    server.setHost(server.host().toLower());
    if ((scheme == QLatin1String("http") && server.port() == 80) ||
        (scheme == QLatin1String("https") && server.port() == 443))
        server.setPort(-1);
    QString path = server.path(QUrl::FullyEncoded);
    while (path.endsWith(QLatin1Char('/')))
        path.chop(1);
    server.setPath(path, QUrl::TolerantMode);
    return server;
}

bool sameServer(const QUrl& a, const QUrl& b)
{
    const QString key = serverKey(a);
    return !key.isEmpty() && key == serverKey(b);
}

QString serverKey(const QUrl& url)
{
    return normalizedServer(url).toString(QUrl::FullyEncoded);
}

QString displayHost(const QUrl& url)
{
    return url.port() > 0 ? QStringLiteral("%1:%2").arg(url.host()).arg(url.port()) : url.host();
}

QString EnvironmentStore::demoName()
{
    return Store::tr("Demo (local simulator)");
}

bool EnvironmentStore::isReservedName(const QString& name)
{
    return name.trimmed().compare(demoName(), Qt::CaseInsensitive) == 0 ||
           name.trimmed().compare(demoKey(), Qt::CaseInsensitive) == 0;
}

namespace {

QList<Environment> readAll(QSettings& settings)
{
    QList<Environment> list;
    const int size = settings.beginReadArray(QStringLiteral("environments"));
    for (int i = 0; i < size; ++i) {
        settings.setArrayIndex(i);
        Environment environment;
        environment.name = settings.value(QStringLiteral("name")).toString();
        environment.baseUrl = QUrl(settings.value(QStringLiteral("baseUrl")).toString());
        environment.production = settings.value(QStringLiteral("production"), false).toBool();
        // Settings written before the budget was a setting have neither: the defaults. A value that is not
        // a usable number, or a share over the limit (edited by hand), falls back the same way.
        bool ok = false;
        const int limit = settings.value(QStringLiteral("accountLimitPerMinute")).toInt(&ok);
        if (ok && Environment::budgetProblem(limit, 1).isEmpty())
            environment.accountLimitPerMinute = limit;
        const int share = settings.value(QStringLiteral("sharePerMinute")).toInt(&ok);
        environment.sharePerMinute =
            ok && Environment::budgetProblem(environment.accountLimitPerMinute, share).isEmpty()
                ? share
                : qMax(1, environment.accountLimitPerMinute / 3);
        environment.readOnly = settings.value(QStringLiteral("readOnly"), false).toBool();
        if (!environment.name.isEmpty())
            list.append(environment);
    }
    settings.endArray();
    return list;
}

void writeAll(QSettings& settings, const QList<Environment>& list)
{
    settings.remove(QStringLiteral("environments"));
    settings.beginWriteArray(QStringLiteral("environments"), static_cast<int>(list.size()));
    for (int i = 0; i < list.size(); ++i) {
        settings.setArrayIndex(i);
        settings.setValue(QStringLiteral("name"), list.at(i).name);
        settings.setValue(QStringLiteral("baseUrl"), list.at(i).baseUrl.toString());
        settings.setValue(QStringLiteral("production"), list.at(i).production);
        settings.setValue(QStringLiteral("accountLimitPerMinute"), list.at(i).accountLimitPerMinute);
        settings.setValue(QStringLiteral("sharePerMinute"), list.at(i).sharePerMinute);
        settings.setValue(QStringLiteral("readOnly"), list.at(i).readOnly);
    }
    settings.endArray();
}

QString statusText(QSettings::Status status)
{
    return status == QSettings::FormatError ? Store::tr("it is not a valid settings file")
                                            : Store::tr("it cannot be read or written (permissions, "
                                                        "disk full, or not a file)");
}

// Runs change() on freshly read settings under the environments' lock and writes the result. The lock
// is not QSettings' own "<file>.lock", which QSettings takes inside sync(): one process holding both
// names would otherwise wait for itself.
bool changeLocked(QString* error, const std::function<bool(QSettings&)>& change)
{
    const QString file = QSettings().fileName();
    const QString folder = QFileInfo(file).absolutePath();
    if (!QDir().mkpath(folder)) {
        *error = Store::tr("The settings folder %1 cannot be created.").arg(QDir::toNativeSeparators(folder));
        return false;
    }
    QLockFile lock(file + QStringLiteral(".environments.lock"));
    lock.setStaleLockTime(30 * 1000); // a process killed while holding it blocks the others for 30 s at most
    if (!lock.tryLock(20 * 1000)) {
        *error = lock.error() == QLockFile::LockFailedError
                     ? Store::tr("The settings file %1 is being changed by another Alchemyst process; try "
                                 "again.")
                           .arg(QDir::toNativeSeparators(file))
                     : Store::tr("The settings in %1 cannot be changed: the lock file cannot be created "
                                 "there.")
                           .arg(QDir::toNativeSeparators(folder));
        return false;
    }
    // QSettings keeps what it read, and reads again only when the file's size or modification time
    // differ from those it noted; but it notes them after reading, so a write landing during a read made
    // before the lock (any settings() lookup) leaves old contents noted as the new file's. A new
    // modification time, set under the lock, makes the sync() below read the file for certain.
    const QFileInfo before(file);
    if (before.exists()) {
        QFile touched(file);
        QDateTime stamp = QDateTime::currentDateTimeUtc();
        const QDateTime last = before.lastModified().toUTC();
        if (stamp <= last)
            stamp = last.addMSecs(1);
        if (touched.open(QIODevice::ReadOnly))
            touched.setFileTime(stamp, QFileDevice::FileModificationTime);
    }
    QSettings settings;
    settings.sync(); // what another process wrote before we took the lock, not a copy read earlier
    if (settings.status() != QSettings::NoError) {
        *error = Store::tr("The settings file %1 was not changed: %2.")
                     .arg(QDir::toNativeSeparators(file), statusText(settings.status()));
        return false;
    }
    if (!change(settings))
        return false;
    settings.sync();
    if (settings.status() != QSettings::NoError) {
        *error = Store::tr("The settings file %1 could not be written: %2.")
                     .arg(QDir::toNativeSeparators(file), statusText(settings.status()));
        return false;
    }
    return true;
}

} // namespace

QList<Environment> EnvironmentStore::environments() const
{
    QSettings settings;
    return readAll(settings);
}

std::optional<Environment> EnvironmentStore::find(const QString& name) const
{
    for (const Environment& environment : environments()) {
        if (environment.name == name)
            return environment;
    }
    return std::nullopt;
}

bool EnvironmentStore::save(const Environment& environment, SaveFlags flags)
{
    m_error.clear();
    if (isReservedName(environment.name)) {
        m_error = Store::tr("\"%1\" is reserved for the built-in demo; choose another name.")
                      .arg(environment.name.trimmed());
        return false;
    }
    return changeLocked(&m_error, [&](QSettings& settings) {
        QList<Environment> list = readAll(settings);
        bool replaced = false;
        for (Environment& existing : list) {
            if (existing.name == environment.name) {
                if (!flags.testFlag(Replace)) {
                    m_error = Store::tr("An environment named \"%1\" already exists (%2).")
                                  .arg(environment.name, existing.baseUrl.toDisplayString());
                    return false;
                }
                existing = environment;
                replaced = true;
            }
        }
        if (!replaced)
            list.append(environment);
        writeAll(settings, list);
        if (flags.testFlag(ActivateIfNone)) {
            const QString active = settings.value(QStringLiteral("activeEnvironment")).toString();
            const bool activeExists =
                isReservedName(active) || std::any_of(list.cbegin(), list.cend(),
                                                      [&](const Environment& e) { return e.name == active; });
            if (!activeExists)
                settings.setValue(QStringLiteral("activeEnvironment"), environment.name);
        }
        return true;
    });
}

bool EnvironmentStore::remove(const QString& name)
{
    m_error.clear();
    bool found = false;
    const bool written = changeLocked(&m_error, [&](QSettings& settings) {
        QList<Environment> list = readAll(settings);
        found = list.removeIf([&](const Environment& environment) { return environment.name == name; }) > 0;
        if (!found)
            return true; // nothing to write
        writeAll(settings, list);
        if (settings.value(QStringLiteral("activeEnvironment")).toString() == name)
            settings.setValue(QStringLiteral("activeEnvironment"),
                              list.isEmpty() ? QString() : list.constFirst().name);
        return true;
    });
    return written && found;
}

QString EnvironmentStore::activeName() const
{
    const QString stored = QSettings().value(QStringLiteral("activeEnvironment")).toString();
    // The key, or the demo's name in the language a settings file was written in.
    return isReservedName(stored) ? demoName() : stored;
}

bool EnvironmentStore::setActiveName(const QString& name)
{
    m_error.clear();
    return changeLocked(&m_error, [&](QSettings& settings) {
        settings.setValue(QStringLiteral("activeEnvironment"), isReservedName(name) ? demoKey() : name);
        return true;
    });
}

int EnvironmentStore::rememberedPageSize(const QUrl& baseUrl) const
{
    const QString server = serverKey(baseUrl);
    if (server.isEmpty())
        return 0;
    const int size = QSettings().value(QStringLiteral("pageSizes")).toMap().value(server).toInt();
    return size > 0 ? size : 0;
}

bool EnvironmentStore::rememberPageSize(const QUrl& baseUrl, int pageSize)
{
    m_error.clear();
    const QString server = serverKey(baseUrl);
    if (server.isEmpty() || pageSize <= 0)
        return false;
    return changeLocked(&m_error, [&](QSettings& settings) {
        QVariantMap sizes = settings.value(QStringLiteral("pageSizes")).toMap();
        sizes.insert(server, pageSize);
        settings.setValue(QStringLiteral("pageSizes"), sizes);
        return true;
    });
}

void EnvironmentStore::usePageSizeMemory(ApiClient* client, const QUrl& baseUrl)
{
    if (const int pageSize = EnvironmentStore().rememberedPageSize(baseUrl); pageSize > 0)
        client->setPageSize(pageSize);
    QObject::connect(client, &ApiClient::pageSizeReduced, client,
                     [baseUrl](int pageSize) { EnvironmentStore().rememberPageSize(baseUrl, pageSize); });
}

int RefreshPolicy::intervalMs(int requestedMs, int requestsPerRefresh)
{
    return intervalMs(requestedMs, requestsPerRefresh, RefreshRequestsPerMinute);
}

int RefreshPolicy::intervalMs(int requestedMs, int requestsPerRefresh, int perMinute)
{
    const int requests = qMax(1, requestsPerRefresh);
    const qint64 budget = qMax(1, perMinute);
    // requests per refresh / refreshes per minute must stay within the budget.
    const qint64 budgetMs = (static_cast<qint64>(requests) * 60000 + budget - 1) / budget;
    return static_cast<int>(qMax<qint64>(qMax(1000, requestedMs), budgetMs));
}

} // namespace Alchemyst
