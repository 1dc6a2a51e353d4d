#pragma once

#include <QFlags>
#include <QList>
#include <QString>
#include <QUrl>
#include <optional>

namespace Alchemyst {

class ApiClient;

inline constexpr char ApiKeyVariable[] = "ALCHEMYST_AI_API_KEY";
inline constexpr char BaseUrlVariable[] = "ALCHEMYST_AI_BASE_URL";

// A server the operator works against. Its API key lives in the OS keychain, never here.
struct Environment
{
    // The request budget's bounds a minute, for the settings and --requests-per-minute alike.
    static constexpr int DefaultAccountLimitPerMinute = 1000; // the platform's limit for an account
    static constexpr int MaxPerMinute = 100000;

    QString name;
    QUrl baseUrl;
    bool production = false;
    // The request budget (kept together): the account's limit on the platform, and this monitor's share of
    // it, which the window and the CLI commands beside it on this machine spend together. A third by
    // default, so that other operators and the platform's own clients keep the rest.
    int accountLimitPerMinute = DefaultAccountLimitPerMinute;
    int sharePerMinute = DefaultAccountLimitPerMinute / 3;

    // The share as the pacer uses it: within 1 and the account's limit.
    int budgetPerMinute() const;
    // What is wrong with a budget an operator gave, empty when nothing is.
    static QString budgetProblem(int accountLimitPerMinute, int sharePerMinute);
    // Nothing is cancelled here, by the window or the CLI (a shared screen, an on-call viewer): the
    // session's CancelService refuses every cancel (CancelService::setReadOnly) and the window shows none.
    bool readOnly = false;

    bool operator==(const Environment& other) const
    {
        return name == other.name && baseUrl == other.baseUrl && production == other.production &&
               accountLimitPerMinute == other.accountLimitPerMinute &&
               sharePerMinute == other.sharePerMinute && readOnly == other.readOnly;
    }
};

QUrl defaultBaseUrl();
// The key from ALCHEMYST_AI_API_KEY, empty when unset. Used for the session only, never stored.
QString apiKeyFromEnvironment();
// The base URL from ALCHEMYST_AI_BASE_URL, empty when unset.
QUrl baseUrlFromEnvironment();
// Parses what an operator typed ("example.com" gets https://); an invalid URL stays invalid, and a
// scheme that was typed is never taken for a host ("http://" stays an invalid "http://").
QUrl parseBaseUrl(const QString& text);
// What is wrong with a typed base URL, empty when nothing is: refusals quote what was typed (so that an
// invalid URL is not reported as ""), with any user name or password in it replaced by "***".
QString baseUrlProblem(const QString& typed, const QUrl& parsed);
// What was typed, with the user-info part of the authority (user:password@) replaced by "***".
QString redactUserInfo(const QString& typed);
// The one spelling of a server: scheme and host lowercased, the scheme's default port (80 for http, 443
// for https) dropped, the path's "." and ".." resolved and its trailing slashes dropped ("" for the root),
// and no user info, query or fragment. Every rule that asks "is this the same server?" (which key goes
// where, which environment is production) compares these, so that no spelling slips past one of them.
// An invalid URL or one without a host gives an empty QUrl.
QUrl normalizedServer(const QUrl& url);
// True when both name the same server (normalizedServer() equal, and a host to compare). An API key
// bound to one server must go to no other, and a production server is production however it is spelled.
bool sameServer(const QUrl& a, const QUrl& b);
// normalizedServer() as text (fully encoded): a hash key, or the "server" a journal line names. Empty for
// a URL without a host.
QString serverKey(const QUrl& url);
// "host" or "host:port": how the app names a server to the operator.
QString displayHost(const QUrl& url);

// Environments and the active one, kept in the application's QSettings (no secrets).
//
// Every change is a read-modify-write of the whole list, made under a lock file beside the settings file
// that every process of the app (CLI and GUI) takes, after re-reading the file: two writers at once would
// otherwise each write the list they read, losing the other's environment, leaving array entries past
// the size or an active environment that does not exist. A change that could not be written returns false
// and says why in errorString(), so that nobody is told "saved" about something that is not.
class EnvironmentStore
{
public:
    enum SaveFlag
    {
        AddOnly = 0x0,        // refuse a name that is already saved
        Replace = 0x1,        // an environment of the same name is replaced
        ActivateIfNone = 0x2, // becomes the active one when no saved environment is active
    };
    Q_DECLARE_FLAGS(SaveFlags, SaveFlag)

    static QString demoName();
    // The demo's name is reserved whatever the case: a saved "demo (local simulator)" pointing at a real
    // server would read as the harmless demo.
    static bool isReservedName(const QString& name);

    QList<Environment> environments() const; // saved ones; the demo is not among them
    std::optional<Environment> find(const QString& name) const;
    bool save(const Environment& environment, SaveFlags flags = Replace);
    // False with an empty errorString() when there is no such environment.
    bool remove(const QString& name);
    QString activeName() const;
    bool setActiveName(const QString& name);
    bool hasAny() const { return !environments().isEmpty(); }
    // The page size that last worked for a server whose pages went over the response cap (ApiClient
    // halves it then), so that the next start, of the window or a command, does not fail or halve again.
    // 0 when none is known. Kept per server (normalizedServer()): it is the server's data that is large.
    int rememberedPageSize(const QUrl& baseUrl) const;
    bool rememberPageSize(const QUrl& baseUrl, int pageSize);
    // Both for a client of that server: it starts at the remembered size and keeps a new one it learns.
    // The window's session and every command call this.
    static void usePageSizeMemory(ApiClient* client, const QUrl& baseUrl);
    // Why the last save(), remove() or setActiveName() failed; empty after one that succeeded.
    QString errorString() const { return m_error; }

private:
    QString m_error;
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
// The same within a budget of perMinute (the environment's share, or what a 429 lowered it to).
int intervalMs(int requestedMs, int requestsPerRefresh, int perMinute);
} // namespace RefreshPolicy

} // namespace Alchemyst

Q_DECLARE_OPERATORS_FOR_FLAGS(Alchemyst::EnvironmentStore::SaveFlags)
