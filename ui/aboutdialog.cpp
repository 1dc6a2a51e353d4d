#include "aboutdialog.h"

#include "actionicons.h"

#include <QApplication>
#include <QDialogButtonBox>
#include <QFile>
#include <QFontDatabase>
#include <QMenu>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QTabWidget>
#include <QVBoxLayout>

// Set by ui/CMakeLists.txt from the top-level CMakeLists.txt.
#ifndef AJM_GIT_COMMIT
#define AJM_GIT_COMMIT "unknown"
#endif
#ifndef AJM_RELEASE_DATE
#define AJM_RELEASE_DATE "unknown"
#endif

namespace Alchemyst {

namespace {

struct Licence
{
    const char* file;
    const char* title; // translated in the dialog
};

const Licence Licences[] = {
    {"alchemyst-job-monitor-MIT.txt",
     QT_TRANSLATE_NOOP("Alchemyst::LicencesDialog", "This application (MIT)")},
    {"qt-LGPL-3.0-notice.txt", QT_TRANSLATE_NOOP("Alchemyst::LicencesDialog", "Qt (LGPL-3.0)")},
    {"qtkeychain-BSD.txt", QT_TRANSLATE_NOOP("Alchemyst::LicencesDialog", "QtKeychain (BSD)")},
};

} // namespace

QString buildDescription()
{
    return QCoreApplication::translate(
               "Alchemyst::LicencesDialog",
               "Version %1 (commit %2, released %3). Built with Qt %4, running on Qt %5.")
        .arg(QStringLiteral(AJM_VERSION), QStringLiteral(AJM_GIT_COMMIT), QStringLiteral(AJM_RELEASE_DATE),
             QStringLiteral(QT_VERSION_STR), QString::fromLatin1(qVersion()));
}

void addHelpActions(QMenu* menu, QWidget* parent)
{
    QAction* about = menu->addAction(
        actionIcon(QStringLiteral("help-about")),
        QCoreApplication::translate("Alchemyst::LicencesDialog", "&About %1")
            .arg(QStringLiteral(AJM_APP_NAME)),
        parent, [parent] {
            QMessageBox::about(
                parent,
                QCoreApplication::translate("Alchemyst::LicencesDialog", "About %1")
                    .arg(QStringLiteral(AJM_APP_NAME)),
                QCoreApplication::translate(
                    "Alchemyst::LicencesDialog",
                    "<h3>%1</h3><p>Triage Alchemyst AI context-add ingestion jobs: list, filter and search "
                    "them, "
                    "see which are stuck and why jobs failed, and cancel the ones still waiting.</p><p>%2</p>"
                    "<p>Licence: MIT. It uses Qt (LGPL-3.0) and QtKeychain (BSD): see Help → Third-Party "
                    "Licences.</p><p><a href=\"https://getalchemystai.com\">getalchemystai.com</a> · "
                    "<a href=\"https://getalchemystai.com/docs\">API documentation</a></p>")
                    .arg(QStringLiteral(AJM_APP_NAME), buildDescription().toHtmlEscaped()));
        });
    about->setObjectName(QStringLiteral("aboutAction"));
    about->setMenuRole(QAction::AboutRole);
    QAction* aboutQt = menu->addAction(QCoreApplication::translate("Alchemyst::LicencesDialog", "About &Qt"),
                                       qApp, &QApplication::aboutQt);
    aboutQt->setObjectName(QStringLiteral("aboutQtAction"));
    aboutQt->setMenuRole(QAction::AboutQtRole);
    QAction* licences = menu->addAction(
        QCoreApplication::translate("Alchemyst::LicencesDialog", "Third-Party &Licences…"), parent, [parent] {
            auto* dialog = new LicencesDialog(parent);
            dialog->setAttribute(Qt::WA_DeleteOnClose);
            dialog->open();
        });
    licences->setObjectName(QStringLiteral("licencesAction"));
}

LicencesDialog::LicencesDialog(QWidget* parent)
    : QDialog(parent)
    , m_tabs(new QTabWidget(this))
{
    setObjectName(QStringLiteral("licencesDialog"));
    setWindowTitle(tr("Licences"));
    resize(720, 560);
    auto* layout = new QVBoxLayout(this);
    m_tabs->setObjectName(QStringLiteral("licenceTabs"));
    for (const Licence& licence : Licences) {
        auto* text = new QPlainTextEdit(m_tabs);
        text->setObjectName(QString::fromLatin1(licence.file));
        text->setReadOnly(true);
        text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
        text->setLineWrapMode(QPlainTextEdit::NoWrap);
        const QString title = tr(licence.title);
        text->setAccessibleName(title);
        text->setPlainText(licenceText(QString::fromLatin1(licence.file)));
        m_tabs->addTab(text, title);
    }
    layout->addWidget(m_tabs);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
}

QString LicencesDialog::licenceText(const QString& file)
{
    ensureResources();
    QFile in(QStringLiteral(":/licenses/") + file);
    if (!in.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(in.readAll());
}

} // namespace Alchemyst
