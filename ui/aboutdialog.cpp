#include "aboutdialog.h"

#include "actionicons.h"

#include <QApplication>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QFile>
#include <QFontDatabase>
#include <QHeaderView>
#include <QLocale>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QStyle>
#include <QSysInfo>
#include <QTabWidget>
#include <QTreeWidget>
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

QString versionInformation()
{
    const QString style = qApp->style() ? qApp->style()->name() : QString();
    return QStringLiteral("%1 %2\n%3\nOS: %4 (%5, kernel %6)\nPlatform: %7, style %8\nLanguage: %9\n")
        .arg(QStringLiteral(AJM_APP_NAME), QStringLiteral(AJM_VERSION), buildDescription(),
             QSysInfo::prettyProductName(), QSysInfo::currentCpuArchitecture(), QSysInfo::kernelVersion(),
             QGuiApplication::platformName(), style, QLocale().name());
}

void addHelpActions(QMenu* menu, QWidget* parent)
{
    QAction* shortcuts = menu->addAction(
        QCoreApplication::translate("Alchemyst::LicencesDialog", "&Keyboard Shortcuts"), parent, [parent] {
            auto* dialog = new ShortcutsDialog(parent->window(), parent);
            dialog->setAttribute(Qt::WA_DeleteOnClose);
            dialog->open();
        });
    shortcuts->setObjectName(QStringLiteral("shortcutsAction"));
    shortcuts->setShortcut(QKeySequence::HelpContents);
    QAction* version =
        menu->addAction(QCoreApplication::translate("Alchemyst::LicencesDialog", "Copy &Version Information"),
                        parent, [] { QGuiApplication::clipboard()->setText(versionInformation()); });
    version->setObjectName(QStringLiteral("copyVersionAction"));
    version->setToolTip(QCoreApplication::translate(
        "Alchemyst::LicencesDialog", "Copies the version, commit, Qt and system details for a bug report"));
    menu->addSeparator();
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

namespace {

QString plainText(QString text)
{
    // "&Quit" → "Quit", "Save && Close" → "Save & Close"; "…" stays.
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text.at(i) == QLatin1Char('&'))
            text.remove(i, 1);
    }
    return text;
}

void collect(QMenu* menu, const QString& path, QList<ShortcutsDialog::Entry>* out)
{
    for (QAction* action : menu->actions()) {
        if (action->isSeparator())
            continue;
        if (QMenu* sub = action->menu()) {
            collect(sub, path + QStringLiteral(" → ") + plainText(sub->title()), out);
            continue;
        }
        const QList<QKeySequence> keys = action->shortcuts();
        if (keys.isEmpty())
            continue;
        QStringList texts;
        for (const QKeySequence& key : keys)
            texts.append(key.toString(QKeySequence::NativeText));
        out->append({path, plainText(action->text()), texts.join(QStringLiteral(", "))});
    }
}

} // namespace

QList<ShortcutsDialog::Entry> ShortcutsDialog::entries(QWidget* window)
{
    QList<Entry> result;
    auto* main = qobject_cast<QMainWindow*>(window);
    QMenuBar* bar = main ? main->menuBar() : (window ? window->findChild<QMenuBar*>() : nullptr);
    if (!bar)
        return result;
    for (QAction* top : bar->actions()) {
        if (QMenu* menu = top->menu())
            collect(menu, plainText(menu->title()), &result);
    }
    return result;
}

ShortcutsDialog::ShortcutsDialog(QWidget* window, QWidget* parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("shortcutsDialog"));
    setWindowTitle(tr("Keyboard Shortcuts"));
    resize(560, 520);
    auto* layout = new QVBoxLayout(this);
    auto* tree = new QTreeWidget(this);
    tree->setObjectName(QStringLiteral("shortcutsTree"));
    tree->setAccessibleName(tr("Keyboard shortcuts"));
    tree->setColumnCount(2);
    tree->setHeaderLabels({tr("Action"), tr("Shortcut")});
    tree->setRootIsDecorated(true);
    tree->setUniformRowHeights(true);
    QHash<QString, QTreeWidgetItem*> menus;
    for (const Entry& entry : entries(window)) {
        QTreeWidgetItem*& group = menus[entry.menu];
        if (!group) {
            group = new QTreeWidgetItem(tree, {entry.menu});
            QFont bold = group->font(0);
            bold.setBold(true);
            group->setFont(0, bold);
            group->setFirstColumnSpanned(true);
        }
        new QTreeWidgetItem(group, {entry.action, entry.shortcuts});
    }
    tree->expandAll();
    tree->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    tree->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    tree->header()->setStretchLastSection(false);
    layout->addWidget(tree);
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
