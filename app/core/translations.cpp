#include "translations.h"

#include <QCoreApplication>
#include <QDir>
#include <QLibraryInfo>
#include <QList>
#include <QPointer>
#include <QTranslator>

namespace Alchemyst {

namespace {

const QString OurName = QStringLiteral("alchemyst-job-monitor");
const QString OurDirectory = QStringLiteral(":/i18n");

QList<QPointer<QTranslator>>& installed()
{
    static QList<QPointer<QTranslator>> translators;
    return translators;
}

QTranslator* load(const QLocale& locale, const QString& name, const QString& directory)
{
    auto* translator = new QTranslator(QCoreApplication::instance());
    if (!translator->load(locale, name, QStringLiteral("_"), directory)) {
        delete translator;
        return nullptr;
    }
    return translator;
}

// The language the .ts file declared ("de").
QString languageOf(const QTranslator* translator)
{
    return translator ? translator->language() : QString();
}

// Qt's own translations: where Qt was built to find them (Debian: /usr/share/qt6/translations; an
// AppImage's or a macOS bundle's qt.conf points inside the bundle), else "translations" beside the
// executable, where windeployqt puts them.
QStringList qtDirectories()
{
    QStringList directories{QLibraryInfo::path(QLibraryInfo::TranslationsPath)};
    if (QCoreApplication::instance()) {
        const QString appDir = QCoreApplication::applicationDirPath();
        directories.append(appDir + QStringLiteral("/translations"));
#ifdef Q_OS_MACOS
        // Contents/MacOS/../Resources/translations: where packaging.cmake copies them into the bundle.
        directories.append(appDir + QStringLiteral("/../Resources/translations"));
#endif
    }
    return directories;
}

} // namespace

InstalledTranslations installTranslations(const QLocale& locale)
{
    for (const QPointer<QTranslator>& translator : std::as_const(installed())) {
        if (translator) {
            QCoreApplication::removeTranslator(translator);
            delete translator;
        }
    }
    installed().clear();

    InstalledTranslations result;
    QTranslator* ours = load(locale, OurName, OurDirectory);
    if (!ours) // a language we have no translation for: English, with its plural forms
        ours = load(QLocale(QLocale::English), OurName, OurDirectory);

    // Qt's own in the language ours speaks, so that a language we have no translation for gets English
    // throughout rather than its own dialog buttons in an English window. English needs none. "qt_" is
    // the catalogue that includes qtbase_ and the other modules' files (windeployqt writes only that).
    const QString language = languageOf(ours);
    QTranslator* qt = nullptr;
    result.qtDirectory = qtDirectories().constFirst();
    if (!language.isEmpty() && !language.startsWith(QLatin1String("en"))) {
        for (const QString& directory : qtDirectories()) {
            for (const QString& name : {QStringLiteral("qt"), QStringLiteral("qtbase")}) {
                if ((qt = load(QLocale(language), name, directory))) {
                    result.qtDirectory = directory;
                    break;
                }
            }
            if (qt)
                break;
        }
    }

    for (QTranslator* translator : {qt, ours}) {
        if (translator && QCoreApplication::installTranslator(translator))
            installed().append(translator);
    }
    result.language = language;
    result.qtLanguage = qt ? language : QString();
    return result;
}

bool setLanguage(const QString& code)
{
    if (code.isEmpty())
        return true;
    const QLocale locale(code);
    if (locale.language() == QLocale::C && code.compare(QLatin1String("C"), Qt::CaseInsensitive) != 0)
        return false;
    QLocale::setDefault(locale);
    return true;
}

} // namespace Alchemyst
