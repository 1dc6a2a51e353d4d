#include "simulatecommand.h"

#include "simulator/simulator.h"

#include <QCoreApplication>

namespace Alchemyst {

QString SimulateCommand::description() const
{
    return QStringLiteral("run the built-in simulator of the API in the foreground");
}

QStringList SimulateCommand::synopsis() const
{
    return {QStringLiteral("simulate [--port N] [--token T] [--jobs N] [--still] [--account-limit N] "
                           "[--next-cancel running|gone] [--page-latency-ms N]")};
}

QList<QCommandLineOption> SimulateCommand::options() const
{
    return {
        QCommandLineOption(QStringLiteral("port"),
                           QStringLiteral("the port on 127.0.0.1 (default: any free one)"),
                           QStringLiteral("N")),
        QCommandLineOption(QStringLiteral("token"),
                           QStringLiteral("the API key it accepts (default demo-key)"), QStringLiteral("T")),
        QCommandLineOption(QStringLiteral("jobs"),
                           QStringLiteral("how many jobs it starts with (default 150)"), QStringLiteral("N")),
        QCommandLineOption(QStringLiteral("still"), QStringLiteral("jobs do not change on their own")),
        QCommandLineOption(QStringLiteral("account-limit"),
                           QStringLiteral("play an account: answer 429 with Retry-After once all clients "
                                          "together pass N requests in a minute"),
                           QStringLiteral("N")),
        QCommandLineOption(QStringLiteral("page-latency-ms"),
                           QStringLiteral("answer each list request N ms after it came, as a real server's "
                                          "page costs time (about 30 for 1000 jobs); other requests are "
                                          "served meanwhile (default 0)"),
                           QStringLiteral("N")),
        QCommandLineOption(
            QStringLiteral("next-cancel"),
            QStringLiteral("the first cancel meets a running job (409, the contract's message) "
                           "or finds the job gone (404), whatever its state"),
            QStringLiteral("OUTCOME")),
    };
}

QString SimulateCommand::details() const
{
    return QStringLiteral(
        "Prints its URL on stdout; use it with ALCHEMYST_AI_BASE_URL=URL ALCHEMYST_AI_API_KEY=demo-key "
        "alchemyst-jobs list (the key variable is sent only to the server ALCHEMYST_AI_BASE_URL names, so "
        "both "
        "are set). The tokens sim-payment-required, sim-forbidden, sim-rate-limited and sim-server-error "
        "make it "
        "answer 402, 403, 429 and 500. --next-cancel shows a cancel's other outcomes on demand; with "
        "AJM_SIMULATOR_CONTROL=1 in its environment, POST /_simulator/next-cancel?outcome=running (or gone) "
        "with the token as bearer sets it again for the next cancel. Ctrl+C stops it.\n");
}

QString SimulateCommand::exitCodes() const
{
    return QStringLiteral("1 it could not listen on the port; 2 usage.");
}

int SimulateCommand::readArguments(CommandContext& context)
{
    if (context.isSet(QStringLiteral("jobs"))) {
        bool ok = false;
        m_initialJobs = context.value(QStringLiteral("jobs")).toInt(&ok);
        if (!ok || m_initialJobs < 0 || m_initialJobs > 1000000)
            return context.usage(QStringLiteral("--jobs takes a number from 0 to 1000000."));
    }
    if (context.isSet(QStringLiteral("account-limit"))) {
        bool ok = false;
        m_accountLimit = context.value(QStringLiteral("account-limit")).toInt(&ok);
        if (!ok || m_accountLimit < 1 || m_accountLimit > 1000000)
            return context.usage(QStringLiteral("--account-limit takes a number from 1 to 1000000."));
    }
    if (context.isSet(QStringLiteral("page-latency-ms"))) {
        bool ok = false;
        m_pageLatencyMs = context.value(QStringLiteral("page-latency-ms")).toInt(&ok);
        if (!ok || m_pageLatencyMs < 0 || m_pageLatencyMs > 60000)
            return context.usage(QStringLiteral("--page-latency-ms takes a number from 0 to 60000."));
    }
    if (context.isSet(QStringLiteral("next-cancel"))) {
        const QString outcome = context.value(QStringLiteral("next-cancel")).trimmed().toLower();
        if (outcome != QLatin1String("running") && outcome != QLatin1String("gone"))
            return context.usage(QStringLiteral("--next-cancel takes running or gone."));
        m_nextCancel = outcome;
    }
    if (context.isSet(QStringLiteral("port"))) {
        bool ok = false;
        const uint value = context.value(QStringLiteral("port")).toUInt(&ok);
        if (!ok || value > 65535)
            return context.usage(QStringLiteral("--port takes a number from 0 to 65535."));
        m_port = static_cast<quint16>(value);
    }
    return ExitCode::Success;
}

int SimulateCommand::execute(CommandContext& context)
{
    Simulator::Options options;
    if (m_initialJobs >= 0)
        options.initialJobs = m_initialJobs;
    if (context.isSet(QStringLiteral("token")))
        options.token = context.value(QStringLiteral("token"));
    if (context.isSet(QStringLiteral("still")))
        options.live = false;
    options.retainFinished = qMax(options.retainFinished, options.initialJobs);
    options.accountLimit = m_accountLimit;
    options.pageLatencyMs = m_pageLatencyMs;
    Simulator simulator(options);
    if (simulator.listen(QHostAddress::LocalHost, m_port) == 0)
        return context.fail(ExitCode::Failure,
                            QStringLiteral("the simulator could not listen on 127.0.0.1:%1").arg(m_port));
    if (!m_nextCancel.isEmpty())
        simulator.setNextCancelOutcome(*Simulator::cancelOutcomeFromName(m_nextCancel));
    context.out << simulator.baseUrl().toString() << Qt::endl;
    context.err << "Simulator of the Alchemyst job API with " << simulator.jobCount()
                << " jobs. Use it with ALCHEMYST_AI_BASE_URL=" << simulator.baseUrl().toString()
                << " and the token given with --token (default demo-key). Ctrl+C stops it." << Qt::endl;
    return QCoreApplication::exec();
}

} // namespace Alchemyst
