// The request budget of issue 16 §2: the last minute's requests counted by purpose (with an injected
// clock), the account's limit and this monitor's share as settings of an environment (round trip, and
// the defaults for settings written before them), and the CLI keeping to the share, or to
// --requests-per-minute for one run, against the simulator.
#include "api/budgetusage.h"
#include "api/requestpacer.h"
#include "api/sharedledger.h"
#include "core/connection.h"
#include "simulator/simulator.h"

#include <QCoreApplication>
#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Alchemyst;
using Purpose = RequestPacer::Purpose;

class TestBudget : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void usageCountsEachPurposeOverTheLastMinute();
    void purposesReachTheAccountThroughNestedPacers();
    void acquireCountsOnlyARequestThatMayGo();
    void snapshotSaysWhenTheBudgetBacksOff();
    void snapshotCountsOtherProcessesOnTheLedger();

    void environmentBudgetRoundTrips();
    void settingsWithoutABudgetGetTheDefaults();
    void unusableBudgetSettingsFallBack();
    void budgetProblems();
    void refreshIntervalStretchesToTheShare();

    void cliKeepsToTheEnvironmentsShare();
    void cliRequestsPerMinuteOverridesTheShare();

private:
    struct Cli
    {
        QProcess* process = nullptr;
        QString runtime;
    };
    // Starts `alchemyst-jobs [extra] --env budgeted list --json` against m_simulator, with a runtime folder
    // of its own (its ledger starts empty).
    Cli startList(const QStringList& extra);
    // Waits until the CLI has sent `requests` list requests; then, for a while, that it sends no more and
    // is still waiting for its budget. Kills it.
    void expectBlockedAfter(Cli& cli, int before, int requests);
    void saveBudgetedEnvironment(int limit, int share);
    QString cliSettingsFile() const;

    QTemporaryDir m_settings;
    QTemporaryDir m_home;
    Simulator* m_simulator = nullptr;
    int m_runs = 0;
};

void TestBudget::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_settings.path());
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settings.path());
    QCoreApplication::setOrganizationName(QStringLiteral("AlchemystJobMonitorTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_budget"));
    QVERIFY(QSettings().fileName().startsWith(m_settings.path()));
    // One server for the CLI's runs (an environment moved to another server would touch the keychain).
    m_simulator = new Simulator(Simulator::Options::empty(QStringLiteral("budget-key")), this);
    QVERIFY(m_simulator->listen() != 0);
    for (int i = 0; i < 45; ++i)
        m_simulator->addJob(QStringLiteral("waiting"));
    m_simulator->setMaxPageSize(10); // 45 jobs: five pages
}

void TestBudget::cleanupTestCase()
{
    delete m_simulator;
    m_simulator = nullptr;
}

void TestBudget::usageCountsEachPurposeOverTheLastMinute()
{
    BudgetUsage usage(60000);
    usage.record(Purpose::Pass, 0);
    usage.record(Purpose::Pass, 1000);
    usage.record(Purpose::Poll, 10000);
    usage.record(Purpose::Details, 30000);
    usage.record(Purpose::Cancel, 59000);
    QCOMPARE(usage.count(Purpose::Pass, 59999), 2);
    QCOMPARE(usage.count(Purpose::Poll, 59999), 1);
    QCOMPARE(usage.total(59999), 5);
    // A minute after each, it has left the count: the window rolls, it is not reset each minute.
    QCOMPARE(usage.count(Purpose::Pass, 60000), 1);
    QCOMPARE(usage.count(Purpose::Pass, 61000), 0);
    QCOMPARE(usage.count(Purpose::Poll, 69999), 1);
    QCOMPARE(usage.count(Purpose::Poll, 70000), 0);
    QCOMPARE(usage.total(90000), 1); // the cancel of 59 s
    QCOMPARE(usage.count(Purpose::Cancel, 118999), 1);
    QCOMPARE(usage.total(119000), 0);
}

void TestBudget::purposesReachTheAccountThroughNestedPacers()
{
    qint64 now = 0;
    RequestPacer account(333, 60000);
    account.setClock([&now] { return now; });
    RequestPacer reads(333, 60000);
    reads.setClock([&now] { return now; });
    reads.setUpstream(&account);
    RequestPacer cancels(600, 60000);
    cancels.setClock([&now] { return now; });
    cancels.setUpstream(&account);
    cancels.setDefaultPurpose(Purpose::Cancel);
    QCOMPARE(reads.defaultPurpose(), Purpose::Pass);

    for (int i = 0; i < 5; ++i)
        reads.record(); // an old caller: the pacer's default purpose
    reads.record(Purpose::Poll);
    reads.record(Purpose::Poll);
    now = 20000;
    reads.record(Purpose::Details);
    cancels.record();
    cancels.record();
    cancels.record(Purpose::Cancel);

    QCOMPARE(account.recentCount(Purpose::Pass), 5);
    QCOMPARE(account.recentCount(Purpose::Poll), 2);
    QCOMPARE(account.recentCount(Purpose::Details), 1);
    QCOMPARE(account.recentCount(Purpose::Cancel), 3);
    QCOMPARE(account.recentCount(), 11);
    QCOMPARE(reads.recentCount(Purpose::Cancel), 0); // each child counts its own
    QCOMPARE(cancels.recentCount(Purpose::Cancel), 3);

    now = 60000; // the first seven left the minute
    const BudgetSnapshot reading = account.snapshot();
    QCOMPARE(reading.share, 333);
    QCOMPARE(reading.allowed, 333);
    QCOMPARE(reading.spent, 4);
    QCOMPARE(reading.of(Purpose::Pass), 0);
    QCOMPARE(reading.of(Purpose::Poll), 0);
    QCOMPARE(reading.of(Purpose::Details), 1);
    QCOMPARE(reading.of(Purpose::Cancel), 3);
    QCOMPARE(reading.machine, -1); // no ledger
    QVERIFY(!reading.backingOff());
}

void TestBudget::acquireCountsOnlyARequestThatMayGo()
{
    qint64 now = 0;
    RequestPacer account(3, 60000);
    account.setClock([&now] { return now; });
    RequestPacer reads(10, 60000);
    reads.setClock([&now] { return now; });
    reads.setUpstream(&account);
    QCOMPARE(reads.acquire(Purpose::Poll), 0);
    QCOMPARE(reads.acquire(Purpose::Pass), 0);
    now = 1000;
    QCOMPARE(reads.acquire(Purpose::Details), 0);
    // The account is spent: the wait until the oldest leaves its minute, and nothing counted.
    QCOMPARE(reads.acquire(Purpose::Poll), 59000);
    QCOMPARE(account.recentCount(Purpose::Poll), 1);
    QCOMPARE(account.recentCount(), 3);
    QCOMPARE(reads.recentCount(), 3);
    now = 60000;
    QCOMPARE(reads.acquire(Purpose::Poll), 0);
    QCOMPARE(account.recentCount(Purpose::Poll), 1); // the first poll left, the new one came
}

void TestBudget::snapshotSaysWhenTheBudgetBacksOff()
{
    qint64 now = 0;
    RequestPacer account(333, 60000);
    account.setClock([&now] { return now; });
    account.record(Purpose::Pass);
    account.noteRateLimited();
    BudgetSnapshot reading = account.snapshot();
    QVERIFY(reading.backingOff());
    QCOMPARE(reading.share, 333);
    QCOMPARE(reading.allowed, 166);
    QCOMPARE(reading.spent, 1);
    // +10% of the share a minute: 199, 232, …, back to the share after six minutes.
    now = 60000;
    QCOMPARE(account.snapshot().allowed, 199);
    now = 6 * 60000;
    reading = account.snapshot();
    QCOMPARE(reading.allowed, 333);
    QVERIFY(!reading.backingOff());
    QCOMPARE(reading.spent, 0);
}

void TestBudget::snapshotCountsOtherProcessesOnTheLedger()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("budget.ledger"));
    SharedLedger cli(path, 60000); // what a command beside the window spent
    for (int i = 0; i < 4; ++i)
        QVERIFY(cli.record());
    RequestPacer window(333, 60000);
    window.setLedger(std::make_shared<SharedLedger>(path, 60000));
    QCOMPARE(window.acquire(Purpose::Poll), 0);
    QCOMPARE(window.acquire(Purpose::Pass), 0);
    const BudgetSnapshot reading = window.snapshot();
    QCOMPARE(reading.spent, 2);
    QCOMPARE(reading.machine, 6);
    QCOMPARE(reading.others(), 4);
}

void TestBudget::environmentBudgetRoundTrips()
{
    QSettings().clear();
    EnvironmentStore store;
    Environment staging;
    staging.name = QStringLiteral("Staging");
    staging.baseUrl = QUrl(QStringLiteral("https://staging.example.com"));
    staging.accountLimitPerMinute = 3000;
    staging.sharePerMinute = 120;
    Environment plain;
    plain.name = QStringLiteral("Plain");
    plain.baseUrl = QUrl(QStringLiteral("https://plain.example.com"));
    QVERIFY2(store.save(staging), qPrintable(store.errorString()));
    QVERIFY2(store.save(plain), qPrintable(store.errorString()));

    const std::optional<Environment> read = EnvironmentStore().find(QStringLiteral("Staging"));
    QVERIFY(read);
    QCOMPARE(read->accountLimitPerMinute, 3000);
    QCOMPARE(read->sharePerMinute, 120);
    QCOMPARE(read->budgetPerMinute(), 120);
    QVERIFY(*read == staging);
    const std::optional<Environment> defaults = EnvironmentStore().find(QStringLiteral("Plain"));
    QVERIFY(defaults);
    QCOMPARE(defaults->accountLimitPerMinute, 1000);
    QCOMPARE(defaults->sharePerMinute, 333);

    // A changed share is a changed environment (the window starts a session with the new budget).
    Environment changed = staging;
    changed.sharePerMinute = 60;
    QVERIFY(!(changed == staging));
    QVERIFY(store.save(changed));
    QCOMPARE(EnvironmentStore().find(QStringLiteral("Staging"))->sharePerMinute, 60);
    QCOMPARE(EnvironmentStore().find(QStringLiteral("Staging"))->accountLimitPerMinute, 3000);
}

void TestBudget::settingsWithoutABudgetGetTheDefaults()
{
    // As versions before the budget wrote them: name, URL and production only.
    QSettings().clear();
    {
        QSettings settings;
        settings.beginWriteArray(QStringLiteral("environments"), 1);
        settings.setArrayIndex(0);
        settings.setValue(QStringLiteral("name"), QStringLiteral("Old"));
        settings.setValue(QStringLiteral("baseUrl"), QStringLiteral("https://old.example.com"));
        settings.setValue(QStringLiteral("production"), true);
        settings.endArray();
    }
    const std::optional<Environment> old = EnvironmentStore().find(QStringLiteral("Old"));
    QVERIFY(old);
    QVERIFY(old->production);
    QCOMPARE(old->accountLimitPerMinute, 1000);
    QCOMPARE(old->sharePerMinute, 333);
    QCOMPARE(old->budgetPerMinute(), 333);
    // Saved again (another environment added), it keeps them, now written out.
    Environment other;
    other.name = QStringLiteral("Other");
    other.baseUrl = QUrl(QStringLiteral("https://other.example.com"));
    QVERIFY(EnvironmentStore().save(other));
    QCOMPARE(QSettings().value(QStringLiteral("environments/1/sharePerMinute")).toInt(), 333);
    QCOMPARE(QSettings().value(QStringLiteral("environments/1/accountLimitPerMinute")).toInt(), 1000);
}

void TestBudget::unusableBudgetSettingsFallBack()
{
    QSettings().clear();
    {
        QSettings settings;
        settings.beginWriteArray(QStringLiteral("environments"), 3);
        const QList<QStringList> rows = {
            {QStringLiteral("Words"), QStringLiteral("many"), QStringLiteral("some")},
            {QStringLiteral("Over"), QStringLiteral("600"), QStringLiteral("900")}, // a share over the limit
            {QStringLiteral("Zero"), QStringLiteral("0"), QStringLiteral("-5")},
        };
        for (int i = 0; i < rows.size(); ++i) {
            settings.setArrayIndex(i);
            settings.setValue(QStringLiteral("name"), rows.at(i).at(0));
            settings.setValue(QStringLiteral("baseUrl"), QStringLiteral("https://%1.example.com").arg(i));
            settings.setValue(QStringLiteral("accountLimitPerMinute"), rows.at(i).at(1));
            settings.setValue(QStringLiteral("sharePerMinute"), rows.at(i).at(2));
        }
        settings.endArray();
    }
    const EnvironmentStore store;
    QCOMPARE(store.find(QStringLiteral("Words"))->accountLimitPerMinute, 1000);
    QCOMPARE(store.find(QStringLiteral("Words"))->sharePerMinute, 333);
    QCOMPARE(store.find(QStringLiteral("Over"))->accountLimitPerMinute, 600);
    QCOMPARE(store.find(QStringLiteral("Over"))->sharePerMinute, 200); // a third of its limit
    QCOMPARE(store.find(QStringLiteral("Zero"))->accountLimitPerMinute, 1000);
    QCOMPARE(store.find(QStringLiteral("Zero"))->sharePerMinute, 333);
}

void TestBudget::budgetProblems()
{
    QVERIFY(Environment::budgetProblem(1000, 333).isEmpty());
    QVERIFY(Environment::budgetProblem(1000, 1000).isEmpty());
    QVERIFY(Environment::budgetProblem(1, 1).isEmpty());
    QVERIFY(Environment::budgetProblem(1000, 1001).contains(QLatin1String("cannot be more")));
    QVERIFY(!Environment::budgetProblem(0, 1).isEmpty());
    QVERIFY(!Environment::budgetProblem(Environment::MaxPerMinute + 1, 1).isEmpty());
    QVERIFY(!Environment::budgetProblem(1000, 0).isEmpty());
    Environment odd;
    odd.accountLimitPerMinute = 100;
    odd.sharePerMinute = 500; // set in code past the checks: the pacer still keeps within the account
    QCOMPARE(odd.budgetPerMinute(), 100);
}

void TestBudget::refreshIntervalStretchesToTheShare()
{
    using RefreshPolicy::intervalMs;
    QCOMPARE(intervalMs(10000, 55), intervalMs(10000, 55, 333)); // the old form is the default share
    QCOMPARE(intervalMs(10000, 10, 60), 10000);                  // 10 pages every 10 s: 60 a minute
    QCOMPARE(intervalMs(10000, 101, 60), 101000);                // 101 pages at 60 a minute
}

void TestBudget::saveBudgetedEnvironment(int limit, int share)
{
    // Saved by the CLI itself (its settings file), then given a budget as the window's dialog saves it.
    QProcess add;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("HOME"), m_home.path());
    environment.insert(QStringLiteral("XDG_CONFIG_HOME"), m_home.filePath(QStringLiteral("config")));
    add.setProcessEnvironment(environment);
    add.start(QStringLiteral(AJM_CLI_PATH),
              {QStringLiteral("env"), QStringLiteral("add"), QStringLiteral("budgeted"),
               QStringLiteral("--base-url"), m_simulator->baseUrl().toString(), QStringLiteral("--replace")});
    QVERIFY(add.waitForFinished(15000));
    QCOMPARE(add.exitCode(), 0);
    QSettings settings(cliSettingsFile(), QSettings::IniFormat);
    QCOMPARE(settings.value(QStringLiteral("environments/1/name")).toString(), QStringLiteral("budgeted"));
    settings.setValue(QStringLiteral("environments/1/accountLimitPerMinute"), limit);
    settings.setValue(QStringLiteral("environments/1/sharePerMinute"), share);
    settings.sync();
    QCOMPARE(settings.status(), QSettings::NoError);
}

QString TestBudget::cliSettingsFile() const
{
    QDirIterator files(m_home.filePath(QStringLiteral("config")), {QStringLiteral("*.conf")}, QDir::Files,
                       QDirIterator::Subdirectories);
    return files.hasNext() ? files.next() : QString();
}

TestBudget::Cli TestBudget::startList(const QStringList& extra)
{
    Cli cli;
    cli.runtime = m_home.filePath(QStringLiteral("run-%1").arg(++m_runs));
    QDir().mkpath(cli.runtime);
    QFile::setPermissions(cli.runtime, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("HOME"), m_home.path());
    environment.insert(QStringLiteral("XDG_CONFIG_HOME"), m_home.filePath(QStringLiteral("config")));
    environment.insert(QStringLiteral("XDG_RUNTIME_DIR"), cli.runtime);
    environment.insert(QStringLiteral("ALCHEMYST_AI_API_KEY"), QStringLiteral("budget-key"));
    environment.insert(QStringLiteral("ALCHEMYST_AI_BASE_URL"), m_simulator->baseUrl().toString());
    environment.remove(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"));
    cli.process = new QProcess(this);
    cli.process->setProcessEnvironment(environment);
    cli.process->start(QStringLiteral(AJM_CLI_PATH),
                       extra + QStringList{QStringLiteral("--env"), QStringLiteral("budgeted"),
                                           QStringLiteral("list"), QStringLiteral("--json")});
    return cli;
}

void TestBudget::expectBlockedAfter(Cli& cli, int before, int requests)
{
    // The simulator lives in this process: QTRY turns its event loop while the tool sends.
    QTRY_COMPARE_WITH_TIMEOUT(m_simulator->listRequestCount(), before + requests, 10000);
    // Then nothing more for a second and a half: the tool waits for its minute (a wait, not a QTRY: what is
    // checked is that nothing happens).
    QTest::qWait(1500);
    QCOMPARE(m_simulator->listRequestCount(), before + requests);
    QCOMPARE(cli.process->state(), QProcess::Running);
    // What it spent is in the ledger the window beside it would read: the same number.
    QDirIterator ledgers(cli.runtime, {QStringLiteral("alchemyst-budget-*.ledger")}, QDir::Files);
    QVERIFY(ledgers.hasNext());
    QCOMPARE(SharedLedger(ledgers.next(), 60000).recentCount(), requests);
    cli.process->kill();
    cli.process->waitForFinished();
}

void TestBudget::cliKeepsToTheEnvironmentsShare()
{
    // A share of 20 a minute lists them all at once.
    saveBudgetedEnvironment(1000, 20);
    Cli roomy = startList({});
    QTRY_COMPARE_WITH_TIMEOUT(roomy.process->state(), QProcess::NotRunning, 15000);
    QCOMPARE(roomy.process->exitCode(), 0);
    QCOMPARE(QJsonDocument::fromJson(roomy.process->readAllStandardOutput()).array().size(), 45);
    const int pages = m_simulator->listRequestCount();
    QVERIFY(pages >= 5);

    // A share of 3: three pages, then the tool waits for the minute to pass.
    saveBudgetedEnvironment(1000, 3);
    const int before = m_simulator->listRequestCount();
    Cli tight = startList({});
    expectBlockedAfter(tight, before, 3);
}

void TestBudget::cliRequestsPerMinuteOverridesTheShare()
{
    // Lower than the environment's share of 20: the lower one holds for this run.
    saveBudgetedEnvironment(1000, 20);
    const int start = m_simulator->listRequestCount();
    Cli lower = startList({QStringLiteral("--requests-per-minute"), QStringLiteral("2")});
    expectBlockedAfter(lower, start, 2);

    // Higher than a share of 3: this run may spend more, and lists everything.
    saveBudgetedEnvironment(1000, 3);
    const int before = m_simulator->listRequestCount();
    Cli higher = startList({QStringLiteral("--requests-per-minute"), QStringLiteral("50")});
    QTRY_COMPARE_WITH_TIMEOUT(higher.process->state(), QProcess::NotRunning, 15000);
    QCOMPARE(higher.process->exitCode(), 0);
    QCOMPARE(QJsonDocument::fromJson(higher.process->readAllStandardOutput()).array().size(), 45);
    QVERIFY(m_simulator->listRequestCount() - before > 3);
}

QTEST_GUILESS_MAIN(TestBudget)
#include "tst_budget.moc"
