#include "environmentbadge.h"

#include "appearance.h"
#include "messages.h"

namespace Alchemyst {

EnvironmentBadge::EnvironmentBadge(QWidget* parent)
    : QLabel(parent)
{
    setObjectName(QStringLiteral("environmentBadge"));
    setTextFormat(Qt::PlainText);
    setAccessibleName(tr("Connected environment"));
}

void EnvironmentBadge::setEnvironment(const Environment& environment)
{
    Tone tone = Tone::Teal;
    QString label = environment.name;
    if (environment.name.isEmpty()) {
        label = tr("Not connected");
        tone = Tone::Grey;
    } else if (environment.name == EnvironmentStore::demoName()) {
        label = tr("DEMO · simulator");
        tone = Tone::Purple;
    } else if (environment.production) {
        label = tr("PRODUCTION · %1").arg(environment.name);
        tone = Tone::Red;
    }
    const QString host = displayHost(environment.baseUrl);
    setText(host.isEmpty() || host == label ? QStringLiteral("  %1  ").arg(label)
                                            : QStringLiteral("  %1  —  %2  ").arg(label, host));
    setProperty("production", environment.production);
    // The window's palette: the badge's own is the style sheet's once it is set.
    const ColorPair colors = solidBadge(tone, window()->palette());
    setStyleSheet(QStringLiteral("QLabel#environmentBadge { background: %1; color: %2; font-weight: 600; "
                                 "border-radius: 4px; padding: 3px 6px; }")
                      .arg(colors.background.name(), colors.foreground.name()));
    setToolTip(plainToolTip(environment.baseUrl.toDisplayString()));
    setAccessibleDescription(text().trimmed());
}

} // namespace Alchemyst
