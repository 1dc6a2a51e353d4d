#include "desktopnotifier.h"

#ifdef AJM_DESKTOP_NOTIFICATIONS
#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QDBusMessage>
#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>
#include <QDBusVariant>
#endif
#include <QVariantMap>

namespace Alchemyst {

DesktopNotifier::DesktopNotifier(QObject* parent)
    : QObject(parent)
{
#ifdef AJM_DESKTOP_NOTIFICATIONS
    QDBusConnection bus = QDBusConnection::sessionBus();
    if (bus.isConnected()) {
        // Signals of whichever server owns the name now or later (empty service: any sender).
        m_connected =
            bus.connect(QString(), QLatin1String(Path), QLatin1String(Interface),
                        QStringLiteral("ActionInvoked"), this, SLOT(onActionInvoked(uint, QString)));
        bus.connect(QString(), QLatin1String(Path), QLatin1String(Interface),
                    QStringLiteral("NotificationClosed"), this, SLOT(onClosed(uint, uint)));
    }
#endif
}

DesktopNotifier::~DesktopNotifier()
{
#ifdef AJM_DESKTOP_NOTIFICATIONS
    if (m_connected) {
        QDBusConnection bus = QDBusConnection::sessionBus();
        bus.disconnect(QString(), QLatin1String(Path), QLatin1String(Interface),
                       QStringLiteral("ActionInvoked"), this, SLOT(onActionInvoked(uint, QString)));
        bus.disconnect(QString(), QLatin1String(Path), QLatin1String(Interface),
                       QStringLiteral("NotificationClosed"), this, SLOT(onClosed(uint, uint)));
    }
#endif
}

bool DesktopNotifier::isAvailable()
{
#ifdef AJM_DESKTOP_NOTIFICATIONS
    const QDBusConnection bus = QDBusConnection::sessionBus();
    return bus.isConnected() && bus.interface() &&
           bus.interface()->isServiceRegistered(QLatin1String(Service)).value();
#else
    return false;
#endif
}

void DesktopNotifier::notify(const QString& title, const QString& body, const QString& tag)
{
#ifdef AJM_DESKTOP_NOTIFICATIONS
    QDBusMessage call = QDBusMessage::createMethodCall(QLatin1String(Service), QLatin1String(Path),
                                                       QLatin1String(Interface), QStringLiteral("Notify"));
    QVariantMap hints;
    hints.insert(QStringLiteral("urgency"), QVariant::fromValue(uchar(1))); // normal
    hints.insert(QStringLiteral("desktop-entry"), QStringLiteral("alchemyst-job-monitor"));
    // The body is plain: servers that read markup would otherwise interpret a job's text.
    QString plainBody = body;
    plainBody.replace(QLatin1Char('&'), QLatin1String("&amp;"))
        .replace(QLatin1Char('<'), QLatin1String("&lt;"))
        .replace(QLatin1Char('>'), QLatin1String("&gt;"));
    const uint replaces = m_idByTag.value(tag, 0);
    call << QStringLiteral(AJM_APP_NAME) << replaces << QStringLiteral("alchemyst-job-monitor") << title
         << plainBody << QStringList{QStringLiteral("default"), tr("Show")} << hints << int(-1);
    auto* watcher = new QDBusPendingCallWatcher(QDBusConnection::sessionBus().asyncCall(call), this);
    connect(watcher, &QDBusPendingCallWatcher::finished, this, [this, tag](QDBusPendingCallWatcher* self) {
        const QDBusPendingReply<uint> reply = *self;
        self->deleteLater();
        if (reply.isError()) {
            emit failed(tr("The desktop did not show the notification: %1").arg(reply.error().message()));
            return;
        }
        const uint id = reply.value();
        const uint previous = m_idByTag.value(tag, 0);
        if (previous != 0 && previous != id)
            m_tagById.remove(previous);
        m_idByTag.insert(tag, id);
        m_tagById.insert(id, tag);
        emit sent(id, tag);
    });
#else
    Q_UNUSED(title)
    Q_UNUSED(body)
    Q_UNUSED(tag)
#endif
}

void DesktopNotifier::onActionInvoked(uint id, const QString& action)
{
    const auto it = m_tagById.constFind(id);
    if (it == m_tagById.constEnd())
        return; // another application's
    if (action == QLatin1String("default"))
        emit activated(*it);
}

void DesktopNotifier::onClosed(uint id, uint reason)
{
    Q_UNUSED(reason)
    const QString tag = m_tagById.take(id);
    if (!tag.isEmpty() && m_idByTag.value(tag) == id)
        m_idByTag.remove(tag);
}

} // namespace Alchemyst
