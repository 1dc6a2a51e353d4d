#include "verdictlabel.h"

#include "appearance.h"
#include "core/jobmonitor.h"
#include "core/jobsession.h"
#include "core/positionestimate.h"

#include <QDateTime>

namespace Alchemyst {

VerdictLabel::VerdictLabel(QWidget* parent)
    : QLabel(parent)
{
    setObjectName(QStringLiteral("verdictLabel"));
    setTextFormat(Qt::PlainText);
    setTextInteractionFlags(Qt::TextSelectableByMouse);
    setToolTip(tr("The backlog's forecast, from the completions and queue depth this app recorded over the "
                  "last 15 minutes"));
    m_timer.setInterval(RefreshMs);
    connect(&m_timer, &QTimer::timeout, this, &VerdictLabel::reload);
    // setTextTone follows palette changes (dark mode) on its own.
    hide();
}

void VerdictLabel::setSession(JobSession* session)
{
    setMonitor(session ? session->monitor() : nullptr);
}

void VerdictLabel::setMonitor(JobMonitor* monitor)
{
    if (m_monitor)
        m_monitor->disconnect(this);
    m_monitor = monitor;
    if (m_monitor) {
        connect(m_monitor, &JobMonitor::passFinished, this, &VerdictLabel::reload);
        m_timer.start();
    } else {
        m_timer.stop();
    }
    reload();
}

void VerdictLabel::reload()
{
    if (!m_monitor) {
        m_forecast = DrainForecast();
        clear();
        hide();
        return;
    }
    m_forecast =
        currentForecast(m_monitor->history(), m_monitor->historyKey(), QDateTime::currentMSecsSinceEpoch());
    setText(m_forecast.sentence);
    setAccessibleName(m_forecast.sentence);
    setVisible(!m_forecast.sentence.isEmpty());
    applyTone();
}

void VerdictLabel::applyTone()
{
    const bool warn =
        m_forecast.verdict == DrainVerdict::Stalled || m_forecast.verdict == DrainVerdict::Growing;
    setTextTone(this, warn ? std::optional<Tone>(WarningTone) : std::nullopt);
}

} // namespace Alchemyst
