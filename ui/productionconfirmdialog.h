#pragma once

#include <QDialog>

class QLineEdit;

namespace Alchemyst {

// Before a single cancel on a production environment: the operator types the environment's name, and only
// the exact name enables the confirmation.
class ProductionConfirmDialog : public QDialog
{
    Q_OBJECT

public:
    ProductionConfirmDialog(const QString& jobId, const QString& environmentName, QWidget* parent = nullptr);

    // True when the operator typed the name and confirmed.
    static bool confirm(const QString& jobId, const QString& environmentName, QWidget* parent);

private:
    bool typedName() const;

    QString m_environmentName;
    QLineEdit* m_edit = nullptr;
};

} // namespace Alchemyst
