#include "triagesettingsdialog.h"

#include "appearance.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QSpinBox>
#include <QVBoxLayout>

namespace Alchemyst {

namespace {
constexpr qint64 MinuteMs = 60 * 1000;

QSpinBox* minutesSpin(QWidget* parent, const QString& objectName, qint64 ms)
{
    auto* spin = new QSpinBox(parent);
    spin->setObjectName(objectName);
    spin->setRange(1, static_cast<int>(StuckThresholds::MaximumMs / MinuteMs));
    spin->setSuffix(TriageSettingsDialog::tr(" min"));
    spin->setValue(static_cast<int>(qMax<qint64>(1, (ms + MinuteMs / 2) / MinuteMs)));
    return spin;
}
} // namespace

TriageSettingsDialog::TriageSettingsDialog(const QString& environmentName, const StuckThresholds& current,
                                           QWidget* parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("triageSettingsDialog"));
    setWindowTitle(tr("Stuck Thresholds"));
    auto* layout = new QVBoxLayout(this);
    auto* intro = new QLabel(
        tr("When is a job of %1 stuck? The API reports no progress: time in a state is all there is to "
           "go on.")
            .arg(environmentName.isEmpty() ? tr("this environment") : environmentName),
        this);
    intro->setTextFormat(Qt::PlainText);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    auto* form = new QFormLayout;
    m_active = minutesSpin(this, QStringLiteral("activeThresholdSpin"), current.activeMs);
    m_waiting = minutesSpin(this, QStringLiteral("waitingThresholdSpin"), current.waitingMs);
    form->addRow(tr("Active for over:"), m_active);
    form->addRow(tr("Waiting or delayed for over:"), m_waiting);
    layout->addLayout(form);
    auto* note = new QLabel(tr("Waiting time counts from when this app first saw the job waiting."), this);
    note->setTextFormat(Qt::PlainText);
    note->setWordWrap(true);
    setTextTone(note, Tone::Secondary);
    layout->addWidget(note);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    setMinimumWidth(380);
}

StuckThresholds TriageSettingsDialog::thresholds() const
{
    StuckThresholds thresholds;
    thresholds.activeMs = m_active->value() * MinuteMs;
    thresholds.waitingMs = m_waiting->value() * MinuteMs;
    return thresholds;
}

} // namespace Alchemyst
