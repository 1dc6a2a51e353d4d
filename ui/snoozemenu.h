#pragma once

#include "jobs/job.h"

#include <QString>
#include <functional>

class QMenu;

namespace Alchemyst {

class SnoozeStore;

// The Stuck state's context-menu entries for the selected jobs: Snooze Until Its State Changes, Snooze
// for 1 / 4 / 24 Hours, and Unsnooze when one of them is snoozed. A choice changes the store, saves it,
// then calls changed with the save's error (empty when saved), so that the caller recounts Stuck and
// repaints. Nothing is added when jobs is empty or store is null.
void addSnoozeActions(QMenu* menu, SnoozeStore* store, const JobList& jobs,
                      const std::function<void(const QString& error)>& changed);

} // namespace Alchemyst
