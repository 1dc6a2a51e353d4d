#include "api/apiresult.h"
#include "cli/cli.h"

#include <QCoreApplication>
#include <QNetworkProxyFactory>
#include <cstdio>

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral(AJM_ORG_NAME));
    QCoreApplication::setOrganizationDomain(QStringLiteral(AJM_ORG_DOMAIN));
    QCoreApplication::setApplicationName(QStringLiteral("Alchemyst Job Monitor"));
    QCoreApplication::setApplicationVersion(QStringLiteral(AJM_VERSION));

    QNetworkProxyFactory::setUseSystemConfiguration(true); // honour the system's proxy settings
    // The core's sentences name this tool's commands, not the window's menus (a 401: "alchemyst-jobs login").
    Alchemyst::setMessageAudience(Alchemyst::MessageAudience::CommandLine);

    QTextStream out(stdout);
    QTextStream err(stderr);
    Alchemyst::Cli cli(out, err);
    const int code = cli.run(QCoreApplication::arguments());
    out.flush();
    err.flush();
    return code;
}
