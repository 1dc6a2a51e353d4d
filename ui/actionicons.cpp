#include "actionicons.h"

// The resources live in the static widgets library; nothing else references them, so the linker would
// drop them unless they are initialised from code that is linked.
static void initResources()
{
    Q_INIT_RESOURCE(resources);
}

namespace Alchemyst {

void ensureResources()
{
    static const bool initialised = [] {
        initResources();
        return true;
    }();
    Q_UNUSED(initialised)
}

QIcon actionIcon(const QString& name)
{
    ensureResources();
    return QIcon::fromTheme(name, QIcon(QStringLiteral(":/icons/actions/%1.svg").arg(name)));
}

} // namespace Alchemyst
