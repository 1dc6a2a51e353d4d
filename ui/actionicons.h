#pragma once

#include <QIcon>

namespace Alchemyst {

// The icon theme's icon of that freedesktop name when the system has one (Linux desktops), else the
// bundled drawing :/icons/actions/<name>.svg: Windows and macOS have no icon theme, and neither has a
// bare Linux session, so every action still shows an icon there.
QIcon actionIcon(const QString& name);

// Registers the resources compiled into the widgets library (icons, licence texts); idempotent.
void ensureResources();

} // namespace Alchemyst
