// One instance per user: SingleInstance in this process, then the real GUI started several times. Another
// user cannot be staged without a second account: the folders another user could have made first are
// staged instead, and the peer check is shown to run on both ends with a trusted uid that is not ours.
#include "core/singleinstance.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QLocalServer>
#include <QLocalSocket>
#include <QLockFile>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QtEndian>
#include <memory>

#ifdef Q_OS_UNIX
#include <sys/stat.h>
#include <unistd.h>
#endif

using namespace Alchemyst;

namespace {
const QString TestId = QStringLiteral("com.getalchemystai.JobMonitor.test");
const QString AppId = QStringLiteral(AJM_APP_ID);
const QString AlreadyRunning = QStringLiteral("is already running; its window was brought forward.");

#ifdef Q_OS_UNIX
int modeOf(const QString& path)
{
    struct stat status = {};
    if (::lstat(QFile::encodeName(path).constData(), &status) != 0)
        return -1;
    return static_cast<int>(status.st_mode & 07777);
}

// A folder as someone else could have left it: open to all (and, when this test may, someone else's).
bool makeOpenFolder(const QString& path)
{
    if (!QDir().mkpath(path) || ::chmod(QFile::encodeName(path).constData(), 0777) != 0)
        return false;
    if (::geteuid() == 0 && ::chown(QFile::encodeName(path).constData(), 65534, 65534) != 0)
        return false;
    return true;
}
#endif

QStringList entriesOf(const QString& path)
{
    return QDir(path).entryList(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot);
}
} // namespace

class TestSingleInstance : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void firstIsPrimarySecondIsNot();
    void notifyDeliversTheMessage();
    void aNewPrimaryAfterThePrimaryIsGone();
    void leftoverSocketDoesNotBlockThePrimary();
    void staleLockOfADeadProcessIsTakenOver();
    void unansweredPrimaryTimesOut();
    void runtimeDirectoriesKeepInstancesApart();
    void oversizedMessageIsDropped();
    void runtimeFolderOpenToOthersIsNotUsed();
    void withoutARuntimeFolderTheSharedTemporaryFolderIsNeverUsed();
    void ownFolderTakenOverIsRefused();
    void peerUserIdIsThisUser();
    void primaryRefusesAnotherUsersMessage();
    void secondaryRefusesAnotherUsersListener();

    void secondStartBringsTheFirstForwardAndExits();
    void secondStartFindsTheFirstWithoutARuntimeFolder();
    void hungPrimaryMakesTheSecondStartFail();

private:
    QProcessEnvironment guiEnvironment() const;
    void startGui(QProcess& process, const QStringList& arguments = {QStringLiteral("--demo")});
    bool guiIsListening() const;

    std::unique_ptr<QTemporaryDir> m_home;
    QByteArray m_savedRuntimeDir;
    QByteArray m_savedCacheHome;
    QByteArray m_savedTmpDir;
    bool m_withoutRuntimeDir = false;
};

void TestSingleInstance::init()
{
    // QTemporaryDir is created 0700, as QStandardPaths requires of a runtime directory.
    m_home = std::make_unique<QTemporaryDir>();
    QVERIFY(m_home->isValid());
    m_savedRuntimeDir = qgetenv("XDG_RUNTIME_DIR");
    m_savedCacheHome = qgetenv("XDG_CACHE_HOME");
    m_savedTmpDir = qgetenv("TMPDIR");
    qputenv("XDG_RUNTIME_DIR", QFile::encodeName(m_home->path()));
    // Where the fallback folder goes, as the GUI started by these tests sees it too.
    qputenv("XDG_CACHE_HOME", QFile::encodeName(m_home->filePath(QStringLiteral("cache"))));
    m_withoutRuntimeDir = false;
}

void TestSingleInstance::cleanup()
{
    const auto restore = [](const char* name, const QByteArray& value) {
        if (value.isNull())
            qunsetenv(name);
        else
            qputenv(name, value);
    };
    restore("XDG_RUNTIME_DIR", m_savedRuntimeDir);
    restore("XDG_CACHE_HOME", m_savedCacheHome);
    restore("TMPDIR", m_savedTmpDir);
    m_home.reset();
}

void TestSingleInstance::firstIsPrimarySecondIsNot()
{
    SingleInstance first(TestId);
    QCOMPARE(first.role(), SingleInstance::Role::Undecided);
    QVERIFY(first.tryBecomePrimary());
    QVERIFY(first.isPrimary());
    QVERIFY2(first.errorString().isEmpty(), qPrintable(first.errorString()));
    QVERIFY(first.lockFilePath().startsWith(m_home->path() + QLatin1Char('/')));
    QVERIFY(first.serverName().startsWith(m_home->path() + QLatin1Char('/')));
    QVERIFY(QFile::exists(first.lockFilePath()));
    QVERIFY(QFile::exists(first.serverName()));

    SingleInstance second(TestId);
    QCOMPARE(second.lockFilePath(), first.lockFilePath());
    QVERIFY(!second.tryBecomePrimary());
    QCOMPARE(second.role(), SingleInstance::Role::Secondary);
    QCOMPARE(second.primaryPid(), QCoreApplication::applicationPid());
    QVERIFY(first.isPrimary());
}

void TestSingleInstance::notifyDeliversTheMessage()
{
    SingleInstance first(TestId);
    QVERIFY(first.tryBecomePrimary());
    QSignalSpy activations(&first, &SingleInstance::activationRequested);

    SingleInstance second(TestId);
    QVERIFY(!second.tryBecomePrimary());
    QVERIFY(second.notifyPrimary("activate\n--demo", 5000));
    QCOMPARE(activations.count(), 1);
    QCOMPARE(activations.at(0).at(0).toByteArray(), QByteArray("activate\n--demo"));

    // Connections are not one-shot: the next start is heard too, an empty message included.
    QVERIFY(second.notifyPrimary(QByteArray(), 5000));
    QCOMPARE(activations.count(), 2);
    QCOMPARE(activations.at(1).at(0).toByteArray(), QByteArray());
}

void TestSingleInstance::aNewPrimaryAfterThePrimaryIsGone()
{
    auto first = std::make_unique<SingleInstance>(TestId);
    QVERIFY(first->tryBecomePrimary());
    SingleInstance second(TestId);
    QVERIFY(!second.tryBecomePrimary());

    first.reset();
    QVERIFY(!QFile::exists(second.lockFilePath()));
    QVERIFY(!second.notifyPrimary("activate", 300));
    QVERIFY(second.tryBecomePrimary());
    QVERIFY(second.isPrimary());

    QSignalSpy activations(&second, &SingleInstance::activationRequested);
    SingleInstance third(TestId);
    QVERIFY(!third.tryBecomePrimary());
    QVERIFY(third.notifyPrimary("activate", 5000));
    QCOMPARE(activations.count(), 1);
}

void TestSingleInstance::leftoverSocketDoesNotBlockThePrimary()
{
    // What a crashed primary leaves behind: a socket path nobody listens on.
    SingleInstance probe(TestId);
    QFile leftover(probe.serverName());
    QVERIFY(leftover.open(QIODevice::WriteOnly));
    leftover.close();

    SingleInstance first(TestId);
    QVERIFY(first.tryBecomePrimary());
    QVERIFY2(first.errorString().isEmpty(), qPrintable(first.errorString()));
    QSignalSpy activations(&first, &SingleInstance::activationRequested);
    QVERIFY(!probe.tryBecomePrimary());
    QVERIFY(probe.notifyPrimary("activate", 5000));
    QCOMPARE(activations.count(), 1);
}

void TestSingleInstance::staleLockOfADeadProcessIsTakenOver()
{
    // A PID that certainly belonged to a process and certainly no longer does.
    QProcess shortLived;
    shortLived.start(QStringLiteral(AJM_GUI_PATH), {QStringLiteral("--version")});
    QVERIFY(shortLived.waitForStarted());
    const qint64 deadPid = shortLived.processId();
    QVERIFY(shortLived.waitForFinished());

    SingleInstance probe(TestId);
    QFile lock(probe.lockFilePath());
    QVERIFY(lock.open(QIODevice::WriteOnly));
    // QLockFile's format: PID, process name, host name (empty: this host).
    lock.write(QByteArray::number(deadPid) + "\nalchemyst-job-monitor\n\n");
    lock.close();

    SingleInstance next(TestId);
    QVERIFY(next.tryBecomePrimary());
    QCOMPARE(next.primaryPid(), QCoreApplication::applicationPid());
}

void TestSingleInstance::unansweredPrimaryTimesOut()
{
    // A live holder of the lock that never listens: a hung primary.
    SingleInstance probe(TestId);
    QLockFile hung(probe.lockFilePath());
    QVERIFY(hung.tryLock(0));

    SingleInstance second(TestId);
    QVERIFY(!second.tryBecomePrimary());
    QCOMPARE(second.role(), SingleInstance::Role::Secondary);
    QElapsedTimer elapsed;
    elapsed.start();
    QVERIFY(!second.notifyPrimary("activate", 700));
    QVERIFY2(elapsed.elapsed() >= 600, qPrintable(QString::number(elapsed.elapsed())));
    QVERIFY2(elapsed.elapsed() < 5000, qPrintable(QString::number(elapsed.elapsed())));
    QVERIFY(!second.tryBecomePrimary());
}

void TestSingleInstance::runtimeDirectoriesKeepInstancesApart()
{
    SingleInstance first(TestId);
    QVERIFY(first.tryBecomePrimary());

    QTemporaryDir otherRuntime;
    QVERIFY(otherRuntime.isValid());
    qputenv("XDG_RUNTIME_DIR", QFile::encodeName(otherRuntime.path()));
    SingleInstance elsewhere(TestId);
    QVERIFY(elsewhere.lockFilePath() != first.lockFilePath());
    QVERIFY(elsewhere.serverName() != first.serverName());
    QVERIFY(elsewhere.tryBecomePrimary());

    // Different ids in one directory do not meet either.
    SingleInstance otherApp(TestId + QStringLiteral(".other"));
    QVERIFY(otherApp.tryBecomePrimary());
}

void TestSingleInstance::oversizedMessageIsDropped()
{
    SingleInstance first(TestId);
    QVERIFY(first.tryBecomePrimary());
    QSignalSpy activations(&first, &SingleInstance::activationRequested);

    QLocalSocket stray;
    stray.connectToServer(first.serverName());
    QVERIFY(stray.waitForConnected(5000));
    QByteArray header(4, Qt::Uninitialized);
    qToBigEndian<quint32>(0xFFFFFFFFu, header.data());
    QTest::ignoreMessage(QtWarningMsg, "dropping a client that announced a message of 4294967295 bytes");
    stray.write(header);
    stray.flush();
    QTRY_COMPARE(stray.state(), QLocalSocket::UnconnectedState);
    QCOMPARE(activations.count(), 0);

    // The server is still there for a well-formed start.
    SingleInstance second(TestId);
    QVERIFY(!second.tryBecomePrimary());
    QVERIFY(second.notifyPrimary("activate", 5000));
    QCOMPARE(activations.count(), 1);
}

void TestSingleInstance::runtimeFolderOpenToOthersIsNotUsed()
{
#ifndef Q_OS_UNIX
    QSKIP("POSIX folders");
#else
    const QString open = m_home->filePath(QStringLiteral("open-runtime"));
    QVERIFY(makeOpenFolder(open));
    qputenv("XDG_RUNTIME_DIR", QFile::encodeName(open));
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("not using XDG_RUNTIME_DIR .*")));
    SingleInstance first(TestId);
    QVERIFY(!first.lockFilePath().startsWith(open));
    QCOMPARE(first.directory(), m_home->filePath(QStringLiteral("cache/")) + TestId + QStringLiteral("/run"));
    QVERIFY(first.tryBecomePrimary());
    QCOMPARE(modeOf(first.directory()), 0700);
    QCOMPARE(modeOf(first.lockFilePath()), 0600);
    QVERIFY(entriesOf(open).isEmpty());
#endif
}

void TestSingleInstance::withoutARuntimeFolderTheSharedTemporaryFolderIsNeverUsed()
{
#ifndef Q_OS_UNIX
    QSKIP("POSIX folders");
#else
    // What the issue reproduced: XDG_RUNTIME_DIR unset and /tmp/runtime-<user> made first by someone else.
    const QString tmp = m_home->filePath(QStringLiteral("tmp"));
    QVERIFY(QDir().mkpath(tmp));
    qputenv("TMPDIR", QFile::encodeName(tmp));
    QCOMPARE(QDir::tempPath(), tmp);
    const QString squatted = QDir(tmp).filePath(QStringLiteral("runtime-") + qEnvironmentVariable("USER"));
    QVERIFY(makeOpenFolder(squatted));
    qunsetenv("XDG_RUNTIME_DIR");

    SingleInstance first(TestId);
    QVERIFY(first.tryBecomePrimary());
    QVERIFY2(first.errorString().isEmpty(), qPrintable(first.errorString()));
    QVERIFY(first.lockFilePath().startsWith(m_home->filePath(QStringLiteral("cache/"))));
    // The full path would not fit in sockaddr_un: a name without a file, not one in the temporary folder.
    QVERIFY(first.isAbstractName());
    QVERIFY(!first.serverName().contains(QLatin1Char('/')));
    // Ending in the primary's token, which only this user's folder holds: nobody else can bind it first.
    QFile token(QDir(first.directory()).filePath(TestId + QStringLiteral(".token")));
    QVERIFY(token.open(QIODevice::ReadOnly));
    const QString tokenText = QString::fromLatin1(token.readAll());
    QVERIFY(tokenText.size() >= 16);
    QVERIFY(first.serverName().endsWith(QLatin1Char('-') + tokenText));
    QCOMPARE(modeOf(token.fileName()), 0600);
    QCOMPARE(entriesOf(tmp), QStringList{QFileInfo(squatted).fileName()});
    QVERIFY(entriesOf(squatted).isEmpty());

    QSignalSpy activations(&first, &SingleInstance::activationRequested);
    SingleInstance second(TestId);
    QVERIFY(!second.tryBecomePrimary());
    QVERIFY(second.notifyPrimary("activate", 5000));
    QCOMPARE(activations.count(), 1);
#endif
}

void TestSingleInstance::ownFolderTakenOverIsRefused()
{
#ifndef Q_OS_UNIX
    QSKIP("POSIX folders");
#else
    qunsetenv("XDG_RUNTIME_DIR");
    const QString own = m_home->filePath(QStringLiteral("cache/")) + TestId + QStringLiteral("/run");
    QVERIFY(makeOpenFolder(own));
    SingleInstance first(TestId);
    QVERIFY(first.directory().isEmpty());
    QVERIFY(!first.tryBecomePrimary());
    QCOMPARE(first.role(), SingleInstance::Role::Unavailable);
    QVERIFY2(first.errorString().contains(own), qPrintable(first.errorString()));
    QVERIFY(entriesOf(own).isEmpty());

    // A link to a folder that looks right is refused too: whoever made the link chose where it points.
    QVERIFY(QDir(own).removeRecursively());
    const QString elsewhere = m_home->filePath(QStringLiteral("elsewhere"));
    QVERIFY(QDir().mkpath(elsewhere));
    QVERIFY(QFile::setPermissions(elsewhere,
                                  QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner));
    QVERIFY(QFile::link(elsewhere, own));
    SingleInstance linked(TestId);
    QVERIFY(!linked.tryBecomePrimary());
    QCOMPARE(linked.role(), SingleInstance::Role::Unavailable);
    QVERIFY2(linked.errorString().contains(QStringLiteral("symbolic link")),
             qPrintable(linked.errorString()));
    QVERIFY(entriesOf(elsewhere).isEmpty());
#endif
}

void TestSingleInstance::peerUserIdIsThisUser()
{
#ifndef Q_OS_UNIX
    QSKIP("The pipe's access list stands for the peer check on Windows");
#else
    QLocalServer server;
    QVERIFY(server.listen(m_home->filePath(QStringLiteral("pair.socket"))));
    QLocalSocket client;
    QCOMPARE(SingleInstance::peerUserId(client), -1); // not connected: nobody to tell
    client.connectToServer(server.serverName());
    QVERIFY(client.waitForConnected(5000));
    QVERIFY(server.waitForNewConnection(5000));
    QLocalSocket* accepted = server.nextPendingConnection();
    QVERIFY(accepted);
    QCOMPARE(SingleInstance::peerUserId(client), qint64(::getuid()));
    QCOMPARE(SingleInstance::peerUserId(*accepted), qint64(::getuid()));
#endif
}

void TestSingleInstance::primaryRefusesAnotherUsersMessage()
{
#ifndef Q_OS_UNIX
    QSKIP("The pipe's access list stands for the peer check on Windows");
#else
    // The primary trusts a uid that is not ours: to it, this process is another user.
    SingleInstance first(TestId);
    first.setTrustedUserId(qint64(::geteuid()) + 1);
    QVERIFY(first.tryBecomePrimary());
    QSignalSpy activations(&first, &SingleInstance::activationRequested);
    SingleInstance second(TestId);
    QVERIFY(!second.tryBecomePrimary());
    QTest::ignoreMessage(QtWarningMsg,
                         QRegularExpression(QStringLiteral("refusing a connection from another user.*")));
    QVERIFY(!second.notifyPrimary("activate\n--base-url\nhttps://secret-staging.example", 300));
    QCOMPARE(activations.count(), 0);

    // The same primary hears its own user.
    first.setTrustedUserId(qint64(::geteuid()));
    QVERIFY(second.notifyPrimary("activate", 5000));
    QCOMPARE(activations.count(), 1);
#endif
}

void TestSingleInstance::secondaryRefusesAnotherUsersListener()
{
#ifndef Q_OS_UNIX
    QSKIP("The pipe's access list stands for the peer check on Windows");
#else
    SingleInstance first(TestId);
    QVERIFY(first.tryBecomePrimary());
    QSignalSpy activations(&first, &SingleInstance::activationRequested);
    // To this start, the listener is another user's (a squatter): the command line is not sent, and
    // there is no point in trying again until the time is up.
    SingleInstance second(TestId);
    second.setTrustedUserId(qint64(::geteuid()) + 1);
    QVERIFY(!second.tryBecomePrimary());
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral(".*belongs to another user.*")));
    QElapsedTimer elapsed;
    elapsed.start();
    QVERIFY(!second.notifyPrimary("activate\n--base-url\nhttps://secret-staging.example", 5000));
    QVERIFY2(elapsed.elapsed() < 2500, qPrintable(QString::number(elapsed.elapsed())));
    QVERIFY2(second.errorString().contains(QStringLiteral("another user")), qPrintable(second.errorString()));
    QTest::qWait(50); // what the primary would have read, had anything been sent
    QCOMPARE(activations.count(), 0);
#endif
}

QProcessEnvironment TestSingleInstance::guiEnvironment() const
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    environment.insert(QStringLiteral("HOME"), m_home->path());
    if (m_withoutRuntimeDir) {
        environment.remove(QStringLiteral("XDG_RUNTIME_DIR"));
        environment.insert(QStringLiteral("TMPDIR"), m_home->filePath(QStringLiteral("tmp")));
    } else {
        environment.insert(QStringLiteral("XDG_RUNTIME_DIR"), m_home->path());
    }
    environment.insert(QStringLiteral("XDG_CONFIG_HOME"), m_home->filePath(QStringLiteral("config")));
    environment.insert(QStringLiteral("XDG_DATA_HOME"), m_home->filePath(QStringLiteral("data")));
    environment.insert(QStringLiteral("XDG_CACHE_HOME"), m_home->filePath(QStringLiteral("cache")));
    environment.remove(QStringLiteral("DBUS_SESSION_BUS_ADDRESS")); // no keychain
    environment.remove(QStringLiteral("ALCHEMYST_AI_API_KEY"));
    environment.remove(QStringLiteral("ALCHEMYST_AI_BASE_URL"));
    return environment;
}

void TestSingleInstance::startGui(QProcess& process, const QStringList& arguments)
{
    process.setProcessEnvironment(guiEnvironment());
    process.start(QStringLiteral(AJM_GUI_PATH), arguments);
    QVERIFY2(process.waitForStarted(10000), qPrintable(process.errorString()));
}

// The GUI in m_home is up once its server accepts connections; a bare connection carries no message,
// so it does not activate anything.
bool TestSingleInstance::guiIsListening() const
{
    const SingleInstance probe(AppId);
    QLocalSocket socket;
    if (probe.isAbstractName())
        socket.setSocketOptions(QLocalSocket::AbstractNamespaceOption);
    socket.connectToServer(probe.serverName());
    return socket.waitForConnected(500);
}

void TestSingleInstance::secondStartBringsTheFirstForwardAndExits()
{
#ifndef Q_OS_LINUX
    QSKIP("The GUI's runtime directory is set through XDG_RUNTIME_DIR only on Linux");
#endif
    QProcess first;
    startGui(first);
    QTRY_VERIFY_WITH_TIMEOUT(guiIsListening() || first.state() == QProcess::NotRunning, 20000);
    QVERIFY2(first.state() == QProcess::Running, first.readAllStandardError().constData());

    // --version is answered by the second process itself, before any instance check.
    QProcess version;
    startGui(version, {QStringLiteral("--version")});
    QVERIFY(version.waitForFinished(10000));
    QCOMPARE(version.exitCode(), 0);
    QVERIFY(!QString::fromLocal8Bit(version.readAllStandardError()).contains(AlreadyRunning));

    QProcess second;
    startGui(second);
    QTRY_COMPARE_WITH_TIMEOUT(second.state(), QProcess::NotRunning, 10000);
    const QString secondErr = QString::fromLocal8Bit(second.readAllStandardError());
    QCOMPARE(second.exitStatus(), QProcess::NormalExit);
    QVERIFY2(second.exitCode() == 0, qPrintable(secondErr));
    QVERIFY2(secondErr.contains(QStringLiteral("alchemyst-job-monitor ") + AlreadyRunning),
             qPrintable(secondErr));
    QCOMPARE(first.state(), QProcess::Running);

    // A crash: the lock file and the socket stay behind, and the next start must see through them.
    const QString lockPath = SingleInstance(AppId).lockFilePath();
    first.kill();
    QVERIFY(first.waitForFinished(10000));
    QVERIFY(QFile::exists(lockPath));

    QProcess third;
    startGui(third);
    QTRY_VERIFY_WITH_TIMEOUT(guiIsListening() || third.state() == QProcess::NotRunning, 20000);
    QVERIFY2(!third.waitForFinished(1000), third.readAllStandardError().constData());

    // And it is the primary now, not merely running.
    QProcess fourth;
    startGui(fourth, {});
    QTRY_COMPARE_WITH_TIMEOUT(fourth.state(), QProcess::NotRunning, 10000);
    const QString fourthErr = QString::fromLocal8Bit(fourth.readAllStandardError());
    QVERIFY2(fourth.exitCode() == 0 && fourthErr.contains(AlreadyRunning), qPrintable(fourthErr));
    QCOMPARE(third.state(), QProcess::Running);

    third.kill();
    QVERIFY(third.waitForFinished(10000));
}

void TestSingleInstance::secondStartFindsTheFirstWithoutARuntimeFolder()
{
#ifndef Q_OS_LINUX
    QSKIP("The GUI's folders are set through XDG variables only on Linux");
#else
    // No XDG_RUNTIME_DIR, and the temporary folder's runtime-<user> made first, open to all: the GUI uses
    // its own private folder, and a second start still reaches the first.
    m_withoutRuntimeDir = true;
    qunsetenv("XDG_RUNTIME_DIR");
    const QString tmp = m_home->filePath(QStringLiteral("tmp"));
    const QString squatted = QDir(tmp).filePath(QStringLiteral("runtime-") + qEnvironmentVariable("USER"));
    QVERIFY(makeOpenFolder(squatted));

    QProcess first;
    startGui(first);
    QTRY_VERIFY_WITH_TIMEOUT(guiIsListening() || first.state() == QProcess::NotRunning, 20000);
    QVERIFY2(first.state() == QProcess::Running, first.readAllStandardError().constData());

    QProcess second;
    startGui(second);
    QTRY_COMPARE_WITH_TIMEOUT(second.state(), QProcess::NotRunning, 10000);
    const QString secondErr = QString::fromLocal8Bit(second.readAllStandardError());
    QVERIFY2(second.exitCode() == 0 && secondErr.contains(AlreadyRunning), qPrintable(secondErr));
    QCOMPARE(first.state(), QProcess::Running);

    const SingleInstance probe(AppId);
    QVERIFY(probe.lockFilePath().startsWith(m_home->filePath(QStringLiteral("cache/"))));
    QVERIFY(QFile::exists(probe.lockFilePath()));
    for (const QString& entry : entriesOf(squatted))
        QVERIFY2(!entry.startsWith(AppId), qPrintable(entry));
    for (const QString& entry : entriesOf(tmp))
        QVERIFY2(!entry.startsWith(AppId), qPrintable(entry));

    first.kill();
    QVERIFY(first.waitForFinished(10000));
#endif
}

void TestSingleInstance::hungPrimaryMakesTheSecondStartFail()
{
#ifndef Q_OS_LINUX
    QSKIP("The GUI's runtime directory is set through XDG_RUNTIME_DIR only on Linux");
#endif
    // This process holds the GUI's lock and never answers: a primary that hangs.
    QLockFile hung(SingleInstance(AppId).lockFilePath());
    QVERIFY(hung.tryLock(0));

    QProcess second;
    startGui(second);
    QTRY_COMPARE_WITH_TIMEOUT(second.state(), QProcess::NotRunning, 20000);
    const QString err = QString::fromLocal8Bit(second.readAllStandardError());
    QVERIFY2(second.exitCode() == 1, qPrintable(err));
    QVERIFY2(err.contains(QStringLiteral("(process %1)").arg(QCoreApplication::applicationPid())),
             qPrintable(err));
    QVERIFY2(err.contains(QStringLiteral("did not answer")), qPrintable(err));
}

QTEST_GUILESS_MAIN(TestSingleInstance)
#include "tst_singleinstance.moc"
