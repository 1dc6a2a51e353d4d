#pragma once

#include <QDialog>
#include <QPointer>

class QCheckBox;
class QComboBox;
class QSpinBox;

namespace Alchemyst {

class JobSession;
class TrayIcon;

// Settings → Preferences… (QKeySequence::Preferences): the settings the window keeps, in one place.
// Reads the existing QSettings keys when opened and writes them on OK:
//   refresh/intervalSeconds (int s)            — also applied to the session's monitor
//   triage/<env>/stuckActiveMs, stuckWaitingMs — the current environment's (StuckThresholds), applied
//   notify/newFailures, tray/keepRunning       — through the TrayIcon when given (its actions follow)
//   appearance                                 — applied at once
//   view/absoluteTimes (bool, default false)   — JobTableWidget::absoluteTimesKey(), the one the table
//                                                reads; the box shows its opposite ("12 min ago")
//   cancel/confirmEvery, cancel/undoSeconds    — CancelController's
// and shows the environment's request budget (a placeholder until environments carry one). session and
// tray may be null: their groups are then disabled. applied() follows a write, for the window to redraw.
class PreferencesDialog : public QDialog
{
    Q_OBJECT

public:
    static constexpr char IntervalKey[] = "refresh/intervalSeconds";

    PreferencesDialog(JobSession* session, TrayIcon* tray, QWidget* parent = nullptr);

    // Writes what the dialog shows (OK does this, then closes).
    void apply();

signals:
    // The settings were written: the refresh interval spin, the table's times and the Stuck count are the
    // window's to bring up to date (stuckThresholdsChanged: the current environment's thresholds changed).
    void applied(bool stuckThresholdsChanged);

private:
    QPointer<JobSession> m_session;
    QPointer<TrayIcon> m_tray;
    QSpinBox* m_interval = nullptr;
    QSpinBox* m_stuckActive = nullptr;
    QSpinBox* m_stuckWaiting = nullptr;
    QCheckBox* m_notify = nullptr;
    QCheckBox* m_keepInTray = nullptr;
    QComboBox* m_appearance = nullptr;
    QCheckBox* m_relativeTimes = nullptr;
    QCheckBox* m_confirmEvery = nullptr;
    QSpinBox* m_undoSeconds = nullptr;
};

} // namespace Alchemyst
