// The one rule for "which environment" and "which key": a production server is production however it is
// spelled, the CLI and the window take their options in one documented order, and ALCHEMYST_AI_API_KEY
// reaches only its own server.
#include "core/connection.h"
#include "core/resolvers.h"
#include "credentials/secretstore.h"

#include <QTest>

using namespace Alchemyst;

using Resolution = EnvironmentResolver::Resolution;
using Request = EnvironmentResolver::Request;
using Source = Resolution::Source;

namespace QTest {
template <>
char* toString(const Source& source)
{
    static const char* const names[] = {"Demo",   "Option", "Named",   "Variable",
                                        "Active", "First",  "Default", "None"};
    return qstrdup(names[static_cast<int>(source)]);
}
template <>
char* toString(const KeyChoice::Source& source)
{
    static const char* const names[] = {"None", "Session", "Variable", "Keychain"};
    return qstrdup(names[static_cast<int>(source)]);
}
} // namespace QTest

namespace {

Environment env(const char* name, const char* url, bool production = false)
{
    return {QString::fromUtf8(name), QUrl(QString::fromUtf8(url)), production};
}

Request cli()
{
    return {};
}

Request window()
{
    Request request;
    request.window = true;
    return request;
}

const char* const DefaultServer = "https://platform-backend.getalchemystai.com";

} // namespace

class TestResolvers : public QObject
{
    Q_OBJECT

private slots:
    void sameServerIgnoresCaseDefaultPortTrailingSlashAndDotSegments_data();
    void sameServerIgnoresCaseDefaultPortTrailingSlashAndDotSegments();
    void normalizedServerIsOneSpelling();
    void productionServerSpelledFourWaysIsProduction_data();
    void productionServerSpelledFourWaysIsProduction();
    void twoEnvironmentsOnOneServerAreAmbiguous();
    void namedEnvironmentOnAProductionServerIsProduction();
    void cliPrecedence();
    void windowPrecedence();
    void unknownEnvIsAProblem();
    void baseUrlAndEnvTogetherIsAProblem();
    void unusableUrlIsAProblem();
    void unsavedServerIsNamedAfterItsHost();
    void variableKeyGoesOnlyToItsServer_data();
    void variableKeyGoesOnlyToItsServer();
    void unusedVariableKeyIsExplained();
    void sessionKeyWins();
    void keychainEntryForSavedAndUnsaved();
    void noServerNoKey();
};

void TestResolvers::sameServerIgnoresCaseDefaultPortTrailingSlashAndDotSegments_data()
{
    QTest::addColumn<QString>("a");
    QTest::addColumn<QString>("b");
    QTest::addColumn<bool>("same");
    QTest::newRow("default http port") << "http://127.0.0.1"
                                       << "http://127.0.0.1:80" << true;
    QTest::newRow("default https port")
        << DefaultServer << "https://platform-backend.getalchemystai.com:443" << true;
    QTest::newRow("scheme case") << "http://127.0.0.1"
                                 << "HTTP://127.0.0.1/" << true;
    QTest::newRow("host case") << DefaultServer << "https://Platform-Backend.GetAlchemystAI.com" << true;
    QTest::newRow("trailing slashes") << "https://a.example.com/api"
                                      << "https://a.example.com/api//" << true;
    QTest::newRow("dot segment") << "http://127.0.0.1"
                                 << "http://127.0.0.1/./" << true;
    QTest::newRow("dot-dot segment") << "https://a.example.com/api"
                                     << "https://a.example.com/x/../api/" << true;
    QTest::newRow("query and fragment") << "https://a.example.com"
                                        << "https://a.example.com/?x=1#y" << true;
    QTest::newRow("other port") << "http://127.0.0.1"
                                << "http://127.0.0.1:8080" << false;
    QTest::newRow("http's port on https") << "https://a.example.com"
                                          << "https://a.example.com:80" << false;
    QTest::newRow("other scheme") << "http://127.0.0.1"
                                  << "https://127.0.0.1" << false;
    QTest::newRow("other host") << "https://a.example.com"
                                << "https://b.example.com" << false;
    QTest::newRow("other path") << "https://a.example.com/api"
                                << "https://a.example.com/v2" << false;
    QTest::newRow("path case") << "https://a.example.com/api"
                               << "https://a.example.com/API" << false;
    QTest::newRow("no host") << ""
                             << "" << false;
}

void TestResolvers::sameServerIgnoresCaseDefaultPortTrailingSlashAndDotSegments()
{
    QFETCH(QString, a);
    QFETCH(QString, b);
    QFETCH(bool, same);
    const QUrl first(a);
    const QUrl second(b);
    QCOMPARE(sameServer(first, second), same);
    QCOMPARE(sameServer(second, first), same);
    QCOMPARE(serverKey(first) == serverKey(second) && !serverKey(first).isEmpty(), same);
}

void TestResolvers::normalizedServerIsOneSpelling()
{
    QCOMPARE(normalizedServer(QUrl(QStringLiteral("HTTPS://User:pw@Platform-Backend.GetAlchemystAI.com:443/./"
                                                  "?q=1#f"))),
             QUrl(QString::fromLatin1(DefaultServer)));
    QCOMPARE(serverKey(QUrl(QStringLiteral("http://127.0.0.1:80/a/b/../c//"))),
             QStringLiteral("http://127.0.0.1/a/c"));
    QCOMPARE(serverKey(QUrl(QStringLiteral("http://127.0.0.1:8080/"))),
             QStringLiteral("http://127.0.0.1:8080"));
    QCOMPARE(serverKey(QUrl(QStringLiteral("http://[::1]:80/"))), QStringLiteral("http://[::1]"));
    QVERIFY(serverKey(QUrl()).isEmpty());
    QVERIFY(serverKey(QUrl(QStringLiteral("file:///tmp"))).isEmpty());
}

void TestResolvers::productionServerSpelledFourWaysIsProduction_data()
{
    QTest::addColumn<QString>("saved");
    QTest::addColumn<QString>("typed");
    QTest::newRow("http :80") << "http://127.0.0.1"
                              << "http://127.0.0.1:80";
    QTest::newRow("HTTP, slash") << "http://127.0.0.1"
                                 << "HTTP://127.0.0.1/";
    QTest::newRow("dot segment") << "http://127.0.0.1"
                                 << "http://127.0.0.1/./";
    QTest::newRow("saved with :80") << "http://127.0.0.1:80"
                                    << "http://127.0.0.1";
    QTest::newRow("https :443") << DefaultServer << "https://platform-backend.getalchemystai.com:443";
    QTest::newRow("uppercase host") << DefaultServer << "https://PLATFORM-BACKEND.getalchemystai.com";
    QTest::newRow("bare host") << DefaultServer << "platform-backend.getalchemystai.com:443/";
}

void TestResolvers::productionServerSpelledFourWaysIsProduction()
{
    QFETCH(QString, saved);
    QFETCH(QString, typed);
    const Environment production{QStringLiteral("Production"), QUrl(saved), true};
    const EnvironmentResolver resolver({env("Staging", "https://staging.example.com"), production},
                                       QStringLiteral("Staging"));
    const auto check = [&](Request request, Source source) {
        const Resolution resolution = resolver.resolve(request);
        QCOMPARE(resolution.source, source);
        QVERIFY2(resolution.problem.isEmpty(), qPrintable(resolution.problem));
        QVERIFY(resolution.ambiguous.isEmpty());
        QVERIFY(resolution.saved);
        QCOMPARE(resolution.environment, production); // the saved one, its own spelling, production
    };
    for (const bool inWindow : {false, true}) {
        Request option = inWindow ? window() : cli();
        option.baseUrlText = typed;
        check(option, Source::Option);
        Request variable = inWindow ? window() : cli();
        variable.variableUrlText = typed;
        check(variable, Source::Variable);
    }
    const EnvironmentResolver::ServerMatch match = resolver.environmentsOn(parseBaseUrl(typed));
    QVERIFY(match.production);
    QCOMPARE(match.matches, QList<Environment>{production});
}

void TestResolvers::twoEnvironmentsOnOneServerAreAmbiguous()
{
    const Environment alpha = env("Alpha", "http://127.0.0.1:8080");
    const Environment beta = env("Beta", "http://127.0.0.1:8080/", true);
    const EnvironmentResolver resolver({alpha, env("Other", "http://127.0.0.1:9090"), beta}, QString());
    for (const bool inWindow : {false, true}) {
        Request request = inWindow ? window() : cli();
        request.baseUrlText = QStringLiteral("HTTP://127.0.0.1:8080/./");
        const Resolution resolution = resolver.resolve(request);
        QCOMPARE(resolution.source, Source::Option);
        QCOMPARE(resolution.ambiguous, (QList<Environment>{alpha, beta}));
        QVERIFY(!resolution.saved);
        QCOMPARE(resolution.environment.name, QStringLiteral("127.0.0.1:8080"));
        QVERIFY2(resolution.environment.production, "Beta says the server is production");
        QVERIFY(resolution.problem.isEmpty());
    }
    // Named, there is nothing to choose.
    Request named = cli();
    named.envName = QStringLiteral("Alpha");
    const Resolution resolution = resolver.resolve(named);
    QVERIFY(resolution.ambiguous.isEmpty());
    QCOMPARE(resolution.environment.name, QStringLiteral("Alpha"));
    QVERIFY(resolution.saved);
    // One environment on a server is not ambiguous.
    Request other = cli();
    other.variableUrlText = QStringLiteral("http://127.0.0.1:9090/");
    QVERIFY(resolver.resolve(other).ambiguous.isEmpty());
    QCOMPARE(resolver.resolve(other).environment.name, QStringLiteral("Other"));
}

void TestResolvers::namedEnvironmentOnAProductionServerIsProduction()
{
    const Environment staging = env("Staging", "HTTP://127.0.0.1:80/");
    const Environment elsewhere = env("Elsewhere", "http://127.0.0.1:8080");
    const EnvironmentResolver resolver({staging, elsewhere, env("Production", "http://127.0.0.1", true)},
                                       QStringLiteral("Staging"));
    Request named = cli();
    named.envName = QStringLiteral("Staging");
    Resolution resolution = resolver.resolve(named);
    QCOMPARE(resolution.source, Source::Named);
    QCOMPARE(resolution.environment.name, QStringLiteral("Staging"));
    QCOMPARE(resolution.environment.baseUrl, staging.baseUrl);
    QVERIFY(resolution.environment.production);

    resolution = resolver.resolve(cli()); // the active one
    QCOMPARE(resolution.source, Source::Active);
    QVERIFY(resolution.environment.production);

    const EnvironmentResolver noActive({staging, env("Production", "http://127.0.0.1", true)}, QString());
    resolution = noActive.resolve(window()); // the window's first saved one
    QCOMPARE(resolution.source, Source::First);
    QCOMPARE(resolution.environment.name, QStringLiteral("Staging"));
    QVERIFY(resolution.environment.production);

    // Another server is not made production by it.
    named.envName = QStringLiteral("Elsewhere");
    resolution = resolver.resolve(named);
    QCOMPARE(resolution.environment, elsewhere);
}

void TestResolvers::cliPrecedence()
{
    const Environment active = env("Active", "https://active.example.com");
    const Environment named = env("Named", "https://named.example.com");
    const Environment onVariable = env("OnVariable", "https://variable.example.com");
    const Environment onDefault = env("OnDefault", "https://platform-backend.getalchemystai.com/");
    const EnvironmentResolver resolver({active, named, onVariable, onDefault}, QStringLiteral("Active"));

    Request request = cli();
    request.baseUrlText = QStringLiteral("https://typed.example.com");
    request.variableUrlText = QStringLiteral("https://variable.example.com");
    Resolution resolution = resolver.resolve(request);
    QCOMPARE(resolution.source, Source::Option);
    QCOMPARE(resolution.environment.baseUrl, QUrl(QStringLiteral("https://typed.example.com")));
    QVERIFY(!resolution.saved);

    request = cli();
    request.envName = QStringLiteral("Named");
    request.variableUrlText = QStringLiteral("https://variable.example.com");
    resolution = resolver.resolve(request);
    QCOMPARE(resolution.source, Source::Named);
    QCOMPARE(resolution.environment, named);

    request = cli();
    request.variableUrlText = QStringLiteral("https://variable.example.com");
    resolution = resolver.resolve(request);
    QCOMPARE(resolution.source, Source::Variable);
    QCOMPARE(resolution.environment, onVariable);
    QVERIFY(resolution.saved);

    resolution = resolver.resolve(cli());
    QCOMPARE(resolution.source, Source::Active);
    QCOMPARE(resolution.environment, active);

    // No active one (or one that is gone): the default server, as the saved environment on it.
    for (const QString& activeName : {QString(), QStringLiteral("Gone")}) {
        resolution = EnvironmentResolver({named, onDefault}, activeName).resolve(cli());
        QCOMPARE(resolution.source, Source::Default);
        QCOMPARE(resolution.environment, onDefault);
        QVERIFY(resolution.saved);
    }
    // The CLI has no demo: a window's active demo means the default server there, and nothing saved.
    resolution = EnvironmentResolver({named}, EnvironmentStore::demoName()).resolve(cli());
    QCOMPARE(resolution.source, Source::Default);
    QCOMPARE(resolution.environment.baseUrl, defaultBaseUrl());
    QVERIFY(!resolution.saved);
    QVERIFY(resolution.problem.isEmpty());
}

void TestResolvers::windowPrecedence()
{
    const Environment first = env("First", "https://first.example.com");
    const Environment active = env("Active", "https://active.example.com");
    const Environment named = env("Named", "https://named.example.com");
    const EnvironmentResolver resolver({first, active, named}, QStringLiteral("Active"));

    Request request = window();
    request.demo = true;
    request.baseUrlText = QStringLiteral("https://typed.example.com");
    QCOMPARE(resolver.resolve(request).source, Source::Demo);
    QCOMPARE(resolver.resolve(request).environment.name, EnvironmentStore::demoName());

    request = window();
    request.baseUrlText = QStringLiteral("https://named.example.com/");
    request.variableUrlText = QStringLiteral("https://first.example.com");
    Resolution resolution = resolver.resolve(request);
    QCOMPARE(resolution.source, Source::Option);
    QCOMPARE(resolution.environment, named); // the saved one on that server

    request = window();
    request.envName = QStringLiteral("Named");
    request.variableUrlText = QStringLiteral("https://first.example.com");
    QCOMPARE(resolver.resolve(request).source, Source::Named);
    QCOMPARE(resolver.resolve(request).environment, named);

    request = window();
    request.variableUrlText = QStringLiteral("https://first.example.com");
    QCOMPARE(resolver.resolve(request).source, Source::Variable);
    QCOMPARE(resolver.resolve(request).environment, first);

    QCOMPARE(resolver.resolve(window()).source, Source::Active);
    QCOMPARE(resolver.resolve(window()).environment, active);

    QCOMPARE(EnvironmentResolver({first, active}, EnvironmentStore::demoName()).resolve(window()).source,
             Source::Demo);

    for (const QString& activeName : {QString(), QStringLiteral("Gone")}) {
        resolution = EnvironmentResolver({first, active}, activeName).resolve(window());
        QCOMPARE(resolution.source, Source::First);
        QCOMPARE(resolution.environment, first);
    }

    // Nothing saved: the default server with ALCHEMYST_AI_API_KEY set, else a first run.
    const EnvironmentResolver empty({}, QString());
    request = window();
    request.haveVariableKey = true;
    resolution = empty.resolve(request);
    QCOMPARE(resolution.source, Source::Default);
    QCOMPARE(resolution.environment.baseUrl, defaultBaseUrl());
    QCOMPARE(resolution.environment.name, QStringLiteral("platform-backend.getalchemystai.com"));
    QVERIFY(!resolution.saved);
    resolution = empty.resolve(window());
    QCOMPARE(resolution.source, Source::None);
    QVERIFY(resolution.problem.isEmpty());
    QVERIFY(resolution.environment.baseUrl.isEmpty());
}

void TestResolvers::unknownEnvIsAProblem()
{
    const EnvironmentResolver resolver({env("Staging", "https://staging.example.com")},
                                       QStringLiteral("Staging"));
    for (const bool inWindow : {false, true}) {
        Request request = inWindow ? window() : cli();
        request.envName = QStringLiteral("staging"); // names are exact
        request.variableUrlText = QStringLiteral("https://staging.example.com");
        const Resolution resolution = resolver.resolve(request);
        QCOMPARE(resolution.source, Source::Named);
        QCOMPARE(resolution.problem,
                 QStringLiteral("no environment named \"staging\" (see: alchemyst-jobs env list)"));
    }
}

void TestResolvers::baseUrlAndEnvTogetherIsAProblem()
{
    const EnvironmentResolver resolver({env("Staging", "https://staging.example.com")}, QString());
    for (const bool inWindow : {false, true}) {
        Request request = inWindow ? window() : cli();
        request.envName = QStringLiteral("Staging");
        request.baseUrlText = QStringLiteral("https://staging.example.com");
        QCOMPARE(resolver.resolve(request).problem, QStringLiteral("give --base-url or --env, not both."));
    }
}

void TestResolvers::unusableUrlIsAProblem()
{
    const EnvironmentResolver resolver({env("Plain", "http://staging.example.com")}, QStringLiteral("Plain"));
    Request request = cli();
    request.baseUrlText = QStringLiteral("http://");
    Resolution resolution = resolver.resolve(request);
    QCOMPARE(resolution.source, Source::Option);
    QVERIFY2(resolution.problem.contains(QLatin1String("\"http://\" is not a valid URL")),
             qPrintable(resolution.problem));

    request = cli();
    request.variableUrlText = QStringLiteral("http://staging.example.com");
    resolution = resolver.resolve(request);
    QCOMPARE(resolution.source, Source::Variable);
    QVERIFY2(resolution.problem.startsWith(QLatin1String("ALCHEMYST_AI_BASE_URL: ")) &&
                 resolution.problem.contains(QLatin1String("unencrypted")),
             qPrintable(resolution.problem));

    // A saved environment's URL is checked too; the environment is still given, for the window to show.
    resolution = resolver.resolve(window());
    QCOMPARE(resolution.source, Source::Active);
    QCOMPARE(resolution.environment.name, QStringLiteral("Plain"));
    QVERIFY2(resolution.problem.contains(QLatin1String("unencrypted")), qPrintable(resolution.problem));
}

void TestResolvers::unsavedServerIsNamedAfterItsHost()
{
    const EnvironmentResolver resolver({}, QString());
    Request request = cli();
    request.baseUrlText = QStringLiteral("http://127.0.0.1:80/");
    Resolution resolution = resolver.resolve(request);
    QVERIFY(!resolution.saved);
    QCOMPARE(resolution.environment.name, QStringLiteral("127.0.0.1")); // one name however it is spelled
    QCOMPARE(resolution.environment.baseUrl, parseBaseUrl(QStringLiteral("http://127.0.0.1:80/")));
    QVERIFY(!resolution.environment.production);

    request.baseUrlText = QStringLiteral("127.0.0.1:8080");
    resolution = resolver.resolve(request);
    QCOMPARE(resolution.environment.name, QStringLiteral("127.0.0.1:8080"));
    QCOMPARE(resolution.environment.baseUrl, QUrl(QStringLiteral("https://127.0.0.1:8080")));
}

void TestResolvers::variableKeyGoesOnlyToItsServer_data()
{
    QTest::addColumn<QString>("variableUrl"); // ALCHEMYST_AI_BASE_URL, empty when unset
    QTest::addColumn<QString>("server");      // the environment's
    QTest::addColumn<bool>("goes");
    QTest::newRow("its server") << "http://127.0.0.1:8080"
                                << "http://127.0.0.1:8080" << true;
    QTest::newRow("its server, default port") << "http://127.0.0.1:80"
                                              << "http://127.0.0.1" << true;
    QTest::newRow("its server, spelled otherwise") << "HTTP://127.0.0.1/./"
                                                   << "http://127.0.0.1:80" << true;
    QTest::newRow("another port") << "http://127.0.0.1:8080"
                                  << "http://127.0.0.1:8081" << false;
    QTest::newRow("another path") << "https://a.example.com/api"
                                  << "https://a.example.com" << false;
    QTest::newRow("unset: the default server") << "" << DefaultServer << true;
    QTest::newRow("unset: the default server, :443")
        << ""
        << "https://platform-backend.getalchemystai.com:443" << true;
    QTest::newRow("unset: not staging") << ""
                                        << "https://staging.example.com" << false;
    QTest::newRow("set: not the default server") << "https://staging.example.com" << DefaultServer << false;
}

void TestResolvers::variableKeyGoesOnlyToItsServer()
{
    QFETCH(QString, variableUrl);
    QFETCH(QString, server);
    QFETCH(bool, goes);
    const Environment environment{QStringLiteral("Env"), QUrl(server), false};
    const QString variableKey = QStringLiteral("variable-key");
    for (const bool saved : {false, true}) {
        const KeyChoice choice = KeyResolver::choose(environment, saved, QString(), variableKey, variableUrl);
        if (goes) {
            QCOMPARE(choice.source, KeyChoice::Source::Variable);
            QCOMPARE(choice.key, variableKey);
            QVERIFY(choice.variableNote.isEmpty());
        } else {
            QCOMPARE(choice.source, KeyChoice::Source::Keychain);
            QVERIFY(choice.key.isEmpty());
            QVERIFY(!choice.variableNote.isEmpty());
        }
    }
}

void TestResolvers::unusedVariableKeyIsExplained()
{
    const Environment staging = env("Staging", "https://staging.example.com");
    KeyChoice choice = KeyResolver::choose(staging, true, QString(), QStringLiteral("k"), QString());
    QCOMPARE(
        choice.variableNote,
        QStringLiteral("ALCHEMYST_AI_API_KEY is set but was not used: it belongs to "
                       "https://platform-backend.getalchemystai.com (ALCHEMYST_AI_BASE_URL is unset: the "
                       "default server), not to https://staging.example.com. To use it here, set "
                       "ALCHEMYST_AI_BASE_URL=https://staging.example.com."));
    choice = KeyResolver::choose(staging, true, QString(), QStringLiteral("k"),
                                 QStringLiteral("https://other.example.com/"));
    QCOMPARE(choice.variableNote,
             QStringLiteral("ALCHEMYST_AI_API_KEY is set but was not used: it belongs to "
                            "https://other.example.com (ALCHEMYST_AI_BASE_URL), not to "
                            "https://staging.example.com. To use it here, set "
                            "ALCHEMYST_AI_BASE_URL=https://staging.example.com."));
    QVERIFY(!choice.variableNote.contains(QLatin1String("k ")));
    // No variable key, nothing to explain.
    choice =
        KeyResolver::choose(staging, true, QString(), QString(), QStringLiteral("https://other.example.com"));
    QCOMPARE(choice.source, KeyChoice::Source::Keychain);
    QVERIFY(choice.variableNote.isEmpty());
}

void TestResolvers::sessionKeyWins()
{
    const Environment onVariable = env("Local", "http://127.0.0.1:8080");
    const KeyChoice choice =
        KeyResolver::choose(onVariable, true, QStringLiteral("typed"), QStringLiteral("variable"),
                            QStringLiteral("http://127.0.0.1:8080"));
    QCOMPARE(choice.source, KeyChoice::Source::Session);
    QCOMPARE(choice.key, QStringLiteral("typed"));
    QVERIFY(choice.keychainEntry.isEmpty());
    QVERIFY(choice.variableNote.isEmpty());
    // Also where the variable's key would not go, and where no URL is known yet (the demo's token).
    QCOMPARE(KeyResolver::choose(env("Other", "https://other.example.com"), false, QStringLiteral("typed"),
                                 QStringLiteral("variable"), QString())
                 .source,
             KeyChoice::Source::Session);
    QCOMPARE(KeyResolver::choose({EnvironmentStore::demoName(), QUrl(), false}, false,
                                 QStringLiteral("token"), QString(), QString())
                 .source,
             KeyChoice::Source::Session);
}

void TestResolvers::keychainEntryForSavedAndUnsaved()
{
    // Saved: under its name and URL as saved, which is what the window, `login --env` and `env remove`
    // have always used.
    const Environment staging = env("Staging", "https://staging.example.com");
    KeyChoice choice = KeyResolver::choose(staging, true, QString(), QString(), QString());
    QCOMPARE(choice.source, KeyChoice::Source::Keychain);
    QCOMPARE(choice.keychainEntry, QStringLiteral("Staging @ https://staging.example.com"));
    QCOMPARE(choice.keychainEntry, SecretStore::keyFor(staging.name, staging.baseUrl.toString()));

    // Unsaved: under "default", what `alchemyst-jobs login --base-url URL` (and a plain `login` on the
    // default server) has always stored.
    const Resolution resolution = EnvironmentResolver({}, QString()).resolve(cli());
    choice = KeyResolver::choose(resolution.environment, resolution.saved, QString(), QString(), QString());
    QCOMPARE(choice.keychainEntry, QStringLiteral("default @ https://platform-backend.getalchemystai.com"));
    Request typed = cli();
    typed.baseUrlText = QStringLiteral("http://127.0.0.1:8080/");
    const Resolution unsaved = EnvironmentResolver({}, QString()).resolve(typed);
    QCOMPARE(KeyResolver::choose(unsaved.environment, unsaved.saved, QString(), QString(), QString())
                 .keychainEntry,
             QStringLiteral("default @ http://127.0.0.1:8080"));
    QCOMPARE(KeyResolver::keychainEntry(unsaved.environment, false),
             QStringLiteral("default @ http://127.0.0.1:8080"));

    // A URL that a saved environment has, spelled otherwise: that environment's entry.
    typed.baseUrlText = QStringLiteral("HTTPS://staging.example.com:443/");
    const Resolution matched = EnvironmentResolver({staging}, QString()).resolve(typed);
    QVERIFY(matched.saved);
    QCOMPARE(KeyResolver::choose(matched.environment, matched.saved, QString(), QString(), QString())
                 .keychainEntry,
             QStringLiteral("Staging @ https://staging.example.com"));
}

void TestResolvers::noServerNoKey()
{
    const KeyChoice choice = KeyResolver::choose({EnvironmentStore::demoName(), QUrl(), false}, false,
                                                 QString(), QStringLiteral("variable"), QString());
    QCOMPARE(choice.source, KeyChoice::Source::None);
    QVERIFY(choice.key.isEmpty());
    QVERIFY(choice.keychainEntry.isEmpty());
}

QTEST_GUILESS_MAIN(TestResolvers)
#include "tst_resolvers.moc"
