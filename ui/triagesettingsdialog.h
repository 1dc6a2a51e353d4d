#pragma once

#include "triage/stuck.h"

#include <QDialog>

class QSpinBox;

namespace Alchemyst {

// The stuck thresholds of one environment, in minutes.
class TriageSettingsDialog : public QDialog
{
    Q_OBJECT

public:
    TriageSettingsDialog(const QString& environmentName, const StuckThresholds& current,
                         QWidget* parent = nullptr);
    StuckThresholds thresholds() const;

private:
    QSpinBox* m_active = nullptr;
    QSpinBox* m_waiting = nullptr;
};

} // namespace Alchemyst
