// SnoozeStore and its rule: a snooze covers a job until its state changes or its time is over; the store
// keeps one environment's snoozes in a private file written whole, merges what another process saved, and
// keeps a damaged file aside instead of overwriting it.
#include "triage/snooze.h"

#include <QFile>
#include <QFileInfo>
#include <QSet>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Alchemyst;

class TestSnooze : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void ruleUntilTheStateChanges();
    void ruleForSomeHours();
    void storeSurvivesARestartAndIsPrivate();
    void saveKeepsWhatAnotherProcessSaved();
    void unsnoozeAndPrune();
    void damagedFileIsKeptAside();
    void defaultPathIsPerEnvironment();
};

void TestSnooze::ruleUntilTheStateChanges()
{
    SnoozeStore store;
    const qint64 now = 1'700'000'000'000;
    store.snooze(QStringLiteral("42"), QStringLiteral("active"), now);
    QVERIFY(store.isSnoozed(QStringLiteral("42"), QStringLiteral("active"), now));
    QVERIFY(store.isSnoozed(QStringLiteral("42"), QStringLiteral("active"), now + 365LL * 24 * 3600 * 1000));
    // Another state is another situation: the job is news again.
    QVERIFY(!store.isSnoozed(QStringLiteral("42"), QStringLiteral("waiting"), now));
    QVERIFY(!store.isSnoozed(QStringLiteral("42"), QString(), now));
    QVERIFY(!store.isSnoozed(QStringLiteral("43"), QStringLiteral("active"), now));
    QVERIFY(store.find(QStringLiteral("42"))->untilStateChanges());
}

void TestSnooze::ruleForSomeHours()
{
    SnoozeStore store;
    const qint64 now = 1'700'000'000'000;
    store.snooze(QStringLiteral("7"), QStringLiteral("waiting"), now, 4 * SnoozeStore::HourMs);
    QVERIFY(
        store.isSnoozed(QStringLiteral("7"), QStringLiteral("waiting"), now + 4 * SnoozeStore::HourMs - 1));
    QVERIFY(!store.isSnoozed(QStringLiteral("7"), QStringLiteral("waiting"), now + 4 * SnoozeStore::HourMs));
    // A state change ends a timed snooze too.
    QVERIFY(!store.isSnoozed(QStringLiteral("7"), QStringLiteral("active"), now + 1));
    // Snoozing again replaces the earlier one.
    store.snooze(QStringLiteral("7"), QStringLiteral("active"), now + 10);
    QCOMPARE(store.size(), 1);
    QVERIFY(store.isSnoozed(QStringLiteral("7"), QStringLiteral("active"), now + 5 * SnoozeStore::HourMs));
}

void TestSnooze::storeSurvivesARestartAndIsPrivate()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("a/b/snooze.json"));
    {
        SnoozeStore store(path);
        QVERIFY(store.load()); // missing: empty, not an error
        QVERIFY(store.isEmpty());
        store.snooze(QStringLiteral("42"), QStringLiteral("active"), 1000);
        store.snooze(QStringLiteral("x|y"), QStringLiteral("waiting"), 2000, SnoozeStore::HourMs);
        QVERIFY(store.isDirty());
        QVERIFY2(store.save(), qPrintable(store.errorString()));
        QVERIFY(!store.isDirty());
    }
    QCOMPARE(QFileInfo(path).permissions() &
                 (QFile::ReadGroup | QFile::ReadOther | QFile::WriteGroup | QFile::WriteOther),
             QFile::Permissions());
    QCOMPARE(QFileInfo(QFileInfo(path).absolutePath()).permissions() &
                 (QFile::ReadOther | QFile::ExeOther | QFile::ReadGroup | QFile::ExeGroup),
             QFile::Permissions());
    SnoozeStore again(path);
    QVERIFY(again.load());
    QCOMPARE(again.size(), 2);
    QCOMPARE(again.find(QStringLiteral("x|y"))->untilMs, 2000 + SnoozeStore::HourMs);
    QVERIFY(again.isSnoozed(QStringLiteral("42"), QStringLiteral("active"), 5000));
}

void TestSnooze::saveKeepsWhatAnotherProcessSaved()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("snooze.json"));
    SnoozeStore window(path);
    SnoozeStore cli(path);
    QVERIFY(window.load());
    QVERIFY(cli.load());
    window.snooze(QStringLiteral("1"), QStringLiteral("active"), 10);
    QVERIFY(window.save());
    cli.snooze(QStringLiteral("2"), QStringLiteral("waiting"), 20);
    QVERIFY(cli.save());
    QCOMPARE(cli.size(), 2); // the window's snooze was merged in, not overwritten
    SnoozeStore reader(path);
    QVERIFY(reader.load());
    QVERIFY(reader.find(QStringLiteral("1")).has_value());
    QVERIFY(reader.find(QStringLiteral("2")).has_value());
    // A removal is a change too: the other store's entry is not brought back by the merge.
    QVERIFY(window.load());
    QVERIFY(window.unsnooze(QStringLiteral("2")));
    QVERIFY(window.save());
    QVERIFY(reader.load());
    QVERIFY(!reader.find(QStringLiteral("2")).has_value());
    QCOMPARE(reader.size(), 1);
}

void TestSnooze::unsnoozeAndPrune()
{
    SnoozeStore store;
    store.snooze(QStringLiteral("a"), QStringLiteral("active"), 0);
    store.snooze(QStringLiteral("b"), QStringLiteral("waiting"), 0);
    store.snooze(QStringLiteral("c"), QStringLiteral("waiting"), 0, 1000);
    store.snooze(QStringLiteral("d"), QStringLiteral("waiting"), 0);
    QVERIFY(!store.unsnooze(QStringLiteral("zz")));
    const QHash<QString, QString> now{{QStringLiteral("a"), QStringLiteral("active")},
                                      {QStringLiteral("b"), QStringLiteral("failed")},
                                      {QStringLiteral("c"), QStringLiteral("waiting")}};
    // b moved on, c's time is over, d is gone: only a is still snoozed.
    const QSet<QString> stuck{QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")};
    // b's snooze no longer covers it (it moved on), d is not stuck: a and c leave the Stuck count.
    QCOMPARE(store.countSnoozed([&now](const QString& id) { return now.value(id); },
                                [&stuck](const QString& id) { return stuck.contains(id); }, 500),
             2);
    QCOMPARE(store.prune([&now](const QString& id) { return now.value(id); }, 5000), 3);
    QCOMPARE(store.size(), 1);
    QVERIFY(store.find(QStringLiteral("a")).has_value());
}

void TestSnooze::damagedFileIsKeptAside()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("snooze.json"));
    {
        SnoozeStore store(path);
        store.snooze(QStringLiteral("1"), QStringLiteral("active"), 10);
        QVERIFY(store.save());
    }
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadWrite));
    const QByteArray whole = file.readAll();
    QVERIFY(file.resize(whole.size() / 2)); // not written whole
    file.close();
    SnoozeStore store(path);
    QString error;
    QVERIFY(!store.load(&error));
    QVERIFY2(error.contains(QLatin1String(".damaged")), qPrintable(error));
    QVERIFY(store.isEmpty());
    QVERIFY(QFile::exists(path + QStringLiteral(".damaged")));
    QVERIFY(!QFile::exists(path));
    store.snooze(QStringLiteral("2"), QStringLiteral("waiting"), 20);
    QVERIFY(store.save());
    QFile kept(path + QStringLiteral(".damaged"));
    QVERIFY(kept.open(QIODevice::ReadOnly));
    QCOMPARE(kept.readAll(), whole.left(whole.size() / 2)); // never overwritten
    // A newer version's file is kept aside too, under its own name.
    QFile newer(path);
    QVERIFY(newer.open(QIODevice::WriteOnly | QIODevice::Truncate));
    newer.write(R"({"version": 99, "snoozes": []})");
    newer.close();
    QVERIFY(!store.load(&error));
    QVERIFY(QFile::exists(path + QStringLiteral(".newer")));
}

void TestSnooze::defaultPathIsPerEnvironment()
{
    const QString a =
        SnoozeStore::defaultFilePath(QStringLiteral("prod"), QUrl(QStringLiteral("https://a.example")));
    const QString b =
        SnoozeStore::defaultFilePath(QStringLiteral("prod"), QUrl(QStringLiteral("https://b.example")));
    QVERIFY(a != b);
    QVERIFY(a.startsWith(QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation)));
    QVERIFY(a.contains(QLatin1String("/snooze/")));
}

QTEST_GUILESS_MAIN(TestSnooze)
#include "tst_snooze.moc"
