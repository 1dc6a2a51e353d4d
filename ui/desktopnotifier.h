#pragma once

#include <QHash>
#include <QObject>
#include <QString>

namespace Alchemyst {

// Notifications through the desktop's notification server (org.freedesktop.Notifications on the session
// bus), for desktops without a system tray, GNOME Shell's default among them, where
// QSystemTrayIcon::showMessage has nowhere to go. Each notification carries a "default" action: a click
// on it comes back as activated(tag). A notification with the same tag replaces the previous one, so that
// news held for a minute does not pile up. On platforms without D-Bus, isAvailable() is false and notify()
// does nothing.
class DesktopNotifier : public QObject
{
    Q_OBJECT

public:
    static constexpr char Service[] = "org.freedesktop.Notifications";
    static constexpr char Path[] = "/org/freedesktop/Notifications";
    static constexpr char Interface[] = "org.freedesktop.Notifications";

    explicit DesktopNotifier(QObject* parent = nullptr);
    ~DesktopNotifier() override;

    // A notification server is registered on the session bus now.
    static bool isAvailable();
    // Sends one notification (asynchronously): title as the summary, body as plain text. tag: what a click
    // on it is about ("failed", "stuck"); the previous notification of the same tag is replaced.
    void notify(const QString& title, const QString& body, const QString& tag);

signals:
    // The server accepted the notification and gave it this id.
    void sent(uint id, const QString& tag);
    void failed(const QString& why);
    // The operator clicked one of ours.
    void activated(const QString& tag);

private slots:
    void onActionInvoked(uint id, const QString& action);
    void onClosed(uint id, uint reason);

private:
    QHash<QString, uint> m_idByTag;
    QHash<uint, QString> m_tagById;
    bool m_connected = false;
};

} // namespace Alchemyst
