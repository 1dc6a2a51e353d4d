#pragma once

#include "history/forecast.h"

#include <QLabel>
#include <QPointer>
#include <QTimer>

namespace Alchemyst {

class JobMonitor;
class JobSession;

// The drain verdict in words for the status bar: "Draining: 1,240 waiting, 85 completed a minute — clears
// in about 15 min", "Stalled: nothing completed in 15 min while 1,240 wait", "Growing: +40 a minute — …".
// Read from the session's history after every pass and every half minute (a verdict moves with the clock
// too: 15 minutes without a completion is a stall). Stalled and growing are drawn in the warning tone, the
// rest in the palette's text; the words say it all, the colour only helps.
class VerdictLabel : public QLabel
{
    Q_OBJECT

public:
    static constexpr int RefreshMs = 30 * 1000;

    explicit VerdictLabel(QWidget* parent = nullptr);

    // The session shown (nullptr: none, the label is empty and hidden).
    void setSession(JobSession* session);
    void setMonitor(JobMonitor* monitor); // the same, given the monitor (what TriageView passes around)
    // Reads the history again now.
    void reload();
    const DrainForecast& forecast() const { return m_forecast; }

    // The sentence is elided to the room the status bar gives it (at 800 px it shares the bar with the
    // budget and the refresh status), whole in the tool tip: it never pushes them out or is cut mid-word.
    QSize minimumSizeHint() const override;
    bool isElided() const;

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    static QString explanation();
    void applyTone();

    QPointer<JobMonitor> m_monitor;
    DrainForecast m_forecast;
    QTimer m_timer;
};

} // namespace Alchemyst
