#include "connection.h"

#include <QSettings>

namespace Alchemyst {

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
    while (trimmed.endsWith(QLatin1Char('/')))
        trimmed.chop(1);
    if (trimmed.isEmpty())
        return {};
    if (!trimmed.contains(QLatin1String("://")))
        trimmed.prepend(QStringLiteral("https://"));
    return QUrl(trimmed, QUrl::StrictMode);
}

QString displayHost(const QUrl& url)
{
    return url.port() > 0 ? QStringLiteral("%1:%2").arg(url.host()).arg(url.port()) : url.host();
}

QString EnvironmentStore::demoName()
{
    return QObject::tr("Demo (local simulator)");
}

QList<Environment> EnvironmentStore::environments() const
{
    QSettings settings;
    QList<Environment> list;
    const int size = settings.beginReadArray(QStringLiteral("environments"));
    for (int i = 0; i < size; ++i) {
        settings.setArrayIndex(i);
        Environment environment;
        environment.name = settings.value(QStringLiteral("name")).toString();
        environment.baseUrl = QUrl(settings.value(QStringLiteral("baseUrl")).toString());
        environment.production = settings.value(QStringLiteral("production"), false).toBool();
        if (!environment.name.isEmpty())
            list.append(environment);
    }
    settings.endArray();
    return list;
}

std::optional<Environment> EnvironmentStore::find(const QString& name) const
{
    for (const Environment& environment : environments()) {
        if (environment.name == name)
            return environment;
    }
    return std::nullopt;
}

static void writeAll(const QList<Environment>& list)
{
    QSettings settings;
    settings.remove(QStringLiteral("environments"));
    settings.beginWriteArray(QStringLiteral("environments"), static_cast<int>(list.size()));
    for (int i = 0; i < list.size(); ++i) {
        settings.setArrayIndex(i);
        settings.setValue(QStringLiteral("name"), list.at(i).name);
        settings.setValue(QStringLiteral("baseUrl"), list.at(i).baseUrl.toString());
        settings.setValue(QStringLiteral("production"), list.at(i).production);
    }
    settings.endArray();
}

void EnvironmentStore::save(const Environment& environment)
{
    QList<Environment> list = environments();
    bool replaced = false;
    for (Environment& existing : list) {
        if (existing.name == environment.name) {
            existing = environment;
            replaced = true;
        }
    }
    if (!replaced)
        list.append(environment);
    writeAll(list);
}

bool EnvironmentStore::remove(const QString& name)
{
    QList<Environment> list = environments();
    const auto removed =
        list.removeIf([&](const Environment& environment) { return environment.name == name; });
    if (removed == 0)
        return false;
    writeAll(list);
    if (activeName() == name)
        setActiveName(list.isEmpty() ? QString() : list.constFirst().name);
    return true;
}

QString EnvironmentStore::activeName() const
{
    return QSettings().value(QStringLiteral("activeEnvironment")).toString();
}

void EnvironmentStore::setActiveName(const QString& name)
{
    QSettings().setValue(QStringLiteral("activeEnvironment"), name);
}

int RefreshPolicy::intervalMs(int requestedMs, int requestsPerRefresh)
{
    const int requests = qMax(1, requestsPerRefresh);
    // requests per refresh / refreshes per minute must stay within the budget.
    const qint64 budgetMs =
        (static_cast<qint64>(requests) * 60000 + RefreshRequestsPerMinute - 1) / RefreshRequestsPerMinute;
    return static_cast<int>(qMax<qint64>(qMax(1000, requestedMs), budgetMs));
}

} // namespace Alchemyst
