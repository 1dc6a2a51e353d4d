#include "trayicon.h"

#include "core/jobmonitor.h"
#include "desktopnotifier.h"
#include "monitorbinding.h"

#include <QAction>
#include <QApplication>
#include <QDateTime>
#include <QMenu>
#include <QMessageBox>
#include <QSet>
#include <QSettings>
#include <QSignalBlocker>
#include <QSystemTrayIcon>
#include <QWidget>

namespace Alchemyst {

namespace {
const QString NotifyKey = QStringLiteral("notify/newFailures");
const QString KeepKey = QStringLiteral("tray/keepRunning");
const QString ToldKey = QStringLiteral("tray/toldAboutKeepRunning");

void appendNew(QStringList& into, const QStringList& from)
{
    // A set, not QStringList::contains: a pass can bring tens of thousands of ids.
    QSet<QString> known(into.cbegin(), into.cend());
    for (const QString& id : from) {
        if (!known.contains(id)) {
            known.insert(id);
            into.append(id);
        }
    }
}
} // namespace

TrayIcon::TrayIcon(QWidget* window, QObject* parent)
    : QObject(parent)
    , m_window(window)
{
    m_notifyAction = new QAction(tr("&Notify about New Failures"), this);
    m_notifyAction->setObjectName(QStringLiteral("notifyAction"));
    m_notifyAction->setCheckable(true);
    m_notifyAction->setChecked(notifyEnabled());
    connect(m_notifyAction, &QAction::toggled, this, &TrayIcon::setNotifyEnabled);
    m_keepAction = new QAction(tr("&Keep Running in the Tray When Closed"), this);
    m_keepAction->setObjectName(QStringLiteral("keepInTrayAction"));
    m_keepAction->setCheckable(true);
    m_keepAction->setChecked(keepRunningInTray());
    connect(m_keepAction, &QAction::toggled, this, &TrayIcon::setKeepRunningInTray);

    if (QSystemTrayIcon::isSystemTrayAvailable()) {
        m_tray = new QSystemTrayIcon(this);
        m_tray->setObjectName(QStringLiteral("trayIcon"));
        QIcon icon = QApplication::windowIcon();
        if (icon.isNull())
            icon = QIcon::fromTheme(QStringLiteral("utilities-system-monitor"));
        m_tray->setIcon(icon);
        m_tray->setToolTip(QStringLiteral(AJM_APP_NAME));
        m_menu = new QMenu;
        m_menu->addAction(tr("&Show Window"), this, [this] { emit showRequested(false); });
        m_menu->addAction(m_notifyAction);
        m_menu->addAction(m_keepAction);
        m_menu->addSeparator();
        m_menu->addAction(tr("&Quit"), this, [this] {
            m_quitting = true;
            if (m_window)
                m_window->close();
            QApplication::quit();
        });
        m_tray->setContextMenu(m_menu);
        connect(m_tray, &QSystemTrayIcon::messageClicked, this,
                [this] { emit showRequested(m_lastWasStuckOnly); });
        connect(m_tray, &QSystemTrayIcon::activated, this, [this](QSystemTrayIcon::ActivationReason reason) {
            if (reason == QSystemTrayIcon::Trigger || reason == QSystemTrayIcon::DoubleClick)
                emit showRequested(false);
        });
        m_tray->show();
    } else {
        // No tray to keep running in; the news still reaches the desktop through its notification server.
        m_keepAction->setEnabled(false);
        const QSignalBlocker keepSetting(m_keepAction); // the operator's choice stays for a desktop with one
        m_keepAction->setChecked(false);
        m_keepAction->setToolTip(tr("This desktop has no system tray."));
        m_desktop = new DesktopNotifier(this);
        connect(m_desktop, &DesktopNotifier::activated, this,
                [this](const QString& tag) { emit showRequested(tag == QLatin1String("stuck")); });
    }

    m_heldTimer.setSingleShot(true);
    connect(&m_heldTimer, &QTimer::timeout, this, [this] {
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        for (auto it = m_pending.begin(); it != m_pending.end(); ++it)
            if (it->news.hasNews() && now - it->lastShownMs >= MinIntervalMs)
                raise(it.key());
    });
}

void TrayIcon::setMonitor(JobMonitor* monitor)
{
    if (!rebindMonitor(this, m_monitor, monitor))
        return;
    if (m_monitor)
        connect(m_monitor, &JobMonitor::triageUpdated, this, &TrayIcon::onTriageUpdated);
}

TrayIcon::~TrayIcon()
{
    delete m_menu;
}

bool TrayIcon::notifyEnabled() const
{
    return QSettings().value(NotifyKey, true).toBool();
}

void TrayIcon::setNotifyEnabled(bool on)
{
    QSettings().setValue(NotifyKey, on);
    m_notifyAction->setChecked(on);
    if (!on)
        m_pending.clear();
}

bool TrayIcon::keepRunningInTray() const
{
    return QSettings().value(KeepKey, false).toBool();
}

void TrayIcon::setKeepRunningInTray(bool on)
{
    QSettings().setValue(KeepKey, on);
    m_keepAction->setChecked(on);
}

bool TrayIcon::interceptClose()
{
    // Without a tray a hidden window could not be brought back: a close is a close.
    if (m_quitting || !m_tray || !keepRunningInTray())
        return false;
    QSettings settings;
    if (!settings.value(ToldKey, false).toBool()) {
        settings.setValue(ToldKey, true);
        // Once: the operator should know where the window went and how to quit for real.
        m_tray->showMessage(QStringLiteral(AJM_APP_NAME),
                            tr("Still running in the tray, watching for failures. Quit from the tray "
                               "icon's menu."),
                            QSystemTrayIcon::Information, 8000);
    }
    return true;
}

void TrayIcon::onTriageUpdated()
{
    if (!m_monitor)
        return;
    const PassSummary& summary = m_monitor->lastSummary();
    if (!summary.hasNews() || summary.baseline || !notifyEnabled())
        return;
    const QString environment = m_monitor->environmentName();
    Pending& pending = m_pending[environment];
    appendNew(pending.news.newlyFailed, summary.newlyFailed);
    appendNew(pending.news.newlyStuck, summary.newlyStuck);
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const qint64 wait = pending.lastShownMs + MinIntervalMs - now;
    if (pending.lastShownMs == 0 || wait <= 0) {
        raise(environment);
    } else if (!m_heldTimer.isActive() || m_heldTimer.remainingTime() > wait) {
        m_heldTimer.start(static_cast<int>(wait));
    }
}

void TrayIcon::raise(const QString& environment)
{
    Pending& pending = m_pending[environment];
    const QString text = environment.isEmpty()
                             ? pending.news.notificationText()
                             : tr("%1 on %2").arg(pending.news.notificationText(), environment);
    const bool stuckOnly = pending.news.newlyFailed.isEmpty();
    pending.news = PassSummary();
    pending.lastShownMs = QDateTime::currentMSecsSinceEpoch();
    showNotification(tr("Alchemyst jobs need a look"), text, stuckOnly);
}

void TrayIcon::showNotification(const QString& title, const QString& text, bool stuckOnly)
{
    m_lastWasStuckOnly = stuckOnly;
    emit notificationRaised(title, text);
    if (m_tray)
        m_tray->showMessage(title, text, QSystemTrayIcon::Warning, 10000);
    else if (m_desktop)
        m_desktop->notify(title, text, stuckOnly ? QStringLiteral("stuck") : QStringLiteral("failed"));
}

} // namespace Alchemyst
