#pragma once

#include "cli/apicommand.h"

namespace Alchemyst {

// status ID: one job.
class StatusCommand : public ApiCommand
{
public:
    QString name() const override { return QStringLiteral("status"); }
    QString description() const override;
    QStringList synopsis() const override;
    QList<QCommandLineOption> options() const override;
    QString details() const override;
    QString exitCodes() const override;
    std::optional<Grammar> grammar(const QStringList& arguments) const override;

protected:
    int executeApi(ApiContext& context) override;
};

// failures: the failed jobs grouped by reason.
class FailuresCommand : public ApiCommand
{
public:
    QString name() const override { return QStringLiteral("failures"); }
    QString description() const override;
    QStringList synopsis() const override;
    QList<QCommandLineOption> options() const override;
    QString details() const override;
    QString exitCodes() const override;
    int readArguments(CommandContext& context) override;

protected:
    int executeApi(ApiContext& context) override;
};

} // namespace Alchemyst
