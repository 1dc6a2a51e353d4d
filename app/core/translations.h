#pragma once

#include <QLocale>
#include <QString>

namespace Alchemyst {

// The language the application speaks: ours from the resources (":/i18n/alchemyst-job-monitor_<lang>.qm")
// for the first of the locale's UI languages that has one, and Qt's own (dialog buttons, context menus)
// in that same language from Qt's translations folder. English is a translation too: it holds the plural
// forms ("1 job", "2 jobs"), and a language without a translation of its own falls back to it.
//
// Install before any widget is built: widgets read their texts when they are made. Installing again
// replaces the translators installed before, so that a test can switch languages.
struct InstalledTranslations
{
    QString language;    // ours: "de", "en"
    QString qtLanguage;  // Qt's own; empty when Qt has none for the language (or English is spoken)
    QString qtDirectory; // where Qt's own were looked for
};

InstalledTranslations installTranslations(const QLocale& locale = QLocale());

// The locale for a --language option ("de", "de_DE", "en"): empty means the system's, which on Unix
// honours LANGUAGE, LC_ALL, LC_MESSAGES and LANG. A language given becomes the default locale, so that
// numbers and dates follow it too. False, with the locale unchanged, for a code that names no language.
bool setLanguage(const QString& code);

} // namespace Alchemyst
