// What a cancel sends (send(), which the core CancelService is to take over) and, with --dry-run, would
// send: apart from the judgement of the command line in cancelcommand.cpp.
#include "api/apiclient.h"
#include "cli/cancelcommand.h"
#include "cli/output.h"
#include "cli/signalguard.h"
#include "cli/terminaltext.h"
#include "core/cancelbatch.h"
#include "core/cancelservice.h"

#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimer>

namespace Alchemyst {

namespace {

// A job a dry run would send or skip: jobId and status (null when not looked up), the old names kept one
// release.
QJsonObject dryRunJson(const QString& id, const QString& state)
{
    return {{QStringLiteral("jobId"), id},
            {QStringLiteral("status"), jsonTextOrNull(state)},
            {QStringLiteral("id"), id},
            {QStringLiteral("stateBefore"), state}};
}

} // namespace

int CancelCommand::dryRunIds(ApiContext& context, const QStringList& ids, bool json)
{
    QTextStream& out = context.out();
    if (json) {
        QJsonArray send;
        for (const QString& id : ids)
            send.append(dryRunJson(id, QString()));
        out << terminalSafeJsonText(QJsonDocument(QJsonObject{{QStringLiteral("dryRun"), true},
                                                              {QStringLiteral("send"), send},
                                                              {QStringLiteral("skip"), QJsonArray()}})
                                        .toJson(QJsonDocument::Compact))
            << '\n';
        return ExitCode::Success;
    }
    out << "Dry run: nothing was sent. Would send a cancel for " << counted(ids.size(), "job", "jobs")
        << " to " << terminalSafe(context.environmentName) << " (" << shown(context.baseUrl)
        << "); their states were not looked up, the server answers for each:\n";
    for (const QString& id : ids)
        out << "  " << terminalSafe(id) << '\n';
    return ExitCode::Success;
}

int CancelCommand::dryRunSelection(ApiContext& context, const CancelPreview& plan, bool json)
{
    QTextStream& out = context.out();
    if (json) {
        QJsonArray send;
        for (const Job& job : std::as_const(plan.sendList))
            send.append(dryRunJson(job.id, job.state));
        QJsonArray skip;
        for (const ReceiptLine& line : std::as_const(plan.skippedLines)) {
            QJsonObject skipped = dryRunJson(line.id, line.stateBefore);
            skipped.insert(QStringLiteral("reason"), line.message);
            skip.append(skipped);
        }
        out << terminalSafeJsonText(QJsonDocument(QJsonObject{{QStringLiteral("dryRun"), true},
                                                              {QStringLiteral("send"), send},
                                                              {QStringLiteral("skip"), skip}})
                                        .toJson(QJsonDocument::Compact))
            << '\n';
        return ExitCode::Success;
    }
    out << "Dry run: nothing was sent. " << counted(plan.total, "job", "jobs") << " selected on "
        << terminalSafe(context.environmentName) << " (" << shown(context.baseUrl) << "): would cancel "
        << plan.toSend << ", would skip " << plan.skipped << ".\n";
    // Columns as wide as their cells: a state like waiting-children or a long id keeps them aligned.
    TextTable table({QString(), QString(), QString(), QString()});
    for (const Job& job : std::as_const(plan.sendList))
        table.addRow({QStringLiteral("  send"), terminalSafe(job.id), terminalSafe(job.state),
                      job.fileName.isEmpty() ? QStringLiteral("-") : terminalSafe(job.fileName)});
    for (const ReceiptLine& line : std::as_const(plan.skippedLines))
        table.addRow({QStringLiteral("  skip"), terminalSafe(line.id), terminalSafe(line.stateBefore),
                      terminalSafe(line.message)});
    out << table.text().mid(table.header().size()); // no header: the sentence above says what they are
    for (const CancelPreview::Group& reason : std::as_const(plan.reasons))
        out << "Skipped: " << reason.total << " × " << terminalSafe(reason.name) << '\n';
    out.flush();
    return ExitCode::Success;
}

// The sending: CancelService, the one door the window uses too — journal written ahead, paced within
// --requests-per-minute, a 429 pausing the batch, a 401/402/403 stopping it. Ctrl+C or a kill (SIGTERM)
// stops sending, waits a bounded time for the answers in flight, records them (or records them as
// abandoned) and ends with 130 or 143.
int CancelCommand::send(ApiContext& context, const QStringList& ids, const JobList& selection,
                        bool journaling, bool json)
{
    QTextStream& out = context.out();
    QTextStream& err = context.err();
    CancelService service(context.manager, CancelOrigin::Cli);
    service.setTarget(context.environmentName, context.baseUrl);
    service.setApiKey(context.client->apiKey());
    service.client()->setTimeout(context.client->timeout());
    service.setJournal(m_journal);
    // beforeKeychain refused already; the service refuses too, should a path ever get here.
    service.setReadOnly(context.command.readOnly || (context.environment && context.environment->readOnly));
    if (context.pacer) {
        service.setAccountPacer(context.pacer);
    } else {
        service.setBatchBudget(1000000, 60 * 1000); // --requests-per-minute 0: unpaced
    }
    QEventLoop loop;
    QObject::connect(&service, &CancelService::batchFinished, &loop, &QEventLoop::quit);
    if (!json)
        QObject::connect(&service, &CancelService::jobSettled, &loop,
                         [&out](const QString&, const ReceiptLine& line) {
                             out << receiptText(line) << '\n' << Qt::flush;
                         });
    QObject::connect(&service, &CancelService::journalFailed, &loop, [&err](const QString& reason) {
        err << "alchemyst-jobs: the journal could not be written (" << terminalSafe(reason)
            << "): nothing more is sent. Give --no-journal to cancel without a record.\n"
            << Qt::flush;
    });
    QObject::connect(&service, &CancelService::paused, &loop, [&err](int, const QString& message) {
        err << "alchemyst-jobs: " << terminalSafe(message) << '\n' << Qt::flush;
    });
    SignalGuard interrupt;
    QObject::connect(&interrupt, &SignalGuard::interrupted, &loop, [&](int) {
        err << "alchemyst-jobs: interrupted: nothing more is sent; waiting up to " << InterruptGraceMs / 1000
            << " s for the answers on their way.\n"
            << Qt::flush;
        service.stopAll();
        QTimer::singleShot(InterruptGraceMs, &loop, [&service] {
            service.abandonInFlight(QStringLiteral(
                "Interrupted before the answer came: the job may or may not have been cancelled."));
        });
    });
    CancelBatch* batch =
        ids.isEmpty() ? service.startBatch(selection, journaling) : service.startIds(ids, journaling);
    if (!batch->isFinished())
        loop.exec();
    if (json) {
        // The receipt in the vocabulary of the other commands (jobId, status, null), the old names kept
        // one release: the window's export writes the same array (ReceiptLine::toJson), so they cannot
        // drift apart; here made safe for the terminal.
        out << terminalSafeJsonText(batch->receiptJson()) << Qt::flush;
    }
    out.flush();
    if (interrupt.caught())
        return interrupt.exitStatus();
    return batch->exitCode();
}

} // namespace Alchemyst
