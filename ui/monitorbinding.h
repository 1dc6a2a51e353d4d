#pragma once

#include "core/jobmonitor.h"
#include "jobs/jobmodel.h"

#include <QPointer>

namespace Alchemyst {

// The one way a view follows the session's monitor (as views follow a model in Qt's setModel()): the
// connections `receiver` made to the monitor it showed, and to that monitor's model, are dropped, and
// `current` becomes `next`. False when `next` is already shown, so that the caller keeps its state.
// The caller then connects to the new monitor, if any.
inline bool rebindMonitor(QObject* receiver, QPointer<JobMonitor>& current, JobMonitor* next)
{
    if (current == next)
        return false;
    if (current) {
        current->disconnect(receiver);
        current->model()->disconnect(receiver);
    }
    current = next;
    return true;
}

} // namespace Alchemyst
