#pragma once

#include "cli/apicommand.h"
#include "core/journal.h"
#include "jobs/job.h"

#include <QRegularExpression>

namespace Alchemyst {

struct CancelPreview;

// cancel: waiting or delayed jobs, by id (sent as given) or by selectors (the list read once, the jobs picked
// that are not waiting or delayed skipped with the reason).
class CancelCommand : public ApiCommand
{
public:
    QString name() const override { return QStringLiteral("cancel"); }
    QString description() const override;
    QStringList synopsis() const override;
    QList<QCommandLineOption> options() const override;
    QString details() const override;
    QString exitCodes() const override;
    std::optional<Grammar> grammar(const QStringList& arguments) const override;
    int readArguments(CommandContext& context) override;

protected:
    // A production cancel not confirmed, or a journal that cannot be written: refused before the keychain.
    int beforeKeychain(ApiContext& context) override;
    int executeApi(ApiContext& context) override;

private:
    // --dry-run: what would be sent (and, for a selection, skipped); nothing is.
    int dryRunIds(ApiContext& context, const QStringList& ids, bool json);
    int dryRunSelection(ApiContext& context, const CancelPreview& plan, bool json);
    // The jobs of the listing that match every selector.
    JobList select(ApiContext& context, const JobList& jobs, const TriageSession& triage, qint64 now) const;

    // How long an interrupt waits for the answers already on their way before recording them as abandoned.
    static constexpr int InterruptGraceMs = 3000;
    // Sends through the core CancelService: ids non-empty: each id as given, its state unknown (""); else the
    // selection's cancellable jobs. Prints the receipt (one line a job as it is settled, or the JSON receipt)
    // and returns the highest exit code (130/143 after an interrupt).
    int send(ApiContext& context, const QStringList& ids, const JobList& selection, bool journaling,
             bool json);

    QStringList m_ids; // from the arguments and --from-file, in order, as given
    bool m_selecting = false;
    bool m_idsFromStdin = false;
    QRegularExpression m_fileNamePattern;
    std::optional<qint64> m_waitingOver;
    Journal m_journal;
};

} // namespace Alchemyst
