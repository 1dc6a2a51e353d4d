#include "refreshtexts.h"

#include "api/apiresult.h"
#include "core/jobmonitor.h"
#include "core/jobsession.h"
#include "messages.h"

#include <QStringList>

namespace Alchemyst {

QString RefreshTexts::status(const JobSession* session, bool autoRefresh, int rows, bool timesInUtc,
                             const QDateTime& now)
{
    QStringList parts;
    const JobMonitor* current = session ? session->monitor() : nullptr;
    const bool refreshing = current && current->isRefreshing();
    const bool stale = current && current->isStale();
    const QDateTime lastGood = current ? current->lastGoodRefresh() : QDateTime();
    const QDateTime next = current ? current->nextRefreshAt() : QDateTime();
    // Rows restored from the last recorded list say how old they are until the first pass replaces them.
    if (session && session->restoredAsOf().isValid())
        parts << JobSession::asOfText(session->restoredAsOf(), now);
    if (refreshing) {
        const JobMonitor::Progress progress = current->progress();
        parts << (progress.pages == 0
                      ? tr("Loading jobs…")
                      : tr("Loading %Ln job(s)… page %1", nullptr, static_cast<int>(progress.received))
                            .arg(progress.pages));
    } else if (lastGood.isValid()) {
        const qint64 ago = lastGood.secsTo(now);
        parts << (stale ? tr("STALE — last good refresh %1 (%2 s ago)") : tr("Last refresh %1 (%2 s ago)"))
                     .arg((timesInUtc ? lastGood.toUTC().toString(QStringLiteral("HH:mm:ss 'UTC'"))
                                      : lastGood.toString(QStringLiteral("HH:mm:ss"))))
                     .arg(ago);
    } else {
        parts << tr("Not refreshed yet");
    }
    // Between full passes the tops of the lists are read every tick: then two ages say how fresh the
    // table is, the changes' and the whole list's.
    if (current && current->pollRounds() > 0)
        parts << current->freshnessText(now);
    const QString waiting = current ? current->waitingReason() : QString();
    if (!waiting.isEmpty() && next.isValid() && !refreshing) {
        parts << tr("%1 (%2 s left)").arg(waiting).arg(qMax<qint64>(0, now.secsTo(next)));
    } else if (!waiting.isEmpty()) {
        parts << waiting;
    } else if (!autoRefresh) {
        parts << tr("auto-refresh paused");
    } else if (next.isValid()) {
        parts << tr("next in %1 s").arg(qMax<qint64>(0, now.secsTo(next)));
    }
    parts << tr("%Ln job(s)", nullptr, rows);
    return parts.join(QStringLiteral("  ·  "));
}

QString RefreshTexts::refreshProblem(const ApiResult& result, int jobsShown)
{
    // Never a dialog for a refresh: the banner says what went wrong and what was read stays.
    QString text;
    if (result.outcome == Outcome::Stopped) {
        text = tr("<b>Loading stopped.</b> Showing the %n job(s) read so far; none was removed.", nullptr,
                  jobsShown);
    } else {
        text = tr("<b>Refresh failed.</b> %1").arg(escaped(outcomeSentence(result.outcome)));
        if (result.httpStatus > 0)
            text += QLatin1Char(' ') + tr("(HTTP %1)").arg(result.httpStatus);
        if (!result.message.isEmpty())
            text += QStringLiteral(" — ") + escaped(result.message);
        if (jobsShown > 0)
            text += QStringLiteral("<br>") + tr("Showing what was read so far; none was removed (stale).");
    }
    if (result.outcome == Outcome::RateLimited) {
        const int seconds = result.retryAfterSeconds >= 0 ? result.retryAfterSeconds : 60;
        text += QStringLiteral("<br>") +
                tr("Waiting %1 s before the next refresh, as the server asked.").arg(seconds);
    } else if (result.outcome == Outcome::Unauthorized) {
        text += QStringLiteral(" <a href=\"key\">") + tr("Enter a new key…") + QStringLiteral("</a>");
    } else {
        text += QStringLiteral(" <a href=\"retry\">") +
                (result.outcome == Outcome::Stopped ? tr("Load again") : tr("Retry now")) +
                QStringLiteral("</a>");
    }
    return text;
}

QString RefreshTexts::passNote(const QString& serverNote, int skipped)
{
    // Entries without a usable id are not rows: the banner says how many, never silence.
    const QString skippedText =
        skipped > 0 ? tr("%n list entries without a usable job id were skipped.", nullptr, skipped)
                    : QString();
    if (serverNote.isEmpty())
        return escaped(skippedText);
    return tr("<b>The server flagged its answer:</b> %1 The jobs it listed are shown.")
               .arg(escaped(serverNote)) +
           (skipped > 0 ? QStringLiteral("<br>") + escaped(skippedText) : QString());
}

QString RefreshTexts::historyProblem(const QString& sentence)
{
    if (sentence.isEmpty())
        return {};
    return tr("<b>History is not being recorded.</b> %1 The list still refreshes.").arg(escaped(sentence)) +
           QStringLiteral(" <a href=\"retry-history\">") + tr("Try again") + QStringLiteral("</a>");
}

} // namespace Alchemyst
