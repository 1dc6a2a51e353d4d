#include "productionconfirmdialog.h"

#include "messages.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace Alchemyst {

ProductionConfirmDialog::ProductionConfirmDialog(const QString& jobId, const QString& environmentName,
                                                 QWidget* parent)
    : QDialog(parent)
    , m_environmentName(environmentName)
{
    setObjectName(QStringLiteral("productionConfirmDialog"));
    setWindowTitle(tr("Cancel a job on production"));
    setMinimumWidth(440);
    auto* layout = new QVBoxLayout(this);
    auto* text =
        new QLabel(tr("You are about to cancel job <b>%1</b> on the production environment <b>%2</b>.<br>"
                      "Type the environment name to confirm:")
                       .arg(escaped(jobId), escaped(environmentName)),
                   this);
    text->setTextFormat(Qt::RichText);
    text->setWordWrap(true);
    layout->addWidget(text);
    m_edit = new QLineEdit(this);
    m_edit->setObjectName(QStringLiteral("confirmEdit"));
    m_edit->setPlaceholderText(environmentName);
    layout->addWidget(m_edit);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    // The safe way out says what it does: "Cancel" beside "Cancel Job" reads as two ways to cancel.
    QPushButton* keep = buttons->button(QDialogButtonBox::Cancel);
    keep->setText(tr("Keep Job"));
    keep->setObjectName(QStringLiteral("keepButton"));
    QPushButton* confirm = buttons->addButton(tr("Cancel Job"), QDialogButtonBox::AcceptRole);
    confirm->setObjectName(QStringLiteral("confirmButton"));
    confirm->setEnabled(false);
    layout->addWidget(buttons);
    connect(m_edit, &QLineEdit::textChanged, confirm, [this, confirm] { confirm->setEnabled(typedName()); });
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        if (typedName())
            accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

bool ProductionConfirmDialog::typedName() const
{
    return m_edit->text() == m_environmentName;
}

bool ProductionConfirmDialog::confirm(const QString& jobId, const QString& environmentName, QWidget* parent)
{
    ProductionConfirmDialog dialog(jobId, environmentName, parent);
    return dialog.exec() == QDialog::Accepted && dialog.typedName();
}

} // namespace Alchemyst
