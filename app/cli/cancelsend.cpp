// What a cancel sends (send(), which the core CancelService is to take over) and, with --dry-run, would
// send: apart from the judgement of the command line in cancelcommand.cpp.
#include "api/apiclient.h"
#include "cli/cancelcommand.h"
#include "cli/output.h"
#include "cli/terminaltext.h"
#include "core/cancelbatch.h"

#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace Alchemyst {

int CancelCommand::dryRunIds(ApiContext& context, const QStringList& ids, bool json)
{
    QTextStream& out = context.out();
    if (json) {
        QJsonArray send;
        for (const QString& id : ids)
            send.append(QJsonObject{{QStringLiteral("id"), id}, {QStringLiteral("stateBefore"), QString()}});
        out << QString::fromUtf8(QJsonDocument(QJsonObject{{QStringLiteral("dryRun"), true},
                                                           {QStringLiteral("send"), send},
                                                           {QStringLiteral("skip"), QJsonArray()}})
                                     .toJson(QJsonDocument::Compact))
            << '\n';
        return ExitCode::Success;
    }
    out << "Dry run: nothing was sent. Would send a cancel for " << ids.size() << " job(s) to "
        << terminalSafe(context.environmentName) << " (" << shown(context.baseUrl)
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
            send.append(
                QJsonObject{{QStringLiteral("id"), job.id}, {QStringLiteral("stateBefore"), job.state}});
        QJsonArray skip;
        for (const ReceiptLine& line : std::as_const(plan.skippedLines))
            skip.append(QJsonObject{{QStringLiteral("id"), line.id},
                                    {QStringLiteral("stateBefore"), line.stateBefore},
                                    {QStringLiteral("reason"), line.message}});
        out << QString::fromUtf8(QJsonDocument(QJsonObject{{QStringLiteral("dryRun"), true},
                                                           {QStringLiteral("send"), send},
                                                           {QStringLiteral("skip"), skip}})
                                     .toJson(QJsonDocument::Compact))
            << '\n';
        return ExitCode::Success;
    }
    out << "Dry run: nothing was sent. " << plan.total << " job(s) selected on "
        << terminalSafe(context.environmentName) << " (" << shown(context.baseUrl) << "): would cancel "
        << plan.toSend << ", would skip " << plan.skipped << ".\n";
    for (const Job& job : std::as_const(plan.sendList))
        out << "  send  " << terminalSafe(job.id).leftJustified(14) << "  "
            << terminalSafe(job.state).leftJustified(10) << "  "
            << (job.fileName.isEmpty() ? QStringLiteral("-") : terminalSafe(job.fileName)) << '\n';
    for (const ReceiptLine& line : std::as_const(plan.skippedLines))
        out << "  skip  " << terminalSafe(line.id).leftJustified(14) << "  "
            << terminalSafe(line.stateBefore).leftJustified(10) << "  " << terminalSafe(line.message) << '\n';
    for (const CancelPreview::Group& reason : std::as_const(plan.reasons))
        out << "Skipped: " << reason.total << " × " << terminalSafe(reason.name) << '\n';
    out.flush();
    return ExitCode::Success;
}

// THE SENDING (see the header): CancelService replaces this function's body.
int CancelCommand::send(ApiContext& context, const QStringList& ids, const JobList& selection,
                        bool journaling, bool json)
{
    QTextStream& out = context.out();
    QTextStream& err = context.err();
    const auto printLine = [&out](const ReceiptLine& line) { out << receiptText(line) << '\n' << Qt::flush; };
    const QString journalNote = QStringLiteral("): nothing more is sent. Give --no-journal to cancel without "
                                               "a record.\n");
    if (ids.isEmpty()) {
        CancelBatch batch(context.client, journaling ? &m_journal : nullptr, context.environmentName,
                          context.baseUrl.toString(), CancelOrigin::Cli);
        QEventLoop loop;
        QObject::connect(&batch, &CancelBatch::finished, &loop, &QEventLoop::quit);
        if (!json)
            QObject::connect(&batch, &CancelBatch::jobFinished, &loop,
                             [&printLine](const QString&, const ReceiptLine& line) { printLine(line); });
        QObject::connect(&batch, &CancelBatch::journalFailed, &loop, [&](const QString& reason) {
            err << "alchemyst-jobs: the journal could not be written (" << terminalSafe(reason)
                << journalNote;
            batch.stop();
        });
        batch.start(selection);
        if (!batch.isFinished())
            loop.exec();
        if (json)
            out << QString::fromUtf8(batch.receiptJson()) << Qt::flush;
        return batch.exitCode();
    }

    QList<ReceiptLine> lines;
    QString journalError;
    for (const QString& id : ids) {
        ReceiptLine line;
        line.id = id;
        if (!journalError.isEmpty()) {
            line.kind = ReceiptLine::Kind::NotSent;
            line.message = QStringLiteral("Not sent: the journal could not be written.");
            lines.append(line);
            continue;
        }
        ApiResult cancelled;
        wait([&](std::function<void()> finished) {
            context.client->cancelJob(id, [&, finished](const ApiResult& result) {
                cancelled = result;
                finished();
            });
        });
        line.kind = ReceiptLine::Kind::Sent;
        line.outcome = cancelled.outcome;
        line.httpStatus = cancelled.httpStatus;
        line.message = cancelled.message;
        lines.append(line);
        if (journaling) {
            JournalEntry entry;
            entry.environment = context.environmentName;
            entry.server = context.baseUrl.toString();
            entry.jobId = id;
            entry.httpStatus = line.httpStatus;
            entry.outcome = line.outcomeName();
            entry.message = line.message;
            entry.origin = originName(CancelOrigin::Cli);
            if (!m_journal.append(entry, &journalError))
                err << "alchemyst-jobs: the journal could not be written (" << terminalSafe(journalError)
                    << journalNote;
        }
        if (!json)
            printLine(line);
    }
    int worst = ExitCode::Success;
    for (const ReceiptLine& line : std::as_const(lines)) {
        if (!json && line.kind == ReceiptLine::Kind::NotSent)
            printLine(line);
        worst = qMax(worst, line.wasSent() ? exitCodeFor(line.outcome) : exitCodeFor(Outcome::Stopped));
    }
    if (json)
        out << QString::fromUtf8(CancelBatch::receiptToJson(lines)) << Qt::flush;
    out.flush();
    return worst;
}

} // namespace Alchemyst
