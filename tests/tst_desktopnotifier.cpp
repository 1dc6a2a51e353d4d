// Notifications where there is no tray: DesktopNotifier calls org.freedesktop.Notifications on the session
// bus, and TrayIcon uses it when QSystemTrayIcon has no tray (as under the offscreen platform). A fake
// notification server is registered on the test's own session bus (tests/run-tests.sh runs the tests under
// dbus-run-session); without a session bus the test is skipped.
#include "desktopnotifier.h"
#include "trayicon.h"

#include <QAction>
#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QSignalSpy>
#include <QSystemTrayIcon>
#include <QTest>
#include <QWidget>

using namespace Alchemyst;

// What a notification daemon answers, recording what it was asked.
class FakeNotifications : public QObject
{
    Q_OBJECT
    Q_CLASSINFO("D-Bus Interface", "org.freedesktop.Notifications")

public:
    struct Call
    {
        QString app;
        uint replaces = 0;
        QString summary;
        QString body;
        QStringList actions;
        QVariantMap hints;
    };
    QList<Call> calls;
    uint nextId = 40;

public slots:
    uint Notify(const QString& app, uint replaces, const QString& icon, const QString& summary,
                const QString& body, const QStringList& actions, const QVariantMap& hints, int timeout)
    {
        Q_UNUSED(icon)
        Q_UNUSED(timeout)
        calls.append({app, replaces, summary, body, actions, hints});
        return replaces != 0 ? replaces : ++nextId;
    }
    QStringList GetCapabilities() { return {QStringLiteral("actions"), QStringLiteral("body")}; }
    void CloseNotification(uint id) { emit NotificationClosed(id, 3); }

signals:
    void ActionInvoked(uint id, const QString& action);
    void NotificationClosed(uint id, uint reason);
};

class TestDesktopNotifier : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void notifiesThroughTheBus();
    void aClickComesBack();
    void sameTagReplaces();
    void trayIconFallsBackWithoutATray();

private:
    FakeNotifications m_fake;
    std::unique_ptr<QDBusConnection> m_server;
};

void TestDesktopNotifier::initTestCase()
{
    if (!QDBusConnection::sessionBus().isConnected())
        QSKIP("no session bus (run under dbus-run-session, as tests/run-tests.sh does)");
    // The fake lives on a connection of its own, as a daemon would.
    m_server = std::make_unique<QDBusConnection>(
        QDBusConnection::connectToBus(QDBusConnection::SessionBus, QStringLiteral("fake-notifications")));
    QVERIFY(m_server->isConnected());
    if (!m_server->registerService(QLatin1String(DesktopNotifier::Service)))
        QSKIP("org.freedesktop.Notifications is taken on this bus: not the test's own bus");
    QVERIFY(m_server->registerObject(QLatin1String(DesktopNotifier::Path), &m_fake,
                                     QDBusConnection::ExportAllSlots | QDBusConnection::ExportAllSignals));
    QTRY_VERIFY(DesktopNotifier::isAvailable());
}

void TestDesktopNotifier::cleanupTestCase()
{
    if (!m_server)
        return;
    m_server->unregisterObject(QLatin1String(DesktopNotifier::Path));
    m_server->unregisterService(QLatin1String(DesktopNotifier::Service));
    QDBusConnection::disconnectFromBus(QStringLiteral("fake-notifications"));
}

void TestDesktopNotifier::notifiesThroughTheBus()
{
    m_fake.calls.clear();
    DesktopNotifier notifier;
    QSignalSpy sent(&notifier, &DesktopNotifier::sent);
    notifier.notify(QStringLiteral("Alchemyst jobs need a look"), QStringLiteral("2 failed <b>x</b>"),
                    QStringLiteral("failed"));
    QTRY_COMPARE(sent.count(), 1);
    QCOMPARE(m_fake.calls.size(), 1);
    const FakeNotifications::Call& call = m_fake.calls.constFirst();
    QCOMPARE(call.app, QStringLiteral(AJM_APP_NAME));
    QCOMPARE(call.summary, QStringLiteral("Alchemyst jobs need a look"));
    QCOMPARE(call.body, QStringLiteral("2 failed &lt;b&gt;x&lt;/b&gt;")); // never markup
    QVERIFY(call.actions.contains(QStringLiteral("default")));
    QCOMPARE(call.hints.value(QStringLiteral("desktop-entry")).toString(),
             QStringLiteral("alchemyst-job-monitor"));
}

void TestDesktopNotifier::aClickComesBack()
{
    DesktopNotifier notifier;
    QSignalSpy sent(&notifier, &DesktopNotifier::sent);
    QSignalSpy activated(&notifier, &DesktopNotifier::activated);
    notifier.notify(QStringLiteral("t"), QStringLiteral("b"), QStringLiteral("stuck"));
    QTRY_COMPARE(sent.count(), 1);
    const uint id = sent.at(0).at(0).toUInt();
    emit m_fake.ActionInvoked(id + 1000, QStringLiteral("default")); // another application's
    emit m_fake.ActionInvoked(id, QStringLiteral("default"));
    QTRY_COMPARE(activated.count(), 1);
    QCOMPARE(activated.at(0).at(0).toString(), QStringLiteral("stuck"));
}

void TestDesktopNotifier::sameTagReplaces()
{
    m_fake.calls.clear();
    DesktopNotifier notifier;
    QSignalSpy sent(&notifier, &DesktopNotifier::sent);
    notifier.notify(QStringLiteral("t"), QStringLiteral("one"), QStringLiteral("failed"));
    QTRY_COMPARE(sent.count(), 1);
    notifier.notify(QStringLiteral("t"), QStringLiteral("two"), QStringLiteral("failed"));
    QTRY_COMPARE(sent.count(), 2);
    QCOMPARE(m_fake.calls.at(1).replaces, sent.at(0).at(0).toUInt());
}

void TestDesktopNotifier::trayIconFallsBackWithoutATray()
{
    if (QSystemTrayIcon::isSystemTrayAvailable())
        QSKIP("this platform has a tray");
    m_fake.calls.clear();
    QWidget window;
    TrayIcon tray(&window);
    QVERIFY(!tray.hasTray());
    QVERIFY(!tray.keepRunningAction()->isEnabled()); // nothing to keep running in
    QVERIFY(tray.notifyAction()->isEnabled());
    QVERIFY(tray.desktopNotifier());
    QSignalSpy shown(&tray, &TrayIcon::showRequested);
    QSignalSpy sent(tray.desktopNotifier(), &DesktopNotifier::sent);
    tray.showNotification(QStringLiteral("Alchemyst jobs need a look"), QStringLiteral("3 stuck"), true);
    QTRY_COMPARE(sent.count(), 1);
    QCOMPARE(m_fake.calls.constLast().body, QStringLiteral("3 stuck"));
    emit m_fake.ActionInvoked(sent.at(0).at(0).toUInt(), QStringLiteral("default"));
    QTRY_COMPARE(shown.count(), 1);
    QCOMPARE(shown.at(0).at(0).toBool(), true); // opens the Stuck state
}

QTEST_MAIN(TestDesktopNotifier)
#include "tst_desktopnotifier.moc"
