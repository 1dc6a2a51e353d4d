#include "connectiondialog.h"
#include "core/connection.h"
#include "mainwindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>
#include <QNetworkAccessManager>
#include <QNetworkProxyFactory>
#include <cstdio>

using namespace Alchemyst;

int main(int argc, char* argv[])
{
#ifdef Q_OS_LINUX
    // X11's WM_CLASS must equal the .desktop file's StartupWMClass (the app id), as Wayland's app id does.
    if (!qEnvironmentVariableIsSet("RESOURCE_NAME"))
        qputenv("RESOURCE_NAME", AJM_APP_ID);
#endif
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral(AJM_ORG_NAME));
    QApplication::setOrganizationDomain(QStringLiteral(AJM_ORG_DOMAIN));
    QApplication::setApplicationName(QStringLiteral(AJM_APP_NAME));
    QApplication::setApplicationVersion(QStringLiteral(AJM_VERSION));
    QGuiApplication::setDesktopFileName(
        QStringLiteral(AJM_APP_ID)); // Wayland app id / WM class = .desktop name
    QIcon icon;
    for (const int size : {16, 32, 48, 128, 256})
        icon.addFile(QStringLiteral(":/icons/app-%1.png").arg(size), QSize(size, size));
    QApplication::setWindowIcon(icon);
    QNetworkProxyFactory::setUseSystemConfiguration(true); // honour the system's proxy settings

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Triage Alchemyst AI context-add ingestion jobs."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption demoOption(QStringLiteral("demo"),
                                        QStringLiteral("Start against the built-in simulator on loopback."));
    const QCommandLineOption baseUrlOption(QStringLiteral("base-url"), QStringLiteral("Server base URL."),
                                           QStringLiteral("URL"));
    const QCommandLineOption envOption(QStringLiteral("env"), QStringLiteral("Environment to open."),
                                       QStringLiteral("NAME"));
    parser.addOptions({demoOption, baseUrlOption, envOption});
    parser.process(app);

    QNetworkAccessManager manager;
    MainWindow window(&manager);
    EnvironmentStore store;

    auto useUrl = [&](const QUrl& url) {
        for (const Environment& environment : store.environments()) {
            if (environment.baseUrl == url)
                return window.useEnvironment(environment);
        }
        // Not saved: named after the server it points at.
        const QString name = displayHost(url);
        window.useEnvironment({name.isEmpty() ? url.toString() : name, url, false});
    };

    window.show();
    if (parser.isSet(demoOption)) {
        window.startDemo();
    } else if (parser.isSet(baseUrlOption)) {
        useUrl(parseBaseUrl(parser.value(baseUrlOption)));
    } else if (parser.isSet(envOption)) {
        const std::optional<Environment> environment = store.find(parser.value(envOption));
        if (!environment) {
            std::fprintf(stderr, "alchemyst-job-monitor: no environment named \"%s\"\n",
                         qPrintable(parser.value(envOption)));
            return 2;
        }
        window.useEnvironment(*environment);
    } else if (!baseUrlFromEnvironment().isEmpty()) {
        useUrl(baseUrlFromEnvironment());
    } else if (store.activeName() == EnvironmentStore::demoName()) {
        window.startDemo();
    } else if (const std::optional<Environment> active = store.find(store.activeName())) {
        window.useEnvironment(*active);
    } else if (!store.environments().isEmpty()) {
        window.useEnvironment(store.environments().constFirst());
    } else if (!apiKeyFromEnvironment().isEmpty()) {
        useUrl(defaultBaseUrl());
    } else {
        // First run: nothing configured. Ask, and save only what the operator saves.
        ConnectionDialog dialog(ConnectionDialog::FirstRun, &manager, &window);
        if (dialog.exec() == QDialog::Accepted) {
            if (dialog.demoRequested()) {
                window.startDemo();
            } else {
                window.addEnvironmentWithKey(dialog.environment(), dialog.apiKey());
            }
        }
    }
    return QApplication::exec();
}
