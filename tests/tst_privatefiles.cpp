// The pieces every private store is written with (core/privatefiles): folders 0700 whatever the umask, and
// an exclusive lock that another holder times out on and that its release hands over.
#include "core/privatefiles.h"

#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>
#include <sys/stat.h>

using namespace Alchemyst;

class TestPrivateFiles : public QObject
{
    Q_OBJECT

private slots:
    void foldersAreTheUsersAloneWhateverTheUmask();
    void anExistingFolderIsMadePrivate();
    void aFileInTheWayIsNoFolder();
    void aHeldLockTimesOutTheOtherHolderUntilReleased();
    void anErrorWithoutANumberSaysSo();
};

void TestPrivateFiles::foldersAreTheUsersAloneWhateverTheUmask()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const mode_t before = ::umask(0);
    const QString path = dir.filePath(QStringLiteral("a/b/c"));
    const bool made = PrivateFiles::makeFolder(path);
    ::umask(before);
    QVERIFY(made);
    const QFileDevice::Permissions others = QFileDevice::ReadGroup | QFileDevice::WriteGroup |
                                            QFileDevice::ExeGroup | QFileDevice::ReadOther |
                                            QFileDevice::WriteOther | QFileDevice::ExeOther;
    const QFileDevice::Permissions owner =
        QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner;
    for (const QString& folder :
         {dir.filePath(QStringLiteral("a")), dir.filePath(QStringLiteral("a/b")), path}) {
        const QFileDevice::Permissions mode = QFileInfo(folder).permissions();
        QVERIFY2((mode & others) == 0 && (mode & owner) == owner, qPrintable(folder));
    }
}

void TestPrivateFiles::anExistingFolderIsMadePrivate()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("old"));
    QVERIFY(QDir().mkdir(path));
    QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner |
                                    QFileDevice::ReadOther | QFileDevice::ExeOther);
    QVERIFY(PrivateFiles::makeFolder(path));
    QVERIFY(!(QFileInfo(path).permissions() & (QFileDevice::ReadOther | QFileDevice::ExeOther)));
}

void TestPrivateFiles::aFileInTheWayIsNoFolder()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("file"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.close();
    QVERIFY(!PrivateFiles::makeFolder(path));
    QVERIFY(!PrivateFiles::makeFolder(path + QStringLiteral("/below")));
}

void TestPrivateFiles::aHeldLockTimesOutTheOtherHolderUntilReleased()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("store.lock"));
    QFile first(path);
    QFile second(path);
    QVERIFY(first.open(QIODevice::ReadWrite));
    QVERIFY(second.open(QIODevice::ReadWrite)); // two open files: flock tells them apart, as two processes
    PrivateFiles::FileLock held(first.handle());
    QCOMPARE(held.lock(100), PrivateFiles::FileLock::Result::Locked);
    QVERIFY(held.isLocked());

    PrivateFiles::FileLock waiting(second.handle());
    QElapsedTimer clock;
    clock.start();
    QCOMPARE(waiting.lock(150, 5), PrivateFiles::FileLock::Result::TimedOut);
    QVERIFY2(clock.elapsed() >= 140, qPrintable(QString::number(clock.elapsed())));
    QVERIFY(!waiting.isLocked());

    held.release();
    QVERIFY(!held.isLocked());
    QCOMPARE(waiting.lock(100), PrivateFiles::FileLock::Result::Locked);

    // A descriptor that is no file: the system's reason, not a wait.
    PrivateFiles::FileLock broken(-1);
    QString why;
    QCOMPARE(broken.lock(1000, 5, &why), PrivateFiles::FileLock::Result::Failed);
    QVERIFY(!why.isEmpty());
}

void TestPrivateFiles::anErrorWithoutANumberSaysSo()
{
    QCOMPARE(PrivateFiles::errorText(0), QStringLiteral("the system gave no reason"));
    QVERIFY(!PrivateFiles::errorText(ENOSPC).isEmpty());
    QVERIFY(PrivateFiles::errorText(ENOSPC) != PrivateFiles::errorText(0));
}

QTEST_GUILESS_MAIN(TestPrivateFiles)
#include "tst_privatefiles.moc"
