// MainWindow: the job row's menu (mouse and keyboard) and the removal of an environment.
#include "core/jobmonitor.h"
#include "credentials/secretstore.h"
#include "jobs/jobmodel.h"
#include "mainwindow.h"

#include <QAbstractButton>
#include <QAction>
#include <QClipboard>
#include <QGuiApplication>
#include <QHeaderView>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QStatusBar>
#include <QTableView>

namespace Alchemyst {

void MainWindow::showJobMenu(const QModelIndex& index, const QPoint& viewportPosition, bool fromKeyboard)
{
    if (!index.isValid())
        return;
    if (!m_table->selectionModel()->isRowSelected(index.row(), QModelIndex()))
        m_table->selectRow(index.row()); // a right click inside a selection keeps it
    QPoint position = viewportPosition;
    if (fromKeyboard) {
        // Beside the row, where the operator is looking: its first visible cell's lower left corner.
        m_table->scrollTo(index);
        const QRect row =
            m_table->visualRect(index.siblingAtColumn(m_table->horizontalHeader()->logicalIndexAt(0)));
        position = QPoint(qMax(0, row.left()) + 8, row.bottom());
    }
    const QString id = index.data(JobModel::JobIdRole).toString();
    QMenu menu(this);
    menu.setObjectName(QStringLiteral("jobMenu"));
    menu.setAccessibleName(tr("Job %1").arg(id));
    menu.addAction(m_cancelAction);
    menu.addSeparator();
    menu.addAction(tr("Copy Job ID"), this, [id] { QGuiApplication::clipboard()->setText(id); });
    menu.addAction(tr("Refresh This Job"), this, [this, id] { m_monitor->refreshJob(id); });
    menu.exec(m_table->viewport()->mapToGlobal(position));
}

void MainWindow::confirmRemoveEnvironment(const Environment& environment)
{
    if (environment.name.isEmpty() || environment.name == EnvironmentStore::demoName())
        return; // the built-in demo is not saved and cannot be removed
    auto* question = new QMessageBox(
        QMessageBox::Warning, tr("Remove environment"),
        tr("Remove the environment \"%1\" (%2) and delete its API key from the system keychain?\n\n"
           "To use it again you will need to add it and enter the key again.")
            .arg(environment.name, displayHost(environment.baseUrl)),
        QMessageBox::Cancel, this);
    question->setObjectName(QStringLiteral("removeEnvironmentQuestion"));
    question->setTextFormat(Qt::PlainText);
    QPushButton* remove = question->addButton(tr("Remove"), QMessageBox::DestructiveRole);
    remove->setObjectName(QStringLiteral("removeButton"));
    question->setDefaultButton(QMessageBox::Cancel);
    question->setEscapeButton(QMessageBox::Cancel);
    question->setAttribute(Qt::WA_DeleteOnClose);
    connect(question, &QMessageBox::buttonClicked, this,
            [this, remove, environment](QAbstractButton* button) {
                if (button == remove)
                    removeEnvironment(environment);
            });
    question->open();
}

void MainWindow::removeEnvironment(const Environment& environment)
{
    // The saved entry is the truth (the dialog may have shown edits not saved); the key first, as the
    // CLI's `env remove` does: nobody is told "removed" while the secret is still in the keychain.
    const Environment saved = m_store.find(environment.name).value_or(environment);
    m_secrets->remove(
        SecretStore::keyFor(saved.name, saved.baseUrl.toString()),
        [this, saved](const SecretResult& removed) {
            if (removed.status != SecretResult::Ok) {
                showMessage(
                    QStringLiteral("environmentRemoveErrorDialog"), QMessageBox::Critical,
                    tr("Environment not removed"),
                    tr("The API key of \"%1\" could not be removed from the keychain, so the environment "
                       "was kept. Try again when the keychain is available.")
                        .arg(saved.name),
                    removed.message);
                return;
            }
            // False with no error: it was not saved (given on the command line); its key is gone all the
            // same.
            if (!m_store.remove(saved.name) && !m_store.errorString().isEmpty()) {
                showMessage(
                    QStringLiteral("environmentRemoveErrorDialog"), QMessageBox::Critical,
                    tr("Environment not removed"),
                    tr("The API key of \"%1\" was removed from the keychain, but the environment could "
                       "not be removed.")
                        .arg(saved.name),
                    m_store.errorString());
                rebuildEnvironmentCombo();
                return;
            }
            statusBar()->showMessage(tr("Environment \"%1\" and its API key were removed.").arg(saved.name),
                                     10000);
            if (m_environment.name != saved.name)
                return rebuildEnvironmentCombo();
            // It was the one shown: go to another saved environment, else to the demo.
            const QList<Environment> rest = m_store.environments();
            if (!rest.isEmpty())
                useEnvironment(rest.constFirst());
            else
                startDemo();
        });
}

} // namespace Alchemyst
