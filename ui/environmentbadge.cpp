#include "environmentbadge.h"

#include "appearance.h"
#include "messages.h"

namespace Alchemyst {

namespace {

Tone toneOf(const Environment& environment)
{
    if (environment.name.isEmpty())
        return Tone::Grey;
    if (environment.name == EnvironmentStore::demoName())
        return Tone::Purple;
    return environment.production ? Tone::Red : Tone::Teal;
}

} // namespace

EnvironmentBadge::EnvironmentBadge(QWidget* parent)
    : QLabel(parent)
{
    setObjectName(QStringLiteral("environmentBadge"));
    setTextFormat(Qt::PlainText);
    setAccessibleName(tr("Connected environment"));
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    // The fill follows the appearance (light, dark) when it changes, not only when the environment does.
    followPalette(this, [this] { applyColors(); });
    setEnvironment(Environment());
}

QSize EnvironmentBadge::minimumSizeHint() const
{
    return {fontMetrics().horizontalAdvance(QStringLiteral("PRODUCTION")) + 24,
            QLabel::minimumSizeHint().height()};
}

void EnvironmentBadge::setEnvironment(const Environment& environment)
{
    m_environment = environment;
    QString label = environment.name;
    if (environment.name.isEmpty())
        label = tr("Not connected");
    else if (environment.name == EnvironmentStore::demoName())
        label = tr("DEMO · simulator");
    else if (environment.production)
        label = tr("PRODUCTION · %1").arg(environment.name);
    const QString host = displayHost(environment.baseUrl);
    setText(host.isEmpty() || host == label ? label : QStringLiteral("%1  —  %2").arg(label, host));
    setProperty("production", environment.production);
    setToolTip(plainToolTip(environment.baseUrl.toDisplayString()));
    setAccessibleDescription(text().trimmed());
    applyColors();
}

void EnvironmentBadge::applyColors()
{
    // The window's palette: the badge's own is the style sheet's once it is set.
    const ColorPair colors = solidBadge(toneOf(m_environment), window()->palette());
    const QString style =
        QStringLiteral("QLabel#environmentBadge { background: %1; color: %2; font-weight: 600; "
                       "border-radius: 3px; padding: 3px 10px; }")
            .arg(colors.background.name(), colors.foreground.name());
    if (styleSheet() != style)
        setStyleSheet(style);
}

} // namespace Alchemyst
