#pragma once

#include "history/historystore.h"

namespace Alchemyst {

// The demo's past: six hours of a queue that filled up and is draining, generated once per demo
// environment so that Trends and the forecast have something to show from the first minute. Every job id
// it writes starts with "demo-history-", and the Trends view says that the hours before the start are
// generated. Does nothing (and answers false) when the environment already has passes in that span.
bool seedDemoHistory(HistoryStore& store, const QString& environmentKey, qint64 nowMs);

} // namespace Alchemyst
