#include "preferencesdialog.h"

#include "appearance.h"
#include "cancelcontroller.h"
#include "core/connection.h"
#include "core/jobmonitor.h"
#include "core/jobsession.h"
#include "jobtablewidget.h"
#include "trayicon.h"
#include "triage/stuck.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTime>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QSettings>
#include <QSpinBox>
#include <QSystemTrayIcon>
#include <QVBoxLayout>

namespace Alchemyst {

namespace {

QSpinBox* spin(int minimum, int maximum, const QString& suffix, const QString& objectName, QWidget* parent)
{
    auto* box = new QSpinBox(parent);
    box->setRange(minimum, maximum);
    box->setSuffix(suffix);
    box->setObjectName(objectName);
    return box;
}

QGroupBox* group(const QString& title, const QString& objectName, QWidget* parent, QFormLayout** form)
{
    auto* box = new QGroupBox(title, parent);
    box->setObjectName(objectName);
    *form = new QFormLayout(box);
    return box;
}

int minutesOf(qint64 ms)
{
    return static_cast<int>(qBound(qint64(1), (ms + 59999) / 60000, qint64(365 * 24 * 60)));
}

} // namespace

PreferencesDialog::PreferencesDialog(JobSession* session, TrayIcon* tray, QWidget* parent)
    : QDialog(parent)
    , m_session(session)
    , m_tray(tray)
{
    setObjectName(QStringLiteral("preferencesDialog"));
    setWindowTitle(tr("Preferences"));
    auto* layout = new QVBoxLayout(this);
    QSettings settings;
    QFormLayout* form = nullptr;

    // Refreshing.
    layout->addWidget(group(tr("Refresh"), QStringLiteral("refreshGroup"), this, &form));
    m_interval = spin(2, 3600, tr(" s"), QStringLiteral("intervalSpin"), this);
    m_interval->setValue(
        settings.value(QLatin1String(IntervalKey), RefreshPolicy::DefaultIntervalSeconds).toInt());
    m_interval->setToolTip(tr("With many jobs the interval is stretched to stay within a third of the "
                              "account's request budget."));
    form->addRow(tr("&Refresh every:"), m_interval);

    // Stuck thresholds: the current environment's own.
    QGroupBox* stuck = group(tr("Stuck jobs"), QStringLiteral("stuckGroup"), this, &form);
    layout->addWidget(stuck);
    const StuckThresholds thresholds =
        m_session ? m_session->monitor()->triage().thresholds() : StuckThresholds();
    m_stuckActive = spin(1, 365 * 24 * 60, tr(" min"), QStringLiteral("stuckActiveSpin"), this);
    m_stuckActive->setValue(minutesOf(thresholds.activeMs));
    m_stuckWaiting = spin(1, 365 * 24 * 60, tr(" min"), QStringLiteral("stuckWaitingSpin"), this);
    m_stuckWaiting->setValue(minutesOf(thresholds.waitingMs));
    form->addRow(tr("&Active for longer than:"), m_stuckActive);
    form->addRow(tr("&Waiting or delayed for longer than:"), m_stuckWaiting);
    if (m_session)
        stuck->setTitle(tr("Stuck jobs on %1").arg(m_session->environment().name));
    else
        stuck->setEnabled(false);

    // Notifications and the tray.
    layout->addWidget(group(tr("Notifications"), QStringLiteral("notificationsGroup"), this, &form));
    m_notify = new QCheckBox(tr("&Notify about newly failed and stuck jobs"), this);
    m_notify->setObjectName(QStringLiteral("notifyCheck"));
    m_notify->setChecked(m_tray ? m_tray->notifyEnabled()
                                : settings.value(QStringLiteral("notify/newFailures"), true).toBool());
    form->addRow(m_notify);
    m_keepInTray = new QCheckBox(tr("&Keep running in the tray when the window is closed"), this);
    m_keepInTray->setObjectName(QStringLiteral("keepInTrayCheck"));
    m_keepInTray->setChecked(settings.value(QStringLiteral("tray/keepRunning"), false).toBool());
    form->addRow(m_keepInTray);
    if (!QSystemTrayIcon::isSystemTrayAvailable()) {
        m_keepInTray->setEnabled(false);
        m_keepInTray->setChecked(false);
        auto* note = new QLabel(tr("This desktop has no system tray: notifications go to its notification "
                                   "service."),
                                this);
        note->setObjectName(QStringLiteral("noTrayNote"));
        note->setWordWrap(true);
        form->addRow(note);
    }

    // Appearance and times.
    layout->addWidget(group(tr("Appearance"), QStringLiteral("appearanceGroup"), this, &form));
    m_appearance = new QComboBox(this);
    m_appearance->setObjectName(QStringLiteral("appearanceCombo"));
    m_appearance->addItem(tr("Follow the system"), appearanceName(Appearance::System));
    m_appearance->addItem(tr("Light"), appearanceName(Appearance::Light));
    m_appearance->addItem(tr("Dark"), appearanceName(Appearance::Dark));
    m_appearance->setCurrentIndex(qMax(0, m_appearance->findData(appearanceName(storedAppearance()))));
    form->addRow(tr("A&ppearance:"), m_appearance);
    m_relativeTimes =
        new QCheckBox(tr("Show times as &relative (\"12 min ago\"), the exact time in the tool tip"), this);
    m_relativeTimes->setObjectName(QStringLiteral("relativeTimesCheck"));
    m_relativeTimes->setChecked(!settings.value(JobTableWidget::absoluteTimesKey(), false).toBool());
    form->addRow(m_relativeTimes);

    // Cancels.
    layout->addWidget(group(tr("Cancelling"), QStringLiteral("cancelGroup"), this, &form));
    m_confirmEvery =
        new QCheckBox(tr("&Confirm every cancel (on production the name is always typed)"), this);
    m_confirmEvery->setObjectName(QStringLiteral("confirmEveryCheck"));
    m_confirmEvery->setChecked(CancelController::confirmEveryCancel());
    form->addRow(m_confirmEvery);
    m_undoSeconds =
        spin(0, CancelController::MaxUndoSeconds, tr(" s"), QStringLiteral("undoSecondsSpin"), this);
    m_undoSeconds->setSpecialValueText(tr("No Undo"));
    m_undoSeconds->setValue(CancelController::undoDelayMs() / 1000);
    m_undoSeconds->setToolTip(
        tr("A single cancel off production waits this long with Undo before it is sent, "
           "unless it was confirmed."));
    form->addRow(tr("&Undo time:"), m_undoSeconds);
    connect(m_confirmEvery, &QCheckBox::toggled, m_undoSeconds, &QWidget::setDisabled);
    m_undoSeconds->setDisabled(m_confirmEvery->isChecked());

    // The request budget: the environment's limit and share, once environments carry them.
    layout->addWidget(group(tr("Request budget"), QStringLiteral("budgetGroup"), this, &form));
    auto* budget = new QLabel(tr("Refreshes take at most a third of the platform's %L1 requests a minute; "
                                 "cancels and other tools on the same key have the rest.")
                                  .arg(RefreshPolicy::PlatformRequestsPerMinute),
                              this);
    budget->setObjectName(QStringLiteral("budgetPlaceholder"));
    budget->setWordWrap(true);
    form->addRow(budget);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        apply();
        accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

void PreferencesDialog::apply()
{
    QSettings settings;
    settings.setValue(QLatin1String(IntervalKey), m_interval->value());
    settings.setValue(JobTableWidget::absoluteTimesKey(), !m_relativeTimes->isChecked());
    CancelController::setConfirmEveryCancel(m_confirmEvery->isChecked());
    CancelController::setUndoSeconds(m_undoSeconds->value());
    if (m_tray) {
        m_tray->setNotifyEnabled(m_notify->isChecked());
        if (m_keepInTray->isEnabled())
            m_tray->setKeepRunningInTray(m_keepInTray->isChecked());
    } else {
        settings.setValue(QStringLiteral("notify/newFailures"), m_notify->isChecked());
        if (m_keepInTray->isEnabled())
            settings.setValue(QStringLiteral("tray/keepRunning"), m_keepInTray->isChecked());
    }
    const Appearance appearance =
        parseAppearance(m_appearance->currentData().toString()).value_or(Appearance::System);
    if (appearance != storedAppearance()) {
        storeAppearance(appearance);
        applyAppearance(appearance);
    }
    bool thresholdsChanged = false;
    if (m_session) {
        JobMonitor* monitor = m_session->monitor();
        monitor->setIntervalSeconds(m_interval->value());
        StuckThresholds thresholds = monitor->triage().thresholds();
        const StuckThresholds before = thresholds;
        // Minutes shown: a threshold the spin box rounds is kept as it was.
        if (m_stuckActive->value() != minutesOf(before.activeMs))
            thresholds.activeMs = m_stuckActive->value() * 60000LL;
        if (m_stuckWaiting->value() != minutesOf(before.waitingMs))
            thresholds.waitingMs = m_stuckWaiting->value() * 60000LL;
        if (thresholds != before) {
            monitor->triage().setThresholds(thresholds, QDateTime::currentMSecsSinceEpoch());
            monitor->triage().saveThresholds();
            thresholdsChanged = true;
        }
    }
    emit applied(thresholdsChanged);
}

} // namespace Alchemyst
