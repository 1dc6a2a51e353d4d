#pragma once

#include "triage/changetracker.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QTimer>

class QAction;
class QMenu;
class QSystemTrayIcon;
class QWidget;

namespace Alchemyst {

class DesktopNotifier;
class JobMonitor;

// The tray icon and the one notification per pass that brought news (jobs newly failed or newly stuck).
// Every notification goes through notificationRaised() first, whether or not a tray exists, so that a
// test can count them. Rate-limited per environment: news within MinIntervalMs of the last notification
// is held and sent, summed, when the interval is over.
class TrayIcon : public QObject
{
    Q_OBJECT

public:
    static constexpr qint64 MinIntervalMs = 60 * 1000;

    explicit TrayIcon(QWidget* window, QObject* parent = nullptr);
    ~TrayIcon() override;

    // The monitor whose passes bring the news (null: none). News held for an environment left is still
    // shown when its interval is over.
    void setMonitor(JobMonitor* monitor);

    bool hasTray() const { return m_tray != nullptr; }
    // Where there is no tray (GNOME Shell by default), notifications go to the desktop's notification
    // server over D-Bus instead, and the tray's options are disabled.
    DesktopNotifier* desktopNotifier() const { return m_desktop; }
    // The one way a notification goes out: notificationRaised(), then the tray's balloon, or the desktop's
    // notification where there is no tray. stuckOnly: a click on it opens the Stuck state.
    void showNotification(const QString& title, const QString& text, bool stuckOnly);
    // Settings "notify/newFailures" (default on) and "tray/keepRunning" (default off).
    bool notifyEnabled() const;
    void setNotifyEnabled(bool on);
    bool keepRunningInTray() const;
    void setKeepRunningInTray(bool on);
    QAction* notifyAction() const { return m_notifyAction; }
    QAction* keepRunningAction() const { return m_keepAction; }
    // The window is being closed: true when it should hide into the tray instead (and it says so the
    // first time). quitRequested() makes the next close a real one.
    bool interceptClose();
    void setQuitting() { m_quitting = true; }

signals:
    void notificationRaised(const QString& title, const QString& text);
    // The operator clicked the notification (or the icon): show the window on this tab.
    void showRequested(bool stuck);

private:
    void onTriageUpdated();
    void raise(const QString& environment);

    struct Pending
    {
        PassSummary news;
        qint64 lastShownMs = 0;
    };

    QPointer<JobMonitor> m_monitor;
    QPointer<QWidget> m_window;
    QSystemTrayIcon* m_tray = nullptr;
    DesktopNotifier* m_desktop = nullptr;
    QMenu* m_menu = nullptr;
    QAction* m_notifyAction = nullptr;
    QAction* m_keepAction = nullptr;
    QHash<QString, Pending> m_pending; // per environment
    QTimer m_heldTimer;
    bool m_lastWasStuckOnly = false;
    bool m_quitting = false;
};

} // namespace Alchemyst
