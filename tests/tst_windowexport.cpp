// The window's File → Export Visible Jobs… as JSON, driven through the real window against the simulator,
// against `alchemyst-jobs list --json` run as a process on the same simulator: every job the window wrote
// is, byte for byte, the object the CLI writes for it before the ages the CLI adds.
#include "core/jobmonitor.h"
#include "core/jobsession.h"
#include "exportrows.h"
#include "guifixture.h"
#include "jobs/jobmodel.h"
#include "mainwindow.h"
#include "simulator/simulator.h"

#include <QAction>
#include <QFile>
#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace Alchemyst;

namespace {

const QString Key = QStringLiteral("export-key");

// The objects of a --json array (or of the window's export), one a line, by jobId; the lines as written,
// without the comma between them.
QHash<QString, QByteArray> linesById(const QByteArray& json)
{
    QHash<QString, QByteArray> lines;
    QList<QByteArray> all = json.split('\n');
    if (all.size() < 3 || all.first() != "[" || all.at(all.size() - 2) != "]" || !all.last().isEmpty())
        return {};
    for (qsizetype i = 1; i < all.size() - 2; ++i) {
        QByteArray line = all.at(i);
        if (line.endsWith(','))
            line.chop(1);
        const QJsonObject object = QJsonDocument::fromJson(line).object();
        lines.insert(object.value(QLatin1String("jobId")).toString(), line);
    }
    return lines;
}

} // namespace

class TestWindowExport : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void jsonExportIsListJsonsObjects();

private:
    QTemporaryDir m_settingsDir;
    QTemporaryDir m_dataDir;
};

void TestWindowExport::initTestCase()
{
    QVERIFY(GuiFixture::isolateSettings(m_settingsDir, QStringLiteral("tst_windowexport")));
}

void TestWindowExport::jsonExportIsListJsonsObjects()
{
    Simulator* simulator = GuiFixture::startSimulator(Key, this);
    QVERIFY(simulator);
    GuiFixture::addJobs(*simulator, {"waiting", "delayed", "active", "completed", "failed", "cancelled"});
    // A file name a terminal would act on: C1 (CSI), DEL, a line separator and bidi controls.
    const QString odd = QStringLiteral("inv\u202eoice\u2066 \x7f\u009b[2J\u2028 é.pdf");
    simulator->addJob(QStringLiteral("failed"), odd);
    const int jobs = simulator->jobCount();

    QNetworkAccessManager manager;
    MainWindow window(&manager);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.useEnvironment(Environment{QStringLiteral("Local test"), simulator->baseUrl(), false}, Key);
    QTRY_COMPARE(window.jobModel()->rowCount(), jobs);
    window.session()->monitor()->setAutoRefresh(false);
    QTRY_VERIFY(!window.session()->monitor()->isRefreshing());

    const QString path = m_dataDir.filePath(QStringLiteral("visible.json"));
    setSaveFileNameProvider(
        [path](QWidget*, const QString&, const QString&, const QString&) { return path; });
    window.findChild<QAction*>(QStringLiteral("exportVisibleAction"))->trigger();
    setSaveFileNameProvider({});
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray exported = file.readAll();

    QTemporaryDir home;
    QVERIFY(home.isValid());
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("HOME"), home.path());
    environment.insert(QStringLiteral("XDG_CONFIG_HOME"), home.filePath(QStringLiteral("config")));
    environment.insert(QStringLiteral("XDG_DATA_HOME"), home.filePath(QStringLiteral("data")));
    environment.remove(QStringLiteral("DBUS_SESSION_BUS_ADDRESS")); // the key is given: no keychain
    environment.insert(QStringLiteral("ALCHEMYST_AI_BASE_URL"), simulator->baseUrl().toString());
    environment.insert(QStringLiteral("ALCHEMYST_AI_API_KEY"), Key);
    QProcess cli;
    cli.setProcessEnvironment(environment);
    cli.start(QStringLiteral(AJM_CLI_PATH), {QStringLiteral("list"), QStringLiteral("--json")});
    // The simulator lives in this process: its event loop turns while the tool runs.
    QVERIFY(QTest::qWaitFor([&cli] { return cli.state() == QProcess::NotRunning; }, 30000));
    QCOMPARE(cli.exitCode(), 0);
    const QByteArray listed = cli.readAllStandardOutput();

    const QHash<QString, QByteArray> mine = linesById(exported);
    const QHash<QString, QByteArray> theirs = linesById(listed);
    QCOMPARE(mine.size(), jobs);
    QCOMPARE(theirs.size(), jobs);
    for (auto it = mine.cbegin(); it != mine.cend(); ++it) {
        QVERIFY2(theirs.contains(it.key()), qPrintable(it.key()));
        // The window's object, then the CLI's own fields: ageMs, stuck, firstSeen.
        const QByteArray shared = it.value().chopped(1) + ",\"ageMs\":";
        QVERIFY2(theirs.value(it.key()).startsWith(shared),
                 QByteArray(it.value() + "\n" + theirs.value(it.key())).constData());
        const QJsonObject object = QJsonDocument::fromJson(it.value()).object();
        QVERIFY(!object.contains(QLatin1String("ageMs")));
        QVERIFY(!object.value(QLatin1String("processedOn")).isDouble()); // an ISO string or null, never ms
    }
    // The odd name went out escaped, and reads back as the server sent it.
    QVERIFY(exported.contains("inv\\u202eoice\\u2066 \\u007f\\u009b[2J\\u2028 é.pdf"));
    bool found = false;
    for (const QByteArray& line : mine)
        found = found ||
                QJsonDocument::fromJson(line).object().value(QLatin1String("fileName")).toString() == odd;
    QVERIFY(found);
}

QTEST_MAIN(TestWindowExport)
#include "tst_windowexport.moc"
