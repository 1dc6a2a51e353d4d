// The API key and the OS keychain: a real Secret Service (gnome-keyring under dbus-run-session, started
// by tests/run-tests.sh), the same flows with no Secret Service at all, and the places a key must never be.
#include "credentials/secretstore.h"
#include "simulator/simulator.h"

#include <QDir>
#include <QDirIterator>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

#ifdef AJM_SECRET_SERVICE
#include <QDBusArgument>
#include <QDBusConnection>
#include <QDBusMessage>
#include <QDBusMetaType>
#include <QDBusObjectPath>
#include <QDBusReply>
#include <QDBusVariant>

// A Secret Service secret (oayays): what gnome-keyring takes as the password of a collection.
struct DBusSecret
{
    QDBusObjectPath session;
    QByteArray parameters;
    QByteArray value;
    QString contentType;
};
Q_DECLARE_METATYPE(DBusSecret)

QDBusArgument& operator<<(QDBusArgument& argument, const DBusSecret& secret)
{
    argument.beginStructure();
    argument << secret.session << secret.parameters << secret.value << secret.contentType;
    argument.endStructure();
    return argument;
}

const QDBusArgument& operator>>(const QDBusArgument& argument, DBusSecret& secret)
{
    argument.beginStructure();
    argument >> secret.session >> secret.parameters >> secret.value >> secret.contentType;
    argument.endStructure();
    return argument;
}
#endif

using namespace Alchemyst;

// QSKIP ends the function it is in, so the check must expand in the test function itself.
#define REQUIRE_KEYRING()                                                                                    \
    do {                                                                                                     \
        if (!m_haveKeyring)                                                                                  \
            QSKIP("No Secret Service here: run the suite through tests/run-tests.sh (dbus-run-session + "    \
                  "gnome-keyring).");                                                                        \
    } while (false)

class TestSecretStore : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void storeReadReplaceRemove();
    void twoEnvironmentsKeepSeparateKeys();
    void loginThenListUsesTheKeychain();
    void missingKeyringIsSaidClearly();
    void keyFromTheEnvironmentWorksWithoutAKeyring();
    void keyIsNowhereOnDiskInLogsOrCommandLines();
    void lockedKeychainIsSaidAsLocked();

private:
    struct Run
    {
        int code = -1;
        QString out;
        QString err;
    };
    Run cli(const QStringList& arguments, const QByteArray& stdinData = QByteArray(), bool keyring = true,
            const QString& envKey = QString());
    bool anyFileContains(const QString& root, const QByteArray& needle, QString* where) const;
    static bool anyCommandLineContains(const QByteArray& needle);
    void runInPrivateKeyring(const char* function);
    static bool lockKeychain(bool locked);

    bool m_haveKeyring = false;
    QTemporaryDir* m_home = nullptr;
    Simulator* m_simulator = nullptr;
    QString m_secret;
};

void TestSecretStore::initTestCase()
{
#ifndef Q_OS_LINUX
    // These tests are about the Secret Service and XDG directories; macOS and Windows keychains are other
    // APIs and would be the runner's own.
    QSKIP("Linux only: the Secret Service and XDG directories.");
#endif
    // Only the throwaway keyring that tests/run-tests.sh starts is written to, never a developer's own:
    // elsewhere the keyring tests say so and skip.
    if (qEnvironmentVariableIntValue("AJM_REQUIRE_KEYRING") &&
        !qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS")) {
        SecretStore probe(QStringLiteral("com.getalchemystai.JobMonitor.test"));
        const SecretResult written = probe.writeSync(QStringLiteral("probe"), QStringLiteral("x"));
        m_haveKeyring = written.status == SecretResult::Ok;
        probe.removeSync(QStringLiteral("probe"));
    }
    if (!m_haveKeyring && qEnvironmentVariableIntValue("AJM_REQUIRE_KEYRING"))
        QFAIL("AJM_REQUIRE_KEYRING is set but no Secret Service answered");
}

void TestSecretStore::init()
{
    m_home = new QTemporaryDir;
    Simulator::Options options;
    options.live = false;
    options.initialJobs = 12;
    // A fresh, unguessable key per test: finding it anywhere is a leak, not a coincidence.
    m_secret = QStringLiteral("sk-test-") + QUuid::createUuid().toString(QUuid::Id128);
    options.token = m_secret;
    m_simulator = new Simulator(options, this);
    QVERIFY(m_simulator->listen() != 0);
}

void TestSecretStore::cleanup()
{
    delete m_simulator;
    delete m_home;
}

TestSecretStore::Run TestSecretStore::cli(const QStringList& arguments, const QByteArray& stdinData,
                                          bool keyring, const QString& envKey)
{
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("XDG_CONFIG_HOME"), m_home->filePath(QStringLiteral("config")));
    environment.insert(QStringLiteral("XDG_DATA_HOME"), m_home->filePath(QStringLiteral("data")));
    environment.insert(QStringLiteral("XDG_CACHE_HOME"), m_home->filePath(QStringLiteral("cache")));
    environment.insert(QStringLiteral("QT_LOGGING_RULES"),
                       QStringLiteral("*.debug=true")); // logs must not carry it
    environment.remove(QStringLiteral("ALCHEMYST_AI_BASE_URL"));
    if (envKey.isEmpty()) {
        environment.remove(QStringLiteral("ALCHEMYST_AI_API_KEY"));
    } else {
        // The variable's key belongs to the server of ALCHEMYST_AI_BASE_URL (else the default one): name
        // the simulator, so that it may go there.
        environment.insert(QStringLiteral("ALCHEMYST_AI_API_KEY"), envKey);
        environment.insert(QStringLiteral("ALCHEMYST_AI_BASE_URL"), m_simulator->baseUrl().toString());
    }
    if (!keyring) {
        environment.remove(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"));
        environment.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"),
                           QStringLiteral("unix:path=/nonexistent/bus"));
    }
    process.setProcessEnvironment(environment);
    process.start(QStringLiteral(AJM_CLI_PATH), arguments);
    process.write(stdinData);
    process.closeWriteChannel();
    if (!QTest::qWaitFor([&process] { return process.state() == QProcess::NotRunning; }, 30000)) {
        process.kill();
        process.waitForFinished();
        QTest::qFail("alchemyst-jobs did not finish", __FILE__, __LINE__);
    }
    Run run;
    run.code = process.exitCode();
    run.out = QString::fromUtf8(process.readAllStandardOutput());
    run.err = QString::fromUtf8(process.readAllStandardError());
    return run;
}

void TestSecretStore::storeReadReplaceRemove()
{
    REQUIRE_KEYRING();
    SecretStore store(QStringLiteral("com.getalchemystai.JobMonitor.test"));
    const QString key =
        SecretStore::keyFor(QStringLiteral("Staging"), QStringLiteral("https://staging.example.com"));
    QCOMPARE(store.writeSync(key, QStringLiteral("first")).status, SecretResult::Ok);
    SecretResult read = store.readSync(key);
    QCOMPARE(read.status, SecretResult::Ok);
    QCOMPARE(read.secret, QStringLiteral("first"));
    QCOMPARE(store.writeSync(key, QStringLiteral("second")).status, SecretResult::Ok);
    QCOMPARE(store.readSync(key).secret, QStringLiteral("second"));
    QCOMPARE(store.removeSync(key).status, SecretResult::Ok);
    read = store.readSync(key);
    QCOMPARE(read.status, SecretResult::NotFound);
    QVERIFY(read.secret.isEmpty());
}

void TestSecretStore::twoEnvironmentsKeepSeparateKeys()
{
    REQUIRE_KEYRING();
    SecretStore store(QStringLiteral("com.getalchemystai.JobMonitor.test"));
    const QString production =
        SecretStore::keyFor(QStringLiteral("Production"), QStringLiteral("https://a.example.com"));
    const QString staging =
        SecretStore::keyFor(QStringLiteral("Staging"), QStringLiteral("https://b.example.com"));
    QCOMPARE(store.writeSync(production, QStringLiteral("prod-key")).status, SecretResult::Ok);
    QCOMPARE(store.writeSync(staging, QStringLiteral("staging-key")).status, SecretResult::Ok);
    QCOMPARE(store.readSync(production).secret, QStringLiteral("prod-key"));
    QCOMPARE(store.readSync(staging).secret, QStringLiteral("staging-key"));
    store.removeSync(staging);
    QCOMPARE(store.readSync(production).secret, QStringLiteral("prod-key"));
    store.removeSync(production);
}

void TestSecretStore::loginThenListUsesTheKeychain()
{
    REQUIRE_KEYRING();
    const QString url = m_simulator->baseUrl().toString();
    QCOMPARE(cli({QStringLiteral("env"), QStringLiteral("add"), QStringLiteral("Local"),
                  QStringLiteral("--base-url"), url})
                 .code,
             0);
    const Run badLogin =
        cli({QStringLiteral("login"), QStringLiteral("--env"), QStringLiteral("Local")}, "wrong-key\n");
    QCOMPARE(badLogin.code, 5); // verified before it is stored, and not stored
    const Run login = cli({QStringLiteral("login"), QStringLiteral("--env"), QStringLiteral("Local")},
                          m_secret.toUtf8() + '\n');
    QCOMPARE(login.code, 0);
    QVERIFY(login.out.contains(QLatin1String("Stored")));

    // Nothing typed again: the active environment and its stored key.
    const Run list = cli({QStringLiteral("list"), QStringLiteral("--json")});
    QCOMPARE(list.code, 0);
    QCOMPARE(QJsonDocument::fromJson(list.out.toUtf8()).array().size(), m_simulator->jobCount());
    const Run envs = cli({QStringLiteral("env"), QStringLiteral("list")});
    QVERIFY2(envs.out.contains(QLatin1String("* Local")) && envs.out.contains(QLatin1String("key stored")),
             qPrintable(envs.out));

    QCOMPARE(cli({QStringLiteral("logout"), QStringLiteral("--env"), QStringLiteral("Local")}).code, 0);
    const Run after = cli({QStringLiteral("list")});
    QCOMPARE(after.code, 5);
    QVERIFY(after.err.contains(QLatin1String("alchemyst-jobs login")));
    QCOMPARE(cli({QStringLiteral("env"), QStringLiteral("remove"), QStringLiteral("Local")}).code, 0);
}

void TestSecretStore::missingKeyringIsSaidClearly()
{
    const QString url = m_simulator->baseUrl().toString();
    QCOMPARE(cli({QStringLiteral("env"), QStringLiteral("add"), QStringLiteral("Local"),
                  QStringLiteral("--base-url"), url},
                 {}, false)
                 .code,
             0);
    const Run list = cli({QStringLiteral("list")}, {}, false);
    QCOMPARE(list.code, 5);
    QVERIFY2(list.err.contains(QLatin1String("keychain")) &&
                 list.err.contains(QLatin1String("gnome-keyring")),
             qPrintable(list.err));
    QVERIFY(list.err.contains(QLatin1String("ALCHEMYST_AI_API_KEY")));
    const Run login = cli({QStringLiteral("login")}, m_secret.toUtf8() + '\n', false);
    QCOMPARE(login.code, 5);
    QVERIFY2(login.err.contains(QLatin1String("gnome-keyring")), qPrintable(login.err));
}

void TestSecretStore::keyFromTheEnvironmentWorksWithoutAKeyring()
{
    const Run list = cli({QStringLiteral("--base-url"), m_simulator->baseUrl().toString(),
                          QStringLiteral("list"), QStringLiteral("--json")},
                         {}, false, m_secret);
    QCOMPARE(list.code, 0);
    QCOMPARE(QJsonDocument::fromJson(list.out.toUtf8()).array().size(), m_simulator->jobCount());
}

bool TestSecretStore::anyFileContains(const QString& root, const QByteArray& needle, QString* where) const
{
    QDirIterator it(root, QDir::Files | QDir::Hidden | QDir::NoSymLinks, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile file(it.next());
        if (file.open(QIODevice::ReadOnly) && file.readAll().contains(needle)) {
            *where = file.fileName();
            return true;
        }
    }
    return false;
}

bool TestSecretStore::anyCommandLineContains(const QByteArray& needle)
{
    const QStringList pids = QDir(QStringLiteral("/proc")).entryList(QDir::Dirs);
    for (const QString& pid : pids) {
        QFile cmdline(QStringLiteral("/proc/%1/cmdline").arg(pid));
        if (cmdline.open(QIODevice::ReadOnly) && cmdline.readAll().contains(needle))
            return true;
    }
    return false;
}

void TestSecretStore::keyIsNowhereOnDiskInLogsOrCommandLines()
{
    const QString url = m_simulator->baseUrl().toString();
    const QByteArray needle = m_secret.toUtf8();
    QList<Run> runs;
    runs << cli({QStringLiteral("env"), QStringLiteral("add"), QStringLiteral("Local"),
                 QStringLiteral("--base-url"), url});
    if (m_haveKeyring) {
        runs << cli({QStringLiteral("login")}, needle + '\n');
        QCOMPARE(runs.last().code, 0);
        QVERIFY(!anyCommandLineContains(needle));
        runs << cli({QStringLiteral("list")});
        QCOMPARE(runs.last().code, 0);
        runs << cli({QStringLiteral("cancel"), m_simulator->addJob(QStringLiteral("waiting"))});
        QCOMPARE(runs.last().code, 0);
    }
    runs << cli({QStringLiteral("list")}, {}, false, m_secret); // from the environment
    QCOMPARE(runs.last().code, 0);
    runs << cli({QStringLiteral("login")}, needle + '\n',
                false); // keyring missing: must not fall back to a file
    for (const Run& run : std::as_const(runs)) {
        QVERIFY2(!run.out.contains(m_secret), "the key reached stdout");
        QVERIFY2(!run.err.contains(m_secret), "the key reached stderr or a log line");
    }
    QString where;
    QVERIFY2(!anyFileContains(m_home->path(), needle, &where), qPrintable(where));
    QVERIFY(QDir(m_home->filePath(QStringLiteral("config"))).exists()); // the settings were written there
    if (m_haveKeyring)
        cli({QStringLiteral("logout")});
}

// Runs one test function of this executable again in a D-Bus session of its own with its own
// gnome-keyring (unlocked with the password tests/run-tests.sh uses), in a throwaway home: a test that
// locks the keychain must not lock the one the other keyring tests share, two of which run at a time.
void TestSecretStore::runInPrivateKeyring(const char* function)
{
    const QString dbusRunSession = QStandardPaths::findExecutable(QStringLiteral("dbus-run-session"));
    const QString keyringDaemon = QStandardPaths::findExecutable(QStringLiteral("gnome-keyring-daemon"));
    if (dbusRunSession.isEmpty() || keyringDaemon.isEmpty() ||
        QStandardPaths::findExecutable(QStringLiteral("dbus-send")).isEmpty()) {
        if (qEnvironmentVariableIntValue("AJM_REQUIRE_KEYRING"))
            QFAIL("AJM_REQUIRE_KEYRING is set but dbus-run-session, dbus-send or gnome-keyring-daemon is "
                  "missing");
        QSKIP("dbus-run-session, dbus-send and gnome-keyring-daemon are needed for a keyring of its own");
    }
    // The daemon, and any that D-Bus would start, keep their keyring and socket in a throwaway home.
    QTemporaryDir home;
    QVERIFY(home.isValid());
    const QString dataHome = home.filePath(QStringLiteral("data"));
    const QString runtimeDir = home.filePath(QStringLiteral("run"));
    QVERIFY(QDir().mkpath(dataHome) && QDir().mkpath(runtimeDir));
    QVERIFY(QFile::setPermissions(runtimeDir, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner));
    // Started by this script and ended by its pid; the test starts once the daemon is on the bus.
    const QString script = QStringLiteral(
        "printf ci-test-keyring | \"$AJM_KEYRING_DAEMON\" --foreground --unlock --components=secrets "
        ">/dev/null &\n"
        "daemon=$!\n"
        "tries=0\n"
        "until dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \\\n"
        "    org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null | grep -q true; "
        "do\n"
        "    tries=$((tries + 1))\n"
        "    if [ \"$tries\" -gt 500 ]; then echo 'gnome-keyring-daemon did not come up' >&2; break; fi\n"
        "    sleep 0.02\n"
        "done\n"
        "status=0\n"
        "\"$@\" || status=$?\n"
        "kill \"$daemon\" 2>/dev/null\n"
        "exit $status\n");
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("AJM_PRIVATE_KEYRING"), QStringLiteral("1"));
    environment.insert(QStringLiteral("AJM_KEYRING_DAEMON"), keyringDaemon);
    environment.insert(QStringLiteral("AJM_REQUIRE_KEYRING"), QStringLiteral("1"));
    environment.insert(QStringLiteral("XDG_DATA_HOME"), dataHome);
    environment.insert(QStringLiteral("XDG_RUNTIME_DIR"), runtimeDir);
    // No unlock prompt may appear on a developer's screen (nor wait there for an answer).
    for (const char* name :
         {"GNOME_KEYRING_CONTROL", "DISPLAY", "WAYLAND_DISPLAY", "DBUS_SESSION_BUS_ADDRESS"})
        environment.remove(QString::fromLatin1(name));
    process.setProcessEnvironment(environment);
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(dbusRunSession, {QStringLiteral("--"), QStringLiteral("sh"), QStringLiteral("-c"), script,
                                   QStringLiteral("sh"), QCoreApplication::applicationFilePath(),
                                   QString::fromLatin1(function)});
    if (!QTest::qWaitFor([&process] { return process.state() == QProcess::NotRunning; }, 60000)) {
        process.kill();
        process.waitForFinished();
        QFAIL("the test in a keyring of its own did not finish");
    }
    const QString output = QString::fromUtf8(process.readAll());
    QVERIFY2(process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0, qPrintable(output));
    QVERIFY2(output.contains(QStringLiteral("PASS   : TestSecretStore::%1()").arg(QLatin1String(function))),
             qPrintable(output));
}

// Locks or unlocks the Secret Service's default collection without a prompt: Lock needs none, and
// gnome-keyring takes the collection's password for unlocking.
bool TestSecretStore::lockKeychain(bool locked)
{
#ifdef AJM_SECRET_SERVICE
    // Plain method calls, not QDBusInterface: its introspected meta-objects stay cached in QtDBus for the
    // life of the process, which LeakSanitizer reports.
    QDBusConnection bus = QDBusConnection::sessionBus();
    const QString service = QStringLiteral("org.freedesktop.secrets");
    const auto call = [&](const QString& path, const QString& interface, const QString& method,
                          const QVariantList& arguments) {
        QDBusMessage message = QDBusMessage::createMethodCall(service, path, interface, method);
        message.setArguments(arguments);
        return bus.call(message);
    };
    const QString root = QStringLiteral("/org/freedesktop/secrets");
    const QString secretService = QStringLiteral("org.freedesktop.Secret.Service");
    const QDBusReply<QDBusObjectPath> alias =
        call(root, secretService, QStringLiteral("ReadAlias"), {QStringLiteral("default")});
    if (!alias.isValid() || alias.value().path() == QLatin1String("/")) {
        qWarning() << "no default collection:" << alias.error().message();
        return false;
    }
    const QDBusObjectPath collection = alias.value();
    if (locked) {
        const QDBusMessage reply = call(root, secretService, QStringLiteral("Lock"),
                                        {QVariant::fromValue(QList<QDBusObjectPath>{collection})});
        if (reply.type() != QDBusMessage::ReplyMessage) {
            qWarning() << "Lock:" << reply.errorMessage();
            return false;
        }
    } else {
        qDBusRegisterMetaType<DBusSecret>();
        const QDBusMessage opened =
            call(root, secretService, QStringLiteral("OpenSession"),
                 {QStringLiteral("plain"), QVariant::fromValue(QDBusVariant(QString()))});
        if (opened.type() != QDBusMessage::ReplyMessage || opened.arguments().size() != 2) {
            qWarning() << "OpenSession:" << opened.errorMessage();
            return false;
        }
        DBusSecret password{opened.arguments().at(1).value<QDBusObjectPath>(),
                            {},
                            "ci-test-keyring",
                            QStringLiteral("text/plain")};
        const QDBusMessage reply =
            call(root, QStringLiteral("org.gnome.keyring.InternalUnsupportedGuiltRiddenInterface"),
                 QStringLiteral("UnlockWithMasterPassword"),
                 {QVariant::fromValue(collection), QVariant::fromValue(password)});
        if (reply.type() != QDBusMessage::ReplyMessage) {
            qWarning() << "UnlockWithMasterPassword:" << reply.errorMessage();
            return false;
        }
    }
    const QDBusReply<QDBusVariant> state =
        call(collection.path(), QStringLiteral("org.freedesktop.DBus.Properties"), QStringLiteral("Get"),
             {QStringLiteral("org.freedesktop.Secret.Collection"), QStringLiteral("Locked")});
    return state.isValid() && state.value().variant().toBool() == locked;
#else
    Q_UNUSED(locked)
    return false;
#endif
}

void TestSecretStore::lockedKeychainIsSaidAsLocked()
{
    if (!qEnvironmentVariableIsSet("AJM_PRIVATE_KEYRING"))
        return runInPrivateKeyring("lockedKeychainIsSaidAsLocked");
    REQUIRE_KEYRING();
    SecretStore store(QStringLiteral(AJM_APP_ID));
    const QString url = m_simulator->baseUrl().toString();
    QCOMPARE(cli({QStringLiteral("env"), QStringLiteral("add"), QStringLiteral("Local"),
                  QStringLiteral("--base-url"), url})
                 .code,
             0);
    const QString entry = SecretStore::keyFor(QStringLiteral("Local"), url);
    QCOMPARE(store.writeSync(entry, m_secret).status, SecretResult::Ok);
    QVERIFY(lockKeychain(true));

    // Neither "no key" nor, for a removal, done: the key is there, locked away.
    const SecretResult read = store.readSync(entry);
    QCOMPARE(read.status, SecretResult::Locked);
    QVERIFY(read.secret.isEmpty());
    QVERIFY2(read.message.contains(QLatin1String("locked")) &&
                 !read.message.contains(QLatin1String("No API")),
             qPrintable(read.message));
    const SecretResult removed = store.removeSync(entry);
    QCOMPARE(removed.status, SecretResult::Locked);
    QVERIFY2(removed.message.contains(QLatin1String("locked")), qPrintable(removed.message));
    // Nor can a key be stored; the one stored stays.
    const SecretResult written = store.writeSync(entry, QStringLiteral("replaced"));
    QCOMPARE(written.status, SecretResult::Locked);
    // An entry that was never there cannot be told apart while the keychain is locked either.
    QCOMPARE(store.readSync(QStringLiteral("never stored")).status, SecretResult::Locked);

    // The CLI: the environment is kept, and the operator is told why.
    const Run remove = cli({QStringLiteral("env"), QStringLiteral("remove"), QStringLiteral("Local")});
    QCOMPARE(remove.code, 5);
    QVERIFY2(remove.err.contains(QLatin1String("locked")) && remove.err.contains(QLatin1String("kept")),
             qPrintable(remove.err));
    QVERIFY(cli({QStringLiteral("env"), QStringLiteral("list")}).out.contains(QLatin1String("Local")));
    const Run list = cli({QStringLiteral("list")});
    QCOMPARE(list.code, 5);
    QVERIFY2(list.err.contains(QLatin1String("locked")) && !list.err.contains(QLatin1String("no API key")),
             qPrintable(list.err));

    // Unlocked, the key is still there and goes as asked.
    QVERIFY(lockKeychain(false));
    const SecretResult after = store.readSync(entry);
    QCOMPARE(after.status, SecretResult::Ok);
    QCOMPARE(after.secret, m_secret);
    QCOMPARE(cli({QStringLiteral("env"), QStringLiteral("remove"), QStringLiteral("Local")}).code, 0);
    QCOMPARE(store.readSync(entry).status, SecretResult::NotFound);
    QCOMPARE(store.removeSync(entry).status, SecretResult::Ok);
}

QTEST_GUILESS_MAIN(TestSecretStore)
#include "tst_secretstore.moc"
