// The window in German, as `alchemyst-job-monitor --language de` starts it: our translation and Qt's own,
// plural forms in German and English, and the active demo kept across a change of language.
#include "core/connection.h"
#include "core/translations.h"
#include "guifixture.h"
#include "jobs/jobmodel.h"
#include "mainwindow.h"
#include "simulator/simulator.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileInfo>
#include <QLabel>
#include <QLibraryInfo>
#include <QMenu>
#include <QMenuBar>
#include <QNetworkAccessManager>
#include <QPushButton>
#include <QSettings>
#include <QTabBar>
#include <QTemporaryDir>
#include <QTest>

using namespace Alchemyst;

class TestTranslation : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void languageOption();
    void germanWindow();
    void pluralForms();
    void qtOwnTranslations();
    void demoRememberedAcrossLanguages();

private:
    // As main() does for --language: the default locale, then the translators, then the widgets.
    static void speak(const QString& code)
    {
        QVERIFY(setLanguage(code));
        const InstalledTranslations installed = installTranslations();
        QVERIFY2(installed.language.startsWith(code), qPrintable(installed.language));
    }
    static QString jobsText(int n)
    {
        return QCoreApplication::translate("Alchemyst::RefreshTexts", "%Ln job(s)", nullptr, n);
    }
    QString statusText() const
    {
        return m_window->findChild<QLabel*>(QStringLiteral("lastRefreshLabel"))->text();
    }
    void openWindow()
    {
        m_window = new MainWindow(m_manager);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window));
    }

    QTemporaryDir m_settingsDir;
    QNetworkAccessManager* m_manager = nullptr;
    Simulator* m_simulator = nullptr;
    MainWindow* m_window = nullptr;
};

void TestTranslation::initTestCase()
{
    QVERIFY(GuiFixture::isolateSettings(m_settingsDir, QStringLiteral("tst_translation")));
}

void TestTranslation::init()
{
    QSettings().clear();
    m_manager = new QNetworkAccessManager(this);
    QVERIFY((m_simulator = GuiFixture::startSimulator(QStringLiteral("i18n-key"), this)));
}

void TestTranslation::cleanup()
{
    delete m_window;
    m_window = nullptr;
    delete m_simulator;
    delete m_manager;
    speak(QStringLiteral("en"));
}

void TestTranslation::languageOption()
{
    QVERIFY(!setLanguage(QStringLiteral("zz")));
    QVERIFY(setLanguage(QStringLiteral("de")));
    QCOMPARE(QLocale().language(), QLocale::German);
    QVERIFY(setLanguage(QString())); // the system's: nothing forced
    QCOMPARE(QLocale().language(), QLocale::German);
}

void TestTranslation::germanWindow()
{
    m_simulator->addJob(QStringLiteral("waiting"), QStringLiteral("report.pdf"));
    speak(QStringLiteral("de"));
    openWindow();
    QVERIFY(GuiFixture::connectWindow(m_window, *m_simulator, QStringLiteral("i18n-key"), 1,
                                      QStringLiteral("Lokal")));

    QStringList menus;
    for (const QAction* menu : m_window->menuBar()->actions())
        menus << menu->text();
    for (const char* title : {"&Datei", "&Jobs", "&Ansicht", "&Hilfe"})
        QVERIFY2(menus.contains(QLatin1String(title)), qPrintable(menus.join(QLatin1Char('|'))));
    QCOMPARE(m_window->findChild<QAction*>(QStringLiteral("refreshAction"))->text(),
             QStringLiteral("&Aktualisieren"));

    // Every menu's accelerators, the menu bar's included, are unique in German too.
    auto checkAccelerators = [](const QList<QAction*>& actions, const QString& where) {
        QHash<QChar, QString> taken;
        for (const QAction* action : actions) {
            const QString text = action->text();
            const qsizetype at = text.indexOf(QLatin1Char('&'));
            if (action->isSeparator() || at < 0 || at + 1 >= text.size())
                continue;
            const QChar key = text.at(at + 1).toLower();
            QVERIFY2(!taken.contains(key), qPrintable(QStringLiteral("%1: \"%2\" and \"%3\" share &%4")
                                                          .arg(where, taken.value(key), text, key)));
            taken.insert(key, text);
        }
    };
    QList<QAction*> titles;
    for (QAction* title : m_window->menuBar()->actions()) {
        titles << title;
        QList<QMenu*> menus{title->menu()};
        while (!menus.isEmpty()) {
            QMenu* menu = menus.takeFirst();
            if (!menu)
                continue;
            checkAccelerators(menu->actions(), menu->title());
            for (QAction* item : menu->actions())
                menus << item->menu();
        }
    }
    checkAccelerators(titles, QStringLiteral("menu bar"));

    const auto* tabs = m_window->findChild<QTabBar*>(QStringLiteral("stateFilter"));
    QStringList tabTexts;
    for (int i = 0; i < tabs->count(); ++i)
        tabTexts << tabs->tabText(i);
    const QString joined = tabTexts.join(QLatin1Char('|'));
    QVERIFY2(joined.contains(QLatin1String("Wartend")) && joined.contains(QLatin1String("Fehlgeschlagen")) &&
                 joined.contains(QLatin1String("Alle")) && !joined.contains(QLatin1String("Waiting")),
             qPrintable(joined));

    // The status bar: German words, and the German singular for one job.
    QTRY_VERIFY2(statusText().contains(QLatin1String("Letzte Aktualisierung")), qPrintable(statusText()));
    QVERIFY2(statusText().endsWith(QLatin1String(" 1 Job")), qPrintable(statusText()));

    // A second job: the plural, with the German word.
    m_simulator->addJob(QStringLiteral("failed"), QStringLiteral("notes.txt"));
    auto* refresh = m_window->findChild<QAction*>(QStringLiteral("refreshAction"));
    QTRY_VERIFY(refresh->isEnabled()); // the first pass has ended
    refresh->trigger();
    QTRY_COMPARE(m_window->jobModel()->rowCount(), 2);
    QTRY_VERIFY2(statusText().endsWith(QLatin1String(" 2 Jobs")), qPrintable(statusText()));
}

void TestTranslation::pluralForms()
{
    speak(QStringLiteral("de"));
    QCOMPARE(jobsText(1), QStringLiteral("1 Job"));
    QCOMPARE(jobsText(2), QStringLiteral("2 Jobs"));
    QCOMPARE(jobsText(12345), QStringLiteral("12.345 Jobs")); // %Ln: the locale's digit grouping
    QCOMPARE(QCoreApplication::translate("Alchemyst::JobModel", "%n day(s) ago", nullptr, 1),
             QStringLiteral("vor 1 Tag"));
    QCOMPARE(QCoreApplication::translate("Alchemyst::JobModel", "%n day(s) ago", nullptr, 3),
             QStringLiteral("vor 3 Tagen"));

    // English needs its plural forms too, or it would say "1 job(s)".
    speak(QStringLiteral("en"));
    QCOMPARE(jobsText(1), QStringLiteral("1 job"));
    QCOMPARE(jobsText(2), QStringLiteral("2 jobs"));
    QCOMPARE(jobsText(12345), QStringLiteral("12,345 jobs"));
    QCOMPARE(QCoreApplication::translate("Alchemyst::JobModel", "%n day(s) ago", nullptr, 1),
             QStringLiteral("1 day ago"));

    // A language without a translation of its own speaks English, plurals included.
    QVERIFY(setLanguage(QStringLiteral("fi")));
    QCOMPARE(installTranslations().language, QStringLiteral("en"));
    QCOMPARE(QCoreApplication::translate("Alchemyst::JobModel", "%n day(s) ago", nullptr, 2),
             QStringLiteral("2 days ago"));

    // And in the window: one job, in English.
    speak(QStringLiteral("en"));
    m_simulator->addJob(QStringLiteral("active"), QStringLiteral("one.pdf"));
    openWindow();
    QVERIFY(GuiFixture::connectWindow(m_window, *m_simulator, QStringLiteral("i18n-key"), 1,
                                      QStringLiteral("Local")));
    QTRY_VERIFY2(statusText().endsWith(QLatin1String(" 1 job")), qPrintable(statusText()));
}

void TestTranslation::qtOwnTranslations()
{
    const QString qtbase =
        QLibraryInfo::path(QLibraryInfo::TranslationsPath) + QStringLiteral("/qtbase_de.qm");
    if (!QFileInfo::exists(qtbase))
        QSKIP(qPrintable(QStringLiteral("%1 is not installed (Debian: qt6-translations-l10n)").arg(qtbase)));
    speak(QStringLiteral("de"));
    QCOMPARE(installTranslations().qtLanguage.left(2), QStringLiteral("de"));
    QDialogButtonBox buttons(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    QCOMPARE(buttons.button(QDialogButtonBox::Cancel)->text(), QStringLiteral("Abbrechen"));

    // English speaks Qt's source texts: no Qt translator is loaded for it.
    speak(QStringLiteral("en"));
    QVERIFY(installTranslations().qtLanguage.isEmpty());
    QDialogButtonBox english(QDialogButtonBox::Cancel);
    QCOMPARE(english.button(QDialogButtonBox::Cancel)->text(), QStringLiteral("Cancel"));
}

void TestTranslation::demoRememberedAcrossLanguages()
{
    speak(QStringLiteral("en"));
    openWindow();
    m_window->startDemo();
    QTRY_VERIFY(m_window->jobModel()->rowCount() > 0);
    QCOMPARE(EnvironmentStore().activeName(), QStringLiteral("Demo (local simulator)"));
    const QVariant stored = QSettings().value(QStringLiteral("activeEnvironment"));
    delete m_window;
    m_window = nullptr;

    // Started again in German: main() compares the active name with the demo's, now German.
    speak(QStringLiteral("de"));
    QCOMPARE(EnvironmentStore::demoName(), QStringLiteral("Demo (lokaler Simulator)"));
    QCOMPARE(EnvironmentStore().activeName(), EnvironmentStore::demoName());
    openWindow();
    m_window->startDemo();
    QTRY_VERIFY(m_window->jobModel()->rowCount() > 0);
    QCOMPARE(m_window->findChild<QComboBox*>(QStringLiteral("environmentCombo"))->currentText(),
             QStringLiteral("Demo (lokaler Simulator)"));
    // What is stored does not depend on the language it was stored in.
    QCOMPARE(QSettings().value(QStringLiteral("activeEnvironment")), stored);
    delete m_window;
    m_window = nullptr;

    // A settings file that holds the demo's translated name (any case) still means the demo, in English.
    QSettings().setValue(QStringLiteral("activeEnvironment"), QStringLiteral("demo (LOKALER Simulator)"));
    QCOMPARE(EnvironmentStore().activeName(), EnvironmentStore::demoName());
    speak(QStringLiteral("en"));
    QSettings().setValue(QStringLiteral("activeEnvironment"), QStringLiteral("DEMO (local simulator)"));
    QCOMPARE(EnvironmentStore().activeName(), QStringLiteral("Demo (local simulator)"));
    // A saved environment is still itself.
    QVERIFY(EnvironmentStore().save(
        {QStringLiteral("Staging"), QUrl(QStringLiteral("https://staging.example")), false}));
    QVERIFY(EnvironmentStore().setActiveName(QStringLiteral("Staging")));
    QCOMPARE(EnvironmentStore().activeName(), QStringLiteral("Staging"));
}

QTEST_MAIN(TestTranslation)
#include "tst_translation.moc"
