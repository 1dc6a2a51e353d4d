#include "appearance.h"
#include "connectiondialog.h"
#include "core/connection.h"
#include "core/jobsession.h"
#include "core/resolvers.h"
#include "core/singleinstance.h"
#include "core/translations.h"
#include "mainwindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>
#include <QInputDialog>
#include <QNetworkAccessManager>
#include <QNetworkProxyFactory>
#include <cstdio>
#include <optional>

using namespace Alchemyst;

// Makes this start the one instance, or hands it over to the one already running. Returns the exit code
// when this start is to end here.
static std::optional<int> handOverToRunningInstance(SingleInstance& instance)
{
    if (!instance.tryBecomePrimary() && instance.role() == SingleInstance::Role::Secondary) {
        QByteArray message = "activate";
        for (const QString& argument : QApplication::arguments().mid(1))
            message += '\n' + argument.toUtf8();
        constexpr int answerTimeoutMs = 5000;
        if (instance.notifyPrimary(message, answerTimeoutMs)) {
            std::fprintf(stderr,
                         "alchemyst-job-monitor is already running; its window was brought forward.\n");
            if (QApplication::arguments().size() > 1)
                std::fprintf(stderr,
                             "The options given were not applied to it; switch environments there.\n");
            return 0;
        }
        // The primary may have quit meanwhile (it releases the lock on its way out); then this start is
        // the only one and carries on. Otherwise it is alive but hung: starting anyway would mean two
        // pollers once it recovers, so say whom to look at and leave it to the operator.
        if (!instance.tryBecomePrimary()) {
            const qint64 pid = instance.primaryPid();
            std::fprintf(stderr,
                         "alchemyst-job-monitor is already running%s but did not answer within %d seconds.\n"
                         "Close it (or end that process if it hangs) and start again.\n",
                         pid > 0 ? qPrintable(QStringLiteral(" (process %1)").arg(pid)) : "",
                         answerTimeoutMs / 1000);
            return 1;
        }
    }
    if (instance.role() == SingleInstance::Role::Unavailable) {
        // No lock could be made (say, a read-only runtime directory): guarding against a second window
        // is not worth refusing to start at all.
        std::fprintf(stderr, "alchemyst-job-monitor: cannot guard against a second instance: %s\n",
                     qPrintable(instance.errorString()));
    } else if (!instance.errorString().isEmpty()) {
        std::fprintf(stderr, "alchemyst-job-monitor: later starts cannot bring this window forward: %s\n",
                     qPrintable(instance.errorString()));
    }
    return std::nullopt;
}

namespace {

// The window's options, the same for the parse before any display is opened and the one after.
struct Options
{
    QCommandLineOption demo{QStringLiteral("demo"),
                            QStringLiteral("Start against the built-in simulator on loopback.")};
    QCommandLineOption baseUrl{QStringLiteral("base-url"), QStringLiteral("Server base URL."),
                               QStringLiteral("URL")};
    QCommandLineOption env{QStringLiteral("env"), QStringLiteral("Environment to open."),
                           QStringLiteral("NAME")};
    QCommandLineOption appearance{
        QStringLiteral("appearance"),
        QStringLiteral("Colours for this run: system, light or dark (default: as set in View > Appearance)."),
        QStringLiteral("MODE")};
    QCommandLineOption language{
        QStringLiteral("language"),
        QStringLiteral("Language for this run, e.g. de or en (default: the system's, LANGUAGE or LANG)."),
        QStringLiteral("CODE")};
    QCommandLineOption readOnly{
        QStringLiteral("read-only"),
        QStringLiteral("Cancel nothing in this run, whatever the environment says (a shared screen).")};

    void addTo(QCommandLineParser& parser) const
    {
        parser.setApplicationDescription(QStringLiteral("Triage Alchemyst AI context-add ingestion jobs."));
        parser.addHelpOption();
        parser.addVersionOption();
        parser.addOptions({demo, baseUrl, env, appearance, language, readOnly});
    }
};

void setIdentity()
{
    QCoreApplication::setOrganizationName(QStringLiteral(AJM_ORG_NAME));
    QCoreApplication::setOrganizationDomain(QStringLiteral(AJM_ORG_DOMAIN));
    QCoreApplication::setApplicationName(QStringLiteral(AJM_APP_NAME));
    QCoreApplication::setApplicationVersion(QStringLiteral(AJM_VERSION));
}

// --help and --version need no display: they are answered before QApplication, which aborts without one
// (no DISPLAY, no WAYLAND_DISPLAY), is built. help2man runs them at build time, often without a display.
std::optional<int> answerWithoutDisplay(int argc, char* argv[])
{
    bool wanted = false;
    for (int i = 1; i < argc; ++i) {
        const QByteArray argument(argv[i]);
        if (argument == "--") // what follows is positional
            break;
        if (argument == "-h" || argument == "--help" || argument == "--help-all" || argument == "-?" ||
            argument == "-v" || argument == "--version")
            wanted = true;
    }
    if (!wanted)
        return std::nullopt;
    QCoreApplication app(argc, argv);
    setIdentity();
    QCommandLineParser parser;
    const Options options;
    options.addTo(parser);
    parser.process(app); // prints the help or the version and exits, or says what is wrong and exits 1
    return 0;
}

} // namespace

int main(int argc, char* argv[])
{
    if (const std::optional<int> code = answerWithoutDisplay(argc, argv))
        return *code;
#ifdef Q_OS_LINUX
    // X11's WM_CLASS must equal the .desktop file's StartupWMClass (the app id), as Wayland's app id does.
    if (!qEnvironmentVariableIsSet("RESOURCE_NAME"))
        qputenv("RESOURCE_NAME", AJM_APP_ID);
#endif
    QApplication app(argc, argv);
    setIdentity();
    QGuiApplication::setDesktopFileName(
        QStringLiteral(AJM_APP_ID)); // Wayland app id / WM class = .desktop name
    QIcon icon;
    for (const int size : {16, 32, 48, 128, 256})
        icon.addFile(QStringLiteral(":/icons/app-%1.png").arg(size), QSize(size, size));
    QApplication::setWindowIcon(icon);
    QNetworkProxyFactory::setUseSystemConfiguration(true); // honour the system's proxy settings

    QCommandLineParser parser;
    const Options options;
    options.addTo(parser);
    const QCommandLineOption& demoOption = options.demo;
    const QCommandLineOption& baseUrlOption = options.baseUrl;
    const QCommandLineOption& envOption = options.env;
    const QCommandLineOption& appearanceOption = options.appearance;
    const QCommandLineOption& languageOption = options.language;
    parser.process(app);
    if (!setLanguage(parser.value(languageOption))) {
        std::fprintf(stderr,
                     "alchemyst-job-monitor: --language takes a language code such as de or en, not \"%s\"\n",
                     qPrintable(parser.value(languageOption)));
        return 2;
    }
    installTranslations(); // before any widget is built: widgets read their texts when they are made
    std::optional<Appearance> appearance = storedAppearance();
    if (parser.isSet(appearanceOption)) {
        appearance = parseAppearance(parser.value(appearanceOption));
        if (!appearance) {
            std::fprintf(stderr,
                         "alchemyst-job-monitor: --appearance takes system, light or dark, not \"%s\"\n",
                         qPrintable(parser.value(appearanceOption)));
            return 2;
        }
    }
    applyAppearance(*appearance);

    // One window per user: a second one would run a second poller on the same key and spend the API's
    // request budget twice. There is no override: a separate instance for development or tests gets its
    // own XDG_RUNTIME_DIR.
    SingleInstance instance(QStringLiteral(AJM_APP_ID));
    if (const std::optional<int> exitCode = handOverToRunningInstance(instance))
        return *exitCode;

    // Before any session is made: every environment of this run, the demo included, refuses cancels.
    JobSession::setForceReadOnly(parser.isSet(options.readOnly));
    QNetworkAccessManager manager;
    MainWindow window(&manager);
    // The message carries the other start's arguments, but switching the environment under the
    // operator's hands would surprise more than help: coming forward is all a second start does.
    QObject::connect(&instance, &SingleInstance::activationRequested, &window, [&window] {
        window.setWindowState(window.windowState() & ~Qt::WindowMinimized);
        window.show();
        window.raise();
        window.activateWindow();
        // A dialog open on top (the first-run one) is what the operator must answer: bring it along.
        if (QWidget* modal = QApplication::activeModalWidget()) {
            modal->raise();
            modal->activateWindow();
        }
    });
    // Which environment this start means: the one rule the CLI follows too (core/resolvers).
    EnvironmentStore store;
    const EnvironmentResolver resolver(store.environments(), store.activeName());
    EnvironmentResolver::Request request;
    request.window = true;
    request.demo = parser.isSet(demoOption);
    request.baseUrlText = parser.value(baseUrlOption).trimmed();
    request.envName = parser.value(envOption).trimmed();
    request.variableUrlText = qEnvironmentVariable(BaseUrlVariable).trimmed();
    request.haveVariableKey = !apiKeyFromEnvironment().isEmpty();
    const EnvironmentResolver::Resolution resolution = resolver.resolve(request);
    using Source = EnvironmentResolver::Resolution::Source;
    if (!resolution.problem.isEmpty() && resolution.environment.baseUrl.isEmpty()) {
        // A usage error (no such environment, --base-url with --env): said before any window appears.
        std::fprintf(stderr, "alchemyst-job-monitor: %s\n", qPrintable(resolution.problem));
        return 2;
    }

    window.show();
    if (resolution.source == Source::Demo) {
        window.startDemo();
    } else if (resolution.source == Source::None) {
        // First run: nothing configured. Ask, and save only what the operator saves.
        ConnectionDialog dialog(ConnectionDialog::FirstRun, &manager, &window);
        if (dialog.exec() == QDialog::Accepted) {
            if (dialog.demoRequested()) {
                window.startDemo();
            } else {
                window.addEnvironmentWithKey(dialog.environment(), dialog.apiKey());
            }
        }
    } else if (!resolution.ambiguous.isEmpty()) {
        // Several saved environments on that server: which one is meant decides its key and its records.
        QStringList names;
        for (const Environment& environment : resolution.ambiguous)
            names.append(environment.name);
        bool chosen = false;
        const QString name = QInputDialog::getItem(
            &window, QCoreApplication::translate("main", "Which environment?"),
            QCoreApplication::translate("main", "Several environments are on %1. Open which one?")
                .arg(displayHost(resolution.environment.baseUrl)),
            names, 0, false, &chosen);
        if (chosen) {
            for (const Environment& environment : resolution.ambiguous) {
                if (environment.name == name)
                    window.useEnvironment(environment);
            }
        }
    } else {
        // A URL that cannot be used is shown with the environment, in the window's banner.
        window.useEnvironment(resolution.environment);
    }
    return QApplication::exec();
}
