#include "verdictlabel.h"

#include "appearance.h"
#include "core/jobmonitor.h"
#include "core/jobsession.h"
#include "core/positionestimate.h"

#include <QDateTime>
#include <QPainter>
#include <QStyle>

namespace Alchemyst {

VerdictLabel::VerdictLabel(QWidget* parent)
    : QLabel(parent)
{
    setObjectName(QStringLiteral("verdictLabel"));
    setTextFormat(Qt::PlainText);
    setTextInteractionFlags(Qt::TextSelectableByMouse);
    setToolTip(explanation());
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Preferred);
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
    setToolTip(m_forecast.sentence.isEmpty() ? explanation()
                                             : m_forecast.sentence + QStringLiteral("\n\n") + explanation());
    setVisible(!m_forecast.sentence.isEmpty());
    applyTone();
}

QString VerdictLabel::explanation()
{
    return tr("The backlog's forecast, from the completions and queue depth this app recorded over the last "
              "15 minutes");
}

QSize VerdictLabel::minimumSizeHint() const
{
    // Room for the verdict's first word and an ellipsis ("Draining: …"), never the whole sentence.
    const QSize whole = QLabel::minimumSizeHint();
    return {qMin(whole.width(), fontMetrics().horizontalAdvance(QStringLiteral("Draining: 1,240…")) +
                                    contentsMargins().left() + contentsMargins().right()),
            whole.height()};
}

bool VerdictLabel::isElided() const
{
    return fontMetrics().horizontalAdvance(text()) > contentsRect().width();
}

void VerdictLabel::paintEvent(QPaintEvent* event)
{
    Q_UNUSED(event)
    QPainter painter(this);
    const QRect room = contentsRect();
    const QString shown = fontMetrics().elidedText(text(), Qt::ElideRight, room.width());
    style()->drawItemText(&painter, room, int(alignment()), palette(), isEnabled(), shown, foregroundRole());
}

void VerdictLabel::applyTone()
{
    const bool warn =
        m_forecast.verdict == DrainVerdict::Stalled || m_forecast.verdict == DrainVerdict::Growing;
    setTextTone(this, warn ? std::optional<Tone>(WarningTone) : std::nullopt);
}

} // namespace Alchemyst
