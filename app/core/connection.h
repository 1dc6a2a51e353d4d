#pragma once

#include <QList>
#include <QString>
#include <QUrl>
#include <optional>

namespace Alchemyst {

inline constexpr char ApiKeyVariable[] = "ALCHEMYST_AI_API_KEY";
inline constexpr char BaseUrlVariable[] = "ALCHEMYST_AI_BASE_URL";

// A server the operator works against. Its API key lives in the OS keychain, never here.
struct Environment
{
    QString name;
    QUrl baseUrl;
    bool production = false;

    bool operator==(const Environment& other) const
    {
        return name == other.name && baseUrl == other.baseUrl && production == other.production;
    }
};

QUrl defaultBaseUrl();
// The key from ALCHEMYST_AI_API_KEY, empty when unset. Used for the session only, never stored.
QString apiKeyFromEnvironment();
// The base URL from ALCHEMYST_AI_BASE_URL, empty when unset.
QUrl baseUrlFromEnvironment();
// Parses what an operator typed ("example.com" gets https://); an invalid URL stays invalid.
QUrl parseBaseUrl(const QString& text);
// "host" or "host:port": how the app names a server to the operator.
QString displayHost(const QUrl& url);

// Environments and the active one, kept in the application's QSettings (no secrets).
class EnvironmentStore
{
public:
    static QString demoName();

    QList<Environment> environments() const; // saved ones; the demo is not among them
    std::optional<Environment> find(const QString& name) const;
    void save(const Environment& environment); // adds or replaces by name
    bool remove(const QString& name);
    QString activeName() const;
    void setActiveName(const QString& name);
    bool hasAny() const { return !environments().isEmpty(); }
};

// Requests a refresh may spend: the platform allows 1000 a minute; refreshes take at most a third,
// so that cancels and other tools on the same key always have room. With many jobs the interval
// stretches instead of the budget.
namespace RefreshPolicy {
inline constexpr int PlatformRequestsPerMinute = 1000;
inline constexpr int RefreshRequestsPerMinute = PlatformRequestsPerMinute / 3;
inline constexpr int DefaultIntervalSeconds = 10;
// The interval to wait before the next refresh, given what the operator asked for and how many
// requests the last refresh took.
int intervalMs(int requestedMs, int requestsPerRefresh);
} // namespace RefreshPolicy

} // namespace Alchemyst
