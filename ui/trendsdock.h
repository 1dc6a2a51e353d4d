#pragma once

#include <QDockWidget>
#include <QPointer>
#include <QTimer>

class QComboBox;
class QLabel;

namespace Alchemyst {

class JobMonitor;
class TrendsChart;

// Trends: how the queue moved and whether it will clear, from the local history of the current session's
// environment — the verdict in words ("Draining: …", "Stalled: …", "Growing: …"), a range (1 h to 90 days,
// remembered) and the chart. Read again after every pass and every half minute.
class TrendsDock : public QDockWidget
{
    Q_OBJECT

public:
    explicit TrendsDock(QWidget* parent = nullptr);

    void setMonitor(JobMonitor* monitor);
    // Reads the history again now.
    void reload();
    QString verdictText() const;
    TrendsChart* chart() const { return m_chart; }

private:
    qint64 rangeMs() const;

    QPointer<JobMonitor> m_monitor;
    QLabel* m_verdict = nullptr;
    QComboBox* m_range = nullptr;
    TrendsChart* m_chart = nullptr;
    QLabel* m_note = nullptr;
    QTimer m_timer;
};

} // namespace Alchemyst
