#include "statenames.h"

#include "jobs/job.h"

namespace Alchemyst {

QString stateDisplayName(const QString& state)
{
    const StateCategory category = categoryOf(state);
    // categoryName's translations (context Alchemyst::StateCategory): a cell and the filter that lists it
    // say the same word. Other is a bucket of unknown words, not a name of one of them.
    return category == StateCategory::Other ? state : categoryName(category);
}

} // namespace Alchemyst
