// One instance per user: SingleInstance in this process, then the real GUI started several times.
#include "core/singleinstance.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QLocalSocket>
#include <QLockFile>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QtEndian>
#include <memory>

using namespace Alchemyst;

namespace {
const QString TestId = QStringLiteral("com.getalchemystai.JobMonitor.test");
const QString AppId = QStringLiteral(AJM_APP_ID);
const QString AlreadyRunning = QStringLiteral("is already running; its window was brought forward.");
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

    void secondStartBringsTheFirstForwardAndExits();
    void hungPrimaryMakesTheSecondStartFail();

private:
    QProcessEnvironment guiEnvironment() const;
    void startGui(QProcess& process, const QStringList& arguments = {QStringLiteral("--demo")});
    bool guiIsListening() const;

    std::unique_ptr<QTemporaryDir> m_home;
    QByteArray m_savedRuntimeDir;
};

void TestSingleInstance::init()
{
    // QTemporaryDir is created 0700, as QStandardPaths requires of a runtime directory.
    m_home = std::make_unique<QTemporaryDir>();
    QVERIFY(m_home->isValid());
    m_savedRuntimeDir = qgetenv("XDG_RUNTIME_DIR");
    qputenv("XDG_RUNTIME_DIR", QFile::encodeName(m_home->path()));
}

void TestSingleInstance::cleanup()
{
    qputenv("XDG_RUNTIME_DIR", m_savedRuntimeDir);
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

QProcessEnvironment TestSingleInstance::guiEnvironment() const
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    environment.insert(QStringLiteral("HOME"), m_home->path());
    environment.insert(QStringLiteral("XDG_RUNTIME_DIR"), m_home->path());
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
    QLocalSocket socket;
    socket.connectToServer(SingleInstance(AppId).serverName());
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
